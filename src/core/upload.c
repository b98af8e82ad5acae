/*
 * upload.c — the check of an uploaded file (see upload.h), for evidence and the hub's files:
 * its name, its size, its type among those accepted, and its bytes recognised as that type
 * (magic numbers; OpenDocument by its stored "mimetype" entry, Office Open XML by the entries
 * of its zip's central directory). Moved here from evidence.c so that both uploaders apply the
 * same, stricter rule.
 */
#include "core/upload.h"

#include <string.h>
#include <strings.h>

#include "core/followup_internal.h"
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

const char *core_upload_type_for_name(const char *file_name)
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
    if (n > CORE_UPLOAD_NAME_MAX)
        return err_set(err, ERR_INPUT, "file name: %zu bytes, expected at most %d", n,
                       CORE_UPLOAD_NAME_MAX);
    if (strchr(name, '/') || strchr(name, '\\') || !strcmp(name, ".") || !strcmp(name, ".."))
        return err_set(err, ERR_INPUT,
                       "file name \"%.80s\": expected a name without directories (no / or \\)",
                       name);
    return fu_check_text("file name", name, 1, CORE_UPLOAD_NAME_MAX, 0, err);
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
    if (size > CORE_UPLOAD_MAX_BYTES)
        return err_set(err, ERR_INPUT, "file \"%.80s\": %zu bytes, expected at most %d (20 MiB)",
                       name, size, CORE_UPLOAD_MAX_BYTES);
    if (!size)
        return err_set(err, ERR_INPUT, "file \"%.80s\": empty", name);
    type_clean(declared && *declared ? declared : core_upload_type_for_name(name), type, type_size);
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

int core_upload_check(const char *file_name, const char *declared, const void *bytes, size_t size,
                      char *type, size_t type_size, struct err *err)
{
    int rc = name_checked(file_name, err);
    return rc ? rc : content_checked(file_name, declared, bytes, size, type, type_size, err);
}
