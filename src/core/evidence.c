/*
 * evidence.c — files attached to progress reports (see followup.h). A file is accepted only
 * when its bytes are what its declared type says, recognised by their first bytes ("magic
 * numbers") and, for office files, by the entries of the zip they are: a PNG declared as a PDF
 * is refused, so nobody is served something other than what the page announced. The bytes are
 * stored once per SHA-256 (core_sha256_hex, libsodium) in the database: the same file cited by
 * ten reports takes its size once, and a backup is one file.
 */
#include "core/followup_internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "core/permissions.h"
#include "text/fold.h"

#define DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define ODT "application/vnd.oasis.opendocument.text"
#define ODS "application/vnd.oasis.opendocument.spreadsheet"

static const struct {
    const char *ext, *type, *what;
} types[] = {
    {"pdf", "application/pdf", "a PDF document"},
    {"png", "image/png", "a PNG image"},
    {"jpg", "image/jpeg", "a JPEG image"},
    {"jpeg", "image/jpeg", "a JPEG image"},
    {"gif", "image/gif", "a GIF image"},
    {"docx", DOCX, "a Word document (DOCX)"},
    {"xlsx", XLSX, "an Excel workbook (XLSX)"},
    {"odt", ODT, "an OpenDocument text (ODT)"},
    {"ods", ODS, "an OpenDocument spreadsheet (ODS)"},
    {"txt", "text/plain", "plain text"},
    {"csv", "text/csv", "CSV text"},
};

enum { NTYPES = sizeof types / sizeof types[0] };

const char *core_evidence_type_for_name(const char *file_name)
{
    const char *dot = file_name ? strrchr(file_name, '.') : NULL;
    for (size_t i = 0; dot && i < NTYPES; i++)
        if (!strcasecmp(dot + 1, types[i].ext))
            return types[i].type;
    return NULL;
}

static const char *type_what(const char *type)
{
    for (size_t i = 0; type && i < NTYPES; i++)
        if (!strcmp(type, types[i].type))
            return types[i].what;
    return NULL;
}

/* ---- what the bytes are ------------------------------------------------------------------ */

static unsigned le16(const unsigned char *p)
{
    return p[0] | (unsigned)p[1] << 8;
}

static unsigned long le32(const unsigned char *p)
{
    return p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

/* An OpenDocument file starts with its type, stored uncompressed as the entry "mimetype". */
static const char *odf_type(const unsigned char *b, size_t n)
{
    if (n < 30 || le16(b + 8) != 0)
        return NULL;
    size_t name_len = le16(b + 26), extra = le16(b + 28), size = le32(b + 18);
    size_t data = 30 + name_len + extra;
    if (name_len != 8 || memcmp(b + 30, "mimetype", 8) || data > n || size > n - data)
        return NULL;
    if (size == strlen(ODT) && !memcmp(b + data, ODT, size))
        return ODT;
    if (size == strlen(ODS) && !memcmp(b + data, ODS, size))
        return ODS;
    return NULL;
}

/* An Office Open XML file is a zip whose central directory lists [Content_Types].xml and the
 * part folder of its kind (word/, xl/). */
static const char *ooxml_type(const unsigned char *b, size_t n)
{
    size_t eocd = n >= 22 ? n - 22 : 0, stop = n > 22 + 65535 ? n - 22 - 65535 : 0;
    while (n >= 22 && memcmp(b + eocd, "PK\x05\x06", 4)) {
        if (eocd == stop)
            return NULL;
        eocd--;
    }
    if (n < 22)
        return NULL;
    size_t entries = le16(b + eocd + 10), at = le32(b + eocd + 16);
    int content_types = 0, word = 0, xl = 0;
    for (size_t i = 0; i < entries; i++) {
        if (at > n || n - at < 46 || memcmp(b + at, "PK\x01\x02", 4))
            return NULL;
        size_t name_len = le16(b + at + 28),
               skip = name_len + le16(b + at + 30) + le16(b + at + 32);
        if (n - at - 46 < name_len)
            return NULL;
        const char *name = (const char *)b + at + 46;
        content_types |= name_len == 19 && !memcmp(name, "[Content_Types].xml", 19);
        word |= name_len > 5 && !memcmp(name, "word/", 5);
        xl |= name_len > 3 && !memcmp(name, "xl/", 3);
        at += 46 + skip;
    }
    if (!content_types)
        return NULL;
    return word ? DOCX : xl ? XLSX : NULL;
}

/* The type the bytes are (one of types[]), "application/zip" for another zip, or NULL. */
static const char *sniff(const unsigned char *b, size_t n)
{
    if (n >= 5 && !memcmp(b, "%PDF-", 5))
        return "application/pdf";
    if (n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8))
        return "image/png";
    if (n >= 3 && !memcmp(b, "\xff\xd8\xff", 3))
        return "image/jpeg";
    if (n >= 6 && (!memcmp(b, "GIF87a", 6) || !memcmp(b, "GIF89a", 6)))
        return "image/gif";
    if (n >= 4 && !memcmp(b, "PK\x03\x04", 4)) {
        const char *office = odf_type(b, n);
        if (!office)
            office = ooxml_type(b, n);
        return office ? office : "application/zip";
    }
    if (!memchr(b, '\0', n) && !text_utf8_check((const char *)b, n, NULL))
        return "text/plain";
    return NULL;
}

/* ---- checks ------------------------------------------------------------------------------ */

static int name_checked(const char *name, struct err *err)
{
    size_t n = name ? strlen(name) : 0;
    if (!n)
        return err_set(err, ERR_INPUT, "file name: empty, expected the file's name");
    if (n > CORE_EVIDENCE_NAME_MAX)
        return err_set(err, ERR_INPUT, "file name: %zu bytes, expected at most %d", n,
                       CORE_EVIDENCE_NAME_MAX);
    if (strchr(name, '/') || strchr(name, '\\') || !strcmp(name, ".") || !strcmp(name, ".."))
        return err_set(err, ERR_INPUT,
                       "file name \"%.80s\": expected a name without directories (no / or \\)",
                       name);
    return fu_check_text("file name", name, 1, CORE_EVIDENCE_NAME_MAX, 0, err);
}

/* Lower-cases the declared type without its parameters ("Text/CSV; charset=utf-8"). */
static void type_clean(const char *declared, char *out, size_t size)
{
    size_t i = 0;
    while (declared && declared[i] && declared[i] != ';' && declared[i] != ' ' && i + 1 < size) {
        char c = declared[i];
        out[i++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    out[i] = '\0';
}

static int content_checked(const char *name, const char *declared, const void *bytes, size_t size,
                           char *type, size_t type_size, struct err *err)
{
    if (size > CORE_EVIDENCE_MAX_BYTES)
        return err_set(err, ERR_INPUT, "file \"%.80s\": %zu bytes, expected at most %d (20 MiB)",
                       name, size, CORE_EVIDENCE_MAX_BYTES);
    if (!size)
        return err_set(err, ERR_INPUT, "file \"%.80s\": empty", name);
    type_clean(declared ? declared : core_evidence_type_for_name(name), type, type_size);
    const char *want = type_what(type);
    if (!want)
        return err_set(err, ERR_INPUT,
                       "file \"%.80s\": type \"%.80s\" is not accepted, expected PDF, PNG, JPEG, "
                       "GIF, DOCX, XLSX, ODT, ODS, plain text or CSV",
                       name, *type ? type : "unknown");
    const char *is = sniff(bytes, size);
    if (is && (!strcmp(is, type) || (!strcmp(is, "text/plain") && !strcmp(type, "text/csv"))))
        return 0;
    const char *is_what = !is                              ? "not a type suivi recognises"
                          : !strcmp(is, "application/zip") ? "a zip archive"
                          : type_what(is)                  ? type_what(is)
                                                           : is;
    return err_set(err, ERR_INPUT, "file \"%.80s\": declared %s (%s) but its content is %s", name,
                   want, type, is_what);
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
    char type[80], sha[CORE_SHA256_HEX_SIZE], scratch[CORE_LOGIN_MAX + 8];
    int rc = attach_allowed(st, actor, progress_id, err), created = 0;
    if (rc || (rc = name_checked(file_name, err)) ||
        (rc = content_checked(file_name, content_type, bytes, size, type, sizeof type, err)) ||
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
