/*
 * similar.c — the similarity index of similar.h.
 *
 * Each document is a unit TF-IDF vector over stems and stem pairs. The full inverted index
 * (term -> documents with weights) answers "most similar to d" by accumulating dot products
 * over d's terms. The word pairs of a document double as its shingles: two texts that share
 * most of them are near-copies, whatever the idf of their words. For all pairs above a
 * threshold, a second, partial index holds for each document only its rarest terms, as many
 * as it takes for the rest to weigh less than the threshold: any pair that reaches it shares
 * one of those, and their postings are short.
 */
#include "text/similar.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct posting {
    uint32_t doc;
    float w;
};

struct text_sim {
    struct text_dict *dict;
    struct text_corpus *corpus;
    struct text_rows rows; /* per document, ids ascending */
    float *idf;
    uint32_t *df;
    unsigned char *is_pair; /* per term: a stem pair (holds a space) */
    size_t *post_start;     /* per term + 1 */
    struct posting *post;
    size_t *npairs;  /* per document: how many of its terms are stem pairs */
    uint32_t *group; /* per document */
    size_t ngroup, capgroup;
    int built;
};

int text_sim_new(struct text_sim **out, struct err *err)
{
    struct text_sim *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s || !(s->dict = text_dict_new())) {
        free(s);
        return err_set(err, ERR_NOMEM, "similar: out of memory");
    }
    int rc = text_corpus_new(s->dict, 1, &s->corpus, err);
    if (rc) {
        text_sim_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

void text_sim_free(struct text_sim *s)
{
    if (!s)
        return;
    text_corpus_free(s->corpus);
    text_dict_free(s->dict);
    text_rows_free(&s->rows);
    free(s->idf);
    free(s->df);
    free(s->is_pair);
    free(s->post_start);
    free(s->post);
    free(s->npairs);
    free(s->group);
    free(s);
}

int text_sim_add(struct text_sim *s, struct text_featurizer *fz, enum text_lang lang,
                 const char *text, size_t n, uint32_t group, struct err *err)
{
    if (s->built)
        return err_set(err, ERR_INPUT, "similar: the index is already built");
    if (s->ngroup == s->capgroup) {
        size_t cap = s->capgroup ? s->capgroup * 2 : 1024;
        uint32_t *g = realloc(s->group, cap * sizeof *g);
        if (!g)
            return err_set(err, ERR_NOMEM, "similar: out of memory");
        s->group = g;
        s->capgroup = cap;
    }
    int rc = text_corpus_add(s->corpus, fz, lang, text, n, err);
    if (!rc)
        s->group[s->ngroup++] = group;
    return rc;
}

size_t text_sim_count(const struct text_sim *s)
{
    return text_corpus_count(s->corpus);
}

static int build_postings(struct text_sim *s, size_t nterms)
{
    const struct text_rows *r = &s->rows;
    s->post_start = calloc(nterms + 2, sizeof *s->post_start);
    s->post = malloc((r->start[r->nrows] + 1) * sizeof *s->post);
    if (!s->post_start || !s->post)
        return ERR_NOMEM;
    for (size_t k = 0; k < r->start[r->nrows]; k++)
        s->post_start[r->id[k] + 2]++;
    for (size_t t = 2; t < nterms + 2; t++)
        s->post_start[t] += s->post_start[t - 1];
    for (size_t d = 0; d < r->nrows; d++)
        for (size_t k = r->start[d]; k < r->start[d + 1]; k++)
            s->post[s->post_start[r->id[k] + 1]++] = (struct posting){(uint32_t)d, r->w[k]};
    return 0;
}

int text_sim_build(struct text_sim *s, struct err *err)
{
    size_t nterms = text_dict_size(s->dict), ndocs = text_corpus_count(s->corpus);
    s->df = calloc(nterms + 1, sizeof *s->df);
    s->idf = calloc(nterms + 1, sizeof *s->idf);
    s->is_pair = calloc(nterms + 1, 1);
    s->npairs = calloc(ndocs + 1, sizeof *s->npairs);
    if (!s->df || !s->idf || !s->is_pair || !s->npairs)
        return err_set(err, ERR_NOMEM, "similar: out of memory");
    text_corpus_df(s->corpus, 0, ndocs, s->df);
    for (size_t t = 0; t < nterms; t++) {
        s->idf[t] = text_idf(s->df[t], (uint32_t)ndocs);
        s->is_pair[t] = strchr(text_dict_term(s->dict, (uint32_t)t, NULL), ' ') != NULL;
    }
    int rc = text_corpus_rows(s->corpus, 0, ndocs, s->idf, &s->rows, err);
    if (rc)
        return rc;
    for (size_t d = 0; d < ndocs; d++)
        for (size_t k = s->rows.start[d]; k < s->rows.start[d + 1]; k++)
            s->npairs[d] += s->is_pair[s->rows.id[k]];
    if (build_postings(s, nterms))
        return err_set(err, ERR_NOMEM, "similar: out of memory");
    s->built = 1;
    return 0;
}

/* Share of stem pairs two documents have in common (Jaccard), by merging their sorted rows. */
static float pair_overlap(const struct text_sim *s, uint32_t a, uint32_t b)
{
    const struct text_rows *r = &s->rows;
    size_t i = r->start[a], j = r->start[b], common = 0;
    while (i < r->start[a + 1] && j < r->start[b + 1]) {
        if (r->id[i] < r->id[j])
            i++;
        else if (r->id[i] > r->id[j])
            j++;
        else
            common += s->is_pair[r->id[i]], i++, j++;
    }
    size_t all = s->npairs[a] + s->npairs[b] - common;
    return all ? (float)common / (float)all : 0.0f;
}

static float row_dot(const struct text_rows *r, uint32_t a, uint32_t b)
{
    size_t i = r->start[a], j = r->start[b];
    double dot = 0;
    while (i < r->start[a + 1] && j < r->start[b + 1]) {
        if (r->id[i] < r->id[j])
            i++;
        else if (r->id[i] > r->id[j])
            j++;
        else
            dot += (double)r->w[i++] * r->w[j++];
    }
    return (float)dot;
}

void text_sim_score(const struct text_sim *s, uint32_t a, uint32_t b, float *score, float *overlap)
{
    *score = *overlap = 0;
    if (!s->built || a >= s->rows.nrows || b >= s->rows.nrows)
        return;
    *score = fminf(row_dot(&s->rows, a, b), 1.0f);
    *overlap = pair_overlap(s, a, b);
}

/* Near-copies of the same group, other near-copies, then the rest; by score, then number. */
static int hit_before(const struct text_sim_hit *a, const struct text_sim_hit *b)
{
    int ra = a->near_copy * (1 + a->same_group), rb = b->near_copy * (1 + b->same_group);
    if (ra != rb)
        return ra > rb;
    if (a->score != b->score)
        return a->score > b->score;
    return a->doc < b->doc;
}

/* Keeps hits[0..*n) the best k, sorted, inserting h. */
static void keep_best(struct text_sim_hit *hits, size_t *n, size_t k, struct text_sim_hit h)
{
    if (*n == k && (k == 0 || !hit_before(&h, &hits[k - 1])))
        return;
    size_t at = *n < k ? (*n)++ : k - 1;
    while (at > 0 && hit_before(&h, &hits[at - 1])) {
        hits[at] = hits[at - 1];
        at--;
    }
    hits[at] = h;
}

int text_sim_query(const struct text_sim *s, uint32_t doc, size_t k, struct text_sim_hit *hits,
                   size_t *nhits, struct err *err)
{
    *nhits = 0;
    if (!s->built || doc >= s->rows.nrows)
        return err_set(err, ERR_INPUT, "similar: no document %u", doc);
    size_t ndocs = s->rows.nrows;
    float *acc = calloc(ndocs + 1, sizeof *acc);
    uint32_t *touched = malloc((ndocs + 1) * sizeof *touched);
    if (!acc || !touched) {
        free(acc), free(touched);
        return err_set(err, ERR_NOMEM, "similar: out of memory");
    }
    size_t ntouched = 0;
    for (size_t q = s->rows.start[doc]; q < s->rows.start[doc + 1]; q++) {
        uint32_t t = s->rows.id[q];
        for (size_t p = s->post_start[t]; p < s->post_start[t + 1]; p++) {
            uint32_t d = s->post[p].doc;
            if (d == doc)
                continue;
            if (acc[d] == 0)
                touched[ntouched++] = d;
            acc[d] += s->rows.w[q] * s->post[p].w;
        }
    }
    for (size_t i = 0; i < ntouched; i++) {
        uint32_t d = touched[i];
        float overlap = pair_overlap(s, doc, d);
        struct text_sim_hit h = {d, fminf(acc[d], 1.0f), overlap, overlap >= TEXT_SIM_NEAR_COPY,
                                 s->group[d] == s->group[doc]};
        keep_best(hits, nhits, k, h);
    }
    free(acc);
    free(touched);
    return 0;
}

/* ---- all pairs above a threshold ---------------------------------------------------------- */

struct prefix_index {
    size_t *start; /* per term + 1: the documents that index it */
    uint32_t *doc;
};

/* The number of leading terms of d (rarest first, in order) that must be indexed: the others
 * weigh less than threshold together. order holds d's row positions sorted rarest first. */
static size_t prefix_length(const struct text_sim *s, const size_t *order, size_t n,
                            float threshold)
{
    double suffix = 0;
    size_t len = n;
    while (len > 0) {
        float w = s->rows.w[order[len - 1]];
        if (sqrt(suffix + (double)w * w) >= threshold)
            break;
        suffix += (double)w * w;
        len--;
    }
    return len;
}

/* Row positions a and b of one document: the rarer term first (ties by term number). */
static int cmp_rarest(const struct text_sim *s, size_t a, size_t b)
{
    uint32_t ta = s->rows.id[a], tb = s->rows.id[b];
    if (s->df[ta] != s->df[tb])
        return s->df[ta] < s->df[tb] ? -1 : 1;
    return (ta > tb) - (ta < tb);
}

/* Sorts n row positions rarest first (insertion sort: rows are short). */
static void sort_rarest(const struct text_sim *s, size_t *pos, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        size_t v = pos[i], j = i;
        while (j > 0 && cmp_rarest(s, v, pos[j - 1]) < 0) {
            pos[j] = pos[j - 1];
            j--;
        }
        pos[j] = v;
    }
}

/* The partial index: for each term, the documents (ascending) whose prefix holds it. */
static int build_prefix_index(const struct text_sim *s, float threshold, struct prefix_index *px)
{
    const struct text_rows *r = &s->rows;
    size_t nterms = text_dict_size(s->dict), ndocs = r->nrows;
    size_t *pos = malloc((r->start[ndocs] + 1) * sizeof *pos);
    size_t *plen = malloc((ndocs + 1) * sizeof *plen);
    px->start = calloc(nterms + 2, sizeof *px->start);
    px->doc = malloc((r->start[ndocs] + 1) * sizeof *px->doc);
    if (!pos || !plen || !px->start || !px->doc) {
        free(pos), free(plen);
        return ERR_NOMEM;
    }
    for (size_t d = 0; d < ndocs; d++) {
        size_t n = r->start[d + 1] - r->start[d];
        for (size_t i = 0; i < n; i++)
            pos[r->start[d] + i] = r->start[d] + i;
        sort_rarest(s, pos + r->start[d], n);
        plen[d] = prefix_length(s, pos + r->start[d], n, threshold);
        for (size_t i = 0; i < plen[d]; i++)
            px->start[r->id[pos[r->start[d] + i]] + 2]++;
    }
    for (size_t t = 2; t < nterms + 2; t++)
        px->start[t] += px->start[t - 1];
    for (size_t d = 0; d < ndocs; d++)
        for (size_t i = 0; i < plen[d]; i++)
            px->doc[px->start[r->id[pos[r->start[d] + i]] + 1]++] = (uint32_t)d;
    free(pos);
    free(plen);
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

int text_sim_pairs(const struct text_sim *s, float threshold, text_sim_pair_cb cb, void *ctx,
                   struct err *err)
{
    if (!s->built || !(threshold > 0 && threshold <= 1))
        return err_set(err, ERR_INPUT, "similar: threshold must be above 0 and at most 1");
    const struct text_rows *r = &s->rows;
    size_t ndocs = r->nrows;
    struct prefix_index px = {0};
    uint32_t *stamp = calloc(ndocs + 1, sizeof *stamp), *cand = malloc((ndocs + 1) * sizeof *cand);
    int rc = stamp && cand ? build_prefix_index(s, threshold, &px) : ERR_NOMEM;
    for (size_t b = 0; !rc && b < ndocs; b++) {
        size_t ncand = 0;
        for (size_t q = r->start[b]; q < r->start[b + 1]; q++) {
            uint32_t t = r->id[q];
            for (size_t p = px.start[t]; p < px.start[t + 1] && px.doc[p] < b; p++) {
                uint32_t a = px.doc[p];
                if (stamp[a] != b + 1) {
                    stamp[a] = (uint32_t)b + 1;
                    cand[ncand++] = a;
                }
            }
        }
        qsort(cand, ncand, sizeof *cand, cmp_u32);
        for (size_t i = 0; i < ncand && !rc; i++) {
            float dot = row_dot(r, cand[i], (uint32_t)b);
            if (dot >= threshold)
                rc = cb(ctx, cand[i], (uint32_t)b, fminf(dot, 1.0f));
        }
    }
    if (rc == ERR_NOMEM)
        err_set(err, rc, "similar: out of memory");
    free(px.start), free(px.doc), free(stamp), free(cand);
    return rc;
}

static uint32_t find_root(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static int join(void *ctx, uint32_t a, uint32_t b, float score)
{
    (void)score;
    uint32_t *parent = ctx;
    uint32_t ra = find_root(parent, a), rb = find_root(parent, b);
    /* the smaller number becomes the root: the result is each group's first document */
    if (ra < rb)
        parent[rb] = ra;
    else if (rb < ra)
        parent[ra] = rb;
    return 0;
}

int text_sim_groups(const struct text_sim *s, float threshold, uint32_t *group, struct err *err)
{
    size_t n = text_sim_count(s);
    for (size_t d = 0; d < n; d++)
        group[d] = (uint32_t)d;
    int rc = text_sim_pairs(s, threshold, join, group, err);
    for (size_t d = 0; !rc && d < n; d++)
        group[d] = find_root(group, (uint32_t)d);
    return rc;
}
