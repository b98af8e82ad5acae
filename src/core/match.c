/*
 * match.c — the matching engine of match.h: needs and offers turned into sorted id lists
 * (themes, SDG goals, places, good-practice themes), bit masks (kinds, languages) and TF-IDF
 * rows (text/tfidf.h), with inverted indexes on both sides so that a query only scores the
 * other side's items sharing a theme, a goal or a not-too-common word. The weights are the
 * table below, and nowhere else; docs/cooperation.md explains them and how they were measured.
 * The store-backed questions (core_match_for_need, ...) are in coop_match.c.
 */
#include "core/match.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/tfidf.h"

/* THE weights (they add up to 1): what each part of a score counts for. */
static const struct {
    const char *name;
    double weight;
} parts[CORE_PART_COUNT] = {
    [CORE_PART_THEME] = {"theme", 0.25},       [CORE_PART_SDG] = {"sdg", 0.10},
    [CORE_PART_TEXT] = {"text", 0.35},         [CORE_PART_KIND] = {"kind", 0.15},
    [CORE_PART_LANGUAGE] = {"language", 0.05}, [CORE_PART_REGION] = {"region", 0.03},
    [CORE_PART_PROVIDER] = {"provider", 0.02}, [CORE_PART_PEER] = {"peer", 0.05},
};

/* A word shared with more than this share of the other side's items does not make a candidate
 * by itself (it still counts in the text part of candidates found otherwise). */
#define COMMON_WORD_SHARE 0.05
#define COMMON_WORD_MIN 64

const char *core_match_part_name(enum core_match_part p)
{
    return p >= 0 && p < CORE_PART_COUNT ? parts[p].name : NULL;
}

double core_match_weight(enum core_match_part p)
{
    return p >= 0 && p < CORE_PART_COUNT ? parts[p].weight : 0;
}

int core_match_explain(const struct core_match_score *s, struct buf *out)
{
    int rc = 0;
    for (int p = 0; p < CORE_PART_COUNT && !rc; p++)
        rc = buf_printf(out, "%s%s=%.2f", p ? " " : "", parts[p].name, s->part[p]);
    return rc;
}

/* ---- the index -------------------------------------------------------------------------- */

/* Lists of ids per item, compressed: item i's are v[start[i] .. start[i + 1]), ascending. */
struct csr {
    uint32_t *start;
    uint32_t *v;
    size_t n, cap;
};

struct posting {
    uint32_t item;
    float w;
};

/* One side (needs or offers) of the index. */
struct side {
    size_t n;
    long *id;
    struct csr themes, goals, served, practice;
    double *theme_inv, *goal_inv; /* 1 / sqrt(number of themes, of goals); 0 for none */
    uint64_t *langs;
    unsigned *kinds, *providers;
    int *pkind;
    int32_t *country, *region; /* ids in the places dictionary, -1 for none */
    /* inverted: for each theme / goal / term, the items of this side holding it */
    struct csr theme_post, goal_post;
    size_t *word_start;
    struct posting *word;
    size_t row0; /* this side's first row in the text rows */
};

struct core_match_index {
    struct side need, offer;
    struct text_dict *themes, *goals, *places, *langs, *words;
    struct text_rows rows;
    uint32_t *df;
    size_t nwords;
};

static void csr_free(struct csr *c)
{
    free(c->start);
    free(c->v);
}

static void side_free(struct side *s)
{
    free(s->id);
    free(s->theme_inv);
    free(s->goal_inv);
    csr_free(&s->themes);
    csr_free(&s->goals);
    csr_free(&s->served);
    csr_free(&s->practice);
    free(s->langs);
    free(s->kinds);
    free(s->providers);
    free(s->pkind);
    free(s->country);
    free(s->region);
    csr_free(&s->theme_post);
    csr_free(&s->goal_post);
    free(s->word_start);
    free(s->word);
}

void core_match_index_free(struct core_match_index *idx)
{
    if (!idx)
        return;
    side_free(&idx->need);
    side_free(&idx->offer);
    text_dict_free(idx->themes);
    text_dict_free(idx->goals);
    text_dict_free(idx->places);
    text_dict_free(idx->langs);
    text_dict_free(idx->words);
    text_rows_free(&idx->rows);
    free(idx->df);
    free(idx);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int csr_push(struct csr *c, uint32_t v)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        uint32_t *nv = realloc(c->v, cap * sizeof *nv);
        if (!nv)
            return ERR_NOMEM;
        c->v = nv;
        c->cap = cap;
    }
    c->v[c->n++] = v;
    return 0;
}

/* Closes item i's list (begun at start[i]): sorts it and drops repeats. */
static void csr_close(struct csr *c, size_t i)
{
    size_t from = c->start[i], m = c->n - from;
    if (m > 1)
        qsort(c->v + from, m, sizeof *c->v, cmp_u32);
    size_t k = 0;
    for (size_t j = 0; j < m; j++)
        if (!k || c->v[from + k - 1] != c->v[from + j])
            c->v[from + k++] = c->v[from + j];
    c->n = from + k;
    c->start[i + 1] = (uint32_t)c->n;
}

/* The item's list (as in coop.h: "|"-separated) into c, each entry through d; goals keeps the
 * part before the first dot only (an SDG target counts for its goal). */
static int csr_add_list(struct csr *c, size_t i, struct text_dict *d, const char *list, int goals)
{
    c->start[i] = (uint32_t)c->n;
    for (const char *p = list; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        while (len && *p == ' ')
            p++, len--;
        while (len && p[len - 1] == ' ')
            len--;
        if (goals) {
            const char *dot = memchr(p, '.', len);
            if (dot)
                len = (size_t)(dot - p);
        }
        uint32_t id;
        if (len && len <= 128 && (text_dict_add(d, p, len, &id) || csr_push(c, id)))
            return ERR_NOMEM;
        p = bar ? bar + 1 : NULL;
    }
    csr_close(c, i);
    return 0;
}

static uint64_t lang_mask(struct text_dict *d, const char *list, int *rc)
{
    uint64_t mask = 0;
    for (const char *p = list; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        uint32_t id;
        if (len && len <= 16) {
            if (text_dict_add(d, p, len, &id))
                *rc = ERR_NOMEM;
            else
                mask |= 1ull << (id % 64);
        }
        p = bar ? bar + 1 : NULL;
    }
    return mask;
}

static int32_t place_id(struct text_dict *d, const char *code, int *rc)
{
    uint32_t id;
    if (!code || !*code)
        return -1;
    if (text_dict_add(d, code, strlen(code), &id)) {
        *rc = ERR_NOMEM;
        return -1;
    }
    return (int32_t)id;
}

/* Posting lists of a csr: for every value, the items holding it. nvalues values. */
static int csr_invert(const struct csr *c, size_t nitems, size_t nvalues, struct csr *out)
{
    out->start = calloc(nvalues + 1, sizeof *out->start);
    out->v = malloc((c->n ? c->n : 1) * sizeof *out->v);
    if (!out->start || !out->v)
        return ERR_NOMEM;
    for (size_t j = 0; j < c->n; j++)
        out->start[c->v[j] + 1]++;
    for (size_t t = 0; t < nvalues; t++)
        out->start[t + 1] += out->start[t];
    uint32_t *fill = malloc((nvalues + 1) * sizeof *fill);
    if (!fill)
        return ERR_NOMEM;
    memcpy(fill, out->start, (nvalues + 1) * sizeof *fill);
    for (size_t i = 0; i < nitems; i++)
        for (uint32_t j = c->start[i]; j < c->start[i + 1]; j++)
            out->v[fill[c->v[j]]++] = (uint32_t)i;
    free(fill);
    out->n = c->n;
    return 0;
}

static int side_alloc(struct side *s, size_t n)
{
    s->n = n;
    size_t m = n ? n : 1;
    s->id = calloc(m, sizeof *s->id);
    s->langs = calloc(m, sizeof *s->langs);
    s->kinds = calloc(m, sizeof *s->kinds);
    s->providers = calloc(m, sizeof *s->providers);
    s->pkind = calloc(m, sizeof *s->pkind);
    s->country = calloc(m, sizeof *s->country);
    s->region = calloc(m, sizeof *s->region);
    s->theme_inv = calloc(m, sizeof *s->theme_inv);
    s->goal_inv = calloc(m, sizeof *s->goal_inv);
    struct csr *lists[] = {&s->themes, &s->goals, &s->served, &s->practice};
    int ok = s->id && s->langs && s->kinds && s->providers && s->pkind && s->country && s->region &&
             s->theme_inv && s->goal_inv;
    for (size_t i = 0; i < 4; i++)
        ok = ok && (lists[i]->start = calloc(m + 1, sizeof *lists[i]->start));
    return ok ? 0 : ERR_NOMEM;
}

static int side_fill(struct core_match_index *idx, struct side *s,
                     const struct core_match_item *items)
{
    int rc = 0;
    for (size_t i = 0; i < s->n && !rc; i++) {
        const struct core_match_item *it = &items[i];
        s->id[i] = it->id;
        s->kinds[i] = it->kinds;
        s->providers[i] = it->providers;
        s->pkind[i] = it->provider_kind;
        s->langs[i] = lang_mask(idx->langs, it->languages, &rc);
        s->country[i] = place_id(idx->places, it->country, &rc);
        s->region[i] = place_id(idx->places, it->region, &rc);
        if (!rc)
            rc = csr_add_list(&s->themes, i, idx->themes, it->themes, 0);
        if (!rc)
            rc = csr_add_list(&s->goals, i, idx->goals, it->sdgs, 1);
        if (!rc)
            rc = csr_add_list(&s->served, i, idx->places, it->regions, 0);
        if (!rc)
            rc = csr_add_list(&s->practice, i, idx->themes, it->practice, 0);
        if (!rc) {
            size_t nt = s->themes.start[i + 1] - s->themes.start[i];
            size_t ng = s->goals.start[i + 1] - s->goals.start[i];
            s->theme_inv[i] = nt ? 1 / sqrt((double)nt) : 0;
            s->goal_inv[i] = ng ? 1 / sqrt((double)ng) : 0;
        }
    }
    return rc;
}

/* The word postings of one side from the text rows. */
static int side_words(struct core_match_index *idx, struct side *s)
{
    size_t nw = idx->nwords;
    s->word_start = calloc(nw + 1, sizeof *s->word_start);
    if (!s->word_start)
        return ERR_NOMEM;
    const struct text_rows *r = &idx->rows;
    for (size_t i = 0; i < s->n; i++)
        for (size_t j = r->start[s->row0 + i]; j < r->start[s->row0 + i + 1]; j++)
            s->word_start[r->id[j] + 1]++;
    for (size_t t = 0; t < nw; t++)
        s->word_start[t + 1] += s->word_start[t];
    size_t total = s->word_start[nw];
    s->word = malloc((total ? total : 1) * sizeof *s->word);
    size_t *fill = malloc((nw + 1) * sizeof *fill);
    if (!s->word || !fill) {
        free(fill);
        return ERR_NOMEM;
    }
    memcpy(fill, s->word_start, (nw + 1) * sizeof *fill);
    for (size_t i = 0; i < s->n; i++)
        for (size_t j = r->start[s->row0 + i]; j < r->start[s->row0 + i + 1]; j++)
            s->word[fill[r->id[j]]++] = (struct posting){(uint32_t)i, r->w[j]};
    free(fill);
    return 0;
}

static int parse_lang(const char *code, enum text_lang *lang, struct err *err)
{
    if (!code || !*code) {
        *lang = TEXT_LANG_EN;
        return 0;
    }
    if (text_lang_parse(code, lang))
        return err_set(err, ERR_INPUT, "language \"%s\": expected en, fr or es", code);
    return 0;
}

/* TF-IDF rows of every text: needs first, then offers. */
static int build_text(struct core_match_index *idx, const struct core_match_item *needs,
                      const struct core_match_item *offers, struct err *err)
{
    struct text_featurizer *fz = NULL;
    struct text_corpus *corpus = NULL;
    float *idf = NULL;
    int rc = text_featurizer_new(&fz, err);
    if (!rc)
        rc = text_corpus_new(idx->words, 1, &corpus, err);
    for (size_t i = 0; !rc && i < idx->need.n + idx->offer.n; i++) {
        const struct core_match_item *it = i < idx->need.n ? &needs[i] : &offers[i - idx->need.n];
        enum text_lang lang;
        const char *text = it->text ? it->text : "";
        if (!(rc = parse_lang(it->lang, &lang, err)))
            rc = text_corpus_add(corpus, fz, lang, text, strlen(text), err);
    }
    if (!rc) {
        idx->nwords = text_dict_size(idx->words);
        size_t ndocs = idx->need.n + idx->offer.n;
        idx->df = calloc(idx->nwords + 1, sizeof *idx->df);
        idf = malloc((idx->nwords + 1) * sizeof *idf);
        if (!idx->df || !idf) {
            rc = err_set(err, ERR_NOMEM, "matching: out of memory");
        } else {
            text_corpus_df(corpus, 0, ndocs, idx->df);
            for (size_t t = 0; t < idx->nwords; t++)
                idf[t] = text_idf(idx->df[t], (uint32_t)ndocs);
            rc = text_corpus_rows(corpus, 0, ndocs, idf, &idx->rows, err);
        }
    }
    free(idf);
    text_corpus_free(corpus);
    text_featurizer_free(fz);
    return rc;
}

int core_match_index_new(const struct core_match_item *needs, size_t nneeds,
                         const struct core_match_item *offers, size_t noffers,
                         struct core_match_index **out, struct err *err)
{
    *out = NULL;
    struct core_match_index *idx = calloc(1, sizeof *idx);
    int rc = 0;
    if (!idx || !(idx->themes = text_dict_new()) || !(idx->goals = text_dict_new()) ||
        !(idx->places = text_dict_new()) || !(idx->langs = text_dict_new()) ||
        !(idx->words = text_dict_new()) || side_alloc(&idx->need, nneeds) ||
        side_alloc(&idx->offer, noffers))
        rc = ERR_NOMEM;
    if (!rc)
        rc = side_fill(idx, &idx->need, needs);
    if (!rc)
        rc = side_fill(idx, &idx->offer, offers);
    if (rc == ERR_NOMEM)
        err_set(err, ERR_NOMEM, "matching: out of memory");
    if (!rc) {
        idx->offer.row0 = nneeds;
        rc = build_text(idx, needs, offers, err);
    }
    size_t nthemes = idx ? text_dict_size(idx->themes) : 0;
    size_t ngoals = idx ? text_dict_size(idx->goals) : 0;
    struct side *sides[2] = {idx ? &idx->need : NULL, idx ? &idx->offer : NULL};
    for (int k = 0; k < 2 && !rc; k++) {
        if (csr_invert(&sides[k]->themes, sides[k]->n, nthemes, &sides[k]->theme_post) ||
            csr_invert(&sides[k]->goals, sides[k]->n, ngoals, &sides[k]->goal_post) ||
            side_words(idx, sides[k]))
            rc = err_set(err, ERR_NOMEM, "matching: out of memory");
    }
    if (rc) {
        core_match_index_free(idx);
        return rc;
    }
    *out = idx;
    return 0;
}

/* ---- scoring ---------------------------------------------------------------------------- */

static size_t shared(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else
            k++, i++, j++;
    }
    return k;
}

static int holds(const struct csr *c, size_t i, int32_t v)
{
    if (v < 0)
        return 0;
    for (uint32_t j = c->start[i]; j < c->start[i + 1]; j++)
        if (c->v[j] == (uint32_t)v)
            return 1;
    return 0;
}

static double cosine_sets(size_t common, size_t na, size_t nb)
{
    return na && nb ? (double)common / sqrt((double)na * (double)nb) : 0;
}

static double text_cosine(const struct core_match_index *idx, size_t a, size_t b)
{
    const struct text_rows *r = &idx->rows;
    size_t i = r->start[a], ie = r->start[a + 1], j = r->start[b], je = r->start[b + 1];
    double dot = 0;
    while (i < ie && j < je) {
        if (r->id[i] < r->id[j])
            i++;
        else if (r->id[i] > r->id[j])
            j++;
        else
            dot += (double)r->w[i++] * r->w[j++];
    }
    return dot > 1 ? 1 : dot;
}

static double bits(uint64_t v)
{
    return (double)__builtin_popcountll(v);
}

/* The parts that do not come from the inverted indexes: kind, language, region, provider, peer. */
static void score_rest(const struct core_match_index *idx, size_t n, size_t o, double *p)
{
    const struct side *N = &idx->need, *O = &idx->offer;
    unsigned nk = N->kinds[n];
    p[CORE_PART_KIND] = nk ? bits(nk & O->kinds[o]) / bits(nk) : 0.5;
    uint64_t nl = N->langs[n], ol = O->langs[o];
    p[CORE_PART_LANGUAGE] = !nl || !ol ? 0.5 : (nl & ol) ? 1 : 0;
    if (O->served.start[o] == O->served.start[o + 1])
        p[CORE_PART_REGION] = 0.5;
    else
        p[CORE_PART_REGION] =
            holds(&O->served, o, N->country[n]) || holds(&O->served, o, N->region[n]) ? 1 : 0;
    unsigned prefer = N->providers[n];
    p[CORE_PART_PROVIDER] = !prefer || (O->pkind[o] >= 0 && (prefer >> O->pkind[o]) & 1u) ? 1 : 0;
    p[CORE_PART_PEER] = 0;
    size_t nt = N->themes.start[n + 1] - N->themes.start[n];
    if (O->pkind[o] == CORE_ORG_STATE && nt && O->country[o] >= 0 &&
        O->country[o] != N->country[n]) {
        size_t np = O->practice.start[o + 1] - O->practice.start[o];
        p[CORE_PART_PEER] = (double)shared(N->themes.v + N->themes.start[n], nt,
                                           O->practice.v + O->practice.start[o], np) /
                            (double)nt;
    }
}

static double weighted(const double *p)
{
    double total = 0;
    for (int k = 0; k < CORE_PART_COUNT; k++)
        total += parts[k].weight * p[k];
    return total;
}

static size_t count_of(const struct csr *c, size_t i)
{
    return c->start[i + 1] - c->start[i];
}

void core_match_index_score(const struct core_match_index *idx, size_t n, size_t o,
                            struct core_match_score *out)
{
    const struct side *N = &idx->need, *O = &idx->offer;
    double *p = out->part;
    size_t nt = count_of(&N->themes, n), ot = count_of(&O->themes, o);
    p[CORE_PART_THEME] = cosine_sets(
        shared(N->themes.v + N->themes.start[n], nt, O->themes.v + O->themes.start[o], ot), nt, ot);
    size_t ng = count_of(&N->goals, n), og = count_of(&O->goals, o);
    p[CORE_PART_SDG] = cosine_sets(
        shared(N->goals.v + N->goals.start[n], ng, O->goals.v + O->goals.start[o], og), ng, og);
    p[CORE_PART_TEXT] = text_cosine(idx, N->row0 + n, O->row0 + o);
    score_rest(idx, n, o, p);
    out->total = weighted(p);
}

/* ---- queries ---------------------------------------------------------------------------- */

/* Inserts hit into the best-first array of at most k (ties: smaller index first). */
static void keep_best(struct core_match_hit *hits, size_t *n, size_t k,
                      const struct core_match_hit *hit)
{
    size_t pos = *n;
    while (pos > 0 &&
           (hits[pos - 1].score.total < hit->score.total ||
            (hits[pos - 1].score.total == hit->score.total && hits[pos - 1].index > hit->index)))
        pos--;
    if (pos >= k)
        return;
    size_t last = *n < k ? *n : k - 1;
    memmove(hits + pos + 1, hits + pos, (last - pos) * sizeof *hits);
    hits[pos] = *hit;
    if (*n < k)
        (*n)++;
}

/* Scratch of one query: per item of the other side, what the postings added up. */
struct acc {
    float *text;
    uint16_t *themes, *goals;
    unsigned char *seen;
    uint32_t *cand;
    size_t ncand;
};

static void acc_free(struct acc *a)
{
    free(a->text);
    free(a->themes);
    free(a->goals);
    free(a->seen);
    free(a->cand);
}

static void candidate(struct acc *a, const unsigned char *allowed, uint32_t item)
{
    if (!a->seen[item] && (!allowed || allowed[item])) {
        a->seen[item] = 1;
        a->cand[a->ncand++] = item;
    }
}

/* Walks the postings of query q: shared themes and goals and the text dot product of every
 * item of the other side; items sharing a theme, a goal or a not-too-common word become
 * candidates. */
static void gather(const struct core_match_index *idx, const struct side *from,
                   const struct side *to, size_t q, const unsigned char *allowed, struct acc *a)
{
    for (uint32_t j = from->themes.start[q]; j < from->themes.start[q + 1]; j++) {
        uint32_t t = from->themes.v[j];
        for (uint32_t p = to->theme_post.start[t]; p < to->theme_post.start[t + 1]; p++) {
            a->themes[to->theme_post.v[p]]++;
            candidate(a, allowed, to->theme_post.v[p]);
        }
    }
    for (uint32_t j = from->goals.start[q]; j < from->goals.start[q + 1]; j++) {
        uint32_t g = from->goals.v[j];
        for (uint32_t p = to->goal_post.start[g]; p < to->goal_post.start[g + 1]; p++) {
            a->goals[to->goal_post.v[p]]++;
            candidate(a, allowed, to->goal_post.v[p]);
        }
    }
    size_t common = (size_t)(COMMON_WORD_SHARE * (double)to->n);
    if (common < COMMON_WORD_MIN)
        common = COMMON_WORD_MIN;
    const struct text_rows *r = &idx->rows;
    for (size_t j = r->start[from->row0 + q]; j < r->start[from->row0 + q + 1]; j++) {
        uint32_t t = r->id[j];
        float w = r->w[j];
        int rare = to->word_start[t + 1] - to->word_start[t] <= common;
        for (size_t p = to->word_start[t]; p < to->word_start[t + 1]; p++) {
            a->text[to->word[p].item] += w * to->word[p].w;
            if (rare)
                candidate(a, allowed, to->word[p].item);
        }
    }
}

/* Ranks the other side's items for item q of side `from` (need_side: q is a need). The parts
 * from the postings are exact for every candidate; the others (at most `rest` together) are
 * computed only for a candidate that could still enter the best k. */
static int query(const struct core_match_index *idx, int need_side, size_t q, size_t k,
                 const unsigned char *allowed, struct core_match_hit *hits, size_t *nhits,
                 struct err *err)
{
    const struct side *from = need_side ? &idx->need : &idx->offer;
    const struct side *to = need_side ? &idx->offer : &idx->need;
    *nhits = 0;
    if (q >= from->n)
        return err_set(err, ERR_INPUT, "matching: item %zu out of range", q);
    if (!k || !to->n)
        return 0;
    struct acc a = {calloc(to->n, sizeof *a.text),  calloc(to->n, sizeof *a.themes),
                    calloc(to->n, sizeof *a.goals), calloc(to->n, 1),
                    malloc(to->n * sizeof *a.cand), 0};
    if (!a.text || !a.themes || !a.goals || !a.seen || !a.cand) {
        acc_free(&a);
        return err_set(err, ERR_NOMEM, "matching: out of memory");
    }
    gather(idx, from, to, q, allowed, &a);
    double rest = 0;
    for (int p = CORE_PART_KIND; p < CORE_PART_COUNT; p++)
        rest += parts[p].weight;
    double qt = from->theme_inv[q], qg = from->goal_inv[q];
    for (size_t c = 0; c < a.ncand; c++) {
        uint32_t it = a.cand[c];
        struct core_match_hit hit = {.index = it, .id = to->id[it]};
        double *p = hit.score.part;
        /* the same value as cosine_sets: shared / sqrt(a) / sqrt(b) */
        p[CORE_PART_THEME] = a.themes[it] * qt * to->theme_inv[it];
        p[CORE_PART_SDG] = a.goals[it] * qg * to->goal_inv[it];
        p[CORE_PART_TEXT] = a.text[it] > 1 ? 1 : a.text[it];
        double base = parts[CORE_PART_THEME].weight * p[CORE_PART_THEME] +
                      parts[CORE_PART_SDG].weight * p[CORE_PART_SDG] +
                      parts[CORE_PART_TEXT].weight * p[CORE_PART_TEXT];
        if (*nhits == k && base + rest < hits[k - 1].score.total)
            continue; /* cannot enter the best k */
        if (need_side)
            score_rest(idx, q, it, p);
        else
            score_rest(idx, it, q, p);
        hit.score.total = weighted(p);
        keep_best(hits, nhits, k, &hit);
    }
    acc_free(&a);
    return 0;
}

int core_match_index_for_need(const struct core_match_index *idx, size_t need, size_t k,
                              const unsigned char *allowed, struct core_match_hit *hits,
                              size_t *nhits, struct err *err)
{
    return query(idx, 1, need, k, allowed, hits, nhits, err);
}

int core_match_index_for_offer(const struct core_match_index *idx, size_t offer, size_t k,
                               const unsigned char *allowed, struct core_match_hit *hits,
                               size_t *nhits, struct err *err)
{
    return query(idx, 0, offer, k, allowed, hits, nhits, err);
}
