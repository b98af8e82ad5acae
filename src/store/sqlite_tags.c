/*
 * sqlite_tags.c — tags suggested by a model and their review, in the SQLite backend of store.h
 * (table tag_suggestion of migration 004). A suggestion is kept apart from rec_tag until a
 * person accepts it, so that search and statistics never count what nobody stood behind; the
 * rule that source and human tags are never second-guessed is enforced here, on insert.
 */
#include "store/sqlite_internal.h"

#include <string.h>

static const char *const review_names[] = {"pending", "accepted", "rejected"};

/* The internal key of a recommendation: 1 and *rid when it exists, 0 when not. */
static int rec_rid(struct sqlite_store *st, const char *id, sqlite3_int64 *rid, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_REC_HASH, err);
    if (!s)
        return ERR_STORE;
    sqlite_bind_text(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *rid = sqlite3_column_int64(s, 1);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, "finding a recommendation");
}

static int has_tag(struct sqlite_store *st, sqlite3_int64 rid, const struct store_suggestion *sg,
                   struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SUGG_HAS_TAG, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, rid);
    sqlite_bind_text(s, 2, sg->vocab);
    sqlite_bind_text(s, 3, sg->code);
    sqlite_bind_text(s, 4, sg->label);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, "reading a recommendation's tags");
}

int sqlite_suggestion_put(struct sqlite_store *st, const struct store_suggestion *sg, int64_t at,
                          int *stored, struct err *err)
{
    *stored = 0;
    if (!sg->rec_id || !sg->vocab || !sg->code || !sg->label)
        return err_set(err, ERR_INPUT, "a suggestion needs a recommendation, vocab, code, label");
    sqlite3_int64 rid = 0;
    int rc = rec_rid(st, sg->rec_id, &rid, err);
    if (rc <= 0)
        return rc ? rc : err_set(err, ERR_NOTFOUND, "no recommendation %s", sg->rec_id);
    if ((rc = has_tag(st, rid, sg, err)))
        return rc < 0 ? rc : 0;
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SUGG_PUT, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, rid);
    sqlite_bind_text(s, 2, sg->vocab);
    sqlite_bind_text(s, 3, sg->code);
    sqlite_bind_text(s, 4, sg->label);
    sqlite3_bind_double(s, 5, sg->score);
    sqlite_bind_text(s, 6, sg->reason);
    sqlite_bind_text(s, 7, sg->model);
    sqlite3_bind_int64(s, 8, at);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sqlite_fail(st, err, "storing a tag suggestion");
    *stored = sqlite3_changes(st->db) > 0;
    return 0;
}

int sqlite_suggestion_clear(struct sqlite_store *st, const char *rec_id, const char *vocab,
                            long *deleted, struct err *err)
{
    if (deleted)
        *deleted = 0;
    sqlite3_int64 rid = 0;
    int rc = rec_rid(st, rec_id, &rid, err);
    if (rc <= 0)
        return rc ? rc : err_set(err, ERR_NOTFOUND, "no recommendation %s", rec_id);
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SUGG_CLEAR, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, rid);
    sqlite_bind_text(s, 2, vocab);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sqlite_fail(st, err, "clearing tag suggestions");
    if (deleted)
        *deleted = sqlite3_changes(st->db);
    return 0;
}

static void bind_filter(sqlite3_stmt *s, const struct store_suggestion_filter *f)
{
    sqlite_bind_text(s, 1, f ? f->rec_id : NULL);
    sqlite_bind_text(s, 2, f ? f->vocab : NULL);
    int review = f ? f->review : -1;
    sqlite_bind_text(s, 3, review >= 0 && review <= 2 ? review_names[review] : NULL);
    sqlite3_bind_double(s, 4, f ? f->min_score : -1e300);
}

static enum store_review review_of(const unsigned char *text)
{
    for (int i = 0; i < 3; i++)
        if (text && !strcmp((const char *)text, review_names[i]))
            return (enum store_review)i;
    return STORE_REVIEW_PENDING;
}

int sqlite_suggestion_each(struct sqlite_store *st, const struct store_suggestion_filter *f,
                           store_suggestion_cb cb, void *ctx, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SUGG_EACH, err);
    if (!s)
        return ERR_STORE;
    bind_filter(s, f);
    sqlite3_bind_int(s, 5, f && f->limit > 0 ? f->limit : -1);
    sqlite3_bind_int(s, 6, f && f->offset > 0 ? f->offset : 0);
    int rc, cb_rc = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
#define TEXT(i) (const char *)sqlite3_column_text(s, i)
        struct store_suggestion sg = {
            TEXT(0),
            TEXT(1),
            TEXT(2),
            TEXT(3),
            sqlite3_column_double(s, 4),
            TEXT(5),
            TEXT(6),
            review_of(sqlite3_column_text(s, 7)),
            TEXT(8),
            sqlite3_column_int64(s, 9),
            sqlite3_column_type(s, 10) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 10)};
#undef TEXT
        if ((cb_rc = cb(ctx, &sg)))
            break;
    }
    sqlite3_reset(s);
    if (cb_rc)
        return cb_rc;
    return rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, "listing tag suggestions");
}

int sqlite_suggestion_count(struct sqlite_store *st, const struct store_suggestion_filter *f,
                            long *out, struct err *err)
{
    *out = 0;
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SUGG_COUNT, err);
    if (!s)
        return ERR_STORE;
    bind_filter(s, f);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = (long)sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : sqlite_fail(st, err, "counting tag suggestions");
}

/* Adds an accepted suggestion to the recommendation's tags. */
static int add_tag(struct sqlite_store *st, sqlite3_int64 rid, const char *vocab, const char *code,
                   const char *label, double score, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_REC_TAG_INSERT, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, rid);
    sqlite_bind_text(s, 2, vocab);
    sqlite_bind_text(s, 3, label);
    sqlite_bind_text(s, 4, code);
    sqlite_bind_text(s, 5, "machine");
    sqlite3_bind_double(s, 6, score);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : sqlite_fail(st, err, "adding an accepted tag");
}

/* Why a review changed nothing: no such suggestion, or it was reviewed already. */
static int review_state_error(struct sqlite_store *st, sqlite3_int64 rid, const char *rec_id,
                              const char *vocab, const char *code, struct err *err)
{
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SUGG_STATE, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, rid);
    sqlite_bind_text(s, 2, vocab);
    sqlite_bind_text(s, 3, code);
    int rc = sqlite3_step(s);
    struct buf state = BUF_INIT;
    if (rc == SQLITE_ROW)
        buf_puts(&state, (const char *)sqlite3_column_text(s, 0));
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        rc = err_set(err, ERR_INPUT, "%s: the suggestion %s %s was already %s", rec_id, vocab, code,
                     buf_str(&state));
    else if (rc == SQLITE_DONE)
        rc = err_set(err, ERR_NOTFOUND, "%s: no suggestion %s %s", rec_id, vocab, code);
    else
        rc = sqlite_fail(st, err, "reading a tag suggestion");
    buf_free(&state);
    return rc;
}

int sqlite_suggestion_review(struct sqlite_store *st, const char *rec_id, const char *vocab,
                             const char *code, enum store_review review, const char *by, int64_t at,
                             struct err *err)
{
    if (review != STORE_REVIEW_ACCEPTED && review != STORE_REVIEW_REJECTED)
        return err_set(err, ERR_INPUT, "a review accepts or rejects");
    sqlite3_int64 rid = 0;
    int rc = rec_rid(st, rec_id, &rid, err);
    if (rc <= 0)
        return rc ? rc : err_set(err, ERR_NOTFOUND, "no recommendation %s", rec_id);
    sqlite3_stmt *s = sqlite_stmt(st, SQL_SUGG_REVIEW, err);
    if (!s)
        return ERR_STORE;
    sqlite3_bind_int64(s, 1, rid);
    sqlite_bind_text(s, 2, vocab);
    sqlite_bind_text(s, 3, code);
    sqlite_bind_text(s, 4, review_names[review]);
    sqlite_bind_text(s, 5, by);
    sqlite3_bind_int64(s, 6, at);
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return sqlite_fail(st, err, "reviewing a tag suggestion");
        return review_state_error(st, rid, rec_id, vocab, code, err);
    }
    struct buf label = BUF_INIT;
    buf_puts(&label, (const char *)sqlite3_column_text(s, 0));
    double score = sqlite3_column_double(s, 1);
    rc = sqlite3_step(s) == SQLITE_DONE ? 0 : ERR_STORE; /* RETURNING: finish the statement */
    sqlite3_reset(s);
    if (rc)
        rc = sqlite_fail(st, err, "reviewing a tag suggestion");
    else if (label.oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    else if (review == STORE_REVIEW_ACCEPTED)
        rc = add_tag(st, rid, vocab, code, buf_str(&label), score, err);
    buf_free(&label);
    return rc;
}
