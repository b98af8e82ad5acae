/*
 * classify.c — using a classification model (classify.h): label names and their keys, scoring
 * a text, choosing the labels to keep, and saying why. Training is in train.c, the file format
 * in model_io.c, the numeric core in linear.c; model.h is what they share.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/key.h"
#include "text/model.h"

struct text_model *model_alloc(void)
{
    struct text_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->dict = text_dict_new();
    m->alias_key = text_dict_new();
    m->bigrams = 1;
    m->fallback = INFINITY;
    if (!m->dict || !m->alias_key) {
        text_model_free(m);
        return NULL;
    }
    return m;
}

/* Sizes the per-label and per-term arrays (zeroed); the label names array is kept when the
 * trainer already made it. Called once per model. */
int model_size(struct text_model *m, uint32_t nlabels, size_t nterms)
{
    m->nlabels = nlabels;
    size_t nl = nlabels ? nlabels : 1, nt = nterms ? nterms : 1;
    if (!m->label)
        m->label = calloc(nl, sizeof *m->label);
    m->bias = calloc(nl, sizeof *m->bias);
    m->scale = calloc(nl, sizeof *m->scale);
    m->threshold = calloc(nl, sizeof *m->threshold);
    m->desc = calloc(nl * TEXT_LANG_COUNT, sizeof *m->desc);
    m->idf = calloc(nt, sizeof *m->idf);
    m->weight = nl > SIZE_MAX / sizeof(float) / nt ? NULL : calloc(nt * nl, sizeof *m->weight);
    return m->label && m->bias && m->scale && m->threshold && m->desc && m->idf && m->weight
               ? 0
               : ERR_NOMEM;
}

void text_model_free(struct text_model *m)
{
    if (!m)
        return;
    for (uint32_t i = 0; m->label && i < m->nlabels; i++)
        free(m->label[i]);
    for (size_t i = 0; m->desc && i < (size_t)m->nlabels * TEXT_LANG_COUNT; i++)
        text_vec_free(&m->desc[i]);
    free(m->label);
    free(m->bias);
    free(m->scale);
    free(m->threshold);
    free(m->desc);
    free(m->idf);
    free(m->weight);
    free(m->alias_label);
    free(m->link);
    free(m->vocab);
    free(m->about);
    text_dict_free(m->dict);
    text_dict_free(m->alias_key);
    text_model_free(m->base);
    free(m->base_ref);
    free(m);
}

int text_label_key(const char *name, struct buf *out)
{
    /* "B31 Equality & non-discrimination", "G1 Members of minorities": a capital, 1-3 digits,
     * spaces, then the name. */
    const char *p = name;
    while (*p == ' ' || *p == '\t')
        p++;
    if (p[0] >= 'A' && p[0] <= 'Z' && p[1] >= '0' && p[1] <= '9') {
        const char *q = p + 1;
        while (*q >= '0' && *q <= '9' && q - p <= 3)
            q++;
        if (*q == ' ' && q[1] && q[1] != ' ')
            p = q + 1;
    }
    return text_name_key(p, out);
}

int model_alias_add(struct text_model *m, const char *name, uint32_t label)
{
    struct buf key = BUF_INIT;
    int rc = text_label_key(name, &key);
    if (rc || !key.len) {
        buf_free(&key);
        return rc ? rc : 0;
    }
    size_t before = text_dict_size(m->alias_key);
    uint32_t id;
    rc = text_dict_add(m->alias_key, key.data, key.len, &id);
    buf_free(&key);
    if (rc || text_dict_size(m->alias_key) == before)
        return rc;
    uint32_t *labels = realloc(m->alias_label, (id + 1) * sizeof *labels);
    if (!labels)
        return ERR_NOMEM;
    m->alias_label = labels;
    labels[id] = label;
    return 0;
}

size_t text_model_label_count(const struct text_model *m)
{
    return m->nlabels;
}

const char *text_model_label(const struct text_model *m, size_t i)
{
    return i < m->nlabels ? m->label[i] : NULL;
}

long text_model_label_find(const struct text_model *m, const char *name)
{
    struct buf key = BUF_INIT;
    long found = -1;
    if (!text_label_key(name, &key) && key.len) {
        long id = text_dict_find(m->alias_key, key.data, key.len);
        if (id >= 0)
            found = m->alias_label[id];
    }
    buf_free(&key);
    return found;
}

const char *text_model_vocab(const struct text_model *m)
{
    return m->vocab ? m->vocab : "";
}

const char *text_model_about(const struct text_model *m)
{
    return m->about ? m->about : "";
}

void text_prediction_free(struct text_prediction *p)
{
    free(p->score);
    free(p->kept);
    free(p->linear);
    free(p->prior);
    free(p->linked);
    free(p->base_score);
    text_vec_free(&p->vec);
    text_vec_free(&p->base_vec);
    *p = (struct text_prediction){0};
}

static int prediction_size(struct text_prediction *p, size_t nlabels, size_t nbase)
{
    if (p->nlabels != nlabels || !p->score) {
        float *a[4] = {NULL};
        for (int i = 0; i < 4; i++)
            a[i] = calloc(nlabels ? nlabels : 1, sizeof(float));
        struct text_label_score *kept = calloc(nlabels ? nlabels : 1, sizeof *kept);
        if (!a[0] || !a[1] || !a[2] || !a[3] || !kept) {
            for (int i = 0; i < 4; i++)
                free(a[i]);
            free(kept);
            return ERR_NOMEM;
        }
        free(p->score), free(p->linear), free(p->prior), free(p->linked), free(p->kept);
        p->score = a[0], p->linear = a[1], p->prior = a[2], p->linked = a[3], p->kept = kept;
        p->nlabels = nlabels;
    }
    free(p->base_score);
    p->base_score = calloc(nbase ? nbase : 1, sizeof *p->base_score);
    return p->base_score ? 0 : ERR_NOMEM;
}

static int by_score(const void *a, const void *b)
{
    const struct text_label_score *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->label > y->label) - (x->label < y->label);
}

/* The linear and prior parts of every label for the vector in p->vec. */
static void score_parts(const struct text_model *m, enum text_lang lang, struct text_prediction *p)
{
    uint32_t nl = m->nlabels;
    for (uint32_t l = 0; l < nl; l++) {
        p->linear[l] = m->bias[l];
        const struct text_vec *d = &m->desc[(size_t)l * TEXT_LANG_COUNT + lang];
        p->prior[l] = d->n ? (float)text_vec_dot(&p->vec, d) : 0.0f;
        p->linked[l] = 0;
    }
    for (size_t k = 0; k < p->vec.n; k++) {
        const float *row = m->weight + (size_t)p->vec.id[k] * nl;
        float x = p->vec.w[k];
        for (uint32_t l = 0; l < nl; l++)
            p->linear[l] += row[l] * x;
    }
}

/* Keeps the labels at or above their thresholds, or the best one above the fallback. */
static void choose(const struct text_model *m, struct text_prediction *p)
{
    p->nkept = 0;
    uint32_t best = 0;
    for (uint32_t l = 0; l < m->nlabels; l++) {
        if (p->score[l] > p->score[best])
            best = l;
        if (p->score[l] >= m->threshold[l])
            p->kept[p->nkept++] = (struct text_label_score){l, p->score[l]};
    }
    if (!p->nkept && m->nlabels && p->score[best] >= m->fallback)
        p->kept[p->nkept++] = (struct text_label_score){best, p->score[best]};
    qsort(p->kept, p->nkept, sizeof *p->kept, by_score);
}

int text_model_predict(const struct text_model *m, struct text_featurizer *fz, enum text_lang lang,
                       const char *text, size_t n, struct text_prediction *p, struct err *err)
{
    if ((unsigned)lang >= TEXT_LANG_COUNT)
        return err_set(err, ERR_INPUT, "classify: unknown language %d", (int)lang);
    int rc = prediction_size(p, m->nlabels, m->base ? m->base->nlabels : 0);
    if (!rc)
        rc = text_tfidf_vector(fz, m->dict, m->idf, lang, text, n, m->bigrams, &p->vec);
    if (rc)
        return err_set(err, rc, "classify: out of memory");
    score_parts(m, lang, p);
    if (m->base && m->nlinks) {
        struct text_prediction bp = {0};
        rc = text_model_predict(m->base, fz, lang, text, n, &bp, err);
        if (rc) {
            text_prediction_free(&bp);
            return rc;
        }
        for (uint32_t i = 0; i < m->base->nlabels; i++)
            p->base_score[i] = model_sigmoid(3.0f * (bp.score[i] - m->base->threshold[i]));
        text_prediction_free(&bp);
        for (uint32_t k = 0; k < m->nlinks; k++)
            p->linked[m->link[k].to] =
                fmaxf(p->linked[m->link[k].to], m->link[k].weight * p->base_score[m->link[k].from]);
    }
    for (uint32_t l = 0; l < m->nlabels; l++)
        p->score[l] = p->linear[l] + m->prior_weight * p->prior[l] + m->link_weight * p->linked[l];
    choose(m, p);
    return 0;
}

struct term_weight {
    uint32_t id;
    float w;
};

static int by_weight(const void *a, const void *b)
{
    const struct term_weight *x = a, *y = b;
    if (x->w != y->w)
        return x->w < y->w ? 1 : -1;
    return (x->id > y->id) - (x->id < y->id);
}

/* The crosswalk link that did most for label, or -1. */
static long strongest_link(const struct text_model *m, const struct text_prediction *p,
                           uint32_t label)
{
    long best = -1;
    float best_v = 0;
    for (uint32_t k = 0; m->base && k < m->nlinks; k++) {
        if (m->link[k].to != label)
            continue;
        float v = m->link[k].weight * p->base_score[m->link[k].from];
        if (v > best_v) {
            best_v = v;
            best = (long)k;
        }
    }
    return best;
}

int text_model_reason(const struct text_model *m, const struct text_prediction *p, uint32_t label,
                      size_t max_terms, struct buf *out)
{
    if (label >= m->nlabels || p->nlabels != m->nlabels)
        return 0;
    struct term_weight *tw = malloc((p->vec.n + 1) * sizeof *tw);
    if (!tw)
        return ERR_NOMEM;
    size_t n = 0;
    for (size_t k = 0; k < p->vec.n; k++) {
        float c = m->weight[(size_t)p->vec.id[k] * m->nlabels + label] * p->vec.w[k];
        if (c > 0.01f)
            tw[n++] = (struct term_weight){p->vec.id[k], c};
    }
    qsort(tw, n, sizeof *tw, by_weight);
    size_t start = out->len;
    for (size_t i = 0; i < n && i < max_terms; i++) {
        buf_puts(out, i ? ", " : "");
        buf_puts(out, text_dict_term(m->dict, tw[i].id, NULL));
    }
    free(tw);
    float prior = m->prior_weight * p->prior[label];
    if (prior > 0.05f)
        buf_printf(out, "%slabel text %.2f", out->len > start ? "; " : "", (double)p->prior[label]);
    long k = strongest_link(m, p, label);
    if (k >= 0 && m->link_weight * m->link[k].weight * p->base_score[m->link[k].from] > 0.05f)
        buf_printf(out, "%svia %s", out->len > start ? "; " : "", m->base->label[m->link[k].from]);
    return out->oom ? ERR_NOMEM : 0;
}
