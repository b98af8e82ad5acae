/*
 * matrix.c — the implementation matrix (see followup.h): one row per recommendation with its
 * assignments, actions, indicators, clusters and published status, for reports and dashboards.
 * It is read through the store's read model (store_followup_each: a handful of statements for
 * the whole matrix). The status comes from validated reports only, so a row shows nothing that
 * is not published and the matrix is the same for every reader; drafts and submitted reports
 * are read through core_progress_of, which checks read_all.
 */
#include "core/followup_internal.h"

#include <stdlib.h>

#include "core/permissions.h"

struct matrix_call {
    core_matrix_cb cb;
    void *ctx;
    struct err *err;
};

static int matrix_row(void *ctx, const struct store_rec *rec, const struct store_followup *fu)
{
    struct matrix_call *call = ctx;
    struct core_assignment *as = calloc(fu->nassignments + 1, sizeof *as);
    struct core_plan_action *ac = calloc(fu->nactions + 1, sizeof *ac);
    struct core_indicator *in = calloc(fu->nindicators + 1, sizeof *in);
    int rc = 0;
    if (!as || !ac || !in) {
        rc = err_set(call->err, ERR_NOMEM, "out of memory building the matrix");
        goto out;
    }
    for (size_t i = 0; i < fu->nassignments; i++) {
        const struct store_assignment *a = &fu->assignments[i];
        as[i] = (struct core_assignment){a->id,
                                         a->rec_id,
                                         a->rec_id ? 0 : a->cluster_id,
                                         a->institution_id,
                                         a->institution_code,
                                         a->institution_name,
                                         a->lead,
                                         a->deadline};
    }
    for (size_t i = 0; i < fu->nactions; i++) {
        const struct store_plan_action *a = &fu->actions[i];
        ac[i] = (struct core_plan_action){a->id,
                                          a->rec_id,
                                          a->rec_id ? 0 : a->cluster_id,
                                          a->institution_id,
                                          a->description,
                                          a->unit,
                                          a->start_date,
                                          a->due_date,
                                          a->budget,
                                          a->currency,
                                          CORE_ACTION_PLANNED};
        if (core_action_status_parse(a->status, &ac[i].status))
            ac[i].status = CORE_ACTION_PLANNED;
    }
    for (size_t i = 0; i < fu->nindicators; i++) {
        const struct store_indicator *x = &fu->indicators[i];
        in[i] = (struct core_indicator){
            x->id,         x->rec_id,        x->institution_id, x->name,
            x->definition, x->unit,          x->source,         x->baseline,
            x->target,     x->baseline_date, x->target_date,    x->sdg_indicator};
    }
    struct core_matrix_row row = {.rec = rec,
                                  .assignments = as,
                                  .nassignments = fu->nassignments,
                                  .actions = ac,
                                  .nactions = fu->nactions,
                                  .indicators = in,
                                  .nindicators = fu->nindicators,
                                  .cluster_ids = fu->cluster_ids,
                                  .nclusters = fu->nclusters};
    if (fu->published) {
        row.status_known = !core_status_parse(fu->published->status, &row.status);
        row.status_narrative = row.status_known ? fu->published->narrative : NULL;
    }
    rc = call->cb(call->ctx, &row);
out:
    free(as);
    free(ac);
    free(in);
    return rc;
}

int core_matrix_each(struct store *st, const struct core_actor *actor,
                     const struct core_matrix_filter *f, core_matrix_cb cb, void *ctx,
                     struct err *err)
{
    if (!core_may(actor, CORE_READ_PUBLISHED, 0))
        return fu_denied(actor, "reading the matrix", "anyone who reads published data", err);
    static const struct core_matrix_filter all;
    if (!f)
        f = &all;
    struct store_followup_filter sf = {.country = f->country,
                                       .body = f->body,
                                       .institution_id = f->institution_id,
                                       .cluster_id = f->cluster_id};
    struct matrix_call call = {cb, ctx, err};
    return store_followup_each(st, &sf, matrix_row, &call, err);
}
