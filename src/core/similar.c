/*
 * similar.c — similar and repeated recommendations (see similar.h). The index keeps, beside
 * text/similar.h's vectors, what a hit shows of each recommendation, in one string pool.
 */
#include "core/similar.h"

#include <stdlib.h>
#include <string.h>

#include "core/read.h"
#include "text/similar.h"
#include "util/buf.h"

/* What a hit shows of one recommendation: offsets into the pool. */
struct entry {
    size_t id, country, states, body, text; /* (size_t)-1: none */
    int session, cycle;
};

struct core_similar_index {
    struct text_sim *sim;
    struct text_featurizer *fz;
    struct entry *entries;
    size_t n, cap;
    struct buf pool;
};

enum { NONE = -1 };

static size_t pool_add(struct buf *pool, const char *s)
{
    if (!s)
        return (size_t)NONE;
    size_t at = pool->len;
    buf_append(pool, s, strlen(s) + 1);
    return at;
}

static const char *pool_str(const struct core_similar_index *idx, size_t at)
{
    return at == (size_t)NONE ? NULL : idx->pool.data + at;
}

static size_t add_states(struct buf *pool, const struct store_rec *r)
{
    size_t at = pool->len;
    for (size_t i = 0; i < r->nstates; i++) {
        buf_puts(pool, i ? "; " : "");
        buf_puts(pool, r->states[i].label);
    }
    buf_putc(pool, '\0');
    return at;
}

static int add_rec(void *ctx, const struct store_rec *r)
{
    struct core_similar_index *idx = ctx;
    static const enum text_lang order[] = {TEXT_LANG_EN, TEXT_LANG_FR, TEXT_LANG_ES};
    int lang = -1;
    for (size_t i = 0; i < 3 && lang < 0; i++)
        if (r->text[order[i]] && *r->text[order[i]])
            lang = (int)order[i];
    if (lang < 0)
        return 0;
    if (idx->n == idx->cap) {
        size_t cap = idx->cap ? idx->cap * 2 : 1024;
        struct entry *e = realloc(idx->entries, cap * sizeof *e);
        if (!e)
            return ERR_NOMEM;
        idx->entries = e;
        idx->cap = cap;
    }
    struct entry e = {pool_add(&idx->pool, r->id),
                      pool_add(&idx->pool, r->country),
                      add_states(&idx->pool, r),
                      pool_add(&idx->pool, r->body),
                      pool_add(&idx->pool, r->text[lang]),
                      r->session,
                      r->cycle};
    if (idx->pool.oom)
        return ERR_NOMEM;
    struct err err = {0};
    const char *text = r->text[lang];
    /* the State concerned as the group: its three letters, packed */
    uint32_t group = 0;
    for (const char *c = r->country ? r->country : ""; *c && c - r->country < 4; c++)
        group = group << 8 | (unsigned char)*c;
    int rc = text_sim_add(idx->sim, idx->fz, (enum text_lang)lang, text, strlen(text), group, &err);
    if (!rc)
        idx->entries[idx->n++] = e;
    return rc;
}

int core_similar_index_new(struct store *st, const struct store_filter *f,
                           struct core_similar_index **out, struct err *err)
{
    static const struct store_filter all = {0};
    struct core_similar_index *idx = calloc(1, sizeof *idx);
    *out = NULL;
    if (!idx)
        return err_set(err, ERR_NOMEM, "out of memory");
    int rc = text_sim_new(&idx->sim, err);
    if (!rc)
        rc = text_featurizer_new(&idx->fz, err);
    if (!rc) {
        rc = core_rec_each(st, f ? f : &all, add_rec, idx, err);
        if (rc == ERR_NOMEM || rc == ERR_INPUT)
            err_set(err, rc, "similar: reading the recommendations: %s",
                    rc == ERR_NOMEM ? "out of memory" : "bad text");
    }
    if (!rc)
        rc = text_sim_build(idx->sim, err);
    if (rc) {
        core_similar_index_free(idx);
        return rc;
    }
    *out = idx;
    return 0;
}

void core_similar_index_free(struct core_similar_index *idx)
{
    if (!idx)
        return;
    text_sim_free(idx->sim);
    text_featurizer_free(idx->fz);
    free(idx->entries);
    buf_free(&idx->pool);
    free(idx);
}

size_t core_similar_index_count(const struct core_similar_index *idx)
{
    return idx->n;
}

static struct core_similar_hit hit_of(const struct core_similar_index *idx, uint32_t doc,
                                      float score, float overlap, int near_copy)
{
    const struct entry *e = &idx->entries[doc];
    return (struct core_similar_hit){pool_str(idx, e->id),
                                     score,
                                     overlap,
                                     near_copy,
                                     pool_str(idx, e->country),
                                     pool_str(idx, e->states),
                                     pool_str(idx, e->body),
                                     e->session,
                                     e->cycle,
                                     pool_str(idx, e->text)};
}

/* The document number of a recommendation id, or -1: a binary search, documents being in id
 * order (the store lists recommendations so). */
static long doc_of(const struct core_similar_index *idx, const char *id)
{
    size_t lo = 0, hi = idx->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(pool_str(idx, idx->entries[mid].id), id);
        if (!c)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int core_similar_query(const struct core_similar_index *idx, const char *id, size_t k,
                       core_similar_cb cb, void *ctx, struct err *err)
{
    long doc = doc_of(idx, id);
    if (doc < 0)
        return err_set(err, ERR_NOTFOUND, "no recommendation %s (or it has no text)", id);
    struct text_sim_hit *hits = calloc(k ? k : 1, sizeof *hits);
    if (!hits)
        return err_set(err, ERR_NOMEM, "out of memory");
    size_t n = 0;
    int rc = text_sim_query(idx->sim, (uint32_t)doc, k, hits, &n, err);
    for (size_t i = 0; !rc && i < n; i++) {
        struct core_similar_hit h =
            hit_of(idx, hits[i].doc, hits[i].score, hits[i].overlap, hits[i].near_copy);
        rc = cb(ctx, &h);
    }
    free(hits);
    return rc;
}

int core_similar(struct store *st, const char *id, size_t k, core_similar_cb cb, void *ctx,
                 struct err *err)
{
    struct core_similar_index *idx = NULL;
    int rc = core_similar_index_new(st, NULL, &idx, err);
    if (!rc)
        rc = core_similar_query(idx, id, k, cb, ctx, err);
    core_similar_index_free(idx);
    return rc;
}

/* ---- groups ------------------------------------------------------------------------------------
 */

struct group {
    uint32_t root;
    size_t first, n; /* members[first .. first + n) */
};

/* Documents are numbered in the order the store lists recommendations, which is id order:
 * sorting by number sorts by id. */
static int by_number(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int by_size(const void *a, const void *b)
{
    const struct group *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return by_number(&x->root, &y->root);
}

/* Members of every group of at least min_size, grouped, each group sorted by id. */
static int collect_groups(const struct core_similar_index *idx, const uint32_t *root,
                          size_t min_size, uint32_t *members, struct group **out, size_t *ngroups)
{
    size_t n = idx->n, *size = calloc(n + 1, sizeof *size), *at = calloc(n + 1, sizeof *at);
    struct group *groups = calloc(n + 1, sizeof *groups);
    if (!size || !at || !groups) {
        free(size), free(at), free(groups);
        return ERR_NOMEM;
    }
    for (size_t d = 0; d < n; d++)
        size[root[d]]++;
    size_t ng = 0, fill = 0;
    for (size_t d = 0; d < n; d++) {
        if (root[d] == d && size[d] >= min_size && size[d] >= 2) {
            groups[ng++] = (struct group){(uint32_t)d, fill, 0};
            at[d] = ng; /* group number + 1 */
            fill += size[d];
        }
    }
    for (size_t d = 0; d < n; d++) {
        struct group *g = at[root[d]] ? &groups[at[root[d]] - 1] : NULL;
        if (g)
            members[g->first + g->n++] = (uint32_t)d;
    }
    /* members went in by increasing number: each group is sorted, its root is its first */
    qsort(groups, ng, sizeof *groups, by_size);
    free(size), free(at);
    *out = groups;
    *ngroups = ng;
    return 0;
}

int core_similar_groups(const struct core_similar_index *idx, double threshold, size_t min_size,
                        core_similar_group_cb cb, void *ctx, struct err *err)
{
    uint32_t *root = malloc((idx->n + 1) * sizeof *root);
    uint32_t *members = malloc((idx->n + 1) * sizeof *members);
    struct core_similar_hit *hits = malloc((idx->n + 1) * sizeof *hits);
    struct group *groups = NULL;
    size_t ng = 0;
    int rc = root && members && hits ? text_sim_groups(idx->sim, (float)threshold, root, err)
                                     : err_set(err, ERR_NOMEM, "out of memory");
    if (!rc && collect_groups(idx, root, min_size, members, &groups, &ng))
        rc = err_set(err, ERR_NOMEM, "out of memory");
    for (size_t g = 0; !rc && g < ng; g++) {
        const uint32_t *m = members + groups[g].first;
        for (size_t i = 0; i < groups[g].n; i++) {
            float score = 1, overlap = 1;
            if (i)
                text_sim_score(idx->sim, m[0], m[i], &score, &overlap);
            hits[i] = hit_of(idx, m[i], score, overlap, overlap >= TEXT_SIM_NEAR_COPY);
        }
        rc = cb(ctx, g + 1, hits, groups[g].n);
    }
    free(root), free(members), free(hits), free(groups);
    return rc;
}
