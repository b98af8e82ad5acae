/*
 * similar.h — recommendations that say the same thing: "also recommended by" (the same text by
 * other States), "repeats cycle N" (the same text in a later review), and groups of repeated
 * recommendations. The text side is text/similar.h; here the recommendations are read from the
 * store (in English when they have it, else French, else Spanish) and hits carry what a page
 * shows: State, recommending States, body, session and cycle.
 */
#ifndef SUIVI_CORE_SIMILAR_H
#define SUIVI_CORE_SIMILAR_H

#include <stddef.h>

#include "store/store.h"

/* One similar recommendation; strings are valid during the callback only. */
struct core_similar_hit {
    const char *id;
    double score;        /* cosine of the TF-IDF vectors, 0..1 */
    double overlap;      /* share of word pairs in common, 0..1 */
    int near_copy;       /* the same wording, give or take a few words */
    const char *country; /* ISO3 of the State concerned (may be NULL) */
    const char *states;  /* recommending States as imported, "; "-separated ("" when none) */
    const char *body;
    int session, cycle; /* 0 when unknown */
    const char *text;
};

typedef int (*core_similar_cb)(void *ctx, const struct core_similar_hit *hit);

/* Calls cb for the at most k recommendations most similar to id (itself left out), near-copies
 * first, then by score. Builds an index of every recommendation for the call, so it is for one
 * question at a time; a face answering many keeps a core_similar_index. ERR_NOTFOUND when id
 * is unknown. */
int core_similar(struct store *st, const char *id, size_t k, core_similar_cb cb, void *ctx,
                 struct err *err) SUIVI_MUST_CHECK;

struct core_similar_index;

/* Reads the recommendations the filter selects (NULL: all) into an index. The index does not
 * follow later writes: rebuild it when store_data_version changes. */
int core_similar_index_new(struct store *st, const struct store_filter *f,
                           struct core_similar_index **out, struct err *err) SUIVI_MUST_CHECK;
void core_similar_index_free(struct core_similar_index *idx);

/* Number of recommendations in the index. */
size_t core_similar_index_count(const struct core_similar_index *idx);

/* core_similar on a built index. */
int core_similar_query(const struct core_similar_index *idx, const char *id, size_t k,
                       core_similar_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;

/* Receives a group of repeated recommendations: members sorted by id; group numbers count from
 * 1 in the order groups are given (largest first, then by first id). */
typedef int (*core_similar_group_cb)(void *ctx, size_t group,
                                     const struct core_similar_hit *members, size_t n);

/* Groups the recommendations whose texts have a cosine of at least threshold, chained (single
 * linkage), and gives every group of at least min_size members. In a member, score and
 * overlap are with the group's first member. ERR_INPUT for a threshold outside (0, 1]. */
int core_similar_groups(const struct core_similar_index *idx, double threshold, size_t min_size,
                        core_similar_group_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;

#endif
