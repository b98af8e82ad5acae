/*
 * plan.c — planned actions and indicators with their values (see followup.h). They belong to
 * an institution, which must be assigned the recommendation (or cluster) they serve; its focal
 * points, coordinators and administrators write them (edit_progress). Each write is one
 * transaction with its audit event. They are read through the store's read model
 * (store_followup_each), the same one the matrix uses.
 */
#include "core/followup_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/permissions.h"

static int may_edit(const struct core_actor *actor, long institution_id, const char *doing,
                    struct err *err)
{
    if (core_may(actor, CORE_EDIT_PROGRESS, institution_id))
        return 0;
    return fu_denied_institution(actor, doing, institution_id, err);
}

/* ---- actions ----------------------------------------------------------------------------- */

static int currency_checked(const char *currency, struct err *err)
{
    int ok = currency && strlen(currency) == 3;
    for (int i = 0; ok && i < 3; i++)
        ok = currency[i] >= 'A' && currency[i] <= 'Z';
    return ok ? 0
              : err_set(err, ERR_INPUT, "currency \"%.20s\": expected an ISO 4217 code (EUR, USD)",
                        currency ? currency : "");
}

/* Checks an action and fills out with what is stored. */
static int action_checked(const struct core_plan_action *in, struct store_plan_action *out,
                          struct err *err)
{
    int has_rec = in->rec_id && *in->rec_id, rc;
    if (has_rec == (in->cluster_id > 0))
        return err_set(err, ERR_INPUT,
                       "action: expected either a recommendation or a cluster, not %s",
                       has_rec ? "both" : "neither");
    if ((rc = fu_check_text("description", in->description, 1, FU_TEXT_MAX, 1, err)) ||
        (rc = fu_check_text("unit", in->unit, 0, FU_NAME_MAX, 0, err)) ||
        (rc = fu_check_date("start date", in->start_date, 0, err)) ||
        (rc = fu_check_date("due date", in->due_date, 0, err)))
        return rc;
    if (in->start_date && *in->start_date && in->due_date && *in->due_date &&
        strcmp(in->start_date, in->due_date) > 0)
        return err_set(err, ERR_INPUT, "due date %s: expected on or after the start date %s",
                       in->due_date, in->start_date);
    const char *status = core_action_status_name(in->status);
    if (!status)
        return err_set(err, ERR_INPUT,
                       "action status: expected planned, ongoing, completed, delayed or cancelled");
    /* 0 without a currency is what a struct left at zero says: no budget */
    int budget = !isnan(in->budget) && !(in->budget == 0 && !(in->currency && *in->currency));
    if (budget && (!isfinite(in->budget) || in->budget < 0))
        return err_set(err, ERR_INPUT, "budget: expected a positive amount");
    if (budget && (rc = currency_checked(in->currency, err)))
        return rc;
    *out = (struct store_plan_action){
        .id = in->id,
        .rec_id = has_rec ? in->rec_id : NULL,
        .cluster_id = has_rec ? 0 : in->cluster_id,
        .institution_id = in->institution_id,
        .description = in->description,
        .unit = in->unit && *in->unit ? in->unit : NULL,
        .start_date = in->start_date && *in->start_date ? in->start_date : NULL,
        .due_date = in->due_date && *in->due_date ? in->due_date : NULL,
        .budget = budget ? in->budget : NAN,
        .currency = budget ? in->currency : NULL,
        .status = status,
    };
    return 0;
}

struct old_row {
    long institution_id;
    struct buf json;
};

static int old_action(void *ctx, const struct store_plan_action *a)
{
    struct old_row *old = ctx;
    old->institution_id = a->institution_id;
    fu_json_action(&old->json, a, a->id);
    return 0;
}

int core_action_put(struct store *st, const struct core_actor *actor,
                    const struct core_plan_action *in, long *id, struct err *err)
{
    struct store_plan_action a;
    struct old_row old = {0, BUF_INIT};
    struct buf after = BUF_INIT;
    int rc = may_edit(actor, in->institution_id, "planning an action", err);
    if (rc || (rc = action_checked(in, &a, err)) ||
        (rc = fu_check_institution(st, a.institution_id, err)) ||
        (rc = fu_check_assigned(st, a.rec_id, a.cluster_id, a.institution_id, err)))
        return rc;
    if ((rc = store_begin(st, err)))
        return rc;
    if (a.id && !(rc = store_action_get(st, a.id, old_action, &old, err)))
        rc = may_edit(actor, old.institution_id, "changing an action", err);
    if (!rc)
        rc = store_action_put(st, &a, id, err);
    if (!rc)
        fu_json_action(&after, &a, *id);
    rc = fu_audit_commit(st, actor, rc, a.id ? "update" : "create", "action", rc ? 0 : *id,
                         a.id ? &old.json : NULL, &after, err);
    buf_free(&old.json);
    buf_free(&after);
    return rc;
}

struct action_call {
    core_plan_action_cb cb;
    void *ctx;
};

static int each_action(void *ctx, const struct store_rec *rec, const struct store_followup *fu)
{
    struct action_call *call = ctx;
    (void)rec;
    int rc = 0;
    for (size_t i = 0; i < fu->nactions && !rc; i++) {
        const struct store_plan_action *a = &fu->actions[i];
        struct core_plan_action out = {
            .id = a->id,
            .rec_id = a->rec_id,
            .cluster_id = a->rec_id ? 0 : a->cluster_id,
            .institution_id = a->institution_id,
            .description = a->description,
            .unit = a->unit,
            .start_date = a->start_date,
            .due_date = a->due_date,
            .budget = a->budget,
            .currency = a->currency,
        };
        if (core_action_status_parse(a->status, &out.status))
            out.status = CORE_ACTION_PLANNED;
        rc = call->cb(call->ctx, &out);
    }
    return rc;
}

static int got_action(void *ctx, const struct store_plan_action *a)
{
    struct store_followup fu = {.actions = a, .nactions = 1};
    return each_action(ctx, NULL, &fu);
}

int core_action_get(struct store *st, long id, core_plan_action_cb cb, void *ctx, struct err *err)
{
    struct action_call call = {cb, ctx};
    return store_action_get(st, id, got_action, &call, err);
}

int core_actions_of(struct store *st, const char *rec_id, core_plan_action_cb cb, void *ctx,
                    struct err *err)
{
    struct store_followup_filter f = {.rec_id = rec_id};
    struct action_call call = {cb, ctx};
    if (!rec_id)
        return err_set(err, ERR_INPUT, "actions: no recommendation given");
    return store_followup_each(st, &f, each_action, &call, err);
}

/* ---- indicators -------------------------------------------------------------------------- */

/* "5.2.1": an SDG indicator code (goal, target, indicator). */
static int sdg_indicator_checked(const char *code, struct err *err)
{
    if (!code || !*code)
        return 0;
    int parts = 1, run = 0, ok = 1;
    for (const char *p = code; *p && ok; p++) {
        if (*p == '.') {
            ok = run > 0;
            parts++;
            run = 0;
        } else {
            ok = ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z')) && ++run <= 2;
        }
    }
    if (ok && parts == 3 && run > 0)
        return 0;
    return err_set(err, ERR_INPUT, "SDG indicator \"%.20s\": expected a code such as 5.2.1", code);
}

static int indicator_checked(const struct core_indicator *in, struct store_indicator *out,
                             struct err *err)
{
    int rc;
    if (!in->rec_id || !*in->rec_id)
        return err_set(err, ERR_INPUT, "indicator: no recommendation given");
    if ((rc = fu_check_text("indicator name", in->name, 1, FU_NAME_MAX, 0, err)) ||
        (rc = fu_check_text("definition", in->definition, 0, FU_TEXT_MAX, 1, err)) ||
        (rc = fu_check_text("unit", in->unit, 0, FU_NAME_MAX, 0, err)) ||
        (rc = fu_check_text("source", in->source, 0, FU_NAME_MAX, 0, err)) ||
        (rc = fu_check_date("baseline date", in->baseline_date, 0, err)) ||
        (rc = fu_check_date("target date", in->target_date, 0, err)) ||
        (rc = sdg_indicator_checked(in->sdg_indicator, err)))
        return rc;
    if (isinf(in->baseline) || isinf(in->target))
        return err_set(err, ERR_INPUT, "baseline and target: expected numbers");
    *out = (struct store_indicator){
        .id = in->id,
        .rec_id = in->rec_id,
        .institution_id = in->institution_id,
        .name = in->name,
        .definition = in->definition && *in->definition ? in->definition : NULL,
        .unit = in->unit && *in->unit ? in->unit : NULL,
        .source = in->source && *in->source ? in->source : NULL,
        .baseline = in->baseline,
        .target = in->target,
        .baseline_date = in->baseline_date && *in->baseline_date ? in->baseline_date : NULL,
        .target_date = in->target_date && *in->target_date ? in->target_date : NULL,
        .sdg_indicator = in->sdg_indicator && *in->sdg_indicator ? in->sdg_indicator : NULL,
    };
    return 0;
}

static int old_indicator(void *ctx, const struct store_indicator *ind)
{
    struct old_row *old = ctx;
    old->institution_id = ind->institution_id;
    fu_json_indicator(&old->json, ind, ind->id);
    return 0;
}

int core_indicator_put(struct store *st, const struct core_actor *actor,
                       const struct core_indicator *in, long *id, struct err *err)
{
    struct store_indicator ind;
    struct old_row old = {0, BUF_INIT};
    struct buf after = BUF_INIT;
    int rc = may_edit(actor, in->institution_id, "defining an indicator", err);
    if (rc || (rc = indicator_checked(in, &ind, err)) ||
        (rc = fu_check_institution(st, ind.institution_id, err)) ||
        (rc = fu_check_assigned(st, ind.rec_id, 0, ind.institution_id, err)))
        return rc;
    if ((rc = store_begin(st, err)))
        return rc;
    if (ind.id && !(rc = store_indicator_get(st, ind.id, old_indicator, &old, err)))
        rc = may_edit(actor, old.institution_id, "changing an indicator", err);
    if (!rc)
        rc = store_indicator_put(st, &ind, id, err);
    if (!rc)
        fu_json_indicator(&after, &ind, *id);
    rc = fu_audit_commit(st, actor, rc, ind.id ? "update" : "create", "indicator", rc ? 0 : *id,
                         ind.id ? &old.json : NULL, &after, err);
    buf_free(&old.json);
    buf_free(&after);
    return rc;
}

static int old_value(void *ctx, const struct store_indicator_value *v)
{
    fu_json_value(ctx, v);
    return 0;
}

int core_indicator_value_put(struct store *st, const struct core_actor *actor,
                             const struct core_indicator_value *v, struct err *err)
{
    struct old_row ind = {0, BUF_INIT};
    struct buf before = BUF_INIT, after = BUF_INIT;
    int rc = fu_check_date("date", v->date, 1, err);
    if (!rc && !isfinite(v->value))
        rc = err_set(err, ERR_INPUT, "value: expected a number");
    if (rc || (rc = fu_check_text("note", v->note, 0, FU_TEXT_MAX, 1, err)) ||
        (rc = store_begin(st, err)))
        return rc;
    rc = store_indicator_get(st, v->indicator_id, old_indicator, &ind, err);
    if (!rc)
        rc = may_edit(actor, ind.institution_id, "recording an indicator value", err);
    if (!rc)
        rc = store_indicator_value_get(st, v->indicator_id, v->date, old_value, &before, err);
    struct store_indicator_value row = {v->indicator_id, v->date, v->value,
                                        v->note && *v->note ? v->note : NULL};
    if (!rc)
        rc = store_indicator_value_put(st, &row, err);
    fu_json_value(&after, &row);
    rc =
        fu_audit_commit(st, actor, rc, "value", "indicator", v->indicator_id, &before, &after, err);
    buf_free(&ind.json);
    buf_free(&before);
    buf_free(&after);
    return rc;
}

struct indicator_call {
    core_indicator_cb cb;
    void *ctx;
};

static int each_indicator(void *ctx, const struct store_rec *rec, const struct store_followup *fu)
{
    struct indicator_call *call = ctx;
    (void)rec;
    struct core_indicator_value *values = calloc(fu->nvalues + 1, sizeof *values);
    if (!values)
        return ERR_NOMEM;
    for (size_t i = 0; i < fu->nvalues; i++)
        values[i] = (struct core_indicator_value){fu->values[i].indicator_id, fu->values[i].date,
                                                  fu->values[i].value, fu->values[i].note};
    int rc = 0;
    size_t v = 0;
    for (size_t i = 0; i < fu->nindicators && !rc; i++) {
        const struct store_indicator *x = &fu->indicators[i];
        struct core_indicator out = {
            x->id,         x->rec_id,        x->institution_id, x->name,
            x->definition, x->unit,          x->source,         x->baseline,
            x->target,     x->baseline_date, x->target_date,    x->sdg_indicator};
        while (v < fu->nvalues && values[v].indicator_id < x->id)
            v++;
        size_t first = v;
        while (v < fu->nvalues && values[v].indicator_id == x->id)
            v++;
        rc = call->cb(call->ctx, &out, values + first, v - first);
    }
    free(values);
    return rc;
}

int core_indicators_of(struct store *st, const char *rec_id, core_indicator_cb cb, void *ctx,
                       struct err *err)
{
    struct store_followup_filter f = {.rec_id = rec_id};
    struct indicator_call call = {cb, ctx};
    if (!rec_id)
        return err_set(err, ERR_INPUT, "indicators: no recommendation given");
    int rc = store_followup_each(st, &f, each_indicator, &call, err);
    if (rc == ERR_NOMEM && !err->msg[0])
        rc = err_set(err, ERR_NOMEM, "out of memory");
    return rc;
}
