/*
 * accounts.h — people and their sessions: who is acting (struct core_actor), user accounts with
 * roles, institutions (minimal until step 3), logging in with rate limiting, sessions with
 * sliding expiry and CSRF tokens, and the first administrator. Every write checks the actor's
 * permission (permissions.h) and records an audit event (audit.h) in the same transaction.
 * Times come from core_now() (audit.h), which tests may replace.
 */
#ifndef SUIVI_CORE_ACCOUNTS_H
#define SUIVI_CORE_ACCOUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/password.h"
#include "store/store.h"

/* Who is doing something. Strings are borrowed from whoever filled it. */
struct core_actor {
    long user_id;        /* 0: not a user (anonymous, the command line, the system) */
    const char *login;   /* "public" when anonymous, "cli:alice" for the command line */
    const char *role;    /* admin, coordinator, focal_point, contributor, viewer, public */
    long institution_id; /* a focal point's institution; 0 = none */
    const char *ip;      /* where the request came from; NULL for the command line */
};

/* Anyone not logged in. */
extern const struct core_actor core_actor_public;

/* The limits of accounts, all in one place. */
enum {
    CORE_LOGIN_MAX = 64,               /* bytes of a login */
    CORE_NAME_MAX = 200,               /* bytes of a person's or an institution's name */
    CORE_PASSWORD_MIN = 12,            /* characters of a password */
    CORE_PASSWORD_MAX = 1024,          /* bytes of a password */
    CORE_LOGIN_FAILURES_PER_LOGIN = 5, /* failed logins of one login within the window ... */
    CORE_LOGIN_FAILURES_PER_IP = 20,   /* ... or from one address, before logins are refused */
    CORE_LOGIN_WINDOW_MS = 15 * 60 * 1000,
    CORE_SESSION_IDLE_MS = 8 * 3600 * 1000,     /* a session unused this long has expired */
    CORE_SESSION_MAX_MS = 7 * 24 * 3600 * 1000, /* and none lives longer than this */
    CORE_SESSION_TOUCH_MS = 60 * 1000, /* activity is written at most once a minute per session */
    CORE_SESSION_REF_SIZE = 13,        /* 12 hex digits naming a session in the audit trail */
};

/* Returned by core_login when too many logins failed recently (ERR_* codes are in err.h). */
enum { CORE_ERR_LOGIN_LIMITED = -20 };

/* Fills *out as the command line: login "cli:$USER" ($LOGNAME, else "unknown"; written into
 * login, size bytes), role admin, no user id, no address. */
void core_actor_cli(struct core_actor *out, char *login, size_t size);

/* ---- users and institutions -------------------------------------------------------------- */

struct core_user_in {
    const char *login;    /* 1 to 64 of A-Z a-z 0-9 . _ - @, starting with a letter or digit */
    const char *name;     /* may be NULL */
    const char *role;     /* admin, coordinator, focal_point, contributor, viewer */
    long institution_id;  /* 0 = none; required for focal_point */
    const char *password; /* core_user_create only: at least CORE_PASSWORD_MIN characters */
};

/* Creates a user (actor needs manage_users); *id receives its id. ERR_INPUT names the field
 * and what was expected (login taken, unknown role, focal point without institution, short
 * password); ERR_DENIED when the actor may not. */
int core_user_create(struct store *st, const struct core_actor *actor,
                     const struct core_user_in *in, long *id, struct err *err) SUIVI_MUST_CHECK;

/* Changes login, name, role and institution of user id (in->password is ignored). */
int core_user_update(struct store *st, const struct core_actor *actor, long id,
                     const struct core_user_in *in, struct err *err) SUIVI_MUST_CHECK;

/* Sets user id's password (actor needs manage_users, or to be that user) and ends every
 * session of the user, the actor's own included: the face logs the person in again. */
int core_user_password_set(struct store *st, const struct core_actor *actor, long id,
                           const char *password, struct err *err) SUIVI_MUST_CHECK;

/* Deactivates user id (cannot log in; sessions ended); core_user_activate undoes it. An actor
 * cannot deactivate itself. */
int core_user_deactivate(struct store *st, const struct core_actor *actor, long id,
                         struct err *err) SUIVI_MUST_CHECK;
int core_user_activate(struct store *st, const struct core_actor *actor, long id,
                       struct err *err) SUIVI_MUST_CHECK;

/* Reading users needs manage_users, except one's own account. By id when id > 0, else login. */
int core_user_get(struct store *st, const struct core_actor *actor, long id, const char *login,
                  store_user_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;
int core_user_each(struct store *st, const struct core_actor *actor, store_user_cb cb, void *ctx,
                   struct err *err) SUIVI_MUST_CHECK;

/* Creates an institution (actor needs manage_institutions): code 1 to 32 of A-Z a-z 0-9 _ -,
 * a name, an optional kind. in->id is ignored. */
int core_institution_create(struct store *st, const struct core_actor *actor,
                            const struct store_institution *in, long *id,
                            struct err *err) SUIVI_MUST_CHECK;
/* Institutions are not secret: anyone may read them. By id when id > 0, else code. */
int core_institution_get(struct store *st, long id, const char *code, store_institution_cb cb,
                         void *ctx, struct err *err) SUIVI_MUST_CHECK;
int core_institution_each(struct store *st, store_institution_cb cb, void *ctx,
                          struct err *err) SUIVI_MUST_CHECK;

/* ---- logging in, sessions ---------------------------------------------------------------- */

struct core_login {
    char token[CORE_TOKEN_SIZE]; /* for the session cookie: given once, only its hash is kept */
    char csrf[CORE_TOKEN_SIZE];  /* for the forms of the session */
    long user_id;
    int64_t expires_at; /* ms since the epoch */
    int64_t retry_at;   /* when CORE_ERR_LOGIN_LIMITED: when a login may be tried again */
};

/* Logs login in from ip (may be NULL) and opens a session. Errors: ERR_DENIED "wrong login or
 * password" (the same for an unknown login, which costs the same time), ERR_DENIED for a
 * deactivated account (said only once the password is right), CORE_ERR_LOGIN_LIMITED after
 * CORE_LOGIN_FAILURES_PER_LOGIN failures of the login or CORE_LOGIN_FAILURES_PER_IP from the
 * address within CORE_LOGIN_WINDOW_MS (the message says when to retry; the password is then
 * not even checked). Success, failure and refusal by a wrong password are audited; refusals by
 * the limit are not, so a flood cannot fill the audit trail. */
int core_login(struct store *st, const char *login, const char *password, const char *ip,
               struct core_login *out, struct err *err) SUIVI_MUST_CHECK;

/* A live session and the person behind it. actor's strings point into this struct (ip into the
 * caller's): do not copy it by value, the copy's actor would still point into the original. */
struct core_session {
    struct core_actor actor;
    char login[CORE_LOGIN_MAX + 1];
    char name[CORE_NAME_MAX + 1]; /* "" when none */
    char role[16];
    char csrf[CORE_TOKEN_SIZE];
    char ref[CORE_SESSION_REF_SIZE]; /* names the session in the audit trail */
    int64_t created_at, expires_at;
};

/* Finds the session of token (from the cookie) for a request from ip (borrowed by
 * out->actor.ip), checks that it has not expired and its user is active, and slides its expiry
 * to CORE_SESSION_IDLE_MS from now, never past CORE_SESSION_MAX_MS after it was opened.
 * ERR_DENIED "not logged in" / "session expired: log in again" otherwise. */
int core_session_check(struct store *st, const char *token, const char *ip,
                       struct core_session *out, struct err *err) SUIVI_MUST_CHECK;

/* 1 when given (from a form) is the session's CSRF token, compared in constant time. */
int core_session_csrf_ok(const struct core_session *s, const char *given);

/* Ends the session of token (audited). An unknown or expired token is not an error. */
int core_logout(struct store *st, const char *token, const char *ip,
                struct err *err) SUIVI_MUST_CHECK;

/* Deletes expired sessions and forgotten login failures; *purged (may be NULL) receives how
 * many sessions went. core_login also does it. */
int core_session_purge(struct store *st, long *purged, struct err *err) SUIVI_MUST_CHECK;

/* When the database has no user at all, creates "admin" (role admin) with password, or with a
 * generated one written into generated (else generated is ""), which the caller shows once.
 * *created says whether it did. */
int core_accounts_ensure_admin(struct store *st, const char *password,
                               char generated[CORE_PASSWORD_GENERATED_SIZE], int *created,
                               struct err *err) SUIVI_MUST_CHECK;

#endif
