/*
 * match.h — matchmaking between needs and offers of the cooperation repository (coop.h). A
 * score is a weighted sum of parts, each in 0..1, and every answer carries its parts so that a
 * page can say why an offer ranks where it does. The weights live in one table in match.c
 * (documented in docs/cooperation.md); core_match_weight reads them.
 *
 * Two levels: a pure engine on plain descriptions (core_match_index_*: no store, used by the
 * tests, the benchmark and the evaluation on real UPR data), and the questions a face asks
 * (core_match_for_need / core_match_for_offer), which read the store through coop.c and apply
 * the consent rule (core_coop_may_see_need) before anything is ranked.
 *
 * Candidates: only offers (or needs) sharing a theme, an SDG goal or a word of their texts
 * with the query are scored, found through inverted indexes; this is how 10k x 10k answers in
 * seconds rather than 100M comparisons.
 */
#ifndef SUIVI_CORE_MATCH_H
#define SUIVI_CORE_MATCH_H

#include <stddef.h>

#include "core/coop.h"
#include "store/store.h"

enum core_match_part {
    CORE_PART_THEME,    /* themes in common: |N ∩ O| / sqrt(|N| |O|) */
    CORE_PART_SDG,      /* SDG goals in common, the same way */
    CORE_PART_TEXT,     /* TF-IDF cosine of the two texts (src/text/tfidf.h) */
    CORE_PART_KIND,     /* share of the kinds of help sought that are offered */
    CORE_PART_LANGUAGE, /* a language in common: 1; none: 0; either side silent: 0.5 */
    CORE_PART_REGION,   /* the need's country or region served: 1; offer serves anywhere: 0.5 */
    CORE_PART_PROVIDER, /* the provider's kind is one the need prefers (or it has no preference) */
    CORE_PART_PEER,     /* State to State: share of the need's themes where the offering State
                           shows good practice (docs/cooperation.md: the proxy) */
    CORE_PART_COUNT
};

/* "theme", "sdg", ... (as in explanations and the API); NULL when out of range. */
const char *core_match_part_name(enum core_match_part p);
/* The part's weight; the weights add up to 1. */
double core_match_weight(enum core_match_part p);

struct core_match_score {
    double total; /* sum of weight x part, 0..1 */
    double part[CORE_PART_COUNT];
};

/* Appends "theme=0.71 sdg=0.50 ..." (every part, 2 decimals) to out. */
int core_match_explain(const struct core_match_score *s, struct buf *out) SUIVI_MUST_CHECK;

/* A need or an offer as the engine sees it. Lists are "|"-separated codes as in coop.h;
 * strings are copied by core_match_index_new. */
struct core_match_item {
    long id;                   /* the caller's; given back in results */
    const char *themes, *sdgs; /* sdgs: goal or target codes; compared by goal */
    unsigned kinds;            /* mask of core_help_kind */
    const char *languages;
    const char *country, *region; /* need: the State; offer: the provider's (may be NULL) */
    const char *regions;          /* offers: served (groups or ISO3); empty: anywhere */
    unsigned providers;           /* needs: preferred provider kinds, 0 any */
    int provider_kind;            /* offers: enum core_org_kind; needs: ignored */
    const char *practice;         /* offers of States: themes of good practice (the proxy) */
    const char *text;             /* title, description (+ the recommendations' texts) */
    const char *lang;             /* en, fr, es (NULL: en) */
};

struct core_match_index;

/* Builds the index of needs[0..nneeds) and offers[0..noffers) (TF-IDF over all their texts,
 * inverted indexes on both sides). *out is owned by the caller (core_match_index_free).
 * Returns 0, ERR_INPUT (an unknown lang), ERR_NOMEM. */
int core_match_index_new(const struct core_match_item *needs, size_t nneeds,
                         const struct core_match_item *offers, size_t noffers,
                         struct core_match_index **out, struct err *err) SUIVI_MUST_CHECK;
void core_match_index_free(struct core_match_index *idx);

struct core_match_hit {
    size_t index; /* of the offer (for a need) or the need (for an offer) in the arrays given */
    long id;      /* its id */
    struct core_match_score score;
};

/* The at most k best offers for need number need (best first; ties by offer number); hits has
 * room for k; *nhits receives how many. allowed (NULL: all) has one byte per offer: 0 leaves
 * it out. Returns 0, ERR_INPUT (out of range), ERR_NOMEM. */
int core_match_index_for_need(const struct core_match_index *idx, size_t need, size_t k,
                              const unsigned char *allowed, struct core_match_hit *hits,
                              size_t *nhits, struct err *err) SUIVI_MUST_CHECK;
/* The same from an offer to needs; allowed has one byte per need (the consent rule's answer:
 * a need not allowed is never scored). */
int core_match_index_for_offer(const struct core_match_index *idx, size_t offer, size_t k,
                               const unsigned char *allowed, struct core_match_hit *hits,
                               size_t *nhits, struct err *err) SUIVI_MUST_CHECK;
/* The score of one pair (also for pairs that are not candidates). */
void core_match_index_score(const struct core_match_index *idx, size_t need, size_t offer,
                            struct core_match_score *out);

/* ---- what faces ask ------------------------------------------------------------------------ */

/* A ranked answer: the other side's record and the score with its parts. */
struct core_match_result {
    const struct core_need *need;   /* for core_match_for_offer; NULL otherwise */
    const struct core_offer *offer; /* for core_match_for_need; NULL otherwise */
    struct core_match_score score;
    const char *explanation; /* core_match_explain's text */
};

typedef int (*core_match_result_cb)(void *ctx, const struct core_match_result *r);

/* The at most k open offers best for need need_id, best first. ERR_NOTFOUND when the need is
 * absent or actor may not see it. Reads every open offer and need: one question at a time. */
int core_match_for_need(struct store *st, const struct core_actor *actor, long need_id, size_t k,
                        core_match_result_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;
/* The at most k open needs best for offer offer_id, among those BOTH actor and the offer's
 * organisation may see (the provider never gets a need it could not open). */
int core_match_for_offer(struct store *st, const struct core_actor *actor, long offer_id, size_t k,
                         core_match_result_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;

/* The score of need x offer now (for a proposal). Visibility is the caller's business. */
int core_match_pair_score(struct store *st, long need_id, long offer_id,
                          struct core_match_score *out, struct err *err) SUIVI_MUST_CHECK;

#endif
