/*
 * test_dashboard.c — the follow-up dashboard (src/report/dashboard.c) from hand-made rows:
 * counts by body, theme, SDG goal and target (with indicators), lead institution and affected
 * group; the month-by-month replay of validated reports; labels in French and Spanish; and a
 * 600-row dashboard written as HTML (checked with xmllint, each SVG chart on its own) and PDF
 * (pdftotext).
 */
#include <time.h>

#include "followup_fixture.h"

#include "report/dashboard.h"
#include "report/render.h"

#define NROWS 600

static char dir[64];

/* Milliseconds since the epoch of a UTC date. */
static int64_t at(int year, int month, int day)
{
    struct tm tm = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = day, .tm_hour = 12};
    return (int64_t)timegm(&tm) * 1000;
}

static struct report_dashboard *dashboard(enum text_lang lang, int n,
                                          const struct report_lookup *lk)
{
    static struct i18n_tr tr[TEXT_LANG_COUNT];
    tr[lang] = (struct i18n_tr){fixture_catalogue(), lang};
    struct report_dashboard *db = NULL;
    struct err err = {0};
    assert_int_equal(report_dashboard_begin(&tr[lang], lk, &db, &err), 0);
    struct fixture_row *rows = fixture_rows(n);
    for (int i = 0; i < n; i++)
        assert_int_equal(report_dashboard_add(db, &rows[i].row), 0);
    free(rows);
    return db;
}

static void test_counts_by_every_dimension(void **state)
{
    (void)state;
    struct report_lookup *lk = fixture_lookup();
    struct report_dashboard *db = dashboard(TEXT_LANG_FR, 10, lk);
    assert_int_equal(report_dashboard_count(db, "body", "UPR", -1), 8);
    assert_int_equal(report_dashboard_count(db, "body", "CEDAW", -1), 2); /* rows 3 and 7 */
    assert_int_equal(report_dashboard_count(db, "body", "UPR", CORE_STATUS_COUNT), 1); /* row 6 */
    assert_int_equal(report_dashboard_count(db, "body", "CEDAW", CORE_STATUS_IMPLEMENTED), 1);
    assert_int_equal(report_dashboard_count(db, "theme", "Women's rights", -1), 10); /* once */
    assert_int_equal(report_dashboard_count(db, "sdg", "5", -1), 5);
    assert_int_equal(report_dashboard_count(db, "sdg", "5.2", -1), 5);
    assert_int_equal(report_dashboard_count(db, "sdg", "16.3", CORE_STATUS_COUNT), 1);
    assert_int_equal(report_dashboard_count(db, "institution", "1", -1), 10);
    assert_int_equal(report_dashboard_count(db, "affected", "personnes âgées", -1), 2);
    assert_int_equal(report_dashboard_count(db, "affected", "Children", -1), 5);
    assert_int_equal(report_dashboard_count(db, "affected", "nobody", -1), 0);
    assert_int_equal(report_dashboard_count(db, "nothing", "5", -1), 0);
    report_dashboard_free(db);
    report_lookup_free(lk);
}

static const struct doc_chart *chart_titled(const struct doc *d, const char *title)
{
    for (size_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == DOC_CHART && !strcmp(d->blocks[i].chart->title, title))
            return d->blocks[i].chart;
    return NULL;
}

static void test_months_replay_validated_reports(void **state)
{
    (void)state;
    struct report_dashboard *db = dashboard(TEXT_LANG_FR, 2, NULL);
    assert_int_equal(report_dashboard_event(db, "A", at(2024, 3, 10), CORE_STATUS_IMPLEMENTED), 0);
    assert_int_equal(report_dashboard_event(db, "A", at(2024, 1, 15), CORE_STATUS_IN_PROGRESS), 0);
    assert_int_equal(report_dashboard_event(db, "B", at(2024, 2, 1), CORE_STATUS_NOT_STARTED), 0);
    assert_int_equal(report_dashboard_event(db, "B", 0, CORE_STATUS_COUNT), ERR_INPUT);
    struct doc *d = NULL;
    struct err err = {0};
    assert_int_equal(report_dashboard_doc(db, NULL, &d, &err), 0);
    const struct doc_chart *c = chart_titled(d, "État validé par mois");
    assert_non_null(c);
    assert_int_equal(c->ncat, 3);
    assert_string_equal(c->categories[0], "2024-01");
    assert_string_equal(c->categories[2], "2024-03");
    assert_int_equal(c->nseries, CORE_STATUS_COUNT);
    assert_string_equal(c->series[0], "Mise en œuvre"); /* implemented first */
    /* values[s * ncat + m]; series: implemented, partially, in progress, not started, ... */
    const double expect[] = {0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0};
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++)
        assert_true(c->values[i] == expect[i]);
    doc_free(d);
    /* 50 months of reports: the chart shows the last 36, and a report from before stays */
    assert_int_equal(report_dashboard_event(db, "C", at(2020, 1, 1), CORE_STATUS_IMPLEMENTED), 0);
    assert_int_equal(report_dashboard_event(db, "D", at(2028, 2, 1), CORE_STATUS_NOT_STARTED), 0);
    assert_int_equal(report_dashboard_doc(db, NULL, &d, &err), 0);
    c = chart_titled(d, "État validé par mois");
    assert_int_equal(c->ncat, REPORT_DASHBOARD_MONTHS);
    assert_string_equal(c->categories[0], "2025-03");
    assert_true(c->values[0] == 2);                /* A and C implemented in 2025-03 */
    assert_true(c->values[3 * c->ncat + 35] == 2); /* B and D not started in 2028-02 */
    doc_free(d);
    report_dashboard_free(db);
}

static char *doc_text(const struct doc *d)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < d->nblocks; i++) {
        const struct doc_block *k = &d->blocks[i];
        for (size_t r = 0; r < k->para.nruns; r++)
            buf_puts(&b, k->para.runs[r].text);
        for (size_t c = 0; k->table && c < k->table->nrows * k->table->ncols; c++)
            buf_printf(&b, "%s|", k->table->cells[c]);
        if (k->chart)
            buf_printf(&b, "[chart %s: %zu]", k->chart->title, k->chart->ncat);
        buf_putc(&b, '\n');
    }
    return buf_detach(&b);
}

static void test_french_document_has_sdg_view_and_leave_no_one_behind(void **state)
{
    (void)state;
    struct report_lookup *lk = fixture_lookup();
    struct report_dashboard *db = dashboard(TEXT_LANG_FR, 30, lk);
    const struct report_dashboard_meta meta = {NULL, "Slovénie", "17 mai 2026", NULL};
    struct doc *d = NULL;
    struct err err = {0};
    assert_int_equal(report_dashboard_doc(db, &meta, &d, &err), 0);
    assert_string_equal(d->title, "Tableau de bord du suivi");
    assert_string_equal(d->subtitle, "Slovénie");
    char *text = doc_text(d);
    assert_non_null(strstr(text, "Recommandations\xC2\xA0: 30. Avec un état validé\xC2\xA0: 25."));
    assert_non_null(strstr(text, "[chart État par organe: 2]"));
    assert_non_null(strstr(text, "[chart État par thème: 1]"));
    assert_non_null(strstr(text, "[chart État par institution chef de file: 1]"));
    assert_non_null(strstr(text, "[chart État par objectif de développement durable: 2]"));
    assert_non_null(strstr(text, "[chart État par groupe concerné: 3]"));
    assert_non_null(strstr(text, "Aucun rapport d’avancement n’a encore été validé."));
    /* goal 5 then its target, then goal 16: 15 recommendations each, 15 indicators */
    assert_non_null(strstr(text, "5 — Égalité entre les sexes|15|Mise en œuvre\xC2\xA0: 3\n"
                                 "Partiellement mise en œuvre\xC2\xA0: 3\n"));
    assert_non_null(strstr(text, "Non acceptée\xC2\xA0: 3|15|")); /* goal 5's 15 indicators */
    assert_non_null(strstr(text, "|5.2 — Éliminer toutes les formes de violence|15|"));
    assert_true(strstr(text, "5.2 — ") < strstr(text, "16 — Paix"));
    assert_non_null(strstr(text, "|16.3|15|"));
    assert_non_null(strstr(text, "Ne laisser personne de côté"));
    assert_non_null(strstr(text, "Femmes|15|"));
    free(text);
    const struct doc_chart *sdg = chart_titled(d, "État par objectif de développement durable");
    assert_string_equal(sdg->categories[0], "ODD 5");
    assert_string_equal(sdg->categories[1], "ODD 16");
    doc_free(d);
    report_dashboard_free(db);
    report_lookup_free(lk);
}

static void test_spanish_and_empty_dashboards(void **state)
{
    (void)state;
    struct report_dashboard *db = dashboard(TEXT_LANG_ES, 0, NULL);
    struct doc *d = NULL;
    struct err err = {0};
    assert_int_equal(report_dashboard_doc(db, NULL, &d, &err), 0);
    assert_string_equal(d->title, "Panel de seguimiento");
    char *text = doc_text(d);
    assert_null(strstr(text, "[chart"));
    assert_non_null(strstr(text, "No dejar a nadie atrás"));
    assert_non_null(strstr(text, "Ninguna por ahora."));
    free(text);
    doc_free(d);
    report_dashboard_free(db);
    db = dashboard(TEXT_LANG_ES, 40, NULL); /* many groups: the 16th and later are "Otros" */
    for (int g = 0; g < 20; g++) {
        struct fixture_row f;
        fixture_row_make(&f, 1);
        char label[32];
        snprintf(label, sizeof label, "Grupo %02d", g);
        f.tags[3] = (struct store_tag){"affected_person", label, label, 0, 0};
        assert_int_equal(report_dashboard_add(db, &f.row), 0);
    }
    assert_int_equal(report_dashboard_doc(db, NULL, &d, &err), 0);
    const struct doc_chart *c = chart_titled(d, "Estado por grupo afectado");
    assert_non_null(c);
    assert_int_equal(c->ncat, REPORT_DASHBOARD_TOP + 1);
    assert_string_equal(c->categories[REPORT_DASHBOARD_TOP], "Otros");
    assert_string_equal(
        chart_titled(d, "Estado por Objetivo de Desarrollo Sostenible")->categories[0], "ODS 5");
    doc_free(d);
    report_dashboard_free(db);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/suivi-dashboard-XXXXXX");
    if (!mkdtemp(dir) || !fixture_catalogue())
        return -1;
    struct report_lookup *lk = fixture_lookup();
    struct report_dashboard *db = dashboard(TEXT_LANG_FR, NROWS, lk);
    int rc = 0;
    for (int i = 1; i <= NROWS && !rc; i++) {
        char id[32];
        snprintf(id, sizeof id, "SVN-UPR34-121.%d", i);
        rc = report_dashboard_event(db, id, at(2024, 1 + i % 12, 1 + i % 28),
                                    (enum core_status)(i % CORE_STATUS_COUNT));
    }
    struct doc *d = NULL;
    struct err err = {0};
    const struct report_dashboard_meta meta = {NULL, "Slovénie — « Niñas y niños »", NULL, NULL};
    rc = rc ? rc : report_dashboard_doc(db, &meta, &d, &err);
    struct buf html = BUF_INIT;
    char path[128];
    snprintf(path, sizeof path, "%s/tableau.pdf", dir);
    rc = rc ? rc : report_render_html(d, &html, &err);
    rc = rc ? rc : report_render_pdf(d, path, &err);
    if (!rc)
        write_file(dir, "tableau.html", &html);
    for (size_t i = 0; !rc && i < d->nblocks; i++) { /* each chart as a file of its own */
        if (d->blocks[i].kind != DOC_CHART)
            continue;
        struct buf svg = BUF_INIT;
        char name[32];
        snprintf(name, sizeof name, "chart%zu.svg", i);
        rc = report_chart_svg(d->blocks[i].chart, "c", &svg, &err);
        if (!rc)
            write_file(dir, name, &svg);
        buf_free(&svg);
    }
    if (rc)
        fprintf(stderr, "render: %d %s\n", rc, err.msg);
    buf_free(&html);
    doc_free(d);
    report_dashboard_free(db);
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

static void test_html_page_and_every_svg_parse(void **state)
{
    (void)state;
    if (!has_tool("xmllint"))
        skip();
    char *svgs =
        run("cd '%s' && for f in chart*.svg; do xmllint --noout \"$f\" && echo ok; done", dir);
    assert_non_null(svgs);
    assert_int_equal(occurrences(svgs, "ok"), 7); /* status, body, theme, institution, months,
                                                     SDG, affected groups */
    free(svgs);
    /* libxml2 knows HTML 4 only: its complaints about HTML 5 elements are not errors here */
    char *html = run("xmllint --html --noout '%s/tableau.html' 2>&1 | grep 'parser error' | "
                     "grep -v 'Tag [a-z]* invalid'; echo done",
                     dir);
    assert_string_equal(html, "done\n");
    free(html);
    char *page = run("cat '%s/tableau.html'", dir);
    assert_non_null(strstr(page, "lang=\"fr\""));
    assert_int_equal(occurrences(page, "<svg "), 7);
    assert_non_null(strstr(page, "Slovénie — « Niñas y niños »"));
    assert_non_null(strstr(page, "ODD 5"));
    assert_non_null(strstr(page, "Ne laisser personne de côté"));
    assert_non_null(strstr(page, "2024-12"));
    free(page);
}

static void test_pdf_prints_charts_and_tables_in_french(void **state)
{
    (void)state;
    if (!has_tool("pdftotext"))
        skip();
    char *text = run("pdftotext -enc UTF-8 '%s/tableau.pdf' -", dir);
    assert_non_null(text);
    assert_non_null(strstr(text, "Tableau de bord du suivi"));
    assert_non_null(strstr(text, "État par organe"));
    assert_non_null(strstr(text, "État validé par mois"));
    assert_non_null(strstr(text, "Objectif ou cible"));
    assert_non_null(strstr(text, "Égalité entre les")); /* the cell wraps before "sexes" */
    assert_non_null(strstr(text, "Niñas y niños"));
    assert_non_null(strstr(text, "Page 1 sur "));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_by_every_dimension),
        cmocka_unit_test(test_months_replay_validated_reports),
        cmocka_unit_test(test_french_document_has_sdg_view_and_leave_no_one_behind),
        cmocka_unit_test(test_spanish_and_empty_dashboards),
        cmocka_unit_test(test_html_page_and_every_svg_parse),
        cmocka_unit_test(test_pdf_prints_charts_and_tables_in_french),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
