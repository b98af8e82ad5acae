/*
 * stem.c — irregular forms, Snowball, accent removal (see stem.h). The only file of suivi that
 * includes libstemmer.h.
 *
 * The irregular tables hold only pairs that Snowball leaves apart (each checked against the
 * Debian libstemmer; tests/text/test_stem.c asserts every pair). Keys are accent-free so that a
 * user who types "jovenes" gets the same stem as one who types "jóvenes". Spanish also gets one
 * rule rather than a long table: Snowball stems a consonant-final plural ("mujeres", "libertades",
 * "jóvenes") to its singular but the singular further ("muj", "libert", "jov"); see es_plural.
 */
#include "text/stem.h"

#include <libstemmer.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct irregular {
    const char *bare;  /* case-folded, accent-free form as written */
    const char *lemma; /* what Snowball is given instead */
};

/* Plurals Snowball English keeps apart from their singular; "analysis" is mapped onto the verb so
 * that analysis, analyses, analyse and analysed all give "analys". "people"/"peoples" already
 * share "peopl" and must not become "person". */
static const struct irregular irregular_en[] = {
    {"women", "woman"},   {"men", "man"},       {"children", "child"},
    {"wives", "wife"},    {"lives", "life"},    {"analysis", "analyse"},
    {"crises", "crisis"}, {"indices", "index"}, {"criteria", "criterion"},
    {NULL, NULL},
};

/* Snowball French keeps -aux plurals of -ail nouns and -s plurals after a vowel ("lois",
 * "emplois", "revenus"). "hôpitaux", "journaux", "droits", "femmes", "enfants" and
 * "autochtones" it already handles. */
static const struct irregular irregular_fr[] = {
    {"travaux", "travail"}, {"baux", "bail"},      {"lois", "loi"},
    {"emplois", "emploi"},  {"revenus", "revenu"}, {"individus", "individu"},
    {"elus", "élu"},        {"abris", "abri"},     {"voeux", "vœu"},
    {NULL, NULL},
};

/* Spanish z→ces plurals, which the es_plural rule cannot see (the singular is not a prefix). */
static const struct irregular irregular_es[] = {
    {"jueces", "juez"},
    {"raices", "raíz"},
    {"veces", "vez"},
    {"voces", "voz"},
    {"luces", "luz"},
    {"cruces", "cruz"},
    {"directrices", "directriz"},
    {NULL, NULL},
};

static const struct irregular *const irregular_tables[TEXT_LANG_COUNT] = {
    irregular_en,
    irregular_fr,
    irregular_es,
};

/* Snowball takes an int length; folding can grow a word (U+FDFA: 3 bytes, 33 folded). */
#define STEM_MAX_INPUT (INT_MAX / 32)

static const char *const snowball_names[TEXT_LANG_COUNT] = {"english", "french", "spanish"};

struct text_stemmer {
    enum text_lang lang;
    struct sb_stemmer *snowball;
    /* Scratch buffers, reused by every call. */
    struct buf lower; /* the word case-folded, accents kept */
    struct buf bare;  /* the word case-folded, accents removed */
    struct buf stem;  /* the result being built */
};

int text_stemmer_new(enum text_lang lang, struct text_stemmer **out, struct err *err)
{
    *out = NULL;
    if ((unsigned)lang >= TEXT_LANG_COUNT)
        return err_set(err, ERR_INPUT, "stemmer: unknown language %d", (int)lang);
    struct text_stemmer *st = calloc(1, sizeof *st);
    if (!st)
        return err_set(err, ERR_NOMEM, "stemmer: out of memory");
    st->lang = lang;
    st->snowball = sb_stemmer_new(snowball_names[lang], "UTF_8");
    if (!st->snowball) {
        free(st);
        return err_set(err, ERR_NOMEM, "stemmer: cannot create the Snowball '%s' stemmer",
                       snowball_names[lang]);
    }
    *out = st;
    return 0;
}

void text_stemmer_free(struct text_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->snowball);
    buf_free(&st->lower);
    buf_free(&st->bare);
    buf_free(&st->stem);
    free(st);
}

enum text_lang text_stemmer_lang(const struct text_stemmer *st)
{
    return st->lang;
}

const char *text_stem_irregular(enum text_lang lang, size_t i)
{
    if ((unsigned)lang >= TEXT_LANG_COUNT)
        return NULL;
    const struct irregular *entry = irregular_tables[lang];
    for (size_t k = 0; k < i && entry->bare; k++)
        entry++;
    return entry->bare;
}

static const char *irregular_lemma(enum text_lang lang, const struct buf *bare)
{
    for (const struct irregular *entry = irregular_tables[lang]; entry->bare; entry++) {
        if (strcmp(entry->bare, buf_str(bare)) == 0)
            return entry->lemma;
    }
    return NULL;
}

/* Snowball-stems word[0..n) and replaces st->stem with the result, accents removed. */
static int snowball_into_stem(struct text_stemmer *st, const char *word, size_t n)
{
    const sb_symbol *stemmed = sb_stemmer_stem(st->snowball, (const sb_symbol *)word, (int)n);
    if (!stemmed)
        return ERR_NOMEM;
    buf_reset(&st->stem);
    /* Snowball only removes and rewrites letters: its output is valid UTF-8 again. */
    return text_fold((const char *)stemmed, (size_t)sb_stemmer_length(st->snowball),
                     TEXT_FOLD_ACCENTS, &st->stem);
}

/* Spanish consonant-final plurals: when Snowball's stem of "Xes" is just X (it took the word
 * for a plural), the stem is Snowball's stem of the singular X, so that "mujeres"/"mujer",
 * "libertades"/"libertad", "jóvenes"/"joven" meet. Where Snowball already agreed ("naciones",
 * "países", "leyes") the second pass gives the same answer. */
static int es_plural(struct text_stemmer *st)
{
    const struct buf *lower = &st->lower;
    const struct buf *bare = &st->bare;
    if (bare->len <= 4 || lower->len < 2 || memcmp(lower->data + lower->len - 2, "es", 2) != 0)
        return 0;
    if (st->stem.len != bare->len - 2 || memcmp(st->stem.data, bare->data, st->stem.len) != 0)
        return 0;
    return snowball_into_stem(st, lower->data, lower->len - 2);
}

int text_stem_word(struct text_stemmer *st, const char *word, size_t n, struct buf *out)
{
    if (out->oom)
        return ERR_NOMEM;
    if (n == 0)
        return 0;
    if (n > STEM_MAX_INPUT)
        return ERR_INPUT;
    buf_reset(&st->lower);
    buf_reset(&st->bare);
    int rc = text_fold(word, n, 0, &st->lower);
    if (!rc)
        rc = text_fold(st->lower.data, st->lower.len, TEXT_FOLD_ACCENTS, &st->bare);
    if (rc)
        return rc;
    if (st->lower.len == 0)
        return 0; /* only ignorable characters: no word */

    const char *lemma = irregular_lemma(st->lang, &st->bare);
    if (lemma) {
        rc = snowball_into_stem(st, lemma, strlen(lemma));
    } else {
        rc = snowball_into_stem(st, st->lower.data, st->lower.len);
        if (!rc && st->lang == TEXT_LANG_ES)
            rc = es_plural(st);
    }
    if (rc)
        return rc;
    return buf_append(out, st->stem.data ? st->stem.data : "", st->stem.len);
}
