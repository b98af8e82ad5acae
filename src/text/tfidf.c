/*
 * tfidf.c — terms, dictionary, sparse vectors and corpora (see tfidf.h).
 *
 * The dictionary is an open-addressing table of term numbers over one pool of NUL-terminated
 * strings; numbers are handed out in order of first appearance, so nothing depends on the
 * table's layout. A corpus keeps each document as (term, count) pairs and weighs them only when
 * asked, so that the caller may compute idf over any part of it (training split, whole set).
 */
#include "text/tfidf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/stem.h"
#include "text/tokenize.h"
#include "util/buf.h"

/* ---- dictionary ------------------------------------------------------------------------------ */

struct text_dict {
    uint32_t *slot; /* id + 1, 0 = empty; nslots is a power of two */
    size_t nslots;
    uint32_t *hash; /* per id */
    size_t *off;    /* per id: offset of the term in pool */
    size_t n, cap;
    struct buf pool;
};

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

struct text_dict *text_dict_new(void)
{
    return calloc(1, sizeof(struct text_dict));
}

void text_dict_free(struct text_dict *d)
{
    if (!d)
        return;
    free(d->slot);
    free(d->hash);
    free(d->off);
    buf_free(&d->pool);
    free(d);
}

static long lookup(const struct text_dict *d, const char *term, size_t len, uint32_t h,
                   size_t *slot_out)
{
    if (!d->nslots) {
        *slot_out = 0;
        return -1;
    }
    size_t mask = d->nslots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t v = d->slot[i];
        if (!v) {
            *slot_out = i;
            return -1;
        }
        uint32_t id = v - 1;
        const char *t = d->pool.data + d->off[id];
        if (d->hash[id] == h && !strncmp(t, term, len) && t[len] == '\0')
            return id;
    }
}

long text_dict_find(const struct text_dict *d, const char *term, size_t len)
{
    size_t slot;
    return lookup(d, term, len, hash_bytes(term, len), &slot);
}

static int grow_slots(struct text_dict *d)
{
    size_t n = d->nslots ? d->nslots * 2 : 1024;
    uint32_t *slot = calloc(n, sizeof *slot);
    if (!slot)
        return ERR_NOMEM;
    for (size_t id = 0; id < d->n; id++) {
        size_t i = d->hash[id] & (n - 1);
        while (slot[i])
            i = (i + 1) & (n - 1);
        slot[i] = (uint32_t)id + 1;
    }
    free(d->slot);
    d->slot = slot;
    d->nslots = n;
    return 0;
}

int text_dict_add(struct text_dict *d, const char *term, size_t len, uint32_t *id)
{
    if (len > TEXT_TERM_MAX || memchr(term, '\0', len))
        return ERR_INPUT;
    uint32_t h = hash_bytes(term, len);
    size_t slot;
    long found = lookup(d, term, len, h, &slot);
    if (found >= 0) {
        *id = (uint32_t)found;
        return 0;
    }
    if (d->n >= TEXT_DICT_MAX)
        return ERR_INPUT;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 1024;
        uint32_t *hash = realloc(d->hash, cap * sizeof *hash);
        if (!hash)
            return ERR_NOMEM;
        d->hash = hash;
        size_t *off = realloc(d->off, cap * sizeof *off);
        if (!off)
            return ERR_NOMEM;
        d->off = off;
        d->cap = cap;
    }
    size_t at = d->pool.len;
    if (buf_append(&d->pool, term, len) || buf_putc(&d->pool, '\0'))
        return ERR_NOMEM;
    d->hash[d->n] = h;
    d->off[d->n] = at;
    d->n++;
    if (d->n * 2 > d->nslots) {
        if (grow_slots(d)) {
            d->n--;
            d->pool.len = at;
            return ERR_NOMEM;
        }
    } else {
        d->slot[slot] = (uint32_t)d->n;
    }
    *id = (uint32_t)(d->n - 1);
    return 0;
}

const char *text_dict_term(const struct text_dict *d, uint32_t id, size_t *len)
{
    if (id >= d->n)
        return NULL;
    const char *t = d->pool.data + d->off[id];
    if (len)
        *len = strlen(t);
    return t;
}

size_t text_dict_size(const struct text_dict *d)
{
    return d->n;
}

/* ---- sparse vectors ------------------------------------------------------------------------- */

int text_vec_push(struct text_vec *v, uint32_t id, float w)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 32;
        uint32_t *ids = realloc(v->id, cap * sizeof *ids);
        if (!ids)
            return ERR_NOMEM;
        v->id = ids;
        float *ws = realloc(v->w, cap * sizeof *ws);
        if (!ws)
            return ERR_NOMEM;
        v->w = ws;
        v->cap = cap;
    }
    v->id[v->n] = id;
    v->w[v->n] = w;
    v->n++;
    return 0;
}

void text_vec_sort(struct text_vec *v)
{
    /* Insertion sort: vectors are a few dozen entries, mostly in order already. */
    for (size_t i = 1; i < v->n; i++) {
        uint32_t id = v->id[i];
        float w = v->w[i];
        size_t j = i;
        for (; j > 0 && v->id[j - 1] > id; j--) {
            v->id[j] = v->id[j - 1];
            v->w[j] = v->w[j - 1];
        }
        v->id[j] = id;
        v->w[j] = w;
    }
    size_t out = 0;
    for (size_t i = 0; i < v->n; i++) {
        if (out && v->id[out - 1] == v->id[i]) {
            v->w[out - 1] += v->w[i];
        } else {
            v->id[out] = v->id[i];
            v->w[out] = v->w[i];
            out++;
        }
    }
    v->n = out;
}

void text_vec_normalize(struct text_vec *v)
{
    double ss = 0;
    for (size_t i = 0; i < v->n; i++)
        ss += (double)v->w[i] * v->w[i];
    if (ss <= 0)
        return;
    double inv = 1.0 / sqrt(ss);
    for (size_t i = 0; i < v->n; i++)
        v->w[i] = (float)(v->w[i] * inv);
}

double text_vec_dot(const struct text_vec *a, const struct text_vec *b)
{
    double s = 0;
    size_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->id[i] < b->id[j])
            i++;
        else if (a->id[i] > b->id[j])
            j++;
        else
            s += (double)a->w[i++] * b->w[j++];
    }
    return s;
}

void text_vec_reset(struct text_vec *v)
{
    v->n = 0;
}

void text_vec_free(struct text_vec *v)
{
    free(v->id);
    free(v->w);
    *v = (struct text_vec){0};
}

/* ---- terms ----------------------------------------------------------------------------------- */

/* Function words: their stems are dropped before terms and pairs are made. Words that carry a
 * recommendation's meaning ("not", "against", "sans") stay out of these lists only when they
 * would change a label; the pairs around a dropped word still catch "violence against women" as
 * "violenc woman". */
static const char *const stop_en[] = {
    "a",        "about",     "above",  "after",    "again", "all",    "also",  "am",
    "among",    "an",        "and",    "any",      "are",   "as",     "at",    "be",
    "been",     "before",    "being",  "between",  "both",  "but",    "by",    "can",
    "could",    "do",        "does",   "during",   "each",  "either", "etc",   "for",
    "from",     "further",   "had",    "has",      "have",  "having", "he",    "her",
    "here",     "his",       "how",    "i",        "if",    "in",     "into",  "is",
    "it",       "its",       "itself", "may",      "more",  "most",   "much",  "must",
    "my",       "nor",       "of",     "on",       "once",  "only",   "or",    "other",
    "our",      "ours",      "out",    "over",     "own",   "per",    "same",  "shall",
    "she",      "should",    "so",     "some",     "such",  "than",   "that",  "the",
    "their",    "theirs",    "them",   "then",     "there", "these",  "they",  "this",
    "those",    "through",   "thus",   "to",       "too",   "under",  "until", "upon",
    "very",     "via",       "was",    "we",       "well",  "were",   "what",  "when",
    "where",    "whether",   "which",  "while",    "who",   "whom",   "whose", "why",
    "will",     "with",      "within", "would",    "you",   "your",   "take",  "taking",
    "continue", "continued", "ensure", "ensuring", NULL};
static const char *const stop_fr[] = {
    "a",    "à",     "afin",  "ainsi",   "au",        "aux",       "avec",       "ce",
    "ces",  "cet",   "cette", "d",       "dans",      "de",        "des",        "du",
    "elle", "elles", "en",    "entre",   "est",       "et",        "été",        "être",
    "il",   "ils",   "l",     "la",      "le",        "les",       "leur",       "leurs",
    "lui",  "mais",  "même",  "ne",      "notamment", "nous",      "ont",        "ou",
    "où",   "par",   "pour",  "qu",      "que",       "qui",       "sa",         "se",
    "ses",  "son",   "sont",  "sur",     "tout",      "tous",      "toute",      "toutes",
    "un",   "une",   "y",     "veiller", "prendre",   "continuer", "poursuivre", NULL};
static const char *const stop_es[] = {
    "a",     "al",     "así",       "como",    "con", "cual",  "de",   "del",   "e",     "el",
    "en",    "entre",  "es",        "esa",     "ese", "esta",  "este", "estas", "estos", "fin",
    "ha",    "han",    "la",        "las",     "lo",  "los",   "o",    "para",  "por",   "que",
    "quien", "se",     "ser",       "sido",    "sin", "sobre", "son",  "su",    "sus",   "también",
    "todo",  "todos",  "toda",      "todas",   "u",   "un",    "una",  "unos",  "unas",  "y",
    "velar", "seguir", "continuar", "adoptar", NULL};

struct lang_tools {
    struct text_tokenizer *tk;
    struct text_dict *stop; /* stems of the function words */
};

struct text_featurizer {
    struct lang_tools lang[TEXT_LANG_COUNT];
    struct buf stems; /* this text's kept stems, each NUL-terminated */
    size_t *starts;   /* offsets of the stems in stems */
    size_t nstems, cap;
    struct buf pair;
    struct text_vec scratch;
};

int text_featurizer_new(struct text_featurizer **out, struct err *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : err_set(err, ERR_NOMEM, "featurizer: out of memory");
}

void text_featurizer_free(struct text_featurizer *fz)
{
    if (!fz)
        return;
    for (int i = 0; i < TEXT_LANG_COUNT; i++) {
        text_tokenizer_free(fz->lang[i].tk);
        text_dict_free(fz->lang[i].stop);
    }
    buf_free(&fz->stems);
    buf_free(&fz->pair);
    free(fz->starts);
    text_vec_free(&fz->scratch);
    free(fz);
}

static int make_stop(enum text_lang lang, struct text_dict *stop, struct err *err)
{
    const char *const *words = lang == TEXT_LANG_FR   ? stop_fr
                               : lang == TEXT_LANG_ES ? stop_es
                                                      : stop_en;
    struct text_stemmer *st = NULL;
    int rc = text_stemmer_new(lang, &st, err);
    struct buf b = BUF_INIT;
    for (size_t i = 0; !rc && words[i]; i++) {
        buf_reset(&b);
        uint32_t id;
        rc = text_stem_word(st, words[i], strlen(words[i]), &b);
        if (!rc && b.len)
            rc = text_dict_add(stop, b.data, b.len, &id);
    }
    if (rc && rc != ERR_INPUT)
        err_set(err, rc, "featurizer: out of memory");
    buf_free(&b);
    text_stemmer_free(st);
    return rc;
}

static int tools_for(struct text_featurizer *fz, enum text_lang lang, struct lang_tools **out,
                     struct err *err)
{
    if ((unsigned)lang >= TEXT_LANG_COUNT)
        return err_set(err, ERR_INPUT, "featurizer: unknown language %d", (int)lang);
    struct lang_tools *t = &fz->lang[lang];
    if (!t->tk) {
        if (!(t->stop = text_dict_new()))
            return err_set(err, ERR_NOMEM, "featurizer: out of memory");
        int rc = make_stop(lang, t->stop, err);
        if (!rc)
            rc = text_tokenizer_new(lang, &t->tk, err);
        if (rc) {
            text_dict_free(t->stop);
            t->stop = NULL;
            return rc;
        }
    }
    *out = t;
    return 0;
}

struct collect {
    struct text_featurizer *fz;
    const struct text_dict *stop;
};

static int collect_stem(void *ctx, const char *tok, size_t len, size_t start, size_t end,
                        int colocated)
{
    (void)start, (void)end, (void)colocated;
    struct collect *c = ctx;
    struct text_featurizer *fz = c->fz;
    if (text_dict_find(c->stop, tok, len) >= 0)
        return 0;
    if (fz->nstems == fz->cap) {
        size_t cap = fz->cap ? fz->cap * 2 : 64;
        size_t *s = realloc(fz->starts, cap * sizeof *s);
        if (!s)
            return ERR_NOMEM;
        fz->starts = s;
        fz->cap = cap;
    }
    fz->starts[fz->nstems++] = fz->stems.len;
    if (buf_append(&fz->stems, tok, len) || buf_putc(&fz->stems, '\0'))
        return ERR_NOMEM;
    return 0;
}

int text_terms_each(struct text_featurizer *fz, enum text_lang lang, const char *text, size_t n,
                    int bigrams, text_term_cb cb, void *ctx)
{
    struct lang_tools *t = NULL;
    struct err err = {0};
    int rc = tools_for(fz, lang, &t, &err);
    if (rc)
        return rc;
    buf_reset(&fz->stems);
    fz->nstems = 0;
    struct collect c = {fz, t->stop};
    if ((rc = text_tokenize(t->tk, text, n, TEXT_TOK_QUERY, collect_stem, &c)))
        return rc;
    for (size_t i = 0; i < fz->nstems; i++) {
        const char *s = fz->stems.data + fz->starts[i];
        if ((rc = cb(ctx, s, strlen(s))))
            return rc;
    }
    for (size_t i = 0; bigrams && i + 1 < fz->nstems; i++) {
        buf_reset(&fz->pair);
        buf_puts(&fz->pair, fz->stems.data + fz->starts[i]);
        buf_putc(&fz->pair, ' ');
        buf_puts(&fz->pair, fz->stems.data + fz->starts[i + 1]);
        if (fz->pair.oom)
            return ERR_NOMEM;
        if ((rc = cb(ctx, fz->pair.data, fz->pair.len)))
            return rc;
    }
    return 0;
}

float text_idf(uint32_t df, uint32_t ndocs)
{
    return (float)(log((1.0 + ndocs) / (1.0 + df)) + 1.0);
}

/* Turns a vector of (term, 1) entries into sorted (term, (1 + ln tf) x idf), unit length. */
static void weigh(struct text_vec *v, const float *idf)
{
    text_vec_sort(v);
    size_t out = 0;
    for (size_t i = 0; i < v->n; i++) {
        float w = idf[v->id[i]];
        if (w <= 0)
            continue;
        v->id[out] = v->id[i];
        v->w[out++] = (float)((1.0 + log(v->w[i])) * w);
    }
    v->n = out;
    text_vec_normalize(v);
}

struct lookup_ctx {
    const struct text_dict *d;
    struct text_vec *v;
};

static int lookup_term(void *ctx, const char *term, size_t len)
{
    struct lookup_ctx *l = ctx;
    long id = text_dict_find(l->d, term, len);
    return id < 0 ? 0 : text_vec_push(l->v, (uint32_t)id, 1.0f);
}

int text_tfidf_vector(struct text_featurizer *fz, const struct text_dict *d, const float *idf,
                      enum text_lang lang, const char *text, size_t n, int bigrams,
                      struct text_vec *out)
{
    text_vec_reset(out);
    struct lookup_ctx l = {d, out};
    int rc = text_terms_each(fz, lang, text, n, bigrams, lookup_term, &l);
    if (rc)
        return rc;
    weigh(out, idf);
    return 0;
}

/* ---- corpus ---------------------------------------------------------------------------------- */

struct text_corpus {
    struct text_dict *d;
    int bigrams;
    size_t ndocs, capdocs;
    size_t *start; /* ndocs + 1 */
    uint32_t *id;
    uint32_t *count;
    size_t n, cap;
    struct text_vec doc;
};

int text_corpus_new(struct text_dict *d, int bigrams, struct text_corpus **out, struct err *err)
{
    struct text_corpus *c = calloc(1, sizeof *c);
    if (!c || !(c->start = calloc(1, sizeof *c->start))) {
        free(c);
        *out = NULL;
        return err_set(err, ERR_NOMEM, "corpus: out of memory");
    }
    c->d = d;
    c->bigrams = bigrams;
    *out = c;
    return 0;
}

void text_corpus_free(struct text_corpus *c)
{
    if (!c)
        return;
    free(c->start);
    free(c->id);
    free(c->count);
    text_vec_free(&c->doc);
    free(c);
}

static int add_term(void *ctx, const char *term, size_t len)
{
    struct text_corpus *c = ctx;
    uint32_t id;
    int rc = text_dict_add(c->d, term, len, &id);
    return rc ? rc : text_vec_push(&c->doc, id, 1.0f);
}

static int corpus_reserve(struct text_corpus *c, size_t extra)
{
    if (c->n + extra > c->cap) {
        size_t cap = c->cap ? c->cap : 4096;
        while (cap < c->n + extra)
            cap *= 2;
        uint32_t *id = realloc(c->id, cap * sizeof *id);
        if (!id)
            return ERR_NOMEM;
        c->id = id;
        uint32_t *count = realloc(c->count, cap * sizeof *count);
        if (!count)
            return ERR_NOMEM;
        c->count = count;
        c->cap = cap;
    }
    if (c->ndocs + 2 > c->capdocs) {
        size_t cap = c->capdocs ? c->capdocs * 2 : 1024;
        size_t *start = realloc(c->start, cap * sizeof *start);
        if (!start)
            return ERR_NOMEM;
        c->start = start;
        c->capdocs = cap;
    }
    return 0;
}

int text_corpus_add(struct text_corpus *c, struct text_featurizer *fz, enum text_lang lang,
                    const char *text, size_t n, struct err *err)
{
    if (c->ndocs >= INT32_MAX || c->n >= INT32_MAX)
        return err_set(err, ERR_INPUT, "corpus: too many documents");
    text_vec_reset(&c->doc);
    int rc = text_terms_each(fz, lang, text, n, c->bigrams, add_term, c);
    if (!rc) {
        text_vec_sort(&c->doc);
        rc = corpus_reserve(c, c->doc.n);
    }
    if (rc == ERR_NOMEM)
        return err_set(err, rc, "corpus: out of memory");
    if (rc)
        return err_set(err, rc, "corpus: document %zu: term too long or too many terms", c->ndocs);
    for (size_t i = 0; i < c->doc.n; i++) {
        c->id[c->n] = c->doc.id[i];
        c->count[c->n++] = (uint32_t)c->doc.w[i];
    }
    c->start[++c->ndocs] = c->n;
    return 0;
}

size_t text_corpus_count(const struct text_corpus *c)
{
    return c->ndocs;
}

void text_corpus_df(const struct text_corpus *c, size_t from, size_t to, uint32_t *df)
{
    for (size_t r = from; r < to && r < c->ndocs; r++)
        for (size_t k = c->start[r]; k < c->start[r + 1]; k++)
            df[c->id[k]]++;
}

int text_corpus_rows(const struct text_corpus *c, size_t from, size_t to, const float *idf,
                     struct text_rows *out, struct err *err)
{
    *out = (struct text_rows){0};
    if (to > c->ndocs)
        to = c->ndocs;
    if (from > to)
        from = to;
    size_t nnz = c->start[to] - c->start[from];
    out->nrows = to - from;
    out->start = malloc((out->nrows + 1) * sizeof *out->start);
    out->id = malloc((nnz ? nnz : 1) * sizeof *out->id);
    out->w = malloc((nnz ? nnz : 1) * sizeof *out->w);
    if (!out->start || !out->id || !out->w) {
        text_rows_free(out);
        return err_set(err, ERR_NOMEM, "corpus: out of memory");
    }
    size_t at = 0;
    out->start[0] = 0;
    for (size_t r = from; r < to; r++) {
        double ss = 0;
        size_t row = at;
        for (size_t k = c->start[r]; k < c->start[r + 1]; k++) {
            float w = idf[c->id[k]];
            if (w <= 0)
                continue;
            float x = (float)((1.0 + log((double)c->count[k])) * w);
            out->id[at] = c->id[k];
            out->w[at++] = x;
            ss += (double)x * x;
        }
        double inv = ss > 0 ? 1.0 / sqrt(ss) : 0;
        for (size_t k = row; k < at; k++)
            out->w[k] = (float)(out->w[k] * inv);
        out->start[r - from + 1] = at;
    }
    return 0;
}

void text_rows_free(struct text_rows *r)
{
    free(r->start);
    free(r->id);
    free(r->w);
    *r = (struct text_rows){0};
}
