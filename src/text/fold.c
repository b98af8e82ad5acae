/*
 * fold.c — UTF-8 decoding and validation, character classes and folding (see fold.h).
 *
 * The only file of suivi that includes utf8proc.h. Decoding is our own (a dozen lines, and it
 * must reject exactly what fold.h promises); classes and normalisation come from utf8proc. Pure
 * ASCII input, the common case for English and for most French words, skips utf8proc entirely.
 */
#include "text/fold.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Code points a short word folds into without touching the heap. */
#define FOLD_STACK_CPS 256

static const char *const lang_codes[TEXT_LANG_COUNT] = {"en", "fr", "es"};

int text_lang_parse(const char *code, enum text_lang *out)
{
    if (!code || !code[0] || !code[1] || code[2])
        return ERR_INPUT;
    char lower[3] = {(char)(code[0] | 0x20), (char)(code[1] | 0x20), '\0'};
    for (int i = 0; i < TEXT_LANG_COUNT; i++) {
        if (strcmp(lower, lang_codes[i]) == 0) {
            *out = (enum text_lang)i;
            return 0;
        }
    }
    return ERR_INPUT;
}

const char *text_lang_code(enum text_lang lang)
{
    if ((unsigned)lang >= TEXT_LANG_COUNT)
        return "??";
    return lang_codes[lang];
}

static int is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

int text_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    *cp = 0xFFFD;
    if (n == 0)
        return ERR_INPUT;
    unsigned char b0 = p[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    size_t len;
    uint32_t value;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        value = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        value = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0; /* overlong */
        else if (b0 == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        value = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90; /* overlong */
        else if (b0 == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        return ERR_INPUT; /* continuation byte, C0/C1 overlong lead, F5..FF */
    }
    if (n < len || p[1] < lo || p[1] > hi)
        return ERR_INPUT;
    for (size_t i = 1; i < len; i++) {
        if (!is_continuation(p[i]))
            return ERR_INPUT;
        value = (value << 6) | (p[i] & 0x3F);
    }
    *cp = value;
    return (int)len;
}

int text_utf8_check(const char *s, size_t n, size_t *bad_offset)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int len = text_utf8_decode(s + i, n - i, &cp);
        if (len < 0) {
            if (bad_offset)
                *bad_offset = i;
            return ERR_INPUT;
        }
        i += (size_t)len;
    }
    return 0;
}

static int is_apostrophe(uint32_t cp)
{
    return cp == 0x27 || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0xFF07;
}

enum text_char_class text_char_class_of(uint32_t cp)
{
    if (cp > 0x10FFFF)
        return TEXT_CHAR_OTHER;
    if (is_apostrophe(cp))
        return TEXT_CHAR_APOSTROPHE;
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
            return TEXT_CHAR_WORD;
        if (cp == ' ' || cp < 0x20 || cp == 0x7F)
            return TEXT_CHAR_SPACE;
        return TEXT_CHAR_OTHER;
    }
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return TEXT_CHAR_WORD;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return TEXT_CHAR_SPACE;
    case UTF8PROC_CATEGORY_CF:
        return TEXT_CHAR_IGNORABLE;
    default:
        return TEXT_CHAR_OTHER;
    }
}

/* Typographic apostrophes become ASCII. Done after decomposition, which can produce them:
 * U+0149 'ŉ' decomposes to U+02BC U+006E. */
static utf8proc_int32_t apostrophe_to_ascii(utf8proc_int32_t cp)
{
    return (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) ? 0x27 : cp;
}

/* Latin letters without a canonical decomposition, and how they are spelled without accents. */
static const struct {
    utf8proc_int32_t letter; /* already case-folded */
    char spelled[3];
} unaccented_letters[] = {
    {0x0153, "oe"}, {0x00E6, "ae"}, {0x00F8, "o"}, {0x0142, "l"},
    {0x0111, "d"},  {0x0127, "h"},  {0x0131, "i"},
};

/* What a case-folded, decomposed code point becomes without accents: nothing for a nonspacing
 * mark, up to two code points in spelled[] otherwise. Returns how many. */
static int spell_without_accent(utf8proc_int32_t cp, utf8proc_int32_t spelled[2])
{
    if (cp < 0x80) {
        spelled[0] = cp;
        return 1;
    }
    for (size_t i = 0; i < sizeof unaccented_letters / sizeof unaccented_letters[0]; i++) {
        if (unaccented_letters[i].letter == cp) {
            const char *ascii = unaccented_letters[i].spelled;
            spelled[0] = (unsigned char)ascii[0];
            spelled[1] = (unsigned char)ascii[1];
            return ascii[1] ? 2 : 1;
        }
    }
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN)
        return 0;
    spelled[0] = cp;
    return 1;
}

static int fold_ascii(const char *s, size_t n, struct buf *out)
{
    int rc = buf_reserve(out, n);
    if (rc)
        return rc;
    char *dst = out->data + out->len;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        dst[i] = (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
    }
    out->len += n;
    out->data[out->len] = '\0';
    return 0;
}

static int is_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    }
    return 1;
}

static int map_utf8proc_error(utf8proc_ssize_t code)
{
    return code == UTF8PROC_ERROR_NOMEM || code == UTF8PROC_ERROR_OVERFLOW ? ERR_NOMEM : ERR_INPUT;
}

int text_fold(const char *s, size_t n, int flags, struct buf *out)
{
    if (out->oom)
        return ERR_NOMEM;
    if (is_ascii(s, n))
        return fold_ascii(s, n, out);
    if (text_utf8_check(s, n, NULL) != 0)
        return ERR_INPUT;
    /* A code point decomposes into at most 18 (U+FDFA); keep every size computation far from
     * overflow. */
    if (n > (size_t)0x7FFFFFFF / 32)
        return ERR_NOMEM;

    const utf8proc_option_t options =
        UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
    utf8proc_int32_t stack_cps[FOLD_STACK_CPS];
    utf8proc_int32_t *cps = stack_cps;
    utf8proc_int32_t *heap = NULL;
    utf8proc_int32_t stack_spelled[FOLD_STACK_CPS * 2];
    utf8proc_int32_t *spelled_heap = NULL;
    int rc = 0;

    utf8proc_ssize_t count = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                                                cps, FOLD_STACK_CPS, options);
    if (count > FOLD_STACK_CPS) {
        heap = malloc((size_t)count * sizeof *heap);
        if (!heap) {
            rc = ERR_NOMEM;
            goto out;
        }
        cps = heap;
        utf8proc_ssize_t again = utf8proc_decompose((const utf8proc_uint8_t *)s,
                                                    (utf8proc_ssize_t)n, cps, count, options);
        count = again == count ? again : UTF8PROC_ERROR_OVERFLOW;
    }
    if (count < 0) {
        rc = map_utf8proc_error(count);
        goto out;
    }

    for (utf8proc_ssize_t i = 0; i < count; i++)
        cps[i] = apostrophe_to_ascii(cps[i]);
    if (flags & TEXT_FOLD_ACCENTS) {
        /* Expansions (œ→oe) need a second array; the worst case doubles the length. */
        utf8proc_int32_t *spelled_cps = stack_spelled;
        if (count > FOLD_STACK_CPS) {
            spelled_heap = malloc((size_t)count * 2 * sizeof *spelled_heap);
            if (!spelled_heap) {
                rc = ERR_NOMEM;
                goto out;
            }
            spelled_cps = spelled_heap;
        }
        utf8proc_ssize_t kept = 0;
        for (utf8proc_ssize_t i = 0; i < count; i++) {
            utf8proc_int32_t spelled[2];
            int k = spell_without_accent(cps[i], spelled);
            for (int j = 0; j < k; j++)
                spelled_cps[kept++] = spelled[j];
        }
        cps = spelled_cps;
        count = kept;
    }

    /* Recomposes (NFKC) and writes UTF-8 over the code point array, which is large enough. */
    utf8proc_ssize_t bytes = utf8proc_reencode(cps, count, options);
    if (bytes < 0) {
        rc = map_utf8proc_error(bytes);
        goto out;
    }
    rc = buf_append(out, cps, (size_t)bytes);
out:
    free(heap);
    free(spelled_heap);
    return rc;
}
