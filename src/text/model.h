/*
 * model.h — inside a classification model (classify.h), shared by the files that build, use and
 * store it: classify.c (trainer, prediction), linear.c (the SVM solver and threshold tuning) and
 * model_io.c (the file format). Nothing outside src/text/ includes it.
 */
#ifndef SUIVI_TEXT_MODEL_H
#define SUIVI_TEXT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "text/classify.h"
#include "text/tfidf.h"

struct model_link {
    uint32_t from; /* label of the base model */
    uint32_t to;   /* label of this model */
    float weight;
};

struct text_model {
    char *vocab, *about;
    int bigrams;
    uint32_t ndocs;         /* documents the idf was computed over */
    struct text_dict *dict; /* terms */
    float *idf;             /* per term */
    uint32_t nlabels;
    char **label;          /* names */
    float *weight;         /* nterms x nlabels, row per term */
    float *bias;           /* per label */
    float *scale;          /* per label: weights are multiples of it (16-bit steps in the file) */
    float *threshold;      /* per label */
    float fallback;        /* the best label is kept when no label clears its threshold and its
                            * score is at least this */
    float prior_weight;    /* times the cosine with the label's description */
    float link_weight;     /* times the crosswalk score */
    struct text_vec *desc; /* nlabels x TEXT_LANG_COUNT unit vectors (may be empty) */
    struct text_dict *alias_key; /* comparison keys of names and aliases */
    uint32_t *alias_label;       /* per alias key */
    struct text_model *base;     /* crosswalk source or NULL */
    char *base_ref;              /* when set, the file stores this name of the base, not a copy */
    uint32_t base_crc;           /* checksum of the base the reference was made to */
    uint32_t crc;                /* this model's checksum, as its file ends with */
    struct model_link *link;
    uint32_t nlinks;
};

/* Registers key(name) -> label (the first registration of a key wins). */
int model_alias_add(struct text_model *m, const char *name, uint32_t label);

/* An empty model with room for nlabels labels and nterms terms (weights zero). */
struct text_model *model_alloc(void);
int model_size(struct text_model *m, uint32_t nlabels, size_t nterms);

/* Logistic function, for crosswalk evidence in [0, 1]. */
float model_sigmoid(float x);

/* ---- linear.c ----------------------------------------------------------------------------------
 */

/* Trains LINEAR_BLOCK binary L2-regularised L2-loss SVMs at once (lanes; the first nlanes are
 * used) by dual coordinate descent (Hsieh et al. 2008, liblinear's solver without shrinking),
 * each with a bias feature of 1: y is nrows x LINEAR_BLOCK of +1 / -1; w receives nterms x
 * LINEAR_BLOCK weights, b LINEAR_BLOCK biases. seed fixes the order rows are visited in.
 * alpha (nrows x LINEAR_BLOCK dual variables) is where the solver starts (zeros: cold; the
 * duals of a model trained on part of the rows: warm) and holds the solution on return.
 * max_epochs caps the passes over the rows (0: until converged, at most 100). Returns 0 or
 * ERR_NOMEM. */
#define LINEAR_BLOCK 16
int linear_train_block(const struct text_rows *x, const signed char *y, size_t nlanes,
                       size_t nterms, double cost, uint64_t seed, int max_epochs, float *alpha,
                       float *w, float *b);

/* Runs job(ctx, i, scratch) once for every i below njobs (blocks of labels), on as many threads
 * as there are processors (at most 8); each thread has its own scratch of scratch_bytes. Jobs
 * are independent, so the results do not depend on the scheduling. Returns 0, or the error of
 * the lowest-numbered job that failed. */
typedef int (*linear_job)(void *ctx, uint32_t label, void *scratch);
int linear_each_label(uint32_t nlabels, size_t scratch_bytes, linear_job job, void *ctx);

/* Held-out scores for tuning: nrows x nlabels of each part, and the gold labels. */
struct tune_set {
    size_t nrows, nlabels;
    float *linear, *prior, *linked;
    unsigned char *gold;     /* nrows x nlabels, 1 = has the label */
    unsigned char *labelled; /* per label: 1 when any training example had it */
};

struct tune_result {
    float prior_weight, link_weight, fallback, global;
    float *threshold; /* nlabels, filled */
    double micro_f1;
};

/* Chooses the prior and link weights, the thresholds and the fallback threshold that give the
 * best micro-F1 over the set. Returns 0 or ERR_NOMEM. */
int linear_tune(const struct tune_set *set, int use_prior, int use_links, struct tune_result *out);

/* A 64-bit mixing step (splitmix64), the only source of "randomness" in training. */
uint64_t linear_mix(uint64_t *state);

#endif
