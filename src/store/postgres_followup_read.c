/*
 * postgres_followup_read.c — the read model of follow-up in the PostgreSQL backend, ported from
 * sqlite_followup_read.c: store_followup_each hands each recommendation with its assignments
 * (direct and through its clusters), actions, indicators and their values, latest validated
 * report and clusters. The recommendations are chosen first (ids only), then read one at a time
 * with six statements (prepared once per connection by pg_run), all in one read snapshot.
 * Rows are copied into arrays whose strings live in a pool freed after each callback.
 */
#include "store/postgres_followup.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_pool.h"

/* ---- one recommendation's follow-up ---------------------------------------------------- */

enum { Q_ASSIGNMENTS, Q_ACTIONS, Q_INDICATORS, Q_VALUES, Q_PUBLISHED, Q_CLUSTERS, Q_COUNT };

/* Each takes the recommendation's rid as $1. Where SQLite's order relied on its NULL order
 * (first ascending, last descending) PostgreSQL's is said. */
static const char *const load_sql[Q_COUNT] = {
    [Q_ASSIGNMENTS] =
        "SELECT a.id, r.id, a.cluster_id, a.institution_id, i.code, i.name, a.lead, a.deadline "
        "FROM assignment a JOIN institution i ON i.id = a.institution_id "
        "LEFT JOIN recommendation r ON r.rid = a.rid WHERE a.rid = $1 OR a.cluster_id IN "
        "(SELECT cluster_id FROM cluster_member WHERE rid = $1) "
        "ORDER BY a.cluster_id IS NOT NULL, a.cluster_id NULLS FIRST, a.lead DESC, i.code, a.id",
    [Q_ACTIONS] = "SELECT p.id, r.id, p.cluster_id, p.institution_id, p.description, p.unit, "
                  "p.start_date, p.due_date, p.budget, p.currency, p.status FROM plan_action p "
                  "LEFT JOIN recommendation r ON r.rid = p.rid WHERE p.rid = $1 OR "
                  "p.cluster_id IN (SELECT cluster_id FROM cluster_member WHERE rid = $1) "
                  "ORDER BY p.due_date IS NULL, p.due_date, p.id",
    [Q_INDICATORS] = "SELECT x.id, r.id, x.institution_id, x.name, x.definition, x.unit, "
                     "x.source, x.baseline, x.target, x.baseline_date, x.target_date, "
                     "x.sdg_indicator FROM indicator x JOIN recommendation r ON r.rid = x.rid "
                     "WHERE x.rid = $1 ORDER BY x.id",
    [Q_VALUES] = "SELECT v.indicator_id, v.date, v.value, v.note FROM indicator_value v "
                 "JOIN indicator x ON x.id = v.indicator_id WHERE x.rid = $1 "
                 "ORDER BY v.indicator_id, v.date",
    [Q_PUBLISHED] = "SELECT " PG_FU_PROGRESS_COLS " FROM progress p JOIN recommendation r "
                    "ON r.rid = p.rid WHERE p.rid = $1 AND p.workflow = 'validated' "
                    "ORDER BY p.reviewed_at DESC NULLS LAST, p.id DESC LIMIT 1",
    [Q_CLUSTERS] = "SELECT cluster_id FROM cluster_member WHERE rid = $1 ORDER BY cluster_id",
};

struct load {
    struct pg_store *st;
    long long rid;
    struct store_pool pool;
    struct store_assignment *assignments;
    struct store_plan_action *actions;
    struct store_indicator *indicators;
    struct store_indicator_value *values;
    long *cluster_ids;
    size_t cap[Q_COUNT];
    struct store_progress published;
    struct store_followup fu;
    store_followup_cb cb;
    void *ctx;
    struct err *err;
};

static int add_assignment(const PGresult *r, int row, void *ctx)
{
    struct load *l = ctx;
    if (store_grow((void **)&l->assignments, l->fu.nassignments, &l->cap[Q_ASSIGNMENTS],
                   sizeof *l->assignments))
        return ERR_NOMEM;
    struct store_pool *p = &l->pool;
    l->assignments[l->fu.nassignments++] = (struct store_assignment){
        .id = pg_fu_long(r, row, 0),
        .rec_id = store_pool_dup(p, pg_fu_text(r, row, 1)),
        .cluster_id = pg_fu_long(r, row, 2),
        .institution_id = pg_fu_long(r, row, 3),
        .institution_code = store_pool_dup(p, pg_fu_text(r, row, 4)),
        .institution_name = store_pool_dup(p, pg_fu_text(r, row, 5)),
        .lead = (int)pg_int(r, row, 6),
        .deadline = store_pool_dup(p, pg_fu_text(r, row, 7)),
    };
    return p->oom ? ERR_NOMEM : 0;
}

static int add_action(const PGresult *r, int row, void *ctx)
{
    struct load *l = ctx;
    if (store_grow((void **)&l->actions, l->fu.nactions, &l->cap[Q_ACTIONS], sizeof *l->actions))
        return ERR_NOMEM;
    struct store_pool *p = &l->pool;
    l->actions[l->fu.nactions++] = (struct store_plan_action){
        .id = pg_fu_long(r, row, 0),
        .rec_id = store_pool_dup(p, pg_fu_text(r, row, 1)),
        .cluster_id = pg_fu_long(r, row, 2),
        .institution_id = pg_fu_long(r, row, 3),
        .description = store_pool_dup(p, pg_fu_text(r, row, 4)),
        .unit = store_pool_dup(p, pg_fu_text(r, row, 5)),
        .start_date = store_pool_dup(p, pg_fu_text(r, row, 6)),
        .due_date = store_pool_dup(p, pg_fu_text(r, row, 7)),
        .budget = pg_fu_double(r, row, 8),
        .currency = store_pool_dup(p, pg_fu_text(r, row, 9)),
        .status = store_pool_dup(p, pg_fu_text(r, row, 10)),
    };
    return p->oom ? ERR_NOMEM : 0;
}

static int add_indicator(const PGresult *r, int row, void *ctx)
{
    struct load *l = ctx;
    if (store_grow((void **)&l->indicators, l->fu.nindicators, &l->cap[Q_INDICATORS],
                   sizeof *l->indicators))
        return ERR_NOMEM;
    struct store_pool *p = &l->pool;
    l->indicators[l->fu.nindicators++] = (struct store_indicator){
        .id = pg_fu_long(r, row, 0),
        .rec_id = store_pool_dup(p, pg_fu_text(r, row, 1)),
        .institution_id = pg_fu_long(r, row, 2),
        .name = store_pool_dup(p, pg_fu_text(r, row, 3)),
        .definition = store_pool_dup(p, pg_fu_text(r, row, 4)),
        .unit = store_pool_dup(p, pg_fu_text(r, row, 5)),
        .source = store_pool_dup(p, pg_fu_text(r, row, 6)),
        .baseline = pg_fu_double(r, row, 7),
        .target = pg_fu_double(r, row, 8),
        .baseline_date = store_pool_dup(p, pg_fu_text(r, row, 9)),
        .target_date = store_pool_dup(p, pg_fu_text(r, row, 10)),
        .sdg_indicator = store_pool_dup(p, pg_fu_text(r, row, 11)),
    };
    return p->oom ? ERR_NOMEM : 0;
}

static int add_value(const PGresult *r, int row, void *ctx)
{
    struct load *l = ctx;
    if (store_grow((void **)&l->values, l->fu.nvalues, &l->cap[Q_VALUES], sizeof *l->values))
        return ERR_NOMEM;
    struct store_pool *p = &l->pool;
    l->values[l->fu.nvalues++] = (struct store_indicator_value){
        .indicator_id = pg_fu_long(r, row, 0),
        .date = store_pool_dup(p, pg_fu_text(r, row, 1)),
        .value = pg_double(r, row, 2),
        .note = store_pool_dup(p, pg_fu_text(r, row, 3)),
    };
    return p->oom ? ERR_NOMEM : 0;
}

static int set_published(const PGresult *r, int row, void *ctx)
{
    struct load *l = ctx;
    struct store_progress *out = &l->published;
    struct store_pool *p = &l->pool;
    *out = pg_fu_progress_at(r, row, 0);
    const char **text[] = {&out->rec_id,          &out->status,         &out->narrative,
                           &out->workflow,        &out->review_comment, &out->author_login,
                           &out->submitter_login, &out->reviewer_login};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        *text[i] = store_pool_dup(p, *text[i]);
    l->fu.published = out;
    return p->oom ? ERR_NOMEM : 0;
}

static int add_cluster(const PGresult *r, int row, void *ctx)
{
    struct load *l = ctx;
    if (store_grow((void **)&l->cluster_ids, l->fu.nclusters, &l->cap[Q_CLUSTERS],
                   sizeof *l->cluster_ids))
        return ERR_NOMEM;
    l->cluster_ids[l->fu.nclusters++] = pg_fu_long(r, row, 0);
    return 0;
}

static int (*const adders[Q_COUNT])(const PGresult *, int, void *) = {
    [Q_ASSIGNMENTS] = add_assignment, [Q_ACTIONS] = add_action,      [Q_INDICATORS] = add_indicator,
    [Q_VALUES] = add_value,           [Q_PUBLISHED] = set_published, [Q_CLUSTERS] = add_cluster,
};

/* store_rec_get's callback: loads the follow-up of l->rid and hands both to the caller. */
static int with_rec(void *ctx, const struct store_rec *rec)
{
    struct load *l = ctx;
    int rc = 0;
    store_pool_free(&l->pool);
    l->pool.oom = 0;
    l->fu = (struct store_followup){0};
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, l->rid);
    for (int i = 0; i < Q_COUNT && !rc; i++)
        rc = pg_fu_rows(l->st, load_sql[i], &p, adders[i], l, "reading follow-up", l->err);
    if (rc == ERR_NOMEM)
        return err_set(l->err, ERR_NOMEM, "out of memory reading follow-up");
    if (rc)
        return rc;
    l->fu.assignments = l->assignments;
    l->fu.actions = l->actions;
    l->fu.indicators = l->indicators;
    l->fu.values = l->values;
    l->fu.cluster_ids = l->cluster_ids;
    return l->cb(l->ctx, rec, &l->fu);
}

/* ---- choosing the recommendations -------------------------------------------------------- */

struct rec_key {
    char *id;
    long long rid;
};

struct keys {
    struct rec_key *v;
    size_t n, cap;
};

static int add_key(const PGresult *r, int row, void *ctx)
{
    struct keys *k = ctx;
    if (store_grow((void **)&k->v, k->n, &k->cap, sizeof *k->v))
        return ERR_NOMEM;
    k->v[k->n].rid = pg_int(r, row, 1);
    if (!(k->v[k->n].id = strdup(pg_fu_text(r, row, 0))))
        return ERR_NOMEM;
    k->n++;
    return 0;
}

static int choose(struct pg_store *st, const struct store_followup_filter *f, struct keys *k,
                  struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, f->rec_id);
    pg_param_text(&p, f->country);
    pg_param_text(&p, f->body);
    pg_fu_param_id(&p, f->institution_id);
    pg_fu_param_id(&p, f->cluster_id);
    int rc = pg_fu_rows(
        st,
        "SELECT r.id, r.rid FROM recommendation r WHERE ($1::text IS NULL OR r.id = $1) "
        "AND ($2::text IS NULL OR r.country = $2) "
        "AND ($3::text IS NULL OR lower(r.body) = lower($3)) "
        "AND ($4::bigint IS NULL OR r.rid IN (SELECT rid FROM assignment "
        "WHERE institution_id = $4 AND rid IS NOT NULL UNION SELECT m.rid FROM assignment a "
        "JOIN cluster_member m ON m.cluster_id = a.cluster_id WHERE a.institution_id = $4)) "
        "AND ($5::bigint IS NULL OR r.rid IN "
        "(SELECT rid FROM cluster_member WHERE cluster_id = $5)) ORDER BY r.id",
        &p, add_key, k, "choosing recommendations", err);
    if (rc == ERR_NOMEM)
        rc = err_set(err, ERR_NOMEM, "out of memory listing recommendations");
    if (!rc && f->rec_id && !k->n)
        rc = err_set(err, ERR_NOTFOUND, "no recommendation with id \"%s\"", f->rec_id);
    return rc;
}

int postgres_followup_each(struct pg_store *st, const struct store_followup_filter *f,
                           store_followup_cb cb, void *ctx, struct err *err)
{
    static const struct store_followup_filter all;
    struct keys k = {0};
    struct load l = {.st = st, .cb = cb, .ctx = ctx, .err = err};
    int began;
    int rc = pg_read_begin(st, &began, err);
    if (rc)
        return rc;
    rc = choose(st, f ? f : &all, &k, err);
    for (size_t i = 0; i < k.n && !rc; i++) {
        l.rid = k.v[i].rid;
        rc = postgres_rec_get(st, k.v[i].id, with_rec, &l, err);
    }
    for (size_t i = 0; i < k.n; i++)
        free(k.v[i].id);
    free(k.v);
    store_pool_free(&l.pool);
    free(l.assignments);
    free(l.actions);
    free(l.indicators);
    free(l.values);
    free(l.cluster_ids);
    pg_read_end(st, began);
    return rc;
}
