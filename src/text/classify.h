/*
 * classify.h — multi-label text classification for tagging recommendations with a vocabulary
 * (UPR Info issues, UHRI themes, affected persons, SDG goals): training, prediction with scores
 * and reasons, and the model file (docs/model-format.md).
 *
 * A model scores every label of its vocabulary for a text and keeps those above the label's
 * threshold (at least the best one when its score clears the fallback threshold). A label's
 * score adds three parts (docs/classify.md says why):
 *   - a linear classifier (one per label, L2-loss SVM) over TF-IDF terms (tfidf.h), learnt
 *     from the examples;
 *   - the cosine between the text and the label's own descriptive text in the text's language
 *     (an SDG goal with its targets, a UHRI label), times the prior weight;
 *   - through a crosswalk, the scores of a base model for another vocabulary (UPR Info issues
 *     -> UHRI themes / SDG goals), times the link weight.
 * The weights and thresholds are tuned on examples held out of training. Everything is
 * deterministic: the same examples in the same order give the same model, byte for byte.
 *
 * Labels are named as the vocabulary spells them. Names given by examples are matched to them
 * by comparison key (text_name_key: case, accents, "&"/"and", punctuation), after dropping a
 * leading code of a capital and digits as OHCHR prints UHRI themes ("B31 Equality & ..."), and
 * through the aliases given; a name matching nothing becomes a label of its own.
 */
#ifndef SUIVI_TEXT_CLASSIFY_H
#define SUIVI_TEXT_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>

#include "text/fold.h"
#include "text/tfidf.h"
#include "util/buf.h"
#include "util/err.h"

struct text_model;
struct text_trainer;

/* A label of the vocabulary, known before any example. */
struct text_label_info {
    const char *name;                  /* as the model prints it, e.g. "5" or "Right to health" */
    const char *text[TEXT_LANG_COUNT]; /* what it means, per language; NULL when none */
};

/* Another name for a label (an alias of the vocabulary, an older spelling). */
struct text_alias {
    const char *name, *label;
};

/* A crosswalk entry: base-model label `from` is evidence for label `to`, with weight. */
struct text_link {
    const char *from, *to;
    float weight;
};

struct text_train_opts {
    const char *vocab; /* recorded in the model (e.g. "upr_issue"); may be NULL */
    const char *about; /* recorded: how and on what it was trained; may be NULL */
    double cost;       /* SVM C; 0: 1.0 */
    int min_df;        /* terms of fewer examples are dropped; 0: 2 from 2000 examples, else 1 */
    int folds;         /* 0: automatic (one held-out fifth from 2000 examples, else 5 folds) */
    uint64_t seed;     /* for the held-out split and the order of updates; 0 is a fine seed */
    const struct text_label_info *labels; /* the vocabulary (may be NULL) */
    size_t nlabels;
    const struct text_alias *aliases;
    size_t naliases;
    const struct text_model *base; /* crosswalk source (copied into the model); may be NULL */
    const struct text_link *links;
    size_t nlinks;
};

/* A trainer collecting examples; the caller frees it with text_trainer_free. opts and everything
 * it points to is copied. Returns 0, ERR_INPUT (a link naming no base label, an empty label
 * name), ERR_NOMEM. */
int text_trainer_new(const struct text_train_opts *opts, struct text_trainer **out,
                     struct err *err) SUIVI_MUST_CHECK;
void text_trainer_free(struct text_trainer *t);

/* Adds one example: text[0..n) in lang with its labels (names as printed; empty ones skipped,
 * repeats counted once). An example without labels is a negative for every label. Returns 0,
 * ERR_INPUT (unknown lang, more than 2^31 examples), ERR_NOMEM. */
int text_trainer_add(struct text_trainer *t, enum text_lang lang, const char *text, size_t n,
                     const char *const *labels, size_t nlabels, struct err *err) SUIVI_MUST_CHECK;

/* Training figures, for the person running it. */
struct text_train_report {
    size_t examples, labelled, labels, terms, folds;
    double heldout_micro_f1; /* on the held-out examples, with the tuned settings */
    float prior_weight, link_weight, threshold;
};

/* Trains the model into *out (caller frees with text_model_free); report may be NULL.
 * Returns 0, ERR_INPUT (no example and no vocabulary), ERR_NOMEM. */
int text_trainer_run(struct text_trainer *t, struct text_model **out,
                     struct text_train_report *report, struct err *err) SUIVI_MUST_CHECK;

void text_model_free(struct text_model *m);

/* ---- using a model ----------------------------------------------------------------------------
 */

size_t text_model_label_count(const struct text_model *m);
/* The name of label i (NULL out of range). */
const char *text_model_label(const struct text_model *m, size_t i);
/* Appends the comparison key of a label name: without a leading "B31 "-style code, then
 * text_name_key ("b31 Equality &  non-discrimination" -> "equality and non discrimination").
 * Returns 0, ERR_NOMEM, ERR_INPUT (invalid UTF-8). */
int text_label_key(const char *name, struct buf *out) SUIVI_MUST_CHECK;

/* The label the name stands for (same matching as training), or -1. */
long text_model_label_find(const struct text_model *m, const char *name);
/* The vocabulary and training note recorded in the model ("" when none). */
const char *text_model_vocab(const struct text_model *m);
const char *text_model_about(const struct text_model *m);

struct text_label_score {
    uint32_t label;
    float score;
};

/* A prediction: every label's score, and the labels kept, best first. */
struct text_prediction {
    size_t nlabels;
    float *score;                  /* nlabels */
    struct text_label_score *kept; /* nkept, by descending score, then label number */
    size_t nkept;
    float *linear, *prior, *linked; /* the parts of score, for reasons */
    struct text_vec vec;            /* the text's terms */
    struct text_vec base_vec;
    float *base_score;
};

void text_prediction_free(struct text_prediction *p);

/* Scores text[0..n) in lang with m into *p (which may be reused across calls: it is resized).
 * fz tokenizes (a featurizer per thread). Returns 0, ERR_INPUT (unknown lang), ERR_NOMEM. */
int text_model_predict(const struct text_model *m, struct text_featurizer *fz, enum text_lang lang,
                       const char *text, size_t n, struct text_prediction *p,
                       struct err *err) SUIVI_MUST_CHECK;

/* Appends to out a short reason for label's score in the last prediction p made with m: the
 * terms that weigh most ("tortur, option protocol"), "label text" when the description did most,
 * "via <base label>" for the crosswalk. Returns 0 or ERR_NOMEM. */
int text_model_reason(const struct text_model *m, const struct text_prediction *p, uint32_t label,
                      size_t max_terms, struct buf *out) SUIVI_MUST_CHECK;

/* ---- the model file ------------------------------------------------------------------------- */

/* Appends the model in the binary format of docs/model-format.md. Returns 0 or ERR_NOMEM. */
int text_model_save(const struct text_model *m, struct buf *out) SUIVI_MUST_CHECK;

/* Reads a model from bytes[0..n) (copied from). Any input gives either a model or ERR_INPUT
 * with what is wrong ("model: section WGHT: label 3 out of range") — never a crash, never
 * unbounded memory. name prefixes the message. ERR_VERSION for a newer format. */
int text_model_load(const char *name, const void *bytes, size_t n, struct text_model **out,
                    struct err *err) SUIVI_MUST_CHECK;

/* A model may name its base model (a file beside it) instead of holding a copy: the models
 * shipped in data/models/ share one UPR Info issue model that way. */

/* Makes m's file name its base as name (a file name without directories) instead of holding
 * it. Returns 0, ERR_INPUT (m has no base, or name holds '/'), ERR_NOMEM. */
int text_model_set_base_ref(struct text_model *m, const char *name) SUIVI_MUST_CHECK;

/* When the model in bytes[0..n) names its base, appends that name to out and returns 1; 0 when
 * it does not (or is not a readable model: text_model_load will say why); ERR_NOMEM. */
int text_model_base_ref(const void *bytes, size_t n, struct buf *out) SUIVI_MUST_CHECK;

/* text_model_load for a model that names its base: base is that model (ownership passes to the
 * new model, also on error; it is freed then). ERR_INPUT when base is not the model the
 * reference was made to (checksums differ). */
int text_model_load_with_base(const char *name, const void *bytes, size_t n,
                              struct text_model *base, struct text_model **out,
                              struct err *err) SUIVI_MUST_CHECK;

#define TEXT_MODEL_FORMAT_VERSION 1

#endif
