/*
 * fuzz_thematic_list.c — libFuzzer target for the OHCHR thematic-list parser
 * (src/import/thematic_list.c). Besides crashes and sanitizer reports, it aborts when a
 * callback sees a broken promise of thematic_list.h: a NULL where a string is due, a string
 * that is not valid UTF-8, a list holding the same value twice, or an error without a
 * "NAME:LINE: " message. Seeds and past crashes live in tests/fuzz/corpus/fuzz_thematic_list/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/thematic_list.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

/* Strict UTF-8 (no overlongs, surrogates or NULs inside), as the parser promises. */
static int utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int len = *p < 0x80                  ? 1
                  : *p >= 0xC2 && *p <= 0xDF ? 2
                  : *p >= 0xE0 && *p <= 0xEF ? 3
                  : *p >= 0xF0 && *p <= 0xF4 ? 4
                                             : 0;
        if (!len)
            return 0;
        unsigned cp = len == 1 ? *p : *p & (0x7F >> len);
        for (int i = 1; i < len; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (p[i] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        p += len;
    }
    return 1;
}

static void check_str(const char *s)
{
    check(s != NULL);
    check(utf8_ok(s));
}

static void check_set(const char **v, size_t n)
{
    check(n == 0 || v != NULL);
    for (size_t i = 0; i < n; i++) {
        check_str(v[i]);
        check(v[i][0] != '\0');
        for (size_t k = 0; k < i; k++)
            check(strcmp(v[i], v[k]) != 0);
    }
}

static int on_entry(void *ctx, const struct tl_header *h, const struct tl_entry *e)
{
    (void)ctx;
    check(h != NULL && e != NULL && e->line > 0);
    if (h->country)
        check_str(h->country);
    if (h->date)
        check_str(h->date);
    check(h->session >= 0 && h->declared_total >= -1);
    check_str(e->paragraph);
    check_str(e->text);
    check_str(e->source_of_position);
    check_str(e->document);
    check_str(e->position);
    if (e->cluster_theme)
        check_str(e->cluster_theme);
    if (e->cluster_code)
        check(e->cluster_theme && e->cluster_code[0] != '\0');
    check_set(e->states, e->nstates);
    check_set(e->affected, e->naffected);
    check_set(e->sdgs, e->nsdgs);
    for (size_t i = 0; i < e->nsdgs; i++)
        check(atoi(e->sdgs[i]) >= 1 && atoi(e->sdgs[i]) <= 17);
    for (size_t i = 0; i < e->nthemes; i++) {
        check_str(e->themes[i]);
        if (e->theme_codes[i])
            check_str(e->theme_codes[i]);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct err err = {0};
    struct tl_summary summary;
    int rc = tl_parse("fuzz", (const char *)data, size, on_entry, NULL, &summary, &err);
    check(rc == 0 || rc == ERR_INPUT || rc == ERR_NOMEM);
    check(rc != 0 || summary.entries > 0);
    if (rc)
        check(err.code == rc && strncmp(err.msg, "fuzz:", 5) == 0);
    return 0;
}
