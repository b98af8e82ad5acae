/*
 * bundle_followup.c — the follow-up sections of a bundle (see bundle_internal.h): institutions,
 * clusters and their members, assignments, actions, indicators and their values, evidence
 * files, progress reports with their evidence, notes, and needs for technical cooperation
 * (store/store_coop.h). Each record is checked, then merged through the store by its key.
 */
#include "import/bundle_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/password.h"
#include "store/store_coop.h"

static const char *const statuses[] = {"not_started", "in_progress",  "partially_implemented",
                                       "implemented", "not_accepted", NULL};

/* ---- institutions, clusters, assignments, actions, indicators ------------------------------ */

int bundle_read_institution(struct bundle_reader *r, const struct jsonr *o)
{
    static const char *const branches[] = {"executive",   "legislative", "judiciary",
                                           "independent", "local",       NULL};
    struct store_institution in = {0};
    const char *branch;
    int rc = bundle_name_at(r, o, "code", BUNDLE_REQ, &in.code);
    if (!rc)
        rc = bundle_unique(r, "institution", "%s", in.code);
    if (!rc)
        rc = bundle_name_at(r, o, "name", BUNDLE_REQ, &in.name);
    if (!rc)
        rc = bundle_str_at(r, o, "kind", BUNDLE_OPT, &in.kind);
    if (!rc)
        rc = bundle_enum_at(r, o, "branch", BUNDLE_OPT, branches, &branch);
    enum store_put_outcome outcome;
    if (!rc && !(rc = bundle_at_fault(
                     r, store_bundle_institution_put(r->st, &in, branch, &outcome, r->err))))
        bundle_count(r, outcome);
    return rc;
}

int bundle_read_cluster(struct bundle_reader *r, const struct jsonr *o)
{
    static const char *const cluster_kinds[] = {"theme", "sdg", "affected", "body", "manual", NULL};
    struct store_cluster c = {0};
    int rc = bundle_name_at(r, o, "name", BUNDLE_REQ, &c.name);
    if (!rc)
        rc = bundle_unique(r, "cluster", "%s", c.name);
    if (!rc)
        rc = bundle_enum_at(r, o, "kind", BUNDLE_REQ, cluster_kinds, &c.kind);
    if (!rc)
        rc = bundle_str_at(r, o, "criterion", BUNDLE_OPT, &c.criterion);
    if (!rc && (c.criterion == NULL) != !strcmp(c.kind, "manual"))
        rc = bundle_bad(r, "criterion",
                        c.criterion ? "expected null: a manual cluster has no criterion"
                                    : "missing: only a manual cluster has no criterion");
    if (!rc)
        rc = bundle_country_at(r, o, "country", &c.country);
    if (!rc)
        rc = bundle_time_at(r, o, "created_at", BUNDLE_REQ, &c.created_at);
    enum store_put_outcome outcome;
    if (!rc && !(rc = bundle_at_fault(r, store_bundle_cluster_put(r->st, &c, &outcome, r->err))))
        bundle_count(r, outcome);
    return rc;
}

int bundle_read_member(struct bundle_reader *r, const struct jsonr *o)
{
    struct store_bundle_member m = {0};
    int rc = bundle_name_at(r, o, "cluster", BUNDLE_REQ, &m.cluster);
    if (!rc)
        rc = bundle_name_at(r, o, "recommendation", BUNDLE_REQ, &m.rec_id);
    if (!rc)
        rc = bundle_unique(r, "cluster member", "%s\x1f%s", m.cluster, m.rec_id);
    if (!rc)
        rc = bundle_bool_at(r, o, "by_hand", &m.by_hand);
    enum store_put_outcome outcome;
    if (!rc && !(rc = bundle_at_fault(r, store_bundle_member_put(r->st, &m, &outcome, r->err))))
        bundle_count(r, outcome);
    return rc;
}

/* "recommendation" or "cluster": what an assignment or an action is about. */
static int target_at(struct bundle_reader *r, const struct jsonr *o, const char **rec_id,
                     const char **cluster)
{
    int rc = bundle_name_at(r, o, "recommendation", BUNDLE_OPT, rec_id);
    if (!rc)
        rc = bundle_name_at(r, o, "cluster", BUNDLE_OPT, cluster);
    if (!rc && (*rec_id != NULL) == (*cluster != NULL))
        rc = bundle_bad(r, NULL, "expected either \"recommendation\" or \"cluster\"");
    return rc;
}

int bundle_read_assignment(struct bundle_reader *r, const struct jsonr *o)
{
    struct store_bundle_assignment a = {0};
    int rc = target_at(r, o, &a.rec_id, &a.cluster);
    if (!rc)
        rc = bundle_name_at(r, o, "institution", BUNDLE_REQ, &a.institution);
    if (!rc)
        rc = bundle_unique(r, "assignment", "%s\x1f%s\x1f%s", a.rec_id ? "r" : "c",
                           a.rec_id ? a.rec_id : a.cluster, a.institution);
    if (!rc)
        rc = bundle_bool_at(r, o, "lead", &a.lead);
    if (!rc)
        rc = bundle_date_at(r, o, "deadline", BUNDLE_OPT, &a.deadline);
    if (!rc)
        rc = bundle_time_at(r, o, "created_at", BUNDLE_REQ, &a.created_at);
    enum store_put_outcome outcome;
    if (!rc && !(rc = bundle_at_fault(r, store_bundle_assignment_put(r->st, &a, &outcome, r->err))))
        bundle_count(r, outcome);
    return rc;
}

/* created_at and seq: with what the row belongs to, its key. */
static int key_at(struct bundle_reader *r, const struct jsonr *o, int64_t *created_at, int *seq)
{
    int rc = bundle_time_at(r, o, "created_at", BUNDLE_REQ, created_at);
    return rc ? rc : bundle_int_at(r, o, "seq", BUNDLE_REQ, 1, 1000000, seq);
}

int bundle_read_action(struct bundle_reader *r, const struct jsonr *o)
{
    static const char *const action_statuses[] = {"planned", "ongoing",   "completed",
                                                  "delayed", "cancelled", NULL};
    struct store_bundle_action a = {0};
    int rc = target_at(r, o, &a.rec_id, &a.cluster);
    if (!rc)
        rc = bundle_name_at(r, o, "institution", BUNDLE_REQ, &a.institution);
    if (!rc)
        rc = key_at(r, o, &a.created_at, &a.seq);
    if (!rc)
        rc = bundle_in_sequence(r, "action", a.seq, "%s\x1f%s\x1f%s\x1f%lld", a.rec_id ? "r" : "c",
                                a.rec_id ? a.rec_id : a.cluster, a.institution,
                                (long long)a.created_at);
    if (!rc)
        rc = bundle_str_at(r, o, "description", BUNDLE_REQ, &a.description);
    if (!rc)
        rc = bundle_str_at(r, o, "unit", BUNDLE_OPT, &a.unit);
    if (!rc)
        rc = bundle_date_at(r, o, "start_date", BUNDLE_OPT, &a.start_date);
    if (!rc)
        rc = bundle_date_at(r, o, "due_date", BUNDLE_OPT, &a.due_date);
    if (!rc)
        rc = bundle_num_at(r, o, "budget", BUNDLE_OPT, &a.budget);
    if (!rc)
        rc = bundle_str_at(r, o, "currency", BUNDLE_OPT, &a.currency);
    if (!rc)
        rc = bundle_enum_at(r, o, "status", BUNDLE_REQ, action_statuses, &a.status);
    if (!rc)
        rc = bundle_time_at(r, o, "updated_at", BUNDLE_REQ, &a.updated_at);
    enum store_put_outcome outcome;
    if (!rc && !(rc = bundle_at_fault(r, store_bundle_action_put(r->st, &a, &outcome, r->err))))
        bundle_count(r, outcome);
    return rc;
}

static int read_values(struct bundle_reader *r, const struct jsonr *o, long indicator_id)
{
    const struct jsonr *list;
    int rc = bundle_array_at(r, o, "values", BUNDLE_OPT, &list);
    size_t mark = bundle_path_key(r, "values");
    for (size_t i = 0; i < jsonr_size(list) && !rc; i++) {
        size_t item = bundle_path_index(r, i);
        const struct jsonr *v = jsonr_at(list, i);
        struct store_indicator_value val = {.indicator_id = indicator_id};
        rc = jsonr_type(v) == JSONR_OBJECT ? 0 : bundle_wrong(r, NULL, v, "an object");
        if (!rc)
            rc = bundle_date_at(r, v, "date", BUNDLE_REQ, &val.date);
        for (size_t k = 0; !rc && k < i; k++) {
            const char *other = jsonr_string(jsonr_get(jsonr_at(list, k), "date"), NULL);
            if (other && !strcmp(other, val.date))
                rc = bundle_bad(r, "date", "the same date as values[%zu]", k);
        }
        if (!rc)
            rc = bundle_num_at(r, v, "value", BUNDLE_REQ, &val.value);
        if (!rc)
            rc = bundle_str_at(r, v, "note", BUNDLE_OPT, &val.note);
        enum store_put_outcome outcome;
        if (!rc &&
            !(rc = bundle_at_fault(r, store_bundle_value_put(r->st, &val, &outcome, r->err))))
            bundle_count(r, outcome);
        bundle_path_back(r, item);
    }
    bundle_path_back(r, mark);
    return rc;
}

int bundle_read_indicator(struct bundle_reader *r, const struct jsonr *o)
{
    struct store_bundle_indicator ind = {0};
    int rc = bundle_name_at(r, o, "recommendation", BUNDLE_REQ, &ind.rec_id);
    if (!rc)
        rc = bundle_name_at(r, o, "institution", BUNDLE_REQ, &ind.institution);
    if (!rc)
        rc = key_at(r, o, &ind.created_at, &ind.seq);
    if (!rc)
        rc = bundle_in_sequence(r, "indicator", ind.seq, "%s\x1f%s\x1f%lld", ind.rec_id,
                                ind.institution, (long long)ind.created_at);
    if (!rc)
        rc = bundle_str_at(r, o, "name", BUNDLE_REQ, &ind.name);
    if (!rc)
        rc = bundle_str_at(r, o, "definition", BUNDLE_OPT, &ind.definition);
    if (!rc)
        rc = bundle_str_at(r, o, "unit", BUNDLE_OPT, &ind.unit);
    if (!rc)
        rc = bundle_str_at(r, o, "source", BUNDLE_OPT, &ind.source);
    if (!rc)
        rc = bundle_num_at(r, o, "baseline", BUNDLE_OPT, &ind.baseline);
    if (!rc)
        rc = bundle_num_at(r, o, "target", BUNDLE_OPT, &ind.target);
    if (!rc)
        rc = bundle_date_at(r, o, "baseline_date", BUNDLE_OPT, &ind.baseline_date);
    if (!rc)
        rc = bundle_date_at(r, o, "target_date", BUNDLE_OPT, &ind.target_date);
    if (!rc)
        rc = bundle_str_at(r, o, "sdg_indicator", BUNDLE_OPT, &ind.sdg_indicator);
    if (!rc)
        rc = bundle_time_at(r, o, "updated_at", BUNDLE_REQ, &ind.updated_at);
    long id = 0;
    enum store_put_outcome outcome;
    if (!rc &&
        !(rc = bundle_at_fault(r, store_bundle_indicator_put(r->st, &ind, &id, &outcome, r->err))))
        bundle_count(r, outcome);
    return rc ? rc : read_values(r, o, id);
}

/* ---- files, progress, notes ---------------------------------------------------------------- */

int bundle_read_file(struct bundle_reader *r, const struct jsonr *o)
{
    const char *sha256, *content;
    long size;
    size_t len = 0;
    int rc = bundle_sha256_at(r, o, "sha256", &sha256);
    if (!rc)
        rc = bundle_unique(r, "file", "%s", sha256);
    if (!rc)
        rc = bundle_long_at(r, o, "size", BUNDLE_REQ, 0, BUNDLE_MAX_BYTES, &size);
    if (!rc)
        rc = bundle_str_at(r, o, "content_base64", BUNDLE_REQ, &content);
    if (rc)
        return rc;
    jsonr_string(jsonr_get(o, "content_base64"), &len);
    struct buf bytes = BUF_INIT;
    char actual[CORE_SHA256_HEX_SIZE];
    int created = 0;
    if ((rc = json_base64_decode(content, len, &bytes)))
        rc = rc == ERR_NOMEM
                 ? err_set(r->err, ERR_NOMEM, "out of memory")
                 : bundle_bad(r, "content_base64", "expected base64 (RFC 4648, padded)");
    else if ((long)bytes.len != size)
        rc = bundle_bad(r, "size", "%ld, but the content holds %zu bytes", size, bytes.len);
    else if (!(rc = core_sha256_hex(bytes.data ? bytes.data : "", bytes.len, actual, r->err)) &&
             strcmp(actual, sha256))
        rc = bundle_bad(r, "sha256", "does not match the content (its SHA-256 is %s)", actual);
    if (!rc)
        rc = bundle_at_fault(r, store_blob_put(r->st, sha256, bytes.data ? bytes.data : "",
                                               bytes.len, &created, r->err));
    if (!rc)
        bundle_count(r, created ? STORE_PUT_INSERTED : STORE_PUT_UNCHANGED);
    buf_free(&bytes);
    return rc;
}

static int read_evidence(struct bundle_reader *r, const struct jsonr *o, long progress_id)
{
    const struct jsonr *list;
    int rc = bundle_array_at(r, o, "evidence", BUNDLE_OPT, &list);
    size_t mark = bundle_path_key(r, "evidence");
    for (size_t i = 0; i < jsonr_size(list) && !rc; i++) {
        size_t item = bundle_path_index(r, i);
        const struct jsonr *v = jsonr_at(list, i);
        struct store_evidence e = {.progress_id = progress_id};
        long size = 0;
        rc = jsonr_type(v) == JSONR_OBJECT ? 0 : bundle_wrong(r, NULL, v, "an object");
        if (!rc)
            rc = bundle_name_at(r, v, "file_name", BUNDLE_REQ, &e.file_name);
        if (!rc)
            rc = bundle_name_at(r, v, "content_type", BUNDLE_REQ, &e.content_type);
        if (!rc)
            rc = bundle_long_at(r, v, "size", BUNDLE_REQ, 0, BUNDLE_MAX_BYTES, &size);
        if (!rc)
            rc = bundle_sha256_at(r, v, "sha256", &e.sha256);
        if (!rc)
            rc = bundle_name_at(r, v, "uploaded_by", BUNDLE_REQ, &e.uploaded_by);
        if (!rc)
            rc = bundle_time_at(r, v, "uploaded_at", BUNDLE_REQ, &e.uploaded_at);
        if (!rc)
            rc = bundle_unique(r, "evidence", "%ld\x1f%s\x1f%s\x1f%lld", progress_id, e.sha256,
                               e.file_name, (long long)e.uploaded_at);
        e.size = (size_t)size;
        int has = rc ? 0 : store_bundle_blob_has(r->st, e.sha256, r->err);
        enum store_put_outcome outcome;
        if (!rc && has < 0)
            rc = has;
        else if (!rc && !has)
            r->res->evidence_without_file++;
        else if (!rc &&
                 !(rc = bundle_at_fault(r, store_bundle_evidence_put(r->st, &e, &outcome, r->err))))
            bundle_count(r, outcome);
        bundle_path_back(r, item);
    }
    bundle_path_back(r, mark);
    return rc;
}

int bundle_read_progress(struct bundle_reader *r, const struct jsonr *o)
{
    static const char *const workflows[] = {"draft", "submitted", "validated", "returned", NULL};
    struct store_bundle_progress bp = {0};
    struct store_progress *p = &bp.p;
    int rc = bundle_name_at(r, o, "recommendation", BUNDLE_REQ, &p->rec_id);
    if (!rc)
        rc = bundle_name_at(r, o, "institution", BUNDLE_REQ, &bp.institution);
    if (!rc)
        rc = key_at(r, o, &p->created_at, &bp.seq);
    if (!rc)
        rc = bundle_in_sequence(r, "progress report", bp.seq, "%s\x1f%s\x1f%lld", p->rec_id,
                                bp.institution, (long long)p->created_at);
    if (!rc)
        rc = bundle_enum_at(r, o, "status", BUNDLE_REQ, statuses, &p->status);
    if (!rc)
        rc = bundle_str_at(r, o, "narrative", BUNDLE_REQ, &p->narrative);
    if (!rc)
        rc = bundle_enum_at(r, o, "workflow", BUNDLE_REQ, workflows, &p->workflow);
    if (!rc)
        rc = bundle_str_at(r, o, "review_comment", BUNDLE_OPT, &p->review_comment);
    if (!rc)
        rc = bundle_name_at(r, o, "author", BUNDLE_REQ, &p->author_login);
    if (!rc)
        rc = bundle_name_at(r, o, "submitter", BUNDLE_OPT, &p->submitter_login);
    if (!rc)
        rc = bundle_name_at(r, o, "reviewer", BUNDLE_OPT, &p->reviewer_login);
    if (!rc)
        rc = bundle_time_at(r, o, "updated_at", BUNDLE_REQ, &p->updated_at);
    if (!rc)
        rc = bundle_time_at(r, o, "submitted_at", BUNDLE_OPT, &p->submitted_at);
    if (!rc)
        rc = bundle_time_at(r, o, "reviewed_at", BUNDLE_OPT, &p->reviewed_at);
    long id = 0;
    enum store_put_outcome outcome;
    if (!rc &&
        !(rc = bundle_at_fault(r, store_bundle_progress_put(r->st, &bp, &id, &outcome, r->err))))
        bundle_count(r, outcome);
    return rc ? rc : read_evidence(r, o, id);
}

int bundle_read_note(struct bundle_reader *r, const struct jsonr *o)
{
    struct store_bundle_note bn = {0};
    struct store_note *n = &bn.n;
    int rc = bundle_name_at(r, o, "recommendation", BUNDLE_REQ, &n->rec_id);
    if (!rc)
        rc = bundle_name_at(r, o, "author", BUNDLE_REQ, &n->author_login);
    if (!rc)
        rc = key_at(r, o, &n->created_at, &bn.seq);
    if (!rc)
        rc = bundle_in_sequence(r, "note", bn.seq, "%s\x1f%s\x1f%lld", n->rec_id, n->author_login,
                                (long long)n->created_at);
    if (!rc)
        rc = bundle_str_at(r, o, "organisation", BUNDLE_OPT, &n->organisation);
    if (!rc)
        rc = bundle_bool_at(r, o, "independent", &n->independent);
    if (!rc)
        rc = bundle_enum_at(r, o, "status", BUNDLE_OPT, statuses, &n->status);
    if (!rc && n->status && !n->independent)
        rc = bundle_bad(r, "status", "expected null: only an independent assessment has a status");
    if (!rc)
        rc = bundle_str_at(r, o, "body", BUNDLE_REQ, &n->body);
    enum store_put_outcome outcome;
    if (!rc && !(rc = bundle_at_fault(r, store_bundle_note_put(r->st, &bn, &outcome, r->err))))
        bundle_count(r, outcome);
    return rc;
}

/* ---- needs (technical cooperation, store/store_coop.h) ----------------------------------- */

/* An array of codes, joined with "|" into out (the store's form of a list). */
static int list_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                   struct buf *out)
{
    const struct jsonr *list;
    int rc = bundle_array_at(r, o, key, required, &list);
    size_t mark = bundle_path_key(r, key);
    for (size_t i = 0; i < jsonr_size(list) && !rc; i++) {
        size_t item = bundle_path_index(r, i);
        const struct jsonr *v = jsonr_at(list, i);
        const char *s = jsonr_string(v, NULL);
        if (!s)
            rc = bundle_wrong(r, NULL, v, "a string");
        else if (!*s || strchr(s, '|'))
            rc = bundle_bad(r, NULL, "expected a non-empty code without \"|\"");
        else if (buf_printf(out, "%s%s", i ? "|" : "", s))
            rc = err_set(r->err, ERR_NOMEM, "out of memory");
        bundle_path_back(r, item);
    }
    bundle_path_back(r, mark);
    return rc;
}

static int org_id_of(void *ctx, const struct store_org *o)
{
    *(long *)ctx = o->id;
    return 0;
}

/* The organisation of a need, found by code or added. */
static int read_org(struct bundle_reader *r, const struct jsonr *o, long *id)
{
    static const char *const org_kinds[] = {"state", "un_entity",     "nhri",
                                            "ngo",   "regional_body", NULL};
    const struct jsonr *org = jsonr_get(o, "organisation");
    if (bundle_is_null(org) || jsonr_type(org) != JSONR_OBJECT)
        return org ? bundle_wrong(r, "organisation", org, "an object")
                   : bundle_missing(r, "organisation", org, "an object");
    struct store_org so = {0};
    size_t mark = bundle_path_key(r, "organisation");
    int rc = bundle_name_at(r, org, "code", BUNDLE_REQ, &so.code);
    if (!rc)
        rc = bundle_name_at(r, org, "name", BUNDLE_REQ, &so.name);
    if (!rc)
        rc = bundle_enum_at(r, org, "kind", BUNDLE_REQ, org_kinds, &so.kind);
    if (!rc)
        rc = bundle_country_at(r, org, "country", &so.country);
    if (!rc)
        rc = bundle_time_at(r, org, "created_at", BUNDLE_REQ, &so.created_at);
    bundle_path_back(r, mark);
    if (rc)
        return rc;
    *id = 0;
    rc = store_org_get(r->st, 0, so.code, org_id_of, id, r->err);
    if (!rc)
        bundle_count(r, STORE_PUT_UNCHANGED); /* the coop store keeps an organisation as recorded */
    if (rc == ERR_NOTFOUND) {
        err_clear(r->err);
        rc = store_org_put(r->st, &so, id, r->err);
        if (!rc)
            bundle_count(r, STORE_PUT_INSERTED);
    }
    return bundle_at_fault(r, rc);
}

/* The needs of one organisation created at one time, in the order they were stored. */
struct need_twins {
    long org_id;
    int64_t created_at;
    int want; /* seq */
    int seen;
    long id;
    char visibility[16], status[16];
    int64_t updated_at;
};

static int need_twin(void *ctx, const struct store_need *n)
{
    struct need_twins *t = ctx;
    if (n->org_id != t->org_id || n->created_at != t->created_at || ++t->seen != t->want)
        return 0;
    t->id = n->id;
    snprintf(t->visibility, sizeof t->visibility, "%s", n->visibility ? n->visibility : "");
    snprintf(t->status, sizeof t->status, "%s", n->status ? n->status : "");
    t->updated_at = n->updated_at;
    return 0;
}

int bundle_read_need(struct bundle_reader *r, const struct jsonr *o)
{
    static const char *const visibilities[] = {"private", "registered", "public", NULL};
    static const char *const need_statuses[] = {"open", "met", "withdrawn", NULL};
    struct store_need n = {0};
    struct buf recs = BUF_INIT, kinds = BUF_INIT, providers = BUF_INIT, languages = BUF_INIT;
    int64_t updated_at = 0;
    int seq = 0;
    int rc = read_org(r, o, &n.org_id);
    if (!rc)
        rc = key_at(r, o, &n.created_at, &seq);
    if (!rc)
        rc = bundle_in_sequence(r, "need", seq, "%ld\x1f%lld", n.org_id, (long long)n.created_at);
    if (!rc)
        rc = bundle_name_at(r, o, "title", BUNDLE_REQ, &n.title);
    if (!rc)
        rc = bundle_str_at(r, o, "description", BUNDLE_REQ, &n.description);
    if (!rc)
        rc = list_at(r, o, "recommendations", BUNDLE_REQ, &recs);
    if (!rc)
        rc = list_at(r, o, "kinds", BUNDLE_REQ, &kinds);
    if (!rc)
        rc = list_at(r, o, "providers", BUNDLE_OPT, &providers);
    if (!rc)
        rc = list_at(r, o, "languages", BUNDLE_OPT, &languages);
    if (!rc)
        rc = bundle_name_at(r, o, "lang", BUNDLE_REQ, &n.lang);
    if (!rc)
        rc = bundle_date_at(r, o, "time_from", BUNDLE_OPT, &n.time_from);
    if (!rc)
        rc = bundle_date_at(r, o, "time_to", BUNDLE_OPT, &n.time_to);
    if (!rc)
        rc = bundle_enum_at(r, o, "visibility", BUNDLE_REQ, visibilities, &n.visibility);
    if (!rc)
        rc = bundle_enum_at(r, o, "status", BUNDLE_REQ, need_statuses, &n.status);
    if (!rc)
        rc = bundle_name_at(r, o, "created_by", BUNDLE_REQ, &n.created_by);
    if (!rc)
        rc = bundle_time_at(r, o, "updated_at", BUNDLE_REQ, &updated_at);
    struct need_twins twin = {n.org_id, n.created_at, seq, 0, 0, "", "", 0};
    if (!rc)
        rc = bundle_at_fault(r, store_need_each(r->st, need_twin, &twin, r->err));
    if (rc)
        goto out;
    n.recs = buf_str(&recs);
    n.kinds = buf_str(&kinds);
    n.providers = providers.len ? buf_str(&providers) : "";
    n.languages = languages.len ? buf_str(&languages) : "";
    if (!twin.id) {
        /* stored with created_at as its time, then brought to its last change */
        if ((rc = bundle_at_fault(r, store_need_put(r->st, &n, n.created_at, &twin.id, r->err))))
            goto out;
        bundle_count(r, STORE_PUT_INSERTED);
        if (updated_at == n.created_at)
            goto out;
    } else if (!strcmp(twin.visibility, n.visibility) && !strcmp(twin.status, n.status) &&
               twin.updated_at == updated_at) {
        bundle_count(r, STORE_PUT_UNCHANGED);
        goto out;
    } else {
        bundle_count(r, STORE_PUT_UPDATED);
    }
    /* the coop store updates visibility and status of a need it has; the rest is its record */
    struct store_need change = {.id = twin.id, .visibility = n.visibility, .status = n.status};
    rc = bundle_at_fault(r, store_need_put(r->st, &change, updated_at, &twin.id, r->err));
out:
    buf_free(&recs);
    buf_free(&kinds);
    buf_free(&providers);
    buf_free(&languages);
    return rc;
}
