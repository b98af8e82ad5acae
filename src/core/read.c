/*
 * read.c — read access for the faces (see read.h).
 */
#include "core/read.h"

int core_rec_get(struct store *st, const char *id, store_rec_cb cb, void *ctx, struct err *err)
{
    return store_rec_get(st, id, cb, ctx, err);
}

int core_rec_each(struct store *st, const struct store_filter *f, store_rec_cb cb, void *ctx,
                  struct err *err)
{
    return store_rec_each(st, f, cb, ctx, err);
}

int core_search_run(struct store *st, const struct core_search_plan *plan, store_hit_cb cb,
                    void *ctx, long *total, struct err *err)
{
    return store_search(st, &plan->q, cb, ctx, total, err);
}

int core_search_explain(struct store *st, const struct core_search_plan *plan, struct buf *out)
{
    return store_search_explain(st, &plan->q, out);
}

int core_count_by(struct store *st, const struct core_search_plan *plan, enum store_dim dim,
                  int label_lang, store_count_cb cb, void *ctx, struct err *err)
{
    return store_count_by(st, plan ? &plan->q : NULL, dim, label_lang, cb, ctx, err);
}

int core_unlinked_each(struct store *st, store_count_cb cb, void *ctx, struct err *err)
{
    return store_unlinked_each(st, cb, ctx, err);
}

int core_count(struct store *st, const char *entity, long *out, struct err *err)
{
    return store_count(st, entity, out, err);
}

int core_country_find(struct store *st, const char *name, char iso3[4], struct err *err)
{
    return store_country_find(st, name, iso3, err);
}

int core_rec_page(struct store *st, const struct core_search_plan *plan, store_rec_cb cb, void *ctx,
                  long *total, struct err *err)
{
    return store_rec_page(st, &plan->q.filter, plan->q.limit, plan->q.offset, cb, ctx, total, err);
}

int core_term_each(struct store *st, const char *vocab, store_term_cb cb, void *ctx,
                   struct err *err)
{
    return store_term_each(st, vocab, cb, ctx, err);
}

int core_country_each(struct store *st, store_country_cb cb, void *ctx, struct err *err)
{
    return store_country_each(st, cb, ctx, err);
}
