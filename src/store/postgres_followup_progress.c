/*
 * postgres_followup_progress.c — the reporting side of follow-up in the PostgreSQL backend
 * (tables of pg/003_a_followup.sql), the port of sqlite_followup_progress.c: progress reports,
 * evidence and the blobs holding its bytes (once per SHA-256), notes, deadlines, what reminders
 * are about, the notification outbox, the branch of an institution and a user's e-mail address,
 * and row counts. The helpers it shares with the plan side (pg_fu_*) are in
 * postgres_followup_util.c; the readers of a report's and a note's columns too.
 */
#include "store/postgres_followup.h"

#include <stdio.h>
#include <string.h>

/* ---- helpers -------------------------------------------------------------------------------- */

/* Runs sql with the rid of recommendation rec_id (none when NULL) as $1, handing each row to
 * each. */
static int rows_of_rec(struct pg_store *st, const char *sql, const char *rec_id,
                       int (*each)(const PGresult *, int, void *), void *ctx, const char *doing,
                       struct err *err)
{
    long long rid = 0;
    int rc = rec_id ? pg_fu_rid(st, rec_id, &rid, err) : 0;
    return rc ? rc : pg_fu_rows_by_id(st, sql, (long)rid, each, ctx, doing, err);
}

/* pg_fu_put with doing "storing <what>". */
static int write_row(struct pg_store *st, const char *sql, const struct pg_params *params,
                     long update_id, long *id, const char *what, struct err *err)
{
    char doing[64];
    snprintf(doing, sizeof doing, "storing %s", what);
    return pg_fu_put(st, sql, params, update_id, id, doing, what, NULL, err);
}

/* ---- progress reports ----------------------------------------------------------------------- */

static const char progress_insert[] =
    "INSERT INTO progress(rid, institution_id, status, narrative, workflow, review_comment, "
    "author_login, submitter_login, reviewer_login, created_at, updated_at, submitted_at, "
    "reviewed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id";

static const char progress_update[] =
    "UPDATE progress SET status = $1, narrative = $2, workflow = $3, review_comment = $4, "
    "submitter_login = $5, reviewer_login = $6, updated_at = $7, submitted_at = $8, "
    "reviewed_at = $9 WHERE id = $10";

int postgres_progress_put(struct pg_store *st, const struct store_progress *p, long *id,
                          struct err *err)
{
    struct pg_params params;
    pg_params_init(&params);
    if (p->id) {
        const char *text[] = {p->status,         p->narrative,       p->workflow,
                              p->review_comment, p->submitter_login, p->reviewer_login};
        for (int i = 0; i < 6; i++)
            pg_param_text(&params, text[i]);
        pg_fu_param_time(&params, p->updated_at);
        pg_fu_param_time(&params, p->submitted_at);
        pg_fu_param_time(&params, p->reviewed_at);
        pg_param_int(&params, p->id);
        return write_row(st, progress_update, &params, p->id, id, "progress report", err);
    }
    long long rid = 0;
    int rc = pg_fu_rid(st, p->rec_id, &rid, err);
    if (rc)
        return rc;
    pg_param_int(&params, rid);
    pg_param_int(&params, p->institution_id);
    const char *text[] = {p->status,       p->narrative,       p->workflow,      p->review_comment,
                          p->author_login, p->submitter_login, p->reviewer_login};
    for (int i = 0; i < 7; i++)
        pg_param_text(&params, text[i]);
    const int64_t times[] = {p->created_at, p->updated_at, p->submitted_at, p->reviewed_at};
    for (int i = 0; i < 4; i++)
        pg_fu_param_time(&params, times[i]);
    return write_row(st, progress_insert, &params, 0, id, "progress report", err);
}

struct progress_call {
    store_progress_cb cb;
    void *ctx;
};

static int progress_row(const PGresult *r, int row, void *ctx)
{
    struct progress_call *c = ctx;
    struct store_progress p = pg_fu_progress_at(r, row, 0);
    return c->cb(c->ctx, &p);
}

int postgres_progress_get(struct pg_store *st, long id, store_progress_cb cb, void *ctx,
                          struct err *err)
{
    static const char sql[] = "SELECT " PG_FU_PROGRESS_COLS " FROM progress p JOIN recommendation "
                              "r ON r.rid = p.rid WHERE p.id = $1";
    struct progress_call c = {cb, ctx};
    return pg_fu_row_by_id(st, sql, id, progress_row, &c, "progress report", err);
}

int postgres_progress_each(struct pg_store *st, const char *rec_id, store_progress_cb cb, void *ctx,
                           struct err *err)
{
    static const char sql[] = "SELECT " PG_FU_PROGRESS_COLS " FROM progress p JOIN recommendation "
                              "r ON r.rid = p.rid WHERE p.rid = $1 "
                              "ORDER BY p.created_at DESC, p.id DESC";
    struct progress_call c = {cb, ctx};
    return rows_of_rec(st, sql, rec_id, progress_row, &c, "listing progress reports", err);
}

/* ---- evidence ------------------------------------------------------------------------------- */

int postgres_blob_put(struct pg_store *st, const char *sha256, const void *bytes, size_t size,
                      int *created, struct err *err)
{
    static const char sql[] =
        "INSERT INTO blob(sha256, size, bytes, created_at) SELECT $1::text, $2::bigint, "
        "$3::bytea, " PG_FU_NOW " WHERE NOT EXISTS (SELECT 1 FROM blob WHERE sha256 = $1) "
        "ON CONFLICT DO NOTHING";
    struct pg_params params;
    pg_params_init(&params);
    pg_param_text(&params, sha256);
    pg_param_int(&params, (long long)size);
    pg_param_blob(&params, size ? bytes : "", size); /* empty, not NULL, as SQLite's zeroblob */
    long changed = 0;
    int rc = pg_fu_write(st, sql, &params, &changed, "storing a file", NULL, err);
    *created = !rc && changed > 0;
    return rc;
}

int postgres_blob_get(struct pg_store *st, const char *sha256, struct buf *out, struct err *err)
{
    static const char sql[] = "SELECT bytes FROM blob WHERE sha256 = $1";
    struct pg_params params;
    pg_params_init(&params);
    pg_param_text(&params, sha256);
    PGresult *r;
    int rc = pg_fu_one(st, sql, &params, &r, "reading a file", err);
    if (rc == 1) {
        /* results come as text: bytea as "\\x<hex>" */
        size_t n = 0;
        unsigned char *bytes = PQunescapeBytea((const unsigned char *)PQgetvalue(r, 0, 0), &n);
        rc = !bytes || (n && buf_append(out, bytes, n)) ? err_set(err, ERR_NOMEM, "out of memory")
                                                        : 0;
        PQfreemem(bytes);
    } else if (rc == 0) {
        rc = err_set(err, ERR_NOTFOUND, "no stored file with SHA-256 %s", sha256);
    }
    PQclear(r);
    return rc;
}

int postgres_evidence_put(struct pg_store *st, const struct store_evidence *e, long *id,
                          struct err *err)
{
    static const char sql[] = "INSERT INTO evidence(progress_id, file_name, content_type, size, "
                              "sha256, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, "
                              "$7) RETURNING id";
    struct pg_params params;
    pg_params_init(&params);
    pg_param_int(&params, e->progress_id);
    pg_param_text(&params, e->file_name);
    pg_param_text(&params, e->content_type);
    pg_param_int(&params, (long long)e->size);
    pg_param_text(&params, e->sha256);
    pg_param_text(&params, e->uploaded_by);
    pg_fu_param_time(&params, e->uploaded_at);
    return write_row(st, sql, &params, 0, id, "evidence", err);
}

struct evidence_call {
    store_evidence_cb cb;
    void *ctx;
};

static int evidence_row(const PGresult *r, int row, void *ctx)
{
    struct evidence_call *c = ctx;
    struct store_evidence e = {
        .id = pg_fu_long(r, row, 0),
        .progress_id = pg_fu_long(r, row, 1),
        .file_name = pg_fu_text(r, row, 2),
        .content_type = pg_fu_text(r, row, 3),
        .size = (size_t)pg_fu_long(r, row, 4),
        .sha256 = pg_fu_text(r, row, 5),
        .uploaded_by = pg_fu_text(r, row, 6),
        .uploaded_at = pg_fu_time(r, row, 7),
    };
    return c->cb(c->ctx, &e);
}

#define EVIDENCE_COLS                                                                              \
    "SELECT id, progress_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at "     \
    "FROM evidence "

int postgres_evidence_get(struct pg_store *st, long id, store_evidence_cb cb, void *ctx,
                          struct err *err)
{
    static const char sql[] = EVIDENCE_COLS "WHERE id = $1";
    struct evidence_call c = {cb, ctx};
    return pg_fu_row_by_id(st, sql, id, evidence_row, &c, "evidence", err);
}

int postgres_evidence_each(struct pg_store *st, long progress_id, store_evidence_cb cb, void *ctx,
                           struct err *err)
{
    static const char sql[] = EVIDENCE_COLS "WHERE progress_id = $1 ORDER BY id";
    struct evidence_call c = {cb, ctx};
    return pg_fu_rows_by_id(st, sql, progress_id, evidence_row, &c, "listing evidence", err);
}

/* ---- notes ---------------------------------------------------------------------------------- */

int postgres_note_put(struct pg_store *st, const struct store_note *n, long *id, struct err *err)
{
    static const char sql[] = "INSERT INTO note(rid, author_login, organisation, independent, "
                              "status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
                              "coalesce($7, " PG_FU_NOW ")) RETURNING id";
    long long rid = 0;
    int rc = pg_fu_rid(st, n->rec_id, &rid, err);
    if (rc)
        return rc;
    struct pg_params params;
    pg_params_init(&params);
    pg_param_int(&params, rid);
    pg_param_text(&params, n->author_login);
    pg_param_text(&params, n->organisation);
    pg_param_int(&params, n->independent ? 1 : 0);
    pg_param_text(&params, n->status);
    pg_param_text(&params, n->body);
    pg_fu_param_time(&params, n->created_at);
    return write_row(st, sql, &params, 0, id, "note", err);
}

struct note_call {
    store_note_cb cb;
    void *ctx;
};

static int note_row(const PGresult *r, int row, void *ctx)
{
    struct note_call *c = ctx;
    struct store_note n = pg_fu_note_at(r, row, 0);
    return c->cb(c->ctx, &n);
}

int postgres_note_each(struct pg_store *st, const char *rec_id, store_note_cb cb, void *ctx,
                       struct err *err)
{
    static const char sql[] = "SELECT " PG_FU_NOTE_COLS " FROM note n JOIN recommendation r "
                              "ON r.rid = n.rid WHERE n.rid = $1 ORDER BY n.created_at, n.id";
    struct note_call c = {cb, ctx};
    return rows_of_rec(st, sql, rec_id, note_row, &c, "listing notes", err);
}

/* ---- deadlines ------------------------------------------------------------------------------ */

int postgres_deadline_put(struct pg_store *st, const struct store_deadline *d, long *id,
                          struct err *err)
{
    static const char insert[] = "INSERT INTO deadline(title, body, due_date, created_at) "
                                 "VALUES ($1, $2, $3, " PG_FU_NOW ") RETURNING id";
    static const char update[] =
        "UPDATE deadline SET title = $1, body = $2, due_date = $3 WHERE id = $4";
    struct pg_params params;
    pg_params_init(&params);
    pg_param_text(&params, d->title);
    pg_param_text(&params, d->body);
    pg_param_text(&params, d->due_date);
    if (d->id)
        pg_param_int(&params, d->id);
    return write_row(st, d->id ? update : insert, &params, d->id, id, "deadline", err);
}

struct deadline_call {
    store_deadline_cb cb;
    void *ctx;
};

static int deadline_row(const PGresult *r, int row, void *ctx)
{
    struct deadline_call *c = ctx;
    struct store_deadline d = {pg_fu_long(r, row, 0), pg_fu_text(r, row, 1), pg_fu_text(r, row, 2),
                               pg_fu_text(r, row, 3)};
    return c->cb(c->ctx, &d);
}

int postgres_deadline_get(struct pg_store *st, long id, store_deadline_cb cb, void *ctx,
                          struct err *err)
{
    static const char sql[] = "SELECT id, title, body, due_date FROM deadline WHERE id = $1";
    struct deadline_call c = {cb, ctx};
    return pg_fu_row_by_id(st, sql, id, deadline_row, &c, "deadline", err);
}

int postgres_deadline_each(struct pg_store *st, store_deadline_cb cb, void *ctx, struct err *err)
{
    static const char sql[] =
        "SELECT id, title, body, due_date FROM deadline ORDER BY due_date, id";
    struct deadline_call c = {cb, ctx};
    return pg_fu_rows(st, sql, NULL, deadline_row, &c, "listing deadlines", err);
}

/* ---- reminders and the outbox --------------------------------------------------------------- */

struct due_call {
    store_due_cb cb;
    void *ctx;
};

static int due_row(const PGresult *r, int row, void *ctx)
{
    struct due_call *c = ctx;
    struct store_due d = {pg_fu_text(r, row, 0), pg_fu_long(r, row, 1), pg_fu_long(r, row, 2),
                          pg_fu_text(r, row, 3), pg_fu_text(r, row, 4), pg_fu_text(r, row, 5)};
    return c->cb(c->ctx, &d);
}

/* A report's date may be NULL (a report returned without a review time, say): SQLite sorts
 * NULLs first in ascending order, hence NULLS FIRST on column 6. */
int postgres_due_each(struct pg_store *st, const char *today, const char *horizon, store_due_cb cb,
                      void *ctx, struct err *err)
{
    static const char sql[] =
        "SELECT 'action', p.id, p.institution_id, r.id, p.description, p.due_date "
        "FROM plan_action p LEFT JOIN recommendation r ON r.rid = p.rid "
        "WHERE p.status NOT IN ('completed', 'cancelled') AND p.due_date <= $2 "
        "UNION ALL SELECT 'deadline', id, 0, NULL, title, due_date FROM deadline "
        "WHERE due_date BETWEEN $1 AND $2 "
        "UNION ALL SELECT 'assignment', a.id, a.institution_id, r.id, coalesce(r.id, c.name), "
        "a.deadline FROM assignment a LEFT JOIN recommendation r ON r.rid = a.rid "
        "LEFT JOIN cluster c ON c.id = a.cluster_id WHERE a.deadline BETWEEN $1 AND $2 "
        "UNION ALL SELECT p.workflow, p.id, p.institution_id, r.id, r.id, "
        "substr(CASE p.workflow WHEN 'submitted' THEN p.submitted_at ELSE p.reviewed_at END, "
        "1, 10) FROM progress p JOIN recommendation r ON r.rid = p.rid "
        "WHERE p.workflow IN ('submitted', 'returned') ORDER BY 1, 6 NULLS FIRST, 2";
    struct pg_params params;
    pg_params_init(&params);
    pg_param_text(&params, today);
    pg_param_text(&params, horizon);
    struct due_call c = {cb, ctx};
    return pg_fu_rows(st, sql, &params, due_row, &c, "finding what is due", err);
}

/* INSERT OR IGNORE: ON CONFLICT DO NOTHING without a target skips a row taking any unique key
 * (the outbox's kind, item, user_id, day), but only after the identity has handed out an id; the
 * NOT EXISTS test before it keeps a repeated reminder from leaving a gap in the ids, which
 * SQLite's rowids do not have. */
int postgres_notification_put(struct pg_store *st, const struct store_notification *n, int *queued,
                              struct err *err)
{
    static const char sql[] =
        "INSERT INTO notification(user_id, kind, item, day, subject, body, created_at) "
        "SELECT $1::bigint, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text "
        "WHERE NOT EXISTS (SELECT 1 FROM notification WHERE kind = $2 AND item = $3 "
        "AND user_id = $1 AND day = $4) ON CONFLICT DO NOTHING";
    struct pg_params params;
    pg_params_init(&params);
    pg_param_int(&params, n->user_id);
    const char *text[] = {n->kind, n->item, n->day, n->subject, n->body};
    for (int i = 0; i < 5; i++)
        pg_param_text(&params, text[i]);
    pg_fu_param_time(&params, n->created_at);
    long changed = 0;
    int rc = pg_fu_write(st, sql, &params, &changed, "queuing a notification", NULL, err);
    *queued = !rc && changed > 0;
    return rc;
}

struct notification_call {
    store_notification_cb cb;
    void *ctx;
};

static int notification_row(const PGresult *r, int row, void *ctx)
{
    struct notification_call *c = ctx;
    struct store_notification n = {
        .id = pg_fu_long(r, row, 0),
        .user_id = pg_fu_long(r, row, 1),
        .login = pg_fu_text(r, row, 2),
        .email = pg_fu_text(r, row, 3),
        .kind = pg_fu_text(r, row, 4),
        .item = pg_fu_text(r, row, 5),
        .day = pg_fu_text(r, row, 6),
        .subject = pg_fu_text(r, row, 7),
        .body = pg_fu_text(r, row, 8),
        .created_at = pg_fu_time(r, row, 9),
        .sent_at = pg_fu_time(r, row, 10),
    };
    return c->cb(c->ctx, &n);
}

int postgres_notification_each(struct pg_store *st, long user_id, int unsent_only,
                               store_notification_cb cb, void *ctx, struct err *err)
{
    static const char sql[] =
        "SELECT n.id, n.user_id, u.login, u.email, n.kind, n.item, n.day, n.subject, n.body, "
        "n.created_at, n.sent_at FROM notification n JOIN account u ON u.id = n.user_id "
        "WHERE ($1::bigint IS NULL OR n.user_id = $1) AND ($2::bigint = 0 OR n.sent_at IS NULL) "
        "ORDER BY n.created_at, n.id";
    struct pg_params params;
    pg_params_init(&params);
    pg_param_int_or_null(&params, user_id, !user_id);
    pg_param_int(&params, unsent_only ? 1 : 0);
    struct notification_call c = {cb, ctx};
    return pg_fu_rows(st, sql, &params, notification_row, &c, "reading the outbox", err);
}

/* Sets one text or time column of row id through sql ($1 id, $2 value). */
static int set_column(struct pg_store *st, const char *sql, long id, const char *text, int64_t at,
                      const char *what, struct err *err)
{
    struct pg_params params;
    pg_params_init(&params);
    pg_param_int(&params, id);
    if (at)
        pg_fu_param_time(&params, at);
    else
        pg_param_text(&params, text);
    return write_row(st, sql, &params, id, NULL, what, err);
}

int postgres_notification_sent(struct pg_store *st, long id, int64_t at, struct err *err)
{
    static const char sql[] = "UPDATE notification SET sent_at = $2 WHERE id = $1";
    return set_column(st, sql, id, NULL, at, "notification", err);
}

/* ---- institutions and users: what 003 adds -------------------------------------------------- */

int postgres_institution_branch_set(struct pg_store *st, long id, const char *branch,
                                    struct err *err)
{
    static const char sql[] = "UPDATE institution SET branch = $2 WHERE id = $1";
    return set_column(st, sql, id, branch, 0, "institution", err);
}

int postgres_user_email_set(struct pg_store *st, long id, const char *email, struct err *err)
{
    static const char sql[] = "UPDATE account SET email = $2 WHERE id = $1";
    return set_column(st, sql, id, email, 0, "user", err);
}

/* Appends the text column of row id that sql ($1 id) selects; ERR_NOTFOUND naming what. */
static int get_column(struct pg_store *st, const char *sql, long id, struct buf *out,
                      const char *what, struct err *err)
{
    struct pg_params params;
    pg_params_init(&params);
    pg_param_int(&params, id);
    PGresult *r;
    int rc = pg_fu_one(st, sql, &params, &r, what, err);
    if (rc == 1) {
        const char *v = pg_fu_text(r, 0, 0);
        rc = v && buf_puts(out, v) ? err_set(err, ERR_NOMEM, "out of memory") : 0;
    } else if (rc == 0) {
        rc = err_set(err, ERR_NOTFOUND, "no %s with id %ld", what, id);
    }
    PQclear(r);
    return rc;
}

int postgres_institution_branch_get(struct pg_store *st, long id, struct buf *out, struct err *err)
{
    static const char sql[] = "SELECT branch FROM institution WHERE id = $1";
    return get_column(st, sql, id, out, "institution", err);
}

int postgres_user_email_get(struct pg_store *st, long id, struct buf *out, struct err *err)
{
    static const char sql[] = "SELECT email FROM account WHERE id = $1";
    return get_column(st, sql, id, out, "user", err);
}

int postgres_followup_count(struct pg_store *st, const char *entity, long *out, struct err *err)
{
    static const char *const tables[][2] = {
        {"cluster", "SELECT count(*) FROM cluster"},
        {"assignment", "SELECT count(*) FROM assignment"},
        {"plan_action", "SELECT count(*) FROM plan_action"},
        {"indicator", "SELECT count(*) FROM indicator"},
        {"progress", "SELECT count(*) FROM progress"},
        {"blob", "SELECT count(*) FROM blob"},
        {"evidence", "SELECT count(*) FROM evidence"},
        {"note", "SELECT count(*) FROM note"},
        {"deadline", "SELECT count(*) FROM deadline"},
        {"notification", "SELECT count(*) FROM notification"},
    };
    return pg_fu_count(st, tables, sizeof tables / sizeof tables[0], "follow-up", entity, out, err);
}
