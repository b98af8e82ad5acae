/*
 * pages_clusters.c — clusters: recommendations grouped so that they are assigned and followed
 * up together. /clusters lists them (they are published, like the recommendations) and, for
 * coordinators, creates one: by UHRI theme or UPR Info issue, SDG goal or target, affected
 * group or body, for one State or all, or by hand. /clusters/:id shows one: its members with
 * their published status, the institutions it is assigned to, and for coordinators the forms
 * to assign it, add or remove members and read its criterion again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/read.h"
#include "web/html.h"
#include "web/pages_followup.h"

static const char *const kind_msgids[CORE_CLUSTER_COUNT] = {
    N_("By theme"), N_("By SDG"), N_("By affected group"), N_("By body"), N_("By hand")};

static const char *kind_label(const struct req *r, enum core_cluster_kind k)
{
    return i18n_get(r->tr.cat, r->tr.lang,
                    (unsigned)k < CORE_CLUSTER_COUNT ? kind_msgids[k] : kind_msgids[4]);
}

/* Names in the reader's language: States and the terms a criterion may be. */
struct names {
    struct page_list countries, terms[4];
};

static const char *const criterion_vocabs[4] = {"uhri_theme", "upr_issue", "sdg",
                                                "affected_person"};

static int names_load(struct req *r, struct names *n, struct err *err)
{
    int rc = page_countries(r, &n->countries, err);
    for (int v = 0; v < 4 && !rc; v++)
        rc = page_terms(r, criterion_vocabs[v], &n->terms[v], err);
    return rc;
}

static void names_free(struct names *n)
{
    page_list_free(&n->countries);
    for (int v = 0; v < 4; v++)
        page_list_free(&n->terms[v]);
}

static const char *criterion_label(const struct names *n, const struct core_cluster *c)
{
    if (!c->criterion)
        return "";
    for (int v = 0; v < 4; v++) {
        const struct page_item *it = page_list_find(&n->terms[v], c->criterion);
        if (it && it->label)
            return it->label;
    }
    return c->criterion;
}

static int frame(struct req *r, struct resp *p, const char *title, struct buf *body)
{
    int status = p->status ? p->status : 200;
    page_begin(r, p, title);
    p->status = status;
    html_printf(&p->body, "<h1>%s</h1>\n%R", title, body);
    buf_free(body);
    return page_end(r, p);
}

static int refused_status(int rc)
{
    int status = fup_refusal_status(rc);
    return status == 404 ? 400 : status;
}

/* ---- /clusters --------------------------------------------------------------------------- */

struct cluster_rows {
    const struct req *r;
    const struct names *names;
    struct buf out;
    int n;
};

static int cluster_row(void *ctx, const struct core_cluster *c)
{
    struct cluster_rows *l = ctx;
    l->n++;
    return html_printf(&l->out,
                       "<tr><th scope=\"row\"><a href=\"/clusters/%ld\">%s</a></th><td>%s</td>"
                       "<td>%s</td><td>%s</td><td class=\"num\">%ld</td></tr>\n",
                       c->id, c->name, kind_label(l->r, c->kind), criterion_label(l->names, c),
                       c->country ? page_list_label(&l->names->countries, c->country)
                                  : T(&l->r->tr, "All States"),
                       c->members);
}

static int create_form(struct req *r, struct buf *b, const struct names *n)
{
#define KEPT(field) fup_kept(r, "cluster", field)
    const char *kind = KEPT("kind"), *country = KEPT("country");
    int rc = html_printf(b,
                         "<section class=\"narrow\" aria-labelledby=\"create\">\n"
                         "<h2 id=\"create\">%s</h2>\n",
                         T(&r->tr, "Create a cluster"));
    rc = rc ? rc : fup_form_open(r, b, "/clusters", "cluster", 0);
    rc =
        rc ? rc
           : fup_input(b, "cluster-name", "name", T(&r->tr, "Name"), "text", KEPT("name"), 1, NULL);
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"field\"><label for=\"cluster-kind\">%s</label>\n"
                          "<select id=\"cluster-kind\" name=\"kind\">\n",
                          T(&r->tr, "Grouped"));
    for (int k = 0; k < CORE_CLUSTER_COUNT && !rc; k++) {
        const char *code = core_cluster_kind_name((enum core_cluster_kind)k);
        rc = html_printf(b,
                         kind && !strcmp(kind, code) ? "<option value=%a selected>%s</option>\n"
                                                     : "<option value=%a>%s</option>\n",
                         code, kind_label(r, (enum core_cluster_kind)k));
    }
    rc = rc ? rc : buf_puts(b, "</select></div>\n");
    rc = rc ? rc
            : fup_input(b, "cluster-criterion", "criterion", T(&r->tr, "Criterion"), "text",
                        KEPT("criterion"), 0,
                        T(&r->tr, "A theme or issue (e.g. Violence against women), an SDG goal or "
                                  "target (5, 16.3), a group (women), a body (CEDAW); none when "
                                  "grouped by hand."));
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"field\"><label for=\"cluster-country\">%s</label>\n"
                          "<select id=\"cluster-country\" name=\"country\">\n"
                          "<option value=\"\">%s</option>\n",
                          T(&r->tr, "State"), T(&r->tr, "All States"));
    for (size_t i = 0; i < n->countries.n && !rc; i++) {
        const struct page_item *c = &n->countries.item[i];
        rc = html_printf(b,
                         country && !strcmp(country, c->code)
                             ? "<option value=%a selected>%s</option>\n"
                             : "<option value=%a>%s</option>\n",
                         c->code, c->label ? c->label : c->code);
    }
#undef KEPT
    rc = rc ? rc : buf_puts(b, "</select></div>\n");
    return rc ? rc
              : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                            T(&r->tr, "Create"));
}

static int clusters_page(struct req *r, struct resp *p, const char *detail)
{
    struct names n = {0};
    struct err err = {0};
    struct cluster_rows l = {r, &n, BUF_INIT, 0};
    struct buf body = BUF_INIT;
    int rc = names_load(r, &n, &err);
    rc = rc ? rc : core_cluster_each(r->store, &r->actor, cluster_row, &l, &err);
    rc = rc ? rc
            : fup_messages(r, &body, detail ? T(&r->tr, "The change was refused.") : NULL, detail);
    if (!rc && !l.n)
        rc = html_printf(&body, "<p>%s</p>\n", T(&r->tr, "No cluster yet."));
    if (!rc && l.n)
        rc = html_printf(&body,
                         "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr>"
                         "</thead>\n<tbody>\n%R</tbody>\n</table></div>\n",
                         T(&r->tr, "Name"), T(&r->tr, "Grouped"), T(&r->tr, "Criterion"),
                         T(&r->tr, "State"), T(&r->tr, "Recommendations"), &l.out);
    if (!rc && core_may(&r->actor, CORE_MANAGE_INSTITUTIONS, 0))
        rc = create_form(r, &body, &n);
    buf_free(&l.out);
    names_free(&n);
    if (rc) {
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    return frame(r, p, T(&r->tr, "Clusters"), &body);
}

int page_clusters(struct req *r, struct resp *p)
{
    return clusters_page(r, p, NULL);
}

int page_clusters_post(struct req *r, struct resp *p)
{
    struct core_cluster c = {.name = req_form(r, "name"),
                             .criterion = req_form(r, "criterion"),
                             .country = req_form(r, "country")};
    const char *kind = req_form(r, "kind");
    struct err err = {0};
    long id = 0;
    int rc = 0;
    if (core_cluster_kind_parse(kind ? kind : "", &c.kind))
        rc = err_set(&err, ERR_INPUT, "kind: expected theme, sdg, affected, body or manual");
    if (c.criterion && !*c.criterion)
        c.criterion = NULL;
    rc = rc ? rc : core_cluster_create(r->store, &r->actor, &c, &id, &err);
    if (rc) {
        int status = refused_status(rc);
        if (!status)
            return page_fail(r, p, &err);
        p->status = status;
        return clusters_page(r, p, err.msg);
    }
    char location[64];
    snprintf(location, sizeof location, "/clusters/%ld?done=cluster", id);
    return page_redirect(p, location);
}

/* ---- /clusters/:id ----------------------------------------------------------------------- */

struct cluster_view {
    struct req *r;
    struct core_cluster c; /* strings point into the buffers below */
    struct buf name, criterion, country;
    char **members;
    size_t nmembers, cap;
};

static int copy_cluster(void *ctx, const struct core_cluster *c)
{
    struct cluster_view *v = ctx;
    v->c = *c;
    buf_puts(&v->name, c->name);
    if (c->criterion)
        buf_puts(&v->criterion, c->criterion);
    if (c->country)
        buf_puts(&v->country, c->country);
    v->c.name = buf_str(&v->name);
    v->c.criterion = c->criterion ? buf_str(&v->criterion) : NULL;
    v->c.country = c->country ? buf_str(&v->country) : NULL;
    return v->name.oom || v->criterion.oom || v->country.oom ? ERR_NOMEM : 0;
}

static int keep_member(void *ctx, const char *rec_id)
{
    struct cluster_view *v = ctx;
    if (v->nmembers == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 32;
        char **m = realloc(v->members, cap * sizeof *m);
        if (!m)
            return ERR_NOMEM;
        v->members = m;
        v->cap = cap;
    }
    return (v->members[v->nmembers++] = strdup(rec_id)) ? 0 : ERR_NOMEM;
}

static void view_free(struct cluster_view *v)
{
    for (size_t i = 0; i < v->nmembers; i++)
        free(v->members[i]);
    free(v->members);
    buf_free(&v->name);
    buf_free(&v->criterion);
    buf_free(&v->country);
}

static int view_load(struct req *r, long id, struct cluster_view *v, struct err *err)
{
    if (!id)
        return err_set(err, ERR_NOTFOUND, "no such cluster");
    int rc = core_cluster_get(r->store, id, NULL, copy_cluster, v, err);
    rc = rc ? rc : core_cluster_members(r->store, id, keep_member, v, err);
    if (rc == ERR_NOMEM && !err->msg[0])
        err_set(err, ERR_NOMEM, "out of memory reading the cluster");
    return rc;
}

struct member_line {
    const struct req *r;
    struct buf *b;
};

static int member_text(void *ctx, const struct store_rec *rec)
{
    struct member_line *m = ctx;
    return fup_rec_excerpt(m->r, m->b, rec, 200);
}

/* A hidden-field form of the cluster's page: do=what, with name=value. */
static int small_form(const struct req *r, struct buf *b, long id, const char *form,
                      const char *what, const char *name, const char *value, const char *button,
                      const char *hidden_label)
{
    char action[48];
    snprintf(action, sizeof action, "/clusters/%ld", id);
    int rc = fup_form_open(r, b, action, form, 0);
    rc = rc ? rc : html_printf(b, "<input type=\"hidden\" name=\"do\" value=%a>\n", what);
    if (!rc && name)
        rc = html_printf(b, "<input type=\"hidden\" name=%a value=%a>\n", name, value);
    rc = rc ? rc : html_printf(b, "<button type=\"submit\" class=\"secondary\">%s", button);
    if (!rc && hidden_label)
        rc = html_printf(b, "<span class=\"visually-hidden\"> %s</span>", hidden_label);
    return rc ? rc : buf_puts(b, "</button>\n</form>\n");
}

static int members(struct cluster_view *v, struct buf *b, int manage, struct err *err)
{
    struct req *r = v->r;
    int rc = html_printf(b, "<section aria-labelledby=\"members\">\n<h2 id=\"members\">%s</h2>\n",
                         T(&r->tr, "Recommendations"));
    if (!rc && !v->nmembers)
        rc = html_printf(b, "<p>%s</p>\n", T(&r->tr, "No recommendation in this cluster."));
    if (!rc && v->nmembers)
        rc = buf_puts(b, "<ul class=\"members\">\n");
    for (size_t i = 0; i < v->nmembers && !rc; i++) {
        enum core_status status = CORE_STATUS_NOT_STARTED;
        int known = 0;
        struct member_line m = {r, b};
        rc = html_printf(b, "<li><a href=\"/recommendations/%u\">%s</a> ", v->members[i],
                         v->members[i]);
        rc = rc ? rc : core_status_of(r->store, v->members[i], &status, &known, err);
        rc = rc ? rc : fup_status_badge(r, b, known, status);
        rc = rc ? rc : buf_puts(b, "<br>");
        rc = rc ? rc : core_rec_get(r->store, v->members[i], member_text, &m, err);
        if (!rc && manage)
            rc = small_form(r, b, v->c.id, "remove", "remove", "rec", v->members[i],
                            T(&r->tr, "Remove"), v->members[i]);
        rc = rc ? rc : buf_puts(b, "</li>\n");
    }
    if (!rc && v->nmembers)
        rc = buf_puts(b, "</ul>\n");
    return rc ? rc : buf_puts(b, "</section>\n");
}

struct cluster_assignments {
    struct cluster_view *v;
    struct buf *b;
    int manage, n;
};

static int cluster_assignment(void *ctx, const struct core_assignment *a)
{
    struct cluster_assignments *l = ctx;
    const struct req *r = l->v->r;
    if (a->cluster_id != l->v->c.id)
        return 0;
    l->n++;
    char id[24];
    snprintf(id, sizeof id, "%ld", a->id);
    int rc =
        html_printf(l->b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>",
                    a->institution_name ? a->institution_name : a->institution_code,
                    a->lead ? T(&r->tr, "Lead institution") : T(&r->tr, "Supporting institution"),
                    a->deadline ? a->deadline : "");
    if (!rc && l->manage)
        rc = small_form(r, l->b, l->v->c.id, "unassign", "unassign", "assignment", id,
                        T(&r->tr, "Remove"), a->institution_code);
    return rc ? rc : buf_puts(l->b, "</td></tr>\n");
}

static int assignments(struct cluster_view *v, struct buf *b, int manage, struct err *err)
{
    struct req *r = v->r;
    struct buf rows = BUF_INIT;
    struct cluster_assignments l = {v, &rows, manage, 0};
    /* a cluster's assignments apply to each member: one member shows them all */
    int rc =
        v->nmembers ? core_assignments_of(r->store, v->members[0], cluster_assignment, &l, err) : 0;
    rc =
        rc ? rc
           : html_printf(b, "<section aria-labelledby=\"assigned\">\n<h2 id=\"assigned\">%s</h2>\n",
                         T(&r->tr, "Institutions responsible"));
    if (!rc && !l.n)
        rc = html_printf(b, "<p>%s</p>\n", T(&r->tr, "Not assigned to any institution yet."));
    if (!rc && l.n)
        rc = html_printf(b,
                         "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><td></td></tr>"
                         "</thead>\n<tbody>\n%R</tbody>\n</table></div>\n",
                         T(&r->tr, "Institution"), T(&r->tr, "Role"), T(&r->tr, "Deadline"), &rows);
    buf_free(&rows);
    return rc ? rc : buf_puts(b, "</section>\n");
}

static int manage_forms(struct cluster_view *v, struct buf *b, struct err *err)
{
    struct req *r = v->r;
    struct fup_institutions inst = {0};
    char action[48];
    snprintf(action, sizeof action, "/clusters/%ld", v->c.id);
    const char *lead = fup_kept(r, "assign", "role");
    int rc = fup_institutions_load(r, &inst, err);
    rc = rc ? rc
            : html_printf(b,
                          "<section class=\"narrow\" aria-labelledby=\"assign\">\n"
                          "<h2 id=\"assign\">%s</h2>\n",
                          T(&r->tr, "Assign this cluster"));
    rc = rc ? rc : fup_form_open(r, b, action, "assign", 0);
    rc = rc ? rc : buf_puts(b, "<input type=\"hidden\" name=\"do\" value=\"assign\">\n");
    rc = rc ? rc
            : fup_institution_select(r, b, "assign-institution", &inst, NULL, 0,
                                     fup_kept(r, "assign", "institution"), NULL);
    rc = rc ? rc
            : html_printf(
                  b,
                  "<fieldset><legend>%s</legend>\n"
                  "<label><input type=\"radio\" name=\"role\" value=\"lead\"%s> %s</label>\n"
                  "<label><input type=\"radio\" name=\"role\" value=\"supporting\"%s> "
                  "%s</label>\n</fieldset>\n",
                  T(&r->tr, "Role"), lead && !strcmp(lead, "lead") ? " checked" : "",
                  T(&r->tr, "Lead institution"), lead && !strcmp(lead, "lead") ? "" : " checked",
                  T(&r->tr, "Supporting institution"));
    rc = rc ? rc
            : fup_input(b, "assign-deadline", "deadline", T(&r->tr, "Deadline"), "date",
                        fup_kept(r, "assign", "deadline"), 0, NULL);
    rc = rc ? rc
            : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                          T(&r->tr, "Assign"));
    rc = rc ? rc
            : html_printf(b,
                          "<section class=\"narrow\" aria-labelledby=\"add\">\n"
                          "<h2 id=\"add\">%s</h2>\n",
                          T(&r->tr, "Add a recommendation"));
    rc = rc ? rc : fup_form_open(r, b, action, "add", 0);
    rc = rc ? rc : buf_puts(b, "<input type=\"hidden\" name=\"do\" value=\"add\">\n");
    rc = rc ? rc
            : fup_input(b, "add-rec", "rec", T(&r->tr, "Recommendation"), "text",
                        fup_kept(r, "add", "rec"), 1,
                        T(&r->tr, "Its identifier, e.g. SVN-UPR34-121.1"));
    rc = rc ? rc
            : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                          T(&r->tr, "Add"));
    if (!rc && v->c.kind != CORE_CLUSTER_MANUAL)
        rc = small_form(r, b, v->c.id, "refresh", "refresh", NULL, NULL,
                        T(&r->tr, "Read the criterion again"), NULL);
    fup_institutions_free(&inst);
    return rc;
}

static int cluster_page(struct req *r, struct resp *p, const char *detail)
{
    struct cluster_view v = {.r = r};
    struct names n = {0};
    struct buf body = BUF_INIT;
    struct err err = {0};
    int manage = core_may(&r->actor, CORE_MANAGE_INSTITUTIONS, 0);
    int rc = view_load(r, fup_id(r->param[0]), &v, &err);
    rc = rc ? rc : names_load(r, &n, &err);
    rc = rc ? rc
            : fup_messages(r, &body, detail ? T(&r->tr, "The change was refused.") : NULL, detail);
    rc = rc ? rc
            : html_printf(&body,
                          "<dl class=\"fields\">\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n"
                          "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%ld</dd>\n</dl>\n",
                          T(&r->tr, "Grouped"), kind_label(r, v.c.kind), T(&r->tr, "Criterion"),
                          criterion_label(&n, &v.c), T(&r->tr, "State"),
                          v.c.country ? page_list_label(&n.countries, v.c.country)
                                      : T(&r->tr, "All States"),
                          T(&r->tr, "Recommendations"), (long)v.nmembers);
    rc = rc ? rc : assignments(&v, &body, manage, &err);
    rc = rc ? rc : members(&v, &body, manage, &err);
    if (!rc && manage)
        rc = manage_forms(&v, &body, &err);
    names_free(&n);
    if (rc) {
        view_free(&v);
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    struct buf title = BUF_INIT;
    /* TRANSLATORS: %s is the cluster's name. */
    buf_printf(&title, T(&r->tr, "Cluster: %s"), v.c.name);
    rc = frame(r, p, buf_str(&title), &body);
    buf_free(&title);
    view_free(&v);
    return rc;
}

int page_cluster(struct req *r, struct resp *p)
{
    return cluster_page(r, p, NULL);
}

static int cluster_action(struct req *r, long id, const char *what, const char **done,
                          struct err *err)
{
    if (!strcmp(what, "assign")) {
        struct fup_institutions inst = {0};
        const char *role = req_form(r, "role"), *deadline = req_form(r, "deadline");
        struct core_assignment a = {.cluster_id = id,
                                    .lead = role && !strcmp(role, "lead"),
                                    .deadline = deadline && *deadline ? deadline : NULL};
        long made = 0;
        int rc = fup_institutions_load(r, &inst, err);
        rc =
            rc ? rc : fup_institution_id(&inst, req_form(r, "institution"), &a.institution_id, err);
        fup_institutions_free(&inst);
        if (!rc && !a.institution_id)
            rc = err_set(err, ERR_INPUT, "institution: none chosen, expected one");
        *done = "assigned";
        return rc ? rc : core_assign(r->store, &r->actor, &a, &made, err);
    }
    if (!strcmp(what, "unassign")) {
        long assignment = fup_id(req_form(r, "assignment"));
        *done = "unassigned";
        return assignment ? core_unassign(r->store, &r->actor, assignment, err)
                          : err_set(err, ERR_INPUT, "assignment: expected its number");
    }
    const char *rec = req_form(r, "rec");
    if (!strcmp(what, "add") || !strcmp(what, "remove")) {
        int add = !strcmp(what, "add");
        *done = add ? "member_added" : "member_removed";
        if (!rec || !*rec)
            return err_set(err, ERR_INPUT, "recommendation: none given, expected its identifier");
        return add ? core_cluster_add(r->store, &r->actor, id, rec, err)
                   : core_cluster_remove(r->store, &r->actor, id, rec, err);
    }
    if (!strcmp(what, "refresh")) {
        *done = "refreshed";
        return core_cluster_refresh(r->store, &r->actor, id, err);
    }
    return err_set(err, ERR_INPUT, "do: expected assign, unassign, add, remove or refresh");
}

int page_cluster_post(struct req *r, struct resp *p)
{
    long id = fup_id(r->param[0]);
    struct cluster_view v = {.r = r};
    struct err err = {0};
    int rc = view_load(r, id, &v, &err); /* 404 for a cluster that does not exist */
    view_free(&v);
    if (rc)
        return page_fail(r, p, &err);
    const char *what = req_form(r, "do"), *done = NULL;
    rc = cluster_action(r, id, what ? what : "", &done, &err);
    if (rc) {
        int status = refused_status(rc);
        if (!status)
            return page_fail(r, p, &err);
        p->status = status;
        return cluster_page(r, p, err.msg);
    }
    char location[80];
    snprintf(location, sizeof location, "/clusters/%ld?done=%s", id, done);
    return page_redirect(p, location);
}
