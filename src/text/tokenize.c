/*
 * tokenize.c — words out of text, stems and surface forms out of words (see tokenize.h).
 *
 * One pass over the input finds word runs and whether an apostrophe joins them to a neighbour;
 * emit_word then folds, applies the elision rule and stems. Scratch buffers live in the
 * tokenizer so that tokenizing a document allocates nothing once they have grown.
 */
#include "text/tokenize.h"

#include <stdlib.h>
#include <string.h>

#include "text/stem.h"
#include "text/word_cache.h"
#include "util/buf.h"

/* Raw runs longer than this cannot fold into TEXT_TOKEN_MAX bytes except in contrived input;
 * they are skipped before paying for the fold. */
#define TOKEN_MAX_RAW ((size_t)16 * TEXT_TOKEN_MAX)

struct text_tokenizer {
    enum text_lang lang;
    struct text_stemmer *stemmer;
    struct buf lower;     /* the word case-folded, accents kept */
    struct buf surface;   /* the word case-folded, accents removed */
    struct buf stem;      /* stem of lower */
    struct buf bare_stem; /* stem of surface */
    struct word_cache *cache;
    unsigned char ascii_class[128]; /* text_char_class_of for ASCII, looked up once */
};

/* A run of word characters in the input. */
struct word {
    size_t start, end;
    int joined_before; /* an apostrophe right after a word character precedes it */
    int joined_after;  /* an apostrophe then a word character follow it */
};

/* French pieces that elide before a vowel beyond the one-letter ones. */
static const char *const french_elided[] = {"qu", "jusqu", "lorsqu", "puisqu", "quoiqu", NULL};

int text_tokenizer_new(enum text_lang lang, struct text_tokenizer **out, struct err *err)
{
    *out = NULL;
    struct text_tokenizer *tk = calloc(1, sizeof *tk);
    if (!tk)
        return err_set(err, ERR_NOMEM, "tokenizer: out of memory");
    int rc = text_stemmer_new(lang, &tk->stemmer, err);
    if (rc) {
        free(tk);
        return rc;
    }
    if (!(tk->cache = word_cache_new())) {
        text_tokenizer_free(tk);
        return err_set(err, ERR_NOMEM, "tokenizer: out of memory");
    }
    tk->lang = lang;
    for (uint32_t c = 0; c < 128; c++)
        tk->ascii_class[c] = (unsigned char)text_char_class_of(c);
    *out = tk;
    return 0;
}

void text_tokenizer_free(struct text_tokenizer *tk)
{
    if (!tk)
        return;
    text_stemmer_free(tk->stemmer);
    word_cache_free(tk->cache);
    buf_free(&tk->lower);
    buf_free(&tk->surface);
    buf_free(&tk->stem);
    buf_free(&tk->bare_stem);
    free(tk);
}

/* The class of the character at s[i] and its length; a bad byte is a one-byte separator.
 * ASCII, most of every text, is looked up in a table. */
static size_t class_at(const struct text_tokenizer *tk, const char *s, size_t n, size_t i,
                       enum text_char_class *cls)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 128) {
        *cls = (enum text_char_class)tk->ascii_class[c];
        return 1;
    }
    uint32_t cp;
    int len = text_utf8_decode(s + i, n - i, &cp);
    if (len < 0) {
        *cls = TEXT_CHAR_OTHER;
        return 1;
    }
    *cls = text_char_class_of(cp);
    return (size_t)len;
}

static size_t count_chars(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

static int same(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && memcmp(a, b, an) == 0;
}

static int is_elided(const struct text_tokenizer *tk, const struct word_forms *f,
                     const struct word *w)
{
    if ((w->joined_before || w->joined_after) && count_chars(f->surface, f->surface_len) == 1)
        return 1;
    if (tk->lang == TEXT_LANG_FR && w->joined_after) {
        for (const char *const *piece = french_elided; *piece; piece++) {
            if (same(f->surface, f->surface_len, *piece, strlen(*piece)))
                return 1;
        }
    }
    return 0;
}

/* Folds and stems raw[0..n) into the tokenizer's buffers; f points into them. */
static int compute_forms(struct text_tokenizer *tk, const char *raw, size_t n, struct word_forms *f)
{
    buf_reset(&tk->lower);
    buf_reset(&tk->surface);
    buf_reset(&tk->stem);
    buf_reset(&tk->bare_stem);
    *f = (struct word_forms){0, "", "", "", 0, 0, 0};
    if (n > TOKEN_MAX_RAW)
        return 0;
    int rc = text_fold(raw, n, 0, &tk->lower);
    if (rc)
        return rc;
    if (tk->lower.len == 0 || tk->lower.len > TEXT_TOKEN_MAX)
        return 0;
    rc = text_fold(tk->lower.data, tk->lower.len, TEXT_FOLD_ACCENTS, &tk->surface);
    if (rc)
        return rc;
    if (tk->surface.len == 0)
        return 0; /* only combining marks */
    rc = text_stem_word(tk->stemmer, tk->lower.data, tk->lower.len, &tk->stem);
    if (!rc && tk->stem.len == 0)
        rc = buf_append(&tk->stem, tk->surface.data, tk->surface.len);
    if (!rc && !same(buf_str(&tk->lower), tk->lower.len, buf_str(&tk->surface), tk->surface.len))
        rc = text_stem_word(tk->stemmer, tk->surface.data, tk->surface.len, &tk->bare_stem);
    if (rc)
        return rc;
    /* Stemming never lengthens a word in practice; if it ever did, skip rather than cut. */
    if (tk->stem.len > TEXT_TOKEN_MAX || tk->bare_stem.len > TEXT_TOKEN_MAX)
        return 0;
    *f = (struct word_forms){1,
                             buf_str(&tk->surface),
                             buf_str(&tk->stem),
                             buf_str(&tk->bare_stem),
                             tk->surface.len,
                             tk->stem.len,
                             tk->bare_stem.len};
    return 0;
}

/* The forms of a word, from the cache or worked out (and then remembered). */
static int forms_of(struct text_tokenizer *tk, const char *raw, size_t n, struct word_forms *f)
{
    if (word_cache_get(tk->cache, raw, n, f))
        return 0;
    int rc = compute_forms(tk, raw, n, f);
    return rc ? rc : word_cache_put(tk->cache, raw, n, f);
}

static int emit_word(struct text_tokenizer *tk, const char *s, const struct word *w,
                     enum text_tok_mode mode, text_token_cb cb, void *ctx)
{
    struct word_forms f;
    int rc = forms_of(tk, s + w->start, w->end - w->start, &f);
    if (rc || !f.usable || is_elided(tk, &f, w))
        return rc;
    if (mode == TEXT_TOK_PREFIX)
        return cb(ctx, f.surface, f.surface_len, w->start, w->end, 0);

    rc = cb(ctx, f.stem, f.stem_len, w->start, w->end, 0);
    if (rc || mode == TEXT_TOK_QUERY)
        return rc;
    int bare_differs =
        f.bare_stem_len > 0 && !same(f.bare_stem, f.bare_stem_len, f.stem, f.stem_len);
    if (bare_differs) {
        rc = cb(ctx, f.bare_stem, f.bare_stem_len, w->start, w->end, 1);
        if (rc)
            return rc;
    }
    if (same(f.surface, f.surface_len, f.stem, f.stem_len) ||
        (bare_differs && same(f.surface, f.surface_len, f.bare_stem, f.bare_stem_len)))
        return 0;
    return cb(ctx, f.surface, f.surface_len, w->start, w->end, 1);
}

int text_tokenize(struct text_tokenizer *tk, const char *s, size_t n, enum text_tok_mode mode,
                  text_token_cb cb, void *ctx)
{
    if (mode != TEXT_TOK_INDEX && mode != TEXT_TOK_QUERY && mode != TEXT_TOK_PREFIX)
        return ERR_INPUT;
    size_t i = 0;
    size_t after_joining_apostrophe = (size_t)-1;
    enum text_char_class prev = TEXT_CHAR_SPACE;
    while (i < n) {
        enum text_char_class cls;
        size_t len = class_at(tk, s, n, i, &cls);
        if (cls != TEXT_CHAR_WORD) {
            if (cls == TEXT_CHAR_APOSTROPHE && prev == TEXT_CHAR_WORD)
                after_joining_apostrophe = i + len;
            prev = cls;
            i += len;
            continue;
        }

        struct word w = {.start = i, .joined_before = i == after_joining_apostrophe};
        i += len;
        w.end = i;
        while (i < n) {
            len = class_at(tk, s, n, i, &cls);
            if (cls != TEXT_CHAR_WORD && cls != TEXT_CHAR_IGNORABLE)
                break;
            i += len;
            if (cls == TEXT_CHAR_WORD)
                w.end = i;
        }
        if (i < n && cls == TEXT_CHAR_APOSTROPHE && i + len < n) {
            enum text_char_class next;
            class_at(tk, s, n, i + len, &next);
            w.joined_after = next == TEXT_CHAR_WORD;
        }
        prev = TEXT_CHAR_WORD;

        int rc = emit_word(tk, s, &w, mode, cb, ctx);
        if (rc)
            return rc;
    }
    return 0;
}
