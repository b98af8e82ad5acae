/*
 * test_report.c — one French/Spanish report rendered to every format and read back with the
 * tools an official's computer would use: pdftotext/pdfinfo (poppler-utils) for the PDF, unzip
 * and xmllint for the DOCX, XLSX and SVG, LibreOffice (when installed: scripts/install-deps
 * --office) converting the DOCX and XLSX to PDF. Checks that accents come out as the same
 * letters, that a 300-row table breaks across pages with its header repeated, and that hostile
 * text (markup, control characters) is escaped and breaks nothing.
 */
#include "test.h"

#include "report/render.h"

/* pango, fontconfig and glib keep process-wide caches that LeakSanitizer would report */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig\nleak:libpango\nleak:libglib\nleak:libgobject\nleak:libharfbuzz\n"
           "leak:libcairo\n";
}

#define EGALITE "« Égalité entre les femmes et les hommes »"
#define NINAS "Niñas, niños y adolescentes"
#define OEUVRER "Œuvrer"
#define LETTERS "ñ, ç, é, ü, ø"
#define HOSTILE "<script>alert(1)</script> & \x01\x02 \x1b[31m"
#define NROWS 300

static char dir[64];

/* Output of a shell command (stderr dropped), or NULL when it failed. Caller frees. */
static char *run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *run(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    struct buf out = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_append(&out, chunk, n);
    int status = pclose(p);
    char *s = buf_detach(&out);
    if (status != 0) {
        fprintf(stderr, "command failed (%d): %s\n", status, cmd);
        free(s);
        return NULL;
    }
    return s ? s : calloc(1, 1);
}

static int has_tool(const char *name)
{
    char *s = run("command -v %s >/dev/null 2>&1 && echo yes", name);
    int yes = s && strstr(s, "yes");
    free(s);
    return yes;
}

static struct doc *report_doc(int nrows)
{
    struct doc *d = doc_new("Rapport " EGALITE, "fr");
    doc_set_subtitle(d, "Examen périodique universel — " NINAS);
    doc_set_author(d, "Secrétariat du mécanisme national");
    doc_set_date(d, "17 mai 2024");
    doc_heading(d, 1, "Introduction");
    doc_para(d, OEUVRER " pour l'égalité : ");
    doc_run(d, LETTERS, DOC_BOLD);
    doc_run(d, " — texte en italique", DOC_ITALIC);
    doc_list_item(d, NINAS);
    doc_list_item(d, "Hostile: " HOSTILE);
    doc_heading(d, 2, "État d'avancement");
    const char *cats[] = {"Égalité", "Niñas y niños", OEUVRER, "Justice"};
    const char *series[] = {"Mise en œuvre", "En cours", "Non commencée"};
    const double values[] = {4, 2, 6, 1, 3, 5, 1, 2, 1, 0, 2, 3};
    doc_chart(d, DOC_CHART_STACKED, "Recommandations par thème",
              "Barres empilées : état des recommandations par thème", cats, 4, series, 3, values);
    doc_heading(d, 3, "Matrice de mise en œuvre");
    const char *header[] = {"Référence", "Recommandation", "Institution", "État"};
    const double widths[] = {1.4, 4, 2, 1.4};
    doc_table_begin(d, "Tableau 1 — " EGALITE, header, 4, DOC_TABLE_REPEAT_HEADER);
    doc_table_widths(d, widths);
    for (int r = 1; r <= nrows; r++) {
        char ref[32], text[160];
        snprintf(ref, sizeof ref, "REC-%03d", r);
        snprintf(text, sizeof text, "Garantir l'accès des niñas et niños à l'éducation (ligne %d)",
                 r);
        doc_table_row(d);
        doc_table_cell(d, ref);
        doc_table_cell(d, r == 7 ? HOSTILE : text);
        doc_table_cell(d, r % 2 ? "Ministère de la Justice" : "Défenseur des droits");
        doc_table_cell(d, r % 3 ? "En cours" : "Mise en œuvre");
    }
    doc_table_end(d);
    doc_page_break(d);
    doc_heading(d, 1, "Conclusion " HOSTILE);
    doc_para(d, "Fin du rapport. " LETTERS);
    return d;
}

static struct sheet_book *report_book(int nrows)
{
    struct sheet_book *b = sheet_new("Matrice " EGALITE, "Secrétariat");
    sheet_add(b, "Matrice", SHEET_FREEZE_HEADER | SHEET_AUTOFILTER);
    sheet_column(b, "Référence", 12);
    sheet_column(b, "Recommandation", 60);
    sheet_column(b, "Année", 8);
    sheet_column(b, "Taux", 8);
    sheet_column(b, "Échéance", 12);
    for (int r = 1; r <= nrows; r++) {
        char ref[32];
        snprintf(ref, sizeof ref, "REC-%03d", r);
        sheet_row(b);
        sheet_cell_text(b, ref);
        sheet_cell_text(b, r == 1 ? EGALITE : r == 2 ? NINAS : r == 3 ? HOSTILE : OEUVRER);
        sheet_cell_int(b, 2020 + r % 5);
        sheet_cell_num(b, r * 0.25);
        sheet_cell_date(b, "2026-12-31");
    }
    sheet_add(b, "Año", 0);
    sheet_column(b, "País", 20);
    sheet_row(b);
    sheet_cell_text(b, LETTERS);
    return b;
}

static const struct doc_chart *first_chart(const struct doc *d)
{
    for (size_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == DOC_CHART)
            return d->blocks[i].chart;
    return NULL;
}

static void path_of(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

/* Renders the fixture into every format once for all the tests. */
static int setup(void **state)
{
    snprintf(dir, sizeof dir, "/tmp/suivi-report-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    struct err err = {0};
    struct doc *d = report_doc(NROWS);
    struct sheet_book *b = report_book(NROWS);
    char p[128];
    struct buf html = BUF_INIT, svg = BUF_INIT;
    int rc = 0;
    path_of(p, sizeof p, "report.pdf");
    rc = rc ? rc : report_render_pdf(d, p, &err);
    path_of(p, sizeof p, "report.docx");
    rc = rc ? rc : report_render_docx(d, p, &err);
    path_of(p, sizeof p, "matrix.xlsx");
    rc = rc ? rc : report_render_xlsx(b, p, &err);
    rc = rc ? rc : report_render_html(d, &html, &err);
    rc = rc ? rc : report_chart_svg(first_chart(d), "c", &svg, &err);
    if (rc)
        fprintf(stderr, "render: %s\n", err.msg);
    FILE *f;
    path_of(p, sizeof p, "report.html");
    if (!rc && (f = fopen(p, "w"))) {
        fputs(buf_str(&html), f);
        fclose(f);
    }
    path_of(p, sizeof p, "chart.svg");
    if (!rc && (f = fopen(p, "w"))) {
        fputs(buf_str(&svg), f);
        fclose(f);
    }
    buf_free(&html);
    buf_free(&svg);
    doc_free(d);
    sheet_free(b);
    *state = NULL;
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    if (getenv("SUIVI_TEST_KEEP")) { /* to look at the files */
        fprintf(stderr, "kept %s\n", dir);
        return 0;
    }
    char *s = run("rm -rf '%s'", dir);
    free(s);
    return 0;
}

static void test_pdf_text_has_accents_and_many_pages(void **state)
{
    (void)state;
    if (!has_tool("pdftotext"))
        skip();
    char *text = run("pdftotext -enc UTF-8 '%s/report.pdf' -", dir);
    assert_non_null(text);
    assert_non_null(strstr(text, "Égalité entre les femmes et les hommes"));
    assert_non_null(strstr(text, NINAS));
    assert_non_null(strstr(text, OEUVRER));
    assert_non_null(strstr(text, LETTERS));
    assert_non_null(strstr(text, "<script>alert(1)</script> &")); /* drawn as text */
    assert_non_null(strstr(text, "REC-300"));
    free(text);
    char *info = run("pdfinfo '%s/report.pdf'", dir);
    assert_non_null(info);
    const char *pages = strstr(info, "Pages:");
    assert_non_null(pages);
    int n = atoi(pages + 6);
    assert_true(n > 3);
    assert_non_null(strstr(info, "Rapport « Égalité entre les femmes"));
    free(info);
    char *last = run("pdftotext -enc UTF-8 -f %d -l %d '%s/report.pdf' -", n, n, dir);
    char expect[32];
    snprintf(expect, sizeof expect, "Page %d sur %d", n, n);
    assert_non_null(strstr(last, expect));
    free(last);
}

static void test_pdf_table_repeats_its_header_on_following_pages(void **state)
{
    (void)state;
    if (!has_tool("pdftotext"))
        skip();
    for (int page = 2; page <= 3; page++) {
        char *text = run("pdftotext -enc UTF-8 -f %d -l %d '%s/report.pdf' -", page, page, dir);
        assert_non_null(text);
        assert_non_null(strstr(text, "REC-"));
        assert_non_null(strstr(text, "Référence"));
        assert_non_null(strstr(text, "Recommandation"));
        free(text);
    }
}

/* Runs xmllint on one part of a zip archive. */
static int part_is_xml(const char *archive, const char *part)
{
    char *s = run("unzip -p '%s/%s' '%s' | xmllint --noout - && echo ok", dir, archive, part);
    int ok = s && strstr(s, "ok");
    free(s);
    return ok;
}

static void test_docx_parts_are_xml_with_text_styles_and_picture(void **state)
{
    (void)state;
    if (!has_tool("unzip") || !has_tool("xmllint"))
        skip();
    static const char *const parts[] = {"\\[Content_Types].xml", "_rels/.rels",
                                        "docProps/core.xml",     "word/document.xml",
                                        "word/styles.xml",       "word/numbering.xml",
                                        "word/footer1.xml",      "word/_rels/document.xml.rels"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        assert_true(part_is_xml("report.docx", parts[i]));
    char *doc = run("unzip -p '%s/report.docx' word/document.xml", dir);
    assert_non_null(doc);
    assert_non_null(strstr(doc, EGALITE));
    assert_non_null(strstr(doc, NINAS));
    assert_non_null(strstr(doc, LETTERS));
    assert_non_null(strstr(doc, "&lt;script&gt;alert(1)&lt;/script&gt; &amp;  [31m"));
    assert_null(strstr(doc, "<script>"));
    assert_non_null(strstr(doc, "<w:tblHeader/>"));
    assert_non_null(strstr(doc, "<w:pStyle w:val=\"Heading3\"/>"));
    assert_non_null(strstr(doc, "<w:br w:type=\"page\"/>"));
    assert_non_null(strstr(doc, "descr=\"Barres empilées"));
    assert_non_null(strstr(doc, "Données: Recommandations par thème"));
    free(doc);
    char *core = run("unzip -p '%s/report.docx' docProps/core.xml", dir);
    assert_non_null(strstr(core, "<dc:language>fr-FR</dc:language>"));
    assert_non_null(strstr(core, "<dc:creator>Secrétariat du mécanisme national</dc:creator>"));
    free(core);
    char *list = run("unzip -l '%s/report.docx'", dir);
    assert_non_null(strstr(list, "word/media/chart1.png"));
    free(list);
    char *png = run("unzip -p '%s/report.docx' word/media/chart1.png | head -c 8 | od -An -c", dir);
    assert_non_null(strstr(png, "P   N   G"));
    free(png);
}

static void test_xlsx_has_shared_accents_numbers_frozen_header_and_filter(void **state)
{
    (void)state;
    if (!has_tool("unzip") || !has_tool("xmllint"))
        skip();
    assert_true(part_is_xml("matrix.xlsx", "xl/worksheets/sheet1.xml"));
    assert_true(part_is_xml("matrix.xlsx", "xl/sharedStrings.xml"));
    char *strings = run("unzip -p '%s/matrix.xlsx' xl/sharedStrings.xml", dir);
    assert_non_null(strstr(strings, EGALITE));
    assert_non_null(strstr(strings, NINAS));
    assert_non_null(strstr(strings, "&lt;script&gt;"));
    assert_non_null(strstr(strings, "Échéance"));
    free(strings);
    char *sheet = run("unzip -p '%s/matrix.xlsx' xl/worksheets/sheet1.xml", dir);
    assert_non_null(strstr(sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\""));
    assert_non_null(strstr(sheet, "<autoFilter ref=\"A1:E301\"/>"));
    assert_non_null(strstr(sheet, "<c r=\"C2\" s=\"3\"><v>2021</v></c>"));
    assert_non_null(strstr(sheet, "<c r=\"D3\" s=\"3\"><v>0.5</v></c>"));
    assert_non_null(strstr(sheet, "<v>46387</v>")); /* 2026-12-31 as an Excel date */
    free(sheet);
    char *book = run("unzip -p '%s/matrix.xlsx' xl/workbook.xml", dir);
    assert_non_null(strstr(book, "name=\"Año\""));
    free(book);
}

static void test_svg_and_html_parse_as_xml_and_html(void **state)
{
    (void)state;
    if (!has_tool("xmllint"))
        skip();
    char *ok = run("xmllint --noout '%s/chart.svg' && echo ok", dir);
    assert_non_null(ok);
    free(ok);
    char *svg = run("cat '%s/chart.svg'", dir);
    assert_non_null(strstr(svg, "Niñas y niños"));
    assert_non_null(strstr(svg, "Mise en œuvre"));
    free(svg);
    /* libxml2 knows HTML 4 only: its complaints about HTML 5 elements are not errors here */
    char *html = run("xmllint --html --noout '%s/report.html' 2>&1 | grep 'parser error' | "
                     "grep -v 'Tag [a-z]* invalid'; echo done",
                     dir);
    assert_string_equal(html, "done\n");
    free(html);
}

/* LibreOffice opens the files as an official's office suite would, and prints them to PDF. */
static void test_libreoffice_prints_docx_and_xlsx_with_accents(void **state)
{
    (void)state;
    if (!has_tool("libreoffice") || !has_tool("pdftotext")) {
        print_message("skipped: libreoffice not installed (scripts/install-deps --office)\n");
        skip();
    }
    char *s =
        run("cd '%s' && timeout 300 libreoffice -env:UserInstallation=file://%s/lo "
            "--headless --convert-to pdf --outdir lo report.docx matrix.xlsx >/dev/null 2>&1; echo",
            dir, dir);
    free(s);
    char *doc = run("pdftotext -enc UTF-8 '%s/lo/report.pdf' - && pdftotext -enc UTF-8 "
                    "'%s/lo/matrix.pdf' -",
                    dir, dir);
    assert_non_null(doc);
    assert_non_null(strstr(doc, "Égalité entre les femmes et les hommes"));
    assert_non_null(strstr(doc, NINAS));
    assert_non_null(strstr(doc, LETTERS));
    assert_non_null(strstr(doc, "Page 1 sur "));
    assert_non_null(strstr(doc, "Échéance"));
    free(doc);
    char *info = run("pdfinfo '%s/lo/report.pdf'", dir);
    assert_true(atoi(strstr(info, "Pages:") + 6) > 3);
    free(info);
}

static void test_pdf_and_docx_refuse_unwritable_paths(void **state)
{
    (void)state;
    struct err err = {0};
    struct doc *d = report_doc(2);
    assert_int_equal(report_render_pdf(d, "/nonexistent/dir/r.pdf", &err), ERR_IO);
    assert_non_null(strstr(err.msg, "/nonexistent/dir/r.pdf"));
    assert_int_equal(report_render_docx(d, "/nonexistent/dir/r.docx", &err), ERR_IO);
    assert_non_null(strstr(err.msg, "/nonexistent/dir/r.docx"));
    struct sheet_book *b = report_book(2);
    assert_int_equal(report_render_xlsx(b, "/nonexistent/dir/r.xlsx", &err), ERR_IO);
    sheet_free(b);
    struct buf png = BUF_INIT;
    assert_int_equal(report_chart_png(first_chart(d), 400, 240, &png, &err), 0);
    assert_memory_equal(png.data, "\x89PNG", 4);
    buf_free(&png);
    doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf_text_has_accents_and_many_pages),
        cmocka_unit_test(test_pdf_table_repeats_its_header_on_following_pages),
        cmocka_unit_test(test_docx_parts_are_xml_with_text_styles_and_picture),
        cmocka_unit_test(test_xlsx_has_shared_accents_numbers_frozen_header_and_filter),
        cmocka_unit_test(test_svg_and_html_parse_as_xml_and_html),
        cmocka_unit_test(test_pdf_and_docx_refuse_unwritable_paths),
        cmocka_unit_test(test_libreoffice_prints_docx_and_xlsx_with_accents),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
