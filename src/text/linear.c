/*
 * linear.c — the numeric core of the classifier (model.h): linear SVMs by dual coordinate
 * descent, sixteen labels at a time, blocks of labels on parallel threads, and the tuning of
 * score weights and thresholds on held-out examples.
 *
 * The solver is liblinear's for the L2-regularised squared hinge loss (what scikit-learn's
 * LinearSVC runs by default) and its stopping rule (projected-gradient spread), without
 * shrinking: a row's margins for sixteen labels cost little more than for one. Rows are visited
 * in an order shuffled by a seeded splitmix64, so training is reproducible.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text/model.h"

enum { MAX_EPOCHS = 100 };
/* liblinear stops at 0.1; 0.5 halves the passes and moved no score of ours by more than the
 * noise of the seed (docs/classify.md) */
#define STOP_EPS 0.5f

uint64_t linear_mix(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

float model_sigmoid(float x)
{
    return (float)(1.0 / (1.0 + exp(-(double)x)));
}

/* Labels are trained LANES at a time: for one row, the margins of all of them come from the
 * same terms, and each term's weights for the block sit side by side, so one pass over the row
 * serves every label with vector arithmetic (GCC/Clang vector extensions: SSE on any x86-64).
 * Each lane is its own SVM, exactly as if trained alone, visiting rows in the same order. */
typedef float lanes4 __attribute__((vector_size(16)));
enum { LANES = LINEAR_BLOCK, NVEC = 4 };
_Static_assert(LINEAR_BLOCK == 16, "row_margins and row_update hold four vectors of four");

struct block {
    const struct text_rows *x;
    const signed char *y; /* nrows x LANES */
    lanes4 *w;            /* nterms x NVEC */
    float b[LANES];
    float *alpha; /* nrows x LANES */
    double *qd;
    float diag;

    uint32_t *order;
    size_t nlanes;
    uint64_t rng;
};

static void row_margins(const struct block *s, size_t i, lanes4 *m)
{
    /* four named accumulators (NVEC is 4) stay in registers; an array would go through memory */
    lanes4 m0 = {0, 0, 0, 0}, m1 = m0, m2 = m0, m3 = m0;
    for (size_t k = s->x->start[i]; k < s->x->start[i + 1]; k++) {
        const lanes4 *wr = s->w + (size_t)s->x->id[k] * NVEC;
        float v = s->x->w[k];
        lanes4 xv = {v, v, v, v};
        m0 += wr[0] * xv;
        m1 += wr[1] * xv;
        m2 += wr[2] * xv;
        m3 += wr[3] * xv;
    }
    m[0] = m0, m[1] = m1, m[2] = m2, m[3] = m3;
}

/* w += d x_i, lane by lane. */
static void row_update(struct block *s, size_t i, const lanes4 *d)
{
    lanes4 d0 = d[0], d1 = d[1], d2 = d[2], d3 = d[3];
    for (size_t k = s->x->start[i]; k < s->x->start[i + 1]; k++) {
        lanes4 *wr = s->w + (size_t)s->x->id[k] * NVEC;
        float v = s->x->w[k];
        lanes4 xv = {v, v, v, v};
        wr[0] += d0 * xv;
        wr[1] += d1 * xv;
        wr[2] += d2 * xv;
        wr[3] += d3 * xv;
    }
}

/* The coordinate step of every lane for row i; returns whether any dual moved, with the moves
 * times y in d. pgmax/pgmin gather the projected gradients of the pass. */
static int row_step(struct block *s, size_t i, const lanes4 *m, lanes4 *d, float *pgmax,
                    float *pgmin)
{
    int moved = 0;
    float *dd = (float *)d, *alpha = s->alpha + i * LANES, qd = (float)s->qd[i];
    const float *mm = (const float *)m;
    const signed char *y = s->y + i * LANES;
    for (size_t j = 0; j < s->nlanes; j++) {
        float g = y[j] * (mm[j] + s->b[j]) - 1.0f + alpha[j] * s->diag;
        float pg = alpha[j] == 0 && g > 0 ? 0 : g;
        pgmax[j] = pg > pgmax[j] ? pg : pgmax[j];
        pgmin[j] = pg < pgmin[j] ? pg : pgmin[j];
        dd[j] = 0;
        if (pg > -1e-12f && pg < 1e-12f)
            continue;
        float old = alpha[j], a = old - g / qd;
        alpha[j] = a > 0 ? a : 0;
        dd[j] = (alpha[j] - old) * (float)y[j];
        s->b[j] += dd[j];
        moved |= dd[j] != 0;
    }
    for (size_t j = s->nlanes; j < LANES; j++)
        dd[j] = 0;
    return moved;
}

/* One pass over the rows in a fresh seeded order; returns 1 when every lane has converged. */
static int block_epoch(struct block *s)
{
    size_t n = s->x->nrows;
    float pgmax[LANES], pgmin[LANES];
    for (size_t j = 0; j < LANES; j++)
        pgmax[j] = -INFINITY, pgmin[j] = INFINITY;
    for (size_t k = n; k > 1; k--) {
        size_t j = (size_t)(linear_mix(&s->rng) % k);
        uint32_t t = s->order[k - 1];
        s->order[k - 1] = s->order[j];
        s->order[j] = t;
    }
    for (size_t r = 0; r < n; r++) {
        size_t i = s->order[r];
        lanes4 m[NVEC], d[NVEC];
        row_margins(s, i, m);
        if (row_step(s, i, m, d, pgmax, pgmin))
            row_update(s, i, d);
    }
    for (size_t j = 0; j < s->nlanes; j++)
        if (pgmax[j] - pgmin[j] > STOP_EPS)
            return 0;
    return 1;
}

/* Starts from the given duals: w = sum of alpha y x. */
static void warm_start(struct block *s)
{
    for (size_t i = 0; i < s->x->nrows; i++) {
        lanes4 d[NVEC];
        float *dd = (float *)d;
        int any = 0;
        for (size_t j = 0; j < LANES; j++) {
            dd[j] = s->alpha[i * LANES + j] * s->y[i * LANES + j];
            s->b[j] += dd[j];
            any |= dd[j] != 0;
        }
        if (any)
            row_update(s, i, d);
    }
}

int linear_train_block(const struct text_rows *x, const signed char *y, size_t nlanes,
                       size_t nterms, double cost, uint64_t seed, int max_epochs, float *alpha,
                       float *w, float *b)
{
    size_t n = x->nrows;
    struct block s = {
        .x = x, .y = y, .alpha = alpha, .nlanes = nlanes, .diag = (float)(0.5 / cost), .rng = seed};
    s.w = aligned_alloc(16, (nterms + 1) * sizeof(lanes4) * NVEC);
    s.qd = malloc((n + 1) * sizeof *s.qd);
    s.order = malloc((n + 1) * sizeof *s.order);
    int rc = ERR_NOMEM;
    if (!s.w || !s.qd || !s.order || nlanes > LANES)
        goto out;
    memset(s.w, 0, (nterms + 1) * sizeof(lanes4) * NVEC);
    for (size_t i = 0; i < n; i++) {
        double sq = 1.0; /* the bias feature */
        for (size_t k = x->start[i]; k < x->start[i + 1]; k++)
            sq += (double)x->w[k] * x->w[k];
        s.qd[i] = sq + s.diag;
        s.order[i] = (uint32_t)i;
    }
    warm_start(&s);
    int cap = max_epochs > 0 && max_epochs < MAX_EPOCHS ? max_epochs : MAX_EPOCHS;
    for (int it = 0; it < cap && !block_epoch(&s); it++)
        ;
    for (size_t t = 0; t < nterms; t++)
        memcpy(w + t * LANES, s.w + t * NVEC, LANES * sizeof *w);
    for (size_t j = 0; j < LANES; j++)
        b[j] = s.b[j];
    rc = 0;
out:
    free(s.w);
    free(s.qd);
    free(s.order);
    return rc;
}

/* ---- labels in parallel ---------------------------------------------------------------------- */

enum { MAX_THREADS = 8 };

struct pool {
    uint32_t nlabels;
    size_t scratch_bytes;
    linear_job job;
    void *ctx;
    atomic_uint next;
    int *rc; /* per label */
};

static void *worker(void *arg)
{
    struct pool *p = arg;
    void *scratch = malloc(p->scratch_bytes ? p->scratch_bytes : 1);
    for (;;) {
        unsigned l = atomic_fetch_add(&p->next, 1u);
        if (l >= p->nlabels)
            break;
        p->rc[l] = scratch ? p->job(p->ctx, l, scratch) : ERR_NOMEM;
    }
    free(scratch);
    return NULL;
}

int linear_each_label(uint32_t nlabels, size_t scratch_bytes, linear_job job, void *ctx)
{
    struct pool p = {.nlabels = nlabels, .scratch_bytes = scratch_bytes, .job = job, .ctx = ctx};
    atomic_init(&p.next, 0u);
    if (!(p.rc = calloc(nlabels + 1, sizeof *p.rc)))
        return ERR_NOMEM;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t nthreads = cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (size_t)cpus;
    if (nthreads > nlabels)
        nthreads = nlabels ? nlabels : 1;
    pthread_t threads[MAX_THREADS];
    size_t started = 0;
    for (size_t i = 1; i < nthreads; i++)
        if (pthread_create(&threads[started], NULL, worker, &p) == 0)
            started++;
    worker(&p); /* the calling thread works too; alone when no thread could start */
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    int rc = 0;
    for (uint32_t l = 0; l < nlabels && !rc; l++)
        rc = p.rc[l];
    free(p.rc);
    return rc;
}

/* ---- tuning ------------------------------------------------------------------------------------
 */

/* Thresholds are searched on this grid; scores beyond it are clamped (a label that never
 * clears LOW is never kept, one above HIGH always is). */
#define GRID_LOW (-1.6f)
#define GRID_HIGH 1.6f
#define GRID_STEP 0.02f

struct counts {
    long tp, predicted, gold;
};

static double f1_of(struct counts c)
{
    long fp = c.predicted - c.tp, fn = c.gold - c.tp;
    return c.tp ? 2.0 * c.tp / (2.0 * c.tp + fp + fn) : 0.0;
}

/* Combined scores -> counts for a global threshold th and fallback fb, by direct count. */
static struct counts count_at(const struct tune_set *set, const float *score, const float *th,
                              float fb)
{
    struct counts c = {0};
    for (size_t r = 0; r < set->nrows; r++) {
        const float *s = score + r * set->nlabels;
        const unsigned char *g = set->gold + r * set->nlabels;
        size_t best = 0, kept = 0;
        for (size_t l = 0; l < set->nlabels; l++) {
            c.gold += g[l];
            if (s[l] > s[best])
                best = l;
            if (s[l] >= th[l]) {
                kept++;
                c.predicted++;
                c.tp += g[l];
            }
        }
        if (!kept && set->nlabels && s[best] >= fb) {
            c.predicted++;
            c.tp += g[best];
        }
    }
    return c;
}

static int cmp_float_desc(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x < y) - (x > y);
}

/* Best global threshold and fallback for one set of combined scores, on the grid. Pair scores
 * are bucketed by grid step so that every candidate costs O(1). */
static double best_global(const struct tune_set *set, const float *score, float *th_out,
                          float *fb_out)
{
    enum { NB = (int)((GRID_HIGH - GRID_LOW) / GRID_STEP) + 2 };
    static const float fb_offsets[] = {0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.6f, 0.8f, 1.2f, 99.0f};
    long pairs[NB] = {0}, pos[NB] = {0}, top[NB] = {0}, top_gold[NB] = {0}, gold = 0;
    for (size_t r = 0; r < set->nrows; r++) {
        size_t best = 0;
        for (size_t l = 0; l < set->nlabels; l++) {
            float s = score[r * set->nlabels + l];
            int b = s <= GRID_LOW    ? 0
                    : s >= GRID_HIGH ? NB - 1
                                     : 1 + (int)((s - GRID_LOW) / GRID_STEP);
            pairs[b]++;
            pos[b] += set->gold[r * set->nlabels + l];
            gold += set->gold[r * set->nlabels + l];
            if (s > score[r * set->nlabels + best])
                best = l;
        }
        float s = score[r * set->nlabels + best];
        int b = s <= GRID_LOW ? 0 : s >= GRID_HIGH ? NB - 1 : 1 + (int)((s - GRID_LOW) / GRID_STEP);
        top[b]++;
        top_gold[b] += set->gold[r * set->nlabels + best];
    }
    /* suffix sums: pairs/pos at or above bucket b; rows whose top is below bucket b */
    long sp[NB + 1] = {0}, spos[NB + 1] = {0}, ptop[NB + 1] = {0}, ptg[NB + 1] = {0};
    for (int b = NB - 1; b >= 0; b--) {
        sp[b] = sp[b + 1] + pairs[b];
        spos[b] = spos[b + 1] + pos[b];
    }
    for (int b = 0; b < NB; b++) {
        ptop[b + 1] = ptop[b] + top[b];
        ptg[b + 1] = ptg[b] + top_gold[b];
    }
    double best_f1 = -1;
    for (int b = 1; b < NB; b++) {
        for (size_t o = 0; o < sizeof fb_offsets / sizeof fb_offsets[0]; o++) {
            int fbb = b - (int)lroundf(fb_offsets[o] / GRID_STEP);
            if (fbb < 0)
                fbb = 0;
            struct counts c = {spos[b] + ptg[b] - ptg[fbb], sp[b] + ptop[b] - ptop[fbb], gold};
            double f = f1_of(c);
            if (f > best_f1 + 1e-12) {
                best_f1 = f;
                *th_out = GRID_LOW + (float)(b - 1) * GRID_STEP;
                *fb_out = fb_offsets[o] > 50 ? INFINITY : *th_out - fb_offsets[o];
            }
        }
    }
    return best_f1;
}

static void combine(const struct tune_set *set, float pw, float lw, float *score)
{
    size_t n = set->nrows * set->nlabels;
    for (size_t i = 0; i < n; i++)
        score[i] = set->linear[i] + pw * set->prior[i] + lw * set->linked[i];
}

/* Moves each label's threshold off the global one when its held-out examples say so, shrunk
 * towards the global value by how few they are. */
static void tune_labels(const struct tune_set *set, const float *score, struct tune_result *res)
{
    struct counts all = count_at(set, score, res->threshold, res->fallback);
    for (size_t l = 0; l < set->nlabels; l++) {
        long npos = 0;
        for (size_t r = 0; r < set->nrows; r++)
            npos += set->gold[r * set->nlabels + l];
        if (npos < 5)
            continue;
        float best_t = res->global;
        double best_f = f1_of(all);
        for (float d = -0.4f; d <= 0.401f; d += 0.05f) {
            float t = res->global + d;
            struct counts c = all;
            for (size_t r = 0; r < set->nrows; r++) {
                float s = score[r * set->nlabels + l];
                int g = set->gold[r * set->nlabels + l];
                int was = s >= res->global, now = s >= t;
                c.predicted += now - was;
                c.tp += g * (now - was);
            }
            double f = f1_of(c);
            if (f > best_f + 1e-9) {
                best_f = f;
                best_t = t;
            }
        }
        res->threshold[l] = res->global + (best_t - res->global) * (float)npos / (float)(npos + 20);
    }
}

int linear_tune(const struct tune_set *set, int use_prior, int use_links, struct tune_result *out)
{
    static const float prior_grid[] = {0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 3.0f};
    static const float link_grid[] = {0.0f, 0.25f, 0.5f, 1.0f, 2.0f};
    size_t np = use_prior ? sizeof prior_grid / sizeof *prior_grid : 1;
    size_t nl = use_links ? sizeof link_grid / sizeof *link_grid : 1;
    float *score = malloc((set->nrows * set->nlabels + 1) * sizeof *score);
    if (!score)
        return ERR_NOMEM;
    out->micro_f1 = -1;
    for (size_t i = 0; i < np; i++) {
        for (size_t j = 0; j < nl; j++) {
            combine(set, prior_grid[i], link_grid[j], score);
            float th = 0, fb = INFINITY;
            double f = best_global(set, score, &th, &fb);
            if (f > out->micro_f1 + 1e-9) {
                out->micro_f1 = f;
                out->prior_weight = prior_grid[i];
                out->link_weight = link_grid[j];
                out->global = th;
                out->fallback = fb;
            }
        }
    }
    combine(set, out->prior_weight, out->link_weight, score);
    for (size_t l = 0; l < set->nlabels; l++)
        out->threshold[l] = out->global;
    tune_labels(set, score, out);
    out->micro_f1 = f1_of(count_at(set, score, out->threshold, out->fallback));
    free(score);
    (void)cmp_float_desc;
    return 0;
}
