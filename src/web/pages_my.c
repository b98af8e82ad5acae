/*
 * pages_my.c — what waits for someone. /validation (coordinators): the progress reports the
 * institutions submitted, oldest first, each with its narrative, evidence and the forms to
 * validate (publish) or return it with a comment; then the reports returned and not yet
 * submitted again. /my (focal points; coordinators choose the institution): the institution's
 * returned reports with the coordinator's comment, its actions due (overdue first), and every
 * recommendation assigned to it with its published status and the state of its latest report.
 *
 * Both read the implementation matrix once (core_matrix_each), keep what they need, then read
 * the reports of the recommendations that have any institution assigned (core_progress_of
 * checks what the reader may see).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/html.h"
#include "web/pages_followup.h"

struct work_rec {
    char *id;
    struct buf excerpt; /* HTML, built with html.h */
    int status_known;
    enum core_status status;
    int lead, through_cluster; /* the institution's assignment (/my) */
    char *deadline;
};

struct work_action {
    long id, cluster_id;
    size_t rec; /* index in recs */
    char *description, *due;
    enum core_action_status status;
};

struct work_report {
    size_t rec;
    struct core_progress p; /* strings point into text */
    char *text[3];          /* narrative, review comment, author */
};

struct work {
    struct req *r;
    long institution_id; /* /my: whose work; 0 for /validation */
    struct work_rec *recs;
    size_t nrecs, cap_recs;
    struct work_action *actions;
    size_t nactions, cap_actions;
    struct work_report *reports;
    size_t nreports, cap_reports;
    size_t current; /* the recommendation whose reports are being read */
};

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *g = realloc(*v, c * size);
    if (!g)
        return ERR_NOMEM;
    *v = g;
    *cap = c;
    return 0;
}

static char *dup(const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    *failed |= !d;
    return d;
}

static void work_free(struct work *w)
{
    for (size_t i = 0; i < w->nrecs; i++) {
        free(w->recs[i].id);
        free(w->recs[i].deadline);
        buf_free(&w->recs[i].excerpt);
    }
    for (size_t i = 0; i < w->nactions; i++) {
        free(w->actions[i].description);
        free(w->actions[i].due);
    }
    for (size_t i = 0; i < w->nreports; i++)
        for (int k = 0; k < 3; k++)
            free(w->reports[i].text[k]);
    free(w->recs);
    free(w->actions);
    free(w->reports);
}

static int keep_actions(struct work *w, const struct core_matrix_row *row, size_t rec)
{
    for (size_t i = 0; i < row->nactions; i++) {
        const struct core_plan_action *a = &row->actions[i];
        if (a->institution_id != w->institution_id || a->status == CORE_ACTION_COMPLETED ||
            a->status == CORE_ACTION_CANCELLED)
            continue;
        int dup_action = 0; /* a cluster's action comes with each of its recommendations */
        for (size_t k = 0; k < w->nactions; k++)
            dup_action |= w->actions[k].id == a->id;
        if (dup_action)
            continue;
        if (grow((void **)&w->actions, &w->cap_actions, w->nactions, sizeof *w->actions))
            return ERR_NOMEM;
        int failed = 0;
        struct work_action it = {
            a->id,    a->cluster_id, rec, dup(a->description, &failed), dup(a->due_date, &failed),
            a->status};
        if (failed) {
            free(it.description);
            free(it.due);
            return ERR_NOMEM;
        }
        w->actions[w->nactions++] = it;
    }
    return 0;
}

static int keep_row(void *ctx, const struct core_matrix_row *row)
{
    struct work *w = ctx;
    if (!row->nassignments)
        return 0; /* nothing can be reported on it */
    if (grow((void **)&w->recs, &w->cap_recs, w->nrecs, sizeof *w->recs))
        return ERR_NOMEM;
    int failed = 0;
    struct work_rec it = {
        .id = dup(row->rec->id, &failed), .status_known = row->status_known, .status = row->status};
    for (size_t i = 0; i < row->nassignments && w->institution_id; i++) {
        const struct core_assignment *a = &row->assignments[i];
        if (a->institution_id != w->institution_id)
            continue;
        it.lead |= a->lead;
        it.through_cluster |= a->cluster_id != 0;
        if (a->deadline && (!it.deadline || strcmp(a->deadline, it.deadline) < 0)) {
            free(it.deadline);
            it.deadline = dup(a->deadline, &failed);
        }
    }
    if (!failed)
        failed = fup_rec_excerpt(w->r, &it.excerpt, row->rec, 160) != 0;
    if (failed) {
        free(it.id);
        free(it.deadline);
        buf_free(&it.excerpt);
        return ERR_NOMEM;
    }
    w->recs[w->nrecs++] = it;
    return w->institution_id ? keep_actions(w, row, w->nrecs - 1) : 0;
}

static int keep_report(void *ctx, const struct core_progress *p)
{
    struct work *w = ctx;
    if (w->institution_id && p->institution_id != w->institution_id)
        return 0;
    if (!w->institution_id && p->workflow != CORE_WF_SUBMITTED && p->workflow != CORE_WF_RETURNED)
        return 0;
    if (grow((void **)&w->reports, &w->cap_reports, w->nreports, sizeof *w->reports))
        return ERR_NOMEM;
    int failed = 0;
    struct work_report it = {w->current, *p, {NULL}};
    it.text[0] = dup(p->narrative, &failed);
    it.text[1] = dup(p->review_comment, &failed);
    it.text[2] = dup(p->author_login, &failed);
    it.p.narrative = it.text[0];
    it.p.review_comment = it.text[1];
    it.p.author_login = it.text[2];
    it.p.reviewer_login = it.p.rec_id = NULL;
    if (failed) {
        for (int k = 0; k < 3; k++)
            free(it.text[k]);
        return ERR_NOMEM;
    }
    w->reports[w->nreports++] = it;
    return 0;
}

static int gather(struct work *w, struct err *err)
{
    struct core_matrix_filter f = {.institution_id = w->institution_id};
    int rc = core_matrix_each(w->r->store, &w->r->actor, &f, keep_row, w, err);
    for (size_t i = 0; i < w->nrecs && !rc; i++) {
        w->current = i;
        rc = core_progress_of(w->r->store, &w->r->actor, w->recs[i].id, keep_report, w, err);
    }
    if (rc == ERR_NOMEM && !err->msg[0])
        err_set(err, ERR_NOMEM, "out of memory reading the follow-up");
    return rc;
}

static int rec_link(struct buf *b, const struct work_rec *rec, const char *anchor)
{
    return html_printf(b, "<a href=\"/recommendations/%u%s\">%s</a>", rec->id, anchor, rec->id);
}

/* ---- /validation ------------------------------------------------------------------------- */

static int older_first(const void *a, const void *b)
{
    const struct work_report *x = a, *y = b;
    int64_t tx = x->p.workflow == CORE_WF_SUBMITTED ? x->p.submitted_at : x->p.reviewed_at;
    int64_t ty = y->p.workflow == CORE_WF_SUBMITTED ? y->p.submitted_at : y->p.reviewed_at;
    return tx < ty ? -1 : tx > ty;
}

static int waiting_item(struct req *r, struct buf *b, const struct work *w,
                        const struct work_report *rep, const struct fup_institutions *inst,
                        struct err *err)
{
    const struct work_rec *rec = &w->recs[rep->rec];
    const struct fup_institution *in = fup_institution_by_id(inst, rep->p.institution_id);
    char anchor[40];
    snprintf(anchor, sizeof anchor, "#report-%ld", rep->p.id);
    int rc = buf_puts(b, "<article class=\"report submitted\">\n<h2>");
    rc = rc ? rc : rec_link(b, rec, anchor);
    rc = rc ? rc
            : html_printf(b, " <span class=\"meta\">%s</span></h2>\n<p>%R</p>\n<p>",
                          in ? in->name : "", &rec->excerpt);
    rc = rc ? rc : fup_status_badge(r, b, 1, rep->p.status);
    rc = rc ? rc
            : html_printf(b, " <span class=\"meta\">%s %s, ", T(&r->tr, "Submitted by"),
                          rep->p.author_login ? rep->p.author_login : "");
    rc = rc ? rc : fup_when(b, rep->p.submitted_at);
    rc = rc ? rc : buf_puts(b, "</span></p>\n<div class=\"narrative\">\n");
    rc = rc ? rc : fu_paragraphs(b, rep->p.narrative);
    rc = rc ? rc : buf_puts(b, "</div>\n");
    rc = rc ? rc : fup_evidence_list(r, b, rep->p.id, err);
    rc = rc ? rc : fup_review_forms(r, b, rep->p.id, "validation");
    return rc ? rc : buf_puts(b, "</article>\n");
}

static int returned_item(struct req *r, struct buf *b, const struct work *w,
                         const struct work_report *rep, const struct fup_institutions *inst)
{
    const struct work_rec *rec = &w->recs[rep->rec];
    const struct fup_institution *in = fup_institution_by_id(inst, rep->p.institution_id);
    int rc = buf_puts(b, "<li>");
    rc = rc ? rc : rec_link(b, rec, "#followup");
    rc = rc ? rc : html_printf(b, " \xC2\xB7 %s \xC2\xB7 ", in ? in->name : "");
    rc = rc ? rc : fup_when(b, rep->p.reviewed_at);
    if (!rc && rep->p.review_comment)
        rc = html_printf(b, "<br><span class=\"meta\">%s</span>", rep->p.review_comment);
    return rc ? rc : buf_puts(b, "</li>\n");
}

static int validation_page(struct req *r, struct resp *p, const char *detail)
{
    struct work w = {.r = r};
    struct fup_institutions inst = {0};
    struct buf body = BUF_INIT;
    struct err err = {0};
    int rc = gather(&w, &err);
    rc = rc ? rc : fup_institutions_load(r, &inst, &err);
    if (!rc && w.nreports)
        qsort(w.reports, w.nreports, sizeof *w.reports, older_first);
    int waiting = 0, returned = 0;
    for (size_t i = 0; i < w.nreports; i++)
        waiting += w.reports[i].p.workflow == CORE_WF_SUBMITTED;
    returned = (int)w.nreports - waiting;
    rc = rc ? rc
            : fup_messages(r, &body, detail ? T(&r->tr, "The change was refused.") : NULL, detail);
    rc = rc ? rc
            : html_printf(&body, "<p class=\"hint\">%s</p>\n",
                          T(&r->tr, "Progress reports submitted by the institutions, oldest "
                                    "first. Validating publishes a report; returning sends it back "
                                    "with your comment."));
    if (!rc && !waiting)
        rc = html_printf(&body, "<p>%s</p>\n",
                         T(&r->tr, "No progress report is waiting for validation."));
    for (size_t i = 0; i < w.nreports && !rc; i++)
        if (w.reports[i].p.workflow == CORE_WF_SUBMITTED)
            rc = waiting_item(r, &body, &w, &w.reports[i], &inst, &err);
    if (!rc && returned) {
        rc = html_printf(&body, "<h2>%s</h2>\n<ul class=\"returned\">\n",
                         T(&r->tr, "Returned, waiting for the institution"));
        for (size_t i = 0; i < w.nreports && !rc; i++)
            if (w.reports[i].p.workflow == CORE_WF_RETURNED)
                rc = returned_item(r, &body, &w, &w.reports[i], &inst);
        rc = rc ? rc : buf_puts(&body, "</ul>\n");
    }
    work_free(&w);
    fup_institutions_free(&inst);
    if (rc) {
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    int status = p->status ? p->status : 200;
    const char *title = T(&r->tr, "Validation");
    page_begin(r, p, title);
    p->status = status;
    html_printf(&p->body, "<h1>%s</h1>\n%R", title, &body);
    buf_free(&body);
    return page_end(r, p);
}

int page_validation(struct req *r, struct resp *p)
{
    p->status = 200;
    return validation_page(r, p, NULL);
}

int page_validation_again(struct req *r, struct resp *p, int status, const char *detail)
{
    const char *saved = r->path;
    r->path = "/validation";
    p->status = status;
    int rc = validation_page(r, p, detail);
    r->path = saved;
    return rc;
}

/* ---- /my --------------------------------------------------------------------------------- */

static int by_due(const void *a, const void *b)
{
    const struct work_action *x = a, *y = b;
    if (!x->due || !y->due)
        return !x->due - !y->due; /* undated last */
    return strcmp(x->due, y->due);
}

/* The latest report of the institution on recommendation rec, or NULL. */
static const struct work_report *latest(const struct work *w, size_t rec)
{
    for (size_t i = 0; i < w->nreports; i++) /* each recommendation's newest first */
        if (w->reports[i].rec == rec)
            return &w->reports[i];
    return NULL;
}

static int my_returned(struct req *r, struct buf *b, const struct work *w)
{
    int n = 0, rc = 0;
    for (size_t i = 0; i < w->nrecs && !rc; i++) {
        const struct work_report *rep = latest(w, i);
        if (!rep || rep->p.workflow != CORE_WF_RETURNED)
            continue;
        if (!n++)
            rc = html_printf(b,
                             "<section aria-labelledby=\"returned\">\n<h2 id=\"returned\">%s"
                             "</h2>\n<ul class=\"returned\">\n",
                             T(&r->tr, "Returned for changes"));
        rc = rc ? rc : buf_puts(b, "<li>");
        rc = rc ? rc : rec_link(b, &w->recs[i], "#followup");
        if (!rc && rep->p.review_comment)
            rc = html_printf(b, "<div class=\"review-comment\"><p>%s</p></div>",
                             rep->p.review_comment);
        rc = rc ? rc : buf_puts(b, "</li>\n");
    }
    return rc || !n ? rc : buf_puts(b, "</ul>\n</section>\n");
}

static int my_actions(struct req *r, struct buf *b, struct work *w)
{
    char today[11];
    fup_today(today);
    if (w->nactions)
        qsort(w->actions, w->nactions, sizeof *w->actions, by_due);
    int rc = html_printf(b, "<section aria-labelledby=\"due\">\n<h2 id=\"due\">%s</h2>\n",
                         T(&r->tr, "Actions to carry out"));
    if (!rc && !w->nactions)
        return html_printf(b, "<p>%s</p>\n</section>\n", T(&r->tr, "No open action."));
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                          T(&r->tr, "Due"), T(&r->tr, "Action"), T(&r->tr, "Recommendation"),
                          T(&r->tr, "Status of the action"));
    for (size_t i = 0; i < w->nactions && !rc; i++) {
        const struct work_action *a = &w->actions[i];
        int overdue = a->due && strcmp(a->due, today) < 0;
        rc = html_printf(b,
                         overdue ? "<tr class=\"overdue\"><td>%s <strong>%s</strong></td>"
                                 : "<tr><td>%s%s</td>",
                         a->due ? a->due : "", overdue ? T(&r->tr, "Overdue") : "");
        rc = rc ? rc : html_printf(b, "<td>%s</td><td>", a->description);
        rc = rc ? rc : rec_link(b, &w->recs[a->rec], "#followup");
        rc = rc ? rc : buf_puts(b, "</td><td>");
        rc = rc ? rc : fup_action_badge(r, b, a->status);
        rc = rc ? rc : buf_puts(b, "</td></tr>\n");
    }
    return rc ? rc : buf_puts(b, "</tbody>\n</table></div>\n</section>\n");
}

static int my_recs(struct req *r, struct buf *b, const struct work *w)
{
    int rc = html_printf(b, "<section aria-labelledby=\"assigned\">\n<h2 id=\"assigned\">%s</h2>\n",
                         T(&r->tr, "Recommendations assigned"));
    if (!rc && !w->nrecs)
        return html_printf(b, "<p>%s</p>\n</section>\n",
                           T(&r->tr, "Nothing is assigned to this institution yet."));
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"table-wrap\"><table class=\"my\">\n<thead><tr>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                          T(&r->tr, "Recommendation"), T(&r->tr, "Role"), T(&r->tr, "Deadline"),
                          T(&r->tr, "Published status"), T(&r->tr, "Latest report"));
    for (size_t i = 0; i < w->nrecs && !rc; i++) {
        const struct work_rec *rec = &w->recs[i];
        const struct work_report *rep = latest(w, i);
        rc = buf_puts(b, "<tr><th scope=\"row\">");
        rc = rc ? rc : rec_link(b, rec, "#followup");
        rc =
            rc ? rc
               : html_printf(b, "<br><span class=\"meta\">%R</span></th><td>%s</td><td>%s</td><td>",
                             &rec->excerpt,
                             rec->lead ? T(&r->tr, "Lead institution")
                                       : T(&r->tr, "Supporting institution"),
                             rec->deadline ? rec->deadline : "");
        rc = rc ? rc : fup_status_badge(r, b, rec->status_known, rec->status);
        rc = rc ? rc : buf_puts(b, "</td><td>");
        if (!rc && rep)
            rc = fup_workflow_badge(r, b, rep->p.workflow);
        rc = rc ? rc : buf_puts(b, "</td></tr>\n");
    }
    return rc ? rc : buf_puts(b, "</tbody>\n</table></div>\n</section>\n");
}

/* Coordinators look at any institution's work: a select that reloads the page. */
static int choose_institution(struct req *r, struct buf *b, const struct fup_institutions *inst,
                              const char *current)
{
    int rc = buf_puts(b, "<form method=\"get\" action=\"/my\" class=\"narrow\">\n");
    rc = rc ? rc : fup_institution_select(r, b, "my-institution", inst, NULL, 0, current, NULL);
    return rc ? rc
              : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", T(&r->tr, "Show"));
}

int page_my(struct req *r, struct resp *p)
{
    struct work w = {.r = r, .institution_id = r->actor.institution_id};
    struct fup_institutions inst = {0};
    struct buf body = BUF_INIT;
    struct err err = {0};
    int manage = core_may(&r->actor, CORE_MANAGE_INSTITUTIONS, 0);
    const char *code = req_query(r, "institution");
    int rc = fup_institutions_load(r, &inst, &err);
    if (!rc && manage && code && *code) {
        const struct fup_institution *in = fup_institution_by_code(&inst, code);
        if (!in)
            rc = err_set(&err, ERR_NOTFOUND, "institution \"%.40s\": no such institution", code);
        w.institution_id = in ? in->id : 0;
    }
    const struct fup_institution *mine = fup_institution_by_id(&inst, w.institution_id);
    if (!rc && manage)
        rc = choose_institution(r, &body, &inst, mine ? mine->code : NULL);
    if (!rc && !mine && !manage)
        rc = html_printf(&body, "<p>%s</p>\n",
                         T(&r->tr, "Your account belongs to no institution: ask an administrator "
                                   "to link it to yours."));
    if (!rc && mine) {
        rc = html_printf(&body, "<p class=\"lead\">%s (%s)</p>\n", mine->name, mine->code);
        rc = rc ? rc : gather(&w, &err);
        rc = rc ? rc : my_returned(r, &body, &w);
        rc = rc ? rc : my_actions(r, &body, &w);
        rc = rc ? rc : my_recs(r, &body, &w);
    }
    work_free(&w);
    fup_institutions_free(&inst);
    if (rc) {
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    const char *title = T(&r->tr, "My institution's work");
    page_begin(r, p, title);
    html_printf(&p->body, "<h1>%s</h1>\n%R", title, &body);
    buf_free(&body);
    return page_end(r, p);
}
