/*
 * pages_followup.c — the follow-up part of a recommendation's page (page_rec_followup, called
 * by pages_recs.c): the State's validated status and narrative with, beside it and visibly
 * apart, the independent assessments of the NHRI and civil society; the institutions
 * responsible; the planned actions; the indicators with their values; the progress reports the
 * reader may see (the public: validated ones, with their evidence); comments. Whoever may act
 * gets the forms (pages_progress.c draws them and answers them): coordinators assign,
 * institutions plan and report, contributors comment and assess. What core would refuse is
 * not offered, and core checks again on every write.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/html.h"
#include "web/pages_followup.h"

/* After a refused form the page is drawn again inside the POST's request, on this thread: the
 * message to show at the top of the section (fup_rec_again sets it, page_rec_followup reads
 * it). */
static __thread const char *again_headline, *again_detail;

/* ---- what the section gathers before drawing -------------------------------------------- */

static char *dup(const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *failed = 1;
    return d;
}

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 8;
    void *g = realloc(*v, c * size);
    if (!g)
        return ERR_NOMEM;
    *v = g;
    *cap = c;
    return 0;
}

static int keep_assignment(void *ctx, const struct core_assignment *a)
{
    struct fu_page *s = ctx;
    if (grow((void **)&s->as, &s->cap_as, s->nas, sizeof *s->as))
        return ERR_NOMEM;
    int failed = 0;
    struct fu_assigned it = {a->id, a->cluster_id, a->institution_id, a->lead,
                             dup(a->deadline, &failed)};
    if (failed)
        return ERR_NOMEM;
    s->as[s->nas++] = it;
    return 0;
}

static int keep_report(void *ctx, const struct core_progress *p)
{
    struct fu_page *s = ctx;
    if (grow((void **)&s->reports, &s->cap_reports, s->nreports, sizeof *s->reports))
        return ERR_NOMEM;
    int failed = 0;
    struct fu_report it = {*p, {NULL}};
    it.text[0] = dup(p->narrative, &failed);
    it.text[1] = dup(p->review_comment, &failed);
    it.text[2] = dup(p->author_login, &failed);
    it.text[3] = dup(p->reviewer_login, &failed);
    it.p.narrative = it.text[0];
    it.p.review_comment = it.text[1];
    it.p.author_login = it.text[2];
    it.p.reviewer_login = it.text[3];
    it.p.rec_id = NULL;
    if (failed) {
        for (int i = 0; i < 4; i++)
            free(it.text[i]);
        return ERR_NOMEM;
    }
    s->reports[s->nreports++] = it;
    return 0;
}

static void fu_page_free(struct fu_page *s)
{
    for (size_t i = 0; i < s->nas; i++)
        free(s->as[i].deadline);
    free(s->as);
    for (size_t i = 0; i < s->nreports; i++)
        for (int k = 0; k < 4; k++)
            free(s->reports[i].text[k]);
    free(s->reports);
    fup_institutions_free(&s->inst);
}

/* The assigned institutions the reader may plan and report for. */
static void find_editable(struct fu_page *s)
{
    for (size_t i = 0; i < s->nas; i++) {
        long id = s->as[i].institution_id;
        int seen = 0;
        for (size_t k = 0; k < s->neditable; k++)
            seen |= s->editable[k] == id;
        if (!seen && s->neditable < FU_MAX_EDITABLE &&
            core_may(&s->r->actor, CORE_EDIT_PROGRESS, id))
            s->editable[s->neditable++] = id;
    }
}

static int gather(struct fu_page *s)
{
    struct req *r = s->r;
    int rc = fup_institutions_load(r, &s->inst, s->err);
    rc = rc ? rc : core_assignments_of(r->store, s->rec_id, keep_assignment, s, s->err);
    rc = rc ? rc : core_progress_of(r->store, &r->actor, s->rec_id, keep_report, s, s->err);
    if (rc == ERR_NOMEM && !s->err->msg[0])
        err_set(s->err, ERR_NOMEM, "out of memory reading the follow-up");
    find_editable(s);
    s->manage = core_may(&r->actor, CORE_MANAGE_INSTITUTIONS, 0);
    s->validate = core_may(&r->actor, CORE_VALIDATE_PROGRESS, 0);
    return rc;
}

const char *fu_institution_name(const struct fu_page *s, long id)
{
    const struct fup_institution *in = fup_institution_by_id(&s->inst, id);
    return in ? in->name : "";
}

int fu_url(struct buf *url, const char *rec_id, const char *tail)
{
    buf_reset(url);
    buf_puts(url, "/recommendations/");
    html_url_param(url, rec_id);
    buf_puts(url, tail);
    return url->oom ? ERR_NOMEM : 0;
}

/* ---- the State's view and the independent ones, side by side ----------------------------- */

static const struct fu_report *published(const struct fu_page *s)
{
    for (size_t i = 0; i < s->nreports; i++) /* newest first */
        if (s->reports[i].p.workflow == CORE_WF_VALIDATED)
            return &s->reports[i];
    return NULL;
}

/* A narrative or comment: paragraphs at blank lines. */
int fu_paragraphs(struct buf *b, const char *text)
{
    int rc = 0;
    struct buf para = BUF_INIT;
    for (const char *p = text ? text : ""; *p && !rc;) {
        const char *end = strstr(p, "\n\n");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        buf_reset(&para);
        buf_append(&para, p, n);
        if (n)
            rc = html_printf(b, "<p>%s</p>\n", buf_str(&para));
        p += n;
        while (*p == '\n' || *p == '\r')
            p++;
    }
    buf_free(&para);
    return rc;
}

static int state_view(struct fu_page *s)
{
    const struct req *r = s->r;
    struct buf *b = s->b;
    const struct fu_report *pub = published(s);
    int rc = html_printf(b,
                         "<section class=\"state-view\" aria-labelledby=\"state-view-title\">\n"
                         "<h3 id=\"state-view-title\">%s</h3>\n<p class=\"hint\">%s</p>\n",
                         T(&r->tr, "The State's progress"),
                         T(&r->tr, "Reported by the institutions responsible and validated by the "
                                   "national mechanism."));
    if (!rc && !pub) {
        rc = html_printf(b, "<p>%s</p>\n", T(&r->tr, "No progress report has been validated yet."));
        return rc ? rc : buf_puts(b, "</section>\n");
    }
    rc = rc ? rc
            : html_printf(b, "<p class=\"status-line\">%s ", T(&r->tr, "Implementation status"));
    rc = rc ? rc : fup_status_badge(r, b, 1, pub->p.status);
    rc = rc ? rc : buf_puts(b, "</p>\n<p class=\"meta\">");
    rc = rc ? rc : html_printf(b, "%s ", T(&r->tr, "Validated on"));
    rc = rc ? rc : fup_when(b, pub->p.reviewed_at);
    rc = rc ? rc
            : html_printf(b, " \xC2\xB7 %s</p>\n", fu_institution_name(s, pub->p.institution_id));
    rc = rc ? rc : buf_puts(b, "<div class=\"narrative\">\n");
    rc = rc ? rc : fu_paragraphs(b, pub->p.narrative);
    rc = rc ? rc : buf_puts(b, "</div>\n");
    rc = rc ? rc : fup_evidence_list(s->r, b, pub->p.id, s->err);
    return rc ? rc : buf_puts(b, "</section>\n");
}

struct notes {
    struct fu_page *s;
    int independent;
    struct buf out;
    int n;
};

static int note_item(void *ctx, const struct core_note *n)
{
    struct notes *l = ctx;
    const struct req *r = l->s->r;
    if (!n->independent != !l->independent)
        return 0;
    l->n++;
    const char *who = n->organisation ? n->organisation : n->author_login;
    int rc;
    if (l->independent) {
        rc = html_printf(&l->out,
                         "<article class=\"assessment\">\n<p class=\"assessment-label\">%s</p>\n"
                         "<p class=\"meta\">",
                         T(&r->tr, "Independent assessment"));
    } else {
        rc = html_printf(&l->out, "<li class=\"comment\">\n<p class=\"meta\">");
    }
    rc = rc ? rc : html_printf(&l->out, "%s", who);
    if (!rc && n->organisation && r->actor.user_id) /* the public reads the organisation */
        rc = html_printf(&l->out, " (%s)", n->author_login);
    rc = rc ? rc : buf_puts(&l->out, " \xC2\xB7 ");
    rc = rc ? rc : fup_when(&l->out, n->created_at);
    rc = rc ? rc : buf_puts(&l->out, "</p>\n");
    if (!rc && l->independent) {
        rc = html_printf(&l->out, "<p class=\"status-line\">%s ",
                         T(&r->tr, "Their view of the status"));
        rc = rc ? rc : fup_status_badge(r, &l->out, 1, n->status);
        rc = rc ? rc : buf_puts(&l->out, "</p>\n");
    }
    rc = rc ? rc : fu_paragraphs(&l->out, n->body);
    return rc ? rc : buf_puts(&l->out, l->independent ? "</article>\n" : "</li>\n");
}

static int independent_view(struct fu_page *s)
{
    const struct req *r = s->r;
    struct notes l = {s, 1, BUF_INIT, 0};
    int rc = core_notes_of(r->store, s->rec_id, note_item, &l, s->err);
    rc = rc ? rc
            : html_printf(s->b,
                          "<aside class=\"independent\" aria-labelledby=\"independent-title\">\n"
                          "<h3 id=\"independent-title\">%s</h3>\n<p class=\"hint\">%s</p>\n",
                          T(&r->tr, "Independent assessments"),
                          T(&r->tr, "By the national human rights institution or civil society: "
                                    "their own view, shown beside the State's, never replacing "
                                    "it."));
    if (!rc && !l.n)
        rc = html_printf(s->b, "<p>%s</p>\n", T(&r->tr, "None yet."));
    rc = rc ? rc : html_printf(s->b, "%R", &l.out);
    buf_free(&l.out);
    if (!rc && core_may(&r->actor, CORE_ASSESS_INDEPENDENTLY, 0))
        rc = fu_assessment_form(s);
    return rc ? rc : buf_puts(s->b, "</aside>\n");
}

/* ---- who is responsible ------------------------------------------------------------------ */

static int assignments(struct fu_page *s)
{
    const struct req *r = s->r;
    struct buf *b = s->b;
    int rc = html_printf(b,
                         "<section aria-labelledby=\"assigned-title\">\n"
                         "<h3 id=\"assigned-title\">%s</h3>\n",
                         T(&r->tr, "Institutions responsible"));
    if (!rc && !s->nas)
        rc = html_printf(b, "<p>%s</p>\n", T(&r->tr, "Not assigned to any institution yet."));
    if (!rc && s->nas)
        rc = html_printf(b,
                         "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th>%s</tr></thead>\n<tbody>\n",
                         T(&r->tr, "Institution"), T(&r->tr, "Role"), T(&r->tr, "Assigned"),
                         T(&r->tr, "Deadline"), s->manage ? "<td></td>" : "");
    for (size_t i = 0; i < s->nas && !rc; i++) {
        const struct fu_assigned *a = &s->as[i];
        rc = html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>",
                         fu_institution_name(s, a->institution_id),
                         a->lead ? T(&r->tr, "Lead institution")
                                 : T(&r->tr, "Supporting institution"));
        if (!rc && a->cluster_id)
            rc = html_printf(b, "<a href=\"/clusters/%ld\">%s</a>", a->cluster_id,
                             T(&r->tr, "with its cluster"));
        else if (!rc)
            rc = html_printf(b, "%s", T(&r->tr, "directly"));
        rc = rc ? rc : html_printf(b, "</td><td>%s</td>", a->deadline ? a->deadline : "");
        if (!rc && s->manage)
            rc = fu_unassign_cell(s, a);
        rc = rc ? rc : buf_puts(b, "</tr>\n");
    }
    if (!rc && s->nas)
        rc = buf_puts(b, "</tbody>\n</table></div>\n");
    if (!rc && s->manage)
        rc = fu_assign_form(s);
    return rc ? rc : buf_puts(b, "</section>\n");
}

/* ---- actions ----------------------------------------------------------------------------- */

struct actions {
    struct fu_page *s;
    struct buf out;
    int n;
};

static int action_row(void *ctx, const struct core_plan_action *a)
{
    struct actions *l = ctx;
    struct fu_page *s = l->s;
    const struct req *r = s->r;
    struct buf *b = &l->out;
    l->n++;
    int rc = html_printf(b, "<tr><td>%s", a->description);
    if (!rc && a->cluster_id)
        rc = html_printf(b, " <a class=\"meta\" href=\"/clusters/%ld\">(%s)</a>", a->cluster_id,
                         T(&r->tr, "for the whole cluster"));
    rc = rc ? rc
            : html_printf(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
                          fu_institution_name(s, a->institution_id), a->unit ? a->unit : "",
                          a->start_date ? a->start_date : "", a->due_date ? a->due_date : "");
    if (!rc && !isnan(a->budget))
        rc = fup_number(r, b, a->budget, a->currency);
    rc = rc ? rc : buf_puts(b, "</td><td>");
    if (!rc && core_may(&r->actor, CORE_EDIT_PROGRESS, a->institution_id))
        rc = fu_action_state_form(s, b, a);
    else if (!rc)
        rc = fup_action_badge(r, b, a->status);
    return rc ? rc : buf_puts(b, "</td></tr>\n");
}

static int actions(struct fu_page *s)
{
    const struct req *r = s->r;
    struct actions l = {s, BUF_INIT, 0};
    int rc = core_actions_of(r->store, s->rec_id, action_row, &l, s->err);
    rc = rc ? rc
            : html_printf(s->b,
                          "<section aria-labelledby=\"actions-title\">\n"
                          "<h3 id=\"actions-title\">%s</h3>\n",
                          T(&r->tr, "Planned actions"));
    if (!rc && !l.n)
        rc = html_printf(s->b, "<p>%s</p>\n", T(&r->tr, "No action planned yet."));
    if (!rc && l.n)
        rc = html_printf(s->b,
                         "<div class=\"table-wrap\"><table class=\"plan\">\n<thead><tr>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s"
                         "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n"
                         "<tbody>\n%R</tbody>\n</table></div>\n",
                         T(&r->tr, "Action"), T(&r->tr, "Institution"), T(&r->tr, "Unit"),
                         T(&r->tr, "Start"), T(&r->tr, "Due"), T(&r->tr, "Budget"),
                         T(&r->tr, "Status of the action"), &l.out);
    buf_free(&l.out);
    if (!rc && s->neditable)
        rc = fu_action_form(s);
    return rc ? rc : buf_puts(s->b, "</section>\n");
}

/* ---- indicators -------------------------------------------------------------------------- */

struct indicators {
    struct fu_page *s;
    int n;
};

static int indicator_field(const struct req *r, struct buf *b, const char *label, double v,
                           const char *unit, const char *date)
{
    if (isnan(v)) /* not known */
        return 0;
    int rc = html_printf(b, "<dt>%s</dt><dd>", label);
    rc = rc ? rc : fup_number(r, b, v, unit);
    if (!rc && date)
        rc = html_printf(b, " (%s)", date);
    return rc ? rc : buf_puts(b, "</dd>\n");
}

static int indicator_item(void *ctx, const struct core_indicator *ind,
                          const struct core_indicator_value *values, size_t nvalues)
{
    struct indicators *l = ctx;
    struct fu_page *s = l->s;
    const struct req *r = s->r;
    struct buf *b = s->b;
    l->n++;
    int rc = html_printf(b, "<article class=\"indicator\">\n<h4>%s</h4>\n<dl class=\"fields\">\n",
                         ind->name);
    if (!rc && ind->definition)
        rc = html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", T(&r->tr, "Definition"), ind->definition);
    if (!rc && ind->unit)
        rc = html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", T(&r->tr, "Unit"), ind->unit);
    if (!rc && ind->source)
        rc = html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", T(&r->tr, "Source"), ind->source);
    rc = rc ? rc
            : html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", T(&r->tr, "Institution"),
                          fu_institution_name(s, ind->institution_id));
    rc = rc ? rc
            : indicator_field(r, b, T(&r->tr, "Baseline"), ind->baseline, ind->unit,
                              ind->baseline_date);
    rc = rc ? rc
            : indicator_field(r, b, T(&r->tr, "Target"), ind->target, ind->unit, ind->target_date);
    if (!rc && ind->sdg_indicator)
        rc = html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", T(&r->tr, "SDG indicator"),
                         ind->sdg_indicator);
    rc = rc ? rc : buf_puts(b, "</dl>\n");
    if (!rc && nvalues)
        rc = html_printf(b,
                         "<div class=\"table-wrap\"><table>\n<caption>%s</caption>\n<thead><tr>"
                         "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                         "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                         T(&r->tr, "Values"), T(&r->tr, "Date"), T(&r->tr, "Value"),
                         T(&r->tr, "Note"));
    for (size_t i = 0; i < nvalues && !rc; i++) {
        rc = html_printf(b, "<tr><td>%s</td><td class=\"num\">", values[i].date);
        rc = rc ? rc : fup_number(r, b, values[i].value, ind->unit);
        rc = rc ? rc
                : html_printf(b, "</td><td>%s</td></tr>\n", values[i].note ? values[i].note : "");
    }
    if (!rc && nvalues)
        rc = buf_puts(b, "</tbody>\n</table></div>\n");
    else if (!rc)
        rc = html_printf(b, "<p>%s</p>\n", T(&r->tr, "No value recorded yet."));
    if (!rc && core_may(&r->actor, CORE_EDIT_PROGRESS, ind->institution_id))
        rc = fu_value_form(s, ind);
    return rc ? rc : buf_puts(b, "</article>\n");
}

static int indicators(struct fu_page *s)
{
    const struct req *r = s->r;
    struct indicators l = {s, 0};
    int rc = html_printf(s->b,
                         "<section aria-labelledby=\"indicators-title\">\n"
                         "<h3 id=\"indicators-title\">%s</h3>\n",
                         T(&r->tr, "Indicators"));
    rc = rc ? rc : core_indicators_of(r->store, s->rec_id, indicator_item, &l, s->err);
    if (!rc && !l.n)
        rc = html_printf(s->b, "<p>%s</p>\n", T(&r->tr, "No indicator defined yet."));
    if (!rc && s->neditable)
        rc = fu_indicator_form(s);
    return rc ? rc : buf_puts(s->b, "</section>\n");
}

/* ---- progress reports -------------------------------------------------------------------- */

/* Who wrote and reviewed a report, and when; the public sees the dates only (logins name
 * people of the administration). */
static int report_meta(const struct req *r, struct buf *b, const struct core_progress *p)
{
    int people = r->actor.user_id != 0;
    int rc = html_printf(b, "<p class=\"meta\">%s ", T(&r->tr, "Written on"));
    rc = rc ? rc : fup_when(b, p->created_at);
    if (!rc && people && p->author_login)
        rc = html_printf(b, " (%s)", p->author_login);
    if (!rc && p->submitted_at) {
        rc = html_printf(b, " \xC2\xB7 %s ", T(&r->tr, "submitted on"));
        rc = rc ? rc : fup_when(b, p->submitted_at);
    }
    if (!rc && p->reviewed_at) {
        rc = html_printf(b, " \xC2\xB7 %s ", T(&r->tr, "reviewed on"));
        rc = rc ? rc : fup_when(b, p->reviewed_at);
        if (!rc && people && p->reviewer_login)
            rc = html_printf(b, " (%s)", p->reviewer_login);
    }
    return rc ? rc : buf_puts(b, "</p>\n");
}

static int report_item(struct fu_page *s, const struct fu_report *rep)
{
    const struct req *r = s->r;
    struct buf *b = s->b;
    const struct core_progress *p = &rep->p;
    static const char *const classes[CORE_WF_COUNT] = {"report draft", "report submitted",
                                                       "report validated", "report returned"};
    int rc = html_printf(b, "<article class=%a id=\"report-%ld\">\n<h4>",
                         classes[(unsigned)p->workflow < CORE_WF_COUNT ? p->workflow : 0], p->id);
    rc = rc ? rc : fup_workflow_badge(r, b, p->workflow);
    rc = rc ? rc : buf_puts(b, " ");
    rc = rc ? rc : fup_status_badge(r, b, 1, p->status);
    rc = rc ? rc
            : html_printf(b, " <span class=\"meta\">%s</span></h4>\n",
                          fu_institution_name(s, p->institution_id));
    rc = rc ? rc : report_meta(r, b, p);
    rc = rc ? rc : buf_puts(b, "<div class=\"narrative\">\n");
    rc = rc ? rc : fu_paragraphs(b, p->narrative);
    rc = rc ? rc : buf_puts(b, "</div>\n");
    /* the reviewer's comment is addressed to the institution, not published */
    if (!rc && p->review_comment && core_may(&r->actor, CORE_READ_ALL, p->institution_id)) {
        rc = html_printf(b, "<div class=\"review-comment\">\n<p><strong>%s</strong></p>\n",
                         p->workflow == CORE_WF_RETURNED ? T(&r->tr, "Returned with this comment:")
                                                         : T(&r->tr, "The reviewer's comment:"));
        rc = rc ? rc : fu_paragraphs(b, p->review_comment);
        rc = rc ? rc : buf_puts(b, "</div>\n");
    }
    rc = rc ? rc : fup_evidence_list(s->r, b, p->id, s->err);
    int open = p->workflow == CORE_WF_DRAFT || p->workflow == CORE_WF_RETURNED;
    if (!rc && open && core_may(&r->actor, CORE_EDIT_PROGRESS, p->institution_id))
        rc = fu_report_forms(s, p);
    if (!rc && p->workflow == CORE_WF_SUBMITTED && s->validate)
        rc = fup_review_forms(r, b, p->id, "");
    return rc ? rc : buf_puts(b, "</article>\n");
}

static int reports(struct fu_page *s)
{
    const struct req *r = s->r;
    int rc = html_printf(s->b,
                         "<section aria-labelledby=\"reports-title\">\n"
                         "<h3 id=\"reports-title\">%s</h3>\n",
                         T(&r->tr, "Progress reports"));
    if (!rc && !s->nreports)
        rc = html_printf(s->b, "<p>%s</p>\n", T(&r->tr, "No progress report yet."));
    for (size_t i = 0; i < s->nreports && !rc; i++)
        rc = report_item(s, &s->reports[i]);
    if (!rc && s->neditable)
        rc = fu_draft_form(s);
    return rc ? rc : buf_puts(s->b, "</section>\n");
}

static int comments(struct fu_page *s)
{
    const struct req *r = s->r;
    struct notes l = {s, 0, BUF_INIT, 0};
    int rc = core_notes_of(r->store, s->rec_id, note_item, &l, s->err);
    rc = rc ? rc
            : html_printf(s->b,
                          "<section aria-labelledby=\"comments-title\">\n"
                          "<h3 id=\"comments-title\">%s</h3>\n",
                          T(&r->tr, "Comments"));
    if (!rc && !l.n)
        rc = html_printf(s->b, "<p>%s</p>\n", T(&r->tr, "No comment yet."));
    else if (!rc)
        rc = html_printf(s->b, "<ul class=\"comments\">\n%R</ul>\n", &l.out);
    buf_free(&l.out);
    if (!rc && core_may(&r->actor, CORE_COMMENT, 0))
        rc = fu_comment_form(s);
    return rc ? rc : buf_puts(s->b, "</section>\n");
}

/* ---- the section ------------------------------------------------------------------------- */

int page_rec_followup(struct req *r, struct buf *b, const char *rec_id, struct err *err)
{
    struct fu_page s = {.r = r, .b = b, .rec_id = rec_id, .err = err};
    int rc = gather(&s);
    rc =
        rc ? rc
           : html_printf(b,
                         "<section id=\"followup\" class=\"followup\" "
                         "aria-labelledby=\"followup-title\">\n<h2 id=\"followup-title\">%s</h2>\n",
                         T(&r->tr, "Follow-up"));
    rc = rc ? rc : fup_messages(r, b, again_headline, again_detail);
    rc = rc ? rc : buf_puts(b, "<div class=\"compare\">\n");
    rc = rc ? rc : state_view(&s);
    rc = rc ? rc : independent_view(&s);
    rc = rc ? rc : buf_puts(b, "</div>\n");
    rc = rc ? rc : assignments(&s);
    rc = rc ? rc : actions(&s);
    rc = rc ? rc : indicators(&s);
    rc = rc ? rc : reports(&s);
    rc = rc ? rc : comments(&s);
    rc = rc ? rc : buf_puts(b, "</section>\n");
    if (rc == ERR_NOMEM && !err->msg[0])
        err_set(err, ERR_NOMEM, "out of memory writing the follow-up");
    fu_page_free(&s);
    return rc;
}

int fup_rec_again(struct req *r, struct resp *p, const char *rec_id, int status,
                  const char *headline, const char *detail)
{
    struct buf path = BUF_INIT;
    fu_url(&path, rec_id, "");
    const char *saved_path = r->path, *saved_param = r->param[0];
    r->path = buf_str(&path); /* the language links point at the page, not at the form */
    r->param[0] = rec_id;
    again_headline = headline ? headline : T(&r->tr, "The change was refused.");
    again_detail = detail;
    int rc = page_recommendation(r, p);
    again_headline = again_detail = NULL;
    r->path = saved_path;
    r->param[0] = saved_param;
    buf_free(&path);
    if (p->status == 200)
        p->status = status;
    return rc;
}
