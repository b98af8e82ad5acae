/*
 * postgres_followup.c — the plan side of follow-up in the PostgreSQL backend (tables of
 * pg/003_a_followup.sql), ported from sqlite_followup.c: clusters and their members,
 * assignments to institutions, planned actions, indicators and their values. Progress reports,
 * evidence, notes, deadlines and the outbox are in postgres_followup_progress.c, the read model
 * (store_followup_each) in postgres_followup_read.c, the shared helpers in
 * postgres_followup_util.c (postgres_followup.h).
 */
#include "store/postgres_followup.h"

#include <stdio.h>

struct id_call {
    store_id_cb cb;
    void *ctx;
};

static int id_row(const PGresult *r, int row, void *ctx)
{
    struct id_call *c = ctx;
    return c->cb(c->ctx, pg_fu_text(r, row, 0));
}

/* ---- clusters ---------------------------------------------------------------------------- */

#define CLUSTER_COLS                                                                               \
    "SELECT c.id, c.name, c.kind, c.criterion, c.country, "                                        \
    "(SELECT count(*) FROM cluster_member m WHERE m.cluster_id = c.id), c.created_at FROM "        \
    "cluster c "

int postgres_cluster_put(struct pg_store *st, const struct store_cluster *c, long *id,
                         struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, c->name);
    pg_param_text(&p, c->kind);
    pg_param_text(&p, c->criterion);
    pg_param_text(&p, c->country);
    pg_fu_param_time(&p, c->created_at);
    char taken[96];
    snprintf(taken, sizeof taken, "cluster name \"%.64s\"", c->name ? c->name : "");
    return pg_fu_put(st,
                     "INSERT INTO cluster(name, kind, criterion, country, created_at) "
                     "VALUES ($1, $2, $3, $4, coalesce($5, " PG_FU_NOW ")) RETURNING id",
                     &p, 0, id, "storing a cluster", "cluster", taken, err);
}

struct cluster_call {
    store_cluster_cb cb;
    void *ctx;
};

static int cluster_row(const PGresult *r, int row, void *ctx)
{
    struct cluster_call *c = ctx;
    struct store_cluster cl = {
        .id = pg_fu_long(r, row, 0),
        .name = pg_fu_text(r, row, 1),
        .kind = pg_fu_text(r, row, 2),
        .criterion = pg_fu_text(r, row, 3),
        .country = pg_fu_text(r, row, 4),
        .members = pg_fu_long(r, row, 5),
        .created_at = pg_fu_time(r, row, 6),
    };
    return c->cb(c->ctx, &cl);
}

int postgres_cluster_get(struct pg_store *st, long id, const char *name, store_cluster_cb cb,
                         void *ctx, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_fu_param_id(&p, id > 0 ? id : 0);
    pg_param_text(&p, id > 0 ? NULL : name);
    PGresult *res;
    struct cluster_call c = {cb, ctx};
    int rc = pg_fu_one(st, CLUSTER_COLS "WHERE c.id = $1 OR c.name = $2", &p, &res,
                       "reading a cluster", err);
    if (rc == 1)
        rc = cluster_row(res, 0, &c);
    else if (rc == 0)
        rc = id > 0 ? err_set(err, ERR_NOTFOUND, "no cluster with id %ld", id)
                    : err_set(err, ERR_NOTFOUND, "no cluster named \"%s\"", name ? name : "");
    PQclear(res);
    return rc;
}

int postgres_cluster_each(struct pg_store *st, store_cluster_cb cb, void *ctx, struct err *err)
{
    struct cluster_call c = {cb, ctx};
    return pg_fu_rows(st, CLUSTER_COLS "ORDER BY c.name", NULL, cluster_row, &c, "listing clusters",
                      err);
}

/* The recommendations a criterion selects (see store.h): $1 is the cluster. SQLite's
 * COLLATE NOCASE is lower() on both sides and its LIKE ILIKE without an escape character. */
static const char fill_sql[] =
    "INSERT INTO cluster_member(cluster_id, rid, by_hand) "
    "SELECT c.id, r.rid, 0 FROM cluster c JOIN recommendation r "
    "ON c.country IS NULL OR r.country = c.country WHERE c.id = $1 AND ("
    " (c.kind = 'body' AND lower(r.body) = lower(c.criterion))"
    " OR EXISTS (SELECT 1 FROM rec_tag g WHERE g.rid = r.rid AND ("
    "  (c.kind = 'theme' AND g.vocab IN ('uhri_theme', 'upr_issue')"
    "   AND (g.code = c.criterion OR lower(g.label) = lower(c.criterion)))"
    "  OR (c.kind = 'sdg' AND g.vocab = 'sdg'"
    "   AND (g.code = c.criterion OR g.code ILIKE (c.criterion || '.%') ESCAPE ''))"
    "  OR (c.kind = 'affected' AND g.vocab = 'affected_person'"
    "   AND (g.code = c.criterion OR lower(g.label) = lower(c.criterion))))))"
    " ON CONFLICT DO NOTHING";

int postgres_cluster_fill(struct pg_store *st, long id, long *members, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, id);
    int rc = pg_fu_write(st, "DELETE FROM cluster_member WHERE cluster_id = $1 AND by_hand = 0", &p,
                         NULL, "filling a cluster", NULL, err);
    if (!rc)
        rc = pg_fu_write(st, fill_sql, &p, NULL, "filling a cluster", NULL, err);
    PGresult *res = NULL;
    if (!rc && (rc = pg_fu_one(st, "SELECT count(*) FROM cluster_member WHERE cluster_id = $1", &p,
                               &res, "counting a cluster's members", err)) == 1) {
        *members = pg_fu_long(res, 0, 0);
        rc = 0;
    }
    PQclear(res);
    return rc;
}

int postgres_cluster_member_put(struct pg_store *st, long id, const char *rec_id, int *added,
                                struct err *err)
{
    long long rid;
    *added = 0;
    int rc = pg_fu_rid(st, rec_id, &rid, err);
    if (rc)
        return rc;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, id);
    pg_param_int(&p, rid);
    long changed = 0;
    rc = pg_fu_write(st,
                     "INSERT INTO cluster_member(cluster_id, rid, by_hand) VALUES ($1, $2, 1) "
                     "ON CONFLICT DO NOTHING",
                     &p, &changed, "adding to a cluster", NULL, err);
    if (!rc && changed)
        *added = 1;
    else if (!rc)
        rc = pg_fu_write(st,
                         "UPDATE cluster_member SET by_hand = 1 WHERE cluster_id = $1 AND rid = $2",
                         &p, NULL, "adding to a cluster", NULL, err);
    return rc;
}

int postgres_cluster_member_delete(struct pg_store *st, long id, const char *rec_id, int *deleted,
                                   struct err *err)
{
    long long rid;
    *deleted = 0;
    int rc = pg_fu_rid(st, rec_id, &rid, err);
    if (rc)
        return rc;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, id);
    pg_param_int(&p, rid);
    long changed = 0;
    rc = pg_fu_write(st, "DELETE FROM cluster_member WHERE cluster_id = $1 AND rid = $2", &p,
                     &changed, "removing from a cluster", NULL, err);
    *deleted = !rc && changed > 0;
    return rc;
}

int postgres_cluster_members(struct pg_store *st, long id, store_id_cb cb, void *ctx,
                             struct err *err)
{
    struct id_call c = {cb, ctx};
    return pg_fu_rows_by_id(st,
                            "SELECT r.id FROM cluster_member m JOIN recommendation r "
                            "ON r.rid = m.rid WHERE m.cluster_id = $1 ORDER BY r.id",
                            id, id_row, &c, "listing a cluster's members", err);
}

/* ---- assignments ------------------------------------------------------------------------- */

#define ASSIGNMENT_COLS                                                                            \
    "SELECT a.id, r.id, a.cluster_id, a.institution_id, i.code, i.name, a.lead, a.deadline "       \
    "FROM assignment a JOIN institution i ON i.id = a.institution_id "                             \
    "LEFT JOIN recommendation r ON r.rid = a.rid "

/* Starts p with what an assignment or action is about: $1 the rid of recommendation rec_id, or
 * $2 cluster_id when rec_id is NULL (the other NULL). ERR_NOTFOUND for an unknown recommendation.
 */
static int params_target(struct pg_store *st, struct pg_params *p, const char *rec_id,
                         long cluster_id, struct err *err)
{
    long long rid = 0;
    int rc = rec_id ? pg_fu_rid(st, rec_id, &rid, err) : 0;
    if (rc)
        return rc;
    pg_params_init(p);
    pg_fu_param_id(p, (long)rid);
    pg_fu_param_id(p, rec_id ? 0 : cluster_id);
    return 0;
}

/* Finds the assignment of key (params_target's, then $3 the institution): its id, or 0. */
static int assignment_find(struct pg_store *st, const struct pg_params *key, long *id,
                           struct err *err)
{
    PGresult *res;
    int rc = pg_fu_one(st,
                       "SELECT id FROM assignment WHERE (rid = $1 OR cluster_id = $2) "
                       "AND institution_id = $3",
                       key, &res, "finding an assignment", err);
    *id = rc == 1 ? pg_fu_long(res, 0, 0) : 0;
    PQclear(res);
    return rc < 0 ? rc : 0;
}

int postgres_assignment_put(struct pg_store *st, const struct store_assignment *a, long *id,
                            int *created, struct err *err)
{
    struct pg_params key;
    long found = 0;
    int rc = params_target(st, &key, a->rec_id, a->cluster_id, err);
    if (rc)
        return rc;
    pg_param_int(&key, a->institution_id);
    if ((rc = assignment_find(st, &key, &found, err)))
        return rc;
    long new_id = found;
    if (found) {
        struct pg_params p;
        pg_params_init(&p);
        pg_param_int(&p, a->lead ? 1 : 0);
        pg_param_text(&p, a->deadline);
        pg_param_int(&p, found);
        rc = pg_fu_write(st, "UPDATE assignment SET lead = $1, deadline = $2 WHERE id = $3", &p,
                         NULL, "storing an assignment", NULL, err);
    } else {
        pg_param_int(&key, a->lead ? 1 : 0);
        pg_param_text(&key, a->deadline);
        rc = pg_fu_put(st,
                       "INSERT INTO assignment(rid, cluster_id, institution_id, lead, deadline, "
                       "created_at) VALUES ($1, $2, $3, $4, $5, " PG_FU_NOW ") RETURNING id",
                       &key, 0, &new_id, "storing an assignment", "assignment", NULL, err);
    }
    if (!rc) {
        *id = new_id;
        *created = !found;
    }
    return rc;
}

struct assignment_call {
    store_assignment_cb cb;
    void *ctx;
};

static int assignment_row(const PGresult *r, int row, void *ctx)
{
    struct assignment_call *c = ctx;
    struct store_assignment a = {
        .id = pg_fu_long(r, row, 0),
        .rec_id = pg_fu_text(r, row, 1),
        .cluster_id = pg_fu_long(r, row, 2),
        .institution_id = pg_fu_long(r, row, 3),
        .institution_code = pg_fu_text(r, row, 4),
        .institution_name = pg_fu_text(r, row, 5),
        .lead = (int)pg_int(r, row, 6),
        .deadline = pg_fu_text(r, row, 7),
    };
    return c->cb(c->ctx, &a);
}

int postgres_assignment_get(struct pg_store *st, long id, store_assignment_cb cb, void *ctx,
                            struct err *err)
{
    struct assignment_call c = {cb, ctx};
    return pg_fu_row_by_id(st, ASSIGNMENT_COLS "WHERE a.id = $1", id, assignment_row, &c,
                           "assignment", err);
}

int postgres_assignment_delete(struct pg_store *st, long id, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, id);
    return pg_fu_change(st, "DELETE FROM assignment WHERE id = $1", &p, id, "storing an assignment",
                        "assignment", err);
}

int postgres_assignment_each(struct pg_store *st, const char *rec_id, long cluster_id,
                             store_assignment_cb cb, void *ctx, struct err *err)
{
    struct pg_params p;
    int rc = params_target(st, &p, rec_id, cluster_id, err);
    if (rc)
        return rc;
    struct assignment_call c = {cb, ctx};
    return pg_fu_rows(st,
                      ASSIGNMENT_COLS "WHERE a.rid = $1 OR a.cluster_id = $2 "
                                      "ORDER BY a.lead DESC, i.code, a.id",
                      &p, assignment_row, &c, "listing assignments", err);
}

int postgres_assignment_covers(struct pg_store *st, const char *rec_id, long cluster_id,
                               long institution_id, int *yes, struct err *err)
{
    *yes = 0;
    struct pg_params p;
    int rc = params_target(st, &p, rec_id, cluster_id, err);
    if (rc)
        return rc;
    pg_param_int(&p, institution_id);
    PGresult *res;
    rc = pg_fu_one(st,
                   "SELECT EXISTS (SELECT 1 FROM assignment a WHERE a.institution_id = $3 AND ("
                   "a.rid = $1 OR a.cluster_id = $2 OR a.cluster_id IN "
                   "(SELECT cluster_id FROM cluster_member WHERE rid = $1)))",
                   &p, &res, "checking an assignment", err);
    *yes = rc == 1 && pg_int(res, 0, 0);
    PQclear(res);
    return rc < 0 ? rc : 0;
}

int postgres_assigned_to(struct pg_store *st, long institution_id, store_id_cb cb, void *ctx,
                         struct err *err)
{
    struct id_call c = {cb, ctx};
    return pg_fu_rows_by_id(
        st,
        "SELECT r.id FROM recommendation r WHERE r.rid IN ("
        "SELECT rid FROM assignment WHERE institution_id = $1 AND rid IS NOT NULL "
        "UNION SELECT m.rid FROM assignment a JOIN cluster_member m "
        "ON m.cluster_id = a.cluster_id WHERE a.institution_id = $1) ORDER BY r.id",
        institution_id, id_row, &c, "listing assigned recommendations", err);
}

/* ---- actions ----------------------------------------------------------------------------- */

int postgres_action_put(struct pg_store *st, const struct store_plan_action *a, long *id,
                        struct err *err)
{
    struct pg_params p;
    int rc = params_target(st, &p, a->rec_id, a->cluster_id, err);
    if (rc)
        return rc;
    pg_param_int(&p, a->institution_id);
    const char *text[] = {a->description, a->unit, a->start_date, a->due_date};
    for (int i = 0; i < 4; i++)
        pg_param_text(&p, text[i]);
    pg_fu_param_double(&p, a->budget);
    pg_param_text(&p, a->currency);
    pg_param_text(&p, a->status);
    if (a->id)
        pg_param_int(&p, a->id);
    return pg_fu_put(
        st,
        a->id ? "UPDATE plan_action SET rid = $1, cluster_id = $2, institution_id = $3, "
                "description = $4, unit = $5, start_date = $6, due_date = $7, budget = $8, "
                "currency = $9, status = $10, updated_at = " PG_FU_NOW " WHERE id = $11"
              : "INSERT INTO plan_action(rid, cluster_id, institution_id, description, unit, "
                "start_date, due_date, budget, currency, status, created_at, updated_at) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, " PG_FU_NOW ", " PG_FU_NOW
                ") RETURNING id",
        &p, a->id, id, "storing an action", "action", NULL, err);
}

struct action_call {
    store_plan_action_cb cb;
    void *ctx;
};

static int action_row(const PGresult *r, int row, void *ctx)
{
    struct action_call *c = ctx;
    struct store_plan_action a = {
        .id = pg_fu_long(r, row, 0),
        .rec_id = pg_fu_text(r, row, 1),
        .cluster_id = pg_fu_long(r, row, 2),
        .institution_id = pg_fu_long(r, row, 3),
        .description = pg_fu_text(r, row, 4),
        .unit = pg_fu_text(r, row, 5),
        .start_date = pg_fu_text(r, row, 6),
        .due_date = pg_fu_text(r, row, 7),
        .budget = pg_fu_double(r, row, 8),
        .currency = pg_fu_text(r, row, 9),
        .status = pg_fu_text(r, row, 10),
    };
    return c->cb(c->ctx, &a);
}

int postgres_action_get(struct pg_store *st, long id, store_plan_action_cb cb, void *ctx,
                        struct err *err)
{
    struct action_call c = {cb, ctx};
    return pg_fu_row_by_id(
        st,
        "SELECT p.id, r.id, p.cluster_id, p.institution_id, p.description, p.unit, "
        "p.start_date, p.due_date, p.budget, p.currency, p.status FROM plan_action p "
        "LEFT JOIN recommendation r ON r.rid = p.rid WHERE p.id = $1",
        id, action_row, &c, "action", err);
}

/* ---- indicators -------------------------------------------------------------------------- */

int postgres_indicator_put(struct pg_store *st, const struct store_indicator *ind, long *id,
                           struct err *err)
{
    long long rid = 0;
    int rc = pg_fu_rid(st, ind->rec_id, &rid, err);
    if (rc)
        return rc;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, rid);
    pg_param_int(&p, ind->institution_id);
    const char *text[] = {ind->name, ind->definition, ind->unit, ind->source};
    for (int i = 0; i < 4; i++)
        pg_param_text(&p, text[i]);
    pg_fu_param_double(&p, ind->baseline);
    pg_fu_param_double(&p, ind->target);
    pg_param_text(&p, ind->baseline_date);
    pg_param_text(&p, ind->target_date);
    pg_param_text(&p, ind->sdg_indicator);
    if (ind->id)
        pg_param_int(&p, ind->id);
    return pg_fu_put(
        st,
        ind->id ? "UPDATE indicator SET rid = $1, institution_id = $2, name = $3, "
                  "definition = $4, unit = $5, source = $6, baseline = $7, target = $8, "
                  "baseline_date = $9, target_date = $10, sdg_indicator = $11, updated_at = "
                  "" PG_FU_NOW " WHERE id = $12"
                : "INSERT INTO indicator(rid, institution_id, name, definition, unit, source, "
                  "baseline, target, baseline_date, target_date, sdg_indicator, created_at, "
                  "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, " PG_FU_NOW
                  ", " PG_FU_NOW ") RETURNING id",
        &p, ind->id, id, "storing an indicator", "indicator", NULL, err);
}

struct indicator_call {
    store_indicator_cb cb;
    void *ctx;
};

static int indicator_row(const PGresult *r, int row, void *ctx)
{
    struct indicator_call *c = ctx;
    struct store_indicator ind = {
        .id = pg_fu_long(r, row, 0),
        .rec_id = pg_fu_text(r, row, 1),
        .institution_id = pg_fu_long(r, row, 2),
        .name = pg_fu_text(r, row, 3),
        .definition = pg_fu_text(r, row, 4),
        .unit = pg_fu_text(r, row, 5),
        .source = pg_fu_text(r, row, 6),
        .baseline = pg_fu_double(r, row, 7),
        .target = pg_fu_double(r, row, 8),
        .baseline_date = pg_fu_text(r, row, 9),
        .target_date = pg_fu_text(r, row, 10),
        .sdg_indicator = pg_fu_text(r, row, 11),
    };
    return c->cb(c->ctx, &ind);
}

int postgres_indicator_get(struct pg_store *st, long id, store_indicator_cb cb, void *ctx,
                           struct err *err)
{
    struct indicator_call c = {cb, ctx};
    return pg_fu_row_by_id(st,
                           "SELECT x.id, r.id, x.institution_id, x.name, x.definition, x.unit, "
                           "x.source, x.baseline, x.target, x.baseline_date, x.target_date, "
                           "x.sdg_indicator FROM indicator x JOIN recommendation r "
                           "ON r.rid = x.rid WHERE x.id = $1",
                           id, indicator_row, &c, "indicator", err);
}

int postgres_indicator_value_put(struct pg_store *st, const struct store_indicator_value *v,
                                 struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, v->indicator_id);
    pg_param_text(&p, v->date);
    pg_param_double(&p, v->value);
    pg_param_text(&p, v->note);
    return pg_fu_write(st,
                       "INSERT INTO indicator_value(indicator_id, date, value, note) "
                       "VALUES ($1, $2, $3, $4) ON CONFLICT (indicator_id, date) DO "
                       "UPDATE SET value = excluded.value, note = excluded.note",
                       &p, NULL, "storing an indicator value", NULL, err);
}

int postgres_indicator_value_get(struct pg_store *st, long indicator_id, const char *date,
                                 store_indicator_value_cb cb, void *ctx, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, indicator_id);
    pg_param_text(&p, date);
    PGresult *res;
    int rc = pg_fu_one(st,
                       "SELECT indicator_id, date, value, note FROM indicator_value "
                       "WHERE indicator_id = $1 AND date = $2",
                       &p, &res, "reading an indicator value", err);
    if (rc == 1) {
        struct store_indicator_value v = {pg_fu_long(res, 0, 0), pg_fu_text(res, 0, 1),
                                          pg_double(res, 0, 2), pg_fu_text(res, 0, 3)};
        rc = cb(ctx, &v);
    }
    PQclear(res);
    return rc;
}
