/*
 * sqlite_followup_read.c — the read model of follow-up in the SQLite backend:
 * store_followup_each hands each recommendation with its assignments (direct and through its
 * clusters), actions, indicators and their values, latest validated report and clusters. The
 * recommendations are chosen first (ids only), then read one at a time with six statements
 * prepared once for the whole batch, so a matrix of thousands of rows costs six prepares.
 * Rows are copied into arrays whose strings live in a pool freed after each callback.
 */
#include "store/sqlite_followup.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_pool.h"

/* ---- one recommendation's follow-up ---------------------------------------------------- */

enum { Q_ASSIGNMENTS, Q_ACTIONS, Q_INDICATORS, Q_VALUES, Q_PUBLISHED, Q_CLUSTERS, Q_COUNT };

/* Each takes the recommendation's rid as ?1. */
static const char *const load_sql[Q_COUNT] = {
    [Q_ASSIGNMENTS] =
        "SELECT a.id, r.id, a.cluster_id, a.institution_id, i.code, i.name, a.lead, a.deadline "
        "FROM assignment a JOIN institution i ON i.id = a.institution_id "
        "LEFT JOIN recommendation r ON r.rid = a.rid WHERE a.rid = ?1 OR a.cluster_id IN "
        "(SELECT cluster_id FROM cluster_member WHERE rid = ?1) "
        "ORDER BY a.cluster_id IS NOT NULL, a.cluster_id, a.lead DESC, i.code",
    [Q_ACTIONS] = "SELECT p.id, r.id, p.cluster_id, p.institution_id, p.description, p.unit, "
                  "p.start_date, p.due_date, p.budget, p.currency, p.status FROM plan_action p "
                  "LEFT JOIN recommendation r ON r.rid = p.rid WHERE p.rid = ?1 OR "
                  "p.cluster_id IN (SELECT cluster_id FROM cluster_member WHERE rid = ?1) "
                  "ORDER BY p.due_date IS NULL, p.due_date, p.id",
    [Q_INDICATORS] = "SELECT x.id, r.id, x.institution_id, x.name, x.definition, x.unit, "
                     "x.source, x.baseline, x.target, x.baseline_date, x.target_date, "
                     "x.sdg_indicator FROM indicator x JOIN recommendation r ON r.rid = x.rid "
                     "WHERE x.rid = ?1 ORDER BY x.id",
    [Q_VALUES] = "SELECT v.indicator_id, v.date, v.value, v.note FROM indicator_value v "
                 "JOIN indicator x ON x.id = v.indicator_id WHERE x.rid = ?1 "
                 "ORDER BY v.indicator_id, v.date",
    [Q_PUBLISHED] = "SELECT " SQLITE_FU_PROGRESS_COLS " FROM progress p JOIN recommendation r "
                    "ON r.rid = p.rid WHERE p.rid = ?1 AND p.workflow = 'validated' "
                    "ORDER BY p.reviewed_at DESC, p.id DESC LIMIT 1",
    [Q_CLUSTERS] = "SELECT cluster_id FROM cluster_member WHERE rid = ?1 ORDER BY cluster_id",
};

struct load {
    struct sqlite_store *st;
    sqlite3_stmt *q[Q_COUNT];
    sqlite3_int64 rid;
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

static int add_assignment(sqlite3_stmt *s, void *ctx)
{
    struct load *l = ctx;
    if (store_grow((void **)&l->assignments, l->fu.nassignments, &l->cap[Q_ASSIGNMENTS],
                   sizeof *l->assignments))
        return ERR_NOMEM;
    struct store_pool *p = &l->pool;
    l->assignments[l->fu.nassignments++] = (struct store_assignment){
        .id = sqlite_fu_long(s, 0),
        .rec_id = store_pool_dup(p, sqlite_fu_text(s, 1)),
        .cluster_id = sqlite_fu_long(s, 2),
        .institution_id = sqlite_fu_long(s, 3),
        .institution_code = store_pool_dup(p, sqlite_fu_text(s, 4)),
        .institution_name = store_pool_dup(p, sqlite_fu_text(s, 5)),
        .lead = sqlite3_column_int(s, 6),
        .deadline = store_pool_dup(p, sqlite_fu_text(s, 7)),
    };
    return p->oom ? ERR_NOMEM : 0;
}

static int add_action(sqlite3_stmt *s, void *ctx)
{
    struct load *l = ctx;
    if (store_grow((void **)&l->actions, l->fu.nactions, &l->cap[Q_ACTIONS], sizeof *l->actions))
        return ERR_NOMEM;
    struct store_pool *p = &l->pool;
    l->actions[l->fu.nactions++] = (struct store_plan_action){
        .id = sqlite_fu_long(s, 0),
        .rec_id = store_pool_dup(p, sqlite_fu_text(s, 1)),
        .cluster_id = sqlite_fu_long(s, 2),
        .institution_id = sqlite_fu_long(s, 3),
        .description = store_pool_dup(p, sqlite_fu_text(s, 4)),
        .unit = store_pool_dup(p, sqlite_fu_text(s, 5)),
        .start_date = store_pool_dup(p, sqlite_fu_text(s, 6)),
        .due_date = store_pool_dup(p, sqlite_fu_text(s, 7)),
        .budget = sqlite_fu_double(s, 8),
        .currency = store_pool_dup(p, sqlite_fu_text(s, 9)),
        .status = store_pool_dup(p, sqlite_fu_text(s, 10)),
    };
    return p->oom ? ERR_NOMEM : 0;
}

static int add_indicator(sqlite3_stmt *s, void *ctx)
{
    struct load *l = ctx;
    if (store_grow((void **)&l->indicators, l->fu.nindicators, &l->cap[Q_INDICATORS],
                   sizeof *l->indicators))
        return ERR_NOMEM;
    struct store_pool *p = &l->pool;
    l->indicators[l->fu.nindicators++] = (struct store_indicator){
        .id = sqlite_fu_long(s, 0),
        .rec_id = store_pool_dup(p, sqlite_fu_text(s, 1)),
        .institution_id = sqlite_fu_long(s, 2),
        .name = store_pool_dup(p, sqlite_fu_text(s, 3)),
        .definition = store_pool_dup(p, sqlite_fu_text(s, 4)),
        .unit = store_pool_dup(p, sqlite_fu_text(s, 5)),
        .source = store_pool_dup(p, sqlite_fu_text(s, 6)),
        .baseline = sqlite_fu_double(s, 7),
        .target = sqlite_fu_double(s, 8),
        .baseline_date = store_pool_dup(p, sqlite_fu_text(s, 9)),
        .target_date = store_pool_dup(p, sqlite_fu_text(s, 10)),
        .sdg_indicator = store_pool_dup(p, sqlite_fu_text(s, 11)),
    };
    return p->oom ? ERR_NOMEM : 0;
}

static int add_value(sqlite3_stmt *s, void *ctx)
{
    struct load *l = ctx;
    if (store_grow((void **)&l->values, l->fu.nvalues, &l->cap[Q_VALUES], sizeof *l->values))
        return ERR_NOMEM;
    struct store_pool *p = &l->pool;
    l->values[l->fu.nvalues++] = (struct store_indicator_value){
        .indicator_id = sqlite_fu_long(s, 0),
        .date = store_pool_dup(p, sqlite_fu_text(s, 1)),
        .value = sqlite3_column_double(s, 2),
        .note = store_pool_dup(p, sqlite_fu_text(s, 3)),
    };
    return p->oom ? ERR_NOMEM : 0;
}

static int set_published(sqlite3_stmt *s, void *ctx)
{
    struct load *l = ctx;
    struct store_progress row = sqlite_fu_progress_at(s, 0), *out = &l->published;
    struct store_pool *p = &l->pool;
    *out = row;
    const char **text[] = {&out->rec_id,          &out->status,         &out->narrative,
                           &out->workflow,        &out->review_comment, &out->author_login,
                           &out->submitter_login, &out->reviewer_login};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        *text[i] = store_pool_dup(p, *text[i]);
    l->fu.published = out;
    return p->oom ? ERR_NOMEM : 0;
}

static int add_cluster(sqlite3_stmt *s, void *ctx)
{
    struct load *l = ctx;
    if (store_grow((void **)&l->cluster_ids, l->fu.nclusters, &l->cap[Q_CLUSTERS],
                   sizeof *l->cluster_ids))
        return ERR_NOMEM;
    l->cluster_ids[l->fu.nclusters++] = sqlite_fu_long(s, 0);
    return 0;
}

static int (*const adders[Q_COUNT])(sqlite3_stmt *, void *) = {
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
    for (int i = 0; i < Q_COUNT && !rc; i++) {
        sqlite3_reset(l->q[i]);
        sqlite3_bind_int64(l->q[i], 1, l->rid);
        rc = sqlite_fu_rows(l->st, l->q[i], adders[i], l, "reading follow-up", l->err);
        sqlite3_reset(l->q[i]);
    }
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
    sqlite3_int64 rid;
};

struct keys {
    struct rec_key *v;
    size_t n, cap;
};

static int add_key(sqlite3_stmt *s, void *ctx)
{
    struct keys *k = ctx;
    if (store_grow((void **)&k->v, k->n, &k->cap, sizeof *k->v))
        return ERR_NOMEM;
    k->v[k->n].rid = sqlite3_column_int64(s, 1);
    if (!(k->v[k->n].id = strdup(sqlite_fu_text(s, 0))))
        return ERR_NOMEM;
    k->n++;
    return 0;
}

static int choose(struct sqlite_store *st, const struct store_followup_filter *f, struct keys *k,
                  struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(
        st,
        "SELECT r.id, r.rid FROM recommendation r WHERE (?1 IS NULL OR r.id = ?1) "
        "AND (?2 IS NULL OR r.country = ?2) AND (?3 IS NULL OR r.body = ?3 COLLATE NOCASE) "
        "AND (?4 IS NULL OR r.rid IN (SELECT rid FROM assignment WHERE institution_id = ?4 "
        "AND rid IS NOT NULL UNION SELECT m.rid FROM assignment a JOIN cluster_member m "
        "ON m.cluster_id = a.cluster_id WHERE a.institution_id = ?4)) "
        "AND (?5 IS NULL OR r.rid IN (SELECT rid FROM cluster_member WHERE cluster_id = ?5)) "
        "ORDER BY r.id",
        &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, f->rec_id);
    sqlite_bind_text(s, 2, f->country);
    sqlite_bind_text(s, 3, f->body);
    sqlite_fu_bind_id(s, 4, f->institution_id);
    sqlite_fu_bind_id(s, 5, f->cluster_id);
    rc = sqlite_fu_rows(st, s, add_key, k, "choosing recommendations", err);
    sqlite3_finalize(s);
    if (rc == ERR_NOMEM)
        rc = err_set(err, ERR_NOMEM, "out of memory listing recommendations");
    if (!rc && f->rec_id && !k->n)
        rc = err_set(err, ERR_NOTFOUND, "no recommendation with id \"%s\"", f->rec_id);
    return rc;
}

int sqlite_followup_each(struct sqlite_store *st, const struct store_followup_filter *f,
                         store_followup_cb cb, void *ctx, struct err *err)
{
    static const struct store_followup_filter all;
    struct keys k = {0};
    struct load l = {.st = st, .cb = cb, .ctx = ctx, .err = err};
    int began;
    int rc = sqlite_read_begin(st, &began, err);
    if (rc)
        return rc;
    rc = choose(st, f ? f : &all, &k, err);
    for (int i = 0; i < Q_COUNT && !rc && k.n; i++)
        rc = sqlite_fu_prepare(st, load_sql[i], &l.q[i], err);
    for (size_t i = 0; i < k.n && !rc; i++) {
        l.rid = k.v[i].rid;
        rc = sqlite_rec_get(st, k.v[i].id, with_rec, &l, err);
    }
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(l.q[i]);
    for (size_t i = 0; i < k.n; i++)
        free(k.v[i].id);
    free(k.v);
    store_pool_free(&l.pool);
    free(l.assignments);
    free(l.actions);
    free(l.indicators);
    free(l.values);
    free(l.cluster_ids);
    sqlite_read_end(st, began);
    return rc;
}
