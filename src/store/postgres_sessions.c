/*
 * postgres_sessions.c — accounts in the PostgreSQL backend of store.h, part two: login sessions,
 * login failures (with the lock that keeps core_login's limit exact under concurrent attempts)
 * and the audit trail (tables of pg/002_a_accounts.sql), mirroring sqlite_accounts.c. Shared
 * helpers (times, writes, row loops) are in postgres_accounts.c (postgres_accounts.h).
 */
#include "store/postgres_accounts.h"

#include <stdio.h>

/* ---- sessions ---------------------------------------------------------------------------- */

#define SESSION_COLS                                                                               \
    "s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.last_seen_at, "          \
    "s.ip, " PG_ACCT_USER_COLS " FROM session s JOIN account u ON u.id = s.user_id "               \
    "LEFT JOIN institution i ON i.id = u.institution_id"

static const char sql_session_insert[] =
    "INSERT INTO session(token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, "
    "ip) VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char sql_user_exists[] = "SELECT 1 FROM account WHERE id = $1";
static const char sql_session_get[] = "SELECT " SESSION_COLS " WHERE s.token_hash = $1";
static const char sql_session_each[] =
    "SELECT " SESSION_COLS " WHERE $1::bigint IS NULL OR s.user_id = $1 "
    "ORDER BY s.created_at DESC, s.token_hash";
static const char sql_session_touch[] =
    "UPDATE session SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1";
static const char sql_session_delete[] = "DELETE FROM session WHERE token_hash = $1";
static const char sql_session_delete_user[] = "DELETE FROM session WHERE user_id = $1";
static const char sql_session_purge[] = "DELETE FROM session WHERE expires_at <= $1";

int postgres_session_put(struct pg_store *st, const struct store_session *ses, struct err *err)
{
    struct pg_params p;
    struct pg_acct_times t = {.n = 0};
    pg_params_init(&p);
    pg_param_text(&p, ses->token_hash);
    pg_param_int(&p, ses->user_id);
    pg_param_text(&p, ses->csrf_token);
    pg_acct_param_time(&p, &t, ses->created_at);
    pg_acct_param_time(&p, &t, ses->expires_at);
    pg_acct_param_time(&p, &t, ses->last_seen_at);
    pg_param_text(&p, ses->ip);
    if (!pg_acct_write(st, sql_session_insert, &p, NULL, NULL, err, "storing a session"))
        return 0;
    /* A token taken is not "already taken" but ERR_STORE, as in SQLite, where token_hash is
     * the primary key of a WITHOUT ROWID table (SQLITE_CONSTRAINT_PRIMARYKEY, which
     * step_write does not name). */
    struct pg_acct_probe pr = {.ref_sql = sql_user_exists};
    pg_params_init(&pr.ref_p);
    pg_param_int(&pr.ref_p, ses->user_id);
    return pg_acct_write_failed(st, err, "storing a session", &pr);
}

struct session_call {
    store_session_cb cb;
    void *ctx;
};

static int session_row(const PGresult *r, int i, void *ctx)
{
    struct session_call *c = ctx;
    struct store_session ses = {
        .token_hash = pg_text(r, i, 0),
        .user_id = (long)pg_int(r, i, 1),
        .csrf_token = pg_text(r, i, 2),
        .created_at = isotime_parse(pg_text(r, i, 3)),
        .expires_at = isotime_parse(pg_text(r, i, 4)),
        .last_seen_at = isotime_parse(pg_text(r, i, 5)),
        .ip = pg_text(r, i, 6),
    };
    struct store_user u = pg_acct_user_at(r, i, 7);
    return c->cb(c->ctx, &ses, &u);
}

int postgres_session_get(struct pg_store *st, const char *token_hash, store_session_cb cb,
                         void *ctx, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, token_hash);
    int rc;
    PGresult *r = pg_acct_one(st, sql_session_get, &p, &rc, err, "reading a session");
    if (!r)
        return rc ? rc : err_set(err, ERR_NOTFOUND, "no such session");
    struct session_call c = {cb, ctx};
    rc = session_row(r, 0, &c);
    PQclear(r);
    return rc;
}

int postgres_session_each(struct pg_store *st, long user_id, store_session_cb cb, void *ctx,
                          struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_acct_param_id(&p, user_id);
    struct session_call c = {cb, ctx};
    return pg_acct_each(st, sql_session_each, &p, session_row, &c, err, "listing sessions");
}

int postgres_session_touch(struct pg_store *st, const char *token_hash, int64_t last_seen_at,
                           int64_t expires_at, struct err *err)
{
    struct pg_params p;
    struct pg_acct_times t = {.n = 0};
    pg_params_init(&p);
    pg_param_text(&p, token_hash);
    pg_acct_param_time(&p, &t, last_seen_at);
    pg_acct_param_time(&p, &t, expires_at);
    long changed = 0;
    if (pg_acct_write(st, sql_session_touch, &p, &changed, NULL, err, "extending a session"))
        return pg_acct_write_failed(st, err, "extending a session", NULL);
    return changed ? 0 : err_set(err, ERR_NOTFOUND, "no such session");
}

/* Runs a DELETE and reports how many rows went. */
static int delete_rows(struct pg_store *st, const char *sql, const struct pg_params *p,
                       long *deleted, struct err *err, const char *doing)
{
    long changed = 0;
    int rc = pg_acct_exec(st, sql, p, &changed, err, doing);
    if (!rc && deleted)
        *deleted = changed;
    return rc;
}

int postgres_session_delete(struct pg_store *st, const char *token_hash, long *deleted,
                            struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, token_hash);
    return delete_rows(st, sql_session_delete, &p, deleted, err, "ending a session");
}

int postgres_session_delete_user(struct pg_store *st, long user_id, long *deleted, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, user_id);
    return delete_rows(st, sql_session_delete_user, &p, deleted, err, "ending a user's sessions");
}

int postgres_session_purge(struct pg_store *st, int64_t now, long *deleted, struct err *err)
{
    struct pg_params p;
    struct pg_acct_times t = {.n = 0};
    pg_params_init(&p);
    pg_acct_param_time(&p, &t, now);
    return delete_rows(st, sql_session_purge, &p, deleted, err, "removing expired sessions");
}

/* ---- login failures ---------------------------------------------------------------------- */

static const char sql_failure_add[] =
    "INSERT INTO login_failure(login, ip, at) VALUES ($1, $2, $3)";
static const char sql_failure_count_login[] =
    "SELECT count(*), min(at) FROM login_failure WHERE lower(login) = lower($1) AND at >= $2";
static const char sql_failure_count_ip[] =
    "SELECT count(*), min(at) FROM login_failure WHERE ip = $1 AND at >= $2";
static const char sql_failure_clear[] = "DELETE FROM login_failure WHERE lower(login) = lower($1)";
static const char sql_failure_purge[] = "DELETE FROM login_failure WHERE at < $1";

/* core_login checks the limits and records the attempt in one transaction (reserve_attempt in
 * src/core/accounts.c). SQLite's write transactions run one at a time; two PostgreSQL ones could
 * both count below the limit and both insert. postgres_begin serialises a tenant's writing
 * transactions already; the limit does not rest on that alone: inside a write transaction,
 * counting first takes a transaction lock on the login (or the ip) in this schema, so that a
 * concurrent attempt waits until this one commits and its count (a new statement: a new READ
 * COMMITTED snapshot) sees this attempt's row. Locks are taken login first, then ip, as
 * check_limits counts: no deadlock. The two-key form keeps these keys apart from single-key
 * advisory locks (postgres_begin's). tests/core/test_login_race checks the outcome. */
static const char sql_failure_lock_login[] =
    "SELECT pg_advisory_xact_lock(1937074550, hashtext(current_schema() || ' ' || lower($1)))";
static const char sql_failure_lock_ip[] =
    "SELECT pg_advisory_xact_lock(1937074551, hashtext(current_schema() || ' ' || $1))";

int postgres_login_failure_add(struct pg_store *st, const char *login, const char *ip, int64_t at,
                               struct err *err)
{
    struct pg_params p;
    struct pg_acct_times t = {.n = 0};
    pg_params_init(&p);
    pg_param_text(&p, login ? login : "");
    pg_param_text(&p, ip);
    pg_acct_param_time(&p, &t, at);
    return pg_acct_exec(st, sql_failure_add, &p, NULL, err, "recording a failed login");
}

int postgres_login_failure_count(struct pg_store *st, const char *login, const char *ip,
                                 int64_t since, long *count, int64_t *oldest, struct err *err)
{
    *count = 0;
    if (oldest)
        *oldest = 0;
    if (!login && !ip)
        return 0;
    struct pg_params p;
    struct pg_acct_times t = {.n = 0};
    pg_params_init(&p);
    pg_param_text(&p, login ? login : ip);
    int rc;
    if (st->in_tx && !st->read_snapshot &&
        (rc = pg_exec(st, login ? sql_failure_lock_login : sql_failure_lock_ip, &p, NULL, err,
                      "counting failed logins")))
        return rc;
    pg_acct_param_time(&p, &t, since ? since : 1);
    PGresult *r = pg_acct_one(st, login ? sql_failure_count_login : sql_failure_count_ip, &p, &rc,
                              err, "counting failed logins");
    if (!r)
        return rc;
    *count = (long)pg_int(r, 0, 0);
    if (oldest)
        *oldest = isotime_parse(pg_text(r, 0, 1));
    PQclear(r);
    return 0;
}

int postgres_login_failure_clear(struct pg_store *st, const char *login, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, login);
    return pg_acct_exec(st, sql_failure_clear, &p, NULL, err, "forgetting failed logins");
}

int postgres_login_failure_purge(struct pg_store *st, int64_t before, struct err *err)
{
    struct pg_params p;
    struct pg_acct_times t = {.n = 0};
    pg_params_init(&p);
    pg_acct_param_time(&p, &t, before);
    return pg_acct_exec(st, sql_failure_purge, &p, NULL, err, "forgetting old failed logins");
}

/* ---- audit ------------------------------------------------------------------------------- */

#define AUDIT_FILTER                                                                               \
    " ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR entity_id = $2)"                  \
    " AND ($3::text IS NULL OR lower(actor_login) = lower($3)) AND ($4::text IS NULL OR action = " \
    "$4) AND ($5::text IS NULL OR at >= $5) AND ($6::text IS NULL OR at < $6)"

static const char sql_audit_add[] =
    "INSERT INTO audit(at, actor_id, actor_login, action, entity, entity_id, before_json, "
    "after_json, ip, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
static const char sql_audit_each[] =
    "SELECT id, at, actor_id, actor_login, action, entity, entity_id, before_json, after_json, "
    "ip, detail FROM audit WHERE" AUDIT_FILTER
    " ORDER BY at DESC, id DESC LIMIT $7::bigint OFFSET $8::bigint";
static const char sql_audit_count[] = "SELECT count(*) FROM audit WHERE" AUDIT_FILTER;

int postgres_audit_add(struct pg_store *st, const struct store_audit *a, struct err *err)
{
    struct pg_params p;
    struct pg_acct_times t = {.n = 0};
    pg_params_init(&p);
    pg_acct_param_time(&p, &t, a->at);
    pg_acct_param_id(&p, a->actor_id);
    pg_param_text(&p, a->actor_login);
    pg_param_text(&p, a->action);
    pg_param_text(&p, a->entity);
    pg_param_text(&p, a->entity_id);
    pg_param_text(&p, a->before_json);
    pg_param_text(&p, a->after_json);
    pg_param_text(&p, a->ip);
    pg_param_text(&p, a->detail);
    return pg_acct_exec(st, sql_audit_add, &p, NULL, err, "recording an audit event");
}

static void param_audit_filter(struct pg_params *p, struct pg_acct_times *t,
                               const struct store_audit_filter *f)
{
    pg_param_text(p, f->entity);
    pg_param_text(p, f->entity_id);
    pg_param_text(p, f->actor_login);
    pg_param_text(p, f->action);
    pg_acct_param_time(p, t, f->since);
    pg_acct_param_time(p, t, f->until);
}

struct audit_call {
    store_audit_cb cb;
    void *ctx;
};

static int audit_row(const PGresult *r, int i, void *ctx)
{
    struct audit_call *c = ctx;
    struct store_audit a = {
        .id = (long)pg_int(r, i, 0),
        .at = isotime_parse(pg_text(r, i, 1)),
        .actor_id = (long)pg_int(r, i, 2),
        .actor_login = pg_text(r, i, 3),
        .action = pg_text(r, i, 4),
        .entity = pg_text(r, i, 5),
        .entity_id = pg_text(r, i, 6),
        .before_json = pg_text(r, i, 7),
        .after_json = pg_text(r, i, 8),
        .ip = pg_text(r, i, 9),
        .detail = pg_text(r, i, 10),
    };
    return c->cb(c->ctx, &a);
}

int postgres_audit_each(struct pg_store *st, const struct store_audit_filter *f, store_audit_cb cb,
                        void *ctx, struct err *err)
{
    static const struct store_audit_filter all;
    if (!f)
        f = &all;
    struct pg_params p;
    struct pg_acct_times t = {.n = 0};
    pg_params_init(&p);
    param_audit_filter(&p, &t, f);
    pg_param_int_or_null(&p, f->limit, f->limit <= 0);
    pg_param_int(&p, f->offset > 0 ? f->offset : 0);
    struct audit_call c = {cb, ctx};
    return pg_acct_each(st, sql_audit_each, &p, audit_row, &c, err, "reading the audit trail");
}

int postgres_audit_count(struct pg_store *st, const struct store_audit_filter *f, long *out,
                         struct err *err)
{
    static const struct store_audit_filter all;
    struct pg_params p;
    struct pg_acct_times t = {.n = 0};
    pg_params_init(&p);
    param_audit_filter(&p, &t, f ? f : &all);
    int rc;
    PGresult *r = pg_acct_one(st, sql_audit_count, &p, &rc, err, "counting audit events");
    if (rc)
        return rc;
    *out = r ? (long)pg_int(r, 0, 0) : 0;
    PQclear(r);
    return 0;
}
