/*
 * sqlite_bundle_read.c — the exchange bundle's reads in the SQLite backend (the "step 5"
 * section of store.h; the writes are in sqlite_bundle_write.c, the PostgreSQL twin is
 * postgres_bundle_read.c): follow-up rows listed by natural keys (recommendation id, cluster
 * name, institution code, created_at and a sequence number among equals) instead of this
 * database's ids, with their times as stored; whether a file is stored; and the one read
 * transaction a whole export runs in. Statements are prepared per call, as in the other
 * follow-up files.
 */
#include "store/sqlite_followup.h"

/* ---- helpers ----------------------------------------------------------------------------- */

/* Runs a listing bound to the country (?1, may be NULL). */
static int rows_of_country(struct sqlite_store *st, const char *sql, const char *country,
                           int (*each)(sqlite3_stmt *, void *), void *ctx, const char *doing,
                           struct err *err)
{
    sqlite3_stmt *s;
    int began = 0, rc = sqlite_read_begin(st, &began, err);
    if (rc)
        return rc;
    if (!(rc = sqlite_fu_prepare(st, sql, &s, err))) {
        sqlite_bind_text(s, 1, country);
        rc = sqlite_fu_rows(st, s, each, ctx, doing, err);
        sqlite3_finalize(s);
    }
    sqlite_read_end(st, began);
    return rc;
}

/* The rows of a recommendation of the country, or of a cluster of it or of every State. */
#define OF_COUNTRY_REC " (?1 IS NULL OR r.country = ?1) "
#define OF_COUNTRY_TARGET                                                                          \
    " (?1 IS NULL OR (x.rid IS NOT NULL AND r.country = ?1) OR "                                   \
    "(x.cluster_id IS NOT NULL AND (c.country IS NULL OR c.country = ?1))) "

/* ---- reads ------------------------------------------------------------------------------- */

struct call {
    void *cb;
    void *ctx;
};

static int member_row(sqlite3_stmt *s, void *ctx)
{
    struct call *c = ctx;
    struct store_bundle_member m = {sqlite_fu_text(s, 0), sqlite_fu_text(s, 1),
                                    sqlite3_column_int(s, 2)};
    return ((store_bundle_member_cb)c->cb)(c->ctx, &m);
}

int sqlite_bundle_member_each(struct sqlite_store *st, const char *country,
                              store_bundle_member_cb cb, void *ctx, struct err *err)
{
    struct call c = {(void *)cb, ctx};
    return rows_of_country(st,
                           "SELECT c.name, r.id, m.by_hand FROM cluster_member m "
                           "JOIN cluster c ON c.id = m.cluster_id "
                           "JOIN recommendation r ON r.rid = m.rid WHERE" OF_COUNTRY_REC
                           "ORDER BY c.name, r.id",
                           country, member_row, &c, "listing cluster members", err);
}

static int assignment_row(sqlite3_stmt *s, void *ctx)
{
    struct call *c = ctx;
    struct store_bundle_assignment a = {
        .rec_id = sqlite_fu_text(s, 0),
        .cluster = sqlite_fu_text(s, 1),
        .institution = sqlite_fu_text(s, 2),
        .lead = sqlite3_column_int(s, 3),
        .deadline = sqlite_fu_text(s, 4),
        .created_at = sqlite_fu_time(s, 5),
    };
    return ((store_bundle_assignment_cb)c->cb)(c->ctx, &a);
}

int sqlite_bundle_assignment_each(struct sqlite_store *st, const char *country,
                                  store_bundle_assignment_cb cb, void *ctx, struct err *err)
{
    struct call c = {(void *)cb, ctx};
    return rows_of_country(
        st,
        "SELECT r.id, c.name, i.code, x.lead, x.deadline, x.created_at FROM assignment x "
        "JOIN institution i ON i.id = x.institution_id "
        "LEFT JOIN recommendation r ON r.rid = x.rid LEFT JOIN cluster c ON c.id = x.cluster_id "
        "WHERE" OF_COUNTRY_TARGET "ORDER BY r.id IS NULL, r.id, c.name, i.code",
        country, assignment_row, &c, "listing assignments", err);
}

static int action_row(sqlite3_stmt *s, void *ctx)
{
    struct call *c = ctx;
    struct store_bundle_action a = {
        .rec_id = sqlite_fu_text(s, 0),
        .cluster = sqlite_fu_text(s, 1),
        .institution = sqlite_fu_text(s, 2),
        .seq = sqlite3_column_int(s, 3),
        .description = sqlite_fu_text(s, 4),
        .unit = sqlite_fu_text(s, 5),
        .start_date = sqlite_fu_text(s, 6),
        .due_date = sqlite_fu_text(s, 7),
        .budget = sqlite_fu_double(s, 8),
        .currency = sqlite_fu_text(s, 9),
        .status = sqlite_fu_text(s, 10),
        .created_at = sqlite_fu_time(s, 11),
        .updated_at = sqlite_fu_time(s, 12),
    };
    return ((store_bundle_action_cb)c->cb)(c->ctx, &a);
}

int sqlite_bundle_action_each(struct sqlite_store *st, const char *country,
                              store_bundle_action_cb cb, void *ctx, struct err *err)
{
    struct call c = {(void *)cb, ctx};
    return rows_of_country(
        st,
        "SELECT r.id, c.name, i.code, row_number() OVER (PARTITION BY x.rid, x.cluster_id, "
        "x.institution_id, x.created_at ORDER BY x.id), x.description, x.unit, x.start_date, "
        "x.due_date, x.budget, x.currency, x.status, x.created_at, x.updated_at "
        "FROM plan_action x JOIN institution i ON i.id = x.institution_id "
        "LEFT JOIN recommendation r ON r.rid = x.rid LEFT JOIN cluster c ON c.id = x.cluster_id "
        "WHERE" OF_COUNTRY_TARGET "ORDER BY r.id IS NULL, r.id, c.name, i.code, x.created_at, x.id",
        country, action_row, &c, "listing actions", err);
}

static int indicator_row(sqlite3_stmt *s, void *ctx)
{
    struct call *c = ctx;
    struct store_bundle_indicator ind = {
        .id = sqlite_fu_long(s, 0),
        .rec_id = sqlite_fu_text(s, 1),
        .institution = sqlite_fu_text(s, 2),
        .seq = sqlite3_column_int(s, 3),
        .name = sqlite_fu_text(s, 4),
        .definition = sqlite_fu_text(s, 5),
        .unit = sqlite_fu_text(s, 6),
        .source = sqlite_fu_text(s, 7),
        .baseline = sqlite_fu_double(s, 8),
        .target = sqlite_fu_double(s, 9),
        .baseline_date = sqlite_fu_text(s, 10),
        .target_date = sqlite_fu_text(s, 11),
        .sdg_indicator = sqlite_fu_text(s, 12),
        .created_at = sqlite_fu_time(s, 13),
        .updated_at = sqlite_fu_time(s, 14),
    };
    return ((store_bundle_indicator_cb)c->cb)(c->ctx, &ind);
}

int sqlite_bundle_indicator_each(struct sqlite_store *st, const char *country,
                                 store_bundle_indicator_cb cb, void *ctx, struct err *err)
{
    struct call c = {(void *)cb, ctx};
    return rows_of_country(
        st,
        "SELECT x.id, r.id, i.code, row_number() OVER (PARTITION BY x.rid, x.institution_id, "
        "x.created_at ORDER BY x.id), x.name, x.definition, x.unit, x.source, x.baseline, "
        "x.target, x.baseline_date, x.target_date, x.sdg_indicator, x.created_at, x.updated_at "
        "FROM indicator x JOIN institution i ON i.id = x.institution_id "
        "JOIN recommendation r ON r.rid = x.rid WHERE" OF_COUNTRY_REC
        "ORDER BY r.id, i.code, x.created_at, x.id",
        country, indicator_row, &c, "listing indicators", err);
}

static int value_row(sqlite3_stmt *s, void *ctx)
{
    struct call *c = ctx;
    struct store_indicator_value v = {sqlite_fu_long(s, 0), sqlite_fu_text(s, 1),
                                      sqlite3_column_double(s, 2), sqlite_fu_text(s, 3)};
    return ((store_indicator_value_cb)c->cb)(c->ctx, &v);
}

int sqlite_bundle_value_each(struct sqlite_store *st, long indicator_id,
                             store_indicator_value_cb cb, void *ctx, struct err *err)
{
    struct call c = {(void *)cb, ctx};
    return sqlite_fu_rows_by_id(st,
                                "SELECT indicator_id, date, value, note FROM indicator_value "
                                "WHERE indicator_id = ?1 ORDER BY date",
                                indicator_id, value_row, &c, "listing indicator values", err);
}

static int progress_row(sqlite3_stmt *s, void *ctx)
{
    struct call *c = ctx;
    struct store_bundle_progress p = {sqlite_fu_progress_at(s, 0), sqlite_fu_text(s, 14),
                                      sqlite3_column_int(s, 15)};
    return ((store_bundle_progress_cb)c->cb)(c->ctx, &p);
}

int sqlite_bundle_progress_each(struct sqlite_store *st, const char *country,
                                store_bundle_progress_cb cb, void *ctx, struct err *err)
{
    struct call c = {(void *)cb, ctx};
    return rows_of_country(st,
                           "SELECT " SQLITE_FU_PROGRESS_COLS
                           ", i.code, row_number() OVER (PARTITION BY p.rid, "
                           "p.institution_id, p.created_at ORDER BY p.id) FROM progress p "
                           "JOIN institution i ON i.id = p.institution_id "
                           "JOIN recommendation r ON r.rid = p.rid WHERE" OF_COUNTRY_REC
                           "ORDER BY r.id, i.code, p.created_at, p.id",
                           country, progress_row, &c, "listing progress reports", err);
}

static int note_row(sqlite3_stmt *s, void *ctx)
{
    struct call *c = ctx;
    struct store_bundle_note n = {sqlite_fu_note_at(s, 0), sqlite3_column_int(s, 8)};
    return ((store_bundle_note_cb)c->cb)(c->ctx, &n);
}

int sqlite_bundle_note_each(struct sqlite_store *st, const char *country, store_bundle_note_cb cb,
                            void *ctx, struct err *err)
{
    struct call c = {(void *)cb, ctx};
    return rows_of_country(
        st,
        "SELECT " SQLITE_FU_NOTE_COLS ", row_number() OVER (PARTITION BY n.rid, n.author_login, "
        "n.created_at ORDER BY n.id) FROM note n JOIN recommendation r ON r.rid = n.rid "
        "WHERE" OF_COUNTRY_REC "ORDER BY r.id, n.created_at, n.author_login, n.id",
        country, note_row, &c, "listing notes", err);
}

/* ---- files, the snapshot ----------------------------------------------------------------- */

int sqlite_bundle_blob_has(struct sqlite_store *st, const char *sha256, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, "SELECT 1 FROM blob WHERE sha256 = ?1", &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, sha256);
    rc = sqlite_fu_one(st, s, "finding a file", err);
    sqlite3_finalize(s);
    return rc;
}

int sqlite_bundle_read_begin(struct sqlite_store *st, struct err *err)
{
    int began = 0, rc = sqlite_read_begin(st, &began, err);
    return rc ? rc : began ? 0 : err_set(err, ERR_STORE, "bundle: a transaction is already open");
}

void sqlite_bundle_read_end(struct sqlite_store *st)
{
    sqlite_read_end(st, 1);
}
