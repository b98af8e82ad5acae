/*
 * query.h — the search-box language: parse what a person typed into a tree, render the tree
 * for a search engine (FTS5 MATCH today; the store will render PostgreSQL tsquery from the same
 * tree).
 *
 * Syntax: words; "quoted phrases" (also “…” and «…»); prefix words (educat*); the uppercase
 * operators AND, OR, NOT (lowercase and/or/not are ordinary words); parentheses; adjacent items
 * are joined by AND. Precedence is FTS5's: NOT binds tighter than AND, which binds tighter than
 * OR, all left-associative: "a OR b c NOT d" is "a OR (b AND (c NOT d))". NOT is binary, "a NOT
 * b" = a and not b; a leading or lone NOT is an error, as FTS5 has no "everything but".
 * White space is Unicode white space and control characters. Items without a letter or digit
 * (a dash, '&', an empty phrase) are dropped, since no tokenizer would keep anything of them (and
 * FTS5 turns "x" AND "-" into no match at all): "women – rights" is "women AND rights".
 *
 * Words keep what the person typed (not folded, not stemmed): the store's tokenizer does that,
 * so that the query and the documents are cut the same way.
 */
#ifndef SUIVI_TEXT_QUERY_H
#define SUIVI_TEXT_QUERY_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* Limits that keep hostile queries cheap and every walk of the tree shallow. The depth is low
 * because FTS5's query parser has a fixed 100-entry stack: the worst rendering ('"a" OR "b" AND
 * "c" NOT (' per level) overflows it from 14 levels. 128 items make a NOT chain 128 deep, half
 * of FTS5's expression depth limit (256). */
#define TEXT_QUERY_MAX_DEPTH 12  /* nested parentheses */
#define TEXT_QUERY_MAX_ITEMS 128 /* words, prefixes and phrases, dropped ones included */

enum text_q_kind {
    TEXT_Q_TERM,   /* a word as typed, e.g. "droits" or "non-discrimination" */
    TEXT_Q_PREFIX, /* a word typed with a trailing '*', text without the '*' */
    TEXT_Q_PHRASE, /* the text between the quotes, as typed: the tokenizer splits it */
    TEXT_Q_AND,    /* all kids; nkids >= 2 */
    TEXT_Q_OR,     /* any kid; nkids >= 2 */
    TEXT_Q_NOT,    /* kids[0] and not kids[1]; nkids == 2 */
};

/* A node of the parsed query; the whole tree is owned by its root (text_query_free). Read-only
 * for callers. */
struct text_query {
    enum text_q_kind kind;
    char *text;    /* TERM, PREFIX, PHRASE: UTF-8, NUL-terminated, no NUL inside; else NULL */
    size_t len;    /* bytes in text */
    size_t column; /* 1-based column (in characters) of the node's first character */
    struct text_query **kids; /* AND, OR, NOT; else NULL */
    size_t nkids;
};

/* Parses the NUL-terminated query q into a tree at *out, owned by the caller (text_query_free).
 * Returns 0; ERR_INPUT with err->msg like "query: column 7: unbalanced parenthesis: this '(' is
 * never closed" for an empty query (or one with no letter or digit), bad UTF-8, unbalanced
 * parentheses or quotes, operators without operands, misplaced '*', nesting deeper than
 * TEXT_QUERY_MAX_DEPTH, more than TEXT_QUERY_MAX_ITEMS items; ERR_NOMEM. On error *out is NULL. */
int text_query_parse(const char *q, struct text_query **out, struct err *err) SUIVI_MUST_CHECK;

/* The same for q[0..n), which may come from a form or a URL: a NUL byte in it is ERR_INPUT. */
int text_query_parse_n(const char *q, size_t n, struct text_query **out,
                       struct err *err) SUIVI_MUST_CHECK;

/* Frees the tree. NULL is allowed. */
void text_query_free(struct text_query *query);

/* Appends to out the query in FTS5 MATCH syntax. Every word and phrase becomes a double-quoted
 * FTS5 string (inner '"' doubled), so no user input is read as FTS5 syntax (column filters,
 * NEAR, ^); prefixes become "educat" *; operators are explicit and parenthesised only where
 * precedence needs it: "rights" AND ("child" * OR "women"). Returns 0 or ERR_NOMEM (out is then
 * marked oom). */
int text_query_to_fts5(const struct text_query *query, struct buf *out) SUIVI_MUST_CHECK;

#endif
