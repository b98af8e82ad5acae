/*
 * sqlite_followup.c — the plan side of follow-up in the SQLite backend (tables of migration
 * 003): clusters and their members, assignments to institutions, planned actions, indicators
 * and their values; and the helpers the follow-up files share (sqlite_followup.h). Progress
 * reports, evidence, notes, deadlines and the outbox are in sqlite_followup_progress.c, the
 * read model (store_followup_each) in sqlite_followup_read.c.
 */
#include "store/sqlite_followup.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/isotime.h"

/* ---- helpers ----------------------------------------------------------------------------- */

int sqlite_fu_prepare(struct sqlite_store *st, const char *sql, sqlite3_stmt **out, struct err *err)
{
    if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK) {
        *out = NULL;
        return sqlite_fail(st, err, "preparing a follow-up statement");
    }
    return 0;
}

void sqlite_fu_bind_time(sqlite3_stmt *s, int i, int64_t ms)
{
    if (!ms) {
        sqlite3_bind_null(s, i);
        return;
    }
    char text[ISOTIME_SIZE];
    isotime_format(ms, text);
    sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
}

int64_t sqlite_fu_time(sqlite3_stmt *s, int i)
{
    return isotime_parse((const char *)sqlite3_column_text(s, i));
}

void sqlite_fu_bind_id(sqlite3_stmt *s, int i, long id)
{
    if (id)
        sqlite3_bind_int64(s, i, id);
    else
        sqlite3_bind_null(s, i);
}

void sqlite_fu_bind_double(sqlite3_stmt *s, int i, double v)
{
    if (isnan(v))
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_double(s, i, v);
}

const char *sqlite_fu_text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

double sqlite_fu_double(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? NAN : sqlite3_column_double(s, i);
}

long sqlite_fu_long(sqlite3_stmt *s, int i)
{
    return (long)sqlite3_column_int64(s, i);
}

int sqlite_fu_write(struct sqlite_store *st, sqlite3_stmt *s, const char *doing, const char *taken,
                    struct err *err)
{
    int rc = sqlite3_step(s);
    int ext = sqlite3_extended_errcode(st->db);
    if (rc == SQLITE_DONE)
        return 0;
    if (taken && ext == SQLITE_CONSTRAINT_UNIQUE)
        return err_set(err, ERR_INPUT, "%s is already taken", taken);
    if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
        return err_set(err, ERR_INPUT, "%s: it refers to a row that does not exist", doing);
    return sqlite_fail(st, err, doing);
}

int sqlite_fu_rows(struct sqlite_store *st, sqlite3_stmt *s, int (*each)(sqlite3_stmt *, void *),
                   void *ctx, const char *doing, struct err *err)
{
    int rc, cb_rc = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && !(cb_rc = each(s, ctx)))
        ;
    if (cb_rc)
        return cb_rc;
    return rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, doing);
}

int sqlite_fu_one(struct sqlite_store *st, sqlite3_stmt *s, const char *doing, struct err *err)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, doing);
}

int sqlite_fu_rid(struct sqlite_store *st, const char *rec_id, sqlite3_int64 *rid, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, "SELECT rid FROM recommendation WHERE id = ?1", &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, rec_id);
    rc = sqlite_fu_one(st, s, "finding a recommendation", err);
    if (rc == 1) {
        *rid = sqlite3_column_int64(s, 0);
        rc = 0;
    } else if (rc == 0) {
        rc = err_set(err, ERR_NOTFOUND, "no recommendation with id \"%s\"", rec_id ? rec_id : "");
    }
    sqlite3_finalize(s);
    return rc;
}

int sqlite_fu_put(struct sqlite_store *st, sqlite3_stmt *s, long update_id, long *id,
                  const char *doing, const char *what, const char *taken, struct err *err)
{
    int rc = sqlite_fu_write(st, s, doing, taken, err);
    sqlite3_finalize(s);
    if (!rc && update_id && !sqlite3_changes(st->db))
        rc = err_set(err, ERR_NOTFOUND, "no %s with id %ld", what, update_id);
    if (!rc && id)
        *id = update_id ? update_id : (long)sqlite3_last_insert_rowid(st->db);
    return rc;
}

int sqlite_fu_change(struct sqlite_store *st, sqlite3_stmt *s, long id, const char *doing,
                     const char *what, struct err *err)
{
    int rc = sqlite_fu_write(st, s, doing, NULL, err);
    sqlite3_finalize(s);
    if (!rc && !sqlite3_changes(st->db))
        rc = err_set(err, ERR_NOTFOUND, "no %s with id %ld", what, id);
    return rc;
}

int sqlite_fu_rows_by_id(struct sqlite_store *st, const char *sql, long id,
                         int (*each)(sqlite3_stmt *, void *), void *ctx, const char *doing,
                         struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    sqlite_fu_bind_id(s, 1, id);
    rc = sqlite_fu_rows(st, s, each, ctx, doing, err);
    sqlite3_finalize(s);
    return rc;
}

int sqlite_fu_row_by_id(struct sqlite_store *st, const char *sql, long id,
                        int (*each)(sqlite3_stmt *, void *), void *ctx, const char *what,
                        struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    sqlite_fu_bind_id(s, 1, id);
    rc = sqlite_fu_one(st, s, what, err);
    if (rc == 1)
        rc = each(s, ctx);
    else if (rc == 0)
        rc = err_set(err, ERR_NOTFOUND, "no %s with id %ld", what, id);
    sqlite3_finalize(s);
    return rc;
}

int sqlite_fu_count(struct sqlite_store *st, const char *const (*tables)[2], size_t n,
                    const char *family, const char *entity, long *out, struct err *err)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(entity, tables[i][0]))
            continue;
        sqlite3_stmt *s;
        int rc = sqlite_fu_prepare(st, tables[i][1], &s, err);
        if (rc)
            return rc;
        rc = sqlite_fu_one(st, s, "counting", err);
        *out = rc == 1 ? sqlite_fu_long(s, 0) : 0;
        sqlite3_finalize(s);
        return rc < 0 ? rc : 0;
    }
    return err_set(err, ERR_USAGE, "unknown %s entity \"%s\"", family, entity);
}

struct id_call {
    store_id_cb cb;
    void *ctx;
};

static int id_row(sqlite3_stmt *s, void *ctx)
{
    struct id_call *c = ctx;
    return c->cb(c->ctx, sqlite_fu_text(s, 0));
}

/* ---- clusters ---------------------------------------------------------------------------- */

#define CLUSTER_COLS                                                                               \
    "SELECT c.id, c.name, c.kind, c.criterion, c.country, "                                        \
    "(SELECT count(*) FROM cluster_member m WHERE m.cluster_id = c.id), c.created_at FROM "        \
    "cluster c "

int sqlite_cluster_put(struct sqlite_store *st, const struct store_cluster *c, long *id,
                       struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               "INSERT INTO cluster(name, kind, criterion, country, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, "
                               "coalesce(?5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
                               &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, c->name);
    sqlite_bind_text(s, 2, c->kind);
    sqlite_bind_text(s, 3, c->criterion);
    sqlite_bind_text(s, 4, c->country);
    sqlite_fu_bind_time(s, 5, c->created_at);
    char taken[96];
    snprintf(taken, sizeof taken, "cluster name \"%.64s\"", c->name ? c->name : "");
    return sqlite_fu_put(st, s, 0, id, "storing a cluster", "cluster", taken, err);
}

struct cluster_call {
    store_cluster_cb cb;
    void *ctx;
};

static int cluster_row(sqlite3_stmt *s, void *ctx)
{
    struct cluster_call *c = ctx;
    struct store_cluster cl = {
        .id = sqlite_fu_long(s, 0),
        .name = sqlite_fu_text(s, 1),
        .kind = sqlite_fu_text(s, 2),
        .criterion = sqlite_fu_text(s, 3),
        .country = sqlite_fu_text(s, 4),
        .members = sqlite_fu_long(s, 5),
        .created_at = sqlite_fu_time(s, 6),
    };
    return c->cb(c->ctx, &cl);
}

int sqlite_cluster_get(struct sqlite_store *st, long id, const char *name, store_cluster_cb cb,
                       void *ctx, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, CLUSTER_COLS "WHERE c.id = ?1 OR c.name = ?2", &s, err);
    if (rc)
        return rc;
    sqlite_fu_bind_id(s, 1, id > 0 ? id : 0);
    sqlite_bind_text(s, 2, id > 0 ? NULL : name);
    struct cluster_call c = {cb, ctx};
    if ((rc = sqlite_fu_one(st, s, "reading a cluster", err)) == 1)
        rc = cluster_row(s, &c);
    else if (rc == 0)
        rc = id > 0 ? err_set(err, ERR_NOTFOUND, "no cluster with id %ld", id)
                    : err_set(err, ERR_NOTFOUND, "no cluster named \"%s\"", name ? name : "");
    sqlite3_finalize(s);
    return rc;
}

int sqlite_cluster_each(struct sqlite_store *st, store_cluster_cb cb, void *ctx, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, CLUSTER_COLS "ORDER BY c.name", &s, err);
    if (rc)
        return rc;
    struct cluster_call c = {cb, ctx};
    rc = sqlite_fu_rows(st, s, cluster_row, &c, "listing clusters", err);
    sqlite3_finalize(s);
    return rc;
}

/* The recommendations a criterion selects (see store.h): ?1 is the cluster. */
static const char fill_sql[] =
    "INSERT OR IGNORE INTO cluster_member(cluster_id, rid, by_hand) "
    "SELECT c.id, r.rid, 0 FROM cluster c JOIN recommendation r "
    "ON c.country IS NULL OR r.country = c.country WHERE c.id = ?1 AND ("
    " (c.kind = 'body' AND r.body = c.criterion COLLATE NOCASE)"
    " OR EXISTS (SELECT 1 FROM rec_tag g WHERE g.rid = r.rid AND ("
    "  (c.kind = 'theme' AND g.vocab IN ('uhri_theme', 'upr_issue')"
    "   AND (g.code = c.criterion OR g.label = c.criterion COLLATE NOCASE))"
    "  OR (c.kind = 'sdg' AND g.vocab = 'sdg'"
    "   AND (g.code = c.criterion OR g.code LIKE c.criterion || '.%'))"
    "  OR (c.kind = 'affected' AND g.vocab = 'affected_person'"
    "   AND (g.code = c.criterion OR g.label = c.criterion COLLATE NOCASE)))))";

int sqlite_cluster_fill(struct sqlite_store *st, long id, long *members, struct err *err)
{
    static const char *const steps[] = {
        "DELETE FROM cluster_member WHERE cluster_id = ?1 AND by_hand = 0",
        fill_sql,
        "SELECT count(*) FROM cluster_member WHERE cluster_id = ?1",
    };
    int rc = 0;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && !rc; i++) {
        sqlite3_stmt *s;
        if ((rc = sqlite_fu_prepare(st, steps[i], &s, err)))
            break;
        sqlite3_bind_int64(s, 1, id);
        if (i < 2) {
            rc = sqlite_fu_write(st, s, "filling a cluster", NULL, err);
        } else if ((rc = sqlite_fu_one(st, s, "counting a cluster's members", err)) == 1) {
            *members = sqlite_fu_long(s, 0);
            rc = 0;
        }
        sqlite3_finalize(s);
    }
    return rc;
}

int sqlite_cluster_member_put(struct sqlite_store *st, long id, const char *rec_id, int *added,
                              struct err *err)
{
    sqlite3_int64 rid;
    int rc = sqlite_fu_rid(st, rec_id, &rid, err);
    static const char *const steps[] = {
        "INSERT OR IGNORE INTO cluster_member(cluster_id, rid, by_hand) VALUES (?1, ?2, 1)",
        "UPDATE cluster_member SET by_hand = 1 WHERE cluster_id = ?1 AND rid = ?2",
    };
    *added = 0;
    for (size_t i = 0; i < 2 && !rc; i++) {
        sqlite3_stmt *s;
        if ((rc = sqlite_fu_prepare(st, steps[i], &s, err)))
            break;
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, rid);
        rc = sqlite_fu_write(st, s, "adding to a cluster", NULL, err);
        sqlite3_finalize(s);
        if (!rc && i == 0 && sqlite3_changes(st->db)) {
            *added = 1;
            break;
        }
    }
    return rc;
}

int sqlite_cluster_member_delete(struct sqlite_store *st, long id, const char *rec_id, int *deleted,
                                 struct err *err)
{
    sqlite3_int64 rid;
    sqlite3_stmt *s;
    *deleted = 0;
    int rc = sqlite_fu_rid(st, rec_id, &rid, err);
    if (rc || (rc = sqlite_fu_prepare(
                   st, "DELETE FROM cluster_member WHERE cluster_id = ?1 AND rid = ?2", &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, rid);
    rc = sqlite_fu_write(st, s, "removing from a cluster", NULL, err);
    sqlite3_finalize(s);
    *deleted = !rc && sqlite3_changes(st->db) > 0;
    return rc;
}

int sqlite_cluster_members(struct sqlite_store *st, long id, store_id_cb cb, void *ctx,
                           struct err *err)
{
    struct id_call c = {cb, ctx};
    return sqlite_fu_rows_by_id(
        st,
        "SELECT r.id FROM cluster_member m JOIN recommendation r ON r.rid = m.rid "
        "WHERE m.cluster_id = ?1 ORDER BY r.id",
        id, id_row, &c, "listing a cluster's members", err);
}

/* ---- assignments ------------------------------------------------------------------------- */

#define ASSIGNMENT_COLS                                                                            \
    "SELECT a.id, r.id, a.cluster_id, a.institution_id, i.code, i.name, a.lead, a.deadline "       \
    "FROM assignment a JOIN institution i ON i.id = a.institution_id "                             \
    "LEFT JOIN recommendation r ON r.rid = a.rid "

/* Finds the assignment of (rid or cluster, institution): its id, or 0. */
static int assignment_find(struct sqlite_store *st, sqlite3_int64 rid, long cluster_id,
                           long institution_id, long *id, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               "SELECT id FROM assignment WHERE (rid = ?1 OR cluster_id = ?2) "
                               "AND institution_id = ?3",
                               &s, err);
    if (rc)
        return rc;
    sqlite_fu_bind_id(s, 1, (long)rid);
    sqlite_fu_bind_id(s, 2, cluster_id);
    sqlite3_bind_int64(s, 3, institution_id);
    rc = sqlite_fu_one(st, s, "finding an assignment", err);
    *id = rc == 1 ? sqlite_fu_long(s, 0) : 0;
    sqlite3_finalize(s);
    return rc < 0 ? rc : 0;
}

int sqlite_assignment_put(struct sqlite_store *st, const struct store_assignment *a, long *id,
                          int *created, struct err *err)
{
    sqlite3_int64 rid = 0;
    long found = 0;
    int rc = a->rec_id ? sqlite_fu_rid(st, a->rec_id, &rid, err) : 0;
    if (rc || (rc = assignment_find(st, rid, a->rec_id ? 0 : a->cluster_id, a->institution_id,
                                    &found, err)))
        return rc;
    sqlite3_stmt *s;
    if ((rc = sqlite_fu_prepare(
             st,
             found ? "UPDATE assignment SET lead = ?4, deadline = ?5 WHERE id = ?6"
                   : "INSERT INTO assignment(rid, cluster_id, institution_id, lead, deadline, "
                     "created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                     "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
             &s, err)))
        return rc;
    if (!found) {
        sqlite_fu_bind_id(s, 1, (long)rid);
        sqlite_fu_bind_id(s, 2, a->rec_id ? 0 : a->cluster_id);
        sqlite3_bind_int64(s, 3, a->institution_id);
    } else {
        sqlite3_bind_int64(s, 6, found);
    }
    sqlite3_bind_int(s, 4, a->lead ? 1 : 0);
    sqlite_bind_text(s, 5, a->deadline);
    rc = sqlite_fu_write(st, s, "storing an assignment", NULL, err);
    sqlite3_finalize(s);
    if (!rc) {
        *id = found ? found : (long)sqlite3_last_insert_rowid(st->db);
        *created = !found;
    }
    return rc;
}

struct assignment_call {
    store_assignment_cb cb;
    void *ctx;
};

static int assignment_row(sqlite3_stmt *s, void *ctx)
{
    struct assignment_call *c = ctx;
    struct store_assignment a = {
        .id = sqlite_fu_long(s, 0),
        .rec_id = sqlite_fu_text(s, 1),
        .cluster_id = sqlite_fu_long(s, 2),
        .institution_id = sqlite_fu_long(s, 3),
        .institution_code = sqlite_fu_text(s, 4),
        .institution_name = sqlite_fu_text(s, 5),
        .lead = sqlite3_column_int(s, 6),
        .deadline = sqlite_fu_text(s, 7),
    };
    return c->cb(c->ctx, &a);
}

int sqlite_assignment_get(struct sqlite_store *st, long id, store_assignment_cb cb, void *ctx,
                          struct err *err)
{
    struct assignment_call c = {cb, ctx};
    return sqlite_fu_row_by_id(st, ASSIGNMENT_COLS "WHERE a.id = ?1", id, assignment_row, &c,
                               "assignment", err);
}

int sqlite_assignment_delete(struct sqlite_store *st, long id, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, "DELETE FROM assignment WHERE id = ?1", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return sqlite_fu_change(st, s, id, "storing an assignment", "assignment", err);
}

int sqlite_assignment_each(struct sqlite_store *st, const char *rec_id, long cluster_id,
                           store_assignment_cb cb, void *ctx, struct err *err)
{
    sqlite3_int64 rid = 0;
    sqlite3_stmt *s;
    int rc = rec_id ? sqlite_fu_rid(st, rec_id, &rid, err) : 0;
    if (rc || (rc = sqlite_fu_prepare(st,
                                      ASSIGNMENT_COLS "WHERE a.rid = ?1 OR a.cluster_id = ?2 "
                                                      "ORDER BY a.lead DESC, i.code",
                                      &s, err)))
        return rc;
    sqlite_fu_bind_id(s, 1, (long)rid);
    sqlite_fu_bind_id(s, 2, rec_id ? 0 : cluster_id);
    struct assignment_call c = {cb, ctx};
    rc = sqlite_fu_rows(st, s, assignment_row, &c, "listing assignments", err);
    sqlite3_finalize(s);
    return rc;
}

int sqlite_assignment_covers(struct sqlite_store *st, const char *rec_id, long cluster_id,
                             long institution_id, int *yes, struct err *err)
{
    sqlite3_int64 rid = 0;
    sqlite3_stmt *s;
    int rc = rec_id ? sqlite_fu_rid(st, rec_id, &rid, err) : 0;
    if (rc || (rc = sqlite_fu_prepare(
                   st,
                   "SELECT EXISTS (SELECT 1 FROM assignment a WHERE a.institution_id = ?3 AND ("
                   "a.rid = ?1 OR a.cluster_id = ?2 OR a.cluster_id IN "
                   "(SELECT cluster_id FROM cluster_member WHERE rid = ?1)))",
                   &s, err)))
        return rc;
    sqlite_fu_bind_id(s, 1, (long)rid);
    sqlite_fu_bind_id(s, 2, rec_id ? 0 : cluster_id);
    sqlite3_bind_int64(s, 3, institution_id);
    rc = sqlite_fu_one(st, s, "checking an assignment", err);
    *yes = rc == 1 && sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return rc < 0 ? rc : 0;
}

int sqlite_assigned_to(struct sqlite_store *st, long institution_id, store_id_cb cb, void *ctx,
                       struct err *err)
{
    struct id_call c = {cb, ctx};
    return sqlite_fu_rows_by_id(
        st,
        "SELECT r.id FROM recommendation r WHERE r.rid IN ("
        "SELECT rid FROM assignment WHERE institution_id = ?1 AND rid IS NOT NULL "
        "UNION SELECT m.rid FROM assignment a JOIN cluster_member m "
        "ON m.cluster_id = a.cluster_id WHERE a.institution_id = ?1) ORDER BY r.id",
        institution_id, id_row, &c, "listing assigned recommendations", err);
}

/* ---- actions ----------------------------------------------------------------------------- */

int sqlite_action_put(struct sqlite_store *st, const struct store_plan_action *a, long *id,
                      struct err *err)
{
    sqlite3_int64 rid = 0;
    sqlite3_stmt *s;
    int rc = a->rec_id ? sqlite_fu_rid(st, a->rec_id, &rid, err) : 0;
    if (rc ||
        (rc = sqlite_fu_prepare(
             st,
             a->id ? "UPDATE plan_action SET rid = ?1, cluster_id = ?2, institution_id = ?3, "
                     "description = ?4, unit = ?5, start_date = ?6, due_date = ?7, budget = ?8, "
                     "currency = ?9, status = ?10, updated_at = "
                     "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?11"
                   : "INSERT INTO plan_action(rid, cluster_id, institution_id, description, "
                     "unit, start_date, due_date, budget, currency, status, created_at, "
                     "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                     "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "
                     "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
             &s, err)))
        return rc;
    sqlite_fu_bind_id(s, 1, (long)rid);
    sqlite_fu_bind_id(s, 2, a->rec_id ? 0 : a->cluster_id);
    sqlite3_bind_int64(s, 3, a->institution_id);
    const char *text[] = {a->description, a->unit, a->start_date, a->due_date};
    for (int i = 0; i < 4; i++)
        sqlite_bind_text(s, 4 + i, text[i]);
    sqlite_fu_bind_double(s, 8, a->budget);
    sqlite_bind_text(s, 9, a->currency);
    sqlite_bind_text(s, 10, a->status);
    if (a->id)
        sqlite3_bind_int64(s, 11, a->id);
    return sqlite_fu_put(st, s, a->id, id, "storing an action", "action", NULL, err);
}

struct action_call {
    store_plan_action_cb cb;
    void *ctx;
};

static int action_row(sqlite3_stmt *s, void *ctx)
{
    struct action_call *c = ctx;
    struct store_plan_action a = {
        .id = sqlite_fu_long(s, 0),
        .rec_id = sqlite_fu_text(s, 1),
        .cluster_id = sqlite_fu_long(s, 2),
        .institution_id = sqlite_fu_long(s, 3),
        .description = sqlite_fu_text(s, 4),
        .unit = sqlite_fu_text(s, 5),
        .start_date = sqlite_fu_text(s, 6),
        .due_date = sqlite_fu_text(s, 7),
        .budget = sqlite_fu_double(s, 8),
        .currency = sqlite_fu_text(s, 9),
        .status = sqlite_fu_text(s, 10),
    };
    return c->cb(c->ctx, &a);
}

int sqlite_action_get(struct sqlite_store *st, long id, store_plan_action_cb cb, void *ctx,
                      struct err *err)
{
    struct action_call c = {cb, ctx};
    return sqlite_fu_row_by_id(
        st,
        "SELECT p.id, r.id, p.cluster_id, p.institution_id, p.description, p.unit, "
        "p.start_date, p.due_date, p.budget, p.currency, p.status FROM plan_action p "
        "LEFT JOIN recommendation r ON r.rid = p.rid WHERE p.id = ?1",
        id, action_row, &c, "action", err);
}

/* ---- indicators -------------------------------------------------------------------------- */

int sqlite_indicator_put(struct sqlite_store *st, const struct store_indicator *ind, long *id,
                         struct err *err)
{
    sqlite3_int64 rid = 0;
    sqlite3_stmt *s;
    int rc = sqlite_fu_rid(st, ind->rec_id, &rid, err);
    if (rc ||
        (rc = sqlite_fu_prepare(
             st,
             ind->id ? "UPDATE indicator SET rid = ?1, institution_id = ?2, name = ?3, "
                       "definition = ?4, unit = ?5, source = ?6, baseline = ?7, target = ?8, "
                       "baseline_date = ?9, target_date = ?10, sdg_indicator = ?11, updated_at = "
                       "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?12"
                     : "INSERT INTO indicator(rid, institution_id, name, definition, unit, "
                       "source, baseline, target, baseline_date, target_date, sdg_indicator, "
                       "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                       "?10, ?11, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "
                       "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
             &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, rid);
    sqlite3_bind_int64(s, 2, ind->institution_id);
    const char *text[] = {ind->name, ind->definition, ind->unit, ind->source};
    for (int i = 0; i < 4; i++)
        sqlite_bind_text(s, 3 + i, text[i]);
    sqlite_fu_bind_double(s, 7, ind->baseline);
    sqlite_fu_bind_double(s, 8, ind->target);
    sqlite_bind_text(s, 9, ind->baseline_date);
    sqlite_bind_text(s, 10, ind->target_date);
    sqlite_bind_text(s, 11, ind->sdg_indicator);
    if (ind->id)
        sqlite3_bind_int64(s, 12, ind->id);
    return sqlite_fu_put(st, s, ind->id, id, "storing an indicator", "indicator", NULL, err);
}

struct indicator_call {
    store_indicator_cb cb;
    void *ctx;
};

static int indicator_row(sqlite3_stmt *s, void *ctx)
{
    struct indicator_call *c = ctx;
    struct store_indicator ind = {
        .id = sqlite_fu_long(s, 0),
        .rec_id = sqlite_fu_text(s, 1),
        .institution_id = sqlite_fu_long(s, 2),
        .name = sqlite_fu_text(s, 3),
        .definition = sqlite_fu_text(s, 4),
        .unit = sqlite_fu_text(s, 5),
        .source = sqlite_fu_text(s, 6),
        .baseline = sqlite_fu_double(s, 7),
        .target = sqlite_fu_double(s, 8),
        .baseline_date = sqlite_fu_text(s, 9),
        .target_date = sqlite_fu_text(s, 10),
        .sdg_indicator = sqlite_fu_text(s, 11),
    };
    return c->cb(c->ctx, &ind);
}

int sqlite_indicator_get(struct sqlite_store *st, long id, store_indicator_cb cb, void *ctx,
                         struct err *err)
{
    struct indicator_call c = {cb, ctx};
    return sqlite_fu_row_by_id(
        st,
        "SELECT x.id, r.id, x.institution_id, x.name, x.definition, x.unit, "
        "x.source, x.baseline, x.target, x.baseline_date, x.target_date, "
        "x.sdg_indicator FROM indicator x JOIN recommendation r ON r.rid = x.rid "
        "WHERE x.id = ?1",
        id, indicator_row, &c, "indicator", err);
}

int sqlite_indicator_value_put(struct sqlite_store *st, const struct store_indicator_value *v,
                               struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               "INSERT INTO indicator_value(indicator_id, date, value, note) "
                               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (indicator_id, date) DO "
                               "UPDATE SET value = excluded.value, note = excluded.note",
                               &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, v->indicator_id);
    sqlite_bind_text(s, 2, v->date);
    sqlite3_bind_double(s, 3, v->value);
    sqlite_bind_text(s, 4, v->note);
    rc = sqlite_fu_write(st, s, "storing an indicator value", NULL, err);
    sqlite3_finalize(s);
    return rc;
}

int sqlite_indicator_value_get(struct sqlite_store *st, long indicator_id, const char *date,
                               store_indicator_value_cb cb, void *ctx, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               "SELECT indicator_id, date, value, note FROM indicator_value "
                               "WHERE indicator_id = ?1 AND date = ?2",
                               &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, indicator_id);
    sqlite_bind_text(s, 2, date);
    if ((rc = sqlite_fu_one(st, s, "reading an indicator value", err)) == 1) {
        struct store_indicator_value v = {sqlite_fu_long(s, 0), sqlite_fu_text(s, 1),
                                          sqlite3_column_double(s, 2), sqlite_fu_text(s, 3)};
        rc = cb(ctx, &v);
    }
    sqlite3_finalize(s);
    return rc;
}
