/*
 * train_fit.c — the numeric half of the trainer (train.h): rounds of TF-IDF rows over part or
 * all of the examples plus the label descriptions, held-out scores for tuning, the final
 * classifiers (sixteen labels per block, blocks in parallel: linear.c), and packing the model
 * down to the terms it uses, with 16-bit weights.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/train.h"

/* ---- training rounds ----------------------------------------------------------------------- */

/* Adds every label description to a corpus of its own (same dictionary): desc_label/lang say
 * whose each row is. */
int train_desc_corpus(struct text_trainer *t, struct text_corpus **out, uint32_t **labels,
                      unsigned char **langs, size_t *n, struct err *err)
{
    size_t total = (size_t)t->m->nlabels * TEXT_LANG_COUNT;
    *labels = malloc((total + 1) * sizeof **labels);
    *langs = malloc(total + 1);
    int rc = *labels && *langs ? text_corpus_new(t->work, 1, out, err)
                               : err_set(err, ERR_NOMEM, "classify: out of memory");
    *n = 0;
    for (size_t i = 0; i < total && !rc; i++) {
        const char *s = t->desc_text[i];
        if (!s)
            continue;
        rc = text_corpus_add(*out, t->fz, (enum text_lang)(i % TEXT_LANG_COUNT), s, strlen(s), err);
        (*labels)[*n] = (uint32_t)(i / TEXT_LANG_COUNT);
        (*langs)[(*n)++] = (unsigned char)(i % TEXT_LANG_COUNT);
    }
    return rc;
}

/* idf over the examples where in_train[i] (all when NULL) and the descriptions. */
static int round_idf(struct text_trainer *t, const struct text_corpus *dc,
                     const unsigned char *in_train, struct round *r)
{
    size_t nt = text_dict_size(t->work), n = text_corpus_count(t->ex), used = 0;
    uint32_t *df = calloc(nt + 1, sizeof *df), *ddf = calloc(nt + 1, sizeof *ddf);
    r->idf = calloc(nt + 1, sizeof *r->idf);
    r->nterms = nt;
    if (!df || !ddf || !r->idf) {
        free(df), free(ddf);
        return ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        if (!in_train || in_train[i]) {
            text_corpus_df(t->ex, i, i + 1, df);
            used++;
        }
    }
    size_t nd = text_corpus_count(dc);
    text_corpus_df(dc, 0, nd, ddf);
    int min_df = t->min_df > 0 ? t->min_df : n >= 2000 ? 2 : 1;
    for (size_t k = 0; k < nt; k++)
        if (df[k] >= (uint32_t)min_df || ddf[k])
            r->idf[k] = text_idf(df[k] + ddf[k], (uint32_t)(used + nd));
    free(df);
    free(ddf);
    return 0;
}

static int round_init(struct text_trainer *t, const struct text_corpus *dc,
                      const unsigned char *in_train, struct round *r, struct err *err)
{
    int rc = round_idf(t, dc, in_train, r);
    if (rc)
        return err_set(err, rc, "classify: out of memory");
    rc = text_corpus_rows(t->ex, 0, text_corpus_count(t->ex), r->idf, &r->ex, err);
    if (!rc)
        rc = text_corpus_rows(dc, 0, text_corpus_count(dc), r->idf, &r->desc, err);
    return rc;
}

static void round_free(struct round *r)
{
    free(r->idf);
    text_rows_free(&r->ex);
    text_rows_free(&r->desc);
}

/* The training rows of a round: the examples where in_train (all when NULL), then the
 * descriptions; src[i] is the example number, or examples + description number. */
static int training_rows(const struct round *r, const unsigned char *in_train,
                         struct text_rows *out, uint32_t *src)
{
    size_t nex = r->ex.nrows, rows = 0, nnz = 0;
    for (size_t i = 0; i < nex; i++)
        if (!in_train || in_train[i])
            rows++, nnz += r->ex.start[i + 1] - r->ex.start[i];
    nnz += r->desc.start[r->desc.nrows];
    rows += r->desc.nrows;
    *out = (struct text_rows){.nrows = rows};
    out->start = malloc((rows + 1) * sizeof *out->start);
    out->id = malloc((nnz + 1) * sizeof *out->id);
    out->w = malloc((nnz + 1) * sizeof *out->w);
    if (!out->start || !out->id || !out->w)
        return ERR_NOMEM;
    size_t at = 0, row = 0;
    out->start[0] = 0;
    for (size_t i = 0; i < nex + r->desc.nrows; i++) {
        const struct text_rows *from = i < nex ? &r->ex : &r->desc;
        size_t k = i < nex ? i : i - nex;
        if (i < nex && in_train && !in_train[i])
            continue;
        size_t len = from->start[k + 1] - from->start[k];
        memcpy(out->id + at, from->id + from->start[k], len * sizeof *out->id);
        memcpy(out->w + at, from->w + from->start[k], len * sizeof *out->w);
        at += len;
        src[row++] = (uint32_t)i;
        out->start[row] = at;
    }
    return 0;
}

static int has_label(const struct text_trainer *t, size_t example, uint32_t label)
{
    for (size_t k = t->lab_start[example]; k < t->lab_start[example + 1]; k++)
        if (t->lab[k] == label)
            return 1;
    return 0;
}

/* y for the labels [first, first + LINEAR_BLOCK) over the training rows (row-major); lanes past
 * the last label are -1 and unused. */
static void block_targets(const struct text_trainer *t, const struct round *r, const uint32_t *src,
                          size_t nrows, uint32_t first, signed char *y)
{
    size_t nex = r->ex.nrows;
    memset(y, -1, nrows * LINEAR_BLOCK);
    for (size_t i = 0; i < nrows; i++) {
        if (src[i] >= nex) {
            uint32_t l = r->desc_label[src[i] - nex];
            if (l >= first && l - first < LINEAR_BLOCK)
                y[i * LINEAR_BLOCK + (l - first)] = 1;
            continue;
        }
        for (size_t k = t->lab_start[src[i]]; k < t->lab_start[src[i] + 1]; k++)
            if (t->lab[k] >= first && t->lab[k] - first < LINEAR_BLOCK)
                y[i * LINEAR_BLOCK + (t->lab[k] - first)] = 1;
    }
}

/* The buffers of one block's training. */
struct block_bufs {
    signed char *y;
    float *alpha, *w, b[LINEAR_BLOCK];
};

static int block_bufs_new(struct block_bufs *bb, size_t nrows, size_t nterms)
{
    bb->y = malloc(nrows * LINEAR_BLOCK + 1);
    bb->alpha = calloc(nrows * LINEAR_BLOCK + 1, sizeof *bb->alpha);
    bb->w = malloc((nterms * LINEAR_BLOCK + 1) * sizeof *bb->w);
    return bb->y && bb->alpha && bb->w ? 0 : ERR_NOMEM;
}

static void block_bufs_free(struct block_bufs *bb)
{
    free(bb->y), free(bb->alpha), free(bb->w);
}

static uint32_t block_count(uint32_t nlabels)
{
    return (nlabels + LINEAR_BLOCK - 1) / LINEAR_BLOCK;
}

/* ---- held-out scores ----------------------------------------------------------------------- */

/* Cosines of example `row` with every description of its language into prior[0..nlabels). */
static void prior_of(const struct round *r, size_t row, unsigned char lang, float *dense,
                     float *prior)
{
    for (size_t k = r->ex.start[row]; k < r->ex.start[row + 1]; k++)
        dense[r->ex.id[k]] = r->ex.w[k];
    for (size_t d = 0; d < r->desc.nrows; d++) {
        if (r->desc_lang[d] != lang)
            continue;
        double s = 0;
        for (size_t k = r->desc.start[d]; k < r->desc.start[d + 1]; k++)
            s += (double)dense[r->desc.id[k]] * r->desc.w[k];
        prior[r->desc_label[d]] = (float)s;
    }
    for (size_t k = r->ex.start[row]; k < r->ex.start[row + 1]; k++)
        dense[r->ex.id[k]] = 0;
}

static void linked_of(const struct text_model *m, const float *base_score, float *linked)
{
    for (uint32_t k = 0; m->base && k < m->nlinks; k++)
        linked[m->link[k].to] =
            fmaxf(linked[m->link[k].to], m->link[k].weight * base_score[m->link[k].from]);
}

struct fold_job {
    struct text_trainer *t;
    const struct round *r;
    const struct text_rows *x;
    const uint32_t *src, *held;
    size_t nheld, first;
    struct tune_set *set;
    float *duals; /* blocks x stride x LINEAR_BLOCK: the first fold's solution, or NULL */
    size_t stride;
};

/* One block of labels of a fold: train, then score the held-out examples. */
static int fold_block(void *ctx, uint32_t blk, void *scratch)
{
    (void)scratch;
    const struct fold_job *j = ctx;
    const struct round *r = j->r;
    uint32_t nl = j->t->m->nlabels, first = blk * LINEAR_BLOCK;
    size_t lanes = nl - first < LINEAR_BLOCK ? nl - first : LINEAR_BLOCK, n = j->x->nrows;
    struct block_bufs bb = {0};
    int rc = block_bufs_new(&bb, n, r->nterms);
    if (!rc) {
        block_targets(j->t, r, j->src, n, first, bb.y);
        rc = linear_train_block(j->x, bb.y, lanes, r->nterms, j->t->cost, j->t->seed + blk, 0,
                                bb.alpha, bb.w, bb.b);
    }
    float *duals = j->duals ? j->duals + (size_t)blk * j->stride * LINEAR_BLOCK : NULL;
    for (size_t i = 0; !rc && duals && i < n; i++)
        memcpy(duals + (size_t)j->src[i] * LINEAR_BLOCK, bb.alpha + i * LINEAR_BLOCK,
               LINEAR_BLOCK * sizeof *duals);
    for (size_t h = 0; !rc && h < j->nheld; h++) {
        for (size_t q = 0; q < lanes; q++) {
            double s = bb.b[q];
            for (size_t k = r->ex.start[j->held[h]]; k < r->ex.start[j->held[h] + 1]; k++)
                s += (double)bb.w[(size_t)r->ex.id[k] * LINEAR_BLOCK + q] * r->ex.w[k];
            size_t at = (j->first + h) * nl + first + q;
            j->set->linear[at] = (float)s;
            j->set->gold[at] = (unsigned char)has_label(j->t, j->held[h], (uint32_t)(first + q));
        }
    }
    block_bufs_free(&bb);
    return rc;
}

/* Trains on the examples in in_train and scores the others (held[0..nheld)) into set rows
 * first.. of the tune set. */
static int score_fold(struct text_trainer *t, const struct text_corpus *dc,
                      const unsigned char *in_train, const uint32_t *held, size_t nheld,
                      struct tune_set *set, size_t first, struct round *r, struct err *err)
{
    uint32_t nl = t->m->nlabels;
    struct text_rows x = {0};
    size_t rows = text_corpus_count(t->ex) + text_corpus_count(dc) + 1;
    uint32_t *src = malloc(rows * sizeof *src);
    float *dense = NULL;
    int rc = round_init(t, dc, in_train, r, err);
    if (rc)
        goto out;
    dense = calloc(r->nterms + 1, sizeof *dense);
    if (!src || !dense || training_rows(r, in_train, &x, src)) {
        rc = err_set(err, ERR_NOMEM, "classify: out of memory");
        goto out;
    }
    struct fold_job job = {t, r, &x, src, held, nheld, first, set, first ? NULL : t->duals, rows};
    if ((rc = linear_each_label(block_count(nl), 0, fold_block, &job))) {
        err_set(err, rc, "classify: out of memory");
        goto out;
    }
    size_t nb = t->m->base ? t->m->base->nlabels : 0;
    for (size_t h = 0; h < nheld; h++) {
        prior_of(r, held[h], t->lang[held[h]], dense, set->prior + (first + h) * nl);
        if (nb)
            linked_of(t->m, t->base_score + (size_t)held[h] * nb, set->linked + (first + h) * nl);
    }
out:
    round_free(r);
    *r = (struct round){.desc_label = r->desc_label, .desc_lang = r->desc_lang};
    text_rows_free(&x);
    free(src), free(dense);
    return rc;
}

/* Which fold each example is held out in: one seeded fifth (folds == 1) or a seeded
 * permutation dealt round-robin into folds. */
static void assign_folds(const struct text_trainer *t, size_t n, int folds, uint32_t *fold)
{
    uint64_t rng = t->seed ^ 0x5EED5u;
    if (folds == 1) {
        for (size_t i = 0; i < n; i++)
            fold[i] = linear_mix(&rng) % 5 == 0 ? 0 : 1;
        return;
    }
    uint32_t *perm = fold; /* dealt in place: perm[i] first holds a position */
    for (size_t i = 0; i < n; i++)
        perm[i] = (uint32_t)i;
    for (size_t k = n; k > 1; k--) {
        size_t j = (size_t)(linear_mix(&rng) % k);
        uint32_t v = perm[k - 1];
        perm[k - 1] = perm[j];
        perm[j] = v;
    }
    for (size_t i = 0; i < n; i++)
        perm[i] = (uint32_t)(perm[i] % (uint32_t)folds);
}

static void tune_set_free(struct tune_set *s)
{
    free(s->linear), free(s->prior), free(s->linked), free(s->gold);
}

static int tune_set_alloc(struct tune_set *s, size_t rows, size_t nl)
{
    size_t n = rows * nl + 1;
    *s = (struct tune_set){.nrows = rows, .nlabels = nl};
    s->linear = calloc(n, sizeof(float));
    s->prior = calloc(n, sizeof(float));
    s->linked = calloc(n, sizeof(float));
    s->gold = calloc(n, 1);
    return s->linear && s->prior && s->linked && s->gold ? 0 : ERR_NOMEM;
}

/* Holds examples out, scores them, tunes weights and thresholds into res. */
int train_tune(struct text_trainer *t, const struct text_corpus *dc, struct round *r,
               struct tune_result *res, size_t *nfolds, struct err *err)
{
    size_t n = text_corpus_count(t->ex);
    int folds = t->folds > 0 ? t->folds : n >= 2000 ? 1 : 5;
    if ((size_t)folds > n)
        folds = (int)n;
    *nfolds = (size_t)folds;
    uint32_t *fold = malloc((n + 1) * sizeof *fold), *held = malloc((n + 1) * sizeof *held);
    unsigned char *in_train = malloc(n + 1);
    struct tune_set set = {0};
    size_t stride = n + text_corpus_count(dc) + 1;
    int rc = fold && held && in_train ? 0 : ERR_NOMEM;
    size_t nduals = (size_t)block_count(t->m->nlabels) * LINEAR_BLOCK;
    if (!rc && nduals <= SIZE_MAX / sizeof(float) / stride)
        t->duals = calloc(nduals * stride, sizeof *t->duals);
    if (!rc) {
        assign_folds(t, n, folds, fold);
        size_t rows = 0;
        for (size_t i = 0; i < n; i++)
            rows += fold[i] == 0 || folds > 1;
        rc = tune_set_alloc(&set, rows, t->m->nlabels);
    }
    if (rc) {
        err_set(err, rc, "classify: out of memory");
        goto out;
    }
    size_t first = 0;
    for (int f = 0; f < folds && !rc; f++) {
        size_t nheld = 0;
        for (size_t i = 0; i < n; i++) {
            in_train[i] = fold[i] != (uint32_t)f;
            if (!in_train[i])
                held[nheld++] = (uint32_t)i;
        }
        rc = score_fold(t, dc, in_train, held, nheld, &set, first, r, err);
        first += nheld;
    }
    if (!rc && linear_tune(&set, text_corpus_count(dc) > 0, t->m->nlinks > 0, res))
        rc = err_set(err, ERR_NOMEM, "classify: out of memory");
out:
    tune_set_free(&set);
    free(fold), free(held), free(in_train);
    return rc;
}

/* ---- the final model ------------------------------------------------------------------------ */

/* Passes over all rows when starting from the held-out round's solution: it is already close
 * (four fifths of the rows), and more passes changed no score we measured (docs/classify.md). */
enum { WARM_EPOCHS = 3 };

struct final_job {
    struct text_trainer *t;
    const struct round *r;
    const struct text_rows *x;
    const uint32_t *src;
    float *weight, *bias, *scale;
    const float *duals; /* from the first fold, or NULL */
    size_t stride;
};

/* Weights below 1% of the label's largest are dropped (they move no decision: docs/classify.md)
 * and the rest are rounded to 16-bit steps of scale, so that the model in memory is exactly the
 * one the file holds. */
static void quantize(const float *w, size_t nterms, size_t lane, uint32_t nl, uint32_t label,
                     float *weight, float *scale)
{
    float max = 0;
    for (size_t k = 0; k < nterms; k++)
        max = fmaxf(max, fabsf(w[k * LINEAR_BLOCK + lane]));
    scale[label] = max > 0 ? max / 32767.0f : 1.0f;
    for (size_t k = 0; k < nterms; k++) {
        float v = w[k * LINEAR_BLOCK + lane];
        float q = fabsf(v) < 0.01f * max ? 0.0f : (float)lrintf(v / scale[label]);
        weight[k * nl + label] = q * scale[label];
    }
}

/* One block of labels of the final model. */
static int final_block(void *ctx, uint32_t blk, void *scratch)
{
    (void)scratch;
    const struct final_job *j = ctx;
    const struct round *r = j->r;
    uint32_t nl = j->t->m->nlabels, first = blk * LINEAR_BLOCK;
    size_t lanes = nl - first < LINEAR_BLOCK ? nl - first : LINEAR_BLOCK, n = j->x->nrows;
    struct block_bufs bb = {0};
    int rc = block_bufs_new(&bb, n, r->nterms);
    const float *duals = j->duals ? j->duals + (size_t)blk * j->stride * LINEAR_BLOCK : NULL;
    for (size_t i = 0; !rc && duals && i < n; i++)
        memcpy(bb.alpha + i * LINEAR_BLOCK, duals + (size_t)j->src[i] * LINEAR_BLOCK,
               LINEAR_BLOCK * sizeof *bb.alpha);
    if (!rc) {
        block_targets(j->t, r, j->src, n, first, bb.y);
        rc = linear_train_block(j->x, bb.y, lanes, r->nterms, j->t->cost, j->t->seed + blk,
                                duals ? WARM_EPOCHS : 0, bb.alpha, bb.w, bb.b);
    }
    for (size_t q = 0; !rc && q < lanes; q++) {
        j->bias[first + q] = bb.b[q];
        quantize(bb.w, r->nterms, q, nl, (uint32_t)(first + q), j->weight, j->scale);
    }
    block_bufs_free(&bb);
    return rc;
}

/* Trains every label on all examples and descriptions into weight (nterms x nlabels). */
static int train_all(struct text_trainer *t, const struct text_corpus *dc, struct round *r,
                     float *weight, float *bias, float *scale, struct err *err)
{
    size_t rows = text_corpus_count(t->ex) + text_corpus_count(dc) + 1;
    struct text_rows x = {0};
    uint32_t *src = malloc(rows * sizeof *src);
    int rc = 0;
    if (!src || training_rows(r, NULL, &x, src)) {
        rc = err_set(err, ERR_NOMEM, "classify: out of memory");
        goto out;
    }
    struct final_job job = {t, r, &x, src, weight, bias, scale, t->duals, rows};
    if ((rc = linear_each_label(block_count(t->m->nlabels), 0, final_block, &job)))
        err_set(err, rc, "classify: out of memory");
out:
    text_rows_free(&x);
    free(src);
    return rc;
}

/* Keeps the terms the model uses (a nonzero weight or a description), renumbered in order. */
static int pack(struct text_trainer *t, const struct round *r, const float *weight, struct err *err)
{
    struct text_model *m = t->m;
    uint32_t nl = m->nlabels;
    uint32_t *map = malloc((r->nterms + 1) * sizeof *map);
    unsigned char *used = calloc(r->nterms + 1, 1);
    int rc = map && used ? 0 : ERR_NOMEM;
    for (size_t k = 0; !rc && k < r->desc.start[r->desc.nrows]; k++)
        used[r->desc.id[k]] = 1;
    size_t kept = 0;
    for (size_t k = 0; !rc && k < r->nterms; k++) {
        for (uint32_t l = 0; l < nl && !used[k] && r->idf[k] > 0; l++)
            used[k] = weight[k * nl + l] != 0;
        map[k] = used[k] ? (uint32_t)kept++ : UINT32_MAX;
    }
    if (!rc)
        rc = model_size(m, nl, kept);
    for (size_t k = 0; !rc && k < r->nterms; k++) {
        if (map[k] == UINT32_MAX)
            continue;
        size_t len;
        const char *term = text_dict_term(t->work, (uint32_t)k, &len);
        uint32_t id;
        rc = text_dict_add(m->dict, term, len, &id);
        m->idf[id] = r->idf[k];
        memcpy(m->weight + (size_t)id * nl, weight + k * nl, nl * sizeof *weight);
    }
    for (size_t d = 0; !rc && d < r->desc.nrows; d++) {
        struct text_vec *v = &m->desc[(size_t)r->desc_label[d] * TEXT_LANG_COUNT + r->desc_lang[d]];
        for (size_t k = r->desc.start[d]; !rc && k < r->desc.start[d + 1]; k++)
            rc = text_vec_push(v, map[r->desc.id[k]], r->desc.w[k]);
    }
    free(map);
    free(used);
    return rc ? err_set(err, rc, "classify: out of memory") : 0;
}

/* Without one labelled example nothing can be tuned. A label is kept when an issue the base
 * model is sure of links to it (evidence near 1) or its description is very close (cosine
 * near 0.5); failing both, the best label. */
void train_untuned(struct tune_result *res, int has_prior, int has_links)
{
    res->prior_weight = has_prior ? 2.0f : 0.0f;
    res->link_weight = has_links ? 1.0f : 0.0f;
    res->global = 0.9f;
    res->fallback = -INFINITY;
    res->micro_f1 = 0;
}

int train_finish(struct text_trainer *t, const struct text_corpus *dc, struct round *r,
                 const struct tune_result *res, struct err *err)
{
    struct text_model *m = t->m;
    uint32_t nl = m->nlabels;
    int rc = round_init(t, dc, NULL, r, err);
    float *weight = NULL;
    if (!rc && r->nterms && nl > SIZE_MAX / sizeof(float) / r->nterms)
        rc = err_set(err, ERR_NOMEM, "classify: out of memory");
    if (!rc && !(weight = calloc(r->nterms * nl + 1, sizeof *weight)))
        rc = err_set(err, ERR_NOMEM, "classify: out of memory");
    float *bias = calloc(nl + 1, sizeof *bias), *scale = calloc(nl + 1, sizeof *scale);
    if (!rc && (!bias || !scale))
        rc = err_set(err, ERR_NOMEM, "classify: out of memory");
    /* no labelled example: no classifier to learn, the scores are the prior and crosswalk */
    for (uint32_t l = 0; !rc && !t->nlabelled && l < nl; l++)
        scale[l] = 1.0f;
    if (!rc && t->nlabelled)
        rc = train_all(t, dc, r, weight, bias, scale, err);
    if (!rc)
        rc = pack(t, r, weight, err);
    if (!rc) {
        memcpy(m->bias, bias, nl * sizeof *bias);
        memcpy(m->scale, scale, nl * sizeof *scale);
        memcpy(m->threshold, res->threshold, nl * sizeof *m->threshold);
        m->prior_weight = res->prior_weight;
        m->link_weight = res->link_weight;
        m->fallback = res->fallback;
        m->ndocs = (uint32_t)(text_corpus_count(t->ex) + text_corpus_count(dc));
    }
    free(weight);
    free(bias);
    free(scale);
    round_free(r);
    return rc;
}
