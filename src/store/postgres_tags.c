/*
 * postgres_tags.c — tags suggested by a model and their review, in the PostgreSQL backend of
 * store.h (table tag_suggestion of migration 004); the twin of sqlite_tags.c. A suggestion is
 * kept apart from rec_tag until a person accepts it, so that search and statistics never count
 * what nobody stood behind; the rule that source and human tags are never second-guessed is
 * enforced here, on insert. Times go in and out as milliseconds since the epoch and are stored
 * as SQLite stores them, ISO-8601 text with milliseconds.
 */
#include "store/postgres_internal.h"

#include <string.h>

static const char *const review_names[] = {"pending", "accepted", "rejected"};

/* ms since the epoch ($n, bigint) as '%Y-%m-%dT%H:%M:%fZ' text, exactly (integer arithmetic). */
#define MS_TEXT(n)                                                                                 \
    "to_char(timestamp 'epoch' + " n "::bigint * interval '1 millisecond',"                        \
    " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
/* The reverse, SQLite's round((julianday(col) - 2440587.5) * 86400000.0): NULL for what is not
 * an ISO-8601 time (julianday's NULL) instead of an error. A timestamp ignores the 'Z'. */
#define TEXT_MS(col)                                                                               \
    "CASE WHEN " col " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}"             \
    "(\\.[0-9]+)?)?)?Z?$' THEN round(extract(epoch FROM " col "::timestamp) * 1000)::bigint END"

static const char sql_rec_rid[] = "SELECT rid FROM recommendation WHERE id = $1";
static const char sql_has_tag[] = "SELECT 1 FROM rec_tag WHERE rid = $1 AND vocab = $2 "
                                  "AND (code = $3 OR label = $4)";
static const char sql_sugg_put[] =
    "INSERT INTO tag_suggestion(rid, vocab, code, label, score, reason, model, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, " MS_TEXT(
        "$8") ") ON CONFLICT (rid, vocab, code) "
              "DO UPDATE SET label = excluded.label, score = excluded.score, reason = "
              "excluded.reason, "
              "model = excluded.model WHERE tag_suggestion.review = 'pending'";
static const char sql_sugg_clear[] =
    "DELETE FROM tag_suggestion WHERE rid = $1 AND vocab = $2 AND review = 'pending'";
#define SUGG_WHERE                                                                                 \
    " FROM tag_suggestion s JOIN recommendation r ON r.rid = s.rid"                                \
    " WHERE ($1::text IS NULL OR r.id = $1) AND ($2::text IS NULL OR s.vocab = $2)"                \
    " AND ($3::text IS NULL OR s.review = $3) AND s.score >= $4::double precision"
static const char sql_sugg_each[] =
    "SELECT r.id, s.vocab, s.code, s.label, s.score, s.reason, s.model, s.review, "
    "s.reviewed_by, " TEXT_MS("s.created_at") ", " TEXT_MS("s.reviewed_at") SUGG_WHERE
    " ORDER BY r.id, s.vocab, s.score DESC, s.code LIMIT $5 OFFSET $6";
static const char sql_sugg_count[] = "SELECT count(*)" SUGG_WHERE;
static const char sql_sugg_review[] =
    "UPDATE tag_suggestion SET review = $4, reviewed_by = $5, reviewed_at = " MS_TEXT(
        "$6") " WHERE rid = $1 AND vocab = $2 AND code = $3 AND review = 'pending' RETURNING "
              "label, score";
static const char sql_sugg_state[] =
    "SELECT review FROM tag_suggestion WHERE rid = $1 AND vocab = $2 AND code = $3";
static const char sql_rec_tag_insert[] = "INSERT INTO rec_tag(rid, vocab, label, code, origin, "
                                         "score) VALUES ($1, $2, $3, $4, $5, $6) "
                                         "ON CONFLICT DO NOTHING";

/* A statement failed: ERR_STORE, as sqlite_fail; the message stays pg_run's. */
static int failed(struct err *err)
{
    if (err && err->code != ERR_NOMEM)
        err->code = ERR_STORE;
    return err ? err->code : ERR_STORE;
}

/* Runs a query; 1 when it returned a row, 0 when none, negative on error. */
static int has_row(struct pg_store *st, const char *sql, const struct pg_params *p,
                   long long *first, struct err *err, const char *doing)
{
    PGresult *res = pg_run(st, sql, p, err, doing);
    if (!res)
        return failed(err);
    int found = PQntuples(res) > 0;
    if (found && first)
        *first = pg_int(res, 0, 0);
    PQclear(res);
    return found;
}

/* The internal key of recommendation id into *rid: 0, or ERR_NOTFOUND "no recommendation <id>"
 * when there is none, or the error. */
static int rec_rid(struct pg_store *st, const char *id, long long *rid, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, id);
    int rc = has_row(st, sql_rec_rid, &p, rid, err, "finding a recommendation");
    return rc ? (rc < 0 ? rc : 0) : err_set(err, ERR_NOTFOUND, "no recommendation %s", id);
}

/* Starts p with the key of a suggestion: rid, vocab, code. */
static void params_sugg_key(struct pg_params *p, long long rid, const char *vocab, const char *code)
{
    pg_params_init(p);
    pg_param_int(p, rid);
    pg_param_text(p, vocab);
    pg_param_text(p, code);
}

static int has_tag(struct pg_store *st, long long rid, const struct store_suggestion *sg,
                   struct err *err)
{
    struct pg_params p;
    params_sugg_key(&p, rid, sg->vocab, sg->code);
    pg_param_text(&p, sg->label);
    return has_row(st, sql_has_tag, &p, NULL, err, "reading a recommendation's tags");
}

int postgres_suggestion_put(struct pg_store *st, const struct store_suggestion *sg, int64_t at,
                            int *stored, struct err *err)
{
    *stored = 0;
    if (!sg->rec_id || !sg->vocab || !sg->code || !sg->label)
        return err_set(err, ERR_INPUT, "a suggestion needs a recommendation, vocab, code, label");
    long long rid = 0;
    int rc = rec_rid(st, sg->rec_id, &rid, err);
    if (rc)
        return rc;
    if ((rc = has_tag(st, rid, sg, err)))
        return rc < 0 ? rc : 0;
    struct pg_params p;
    params_sugg_key(&p, rid, sg->vocab, sg->code);
    pg_param_text(&p, sg->label);
    pg_param_double(&p, sg->score);
    pg_param_text(&p, sg->reason);
    pg_param_text(&p, sg->model);
    pg_param_int(&p, at);
    long changed = 0;
    if (pg_exec(st, sql_sugg_put, &p, &changed, err, "storing a tag suggestion"))
        return failed(err);
    *stored = changed > 0;
    return 0;
}

int postgres_suggestion_clear(struct pg_store *st, const char *rec_id, const char *vocab,
                              long *deleted, struct err *err)
{
    if (deleted)
        *deleted = 0;
    long long rid = 0;
    int rc = rec_rid(st, rec_id, &rid, err);
    if (rc)
        return rc;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, rid);
    pg_param_text(&p, vocab);
    long changed = 0;
    if (pg_exec(st, sql_sugg_clear, &p, &changed, err, "clearing tag suggestions"))
        return failed(err);
    if (deleted)
        *deleted = changed;
    return 0;
}

/* $1..$4 of the listing and the count. */
static void params_filter(struct pg_params *p, const struct store_suggestion_filter *f)
{
    pg_params_init(p);
    pg_param_text(p, f ? f->rec_id : NULL);
    pg_param_text(p, f ? f->vocab : NULL);
    int review = f ? f->review : -1;
    pg_param_text(p, review >= 0 && review <= 2 ? review_names[review] : NULL);
    pg_param_double(p, f ? f->min_score : -1e300);
}

static enum store_review review_of(const char *text)
{
    for (int i = 0; i < 3; i++)
        if (text && !strcmp(text, review_names[i]))
            return (enum store_review)i;
    return STORE_REVIEW_PENDING;
}

int postgres_suggestion_each(struct pg_store *st, const struct store_suggestion_filter *f,
                             store_suggestion_cb cb, void *ctx, struct err *err)
{
    struct pg_params p;
    params_filter(&p, f);
    pg_param_int_or_null(&p, f ? f->limit : 0, !(f && f->limit > 0));
    pg_param_int(&p, f && f->offset > 0 ? f->offset : 0);
    PGresult *res = pg_run(st, sql_sugg_each, &p, err, "listing tag suggestions");
    if (!res)
        return failed(err);
    int rc = 0;
    for (int i = 0, n = PQntuples(res); i < n && !rc; i++) {
#define T(c) pg_text(res, i, c)
        struct store_suggestion sg = {T(0),
                                      T(1),
                                      T(2),
                                      T(3),
                                      pg_double(res, i, 4),
                                      T(5),
                                      T(6),
                                      review_of(T(7)),
                                      T(8),
                                      pg_int(res, i, 9),
                                      pg_int(res, i, 10)};
#undef T
        rc = cb(ctx, &sg);
    }
    PQclear(res);
    return rc;
}

int postgres_suggestion_count(struct pg_store *st, const struct store_suggestion_filter *f,
                              long *out, struct err *err)
{
    *out = 0;
    struct pg_params p;
    params_filter(&p, f);
    PGresult *res = pg_run(st, sql_sugg_count, &p, err, "counting tag suggestions");
    if (!res)
        return failed(err);
    *out = PQntuples(res) ? (long)pg_int(res, 0, 0) : 0;
    PQclear(res);
    return 0;
}

/* Adds an accepted suggestion to the recommendation's tags. */
static int add_tag(struct pg_store *st, long long rid, const char *vocab, const char *code,
                   const char *label, double score, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, rid);
    pg_param_text(&p, vocab);
    pg_param_text(&p, label);
    pg_param_text(&p, code);
    pg_param_text(&p, "machine");
    pg_param_double(&p, score);
    return pg_exec(st, sql_rec_tag_insert, &p, NULL, err, "adding an accepted tag") ? failed(err)
                                                                                    : 0;
}

/* Why a review changed nothing: no such suggestion, or it was reviewed already. */
static int review_state_error(struct pg_store *st, long long rid, const char *rec_id,
                              const char *vocab, const char *code, struct err *err)
{
    struct pg_params p;
    params_sugg_key(&p, rid, vocab, code);
    PGresult *res = pg_run(st, sql_sugg_state, &p, err, "reading a tag suggestion");
    if (!res)
        return failed(err);
    int rc;
    if (PQntuples(res))
        rc = err_set(err, ERR_INPUT, "%s: the suggestion %s %s was already %s", rec_id, vocab, code,
                     pg_text(res, 0, 0));
    else
        rc = err_set(err, ERR_NOTFOUND, "%s: no suggestion %s %s", rec_id, vocab, code);
    PQclear(res);
    return rc;
}

int postgres_suggestion_review(struct pg_store *st, const char *rec_id, const char *vocab,
                               const char *code, enum store_review review, const char *by,
                               int64_t at, struct err *err)
{
    if (review != STORE_REVIEW_ACCEPTED && review != STORE_REVIEW_REJECTED)
        return err_set(err, ERR_INPUT, "a review accepts or rejects");
    long long rid = 0;
    int rc = rec_rid(st, rec_id, &rid, err);
    if (rc)
        return rc;
    struct pg_params p;
    params_sugg_key(&p, rid, vocab, code);
    pg_param_text(&p, review_names[review]);
    pg_param_text(&p, by);
    pg_param_int(&p, at);
    PGresult *res = pg_run(st, sql_sugg_review, &p, err, "reviewing a tag suggestion");
    if (!res)
        return failed(err);
    if (!PQntuples(res)) {
        PQclear(res);
        return review_state_error(st, rid, rec_id, vocab, code, err);
    }
    rc = 0;
    if (review == STORE_REVIEW_ACCEPTED)
        rc = add_tag(st, rid, vocab, code, pg_text(res, 0, 0), pg_double(res, 0, 1), err);
    PQclear(res);
    return rc;
}
