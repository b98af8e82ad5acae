/*
 * postgres_accounts.h — what the two files of accounts in the PostgreSQL backend share
 * (postgres_accounts.c: institutions and users, and these helpers; postgres_sessions.c:
 * sessions, login failures and the audit trail): times as SQLite's ISO-8601 text, writes that
 * report constraint failures as sqlite_accounts.c does, and row loops. Internal to them.
 */
#ifndef SUIVI_STORE_POSTGRES_ACCOUNTS_H
#define SUIVI_STORE_POSTGRES_ACCOUNTS_H

#include "store/postgres_internal.h"

#include <stdint.h>

#include "util/isotime.h"

/* Time parameters are formatted into one of these, which must outlive the statement's run
 * (struct pg_params borrows strings). Zero it before use; up to four times. */
struct pg_acct_times {
    char text[4][ISOTIME_SIZE];
    int n;
};

/* Adds a time ("2024-05-01T09:30:00.123Z" for ms since the epoch), or NULL for 0. */
void pg_acct_param_time(struct pg_params *p, struct pg_acct_times *t, int64_t ms);
/* Adds an id, or NULL for 0 (no such row). */
void pg_acct_param_id(struct pg_params *p, long id);

/* The code of a failed call whose err may be NULL. */
int pg_acct_failed(const struct err *err);

/* A constraint a failed write may have broken, and the lookups that tell: a row of taken_sql is
 * another row holding the unique key; no row of ref_sql means the reference dangles. */
struct pg_acct_probe {
    const char *taken;     /* what was taken, for the message */
    const char *taken_sql; /* NULL: no unique key to check; run with taken_p */
    struct pg_params taken_p;
    const char *ref_sql; /* NULL: no reference to check; run with ref_p */
    struct pg_params ref_p;
};

/* Runs a write in a savepoint (an open transaction survives its failure); *changed (may be NULL)
 * receives the rows it touched and *id (may be NULL) the first column of its first row
 * (RETURNING id), 0 when none. */
int pg_acct_write(struct pg_store *st, const char *sql, const struct pg_params *p, long *changed,
                  long *id, struct err *err, const char *doing);
/* pg_exec for a write whose constraints SQLite's step_write does not name (NOT NULL, CHECK):
 * their failure is ERR_STORE with the server's message, as there. */
int pg_acct_exec(struct pg_store *st, const char *sql, const struct pg_params *p, long *changed,
                 struct err *err, const char *doing);
/* What a write that failed with err becomes, as sqlite_accounts.c's step_write says it: a unique
 * key taken "<taken> is already taken" (ERR_INPUT), a dangling reference "<doing>: it refers to
 * a row that does not exist" (ERR_INPUT), anything else (CHECK, NOT NULL, the connection)
 * ERR_STORE with the server's message. pr may be NULL. Returns the code. */
int pg_acct_write_failed(struct pg_store *st, struct err *err, const char *doing,
                         const struct pg_acct_probe *pr);

/* Runs a lookup and calls each(r, row, ctx) on each row, the result held whole (a callback may
 * use the store); stops at the first non-zero, which it returns. */
int pg_acct_each(struct pg_store *st, const char *sql, const struct pg_params *p,
                 int (*each)(const PGresult *, int, void *), void *ctx, struct err *err,
                 const char *doing);
/* Runs a lookup of one row: the result (PQclear it) on its row, or NULL with *rc 0 (no row) or
 * the error. */
PGresult *pg_acct_one(struct pg_store *st, const char *sql, const struct pg_params *p, int *rc,
                      struct err *err, const char *doing);

/* The columns of a user (with its institution's code) as SELECTs list them from account u
 * LEFT JOIN institution i, and the user read from them, starting at column k of row i; the
 * strings point into r. */
#define PG_ACCT_USER_COLS                                                                          \
    "u.id, u.login, u.name, u.role, u.institution_id, i.code, u.active, u.created_at, "            \
    "u.last_login_at"
struct store_user pg_acct_user_at(const PGresult *r, int i, int k);

#endif
