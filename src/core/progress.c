/*
 * progress.c — progress reports and their workflow, and notes (see followup.h). A report is
 * written by its institution (focal points, coordinators, administrators: core_workflow_may in
 * workflow.c), submitted, then validated or returned with a comment by a coordinator who did
 * not submit it (an administrator may). Only validated reports are published: who lacks
 * read_all for the report's institution sees nothing else. Notes are comments (comment
 * permission) and independent assessments (contributors), shown beside the reports. Every
 * write is one transaction with its audit event.
 */
#include "core/followup_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "core/permissions.h"

/* A report copied out of the store, with the JSON of how it was. */
struct report {
    struct store_progress p;
    char *text[8]; /* owned copies of p's strings */
    struct buf json;
};

static int copy_report(void *ctx, const struct store_progress *p)
{
    struct report *r = ctx;
    r->p = *p;
    const char **fields[] = {&r->p.rec_id,          &r->p.status,         &r->p.narrative,
                             &r->p.workflow,        &r->p.review_comment, &r->p.author_login,
                             &r->p.submitter_login, &r->p.reviewer_login};
    for (int i = 0; i < 8; i++) {
        if (*fields[i] && !(r->text[i] = strdup(*fields[i])))
            return ERR_NOMEM;
        *fields[i] = r->text[i];
    }
    fu_json_progress(&r->json, p, p->id);
    return r->json.oom ? ERR_NOMEM : 0;
}

static void report_free(struct report *r)
{
    for (int i = 0; i < 8; i++)
        free(r->text[i]);
    buf_free(&r->json);
}

static int report_load(struct store *st, long id, struct report *r, struct err *err)
{
    memset(r, 0, sizeof *r);
    int rc = store_progress_get(st, id, copy_report, r, err);
    if (rc == ERR_NOMEM)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    return rc;
}

/* Stores p (a new report when p->id is 0) and its audit event in one transaction. */
static int report_write(struct store *st, const struct core_actor *actor, const char *action,
                        struct store_progress *p, const struct buf *before, long *id,
                        struct err *err)
{
    long new_id = p->id;
    struct buf after = BUF_INIT;
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = store_progress_put(st, p, &new_id, err);
    if (!rc)
        fu_json_progress(&after, p, new_id);
    rc = fu_audit_commit(st, actor, rc, action, "progress", new_id, before, &after, err);
    buf_free(&after);
    if (!rc && id)
        *id = new_id;
    return rc;
}

static int report_checked(const char *status, const char *narrative, struct err *err)
{
    if (!status)
        return err_set(err, ERR_INPUT,
                       "status: expected not_started, in_progress, partially_implemented, "
                       "implemented or not_accepted");
    return fu_check_text("narrative", narrative, 1, FU_TEXT_MAX, 1, err);
}

int core_progress_draft(struct store *st, const struct core_actor *actor,
                        const struct core_progress *in, long *id, struct err *err)
{
    const char *status = core_status_name(in->status);
    char scratch[CORE_LOGIN_MAX + 8];
    if (!core_workflow_may(actor, CORE_WF_DRAFT, CORE_WF_DRAFT, in->institution_id))
        return fu_denied_institution(actor, "drafting a progress report", in->institution_id, err);
    if (!in->rec_id || !*in->rec_id)
        return err_set(err, ERR_INPUT, "progress report: no recommendation given");
    int rc = report_checked(status, in->narrative, err);
    if (rc || (rc = fu_check_institution(st, in->institution_id, err)) ||
        (rc = fu_check_assigned(st, in->rec_id, 0, in->institution_id, err)))
        return rc;
    int64_t now = core_now();
    struct store_progress p = {.rec_id = in->rec_id,
                               .institution_id = in->institution_id,
                               .status = status,
                               .narrative = in->narrative,
                               .workflow = core_workflow_name(CORE_WF_DRAFT),
                               .author_login = fu_login(actor, scratch, sizeof scratch),
                               .created_at = now,
                               .updated_at = now};
    return report_write(st, actor, "create", &p, NULL, id, err);
}

int core_progress_edit(struct store *st, const struct core_actor *actor, long id,
                       enum core_status status, const char *narrative, struct err *err)
{
    struct report r;
    enum core_workflow from = CORE_WF_DRAFT;
    int rc = report_load(st, id, &r, err);
    if (rc)
        goto out;
    if (!core_may(actor, CORE_EDIT_PROGRESS, r.p.institution_id)) {
        rc = fu_denied_institution(actor, "editing a progress report", r.p.institution_id, err);
        goto out;
    }
    if (core_workflow_parse(r.p.workflow, &from) ||
        !core_workflow_may(actor, from, from, r.p.institution_id)) {
        rc = err_set(err, ERR_INPUT,
                     "progress report %ld is %s: only drafts and returned reports can be edited "
                     "(a validated report stays as it was: draft a new one)",
                     id, r.p.workflow);
        goto out;
    }
    struct store_progress p = r.p;
    p.status = core_status_name(status);
    if (narrative)
        p.narrative = narrative;
    if ((rc = report_checked(p.status, p.narrative, err)))
        goto out;
    p.updated_at = core_now();
    rc = report_write(st, actor, "update", &p, &r.json, NULL, err);
out:
    report_free(&r);
    return rc;
}

/* The moves that exist at all (who may make them is core_workflow_may's business). */
static int move_exists(enum core_workflow from, enum core_workflow to)
{
    return ((from == CORE_WF_DRAFT || from == CORE_WF_RETURNED) && to == CORE_WF_SUBMITTED) ||
           (from == CORE_WF_SUBMITTED && (to == CORE_WF_VALIDATED || to == CORE_WF_RETURNED));
}

/* Whether actor may move report r to `to`, beyond the table: nobody reviews what they
 * submitted, unless admin. */
static int move_allowed(const struct core_actor *actor, const struct report *r,
                        enum core_workflow from, enum core_workflow to, const char *login,
                        struct err *err)
{
    const char *from_name = core_workflow_name(from), *to_name = core_workflow_name(to);
    if (!move_exists(from, to))
        return err_set(err, ERR_INPUT, "progress report %ld is %s: it cannot become %s", r->p.id,
                       from_name, to_name ? to_name : "that");
    if (!core_workflow_may(actor, from, to, r->p.institution_id))
        return to == CORE_WF_SUBMITTED
                   ? fu_denied_institution(actor, "submitting a progress report",
                                           r->p.institution_id, err)
                   : fu_denied(actor, "validating or returning a progress report",
                               "a coordinator or an administrator", err);
    int reviewing = to != CORE_WF_SUBMITTED;
    if (reviewing && r->p.submitter_login && !strcasecmp(r->p.submitter_login, login) &&
        core_role_parse(actor ? actor->role : NULL) != CORE_ROLE_ADMIN)
        return err_set(err, ERR_DENIED,
                       "reviewing progress report %ld: you submitted it, so another coordinator "
                       "(or an administrator) reviews it",
                       r->p.id);
    return 0;
}

int core_progress_move(struct store *st, const struct core_actor *actor, long id,
                       enum core_workflow to, const char *comment, struct err *err)
{
    struct report r;
    enum core_workflow from = CORE_WF_DRAFT;
    char scratch[CORE_LOGIN_MAX + 8];
    const char *login = fu_login(actor, scratch, sizeof scratch);
    int rc = report_load(st, id, &r, err);
    if (rc)
        goto out;
    if (core_workflow_parse(r.p.workflow, &from)) {
        rc = err_set(err, ERR_STORE, "progress report %ld: unknown state \"%s\"", id, r.p.workflow);
        goto out;
    }
    if ((rc = move_allowed(actor, &r, from, to, login, err)) ||
        (rc = fu_check_text("comment", comment, to == CORE_WF_RETURNED, FU_TEXT_MAX, 1, err)))
        goto out;
    struct store_progress p = r.p;
    int64_t now = core_now();
    p.workflow = core_workflow_name(to);
    p.updated_at = now;
    if (to == CORE_WF_SUBMITTED) {
        p.submitter_login = login;
        p.submitted_at = now;
    } else {
        p.reviewer_login = login;
        p.reviewed_at = now;
        p.review_comment = comment && *comment ? comment : NULL;
    }
    static const char *const actions[CORE_WF_COUNT] = {[CORE_WF_SUBMITTED] = "submit",
                                                       [CORE_WF_VALIDATED] = "validate",
                                                       [CORE_WF_RETURNED] = "return"};
    rc = report_write(st, actor, actions[to], &p, &r.json, NULL, err);
out:
    report_free(&r);
    return rc;
}

/* A store report as followup.h gives it. */
static struct core_progress progress_out(const struct store_progress *p)
{
    struct core_progress out = {.id = p->id,
                                .rec_id = p->rec_id,
                                .institution_id = p->institution_id,
                                .narrative = p->narrative,
                                .review_comment = p->review_comment,
                                .author_login = p->author_login,
                                .reviewer_login = p->reviewer_login,
                                .created_at = p->created_at,
                                .submitted_at = p->submitted_at,
                                .reviewed_at = p->reviewed_at};
    if (core_status_parse(p->status, &out.status))
        out.status = CORE_STATUS_NOT_STARTED;
    if (core_workflow_parse(p->workflow, &out.workflow))
        out.workflow = CORE_WF_DRAFT;
    return out;
}

struct progress_call {
    const struct core_actor *actor;
    core_progress_cb cb;
    void *ctx;
};

/* Hands p to the caller when its actor may see it; 1 when not. */
static int each_progress_visible(void *ctx, const struct store_progress *p)
{
    struct progress_call *call = ctx;
    if (strcmp(p->workflow, "validated") &&
        !core_may(call->actor, CORE_READ_ALL, p->institution_id))
        return 1;
    struct core_progress out = progress_out(p);
    return call->cb(call->ctx, &out);
}

static int each_progress(void *ctx, const struct store_progress *p)
{
    int rc = each_progress_visible(ctx, p);
    return rc == 1 ? 0 : rc;
}

int core_progress_get(struct store *st, const struct core_actor *actor, long id,
                      core_progress_cb cb, void *ctx, struct err *err)
{
    struct progress_call call = {actor, cb, ctx};
    int rc = store_progress_get(st, id, each_progress_visible, &call, err);
    if (rc == 1)
        rc = err_set(err, ERR_NOTFOUND, "no progress report with id %ld", id);
    return rc;
}

int core_progress_of(struct store *st, const struct core_actor *actor, const char *rec_id,
                     core_progress_cb cb, void *ctx, struct err *err)
{
    struct progress_call call = {actor, cb, ctx};
    return store_progress_each(st, rec_id, each_progress, &call, err);
}

static int published_status(void *ctx, const struct store_rec *rec, const struct store_followup *fu)
{
    struct core_progress *out = ctx;
    (void)rec;
    if (fu->published) {
        *out = progress_out(fu->published);
        out->id = fu->published->id;
    }
    return 0;
}

int core_status_of(struct store *st, const char *rec_id, enum core_status *status, int *known,
                   struct err *err)
{
    struct core_progress p = {0};
    struct store_followup_filter f = {.rec_id = rec_id};
    *known = 0;
    if (!rec_id)
        return err_set(err, ERR_INPUT, "status: no recommendation given");
    int rc = store_followup_each(st, &f, published_status, &p, err);
    if (!rc && p.id) {
        *status = p.status;
        *known = 1;
    }
    return rc;
}

/* ---- notes ------------------------------------------------------------------------------- */

static int copy_institution_name(void *ctx, const struct store_institution *in)
{
    snprintf(ctx, FU_NAME_MAX + 1, "%s", in->name);
    return 0;
}

int core_note_add(struct store *st, const struct core_actor *actor, const struct core_note *in,
                  long *id, struct err *err)
{
    enum core_action need = in->independent ? CORE_ASSESS_INDEPENDENTLY : CORE_COMMENT;
    if (!core_may(actor, need, 0))
        return in->independent ? fu_denied(actor, "assessing independently",
                                           "an NHRI or civil-society contributor", err)
                               : fu_denied(actor, "commenting",
                                           "a signed-in contributor, focal "
                                           "point, coordinator or admin",
                                           err);
    const char *status = in->independent ? core_status_name(in->status) : NULL;
    char org[FU_NAME_MAX + 1] = "", scratch[CORE_LOGIN_MAX + 8];
    int rc = fu_check_text("note", in->body, 1, FU_TEXT_MAX, 1, err);
    if (!rc)
        rc = fu_check_text("organisation", in->organisation, 0, FU_NAME_MAX, 0, err);
    if (!rc && in->independent && !status)
        rc = err_set(err, ERR_INPUT,
                     "assessment status: expected not_started, in_progress, "
                     "partially_implemented, implemented or not_accepted");
    if (!rc && !(in->organisation && *in->organisation) && actor->institution_id > 0)
        rc =
            store_institution_get(st, actor->institution_id, NULL, copy_institution_name, org, err);
    if (rc)
        return rc;
    struct store_note n = {.rec_id = in->rec_id,
                           .author_login = fu_login(actor, scratch, sizeof scratch),
                           .organisation = in->organisation && *in->organisation ? in->organisation
                                           : *org                                ? org
                                                                                 : NULL,
                           .independent = in->independent ? 1 : 0,
                           .status = status,
                           .body = in->body,
                           .created_at = core_now()};
    struct buf after = BUF_INIT;
    if ((rc = store_begin(st, err)))
        return rc;
    rc = store_note_put(st, &n, id, err);
    struct jsonw w;
    jsonw_init(&w, &after);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", rc ? 0 : *id);
    jsonw_kv_string(&w, "rec_id", n.rec_id);
    jsonw_kv_string(&w, "organisation", n.organisation);
    jsonw_key(&w, "independent");
    jsonw_bool(&w, n.independent);
    jsonw_kv_string(&w, "status", n.status);
    jsonw_kv_string(&w, "body", n.body);
    jsonw_end(&w);
    rc = fu_audit_commit(st, actor, rc, "create", "note", rc ? 0 : *id, NULL, &after, err);
    buf_free(&after);
    return rc;
}

struct note_call {
    core_note_cb cb;
    void *ctx;
};

static int each_note(void *ctx, const struct store_note *n)
{
    struct note_call *call = ctx;
    struct core_note out = {n->id,           n->rec_id,      n->author_login,
                            n->organisation, n->independent, CORE_STATUS_NOT_STARTED,
                            n->body,         n->created_at};
    if (n->status && core_status_parse(n->status, &out.status))
        out.status = CORE_STATUS_NOT_STARTED;
    return call->cb(call->ctx, &out);
}

int core_notes_of(struct store *st, const char *rec_id, core_note_cb cb, void *ctx, struct err *err)
{
    struct note_call call = {cb, ctx};
    return store_note_each(st, rec_id, each_note, &call, err);
}
