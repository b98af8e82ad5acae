/*
 * read.h — reading recommendations for the faces (CLI, web, reports). Today these pass through
 * to the store; they are the one place where step 2 adds who may see what (published only for
 * the public, institution scope for focal points), so faces never call the store themselves.
 */
#ifndef SUIVI_CORE_READ_H
#define SUIVI_CORE_READ_H

#include "core/search.h"
#include "store/store.h"

int core_rec_get(struct store *st, const char *id, store_rec_cb cb, void *ctx,
                 struct err *err) SUIVI_MUST_CHECK;
int core_rec_each(struct store *st, const struct store_filter *f, store_rec_cb cb, void *ctx,
                  struct err *err) SUIVI_MUST_CHECK;
/* One page of the recommendations matching the plan's filters (its query is not used). */
int core_rec_page(struct store *st, const struct core_search_plan *plan, store_rec_cb cb, void *ctx,
                  long *total, struct err *err) SUIVI_MUST_CHECK;
int core_term_each(struct store *st, const char *vocab, store_term_cb cb, void *ctx,
                   struct err *err) SUIVI_MUST_CHECK;
int core_country_each(struct store *st, store_country_cb cb, void *ctx,
                      struct err *err) SUIVI_MUST_CHECK;
int core_search_run(struct store *st, const struct core_search_plan *plan, store_hit_cb cb,
                    void *ctx, long *total, struct err *err) SUIVI_MUST_CHECK;
int core_search_explain(struct store *st, const struct core_search_plan *plan,
                        struct buf *out) SUIVI_MUST_CHECK;
/* Counts by dimension: over the plan's matches when plan is not NULL (facets; a plan without a
 * query: over the recommendations its filters select), else over all. */
int core_count_by(struct store *st, const struct core_search_plan *plan, enum store_dim dim,
                  int label_lang, store_count_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;
int core_unlinked_each(struct store *st, store_count_cb cb, void *ctx,
                       struct err *err) SUIVI_MUST_CHECK;
/* Resolves a country name (any language or spelling) or ISO code: 1 found, 0 not. */
int core_country_find(struct store *st, const char *name, char iso3[4],
                      struct err *err) SUIVI_MUST_CHECK;
int core_count(struct store *st, const char *entity, long *out, struct err *err) SUIVI_MUST_CHECK;

#endif
