/*
 * hub_files.c — files attached to the knowledge hub's good practices (see hub.h), checked by
 * the same rule as follow-up evidence (core/upload.h): a plain name, at most 20 MiB, one of the
 * accepted types by the name's extension, and bytes that are what that type says (office files
 * by their zip entries). The bytes are blobs stored once per SHA-256, shared with evidence. A
 * file is as visible as its entry: "not found" for whoever may not read the entry.
 */
#include "core/hub_internal.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/followup_internal.h"
#include "core/password.h"
#include "core/permissions.h"
#include "core/upload.h"
#include "util/jsonw.h"

int core_hub_file_add(struct store *st, const struct core_actor *actor, long practice_id,
                      const char *file_name, const char *content_type, const void *bytes,
                      size_t size, long *id, struct err *err)
{
    (void)content_type; /* the type comes from the name and is checked against the bytes */
    char type[CORE_UPLOAD_TYPE_SIZE], sha[CORE_SHA256_HEX_SIZE], scratch[CORE_LOGIN_MAX + 8],
        author[CORE_LOGIN_MAX + 8];
    int published = 0, created = 0;
    int rc = hub_entry_get(st, practice_id, &published, author, sizeof author, err);
    if (rc)
        return rc;
    struct store_hub_practice old = {.published = published, .author = author};
    if (!hub_may_read(actor, &old)) /* as secret as the entry */
        return err_set(err, ERR_NOTFOUND, "no good practice with id %ld", practice_id);
    if (!core_hub_may_edit(actor, &old))
        return fu_denied(actor, "attaching a file to a good practice",
                         "a coordinator, an administrator or its author while unpublished", err);
    if ((rc = core_upload_check(file_name, NULL, bytes, size, type, sizeof type, err)) ||
        (rc = core_sha256_hex(bytes, size, sha, err)) || (rc = store_begin(st, err)))
        return rc;
    struct store_hub_file f = {.practice_id = practice_id,
                               .file_name = file_name,
                               .content_type = type,
                               .size = size,
                               .sha256 = sha,
                               .uploaded_by = fu_login(actor, scratch, sizeof scratch),
                               .uploaded_at = core_now()};
    rc = store_blob_put(st, sha, bytes, size, &created, err);
    rc = rc ? rc : store_hub_file_put(st, &f, id, err);
    if (!rc) {
        struct buf after = BUF_INIT;
        struct jsonw w;
        char ref[24];
        snprintf(ref, sizeof ref, "%ld", *id);
        jsonw_init(&w, &after);
        jsonw_object(&w);
        jsonw_kv_int(&w, "id", *id);
        jsonw_kv_int(&w, "practice_id", practice_id);
        jsonw_kv_string(&w, "file_name", file_name);
        jsonw_kv_string(&w, "content_type", type);
        jsonw_kv_int(&w, "size", (long)size);
        jsonw_kv_string(&w, "sha256", sha);
        jsonw_end(&w);
        rc = hub_audit(st, actor, "create", "hub_file", ref, &after, err);
        buf_free(&after);
    }
    return hub_commit(st, rc, err);
}

int core_hub_files_of(struct store *st, long practice_id, store_hub_file_cb cb, void *ctx,
                      struct err *err)
{
    return store_hub_file_each(st, practice_id, cb, ctx, err);
}

static int copy_file(void *ctx, const struct store_hub_file *f)
{
    struct core_hub_file *m = ctx;
    m->id = f->id;
    m->practice_id = f->practice_id;
    m->size = f->size;
    snprintf(m->file_name, sizeof m->file_name, "%s", f->file_name);
    snprintf(m->content_type, sizeof m->content_type, "%s", f->content_type);
    return 0;
}

struct sha_of {
    struct core_hub_file *meta;
    char sha[CORE_SHA256_HEX_SIZE];
};

static int copy_file_sha(void *ctx, const struct store_hub_file *f)
{
    struct sha_of *s = ctx;
    snprintf(s->sha, sizeof s->sha, "%s", f->sha256 ? f->sha256 : "");
    return copy_file(s->meta, f);
}

static int ignore_practice(void *ctx, const struct store_hub_practice *p)
{
    (void)ctx;
    (void)p;
    return 0;
}

int core_hub_file_get(struct store *st, const struct core_actor *actor, long id,
                      struct core_hub_file *meta, struct buf *bytes, struct err *err)
{
    memset(meta, 0, sizeof *meta);
    struct sha_of s = {meta, ""};
    int rc = store_hub_file_get(st, id, copy_file_sha, &s, err);
    if (!rc && (rc = core_hub_practice_get(st, actor, meta->practice_id, ignore_practice, NULL,
                                           err)) == ERR_NOTFOUND)
        rc = err_set(err, ERR_NOTFOUND, "no hub file with id %ld", id);
    return rc ? rc : store_blob_get(st, s.sha, bytes, err);
}
