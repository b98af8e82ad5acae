/*
 * postgres_bundle_write.c — the exchange bundle's writes in the PostgreSQL backend (the "step 5"
 * section of store.h; the SQLite twin is sqlite_bundle_write.c). A put finds the row by its natural
 * key, then inserts it, or updates it only when a value differs (the UPDATE's WHERE says so
 * with IS NOT DISTINCT FROM, SQLite's IS), so importing the same bundle twice changes nothing.
 * Each statement numbers its own parameters: the values first, then the row's id (UPDATE) or
 * its key (INSERT). An import is one transaction: a failed statement ends it, as it should.
 */
#include <string.h>

#include "store/postgres_followup.h"

/* ---- helpers --------------------------------------------------------------------------------- */

/* Runs sql, which selects one id: 1 and *id (when id is not NULL) when there is a row, 0 when
 * not. */
static int find_id(struct pg_store *st, const char *sql, const struct pg_params *p, long *id,
                   const char *doing, struct err *err)
{
    PGresult *r = pg_run(st, sql, p, err, doing);
    if (!r)
        return err ? err->code : ERR_STORE;
    int found = PQntuples(r) > 0;
    if (found && id)
        *id = (long)pg_int(r, 0, 0);
    PQclear(r);
    return found;
}

/* find_id for sql, which takes one text key as $1. */
static int find_by_text(struct pg_store *st, const char *sql, const char *key, long *id,
                        const char *doing, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, key);
    return find_id(st, sql, &p, id, doing, err);
}

/* find_by_text that wants the row: ERR_NOTFOUND "no <what> "key"" when there is none. */
static int id_by_text(struct pg_store *st, const char *sql, const char *key, const char *what,
                      long *id, struct err *err)
{
    int rc = find_by_text(st, sql, key, id, what, err);
    if (rc == 0)
        return err_set(err, ERR_NOTFOUND, "no %s \"%s\"", what, key ? key : "");
    return rc < 0 ? rc : 0;
}

static const char institution_sql[] = "SELECT id FROM institution WHERE code = $1";
static const char cluster_sql[] = "SELECT id FROM cluster WHERE name = $1";

static int institution_id(struct pg_store *st, const char *code, long *id, struct err *err)
{
    return id_by_text(st, institution_sql, code, "institution with code", id, err);
}

static int cluster_id(struct pg_store *st, const char *name, long *id, struct err *err)
{
    return id_by_text(st, cluster_sql, name, "cluster named", id, err);
}

/* pg_fu_rid into a long, the type of the other ids here. */
static int rec_rid(struct pg_store *st, const char *rec_id, long *rid, struct err *err)
{
    long long key = 0;
    int rc = pg_fu_rid(st, rec_id, &key, err);
    *rid = (long)key;
    return rc;
}

/* rec_id or cluster name to (rid, cluster id), exactly one of them set. */
static int target_ids(struct pg_store *st, const char *rec_id, const char *cluster, long *rid,
                      long *cid, struct err *err)
{
    *rid = 0;
    *cid = 0;
    if ((rec_id != NULL) == (cluster != NULL))
        return err_set(err, ERR_INPUT, "give a recommendation or a cluster, not both or none");
    return rec_id ? rec_rid(st, rec_id, rid, err) : cluster_id(st, cluster, cid, err);
}

/* Adds what a follow-up row is about: rid and cluster (NULL for 0), institution. */
static void param_target(struct pg_params *p, long rid, long cid, long iid)
{
    pg_fu_param_id(p, rid);
    pg_fu_param_id(p, cid);
    pg_param_int(p, iid);
}

/* What tells an indicator or a progress report from the others of its kind (with the seq of
 * equals): its recommendation, its institution and its creation time. */
struct rec_key {
    long rid, iid;
    int64_t created_at;
};

static int rec_key_of(struct pg_store *st, const char *rec_id, const char *institution,
                      int64_t created_at, struct rec_key *k, struct err *err)
{
    k->created_at = created_at;
    int rc = rec_rid(st, rec_id, &k->rid, err);
    return rc ? rc : institution_id(st, institution, &k->iid, err);
}

/* Adds a rec_key: rid, institution, creation time. */
static void param_rec_key(struct pg_params *p, const struct rec_key *k)
{
    pg_param_int(p, k->rid);
    pg_param_int(p, k->iid);
    pg_fu_param_time(p, k->created_at);
}

/* Runs a put's UPDATE when found (its WHERE holds only when a value differs) or its INSERT
 * (or an upsert that updates only what differs); *id (when not NULL) receives an inserted row's id,
 * which the INSERT returns. A failure is reported as sqlite_fu_write reports it (see
 * postgres_followup_util.c's write_failed); no savepoint: a bundle is imported whole or not at all.
 */
static int put_row(struct pg_store *st, const char *sql, const struct pg_params *p, int found,
                   long *id, const char *doing, enum store_put_outcome *outcome, struct err *err)
{
    PGresult *r = pg_run(st, sql, p, err, doing);
    if (!r) {
        if (!err)
            return ERR_STORE;
        if (err->code != ERR_INPUT)
            return err->code;
        if (!strcmp(st->sqlstate, "23503"))
            return err_set(err, ERR_INPUT, "%s: it refers to a row that does not exist", doing);
        return err->code = ERR_STORE; /* SQLite reports other constraints as store errors */
    }
    if (found) {
        *outcome = strcmp(PQcmdTuples(r), "0") ? STORE_PUT_UPDATED : STORE_PUT_UNCHANGED;
    } else {
        *outcome = STORE_PUT_INSERTED;
        if (id && PQntuples(r) > 0)
            *id = (long)pg_int(r, 0, 0);
    }
    PQclear(r);
    return 0;
}

/* The id of the seq-th row (1, 2, ...) that sql selects with params p, to which the offset is
 * added as the last parameter. */
static int find_nth(struct pg_store *st, const char *sql, struct pg_params *p, int seq, long *id,
                    const char *doing, struct err *err)
{
    pg_param_int(p, seq > 1 ? seq - 1 : 0);
    return find_id(st, sql, p, id, doing, err);
}

/* ---- institutions, clusters, members --------------------------------------------------------- */

int postgres_bundle_institution_put(struct pg_store *st, const struct store_institution *in,
                                    const char *branch, enum store_put_outcome *outcome,
                                    struct err *err)
{
    static const char update_sql[] =
        "UPDATE institution SET name = $1, kind = $2, branch = $3 WHERE id = $4 AND NOT (name "
        "IS NOT DISTINCT FROM $1 AND kind IS NOT DISTINCT FROM $2 AND branch IS NOT DISTINCT "
        "FROM $3)";
    static const char insert_sql[] =
        "INSERT INTO institution(name, kind, branch, code) VALUES ($1, $2, $3, $4)";
    long id = 0;
    int found = find_by_text(st, institution_sql, in->code, &id, "finding an institution", err);
    if (found < 0)
        return found;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, in->name);
    pg_param_text(&p, in->kind);
    pg_param_text(&p, branch);
    if (found)
        pg_param_int(&p, id);
    else
        pg_param_text(&p, in->code);
    return put_row(st, found ? update_sql : insert_sql, &p, found, NULL, "storing an institution",
                   outcome, err);
}

int postgres_bundle_cluster_put(struct pg_store *st, const struct store_cluster *c,
                                enum store_put_outcome *outcome, struct err *err)
{
    static const char update_sql[] =
        "UPDATE cluster SET kind = $1, criterion = $2, country = $3, created_at = $4 WHERE id = "
        "$5 AND NOT (kind IS NOT DISTINCT FROM $1 AND criterion IS NOT DISTINCT FROM $2 AND "
        "country IS NOT DISTINCT FROM $3 AND created_at IS NOT DISTINCT FROM $4)";
    static const char insert_sql[] =
        "INSERT INTO cluster(kind, criterion, country, created_at, name) VALUES ($1, $2, $3, "
        "$4, $5)";
    long id = 0;
    int found = find_by_text(st, cluster_sql, c->name, &id, "finding a cluster", err);
    if (found < 0)
        return found;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, c->kind);
    pg_param_text(&p, c->criterion);
    pg_param_text(&p, c->country);
    pg_fu_param_time(&p, c->created_at);
    if (found)
        pg_param_int(&p, id);
    else
        pg_param_text(&p, c->name);
    return put_row(st, found ? update_sql : insert_sql, &p, found, NULL, "storing a cluster",
                   outcome, err);
}

int postgres_bundle_member_put(struct pg_store *st, const struct store_bundle_member *m,
                               enum store_put_outcome *outcome, struct err *err)
{
    static const char exists_sql[] =
        "SELECT 1 FROM cluster_member WHERE cluster_id = $1 AND rid = $2";
    static const char put_sql[] =
        "INSERT INTO cluster_member(cluster_id, rid, by_hand) VALUES ($1, $2, $3) ON CONFLICT "
        "(cluster_id, rid) DO UPDATE SET by_hand = excluded.by_hand WHERE cluster_member.by_hand "
        "<> excluded.by_hand";
    long rid, cid;
    int rc = cluster_id(st, m->cluster, &cid, err);
    if (rc || (rc = rec_rid(st, m->rec_id, &rid, err)))
        return rc;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, cid);
    pg_param_int(&p, rid);
    int existed = find_id(st, exists_sql, &p, NULL, "finding a cluster member", err);
    if (existed < 0)
        return existed;
    pg_param_int(&p, m->by_hand ? 1 : 0);
    return put_row(st, put_sql, &p, existed, NULL, "storing a cluster member", outcome, err);
}

/* ---- tags and suggestions -------------------------------------------------------------------- */

/* Adds the key of a recommendation's tag or suggestion: rid, vocab, label or code. */
static void param_key(struct pg_params *p, long rid, const char *vocab, const char *key)
{
    pg_param_int(p, rid);
    pg_param_text(p, vocab);
    pg_param_text(p, key);
}

/* 1 when sql, which selects the row with the key that param_key adds, finds one; 0 when not. */
static int key_exists(struct pg_store *st, const char *sql, long rid, const char *vocab,
                      const char *key, const char *doing, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    param_key(&p, rid, vocab, key);
    return find_id(st, sql, &p, NULL, doing, err);
}

int postgres_bundle_tag_put(struct pg_store *st, const char *rec_id, const struct store_tag *t,
                            enum store_put_outcome *outcome, struct err *err)
{
    static const char *const origins[] = {"source", "human", "machine"};
    static const char exists_sql[] =
        "SELECT 1 FROM rec_tag WHERE rid = $1 AND vocab = $2 AND label = $3";
    static const char update_sql[] =
        "UPDATE rec_tag SET code = $1, origin = $2, score = $3 WHERE rid = $4 AND vocab = $5 AND "
        "label = $6 AND NOT (code IS NOT DISTINCT FROM $1 AND origin IS NOT DISTINCT FROM $2 AND "
        "score IS NOT DISTINCT FROM $3)";
    static const char insert_sql[] =
        "INSERT INTO rec_tag(code, origin, score, rid, vocab, label) VALUES ($1, $2, $3, $4, $5, "
        "$6)";
    long rid;
    int rc = rec_rid(st, rec_id, &rid, err);
    if (rc)
        return rc;
    int existed = key_exists(st, exists_sql, rid, t->vocab, t->label, "finding a tag", err);
    if (existed < 0)
        return existed;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, t->code);
    pg_param_text(&p, origins[t->origin]);
    if (t->origin == STORE_TAG_MACHINE)
        pg_fu_param_double(&p, t->score);
    else
        pg_param_text(&p, NULL);
    param_key(&p, rid, t->vocab, t->label);
    return put_row(st, existed ? update_sql : insert_sql, &p, existed, NULL, "storing a tag",
                   outcome, err);
}

int postgres_bundle_suggestion_put(struct pg_store *st, const struct store_suggestion *g,
                                   enum store_put_outcome *outcome, struct err *err)
{
    static const char *const reviews[] = {"pending", "accepted", "rejected"};
    static const char exists_sql[] =
        "SELECT 1 FROM tag_suggestion WHERE rid = $1 AND vocab = $2 AND code = $3";
    static const char update_sql[] =
        "UPDATE tag_suggestion SET label = $1, score = $2, reason = $3, model = $4, review = $5, "
        "created_at = $6, reviewed_by = $7, reviewed_at = $8 WHERE rid = $9 AND vocab = $10 AND "
        "code = $11 AND NOT (label IS NOT DISTINCT FROM $1 AND score IS NOT DISTINCT FROM $2 AND "
        "reason IS NOT DISTINCT FROM $3 AND model IS NOT DISTINCT FROM $4 AND review IS NOT "
        "DISTINCT FROM $5 AND created_at IS NOT DISTINCT FROM $6 AND reviewed_by IS NOT DISTINCT "
        "FROM $7 AND reviewed_at IS NOT DISTINCT FROM $8)";
    static const char insert_sql[] =
        "INSERT INTO tag_suggestion(label, score, reason, model, review, created_at, reviewed_by, "
        "reviewed_at, rid, vocab, code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    long rid;
    int rc = rec_rid(st, g->rec_id, &rid, err);
    if (rc)
        return rc;
    int existed = key_exists(st, exists_sql, rid, g->vocab, g->code, "finding a suggestion", err);
    if (existed < 0)
        return existed;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, g->label);
    pg_fu_param_double(&p, g->score);
    pg_param_text(&p, g->reason);
    pg_param_text(&p, g->model);
    pg_param_text(&p, reviews[g->review]);
    pg_fu_param_time(&p, g->created_at);
    pg_param_text(&p, g->reviewed_by);
    pg_fu_param_time(&p, g->reviewed_at);
    param_key(&p, rid, g->vocab, g->code);
    return put_row(st, existed ? update_sql : insert_sql, &p, existed, NULL, "storing a suggestion",
                   outcome, err);
}

/* ---- assignments and actions ----------------------------------------------------------------- */

int postgres_bundle_assignment_put(struct pg_store *st, const struct store_bundle_assignment *a,
                                   enum store_put_outcome *outcome, struct err *err)
{
    static const char find_sql[] =
        "SELECT id FROM assignment WHERE rid IS NOT DISTINCT FROM $1 AND cluster_id IS NOT "
        "DISTINCT FROM $2 AND institution_id = $3";
    static const char update_sql[] =
        "UPDATE assignment SET lead = $1, deadline = $2, created_at = $3 WHERE id = $4 AND NOT "
        "(lead IS NOT DISTINCT FROM $1 AND deadline IS NOT DISTINCT FROM $2 AND created_at IS "
        "NOT DISTINCT FROM $3)";
    static const char insert_sql[] =
        "INSERT INTO assignment(lead, deadline, created_at, rid, cluster_id, institution_id) "
        "VALUES ($1, $2, $3, $4, $5, $6)";
    long rid, cid, iid, id = 0;
    int rc = target_ids(st, a->rec_id, a->cluster, &rid, &cid, err);
    if (rc || (rc = institution_id(st, a->institution, &iid, err)))
        return rc;
    struct pg_params p;
    pg_params_init(&p);
    param_target(&p, rid, cid, iid);
    int found = find_id(st, find_sql, &p, &id, "finding an assignment", err);
    if (found < 0)
        return found;
    pg_params_init(&p);
    pg_param_int(&p, a->lead ? 1 : 0);
    pg_param_text(&p, a->deadline);
    pg_fu_param_time(&p, a->created_at);
    if (found)
        pg_param_int(&p, id);
    else
        param_target(&p, rid, cid, iid);
    return put_row(st, found ? update_sql : insert_sql, &p, found, NULL, "storing an assignment",
                   outcome, err);
}

int postgres_bundle_action_put(struct pg_store *st, const struct store_bundle_action *a,
                               enum store_put_outcome *outcome, struct err *err)
{
    /* The OR of equalities lets the rid and cluster indexes find the rows. */
    static const char find_sql[] =
        "SELECT id FROM plan_action WHERE (rid = $1 OR cluster_id = $2) AND rid IS NOT DISTINCT "
        "FROM $1 AND cluster_id IS NOT DISTINCT FROM $2 AND institution_id = $3 AND created_at = "
        "$4 ORDER BY id LIMIT 1 OFFSET $5";
    static const char update_sql[] =
        "UPDATE plan_action SET description = $1, unit = $2, start_date = $3, due_date = $4, "
        "budget = $5, currency = $6, status = $7, updated_at = $8 WHERE id = $9 AND NOT "
        "(description IS NOT DISTINCT FROM $1 AND unit IS NOT DISTINCT FROM $2 AND start_date IS "
        "NOT DISTINCT FROM $3 AND due_date IS NOT DISTINCT FROM $4 AND budget IS NOT DISTINCT "
        "FROM $5 AND currency IS NOT DISTINCT FROM $6 AND status IS NOT DISTINCT FROM $7 AND "
        "updated_at IS NOT DISTINCT FROM $8)";
    static const char insert_sql[] =
        "INSERT INTO plan_action(description, unit, start_date, due_date, budget, currency, "
        "status, updated_at, rid, cluster_id, institution_id, created_at) VALUES ($1, $2, $3, "
        "$4, $5, $6, $7, $8, $9, $10, $11, $12)";
    long rid, cid, iid, id = 0;
    int rc = target_ids(st, a->rec_id, a->cluster, &rid, &cid, err);
    if (rc || (rc = institution_id(st, a->institution, &iid, err)))
        return rc;
    struct pg_params p;
    pg_params_init(&p);
    param_target(&p, rid, cid, iid);
    pg_fu_param_time(&p, a->created_at);
    int found = find_nth(st, find_sql, &p, a->seq, &id, "finding an action", err);
    if (found < 0)
        return found;
    pg_params_init(&p);
    const char *text[] = {a->description, a->unit, a->start_date, a->due_date};
    for (int i = 0; i < 4; i++)
        pg_param_text(&p, text[i]);
    pg_fu_param_double(&p, a->budget);
    pg_param_text(&p, a->currency);
    pg_param_text(&p, a->status);
    pg_fu_param_time(&p, a->updated_at);
    if (found) {
        pg_param_int(&p, id);
    } else {
        param_target(&p, rid, cid, iid);
        pg_fu_param_time(&p, a->created_at);
    }
    return put_row(st, found ? update_sql : insert_sql, &p, found, NULL, "storing an action",
                   outcome, err);
}

/* ---- indicators and their values ------------------------------------------------------------- */

int postgres_bundle_indicator_put(struct pg_store *st, const struct store_bundle_indicator *ind,
                                  long *id, enum store_put_outcome *outcome, struct err *err)
{
    static const char find_sql[] =
        "SELECT id FROM indicator WHERE rid = $1 AND institution_id = $2 AND created_at = $3 "
        "ORDER BY id LIMIT 1 OFFSET $4";
    static const char update_sql[] =
        "UPDATE indicator SET name = $1, definition = $2, unit = $3, source = $4, baseline = $5, "
        "target = $6, baseline_date = $7, target_date = $8, sdg_indicator = $9, updated_at = $10 "
        "WHERE id = $11 AND NOT (name IS NOT DISTINCT FROM $1 AND definition IS NOT DISTINCT "
        "FROM $2 AND unit IS NOT DISTINCT FROM $3 AND source IS NOT DISTINCT FROM $4 AND "
        "baseline IS NOT DISTINCT FROM $5 AND target IS NOT DISTINCT FROM $6 AND baseline_date "
        "IS NOT DISTINCT FROM $7 AND target_date IS NOT DISTINCT FROM $8 AND sdg_indicator IS "
        "NOT DISTINCT FROM $9 AND updated_at IS NOT DISTINCT FROM $10)";
    static const char insert_sql[] =
        "INSERT INTO indicator(name, definition, unit, source, baseline, target, baseline_date, "
        "target_date, sdg_indicator, updated_at, rid, institution_id, created_at) VALUES ($1, "
        "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id";
    struct rec_key k;
    long row = 0;
    int rc = rec_key_of(st, ind->rec_id, ind->institution, ind->created_at, &k, err);
    if (rc)
        return rc;
    struct pg_params p;
    pg_params_init(&p);
    param_rec_key(&p, &k);
    int found = find_nth(st, find_sql, &p, ind->seq, &row, "finding an indicator", err);
    if (found < 0)
        return found;
    pg_params_init(&p);
    const char *text[] = {ind->name, ind->definition, ind->unit, ind->source};
    for (int i = 0; i < 4; i++)
        pg_param_text(&p, text[i]);
    pg_fu_param_double(&p, ind->baseline);
    pg_fu_param_double(&p, ind->target);
    pg_param_text(&p, ind->baseline_date);
    pg_param_text(&p, ind->target_date);
    pg_param_text(&p, ind->sdg_indicator);
    pg_fu_param_time(&p, ind->updated_at);
    if (found)
        pg_param_int(&p, row);
    else
        param_rec_key(&p, &k);
    rc = put_row(st, found ? update_sql : insert_sql, &p, found, &row, "storing an indicator",
                 outcome, err);
    if (!rc && id)
        *id = row;
    return rc;
}

int postgres_bundle_value_put(struct pg_store *st, const struct store_indicator_value *v,
                              enum store_put_outcome *outcome, struct err *err)
{
    static const char find_sql[] =
        "SELECT 1 FROM indicator_value WHERE indicator_id = $1 AND date = $2";
    static const char update_sql[] =
        "UPDATE indicator_value SET value = $3, note = $4 WHERE indicator_id = $1 AND date = $2 "
        "AND NOT (value IS NOT DISTINCT FROM $3 AND note IS NOT DISTINCT FROM $4)";
    static const char insert_sql[] =
        "INSERT INTO indicator_value(indicator_id, date, value, note) VALUES ($1, $2, $3, $4)";
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, v->indicator_id);
    pg_param_text(&p, v->date);
    int found = find_id(st, find_sql, &p, NULL, "finding an indicator value", err);
    if (found < 0)
        return found;
    pg_fu_param_double(&p, v->value);
    pg_param_text(&p, v->note);
    return put_row(st, found ? update_sql : insert_sql, &p, found, NULL,
                   "storing an indicator value", outcome, err);
}

/* ---- progress reports, evidence, notes ------------------------------------------------------- */

int postgres_bundle_progress_put(struct pg_store *st, const struct store_bundle_progress *bp,
                                 long *id, enum store_put_outcome *outcome, struct err *err)
{
    static const char find_sql[] =
        "SELECT id FROM progress WHERE rid = $1 AND institution_id = $2 AND created_at = $3 "
        "ORDER BY id LIMIT 1 OFFSET $4";
    static const char update_sql[] =
        "UPDATE progress SET status = $1, narrative = $2, workflow = $3, review_comment = $4, "
        "author_login = $5, submitter_login = $6, reviewer_login = $7, updated_at = $8, "
        "submitted_at = $9, reviewed_at = $10 WHERE id = $11 AND NOT (status IS NOT DISTINCT "
        "FROM $1 AND narrative IS NOT DISTINCT FROM $2 AND workflow IS NOT DISTINCT FROM $3 AND "
        "review_comment IS NOT DISTINCT FROM $4 AND author_login IS NOT DISTINCT FROM $5 AND "
        "submitter_login IS NOT DISTINCT FROM $6 AND reviewer_login IS NOT DISTINCT FROM $7 AND "
        "updated_at IS NOT DISTINCT FROM $8 AND submitted_at IS NOT DISTINCT FROM $9 AND "
        "reviewed_at IS NOT DISTINCT FROM $10)";
    static const char insert_sql[] =
        "INSERT INTO progress(status, narrative, workflow, review_comment, author_login, "
        "submitter_login, reviewer_login, updated_at, submitted_at, reviewed_at, rid, "
        "institution_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
        "$13) RETURNING id";
    const struct store_progress *pr = &bp->p;
    struct rec_key k;
    long row = 0;
    int rc = rec_key_of(st, pr->rec_id, bp->institution, pr->created_at, &k, err);
    if (rc)
        return rc;
    struct pg_params p;
    pg_params_init(&p);
    param_rec_key(&p, &k);
    int found = find_nth(st, find_sql, &p, bp->seq, &row, "finding a progress report", err);
    if (found < 0)
        return found;
    pg_params_init(&p);
    const char *text[] = {pr->status,         pr->narrative,    pr->workflow,
                          pr->review_comment, pr->author_login, pr->submitter_login,
                          pr->reviewer_login};
    for (int i = 0; i < 7; i++)
        pg_param_text(&p, text[i]);
    pg_fu_param_time(&p, pr->updated_at);
    pg_fu_param_time(&p, pr->submitted_at);
    pg_fu_param_time(&p, pr->reviewed_at);
    if (found)
        pg_param_int(&p, row);
    else
        param_rec_key(&p, &k);
    rc = put_row(st, found ? update_sql : insert_sql, &p, found, &row, "storing a progress report",
                 outcome, err);
    if (!rc && id)
        *id = row;
    return rc;
}

/* Adds what tells a piece of evidence from the others of its report. */
static void param_evidence_key(struct pg_params *p, const struct store_evidence *e)
{
    pg_param_int(p, e->progress_id);
    pg_param_text(p, e->sha256);
    pg_param_text(p, e->file_name);
    pg_fu_param_time(p, e->uploaded_at);
}

int postgres_bundle_evidence_put(struct pg_store *st, const struct store_evidence *e,
                                 enum store_put_outcome *outcome, struct err *err)
{
    static const char find_sql[] =
        "SELECT id FROM evidence WHERE progress_id = $1 AND sha256 = $2 AND file_name = $3 AND "
        "uploaded_at IS NOT DISTINCT FROM $4";
    static const char update_sql[] =
        "UPDATE evidence SET content_type = $1, size = $2, uploaded_by = $3 WHERE id = $4 AND "
        "NOT (content_type IS NOT DISTINCT FROM $1 AND size IS NOT DISTINCT FROM $2 AND "
        "uploaded_by IS NOT DISTINCT FROM $3)";
    static const char insert_sql[] =
        "INSERT INTO evidence(content_type, size, uploaded_by, progress_id, sha256, file_name, "
        "uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    long id = 0;
    int rc = postgres_bundle_blob_has(st, e->sha256, err);
    if (rc <= 0)
        return rc < 0 ? rc
                      : err_set(err, ERR_NOTFOUND, "no file with sha256 %s",
                                e->sha256 ? e->sha256 : "");
    struct pg_params p;
    pg_params_init(&p);
    param_evidence_key(&p, e);
    int found = find_id(st, find_sql, &p, &id, "finding evidence", err);
    if (found < 0)
        return found;
    pg_params_init(&p);
    pg_param_text(&p, e->content_type);
    pg_param_int(&p, (long long)e->size);
    pg_param_text(&p, e->uploaded_by);
    if (found)
        pg_param_int(&p, id);
    else
        param_evidence_key(&p, e);
    return put_row(st, found ? update_sql : insert_sql, &p, found, NULL, "storing evidence",
                   outcome, err);
}

int postgres_bundle_note_put(struct pg_store *st, const struct store_bundle_note *bn,
                             enum store_put_outcome *outcome, struct err *err)
{
    static const char find_sql[] =
        "SELECT id FROM note WHERE rid = $1 AND author_login = $2 AND created_at = $3 ORDER BY "
        "id LIMIT 1 OFFSET $4";
    static const char update_sql[] =
        "UPDATE note SET organisation = $1, independent = $2, status = $3, body = $4 WHERE id = "
        "$5 AND NOT (organisation IS NOT DISTINCT FROM $1 AND independent IS NOT DISTINCT FROM "
        "$2 AND status IS NOT DISTINCT FROM $3 AND body IS NOT DISTINCT FROM $4)";
    static const char insert_sql[] =
        "INSERT INTO note(organisation, independent, status, body, rid, author_login, "
        "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    const struct store_note *n = &bn->n;
    long rid, id = 0;
    int rc = rec_rid(st, n->rec_id, &rid, err);
    if (rc)
        return rc;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_int(&p, rid);
    pg_param_text(&p, n->author_login ? n->author_login : "");
    pg_fu_param_time(&p, n->created_at);
    int found = find_nth(st, find_sql, &p, bn->seq, &id, "finding a note", err);
    if (found < 0)
        return found;
    pg_params_init(&p);
    pg_param_text(&p, n->organisation);
    pg_param_int(&p, n->independent ? 1 : 0);
    pg_param_text(&p, n->status);
    pg_param_text(&p, n->body);
    if (found) {
        pg_param_int(&p, id);
    } else {
        pg_param_int(&p, rid);
        pg_param_text(&p, n->author_login);
        pg_fu_param_time(&p, n->created_at);
    }
    return put_row(st, found ? update_sql : insert_sql, &p, found, NULL, "storing a note", outcome,
                   err);
}
