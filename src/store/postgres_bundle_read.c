/*
 * postgres_bundle_read.c — the exchange bundle's reads in the PostgreSQL backend (the "step 5"
 * section of store.h; the SQLite twin is sqlite_bundle_read.c): follow-up rows named by natural
 * keys (recommendation id, cluster name, institution code, created_at and a sequence number among
 * equals), whether a file is stored, and the one read snapshot a whole export runs in. Orders
 * are SQLite's, NULLs placed where SQLite places them, so both backends write the same bundle
 * byte for byte. Helpers and the readers of progress reports and notes: postgres_followup.h.
 */
#include "store/postgres_followup.h"

/* ---- listings -------------------------------------------------------------------------------- */

struct call {
    void *cb;
    void *ctx;
};

/* pg_fu_rows in one read snapshot for a listing bound to the country ($1, NULL for every
 * State). */
static int rows_of_country(struct pg_store *st, const char *sql, const char *country,
                           int (*each)(const PGresult *, int, void *), void *ctx, const char *doing,
                           struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, country);
    int began = 0, rc = pg_read_begin(st, &began, err);
    if (rc)
        return rc;
    rc = pg_fu_rows(st, sql, &p, each, ctx, doing, err);
    pg_read_end(st, began);
    return rc;
}

/* The rows of a recommendation of the country, or of a cluster of it or of every State. */
#define OF_COUNTRY_REC " ($1::text IS NULL OR r.country = $1) "
#define OF_COUNTRY_TARGET                                                                          \
    " ($1::text IS NULL OR (x.rid IS NOT NULL AND r.country = $1) OR "                             \
    "(x.cluster_id IS NOT NULL AND (c.country IS NULL OR c.country = $1))) "

static int member_row(const PGresult *r, int i, void *ctx)
{
    struct call *c = ctx;
    struct store_bundle_member m = {pg_text(r, i, 0), pg_text(r, i, 1), (int)pg_int(r, i, 2)};
    return ((store_bundle_member_cb)c->cb)(c->ctx, &m);
}

int postgres_bundle_member_each(struct pg_store *st, const char *country, store_bundle_member_cb cb,
                                void *ctx, struct err *err)
{
    static const char sql[] =
        "SELECT c.name, r.id, m.by_hand FROM cluster_member m "
        "JOIN cluster c ON c.id = m.cluster_id "
        "JOIN recommendation r ON r.rid = m.rid WHERE" OF_COUNTRY_REC "ORDER BY c.name, r.id";
    struct call c = {(void *)cb, ctx};
    return rows_of_country(st, sql, country, member_row, &c, "listing cluster members", err);
}

static int assignment_row(const PGresult *r, int i, void *ctx)
{
    struct call *c = ctx;
    struct store_bundle_assignment a = {
        .rec_id = pg_text(r, i, 0),
        .cluster = pg_text(r, i, 1),
        .institution = pg_text(r, i, 2),
        .lead = (int)pg_int(r, i, 3),
        .deadline = pg_text(r, i, 4),
        .created_at = pg_fu_time(r, i, 5),
    };
    return ((store_bundle_assignment_cb)c->cb)(c->ctx, &a);
}

int postgres_bundle_assignment_each(struct pg_store *st, const char *country,
                                    store_bundle_assignment_cb cb, void *ctx, struct err *err)
{
    static const char sql[] =
        "SELECT r.id, c.name, i.code, x.lead, x.deadline, x.created_at FROM assignment x "
        "JOIN institution i ON i.id = x.institution_id "
        "LEFT JOIN recommendation r ON r.rid = x.rid LEFT JOIN cluster c ON c.id = x.cluster_id "
        "WHERE" OF_COUNTRY_TARGET
        "ORDER BY r.id IS NULL, r.id NULLS FIRST, c.name NULLS FIRST, i.code, x.id";
    struct call c = {(void *)cb, ctx};
    return rows_of_country(st, sql, country, assignment_row, &c, "listing assignments", err);
}

static int action_row(const PGresult *r, int i, void *ctx)
{
    struct call *c = ctx;
    struct store_bundle_action a = {
        .rec_id = pg_text(r, i, 0),
        .cluster = pg_text(r, i, 1),
        .institution = pg_text(r, i, 2),
        .seq = (int)pg_int(r, i, 3),
        .description = pg_text(r, i, 4),
        .unit = pg_text(r, i, 5),
        .start_date = pg_text(r, i, 6),
        .due_date = pg_text(r, i, 7),
        .budget = pg_fu_double(r, i, 8),
        .currency = pg_text(r, i, 9),
        .status = pg_text(r, i, 10),
        .created_at = pg_fu_time(r, i, 11),
        .updated_at = pg_fu_time(r, i, 12),
    };
    return ((store_bundle_action_cb)c->cb)(c->ctx, &a);
}

int postgres_bundle_action_each(struct pg_store *st, const char *country, store_bundle_action_cb cb,
                                void *ctx, struct err *err)
{
    static const char sql[] =
        "SELECT r.id, c.name, i.code, row_number() OVER (PARTITION BY x.rid, x.cluster_id, "
        "x.institution_id, x.created_at ORDER BY x.id), x.description, x.unit, x.start_date, "
        "x.due_date, x.budget, x.currency, x.status, x.created_at, x.updated_at "
        "FROM plan_action x JOIN institution i ON i.id = x.institution_id "
        "LEFT JOIN recommendation r ON r.rid = x.rid LEFT JOIN cluster c ON c.id = x.cluster_id "
        "WHERE" OF_COUNTRY_TARGET "ORDER BY r.id IS NULL, r.id NULLS FIRST, c.name NULLS FIRST, "
        "i.code, x.created_at, x.id";
    struct call c = {(void *)cb, ctx};
    return rows_of_country(st, sql, country, action_row, &c, "listing actions", err);
}

static int indicator_row(const PGresult *r, int i, void *ctx)
{
    struct call *c = ctx;
    struct store_bundle_indicator ind = {
        .id = (long)pg_int(r, i, 0),
        .rec_id = pg_text(r, i, 1),
        .institution = pg_text(r, i, 2),
        .seq = (int)pg_int(r, i, 3),
        .name = pg_text(r, i, 4),
        .definition = pg_text(r, i, 5),
        .unit = pg_text(r, i, 6),
        .source = pg_text(r, i, 7),
        .baseline = pg_fu_double(r, i, 8),
        .target = pg_fu_double(r, i, 9),
        .baseline_date = pg_text(r, i, 10),
        .target_date = pg_text(r, i, 11),
        .sdg_indicator = pg_text(r, i, 12),
        .created_at = pg_fu_time(r, i, 13),
        .updated_at = pg_fu_time(r, i, 14),
    };
    return ((store_bundle_indicator_cb)c->cb)(c->ctx, &ind);
}

int postgres_bundle_indicator_each(struct pg_store *st, const char *country,
                                   store_bundle_indicator_cb cb, void *ctx, struct err *err)
{
    static const char sql[] =
        "SELECT x.id, r.id, i.code, row_number() OVER (PARTITION BY x.rid, x.institution_id, "
        "x.created_at ORDER BY x.id), x.name, x.definition, x.unit, x.source, x.baseline, "
        "x.target, x.baseline_date, x.target_date, x.sdg_indicator, x.created_at, x.updated_at "
        "FROM indicator x JOIN institution i ON i.id = x.institution_id "
        "JOIN recommendation r ON r.rid = x.rid WHERE" OF_COUNTRY_REC
        "ORDER BY r.id, i.code, x.created_at, x.id";
    struct call c = {(void *)cb, ctx};
    return rows_of_country(st, sql, country, indicator_row, &c, "listing indicators", err);
}

static int value_row(const PGresult *r, int i, void *ctx)
{
    struct call *c = ctx;
    struct store_indicator_value v = {(long)pg_int(r, i, 0), pg_text(r, i, 1), pg_double(r, i, 2),
                                      pg_text(r, i, 3)};
    return ((store_indicator_value_cb)c->cb)(c->ctx, &v);
}

int postgres_bundle_value_each(struct pg_store *st, long indicator_id, store_indicator_value_cb cb,
                               void *ctx, struct err *err)
{
    static const char sql[] = "SELECT indicator_id, date, value, note FROM indicator_value "
                              "WHERE indicator_id = $1 ORDER BY date";
    struct call c = {(void *)cb, ctx};
    return pg_fu_rows_by_id(st, sql, indicator_id, value_row, &c, "listing indicator values", err);
}

static int progress_row(const PGresult *r, int i, void *ctx)
{
    struct call *c = ctx;
    struct store_bundle_progress bp = {pg_fu_progress_at(r, i, 0), pg_fu_text(r, i, 14),
                                       (int)pg_fu_long(r, i, 15)};
    return ((store_bundle_progress_cb)c->cb)(c->ctx, &bp);
}

int postgres_bundle_progress_each(struct pg_store *st, const char *country,
                                  store_bundle_progress_cb cb, void *ctx, struct err *err)
{
    static const char sql[] =
        "SELECT " PG_FU_PROGRESS_COLS ", i.code, row_number() OVER (PARTITION BY "
        "p.rid, p.institution_id, p.created_at ORDER BY p.id) FROM "
        "progress p JOIN institution i ON i.id = p.institution_id "
        "JOIN recommendation r ON r.rid = p.rid WHERE" OF_COUNTRY_REC
        "ORDER BY r.id, i.code, p.created_at, p.id";
    struct call c = {(void *)cb, ctx};
    return rows_of_country(st, sql, country, progress_row, &c, "listing progress reports", err);
}

static int note_row(const PGresult *r, int i, void *ctx)
{
    struct call *c = ctx;
    struct store_bundle_note bn = {pg_fu_note_at(r, i, 0), (int)pg_fu_long(r, i, 8)};
    return ((store_bundle_note_cb)c->cb)(c->ctx, &bn);
}

int postgres_bundle_note_each(struct pg_store *st, const char *country, store_bundle_note_cb cb,
                              void *ctx, struct err *err)
{
    static const char sql[] =
        "SELECT " PG_FU_NOTE_COLS
        ", row_number() OVER (PARTITION BY n.rid, n.author_login, n.created_at "
        "ORDER BY n.id) FROM note n JOIN recommendation r ON r.rid = n.rid WHERE" OF_COUNTRY_REC
        "ORDER BY r.id, n.created_at, n.author_login, n.id";
    struct call c = {(void *)cb, ctx};
    return rows_of_country(st, sql, country, note_row, &c, "listing notes", err);
}

/* ---- files, the snapshot --------------------------------------------------------------------- */

int postgres_bundle_blob_has(struct pg_store *st, const char *sha256, struct err *err)
{
    static const char sql[] = "SELECT 1 FROM blob WHERE sha256 = $1";
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, sha256);
    PGresult *res;
    int rc = pg_fu_one(st, sql, &p, &res, "finding a file", err);
    PQclear(res);
    return rc;
}

int postgres_bundle_read_begin(struct pg_store *st, struct err *err)
{
    int began = 0, rc = pg_read_begin(st, &began, err);
    return rc ? rc : began ? 0 : err_set(err, ERR_STORE, "bundle: a transaction is already open");
}

void postgres_bundle_read_end(struct pg_store *st)
{
    pg_read_end(st, 1);
}
