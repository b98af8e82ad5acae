/*
 * sqlite_followup_progress.c — the reporting side of follow-up in the SQLite backend (tables
 * of migration 003): progress reports, evidence and the blobs holding its bytes (once per
 * SHA-256), notes, deadlines, what reminders are about, the notification outbox, the branch of
 * an institution and a user's e-mail address, and row counts. Helpers are in sqlite_followup.c.
 */
#include "store/sqlite_followup.h"

#include <stdio.h>
#include <string.h>

#define NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

struct store_progress sqlite_fu_progress_at(sqlite3_stmt *s, int k)
{
    return (struct store_progress){
        .id = sqlite_fu_long(s, k),
        .rec_id = sqlite_fu_text(s, k + 1),
        .institution_id = sqlite_fu_long(s, k + 2),
        .status = sqlite_fu_text(s, k + 3),
        .narrative = sqlite_fu_text(s, k + 4),
        .workflow = sqlite_fu_text(s, k + 5),
        .review_comment = sqlite_fu_text(s, k + 6),
        .author_login = sqlite_fu_text(s, k + 7),
        .submitter_login = sqlite_fu_text(s, k + 8),
        .reviewer_login = sqlite_fu_text(s, k + 9),
        .created_at = sqlite_fu_time(s, k + 10),
        .updated_at = sqlite_fu_time(s, k + 11),
        .submitted_at = sqlite_fu_time(s, k + 12),
        .reviewed_at = sqlite_fu_time(s, k + 13),
    };
}

struct store_note sqlite_fu_note_at(sqlite3_stmt *s, int k)
{
    return (struct store_note){
        .id = sqlite_fu_long(s, k),
        .rec_id = sqlite_fu_text(s, k + 1),
        .author_login = sqlite_fu_text(s, k + 2),
        .organisation = sqlite_fu_text(s, k + 3),
        .independent = sqlite3_column_int(s, k + 4),
        .status = sqlite_fu_text(s, k + 5),
        .body = sqlite_fu_text(s, k + 6),
        .created_at = sqlite_fu_time(s, k + 7),
    };
}

/* Runs sql with the rid of recommendation rec_id (none when NULL) as ?1, handing each row to
 * each. */
static int rows_of_rec(struct sqlite_store *st, const char *sql, const char *rec_id,
                       int (*each)(sqlite3_stmt *, void *), void *ctx, const char *doing,
                       struct err *err)
{
    sqlite3_int64 rid = 0;
    int rc = rec_id ? sqlite_fu_rid(st, rec_id, &rid, err) : 0;
    return rc ? rc : sqlite_fu_rows_by_id(st, sql, (long)rid, each, ctx, doing, err);
}

/* sqlite_fu_put with doing "storing <what>". */
static int write_row(struct sqlite_store *st, sqlite3_stmt *s, long update_id, long *id,
                     const char *what, struct err *err)
{
    char doing[64];
    snprintf(doing, sizeof doing, "storing %s", what);
    return sqlite_fu_put(st, s, update_id, id, doing, what, NULL, err);
}

/* ---- progress reports -------------------------------------------------------------------- */

int sqlite_progress_put(struct sqlite_store *st, const struct store_progress *p, long *id,
                        struct err *err)
{
    sqlite3_int64 rid = 0;
    sqlite3_stmt *s;
    int rc = p->id ? 0 : sqlite_fu_rid(st, p->rec_id, &rid, err);
    if (rc || (rc = sqlite_fu_prepare(
                   st,
                   p->id ? "UPDATE progress SET status = ?3, narrative = ?4, workflow = ?5, "
                           "review_comment = ?6, submitter_login = ?8, reviewer_login = ?9, "
                           "updated_at = ?11, submitted_at = ?12, reviewed_at = ?13 WHERE id = ?14"
                         : "INSERT INTO progress(rid, institution_id, status, narrative, workflow, "
                           "review_comment, author_login, submitter_login, reviewer_login, "
                           "created_at, updated_at, submitted_at, reviewed_at) VALUES (?1, ?2, ?3, "
                           "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                   &s, err)))
        return rc;
    if (!p->id) {
        sqlite3_bind_int64(s, 1, rid);
        sqlite3_bind_int64(s, 2, p->institution_id);
        sqlite_bind_text(s, 7, p->author_login);
        sqlite_fu_bind_time(s, 10, p->created_at);
    } else {
        sqlite3_bind_int64(s, 14, p->id);
    }
    const char *text[] = {p->status, p->narrative, p->workflow, p->review_comment};
    for (int i = 0; i < 4; i++)
        sqlite_bind_text(s, 3 + i, text[i]);
    sqlite_bind_text(s, 8, p->submitter_login);
    sqlite_bind_text(s, 9, p->reviewer_login);
    sqlite_fu_bind_time(s, 11, p->updated_at);
    sqlite_fu_bind_time(s, 12, p->submitted_at);
    sqlite_fu_bind_time(s, 13, p->reviewed_at);
    return write_row(st, s, p->id, id, "progress report", err);
}

struct progress_call {
    store_progress_cb cb;
    void *ctx;
};

static int progress_row(sqlite3_stmt *s, void *ctx)
{
    struct progress_call *c = ctx;
    struct store_progress p = sqlite_fu_progress_at(s, 0);
    return c->cb(c->ctx, &p);
}

int sqlite_progress_get(struct sqlite_store *st, long id, store_progress_cb cb, void *ctx,
                        struct err *err)
{
    struct progress_call c = {cb, ctx};
    return sqlite_fu_row_by_id(st,
                               "SELECT " SQLITE_FU_PROGRESS_COLS
                               " FROM progress p JOIN recommendation r "
                               "ON r.rid = p.rid WHERE p.id = ?1",
                               id, progress_row, &c, "progress report", err);
}

int sqlite_progress_each(struct sqlite_store *st, const char *rec_id, store_progress_cb cb,
                         void *ctx, struct err *err)
{
    struct progress_call c = {cb, ctx};
    return rows_of_rec(st,
                       "SELECT " SQLITE_FU_PROGRESS_COLS " FROM progress p JOIN recommendation r "
                       "ON r.rid = p.rid WHERE p.rid = ?1 ORDER BY p.created_at DESC, p.id DESC",
                       rec_id, progress_row, &c, "listing progress reports", err);
}

/* ---- evidence ---------------------------------------------------------------------------- */

int sqlite_blob_put(struct sqlite_store *st, const char *sha256, const void *bytes, size_t size,
                    int *created, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               "INSERT OR IGNORE INTO blob(sha256, size, bytes, created_at) "
                               "VALUES (?1, ?2, ?3, " NOW ")",
                               &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, sha256);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)size);
    if (size)
        sqlite3_bind_blob64(s, 3, bytes, size, SQLITE_STATIC);
    else
        sqlite3_bind_zeroblob(s, 3, 0);
    rc = sqlite_fu_write(st, s, "storing a file", NULL, err);
    sqlite3_finalize(s);
    *created = !rc && sqlite3_changes(st->db) > 0;
    return rc;
}

int sqlite_blob_get(struct sqlite_store *st, const char *sha256, struct buf *out, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, "SELECT bytes FROM blob WHERE sha256 = ?1", &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, sha256);
    rc = sqlite_fu_one(st, s, "reading a file", err);
    if (rc == 1) {
        const void *bytes = sqlite3_column_blob(s, 0);
        size_t n = (size_t)sqlite3_column_bytes(s, 0);
        rc = n && buf_append(out, bytes, n) ? err_set(err, ERR_NOMEM, "out of memory") : 0;
    } else if (rc == 0) {
        rc = err_set(err, ERR_NOTFOUND, "no stored file with SHA-256 %s", sha256);
    }
    sqlite3_finalize(s);
    return rc;
}

int sqlite_evidence_put(struct sqlite_store *st, const struct store_evidence *e, long *id,
                        struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               "INSERT INTO evidence(progress_id, file_name, content_type, size, "
                               "sha256, uploaded_by, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                               "?6, ?7)",
                               &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, e->progress_id);
    sqlite_bind_text(s, 2, e->file_name);
    sqlite_bind_text(s, 3, e->content_type);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)e->size);
    sqlite_bind_text(s, 5, e->sha256);
    sqlite_bind_text(s, 6, e->uploaded_by);
    sqlite_fu_bind_time(s, 7, e->uploaded_at);
    return write_row(st, s, 0, id, "evidence", err);
}

struct evidence_call {
    store_evidence_cb cb;
    void *ctx;
};

static int evidence_row(sqlite3_stmt *s, void *ctx)
{
    struct evidence_call *c = ctx;
    struct store_evidence e = {
        .id = sqlite_fu_long(s, 0),
        .progress_id = sqlite_fu_long(s, 1),
        .file_name = sqlite_fu_text(s, 2),
        .content_type = sqlite_fu_text(s, 3),
        .size = (size_t)sqlite3_column_int64(s, 4),
        .sha256 = sqlite_fu_text(s, 5),
        .uploaded_by = sqlite_fu_text(s, 6),
        .uploaded_at = sqlite_fu_time(s, 7),
    };
    return c->cb(c->ctx, &e);
}

#define EVIDENCE_COLS                                                                              \
    "SELECT id, progress_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at "     \
    "FROM evidence "

int sqlite_evidence_get(struct sqlite_store *st, long id, store_evidence_cb cb, void *ctx,
                        struct err *err)
{
    struct evidence_call c = {cb, ctx};
    return sqlite_fu_row_by_id(st, EVIDENCE_COLS "WHERE id = ?1", id, evidence_row, &c, "evidence",
                               err);
}

int sqlite_evidence_each(struct sqlite_store *st, long progress_id, store_evidence_cb cb, void *ctx,
                         struct err *err)
{
    struct evidence_call c = {cb, ctx};
    return sqlite_fu_rows_by_id(st, EVIDENCE_COLS "WHERE progress_id = ?1 ORDER BY id", progress_id,
                                evidence_row, &c, "listing evidence", err);
}

/* ---- notes ------------------------------------------------------------------------------- */

int sqlite_note_put(struct sqlite_store *st, const struct store_note *n, long *id, struct err *err)
{
    sqlite3_int64 rid = 0;
    sqlite3_stmt *s;
    int rc = sqlite_fu_rid(st, n->rec_id, &rid, err);
    if (rc || (rc = sqlite_fu_prepare(st,
                                      "INSERT INTO note(rid, author_login, organisation, "
                                      "independent, status, body, created_at) VALUES (?1, ?2, "
                                      "?3, ?4, ?5, ?6, coalesce(?7, " NOW "))",
                                      &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, rid);
    sqlite_bind_text(s, 2, n->author_login);
    sqlite_bind_text(s, 3, n->organisation);
    sqlite3_bind_int(s, 4, n->independent ? 1 : 0);
    sqlite_bind_text(s, 5, n->status);
    sqlite_bind_text(s, 6, n->body);
    sqlite_fu_bind_time(s, 7, n->created_at);
    return write_row(st, s, 0, id, "note", err);
}

struct note_call {
    store_note_cb cb;
    void *ctx;
};

static int note_row(sqlite3_stmt *s, void *ctx)
{
    struct note_call *c = ctx;
    struct store_note n = sqlite_fu_note_at(s, 0);
    return c->cb(c->ctx, &n);
}

int sqlite_note_each(struct sqlite_store *st, const char *rec_id, store_note_cb cb, void *ctx,
                     struct err *err)
{
    struct note_call c = {cb, ctx};
    return rows_of_rec(st,
                       "SELECT " SQLITE_FU_NOTE_COLS " FROM note n JOIN recommendation r "
                       "ON r.rid = n.rid WHERE n.rid = ?1 ORDER BY n.created_at, n.id",
                       rec_id, note_row, &c, "listing notes", err);
}

/* ---- deadlines --------------------------------------------------------------------------- */

int sqlite_deadline_put(struct sqlite_store *st, const struct store_deadline *d, long *id,
                        struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(
        st,
        d->id ? "UPDATE deadline SET title = ?1, body = ?2, due_date = ?3 WHERE id = ?4"
              : "INSERT INTO deadline(title, body, due_date, created_at) VALUES (?1, ?2, ?3, " NOW
                ")",
        &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, d->title);
    sqlite_bind_text(s, 2, d->body);
    sqlite_bind_text(s, 3, d->due_date);
    if (d->id)
        sqlite3_bind_int64(s, 4, d->id);
    return write_row(st, s, d->id, id, "deadline", err);
}

struct deadline_call {
    store_deadline_cb cb;
    void *ctx;
};

static int deadline_row(sqlite3_stmt *s, void *ctx)
{
    struct deadline_call *c = ctx;
    struct store_deadline d = {sqlite_fu_long(s, 0), sqlite_fu_text(s, 1), sqlite_fu_text(s, 2),
                               sqlite_fu_text(s, 3)};
    return c->cb(c->ctx, &d);
}

int sqlite_deadline_get(struct sqlite_store *st, long id, store_deadline_cb cb, void *ctx,
                        struct err *err)
{
    struct deadline_call c = {cb, ctx};
    return sqlite_fu_row_by_id(st, "SELECT id, title, body, due_date FROM deadline WHERE id = ?1",
                               id, deadline_row, &c, "deadline", err);
}

int sqlite_deadline_each(struct sqlite_store *st, store_deadline_cb cb, void *ctx, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(
        st, "SELECT id, title, body, due_date FROM deadline ORDER BY due_date, id", &s, err);
    if (rc)
        return rc;
    struct deadline_call c = {cb, ctx};
    rc = sqlite_fu_rows(st, s, deadline_row, &c, "listing deadlines", err);
    sqlite3_finalize(s);
    return rc;
}

/* ---- reminders and the outbox ------------------------------------------------------------ */

struct due_call {
    store_due_cb cb;
    void *ctx;
};

static int due_row(sqlite3_stmt *s, void *ctx)
{
    struct due_call *c = ctx;
    struct store_due d = {sqlite_fu_text(s, 0), sqlite_fu_long(s, 1), sqlite_fu_long(s, 2),
                          sqlite_fu_text(s, 3), sqlite_fu_text(s, 4), sqlite_fu_text(s, 5)};
    return c->cb(c->ctx, &d);
}

int sqlite_due_each(struct sqlite_store *st, const char *today, const char *horizon,
                    store_due_cb cb, void *ctx, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(
        st,
        "SELECT 'action', p.id, p.institution_id, r.id, p.description, p.due_date "
        "FROM plan_action p LEFT JOIN recommendation r ON r.rid = p.rid "
        "WHERE p.status NOT IN ('completed', 'cancelled') AND p.due_date <= ?2 "
        "UNION ALL SELECT 'deadline', id, 0, NULL, title, due_date FROM deadline "
        "WHERE due_date BETWEEN ?1 AND ?2 "
        "UNION ALL SELECT 'assignment', a.id, a.institution_id, r.id, coalesce(r.id, c.name), "
        "a.deadline FROM assignment a LEFT JOIN recommendation r ON r.rid = a.rid "
        "LEFT JOIN cluster c ON c.id = a.cluster_id WHERE a.deadline BETWEEN ?1 AND ?2 "
        "UNION ALL SELECT p.workflow, p.id, p.institution_id, r.id, r.id, "
        "substr(CASE p.workflow WHEN 'submitted' THEN p.submitted_at ELSE p.reviewed_at END, "
        "1, 10) FROM progress p JOIN recommendation r ON r.rid = p.rid "
        "WHERE p.workflow IN ('submitted', 'returned') ORDER BY 1, 6, 2",
        &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, today);
    sqlite_bind_text(s, 2, horizon);
    struct due_call c = {cb, ctx};
    rc = sqlite_fu_rows(st, s, due_row, &c, "finding what is due", err);
    sqlite3_finalize(s);
    return rc;
}

int sqlite_notification_put(struct sqlite_store *st, const struct store_notification *n,
                            int *queued, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               "INSERT OR IGNORE INTO notification(user_id, kind, item, day, "
                               "subject, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, n->user_id);
    const char *text[] = {n->kind, n->item, n->day, n->subject, n->body};
    for (int i = 0; i < 5; i++)
        sqlite_bind_text(s, 2 + i, text[i]);
    sqlite_fu_bind_time(s, 7, n->created_at);
    rc = sqlite_fu_write(st, s, "queuing a notification", NULL, err);
    sqlite3_finalize(s);
    *queued = !rc && sqlite3_changes(st->db) > 0;
    return rc;
}

struct notification_call {
    store_notification_cb cb;
    void *ctx;
};

static int notification_row(sqlite3_stmt *s, void *ctx)
{
    struct notification_call *c = ctx;
    struct store_notification n = {
        .id = sqlite_fu_long(s, 0),
        .user_id = sqlite_fu_long(s, 1),
        .login = sqlite_fu_text(s, 2),
        .email = sqlite_fu_text(s, 3),
        .kind = sqlite_fu_text(s, 4),
        .item = sqlite_fu_text(s, 5),
        .day = sqlite_fu_text(s, 6),
        .subject = sqlite_fu_text(s, 7),
        .body = sqlite_fu_text(s, 8),
        .created_at = sqlite_fu_time(s, 9),
        .sent_at = sqlite_fu_time(s, 10),
    };
    return c->cb(c->ctx, &n);
}

int sqlite_notification_each(struct sqlite_store *st, long user_id, int unsent_only,
                             store_notification_cb cb, void *ctx, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(
        st,
        "SELECT n.id, n.user_id, u.login, u.email, n.kind, n.item, n.day, n.subject, n.body, "
        "n.created_at, n.sent_at FROM notification n JOIN account u ON u.id = n.user_id "
        "WHERE (?1 IS NULL OR n.user_id = ?1) AND (?2 = 0 OR n.sent_at IS NULL) "
        "ORDER BY n.created_at, n.id",
        &s, err);
    if (rc)
        return rc;
    sqlite_fu_bind_id(s, 1, user_id);
    sqlite3_bind_int(s, 2, unsent_only ? 1 : 0);
    struct notification_call c = {cb, ctx};
    rc = sqlite_fu_rows(st, s, notification_row, &c, "reading the outbox", err);
    sqlite3_finalize(s);
    return rc;
}

/* Sets one text or time column of row id through sql (?1 id, ?2 value). */
static int set_column(struct sqlite_store *st, const char *sql, long id, const char *text,
                      int64_t at, const char *what, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (at)
        sqlite_fu_bind_time(s, 2, at);
    else
        sqlite_bind_text(s, 2, text);
    return write_row(st, s, id, NULL, what, err);
}

int sqlite_notification_sent(struct sqlite_store *st, long id, int64_t at, struct err *err)
{
    return set_column(st, "UPDATE notification SET sent_at = ?2 WHERE id = ?1", id, NULL, at,
                      "notification", err);
}

/* ---- institutions and users: what 003 adds ----------------------------------------------- */

int sqlite_institution_branch_set(struct sqlite_store *st, long id, const char *branch,
                                  struct err *err)
{
    return set_column(st, "UPDATE institution SET branch = ?2 WHERE id = ?1", id, branch, 0,
                      "institution", err);
}

int sqlite_user_email_set(struct sqlite_store *st, long id, const char *email, struct err *err)
{
    return set_column(st, "UPDATE account SET email = ?2 WHERE id = ?1", id, email, 0, "user", err);
}

/* Appends the text column of row id that sql (?1 id) selects; ERR_NOTFOUND naming what. */
static int get_column(struct sqlite_store *st, const char *sql, long id, struct buf *out,
                      const char *what, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite_fu_one(st, s, what, err);
    if (rc == 1) {
        const char *v = sqlite_fu_text(s, 0);
        rc = v && buf_puts(out, v) ? err_set(err, ERR_NOMEM, "out of memory") : 0;
    } else if (rc == 0) {
        rc = err_set(err, ERR_NOTFOUND, "no %s with id %ld", what, id);
    }
    sqlite3_finalize(s);
    return rc;
}

int sqlite_institution_branch_get(struct sqlite_store *st, long id, struct buf *out,
                                  struct err *err)
{
    return get_column(st, "SELECT branch FROM institution WHERE id = ?1", id, out, "institution",
                      err);
}

int sqlite_user_email_get(struct sqlite_store *st, long id, struct buf *out, struct err *err)
{
    return get_column(st, "SELECT email FROM account WHERE id = ?1", id, out, "user", err);
}

int sqlite_followup_count(struct sqlite_store *st, const char *entity, long *out, struct err *err)
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
    return sqlite_fu_count(st, tables, sizeof tables / sizeof tables[0], "follow-up", entity, out,
                           err);
}
