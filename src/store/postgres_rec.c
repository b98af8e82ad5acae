/*
 * postgres_rec.c — recommendations in the PostgreSQL backend of store.h, the twin of
 * sqlite_rec.c: insert-or-replace keyed by stable id with a content hash (an unchanged record is
 * not touched), reading a whole record back (texts, recommending States, tags) for show and
 * export, and the filtered listings (store_rec_each, store_rec_page). A put is two round trips
 * (three for a changed record) and a read one: the children travel as arrays, or come back as
 * extra rows (a statement per child made an import of 6,094 records 60% slower). The
 * full-text index is a generated column of rec_text (001_b_fts.sql), so nothing here keeps it
 * in step, and an import's transaction is a plain one (postgres.c): no bulk mode.
 */
#include "store/postgres_internal.h"
#include "store/store_pool.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/rec_hash.h"

static const char *const lang_codes[STORE_LANG_COUNT] = {"en", "fr", "es"};
static const char *const origin_names[] = {"source", "human", "machine"};

static const char sql_rec_hash[] = "SELECT content_hash, rid FROM recommendation WHERE id = $1";
/* A put writes a record and its children (texts, recommending States, tags) in one statement,
 * the children coming as arrays $19..$27 (one round trip instead of one per child: a fifth of
 * the time of an import). Data-modifying WITH queries all run, in one snapshot; the foreign
 * keys are checked at the end of the statement, when the record is there. Tags go in in their
 * order, so that of two with the same label the first stays, as INSERT OR IGNORE keeps it. */
#define CHILDREN                                                                                   \
    " t AS (INSERT INTO rec_text(rid, lang, text) SELECT r.rid, u.l, u.x FROM r,"                  \
    " unnest($19::text[], $20::text[]) WITH ORDINALITY AS u(l, x, o) ORDER BY u.o),"               \
    " s AS (INSERT INTO rec_state(rid, position, iso3, label) SELECT r.rid, u.o - 1, u.i, u.l"     \
    " FROM r, unnest($21::text[], $22::text[]) WITH ORDINALITY AS u(i, l, o) ORDER BY u.o),"       \
    " g AS (INSERT INTO rec_tag(rid, vocab, label, code, origin, score) SELECT r.rid, u.v, u.l,"   \
    " u.c, u.g, u.s FROM r, unnest($23::text[], $24::text[], $25::text[], $26::text[],"            \
    " $27::float8[]) WITH ORDINALITY AS u(v, l, c, g, s, o) ORDER BY u.o ON CONFLICT DO NOTHING)"  \
    " SELECT rid FROM r"
static const char sql_rec_insert[] =
    "WITH r AS (INSERT INTO recommendation(id, kind, mechanism, body, document, paragraph, "
    "country, country_label, session, cycle, response, action_category, cluster_theme, "
    "source_file, source_line, source_json, content_hash, created_at, updated_at) VALUES ($1, "
    "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) "
    "RETURNING rid)," CHILDREN;
/* SQLite sets updated_at to strftime('now'), the time of the put as $18 is. */
static const char sql_rec_update[] =
    "WITH r AS (UPDATE recommendation SET kind = $2, mechanism = $3, body = $4, document = $5, "
    "paragraph = $6, country = $7, country_label = $8, session = $9, cycle = $10, "
    "response = $11, action_category = $12, cluster_theme = $13, source_file = $14, "
    "source_line = $15, source_json = $16, content_hash = $17, updated_at = $18 "
    "WHERE id = $1 RETURNING rid)," CHILDREN;
/* The children that an import owns: texts, States, source tags (human and machine tags stay). */
static const char sql_rec_children_delete[] =
    "WITH t AS (DELETE FROM rec_text WHERE rid = $1), s AS (DELETE FROM rec_state WHERE rid = $1)"
    " DELETE FROM rec_tag WHERE rid = $1 AND origin = 'source'";
/* A whole record in one round trip: its row (k 0), then its texts (k 1), its recommending States
 * in order (k 2) and its tags by vocab, origin, label as sqlite_rec.c reads them (k 3), all as
 * text in c1..c16. */
#define NULLS11 "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
#define NULLS14 "NULL, NULL, " NULLS11 ", NULL"
static const char sql_rec_get[] =
    "WITH r AS (SELECT * FROM recommendation WHERE id = $1) "
    "SELECT 0 AS k, 0::bigint AS pos, id AS c1, kind AS c2, mechanism AS c3, body AS c4, "
    "document AS c5, paragraph AS c6, country AS c7, country_label AS c8, session::text AS c9, "
    "cycle::text AS c10, response AS c11, action_category::text AS c12, cluster_theme AS c13, "
    "source_file AS c14, source_line::text AS c15, source_json AS c16 FROM r "
    "UNION ALL SELECT 1, 0, t.lang, t.text, " NULLS14 " FROM rec_text t JOIN r ON t.rid = r.rid "
    "UNION ALL SELECT 2, s.position, s.iso3, s.label, " NULLS14 " FROM rec_state s "
    "JOIN r ON s.rid = r.rid "
    "UNION ALL SELECT 3, 0, g.vocab, g.code, g.label, g.origin, g.score::text, " NULLS11
    " FROM rec_tag g JOIN r ON g.rid = r.rid "
    "ORDER BY k, pos, c1, c4, c3";

/* The filters the listings share, as in sqlite_sql.c; parameters $1..$6 (NULL = no filter).
 * COLLATE NOCASE is lower() on both sides and SQLite's case-blind LIKE is ILIKE, without an
 * escape character as in SQLite (the database is --locale=C: both ASCII-only). */
#define FILTERS                                                                                    \
    " ($1::text IS NULL OR r.country = $1) AND ($2::text IS NULL OR lower(r.body) = lower($2))"    \
    " AND ($3::text IS NULL OR r.response = $3) AND ($4::text IS NULL OR r.kind = $4)"             \
    " AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM rec_tag g WHERE g.rid = r.rid"                \
    "      AND g.vocab IN ('uhri_theme', 'upr_issue')"                                             \
    "      AND (g.code = $5 OR lower(g.label) = lower($5))))"                                      \
    " AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM rec_tag g WHERE g.rid = r.rid"                \
    "      AND g.vocab = 'sdg' AND (g.code = $6 OR g.code ILIKE $6 || '.%' ESCAPE '')))"

static const char sql_rec_each[] =
    "SELECT r.id FROM recommendation r WHERE" FILTERS " ORDER BY r.id";
static const char sql_rec_page[] =
    "SELECT r.id FROM recommendation r WHERE" FILTERS " ORDER BY r.id LIMIT $7 OFFSET $8";
static const char sql_rec_page_count[] = "SELECT count(*) FROM recommendation r WHERE" FILTERS;

/* A statement failed: sqlite_fail's code (ERR_STORE) whatever the SQLSTATE, as in SQLite, where
 * every failed step of these functions is a store error; the message stays pg_run's. */
static int failed(struct err *err)
{
    if (err && err->code != ERR_NOMEM)
        err->code = ERR_STORE;
    return err ? err->code : ERR_STORE;
}

static int exec(struct pg_store *st, const char *sql, const struct pg_params *p, struct err *err,
                const char *doing)
{
    return pg_exec(st, sql, p, NULL, err, doing) ? failed(err) : 0;
}

/* The time new records get as created_at, UTC ISO-8601 (as sqlite_rec.c's put_time_set). */
static int put_time(char out[24], struct err *err)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm) || !strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm))
        return err_set(err, ERR_STORE, "cannot read the clock");
    return 0;
}

/* The CHECK constraints of the schema on what a put writes, in C, with sqlite_rec.c's
 * messages (a person reads which field is wrong). */
static int rec_valid(const struct store_rec *r, struct err *err)
{
    static const char *const responses[] = {"supported", "noted", "partially_supported"};
    if (r->kind && strcmp(r->kind, "recommendation") && strcmp(r->kind, "pledge"))
        return err_set(err, ERR_INPUT, "%s: kind \"%s\", expected recommendation or pledge", r->id,
                       r->kind);
    int known = !r->response;
    for (size_t i = 0; i < sizeof responses / sizeof responses[0] && !known; i++)
        known = !strcmp(r->response, responses[i]);
    if (!known)
        return err_set(err, ERR_INPUT,
                       "%s: response \"%s\", expected supported, noted or partially_supported",
                       r->id, r->response);
    if (r->action_category < 0 || r->action_category > 5)
        return err_set(err, ERR_INPUT, "%s: action category %d, expected 0 to 5", r->id,
                       r->action_category);
    for (size_t i = 0; i < r->ntags; i++)
        if ((unsigned)r->tags[i].origin >= sizeof origin_names / sizeof origin_names[0])
            return err_set(err, ERR_INPUT, "%s: tag origin %d, expected source, human or machine",
                           r->id, (int)r->tags[i].origin);
    return 0;
}

/* $1..$17 of the insert and the update. */
static void params_rec(struct pg_params *p, const struct store_rec *r, const char *hash)
{
    pg_params_init(p);
    pg_param_text(p, r->id);
    pg_param_text(p, r->kind ? r->kind : "recommendation");
    pg_param_text(p, r->mechanism);
    pg_param_text(p, r->body);
    pg_param_text(p, r->document);
    pg_param_text(p, r->paragraph);
    pg_param_text(p, r->country);
    pg_param_text(p, r->country_label);
    pg_param_int(p, r->session);
    pg_param_int(p, r->cycle);
    pg_param_text(p, r->response);
    pg_param_int(p, r->action_category);
    pg_param_text(p, r->cluster_theme);
    pg_param_text(p, r->source_file);
    pg_param_int(p, r->source_line);
    pg_param_text(p, r->source_json);
    pg_param_text(p, hash);
}

/* Appends s as an element of an array literal ({"a","b",NULL}); first: no comma before it. */
static void array_put(struct buf *b, const char *s, int first)
{
    if (!first)
        buf_putc(b, ',');
    if (!s) {
        buf_puts(b, "NULL");
        return;
    }
    buf_putc(b, '"');
    for (size_t n; *s; s += n) {
        n = strcspn(s, "\\\"");
        buf_append(b, s, n);
        if (s[n]) {
            buf_putc(b, '\\');
            buf_putc(b, s[n++]);
        }
    }
    buf_putc(b, '"');
}

/* Ends one array literal: the literals follow each other in b, each NUL-terminated. */
static void array_end(struct buf *b, size_t *starts, int *n)
{
    buf_putc(b, '}');
    buf_append(b, "", 1);
    starts[++*n] = b->len;
    buf_putc(b, '{');
}

/* $19..$27: the children of r as arrays, built in st->scratch (kept until the statement ran). */
static int params_children(struct pg_store *st, struct pg_params *p, const struct store_rec *r,
                           struct err *err)
{
    struct buf *b = &st->scratch;
    size_t starts[10] = {0};
    int n = 0;
    buf_reset(b);
    buf_putc(b, '{');
    for (int col = 0; col < 2; col++) {
        int first = 1;
        for (int i = 0; i < STORE_LANG_COUNT; i++)
            if (r->text[i]) {
                array_put(b, col ? r->text[i] : lang_codes[i], first);
                first = 0;
            }
        array_end(b, starts, &n);
    }
    for (int col = 0; col < 2; col++) {
        for (size_t i = 0; i < r->nstates; i++)
            array_put(b, col ? r->states[i].label : r->states[i].iso3, i == 0);
        array_end(b, starts, &n);
    }
    for (int col = 0; col < 5; col++) {
        for (size_t i = 0; i < r->ntags; i++) {
            const struct store_tag *t = &r->tags[i];
            char score[32];
            snprintf(score, sizeof score, "%.17g", t->score);
            const char *v[] = {t->vocab, t->label, t->code, origin_names[t->origin],
                               t->origin == STORE_TAG_MACHINE ? score : NULL};
            array_put(b, v[col], i == 0);
        }
        array_end(b, starts, &n);
    }
    if (b->oom)
        return err_set(err, ERR_NOMEM, "out of memory");
    for (int i = 0; i < n; i++)
        pg_param_text(p, b->data + starts[i]);
    return 0;
}

/* The stored hash and rid of id: 1 when it exists, 0 when not, negative on error. */
static int rec_hash_of(struct pg_store *st, const char *id, char hash[17], long long *rid,
                       struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, id);
    PGresult *res = pg_run(st, sql_rec_hash, &p, err, "reading a recommendation");
    if (!res)
        return failed(err);
    int exists = PQntuples(res) > 0;
    if (exists) {
        const char *h = pg_text(res, 0, 0);
        snprintf(hash, 17, "%s", h ? h : "");
        *rid = pg_int(res, 0, 1);
    }
    PQclear(res);
    return exists;
}

static int rec_put(struct pg_store *st, const struct store_rec *r, enum store_put_outcome *outcome,
                   struct err *err)
{
    char now[24];
    int rc = rec_valid(r, err);
    if (rc || (rc = put_time(now, err)))
        return rc;
    char hash[17], stored[17] = "";
    store_rec_hash(r, hash);
    long long rid = 0;
    int exists = rec_hash_of(st, r->id, stored, &rid, err);
    if (exists < 0)
        return exists;
    if (exists && !strcmp(stored, hash)) {
        *outcome = STORE_PUT_UNCHANGED;
        return 0;
    }
    struct pg_params p;
    params_rec(&p, r, hash);
    pg_param_text(&p, now);
    if ((rc = params_children(st, &p, r, err)))
        return rc;
    if (exists) {
        /* the old children go first, in a statement of their own: in the same one, a new
         * text would meet the key (rid, lang) of the old one */
        struct pg_params d;
        pg_params_init(&d);
        pg_param_int(&d, rid);
        if ((rc = exec(st, sql_rec_children_delete, &d, err, "replacing a recommendation")))
            return rc;
    }
    PGresult *res =
        pg_run(st, exists ? sql_rec_update : sql_rec_insert, &p, err, "storing a recommendation");
    if (!res)
        return failed(err);
    PQclear(res);
    *outcome = exists ? STORE_PUT_UPDATED : STORE_PUT_INSERTED;
    pg_recs_changed(st);
    return 0;
}

int postgres_rec_put(struct pg_store *st, const struct store_rec *r,
                     enum store_put_outcome *outcome, struct err *err)
{
    if (st->in_tx)
        return rec_put(st, r, outcome, err);
    /* Outside a transaction: make one, so that the record and its children land whole. */
    int rc = postgres_begin(st, err);
    if (!rc && (rc = rec_put(st, r, outcome, err)) == 0)
        rc = postgres_commit(st, err);
    if (rc)
        postgres_rollback(st);
    return rc;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Fills r's children from the rows of sql_rec_get after the record's own. */
static int load_children(const PGresult *res, struct store_rec *r, struct err *err)
{
    int n = PQntuples(res), nstates = 0, ntags = 0;
    for (int row = 1; row < n; row++) {
        nstates += pg_int(res, row, 0) == 2;
        ntags += pg_int(res, row, 0) == 3;
    }
    struct store_state_ref *states = nstates ? calloc((size_t)nstates, sizeof *states) : NULL;
    struct store_tag *tags = ntags ? calloc((size_t)ntags, sizeof *tags) : NULL;
    r->states = states;
    r->tags = tags;
    if ((nstates && !states) || (ntags && !tags))
        return err_set(err, ERR_NOMEM, "out of memory");
#define T(c) pg_text(res, row, c)
    for (int row = 1; row < n; row++) {
        long long k = pg_int(res, row, 0);
        if (k == 1) {
            for (int i = 0; i < STORE_LANG_COUNT; i++)
                if (!strcmp(T(2), lang_codes[i]))
                    r->text[i] = dup_or_null(T(3));
        } else if (k == 2) {
            states[r->nstates++] = (struct store_state_ref){dup_or_null(T(2)), dup_or_null(T(3))};
        } else if (k == 3) {
            enum store_tag_origin origin = STORE_TAG_SOURCE;
            for (int i = 0; i < 3; i++)
                if (!strcmp(T(5), origin_names[i]))
                    origin = (enum store_tag_origin)i;
            tags[r->ntags++] =
                (struct store_tag){dup_or_null(T(2)), dup_or_null(T(3)), dup_or_null(T(4)), origin,
                                   pg_double(res, row, 6)};
        }
    }
#undef T
    return 0;
}

int postgres_rec_get(struct pg_store *st, const char *id, store_rec_cb cb, void *ctx,
                     struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, id);
    PGresult *res = pg_run(st, sql_rec_get, &p, err, "reading a recommendation");
    if (!res)
        return failed(err);
    if (!PQntuples(res) || pg_int(res, 0, 0) != 0) {
        PQclear(res);
        return err_set(err, ERR_NOTFOUND, "no recommendation with id \"%s\"", id);
    }
#define T(c) dup_or_null(pg_text(res, 0, c))
    struct store_rec r = {
        .id = T(2),
        .kind = T(3),
        .mechanism = T(4),
        .body = T(5),
        .document = T(6),
        .paragraph = T(7),
        .country = T(8),
        .country_label = T(9),
        .session = (int)pg_int(res, 0, 10),
        .cycle = (int)pg_int(res, 0, 11),
        .response = T(12),
        .action_category = (int)pg_int(res, 0, 13),
        .cluster_theme = T(14),
        .source_file = T(15),
        .source_line = (long)pg_int(res, 0, 16),
        .source_json = T(17),
    };
#undef T
    int rc = load_children(res, &r, err);
    PQclear(res);
    if (!rc)
        rc = cb(ctx, &r);
    store_rec_free_copy(&r);
    return rc;
}

/* Calls store_rec_get for each id of the first column of res, in order. */
static int get_each(struct pg_store *st, const PGresult *res, int max, store_rec_cb cb, void *ctx,
                    struct err *err)
{
    int n = PQntuples(res), rc = 0;
    if (max >= 0 && n > max)
        n = max;
    for (int i = 0; i < n && !rc; i++)
        rc = postgres_rec_get(st, pg_text(res, i, 0), cb, ctx, err);
    return rc;
}

int postgres_rec_each(struct pg_store *st, const struct store_filter *f, store_rec_cb cb, void *ctx,
                      struct err *err)
{
    /* Ids first, then one record at a time, in one snapshot. */
    static const struct store_filter none;
    int began;
    if (pg_read_begin(st, &began, err))
        return ERR_STORE;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_filter(&p, f ? f : &none);
    PGresult *res = pg_run(st, sql_rec_each, &p, err, "listing recommendations");
    int rc = res ? get_each(st, res, -1, cb, ctx, err) : failed(err);
    PQclear(res);
    pg_read_end(st, began);
    return rc;
}

int postgres_rec_page(struct pg_store *st, const struct store_filter *f, int limit, int offset,
                      store_rec_cb cb, void *ctx, long *total, struct err *err)
{
    static const struct store_filter none;
    if (!f)
        f = &none;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_filter(&p, f);
    PGresult *res = pg_run(st, sql_rec_page_count, &p, err, "counting recommendations");
    if (!res) {
        *total = 0;
        return failed(err);
    }
    *total = PQntuples(res) ? (long)pg_int(res, 0, 0) : 0;
    PQclear(res);
    pg_param_int_or_null(&p, limit, limit <= 0);
    pg_param_int(&p, offset > 0 ? offset : 0);
    if (!(res = pg_run(st, sql_rec_page, &p, err, "listing recommendations")))
        return failed(err);
    /* At most 1000 records a page, as sqlite_rec.c. */
    int rc = get_each(st, res, 1000, cb, ctx, err);
    PQclear(res);
    return rc;
}
