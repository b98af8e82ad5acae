/*
 * report_bench.c — render time of a 600-row implementation matrix (French text with accents)
 * as XLSX and as PDF, best of N runs each, printed in the style of bench/run. The target, XLSX +
 * PDF together under 0.5 s, is checked here and reported, never asserted in a test.
 *   build/bench/report_bench [runs]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "report/render.h"

#define ROWS 600

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct doc *matrix_doc(void)
{
    struct doc *d =
        doc_new("Matrice de mise en œuvre — « Égalité entre les femmes et les hommes »", "fr");
    doc_set_author(d, "Secrétariat du mécanisme national");
    const char *header[] = {"Référence", "Recommandation", "Institution", "État", "Échéance"};
    const double widths[] = {1.3, 4, 2, 1.3, 1.3};
    doc_table_begin(d, "Tableau 1", header, 5, DOC_TABLE_REPEAT_HEADER);
    doc_table_widths(d, widths);
    for (int r = 1; r <= ROWS; r++) {
        char ref[32], text[200];
        snprintf(ref, sizeof ref, "REC-%03d", r);
        snprintf(text, sizeof text,
                 "Garantir l'accès des niñas et niños à l'éducation et œuvrer pour l'égalité "
                 "(recommandation %d)",
                 r);
        doc_table_row(d);
        doc_table_cell(d, ref);
        doc_table_cell(d, text);
        doc_table_cell(d, r % 2 ? "Ministère de la Justice" : "Défenseur des droits");
        doc_table_cell(d, r % 3 ? "En cours" : "Mise en œuvre");
        doc_table_cell(d, "2026-12-31");
    }
    doc_table_end(d);
    return d;
}

static struct sheet_book *matrix_book(void)
{
    struct sheet_book *b = sheet_new("Matrice", "Secrétariat");
    sheet_add(b, "Matrice", SHEET_FREEZE_HEADER | SHEET_AUTOFILTER);
    sheet_column(b, "Référence", 12);
    sheet_column(b, "Recommandation", 60);
    sheet_column(b, "Institution", 24);
    sheet_column(b, "Année", 8);
    sheet_column(b, "Échéance", 12);
    for (int r = 1; r <= ROWS; r++) {
        char ref[32];
        snprintf(ref, sizeof ref, "REC-%03d", r);
        sheet_row(b);
        sheet_cell_text(b, ref);
        sheet_cell_text(b, "Garantir l'accès des niñas et niños à l'éducation et œuvrer pour "
                           "l'égalité");
        sheet_cell_text(b, r % 2 ? "Ministère de la Justice" : "Défenseur des droits");
        sheet_cell_int(b, 2020 + r % 5);
        sheet_cell_date(b, "2026-12-31");
    }
    return b;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 5;
    char dir[] = "/tmp/suivi-report-bench-XXXXXX", pdf[64], xlsx[64];
    if (runs < 1 || !mkdtemp(dir))
        return 2;
    snprintf(pdf, sizeof pdf, "%s/m.pdf", dir);
    snprintf(xlsx, sizeof xlsx, "%s/m.xlsx", dir);
    struct doc *d = matrix_doc();
    struct sheet_book *b = matrix_book();
    struct err err = {0};
    double best_pdf = 1e9, best_xlsx = 1e9, first_pdf = 0;
    int rc = 0;
    for (int i = 0; i < runs && !rc; i++) {
        double t0 = now();
        rc = report_render_xlsx(b, xlsx, &err);
        double t1 = now();
        rc = rc ? rc : report_render_pdf(d, pdf, &err);
        double t2 = now();
        best_xlsx = t1 - t0 < best_xlsx ? t1 - t0 : best_xlsx;
        best_pdf = t2 - t1 < best_pdf ? t2 - t1 : best_pdf;
        first_pdf = i == 0 ? t2 - t1 : first_pdf; /* includes fontconfig's start-up */
    }
    if (rc)
        fprintf(stderr, "report bench: %s\n", err.msg);
    else {
        double sum = best_xlsx + best_pdf;
        printf("report %d-row matrix: xlsx %.3fs, pdf %.3fs (first run %.3fs), together %.3fs "
               "(target < 0.5: %s)\n",
               ROWS, best_xlsx, best_pdf, first_pdf, sum, sum < 0.5 ? "met" : "NOT met");
    }
    unlink(pdf);
    unlink(xlsx);
    rmdir(dir);
    doc_free(d);
    sheet_free(b);
    return rc ? 1 : 0;
}
