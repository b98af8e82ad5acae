/*
 * sqlite_coop.c — the technical-cooperation repository in the SQLite backend (store_coop.h,
 * migration 005): organisations and account links, needs with their recommendations, offers,
 * matches and their events, and the per-State theme figures behind the peer-to-peer part of
 * matching. Like the follow-up files, statements are prepared per call (writes are rare, reads
 * come whole) with the helpers of sqlite_followup.h. What a need's recommendations bring
 * (themes, SDGs, texts) is derived here at read time, so a tag accepted later counts at once.
 */
#include "store/store_coop.h"

#include <stdio.h>
#include <string.h>

#include "store/sqlite_followup.h"

/* ---- organisations -------------------------------------------------------------------------- */

#define ORG_COLS                                                                                   \
    "SELECT o.id, o.code, o.name, o.kind, o.country, c.regional_group, o.created_at "              \
    "FROM organisation o LEFT JOIN country c ON c.iso3 = o.country "

int sqlite_org_put(struct sqlite_store *st, const struct store_org *o, long *id, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               "INSERT INTO organisation(code, name, kind, country, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)",
                               &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, o->code);
    sqlite_bind_text(s, 2, o->name);
    sqlite_bind_text(s, 3, o->kind);
    sqlite_bind_text(s, 4, o->country);
    sqlite_fu_bind_time(s, 5, o->created_at);
    char taken[96];
    snprintf(taken, sizeof taken, "organisation code \"%.64s\"", o->code ? o->code : "");
    return sqlite_fu_put(st, s, 0, id, "storing an organisation", "organisation", taken, err);
}

struct org_call {
    store_org_cb cb;
    void *ctx;
};

static int org_row(sqlite3_stmt *s, void *ctx)
{
    struct org_call *c = ctx;
    struct store_org o = {
        .id = sqlite_fu_long(s, 0),
        .code = sqlite_fu_text(s, 1),
        .name = sqlite_fu_text(s, 2),
        .kind = sqlite_fu_text(s, 3),
        .country = sqlite_fu_text(s, 4),
        .region = sqlite_fu_text(s, 5),
        .created_at = sqlite_fu_time(s, 6),
    };
    return c->cb(c->ctx, &o);
}

int sqlite_org_get(struct sqlite_store *st, long id, const char *code, store_org_cb cb, void *ctx,
                   struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, ORG_COLS "WHERE o.id = ?1 OR o.code = ?2", &s, err);
    if (rc)
        return rc;
    sqlite_fu_bind_id(s, 1, id > 0 ? id : 0);
    sqlite_bind_text(s, 2, id > 0 ? NULL : code);
    struct org_call c = {cb, ctx};
    if ((rc = sqlite_fu_one(st, s, "reading an organisation", err)) == 1)
        rc = org_row(s, &c);
    else if (rc == 0)
        rc = id > 0
                 ? err_set(err, ERR_NOTFOUND, "no organisation with id %ld", id)
                 : err_set(err, ERR_NOTFOUND, "no organisation with code \"%s\"", code ? code : "");
    sqlite3_finalize(s);
    return rc;
}

int sqlite_org_each(struct sqlite_store *st, store_org_cb cb, void *ctx, struct err *err)
{
    struct org_call c = {cb, ctx};
    return sqlite_fu_rows_by_id(st, ORG_COLS "ORDER BY o.code", 0, org_row, &c,
                                "listing organisations", err);
}

int sqlite_account_org_set(struct sqlite_store *st, long user_id, long org_id, struct err *err)
{
    sqlite3_stmt *s;
    int rc =
        sqlite_fu_prepare(st, "UPDATE account SET organisation_id = ?2 WHERE id = ?1", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, user_id);
    sqlite_fu_bind_id(s, 2, org_id);
    return sqlite_fu_change(st, s, user_id, "linking an account to an organisation", "user", err);
}

static int long_row(sqlite3_stmt *s, void *ctx)
{
    *(long *)ctx = sqlite_fu_long(s, 0);
    return 0;
}

int sqlite_account_org_get(struct sqlite_store *st, long user_id, long *org_id, struct err *err)
{
    *org_id = 0;
    return sqlite_fu_rows_by_id(
        st, "SELECT coalesce(organisation_id, 0) FROM account WHERE id = ?1", user_id, long_row,
        org_id, "reading an account's organisation", err);
}

/* ---- needs ------------------------------------------------------------------------------- */

/* The derived columns read through ordered subqueries: group_concat keeps the order of its
 * input rows. */
#define NEED_COLS                                                                                  \
    "SELECT n.id, n.organisation_id, o.code, o.name, o.country, c.regional_group, n.title, "       \
    "n.description, "                                                                              \
    "(SELECT group_concat(id, '|') FROM (SELECT r.id FROM coop_need_rec nr JOIN recommendation r " \
    " ON r.rid = nr.rid WHERE nr.need_id = n.id ORDER BY r.id)), "                                 \
    "(SELECT group_concat(code, '|') FROM (SELECT DISTINCT t.code FROM coop_need_rec nr JOIN "     \
    " rec_tag t ON t.rid = nr.rid WHERE nr.need_id = n.id AND t.vocab IN ('uhri_theme', "          \
    " 'upr_issue') AND t.code IS NOT NULL ORDER BY t.code)), "                                     \
    "(SELECT group_concat(code, '|') FROM (SELECT DISTINCT t.code FROM coop_need_rec nr JOIN "     \
    " rec_tag t ON t.rid = nr.rid WHERE nr.need_id = n.id AND t.vocab = 'sdg' AND t.code IS NOT "  \
    " NULL ORDER BY t.code)), "                                                                    \
    "(SELECT group_concat(tx, char(10)) FROM (SELECT (SELECT x.text FROM rec_text x WHERE x.rid "  \
    " = nr.rid ORDER BY CASE x.lang WHEN 'en' THEN 0 WHEN 'fr' THEN 1 ELSE 2 END LIMIT 1) AS tx "  \
    " FROM coop_need_rec nr WHERE nr.need_id = n.id ORDER BY nr.rid)), "                           \
    "n.kinds, n.providers, n.languages, n.lang, n.time_from, n.time_to, n.visibility, n.status, "  \
    "(SELECT group_concat(oid, '|') FROM (SELECT DISTINCT f.organisation_id AS oid FROM "          \
    " coop_match m JOIN coop_offer f ON f.id = m.offer_id WHERE m.need_id = n.id AND "             \
    " m.proposed_by = 'need' AND m.state <> 'withdrawn' ORDER BY oid)), "                          \
    "n.created_by, n.created_at, n.updated_at "                                                    \
    "FROM coop_need n JOIN organisation o ON o.id = n.organisation_id "                            \
    "LEFT JOIN country c ON c.iso3 = o.country "

struct need_call {
    store_need_cb cb;
    void *ctx;
};

static const char *nz(const char *s)
{
    return s ? s : "";
}

static int need_row(sqlite3_stmt *s, void *ctx)
{
    struct need_call *c = ctx;
    struct store_need n = {
        .id = sqlite_fu_long(s, 0),
        .org_id = sqlite_fu_long(s, 1),
        .org_code = sqlite_fu_text(s, 2),
        .org_name = sqlite_fu_text(s, 3),
        .country = sqlite_fu_text(s, 4),
        .region = sqlite_fu_text(s, 5),
        .title = sqlite_fu_text(s, 6),
        .description = sqlite_fu_text(s, 7),
        .recs = nz(sqlite_fu_text(s, 8)),
        .themes = nz(sqlite_fu_text(s, 9)),
        .sdgs = nz(sqlite_fu_text(s, 10)),
        .rec_text = nz(sqlite_fu_text(s, 11)),
        .kinds = nz(sqlite_fu_text(s, 12)),
        .providers = nz(sqlite_fu_text(s, 13)),
        .languages = nz(sqlite_fu_text(s, 14)),
        .lang = sqlite_fu_text(s, 15),
        .time_from = sqlite_fu_text(s, 16),
        .time_to = sqlite_fu_text(s, 17),
        .visibility = sqlite_fu_text(s, 18),
        .status = sqlite_fu_text(s, 19),
        .shared_orgs = nz(sqlite_fu_text(s, 20)),
        .created_by = sqlite_fu_text(s, 21),
        .created_at = sqlite_fu_time(s, 22),
        .updated_at = sqlite_fu_time(s, 23),
    };
    return c->cb(c->ctx, &n);
}

/* Links need id to each recommendation of the "|"-separated list recs. */
static int need_recs_put(struct sqlite_store *st, long id, const char *recs, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(
        st, "INSERT OR IGNORE INTO coop_need_rec(need_id, rid) VALUES (?1, ?2)", &s, err);
    if (rc)
        return rc;
    char rec_id[256];
    for (const char *p = recs; !rc && p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len && len < sizeof rec_id) {
            memcpy(rec_id, p, len);
            rec_id[len] = '\0';
            sqlite3_int64 rid;
            if (!(rc = sqlite_fu_rid(st, rec_id, &rid, err))) {
                sqlite3_reset(s);
                sqlite3_bind_int64(s, 1, id);
                sqlite3_bind_int64(s, 2, rid);
                rc = sqlite_fu_write(st, s, "linking a need to a recommendation", NULL, err);
            }
        } else if (len) {
            rc = err_set(err, ERR_INPUT, "recommendation id \"%.40s...\" is too long", p);
        }
        p = bar ? bar + 1 : NULL;
    }
    sqlite3_finalize(s);
    return rc;
}

int sqlite_need_put(struct sqlite_store *st, const struct store_need *n, int64_t at, long *id,
                    struct err *err)
{
    sqlite3_stmt *s;
    int rc;
    if (n->id) {
        if ((rc = sqlite_fu_prepare(st,
                                    "UPDATE coop_need SET visibility = ?2, status = ?3, "
                                    "updated_at = ?4 WHERE id = ?1",
                                    &s, err)))
            return rc;
        sqlite3_bind_int64(s, 1, n->id);
        sqlite_bind_text(s, 2, n->visibility);
        sqlite_bind_text(s, 3, n->status);
        sqlite_fu_bind_time(s, 4, at);
        return sqlite_fu_put(st, s, n->id, id, "storing a need", "need", NULL, err);
    }
    if ((rc = sqlite_fu_prepare(
             st,
             "INSERT INTO coop_need(organisation_id, title, description, kinds, providers, "
             "languages, lang, time_from, time_to, visibility, status, created_by, created_at, "
             "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
             &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, n->org_id);
    sqlite_bind_text(s, 2, n->title);
    sqlite_bind_text(s, 3, n->description);
    sqlite_bind_text(s, 4, nz(n->kinds));
    sqlite_bind_text(s, 5, nz(n->providers));
    sqlite_bind_text(s, 6, nz(n->languages));
    sqlite_bind_text(s, 7, n->lang ? n->lang : "en");
    sqlite_bind_text(s, 8, n->time_from);
    sqlite_bind_text(s, 9, n->time_to);
    sqlite_bind_text(s, 10, n->visibility);
    sqlite_bind_text(s, 11, n->status);
    sqlite_bind_text(s, 12, n->created_by);
    sqlite_fu_bind_time(s, 13, at);
    if ((rc = sqlite_fu_put(st, s, 0, id, "storing a need", "need", NULL, err)))
        return rc;
    return need_recs_put(st, *id, n->recs, err);
}

int sqlite_need_get(struct sqlite_store *st, long id, store_need_cb cb, void *ctx, struct err *err)
{
    struct need_call c = {cb, ctx};
    return sqlite_fu_row_by_id(st, NEED_COLS "WHERE n.id = ?1", id, need_row, &c, "need", err);
}

int sqlite_need_each(struct sqlite_store *st, store_need_cb cb, void *ctx, struct err *err)
{
    struct need_call c = {cb, ctx};
    int began = 0;
    int rc = sqlite_read_begin(st, &began, err);
    if (!rc)
        rc = sqlite_fu_rows_by_id(st, NEED_COLS "ORDER BY n.id", 0, need_row, &c, "listing needs",
                                  err);
    sqlite_read_end(st, began);
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

static int offer_row(sqlite3_stmt *s, void *ctx)
{
    struct offer_call *c = ctx;
    struct store_offer o = {
        .id = sqlite_fu_long(s, 0),
        .org_id = sqlite_fu_long(s, 1),
        .org_code = sqlite_fu_text(s, 2),
        .org_name = sqlite_fu_text(s, 3),
        .org_kind = sqlite_fu_text(s, 4),
        .country = sqlite_fu_text(s, 5),
        .title = sqlite_fu_text(s, 6),
        .description = sqlite_fu_text(s, 7),
        .themes = nz(sqlite_fu_text(s, 8)),
        .sdgs = nz(sqlite_fu_text(s, 9)),
        .kinds = nz(sqlite_fu_text(s, 10)),
        .modality = sqlite_fu_text(s, 11),
        .languages = nz(sqlite_fu_text(s, 12)),
        .lang = sqlite_fu_text(s, 13),
        .regions = nz(sqlite_fu_text(s, 14)),
        .capacity = (int)sqlite_fu_long(s, 15),
        .past_activities = sqlite_fu_text(s, 16),
        .status = sqlite_fu_text(s, 17),
        .created_by = sqlite_fu_text(s, 18),
        .created_at = sqlite_fu_time(s, 19),
        .updated_at = sqlite_fu_time(s, 20),
    };
    return c->cb(c->ctx, &o);
}

int sqlite_offer_put(struct sqlite_store *st, const struct store_offer *o, int64_t at, long *id,
                     struct err *err)
{
    sqlite3_stmt *s;
    int rc;
    if (o->id) {
        if ((rc = sqlite_fu_prepare(
                 st, "UPDATE coop_offer SET status = ?2, updated_at = ?3 WHERE id = ?1", &s, err)))
            return rc;
        sqlite3_bind_int64(s, 1, o->id);
        sqlite_bind_text(s, 2, o->status);
        sqlite_fu_bind_time(s, 3, at);
        return sqlite_fu_put(st, s, o->id, id, "storing an offer", "offer", NULL, err);
    }
    if ((rc = sqlite_fu_prepare(
             st,
             "INSERT INTO coop_offer(organisation_id, title, description, themes, sdgs, kinds, "
             "modality, languages, lang, regions, capacity, past_activities, status, created_by, "
             "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
             "?13, ?14, ?15, ?15)",
             &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, o->org_id);
    sqlite_bind_text(s, 2, o->title);
    sqlite_bind_text(s, 3, o->description);
    sqlite_bind_text(s, 4, nz(o->themes));
    sqlite_bind_text(s, 5, nz(o->sdgs));
    sqlite_bind_text(s, 6, nz(o->kinds));
    sqlite_bind_text(s, 7, o->modality);
    sqlite_bind_text(s, 8, nz(o->languages));
    sqlite_bind_text(s, 9, o->lang ? o->lang : "en");
    sqlite_bind_text(s, 10, nz(o->regions));
    sqlite3_bind_int(s, 11, o->capacity);
    sqlite_bind_text(s, 12, o->past_activities);
    sqlite_bind_text(s, 13, o->status);
    sqlite_bind_text(s, 14, o->created_by);
    sqlite_fu_bind_time(s, 15, at);
    return sqlite_fu_put(st, s, 0, id, "storing an offer", "offer", NULL, err);
}

int sqlite_offer_get(struct sqlite_store *st, long id, store_offer_cb cb, void *ctx,
                     struct err *err)
{
    struct offer_call c = {cb, ctx};
    return sqlite_fu_row_by_id(st, OFFER_COLS "WHERE f.id = ?1", id, offer_row, &c, "offer", err);
}

int sqlite_offer_each(struct sqlite_store *st, store_offer_cb cb, void *ctx, struct err *err)
{
    struct offer_call c = {cb, ctx};
    return sqlite_fu_rows_by_id(st, OFFER_COLS "ORDER BY f.id", 0, offer_row, &c, "listing offers",
                                err);
}

/* ---- matches ----------------------------------------------------------------------------- */

#define MATCH_COLS                                                                                 \
    "SELECT id, need_id, offer_id, state, proposed_by, score, explanation, comment, created_at, "  \
    "updated_at FROM coop_match "

struct match_call {
    store_match_cb cb;
    void *ctx;
};

static int match_row(sqlite3_stmt *s, void *ctx)
{
    struct match_call *c = ctx;
    struct store_match m = {
        .id = sqlite_fu_long(s, 0),
        .need_id = sqlite_fu_long(s, 1),
        .offer_id = sqlite_fu_long(s, 2),
        .state = sqlite_fu_text(s, 3),
        .proposed_by = sqlite_fu_text(s, 4),
        .score = sqlite3_column_double(s, 5),
        .explanation = sqlite_fu_text(s, 6),
        .comment = sqlite_fu_text(s, 7),
        .created_at = sqlite_fu_time(s, 8),
        .updated_at = sqlite_fu_time(s, 9),
    };
    return c->cb(c->ctx, &m);
}

int sqlite_match_put(struct sqlite_store *st, const struct store_match *m, int64_t at, long *id,
                     struct err *err)
{
    sqlite3_stmt *s;
    int rc;
    if (m->id) {
        if ((rc = sqlite_fu_prepare(
                 st, "UPDATE coop_match SET state = ?2, updated_at = ?3 WHERE id = ?1", &s, err)))
            return rc;
        sqlite3_bind_int64(s, 1, m->id);
        sqlite_bind_text(s, 2, m->state);
        sqlite_fu_bind_time(s, 3, at);
        return sqlite_fu_put(st, s, m->id, id, "storing a match", "match", NULL, err);
    }
    if ((rc = sqlite_fu_prepare(
             st,
             "INSERT INTO coop_match(need_id, offer_id, state, proposed_by, score, explanation, "
             "comment, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
             &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, m->need_id);
    sqlite3_bind_int64(s, 2, m->offer_id);
    sqlite_bind_text(s, 3, m->state);
    sqlite_bind_text(s, 4, m->proposed_by);
    sqlite3_bind_double(s, 5, m->score);
    sqlite_bind_text(s, 6, nz(m->explanation));
    sqlite_bind_text(s, 7, m->comment);
    sqlite_fu_bind_time(s, 8, at);
    char taken[96];
    snprintf(taken, sizeof taken, "need %ld x offer %ld: a live match (already proposed)",
             m->need_id, m->offer_id);
    return sqlite_fu_put(st, s, 0, id, "storing a match", "match", taken, err);
}

int sqlite_match_get(struct sqlite_store *st, long id, store_match_cb cb, void *ctx,
                     struct err *err)
{
    struct match_call c = {cb, ctx};
    return sqlite_fu_row_by_id(st, MATCH_COLS "WHERE id = ?1", id, match_row, &c, "match", err);
}

int sqlite_match_each(struct sqlite_store *st, long need_id, long offer_id, store_match_cb cb,
                      void *ctx, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               MATCH_COLS "WHERE (?1 IS NULL OR need_id = ?1) AND "
                                          "(?2 IS NULL OR offer_id = ?2) ORDER BY id DESC",
                               &s, err);
    if (rc)
        return rc;
    sqlite_fu_bind_id(s, 1, need_id);
    sqlite_fu_bind_id(s, 2, offer_id);
    struct match_call c = {cb, ctx};
    rc = sqlite_fu_rows(st, s, match_row, &c, "listing matches", err);
    sqlite3_finalize(s);
    return rc;
}

int sqlite_match_event_add(struct sqlite_store *st, const struct store_match_event *e,
                           struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               "INSERT INTO coop_match_event(match_id, at, actor_login, "
                               "from_state, to_state, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, e->match_id);
    sqlite_fu_bind_time(s, 2, e->at);
    sqlite_bind_text(s, 3, e->actor_login);
    sqlite_bind_text(s, 4, e->from_state);
    sqlite_bind_text(s, 5, e->to_state);
    sqlite_bind_text(s, 6, e->comment);
    rc = sqlite_fu_write(st, s, "storing a match event", NULL, err);
    sqlite3_finalize(s);
    return rc;
}

struct event_call {
    store_match_event_cb cb;
    void *ctx;
};

static int event_row(sqlite3_stmt *s, void *ctx)
{
    struct event_call *c = ctx;
    struct store_match_event e = {
        .match_id = sqlite_fu_long(s, 0),
        .at = sqlite_fu_time(s, 1),
        .actor_login = sqlite_fu_text(s, 2),
        .from_state = sqlite_fu_text(s, 3),
        .to_state = sqlite_fu_text(s, 4),
        .comment = sqlite_fu_text(s, 5),
    };
    return c->cb(c->ctx, &e);
}

int sqlite_match_event_each(struct sqlite_store *st, long match_id, store_match_event_cb cb,
                            void *ctx, struct err *err)
{
    struct event_call c = {cb, ctx};
    return sqlite_fu_rows_by_id(
        st,
        "SELECT match_id, at, actor_login, from_state, to_state, comment FROM "
        "coop_match_event WHERE match_id = ?1 ORDER BY id",
        match_id, event_row, &c, "reading a match's history", err);
}

/* ---- peer-to-peer figures ------------------------------------------------------------------ */

struct practice_call {
    store_practice_cb cb;
    void *ctx;
};

static int practice_row(sqlite3_stmt *s, void *ctx)
{
    struct practice_call *c = ctx;
    return c->cb(c->ctx, sqlite_fu_text(s, 0), sqlite_fu_text(s, 1), sqlite_fu_long(s, 2),
                 sqlite_fu_long(s, 3), sqlite_fu_long(s, 4));
}

int sqlite_practice_each(struct sqlite_store *st, const char *countries, store_practice_cb cb,
                         void *ctx, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(
        st,
        "SELECT iso3, code, sum(made), sum(received), sum(supported) FROM ("
        " SELECT s.iso3 AS iso3, t.code AS code, 1 AS made, 0 AS received, 0 AS supported"
        " FROM rec_state s JOIN rec_tag t ON t.rid = s.rid"
        " WHERE s.iso3 IS NOT NULL AND t.code IS NOT NULL AND t.vocab IN ('uhri_theme', "
        "'upr_issue')"
        " AND (?1 IS NULL OR instr('|' || ?1 || '|', '|' || s.iso3 || '|') > 0)"
        " UNION ALL"
        " SELECT r.country, t.code, 0, 1, r.response = 'supported'"
        " FROM recommendation r JOIN rec_tag t ON t.rid = r.rid"
        " WHERE r.country IS NOT NULL AND t.code IS NOT NULL AND t.vocab IN ('uhri_theme', "
        " 'upr_issue') AND (?1 IS NULL OR instr('|' || ?1 || '|', '|' || r.country || '|') > 0)"
        ") GROUP BY iso3, code ORDER BY iso3, code",
        &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, countries);
    struct practice_call c = {cb, ctx};
    int began = 0;
    if (!(rc = sqlite_read_begin(st, &began, err)))
        rc = sqlite_fu_rows(st, s, practice_row, &c, "reading what States did by theme", err);
    sqlite_read_end(st, began);
    sqlite3_finalize(s);
    return rc;
}
