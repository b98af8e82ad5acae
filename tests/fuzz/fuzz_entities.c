/*
 * fuzz_entities.c — libFuzzer target for the HTML-entity decoder the importers run over every
 * text (import_decode_entities, src/import/entities.c) and the UPR cycle of a session. The
 * input, up to its first NUL, is the text. Besides crashes and sanitizer reports it aborts when
 * the output is longer than the input (every entity is longer than what it decodes to), is not
 * valid UTF-8 when the input was, differs from an input without '&', or when a cycle does not
 * grow with the session. Seeds: tests/fuzz/corpus/fuzz_entities/.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Strict UTF-8 of n bytes (no overlongs, surrogates or code points past U+10FFFF). */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    fuzz_check(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    size_t len = strlen(text);
    struct buf out = BUF_INIT;
    fuzz_check(import_decode_entities(text, &out) == 0);
    fuzz_check(out.len <= len);
    if (utf8_ok((const unsigned char *)text, len))
        fuzz_check(utf8_ok((const unsigned char *)buf_str(&out), out.len));
    if (!strchr(text, '&'))
        fuzz_check(out.len == len && memcmp(buf_str(&out), text, len) == 0);
    buf_free(&out);
    free(text);

    int session = 0;
    memcpy(&session, data, size < sizeof session ? size : sizeof session);
    int cycle = import_upr_cycle(session);
    fuzz_check(cycle >= 0 && (session <= 0 || cycle >= 1));
    fuzz_check(session == INT32_MAX || import_upr_cycle(session + 1) >= cycle);
    return 0;
}
