/*
 * sqlite_accounts.c — accounts in the SQLite backend of store.h: institutions, users, login
 * sessions, login failures and the audit trail (tables of migration 002). Times cross store.h
 * as milliseconds since the epoch and are kept as UTC ISO-8601 text with milliseconds, which
 * people can read in the database and which compares correctly as text; the conversion is
 * util/isotime.c's (exact, no floating point). Rows are handed to callbacks while the statement
 * is on them: a callback must not call the same store function again.
 */
#include "store/sqlite_internal.h"

#include <stdio.h>
#include <string.h>

#include "util/isotime.h"

/* Binds a time as text, or NULL for 0. The text is copied: it need not outlive the call. */
static void bind_time(sqlite3_stmt *s, int i, int64_t ms)
{
    if (!ms) {
        sqlite3_bind_null(s, i);
        return;
    }
    char text[ISOTIME_SIZE];
    isotime_format(ms, text);
    sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
}

/* Binds an id, or NULL for 0 (no such row). */
static void bind_id(sqlite3_stmt *s, int i, long id)
{
    if (id)
        sqlite3_bind_int64(s, i, id);
    else
        sqlite3_bind_null(s, i);
}

static const char *col(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

/* Runs a statement that returns no rows; a unique constraint names what was taken. */
static int step_write(struct sqlite_store *st, sqlite3_stmt *s, struct err *err, const char *doing,
                      const char *taken)
{
    int rc = sqlite3_step(s);
    int ext = sqlite3_extended_errcode(st->db);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return 0;
    if (taken && ext == SQLITE_CONSTRAINT_UNIQUE)
        return err_set(err, ERR_INPUT, "%s is already taken", taken);
    if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
        return err_set(err, ERR_INPUT, "%s: it refers to a row that does not exist", doing);
    return sqlite_fail(st, err, doing);
}

/* Steps through every row, calling each(st, s, ctx) on it; stops at the first non-zero. */
static int step_rows(struct sqlite_store *st, sqlite3_stmt *s, int (*each)(sqlite3_stmt *, void *),
                     void *ctx, struct err *err, const char *doing)
{
    int rc, cb_rc = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && !(cb_rc = each(s, ctx)))
        ;
    sqlite3_reset(s);
    if (cb_rc)
        return cb_rc;
    return rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, doing);
}

/* Steps to the one row of a lookup: 1 on it, 0 (statement reset) when there is none. */
static int step_one(struct sqlite_store *st, sqlite3_stmt *s, struct err *err, const char *doing)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return 1;
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, doing);
}

/* ---- institutions ------------------------------------------------------------------------ */

int sqlite_institution_put(struct sqlite_store *st, const struct store_institution *in, long *id,
                           struct err *err)
{
    sqlite3_stmt *s =
        sqlite_stmt(st, in->id ? SQL_INSTITUTION_UPDATE : SQL_INSTITUTION_INSERT, err);
    if (!s)
        return ERR_STORE;
    int k = in->id ? 2 : 1;
    if (in->id)
        sqlite3_bind_int64(s, 1, in->id);
    sqlite_bind_text(s, k, in->code);
    sqlite_bind_text(s, k + 1, in->name);
    sqlite_bind_text(s, k + 2, in->kind);
    char taken[96];
    snprintf(taken, sizeof taken, "institution code \"%.64s\"", in->code ? in->code : "");
    int rc = step_write(st, s, err, "storing an institution", taken);
    if (rc)
        return rc;
    if (in->id && !sqlite3_changes(st->db))
        return err_set(err, ERR_NOTFOUND, "no institution with id %ld", in->id);
    *id = in->id ? in->id : (long)sqlite3_last_insert_rowid(st->db);
    return 0;
}

struct institution_call {
    store_institution_cb cb;
    void *ctx;
};

static int institution_row(sqlite3_stmt *s, void *ctx)
{
    struct institution_call *c = ctx;
    struct store_institution in = {(long)sqlite3_column_int64(s, 0), col(s, 1), col(s, 2),
                                   col(s, 3)};
    return c->cb(c->ctx, &in);
}

int sqlite_institution_get(struct sqlite_store *st, long id, const char *code,
                           store_institution_cb cb, void *ctx, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_INSTITUTION_GET, err);
    if (!s)
        return ERR_STORE;
    bind_id(s, 1, id > 0 ? id : 0);
    sqlite_bind_text(s, 2, id > 0 ? NULL : code);
    int rc = step_one(st, s, err, "reading an institution");
    if (rc <= 0)
        return rc       ? rc
               : id > 0 ? err_set(err, ERR_NOTFOUND, "no institution with id %ld", id)
                        : err_set(err, ERR_NOTFOUND, "no institution with code \"%s\"",
                                  code ? code : "");
    struct institution_call c = {cb, ctx};
    rc = institution_row(s, &c);
    sqlite3_reset(s);
    return rc;
}

int sqlite_institution_each(struct sqlite_store *st, store_institution_cb cb, void *ctx,
                            struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_INSTITUTION_EACH, err);
    if (!s)
        return ERR_STORE;
    struct institution_call c = {cb, ctx};
    return step_rows(st, s, institution_row, &c, err, "listing institutions");
}

/* ---- users ------------------------------------------------------------------------------- */

/* The user whose columns start at k (USER_COLS in sqlite_sql.c). */
static struct store_user user_at(sqlite3_stmt *s, int k)
{
    return (struct store_user){
        .id = (long)sqlite3_column_int64(s, k),
        .login = col(s, k + 1),
        .name = col(s, k + 2),
        .role = col(s, k + 3),
        .institution_id = (long)sqlite3_column_int64(s, k + 4),
        .institution_code = col(s, k + 5),
        .active = sqlite3_column_int(s, k + 6),
        .created_at = isotime_parse(col(s, k + 7)),
        .last_login_at = isotime_parse(col(s, k + 8)),
    };
}

int sqlite_user_put(struct sqlite_store *st, const struct store_user *u, long *id, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, u->id ? SQL_USER_UPDATE : SQL_USER_INSERT, err);
    if (!s)
        return ERR_STORE;
    int k = u->id ? 2 : 1;
    if (u->id)
        sqlite3_bind_int64(s, 1, u->id);
    sqlite_bind_text(s, k, u->login);
    sqlite_bind_text(s, k + 1, u->name);
    sqlite_bind_text(s, k + 2, u->role);
    bind_id(s, k + 3, u->institution_id);
    sqlite3_bind_int(s, k + 4, u->active ? 1 : 0);
    if (!u->id)
        bind_time(s, k + 5, u->created_at);
    char taken[96];
    snprintf(taken, sizeof taken, "login \"%.64s\"", u->login ? u->login : "");
    int rc = step_write(st, s, err, "storing a user", taken);
    if (rc)
        return rc;
    if (u->id && !sqlite3_changes(st->db))
        return err_set(err, ERR_NOTFOUND, "no user with id %ld", u->id);
    *id = u->id ? u->id : (long)sqlite3_last_insert_rowid(st->db);
    return 0;
}

struct user_call {
    store_user_cb cb;
    void *ctx;
};

static int user_row(sqlite3_stmt *s, void *ctx)
{
    struct user_call *c = ctx;
    struct store_user u = user_at(s, 0);
    return c->cb(c->ctx, &u);
}

int sqlite_user_get(struct sqlite_store *st, long id, const char *login, store_user_cb cb,
                    void *ctx, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_USER_GET, err);
    if (!s)
        return ERR_STORE;
    bind_id(s, 1, id > 0 ? id : 0);
    sqlite_bind_text(s, 2, id > 0 ? NULL : login);
    int rc = step_one(st, s, err, "reading a user");
    if (rc <= 0)
        return rc ? rc
               : id > 0
                   ? err_set(err, ERR_NOTFOUND, "no user with id %ld", id)
                   : err_set(err, ERR_NOTFOUND, "no user with login \"%s\"", login ? login : "");
    struct user_call c = {cb, ctx};
    rc = user_row(s, &c);
    sqlite3_reset(s);
    return rc;
}

int sqlite_user_each(struct sqlite_store *st, store_user_cb cb, void *ctx, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_USER_EACH, err);
    if (!s)
        return ERR_STORE;
    struct user_call c = {cb, ctx};
    return step_rows(st, s, user_row, &c, err, "listing users");
}

int sqlite_user_count(struct sqlite_store *st, long *out, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_USER_COUNT, err);
    if (!s)
        return ERR_STORE;
    int rc = step_one(st, s, err, "counting users");
    if (rc < 0)
        return rc;
    *out = rc ? (long)sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return 0;
}

int sqlite_user_password_get(struct sqlite_store *st, long id, struct buf *out, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_USER_PASSWORD_GET, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, id);
    int rc = step_one(st, s, err, "reading a password hash");
    if (rc <= 0)
        return rc ? rc : err_set(err, ERR_NOTFOUND, "no user with id %ld", id);
    const char *hash = col(s, 0);
    rc = hash && buf_puts(out, hash) ? err_set(err, ERR_NOMEM, "out of memory") : 0;
    sqlite3_reset(s);
    return rc;
}

/* Runs an UPDATE of user id; ERR_NOTFOUND when no row changed. */
static int user_update(struct sqlite_store *st, sqlite3_stmt *s, long id, struct err *err,
                       const char *doing)
{
    int rc = step_write(st, s, err, doing, NULL);
    if (!rc && !sqlite3_changes(st->db))
        rc = err_set(err, ERR_NOTFOUND, "no user with id %ld", id);
    return rc;
}

int sqlite_user_password_set(struct sqlite_store *st, long id, const char *hash, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_USER_PASSWORD_SET, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, id);
    sqlite_bind_text(s, 2, hash);
    return user_update(st, s, id, err, "storing a password hash");
}

int sqlite_user_login_set(struct sqlite_store *st, long id, int64_t at, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_USER_LOGIN_SET, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, id);
    bind_time(s, 2, at);
    return user_update(st, s, id, err, "recording a login");
}

/* ---- sessions ---------------------------------------------------------------------------- */

int sqlite_session_put(struct sqlite_store *st, const struct store_session *ses, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SESSION_INSERT, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, ses->token_hash);
    sqlite3_bind_int64(s, 2, ses->user_id);
    sqlite_bind_text(s, 3, ses->csrf_token);
    bind_time(s, 4, ses->created_at);
    bind_time(s, 5, ses->expires_at);
    bind_time(s, 6, ses->last_seen_at);
    sqlite_bind_text(s, 7, ses->ip);
    return step_write(st, s, err, "storing a session", "session token");
}

struct session_call {
    store_session_cb cb;
    void *ctx;
};

static int session_row(sqlite3_stmt *s, void *ctx)
{
    struct session_call *c = ctx;
    struct store_session ses = {
        .token_hash = col(s, 0),
        .user_id = (long)sqlite3_column_int64(s, 1),
        .csrf_token = col(s, 2),
        .created_at = isotime_parse(col(s, 3)),
        .expires_at = isotime_parse(col(s, 4)),
        .last_seen_at = isotime_parse(col(s, 5)),
        .ip = col(s, 6),
    };
    struct store_user u = user_at(s, 7);
    return c->cb(c->ctx, &ses, &u);
}

int sqlite_session_get(struct sqlite_store *st, const char *token_hash, store_session_cb cb,
                       void *ctx, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SESSION_GET, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, token_hash);
    int rc = step_one(st, s, err, "reading a session");
    if (rc <= 0)
        return rc ? rc : err_set(err, ERR_NOTFOUND, "no such session");
    struct session_call c = {cb, ctx};
    rc = session_row(s, &c);
    sqlite3_reset(s);
    return rc;
}

int sqlite_session_each(struct sqlite_store *st, long user_id, store_session_cb cb, void *ctx,
                        struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SESSION_EACH, err);
    if (!s)
        return ERR_STORE;
    bind_id(s, 1, user_id);
    struct session_call c = {cb, ctx};
    return step_rows(st, s, session_row, &c, err, "listing sessions");
}

int sqlite_session_touch(struct sqlite_store *st, const char *token_hash, int64_t last_seen_at,
                         int64_t expires_at, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SESSION_TOUCH, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, token_hash);
    bind_time(s, 2, last_seen_at);
    bind_time(s, 3, expires_at);
    int rc = step_write(st, s, err, "extending a session", NULL);
    if (!rc && !sqlite3_changes(st->db))
        rc = err_set(err, ERR_NOTFOUND, "no such session");
    return rc;
}

/* Runs a DELETE and reports how many rows went. */
static int delete_rows(struct sqlite_store *st, sqlite3_stmt *s, long *deleted, struct err *err,
                       const char *doing)
{
    int rc = step_write(st, s, err, doing, NULL);
    if (!rc && deleted)
        *deleted = (long)sqlite3_changes(st->db);
    return rc;
}

int sqlite_session_delete(struct sqlite_store *st, const char *token_hash, long *deleted,
                          struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SESSION_DELETE, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, token_hash);
    return delete_rows(st, s, deleted, err, "ending a session");
}

int sqlite_session_delete_user(struct sqlite_store *st, long user_id, long *deleted,
                               struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SESSION_DELETE_USER, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, user_id);
    return delete_rows(st, s, deleted, err, "ending a user's sessions");
}

int sqlite_session_purge(struct sqlite_store *st, int64_t now, long *deleted, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SESSION_PURGE, err);
    if (!s)
        return ERR_STORE;
    bind_time(s, 1, now);
    return delete_rows(st, s, deleted, err, "removing expired sessions");
}

/* ---- login failures ---------------------------------------------------------------------- */

int sqlite_login_failure_add(struct sqlite_store *st, const char *login, const char *ip, int64_t at,
                             struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_FAILURE_ADD, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, login ? login : "");
    sqlite_bind_text(s, 2, ip);
    bind_time(s, 3, at);
    return step_write(st, s, err, "recording a failed login", NULL);
}

int sqlite_login_failure_count(struct sqlite_store *st, const char *login, const char *ip,
                               int64_t since, long *count, int64_t *oldest, struct err *err)
{
    *count = 0;
    if (oldest)
        *oldest = 0;
    if (!login && !ip)
        return 0;
    sqlite3_stmt *s = sqlite_stmt(st, login ? SQL_FAILURE_COUNT_LOGIN : SQL_FAILURE_COUNT_IP, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, login ? login : ip);
    bind_time(s, 2, since ? since : 1);
    int rc = step_one(st, s, err, "counting failed logins");
    if (rc <= 0)
        return rc;
    *count = (long)sqlite3_column_int64(s, 0);
    if (oldest)
        *oldest = isotime_parse(col(s, 1));
    sqlite3_reset(s);
    return 0;
}

int sqlite_login_failure_clear(struct sqlite_store *st, const char *login, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_FAILURE_CLEAR, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, login);
    return step_write(st, s, err, "forgetting failed logins", NULL);
}

int sqlite_login_failure_purge(struct sqlite_store *st, int64_t before, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_FAILURE_PURGE, err);
    if (!s)
        return ERR_STORE;
    bind_time(s, 1, before);
    return step_write(st, s, err, "forgetting old failed logins", NULL);
}

/* ---- audit ------------------------------------------------------------------------------- */

int sqlite_audit_add(struct sqlite_store *st, const struct store_audit *a, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_AUDIT_ADD, err);
    if (!s)
        return ERR_STORE;
    bind_time(s, 1, a->at);
    bind_id(s, 2, a->actor_id);
    sqlite_bind_text(s, 3, a->actor_login);
    sqlite_bind_text(s, 4, a->action);
    sqlite_bind_text(s, 5, a->entity);
    sqlite_bind_text(s, 6, a->entity_id);
    sqlite_bind_text(s, 7, a->before_json);
    sqlite_bind_text(s, 8, a->after_json);
    sqlite_bind_text(s, 9, a->ip);
    sqlite_bind_text(s, 10, a->detail);
    return step_write(st, s, err, "recording an audit event", NULL);
}

static void bind_audit_filter(sqlite3_stmt *s, const struct store_audit_filter *f)
{
    sqlite_bind_text(s, 1, f->entity);
    sqlite_bind_text(s, 2, f->entity_id);
    sqlite_bind_text(s, 3, f->actor_login);
    sqlite_bind_text(s, 4, f->action);
    bind_time(s, 5, f->since);
    bind_time(s, 6, f->until);
}

struct audit_call {
    store_audit_cb cb;
    void *ctx;
};

static int audit_row(sqlite3_stmt *s, void *ctx)
{
    struct audit_call *c = ctx;
    struct store_audit a = {
        .id = (long)sqlite3_column_int64(s, 0),
        .at = isotime_parse(col(s, 1)),
        .actor_id = (long)sqlite3_column_int64(s, 2),
        .actor_login = col(s, 3),
        .action = col(s, 4),
        .entity = col(s, 5),
        .entity_id = col(s, 6),
        .before_json = col(s, 7),
        .after_json = col(s, 8),
        .ip = col(s, 9),
        .detail = col(s, 10),
    };
    return c->cb(c->ctx, &a);
}

int sqlite_audit_each(struct sqlite_store *st, const struct store_audit_filter *f,
                      store_audit_cb cb, void *ctx, struct err *err)
{
    static const struct store_audit_filter all;
    if (!f)
        f = &all;
    sqlite3_stmt *s = sqlite_stmt(st, SQL_AUDIT_EACH, err);
    if (!s)
        return ERR_STORE;
    bind_audit_filter(s, f);
    sqlite3_bind_int(s, 7, f->limit > 0 ? f->limit : -1);
    sqlite3_bind_int(s, 8, f->offset > 0 ? f->offset : 0);
    struct audit_call c = {cb, ctx};
    return step_rows(st, s, audit_row, &c, err, "reading the audit trail");
}

int sqlite_audit_count(struct sqlite_store *st, const struct store_audit_filter *f, long *out,
                       struct err *err)
{
    static const struct store_audit_filter all;
    sqlite3_stmt *s = sqlite_stmt(st, SQL_AUDIT_COUNT, err);
    if (!s)
        return ERR_STORE;
    bind_audit_filter(s, f ? f : &all);
    int rc = step_one(st, s, err, "counting audit events");
    if (rc < 0)
        return rc;
    *out = rc ? (long)sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return 0;
}
