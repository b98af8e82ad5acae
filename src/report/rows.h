/*
 * rows.h — what the follow-up report builders (matrix.h, draft.h, dashboard.h) share: owned
 * copies of the implementation-matrix rows core hands out (core_matrix_each's rows live only
 * during its callback, and a draft needs all of them before it can group them), a lookup of the
 * words the rows name only by code (taxonomy terms in the report's language, institution names,
 * the latest value of each indicator), and the labels every builder prints the same way.
 *
 * Pure data, no store and no I/O: the face (cli/report.c, later the web app) fills the lookup
 * through core, and tests fill it by hand. Labels come from the gettext catalogues through
 * web/i18n.h, a pure lookup module that report/ may include (it reads no request and no store).
 */
#ifndef SUIVI_REPORT_ROWS_H
#define SUIVI_REPORT_ROWS_H

#include <stddef.h>

#include "core/followup.h"
#include "util/buf.h"
#include "web/i18n.h"

/* ---- owned copies of matrix rows ---------------------------------------------------------- */

struct report_pool;

struct report_rows {
    struct core_matrix_row *row; /* n rows; everything they point to is owned by the set */
    size_t n;
    size_t cap;
    struct report_pool *pool;
};

/* A new empty set, or NULL when out of memory. Free with report_rows_free. */
struct report_rows *report_rows_new(void);
void report_rows_free(struct report_rows *rs);

/* Appends a deep copy of row (its recommendation without source_json, which no report shows).
 * ERR_NOMEM leaves the set as it was. */
int report_rows_add(struct report_rows *rs, const struct core_matrix_row *row) SUIVI_MUST_CHECK;

/* Sorts the rows by recommendation id in natural order: SVN-UPR34-121.2 before
 * SVN-UPR34-121.10 (core hands them out in plain id order, where 121.10 comes first). */
void report_rows_sort(struct report_rows *rs);

/* strcmp, except that runs of digits compare by their value. */
int report_natural_cmp(const char *a, const char *b);

/* ---- lookup of names and values ------------------------------------------------------------ */

struct report_lookup;

/* A new empty lookup, or NULL when out of memory. Free with report_lookup_free. Every getter
 * accepts a NULL lookup and then knows nothing. */
struct report_lookup *report_lookup_new(void);
void report_lookup_free(struct report_lookup *lk);

/* The label of a taxonomy term (vocab as in store_term) in the report's language. */
int report_lookup_term_put(struct report_lookup *lk, const char *vocab, const char *code,
                           const char *label) SUIVI_MUST_CHECK;
const char *report_lookup_term(const struct report_lookup *lk, const char *vocab, const char *code);

/* The name of an institution, for actions and indicators that name it by id only. */
int report_lookup_institution_put(struct report_lookup *lk, long id,
                                  const char *name) SUIVI_MUST_CHECK;
const char *report_lookup_institution(const struct report_lookup *lk, long id);

/* A value of an indicator on a date ("YYYY-MM-DD"); the lookup keeps the latest one (a later
 * date wins; on the same date, the last put). */
int report_lookup_value_put(struct report_lookup *lk, long indicator_id, const char *date,
                            double value) SUIVI_MUST_CHECK;
/* 1 and the latest value and its date (valid until the next put) when known, else 0. */
int report_lookup_latest(const struct report_lookup *lk, long indicator_id, double *value,
                         const char **date);

/* ---- labels every builder prints the same way ----------------------------------------------- */

/* "not_started", ... as in core_status_name (kept here so that builders need no core object). */
const char *report_status_code(enum core_status s);
/* The translated label of a validated status, or of "no validated report" when !known. */
const char *report_status_label(const struct i18n_tr *tr, int known, enum core_status s);
const char *report_action_status_label(const struct i18n_tr *tr, enum core_action_status s);
/* The translated response ("Supported", ...), "" when the recommendation has none. */
const char *report_response_label(const struct i18n_tr *tr, const char *response);

/* The label of a tag: the term's label in the report's language, else the label as imported,
 * else its code. */
const char *report_tag_label(const struct report_lookup *lk, const struct store_tag *t);

/* The text of a recommendation in the report's language, else in English, French, Spanish;
 * "" when it has none. */
const char *report_rec_text(const struct i18n_tr *tr, const struct store_rec *r);

/* The name of an assignment's institution: its name, its code, the lookup's name, or "". */
const char *report_institution_name(const struct report_lookup *lk,
                                    const struct core_assignment *a);
/* The name of the institution with id among row's assignments or in the lookup, or NULL. */
const char *report_institution_of(const struct report_lookup *lk, const struct core_matrix_row *row,
                                  long id);
/* The lead assignment of a row: the first with lead set, else the first one; NULL when none. */
const struct core_assignment *report_lead(const struct core_matrix_row *row);

/* Appends v as the report's language prints it: at most 10 significant digits, a decimal comma
 * in French and Spanish, then " unit" when unit is not NULL or "". */
int report_put_number(struct buf *out, const struct i18n_tr *tr, double v, const char *unit);

/* Appends "label:" with the colon the language wants ("Statut :" in French, with a no-break
 * space), to start a "label: value" pair. */
int report_put_label(struct buf *out, const struct i18n_tr *tr, const char *label);

/* Appends one action: "description (due 2026-12-31; Ongoing)", with " — institution" after
 * the description when with_institution and its name is known. */
int report_put_action(struct buf *out, const struct i18n_tr *tr, const struct report_lookup *lk,
                      const struct core_matrix_row *row, const struct core_plan_action *a,
                      int with_institution);

/* Appends one indicator: "name: 41 % on 2025-06-30 (target 60 %)" when the lookup knows its
 * latest value, else "name: baseline 35 % (target 60 %)". */
int report_put_indicator(struct buf *out, const struct i18n_tr *tr, const struct report_lookup *lk,
                         const struct core_indicator *ind);

/* Appends the tags of row r of one vocabulary (or of two: vocab2 may be NULL), each once, in
 * their order, joined by sep. SDG tags print their codes (5, 5.2) rather than labels. */
int report_put_tags(struct buf *out, const struct report_lookup *lk, const struct store_rec *r,
                    const char *vocab, const char *vocab2, const char *sep);

#endif
