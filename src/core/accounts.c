/*
 * accounts.c — users, institutions, logins and sessions (see accounts.h). Each write runs in
 * its own transaction together with its audit event; password hashing (slow on purpose) is
 * done before the transaction opens so that it never holds the database's write lock.
 */
#include "core/accounts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/permissions.h"
#include "text/fold.h"

const struct core_actor core_actor_public = {0, "public", "public", 0, NULL};

/* Who ensure_admin acts as: no person yet exists to be the actor. */
static const struct core_actor system_actor = {0, "system", "admin", 0, NULL};

void core_actor_cli(struct core_actor *out, char *login, size_t size)
{
    const char *user = getenv("USER");
    if (!user || !*user)
        user = getenv("LOGNAME");
    snprintf(login, size, "cli:%s", user && *user ? user : "unknown");
    *out = (struct core_actor){0, login, "admin", 0, NULL};
}

/* ---- validation -------------------------------------------------------------------------- */

static int login_char(char c, int first)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    return !first && (c == '.' || c == '_' || c == '-' || c == '@');
}

static int login_ok(const char *login)
{
    size_t n = login ? strlen(login) : 0;
    if (!n || n > CORE_LOGIN_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!login_char(login[i], i == 0))
            return 0;
    return 1;
}

static int check_login(const char *login, struct err *err)
{
    if (login_ok(login))
        return 0;
    return err_set(err, ERR_INPUT,
                   "login \"%.80s\": expected 1 to %d letters, digits, '.', '_', '-' or '@', "
                   "starting with a letter or digit",
                   login ? login : "", CORE_LOGIN_MAX);
}

/* A name: valid UTF-8, no control characters, at most CORE_NAME_MAX bytes; empty only when
 * not required. */
static int check_name(const char *field, const char *name, int required, struct err *err)
{
    size_t n = name ? strlen(name) : 0;
    if (!n)
        return required ? err_set(err, ERR_INPUT, "%s: empty, expected a name", field) : 0;
    if (n > CORE_NAME_MAX)
        return err_set(err, ERR_INPUT, "%s: %zu bytes, expected at most %d", field, n,
                       CORE_NAME_MAX);
    if (text_utf8_check(name, n, NULL))
        return err_set(err, ERR_INPUT, "%s: not valid UTF-8", field);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return err_set(err, ERR_INPUT, "%s: control character at byte %zu, expected text",
                           field, i + 1);
    return 0;
}

static int check_password(const char *password, struct err *err)
{
    size_t n = password ? strlen(password) : 0, chars = 0;
    if (n > CORE_PASSWORD_MAX)
        return err_set(err, ERR_INPUT, "password: %zu bytes, expected at most %d", n,
                       CORE_PASSWORD_MAX);
    if (n && text_utf8_check(password, n, NULL))
        return err_set(err, ERR_INPUT, "password: not valid UTF-8");
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)password[i] & 0xc0) != 0x80;
    if (chars < CORE_PASSWORD_MIN)
        return err_set(err, ERR_INPUT,
                       "password: %zu characters, expected at least %d (a few words make a "
                       "good one)",
                       chars, CORE_PASSWORD_MIN);
    return 0;
}

static int institution_exists(void *ctx, const struct store_institution *in)
{
    (void)ctx;
    (void)in;
    return 0;
}

/* The role, and the institution a focal point needs. */
static int check_role(struct store *st, const struct core_user_in *in, struct err *err)
{
    enum core_role role = core_role_parse(in->role);
    if (role == CORE_ROLE_COUNT || role == CORE_ROLE_PUBLIC)
        return err_set(err, ERR_INPUT,
                       "role \"%.40s\": expected admin, coordinator, focal_point, contributor "
                       "or viewer",
                       in->role ? in->role : "");
    if (role == CORE_ROLE_FOCAL_POINT && in->institution_id <= 0)
        return err_set(err, ERR_INPUT,
                       "institution: none given, expected one for role focal_point (a focal "
                       "point acts for an institution)");
    if (in->institution_id <= 0)
        return 0;
    int rc = store_institution_get(st, in->institution_id, NULL, institution_exists, NULL, err);
    if (rc == ERR_NOTFOUND)
        rc = err_set(err, ERR_INPUT, "institution: no institution with id %ld", in->institution_id);
    return rc;
}

/* ---- users ------------------------------------------------------------------------------- */

/* A user copied out of a store callback. */
struct user_copy {
    long id, institution_id;
    int active;
    char login[CORE_LOGIN_MAX + 1];
    char name[CORE_NAME_MAX + 1];
    char role[16];
    int has_name;
};

static void user_copy_fill(struct user_copy *c, const struct store_user *u)
{
    c->id = u->id;
    c->institution_id = u->institution_id;
    c->active = u->active;
    snprintf(c->login, sizeof c->login, "%s", u->login ? u->login : "");
    snprintf(c->name, sizeof c->name, "%s", u->name ? u->name : "");
    snprintf(c->role, sizeof c->role, "%s", u->role ? u->role : "");
    c->has_name = u->name != NULL;
}

static int copy_user(void *ctx, const struct store_user *u)
{
    user_copy_fill(ctx, u);
    return 0;
}

static struct store_user user_of(const struct user_copy *c)
{
    return (struct store_user){.id = c->id,
                               .login = c->login,
                               .name = c->has_name ? c->name : NULL,
                               .role = c->role,
                               .institution_id = c->institution_id,
                               .active = c->active};
}

/* {"id":1,"login":"...","name":...,"role":"...","institution_id":...,"active":true} */
static int user_json(const struct store_user *u, struct buf *out)
{
    buf_printf(out, "{\"id\":%ld,\"login\":", u->id);
    buf_put_json_string(out, u->login);
    buf_puts(out, ",\"name\":");
    if (u->name)
        buf_put_json_string(out, u->name);
    else
        buf_puts(out, "null");
    buf_puts(out, ",\"role\":");
    buf_put_json_string(out, u->role);
    if (u->institution_id)
        buf_printf(out, ",\"institution_id\":%ld", u->institution_id);
    else
        buf_puts(out, ",\"institution_id\":null");
    buf_printf(out, ",\"active\":%s}", u->active ? "true" : "false");
    return out->oom ? ERR_NOMEM : 0;
}

static int load_user(struct store *st, long id, const char *login, struct user_copy *c,
                     struct err *err)
{
    memset(c, 0, sizeof *c);
    return store_user_get(st, id, login, copy_user, c, err);
}

/* Stores u (insert when u->id is 0) and its audit event in one transaction; before is the user
 * as it was (NULL for a new one). hash, when not NULL, becomes the password. */
static int user_write(struct store *st, const struct core_actor *actor, const char *action,
                      struct store_user *u, const struct store_user *before, const char *hash,
                      long *ended, struct err *err)
{
    struct buf before_json = BUF_INIT, after_json = BUF_INIT;
    char id_text[24];
    int rc = store_begin(st, err);
    if (rc)
        goto out;
    if ((rc = store_user_put(st, u, &u->id, err)))
        goto rollback;
    if (hash && (rc = store_user_password_set(st, u->id, hash, err)))
        goto rollback;
    if (ended && (rc = store_session_delete_user(st, u->id, ended, err)))
        goto rollback;
    if ((before && user_json(before, &before_json)) || user_json(u, &after_json)) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
        goto rollback;
    }
    snprintf(id_text, sizeof id_text, "%ld", u->id);
    rc = core_audit_record(st, actor, action, "user", id_text,
                           before ? buf_str(&before_json) : NULL, buf_str(&after_json), err);
    if (!rc)
        rc = store_commit(st, err);
rollback:
    if (rc)
        store_rollback(st);
out:
    buf_free(&before_json);
    buf_free(&after_json);
    return rc;
}

int core_user_create(struct store *st, const struct core_actor *actor,
                     const struct core_user_in *in, long *id, struct err *err)
{
    if (!core_may(actor, CORE_MANAGE_USERS, 0))
        return err_set(err, ERR_DENIED, "creating a user: only an administrator may");
    int rc;
    if ((rc = check_login(in->login, err)) || (rc = check_name("name", in->name, 0, err)) ||
        (rc = check_role(st, in, err)) || (rc = check_password(in->password, err)))
        return rc;
    char hash[CORE_PASSWORD_HASH_SIZE];
    if ((rc = core_password_hash(in->password, hash, err)))
        return rc;
    struct store_user u = {.login = in->login,
                           .name = in->name && *in->name ? in->name : NULL,
                           .role = in->role,
                           .institution_id = in->institution_id > 0 ? in->institution_id : 0,
                           .active = 1,
                           .created_at = core_now()};
    rc = user_write(st, actor, "create", &u, NULL, hash, NULL, err);
    if (!rc)
        *id = u.id;
    return rc;
}

int core_user_update(struct store *st, const struct core_actor *actor, long id,
                     const struct core_user_in *in, struct err *err)
{
    if (!core_may(actor, CORE_MANAGE_USERS, 0))
        return err_set(err, ERR_DENIED, "changing a user: only an administrator may");
    struct user_copy old;
    int rc;
    if ((rc = check_login(in->login, err)) || (rc = check_name("name", in->name, 0, err)) ||
        (rc = check_role(st, in, err)) || (rc = load_user(st, id, NULL, &old, err)))
        return rc;
    struct store_user before = user_of(&old), u = before;
    u.login = in->login;
    u.name = in->name && *in->name ? in->name : NULL;
    u.role = in->role;
    u.institution_id = in->institution_id > 0 ? in->institution_id : 0;
    return user_write(st, actor, "update", &u, &before, NULL, NULL, err);
}

int core_user_password_set(struct store *st, const struct core_actor *actor, long id,
                           const char *password, struct err *err)
{
    int self = actor && actor->user_id > 0 && actor->user_id == id;
    if (!self && !core_may(actor, CORE_MANAGE_USERS, 0))
        return err_set(err, ERR_DENIED,
                       "changing another person's password: only an administrator may");
    struct user_copy old;
    int rc;
    if ((rc = check_password(password, err)) || (rc = load_user(st, id, NULL, &old, err)))
        return rc;
    char hash[CORE_PASSWORD_HASH_SIZE], id_text[24], after[96];
    if ((rc = core_password_hash(password, hash, err)))
        return rc;
    long ended = 0;
    if ((rc = store_begin(st, err)))
        return rc;
    snprintf(id_text, sizeof id_text, "%ld", id);
    if (!(rc = store_user_password_set(st, id, hash, err)) &&
        !(rc = store_session_delete_user(st, id, &ended, err))) {
        snprintf(after, sizeof after, "{\"password\":\"changed\",\"sessions_ended\":%ld}", ended);
        rc = core_audit_record(st, actor, "password", "user", id_text, NULL, after, err);
    }
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

static int set_active(struct store *st, const struct core_actor *actor, long id, int active,
                      struct err *err)
{
    if (!core_may(actor, CORE_MANAGE_USERS, 0))
        return err_set(err, ERR_DENIED, "%s a user: only an administrator may",
                       active ? "activating" : "deactivating");
    if (!active && actor && actor->user_id > 0 && actor->user_id == id)
        return err_set(err, ERR_INPUT, "deactivating your own account: ask another administrator");
    struct user_copy old;
    int rc = load_user(st, id, NULL, &old, err);
    if (rc)
        return rc;
    struct store_user before = user_of(&old), u = before;
    u.active = active;
    long ended = 0;
    return user_write(st, actor, active ? "activate" : "deactivate", &u, &before, NULL,
                      active ? NULL : &ended, err);
}

int core_user_deactivate(struct store *st, const struct core_actor *actor, long id, struct err *err)
{
    return set_active(st, actor, id, 0, err);
}

int core_user_activate(struct store *st, const struct core_actor *actor, long id, struct err *err)
{
    return set_active(st, actor, id, 1, err);
}

struct user_read {
    const struct core_actor *actor;
    store_user_cb cb;
    void *ctx;
};

static int user_if_allowed(void *ctx, const struct store_user *u)
{
    struct user_read *r = ctx;
    int self = r->actor && r->actor->user_id > 0 && r->actor->user_id == u->id;
    if (!self && !core_may(r->actor, CORE_MANAGE_USERS, 0))
        return ERR_DENIED;
    return r->cb(r->ctx, u);
}

int core_user_get(struct store *st, const struct core_actor *actor, long id, const char *login,
                  store_user_cb cb, void *ctx, struct err *err)
{
    struct user_read r = {actor, cb, ctx};
    int rc = store_user_get(st, id, login, user_if_allowed, &r, err);
    if (rc == ERR_DENIED)
        err_set(err, ERR_DENIED, "reading another person's account: only an administrator may");
    return rc;
}

int core_user_each(struct store *st, const struct core_actor *actor, store_user_cb cb, void *ctx,
                   struct err *err)
{
    if (!core_may(actor, CORE_MANAGE_USERS, 0))
        return err_set(err, ERR_DENIED, "listing users: only an administrator may");
    return store_user_each(st, cb, ctx, err);
}

/* ---- institutions ------------------------------------------------------------------------ */

static int check_code(const char *code, struct err *err)
{
    size_t n = code ? strlen(code) : 0;
    int ok = n >= 1 && n <= 32;
    for (size_t i = 0; ok && i < n; i++)
        ok = login_char(code[i], 1) || code[i] == '_' || code[i] == '-';
    return ok ? 0
              : err_set(err, ERR_INPUT,
                        "institution code \"%.40s\": expected 1 to 32 letters, digits, '_' or '-'",
                        code ? code : "");
}

int core_institution_create(struct store *st, const struct core_actor *actor,
                            const struct store_institution *in, long *id, struct err *err)
{
    if (!core_may(actor, CORE_MANAGE_INSTITUTIONS, 0))
        return err_set(err, ERR_DENIED,
                       "creating an institution: only a coordinator or an administrator may");
    int rc;
    if ((rc = check_code(in->code, err)) || (rc = check_name("name", in->name, 1, err)) ||
        (rc = check_name("kind", in->kind, 0, err)))
        return rc;
    struct store_institution row = *in;
    row.id = 0;
    row.kind = in->kind && *in->kind ? in->kind : NULL;
    struct buf after = BUF_INIT;
    char id_text[24];
    if ((rc = store_begin(st, err)))
        return rc;
    if ((rc = store_institution_put(st, &row, id, err)))
        goto out;
    buf_printf(&after, "{\"id\":%ld,\"code\":", *id);
    buf_put_json_string(&after, row.code);
    buf_puts(&after, ",\"name\":");
    buf_put_json_string(&after, row.name);
    buf_puts(&after, ",\"kind\":");
    if (row.kind)
        buf_put_json_string(&after, row.kind);
    else
        buf_puts(&after, "null");
    if (buf_putc(&after, '}')) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
        goto out;
    }
    snprintf(id_text, sizeof id_text, "%ld", *id);
    rc = core_audit_record(st, actor, "create", "institution", id_text, NULL, buf_str(&after), err);
    if (!rc)
        rc = store_commit(st, err);
out:
    if (rc)
        store_rollback(st);
    buf_free(&after);
    return rc;
}

int core_institution_get(struct store *st, long id, const char *code, store_institution_cb cb,
                         void *ctx, struct err *err)
{
    return store_institution_get(st, id, code, cb, ctx, err);
}

int core_institution_each(struct store *st, store_institution_cb cb, void *ctx, struct err *err)
{
    return store_institution_each(st, cb, ctx, err);
}

/* ---- logging in -------------------------------------------------------------------------- */

/* The refusal of a login by the limits: when to retry, and why. */
static int limited(const char *how, const char *who, int64_t oldest, int64_t now, int64_t *retry_at,
                   struct err *err)
{
    *retry_at = oldest + CORE_LOGIN_WINDOW_MS;
    char at[CORE_TIME_SIZE];
    core_time_format(*retry_at, at);
    long minutes = (long)((*retry_at - now + 59999) / 60000);
    return err_set(err, CORE_ERR_LOGIN_LIMITED,
                   "too many failed logins %s \"%.80s\" in %d minutes: try again in %ld "
                   "minute%s (at %.8s UTC)",
                   how, who, CORE_LOGIN_WINDOW_MS / 60000, minutes, minutes == 1 ? "" : "s",
                   at + 11);
}

/* Refuses a login when too many failed recently for login (when not NULL) or from ip. */
static int check_limits(struct store *st, const char *login, const char *ip, int64_t now,
                        int64_t *retry_at, struct err *err)
{
    int64_t since = now - CORE_LOGIN_WINDOW_MS + 1, oldest = 0; /* (now - window, now] */
    long count = 0;
    int rc;
    if (login) {
        if ((rc = store_login_failure_count(st, login, NULL, since, &count, &oldest, err)))
            return rc;
        if (count >= CORE_LOGIN_FAILURES_PER_LOGIN)
            return limited("for", login, oldest, now, retry_at, err);
    }
    if (ip) {
        if ((rc = store_login_failure_count(st, NULL, ip, since, &count, &oldest, err)))
            return rc;
        if (count >= CORE_LOGIN_FAILURES_PER_IP)
            return limited("from", ip, oldest, now, retry_at, err);
    }
    return 0;
}

/* Checks the limits and counts this attempt as failed, in one write transaction, before the
 * password is verified: attempts made at the same time on other connections then see each
 * other's rows, so that no more than the limit get through (checking, verifying, then recording
 * let every concurrent attempt pass the check). A successful login forgets the login's failures
 * (open_session), this one included. */
static int reserve_attempt(struct store *st, const char *login, const char *ip, int64_t now,
                           int64_t *retry_at, struct err *err)
{
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = check_limits(st, login, ip, now, retry_at, err);
    if (!rc)
        rc = store_login_failure_add(st, login ? login : "", ip, now, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

/* The audit event of a failed login (counted by reserve_attempt). user is NULL for an unknown
 * login. */
static int record_failure(struct store *st, const char *login, const struct user_copy *user,
                          const char *ip, const char *why, struct err *err)
{
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    struct core_actor who = {0, login ? login : "(invalid login)", "public", 0, ip};
    char id_text[24];
    if (user)
        snprintf(id_text, sizeof id_text, "%ld", user->id);
    rc = core_audit_note(st, &who, "login_failed", "user", user ? id_text : NULL, why, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

/* Opens a session for user: tokens, the row, last login, failures forgotten, audit event. */
static int open_session(struct store *st, const struct user_copy *user, const char *ip, int64_t now,
                        struct core_login *out, struct err *err)
{
    char hash[CORE_TOKEN_HASH_SIZE], after[128], at[CORE_TIME_SIZE];
    int rc;
    if ((rc = core_token_new(out->token, err)) || (rc = core_token_new(out->csrf, err)) ||
        (rc = core_token_hash(out->token, hash, err)))
        return rc;
    out->user_id = user->id;
    out->expires_at = now + CORE_SESSION_IDLE_MS;
    struct store_session s = {hash, user->id, out->csrf, now, out->expires_at, now, ip};
    struct core_actor who = {user->id, user->login, user->role, user->institution_id, ip};
    char ref[CORE_SESSION_REF_SIZE];
    snprintf(ref, sizeof ref, "%.*s", CORE_SESSION_REF_SIZE - 1, hash);
    core_time_format(out->expires_at, at);
    snprintf(after, sizeof after, "{\"user_id\":%ld,\"expires_at\":\"%s\"}", user->id, at);
    if ((rc = store_begin(st, err)))
        return rc;
    if (!(rc = store_session_put(st, &s, err)) &&
        !(rc = store_user_login_set(st, user->id, now, err)) &&
        !(rc = store_login_failure_clear(st, user->login, err)) &&
        !(rc = store_login_failure_purge(st, now - CORE_LOGIN_WINDOW_MS, err)) &&
        !(rc = store_session_purge(st, now, NULL, err)))
        rc = core_audit_record(st, &who, "login", "session", ref, NULL, after, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        memset(out->token, 0, sizeof out->token);
    }
    return rc;
}

int core_login(struct store *st, const char *login, const char *password, const char *ip,
               struct core_login *out, struct err *err)
{
    memset(out, 0, sizeof *out);
    if (!password)
        password = "";
    int64_t now = core_now();
    const char *typed = login_ok(login) ? login : NULL; /* anything else cannot exist */
    int rc = reserve_attempt(st, typed, ip, now, &out->retry_at, err);
    if (rc)
        return rc;
    struct user_copy user = {0};
    struct buf hash = BUF_INIT;
    int found = 0;
    if (typed) {
        rc = load_user(st, 0, typed, &user, err);
        found = !rc;
        if (rc == ERR_NOTFOUND)
            rc = 0;
        if (found)
            rc = store_user_password_get(st, user.id, &hash, err);
        if (rc)
            goto out;
    }
    int ok = 0;
    if (found)
        ok = core_password_verify(buf_str(&hash), password);
    else /* the same time as a known login, so that timing does not tell which logins exist */
        core_password_spend(password);
    if (ok && user.active) {
        rc = open_session(st, &user, ip, now, out, err);
        goto out;
    }
    rc = record_failure(st, typed, found ? &user : NULL, ip,
                        !found ? "unknown login"
                        : !ok  ? "wrong password"
                               : "account deactivated",
                        err);
    if (!rc)
        rc = ok ? err_set(err, ERR_DENIED, "login \"%s\" is deactivated: ask an administrator",
                          user.login)
                : err_set(err, ERR_DENIED, "wrong login or password");
out:
    buf_free(&hash);
    return rc;
}

/* ---- sessions ---------------------------------------------------------------------------- */

struct session_copy {
    struct core_session *out;
    int64_t last_seen_at;
    int active;
};

static int copy_session(void *ctx, const struct store_session *s, const struct store_user *u)
{
    struct session_copy *c = ctx;
    struct core_session *out = c->out;
    snprintf(out->login, sizeof out->login, "%s", u->login ? u->login : "");
    snprintf(out->name, sizeof out->name, "%s", u->name ? u->name : "");
    snprintf(out->role, sizeof out->role, "%s", u->role ? u->role : "");
    snprintf(out->csrf, sizeof out->csrf, "%s", s->csrf_token ? s->csrf_token : "");
    snprintf(out->ref, sizeof out->ref, "%.*s", CORE_SESSION_REF_SIZE - 1, s->token_hash);
    out->created_at = s->created_at;
    out->expires_at = s->expires_at;
    out->actor.user_id = u->id;
    out->actor.institution_id = u->institution_id;
    c->last_seen_at = s->last_seen_at;
    c->active = u->active;
    return 0;
}

/* Finds the session of token into out (actor not set yet); ERR_DENIED when there is none. */
static int find_session(struct store *st, const char *token, char hash[CORE_TOKEN_HASH_SIZE],
                        struct session_copy *c, struct err *err)
{
    if (!token || !*token)
        return err_set(err, ERR_DENIED, "not logged in");
    int rc = core_token_hash(token, hash, err);
    if (!rc)
        rc = store_session_get(st, hash, copy_session, c, err);
    if (rc == ERR_NOTFOUND)
        rc = err_set(err, ERR_DENIED, "session unknown or expired: log in again");
    return rc;
}

int core_session_check(struct store *st, const char *token, const char *ip,
                       struct core_session *out, struct err *err)
{
    memset(out, 0, sizeof *out);
    char hash[CORE_TOKEN_HASH_SIZE];
    struct session_copy c = {out, 0, 0};
    int rc = find_session(st, token, hash, &c, err);
    if (rc)
        return rc;
    int64_t now = core_now();
    if (!c.active || out->expires_at <= now) {
        struct err ignored = {0};
        int gone = store_session_delete(st, hash, NULL, &ignored);
        (void)gone; /* housekeeping only: core_session_purge removes it otherwise */
        memset(out, 0, sizeof *out);
        return err_set(err, ERR_DENIED, "session expired: log in again");
    }
    int64_t expires = now + CORE_SESSION_IDLE_MS;
    if (expires > out->created_at + CORE_SESSION_MAX_MS)
        expires = out->created_at + CORE_SESSION_MAX_MS;
    if (now - c.last_seen_at >= CORE_SESSION_TOUCH_MS) {
        if ((rc = store_session_touch(st, hash, now, expires, err)))
            return rc;
        out->expires_at = expires;
    }
    out->actor.login = out->login;
    out->actor.role = out->role;
    out->actor.ip = ip;
    return 0;
}

int core_session_csrf_ok(const struct core_session *s, const char *given)
{
    return s && core_token_equal(s->csrf, given);
}

int core_logout(struct store *st, const char *token, const char *ip, struct err *err)
{
    struct core_session ses = {0};
    char hash[CORE_TOKEN_HASH_SIZE];
    struct session_copy c = {&ses, 0, 0};
    int rc = find_session(st, token, hash, &c, err);
    if (rc == ERR_DENIED)
        return 0;
    if (rc || (rc = store_begin(st, err)))
        return rc;
    struct core_actor who = {ses.actor.user_id, ses.login, ses.role, ses.actor.institution_id, ip};
    long deleted = 0;
    if (!(rc = store_session_delete(st, hash, &deleted, err)))
        rc = core_audit_note(st, &who, "logout", "session", ses.ref, "logged out", err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

int core_session_purge(struct store *st, long *purged, struct err *err)
{
    int64_t now = core_now();
    int rc = store_session_purge(st, now, purged, err);
    return rc ? rc : store_login_failure_purge(st, now - CORE_LOGIN_WINDOW_MS, err);
}

int core_accounts_ensure_admin(struct store *st, const char *password,
                               char generated[CORE_PASSWORD_GENERATED_SIZE], int *created,
                               struct err *err)
{
    *created = 0;
    generated[0] = '\0';
    long users = 0;
    int rc = store_user_count(st, &users, err);
    if (rc || users)
        return rc;
    if (!password) {
        if ((rc = core_password_generate(generated, err)))
            return rc;
        password = generated;
    }
    struct core_user_in admin = {"admin", "Administrator", "admin", 0, password};
    long id;
    rc = core_user_create(st, &system_actor, &admin, &id, err);
    if (rc == ERR_INPUT && store_user_count(st, &users, NULL) == 0 && users)
        return 0; /* another process made the first user meanwhile */
    if (rc)
        generated[0] = '\0';
    else
        *created = 1;
    return rc;
}
