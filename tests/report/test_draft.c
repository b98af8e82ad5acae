/*
 * test_draft.c — drafts of reports to mechanisms (src/report/draft.c) from hand-made rows:
 * grouping by cluster (clusters first in their order, then the source's headings, then the
 * rest), the front matter and status summary of each kind in French and Spanish, and a draft of
 * 120 recommendations written as DOCX and PDF and read back with pdftotext, unzip, xmllint and
 * (when installed) LibreOffice.
 */
#include "followup_fixture.h"

#include "report/draft.h"
#include "report/render.h"

#define NROWS 120

static char dir[64];

static const struct report_cluster_ref clusters[] = {
    {20, "Droits de l’enfant — niñas y niños"},
    {10, "Égalité et non-discrimination"},
    {99, "Cluster sans membres"},
};

static void test_kind_names_parse(void **state)
{
    (void)state;
    enum report_draft_kind k;
    assert_int_equal(report_draft_kind_parse("upr-national", &k), 0);
    assert_int_equal(k, REPORT_DRAFT_UPR_NATIONAL);
    assert_int_equal(report_draft_kind_parse("upr-midterm", &k), 0);
    assert_int_equal(k, REPORT_DRAFT_UPR_MIDTERM);
    assert_int_equal(report_draft_kind_parse("treaty", &k), 0);
    assert_int_equal(k, REPORT_DRAFT_TREATY);
    assert_int_equal(report_draft_kind_parse("upr", &k), ERR_INPUT);
    assert_int_equal(report_draft_kind_parse(NULL, &k), ERR_INPUT);
}

/* Rows as report_rows copies them: the draft reads copies, not the fixture. */
static struct report_rows *copied_rows(int n)
{
    struct fixture_row *rows = fixture_rows(n);
    struct report_rows *rs = report_rows_new();
    assert_non_null(rs);
    for (int i = 0; i < n; i++)
        assert_int_equal(report_rows_add(rs, &rows[i].row), 0);
    memset(rows, 0xAB, (size_t)n * sizeof *rows); /* the copies must not point into it */
    free(rows);
    return rs;
}

static void test_grouping_follows_clusters_then_source_headings_then_the_rest(void **state)
{
    (void)state;
    const struct i18n_tr tr = {fixture_catalogue(), TEXT_LANG_FR};
    struct report_rows *rs = copied_rows(8);
    rs->row[5].nclusters = 0; /* row 6: no cluster, a source heading */
    rs->row[6].nclusters = 0; /* row 7: neither */
    ((struct store_rec *)rs->row[6].rec)->cluster_theme = NULL;
    struct report_draft_groups g = {0};
    struct err err = {0};
    assert_int_equal(report_draft_group_rows(&tr, rs->row, rs->n, clusters, 3, &g, &err), 0);
    assert_int_equal(g.n, 4); /* the empty cluster is left out */
    assert_string_equal(g.group[0].name, clusters[0].name);
    assert_int_equal(g.group[0].nrows, 3); /* rows 2, 4, 8 (cluster 20; row 6 lost it) */
    assert_string_equal(g.group[0].rows[0]->rec->id, "SVN-UPR34-121.2");
    assert_string_equal(g.group[0].rows[2]->rec->id, "SVN-UPR34-121.8");
    assert_string_equal(g.group[1].name, clusters[1].name);
    assert_int_equal(g.group[1].nrows, 3);         /* 1, 3, 5 (row 3 is in clusters 10 and 30) */
    assert_string_equal(g.group[2].name, "Niñez"); /* row 6's source heading */
    assert_int_equal(g.group[2].nrows, 1);
    assert_string_equal(g.group[3].name, "Autres recommandations");
    assert_string_equal(g.group[3].rows[0]->rec->id, "SVN-UPR34-121.7");
    report_draft_groups_free(&g);
    report_draft_groups_free(NULL);
    report_rows_free(rs);
}

static struct doc *draft(enum text_lang lang, enum report_draft_kind kind, int n)
{
    const struct i18n_tr tr = {fixture_catalogue(), lang};
    struct report_rows *rs = copied_rows(n);
    struct report_lookup *lk = fixture_lookup();
    struct report_draft_groups g = {0};
    struct err err = {0};
    assert_int_equal(report_draft_group_rows(&tr, rs->row, rs->n, clusters, 3, &g, &err), 0);
    const struct report_draft_meta meta = {kind,          "Slovénie",
                                           "CEDAW",       "2020–2024",
                                           "17 mai 2026", "Mécanisme national de mise en œuvre"};
    struct doc *d = NULL;
    assert_int_equal(report_draft_doc(&tr, lk, &meta, g.group, g.n, &d, &err), 0);
    assert_non_null(d);
    report_draft_groups_free(&g);
    report_lookup_free(lk);
    report_rows_free(rs); /* the document holds its own copies */
    return d;
}

/* The text of every block of d, one per line, tables cell by cell. */
static char *doc_text(const struct doc *d)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < d->nblocks; i++) {
        const struct doc_block *k = &d->blocks[i];
        for (size_t r = 0; r < k->para.nruns; r++)
            buf_puts(&b, k->para.runs[r].text);
        for (size_t it = 0; it < k->nitems; it++, buf_putc(&b, '\n'))
            for (size_t r = 0; r < k->items[it].nruns; r++)
                buf_puts(&b, k->items[it].runs[r].text);
        for (size_t c = 0; k->table && c < k->table->nrows * k->table->ncols; c++)
            buf_printf(&b, "%s|", k->table->cells[c]);
        buf_putc(&b, '\n');
    }
    return buf_detach(&b);
}

static void test_midterm_draft_in_french_has_front_matter_summary_and_sections(void **state)
{
    (void)state;
    struct doc *d = draft(TEXT_LANG_FR, REPORT_DRAFT_UPR_MIDTERM, 12);
    assert_string_equal(d->lang, "fr");
    assert_string_equal(d->title, "Rapport à mi-parcours sur la mise en œuvre des recommandations "
                                  "issues de l’Examen périodique universel");
    assert_string_equal(d->subtitle, "Slovénie — 2020–2024");
    char *text = doc_text(d);
    assert_non_null(strstr(text, "les progrès accomplis par l’État examiné (Slovénie)"));
    assert_non_null(strstr(text, "Il porte sur 12 recommandations, regroupées par thème."));
    assert_non_null(strstr(text, "Méthodologie et processus de consultation"));
    /* summary: 12 rows: statuses 1..4,0 by i % 5, rows 6 and 12 without a validated report */
    assert_non_null(strstr(text, "Mise en œuvre|2|16,7\xC2\xA0%|"));
    assert_non_null(strstr(text, "Aucun rapport validé|2|16,7\xC2\xA0%|"));
    assert_non_null(strstr(text, "Total|12|100\xC2\xA0%|"));
    assert_non_null(strstr(text, "Droits de l’enfant — niñas y niños\n"));
    assert_non_null(strstr(text, "Recommandation 121.3 (A/HRC/43/15)\n" FR_TEXT " (n° 3)\n"));
    assert_non_null(strstr(text, "Réponse\xC2\xA0: Acceptée\n"));
    assert_non_null(strstr(text, "État de mise en œuvre\xC2\xA0: Mise en œuvre\n"
                                 "Loi adoptée en 2024 ; formation des juges (3)\n"));
    assert_non_null(strstr(text, "Former les magistrats à l’égalité — " MJ_NAME
                                 " (échéance\xC2\xA0: 2026-12-31\xC2\xA0; En cours)"));
    assert_non_null(strstr(text, "Campaña de sensibilización — " DD_NAME));
    assert_non_null(strstr(text, "41,5\xC2\xA0% au 2025-06-30 (cible 60\xC2\xA0%)"));
    assert_null(strstr(text, "formation des juges (6)")); /* narrative of an unvalidated report */
    free(text);
    doc_free(d);
}

static void test_national_and_treaty_drafts_in_spanish(void **state)
{
    (void)state;
    struct doc *d = draft(TEXT_LANG_ES, REPORT_DRAFT_UPR_NATIONAL, 3);
    assert_string_equal(d->title, "Informe nacional presentado en el marco del Examen Periódico "
                                  "Universal");
    char *text = doc_text(d);
    assert_non_null(strstr(text, "Abarca 3 recomendaciones, agrupadas por tema."));
    assert_non_null(strstr(text, "Recomendación 121.1 (A/HRC/43/15)\n" ES_TEXT " (n.º 1)\n"));
    assert_non_null(strstr(text, "Respuesta: Tomada nota"));
    free(text);
    doc_free(d);
    d = draft(TEXT_LANG_ES, REPORT_DRAFT_TREATY, 1);
    assert_string_equal(d->title, "Informe periódico – CEDAW");
    text = doc_text(d);
    assert_non_null(strstr(text, "las recomendaciones de CEDAW"));
    assert_non_null(strstr(text, "Abarca 1 recomendación, agrupada por tema."));
    free(text);
    doc_free(d);
}

static void test_draft_refuses_missing_state_and_handles_no_rows(void **state)
{
    (void)state;
    const struct i18n_tr tr = {fixture_catalogue(), TEXT_LANG_FR};
    struct report_draft_meta meta = {.kind = REPORT_DRAFT_TREATY, .body = "CAT"};
    struct doc *d = NULL;
    struct err err = {0};
    assert_int_equal(report_draft_doc(&tr, NULL, &meta, NULL, 0, &d, &err), ERR_INPUT);
    assert_null(d);
    meta.state = "Slovénie";
    meta.kind = REPORT_DRAFT_KIND_COUNT;
    assert_int_equal(report_draft_doc(&tr, NULL, &meta, NULL, 0, &d, &err), ERR_INPUT);
    meta.kind = REPORT_DRAFT_TREATY;
    assert_int_equal(report_draft_doc(&tr, NULL, &meta, NULL, 0, &d, &err), 0);
    char *text = doc_text(d);
    assert_non_null(strstr(text, "Total|0||"));
    assert_null(d->author); /* not given: not printed as an empty name */
    assert_null(d->date);
    assert_non_null(strstr(text, "Aucune recommandation ne relève du champ de ce rapport."));
    free(text);
    doc_free(d);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/suivi-draft-XXXXXX");
    if (!mkdtemp(dir) || !fixture_catalogue())
        return -1;
    struct doc *d = draft(TEXT_LANG_FR, REPORT_DRAFT_UPR_MIDTERM, NROWS);
    struct err err = {0};
    char pdf[128], docx[128];
    snprintf(pdf, sizeof pdf, "%s/projet.pdf", dir);
    snprintf(docx, sizeof docx, "%s/projet.docx", dir);
    int rc = report_render_pdf(d, pdf, &err);
    rc = rc ? rc : report_render_docx(d, docx, &err);
    if (rc)
        fprintf(stderr, "render: %s\n", err.msg);
    doc_free(d);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    if (getenv("SUIVI_TEST_KEEP")) {
        fprintf(stderr, "kept %s\n", dir);
        return 0;
    }
    free(run("rm -rf '%s'", dir));
    return 0;
}

static void test_pdf_has_accents_sections_and_page_numbers(void **state)
{
    (void)state;
    if (!has_tool("pdftotext") || !has_tool("pdfinfo"))
        skip();
    char *info = run("pdfinfo '%s/projet.pdf'", dir);
    assert_non_null(info);
    int pages = atoi(strstr(info, "Pages:") + 6);
    assert_true(pages > 10);
    assert_non_null(strstr(info, "Rapport à mi-parcours"));
    free(info);
    char *text = run("pdftotext -enc UTF-8 '%s/projet.pdf' -", dir);
    assert_non_null(text);
    assert_non_null(strstr(text, "« femmes autochtones »"));
    assert_non_null(strstr(text, "Droits de l’enfant — niñas y niños"));
    assert_non_null(strstr(text, "Bilan de la mise en œuvre"));
    assert_non_null(strstr(text, "Recommandation 121.120"));
    assert_non_null(strstr(text, "<script>alert(1)</script>")); /* drawn as text */
    assert_int_equal(occurrences(text, "\f"), pages);           /* one form feed per page */
    free(text);
    char *last = run("pdftotext -enc UTF-8 -f %d -l %d '%s/projet.pdf' -", pages, pages, dir);
    char expect[32];
    snprintf(expect, sizeof expect, "Page %d sur %d", pages, pages);
    assert_non_null(strstr(last, expect));
    free(last);
}

/* Every line of text reaches the PDF, also the first line of a page (report/pdf.c turns pages
 * in the middle of a paragraph's lines). */
static void test_pdf_keeps_every_recommendation_across_page_breaks(void **state)
{
    (void)state;
    if (!has_tool("pdftotext"))
        skip();
    char *text = run("pdftotext -enc UTF-8 '%s/projet.pdf' -", dir);
    assert_non_null(text);
    int missing = 0;
    for (int i = 1; i <= NROWS; i++) {
        char heading[64];
        snprintf(heading, sizeof heading, "Recommandation 121.%d (A/HRC/43/15)\n", i);
        if (!strstr(text, heading)) {
            print_error("missing from the PDF: %s", heading);
            missing++;
        }
    }
    free(text);
    assert_int_equal(missing, 0);
}

static void test_docx_is_xml_with_headings_italics_and_summary(void **state)
{
    (void)state;
    if (!has_tool("unzip") || !has_tool("xmllint"))
        skip();
    char *ok =
        run("unzip -p '%s/projet.docx' word/document.xml | xmllint --noout - && echo ok", dir);
    assert_non_null(ok);
    assert_non_null(strstr(ok, "ok"));
    free(ok);
    char *xml = run("unzip -p '%s/projet.docx' word/document.xml", dir);
    assert_non_null(xml);
    assert_int_equal(occurrences(xml, "<w:pStyle w:val=\"Heading3\"/>"), NROWS);
    assert_int_equal(occurrences(xml, "<w:pStyle w:val=\"Heading2\"/>"), 2); /* 2 clusters */
    assert_non_null(strstr(xml, "Droits de l’enfant — niñas y niños"));
    assert_non_null(strstr(xml, "<w:i/>"));
    assert_non_null(strstr(xml, "Aucun rapport validé"));
    assert_non_null(strstr(xml, "&lt;script&gt;"));
    assert_null(strstr(xml, "<script>"));
    free(xml);
    char *core = run("unzip -p '%s/projet.docx' docProps/core.xml", dir);
    assert_non_null(strstr(core, "<dc:language>fr-FR</dc:language>"));
    assert_non_null(strstr(core, "Mécanisme national de mise en œuvre"));
    free(core);
}

static void test_libreoffice_prints_the_docx(void **state)
{
    (void)state;
    if (!has_tool("libreoffice") || !has_tool("pdftotext")) {
        print_message("skipped: libreoffice not installed (scripts/install-deps --office)\n");
        skip();
    }
    free(run("cd '%s' && timeout 300 libreoffice -env:UserInstallation=file://%s/lo --headless "
             "--convert-to pdf --outdir lo projet.docx >/dev/null 2>&1; echo",
             dir, dir));
    char *text = run("pdftotext -enc UTF-8 '%s/lo/projet.pdf' -", dir);
    assert_non_null(text);
    assert_non_null(strstr(text, "Bilan de la mise en œuvre"));
    assert_non_null(strstr(text, "Égalité et non-discrimination"));
    assert_non_null(strstr(text, "Page 1 sur "));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_names_parse),
        cmocka_unit_test(test_grouping_follows_clusters_then_source_headings_then_the_rest),
        cmocka_unit_test(test_midterm_draft_in_french_has_front_matter_summary_and_sections),
        cmocka_unit_test(test_national_and_treaty_drafts_in_spanish),
        cmocka_unit_test(test_draft_refuses_missing_state_and_handles_no_rows),
        cmocka_unit_test(test_pdf_has_accents_sections_and_page_numbers),
        cmocka_unit_test(test_pdf_keeps_every_recommendation_across_page_breaks),
        cmocka_unit_test(test_docx_is_xml_with_headings_italics_and_summary),
        cmocka_unit_test(test_libreoffice_prints_the_docx),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
