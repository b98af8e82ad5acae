/*
 * test_matrix.c — the implementation matrix (src/report/matrix.c) built from hand-made rows:
 * translated headers and labels in French and Spanish, institutions lead first and once, the
 * next due date, indicators with their latest value, and a 600-row matrix written as XLSX and
 * CSV and read back with unzip, xmllint and (when installed) LibreOffice.
 */
#include "followup_fixture.h"

#include "report/matrix.h"
#include "report/render.h"

#define NROWS 600

static char dir[64];

static struct sheet_book *build(enum text_lang lang, int nrows, const struct report_lookup *lk)
{
    const struct i18n_tr tr = {fixture_catalogue(), lang};
    struct fixture_row *rows = fixture_rows(nrows);
    struct report_matrix *m = NULL;
    struct err err = {0};
    assert_int_equal(report_matrix_begin(&tr, lk, NULL, "Secrétariat", &m, &err), 0);
    for (int i = 0; i < nrows; i++)
        assert_int_equal(report_matrix_add(m, &rows[i].row), 0);
    assert_int_equal(report_matrix_count(m), nrows);
    free(rows); /* the matrix keeps copies */
    struct sheet_book *b = NULL;
    assert_int_equal(report_matrix_sheet(m, &b, &err), 0);
    assert_non_null(b);
    return b;
}

static const char *cell(const struct sheet_book *b, size_t row, enum report_matrix_col col)
{
    const struct sheet_cell *c = sheet_cell_at(&b->sheets[0], row, col);
    assert_non_null(c);
    return c->type == SHEET_TEXT || c->type == SHEET_DATE ? c->text : "";
}

static void test_french_headers_labels_and_sheet_flags(void **state)
{
    (void)state;
    struct report_lookup *lk = fixture_lookup();
    struct sheet_book *b = build(TEXT_LANG_FR, 6, lk);
    const struct sheet *s = &b->sheets[0];
    assert_string_equal(s->name, "Matrice");
    assert_string_equal(b->title, "Matrice de mise en œuvre");
    assert_int_equal(s->ncols, REPORT_MATRIX_NCOLS);
    assert_int_equal(s->flags, SHEET_FREEZE_HEADER | SHEET_AUTOFILTER);
    assert_string_equal(s->header[REPORT_MATRIX_ID], "Identifiant");
    assert_string_equal(s->header[REPORT_MATRIX_STATUS], "État de mise en œuvre");
    assert_string_equal(s->header[REPORT_MATRIX_NEXT_DUE], "Prochaine échéance");
    assert_true(s->widths[REPORT_MATRIX_TEXT] > s->widths[REPORT_MATRIX_BODY]);
    /* row 1 (index 0): noted, in progress; row 3: supported, partially implemented */
    assert_string_equal(cell(b, 0, REPORT_MATRIX_RESPONSE), "Notée");
    assert_string_equal(cell(b, 2, REPORT_MATRIX_RESPONSE), "Acceptée");
    assert_string_equal(cell(b, 1, REPORT_MATRIX_RESPONSE), "Partiellement acceptée");
    assert_string_equal(cell(b, 0, REPORT_MATRIX_STATUS), "En cours");
    assert_string_equal(cell(b, 2, REPORT_MATRIX_STATUS), "Mise en œuvre");
    assert_string_equal(cell(b, 5, REPORT_MATRIX_STATUS), "Aucun rapport validé");
    assert_string_equal(cell(b, 5, REPORT_MATRIX_NARRATIVE), ""); /* not validated: not shown */
    assert_string_equal(cell(b, 0, REPORT_MATRIX_TEXT), FR_TEXT " (n° 1)");
    assert_string_equal(cell(b, 0, REPORT_MATRIX_STATES), "France; España");
    assert_string_equal(cell(b, 0, REPORT_MATRIX_SDGS), "5; 5.2");
    assert_string_equal(cell(b, 0, REPORT_MATRIX_THEMES), "Droits des femmes"); /* once */
    assert_string_equal(cell(b, 4, REPORT_MATRIX_AFFECTED), "Femmes; personnes âgées");
    assert_string_equal(cell(b, 1, REPORT_MATRIX_AFFECTED), "Niñas y niños");
    sheet_free(b);
    report_lookup_free(lk);
}

static void test_institutions_actions_and_indicators(void **state)
{
    (void)state;
    struct report_lookup *lk = fixture_lookup();
    struct sheet_book *b = build(TEXT_LANG_FR, 2, lk);
    /* lead first though assigned second; the supporting institution once though twice */
    assert_string_equal(cell(b, 0, REPORT_MATRIX_INSTITUTIONS),
                        MJ_NAME " (chef de file)\n" DD_NAME);
    assert_string_equal(cell(b, 0, REPORT_MATRIX_ACTIONS),
                        "Former les magistrats à l’égalité (échéance\xC2\xA0: 2026-12-31\xC2\xA0; "
                        "En cours)\nCampaña de sensibilización (échéance\xC2\xA0: 2025-06-30\xC2"
                        "\xA0; Achevée)");
    /* the completed action's earlier date is not the next one */
    const struct sheet_cell *due = sheet_cell_at(&b->sheets[0], 0, REPORT_MATRIX_NEXT_DUE);
    assert_int_equal(due->type, SHEET_DATE);
    assert_string_equal(due->text, "2026-12-31");
    /* indicator 100 has a latest value (the newest of three); indicator 200 only its baseline */
    assert_string_equal(cell(b, 0, REPORT_MATRIX_INDICATORS),
                        "Taux de plaintes traitées\xC2\xA0: 41,5\xC2\xA0% au 2025-06-30 (cible "
                        "60\xC2\xA0%)");
    assert_string_equal(cell(b, 1, REPORT_MATRIX_INDICATORS),
                        "Taux de plaintes traitées\xC2\xA0: valeur de référence 35,5\xC2\xA0% "
                        "(cible 60\xC2\xA0%)");
    sheet_free(b);
    report_lookup_free(lk);
}

static void test_spanish_and_english_labels(void **state)
{
    (void)state;
    struct sheet_book *b = build(TEXT_LANG_ES, 3, NULL);
    assert_string_equal(b->sheets[0].name, "Matriz");
    assert_string_equal(b->sheets[0].header[REPORT_MATRIX_TEXT], "Recomendación");
    assert_string_equal(cell(b, 2, REPORT_MATRIX_RESPONSE), "Apoyada");
    assert_string_equal(cell(b, 0, REPORT_MATRIX_STATUS), "En curso");
    assert_string_equal(cell(b, 0, REPORT_MATRIX_TEXT), ES_TEXT " (n.º 1)");
    assert_non_null(strstr(cell(b, 0, REPORT_MATRIX_INSTITUTIONS), MJ_NAME " (institución"));
    /* without a lookup, the tag's label as imported and the codes */
    assert_string_equal(cell(b, 1, REPORT_MATRIX_AFFECTED), "Niñas y niños");
    sheet_free(b);
    /* no catalogue at all: the English msgids */
    const struct i18n_tr en = {NULL, TEXT_LANG_EN};
    struct report_matrix *m = NULL;
    struct err err = {0};
    struct fixture_row f;
    fixture_row_make(&f, 3);
    assert_int_equal(report_matrix_begin(&en, NULL, "My matrix", NULL, &m, &err), 0);
    assert_int_equal(report_matrix_add(m, &f.row), 0);
    assert_int_equal(report_matrix_sheet(m, &b, &err), 0);
    assert_string_equal(b->title, "My matrix");
    assert_string_equal(b->sheets[0].header[REPORT_MATRIX_NEXT_DUE], "Next due date");
    assert_string_equal(cell(b, 0, REPORT_MATRIX_STATUS), "Implemented");
    assert_string_equal(cell(b, 0, REPORT_MATRIX_INSTITUTIONS), MJ_NAME " (lead)\n" DD_NAME);
    assert_non_null(strstr(cell(b, 0, REPORT_MATRIX_INDICATORS), "baseline 35.5\xC2\xA0%"));
    sheet_free(b);
}

static void test_bad_dates_and_empty_rows_do_not_spoil_the_matrix(void **state)
{
    (void)state;
    const struct i18n_tr tr = {fixture_catalogue(), TEXT_LANG_FR};
    struct fixture_row f;
    fixture_row_make(&f, 1);
    f.act[0].due_date = "2026-02-30"; /* not a day: no next due date, the text is kept */
    f.act[1].status = CORE_ACTION_DELAYED;
    f.act[1].due_date = NULL;
    struct core_matrix_row empty = {0};
    struct report_matrix *m = NULL;
    struct err err = {0};
    assert_int_equal(report_matrix_begin(&tr, NULL, NULL, NULL, &m, &err), 0);
    assert_int_equal(report_matrix_add(m, &f.row), 0);
    assert_int_equal(report_matrix_add(m, &empty), 0); /* no recommendation: skipped */
    struct sheet_book *b = NULL;
    assert_int_equal(report_matrix_sheet(m, &b, &err), 0);
    assert_int_equal(b->sheets[0].nrows, 1);
    assert_int_equal(sheet_cell_at(&b->sheets[0], 0, REPORT_MATRIX_NEXT_DUE)->type, SHEET_EMPTY);
    assert_non_null(strstr(cell(b, 0, REPORT_MATRIX_ACTIONS), "2026-02-30"));
    assert_non_null(strstr(cell(b, 0, REPORT_MATRIX_ACTIONS), "Campaña de sensibilización (En "
                                                              "retard)"));
    sheet_free(b);
    report_matrix_free(NULL);
}

static void test_rows_copy_and_sort_in_natural_order(void **state)
{
    (void)state;
    assert_true(report_natural_cmp("SVN-UPR34-121.2", "SVN-UPR34-121.10") < 0);
    assert_true(report_natural_cmp("SVN-UPR34-121.10", "SVN-UPR34-122.1") < 0);
    assert_true(report_natural_cmp("A/HRC/9", "A/HRC/09") == 0);
    assert_true(report_natural_cmp("121.1", "121.1a") < 0);
    struct fixture_row *rows = fixture_rows(12);
    struct report_rows *rs = report_rows_new();
    for (int i = 11; i >= 0; i--) /* 121.12 ... 121.1, as strcmp would never give */
        assert_int_equal(report_rows_add(rs, &rows[i].row), 0);
    free(rows);
    report_rows_sort(rs);
    assert_string_equal(rs->row[0].rec->id, "SVN-UPR34-121.1");
    assert_string_equal(rs->row[1].rec->id, "SVN-UPR34-121.2");
    assert_string_equal(rs->row[11].rec->id, "SVN-UPR34-121.12");
    assert_string_equal(rs->row[2].rec->text[TEXT_LANG_ES], ES_TEXT " (n.º 3)");
    assert_string_equal(rs->row[2].assignments[1].institution_name, MJ_NAME);
    assert_string_equal(rs->row[2].actions[0].due_date, "2026-12-31");
    assert_int_equal(rs->row[2].nclusters, 2);
    assert_int_equal(rs->row[2].cluster_ids[1], 30);
    assert_null(rs->row[2].rec->source_json);
    report_rows_free(rs);
    report_rows_free(NULL);
    report_lookup_free(NULL);
    assert_null(report_lookup_term(NULL, "sdg", "5"));
}

/* Renders the 600-row matrix once for the file tests. */
static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/suivi-matrix-XXXXXX");
    if (!mkdtemp(dir) || !fixture_catalogue())
        return -1;
    struct report_lookup *lk = fixture_lookup();
    struct sheet_book *b = build(TEXT_LANG_FR, NROWS, lk);
    struct err err = {0};
    char path[128];
    snprintf(path, sizeof path, "%s/matrice.xlsx", dir);
    int rc = report_render_xlsx(b, path, &err);
    struct buf csv = BUF_INIT;
    rc = rc ? rc
            : report_render_sheet_csv(b, 0, REPORT_CSV_BOM | REPORT_CSV_FORMULA_GUARD, &csv, &err);
    if (rc)
        fprintf(stderr, "render: %s\n", err.msg);
    else
        write_file(dir, "matrice.csv", &csv);
    buf_free(&csv);
    sheet_free(b);
    report_lookup_free(lk);
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

static void test_xlsx_of_600_rows_reads_back(void **state)
{
    (void)state;
    if (!has_tool("unzip") || !has_tool("xmllint"))
        skip();
    char *ok = run("unzip -p '%s/matrice.xlsx' xl/worksheets/sheet1.xml | xmllint --noout - && "
                   "unzip -p '%s/matrice.xlsx' xl/sharedStrings.xml | xmllint --noout - && echo ok",
                   dir, dir);
    assert_non_null(ok);
    assert_non_null(strstr(ok, "ok"));
    free(ok);
    char *sheet = run("unzip -p '%s/matrice.xlsx' xl/worksheets/sheet1.xml", dir);
    assert_non_null(sheet);
    assert_non_null(strstr(sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\""));
    assert_non_null(strstr(sheet, "<autoFilter ref=\"A1:P601\"/>"));
    assert_non_null(strstr(sheet, "<v>46387</v>")); /* 2026-12-31, the next due date */
    free(sheet);
    char *strings = run("unzip -p '%s/matrice.xlsx' xl/sharedStrings.xml", dir);
    assert_non_null(strstr(strings, "« femmes autochtones »"));
    assert_non_null(strstr(strings, "n° 600)"));
    assert_non_null(strstr(strings, "Niñas y niños"));
    assert_non_null(strstr(strings, "État de mise en œuvre"));
    assert_non_null(strstr(strings, "&lt;script&gt;"));
    assert_null(strstr(strings, "<script>"));
    free(strings);
    char *book = run("unzip -p '%s/matrice.xlsx' xl/workbook.xml docProps/core.xml", dir);
    assert_non_null(strstr(book, "name=\"Matrice\""));
    assert_non_null(strstr(book, "Matrice de mise en œuvre"));
    assert_non_null(strstr(book, "<dc:creator>Secrétariat</dc:creator>"));
    free(book);
}

static void test_csv_of_600_rows_has_bom_header_and_guarded_formulas(void **state)
{
    (void)state;
    char *csv = run("cat '%s/matrice.csv'", dir);
    assert_non_null(csv);
    assert_memory_equal(csv, "\xEF\xBB\xBFIdentifiant,Organe,Document,Paragraphe,", 41);
    assert_int_equal(occurrences(csv, "\nSVN-UPR34-121."), NROWS);
    assert_non_null(strstr(csv, "\"'=HYPERLINK(\"\"x\"\")")); /* quoted, guarded */
    assert_non_null(strstr(csv, ",Garantir l’accès des « femmes autochtones » à la justice"));
    free(csv);
}

/* LibreOffice opens the workbook as an official would and prints it. */
static void test_libreoffice_prints_the_xlsx(void **state)
{
    (void)state;
    if (!has_tool("libreoffice") || !has_tool("pdftotext")) {
        print_message("skipped: libreoffice not installed (scripts/install-deps --office)\n");
        skip();
    }
    free(run("cd '%s' && timeout 300 libreoffice -env:UserInstallation=file://%s/lo --headless "
             "--convert-to pdf --outdir lo matrice.xlsx >/dev/null 2>&1; echo",
             dir, dir));
    char *text = run("pdftotext -enc UTF-8 '%s/lo/matrice.pdf' -", dir);
    assert_non_null(text);
    assert_non_null(strstr(text, "Identifiant"));
    assert_non_null(strstr(text, "SVN-UPR34-121.600"));
    assert_non_null(strstr(text, "Niñas y niños"));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_french_headers_labels_and_sheet_flags),
        cmocka_unit_test(test_institutions_actions_and_indicators),
        cmocka_unit_test(test_spanish_and_english_labels),
        cmocka_unit_test(test_bad_dates_and_empty_rows_do_not_spoil_the_matrix),
        cmocka_unit_test(test_rows_copy_and_sort_in_natural_order),
        cmocka_unit_test(test_xlsx_of_600_rows_reads_back),
        cmocka_unit_test(test_csv_of_600_rows_has_bom_header_and_guarded_formulas),
        cmocka_unit_test(test_libreoffice_prints_the_xlsx),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
