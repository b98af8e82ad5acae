/*
 * similar.h — which texts say the same thing: TF-IDF cosine over stems and stem pairs
 * (tfidf.h), found through an inverted index, with near-copies (the same wording, give or take
 * a few words: the overlap of their word pairs) ranked first; and every pair above a threshold,
 * for grouping repeated recommendations, without comparing all pairs.
 *
 * Documents are numbered in the order they are added. Results are deterministic: ties are
 * broken by document number.
 */
#ifndef SUIVI_TEXT_SIMILAR_H
#define SUIVI_TEXT_SIMILAR_H

#include <stddef.h>
#include <stdint.h>

#include "text/fold.h"
#include "text/tfidf.h"
#include "util/err.h"

struct text_sim;

/* A new, empty index; free with text_sim_free (NULL allowed). */
int text_sim_new(struct text_sim **out, struct err *err) SUIVI_MUST_CHECK;
void text_sim_free(struct text_sim *s);

/* Adds document number text_sim_count() (before the call): text[0..n) in lang. group is the
 * caller's: near-copies in the query's own group rank before other near-copies (suivi passes
 * the State concerned, so that "repeats cycle 2" comes before the same text to other States).
 * Only before text_sim_build. Returns 0, ERR_INPUT (unknown lang, index already built),
 * ERR_NOMEM. */
int text_sim_add(struct text_sim *s, struct text_featurizer *fz, enum text_lang lang,
                 const char *text, size_t n, uint32_t group, struct err *err) SUIVI_MUST_CHECK;

size_t text_sim_count(const struct text_sim *s);

/* Weighs every document (idf over all of them) and builds the inverted index. Returns 0 or
 * ERR_NOMEM. */
int text_sim_build(struct text_sim *s, struct err *err) SUIVI_MUST_CHECK;

struct text_sim_hit {
    uint32_t doc;
    float score;    /* cosine, 0..1 */
    float overlap;  /* share of word pairs in common (Jaccard), 0..1 */
    int near_copy;  /* overlap >= TEXT_SIM_NEAR_COPY */
    int same_group; /* in the query's group */
};

#define TEXT_SIM_NEAR_COPY 0.5f

/* The at most k documents most similar to document doc (itself left out): near-copies in doc's
 * group, other near-copies, then the rest, each by score; only documents sharing a term are
 * candidates. hits has room for k. *nhits
 * receives how many were found. Returns 0, ERR_INPUT (doc out of range, index not built),
 * ERR_NOMEM. */
int text_sim_query(const struct text_sim *s, uint32_t doc, size_t k, struct text_sim_hit *hits,
                   size_t *nhits, struct err *err) SUIVI_MUST_CHECK;

/* The cosine and pair overlap of documents a and b (0 for a number out of range). */
void text_sim_score(const struct text_sim *s, uint32_t a, uint32_t b, float *score, float *overlap);

/* Receives a pair a < b whose cosine is at least the threshold. Nonzero stops the walk. */
typedef int (*text_sim_pair_cb)(void *ctx, uint32_t a, uint32_t b, float score);

/* Calls cb for every pair of documents whose cosine is at least threshold (0 < threshold <= 1),
 * in increasing order of b then a. Indexes only the rarest terms of each document that could
 * reach the threshold (prefix filtering, Bayardo et al. 2007), so it costs far less than all
 * pairs. Returns 0, ERR_INPUT (threshold out of range, index not built), ERR_NOMEM, or what cb
 * returned. */
int text_sim_pairs(const struct text_sim *s, float threshold, text_sim_pair_cb cb, void *ctx,
                   struct err *err) SUIVI_MUST_CHECK;

/* Groups the documents linked by pairs at or above threshold (single linkage): group[d]
 * receives the smallest document number of d's group (d itself when alone). group has
 * text_sim_count() entries. Returns as text_sim_pairs. */
int text_sim_groups(const struct text_sim *s, float threshold, uint32_t *group,
                    struct err *err) SUIVI_MUST_CHECK;

#endif
