/*
 * sqlite_bundle_write.c — the exchange bundle's writes in the SQLite backend (the "step 5"
 * section of store.h; the reads are in sqlite_bundle_read.c, the PostgreSQL twin is
 * postgres_bundle_write.c): follow-up rows named by natural keys (recommendation id, cluster
 * name, institution code, created_at and a sequence number among equals) instead of this
 * database's ids, with their times as stored. A put finds the row by its key, then inserts it,
 * or updates it only when a value differs, so importing the same bundle twice changes nothing.
 * Statements are prepared per call, as in the other follow-up files.
 */
#include "store/sqlite_followup.h"

/* ---- helpers ----------------------------------------------------------------------------- */

/* Steps s, which selects one id: 1 and *id when there is a row, 0 when not. Finalizes s. */
static int find_id(struct sqlite_store *st, sqlite3_stmt *s, long *id, const char *doing,
                   struct err *err)
{
    int rc = sqlite_fu_one(st, s, doing, err);
    if (rc == 1)
        *id = sqlite_fu_long(s, 0);
    sqlite3_finalize(s);
    return rc;
}

/* find_id for sql, which takes one text key as ?1. */
static int find_by_text(struct sqlite_store *st, const char *sql, const char *key, long *id,
                        const char *doing, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, key);
    return find_id(st, s, id, doing, err);
}

/* find_by_text that wants the row: ERR_NOTFOUND "no <what> "key"" when there is none. */
static int id_by_text(struct sqlite_store *st, const char *sql, const char *key, const char *what,
                      long *id, struct err *err)
{
    int rc = find_by_text(st, sql, key, id, what, err);
    if (rc == 0)
        return err_set(err, ERR_NOTFOUND, "no %s \"%s\"", what, key ? key : "");
    return rc < 0 ? rc : 0;
}

static int institution_id(struct sqlite_store *st, const char *code, long *id, struct err *err)
{
    return id_by_text(st, "SELECT id FROM institution WHERE code = ?1", code,
                      "institution with code", id, err);
}

static int cluster_id(struct sqlite_store *st, const char *name, long *id, struct err *err)
{
    return id_by_text(st, "SELECT id FROM cluster WHERE name = ?1", name, "cluster named", id, err);
}

/* rec_id or cluster name to (rid, cluster id), exactly one of them set. */
static int target_ids(struct sqlite_store *st, const char *rec_id, const char *cluster,
                      sqlite3_int64 *rid, long *cid, struct err *err)
{
    *rid = 0;
    *cid = 0;
    if ((rec_id != NULL) == (cluster != NULL))
        return err_set(err, ERR_INPUT, "give a recommendation or a cluster, not both or none");
    return rec_id ? sqlite_fu_rid(st, rec_id, rid, err) : cluster_id(st, cluster, cid, err);
}

/* Binds what a follow-up row is about: ?1 rid and ?2 cluster (NULL for 0), ?3 institution. */
static void bind_target(sqlite3_stmt *s, sqlite3_int64 rid, long cid, long iid)
{
    sqlite_fu_bind_id(s, 1, (long)rid);
    sqlite_fu_bind_id(s, 2, cid);
    sqlite3_bind_int64(s, 3, iid);
}

/* Runs and finalizes s, a put's UPDATE when found (its WHERE holds only when a value differs)
 * or its INSERT; *id (when not NULL) receives an inserted row's id. */
static int put_row(struct sqlite_store *st, sqlite3_stmt *s, int found, long *id, const char *doing,
                   enum store_put_outcome *outcome, struct err *err)
{
    int rc = sqlite_fu_write(st, s, doing, NULL, err);
    sqlite3_finalize(s);
    if (rc)
        return rc;
    if (found) {
        *outcome = sqlite3_changes(st->db) ? STORE_PUT_UPDATED : STORE_PUT_UNCHANGED;
    } else {
        *outcome = STORE_PUT_INSERTED;
        if (id)
            *id = (long)sqlite3_last_insert_rowid(st->db);
    }
    return 0;
}

/* ---- writes ------------------------------------------------------------------------------ */

int sqlite_bundle_institution_put(struct sqlite_store *st, const struct store_institution *in,
                                  const char *branch, enum store_put_outcome *outcome,
                                  struct err *err)
{
    sqlite3_stmt *s;
    long id = 0;
    int found = find_by_text(st, "SELECT id FROM institution WHERE code = ?1", in->code, &id,
                             "finding an institution", err);
    if (found < 0)
        return found;
    int rc = sqlite_fu_prepare(st,
                               found ? "UPDATE institution SET name = ?2, kind = ?3, branch = ?4 "
                                       "WHERE id = ?5 AND NOT (name IS ?2 AND kind IS ?3 AND "
                                       "branch IS ?4)"
                                     : "INSERT INTO institution(code, name, kind, branch) "
                                       "VALUES (?1, ?2, ?3, ?4)",
                               &s, err);
    if (rc)
        return rc;
    if (!found)
        sqlite_bind_text(s, 1, in->code);
    sqlite_bind_text(s, 2, in->name);
    sqlite_bind_text(s, 3, in->kind);
    sqlite_bind_text(s, 4, branch);
    if (found)
        sqlite3_bind_int64(s, 5, id);
    return put_row(st, s, found, NULL, "storing an institution", outcome, err);
}

int sqlite_bundle_cluster_put(struct sqlite_store *st, const struct store_cluster *c,
                              enum store_put_outcome *outcome, struct err *err)
{
    sqlite3_stmt *s;
    long id = 0;
    int found = find_by_text(st, "SELECT id FROM cluster WHERE name = ?1", c->name, &id,
                             "finding a cluster", err);
    if (found < 0)
        return found;
    int rc =
        sqlite_fu_prepare(st,
                          found ? "UPDATE cluster SET kind = ?2, criterion = ?3, country = ?4, "
                                  "created_at = ?5 WHERE id = ?6 AND NOT (kind IS ?2 AND "
                                  "criterion IS ?3 AND country IS ?4 AND created_at IS ?5)"
                                : "INSERT INTO cluster(name, kind, criterion, country, "
                                  "created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                          &s, err);
    if (rc)
        return rc;
    if (!found)
        sqlite_bind_text(s, 1, c->name);
    sqlite_bind_text(s, 2, c->kind);
    sqlite_bind_text(s, 3, c->criterion);
    sqlite_bind_text(s, 4, c->country);
    sqlite_fu_bind_time(s, 5, c->created_at);
    if (found)
        sqlite3_bind_int64(s, 6, id);
    return put_row(st, s, found, NULL, "storing a cluster", outcome, err);
}

int sqlite_bundle_member_put(struct sqlite_store *st, const struct store_bundle_member *m,
                             enum store_put_outcome *outcome, struct err *err)
{
    sqlite3_int64 rid;
    long cid;
    sqlite3_stmt *s;
    int rc = cluster_id(st, m->cluster, &cid, err);
    if (rc || (rc = sqlite_fu_rid(st, m->rec_id, &rid, err)))
        return rc;
    if ((rc = sqlite_fu_prepare(st,
                                "INSERT INTO cluster_member(cluster_id, rid, by_hand) "
                                "VALUES (?1, ?2, ?3) ON CONFLICT (cluster_id, rid) DO UPDATE "
                                "SET by_hand = excluded.by_hand WHERE by_hand <> excluded.by_hand",
                                &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, cid);
    sqlite3_bind_int64(s, 2, rid);
    sqlite3_bind_int(s, 3, m->by_hand ? 1 : 0);
    long before = (long)sqlite3_total_changes(st->db);
    int existed = 0;
    {
        sqlite3_stmt *q;
        if ((rc = sqlite_fu_prepare(st,
                                    "SELECT 1 FROM cluster_member WHERE cluster_id = ?1 "
                                    "AND rid = ?2",
                                    &q, err))) {
            sqlite3_finalize(s);
            return rc;
        }
        sqlite3_bind_int64(q, 1, cid);
        sqlite3_bind_int64(q, 2, rid);
        long one;
        if ((existed = find_id(st, q, &one, "finding a cluster member", err)) < 0) {
            sqlite3_finalize(s);
            return existed;
        }
    }
    rc = sqlite_fu_write(st, s, "storing a cluster member", NULL, err);
    sqlite3_finalize(s);
    if (!rc)
        *outcome = !existed                                        ? STORE_PUT_INSERTED
                   : (long)sqlite3_total_changes(st->db) != before ? STORE_PUT_UPDATED
                                                                   : STORE_PUT_UNCHANGED;
    return rc;
}

/* Binds the key of a recommendation's tag or suggestion: ?1 rid, ?2 vocab, ?3 label or code. */
static void bind_key(sqlite3_stmt *s, sqlite3_int64 rid, const char *vocab, const char *key)
{
    sqlite3_bind_int64(s, 1, rid);
    sqlite_bind_text(s, 2, vocab);
    sqlite_bind_text(s, 3, key);
}

/* 1 when sql, a count of the rows with the key that bind_key binds, finds one; 0 when not. */
static int key_exists(struct sqlite_store *st, const char *sql, sqlite3_int64 rid,
                      const char *vocab, const char *key, const char *doing, struct err *err)
{
    sqlite3_stmt *s;
    long n = 0;
    int rc = sqlite_fu_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    bind_key(s, rid, vocab, key);
    rc = find_id(st, s, &n, doing, err);
    return rc < 0 ? rc : n > 0;
}

int sqlite_bundle_tag_put(struct sqlite_store *st, const char *rec_id, const struct store_tag *t,
                          enum store_put_outcome *outcome, struct err *err)
{
    static const char *const origins[] = {"source", "human", "machine"};
    sqlite3_int64 rid;
    sqlite3_stmt *s;
    int rc = sqlite_fu_rid(st, rec_id, &rid, err);
    if (rc)
        return rc;
    int existed = key_exists(st,
                             "SELECT count(*) FROM rec_tag WHERE rid = ?1 AND vocab = ?2 AND "
                             "label = ?3",
                             rid, t->vocab, t->label, "finding a tag", err);
    if (existed < 0)
        return existed;
    if ((rc = sqlite_fu_prepare(
             st,
             existed ? "UPDATE rec_tag SET code = ?4, origin = ?5, score = ?6 WHERE rid = ?1 AND "
                       "vocab = ?2 AND label = ?3 AND NOT (code IS ?4 AND origin IS ?5 AND "
                       "score IS ?6)"
                     : "INSERT INTO rec_tag(rid, vocab, label, code, origin, score) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
             &s, err)))
        return rc;
    bind_key(s, rid, t->vocab, t->label);
    sqlite_bind_text(s, 4, t->code);
    sqlite_bind_text(s, 5, origins[t->origin]);
    if (t->origin == STORE_TAG_MACHINE)
        sqlite3_bind_double(s, 6, t->score);
    return put_row(st, s, existed, NULL, "storing a tag", outcome, err);
}

int sqlite_bundle_suggestion_put(struct sqlite_store *st, const struct store_suggestion *g,
                                 enum store_put_outcome *outcome, struct err *err)
{
    static const char *const reviews[] = {"pending", "accepted", "rejected"};
    sqlite3_int64 rid;
    sqlite3_stmt *s;
    int rc = sqlite_fu_rid(st, g->rec_id, &rid, err);
    if (rc)
        return rc;
    int existed = key_exists(st,
                             "SELECT count(*) FROM tag_suggestion WHERE rid = ?1 AND vocab = ?2 "
                             "AND code = ?3",
                             rid, g->vocab, g->code, "finding a suggestion", err);
    if (existed < 0)
        return existed;
    if ((rc = sqlite_fu_prepare(
             st,
             existed ? "UPDATE tag_suggestion SET label = ?4, score = ?5, reason = ?6, model = ?7, "
                       "review = ?8, created_at = ?9, reviewed_by = ?10, reviewed_at = ?11 "
                       "WHERE rid = ?1 AND vocab = ?2 AND code = ?3 AND NOT (label IS ?4 AND "
                       "score IS ?5 AND reason IS ?6 AND model IS ?7 AND review IS ?8 AND "
                       "created_at IS ?9 AND reviewed_by IS ?10 AND reviewed_at IS ?11)"
                     : "INSERT INTO tag_suggestion(rid, vocab, code, label, score, reason, model, "
                       "review, created_at, reviewed_by, reviewed_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                       "?6, ?7, ?8, ?9, ?10, ?11)",
             &s, err)))
        return rc;
    bind_key(s, rid, g->vocab, g->code);
    sqlite_bind_text(s, 4, g->label);
    sqlite3_bind_double(s, 5, g->score);
    sqlite_bind_text(s, 6, g->reason);
    sqlite_bind_text(s, 7, g->model);
    sqlite_bind_text(s, 8, reviews[g->review]);
    sqlite_fu_bind_time(s, 9, g->created_at);
    sqlite_bind_text(s, 10, g->reviewed_by);
    sqlite_fu_bind_time(s, 11, g->reviewed_at);
    return put_row(st, s, existed, NULL, "storing a suggestion", outcome, err);
}

int sqlite_bundle_assignment_put(struct sqlite_store *st, const struct store_bundle_assignment *a,
                                 enum store_put_outcome *outcome, struct err *err)
{
    sqlite3_int64 rid;
    long cid, iid, id = 0;
    sqlite3_stmt *s;
    int rc = target_ids(st, a->rec_id, a->cluster, &rid, &cid, err);
    if (rc || (rc = institution_id(st, a->institution, &iid, err)) ||
        (rc = sqlite_fu_prepare(st,
                                "SELECT id FROM assignment WHERE rid IS ?1 AND cluster_id IS ?2 "
                                "AND institution_id = ?3",
                                &s, err)))
        return rc;
    bind_target(s, rid, cid, iid);
    int found = find_id(st, s, &id, "finding an assignment", err);
    if (found < 0)
        return found;
    if ((rc = sqlite_fu_prepare(
             st,
             found ? "UPDATE assignment SET lead = ?4, deadline = ?5, created_at = ?6 WHERE id = "
                     "?7 AND NOT (lead IS ?4 AND deadline IS ?5 AND created_at IS ?6)"
                   : "INSERT INTO assignment(rid, cluster_id, institution_id, lead, deadline, "
                     "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
             &s, err)))
        return rc;
    if (!found)
        bind_target(s, rid, cid, iid);
    sqlite3_bind_int(s, 4, a->lead ? 1 : 0);
    sqlite_bind_text(s, 5, a->deadline);
    sqlite_fu_bind_time(s, 6, a->created_at);
    if (found)
        sqlite3_bind_int64(s, 7, id);
    return put_row(st, s, found, NULL, "storing an assignment", outcome, err);
}

/* The id of the seq-th row of table with the key, after binding ?1..?4 as the caller does. */
static int find_nth(struct sqlite_store *st, const char *sql, sqlite3_int64 rid, long cid, long iid,
                    const char *author, int64_t created_at, int seq, long *id, const char *doing,
                    struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    bind_target(s, rid, cid, iid);
    if (author)
        sqlite_bind_text(s, 3, author);
    sqlite_fu_bind_time(s, 4, created_at);
    sqlite3_bind_int(s, 5, seq > 1 ? seq - 1 : 0);
    return find_id(st, s, id, doing, err);
}

int sqlite_bundle_action_put(struct sqlite_store *st, const struct store_bundle_action *a,
                             enum store_put_outcome *outcome, struct err *err)
{
    sqlite3_int64 rid;
    long cid, iid, id = 0;
    sqlite3_stmt *s;
    int rc = target_ids(st, a->rec_id, a->cluster, &rid, &cid, err);
    if (rc || (rc = institution_id(st, a->institution, &iid, err)))
        return rc;
    int found = find_nth(st,
                         "SELECT id FROM plan_action WHERE rid IS ?1 AND cluster_id IS ?2 AND "
                         "institution_id = ?3 AND created_at = ?4 ORDER BY id LIMIT 1 OFFSET ?5",
                         rid, cid, iid, NULL, a->created_at, a->seq, &id, "finding an action", err);
    if (found < 0)
        return found;
    if ((rc = sqlite_fu_prepare(
             st,
             found ? "UPDATE plan_action SET description = ?4, unit = ?5, start_date = ?6, "
                     "due_date = ?7, budget = ?8, currency = ?9, status = ?10, updated_at = ?12 "
                     "WHERE id = ?13 AND NOT (description IS ?4 AND unit IS ?5 AND start_date IS "
                     "?6 AND due_date IS ?7 AND budget IS ?8 AND currency IS ?9 AND status IS "
                     "?10 AND updated_at IS ?12)"
                   : "INSERT INTO plan_action(rid, cluster_id, institution_id, description, unit, "
                     "start_date, due_date, budget, currency, status, created_at, updated_at) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
             &s, err)))
        return rc;
    if (!found) {
        bind_target(s, rid, cid, iid);
        sqlite_fu_bind_time(s, 11, a->created_at);
    }
    const char *text[] = {a->description, a->unit, a->start_date, a->due_date};
    for (int i = 0; i < 4; i++)
        sqlite_bind_text(s, 4 + i, text[i]);
    sqlite_fu_bind_double(s, 8, a->budget);
    sqlite_bind_text(s, 9, a->currency);
    sqlite_bind_text(s, 10, a->status);
    sqlite_fu_bind_time(s, 12, a->updated_at);
    if (found)
        sqlite3_bind_int64(s, 13, id);
    return put_row(st, s, found, NULL, "storing an action", outcome, err);
}

int sqlite_bundle_indicator_put(struct sqlite_store *st, const struct store_bundle_indicator *ind,
                                long *id, enum store_put_outcome *outcome, struct err *err)
{
    sqlite3_int64 rid;
    long iid;
    sqlite3_stmt *s;
    int rc = sqlite_fu_rid(st, ind->rec_id, &rid, err);
    if (rc || (rc = institution_id(st, ind->institution, &iid, err)))
        return rc;
    int found =
        find_nth(st,
                 "SELECT id FROM indicator WHERE rid IS ?1 AND ?2 IS NULL AND "
                 "institution_id = ?3 AND created_at = ?4 ORDER BY id LIMIT 1 OFFSET ?5",
                 rid, 0, iid, NULL, ind->created_at, ind->seq, id, "finding an indicator", err);
    if (found < 0)
        return found;
    if ((rc = sqlite_fu_prepare(
             st,
             found ? "UPDATE indicator SET name = ?3, definition = ?4, unit = ?5, source = ?6, "
                     "baseline = ?7, target = ?8, baseline_date = ?9, target_date = ?10, "
                     "sdg_indicator = ?11, updated_at = ?13 WHERE id = ?14 AND NOT (name IS ?3 "
                     "AND definition IS ?4 AND unit IS ?5 AND source IS ?6 AND baseline IS ?7 AND "
                     "target IS ?8 AND baseline_date IS ?9 AND target_date IS ?10 AND "
                     "sdg_indicator IS ?11 AND updated_at IS ?13)"
                   : "INSERT INTO indicator(rid, institution_id, name, definition, unit, source, "
                     "baseline, target, baseline_date, target_date, sdg_indicator, created_at, "
                     "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
             &s, err)))
        return rc;
    if (!found) {
        sqlite3_bind_int64(s, 1, rid);
        sqlite3_bind_int64(s, 2, iid);
        sqlite_fu_bind_time(s, 12, ind->created_at);
    }
    const char *text[] = {ind->name, ind->definition, ind->unit, ind->source};
    for (int i = 0; i < 4; i++)
        sqlite_bind_text(s, 3 + i, text[i]);
    sqlite_fu_bind_double(s, 7, ind->baseline);
    sqlite_fu_bind_double(s, 8, ind->target);
    sqlite_bind_text(s, 9, ind->baseline_date);
    sqlite_bind_text(s, 10, ind->target_date);
    sqlite_bind_text(s, 11, ind->sdg_indicator);
    sqlite_fu_bind_time(s, 13, ind->updated_at);
    if (found)
        sqlite3_bind_int64(s, 14, *id);
    return put_row(st, s, found, id, "storing an indicator", outcome, err);
}

int sqlite_bundle_value_put(struct sqlite_store *st, const struct store_indicator_value *v,
                            enum store_put_outcome *outcome, struct err *err)
{
    sqlite3_stmt *s;
    long one;
    int rc = sqlite_fu_prepare(st,
                               "SELECT 1 FROM indicator_value WHERE indicator_id = ?1 AND "
                               "date = ?2",
                               &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, v->indicator_id);
    sqlite_bind_text(s, 2, v->date);
    int found = find_id(st, s, &one, "finding an indicator value", err);
    if (found < 0)
        return found;
    if ((rc = sqlite_fu_prepare(st,
                                found ? "UPDATE indicator_value SET value = ?3, note = ?4 WHERE "
                                        "indicator_id = ?1 AND date = ?2 AND NOT (value IS ?3 "
                                        "AND note IS ?4)"
                                      : "INSERT INTO indicator_value(indicator_id, date, value, "
                                        "note) VALUES (?1, ?2, ?3, ?4)",
                                &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, v->indicator_id);
    sqlite_bind_text(s, 2, v->date);
    sqlite3_bind_double(s, 3, v->value);
    sqlite_bind_text(s, 4, v->note);
    return put_row(st, s, found, NULL, "storing an indicator value", outcome, err);
}

int sqlite_bundle_progress_put(struct sqlite_store *st, const struct store_bundle_progress *bp,
                               long *id, enum store_put_outcome *outcome, struct err *err)
{
    const struct store_progress *p = &bp->p;
    sqlite3_int64 rid;
    long iid;
    sqlite3_stmt *s;
    int rc = sqlite_fu_rid(st, p->rec_id, &rid, err);
    if (rc || (rc = institution_id(st, bp->institution, &iid, err)))
        return rc;
    int found =
        find_nth(st,
                 "SELECT id FROM progress WHERE rid IS ?1 AND ?2 IS NULL AND "
                 "institution_id = ?3 AND created_at = ?4 ORDER BY id LIMIT 1 OFFSET ?5",
                 rid, 0, iid, NULL, p->created_at, bp->seq, id, "finding a progress report", err);
    if (found < 0)
        return found;
    if ((rc = sqlite_fu_prepare(
             st,
             found ? "UPDATE progress SET status = ?3, narrative = ?4, workflow = ?5, "
                     "review_comment = ?6, author_login = ?7, submitter_login = ?8, "
                     "reviewer_login = ?9, updated_at = ?11, submitted_at = ?12, reviewed_at = "
                     "?13 WHERE id = ?14 AND NOT (status IS ?3 AND narrative IS ?4 AND workflow "
                     "IS ?5 AND review_comment IS ?6 AND author_login IS ?7 AND submitter_login "
                     "IS ?8 AND reviewer_login IS ?9 AND updated_at IS ?11 AND submitted_at IS "
                     "?12 AND reviewed_at IS ?13)"
                   : "INSERT INTO progress(rid, institution_id, status, narrative, workflow, "
                     "review_comment, author_login, submitter_login, reviewer_login, created_at, "
                     "updated_at, submitted_at, reviewed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                     "?8, ?9, ?10, ?11, ?12, ?13)",
             &s, err)))
        return rc;
    if (!found) {
        sqlite3_bind_int64(s, 1, rid);
        sqlite3_bind_int64(s, 2, iid);
        sqlite_fu_bind_time(s, 10, p->created_at);
    }
    const char *text[] = {p->status,       p->narrative,       p->workflow,      p->review_comment,
                          p->author_login, p->submitter_login, p->reviewer_login};
    for (int i = 0; i < 7; i++)
        sqlite_bind_text(s, 3 + i, text[i]);
    sqlite_fu_bind_time(s, 11, p->updated_at);
    sqlite_fu_bind_time(s, 12, p->submitted_at);
    sqlite_fu_bind_time(s, 13, p->reviewed_at);
    if (found)
        sqlite3_bind_int64(s, 14, *id);
    return put_row(st, s, found, id, "storing a progress report", outcome, err);
}

/* Binds what tells a piece of evidence from the others of its report, ?1 to ?4. */
static void bind_evidence_key(sqlite3_stmt *s, const struct store_evidence *e)
{
    sqlite3_bind_int64(s, 1, e->progress_id);
    sqlite_bind_text(s, 2, e->sha256);
    sqlite_bind_text(s, 3, e->file_name);
    sqlite_fu_bind_time(s, 4, e->uploaded_at);
}

int sqlite_bundle_evidence_put(struct sqlite_store *st, const struct store_evidence *e,
                               enum store_put_outcome *outcome, struct err *err)
{
    sqlite3_stmt *s;
    long id = 0;
    int rc = sqlite_bundle_blob_has(st, e->sha256, err);
    if (rc <= 0)
        return rc < 0 ? rc
                      : err_set(err, ERR_NOTFOUND, "no file with sha256 %s",
                                e->sha256 ? e->sha256 : "");
    if ((rc = sqlite_fu_prepare(st,
                                "SELECT id FROM evidence WHERE progress_id = ?1 AND sha256 = ?2 "
                                "AND file_name = ?3 AND uploaded_at IS ?4",
                                &s, err)))
        return rc;
    bind_evidence_key(s, e);
    int found = find_id(st, s, &id, "finding evidence", err);
    if (found < 0)
        return found;
    if ((rc = sqlite_fu_prepare(
             st,
             found ? "UPDATE evidence SET content_type = ?5, size = ?6, uploaded_by = ?7 WHERE id "
                     "= ?8 AND NOT (content_type IS ?5 AND size IS ?6 AND uploaded_by IS ?7)"
                   : "INSERT INTO evidence(progress_id, sha256, file_name, uploaded_at, "
                     "content_type, size, uploaded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
             &s, err)))
        return rc;
    if (!found)
        bind_evidence_key(s, e);
    sqlite_bind_text(s, 5, e->content_type);
    sqlite3_bind_int64(s, 6, (sqlite3_int64)e->size);
    sqlite_bind_text(s, 7, e->uploaded_by);
    if (found)
        sqlite3_bind_int64(s, 8, id);
    return put_row(st, s, found, NULL, "storing evidence", outcome, err);
}

int sqlite_bundle_note_put(struct sqlite_store *st, const struct store_bundle_note *bn,
                           enum store_put_outcome *outcome, struct err *err)
{
    const struct store_note *n = &bn->n;
    sqlite3_int64 rid;
    long id = 0;
    sqlite3_stmt *s;
    int rc = sqlite_fu_rid(st, n->rec_id, &rid, err);
    if (rc)
        return rc;
    int found = find_nth(st,
                         "SELECT id FROM note WHERE rid IS ?1 AND ?2 IS NULL AND author_login = "
                         "?3 AND created_at = ?4 ORDER BY id LIMIT 1 OFFSET ?5",
                         rid, 0, 0, n->author_login ? n->author_login : "", n->created_at, bn->seq,
                         &id, "finding a note", err);
    if (found < 0)
        return found;
    if ((rc = sqlite_fu_prepare(
             st,
             found ? "UPDATE note SET organisation = ?3, independent = ?4, status = ?5, body = ?6 "
                     "WHERE id = ?9 AND NOT (organisation IS ?3 AND independent IS ?4 AND status "
                     "IS ?5 AND body IS ?6)"
                   : "INSERT INTO note(rid, author_login, organisation, independent, status, "
                     "body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
             &s, err)))
        return rc;
    if (!found) {
        sqlite3_bind_int64(s, 1, rid);
        sqlite_bind_text(s, 2, n->author_login);
        sqlite_fu_bind_time(s, 7, n->created_at);
    }
    sqlite_bind_text(s, 3, n->organisation);
    sqlite3_bind_int(s, 4, n->independent ? 1 : 0);
    sqlite_bind_text(s, 5, n->status);
    sqlite_bind_text(s, 6, n->body);
    if (found)
        sqlite3_bind_int64(s, 9, id);
    return put_row(st, s, found, NULL, "storing a note", outcome, err);
}
