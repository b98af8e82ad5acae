/*
 * tokenize.h — cutting text into search tokens, for the index and for queries alike.
 *
 * The SQLite FTS5 tokenizer of store/ and, later, the PostgreSQL one call text_tokenize, so that
 * a document and a query are cut, folded and stemmed the same way. Offsets are bytes of the
 * original input, as FTS5 needs for highlight() and snippet().
 *
 * Words are maximal runs of letters, digits and combining marks (text_char_class_of: WORD);
 * format characters inside a word (soft hyphen) are skipped; everything else separates words,
 * including hyphens ("non-discrimination" → "non", "discrimin") and apostrophes. Bytes that are
 * not valid UTF-8 separate words too: bad input never fails and never crashes.
 *
 * Elision and clitics: a one-letter piece joined to a neighbouring word by an apostrophe is
 * dropped, in every language: French l', d', j', m', n', s', t', c' ("l'enfant" → "enfant",
 * "d’accès" → "acces"), English possessive 's and n't ("women's" → "woman", "don't" → "don"),
 * and the one-letter stop words after an elision ("jusqu'à", "n'y" → nothing). In French, qu',
 * jusqu', lorsqu', puisqu' and quoiqu' are dropped too; longer pieces stay ("aujourd'hui" →
 * "aujourd", "hui"). Dropped pieces take no position, so the phrase "l'enfant" matches
 * "d'enfant". Documents and queries go through the same rule.
 *
 * Long words: a word longer than TEXT_TOKEN_MAX bytes once case-folded is skipped, not cut:
 * such runs are identifiers, URLs or garbage, and truncating them would make different ones
 * collide. (A raw run longer than 16 × TEXT_TOKEN_MAX bytes is skipped without being folded.)
 */
#ifndef SUIVI_TEXT_TOKENIZE_H
#define SUIVI_TEXT_TOKENIZE_H

#include <stddef.h>

#include "text/fold.h"
#include "util/err.h"

/* Longest token emitted, in bytes. */
#define TEXT_TOKEN_MAX 64

enum text_tok_mode {
    /* Documents. For each word: its stem (colocated = 0); then, each only if different from
     * the tokens already given for the word and with colocated = 1: the stem of the word without
     * accents (so that "egalite" typed without accents finds "égalité", whose stem is "egal"
     * but that of "egalite" is "egalit"), and the folded surface form without accents (so that
     * prefix queries work on unstemmed words: "childr*" finds "children"). */
    TEXT_TOK_INDEX,
    /* Query terms and phrases: the stem of each word only. */
    TEXT_TOK_QUERY,
    /* Prefix query terms ("educat*"): the folded surface form without accents, not stemmed. */
    TEXT_TOK_PREFIX,
};

/* Receives one token: tok[0..len) is UTF-8, case-folded and without accents, NUL-terminated
 * at tok[len], valid only during the call. start/end are the byte offsets of the word in the
 * input given to text_tokenize. colocated is 1 for an extra token at the same position as the
 * previous one (FTS5_TOKEN_COLOCATED). A nonzero return stops tokenizing and is returned by
 * text_tokenize as is, so callers may pass SQLite codes through. */
typedef int (*text_token_cb)(void *ctx, const char *tok, size_t len, size_t start, size_t end,
                             int colocated);

struct text_tokenizer;

/* Creates a tokenizer for lang into *out (it owns a stemmer); the caller frees it with
 * text_tokenizer_free. Returns 0; ERR_INPUT for an unknown lang; ERR_NOMEM. On error *out is
 * NULL and err says why. A tokenizer is not thread-safe: one per FTS5 tokenizer instance. */
int text_tokenizer_new(enum text_lang lang, struct text_tokenizer **out,
                       struct err *err) SUIVI_MUST_CHECK;

/* Frees tk. NULL is allowed. */
void text_tokenizer_free(struct text_tokenizer *tk);

/* Cuts s[0..n) (any bytes; NUL is a separator) into tokens according to mode, calling cb for
 * each in order. cb must not call text_tokenize on the same tk. Returns 0 when the whole input
 * was seen; the first nonzero value cb returned; ERR_NOMEM; ERR_INPUT for an unknown mode. */
int text_tokenize(struct text_tokenizer *tk, const char *s, size_t n, enum text_tok_mode mode,
                  text_token_cb cb, void *ctx) SUIVI_MUST_CHECK;

#endif
