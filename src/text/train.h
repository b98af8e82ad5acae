/*
 * train.h — what the two halves of the trainer share (nothing outside src/text/ includes it):
 * train.c collects examples and labels and runs the training; train_fit.c holds examples out,
 * tunes, trains the final classifiers and packs the model.
 */
#ifndef SUIVI_TEXT_TRAIN_H
#define SUIVI_TEXT_TRAIN_H

#include "text/model.h"

struct text_trainer {
    struct text_model *m; /* names, aliases, vocab, base, links; sized at the end */
    char **desc_text;     /* per label x language, owned; NULL when none */
    size_t cap_labels;
    double cost;
    int min_df, folds;
    uint64_t seed;
    struct text_featurizer *fz;
    struct text_dict *work; /* every term seen */
    struct text_corpus *ex;
    unsigned char *lang; /* per example */
    size_t *lab_start;   /* per example + 1 */
    uint32_t *lab;
    size_t nlab, caplab, capex;
    float *base_score; /* examples x base labels, in [0, 1] */
    size_t nlabelled;
    struct text_prediction base_pred;
    float *duals; /* labels x (examples + descriptions + 1), kept from the first fold */
};

/* The working state of one training round: idf, rows of examples and descriptions. */
struct round {
    float *idf;
    size_t nterms;
    struct text_rows ex, desc;
    uint32_t *desc_label;
    unsigned char *desc_lang;
    size_t ndesc;
};

/* Adds every label description to a corpus of its own (same dictionary): labels[i] and langs[i]
 * say whose row i is. Returns 0 or ERR_NOMEM / ERR_INPUT with err set. */
int train_desc_corpus(struct text_trainer *t, struct text_corpus **out, uint32_t **labels,
                      unsigned char **langs, size_t *n, struct err *err);

/* Holds examples out (one seeded fifth from 2000 examples, else 5 folds), scores them with
 * classifiers trained on the rest, and tunes weights and thresholds into res; *nfolds receives
 * the number of folds. Keeps the first fold's dual solution in t->duals for the final round. */
int train_tune(struct text_trainer *t, const struct text_corpus *dc, struct round *r,
               struct tune_result *res, size_t *nfolds, struct err *err);

/* The settings when no example is labelled (nothing to tune). */
void train_untuned(struct tune_result *res, int has_prior, int has_links);

/* Trains the final classifiers on everything and packs them, with res, into t->m. */
int train_finish(struct text_trainer *t, const struct text_corpus *dc, struct round *r,
                 const struct tune_result *res, struct err *err);

#endif
