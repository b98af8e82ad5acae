/*
 * postgres_fts.c — search-box queries as PostgreSQL tsquery text, and FTS5-like snippets, for
 * the PostgreSQL backend's searches (see postgres_fts.h).
 *
 * Lexemes: the tsvector columns (001_b_fts.sql) hold, at each word's position, the stem of the
 * word, the stem of the word without accents and the folded surface form, as suivi's FTS5
 * tokenizer indexes them, but computed by PostgreSQL's Snowball stemmers, which know nothing of
 * the tokenizer's irregular plurals (women/woman, lois/loi) and Spanish plural rule
 * (mujeres/mujer). So a query word becomes its stem (from suivi's tokenizer, as FTS5 queries it)
 * OR the surface forms of the words that stem to it by those rules; prefixes are the folded
 * surface form with :*; a word of several tokens or a phrase is the tokens joined by <->, <N>
 * where PostgreSQL counts a word suivi's tokenizer leaves out (the "l" of "l'enfant").
 *
 * Like FTS5, a word or phrase without any token matches nothing: "x AND <nothing>" is nothing,
 * "x OR <nothing>" is x, "x NOT <nothing>" is x.
 */
#include "store/postgres_fts.h"

#include <stdlib.h>
#include <string.h>

#include "text/fold.h"

/* ---- tsquery ------------------------------------------------------------------------------ */

/* A lexeme as a quoted tsquery operand: taken as is, never read as tsquery syntax. */
static void put_lexeme_n(struct buf *out, const char *s, size_t n)
{
    (void)buf_putc(out, '\'');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'' || s[i] == '\\')
            (void)buf_putc(out, s[i]);
        (void)buf_putc(out, s[i]);
    }
    (void)buf_putc(out, '\'');
}

static void put_lexeme(struct buf *out, const char *s)
{
    put_lexeme_n(out, s, strlen(s));
}

/* Words suivi's tokenizer does not emit but PostgreSQL's parser counts, in s[0..n): runs of
 * word characters (elided one-letter pieces, over-long words). */
static int word_runs(const char *s, size_t n)
{
    int runs = 0, in_word = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int len = text_utf8_decode(s + i, n - i, &cp);
        if (len <= 0) {
            len = 1;
            cp = 0xFFFD;
        }
        enum text_char_class c = text_char_class_of(cp);
        if (c == TEXT_CHAR_WORD && !in_word)
            runs++;
        if (c != TEXT_CHAR_IGNORABLE)
            in_word = c == TEXT_CHAR_WORD;
        i += (size_t)len;
    }
    return runs;
}

struct leaf_build {
    struct pg_fts *f;
    int lang;
    const char *text;
    size_t last_end;
    struct pg_fts_leaf *leaf;
    struct buf scratch, stem;
};

/* Adds candidate (folded) to the alternatives when suivi's stemmer gives it stem. */
static void add_variant(struct leaf_build *b, const char *candidate, size_t n, const char *stem,
                        struct buf *group, int *nalts)
{
    if (n == 0 || (strlen(stem) == n && memcmp(candidate, stem, n) == 0))
        return;
    buf_reset(&b->stem);
    if (text_stem_word(b->f->stemmer[b->lang], candidate, n, &b->stem) || b->stem.oom ||
        strcmp(buf_str(&b->stem), stem))
        return;
    /* the same candidate may come twice (a surface form that is also irregular) */
    buf_reset(&b->stem);
    put_lexeme_n(&b->stem, candidate, n);
    if (b->stem.oom) {
        group->oom = 1;
        return;
    }
    if (!strstr(buf_str(group), buf_str(&b->stem))) {
        (void)buf_puts(group, " | ");
        (void)buf_puts(group, buf_str(&b->stem));
        (*nalts)++;
    }
}

/* The alternatives of a query word whose stem is stem and that was typed as raw[0..n). */
static char *word_group(struct leaf_build *b, const char *stem, const char *raw, size_t n)
{
    struct buf group = BUF_INIT;
    int nalts = 1;
    put_lexeme(&group, stem);
    buf_reset(&b->scratch);
    if (text_fold(raw, n, TEXT_FOLD_ACCENTS, &b->scratch) == 0 && !b->scratch.oom) {
        char *surface = strdup(buf_str(&b->scratch));
        if (!surface) {
            buf_free(&group);
            return NULL;
        }
        size_t len = strlen(surface);
        add_variant(b, surface, len, stem, &group, &nalts);
        const char *w;
        for (size_t i = 0; (w = text_stem_irregular(b->lang, i)); i++)
            add_variant(b, w, strlen(w), stem, &group, &nalts);
        if (b->lang == TEXT_LANG_ES) {
            if (len > 2 && !strcmp(surface + len - 2, "es")) {
                add_variant(b, surface, len - 2, stem, &group, &nalts);
            } else {
                buf_reset(&b->scratch);
                (void)buf_append(&b->scratch, surface, len);
                (void)buf_puts(&b->scratch, "es");
                if (!b->scratch.oom)
                    add_variant(b, buf_str(&b->scratch), len + 2, stem, &group, &nalts);
            }
        }
        free(surface);
    }
    if (group.oom) {
        buf_free(&group);
        return NULL;
    }
    if (nalts > 1) {
        struct buf wrapped = BUF_INIT;
        (void)buf_printf(&wrapped, "( %s )", buf_str(&group));
        buf_free(&group);
        if (wrapped.oom) {
            buf_free(&wrapped);
            return NULL;
        }
        return buf_detach(&wrapped);
    }
    return buf_detach(&group);
}

void *pg_fts_grow(void *items, size_t *cap, size_t size, size_t first)
{
    size_t want = *cap ? *cap * 2 : first;
    void *grown = realloc(items, want * size);
    if (grown)
        *cap = want;
    return grown;
}

static int on_query_token(void *ctx, const char *tok, size_t len, size_t start, size_t end,
                          int colocated)
{
    struct leaf_build *b = ctx;
    struct pg_fts_leaf *leaf = b->leaf;
    if (colocated)
        return 0;
    if (leaf->ntokens == leaf->cap) {
        void *p = pg_fts_grow(leaf->tokens, &leaf->cap, sizeof *leaf->tokens, 4);
        if (!p)
            return ERR_NOMEM;
        leaf->tokens = p;
    }
    struct pg_fts_token *t = &leaf->tokens[leaf->ntokens];
    *t = (struct pg_fts_token){0};
    t->distance = 1;
    if (leaf->ntokens > 0 && start > b->last_end)
        t->distance += word_runs(b->text + b->last_end, start - b->last_end);
    b->last_end = end;
    if (!(t->text = strndup(tok, len)))
        return ERR_NOMEM;
    leaf->ntokens++;
    if (leaf->prefix) {
        struct buf g = BUF_INIT;
        put_lexeme(&g, t->text);
        t->group = g.oom ? NULL : buf_detach(&g);
        buf_free(&g);
    } else {
        t->group = word_group(b, t->text, b->text + start, end - start);
    }
    return t->group ? 0 : ERR_NOMEM;
}

/* Adds the leaves of node in order (FTS5's phrase order) to f->leaves[lang]. */
static int collect_leaves(struct pg_fts *f, int lang, const struct text_query *node)
{
    if (node->kind != TEXT_Q_TERM && node->kind != TEXT_Q_PREFIX && node->kind != TEXT_Q_PHRASE) {
        for (size_t i = 0; i < node->nkids; i++) {
            int rc = collect_leaves(f, lang, node->kids[i]);
            if (rc)
                return rc;
        }
        return 0;
    }
    struct pg_fts_leaf *leaves =
        realloc(f->leaves[lang], (f->nleaves[lang] + 1) * sizeof *f->leaves[lang]);
    if (!leaves)
        return ERR_NOMEM;
    f->leaves[lang] = leaves;
    struct pg_fts_leaf *leaf = &leaves[f->nleaves[lang]++];
    *leaf = (struct pg_fts_leaf){.prefix = node->kind == TEXT_Q_PREFIX};
    struct leaf_build b = {.f = f, .lang = lang, .text = node->text, .leaf = leaf};
    int rc = text_tokenize(f->tokenizer[lang], node->text, node->len,
                           leaf->prefix ? TEXT_TOK_PREFIX : TEXT_TOK_QUERY, on_query_token, &b);
    buf_free(&b.scratch);
    buf_free(&b.stem);
    return rc ? ERR_NOMEM : 0;
}

/* Whether node can match nothing; *next walks the leaves in order. */
static int is_nothing(const struct pg_fts *f, int lang, const struct text_query *node, size_t *next)
{
    switch (node->kind) {
    case TEXT_Q_TERM:
    case TEXT_Q_PREFIX:
    case TEXT_Q_PHRASE:
        return f->leaves[lang][(*next)++].ntokens == 0;
    case TEXT_Q_AND: {
        int nothing = 0;
        for (size_t i = 0; i < node->nkids; i++)
            nothing |= is_nothing(f, lang, node->kids[i], next);
        return nothing;
    }
    case TEXT_Q_OR: {
        int nothing = 1;
        for (size_t i = 0; i < node->nkids; i++)
            nothing &= is_nothing(f, lang, node->kids[i], next);
        return nothing;
    }
    case TEXT_Q_NOT: {
        int left = is_nothing(f, lang, node->kids[0], next);
        (void)is_nothing(f, lang, node->kids[1], next);
        return left;
    }
    }
    return 1;
}

static void skip_leaves(const struct text_query *node, size_t *next)
{
    if (node->kind == TEXT_Q_TERM || node->kind == TEXT_Q_PREFIX || node->kind == TEXT_Q_PHRASE) {
        (*next)++;
        return;
    }
    for (size_t i = 0; i < node->nkids; i++)
        skip_leaves(node->kids[i], next);
}

static void render_leaf(const struct pg_fts_leaf *leaf, struct buf *out)
{
    (void)buf_putc(out, '(');
    for (size_t i = 0; i < leaf->ntokens; i++) {
        if (i > 0 && leaf->tokens[i].distance == 1)
            (void)buf_puts(out, " <-> ");
        else if (i > 0)
            (void)buf_printf(out, " <%d> ", leaf->tokens[i].distance);
        (void)buf_puts(out, leaf->tokens[i].group);
        if (leaf->prefix && i + 1 == leaf->ntokens)
            (void)buf_puts(out, ":*");
    }
    (void)buf_putc(out, ')');
}

/* Appends node (which is not nothing) as tsquery text; every operand is parenthesised. */
static void render(const struct pg_fts *f, int lang, const struct text_query *node, size_t *next,
                   struct buf *out)
{
    if (node->kind == TEXT_Q_TERM || node->kind == TEXT_Q_PREFIX || node->kind == TEXT_Q_PHRASE) {
        render_leaf(&f->leaves[lang][(*next)++], out);
        return;
    }
    if (node->kind == TEXT_Q_NOT) {
        size_t probe = *next;
        skip_leaves(node->kids[0], &probe);
        size_t right_probe = probe;
        int right_nothing = is_nothing(f, lang, node->kids[1], &right_probe);
        (void)buf_putc(out, '(');
        render(f, lang, node->kids[0], next, out);
        if (right_nothing) {
            skip_leaves(node->kids[1], next);
        } else {
            (void)buf_puts(out, " & !");
            render(f, lang, node->kids[1], next, out);
        }
        (void)buf_putc(out, ')');
        return;
    }
    const char *op = node->kind == TEXT_Q_AND ? " & " : " | ";
    int first = 1;
    (void)buf_putc(out, '(');
    for (size_t i = 0; i < node->nkids; i++) {
        size_t probe = *next;
        if (node->kind == TEXT_Q_OR && is_nothing(f, lang, node->kids[i], &probe)) {
            skip_leaves(node->kids[i], next);
            continue;
        }
        if (!first)
            (void)buf_puts(out, op);
        first = 0;
        render(f, lang, node->kids[i], next, out);
    }
    (void)buf_putc(out, ')');
}

int pg_fts_prepare(struct pg_fts *f, const struct text_query *query, struct err *err)
{
    memset(f, 0, sizeof *f);
    for (int lang = 0; lang < STORE_LANG_COUNT; lang++) {
        int rc = text_tokenizer_new((enum text_lang)lang, &f->tokenizer[lang], err);
        if (!rc)
            rc = text_stemmer_new((enum text_lang)lang, &f->stemmer[lang], err);
        if (rc)
            return rc;
        if (collect_leaves(f, lang, query))
            return err_set(err, ERR_NOMEM, "out of memory rendering the query");
        size_t next = 0;
        f->nothing[lang] = is_nothing(f, lang, query, &next);
        next = 0;
        if (!f->nothing[lang])
            render(f, lang, query, &next, &f->tsquery[lang]);
        if (f->tsquery[lang].oom)
            return err_set(err, ERR_NOMEM, "out of memory rendering the query");
    }
    return 0;
}

void pg_fts_free(struct pg_fts *f)
{
    for (int lang = 0; lang < STORE_LANG_COUNT; lang++) {
        for (size_t i = 0; i < f->nleaves[lang]; i++) {
            struct pg_fts_leaf *leaf = &f->leaves[lang][i];
            for (size_t k = 0; k < leaf->ntokens; k++) {
                free(leaf->tokens[k].text);
                free(leaf->tokens[k].group);
            }
            free(leaf->tokens);
        }
        free(f->leaves[lang]);
        buf_free(&f->tsquery[lang]);
        text_tokenizer_free(f->tokenizer[lang]);
        text_stemmer_free(f->stemmer[lang]);
    }
    memset(f, 0, sizeof *f);
}

const char *pg_fts_leaf_param(const struct pg_fts *f, int lang, size_t leaf, struct buf *out)
{
    buf_reset(out);
    if (leaf >= f->nleaves[lang] || f->leaves[lang][leaf].ntokens == 0)
        return NULL;
    render_leaf(&f->leaves[lang][leaf], out);
    return out->oom ? NULL : buf_str(out);
}

const char *pg_fts_param(const struct pg_fts *f, int lang)
{
    return f->nothing[lang] ? NULL : buf_str(&f->tsquery[lang]);
}
