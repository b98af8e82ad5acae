/*
 * matrix.h — the implementation matrix an NMIRF keeps: one spreadsheet row per recommendation
 * with its body, document, paragraph, text, response, themes, SDGs, affected persons, the
 * institutions responsible (lead first), the planned actions, the validated status and its
 * narrative, and the indicators with their latest value and target. Built row by row from
 * core_matrix_row into a workbook (report/doc.h) that report_render_xlsx or
 * report_render_sheet_csv writes: one sheet, frozen header, filter buttons, column widths.
 *
 * Pure: no store, no I/O; every word a person reads comes from the catalogues of tr.
 */
#ifndef SUIVI_REPORT_MATRIX_H
#define SUIVI_REPORT_MATRIX_H

#include "report/doc.h"
#include "report/rows.h"

struct report_matrix;

/* The matrix columns, in order (tests and the CLI name them by index). */
enum report_matrix_col {
    REPORT_MATRIX_ID,
    REPORT_MATRIX_BODY,
    REPORT_MATRIX_DOCUMENT,
    REPORT_MATRIX_PARAGRAPH,
    REPORT_MATRIX_TEXT,
    REPORT_MATRIX_STATES,
    REPORT_MATRIX_RESPONSE,
    REPORT_MATRIX_THEMES,
    REPORT_MATRIX_SDGS,
    REPORT_MATRIX_AFFECTED,
    REPORT_MATRIX_INSTITUTIONS,
    REPORT_MATRIX_ACTIONS,
    REPORT_MATRIX_NEXT_DUE, /* a date cell: the earliest due date of the open actions */
    REPORT_MATRIX_STATUS,
    REPORT_MATRIX_NARRATIVE,
    REPORT_MATRIX_INDICATORS,
    REPORT_MATRIX_NCOLS
};

/* Starts a matrix in tr's language: a workbook titled title (NULL: "Implementation matrix"
 * translated; author may be NULL) whose one sheet has the translated column headers. tr and lk
 * (may be NULL) are borrowed until report_matrix_sheet or report_matrix_free. On success *out
 * is owned by the caller. Errors: ERR_NOMEM. */
int report_matrix_begin(const struct i18n_tr *tr, const struct report_lookup *lk, const char *title,
                        const char *author, struct report_matrix **out,
                        struct err *err) SUIVI_MUST_CHECK;

/* Adds the row of one recommendation (copied: row may go once this returns). Lists inside a
 * cell are joined by "; " (themes, SDG codes, groups) or by line breaks (institutions,
 * actions, indicators). Errors are kept in the workbook too (sheet_status). */
int report_matrix_add(struct report_matrix *m, const struct core_matrix_row *row) SUIVI_MUST_CHECK;

/* The number of rows added so far. */
long report_matrix_count(const struct report_matrix *m);

/* Ends the matrix: on success *out is the workbook (owned by the caller: sheet_free) and m is
 * freed; on error m is freed too and *out is NULL. */
int report_matrix_sheet(struct report_matrix *m, struct sheet_book **out,
                        struct err *err) SUIVI_MUST_CHECK;

/* Frees a matrix that report_matrix_sheet did not end; NULL is fine. */
void report_matrix_free(struct report_matrix *m);

#endif
