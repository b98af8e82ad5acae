/*
 * postgres_fts.h — what the PostgreSQL backend's two searches (recommendations:
 * postgres_search.c, knowledge hub: postgres_hub_search.c) share: a parsed search-box query
 * (text/query.h) rendered as one tsquery per language for the tsvector columns of migrations
 * 001_b_fts.sql and 006_b_hub_fts.sql, FTS5's bm25 ranking, and snippets marked as FTS5's
 * snippet() marks them (postgres_fts.c: queries; postgres_fts_text.c: ranking and snippets).
 * Internal to src/store/.
 *
 * The tsquery text is built here from suivi's own tokenizer (the words are stemmed and folded as
 * SQLite's FTS5 tokenizer does), every lexeme quoted, and is bound as a parameter ($n::tsquery):
 * no user text reaches SQL or tsquery syntax.
 */
#ifndef SUIVI_STORE_POSTGRES_FTS_H
#define SUIVI_STORE_POSTGRES_FTS_H

#include "store/store.h"
#include "text/query.h"
#include "text/stem.h"
#include "text/tokenize.h"
#include "util/buf.h"

/* A query word of one language: its stem (words, phrases) or folded surface form (prefixes),
 * its tsquery alternatives (e.g. "( 'woman' | 'women' )"), and how many positions after the
 * previous word of its phrase PostgreSQL counts it (1 = next). */
struct pg_fts_token {
    char *text;
    char *group;
    int distance;
};

/* A word, prefix or phrase of the query, cut into tokens (none: it matches nothing). */
struct pg_fts_leaf {
    int prefix; /* the last token is a prefix */
    struct pg_fts_token *tokens;
    size_t ntokens, cap;
};

/* One query prepared for every language. */
struct pg_fts {
    struct buf tsquery[STORE_LANG_COUNT];         /* the query as tsquery text, per language */
    int nothing[STORE_LANG_COUNT];                /* 1: matches no text in that language (as FTS5's
                                                   * empty phrases), tsquery is then "" */
    struct pg_fts_leaf *leaves[STORE_LANG_COUNT]; /* for snippets */
    size_t nleaves[STORE_LANG_COUNT];
    struct text_tokenizer *tokenizer[STORE_LANG_COUNT];
    struct text_stemmer *stemmer[STORE_LANG_COUNT];
};

/* Renders query (not NULL) for the three languages into f, which the caller frees with
 * pg_fts_free (also after an error). Returns 0 or ERR_NOMEM. */
int pg_fts_prepare(struct pg_fts *f, const struct text_query *query,
                   struct err *err) SUIVI_MUST_CHECK;

void pg_fts_free(struct pg_fts *f);

/* Makes room for one more item in an array of *cap items of size bytes each: returns the array
 * reallocated to twice *cap (first when *cap is 0) and sets *cap, or NULL when out of memory
 * (items and *cap unchanged, still the caller's to free). */
void *pg_fts_grow(void *items, size_t *cap, size_t size, size_t first) SUIVI_MUST_CHECK;

/* The tsquery of lang as a parameter value: NULL when nothing can match in that language
 * (bind it anyway: "tsv @@ NULL" selects no row). */
const char *pg_fts_param(const struct pg_fts *f, int lang);

/* The tsquery of the query's leaf-th word, prefix or phrase alone in out, as its parameter
 * value; NULL when it has no token. bm25 counts the texts each matches. */
const char *pg_fts_leaf_param(const struct pg_fts *f, int lang, size_t leaf, struct buf *out);

/* What FTS5's bm25 knows of one language's index: the average document size in words and the
 * inverse document frequency of each leaf of the query. */
struct pg_fts_bm25 {
    double avgdl;
    double idf[TEXT_QUERY_MAX_ITEMS];
};

/* Sets s from the index's number of rows and of words (the sum of their sizes), and clears
 * the idf of every leaf. */
void pg_fts_bm25_init(struct pg_fts_bm25 *s, long long rows, long long words);

/* Sets the idf of leaf from the number of rows it matches, as FTS5 does. */
void pg_fts_bm25_idf(struct pg_fts_bm25 *s, size_t leaf, long long rows, long long hits);

struct pg_store;
struct pg_params;

/* Starts the search of one language: sets bm25 to the figures of lang's index, read from the
 * database (stats_sql, $1 the language code: its number of rows and of words; count_sql, $1 the
 * language code and $2 a tsquery: the number of rows each leaf of the query matches), then starts
 * p with $1 the language code and $2 the query's tsquery. Returns 1 when there is something to
 * search, 0 when the index holds no text of that language or nothing can match in it (p is then
 * untouched), or the code pg_run set in err (not NULL). */
int pg_fts_lang_begin(struct pg_store *st, const struct pg_fts *fts, int lang,
                      const char *stats_sql, const char *count_sql, struct pg_fts_bm25 *bm25,
                      struct pg_params *p, struct err *err) SUIVI_MUST_CHECK;

/* *score = -bm25 of a row of language lang whose indexed columns are cols (weights[i] for
 * column i, or 1 when weights is NULL), as SQLite's bm25() computes it for the same words:
 * larger is better, equal for rows SQLite scores equal. Returns 0 or ERR_NOMEM. */
int pg_fts_score(struct pg_fts *f, int lang, const struct pg_fts_bm25 *s, const char *const *cols,
                 const double *weights, int ncols, double *score) SUIVI_MUST_CHECK;

/* Appends to out the snippet of a matching text of language lang, as SQLite's
 * snippet(fts, col, char(2), char(3), '…', 24): at most 24 words chosen where the query's words
 * and phrases are densest, matches between \x02 and \x03, '…' where text is left out. cols are
 * the indexed columns of the row (title and body for the hub, the text for recommendations);
 * col is the one to cut from, or -1 for the one that matches best. Returns 0 or ERR_NOMEM. */
int pg_fts_snippet(struct pg_fts *f, int lang, const char *const *cols, int ncols, int col,
                   struct buf *out) SUIVI_MUST_CHECK;

#endif
