/*
 * matrix.c — the implementation matrix as a workbook (see matrix.h). Each row is written into
 * the sheet as it comes, so a matrix of the whole database never holds more than the workbook
 * itself; one scratch buffer is reused for every joined cell.
 */
#include "report/matrix.h"

#include <stdlib.h>
#include <string.h>

struct report_matrix {
    const struct i18n_tr *tr;
    const struct report_lookup *lk;
    struct sheet_book *book;
    struct buf cell; /* scratch for joined cells */
    long rows;
    int failed; /* the first failure of report_matrix_add not kept by the workbook */
};

static int add_columns(struct report_matrix *m)
{
    const struct i18n_tr *tr = m->tr;
    const struct {
        const char *header;
        double width;
    } cols[REPORT_MATRIX_NCOLS] = {
        [REPORT_MATRIX_ID] = {T(tr, "Identifier"), 18},
        [REPORT_MATRIX_BODY] = {T(tr, "Body"), 10},
        [REPORT_MATRIX_DOCUMENT] = {T(tr, "Document"), 20},
        [REPORT_MATRIX_PARAGRAPH] = {T(tr, "Paragraph"), 10},
        [REPORT_MATRIX_TEXT] = {T(tr, "Recommendation"), 60},
        [REPORT_MATRIX_STATES] = {T(tr, "Recommending States"), 20},
        [REPORT_MATRIX_RESPONSE] = {T(tr, "Response"), 14},
        [REPORT_MATRIX_THEMES] = {T(tr, "Themes"), 30},
        [REPORT_MATRIX_SDGS] = {T(tr, "SDGs"), 10},
        [REPORT_MATRIX_AFFECTED] = {T(tr, "Affected persons"), 20},
        [REPORT_MATRIX_INSTITUTIONS] = {T(tr, "Institutions"), 28},
        [REPORT_MATRIX_ACTIONS] = {T(tr, "Actions"), 50},
        [REPORT_MATRIX_NEXT_DUE] = {T(tr, "Next due date"), 12},
        [REPORT_MATRIX_STATUS] = {T(tr, "Implementation status"), 18},
        /* TRANSLATORS: column of the matrix: what the validated progress report says. */
        [REPORT_MATRIX_NARRATIVE] = {T(tr, "Progress reported"), 40},
        [REPORT_MATRIX_INDICATORS] = {T(tr, "Indicators"), 40},
    };
    /* TRANSLATORS: name of the spreadsheet tab (at most 31 characters, none of []:*?/\). */
    int rc = sheet_add(m->book, T(tr, "Matrix"), SHEET_FREEZE_HEADER | SHEET_AUTOFILTER);
    for (size_t i = 0; i < REPORT_MATRIX_NCOLS && !rc; i++)
        rc = sheet_column(m->book, cols[i].header, cols[i].width);
    return rc;
}

int report_matrix_begin(const struct i18n_tr *tr, const struct report_lookup *lk, const char *title,
                        const char *author, struct report_matrix **out, struct err *err)
{
    *out = NULL;
    struct report_matrix *m = calloc(1, sizeof *m);
    if (!m)
        return err_set(err, ERR_NOMEM, "report: out of memory starting the matrix");
    m->tr = tr;
    m->lk = lk;
    m->book = sheet_new(title ? title : T(tr, "Implementation matrix"), author);
    if (!m->book) {
        free(m);
        return err_set(err, ERR_NOMEM, "report: out of memory starting the matrix");
    }
    if (add_columns(m)) {
        int rc = sheet_status(m->book, err);
        report_matrix_free(m);
        return rc ? rc : err_set(err, ERR_NOMEM, "report: cannot start the matrix");
    }
    *out = m;
    return 0;
}

void report_matrix_free(struct report_matrix *m)
{
    if (!m)
        return;
    sheet_free(m->book);
    buf_free(&m->cell);
    free(m);
}

long report_matrix_count(const struct report_matrix *m)
{
    return m->rows;
}

/* Writes the scratch buffer as a text cell and empties it. */
static int put_cell(struct report_matrix *m)
{
    if (m->cell.oom)
        return ERR_NOMEM;
    int rc = sheet_cell_text(m->book, buf_str(&m->cell));
    buf_reset(&m->cell);
    return rc;
}

static int put_states(struct report_matrix *m, const struct store_rec *r)
{
    for (size_t i = 0; i < r->nstates; i++) {
        if (i)
            buf_puts(&m->cell, "; ");
        buf_puts(&m->cell, r->states[i].label ? r->states[i].label : "");
    }
    return put_cell(m);
}

/* Institutions, lead first, each once. */
static int put_institutions(struct report_matrix *m, const struct core_matrix_row *row)
{
    const struct core_assignment *lead = report_lead(row);
    if (lead && lead->lead)
        /* TRANSLATORS: the institution that leads the implementation of a recommendation. */
        buf_printf(&m->cell, T(m->tr, "%s (lead)"), report_institution_name(m->lk, lead));
    else if (lead)
        buf_puts(&m->cell, report_institution_name(m->lk, lead));
    for (size_t i = 0; i < row->nassignments; i++) {
        const struct core_assignment *a = &row->assignments[i];
        int seen = a == lead || (lead && a->institution_id == lead->institution_id);
        for (size_t k = 0; k < i && !seen; k++)
            seen = row->assignments[k].institution_id == a->institution_id;
        if (!seen)
            buf_printf(&m->cell, "\n%s", report_institution_name(m->lk, a));
    }
    return put_cell(m);
}

static int put_actions(struct report_matrix *m, const struct core_matrix_row *row)
{
    for (size_t i = 0; i < row->nactions; i++) {
        if (i)
            buf_putc(&m->cell, '\n');
        if (report_put_action(&m->cell, m->tr, m->lk, row, &row->actions[i], 0))
            return ERR_NOMEM;
    }
    return put_cell(m);
}

/* Is s a date that sheet_cell_date accepts ("YYYY-MM-DD", a day the month can have)? A date
 * it would refuse must not turn the whole matrix into an error. */
static int is_date(const char *s)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    int mon = (s[5] - '0') * 10 + s[6] - '0', day = (s[8] - '0') * 10 + s[9] - '0';
    return s[10] == '\0' && mon >= 1 && mon <= 12 && day >= 1 && day <= days[mon - 1];
}

/* The earliest due date among the actions still open, or NULL. */
static const char *next_due(const struct core_matrix_row *row)
{
    const char *best = NULL;
    for (size_t i = 0; i < row->nactions; i++) {
        const struct core_plan_action *a = &row->actions[i];
        if (a->status == CORE_ACTION_COMPLETED || a->status == CORE_ACTION_CANCELLED)
            continue;
        if (a->due_date && is_date(a->due_date) && (!best || strcmp(a->due_date, best) < 0))
            best = a->due_date;
    }
    return best;
}

static int put_indicators(struct report_matrix *m, const struct core_matrix_row *row)
{
    for (size_t i = 0; i < row->nindicators; i++) {
        if (i)
            buf_putc(&m->cell, '\n');
        if (report_put_indicator(&m->cell, m->tr, m->lk, &row->indicators[i]))
            return ERR_NOMEM;
    }
    return put_cell(m);
}

static int put_tags(struct report_matrix *m, const struct store_rec *r, const char *vocab,
                    const char *vocab2)
{
    return report_put_tags(&m->cell, m->lk, r, vocab, vocab2, "; ") ? ERR_NOMEM : put_cell(m);
}

int report_matrix_add(struct report_matrix *m, const struct core_matrix_row *row)
{
    const struct store_rec *r = row->rec;
    if (!r)
        return 0;
    const struct i18n_tr *tr = m->tr;
    struct sheet_book *b = m->book;
    int rc = sheet_row(b);
    rc = rc ? rc : sheet_cell_text(b, r->id);
    rc = rc ? rc : sheet_cell_text(b, r->body);
    rc = rc ? rc : sheet_cell_text(b, r->document);
    rc = rc ? rc : sheet_cell_text(b, r->paragraph);
    rc = rc ? rc : sheet_cell_text(b, report_rec_text(tr, r));
    rc = rc ? rc : put_states(m, r);
    rc = rc ? rc : sheet_cell_text(b, report_response_label(tr, r->response));
    rc = rc ? rc : put_tags(m, r, "uhri_theme", "upr_issue");
    rc = rc ? rc : put_tags(m, r, "sdg", NULL);
    rc = rc ? rc : put_tags(m, r, "affected_person", NULL);
    rc = rc ? rc : put_institutions(m, row);
    rc = rc ? rc : put_actions(m, row);
    rc = rc ? rc : sheet_cell_date(b, next_due(row));
    rc = rc ? rc : sheet_cell_text(b, report_status_label(tr, row->status_known, row->status));
    rc = rc ? rc : sheet_cell_text(b, row->status_known ? row->status_narrative : NULL);
    rc = rc ? rc : put_indicators(m, row);
    if (!rc)
        m->rows++;
    else if (!m->failed)
        m->failed = rc;
    buf_reset(&m->cell);
    return rc;
}

int report_matrix_sheet(struct report_matrix *m, struct sheet_book **out, struct err *err)
{
    *out = NULL;
    int rc = sheet_status(m->book, err);
    if (!rc && m->failed)
        rc = err_set(err, m->failed, "report: out of memory building the matrix");
    if (!rc) {
        *out = m->book;
        m->book = NULL;
    }
    report_matrix_free(m);
    return rc;
}
