/*
 * postgres_fts_text.c — ranking and snippets for the PostgreSQL backend's searches, computed as
 * SQLite's FTS5 computes bm25() and snippet(…, char(2), char(3), '…', 24) in the SQLite
 * backend, so that both backends order results alike and show the same excerpt. A matching
 * text is cut by suivi's own tokenizer (the one FTS5 uses) and the query's words and phrases
 * (postgres_fts.c) are found in it: their counts give bm25 (the index-wide figures come from
 * the database, read by pg_fts_lang_begin), their places the snippet, whose window is chosen by
 * FTS5's rules: each phrase first seen in a 24-word window scores 1000, each repeat 1, a window
 * starting a sentence gets a bonus, and the window centres on its matches.
 */
#include "store/postgres_fts.h"
#include "store/postgres_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { SNIPPET_WORDS = 24 };

/* One position of the text: the word's bytes and the tokens indexed there (offsets into
 * doc.tokens, NUL-separated). */
struct doc_pos {
    size_t start, end;
    size_t first_token, ntokens;
};

struct doc {
    const char *text;
    struct doc_pos *pos;
    size_t n, cap;
    struct buf tokens;
    size_t *token_at; /* offsets of the tokens in tokens */
    size_t ntoken_at, token_cap;
};

struct instance {
    size_t pos, leaf, size;
};

static int on_doc_token(void *ctx, const char *tok, size_t len, size_t start, size_t end,
                        int colocated)
{
    struct doc *d = ctx;
    if (!colocated || d->n == 0) {
        if (d->n == d->cap) {
            void *p = pg_fts_grow(d->pos, &d->cap, sizeof *d->pos, 64);
            if (!p)
                return ERR_NOMEM;
            d->pos = p;
        }
        d->pos[d->n++] = (struct doc_pos){start, end, d->ntoken_at, 0};
    }
    if (d->ntoken_at == d->token_cap) {
        void *p = pg_fts_grow(d->token_at, &d->token_cap, sizeof *d->token_at, 128);
        if (!p)
            return ERR_NOMEM;
        d->token_at = p;
    }
    d->token_at[d->ntoken_at++] = d->tokens.len;
    (void)buf_append(&d->tokens, tok, len);
    (void)buf_putc(&d->tokens, '\0');
    d->pos[d->n - 1].ntokens++;
    return d->tokens.oom ? ERR_NOMEM : 0;
}

static void doc_free(struct doc *d)
{
    free(d->pos);
    free(d->token_at);
    buf_free(&d->tokens);
}

static int token_matches(const struct doc *d, size_t pos, const char *want, int prefix)
{
    const struct doc_pos *p = &d->pos[pos];
    size_t n = strlen(want);
    for (size_t i = 0; i < p->ntokens; i++) {
        const char *tok = d->tokens.data + d->token_at[p->first_token + i];
        if (prefix ? strncmp(tok, want, n) == 0 : strcmp(tok, want) == 0)
            return 1;
    }
    return 0;
}

/* Every instance of every leaf in d, by position then leaf (FTS5's xInst order). */
static int find_instances(const struct pg_fts *f, int lang, const struct doc *d,
                          struct instance **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    size_t cap = 0;
    for (size_t p = 0; p < d->n; p++) {
        for (size_t l = 0; l < f->nleaves[lang]; l++) {
            const struct pg_fts_leaf *leaf = &f->leaves[lang][l];
            if (leaf->ntokens == 0 || p + leaf->ntokens > d->n)
                continue;
            size_t k = 0;
            while (k < leaf->ntokens && token_matches(d, p + k, leaf->tokens[k].text,
                                                      leaf->prefix && k + 1 == leaf->ntokens))
                k++;
            if (k < leaf->ntokens)
                continue;
            if (*nout == cap) {
                void *q = pg_fts_grow(*out, &cap, sizeof **out, 16);
                if (!q)
                    return ERR_NOMEM;
                *out = q;
            }
            (*out)[(*nout)++] = (struct instance){p, l, leaf->ntokens};
        }
    }
    return 0;
}

/* fts5SnippetScore: the score of the window of SNIPPET_WORDS from start; *adjusted (may be
 * NULL) is the window's start centred on the matches it holds. */
static int window_score(const struct instance *in, size_t nin, size_t nleaves, size_t ndoc,
                        long start, long *adjusted)
{
    char seen[TEXT_QUERY_MAX_ITEMS + 1] = {0};
    int score = 0;
    long first = -1, last = 0;
    for (size_t i = 0; i < nin; i++) {
        long at = (long)in[i].pos;
        if (at < start || at >= start + SNIPPET_WORDS || in[i].leaf >= nleaves)
            continue;
        score += seen[in[i].leaf] ? 1 : 1000;
        seen[in[i].leaf] = 1;
        if (first < 0)
            first = at;
        last = at + (long)in[i].size;
    }
    if (adjusted) {
        long adj = first - (SNIPPET_WORDS - (last - first)) / 2;
        if (adj + SNIPPET_WORDS > (long)ndoc)
            adj = (long)ndoc - SNIPPET_WORDS;
        if (adj < 0)
            adj = 0;
        *adjusted = adj;
    }
    return score;
}

/* Positions that start a sentence: the first, and those after '.' or ':' and white space. */
static size_t sentence_starts(const struct doc *d, size_t **out)
{
    *out = malloc((d->n ? d->n : 1) * sizeof **out);
    if (!*out)
        return 0;
    size_t n = 0;
    for (size_t p = 0; p < d->n; p++) {
        if (p == 0) {
            (*out)[n++] = 0;
            continue;
        }
        size_t i = d->pos[p].start;
        char c = 0;
        while (i > 0) {
            c = d->text[i - 1];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            i--;
        }
        if (i != d->pos[p].start && i > 0 && (c == '.' || c == ':'))
            (*out)[n++] = p;
    }
    return n;
}

/* The merged run of instances starting at *next (fts5CInstIterNext): [*start, *end]. */
static void next_run(const struct instance *in, size_t nin, size_t *next, long *start, long *end)
{
    *start = *end = -1;
    while (*next < nin) {
        long s = (long)in[*next].pos, e = s + (long)in[*next].size - 1;
        if (*start < 0) {
            *start = s;
            *end = e;
        } else if (s <= *end) {
            if (e > *end)
                *end = e;
        } else {
            break;
        }
        (*next)++;
    }
}

static void put_range(struct buf *out, const char *text, size_t from, size_t to)
{
    if (to > from)
        (void)buf_append(out, text + from, to - from);
}

/* fts5HighlightCb over the window [first, first + SNIPPET_WORDS). */
static void cut(const struct doc *d, const struct instance *in, size_t nin, long first,
                struct buf *out)
{
    long last = first + SNIPPET_WORDS - 1;
    size_t next = 0, off = 0;
    long run_start, run_end;
    next_run(in, nin, &next, &run_start, &run_end);
    while (run_start >= 0 && run_end < first) /* runs wholly before the window */
        next_run(in, nin, &next, &run_start, &run_end);
    if (first > 0)
        (void)buf_puts(out, "…");
    for (long i = first; i <= last && i < (long)d->n; i++) {
        const struct doc_pos *p = &d->pos[i];
        if (first > 0 && i == first)
            off = p->start;
        if (i == run_start) {
            put_range(out, d->text, off, p->start);
            (void)buf_putc(out, '\x02');
            off = p->start;
        }
        if (i == run_end) {
            if (run_start < first)
                (void)buf_putc(out, '\x02');
            put_range(out, d->text, off, p->end);
            (void)buf_putc(out, '\x03');
            off = p->end;
            next_run(in, nin, &next, &run_start, &run_end);
        }
        if (i == last) {
            put_range(out, d->text, off, p->end);
            off = p->end;
            if (i >= run_start && i < run_end)
                (void)buf_putc(out, '\x03');
        }
    }
    if (last >= (long)d->n - 1)
        (void)buf_puts(out, d->text + off);
    else
        (void)buf_puts(out, "…");
}

int pg_fts_snippet(struct pg_fts *f, int lang, const char *const *cols, int ncols, int col,
                   struct buf *out)
{
    buf_reset(out);
    if (lang < 0 || lang >= STORE_LANG_COUNT || ncols <= 0)
        return 0;
    struct doc *docs = calloc((size_t)ncols, sizeof *docs);
    struct instance **inst = calloc((size_t)ncols, sizeof *inst);
    size_t *ninst = calloc((size_t)ncols, sizeof *ninst);
    int rc = docs && inst && ninst ? 0 : ERR_NOMEM;
    int best_col = col >= 0 && col < ncols ? col : 0, best_score = 0;
    long best_start = 0;
    for (int c = 0; c < ncols && !rc; c++) {
        if (col >= 0 && c != col)
            continue;
        struct doc *d = &docs[c];
        d->text = cols[c] ? cols[c] : "";
        if (text_tokenize(f->tokenizer[lang], d->text, strlen(d->text), TEXT_TOK_INDEX,
                          on_doc_token, d) ||
            find_instances(f, lang, d, &inst[c], &ninst[c])) {
            rc = ERR_NOMEM;
            break;
        }
        size_t *starts;
        size_t nstarts = sentence_starts(d, &starts);
        if (!starts) {
            rc = ERR_NOMEM;
            break;
        }
        for (size_t i = 0; i < ninst[c]; i++) {
            long at = (long)inst[c][i].pos, adj;
            int score = window_score(inst[c], ninst[c], f->nleaves[lang], d->n, at, &adj);
            if (score > best_score) {
                best_score = score;
                best_col = c;
                best_start = adj;
            }
            if (nstarts && d->n > SNIPPET_WORDS) {
                size_t j = 0;
                while (j + 1 < nstarts && (long)starts[j + 1] <= at)
                    j++;
                if ((long)starts[j] < at) {
                    score = window_score(inst[c], ninst[c], f->nleaves[lang], d->n, (long)starts[j],
                                         NULL) +
                            (starts[j] == 0 ? 120 : 100);
                    if (score > best_score) {
                        best_score = score;
                        best_col = c;
                        best_start = (long)starts[j];
                    }
                }
            }
        }
        free(starts);
    }
    if (!rc)
        cut(&docs[best_col], inst[best_col], ninst[best_col], best_start, out);
    for (int c = 0; docs && c < ncols; c++) {
        doc_free(&docs[c]);
        if (inst)
            free(inst[c]);
    }
    free(docs);
    free(inst);
    free(ninst);
    return rc ? rc : out->oom ? ERR_NOMEM : 0;
}

/* ---- bm25 --------------------------------------------------------------------------------- */

void pg_fts_bm25_init(struct pg_fts_bm25 *s, long long rows, long long words)
{
    memset(s, 0, sizeof *s);
    s->avgdl = rows > 0 ? (double)words / (double)rows : 1.0;
}

void pg_fts_bm25_idf(struct pg_fts_bm25 *s, size_t leaf, long long rows, long long hits)
{
    if (leaf >= TEXT_QUERY_MAX_ITEMS)
        return;
    /* FTS5's formula and floor, in its order of operations (fts5Bm25GetData) */
    double idf = log(((double)(rows - hits) + 0.5) / ((double)hits + 0.5));
    if (idf <= 0.0)
        idf = 1e-6;
    s->idf[leaf] = idf;
}

int pg_fts_score(struct pg_fts *f, int lang, const struct pg_fts_bm25 *s, const char *const *cols,
                 const double *weights, int ncols, double *score)
{
    const double k1 = 1.2, b = 0.75;
    double freq[TEXT_QUERY_MAX_ITEMS] = {0};
    long size = 0;
    *score = 0;
    for (int c = 0; c < ncols; c++) {
        struct doc d = {.text = cols[c] ? cols[c] : ""};
        struct instance *in = NULL;
        size_t nin = 0;
        int rc = text_tokenize(f->tokenizer[lang], d.text, strlen(d.text), TEXT_TOK_INDEX,
                               on_doc_token, &d);
        if (!rc)
            rc = find_instances(f, lang, &d, &in, &nin);
        for (size_t i = 0; i < nin; i++)
            if (in[i].leaf < TEXT_QUERY_MAX_ITEMS)
                freq[in[i].leaf] += weights ? weights[c] : 1.0;
        size += (long)d.n;
        free(in);
        doc_free(&d);
        if (rc)
            return ERR_NOMEM;
    }
    double D = (double)size, sum = 0.0;
    for (size_t i = 0; i < f->nleaves[lang] && i < TEXT_QUERY_MAX_ITEMS; i++)
        sum += s->idf[i] * ((freq[i] * (k1 + 1.0)) / (freq[i] + k1 * (1 - b + b * D / s->avgdl)));
    *score = -(-1.0 * sum);
    return 0;
}

/* ---- the index-wide figures ---------------------------------------------------------------- */

/* bm25's figures for lang's index: stats_sql selects the number of rows and of words, count_sql
 * the number of rows each leaf matches; *rows = 0 when the index holds no text of that language. */
static int lang_stats(struct pg_store *st, const struct pg_fts *fts, int lang,
                      const char *stats_sql, const char *count_sql, struct pg_fts_bm25 *bm25,
                      long long *rows, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, text_lang_code((enum text_lang)lang));
    PGresult *r = pg_run(st, stats_sql, &p, err, "search");
    if (!r)
        return err->code;
    *rows = pg_int(r, 0, 0);
    pg_fts_bm25_init(bm25, *rows, pg_int(r, 0, 1));
    PQclear(r);
    if (!*rows)
        return 0;
    struct buf leaf = BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < fts->nleaves[lang] && !rc; i++) {
        const char *tsq = pg_fts_leaf_param(fts, lang, i, &leaf);
        if (!tsq)
            continue;
        pg_params_init(&p);
        pg_param_text(&p, text_lang_code((enum text_lang)lang));
        pg_param_text(&p, tsq);
        if (!(r = pg_run(st, count_sql, &p, err, "search"))) {
            rc = err->code;
            break;
        }
        pg_fts_bm25_idf(bm25, i, *rows, pg_int(r, 0, 0));
        PQclear(r);
    }
    buf_free(&leaf);
    return rc;
}

int pg_fts_lang_begin(struct pg_store *st, const struct pg_fts *fts, int lang,
                      const char *stats_sql, const char *count_sql, struct pg_fts_bm25 *bm25,
                      struct pg_params *p, struct err *err)
{
    const char *tsq = pg_fts_param(fts, lang);
    long long rows = 0;
    int rc = lang_stats(st, fts, lang, stats_sql, count_sql, bm25, &rows, err);
    if (rc || !rows || !tsq)
        return rc;
    pg_params_init(p);
    pg_param_text(p, text_lang_code((enum text_lang)lang));
    pg_param_text(p, tsq);
    return 1;
}
