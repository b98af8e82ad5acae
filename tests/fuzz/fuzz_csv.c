/*
 * fuzz_csv.c — libFuzzer target for the CSV reader and encoding layer (src/import/csv.c,
 * src/import/encoding.c). It opens the input from memory with detection and reads every row,
 * then converts it with each encoding. Besides crashes and sanitizer reports it aborts when a
 * promise of csv.h or encoding.h is broken: a field that is not valid UTF-8, a row of no fields
 * or starting before the previous one, an error without "fuzz.csv:LINE: ", a syntax error that
 * is not repeated, or rows that do not survive being written back as CSV and read again.
 * Seeds and past crashes live in tests/fuzz/corpus/fuzz_csv/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/csv.h"
#include "import/encoding.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

/* Strict UTF-8 of n bytes: no overlongs, surrogates or code points past U+10FFFF. */
static int utf8_ok(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        size_t len = c < 0x80                 ? 1
                     : c >= 0xC2 && c <= 0xDF ? 2
                     : c >= 0xE0 && c <= 0xEF ? 3
                     : c >= 0xF0 && c <= 0xF4 ? 4
                                              : 0;
        if (!len || len > n - i)
            return 0;
        unsigned long cp = len == 1 ? c : c & (0x7Fu >> len);
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (p[i + k] & 0x3Fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* "fuzz.csv:" then a line number then ": ". */
static int located(const char *msg)
{
    const char *prefix = "fuzz.csv:";
    if (strncmp(msg, prefix, strlen(prefix)) != 0)
        return 0;
    const char *p = msg + strlen(prefix);
    if (*p < '1' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    return p[0] == ':' && p[1] == ' ';
}

/* Writes a row back as CSV, every field quoted. */
static void put_row(struct buf *out, const struct csv_row *row)
{
    for (size_t i = 0; i < row->nfields; i++) {
        check(buf_puts(out, i ? ",\"" : "\"") == 0);
        for (const char *p = row->fields[i]; *p; p++)
            check(buf_append(out, p, *p == '"' ? 1 : 0) == 0 && buf_putc(out, *p) == 0);
        check(buf_putc(out, '"') == 0);
    }
    check(buf_putc(out, '\n') == 0);
}

/* Reads every row of reader, checking the promises; appends the rows as CSV to out. Returns the
 * last status of csv_read_row. */
static int read_all(struct csv_reader *reader, struct buf *out, int expect_header_width)
{
    struct csv_row row;
    struct err err = {0};
    size_t last_line = 0, nrows = 0;
    int rc;
    while ((rc = csv_read_row(reader, &row, &err)) != 0) {
        if (rc < 0) {
            check(rc == ERR_INPUT || rc == ERR_NOMEM);
            check(located(err.msg));
            if (strstr(err.msg, "fields (as in the header)"))
                continue; /* the row is skipped, reading goes on */
            struct err again = {0};
            check(csv_read_row(reader, &row, &again) == rc);
            check(strcmp(again.msg, err.msg) == 0);
            return rc;
        }
        check(rc == 1 && row.nfields >= 1 && row.fields);
        check(row.line > last_line);
        last_line = row.line;
        for (size_t i = 0; i < row.nfields; i++)
            check(utf8_ok((const unsigned char *)row.fields[i], strlen(row.fields[i])));
        if (nrows++ == 0 && expect_header_width) {
            check(csv_header_index(&row, row.fields[0]) == 0);
            csv_expect_fields(reader, row.nfields);
        }
        put_row(out, &row);
    }
    return 0;
}

static void check_conversions(const uint8_t *data, size_t size)
{
    for (int e = ENC_UTF8; e <= ENC_LATIN1; e++) {
        struct buf out = BUF_INIT;
        struct err err = {0};
        int rc = enc_to_utf8(data, size, (enum enc)e, &out, &err);
        if (rc == 0)
            check(utf8_ok((const unsigned char *)buf_str(&out), out.len));
        else
            check(rc == ERR_INPUT && strncmp(err.msg, "line ", 5) == 0);
        buf_free(&out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum enc detected = enc_detect(data, size);
    check(detected >= ENC_UTF8 && detected <= ENC_LATIN1);
    check_conversions(data, size);

    struct csv_reader *reader = NULL;
    struct err err = {0};
    int rc = csv_open_mem("fuzz.csv", (const char *)data, size, NULL, &reader, &err);
    if (rc) {
        check(reader == NULL && rc == ERR_INPUT && strncmp(err.msg, "fuzz.csv:", 9) == 0);
        return 0;
    }
    check(strcmp(csv_encoding(reader), enc_name(detected)) == 0);
    struct buf first = BUF_INIT, second = BUF_INIT;
    rc = read_all(reader, &first, size > 0 && data[0] % 2);
    csv_close(reader);

    /* Rows that read cleanly must read back the same once written as CSV. */
    if (rc == 0) {
        check(csv_open_mem("again.csv", buf_str(&first), first.len, "utf-8", &reader, &err) == 0);
        check(read_all(reader, &second, 0) == 0);
        check(first.len == second.len && memcmp(buf_str(&first), buf_str(&second), first.len) == 0);
        csv_close(reader);
    }
    buf_free(&first);
    buf_free(&second);
    return 0;
}
