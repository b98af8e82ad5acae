/*
 * postgres_coop.c — the technical-cooperation repository in the PostgreSQL backend (store_coop.h,
 * migration pg/005_a_coop.sql): organisations and account links, needs with their
 * recommendations, offers, matches and their events, and the per-State theme figures behind the
 * peer-to-peer part of matching. A port of sqlite_coop.c, statement for statement, on the
 * follow-up helpers (postgres_followup.h): the same rows in the same order, the same error codes
 * and messages. What a need's recommendations bring (themes, SDGs, texts) is derived at read
 * time, as there. Who may see or change what is decided in src/core/coop*.c, never here.
 */
#include "store/store_coop.h"

#include <stdio.h>
#include <string.h>

#include "store/postgres_followup.h"

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* Whether the unique key an insert is about to use is taken (sql, with params, finds the row
 * holding it): ERR_INPUT "<taken> is already taken", as SQLite reports the failed insert. Asked
 * first because a failed insert would still draw an id from the identity sequence, where SQLite
 * gives the next insert the id the failed one would have had; the unique index stays the guard
 * against a concurrent insert (pg_fu_put reports it the same way). */
static int taken_already(struct pg_store *st, const char *sql, const struct pg_params *params,
                         const char *taken, struct err *err)
{
    PGresult *res;
    int rc = pg_fu_one(st, sql, params, &res, "checking a unique key", err);
    PQclear(res);
    if (rc == 1)
        return err_set(err, ERR_INPUT, "%s is already taken", taken);
    return rc;
}

/* ---- organisations -------------------------------------------------------------------------- */

#define ORG_COLS                                                                                   \
    "SELECT o.id, o.code, o.name, o.kind, o.country, c.regional_group, o.created_at "              \
    "FROM organisation o LEFT JOIN country c ON c.iso3 = o.country "

int postgres_org_put(struct pg_store *st, const struct store_org *o, long *id, struct err *err)
{
    static const char sql[] = "INSERT INTO organisation(code, name, kind, country, created_at) "
                              "VALUES ($1, $2, $3, $4, $5) RETURNING id";
    static const char exists[] = "SELECT 1 FROM organisation WHERE code = $1";
    char taken[96];
    snprintf(taken, sizeof taken, "organisation code \"%.64s\"", o->code ? o->code : "");
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, o->code);
    int rc = taken_already(st, exists, &p, taken, err);
    if (rc)
        return rc;
    pg_params_init(&p);
    pg_param_text(&p, o->code);
    pg_param_text(&p, o->name);
    pg_param_text(&p, o->kind);
    pg_param_text(&p, o->country);
    pg_fu_param_time(&p, o->created_at);
    return pg_fu_put(st, sql, &p, 0, id, "storing an organisation", "organisation", taken, err);
}

struct org_call {
    store_org_cb cb;
    void *ctx;
};

static int org_row(const PGresult *r, int i, void *ctx)
{
    struct org_call *c = ctx;
    struct store_org o = {
        .id = pg_fu_long(r, i, 0),
        .code = pg_fu_text(r, i, 1),
        .name = pg_fu_text(r, i, 2),
        .kind = pg_fu_text(r, i, 3),
        .country = pg_fu_text(r, i, 4),
        .region = pg_fu_text(r, i, 5),
        .created_at = pg_fu_time(r, i, 6),
    };
    return c->cb(c->ctx, &o);
}

int postgres_org_get(struct pg_store *st, long id, const char *code, store_org_cb cb, void *ctx,
                     struct err *err)
{
    static const char sql[] = ORG_COLS "WHERE o.id = $1 OR o.code = $2";
    struct pg_params p;
    pg_params_init(&p);
    pg_fu_param_id(&p, id > 0 ? id : 0);
    pg_param_text(&p, id > 0 ? NULL : code);
    PGresult *res;
    int rc = pg_fu_one(st, sql, &p, &res, "reading an organisation", err);
    struct org_call c = {cb, ctx};
    if (rc == 1)
        rc = org_row(res, 0, &c);
    else if (rc == 0)
        rc = id > 0
                 ? err_set(err, ERR_NOTFOUND, "no organisation with id %ld", id)
                 : err_set(err, ERR_NOTFOUND, "no organisation with code \"%s\"", code ? code : "");
    PQclear(res);
    return rc;
}

int postgres_org_each(struct pg_store *st, store_org_cb cb, void *ctx, struct err *err)
{
    static const char sql[] = ORG_COLS "ORDER BY o.code";
    struct org_call c = {cb, ctx};
    return pg_fu_rows(st, sql, NULL, org_row, &c, "listing organisations", err);
}

int postgres_account_org_set(struct pg_store *st, long user_id, long org_id, struct err *err)
{
    static const char sql[] = "UPDATE account SET organisation_id = $2 WHERE id = $1";
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, user_id);
    pg_fu_param_id(&p, org_id);
    return pg_fu_change(st, sql, &p, user_id, "linking an account to an organisation", "user", err);
}

static int long_row(const PGresult *r, int i, void *ctx)
{
    *(long *)ctx = pg_fu_long(r, i, 0);
    return 0;
}

int postgres_account_org_get(struct pg_store *st, long user_id, long *org_id, struct err *err)
{
    static const char sql[] = "SELECT coalesce(organisation_id, 0) FROM account WHERE id = $1";
    *org_id = 0;
    return pg_fu_rows_by_id(st, sql, user_id, long_row, org_id, "reading an account's organisation",
                            err);
}

/* ---- needs ------------------------------------------------------------------------------- */

/* The derived columns aggregate in the order SQLite's ordered subqueries hand group_concat;
 * string_agg, like group_concat, skips NULLs and gives NULL for no rows. The organisations of
 * shared_orgs are ordered as numbers, as in SQLite. */
#define NEED_COLS                                                                                  \
    "SELECT n.id, n.organisation_id, o.code, o.name, o.country, c.regional_group, n.title, "       \
    "n.description, "                                                                              \
    "(SELECT string_agg(r.id, '|' ORDER BY r.id) FROM coop_need_rec nr JOIN recommendation r "     \
    " ON r.rid = nr.rid WHERE nr.need_id = n.id), "                                                \
    "(SELECT string_agg(DISTINCT t.code, '|' ORDER BY t.code) FROM coop_need_rec nr "              \
    " JOIN rec_tag t ON t.rid = nr.rid WHERE nr.need_id = n.id "                                   \
    " AND t.vocab IN ('uhri_theme', 'upr_issue') AND t.code IS NOT NULL), "                        \
    "(SELECT string_agg(DISTINCT t.code, '|' ORDER BY t.code) FROM coop_need_rec nr "              \
    " JOIN rec_tag t ON t.rid = nr.rid WHERE nr.need_id = n.id AND t.vocab = 'sdg' "               \
    " AND t.code IS NOT NULL), "                                                                   \
    "(SELECT string_agg(q.tx, chr(10) ORDER BY q.rid) FROM (SELECT nr.rid, (SELECT x.text "        \
    " FROM rec_text x WHERE x.rid = nr.rid ORDER BY CASE x.lang WHEN 'en' THEN 0 "                 \
    " WHEN 'fr' THEN 1 ELSE 2 END LIMIT 1) AS tx FROM coop_need_rec nr "                           \
    " WHERE nr.need_id = n.id) q), "                                                               \
    "n.kinds, n.providers, n.languages, n.lang, n.time_from, n.time_to, n.visibility, n.status, "  \
    "(SELECT string_agg(q.org_id::text, '|' ORDER BY q.org_id) FROM (SELECT DISTINCT "             \
    " f.organisation_id AS org_id FROM coop_match m JOIN coop_offer f ON f.id = m.offer_id "       \
    " WHERE m.need_id = n.id AND m.proposed_by = 'need' AND m.state <> 'withdrawn') q), "          \
    "n.created_by, n.created_at, n.updated_at "                                                    \
    "FROM coop_need n JOIN organisation o ON o.id = n.organisation_id "                            \
    "LEFT JOIN country c ON c.iso3 = o.country "

struct need_call {
    store_need_cb cb;
    void *ctx;
};

static int need_row(const PGresult *r, int i, void *ctx)
{
    struct need_call *c = ctx;
    struct store_need n = {
        .id = pg_fu_long(r, i, 0),
        .org_id = pg_fu_long(r, i, 1),
        .org_code = pg_fu_text(r, i, 2),
        .org_name = pg_fu_text(r, i, 3),
        .country = pg_fu_text(r, i, 4),
        .region = pg_fu_text(r, i, 5),
        .title = pg_fu_text(r, i, 6),
        .description = pg_fu_text(r, i, 7),
        .recs = nz(pg_fu_text(r, i, 8)),
        .themes = nz(pg_fu_text(r, i, 9)),
        .sdgs = nz(pg_fu_text(r, i, 10)),
        .rec_text = nz(pg_fu_text(r, i, 11)),
        .kinds = nz(pg_fu_text(r, i, 12)),
        .providers = nz(pg_fu_text(r, i, 13)),
        .languages = nz(pg_fu_text(r, i, 14)),
        .lang = pg_fu_text(r, i, 15),
        .time_from = pg_fu_text(r, i, 16),
        .time_to = pg_fu_text(r, i, 17),
        .visibility = pg_fu_text(r, i, 18),
        .status = pg_fu_text(r, i, 19),
        .shared_orgs = nz(pg_fu_text(r, i, 20)),
        .created_by = pg_fu_text(r, i, 21),
        .created_at = pg_fu_time(r, i, 22),
        .updated_at = pg_fu_time(r, i, 23),
    };
    return c->cb(c->ctx, &n);
}

/* Links need id to each recommendation of the "|"-separated list recs. */
static int need_recs_put(struct pg_store *st, long id, const char *recs, struct err *err)
{
    static const char sql[] =
        "INSERT INTO coop_need_rec(need_id, rid) VALUES ($1, $2) ON CONFLICT DO NOTHING";
    int rc = 0;
    char rec_id[256];
    for (const char *p = recs; !rc && p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len && len < sizeof rec_id) {
            memcpy(rec_id, p, len);
            rec_id[len] = '\0';
            long long rid;
            if (!(rc = pg_fu_rid(st, rec_id, &rid, err))) {
                struct pg_params params;
                pg_params_init(&params);
                pg_param_int(&params, id);
                pg_param_int(&params, rid);
                rc = pg_fu_write(st, sql, &params, NULL, "linking a need to a recommendation", NULL,
                                 err);
            }
        } else if (len) {
            rc = err_set(err, ERR_INPUT, "recommendation id \"%.40s...\" is too long", p);
        }
        p = bar ? bar + 1 : NULL;
    }
    return rc;
}

int postgres_need_put(struct pg_store *st, const struct store_need *n, int64_t at, long *id,
                      struct err *err)
{
    static const char update[] = "UPDATE coop_need SET visibility = $2, status = $3, "
                                 "updated_at = $4 WHERE id = $1";
    static const char insert[] =
        "INSERT INTO coop_need(organisation_id, title, description, kinds, providers, "
        "languages, lang, time_from, time_to, visibility, status, created_by, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) "
        "RETURNING id";
    struct pg_params p;
    pg_params_init(&p);
    if (n->id) {
        pg_param_int(&p, n->id);
        pg_param_text(&p, n->visibility);
        pg_param_text(&p, n->status);
        pg_fu_param_time(&p, at);
        return pg_fu_put(st, update, &p, n->id, id, "storing a need", "need", NULL, err);
    }
    pg_param_int(&p, n->org_id);
    pg_param_text(&p, n->title);
    pg_param_text(&p, n->description);
    pg_param_text(&p, nz(n->kinds));
    pg_param_text(&p, nz(n->providers));
    pg_param_text(&p, nz(n->languages));
    pg_param_text(&p, n->lang ? n->lang : "en");
    pg_param_text(&p, n->time_from);
    pg_param_text(&p, n->time_to);
    pg_param_text(&p, n->visibility);
    pg_param_text(&p, n->status);
    pg_param_text(&p, n->created_by);
    pg_fu_param_time(&p, at);
    long new_id = 0;
    int rc = pg_fu_put(st, insert, &p, 0, &new_id, "storing a need", "need", NULL, err);
    if (rc)
        return rc;
    if (id)
        *id = new_id;
    return need_recs_put(st, new_id, n->recs, err);
}

int postgres_need_get(struct pg_store *st, long id, store_need_cb cb, void *ctx, struct err *err)
{
    static const char sql[] = NEED_COLS "WHERE n.id = $1";
    struct need_call c = {cb, ctx};
    return pg_fu_row_by_id(st, sql, id, need_row, &c, "need", err);
}

int postgres_need_each(struct pg_store *st, store_need_cb cb, void *ctx, struct err *err)
{
    static const char sql[] = NEED_COLS "ORDER BY n.id";
    struct need_call c = {cb, ctx};
    int began = 0;
    int rc = pg_read_begin(st, &began, err);
    if (!rc)
        rc = pg_fu_rows(st, sql, NULL, need_row, &c, "listing needs", err);
    pg_read_end(st, began);
    return rc;
}

/* ---- offers ------------------------------------------------------------------------------ */

#define OFFER_COLS                                                                                 \
    "SELECT f.id, f.organisation_id, o.code, o.name, o.kind, o.country, f.title, f.description, "  \
    "f.themes, f.sdgs, f.kinds, f.modality, f.languages, f.lang, f.regions, f.capacity, "          \
    "f.past_activities, f.status, f.created_by, f.created_at, f.updated_at "                       \
    "FROM coop_offer f JOIN organisation o ON o.id = f.organisation_id "

struct offer_call {
    store_offer_cb cb;
    void *ctx;
};

static int offer_row(const PGresult *r, int i, void *ctx)
{
    struct offer_call *c = ctx;
    struct store_offer o = {
        .id = pg_fu_long(r, i, 0),
        .org_id = pg_fu_long(r, i, 1),
        .org_code = pg_fu_text(r, i, 2),
        .org_name = pg_fu_text(r, i, 3),
        .org_kind = pg_fu_text(r, i, 4),
        .country = pg_fu_text(r, i, 5),
        .title = pg_fu_text(r, i, 6),
        .description = pg_fu_text(r, i, 7),
        .themes = nz(pg_fu_text(r, i, 8)),
        .sdgs = nz(pg_fu_text(r, i, 9)),
        .kinds = nz(pg_fu_text(r, i, 10)),
        .modality = pg_fu_text(r, i, 11),
        .languages = nz(pg_fu_text(r, i, 12)),
        .lang = pg_fu_text(r, i, 13),
        .regions = nz(pg_fu_text(r, i, 14)),
        .capacity = (int)pg_fu_long(r, i, 15),
        .past_activities = pg_fu_text(r, i, 16),
        .status = pg_fu_text(r, i, 17),
        .created_by = pg_fu_text(r, i, 18),
        .created_at = pg_fu_time(r, i, 19),
        .updated_at = pg_fu_time(r, i, 20),
    };
    return c->cb(c->ctx, &o);
}

int postgres_offer_put(struct pg_store *st, const struct store_offer *o, int64_t at, long *id,
                       struct err *err)
{
    static const char update[] = "UPDATE coop_offer SET status = $2, updated_at = $3 WHERE id = $1";
    static const char insert[] =
        "INSERT INTO coop_offer(organisation_id, title, description, themes, sdgs, kinds, "
        "modality, languages, lang, regions, capacity, past_activities, status, created_by, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
        "$13, $14, $15, $15) RETURNING id";
    struct pg_params p;
    pg_params_init(&p);
    if (o->id) {
        pg_param_int(&p, o->id);
        pg_param_text(&p, o->status);
        pg_fu_param_time(&p, at);
        return pg_fu_put(st, update, &p, o->id, id, "storing an offer", "offer", NULL, err);
    }
    pg_param_int(&p, o->org_id);
    pg_param_text(&p, o->title);
    pg_param_text(&p, o->description);
    pg_param_text(&p, nz(o->themes));
    pg_param_text(&p, nz(o->sdgs));
    pg_param_text(&p, nz(o->kinds));
    pg_param_text(&p, o->modality);
    pg_param_text(&p, nz(o->languages));
    pg_param_text(&p, o->lang ? o->lang : "en");
    pg_param_text(&p, nz(o->regions));
    pg_param_int(&p, o->capacity);
    pg_param_text(&p, o->past_activities);
    pg_param_text(&p, o->status);
    pg_param_text(&p, o->created_by);
    pg_fu_param_time(&p, at);
    return pg_fu_put(st, insert, &p, 0, id, "storing an offer", "offer", NULL, err);
}

int postgres_offer_get(struct pg_store *st, long id, store_offer_cb cb, void *ctx, struct err *err)
{
    static const char sql[] = OFFER_COLS "WHERE f.id = $1";
    struct offer_call c = {cb, ctx};
    return pg_fu_row_by_id(st, sql, id, offer_row, &c, "offer", err);
}

int postgres_offer_each(struct pg_store *st, store_offer_cb cb, void *ctx, struct err *err)
{
    static const char sql[] = OFFER_COLS "ORDER BY f.id";
    struct offer_call c = {cb, ctx};
    return pg_fu_rows(st, sql, NULL, offer_row, &c, "listing offers", err);
}

/* ---- matches ----------------------------------------------------------------------------- */

#define MATCH_COLS                                                                                 \
    "SELECT id, need_id, offer_id, state, proposed_by, score, explanation, comment, created_at, "  \
    "updated_at FROM coop_match "

struct match_call {
    store_match_cb cb;
    void *ctx;
};

static int match_row(const PGresult *r, int i, void *ctx)
{
    struct match_call *c = ctx;
    struct store_match m = {
        .id = pg_fu_long(r, i, 0),
        .need_id = pg_fu_long(r, i, 1),
        .offer_id = pg_fu_long(r, i, 2),
        .state = pg_fu_text(r, i, 3),
        .proposed_by = pg_fu_text(r, i, 4),
        .score = pg_double(r, i, 5),
        .explanation = pg_fu_text(r, i, 6),
        .comment = pg_fu_text(r, i, 7),
        .created_at = pg_fu_time(r, i, 8),
        .updated_at = pg_fu_time(r, i, 9),
    };
    return c->cb(c->ctx, &m);
}

int postgres_match_put(struct pg_store *st, const struct store_match *m, int64_t at, long *id,
                       struct err *err)
{
    static const char update[] = "UPDATE coop_match SET state = $2, updated_at = $3 WHERE id = $1";
    static const char insert[] =
        "INSERT INTO coop_match(need_id, offer_id, state, proposed_by, score, explanation, "
        "comment, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) "
        "RETURNING id";
    /* The rows coop_match_live would find for the new row (only a live one is indexed). */
    static const char live_sql[] =
        "SELECT 1 FROM coop_match WHERE need_id = $1 AND offer_id = $2 AND $3::text IN "
        "('proposed', 'accepted', 'in_progress') AND state IN ('proposed', 'accepted', "
        "'in_progress')";
    struct pg_params p;
    pg_params_init(&p);
    if (m->id) {
        pg_param_int(&p, m->id);
        pg_param_text(&p, m->state);
        pg_fu_param_time(&p, at);
        return pg_fu_put(st, update, &p, m->id, id, "storing a match", "match", NULL, err);
    }
    pg_param_int(&p, m->need_id);
    pg_param_int(&p, m->offer_id);
    pg_param_text(&p, m->state);
    pg_param_text(&p, m->proposed_by);
    pg_param_double(&p, m->score);
    pg_param_text(&p, nz(m->explanation));
    pg_param_text(&p, m->comment);
    pg_fu_param_time(&p, at);
    /* A live match of the same pair violates coop_match_live: "taken", as in SQLite. */
    char taken[96];
    snprintf(taken, sizeof taken, "need %ld x offer %ld: a live match (already proposed)",
             m->need_id, m->offer_id);
    struct pg_params live;
    pg_params_init(&live);
    pg_param_int(&live, m->need_id);
    pg_param_int(&live, m->offer_id);
    pg_param_text(&live, m->state);
    int rc = taken_already(st, live_sql, &live, taken, err);
    if (rc)
        return rc;
    return pg_fu_put(st, insert, &p, 0, id, "storing a match", "match", taken, err);
}

int postgres_match_get(struct pg_store *st, long id, store_match_cb cb, void *ctx, struct err *err)
{
    static const char sql[] = MATCH_COLS "WHERE id = $1";
    struct match_call c = {cb, ctx};
    return pg_fu_row_by_id(st, sql, id, match_row, &c, "match", err);
}

int postgres_match_each(struct pg_store *st, long need_id, long offer_id, store_match_cb cb,
                        void *ctx, struct err *err)
{
    static const char sql[] = MATCH_COLS "WHERE ($1::bigint IS NULL OR need_id = $1) AND "
                                         "($2::bigint IS NULL OR offer_id = $2) ORDER BY id DESC";
    struct pg_params p;
    pg_params_init(&p);
    pg_fu_param_id(&p, need_id);
    pg_fu_param_id(&p, offer_id);
    struct match_call c = {cb, ctx};
    return pg_fu_rows(st, sql, &p, match_row, &c, "listing matches", err);
}

int postgres_match_event_add(struct pg_store *st, const struct store_match_event *e,
                             struct err *err)
{
    static const char sql[] = "INSERT INTO coop_match_event(match_id, at, actor_login, "
                              "from_state, to_state, comment) VALUES ($1, $2, $3, $4, $5, $6)";
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, e->match_id);
    pg_fu_param_time(&p, e->at);
    pg_param_text(&p, e->actor_login);
    pg_param_text(&p, e->from_state);
    pg_param_text(&p, e->to_state);
    pg_param_text(&p, e->comment);
    return pg_fu_write(st, sql, &p, NULL, "storing a match event", NULL, err);
}

struct event_call {
    store_match_event_cb cb;
    void *ctx;
};

static int event_row(const PGresult *r, int i, void *ctx)
{
    struct event_call *c = ctx;
    struct store_match_event e = {
        .match_id = pg_fu_long(r, i, 0),
        .at = pg_fu_time(r, i, 1),
        .actor_login = pg_fu_text(r, i, 2),
        .from_state = pg_fu_text(r, i, 3),
        .to_state = pg_fu_text(r, i, 4),
        .comment = pg_fu_text(r, i, 5),
    };
    return c->cb(c->ctx, &e);
}

int postgres_match_event_each(struct pg_store *st, long match_id, store_match_event_cb cb,
                              void *ctx, struct err *err)
{
    static const char sql[] = "SELECT match_id, at, actor_login, from_state, to_state, comment "
                              "FROM coop_match_event WHERE match_id = $1 ORDER BY id";
    struct event_call c = {cb, ctx};
    return pg_fu_rows_by_id(st, sql, match_id, event_row, &c, "reading a match's history", err);
}

/* ---- peer-to-peer figures ------------------------------------------------------------------ */

struct practice_call {
    store_practice_cb cb;
    void *ctx;
};

static int practice_row(const PGresult *r, int i, void *ctx)
{
    struct practice_call *c = ctx;
    return c->cb(c->ctx, pg_fu_text(r, i, 0), pg_fu_text(r, i, 1), pg_fu_long(r, i, 2),
                 pg_fu_long(r, i, 3), pg_fu_long(r, i, 4));
}

int postgres_practice_each(struct pg_store *st, const char *countries, store_practice_cb cb,
                           void *ctx, struct err *err)
{
    /* SQLite sums r.response = 'supported', which is NULL without a response: a sum of NULLs
     * reads 0, as the CASE's 0 does. */
    static const char sql[] =
        "SELECT iso3, code, sum(made), sum(received), sum(supported) FROM ("
        " SELECT s.iso3 AS iso3, t.code AS code, 1 AS made, 0 AS received, 0 AS supported"
        " FROM rec_state s JOIN rec_tag t ON t.rid = s.rid"
        " WHERE s.iso3 IS NOT NULL AND t.code IS NOT NULL"
        " AND t.vocab IN ('uhri_theme', 'upr_issue')"
        " AND ($1::text IS NULL OR strpos('|' || $1 || '|', '|' || s.iso3 || '|') > 0)"
        " UNION ALL"
        " SELECT r.country, t.code, 0, 1, CASE WHEN r.response = 'supported' THEN 1 ELSE 0 END"
        " FROM recommendation r JOIN rec_tag t ON t.rid = r.rid"
        " WHERE r.country IS NOT NULL AND t.code IS NOT NULL"
        " AND t.vocab IN ('uhri_theme', 'upr_issue')"
        " AND ($1::text IS NULL OR strpos('|' || $1 || '|', '|' || r.country || '|') > 0)"
        ") AS x GROUP BY iso3, code ORDER BY iso3, code";
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, countries);
    struct practice_call c = {cb, ctx};
    int began = 0;
    int rc = pg_read_begin(st, &began, err);
    if (!rc)
        rc = pg_fu_rows(st, sql, &p, practice_row, &c, "reading what States did by theme", err);
    pg_read_end(st, began);
    return rc;
}
