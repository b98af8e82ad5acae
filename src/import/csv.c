/*
 * csv.c — the CSV reader (see csv.h).
 *
 * Open reads the whole file, converts it to UTF-8 (encoding.c) and keeps that text; reading cuts
 * rows out of it in one pass. A field is unescaped where it lies: its bytes move left over the
 * quotes they lose and a NUL replaces the separator or line end after it, so a field never
 * outgrows its raw span and no row allocates. Only the array of field pointers grows, and only
 * when a row has more fields than any before it.
 */
#include "import/csv.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "import/encoding.h"
#include "util/buf.h"

#define END_OF_TEXT (-1) /* what ended a field, besides a byte */

struct csv_reader {
    char *name;
    enum enc enc;
    struct buf text;     /* the file as UTF-8; fields are unescaped into it */
    size_t pos;          /* next byte of text to read */
    size_t line;         /* line of text[pos] */
    const char **fields; /* the current row */
    size_t fields_cap;
    size_t expect; /* required fields per row; 0 = any */
    char separator;
    unsigned char stop_plain[256]; /* bytes that end a run of an unquoted field */
    struct err failure;            /* the first error; every later read repeats it */
};

/* Bytes that end a run of a quoted field; the separator is plain text there. */
static const unsigned char stop_quoted[256] = {['"'] = 1, ['\r'] = 1, ['\n'] = 1, [0] = 1};

#define BYTES(c) (UINT64_C(0x0101010101010101) * (c))

/* Nonzero if a byte of word is zero (exact up to the first zero byte: all that matters here). */
static inline uint64_t has_zero_byte(uint64_t word)
{
    return (word - BYTES(1)) & ~word & BYTES(0x80);
}

/* The first p' >= p where t[p'] is in stop, a set holding '"', CR, LF, NUL and, when extra is
 * not NUL, extra. Fields are scanned eight bytes at a time, the table finishing the word where
 * one of them is; t[len] is the NUL that stops the last run. */
static size_t scan_run(const char *t, size_t p, size_t len, const unsigned char *stop,
                       unsigned char extra)
{
    const uint64_t extra_bytes = BYTES(extra);
    while (len - p >= 8) {
        uint64_t word;
        memcpy(&word, t + p, sizeof word);
        if (has_zero_byte(word ^ BYTES('"')) | has_zero_byte(word ^ BYTES('\r')) |
            has_zero_byte(word ^ BYTES('\n')) | has_zero_byte(word) |
            has_zero_byte(word ^ extra_bytes))
            break;
        p += 8;
    }
    while (!stop[(unsigned char)t[p]])
        p++;
    return p;
}

static void set_separator(struct csv_reader *r, char separator)
{
    memset(r->stop_plain, 0, sizeof r->stop_plain);
    r->stop_plain['"'] = r->stop_plain['\r'] = r->stop_plain['\n'] = r->stop_plain[0] = 1;
    r->stop_plain[(unsigned char)separator] = 1;
    r->separator = separator;
}

static int open_text(const char *name, const unsigned char *bytes, size_t n,
                     const char *encoding_or_NULL, struct csv_reader **out, struct err *err)
{
    enum enc enc;
    if (!name)
        name = "(memory)";
    if (encoding_or_NULL) {
        if (enc_parse(encoding_or_NULL, &enc))
            return err_set(err, ERR_USAGE, "%s: unknown encoding \"%s\"; known: %s", name,
                           encoding_or_NULL, ENC_ACCEPTED_NAMES);
    } else {
        enc = enc_detect(bytes, n);
    }
    struct csv_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->name = strdup(name))) {
        free(r);
        return err_set(err, ERR_NOMEM, "%s: out of memory opening the file", name);
    }
    r->enc = enc;
    r->line = 1;
    set_separator(r, ',');
    int rc = enc_to_utf8_named(name, bytes, n, enc, &r->text, err);
    if (rc == 0 && buf_append(&r->text, "", 0)) /* text.data is a C string, even when empty */
        rc = err_set(err, ERR_NOMEM, "%s: out of memory opening the file", name);
    if (rc) {
        csv_close(r);
        return rc;
    }
    *out = r;
    return 0;
}

static int too_big(const char *name, size_t n, struct err *err)
{
    return err_set(err, ERR_INPUT,
                   "%s: the file is %zu bytes; suivi reads CSV files of at most %zu MiB "
                   "(is it the right file?)",
                   name, n, CSV_MAX_BYTES / (1024 * 1024));
}

int csv_open_mem(const char *name, const char *bytes, size_t n, const char *encoding_or_NULL,
                 struct csv_reader **out, struct err *err)
{
    *out = NULL;
    if (n > CSV_MAX_BYTES)
        return too_big(name, n, err);
    return open_text(name, (const unsigned char *)bytes, n, encoding_or_NULL, out, err);
}

/* Appends the whole of f to raw, refusing more than CSV_MAX_BYTES. */
static int read_all(const char *path, FILE *f, struct buf *raw, struct err *err)
{
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
        if ((unsigned long long)st.st_size > CSV_MAX_BYTES)
            return too_big(path, (size_t)st.st_size, err);
        if (buf_reserve(raw, (size_t)st.st_size))
            return err_set(err, ERR_NOMEM, "%s: out of memory reading the file", path);
    }
    for (;;) {
        if (buf_reserve(raw, 65536))
            return err_set(err, ERR_NOMEM, "%s: out of memory reading the file", path);
        size_t got = fread(raw->data + raw->len, 1, raw->cap - raw->len - 1, f);
        raw->len += got;
        if (raw->len > CSV_MAX_BYTES)
            return too_big(path, raw->len, err);
        if (got == 0)
            break;
    }
    if (ferror(f))
        return err_set(err, ERR_IO, "%s: cannot read: %s", path, strerror(errno));
    return 0;
}

int csv_open_file(const char *path, const char *encoding_or_NULL, struct csv_reader **out,
                  struct err *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    struct buf raw = BUF_INIT;
    int rc = read_all(path, f, &raw, err);
    fclose(f);
    if (rc == 0)
        rc = open_text(path, (const unsigned char *)buf_str(&raw), raw.len, encoding_or_NULL, out,
                       err);
    buf_free(&raw);
    return rc;
}

/* Records the first error, so that later reads repeat it. */
static int fail(struct csv_reader *r, struct err *err, int code, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int fail(struct csv_reader *r, struct err *err, int code, size_t line, const char *fmt, ...)
{
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    err_set(&r->failure, code, "%s:%zu: %s", r->name, line, what);
    if (err)
        *err = r->failure;
    return code;
}

static const char *separator_name(char separator)
{
    switch (separator) {
    case ',':
        return "','";
    case ';':
        return "';'";
    case '\t':
        return "a tab";
    default:
        return "the separator";
    }
}

/* Cuts the unquoted field at r->pos; *end is the byte that ended it (or END_OF_TEXT). */
static int read_plain(struct csv_reader *r, size_t field, int *end, struct err *err)
{
    char *t = r->text.data;
    size_t p = scan_run(t, r->pos, r->text.len, r->stop_plain, (unsigned char)r->separator);
    if (t[p] == '"')
        return fail(r, err, ERR_INPUT, r->line,
                    "bare \" in unquoted field %zu (a field holding a quote must be quoted whole, "
                    "with the quote doubled: \"\")",
                    field);
    if (p < r->text.len && t[p] == '\0')
        return fail(r, err, ERR_INPUT, r->line,
                    "NUL character in field %zu (a binary file, or the wrong encoding?)", field);
    *end = t[p] ? (unsigned char)t[p] : END_OF_TEXT;
    t[p] = '\0';
    r->pos = p;
    return 0;
}

/* The error for text after the closing quote of a field; t[p] is its first byte. */
static int fail_after_quote(struct csv_reader *r, size_t p, size_t field, struct err *err)
{
    const unsigned char c = (unsigned char)r->text.data[p];
    int len = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; /* the text is valid UTF-8 */
    if (c < 0x20)
        return fail(r, err, ERR_INPUT, r->line,
                    "control character 0x%02X after the closing quote of field %zu: expected %s "
                    "or the end of the line",
                    c, field, separator_name(r->separator));
    return fail(r, err, ERR_INPUT, r->line,
                "text after the closing quote of field %zu: expected %s or the end of the line, "
                "found '%.*s' (a quote inside a quoted field must be doubled: \"\")",
                field, separator_name(r->separator), len, r->text.data + p);
}

/* Cuts the quoted field whose opening quote is at r->pos, unescaping it in place. */
static int read_quoted(struct csv_reader *r, size_t field, int *end, struct err *err)
{
    char *t = r->text.data;
    const size_t opened = r->line;
    size_t w = r->pos, p = r->pos + 1;
    for (;;) {
        size_t run = p;
        p = scan_run(t, p, r->text.len, stop_quoted, 0);
        if (w != run)
            memmove(t + w, t + run, p - run);
        w += p - run;
        const char c = t[p];
        if (c == '"' && t[p + 1] == '"') {
            t[w++] = '"';
            p += 2;
        } else if (c == '"') {
            p++;
            const char after = t[p];
            if (after == '\0' && p < r->text.len)
                return fail(r, err, ERR_INPUT, r->line,
                            "NUL character after field %zu (a binary file, or the wrong "
                            "encoding?)",
                            field);
            if (after != '\0' && after != r->separator && after != '\r' && after != '\n')
                return fail_after_quote(r, p, field, err);
            *end = after ? (unsigned char)after : END_OF_TEXT;
            t[w] = '\0';
            r->pos = p;
            return 0;
        } else if (c == '\r' || c == '\n') {
            r->line++;
            t[w++] = '\n';
            p += (c == '\r' && t[p + 1] == '\n') ? 2 : 1;
        } else if (p < r->text.len) {
            return fail(r, err, ERR_INPUT, r->line,
                        "NUL character in field %zu (a binary file, or the wrong encoding?)",
                        field);
        } else {
            return fail(r, err, ERR_INPUT, opened,
                        "unterminated quoted field starting at line %zu: the file ends inside "
                        "it (is the file truncated, or a closing quote missing?)",
                        opened);
        }
    }
}

static int grow_fields(struct csv_reader *r, struct err *err)
{
    size_t cap = r->fields_cap ? r->fields_cap * 2 : 16;
    const char **fields = realloc(r->fields, cap * sizeof *fields);
    if (!fields)
        return fail(r, err, ERR_NOMEM, r->line, "out of memory for a row of %zu fields",
                    r->fields_cap);
    r->fields = fields;
    r->fields_cap = cap;
    return 0;
}

/* Moves r->pos past blank lines, counting them. */
static void skip_blank_lines(struct csv_reader *r)
{
    const char *t = r->text.data;
    while (r->pos < r->text.len && (t[r->pos] == '\n' || t[r->pos] == '\r')) {
        r->pos += (t[r->pos] == '\r' && t[r->pos + 1] == '\n') ? 2 : 1;
        r->line++;
    }
}

int csv_read_row(struct csv_reader *r, struct csv_row *row, struct err *err)
{
    if (r->failure.code) {
        if (err)
            *err = r->failure;
        return r->failure.code;
    }
    skip_blank_lines(r);
    if (r->pos >= r->text.len)
        return 0;
    const size_t row_line = r->line;
    size_t n = 0;
    int end = END_OF_TEXT;
    do {
        if (n == r->fields_cap && grow_fields(r, err))
            return r->failure.code;
        const size_t start = r->pos;
        int rc = r->text.data[start] == '"' ? read_quoted(r, n + 1, &end, err)
                                            : read_plain(r, n + 1, &end, err);
        if (rc)
            return rc;
        r->fields[n++] = r->text.data + start;
        r->pos++; /* past the separator or line end (or onto the terminator at the end) */
    } while (end == (unsigned char)r->separator);
    if (end == '\r' && r->text.data[r->pos] == '\n')
        r->pos++;
    if (end != END_OF_TEXT)
        r->line++;
    else
        r->pos = r->text.len;
    if (r->expect && n != r->expect) /* the row is consumed; reading can go on */
        return err_set(err, ERR_INPUT, "%s:%zu: expected %zu fields (as in the header), found %zu",
                       r->name, row_line, r->expect, n);
    row->nfields = n;
    row->fields = r->fields;
    row->line = row_line;
    return 1;
}

void csv_expect_fields(struct csv_reader *reader, size_t nfields)
{
    reader->expect = nfields;
}

int csv_set_separator(struct csv_reader *reader, char separator)
{
    /* an ASCII byte, so that splitting at it never cuts a UTF-8 character in two */
    const unsigned char c = (unsigned char)separator;
    if (c == 0 || c >= 0x80 || c == '"' || c == '\r' || c == '\n')
        return ERR_USAGE;
    set_separator(reader, separator);
    return 0;
}

/* s without leading and trailing spaces and tabs: start and length. */
static const char *trim(const char *s, size_t *len)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s;
}

int csv_header_index(const struct csv_row *header, const char *name)
{
    if (!header || !name)
        return -1;
    size_t want_len;
    const char *want = trim(name, &want_len);
    for (size_t i = 0; i < header->nfields && i <= (size_t)INT_MAX; i++) {
        size_t len;
        const char *field = trim(header->fields[i], &len);
        if (len == want_len && strncasecmp(field, want, len) == 0)
            return (int)i;
    }
    return -1;
}

const char *csv_encoding(const struct csv_reader *reader)
{
    return enc_name(reader->enc);
}

const char *csv_name(const struct csv_reader *reader)
{
    return reader->name;
}

void csv_close(struct csv_reader *reader)
{
    if (!reader)
        return;
    free(reader->name);
    buf_free(&reader->text);
    free(reader->fields);
    free(reader);
}
