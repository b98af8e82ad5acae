/*
 * sqlite_followup.h — what the follow-up files of the SQLite backend (sqlite_followup*.c) share,
 * and with them the other files that prepare per call (sqlite_bundle_*.c, sqlite_coop.c,
 * sqlite_hub*.c). Their statements are prepared for each call and finalized by it, not kept in
 * the connection's statement cache: follow-up writes are rare and reads come in batches
 * (store_followup_each prepares its statements once for the whole batch), and it keeps these
 * files apart from the cache's shared list of statements. Times are kept as UTC
 * ISO-8601 text with milliseconds, like migration 002's; the conversion is exact (no floating
 * point). Only these files include this header.
 */
#ifndef SUIVI_STORE_SQLITE_FOLLOWUP_H
#define SUIVI_STORE_SQLITE_FOLLOWUP_H

#include "store/sqlite_internal.h"

/* Prepares sql on the connection into *out (the caller finalizes it). */
int sqlite_fu_prepare(struct sqlite_store *st, const char *sql, sqlite3_stmt **out,
                      struct err *err) SUIVI_MUST_CHECK;

/* Binds ms since the epoch as ISO-8601 text (NULL for 0); an id (NULL for 0); a double (NULL
 * for NAN). */
void sqlite_fu_bind_time(sqlite3_stmt *s, int i, int64_t ms);
void sqlite_fu_bind_id(sqlite3_stmt *s, int i, long id);
void sqlite_fu_bind_double(sqlite3_stmt *s, int i, double v);

/* Column readers: text (NULL stays NULL), a time (0 for NULL), a double (NAN for NULL). */
const char *sqlite_fu_text(sqlite3_stmt *s, int i);
int64_t sqlite_fu_time(sqlite3_stmt *s, int i);
double sqlite_fu_double(sqlite3_stmt *s, int i);
long sqlite_fu_long(sqlite3_stmt *s, int i);

/* Runs a statement that returns no rows; a unique constraint gives ERR_INPUT "<taken> is
 * already taken" when taken is not NULL, a foreign key ERR_INPUT naming what was being done. */
int sqlite_fu_write(struct sqlite_store *st, sqlite3_stmt *s, const char *doing, const char *taken,
                    struct err *err) SUIVI_MUST_CHECK;

/* Runs and finalizes s: an UPDATE or DELETE of row update_id (ERR_NOTFOUND "no <what> with id
 * N" when no row changed) or, when update_id is 0, an INSERT. *id, when id is not NULL, receives
 * update_id or the new row's id. doing and taken as for sqlite_fu_write. */
int sqlite_fu_put(struct sqlite_store *st, sqlite3_stmt *s, long update_id, long *id,
                  const char *doing, const char *what, const char *taken,
                  struct err *err) SUIVI_MUST_CHECK;

/* Runs and finalizes s, an UPDATE or DELETE of row id; ERR_NOTFOUND "no <what> with id N" when
 * no row changed (id 0 included). */
int sqlite_fu_change(struct sqlite_store *st, sqlite3_stmt *s, long id, const char *doing,
                     const char *what, struct err *err) SUIVI_MUST_CHECK;

/* Steps through every row calling each(s, ctx); stops at the first non-zero it returns. */
int sqlite_fu_rows(struct sqlite_store *st, sqlite3_stmt *s, int (*each)(sqlite3_stmt *, void *),
                   void *ctx, const char *doing, struct err *err) SUIVI_MUST_CHECK;

/* Steps to the one row of a lookup: 1 on it, 0 when there is none, negative on error. */
int sqlite_fu_one(struct sqlite_store *st, sqlite3_stmt *s, const char *doing,
                  struct err *err) SUIVI_MUST_CHECK;

/* Runs sql with one id bound as ?1 (0 binds NULL), handing every row to each; finalizes it. */
int sqlite_fu_rows_by_id(struct sqlite_store *st, const char *sql, long id,
                         int (*each)(sqlite3_stmt *, void *), void *ctx, const char *doing,
                         struct err *err) SUIVI_MUST_CHECK;

/* Like sqlite_fu_rows_by_id for a lookup: the first row only, ERR_NOTFOUND "no <what> with id
 * N" when there is none. */
int sqlite_fu_row_by_id(struct sqlite_store *st, const char *sql, long id,
                        int (*each)(sqlite3_stmt *, void *), void *ctx, const char *what,
                        struct err *err) SUIVI_MUST_CHECK;

/* The row count of entity, one of the n names of tables ({name, "SELECT count(*) ..."});
 * ERR_USAGE "unknown <family> entity" for any other. */
int sqlite_fu_count(struct sqlite_store *st, const char *const (*tables)[2], size_t n,
                    const char *family, const char *entity, long *out,
                    struct err *err) SUIVI_MUST_CHECK;

/* The internal key of recommendation rec_id; ERR_NOTFOUND naming it when absent. */
int sqlite_fu_rid(struct sqlite_store *st, const char *rec_id, sqlite3_int64 *rid,
                  struct err *err) SUIVI_MUST_CHECK;

/* The columns of a progress report, as sqlite_fu_progress_at reads them from column k on
 * (alias p for progress, r for recommendation). */
#define SQLITE_FU_PROGRESS_COLS                                                                    \
    "p.id, r.id, p.institution_id, p.status, p.narrative, p.workflow, p.review_comment, "          \
    "p.author_login, p.submitter_login, p.reviewer_login, p.created_at, p.updated_at, "            \
    "p.submitted_at, p.reviewed_at"

/* The report on the statement's current row (strings borrowed from the statement). */
struct store_progress sqlite_fu_progress_at(sqlite3_stmt *s, int k);

/* The columns of a note, as sqlite_fu_note_at reads them from column k on (alias n for note, r
 * for recommendation). */
#define SQLITE_FU_NOTE_COLS                                                                        \
    "n.id, r.id, n.author_login, n.organisation, n.independent, n.status, n.body, n.created_at"

/* The note on the statement's current row (strings borrowed from the statement). */
struct store_note sqlite_fu_note_at(sqlite3_stmt *s, int k);

#endif
