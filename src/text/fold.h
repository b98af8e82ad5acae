/*
 * fold.h — the Unicode layer of text/: languages, UTF-8 validation and decoding, character classes
 * and folding (NFKC + case fold, optionally without accents).
 *
 * fold.c is the only file that includes utf8proc.h; tokenize.c and query.c ask it what a code
 * point is instead of reading Unicode tables themselves. Everything here is a pure function: no
 * state, safe from any thread.
 */
#ifndef SUIVI_TEXT_FOLD_H
#define SUIVI_TEXT_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

/* The languages suivi stores text in. The values are stable (they may be stored). */
enum text_lang {
    TEXT_LANG_EN = 0,
    TEXT_LANG_FR = 1,
    TEXT_LANG_ES = 2,
};

#define TEXT_LANG_COUNT 3

/* Parses a language code: "en", "fr" or "es", ASCII case ignored. Returns 0 and sets *out, or
 * ERR_INPUT (code NULL or not one of the three; *out untouched). */
int text_lang_parse(const char *code, enum text_lang *out) SUIVI_MUST_CHECK;

/* The two-letter code of lang ("en", "fr", "es"): a static string. An out-of-range value gives
 * "??" rather than crashing. */
const char *text_lang_code(enum text_lang lang);

/* Checks that s[0..n) is well-formed UTF-8: overlong forms, UTF-16 surrogates (U+D800..U+DFFF),
 * code points above U+10FFFF and truncated sequences are rejected. NUL bytes are valid UTF-8 and
 * accepted. Returns 0, or ERR_INPUT and sets *bad_offset (when not NULL) to the offset of the
 * first byte of the first bad sequence. */
int text_utf8_check(const char *s, size_t n, size_t *bad_offset) SUIVI_MUST_CHECK;

/* Decodes the code point starting at s[0] (n bytes available) into *cp. Returns its length in
 * bytes (1..4), or ERR_INPUT if the bytes there are not a well-formed sequence (same rules as
 * text_utf8_check) or n == 0; *cp is then set to U+FFFD. */
int text_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* How the tokenizer and the query parser treat a code point. */
enum text_char_class {
    TEXT_CHAR_OTHER = 0,  /* punctuation, symbols, hyphens: separates words */
    TEXT_CHAR_SPACE,      /* white space (Zs, Zl, Zp) and control characters (Cc) */
    TEXT_CHAR_WORD,       /* letters (L*), digits and numbers (N*), combining marks (M*) */
    TEXT_CHAR_APOSTROPHE, /* ' U+2019 U+2018 U+02BC U+FF07: separates words, marks elision */
    TEXT_CHAR_IGNORABLE,  /* format characters (Cf: soft hyphen, zero-width joiners): kept
                           * inside a word, removed by text_fold */
};

/* The class of code point cp (any value; out-of-range ones are TEXT_CHAR_OTHER). */
enum text_char_class text_char_class_of(uint32_t cp);

enum {
    /* Also remove accents: drop nonspacing marks after decomposition (é→e, ñ→n, ç→c) and spell
     * out the Latin letters that have no decomposition (œ→oe, æ→ae, ø→o, ł→l, đ→d, ħ→h, ı→i). */
    TEXT_FOLD_ACCENTS = 1 << 0,
};

/* Appends to out the fold of s[0..n): Unicode NFKC with full case folding (utf8proc's
 * NFKC_Casefold: "Ǆ"→"ǆ", "ß"→"ss", "ﬁ"→"fi", "²"→"2"), default-ignorable characters removed
 * (soft hyphen, zero-width space/joiners), and typographic apostrophes (U+2019, U+2018, U+02BC)
 * turned into ASCII '. flags: 0 or TEXT_FOLD_ACCENTS. Folding is idempotent.
 * Returns 0; ERR_INPUT if s is not valid UTF-8 (out unchanged); ERR_NOMEM. */
int text_fold(const char *s, size_t n, int flags, struct buf *out) SUIVI_MUST_CHECK;

#endif
