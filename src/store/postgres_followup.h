/*
 * postgres_followup.h — what the follow-up files of the PostgreSQL backend (postgres_followup*.c)
 * share, and with them any other file that wants the same helpers (bundle, cooperation, hub):
 * the counterpart of sqlite_followup.h, with the same names under pg_fu_. Statements are
 * fixed strings with $1..$n parameters run through pg_run (prepared once per connection); a row
 * is read from a whole PGresult, so a callback may call other store functions. Times are kept
 * as UTC ISO-8601 text with milliseconds, as in SQLite; the conversion is exact (no floating
 * point). Writes run in a savepoint when a transaction is open (pg_run_guarded), so that a
 * constraint failure leaves the transaction usable as it does in SQLite. Only files of
 * src/store/ include this header.
 */
#ifndef SUIVI_STORE_POSTGRES_FOLLOWUP_H
#define SUIVI_STORE_POSTGRES_FOLLOWUP_H

#include <stdint.h>

#include "store/postgres_internal.h"

/* The time of the current statement as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ', 'now') gives it:
 * the same in every place of one statement (created_at = updated_at on an insert), which
 * suivi_now_ms() (clock_timestamp) is not. */
#define PG_FU_NOW                                                                                  \
    "to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

/* Parameters: ms since the epoch as ISO-8601 text (NULL for 0; the text is kept in p itself);
 * an id (NULL for 0); a double (NULL for NAN). */
void pg_fu_param_time(struct pg_params *p, int64_t ms);
void pg_fu_param_id(struct pg_params *p, long id);
void pg_fu_param_double(struct pg_params *p, double v);

/* Column readers: text (NULL stays NULL), a time (0 for NULL), a double (NAN for NULL), a
 * number (0 for NULL; booleans 1/0). */
const char *pg_fu_text(const PGresult *r, int row, int col);
int64_t pg_fu_time(const PGresult *r, int row, int col);
double pg_fu_double(const PGresult *r, int row, int col);
long pg_fu_long(const PGresult *r, int row, int col);

/* Runs a statement that returns no rows wanted; *changed (may be NULL) receives the number of
 * rows it inserted, updated or deleted. A unique constraint gives ERR_INPUT "<taken> is already
 * taken" when taken is not NULL, a foreign key ERR_INPUT "<doing>: it refers to a row that does
 * not exist", anything else ERR_STORE "<doing>: <server message>" (as sqlite_fu_write). */
int pg_fu_write(struct pg_store *st, const char *sql, const struct pg_params *params, long *changed,
                const char *doing, const char *taken, struct err *err) SUIVI_MUST_CHECK;

/* Runs an UPDATE or DELETE of row update_id (ERR_NOTFOUND "no <what> with id N" when no row
 * changed) or, when update_id is 0, an INSERT that ends with "RETURNING id". *id, when id is
 * not NULL, receives update_id or the new row's id. doing and taken as for pg_fu_write. */
int pg_fu_put(struct pg_store *st, const char *sql, const struct pg_params *params, long update_id,
              long *id, const char *doing, const char *what, const char *taken,
              struct err *err) SUIVI_MUST_CHECK;

/* Runs an UPDATE or DELETE of row id; ERR_NOTFOUND "no <what> with id N" when no row changed
 * (id 0 included). */
int pg_fu_change(struct pg_store *st, const char *sql, const struct pg_params *params, long id,
                 const char *doing, const char *what, struct err *err) SUIVI_MUST_CHECK;

/* Runs sql and calls each(r, row, ctx) for every row of its result, in order; stops at the
 * first non-zero it returns (and returns it). The result is freed afterwards: strings read
 * from it are borrowed for the call only. */
int pg_fu_rows(struct pg_store *st, const char *sql, const struct pg_params *params,
               int (*each)(const PGresult *r, int row, void *ctx), void *ctx, const char *doing,
               struct err *err) SUIVI_MUST_CHECK;

/* Runs a lookup: 1 with its result in *out (the caller PQclears it; read row 0) when it has a
 * row, 0 (*out NULL) when it has none, negative on error (*out NULL). */
int pg_fu_one(struct pg_store *st, const char *sql, const struct pg_params *params, PGresult **out,
              const char *doing, struct err *err) SUIVI_MUST_CHECK;

/* Runs sql with one id as $1 (0 gives NULL), handing every row to each. */
int pg_fu_rows_by_id(struct pg_store *st, const char *sql, long id,
                     int (*each)(const PGresult *r, int row, void *ctx), void *ctx,
                     const char *doing, struct err *err) SUIVI_MUST_CHECK;

/* Like pg_fu_rows_by_id for a lookup: the first row only, ERR_NOTFOUND "no <what> with id N"
 * when there is none. */
int pg_fu_row_by_id(struct pg_store *st, const char *sql, long id,
                    int (*each)(const PGresult *r, int row, void *ctx), void *ctx, const char *what,
                    struct err *err) SUIVI_MUST_CHECK;

/* The row count of entity, one of the n names of tables ({name, "SELECT count(*) ..."}, the
 * statements string literals); ERR_USAGE "unknown <family> entity" for any other. */
int pg_fu_count(struct pg_store *st, const char *const (*tables)[2], size_t n, const char *family,
                const char *entity, long *out, struct err *err) SUIVI_MUST_CHECK;

/* The internal key of recommendation rec_id; ERR_NOTFOUND naming it when absent. */
int pg_fu_rid(struct pg_store *st, const char *rec_id, long long *rid,
              struct err *err) SUIVI_MUST_CHECK;

/* The columns of a progress report, as pg_fu_progress_at reads them from column k on (alias p
 * for progress, r for recommendation). */
#define PG_FU_PROGRESS_COLS                                                                        \
    "p.id, r.id, p.institution_id, p.status, p.narrative, p.workflow, p.review_comment, "          \
    "p.author_login, p.submitter_login, p.reviewer_login, p.created_at, p.updated_at, "            \
    "p.submitted_at, p.reviewed_at"

/* The report on row `row` of r (strings borrowed from r). */
struct store_progress pg_fu_progress_at(const PGresult *r, int row, int k);

/* The columns of a note, as pg_fu_note_at reads them from column k on (alias n for note, r for
 * recommendation). */
#define PG_FU_NOTE_COLS                                                                            \
    "n.id, r.id, n.author_login, n.organisation, n.independent, n.status, n.body, n.created_at"

/* The note on row `row` of r (strings borrowed from r). */
struct store_note pg_fu_note_at(const PGresult *r, int row, int k);

#endif
