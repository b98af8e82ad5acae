/*
 * tfidf.h — recommendations as weighted bags of terms, the features the classifier (classify.h)
 * and the similarity index (similar.h) share.
 *
 * A term is a stem given by the tokenizer (TEXT_TOK_QUERY: case, accents and inflection folded,
 * the same cut as search), with the language's function words dropped, or two such stems that
 * follow each other ("tortur optional" is not one: "option protocol" is), joined by one space.
 * Terms are numbered by a dictionary in order of first appearance, so the same input always
 * gives the same numbers. A document's vector holds, per term, (1 + ln tf) x idf, L2-normalised,
 * with idf = ln((1 + N) / (1 + df)) + 1 over N training documents (scikit-learn's smooth idf).
 * Nothing here keeps global state; a featurizer is not thread-safe (it owns tokenizers).
 */
#ifndef SUIVI_TEXT_TFIDF_H
#define SUIVI_TEXT_TFIDF_H

#include <stddef.h>
#include <stdint.h>

#include "text/fold.h"
#include "util/err.h"

/* ---- dictionary: term <-> number ------------------------------------------------------------ */

struct text_dict;

/* A new empty dictionary (NULL when out of memory); free with text_dict_free (NULL allowed). */
struct text_dict *text_dict_new(void);
void text_dict_free(struct text_dict *d);

/* The number of term[0..len), or -1 when it is not in d. */
long text_dict_find(const struct text_dict *d, const char *term, size_t len);

/* Numbers term[0..len) (no NUL inside): *id receives its number, a new one (the next after the
 * last) when it was not there. Returns 0, ERR_INPUT for a term longer than TEXT_TERM_MAX bytes or
 * when the dictionary already holds TEXT_DICT_MAX terms, ERR_NOMEM. */
int text_dict_add(struct text_dict *d, const char *term, size_t len, uint32_t *id) SUIVI_MUST_CHECK;

/* The term numbered id (NUL-terminated, owned by d, valid until d changes), *len its length;
 * NULL when id is out of range. */
const char *text_dict_term(const struct text_dict *d, uint32_t id, size_t *len);

size_t text_dict_size(const struct text_dict *d);

#define TEXT_TERM_MAX (2 * 64 + 1) /* two tokens of TEXT_TOKEN_MAX bytes and a space */
#define TEXT_DICT_MAX (1u << 24)   /* 16.7 million terms: far past any corpus of ours */

/* ---- sparse vectors ------------------------------------------------------------------------- */

/* Term numbers ascending, no repeats; weights are floats. */
struct text_vec {
    size_t n, cap;
    uint32_t *id;
    float *w;
};

/* Appends (id, w); ids must be appended in ascending order by the caller, or text_vec_sort
 * called afterwards. Returns 0 or ERR_NOMEM (v unchanged). */
int text_vec_push(struct text_vec *v, uint32_t id, float w) SUIVI_MUST_CHECK;
/* Sorts by id and adds up the weights of repeated ids. */
void text_vec_sort(struct text_vec *v);
/* Scales to unit length (a zero vector stays zero). */
void text_vec_normalize(struct text_vec *v);
/* Dot product of two sorted vectors. */
double text_vec_dot(const struct text_vec *a, const struct text_vec *b);
void text_vec_reset(struct text_vec *v);
void text_vec_free(struct text_vec *v);

/* ---- terms out of text ---------------------------------------------------------------------- */

struct text_featurizer;

/* A featurizer (tokenizers and stop words for the three languages, made on first use). Returns 0,
 * ERR_NOMEM. *out is NULL on error. */
int text_featurizer_new(struct text_featurizer **out, struct err *err) SUIVI_MUST_CHECK;
void text_featurizer_free(struct text_featurizer *fz);

/* Receives one term of a text: term[0..len) NUL-terminated, valid during the call only. A
 * nonzero return stops text_terms_each and is returned as is. */
typedef int (*text_term_cb)(void *ctx, const char *term, size_t len);

/* Calls cb for every term of text[0..n) in lang, in text order: each kept stem, then each pair
 * of consecutive kept stems when bigrams is nonzero. Invalid UTF-8 separates words (never an
 * error). Returns 0, ERR_NOMEM, ERR_INPUT (unknown lang) or what cb returned. */
int text_terms_each(struct text_featurizer *fz, enum text_lang lang, const char *text, size_t n,
                    int bigrams, text_term_cb cb, void *ctx) SUIVI_MUST_CHECK;

/* The TF-IDF vector of text (unit length, sorted; terms unknown to d are left out) into *out
 * (reset first). idf has text_dict_size(d) entries. Returns 0, ERR_NOMEM, ERR_INPUT. */
int text_tfidf_vector(struct text_featurizer *fz, const struct text_dict *d, const float *idf,
                      enum text_lang lang, const char *text, size_t n, int bigrams,
                      struct text_vec *out) SUIVI_MUST_CHECK;

/* Smooth idf of a term seen in df of ndocs documents. */
float text_idf(uint32_t df, uint32_t ndocs);

/* ---- a corpus: many documents at once (training, similarity) -------------------------------- */

/* Documents as rows of TF-IDF weights (compressed sparse rows: row r is id/w[start[r] ..
 * start[r + 1])), each row unit length with ids ascending. */
struct text_rows {
    size_t nrows;
    size_t *start; /* nrows + 1 entries */
    uint32_t *id;
    float *w;
};

struct text_corpus;

/* A corpus that numbers its terms with d (owned by the caller, which may already hold terms:
 * their numbers are kept). Returns 0 or ERR_NOMEM. */
int text_corpus_new(struct text_dict *d, int bigrams, struct text_corpus **out,
                    struct err *err) SUIVI_MUST_CHECK;
void text_corpus_free(struct text_corpus *c);

/* Adds one document (its term counts; every term goes into the dictionary). Returns 0,
 * ERR_NOMEM, ERR_INPUT (unknown lang, or more than 2^31 documents or term occurrences). */
int text_corpus_add(struct text_corpus *c, struct text_featurizer *fz, enum text_lang lang,
                    const char *text, size_t n, struct err *err) SUIVI_MUST_CHECK;

size_t text_corpus_count(const struct text_corpus *c);

/* df[t] += the number of documents among rows [from, to) holding term t; df has
 * text_dict_size(d) entries. */
void text_corpus_df(const struct text_corpus *c, size_t from, size_t to, uint32_t *df);

/* The rows of documents [from, to) weighted with idf (one entry per dictionary term; terms whose
 * idf is 0 are dropped, which is how a caller leaves out rare terms) into *out, owned by the
 * caller (text_rows_free). Returns 0 or ERR_NOMEM. */
int text_corpus_rows(const struct text_corpus *c, size_t from, size_t to, const float *idf,
                     struct text_rows *out, struct err *err) SUIVI_MUST_CHECK;

void text_rows_free(struct text_rows *r);

#endif
