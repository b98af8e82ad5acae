/*
 * pages_audit.c — the audit trail for those who may read it: /audit with filters by entity,
 * actor and action, newest first, page by page; /history/:entity/:id, the same for one thing
 * (linked from a recommendation's page and from an account on /users). Before/after are the
 * JSON objects core recorded, shown escaped in <pre>, one member per line.
 */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "web/handlers.h"
#include "web/html.h"

struct code_name {
    const char *code, *msgid;
};

static const struct code_name entities[] = {
    {"user", N_("Account")},
    {"session", N_("Login session")},
    {"institution", N_("Institution")},
    {"import", N_("Import")},
    {"recommendation", N_("Recommendation")},
};

static const struct code_name actions[] = {
    {"create", N_("Created")},        {"update", N_("Changed")},
    {"activate", N_("Activated")},    {"deactivate", N_("Deactivated")},
    {"password", N_("Password set")}, {"login", N_("Logged in")},
    {"logout", N_("Logged out")},     {"login_failed", N_("Failed login")},
    {"import", N_("Imported")},
};

/* The translated name of a code, or the code itself when it is not one we know. */
static const char *name_of(const struct req *r, const struct code_name *names, size_t n,
                           const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (!strcmp(names[i].code, code))
            return i18n_get(r->tr.cat, r->lang, names[i].msgid);
    return code;
}

#define ENTITY(r, code) name_of(r, entities, sizeof entities / sizeof entities[0], code)
#define ACTION(r, code) name_of(r, actions, sizeof actions / sizeof actions[0], code)

/* A JSON object with one top-level member per line (commas inside strings or nested values
 * left alone), for reading in a narrow cell. */
static int json_lines(const char *json, struct buf *out)
{
    int depth = 0, in_string = 0, escaped = 0;
    for (const char *c = json; *c; c++) {
        if (buf_putc(out, *c))
            return ERR_NOMEM;
        if (in_string) {
            if (escaped)
                escaped = 0;
            else if (*c == '\\')
                escaped = 1;
            else if (*c == '"')
                in_string = 0;
            continue;
        }
        if (*c == '"')
            in_string = 1;
        else if (*c == '{' || *c == '[')
            depth++;
        else if (*c == '}' || *c == ']')
            depth--;
        else if (*c == ',' && depth == 1 && buf_putc(out, '\n'))
            return ERR_NOMEM;
    }
    return 0;
}

static int json_cell(struct buf *b, const char *json)
{
    if (!json || !*json)
        return buf_puts(b, "<td></td>");
    struct buf lines = BUF_INIT;
    int rc = json_lines(json, &lines);
    rc = rc ? rc : html_printf(b, "<td><pre class=\"diff\">%s</pre></td>", buf_str(&lines));
    buf_free(&lines);
    return rc;
}

struct event_rows {
    const struct req *r;
    struct buf *b;
};

static int event_row(void *ctx, const struct store_audit *a)
{
    struct event_rows *e = ctx;
    const struct req *r = e->r;
    char iso[CORE_TIME_SIZE], shown[32];
    core_time_format(a->at, iso);
    snprintf(shown, sizeof shown, "%.10s %.8s UTC", iso, iso + 11);
    int rc = html_printf(e->b, "<tr><td><time datetime=%a>%s</time></td><td>%s</td><td>%s", iso,
                         shown, a->actor_login, ACTION(r, a->action));
    if (!rc && a->detail)
        rc = html_printf(e->b, "<br><span class=\"meta\">%s</span>", a->detail);
    rc = rc ? rc : html_printf(e->b, "</td><td>%s</td><td>", ENTITY(r, a->entity));
    if (!rc && a->entity_id)
        rc = html_printf(e->b, "<a href=\"/history/%u/%u\">%s</a>", a->entity, a->entity_id,
                         a->entity_id);
    rc = rc ? rc : buf_puts(e->b, "</td>");
    rc = rc ? rc : json_cell(e->b, a->before_json);
    rc = rc ? rc : json_cell(e->b, a->after_json);
    return rc ? rc : buf_puts(e->b, "</tr>\n");
}

/* The table of the events f selects, with the pager's links built from path and params. */
static int events(struct req *r, struct buf *b, struct store_audit_filter *f, int page,
                  int per_page, const char *path, const struct page_param *params, size_t n,
                  struct err *err)
{
    struct buf rows = BUF_INIT;
    struct event_rows e = {r, &rows};
    long total = 0;
    f->limit = per_page;
    f->offset = (page - 1) * per_page;
    int rc = core_audit_each(r->store, &r->actor, f, event_row, &e, &total, err);
    if (!rc && total == 0)
        rc =
            html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>\n", T(&r->tr, "No events."));
    if (!rc && total > 0) {
        rc = buf_puts(b, "<p class=\"count\">");
        rc = rc ? rc : html_textf(b, TN(&r->tr, "%d event", "%d events", total), (int)total);
        rc = rc ? rc
                : html_printf(b,
                              "</p>\n<div class=\"table-wrap\"><table class=\"audit\">\n"
                              "<caption class=\"visually-hidden\">%s</caption>\n<thead><tr>"
                              "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                              "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                              "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                              "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n%R</tbody>\n"
                              "</table></div>\n",
                              T(&r->tr, "Audit trail"),
                              /* TRANSLATORS: column headers of the audit trail. */
                              T(&r->tr, "When"), T(&r->tr, "Who"), T(&r->tr, "Action"),
                              /* TRANSLATORS: the kind of thing changed (account, session...). */
                              T(&r->tr, "Entity"),
                              /* TRANSLATORS: the id of the thing changed (a number, a login...). */
                              T(&r->tr, "Identifier"), T(&r->tr, "Before"), T(&r->tr, "After"),
                              &rows);
        rc = rc ? rc : page_pager(r, b, path, params, n, page, per_page, total);
    }
    buf_free(&rows);
    return rc;
}

/* ---- /audit ------------------------------------------------------------------------------ */

static const char *param(const struct req *r, const char *name)
{
    const char *v = req_query(r, name);
    return v && *v ? v : NULL;
}

static int code_select(const struct req *r, struct buf *b, const char *name, const char *label,
                       const struct code_name *names, size_t n, const char *current)
{
    int rc = html_printf(b,
                         "<div class=\"field\"><label for=%a>%s</label>\n<select id=%a name=%a>\n"
                         "<option value=\"\">%s</option>\n",
                         name, label, name, name, T(&r->tr, "Any"));
    int known = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        int selected = current && !strcmp(current, names[i].code);
        known |= selected;
        rc = html_printf(b,
                         selected ? "<option value=%a selected>%s</option>\n"
                                  : "<option value=%a>%s</option>\n",
                         names[i].code, i18n_get(r->tr.cat, r->lang, names[i].msgid));
    }
    if (!rc && current && !known) /* a code we have no name for: kept, as it is */
        rc = html_printf(b, "<option value=%a selected>%s</option>\n", current, current);
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

static int filters(const struct req *r, struct buf *b, const struct store_audit_filter *f)
{
    int rc = html_printf(b,
                         "<form class=\"search\" method=\"get\" action=\"/audit\">\n"
                         "<fieldset class=\"filters\"><legend>%s</legend>\n",
                         T(&r->tr, "Filters"));
    rc = rc ? rc
            : code_select(r, b, "entity", T(&r->tr, "Entity"), entities,
                          sizeof entities / sizeof entities[0], f->entity);
    rc = rc ? rc
            : code_select(r, b, "action", T(&r->tr, "Action"), actions,
                          sizeof actions / sizeof actions[0], f->action);
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"field\"><label for=\"actor\">%s</label>\n"
                          "<input type=\"text\" id=\"actor\" name=\"actor\" value=%a "
                          "autocomplete=\"off\"></div>\n"
                          "<div class=\"actions\"><button type=\"submit\">%s</button>\n"
                          "<a href=\"/audit\">%s</a></div>\n</fieldset>\n</form>\n",
                          T(&r->tr, "Who"), f->actor_login ? f->actor_login : "",
                          T(&r->tr, "Apply filters"), T(&r->tr, "Clear filters"));
    return rc;
}

int page_audit(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct store_audit_filter f = {.entity = param(r, "entity"),
                                   .actor_login = param(r, "actor"),
                                   .action = param(r, "action")};
    const struct page_param params[] = {
        {"entity", f.entity}, {"actor", f.actor_login}, {"action", f.action}};
    struct buf body = BUF_INIT;
    struct err err = {0};
    int rc = filters(r, &body, &f);
    rc = rc ? rc : events(r, &body, &f, page, per_page, "/audit", params, 3, &err);
    if (rc) {
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    const char *title = T(&r->tr, "Audit trail");
    page_begin(r, p, title);
    html_printf(&p->body, "<h1>%s</h1>\n%R", title, &body);
    buf_free(&body);
    return page_end(r, p);
}

int page_history(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct store_audit_filter f = {.entity = r->param[0], .entity_id = r->param[1]};
    struct buf body = BUF_INIT, path = BUF_INIT, title = BUF_INIT;
    struct err err = {0};
    int rc = buf_puts(&path, "/history/");
    rc = rc ? rc : html_url_param(&path, r->param[0]);
    rc = rc ? rc : buf_putc(&path, '/');
    rc = rc ? rc : html_url_param(&path, r->param[1]);
    rc = rc ? rc : events(r, &body, &f, page, per_page, buf_str(&path), NULL, 0, &err);
    if (rc) {
        buf_free(&body);
        buf_free(&path);
        return page_fail(r, p, &err);
    }
    /* TRANSLATORS: a kind of thing and its id: "History of changes: Account 2". */
    buf_printf(&title, T(&r->tr, "History of changes: %s %s"), ENTITY(r, r->param[0]), r->param[1]);
    page_begin(r, p, buf_str(&title));
    html_printf(&p->body, "<p class=\"meta\"><a href=\"/audit\">%s</a></p>\n<h1>%s</h1>\n%R",
                T(&r->tr, "Audit trail"), buf_str(&title), &body);
    buf_free(&body);
    buf_free(&path);
    buf_free(&title);
    return page_end(r, p);
}
