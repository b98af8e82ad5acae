/*
 * test_doc.c — the report model (report/doc.c) and the renderers that write text without a
 * library: input text cleaned once, builder misuse kept as a sticky error that renderers
 * refuse, sheet names and dates checked, CSV of a sheet, HTML and SVG escaping and structure.
 * test_report.c checks the rendered files with real tools.
 */
#include "test.h"

#include "report/render.h"

static void test_text_is_cleaned_once_at_the_model_edge(void **state)
{
    (void)state;
    struct doc *d = doc_new("Titre\x01 \xC3\x28 fin", "fr");
    assert_non_null(d);
    /* a control character dropped, an invalid byte replaced by U+FFFD, the next byte kept */
    assert_string_equal(d->title, "Titre \xEF\xBF\xBD( fin");
    assert_int_equal(doc_para(d, "a\tb\r\nc\x7F\xC2\x85"), 0);
    assert_string_equal(d->blocks[0].para.runs[0].text, "a b\nc");
    assert_int_equal(doc_para(d, "Œuvrer « ñ, ç, é, ü, ø » \xEF\xBF\xBE"), 0);
    assert_string_equal(d->blocks[1].para.runs[0].text, "Œuvrer « ñ, ç, é, ü, ø » ");
    struct err err = {0};
    assert_int_equal(doc_status(d, &err), 0);
    doc_free(d);
}

static void test_builder_misuse_is_a_sticky_error_renderers_refuse(void **state)
{
    (void)state;
    struct err err = {0};
    struct doc *d = doc_new("T", "fr");
    assert_int_equal(doc_table_cell(d, "x"), ERR_INPUT);
    assert_int_equal(doc_para(d, "later calls still work"), 0);
    assert_int_equal(doc_status(d, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "doc_table_cell outside a table"));
    struct buf html = BUF_INIT;
    assert_int_equal(report_render_html(d, &html, &err), ERR_INPUT);
    buf_free(&html);
    doc_free(d);

    d = doc_new("T", "de");
    assert_int_equal(doc_status(d, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "'de'"));
    doc_free(d);

    d = doc_new("T", "en");
    assert_int_equal(doc_heading(d, 4, "too deep"), ERR_INPUT);
    doc_free(d);

    d = doc_new("T", "en");
    const char *header[] = {"a", "b"};
    assert_int_equal(doc_table_begin(d, NULL, header, 2, 0), 0);
    assert_int_equal(doc_table_row(d), 0);
    assert_int_equal(doc_table_cell(d, "1"), 0);
    assert_int_equal(doc_status(d, &err), ERR_INPUT); /* never ended */
    assert_int_equal(doc_table_end(d), 0);
    assert_int_equal(doc_status(d, &err), 0);
    assert_string_equal(d->blocks[0].table->cells[1], ""); /* a missing cell is empty */
    doc_free(d);
    doc_free(NULL);
}

static void test_runs_lists_and_widths_are_kept(void **state)
{
    (void)state;
    struct doc *d = doc_new("T", "es");
    assert_int_equal(doc_para(d, "Niñas, "), 0);
    assert_int_equal(doc_run(d, "niños", DOC_BOLD | DOC_ITALIC), 0);
    assert_int_equal(doc_list_item(d, "uno"), 0);
    assert_int_equal(doc_list_item(d, "dos"), 0);
    assert_int_equal(doc_run(d, " (bis)", DOC_ITALIC), 0);
    assert_int_equal(d->nblocks, 2);
    assert_int_equal(d->blocks[0].para.nruns, 2);
    assert_int_equal(d->blocks[0].para.runs[1].flags, DOC_BOLD | DOC_ITALIC);
    assert_int_equal(d->blocks[1].nitems, 2);
    assert_int_equal(d->blocks[1].items[1].nruns, 2);
    const char *header[] = {"a", "b", "c"};
    const double weights[] = {1, 2, 1};
    assert_int_equal(doc_table_begin(d, "t", header, 3, DOC_TABLE_REPEAT_HEADER), 0);
    assert_int_equal(doc_table_widths(d, weights), 0);
    for (int r = 0; r < 100; r++) {
        assert_int_equal(doc_table_row(d), 0);
        for (int c = 0; c < 3; c++)
            assert_int_equal(doc_table_cell(d, "x"), 0);
    }
    assert_int_equal(doc_table_cell(d, "one too many"), ERR_INPUT);
    doc_free(d);
    d = doc_new("T", "es");
    assert_int_equal(doc_table_begin(d, "t", header, 3, 0), 0);
    assert_int_equal(doc_table_widths(d, weights), 0);
    assert_true(d->blocks[0].table->widths[1] > 0.49 && d->blocks[0].table->widths[1] < 0.51);
    assert_int_equal(doc_table_end(d), 0);
    assert_string_equal(doc_word(d, DOC_WORD_DATA), "Datos");
    assert_string_equal(doc_lang_tag(d), "es-ES");
    doc_free(d);
}

static void test_sheet_names_dates_and_cells_are_checked(void **state)
{
    (void)state;
    struct err err = {0};
    struct sheet_book *b = sheet_new("Livre", NULL);
    assert_int_equal(sheet_add(b, "Matrice [2024]", 0), ERR_INPUT);
    assert_int_equal(sheet_status(b, &err), ERR_INPUT);
    sheet_free(b);

    b = sheet_new(NULL, NULL);
    assert_int_equal(sheet_add(b, "Un nom bien trop long pour une feuille Excel", 0), ERR_INPUT);
    sheet_free(b);

    b = sheet_new(NULL, NULL);
    assert_int_equal(sheet_add(b, "Année", 0), 0);
    assert_int_equal(sheet_add(b, "Année", 0), ERR_INPUT); /* unique */
    sheet_free(b);

    b = sheet_new(NULL, NULL);
    assert_int_equal(sheet_add(b, "S", 0), 0);
    assert_int_equal(sheet_column(b, "date", 0), 0);
    assert_int_equal(sheet_row(b), 0);
    assert_int_equal(sheet_cell_date(b, "2024-02-30"), ERR_INPUT);
    sheet_free(b);

    b = sheet_new(NULL, NULL);
    assert_int_equal(sheet_add(b, "S", 0), 0);
    assert_int_equal(sheet_column(b, "a", 0), 0);
    assert_int_equal(sheet_row(b), 0);
    assert_int_equal(sheet_cell_int(b, 1), 0);
    assert_int_equal(sheet_cell_int(b, 2), ERR_INPUT); /* more cells than columns */
    assert_int_equal(sheet_column(b, "late", 0), ERR_INPUT);
    sheet_free(b);
    sheet_free(NULL);
}

static void test_sheet_csv_types_quoting_bom_and_formula_guard(void **state)
{
    (void)state;
    struct err err = {0};
    struct sheet_book *b = sheet_new("Informe", "Secretaría");
    assert_int_equal(sheet_add(b, "Hoja", SHEET_FREEZE_HEADER), 0);
    assert_int_equal(sheet_column(b, "Título", 30), 0);
    assert_int_equal(sheet_column(b, "Año", 0), 0);
    assert_int_equal(sheet_column(b, "Tasa", 0), 0);
    assert_int_equal(sheet_column(b, "Fecha", 0), 0);
    assert_int_equal(sheet_row(b), 0);
    assert_int_equal(sheet_cell_text(b, "Niñas, niños y \"adolescentes\""), 0);
    assert_int_equal(sheet_cell_int(b, 2024), 0);
    assert_int_equal(sheet_cell_num(b, 0.1), 0);
    assert_int_equal(sheet_cell_date(b, "2024-05-17"), 0);
    assert_int_equal(sheet_row(b), 0);
    assert_int_equal(sheet_cell_text(b, "=HYPERLINK(\"http://x\")"), 0); /* rest left empty */
    struct buf out = BUF_INIT;
    assert_int_equal(report_render_sheet_csv(b, 0, 0, &out, &err), 0);
    assert_string_equal(buf_str(&out),
                        "Título,Año,Tasa,Fecha\n"
                        "\"Niñas, niños y \"\"adolescentes\"\"\",2024,0.1,2024-05-17\n"
                        "\"=HYPERLINK(\"\"http://x\"\")\",,,\n");
    buf_reset(&out);
    assert_int_equal(
        report_render_sheet_csv(b, 0, REPORT_CSV_BOM | REPORT_CSV_FORMULA_GUARD, &out, &err), 0);
    assert_memory_equal(buf_str(&out), "\xEF\xBB\xBFTítulo", 10);
    assert_non_null(strstr(buf_str(&out), "\n\"'=HYPERLINK("));
    assert_int_equal(report_render_sheet_csv(b, 1, 0, &out, &err), ERR_NOTFOUND);
    buf_free(&out);
    sheet_free(b);
}

static struct doc *hostile_doc(void)
{
    const char *bad = "<script>alert('x')</script> & \"q\" \x01\x1b]0;\x07 ]]> --> ñ";
    struct doc *d = doc_new(bad, "fr");
    doc_set_author(d, bad);
    doc_set_subtitle(d, bad);
    doc_heading(d, 1, bad);
    doc_para(d, bad);
    doc_run(d, bad, DOC_BOLD);
    doc_list_item(d, bad);
    const char *header[] = {bad, "b"};
    doc_table_begin(d, bad, header, 2, DOC_TABLE_ROW_HEADERS);
    doc_table_row(d);
    doc_table_cell(d, bad);
    doc_table_cell(d, "x\ny");
    doc_table_end(d);
    const char *cats[] = {bad, "B"};
    const char *series[] = {bad};
    const double values[] = {1, 2};
    doc_chart(d, DOC_CHART_BAR, bad, bad, cats, 2, series, 1, values);
    return d;
}

static void test_html_escapes_everything_and_labels_tables(void **state)
{
    (void)state;
    struct err err = {0};
    struct doc *d = hostile_doc();
    struct buf html = BUF_INIT;
    assert_int_equal(report_render_html(d, &html, &err), 0);
    const char *s = buf_str(&html);
    assert_null(strstr(s, "<script>"));
    assert_null(strstr(s, "\x01"));
    assert_null(strstr(s, "\x1b"));
    assert_non_null(
        strstr(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"));
    assert_non_null(strstr(s, "<html lang=\"fr\">"));
    assert_non_null(strstr(s, "<th scope=\"col\">&lt;script&gt;"));
    assert_non_null(strstr(s, "<th scope=\"row\">&lt;script&gt;"));
    assert_non_null(strstr(s, "<td>x<br>y</td>"));
    assert_non_null(strstr(s, "<strong>&lt;script"));
    assert_non_null(strstr(s, "<summary>Données</summary>"));
    assert_non_null(strstr(s, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
    buf_free(&html);
    doc_free(d);
}

static void test_svg_chart_is_deterministic_and_labelled(void **state)
{
    (void)state;
    struct err err = {0};
    struct doc *d = doc_new("Graphiques", "fr");
    const char *cats[] = {"Égalité", "Niñas & niños", "Œuvrer"};
    const char *series[] = {"Mis en œuvre", "En cours"};
    const double values[] = {3, 1.5, 0, 2, 4, 7};
    assert_int_equal(doc_chart(d, DOC_CHART_STACKED, "État <2024>", "Recommandations par thème",
                               cats, 3, series, 2, values),
                     0);
    const struct doc_chart *c = d->blocks[0].chart;
    struct buf a = BUF_INIT, b = BUF_INIT;
    assert_int_equal(report_chart_svg(c, "c1", &a, &err), 0);
    assert_int_equal(report_chart_svg(c, "c1", &b, &err), 0);
    assert_string_equal(buf_str(&a), buf_str(&b));
    const char *s = buf_str(&a);
    assert_non_null(strstr(s, "viewBox=\"0 0 640 "));
    assert_non_null(strstr(s, "<title id=\"c1-title\">État &lt;2024&gt;</title>"));
    assert_non_null(strstr(s, "<desc id=\"c1-desc\">Recommandations par thème</desc>"));
    assert_non_null(strstr(s, "Niñas &amp; niños"));
    assert_non_null(strstr(s, "En cours — Œuvrer: 7</title>"));
    assert_non_null(strstr(s, "Mis en œuvre — Niñas &amp; niños: 1,5</title>")); /* fr decimal */
    assert_int_equal(report_chart_svg(c, "bad id\"", &b, &err), ERR_INPUT);
    struct report_chart_scale sc;
    report_chart_scale(c, &sc); /* stacked: the tallest bar is 0 + 7 */
    assert_true(sc.max >= 7 && sc.max <= 10);
    assert_int_equal(report_chart_color(0), report_chart_color(8));
    buf_free(&a);
    buf_free(&b);
    doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_is_cleaned_once_at_the_model_edge),
        cmocka_unit_test(test_builder_misuse_is_a_sticky_error_renderers_refuse),
        cmocka_unit_test(test_runs_lists_and_widths_are_kept),
        cmocka_unit_test(test_sheet_names_dates_and_cells_are_checked),
        cmocka_unit_test(test_sheet_csv_types_quoting_bom_and_formula_guard),
        cmocka_unit_test(test_html_escapes_everything_and_labels_tables),
        cmocka_unit_test(test_svg_chart_is_deterministic_and_labelled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
