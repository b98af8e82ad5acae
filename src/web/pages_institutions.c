/*
 * pages_institutions.c — the coordinator's desk, and the door to it. /followup lists the
 * follow-up pages the reader's role may use (the navigation links it for anyone signed in).
 * /institutions: the institutions with their kind and branch of government, and the form to
 * add one. /deadlines: the reporting calendar and the form to add to it. /outbox: the
 * reminders queued for people (coordinators see all and run the reminders now; others see
 * their own). Forms post back to their page and answer 303 with ?done=, or the page again with
 * 400 and core's message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/html.h"
#include "web/pages_followup.h"

/* The page frame around body, keeping a status set before (400 after a refused form). */
static int frame(struct req *r, struct resp *p, const char *title, struct buf *body)
{
    int status = p->status ? p->status : 200;
    page_begin(r, p, title);
    p->status = status;
    html_printf(&p->body, "<h1>%s</h1>\n%R", title, body);
    buf_free(body);
    return page_end(r, p);
}

/* ---- /followup --------------------------------------------------------------------------- */

struct door {
    const char *href, *title, *text; /* msgids */
    int action;                      /* enum core_action the page needs */
};

int page_followup(struct req *r, struct resp *p)
{
    static const struct door doors[] = {
        {"/my", N_("My institution's work"),
         N_("What is assigned to your institution: recommendations, actions due, reports "
            "returned."),
         CORE_COMMENT},
        {"/validation", N_("Validation"),
         N_("Progress reports waiting for validation: publish them or return them."),
         CORE_VALIDATE_PROGRESS},
        {"/institutions", N_("Institutions"),
         N_("The ministries, parliament, courts and other bodies that implement."),
         CORE_MANAGE_INSTITUTIONS},
        {"/clusters", N_("Clusters"),
         N_("Recommendations grouped by theme, SDG, group or body, to assign them together."),
         CORE_READ_PUBLISHED},
        {"/deadlines", N_("Deadlines"), N_("The reporting calendar."), CORE_READ_PUBLISHED},
        {"/outbox", N_("Reminders"), N_("Reminders of what is due, by e-mail."), CORE_COMMENT},
        {"/review", N_("Review tag suggestions"),
         N_("Themes, SDGs and groups suggested automatically: accept or reject them."), CORE_TAG},
        {"/reports", N_("Reports"),
         N_("The implementation matrix, report drafts and the dashboard, to download."),
         CORE_READ_ALL},
    };
    if (!r->actor.user_id)
        return web_error(r, p, 401, "login_required", "log in to see this");
    struct buf body = BUF_INIT;
    int rc = buf_puts(&body, "<ul class=\"doors\">\n");
    for (size_t i = 0; i < sizeof doors / sizeof doors[0] && !rc; i++) {
        if (!core_may(&r->actor, (enum core_action)doors[i].action, 0))
            continue;
        rc = html_printf(&body, "<li><a href=%h>%s</a>\n<p>%s</p></li>\n", doors[i].href,
                         i18n_get(r->tr.cat, r->tr.lang, doors[i].title),
                         i18n_get(r->tr.cat, r->tr.lang, doors[i].text));
    }
    rc = rc ? rc : buf_puts(&body, "</ul>\n");
    if (rc) {
        buf_free(&body);
        return web_error(r, p, 500, "server_error", "out of memory");
    }
    return frame(r, p, T(&r->tr, "Follow-up"), &body);
}

/* ---- /institutions ----------------------------------------------------------------------- */

static const struct {
    const char *code, *label;
} kinds[] =
    {
        {"ministry", N_("Ministry")},
        {"parliament", N_("Parliament")},
        {"court", N_("Court")},
        {"statistics", N_("Statistics office")},
        {"nhri", N_("National human rights institution")},
        {"cso", N_("Civil society")},
        {"local", N_("Local government")},
        {"other", N_("Other")},
},
  branches[] = {
      {"executive", N_("Executive")},    {"legislative", N_("Legislative")},
      {"judiciary", N_("Judiciary")},    {"independent", N_("Independent body")},
      {"local", N_("Local government")},
};

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* The label of code in table, translated; code itself when unknown. */
static const char *label_of(const struct req *r, const char *code, int branch)
{
    size_t n = branch ? COUNT(branches) : COUNT(kinds);
    for (size_t i = 0; code && i < n; i++) {
        const char *c = branch ? branches[i].code : kinds[i].code;
        if (!strcmp(c, code))
            return i18n_get(r->tr.cat, r->tr.lang, branch ? branches[i].label : kinds[i].label);
    }
    return code ? code : "";
}

static int code_select(const struct req *r, struct buf *b, const char *id, const char *name,
                       const char *label, const char *none, int branch, const char *current)
{
    size_t n = branch ? COUNT(branches) : COUNT(kinds);
    int rc = html_printf(b,
                         "<div class=\"field\"><label for=%a>%s</label>\n<select id=%a name=%a>\n"
                         "<option value=\"\">%s</option>\n",
                         id, label, id, name, none);
    for (size_t i = 0; i < n && !rc; i++) {
        const char *code = branch ? branches[i].code : kinds[i].code;
        rc = html_printf(b,
                         current && !strcmp(current, code)
                             ? "<option value=%a selected>%s</option>\n"
                             : "<option value=%a>%s</option>\n",
                         code, label_of(r, code, branch));
    }
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

static int institutions_page(struct req *r, struct resp *p, const char *detail)
{
    struct fup_institutions inst = {0};
    struct buf body = BUF_INIT, branch = BUF_INIT;
    struct err err = {0};
    int rc = fup_institutions_load(r, &inst, &err);
    rc = rc ? rc
            : fup_messages(r, &body, detail ? T(&r->tr, "The change was refused.") : NULL, detail);
    if (!rc && !inst.n)
        rc = html_printf(&body, "<p>%s</p>\n", T(&r->tr, "No institution yet."));
    if (!rc && inst.n)
        rc = html_printf(&body,
                         "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><td></td></tr></thead>\n<tbody>\n",
                         T(&r->tr, "Code"), T(&r->tr, "Name"), T(&r->tr, "Kind"),
                         T(&r->tr, "Branch"));
    for (size_t i = 0; i < inst.n && !rc; i++) {
        const struct fup_institution *in = &inst.v[i];
        buf_reset(&branch);
        rc = core_institution_branch_get(r->store, in->id, &branch, &err);
        rc = rc ? rc
                : html_printf(&body,
                              "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td>"
                              "<td><a href=\"/my?institution=%u\">%s<span "
                              "class=\"visually-hidden\"> %s</span></a></td></tr>\n",
                              in->code, in->name, label_of(r, in->kind, 0),
                              branch.len ? label_of(r, buf_str(&branch), 1) : "", in->code,
                              T(&r->tr, "Its work"), in->code);
    }
    if (!rc && inst.n)
        rc = buf_puts(&body, "</tbody>\n</table></div>\n");
#define KEPT(field) fup_kept(r, "institution", field)
    rc = rc ? rc
            : html_printf(&body,
                          "<section class=\"narrow\" aria-labelledby=\"add\">\n"
                          "<h2 id=\"add\">%s</h2>\n",
                          T(&r->tr, "Add an institution"));
    rc = rc ? rc : fup_form_open(r, &body, "/institutions", "institution", 0);
    rc = rc ? rc
            : fup_input(&body, "institution-code", "code", T(&r->tr, "Code"), "text", KEPT("code"),
                        1, T(&r->tr, "A short name: letters, digits, _ or -, e.g. MOJ."));
    rc = rc ? rc
            : fup_input(&body, "institution-name", "name", T(&r->tr, "Name"), "text", KEPT("name"),
                        1, NULL);
    rc = rc ? rc
            : code_select(r, &body, "institution-kind", "kind", T(&r->tr, "Kind"),
                          T(&r->tr, "Not said"), 0, KEPT("kind"));
    rc = rc ? rc
            : code_select(r, &body, "institution-branch", "branch", T(&r->tr, "Branch"),
                          T(&r->tr, "Not said"), 1, KEPT("branch"));
#undef KEPT
    rc = rc ? rc
            : html_printf(&body, "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                          T(&r->tr, "Add"));
    fup_institutions_free(&inst);
    buf_free(&branch);
    if (rc) {
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    return frame(r, p, T(&r->tr, "Institutions"), &body);
}

int page_institutions(struct req *r, struct resp *p)
{
    return institutions_page(r, p, NULL);
}

static int refused(struct req *r, struct resp *p, int rc, const struct err *err,
                   int (*again)(struct req *, struct resp *, const char *))
{
    int status = fup_refusal_status(rc);
    if (!status)
        return page_fail(r, p, err);
    p->status = status == 404 ? 400 : status;
    return again(r, p, err->msg);
}

int page_institutions_post(struct req *r, struct resp *p)
{
    const char *kind = req_form(r, "kind"), *branch = req_form(r, "branch");
    struct store_institution in = {0, req_form(r, "code"), req_form(r, "name"),
                                   kind && *kind ? kind : NULL};
    struct err err = {0};
    long id = 0;
    int rc = 0, known = !branch || !*branch;
    for (size_t i = 0; i < COUNT(branches); i++)
        known |= branch && !strcmp(branch, branches[i].code);
    if (!known) /* refused before anything is written */
        rc = err_set(&err, ERR_INPUT,
                     "branch \"%.40s\": expected executive, legislative, judiciary, independent "
                     "or local",
                     branch);
    rc = rc ? rc : core_institution_create(r->store, &r->actor, &in, &id, &err);
    if (!rc && branch && *branch)
        rc = core_institution_branch_set(r->store, &r->actor, id, branch, &err);
    return rc ? refused(r, p, rc, &err, institutions_page)
              : page_redirect(p, "/institutions?done=institution");
}

/* ---- /deadlines -------------------------------------------------------------------------- */

struct deadlines {
    struct buf out;
    char today[11];
    int n;
};

static int deadline_row(void *ctx, const struct core_deadline *d)
{
    struct deadlines *l = ctx;
    l->n++;
    int past = strcmp(d->due_date, l->today) < 0;
    return html_printf(&l->out,
                       past ? "<tr class=\"past\"><td>%s</td><td>%s</td><td>%s</td></tr>\n"
                            : "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                       d->due_date, d->title, d->body ? d->body : "");
}

static int deadlines_page(struct req *r, struct resp *p, const char *detail)
{
    struct deadlines l = {BUF_INIT, "", 0};
    struct buf body = BUF_INIT;
    struct err err = {0};
    fup_today(l.today);
    int rc = core_deadline_each(r->store, deadline_row, &l, &err);
    rc = rc ? rc
            : fup_messages(r, &body, detail ? T(&r->tr, "The change was refused.") : NULL, detail);
    if (!rc && !l.n)
        rc = html_printf(&body, "<p>%s</p>\n", T(&r->tr, "No deadline yet."));
    if (!rc && l.n)
        rc = html_printf(&body,
                         "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n"
                         "<tbody>\n%R</tbody>\n</table></div>\n",
                         T(&r->tr, "Due"), T(&r->tr, "Title"), T(&r->tr, "Body"), &l.out);
    buf_free(&l.out);
    if (!rc && core_may(&r->actor, CORE_MANAGE_INSTITUTIONS, 0)) {
        rc = html_printf(&body,
                         "<section class=\"narrow\" aria-labelledby=\"add\">\n"
                         "<h2 id=\"add\">%s</h2>\n",
                         T(&r->tr, "Add a deadline"));
        rc = rc ? rc : fup_form_open(r, &body, "/deadlines", "deadline", 0);
        rc = rc ? rc
                : fup_input(&body, "deadline-title", "title", T(&r->tr, "Title"), "text",
                            fup_kept(r, "deadline", "title"), 1,
                            T(&r->tr, "e.g. UPR mid-term report"));
        rc = rc ? rc
                : fup_input(&body, "deadline-body", "body", T(&r->tr, "Body"), "text",
                            fup_kept(r, "deadline", "body"), 0, T(&r->tr, "e.g. UPR, CEDAW"));
        rc = rc ? rc
                : fup_input(&body, "deadline-date", "due_date", T(&r->tr, "Due"), "date",
                            fup_kept(r, "deadline", "due_date"), 1, NULL);
        rc = rc ? rc
                : html_printf(&body, "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                              T(&r->tr, "Add"));
    }
    if (rc) {
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    return frame(r, p, T(&r->tr, "Deadlines"), &body);
}

int page_deadlines(struct req *r, struct resp *p)
{
    return deadlines_page(r, p, NULL);
}

int page_deadlines_post(struct req *r, struct resp *p)
{
    const char *body = req_form(r, "body");
    struct core_deadline d = {0, req_form(r, "title"), body && *body ? body : NULL,
                              req_form(r, "due_date")};
    struct err err = {0};
    long id = 0;
    int rc = core_deadline_put(r->store, &r->actor, &d, &id, &err);
    return rc ? refused(r, p, rc, &err, deadlines_page)
              : page_redirect(p, "/deadlines?done=deadline");
}

/* ---- /outbox ----------------------------------------------------------------------------- */

struct outbox {
    const struct req *r;
    struct buf out;
    int n, manage;
};

static const char *kind_label(const struct req *r, const char *kind)
{
    static const struct {
        const char *code, *label;
    } labels[] = {
        {"action_due", N_("Action due")},
        {"action_overdue", N_("Action overdue")},
        {"deadline_due", N_("Reporting deadline")},
        {"assignment_due", N_("Assignment deadline")},
        {"progress_submitted", N_("Report to validate")},
        {"progress_returned", N_("Report returned")},
    };
    for (size_t i = 0; kind && i < COUNT(labels); i++)
        if (!strcmp(kind, labels[i].code))
            return i18n_get(r->tr.cat, r->tr.lang, labels[i].label);
    return kind ? kind : "";
}

static int notification_row(void *ctx, const struct core_notification *n)
{
    struct outbox *l = ctx;
    const struct req *r = l->r;
    struct buf *b = &l->out;
    l->n++;
    int rc = buf_puts(b, "<tr><td>");
    rc = rc ? rc : fup_when(b, n->created_at);
    rc = rc ? rc : html_printf(b, "</td><td>%s", n->to_login);
    if (!rc && n->to_email)
        rc = html_printf(b, "<br><span class=\"meta\">%s</span>", n->to_email);
    rc = rc ? rc
            : html_printf(b, "</td><td>%s</td><td><details><summary>%s</summary>\n",
                          kind_label(r, n->kind), n->subject);
    rc = rc ? rc : fu_paragraphs(b, n->body);
    rc = rc ? rc : buf_puts(b, "</details></td><td>");
    if (!rc && n->sent_at)
        rc = fup_when(b, n->sent_at);
    else if (!rc && l->manage) {
        char form[32];
        snprintf(form, sizeof form, "sent-%ld", n->id);
        rc = fup_form_open(r, b, "/outbox", form, 0);
        rc = rc ? rc
                : html_printf(b,
                              "<input type=\"hidden\" name=\"do\" value=\"sent\">"
                              "<input type=\"hidden\" name=\"id\" value=\"%ld\">"
                              "<button type=\"submit\" class=\"secondary\">%s</button>\n</form>",
                              n->id, T(&r->tr, "Mark as sent"));
    } else if (!rc) {
        rc = html_printf(b, "%s", T(&r->tr, "Not sent"));
    }
    return rc ? rc : buf_puts(b, "</td></tr>\n");
}

static int outbox_page(struct req *r, struct resp *p, const char *detail)
{
    int unsent = req_query(r, "unsent") != NULL;
    struct outbox l = {r, BUF_INIT, 0, core_may(&r->actor, CORE_MANAGE_INSTITUTIONS, 0)};
    struct buf body = BUF_INIT;
    struct err err = {0};
    int rc = core_outbox_each(r->store, &r->actor, unsent, notification_row, &l, &err);
    rc = rc ? rc
            : fup_messages(r, &body, detail ? T(&r->tr, "The change was refused.") : NULL, detail);
    if (!rc && l.manage) {
        rc = html_printf(&body,
                         "<section class=\"narrow\" aria-labelledby=\"run\">\n"
                         "<h2 id=\"run\">%s</h2>\n<p class=\"hint\">%s</p>\n",
                         T(&r->tr, "Queue the reminders now"),
                         T(&r->tr, "Actions, deadlines and reports due within the days given, "
                                   "or overdue; at most one reminder per item, person and day. "
                                   "They are mailed by suivi remind --send."));
        rc = rc ? rc : fup_form_open(r, &body, "/outbox", "remind", 0);
        rc = rc ? rc : buf_puts(&body, "<input type=\"hidden\" name=\"do\" value=\"remind\">\n");
        rc = rc ? rc
                : fup_input(&body, "remind-days", "days", T(&r->tr, "Days ahead"), "number",
                            fup_kept(r, "remind", "days") ? fup_kept(r, "remind", "days") : "14", 1,
                            NULL);
        rc = rc ? rc
                : html_printf(&body, "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                              T(&r->tr, "Queue the reminders"));
    }
    rc = rc ? rc
            : html_printf(
                  &body, "<p><a href=%h>%s</a></p>\n", unsent ? "/outbox" : "/outbox?unsent=1",
                  unsent ? T(&r->tr, "Show every reminder") : T(&r->tr, "Show unsent only"));
    if (!rc && !l.n)
        rc = html_printf(&body, "<p>%s</p>\n", T(&r->tr, "No reminder."));
    if (!rc && l.n)
        rc = html_printf(&body,
                         "<div class=\"table-wrap\"><table class=\"outbox\">\n<thead><tr>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n%R</tbody>\n"
                         "</table></div>\n",
                         T(&r->tr, "Queued"), T(&r->tr, "To"), T(&r->tr, "About"),
                         T(&r->tr, "Subject"), T(&r->tr, "Sent"), &l.out);
    buf_free(&l.out);
    if (rc) {
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    return frame(r, p, T(&r->tr, "Reminders"), &body);
}

int page_outbox(struct req *r, struct resp *p)
{
    return outbox_page(r, p, NULL);
}

int page_outbox_post(struct req *r, struct resp *p)
{
    const char *what = req_form(r, "do");
    struct err err = {0};
    int rc;
    if (what && !strcmp(what, "sent")) {
        long id = fup_id(req_form(r, "id"));
        rc = id ? core_outbox_mark_sent(r->store, id, &err)
                : err_set(&err, ERR_INPUT, "id: expected the number of a reminder");
        return rc ? refused(r, p, rc, &err, outbox_page) : page_redirect(p, "/outbox?done=sent");
    }
    const char *days_text = req_form(r, "days");
    char *end = NULL;
    long days = days_text ? strtol(days_text, &end, 10) : 14, queued = 0;
    if (days_text && (!*days_text || *end || days < 0 || days > 100000))
        rc = err_set(&err, ERR_INPUT, "days \"%.20s\": expected a number of days", days_text);
    else
        rc = core_remind(r->store, (int)days, &queued, &err);
    if (rc)
        return refused(r, p, rc, &err, outbox_page);
    char location[64];
    snprintf(location, sizeof location, "/outbox?done=reminded&n=%ld", queued);
    return page_redirect(p, location);
}
