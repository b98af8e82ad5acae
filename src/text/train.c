/*
 * train.c — the trainer of classify.h: collects examples and label descriptions, holds some
 * examples out to tune the score weights and thresholds (linear.c), then trains one linear SVM
 * per label on everything and packs the model (only the terms it uses).
 *
 * Label descriptions take part twice: as extra examples (positive for their label, negative for
 * the others), which gives every label some weights even without examples, and as the prior
 * (cosine with the text). Terms seen in fewer than min_df examples are dropped unless a
 * description uses them: that keeps French and Spanish label texts when every example is
 * English.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/train.h"

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

/* The label a name stands for; a new label when create is set and none matches. -1 when none
 * matches (create 0), ERR_NOMEM / ERR_INPUT as negative values. */
static long intern_label(struct text_trainer *t, const char *name, int create)
{
    long found = text_model_label_find(t->m, name);
    if (found >= 0 || !create)
        return found;
    const char *p = name;
    while (*p == ' ' || *p == '\t')
        p++;
    struct buf key = BUF_INIT;
    int bad = text_label_key(p, &key) || !key.len; /* no letter or digit: not a name */
    buf_free(&key);
    if (bad)
        return ERR_INPUT;
    struct text_model *m = t->m;
    if (m->nlabels == t->cap_labels) {
        size_t cap = t->cap_labels ? t->cap_labels * 2 : 64;
        char **label = realloc(m->label, cap * sizeof *label);
        if (!label)
            return ERR_NOMEM;
        m->label = label;
        char **desc = realloc(t->desc_text, cap * TEXT_LANG_COUNT * sizeof *desc);
        if (!desc)
            return ERR_NOMEM;
        t->desc_text = desc;
        t->cap_labels = cap;
    }
    uint32_t id = m->nlabels;
    if (!(m->label[id] = dup_str(p)))
        return ERR_NOMEM;
    size_t len = strlen(m->label[id]);
    while (len && (m->label[id][len - 1] == ' ' || m->label[id][len - 1] == '\t'))
        m->label[id][--len] = '\0';
    for (int k = 0; k < TEXT_LANG_COUNT; k++)
        t->desc_text[(size_t)id * TEXT_LANG_COUNT + k] = NULL;
    m->nlabels++;
    int rc = model_alias_add(m, name, id);
    return rc ? rc : (long)id;
}

static int copy_base(struct text_trainer *t, const struct text_model *base, struct err *err)
{
    struct buf b = BUF_INIT;
    int rc = text_model_save(base, &b);
    if (!rc)
        rc = text_model_load("base model", b.data, b.len, &t->m->base, err);
    else
        err_set(err, rc, "classify: out of memory");
    buf_free(&b);
    return rc;
}

static int add_links(struct text_trainer *t, const struct text_train_opts *o, struct err *err)
{
    struct text_model *m = t->m;
    if (!o->nlinks)
        return 0;
    if (!(m->link = calloc(o->nlinks, sizeof *m->link)))
        return err_set(err, ERR_NOMEM, "classify: out of memory");
    for (size_t i = 0; i < o->nlinks; i++) {
        long from = m->base ? text_model_label_find(m->base, o->links[i].from) : -1;
        long to = intern_label(t, o->links[i].to, 0);
        if (from < 0 || to < 0)
            return err_set(err, ERR_INPUT, "crosswalk: \"%s\" -> \"%s\": %s is not a label",
                           o->links[i].from, o->links[i].to, from < 0 ? "the first" : "the second");
        m->link[m->nlinks++] =
            (struct model_link){(uint32_t)from, (uint32_t)to, o->links[i].weight};
    }
    return 0;
}

static int add_vocabulary(struct text_trainer *t, const struct text_train_opts *o, struct err *err)
{
    for (size_t i = 0; i < o->nlabels; i++) {
        long id = o->labels[i].name ? intern_label(t, o->labels[i].name, 1) : ERR_INPUT;
        if (id == ERR_INPUT)
            return err_set(err, ERR_INPUT, "classify: vocabulary entry %zu has no name", i + 1);
        if (id < 0)
            return err_set(err, ERR_NOMEM, "classify: out of memory");
        for (int k = 0; k < TEXT_LANG_COUNT; k++) {
            const char *s = o->labels[i].text[k];
            char **slot = &t->desc_text[(size_t)id * TEXT_LANG_COUNT + k];
            if (s && *s && !*slot && !(*slot = dup_str(s)))
                return err_set(err, ERR_NOMEM, "classify: out of memory");
        }
    }
    for (size_t i = 0; i < o->naliases; i++) {
        long id = intern_label(t, o->aliases[i].label, 0);
        if (id < 0)
            return err_set(err, ERR_INPUT, "classify: alias \"%s\" names no label (\"%s\")",
                           o->aliases[i].name, o->aliases[i].label);
        if (model_alias_add(t->m, o->aliases[i].name, (uint32_t)id))
            return err_set(err, ERR_NOMEM, "classify: out of memory");
    }
    return 0;
}

int text_trainer_new(const struct text_train_opts *o, struct text_trainer **out, struct err *err)
{
    struct text_trainer *t = calloc(1, sizeof *t);
    *out = NULL;
    if (!t || !(t->m = model_alloc()) || !(t->work = text_dict_new()) ||
        !(t->lab_start = calloc(1, sizeof *t->lab_start))) {
        text_trainer_free(t);
        return err_set(err, ERR_NOMEM, "classify: out of memory");
    }
    t->cost = o->cost > 0 ? o->cost : 1.0;
    t->min_df = o->min_df;
    t->folds = o->folds;
    t->seed = o->seed;
    int rc = text_featurizer_new(&t->fz, err);
    if (!rc)
        rc = text_corpus_new(t->work, 1, &t->ex, err);
    if (!rc && ((o->vocab && !(t->m->vocab = dup_str(o->vocab))) ||
                (o->about && !(t->m->about = dup_str(o->about)))))
        rc = err_set(err, ERR_NOMEM, "classify: out of memory");
    if (!rc)
        rc = add_vocabulary(t, o, err);
    if (!rc && o->base)
        rc = copy_base(t, o->base, err);
    if (!rc)
        rc = add_links(t, o, err);
    if (rc) {
        text_trainer_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

void text_trainer_free(struct text_trainer *t)
{
    if (!t)
        return;
    for (size_t i = 0; t->desc_text && t->m && i < (size_t)t->m->nlabels * TEXT_LANG_COUNT; i++)
        free(t->desc_text[i]);
    free(t->desc_text);
    text_model_free(t->m);
    text_featurizer_free(t->fz);
    text_corpus_free(t->ex);
    text_dict_free(t->work);
    free(t->lang);
    free(t->lab_start);
    free(t->lab);
    free(t->base_score);
    text_prediction_free(&t->base_pred);
    free(t->duals);
    free(t);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int grow_examples(struct text_trainer *t, size_t nlabels)
{
    size_t n = text_corpus_count(t->ex);
    if (n + 2 > t->capex) {
        size_t cap = t->capex ? t->capex * 2 : 1024;
        unsigned char *lang = realloc(t->lang, cap);
        if (!lang)
            return ERR_NOMEM;
        t->lang = lang;
        size_t *start = realloc(t->lab_start, (cap + 1) * sizeof *start);
        if (!start)
            return ERR_NOMEM;
        t->lab_start = start;
        size_t nb = t->m->base ? t->m->base->nlabels : 0;
        if (nb) {
            float *bs = realloc(t->base_score, cap * nb * sizeof *bs);
            if (!bs)
                return ERR_NOMEM;
            t->base_score = bs;
        }
        t->capex = cap;
    }
    if (t->nlab + nlabels > t->caplab) {
        size_t cap = t->caplab ? t->caplab * 2 : 4096;
        while (cap < t->nlab + nlabels)
            cap *= 2;
        uint32_t *lab = realloc(t->lab, cap * sizeof *lab);
        if (!lab)
            return ERR_NOMEM;
        t->lab = lab;
        t->caplab = cap;
    }
    return 0;
}

static int add_base_scores(struct text_trainer *t, size_t row, enum text_lang lang,
                           const char *text, size_t n, struct err *err)
{
    const struct text_model *b = t->m->base;
    if (!b)
        return 0;
    int rc = text_model_predict(b, t->fz, lang, text, n, &t->base_pred, err);
    for (uint32_t i = 0; !rc && i < b->nlabels; i++)
        t->base_score[row * b->nlabels + i] =
            model_sigmoid(3.0f * (t->base_pred.score[i] - b->threshold[i]));
    return rc;
}

int text_trainer_add(struct text_trainer *t, enum text_lang lang, const char *text, size_t n,
                     const char *const *labels, size_t nlabels, struct err *err)
{
    if ((unsigned)lang >= TEXT_LANG_COUNT)
        return err_set(err, ERR_INPUT, "classify: unknown language %d", (int)lang);
    size_t row = text_corpus_count(t->ex);
    if (grow_examples(t, nlabels))
        return err_set(err, ERR_NOMEM, "classify: out of memory");
    size_t first = t->nlab;
    for (size_t i = 0; i < nlabels; i++) {
        long id = intern_label(t, labels[i], 1);
        if (id == ERR_INPUT)
            continue; /* an empty name */
        if (id < 0)
            return err_set(err, ERR_NOMEM, "classify: out of memory");
        t->lab[t->nlab++] = (uint32_t)id;
    }
    if (t->nlab > first)
        qsort(t->lab + first, t->nlab - first, sizeof *t->lab, cmp_u32);
    size_t w = first;
    for (size_t i = first; i < t->nlab; i++)
        if (i == first || t->lab[i] != t->lab[w - 1])
            t->lab[w++] = t->lab[i];
    t->nlab = w;
    int rc = text_corpus_add(t->ex, t->fz, lang, text, n, err);
    if (!rc)
        rc = add_base_scores(t, row, lang, text, n, err);
    if (rc) {
        t->nlab = first;
        return rc;
    }
    t->lang[row] = (unsigned char)lang;
    t->lab_start[row + 1] = t->nlab;
    t->nlabelled += t->nlab > first;
    return 0;
}

int text_trainer_run(struct text_trainer *t, struct text_model **out,
                     struct text_train_report *report, struct err *err)
{
    *out = NULL;
    struct text_model *m = t->m;
    if (!m || !m->nlabels)
        return err_set(err, ERR_INPUT,
                       "classify: no labels: the examples name none and no "
                       "vocabulary was given");
    struct text_corpus *dc = NULL;
    struct round r = {0};
    struct tune_result res = {.threshold = calloc(m->nlabels, sizeof(float))};
    size_t folds = 0;
    int rc = res.threshold ? train_desc_corpus(t, &dc, &r.desc_label, &r.desc_lang, &r.ndesc, err)
                           : err_set(err, ERR_NOMEM, "classify: out of memory");
    if (!rc && t->nlabelled && text_corpus_count(t->ex) >= 2)
        rc = train_tune(t, dc, &r, &res, &folds, err);
    else if (!rc)
        train_untuned(&res, text_corpus_count(dc) > 0, m->nlinks > 0);
    for (uint32_t l = 0; !rc && !t->nlabelled && l < m->nlabels; l++)
        res.threshold[l] = res.global;
    if (!rc)
        rc = train_finish(t, dc, &r, &res, err);
    if (!rc && report)
        *report =
            (struct text_train_report){text_corpus_count(t->ex), t->nlabelled,    m->nlabels,
                                       text_dict_size(m->dict),  folds,           res.micro_f1,
                                       res.prior_weight,         res.link_weight, res.global};
    if (!rc) {
        for (size_t i = 0; i < (size_t)m->nlabels * TEXT_LANG_COUNT; i++)
            free(t->desc_text[i]);
        free(t->desc_text);
        t->desc_text = NULL;
        *out = m;
        t->m = NULL;
    }
    free(res.threshold);
    free(r.desc_label);
    free(r.desc_lang);
    text_corpus_free(dc);
    return rc;
}
