/*
 * followup.c — clusters and assignments (see followup.h), and what follow-up adds to
 * institutions (their branch of government) and users (where reminders go). Clusters,
 * assignments and branches are the coordinator's work (manage_institutions). Each write runs
 * in one transaction with its audit event (followup_write.c). Actions and indicators are in
 * plan.c, progress reports and notes in progress.c, evidence in evidence.c, reminders in
 * remind.c, the matrix in matrix.c.
 */
#include "core/followup_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/permissions.h"

static int may_manage(const struct core_actor *actor, const char *doing, struct err *err)
{
    return core_may(actor, CORE_MANAGE_INSTITUTIONS, 0)
               ? 0
               : fu_denied(actor, doing, "only a coordinator or an administrator", err);
}

/* ---- clusters ---------------------------------------------------------------------------- */

/* The vocabularies a criterion of each kind is looked up in, to store the term's code. */
static const char *const criterion_vocabs[CORE_CLUSTER_COUNT][2] = {
    [CORE_CLUSTER_THEME] = {"uhri_theme", "upr_issue"},
    [CORE_CLUSTER_SDG] = {"sdg", NULL},
    [CORE_CLUSTER_AFFECTED] = {"affected_person", NULL},
    [CORE_CLUSTER_BODY] = {"body", NULL},
};

/* Checks a cluster and fills out with what is stored: criterion as a code where the
 * taxonomies know it, country as ISO3. */
static int cluster_checked(struct store *st, const struct core_cluster *in,
                           struct store_cluster *out, char *code, size_t code_size, char iso3[4],
                           struct err *err)
{
    int rc = fu_check_text("cluster name", in->name, 1, FU_NAME_MAX, 0, err);
    const char *kind = core_cluster_kind_name(in->kind);
    if (rc)
        return rc;
    if (!kind)
        return err_set(err, ERR_INPUT,
                       "cluster kind: expected theme, sdg, affected, body or manual");
    *out = (struct store_cluster){.name = in->name, .kind = kind};
    if (in->kind == CORE_CLUSTER_MANUAL && in->criterion && *in->criterion)
        return err_set(err, ERR_INPUT, "criterion: expected none for a manual cluster");
    if (in->kind != CORE_CLUSTER_MANUAL) {
        if ((rc = fu_check_text("criterion", in->criterion, 1, FU_NAME_MAX, 0, err)))
            return rc;
        snprintf(code, code_size, "%s", in->criterion);
        for (int i = 0; i < 2 && criterion_vocabs[in->kind][i]; i++) {
            rc = store_term_find(st, criterion_vocabs[in->kind][i], in->criterion, code, code_size,
                                 err);
            if (rc < 0)
                return rc;
            if (rc == 1)
                break;
        }
        out->criterion = code;
    }
    if (in->country && *in->country) {
        if ((rc = store_country_find(st, in->country, iso3, err)) < 0)
            return rc;
        if (rc == 0)
            return err_set(err, ERR_INPUT,
                           "country \"%.60s\": no such State (expected a name "
                           "or an ISO code)",
                           in->country);
        out->country = iso3;
    }
    return 0;
}

int core_cluster_create(struct store *st, const struct core_actor *actor,
                        const struct core_cluster *in, long *id, struct err *err)
{
    struct store_cluster c;
    char code[FU_NAME_MAX + 1], iso3[4];
    int rc = may_manage(actor, "creating a cluster", err);
    if (rc || (rc = cluster_checked(st, in, &c, code, sizeof code, iso3, err)))
        return rc;
    c.created_at = core_now();
    struct buf after = BUF_INIT;
    if ((rc = store_begin(st, err)))
        return rc;
    rc = store_cluster_put(st, &c, id, err);
    if (!rc && in->kind != CORE_CLUSTER_MANUAL)
        rc = store_cluster_fill(st, *id, &c.members, err);
    if (!rc)
        fu_json_cluster(&after, &c, *id);
    rc = fu_audit_commit(st, actor, rc, "create", "cluster", *id, NULL, &after, err);
    buf_free(&after);
    return rc;
}

static int copy_members(void *ctx, const struct store_cluster *c)
{
    *(long *)ctx = c->members;
    return 0;
}

/* Starts a transaction in which cluster id exists; *members receives its size. */
static int cluster_begin(struct store *st, long id, long *members, struct err *err)
{
    int rc = store_begin(st, err);
    if (!rc && (rc = store_cluster_get(st, id, NULL, copy_members, members, err)))
        store_rollback(st);
    return rc;
}

int core_cluster_refresh(struct store *st, const struct core_actor *actor, long id, struct err *err)
{
    long before_n = 0, after_n = 0;
    int rc = may_manage(actor, "refreshing a cluster", err);
    if (rc || (rc = cluster_begin(st, id, &before_n, err)))
        return rc;
    struct buf before = BUF_INIT, after = BUF_INIT;
    rc = store_cluster_fill(st, id, &after_n, err);
    buf_printf(&before, "{\"id\":%ld,\"members\":%ld}", id, before_n);
    buf_printf(&after, "{\"id\":%ld,\"members\":%ld}", id, after_n);
    rc = fu_audit_commit(st, actor, rc, "refresh", "cluster", id, &before, &after, err);
    buf_free(&before);
    buf_free(&after);
    return rc;
}

/* Adds (add = 1) or removes rec_id by hand, audited as add_member / remove_member. */
static int cluster_member(struct store *st, const struct core_actor *actor, long id,
                          const char *rec_id, int add, struct err *err)
{
    long members = 0;
    int rc = may_manage(actor, add ? "adding to a cluster" : "removing from a cluster", err);
    if (rc || (rc = cluster_begin(st, id, &members, err)))
        return rc;
    int changed = 0;
    rc = add ? store_cluster_member_put(st, id, rec_id, &changed, err)
             : store_cluster_member_delete(st, id, rec_id, &changed, err);
    if (!rc && !add && !changed)
        rc = err_set(err, ERR_NOTFOUND, "%s is not a member of cluster %ld", rec_id, id);
    struct buf member = BUF_INIT;
    struct jsonw w;
    jsonw_init(&w, &member);
    jsonw_object(&w);
    jsonw_kv_int(&w, "cluster_id", id);
    jsonw_kv_string(&w, "rec_id", rec_id);
    jsonw_end(&w);
    rc = fu_audit_commit(st, actor, rc, add ? "add_member" : "remove_member", "cluster", id,
                         add ? NULL : &member, add ? &member : NULL, err);
    buf_free(&member);
    return rc;
}

int core_cluster_add(struct store *st, const struct core_actor *actor, long id, const char *rec_id,
                     struct err *err)
{
    return cluster_member(st, actor, id, rec_id, 1, err);
}

int core_cluster_remove(struct store *st, const struct core_actor *actor, long id,
                        const char *rec_id, struct err *err)
{
    return cluster_member(st, actor, id, rec_id, 0, err);
}

struct cluster_call {
    core_cluster_cb cb;
    void *ctx;
};

static int cluster_row(void *ctx, const struct store_cluster *c)
{
    struct cluster_call *call = ctx;
    struct core_cluster out = {c->id,        c->name,    CORE_CLUSTER_MANUAL,
                               c->criterion, c->country, c->members};
    if (core_cluster_kind_parse(c->kind, &out.kind))
        out.kind = CORE_CLUSTER_MANUAL;
    return call->cb(call->ctx, &out);
}

int core_cluster_each(struct store *st, const struct core_actor *actor, core_cluster_cb cb,
                      void *ctx, struct err *err)
{
    /* Clusters are how the State organises its follow-up: published like recommendations. */
    if (!core_may(actor, CORE_READ_PUBLISHED, 0))
        return fu_denied(actor, "listing clusters", "anyone who reads published data", err);
    struct cluster_call call = {cb, ctx};
    return store_cluster_each(st, cluster_row, &call, err);
}

int core_cluster_get(struct store *st, long id, const char *name, core_cluster_cb cb, void *ctx,
                     struct err *err)
{
    struct cluster_call call = {cb, ctx};
    return store_cluster_get(st, id, name, cluster_row, &call, err);
}

int core_cluster_members(struct store *st, long id, core_id_cb cb, void *ctx, struct err *err)
{
    long members = 0;
    int rc = store_cluster_get(st, id, NULL, copy_members, &members, err);
    return rc ? rc : store_cluster_members(st, id, cb, ctx, err);
}

/* ---- assignments ------------------------------------------------------------------------- */

/* The direct assignments of one target, copied out of the store before it is written. */
struct target_rows {
    size_t n;
    struct {
        long id, institution_id;
        int lead;
        char deadline[FU_DATE_SIZE];
        int has_deadline;
    } row[64];
    int overflow;
};

static int collect_target(void *ctx, const struct store_assignment *a)
{
    struct target_rows *t = ctx;
    if (t->n == sizeof t->row / sizeof t->row[0]) {
        t->overflow = 1;
        return 0;
    }
    t->row[t->n].id = a->id;
    t->row[t->n].institution_id = a->institution_id;
    t->row[t->n].lead = a->lead;
    t->row[t->n].has_deadline = a->deadline != NULL;
    snprintf(t->row[t->n].deadline, FU_DATE_SIZE, "%s", a->deadline ? a->deadline : "");
    t->n++;
    return 0;
}

/* Stores one assignment of the target with its audit event, inside the caller's transaction;
 * t holds the target's assignments as they were (the row's "before"). */
static int assignment_write(struct store *st, const struct core_actor *actor,
                            const struct store_assignment *a, const struct target_rows *t, long *id,
                            struct err *err)
{
    int created = 0, rc = store_assignment_put(st, a, id, &created, err);
    struct buf before = BUF_INIT, after = BUF_INIT;
    for (size_t i = 0; !rc && !created && i < t->n; i++) {
        if (t->row[i].id != *id)
            continue;
        struct store_assignment old = *a;
        old.lead = t->row[i].lead;
        old.deadline = t->row[i].has_deadline ? t->row[i].deadline : NULL;
        fu_json_assignment(&before, &old, *id);
    }
    fu_json_assignment(&after, a, *id);
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%ld", *id);
    if (!rc && (before.oom || after.oom))
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc)
        rc = core_audit_record(st, actor, created ? "create" : "update", "assignment", id_text,
                               created ? NULL : buf_str(&before), buf_str(&after), err);
    buf_free(&before);
    buf_free(&after);
    return rc;
}

static int assign_checked(struct store *st, const struct core_assignment *in, struct err *err)
{
    int has_rec = in->rec_id && *in->rec_id;
    if (has_rec == (in->cluster_id > 0))
        return err_set(err, ERR_INPUT,
                       "assignment: expected either a recommendation or a cluster, not %s",
                       has_rec ? "both" : "neither");
    long members = 0;
    int rc = fu_check_institution(st, in->institution_id, err);
    if (!rc)
        rc = fu_check_date("deadline", in->deadline, 0, err);
    if (!rc && !has_rec)
        rc = store_cluster_get(st, in->cluster_id, NULL, copy_members, &members, err);
    return rc;
}

int core_assign(struct store *st, const struct core_actor *actor, const struct core_assignment *in,
                long *id, struct err *err)
{
    int rc = may_manage(actor, "assigning", err);
    if (rc || (rc = assign_checked(st, in, err)))
        return rc;
    struct store_assignment a = {.rec_id = in->rec_id && *in->rec_id ? in->rec_id : NULL,
                                 .cluster_id = in->cluster_id,
                                 .institution_id = in->institution_id,
                                 .lead = in->lead ? 1 : 0,
                                 .deadline = in->deadline && *in->deadline ? in->deadline : NULL};
    if (a.rec_id)
        a.cluster_id = 0;
    struct target_rows *t = calloc(1, sizeof *t);
    if (!t)
        return err_set(err, ERR_NOMEM, "out of memory");
    if ((rc = store_begin(st, err)))
        goto out;
    rc = store_assignment_each(st, a.rec_id, a.cluster_id, collect_target, t, err);
    /* One lead per recommendation or cluster: the lead there was becomes a supporting one. */
    for (size_t i = 0; !rc && a.lead && i < t->n; i++) {
        if (!t->row[i].lead || t->row[i].institution_id == a.institution_id)
            continue;
        struct store_assignment old = a;
        long old_id = 0;
        old.institution_id = t->row[i].institution_id;
        old.lead = 0;
        old.deadline = t->row[i].has_deadline ? t->row[i].deadline : NULL;
        rc = assignment_write(st, actor, &old, t, &old_id, err);
    }
    if (!rc)
        rc = assignment_write(st, actor, &a, t, id, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
out:
    free(t);
    return rc;
}

static int copy_assignment_json(void *ctx, const struct store_assignment *a)
{
    fu_json_assignment(ctx, a, a->id);
    return 0;
}

int core_unassign(struct store *st, const struct core_actor *actor, long assignment_id,
                  struct err *err)
{
    int rc = may_manage(actor, "removing an assignment", err);
    if (rc || (rc = store_begin(st, err)))
        return rc;
    struct buf before = BUF_INIT;
    rc = store_assignment_get(st, assignment_id, copy_assignment_json, &before, err);
    if (!rc)
        rc = store_assignment_delete(st, assignment_id, err);
    rc = fu_audit_commit(st, actor, rc, "delete", "assignment", assignment_id, &before, NULL, err);
    buf_free(&before);
    return rc;
}

struct assignment_call {
    core_assignment_cb cb;
    void *ctx;
};

static int each_assignment(void *ctx, const struct store_rec *rec, const struct store_followup *fu)
{
    struct assignment_call *call = ctx;
    (void)rec;
    int rc = 0;
    for (size_t i = 0; i < fu->nassignments && !rc; i++) {
        const struct store_assignment *a = &fu->assignments[i];
        struct core_assignment out = {a->id,
                                      a->rec_id,
                                      a->rec_id ? 0 : a->cluster_id,
                                      a->institution_id,
                                      a->institution_code,
                                      a->institution_name,
                                      a->lead,
                                      a->deadline};
        rc = call->cb(call->ctx, &out);
    }
    return rc;
}

int core_assignments_of(struct store *st, const char *rec_id, core_assignment_cb cb, void *ctx,
                        struct err *err)
{
    struct store_followup_filter f = {.rec_id = rec_id};
    struct assignment_call call = {cb, ctx};
    if (!rec_id)
        return err_set(err, ERR_INPUT, "assignments: no recommendation given");
    return store_followup_each(st, &f, each_assignment, &call, err);
}

int core_assigned_to(struct store *st, long institution_id, core_id_cb cb, void *ctx,
                     struct err *err)
{
    return store_assigned_to(st, institution_id, cb, ctx, err);
}

/* ---- institutions and users -------------------------------------------------------------- */

/* {"key": value} */
static void one_field(struct buf *out, const char *key, const char *value)
{
    struct jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kv_string(&w, key, value);
    jsonw_end(&w);
}

static const char *const branches[] = {"executive", "legislative", "judiciary", "independent",
                                       "local"};

int core_institution_branch_set(struct store *st, const struct core_actor *actor,
                                long institution_id, const char *branch, struct err *err)
{
    int rc = may_manage(actor, "setting an institution's branch", err), known = !branch;
    for (size_t i = 0; branch && i < sizeof branches / sizeof branches[0]; i++)
        known |= !strcmp(branch, branches[i]);
    if (rc)
        return rc;
    if (!known)
        return err_set(err, ERR_INPUT,
                       "branch \"%.40s\": expected executive, legislative, judiciary, "
                       "independent or local",
                       branch);
    struct buf old = BUF_INIT, before = BUF_INIT, after = BUF_INIT;
    if ((rc = store_begin(st, err)))
        return rc;
    rc = store_institution_branch_get(st, institution_id, &old, err);
    if (!rc)
        rc = store_institution_branch_set(st, institution_id, branch, err);
    one_field(&before, "branch", old.len ? buf_str(&old) : NULL);
    one_field(&after, "branch", branch);
    rc = fu_audit_commit(st, actor, rc, "update", "institution", institution_id, &before, &after,
                         err);
    buf_free(&old);
    buf_free(&before);
    buf_free(&after);
    return rc;
}

int core_institution_branch_get(struct store *st, long institution_id, struct buf *out,
                                struct err *err)
{
    return store_institution_branch_get(st, institution_id, out, err);
}

static int email_checked(const char *email, struct err *err)
{
    int rc = fu_check_text("e-mail address", email, 0, 254, 0, err);
    if (rc || !email || !*email)
        return rc;
    const char *at = strchr(email, '@');
    if (!at || at == email || !at[1] || strchr(at + 1, '@') || strpbrk(email, " <>,;\"") ||
        !strchr(at + 1, '.'))
        return err_set(err, ERR_INPUT, "e-mail address \"%.80s\": expected name@example.org",
                       email);
    return 0;
}

int core_user_email_set(struct store *st, const struct core_actor *actor, long user_id,
                        const char *email, struct err *err)
{
    if (!core_may(actor, CORE_MANAGE_USERS, 0) && !(actor && actor->user_id == user_id))
        return fu_denied(actor, "setting an e-mail address", "an administrator or the user", err);
    int rc = email_checked(email, err);
    if (rc || (rc = store_begin(st, err)))
        return rc;
    if (email && !*email)
        email = NULL;
    struct buf old = BUF_INIT, before = BUF_INIT, after = BUF_INIT;
    rc = store_user_email_get(st, user_id, &old, err);
    if (!rc)
        rc = store_user_email_set(st, user_id, email, err);
    one_field(&before, "email", old.len ? buf_str(&old) : NULL);
    one_field(&after, "email", email);
    rc = fu_audit_commit(st, actor, rc, "update", "user", user_id, &before, &after, err);
    buf_free(&old);
    buf_free(&before);
    buf_free(&after);
    return rc;
}
