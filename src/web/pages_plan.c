/*
 * pages_plan.c — the planning forms of a recommendation's follow-up and what answers them:
 * assigning it to institutions (coordinators), planning actions and changing their state,
 * defining indicators and recording their values (the institution's focal points, coordinators),
 * comments (anyone signed in who may comment) and independent assessments (NHRI and civil
 * society contributors). Each POST goes to /recommendations/:id/..., calls core (which checks
 * the permission again) and answers 303 back to the page, or draws the page again with 400/403
 * and core's message (pages_followup.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/rows.h"
#include "web/html.h"
#include "web/pages_followup.h"

/* Opens a form of the section posting to /recommendations/ID + tail. */
static int open_form(struct fu_page *s, const char *tail, const char *form)
{
    struct buf url = BUF_INIT;
    int rc = fu_url(&url, s->rec_id, tail);
    rc = rc ? rc : fup_form_open(s->r, s->b, buf_str(&url), form, 0);
    buf_free(&url);
    return rc;
}

static int submit(struct buf *b, const char *label)
{
    return html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", label);
}

/* ---- drawing the forms ------------------------------------------------------------------- */

int fu_assign_form(struct fu_page *s)
{
    const struct req *r = s->r;
    struct buf *b = s->b;
    const char *lead = fup_kept(r, "assign", "role");
    int rc = fup_details(r, b, "assign", T(&r->tr, "Assign to an institution"));
    rc = rc ? rc : open_form(s, "/assign#followup", "assign");
    rc = rc ? rc
            : fup_institution_select(r, b, "assign-institution", &s->inst, NULL, 0,
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
                        fup_kept(r, "assign", "deadline"), 0,
                        T(&r->tr, "When progress is expected, e.g. the next mid-term report."));
    rc = rc ? rc : submit(b, T(&r->tr, "Assign"));
    return rc ? rc : buf_puts(b, "</details>\n");
}

int fu_unassign_cell(struct fu_page *s, const struct fu_assigned *a)
{
    if (a->cluster_id) /* a cluster's assignment is changed on the cluster's page */
        return buf_puts(s->b, "<td></td>");
    char form[32];
    snprintf(form, sizeof form, "unassign-%ld", a->id);
    int rc = buf_puts(s->b, "<td>");
    rc = rc ? rc : open_form(s, "/assign#followup", form);
    rc = rc ? rc
            : html_printf(s->b,
                          "<input type=\"hidden\" name=\"do\" value=\"remove\">"
                          "<input type=\"hidden\" name=\"assignment\" value=\"%ld\">"
                          "<button type=\"submit\" class=\"secondary\">%s<span "
                          "class=\"visually-hidden\"> %s</span></button>\n</form></td>",
                          a->id, T(&s->r->tr, "Remove"), fu_institution_name(s, a->institution_id));
    return rc;
}

static int action_status_select(const struct req *r, struct buf *b, const char *id,
                                const char *label, const char *current, int hide_label)
{
    int rc = html_printf(b,
                         hide_label ? "<label for=%a class=\"visually-hidden\">%s</label>\n"
                                    : "<div class=\"field\"><label for=%a>%s</label>\n",
                         id, label);
    rc = rc ? rc : html_printf(b, "<select id=%a name=\"status\">\n", id);
    for (int i = 0; i < CORE_ACTION_STATUS_COUNT && !rc; i++) {
        const char *code = core_action_status_name((enum core_action_status)i);
        rc = html_printf(b,
                         current && !strcmp(current, code)
                             ? "<option value=%a selected>%s</option>\n"
                             : "<option value=%a>%s</option>\n",
                         code, report_action_status_label(&r->tr, (enum core_action_status)i));
    }
    return rc ? rc : buf_puts(b, hide_label ? "</select>\n" : "</select></div>\n");
}

int fu_action_form(struct fu_page *s)
{
    const struct req *r = s->r;
    struct buf *b = s->b;
#define KEPT(field) fup_kept(r, "action", field)
    int rc = fup_details(r, b, "action", T(&r->tr, "Plan an action"));
    rc = rc ? rc : open_form(s, "/actions#followup", "action");
    rc = rc ? rc
            : fup_institution_select(r, b, "action-institution", &s->inst, s->editable,
                                     s->neditable, KEPT("institution"), NULL);
    rc = rc ? rc
            : fup_textarea(b, "action-description", "description", T(&r->tr, "Description"),
                           KEPT("description"), 1);
    rc = rc ? rc
            : fup_input(b, "action-unit", "unit", T(&r->tr, "Unit responsible"), "text",
                        KEPT("unit"), 0, T(&r->tr, "The department inside the institution."));
    rc = rc ? rc
            : fup_input(b, "action-start", "start", T(&r->tr, "Start"), "date", KEPT("start"), 0,
                        NULL);
    rc =
        rc ? rc : fup_input(b, "action-due", "due", T(&r->tr, "Due"), "date", KEPT("due"), 0, NULL);
    rc = rc ? rc
            : fup_input(b, "action-budget", "budget", T(&r->tr, "Budget"), "number", KEPT("budget"),
                        0, NULL);
    rc = rc ? rc
            : fup_input(b, "action-currency", "currency", T(&r->tr, "Currency"), "text",
                        KEPT("currency"), 0, T(&r->tr, "Its ISO 4217 code, e.g. EUR or USD."));
    rc = rc ? rc
            : action_status_select(r, b, "action-status", T(&r->tr, "Status of the action"),
                                   KEPT("status"), 0);
#undef KEPT
    rc = rc ? rc : submit(b, T(&r->tr, "Save the action"));
    return rc ? rc : buf_puts(b, "</details>\n");
}

int fu_action_state_form(struct fu_page *s, struct buf *b, const struct core_plan_action *a)
{
    char form[32], id[40];
    snprintf(form, sizeof form, "action-%ld", a->id);
    snprintf(id, sizeof id, "action-state-%ld", a->id);
    struct buf url = BUF_INIT;
    int rc = fu_url(&url, s->rec_id, "/actions#followup");
    rc = rc ? rc : fup_form_open(s->r, b, buf_str(&url), form, 0);
    buf_free(&url);
    rc = rc ? rc : html_printf(b, "<input type=\"hidden\" name=\"action\" value=\"%ld\">\n", a->id);
    rc = rc ? rc
            : action_status_select(s->r, b, id, T(&s->r->tr, "Status of the action"),
                                   core_action_status_name(a->status), 1);
    return rc ? rc
              : html_printf(b, "<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n",
                            T(&s->r->tr, "Change"));
}

int fu_indicator_form(struct fu_page *s)
{
    const struct req *r = s->r;
    struct buf *b = s->b;
#define KEPT(field) fup_kept(r, "indicator", field)
    int rc = fup_details(r, b, "indicator", T(&r->tr, "Define an indicator"));
    rc = rc ? rc : open_form(s, "/indicators#followup", "indicator");
    rc = rc ? rc
            : fup_institution_select(r, b, "indicator-institution", &s->inst, s->editable,
                                     s->neditable, KEPT("institution"), NULL);
    rc = rc ? rc
            : fup_input(b, "indicator-name", "name", T(&r->tr, "Name"), "text", KEPT("name"), 1,
                        NULL);
    rc = rc ? rc
            : fup_textarea(b, "indicator-definition", "definition", T(&r->tr, "Definition"),
                           KEPT("definition"), 0);
    rc = rc ? rc
            : fup_input(b, "indicator-unit", "unit", T(&r->tr, "Unit"), "text", KEPT("unit"), 0,
                        T(&r->tr, "e.g. %, cases, persons"));
    rc =
        rc ? rc
           : fup_input(b, "indicator-source", "source", T(&r->tr, "Source"), "text", KEPT("source"),
                       0, T(&r->tr, "Who measures it, e.g. the statistics office."));
    rc = rc ? rc
            : fup_input(b, "indicator-baseline", "baseline", T(&r->tr, "Baseline"), "number",
                        KEPT("baseline"), 0, NULL);
    rc = rc ? rc
            : fup_input(b, "indicator-baseline-date", "baseline_date", T(&r->tr, "Baseline date"),
                        "date", KEPT("baseline_date"), 0, NULL);
    rc = rc ? rc
            : fup_input(b, "indicator-target", "target", T(&r->tr, "Target"), "number",
                        KEPT("target"), 0, NULL);
    rc = rc ? rc
            : fup_input(b, "indicator-target-date", "target_date", T(&r->tr, "Target date"), "date",
                        KEPT("target_date"), 0, NULL);
    rc = rc ? rc
            : fup_input(b, "indicator-sdg", "sdg", T(&r->tr, "SDG indicator"), "text", KEPT("sdg"),
                        0, T(&r->tr, "Its code, e.g. 5.2.1."));
#undef KEPT
    rc = rc ? rc : submit(b, T(&r->tr, "Define the indicator"));
    return rc ? rc : buf_puts(b, "</details>\n");
}

int fu_value_form(struct fu_page *s, const struct core_indicator *ind)
{
    const struct req *r = s->r;
    struct buf *b = s->b;
    char form[32], id_date[40], id_value[40], id_note[40], today[11];
    snprintf(form, sizeof form, "value-%ld", ind->id);
    snprintf(id_date, sizeof id_date, "value-date-%ld", ind->id);
    snprintf(id_value, sizeof id_value, "value-value-%ld", ind->id);
    snprintf(id_note, sizeof id_note, "value-note-%ld", ind->id);
    fup_today(today);
    const char *date = fup_kept(r, form, "date");
    int rc = fup_details(r, b, form, T(&r->tr, "Record a value"));
    rc = rc ? rc : open_form(s, "/indicators#followup", form);
    rc = rc ? rc
            : html_printf(b, "<input type=\"hidden\" name=\"indicator\" value=\"%ld\">\n", ind->id);
    rc =
        rc ? rc
           : fup_input(b, id_date, "date", T(&r->tr, "Date"), "date", date ? date : today, 1, NULL);
    rc = rc ? rc
            : fup_input(b, id_value, "value", T(&r->tr, "Value"), "number",
                        fup_kept(r, form, "value"), 1, NULL);
    rc = rc ? rc
            : fup_input(b, id_note, "note", T(&r->tr, "Note"), "text", fup_kept(r, form, "note"), 0,
                        NULL);
    rc = rc ? rc : submit(b, T(&r->tr, "Record the value"));
    return rc ? rc : buf_puts(b, "</details>\n");
}

int fu_comment_form(struct fu_page *s)
{
    const struct req *r = s->r;
    int rc = open_form(s, "/notes#followup", "comment");
    rc = rc ? rc : buf_puts(s->b, "<input type=\"hidden\" name=\"kind\" value=\"comment\">\n");
    rc = rc ? rc
            : fup_textarea(s->b, "comment-body", "body", T(&r->tr, "Your comment"),
                           fup_kept(r, "comment", "body"), 1);
    return rc ? rc : submit(s->b, T(&r->tr, "Add the comment"));
}

int fu_assessment_form(struct fu_page *s)
{
    const struct req *r = s->r;
    struct buf *b = s->b;
    int rc = fup_details(r, b, "assessment", T(&r->tr, "Add an independent assessment"));
    rc = rc ? rc : open_form(s, "/notes#followup", "assessment");
    rc = rc ? rc : buf_puts(b, "<input type=\"hidden\" name=\"kind\" value=\"assessment\">\n");
    rc = rc ? rc
            : fup_input(b, "assessment-organisation", "organisation", T(&r->tr, "Organisation"),
                        "text", fup_kept(r, "assessment", "organisation"), 0,
                        T(&r->tr, "Who makes the assessment; by default your institution."));
    rc = rc ? rc
            : fup_status_select(r, b, "assessment-status", T(&r->tr, "Your view of the status"),
                                fup_kept(r, "assessment", "status"));
    rc = rc ? rc
            : fup_textarea(b, "assessment-body", "body", T(&r->tr, "Assessment"),
                           fup_kept(r, "assessment", "body"), 1);
    rc = rc ? rc : submit(b, T(&r->tr, "Publish the assessment"));
    return rc ? rc : buf_puts(b, "</details>\n");
}

/* ---- answering them ---------------------------------------------------------------------- */

/* 303 to the page after success; the page again with the message after a refusal; an error
 * page for the rest. */
static int answer(struct req *r, struct resp *p, const char *rec_id, int rc, const struct err *err,
                  const char *done)
{
    if (!rc)
        return fup_rec_done(p, rec_id, done);
    int status = fup_refusal_status(rc);
    if (!status)
        return page_fail(r, p, err);
    return fup_rec_again(r, p, rec_id, status == 404 ? 400 : status, NULL, err->msg);
}

/* The institution a form names, by code. */
static int form_institution(struct req *r, long *id, struct err *err)
{
    struct fup_institutions all = {0};
    int rc = fup_institutions_load(r, &all, err);
    const char *code = req_form(r, "institution");
    rc = rc ? rc : fup_institution_id(&all, code, id, err);
    if (!rc && !*id)
        rc = err_set(err, ERR_INPUT, "institution: none chosen, expected one");
    fup_institutions_free(&all);
    return rc;
}

static const char *field(const struct req *r, const char *name)
{
    const char *v = req_form(r, name);
    return v && *v ? v : NULL;
}

int page_assign_post(struct req *r, struct resp *p)
{
    const char *rec_id = r->param[0];
    struct err err = {0};
    long id = 0;
    if (fup_rec_exists(r, rec_id, &err))
        return page_fail(r, p, &err);
    const char *what = req_form(r, "do");
    if (what && !strcmp(what, "remove")) {
        long assignment = fup_id(req_form(r, "assignment"));
        int rc = assignment ? core_unassign(r->store, &r->actor, assignment, &err)
                            : err_set(&err, ERR_INPUT, "assignment: expected its number");
        return answer(r, p, rec_id, rc, &err, "unassigned");
    }
    const char *role = req_form(r, "role");
    struct core_assignment a = {
        .rec_id = rec_id, .lead = role && !strcmp(role, "lead"), .deadline = field(r, "deadline")};
    int rc = form_institution(r, &a.institution_id, &err);
    rc = rc ? rc : core_assign(r->store, &r->actor, &a, &id, &err);
    return answer(r, p, rec_id, rc, &err, "assigned");
}

/* An action copied out of core, to change some of its fields. */
struct action_copy {
    struct core_plan_action a;
    char *text[6];
};

static int copy_action(void *ctx, const struct core_plan_action *a)
{
    struct action_copy *c = ctx;
    c->a = *a;
    const char **fields[] = {&c->a.rec_id,     &c->a.description, &c->a.unit,
                             &c->a.start_date, &c->a.due_date,    &c->a.currency};
    for (int i = 0; i < 6; i++) {
        if (*fields[i] && !(c->text[i] = strdup(*fields[i])))
            return ERR_NOMEM;
        *fields[i] = c->text[i];
    }
    return 0;
}

static int action_status(const struct req *r, enum core_action_status *out, struct err *err)
{
    const char *s = req_form(r, "status");
    if (!s || !*s) {
        *out = CORE_ACTION_PLANNED;
        return 0;
    }
    if (core_action_status_parse(s, out))
        return err_set(err, ERR_INPUT,
                       "status \"%.30s\": expected planned, ongoing, completed, delayed or "
                       "cancelled",
                       s);
    return 0;
}

/* Changes the state of action id, which must be one of this recommendation's. */
static int change_action(struct req *r, long id, struct err *err)
{
    struct action_copy old = {.a = {.budget = NAN}};
    long saved = 0;
    int rc = core_action_get(r->store, id, copy_action, &old, err);
    if (rc == ERR_NOMEM)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc && old.a.rec_id && strcmp(old.a.rec_id, r->param[0]))
        rc = err_set(err, ERR_INPUT, "action %ld: not an action of %s", id, r->param[0]);
    rc = rc ? rc : action_status(r, &old.a.status, err);
    rc = rc ? rc : core_action_put(r->store, &r->actor, &old.a, &saved, err);
    for (int i = 0; i < 6; i++)
        free(old.text[i]);
    return rc;
}

int page_action_post(struct req *r, struct resp *p)
{
    const char *rec_id = r->param[0];
    struct err err = {0};
    if (fup_rec_exists(r, rec_id, &err))
        return page_fail(r, p, &err);
    long existing = fup_id(req_form(r, "action")), id = 0;
    if (existing)
        return answer(r, p, rec_id, change_action(r, existing, &err), &err, "action");
    struct core_plan_action a = {.rec_id = rec_id,
                                 .description = req_form(r, "description"),
                                 .unit = field(r, "unit"),
                                 .start_date = field(r, "start"),
                                 .due_date = field(r, "due"),
                                 .currency = field(r, "currency")};
    int rc = form_institution(r, &a.institution_id, &err);
    rc = rc ? rc : fup_parse_number("budget", req_form(r, "budget"), &a.budget, &err);
    rc = rc ? rc : action_status(r, &a.status, &err);
    rc = rc ? rc : core_action_put(r->store, &r->actor, &a, &id, &err);
    return answer(r, p, rec_id, rc, &err, "action");
}

int page_indicator_post(struct req *r, struct resp *p)
{
    const char *rec_id = r->param[0];
    struct err err = {0};
    if (fup_rec_exists(r, rec_id, &err))
        return page_fail(r, p, &err);
    long indicator = fup_id(req_form(r, "indicator")), id = 0;
    int rc;
    if (indicator) {
        struct core_indicator_value v = {indicator, field(r, "date"), NAN, field(r, "note")};
        rc = fup_parse_number("value", req_form(r, "value"), &v.value, &err);
        if (!rc && isnan(v.value))
            rc = err_set(&err, ERR_INPUT, "value: empty, expected a number");
        rc = rc ? rc : core_indicator_value_put(r->store, &r->actor, &v, &err);
        return answer(r, p, rec_id, rc, &err, "value");
    }
    struct core_indicator ind = {.rec_id = rec_id,
                                 .name = req_form(r, "name"),
                                 .definition = field(r, "definition"),
                                 .unit = field(r, "unit"),
                                 .source = field(r, "source"),
                                 .baseline_date = field(r, "baseline_date"),
                                 .target_date = field(r, "target_date"),
                                 .sdg_indicator = field(r, "sdg")};
    rc = form_institution(r, &ind.institution_id, &err);
    rc = rc ? rc : fup_parse_number("baseline", req_form(r, "baseline"), &ind.baseline, &err);
    rc = rc ? rc : fup_parse_number("target", req_form(r, "target"), &ind.target, &err);
    rc = rc ? rc : core_indicator_put(r->store, &r->actor, &ind, &id, &err);
    return answer(r, p, rec_id, rc, &err, "indicator");
}

int page_note_post(struct req *r, struct resp *p)
{
    const char *rec_id = r->param[0];
    struct err err = {0};
    if (fup_rec_exists(r, rec_id, &err))
        return page_fail(r, p, &err);
    const char *kind = req_form(r, "kind");
    int assessment = kind && !strcmp(kind, "assessment");
    struct core_note n = {.rec_id = rec_id,
                          .organisation = field(r, "organisation"),
                          .independent = assessment,
                          .body = req_form(r, "body")};
    long id = 0;
    int rc = 0;
    if (assessment &&
        core_status_parse(req_form(r, "status") ? req_form(r, "status") : "", &n.status))
        rc = err_set(&err, ERR_INPUT,
                     "status: expected not_started, in_progress, partially_implemented, "
                     "implemented or not_accepted");
    rc = rc ? rc : core_note_add(r->store, &r->actor, &n, &id, &err);
    return answer(r, p, rec_id, rc, &err, assessment ? "assessment" : "comment");
}
