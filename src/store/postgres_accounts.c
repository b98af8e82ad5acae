/*
 * postgres_accounts.c — accounts in the PostgreSQL backend of store.h, part one: institutions
 * and users (tables of pg/002_a_accounts.sql), mirroring sqlite_accounts.c function by function,
 * and the helpers postgres_accounts.h shares with postgres_sessions.c. Times cross store.h as
 * milliseconds since the epoch and are kept as the same UTC ISO-8601 text with milliseconds,
 * converted in C by util/isotime.c as in the SQLite backend. Logins compare without ASCII case
 * through lower(), as SQLite's COLLATE NOCASE columns do. Rows are fetched whole before the
 * callbacks run, so a callback may call the store again.
 *
 * Constraint failures: a write runs in a savepoint (pg_run_guarded) and, when it fails on a
 * constraint, a lookup says whether a unique key was taken or a reference dangles, so that the
 * caller gets SQLite's codes and messages and an open transaction stays usable.
 */
#include "store/postgres_accounts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Adds a time as text, or NULL for 0. */
void pg_acct_param_time(struct pg_params *p, struct pg_acct_times *t, int64_t ms)
{
    if (!ms || t->n >= 4) {
        pg_param_text(p, NULL);
        return;
    }
    isotime_format(ms, t->text[t->n]);
    pg_param_text(p, t->text[t->n++]);
}

/* Adds an id, or NULL for 0 (no such row). */
void pg_acct_param_id(struct pg_params *p, long id)
{
    pg_param_int_or_null(p, id, id == 0);
}

/* The code of a failed call whose err may be NULL. */
int pg_acct_failed(const struct err *err)
{
    return err && err->code < 0 ? err->code : ERR_STORE;
}

/* 1 when the lookup sql (one id or text parameter) returns a row, 0 when it does not, or the
 * error. */
static int exists(struct pg_store *st, const char *sql, const struct pg_params *p)
{
    struct err probe = {0};
    PGresult *r = pg_run(st, sql, p, &probe, "checking a constraint");
    if (!r)
        return pg_acct_failed(&probe);
    int found = PQntuples(r) > 0;
    PQclear(r);
    return found;
}

/* What a failed write becomes, as sqlite_accounts.c's step_write says it: a unique key taken
 * names what was taken (ERR_INPUT), a dangling reference is ERR_INPUT, anything else (a CHECK,
 * NOT NULL, the connection) ERR_STORE with the server's message. pr may be NULL. */
int pg_acct_write_failed(struct pg_store *st, struct err *err, const char *doing,
                         const struct pg_acct_probe *pr)
{
    if (pg_acct_failed(err) != ERR_INPUT) /* not a constraint (pg_error's mapping) */
        return pg_acct_failed(err);
    int rc = pr && pr->taken_sql ? exists(st, pr->taken_sql, &pr->taken_p) : 0;
    if (rc == 1)
        return err_set(err, ERR_INPUT, "%s is already taken", pr->taken);
    if (!rc && pr && pr->ref_sql && !(rc = exists(st, pr->ref_sql, &pr->ref_p)))
        return err_set(err, ERR_INPUT, "%s: it refers to a row that does not exist", doing);
    if (err)
        err->code = ERR_STORE; /* the server's message stays */
    return ERR_STORE;
}

/* Runs a write in a savepoint; *changed (may be NULL) receives the rows it touched and *id (may
 * be NULL) the first column of its first row (RETURNING id). */
int pg_acct_write(struct pg_store *st, const char *sql, const struct pg_params *p, long *changed,
                  long *id, struct err *err, const char *doing)
{
    PGresult *r = pg_run_guarded(st, sql, p, err, doing);
    if (!r)
        return pg_acct_failed(err);
    if (changed)
        *changed = atol(PQcmdTuples(r));
    if (id)
        *id = PQntuples(r) > 0 ? (long)pg_int(r, 0, 0) : 0;
    PQclear(r);
    return 0;
}

int pg_acct_exec(struct pg_store *st, const char *sql, const struct pg_params *p, long *changed,
                 struct err *err, const char *doing)
{
    int rc = pg_exec(st, sql, p, changed, err, doing);
    if (rc == ERR_INPUT) { /* pg_error says ERR_INPUT for every constraint (SQLSTATE 23...) */
        if (err)
            err->code = ERR_STORE;
        rc = ERR_STORE;
    }
    return rc;
}

/* Runs a lookup and calls each(r, row, ctx) on each row; stops at the first non-zero. */
int pg_acct_each(struct pg_store *st, const char *sql, const struct pg_params *p,
                 int (*each)(const PGresult *, int, void *), void *ctx, struct err *err,
                 const char *doing)
{
    PGresult *r = pg_run(st, sql, p, err, doing);
    if (!r)
        return pg_acct_failed(err);
    int rc = 0, n = PQntuples(r);
    for (int i = 0; i < n && !rc; i++)
        rc = each(r, i, ctx);
    PQclear(r);
    return rc;
}

/* Runs a lookup of one row: the result with its row, or NULL with *rc 0 (none) or the error. */
PGresult *pg_acct_one(struct pg_store *st, const char *sql, const struct pg_params *p, int *rc,
                      struct err *err, const char *doing)
{
    *rc = 0;
    PGresult *r = pg_run(st, sql, p, err, doing);
    if (!r) {
        *rc = pg_acct_failed(err);
        return NULL;
    }
    if (PQntuples(r) < 1) {
        PQclear(r);
        return NULL;
    }
    return r;
}

/* ---- institutions ------------------------------------------------------------------------ */

static const char sql_institution_insert[] =
    "INSERT INTO institution(code, name, kind) VALUES ($1, $2, $3) RETURNING id";
static const char sql_institution_update[] =
    "UPDATE institution SET code = $2, name = $3, kind = $4 WHERE id = $1";
static const char sql_institution_taken[] = /* $1 code, $2 id or NULL */
    "SELECT 1 FROM institution WHERE code = $1::text AND id IS DISTINCT FROM $2::bigint";
static const char sql_institution_get[] =
    "SELECT id, code, name, kind FROM institution WHERE id = $1 OR code = $2";
static const char sql_institution_each[] =
    "SELECT id, code, name, kind FROM institution ORDER BY code";

int postgres_institution_put(struct pg_store *st, const struct store_institution *in, long *id,
                             struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    if (in->id)
        pg_param_int(&p, in->id);
    pg_param_text(&p, in->code);
    pg_param_text(&p, in->name);
    pg_param_text(&p, in->kind);
    long changed = 0, new_id = 0;
    int rc = pg_acct_write(st, in->id ? sql_institution_update : sql_institution_insert, &p,
                           &changed, in->id ? NULL : &new_id, err, "storing an institution");
    if (rc) {
        char taken[96];
        snprintf(taken, sizeof taken, "institution code \"%.64s\"", in->code ? in->code : "");
        struct pg_acct_probe pr = {.taken = taken, .taken_sql = sql_institution_taken};
        pg_params_init(&pr.taken_p);
        pg_param_text(&pr.taken_p, in->code);
        pg_acct_param_id(&pr.taken_p, in->id);
        return pg_acct_write_failed(st, err, "storing an institution", &pr);
    }
    if (in->id && !changed)
        return err_set(err, ERR_NOTFOUND, "no institution with id %ld", in->id);
    *id = in->id ? in->id : new_id;
    return 0;
}

struct institution_call {
    store_institution_cb cb;
    void *ctx;
};

static int institution_row(const PGresult *r, int i, void *ctx)
{
    struct institution_call *c = ctx;
    struct store_institution in = {(long)pg_int(r, i, 0), pg_text(r, i, 1), pg_text(r, i, 2),
                                   pg_text(r, i, 3)};
    return c->cb(c->ctx, &in);
}

int postgres_institution_get(struct pg_store *st, long id, const char *code,
                             store_institution_cb cb, void *ctx, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_acct_param_id(&p, id > 0 ? id : 0);
    pg_param_text(&p, id > 0 ? NULL : code);
    int rc;
    PGresult *r = pg_acct_one(st, sql_institution_get, &p, &rc, err, "reading an institution");
    if (!r)
        return rc       ? rc
               : id > 0 ? err_set(err, ERR_NOTFOUND, "no institution with id %ld", id)
                        : err_set(err, ERR_NOTFOUND, "no institution with code \"%s\"",
                                  code ? code : "");
    struct institution_call c = {cb, ctx};
    rc = institution_row(r, 0, &c);
    PQclear(r);
    return rc;
}

int postgres_institution_each(struct pg_store *st, store_institution_cb cb, void *ctx,
                              struct err *err)
{
    struct institution_call c = {cb, ctx};
    return pg_acct_each(st, sql_institution_each, NULL, institution_row, &c, err,
                        "listing institutions");
}

/* ---- users ------------------------------------------------------------------------------- */

static const char sql_user_insert[] =
    "INSERT INTO account(login, name, role, institution_id, active, created_at) "
    "VALUES ($1, $2, $3, $4, $5, coalesce($6::text, suivi_now_ms())) RETURNING id";
static const char sql_user_update[] =
    "UPDATE account SET login = $2, name = $3, role = $4, institution_id = $5, active = $6 "
    "WHERE id = $1";
static const char sql_user_taken[] = /* $1 login, $2 id or NULL */
    "SELECT 1 FROM account WHERE lower(login) = lower($1::text) AND id IS DISTINCT FROM $2::bigint";
static const char sql_institution_exists[] = "SELECT 1 FROM institution WHERE id = $1";
static const char sql_user_get[] =
    "SELECT " PG_ACCT_USER_COLS " FROM account u LEFT JOIN institution i "
    "ON i.id = u.institution_id "
    "WHERE u.id = $1 OR lower(u.login) = lower($2)";
static const char sql_user_each[] =
    "SELECT " PG_ACCT_USER_COLS " FROM account u LEFT JOIN institution i "
    "ON i.id = u.institution_id ORDER BY lower(u.login), u.id";
static const char sql_user_count[] = "SELECT count(*) FROM account";
static const char sql_user_password_get[] = "SELECT password_hash FROM account WHERE id = $1";
static const char sql_user_password_set[] = "UPDATE account SET password_hash = $2 WHERE id = $1";
static const char sql_user_login_set[] = "UPDATE account SET last_login_at = $2 WHERE id = $1";

/* The user whose columns start at k (PG_ACCT_USER_COLS). */
struct store_user pg_acct_user_at(const PGresult *r, int i, int k)
{
    return (struct store_user){
        .id = (long)pg_int(r, i, k),
        .login = pg_text(r, i, k + 1),
        .name = pg_text(r, i, k + 2),
        .role = pg_text(r, i, k + 3),
        .institution_id = (long)pg_int(r, i, k + 4),
        .institution_code = pg_text(r, i, k + 5),
        .active = (int)pg_int(r, i, k + 6),
        .created_at = isotime_parse(pg_text(r, i, k + 7)),
        .last_login_at = isotime_parse(pg_text(r, i, k + 8)),
    };
}

int postgres_user_put(struct pg_store *st, const struct store_user *u, long *id, struct err *err)
{
    struct pg_params p;
    struct pg_acct_times t = {.n = 0};
    pg_params_init(&p);
    if (u->id)
        pg_param_int(&p, u->id);
    pg_param_text(&p, u->login);
    pg_param_text(&p, u->name);
    pg_param_text(&p, u->role);
    pg_acct_param_id(&p, u->institution_id);
    pg_param_int(&p, u->active ? 1 : 0);
    if (!u->id)
        pg_acct_param_time(&p, &t, u->created_at);
    long changed = 0, new_id = 0;
    int rc = pg_acct_write(st, u->id ? sql_user_update : sql_user_insert, &p, &changed,
                           u->id ? NULL : &new_id, err, "storing a user");
    if (rc) {
        char taken[96];
        snprintf(taken, sizeof taken, "login \"%.64s\"", u->login ? u->login : "");
        struct pg_acct_probe pr = {.taken = taken, .taken_sql = sql_user_taken};
        pg_params_init(&pr.taken_p);
        pg_param_text(&pr.taken_p, u->login);
        pg_acct_param_id(&pr.taken_p, u->id);
        if (u->institution_id) {
            pr.ref_sql = sql_institution_exists;
            pg_params_init(&pr.ref_p);
            pg_param_int(&pr.ref_p, u->institution_id);
        }
        return pg_acct_write_failed(st, err, "storing a user", &pr);
    }
    if (u->id && !changed)
        return err_set(err, ERR_NOTFOUND, "no user with id %ld", u->id);
    *id = u->id ? u->id : new_id;
    return 0;
}

struct user_call {
    store_user_cb cb;
    void *ctx;
};

static int user_row(const PGresult *r, int i, void *ctx)
{
    struct user_call *c = ctx;
    struct store_user u = pg_acct_user_at(r, i, 0);
    return c->cb(c->ctx, &u);
}

int postgres_user_get(struct pg_store *st, long id, const char *login, store_user_cb cb, void *ctx,
                      struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_acct_param_id(&p, id > 0 ? id : 0);
    pg_param_text(&p, id > 0 ? NULL : login);
    int rc;
    PGresult *r = pg_acct_one(st, sql_user_get, &p, &rc, err, "reading a user");
    if (!r)
        return rc ? rc
               : id > 0
                   ? err_set(err, ERR_NOTFOUND, "no user with id %ld", id)
                   : err_set(err, ERR_NOTFOUND, "no user with login \"%s\"", login ? login : "");
    struct user_call c = {cb, ctx};
    rc = user_row(r, 0, &c);
    PQclear(r);
    return rc;
}

int postgres_user_each(struct pg_store *st, store_user_cb cb, void *ctx, struct err *err)
{
    struct user_call c = {cb, ctx};
    return pg_acct_each(st, sql_user_each, NULL, user_row, &c, err, "listing users");
}

int postgres_user_count(struct pg_store *st, long *out, struct err *err)
{
    int rc;
    PGresult *r = pg_acct_one(st, sql_user_count, NULL, &rc, err, "counting users");
    if (rc)
        return rc;
    *out = r ? (long)pg_int(r, 0, 0) : 0;
    PQclear(r);
    return 0;
}

int postgres_user_password_get(struct pg_store *st, long id, struct buf *out, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, id);
    int rc;
    PGresult *r = pg_acct_one(st, sql_user_password_get, &p, &rc, err, "reading a password hash");
    if (!r)
        return rc ? rc : err_set(err, ERR_NOTFOUND, "no user with id %ld", id);
    const char *hash = pg_text(r, 0, 0);
    rc = hash && buf_puts(out, hash) ? err_set(err, ERR_NOMEM, "out of memory") : 0;
    PQclear(r);
    return rc;
}

/* Runs an UPDATE of user id; ERR_NOTFOUND when no row changed. */
static int user_update(struct pg_store *st, const char *sql, const struct pg_params *p, long id,
                       struct err *err, const char *doing)
{
    long changed = 0;
    int rc = pg_acct_write(st, sql, p, &changed, NULL, err, doing);
    if (rc)
        return pg_acct_write_failed(st, err, doing, NULL);
    return changed ? 0 : err_set(err, ERR_NOTFOUND, "no user with id %ld", id);
}

int postgres_user_password_set(struct pg_store *st, long id, const char *hash, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, id);
    pg_param_text(&p, hash);
    return user_update(st, sql_user_password_set, &p, id, err, "storing a password hash");
}

int postgres_user_login_set(struct pg_store *st, long id, int64_t at, struct err *err)
{
    struct pg_params p;
    struct pg_acct_times t = {.n = 0};
    pg_params_init(&p);
    pg_param_int(&p, id);
    pg_acct_param_time(&p, &t, at);
    return user_update(st, sql_user_login_set, &p, id, err, "recording a login");
}
