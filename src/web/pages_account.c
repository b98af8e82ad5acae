/*
 * pages_account.c — logging in and out in the browser. GET /login gives the form; a visitor
 * without a session gets a random double-submit token as the cookie suivi_csrf and the same
 * value in the form (app.c compares them on POST). POST /login opens a session with
 * core_login and sets a fresh suivi_session cookie (HttpOnly, SameSite=Strict), ending any
 * session the browser came with, so that a session id planted before the login is worthless;
 * then it redirects to `next` when that is a path of this site. POST /logout ends the session.
 * /users (administrators): the accounts, and forms to create one, change its role and
 * institution, (de)activate it or set its password; each form posts to /users with a hidden
 * action, and success redirects (303) to /users?done=ACTION so that reloading repeats nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/accounts.h"
#include "core/audit.h"
#include "web/app.h"
#include "web/handlers.h"
#include "web/html.h"

/* `next` if it is a path of this site ("/x", not "//host" or "/\host"), without control
 * characters that could split a header; else "/". */
static const char *local_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
        return "/";
    for (const char *c = next; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '\\')
            return "/";
    return next;
}

/* A token we could have made (core_token_new: 43 URL-safe characters). */
static int token_shaped(const char *t)
{
    if (!t || strlen(t) != CORE_TOKEN_SIZE - 1)
        return 0;
    for (const char *c = t; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '-' || *c == '_'))
            return 0;
    return 1;
}

static int set_cookie(struct req *r, struct resp *p, const char *name, const char *value,
                      long long max_age)
{
    char cookie[256];
    const char *secure = app_options(r->app)->secure_cookies ? "; Secure" : "";
    if (max_age >= 0)
        snprintf(cookie, sizeof cookie, "%s=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Strict%s",
                 name, value, max_age, secure);
    else /* for as long as the browser runs */
        snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s", name, value,
                 secure);
    return resp_header(p, "Set-Cookie", cookie);
}

/* The token the login form sends back: the session's when there is one, else the visitor's
 * suivi_csrf cookie (kept, so that two open tabs both work), else a new one set as that cookie. */
static int form_token(struct req *r, struct resp *p, char token[CORE_TOKEN_SIZE], struct err *err)
{
    const char *have = r->csrf ? r->csrf : req_cookie(r, APP_CSRF_COOKIE);
    if (token_shaped(have)) {
        snprintf(token, CORE_TOKEN_SIZE, "%s", have);
        return 0;
    }
    int rc = core_token_new(token, err);
    return rc ? rc : set_cookie(r, p, APP_CSRF_COOKIE, token, -1);
}

/* The login page: the form, with a message when a try failed (status set by the caller). */
static int login_page(struct req *r, struct resp *p, const char *next, const char *login,
                      const char *message)
{
    char token[CORE_TOKEN_SIZE];
    struct err err = {0};
    int status = p->status ? p->status : 200;
    if (form_token(r, p, token, &err))
        return page_fail(r, p, &err);
    const char *title = T(&r->tr, "Log in");
    page_begin(r, p, title);
    p->status = status;
    struct buf *b = &p->body;
    html_printf(b, "<h1>%s</h1>\n", title);
    if (message)
        html_printf(b, "<div class=\"error\" role=\"alert\" id=\"login-error\"><p>%s</p></div>\n",
                    message);
    if (r->actor.user_id)
        html_printf(b, "<p class=\"notice\">%s</p>\n",
                    T(&r->tr, "You are logged in already; logging in again replaces the session."));
    html_printf(
        b,
        "<form class=\"narrow\" method=\"post\" action=\"/login\">\n"
        "<div class=\"field\"><label for=\"login\">%s</label>\n"
        "<input type=\"text\" id=\"login\" name=\"login\" value=%a autocomplete=\"username\" "
        "autocapitalize=\"none\" spellcheck=\"false\" required></div>\n"
        "<div class=\"field\"><label for=\"password\">%s</label>\n"
        "<input type=\"password\" id=\"password\" name=\"password\" "
        "autocomplete=\"current-password\" required></div>\n"
        "<input type=\"hidden\" name=\"next\" value=%a>\n"
        "<input type=\"hidden\" name=\"csrf\" value=%a>\n"
        "<button type=\"submit\">%s</button>\n</form>\n",
        /* TRANSLATORS: the name a person types to log in (a form field). */
        T(&r->tr, "Login"), login ? login : "", T(&r->tr, "Password"), next, token,
        T(&r->tr, "Log in"));
    return page_end(r, p);
}

int page_login_form(struct req *r, struct resp *p)
{
    p->status = 200;
    return login_page(r, p, local_next(req_query(r, "next")), NULL, NULL);
}

/* Success: the new session's cookie, the old session ended, the form's token forgotten. */
static int logged_in(struct req *r, struct resp *p, const struct core_login *in, const char *next)
{
    const char *old = req_cookie(r, APP_SESSION_COOKIE);
    struct err err = {0};
    if (old && *old && core_logout(r->store, old, r->remote, &err))
        return page_fail(r, p, &err);
    /* The cookie lasts as long as a session can (core slides its expiry on use); the server
     * refuses it once the session is over, whatever the browser keeps. */
    long long max_age = (long long)CORE_SESSION_MAX_MS / 1000;
    if (set_cookie(r, p, APP_SESSION_COOKIE, in->token, max_age) ||
        set_cookie(r, p, APP_CSRF_COOKIE, "", 0))
        return web_error(r, p, 500, "server_error", "too many response headers");
    return page_redirect(p, next);
}

int page_login(struct req *r, struct resp *p)
{
    const char *login = req_form(r, "login"), *password = req_form(r, "password");
    const char *next = local_next(req_form(r, "next"));
    struct core_login out;
    struct err err = {0};
    if (!login || !*login || !password || !*password) {
        p->status = 400;
        return login_page(r, p, next, login, T(&r->tr, "Give your login and your password."));
    }
    int rc = core_login(r->store, login, password, r->remote, &out, &err);
    if (rc == CORE_ERR_LOGIN_LIMITED) {
        char retry[24];
        int64_t wait_ms = out.retry_at - core_now();
        long long seconds = (long long)(wait_ms / 1000) + 1;
        snprintf(retry, sizeof retry, "%lld", seconds > 0 ? seconds : 1);
        resp_header(p, "Retry-After", retry);
        p->status = 429;
        return login_page(r, p, next, login,
                          T(&r->tr, "Too many attempts. Try again in a few minutes."));
    }
    if (rc == ERR_DENIED) {
        p->status = 401;
        return login_page(r, p, next, login, T(&r->tr, "Wrong login or password."));
    }
    if (rc)
        return page_fail(r, p, &err);
    return logged_in(r, p, &out, next);
}

int page_logout(struct req *r, struct resp *p)
{
    const char *token = req_cookie(r, APP_SESSION_COOKIE);
    struct err err = {0};
    if (token && *token && core_logout(r->store, token, r->remote, &err))
        return page_fail(r, p, &err);
    set_cookie(r, p, APP_SESSION_COOKIE, "", 0);
    return page_redirect(p, "/");
}

/* ---- /users ------------------------------------------------------------------------------ */

static const char *const roles[] = {"admin", "coordinator", "focal_point", "contributor", "viewer"};

/* What the users page shows besides the accounts: a message after a change, an error with the
 * values of the form that failed, the account being edited. */
struct users_view {
    const char *done;                              /* ?done= */
    const char *error;                             /* core's message (status 400) */
    long edit;                                     /* the account whose forms are shown; 0: none */
    const char *login, *name, *role, *institution; /* the create form's values after an error */
};

struct users_table {
    const struct req *r;
    struct buf *b;
    long edit;
    struct buf edit_login, edit_name, edit_role, edit_institution;
    int edit_active, edit_found;
};

/* "2026-05-01 09:30 UTC" in a <time> element; "never" for 0. */
static int when(const struct req *r, struct buf *b, int64_t ms)
{
    if (!ms)
        return html_printf(b, "%s", T(&r->tr, "Never"));
    char iso[CORE_TIME_SIZE], shown[24];
    core_time_format(ms, iso);
    snprintf(shown, sizeof shown, "%.10s %.5s UTC", iso, iso + 11);
    return html_printf(b, "<time datetime=%a>%s</time>", iso, shown);
}

static int user_row(void *ctx, const struct store_user *u)
{
    struct users_table *t = ctx;
    const struct req *r = t->r;
    const char *role = i18n_label(&r->tr, "role", u->role);
    int rc = html_printf(t->b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td>",
                         u->login, u->name ? u->name : "", role ? role : u->role,
                         u->institution_code ? u->institution_code : "");
    rc = rc ? rc
            : html_printf(t->b, "<td>%s</td><td>",
                          /* TRANSLATORS: a user account that can log in. */
                          u->active ? T(&r->tr, "Active") : T(&r->tr, "Inactive"));
    rc = rc ? rc : when(r, t->b, u->last_login_at);
    rc = rc ? rc
            : html_printf(t->b,
                          "</td><td><a href=\"/users?edit=%ld#edit\">%s<span "
                          "class=\"visually-hidden\"> %s</span></a></td></tr>\n",
                          u->id, T(&r->tr, "Edit"), u->login);
    if (u->id == t->edit) { /* kept for the edit forms, written after the table */
        t->edit_found = 1;
        t->edit_active = u->active;
        buf_puts(&t->edit_login, u->login);
        buf_puts(&t->edit_name, u->name ? u->name : "");
        buf_puts(&t->edit_role, u->role);
        buf_puts(&t->edit_institution, u->institution_code ? u->institution_code : "");
    }
    return rc;
}

static void users_table_free(struct users_table *t)
{
    buf_free(&t->edit_login);
    buf_free(&t->edit_name);
    buf_free(&t->edit_role);
    buf_free(&t->edit_institution);
}

static int accounts(struct req *r, struct buf *b, struct users_table *t, struct err *err)
{
    int rc = html_printf(b,
                         "<div class=\"table-wrap\"><table>\n<caption>%s</caption>\n<thead><tr>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s"
                         "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\"><span "
                         "class=\"visually-hidden\">%s</span></th></tr></thead>\n<tbody>\n",
                         T(&r->tr, "Accounts"), T(&r->tr, "Login"), T(&r->tr, "Name"),
                         T(&r->tr, "Role"), T(&r->tr, "Institution"),
                         /* TRANSLATORS: column header: whether an account is active. */
                         T(&r->tr, "Status"), T(&r->tr, "Last login"), T(&r->tr, "Edit"));
    rc = rc ? rc : core_user_each(r->store, &r->actor, user_row, t, err);
    return rc ? rc : buf_puts(b, "</tbody>\n</table></div>\n");
}

/* ---- the forms ----------------------------------------------------------------------------- */

static int role_select(const struct req *r, struct buf *b, const char *id, const char *current)
{
    int rc = html_printf(b,
                         "<div class=\"field\"><label for=%a>%s</label>\n"
                         "<select id=%a name=\"role\" aria-describedby=\"roles\" required>\n",
                         id, T(&r->tr, "Role"), id);
    for (size_t i = 0; i < sizeof roles / sizeof roles[0] && !rc; i++) {
        const char *fmt = current && !strcmp(current, roles[i])
                              ? "<option value=%a selected>%s</option>\n"
                              : "<option value=%a>%s</option>\n";
        rc = html_printf(b, fmt, roles[i], i18n_label(&r->tr, "role", roles[i]));
    }
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

struct institution_options {
    struct buf *b;
    const char *current;
};

static int institution_option(void *ctx, const struct store_institution *in)
{
    struct institution_options *o = ctx;
    const char *fmt = o->current && !strcmp(o->current, in->code)
                          ? "<option value=%a selected>%s (%s)</option>\n"
                          : "<option value=%a>%s (%s)</option>\n";
    return html_printf(o->b, fmt, in->code, in->name, in->code);
}

static int institution_select(struct req *r, struct buf *b, const char *id, const char *current,
                              struct err *err)
{
    struct institution_options o = {b, current};
    int rc = html_printf(b,
                         "<div class=\"field\"><label for=%a>%s</label>\n"
                         "<select id=%a name=\"institution\">\n<option value=\"\">%s</option>\n",
                         id, T(&r->tr, "Institution"), id, T(&r->tr, "No institution"));
    rc = rc ? rc : core_institution_each(r->store, institution_option, &o, err);
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

/* The hidden fields every form of the page sends: what to do, and the session's token. */
static int form_start(const struct req *r, struct buf *b, const char *action, long id)
{
    int rc = html_printf(b,
                         "<form method=\"post\" action=\"/users\">\n"
                         "<input type=\"hidden\" name=\"action\" value=%a>\n"
                         "<input type=\"hidden\" name=\"csrf\" value=%a>\n",
                         action, r->csrf ? r->csrf : "");
    if (!rc && id)
        rc = html_printf(b, "<input type=\"hidden\" name=\"id\" value=\"%ld\">\n", id);
    return rc;
}

static int text_input(struct buf *b, const char *id, const char *name, const char *label,
                      const char *value, const char *autocomplete)
{
    return html_printf(b,
                       "<div class=\"field\"><label for=%a>%s</label>\n"
                       "<input type=\"text\" id=%a name=%a value=%a autocomplete=%a></div>\n",
                       id, label, id, name, value ? value : "", autocomplete);
}

static int password_inputs(const struct req *r, struct buf *b, const char *prefix,
                           const char *label)
{
    char id1[32], id2[32], hint_id[32];
    snprintf(id1, sizeof id1, "%s-password", prefix);
    snprintf(id2, sizeof id2, "%s-password2", prefix);
    snprintf(hint_id, sizeof hint_id, "%s-password-hint", prefix);
    struct buf hint = BUF_INIT;
    buf_printf(&hint,
               TN(&r->tr, "The password must have at least %d character.",
                  "The password must have at least %d characters.", CORE_PASSWORD_MIN),
               CORE_PASSWORD_MIN);
    int rc = html_printf(b,
                         "<div class=\"field\"><label for=%a>%s</label>\n"
                         "<p class=\"hint\" id=%a>%s</p>\n"
                         "<input type=\"password\" id=%a name=\"password\" aria-describedby=%a "
                         "autocomplete=\"new-password\" required></div>\n"
                         "<div class=\"field\"><label for=%a>%s</label>\n"
                         "<input type=\"password\" id=%a name=\"password2\" "
                         "autocomplete=\"new-password\" required></div>\n",
                         id1, label, hint_id, buf_str(&hint), id1, hint_id, id2,
                         T(&r->tr, "Confirm new password"), id2);
    buf_free(&hint);
    return rc;
}

static int roles_help(const struct req *r, struct buf *b)
{
    int rc = html_printf(b, "<dl class=\"roles hint\" id=\"roles\">\n");
    for (size_t i = 0; i < sizeof roles / sizeof roles[0] && !rc; i++)
        rc = html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", i18n_label(&r->tr, "role", roles[i]),
                         i18n_label(&r->tr, "role_help", roles[i]));
    return rc ? rc : buf_puts(b, "</dl>\n");
}

static int create_form(struct req *r, struct buf *b, const struct users_view *v, struct err *err)
{
    int rc = html_printf(b,
                         "<section aria-labelledby=\"create\" class=\"narrow\">\n"
                         "<h2 id=\"create\">%s</h2>\n",
                         T(&r->tr, "Create user"));
    rc = rc ? rc : form_start(r, b, "create", 0);
    rc = rc ? rc : text_input(b, "new-login", "login", T(&r->tr, "Login"), v->login, "off");
    rc = rc ? rc : text_input(b, "new-name", "name", T(&r->tr, "Name"), v->name, "off");
    rc = rc ? rc : role_select(r, b, "new-role", v->role ? v->role : "viewer");
    rc = rc ? rc : institution_select(r, b, "new-institution", v->institution, err);
    rc = rc ? rc : password_inputs(r, b, "new", T(&r->tr, "Password"));
    rc = rc ? rc
            : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                          T(&r->tr, "Create"));
    return rc;
}

static int edit_forms(struct req *r, struct buf *b, const struct users_table *t, struct err *err)
{
    const char *login = buf_str(&t->edit_login);
    struct buf title = BUF_INIT;
    /* TRANSLATORS: %s is the login of the account, e.g. "Account alice". */
    buf_printf(&title, T(&r->tr, "Account %s"), login);
    int rc = html_printf(b,
                         "<section id=\"edit\" aria-labelledby=\"edit-title\" class=\"narrow\">\n"
                         "<h2 id=\"edit-title\">%s</h2>\n",
                         buf_str(&title));
    buf_free(&title);
    rc = rc ? rc : form_start(r, b, "update", t->edit);
    rc = rc ? rc
            : text_input(b, "edit-name", "name", T(&r->tr, "Name"), buf_str(&t->edit_name), "off");
    rc = rc ? rc : role_select(r, b, "edit-role", buf_str(&t->edit_role));
    rc = rc ? rc : institution_select(r, b, "edit-institution", buf_str(&t->edit_institution), err);
    rc = rc ? rc
            : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", T(&r->tr, "Save"));
    rc = rc ? rc : form_start(r, b, t->edit_active ? "deactivate" : "activate", t->edit);
    rc = rc ? rc
            : html_printf(
                  b, "<p><button type=\"submit\" class=\"secondary\">%s</button></p>\n</form>\n",
                  t->edit_active ? T(&r->tr, "Deactivate") : T(&r->tr, "Activate"));
    rc = rc ? rc : html_printf(b, "<h3>%s</h3>\n", T(&r->tr, "Change password"));
    rc = rc ? rc : form_start(r, b, "password", t->edit);
    rc = rc ? rc : password_inputs(r, b, "edit", T(&r->tr, "New password"));
    rc = rc ? rc
            : html_printf(b,
                          "<button type=\"submit\">%s</button>\n</form>\n"
                          "<p><a href=\"/history/user/%ld\">%s</a></p>\n</section>\n",
                          T(&r->tr, "Change password"), t->edit, T(&r->tr, "History of changes"));
    return rc;
}

static const char *done_message(const struct req *r, const char *done)
{
    if (!done)
        return NULL;
    if (!strcmp(done, "created"))
        return T(&r->tr, "Account created.");
    if (!strcmp(done, "updated"))
        return T(&r->tr, "Saved.");
    if (!strcmp(done, "activated"))
        return T(&r->tr, "Account activated.");
    if (!strcmp(done, "deactivated"))
        return T(&r->tr, "Account deactivated.");
    if (!strcmp(done, "password"))
        return T(&r->tr, "Password changed.");
    return NULL;
}

/* The whole page; p->status is kept (400 after a refused form). */
static int users_page(struct req *r, struct resp *p, const struct users_view *v)
{
    struct buf body = BUF_INIT;
    struct users_table t = {r, &body, v->edit, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, 0, 0};
    struct err err = {0};
    const char *done = done_message(r, v->done);
    if (v->error)
        html_printf(&body, "<div class=\"error\" role=\"alert\"><p>%s</p><p>%s</p></div>\n",
                    T(&r->tr, "The change was refused."), v->error);
    else if (done)
        html_printf(&body, "<div class=\"notice\" role=\"status\"><p>%s</p></div>\n", done);
    int rc = accounts(r, &body, &t, &err);
    if (!rc && t.edit_found)
        rc = edit_forms(r, &body, &t, &err);
    rc = rc ? rc : create_form(r, &body, v, &err);
    rc = rc ? rc
            : html_printf(&body, "<details class=\"narrow\"><summary>%s</summary>\n",
                          T(&r->tr, "What each role may do"));
    rc = rc ? rc : roles_help(r, &body);
    rc = rc ? rc : buf_puts(&body, "</details>\n");
    users_table_free(&t);
    if (rc) {
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    int status = p->status;
    const char *title = T(&r->tr, "Users");
    page_begin(r, p, title);
    p->status = status;
    html_printf(&p->body, "<h1>%s</h1>\n%R", title, &body);
    buf_free(&body);
    return page_end(r, p);
}

static long id_of(const char *s)
{
    char *end;
    long id = s ? strtol(s, &end, 10) : 0;
    return s && *s && !*end && id > 0 ? id : 0;
}

int page_users(struct req *r, struct resp *p)
{
    struct users_view v = {.done = req_query(r, "done"), .edit = id_of(req_query(r, "edit"))};
    return users_page(r, p, &v);
}

/* ---- POST /users ------------------------------------------------------------------------- */

static int take_id(void *ctx, const struct store_institution *in)
{
    *(long *)ctx = in->id;
    return 0;
}

/* The institution named by the form's code, as an id (0 for none). */
static int institution_id(struct req *r, const char *code, long *id, struct err *err)
{
    *id = 0;
    if (!code || !*code)
        return 0;
    return core_institution_get(r->store, 0, code, take_id, id, err);
}

static int take_user(void *ctx, const struct store_user *u)
{
    struct users_table *t = ctx;
    buf_puts(&t->edit_login, u->login);
    return t->edit_login.oom ? ERR_NOMEM : 0;
}

static int update_user(struct req *r, long id, struct err *err)
{
    struct users_table t = {0};
    struct core_user_in in = {NULL, req_form(r, "name"), req_form(r, "role"), 0, NULL};
    if (in.name && !*in.name)
        in.name = NULL;
    int rc = core_user_get(r->store, &r->actor, id, NULL, take_user, &t, err);
    rc = rc ? rc : institution_id(r, req_form(r, "institution"), &in.institution_id, err);
    in.login = buf_str(&t.edit_login);
    rc = rc ? rc : core_user_update(r->store, &r->actor, id, &in, err);
    users_table_free(&t);
    return rc;
}

static int passwords_match(struct req *r, struct err *err)
{
    const char *a = req_form(r, "password"), *b = req_form(r, "password2");
    if (!a || !b || strcmp(a, b))
        return err_set(err, ERR_INPUT, "%s", T(&r->tr, "The two passwords differ."));
    return 0;
}

/* Does what the form asked; *done names it for the redirect. */
static int users_action(struct req *r, const char *action, long id, const char **done,
                        struct err *err)
{
    if (!strcmp(action, "create")) {
        struct core_user_in in = {req_form(r, "login"), req_form(r, "name"), req_form(r, "role"), 0,
                                  req_form(r, "password")};
        if (in.name && !*in.name)
            in.name = NULL;
        long created = 0;
        *done = "created";
        int rc = passwords_match(r, err);
        rc = rc ? rc : institution_id(r, req_form(r, "institution"), &in.institution_id, err);
        return rc ? rc : core_user_create(r->store, &r->actor, &in, &created, err);
    }
    if (!id)
        return err_set(err, ERR_INPUT, "id: expected the number of an account");
    if (!strcmp(action, "update")) {
        *done = "updated";
        return update_user(r, id, err);
    }
    if (!strcmp(action, "activate")) {
        *done = "activated";
        return core_user_activate(r->store, &r->actor, id, err);
    }
    if (!strcmp(action, "deactivate")) {
        *done = "deactivated";
        return core_user_deactivate(r->store, &r->actor, id, err);
    }
    if (!strcmp(action, "password")) {
        *done = "password";
        int rc = passwords_match(r, err);
        return rc ? rc
                  : core_user_password_set(r->store, &r->actor, id, req_form(r, "password"), err);
    }
    return err_set(err, ERR_INPUT,
                   "action: expected create, update, activate, deactivate or password");
}

int page_users_post(struct req *r, struct resp *p)
{
    const char *action = req_form(r, "action");
    long id = id_of(req_form(r, "id"));
    const char *done = NULL;
    struct err err = {0};
    int rc = users_action(r, action ? action : "", id, &done, &err);
    if (rc == ERR_INPUT || rc == ERR_USAGE || rc == ERR_NOTFOUND || rc == ERR_DENIED) {
        p->status = rc == ERR_DENIED ? 403 : 400;
        struct users_view v = {.error = err.msg, .edit = id};
        if (action && !strcmp(action, "create"))
            v = (struct users_view){NULL,
                                    err.msg,
                                    0,
                                    req_form(r, "login"),
                                    req_form(r, "name"),
                                    req_form(r, "role"),
                                    req_form(r, "institution")};
        return users_page(r, p, &v);
    }
    if (rc || !done)
        return page_fail(r, p, &err);
    if (!strcmp(done, "password") && id == r->actor.user_id)
        return page_redirect(p, "/login?next=/users"); /* own password: every session ended */
    char location[64];
    if (id)
        snprintf(location, sizeof location, "/users?done=%s&edit=%ld#edit", done, id);
    else
        snprintf(location, sizeof location, "/users?done=%s", done);
    return page_redirect(p, location);
}
