/*
 * matrix_bench.c — the follow-up reports of a 600-recommendation State built from rows and
 * written, best of N runs: the implementation matrix (report/matrix.c) as XLSX and the draft of
 * a mid-term report (report/draft.c) as PDF, each from the row model to the file, in French.
 * The target, XLSX + PDF together under 0.5 s, is checked here and reported, never asserted in
 * a test. Reading the rows from a database is measured by bench/run on the whole UPR Info set.
 *   build/bench/matrix_bench [runs]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "report/draft.h"
#include "report/matrix.h"
#include "report/render.h"

#define ROWS 600

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What one row points to. */
struct bench_row {
    char id[32], paragraph[16], text[256];
    struct store_rec rec;
    struct store_tag tags[3];
    struct core_assignment as[2];
    struct core_plan_action act[2];
    struct core_indicator ind;
    long cluster;
    struct core_matrix_row row;
};

static void make_row(struct bench_row *b, int i)
{
    static const char *const responses[] = {"supported", "noted", "partially_supported"};
    snprintf(b->id, sizeof b->id, "XXX-UPR40-%d.%d", 100 + i / 50, i % 50 + 1);
    snprintf(b->paragraph, sizeof b->paragraph, "%d.%d", 100 + i / 50, i % 50 + 1);
    snprintf(b->text, sizeof b->text,
             "Garantir l’accès des niñas et niños à l’éducation, œuvrer pour l’égalité entre les "
             "femmes et les hommes et lutter contre la violence (recommandation %d)",
             i);
    b->rec = (struct store_rec){.id = b->id,
                                .body = "UPR",
                                .document = "A/HRC/55/10",
                                .paragraph = b->paragraph,
                                .response = responses[i % 3],
                                .cycle = 4};
    b->rec.text[TEXT_LANG_FR] = b->text;
    b->tags[0] = (struct store_tag){"uhri_theme", "Women's rights", "Droits des femmes", 0, 0};
    b->tags[1] = (struct store_tag){"sdg", i % 2 ? "5.2" : "4.1", NULL, 0, 0};
    b->tags[2] = (struct store_tag){"affected_person", "Girls", "Filles", 0, 0};
    b->rec.tags = b->tags;
    b->rec.ntags = 3;
    b->as[0] = (struct core_assignment){.institution_id = 1,
                                        .institution_name = "Ministère de "
                                                            "l’Éducation",
                                        .lead = 1};
    b->as[1] = (struct core_assignment){.institution_id = 2,
                                        .institution_name = "Défenseur des "
                                                            "droits"};
    b->act[0] = (struct core_plan_action){.institution_id = 1,
                                          .due_date = "2026-12-31",
                                          .description = "Former les enseignants à l’égalité",
                                          .status = CORE_ACTION_ONGOING};
    b->act[1] = (struct core_plan_action){.institution_id = 2,
                                          .due_date = "2027-06-30",
                                          .description = "Campagne nationale de sensibilisation"};
    b->ind = (struct core_indicator){.id = i,
                                     .name = "Taux de scolarisation des filles",
                                     .unit = "%",
                                     .baseline = 81.5,
                                     .target = 95};
    b->cluster = 1 + i % 12;
    b->row = (struct core_matrix_row){.rec = &b->rec,
                                      .assignments = b->as,
                                      .nassignments = 2,
                                      .actions = b->act,
                                      .nactions = 2,
                                      .indicators = &b->ind,
                                      .nindicators = 1,
                                      .status_known = i % 4 != 0,
                                      .status = (enum core_status)(i % CORE_STATUS_COUNT),
                                      .status_narrative = "Loi adoptée ; plan d’action en cours",
                                      .cluster_ids = &b->cluster,
                                      .nclusters = 1};
}

static int matrix_xlsx(const struct i18n_tr *tr, struct report_rows *rs, const char *path,
                       struct err *err)
{
    struct report_matrix *m = NULL;
    struct sheet_book *b = NULL;
    int rc = report_matrix_begin(tr, NULL, NULL, NULL, &m, err);
    for (size_t i = 0; i < rs->n && !rc; i++)
        rc = report_matrix_add(m, &rs->row[i]);
    if (rc) {
        report_matrix_free(m);
        return rc;
    }
    rc = report_matrix_sheet(m, &b, err);
    rc = rc ? rc : report_render_xlsx(b, path, err);
    sheet_free(b);
    return rc;
}

static int draft_pdf(const struct i18n_tr *tr, struct report_rows *rs, const char *path,
                     struct err *err)
{
    struct report_cluster_ref clusters[12];
    char names[12][32];
    for (int i = 0; i < 12; i++) {
        snprintf(names[i], sizeof names[i], "Groupe thématique n° %d", i + 1);
        clusters[i] = (struct report_cluster_ref){i + 1, names[i]};
    }
    struct report_draft_groups g = {0};
    struct doc *d = NULL;
    const struct report_draft_meta meta = {
        REPORT_DRAFT_UPR_MIDTERM, "République", NULL, "2025–2027", NULL, NULL};
    int rc = report_draft_group_rows(tr, rs->row, rs->n, clusters, 12, &g, err);
    rc = rc ? rc : report_draft_doc(tr, NULL, &meta, g.group, g.n, &d, err);
    rc = rc ? rc : report_render_pdf(d, path, err);
    doc_free(d);
    report_draft_groups_free(&g);
    return rc;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 5;
    char dir[] = "/tmp/suivi-matrix-bench-XXXXXX", pdf[64], xlsx[64];
    if (runs < 1 || !mkdtemp(dir))
        return 2;
    snprintf(pdf, sizeof pdf, "%s/d.pdf", dir);
    snprintf(xlsx, sizeof xlsx, "%s/m.xlsx", dir);
    struct bench_row *rows = calloc(ROWS, sizeof *rows);
    struct report_rows *rs = report_rows_new();
    int rc = rows && rs ? 0 : ERR_NOMEM;
    for (int i = 0; i < ROWS && !rc; i++) {
        make_row(&rows[i], i);
        rc = report_rows_add(rs, &rows[i].row);
    }
    const struct i18n_tr tr = {NULL, TEXT_LANG_FR}; /* the msgids: the work is the same */
    struct err err = {0};
    double best_xlsx = 1e9, best_pdf = 1e9;
    for (int i = 0; i < runs && !rc; i++) {
        double t0 = now();
        rc = matrix_xlsx(&tr, rs, xlsx, &err);
        double t1 = now();
        rc = rc ? rc : draft_pdf(&tr, rs, pdf, &err);
        double t2 = now();
        best_xlsx = t1 - t0 < best_xlsx ? t1 - t0 : best_xlsx;
        best_pdf = t2 - t1 < best_pdf ? t2 - t1 : best_pdf;
    }
    if (rc) {
        fprintf(stderr, "matrix bench: %s\n", err.msg[0] ? err.msg : "out of memory");
    } else {
        double sum = best_xlsx + best_pdf;
        printf("follow-up reports of a %d-recommendation State (from rows): matrix xlsx %.3fs, "
               "mid-term draft pdf %.3fs, together %.3fs (target < 0.5: %s)\n",
               ROWS, best_xlsx, best_pdf, sum, sum < 0.5 ? "met" : "NOT met");
    }
    unlink(pdf);
    unlink(xlsx);
    rmdir(dir);
    report_rows_free(rs);
    free(rows);
    return rc ? 1 : 0;
}
