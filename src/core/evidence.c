/*
 * evidence.c — files attached to progress reports (see followup.h). What a file may be (name,
 * size, type, bytes that are what the type says) is core/upload.c's one check, shared with the
 * knowledge hub's files. The bytes are stored once per SHA-256 (core_sha256_hex, libsodium) in
 * the database: the same file cited by ten reports takes its size once, and a backup is one
 * file.
 */
#include "core/followup_internal.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/permissions.h"
#include "core/upload.h"

_Static_assert((long)CORE_EVIDENCE_MAX_BYTES == (long)CORE_UPLOAD_MAX_BYTES,
               "evidence: the upload limit");
_Static_assert((long)CORE_EVIDENCE_NAME_MAX == (long)CORE_UPLOAD_NAME_MAX,
               "evidence: the upload name limit");

const char *core_evidence_type_for_name(const char *file_name)
{
    return core_upload_type_for_name(file_name);
}

/* ---- attaching and reading --------------------------------------------------------------- */

static int copy_progress(void *ctx, const struct store_progress *p)
{
    struct store_progress *out = ctx;
    *out = *p;
    out->workflow = !strcmp(p->workflow, "draft")       ? "draft"
                    : !strcmp(p->workflow, "returned")  ? "returned"
                    : !strcmp(p->workflow, "validated") ? "validated"
                                                        : "submitted";
    out->rec_id = out->status = out->narrative = out->review_comment = NULL;
    out->author_login = out->submitter_login = out->reviewer_login = NULL;
    return 0;
}

/* Where evidence may be attached: a draft or returned report the actor may edit. */
static int attach_allowed(struct store *st, const struct core_actor *actor, long progress_id,
                          struct err *err)
{
    struct store_progress p = {0};
    int rc = store_progress_get(st, progress_id, copy_progress, &p, err);
    if (rc)
        return rc;
    if (!core_may(actor, CORE_EDIT_PROGRESS, p.institution_id))
        return fu_denied_institution(actor, "attaching evidence", p.institution_id, err);
    if (strcmp(p.workflow, "draft") && strcmp(p.workflow, "returned"))
        return err_set(err, ERR_INPUT,
                       "progress report %ld is %s: evidence is attached to drafts and returned "
                       "reports",
                       progress_id, p.workflow);
    return 0;
}

int core_evidence_add(struct store *st, const struct core_actor *actor, long progress_id,
                      const char *file_name, const char *content_type, const void *bytes,
                      size_t size, long *id, struct err *err)
{
    char type[CORE_UPLOAD_TYPE_SIZE], sha[CORE_SHA256_HEX_SIZE], scratch[CORE_LOGIN_MAX + 8];
    int rc = attach_allowed(st, actor, progress_id, err), created = 0;
    if (rc ||
        (rc = core_upload_check(file_name, content_type, bytes, size, type, sizeof type, err)) ||
        (rc = core_sha256_hex(bytes, size, sha, err)) || (rc = store_begin(st, err)))
        return rc;
    struct store_evidence e = {.progress_id = progress_id,
                               .file_name = file_name,
                               .content_type = type,
                               .size = size,
                               .sha256 = sha,
                               .uploaded_by = fu_login(actor, scratch, sizeof scratch),
                               .uploaded_at = core_now()};
    rc = store_blob_put(st, sha, bytes, size, &created, err);
    if (!rc)
        rc = store_evidence_put(st, &e, id, err);
    struct buf after = BUF_INIT;
    struct jsonw w;
    jsonw_init(&w, &after);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", rc ? 0 : *id);
    jsonw_kv_int(&w, "progress_id", progress_id);
    jsonw_kv_string(&w, "file_name", file_name);
    jsonw_kv_string(&w, "content_type", type);
    jsonw_kv_int(&w, "size", (long)size);
    jsonw_kv_string(&w, "sha256", sha);
    jsonw_key(&w, "stored_new");
    jsonw_bool(&w, created);
    jsonw_end(&w);
    rc = fu_audit_commit(st, actor, rc, "create", "evidence", rc ? 0 : *id, NULL, &after, err);
    buf_free(&after);
    return rc;
}

static void evidence_copy(struct core_evidence *out, const struct store_evidence *e)
{
    *out = (struct core_evidence){
        .id = e->id, .progress_id = e->progress_id, .size = e->size, .uploaded_at = e->uploaded_at};
    snprintf(out->file_name, sizeof out->file_name, "%s", e->file_name);
    snprintf(out->content_type, sizeof out->content_type, "%s", e->content_type);
    snprintf(out->sha256, sizeof out->sha256, "%s", e->sha256);
    snprintf(out->uploaded_by, sizeof out->uploaded_by, "%s", e->uploaded_by);
}

struct evidence_call {
    core_evidence_cb cb;
    void *ctx;
};

static int each_evidence(void *ctx, const struct store_evidence *e)
{
    struct evidence_call *call = ctx;
    struct core_evidence out;
    evidence_copy(&out, e);
    return call->cb(call->ctx, &out);
}

int core_evidence_of(struct store *st, long progress_id, core_evidence_cb cb, void *ctx,
                     struct err *err)
{
    struct evidence_call call = {cb, ctx};
    return store_evidence_each(st, progress_id, each_evidence, &call, err);
}

static int copy_evidence(void *ctx, const struct store_evidence *e)
{
    evidence_copy(ctx, e);
    return 0;
}

int core_evidence_get(struct store *st, const struct core_actor *actor, long id,
                      struct core_evidence *meta, struct buf *bytes, struct err *err)
{
    struct store_progress p = {0};
    memset(meta, 0, sizeof *meta);
    int rc = store_evidence_get(st, id, copy_evidence, meta, err);
    if (rc || (rc = store_progress_get(st, meta->progress_id, copy_progress, &p, err)))
        return rc;
    /* Unpublished evidence is as secret as its report: not found, rather than "denied". */
    if (strcmp(p.workflow, "validated") && !core_may(actor, CORE_READ_ALL, p.institution_id))
        return err_set(err, ERR_NOTFOUND, "no evidence with id %ld", id);
    return store_blob_get(st, meta->sha256, bytes, err);
}
