/*
 * stem.h — reducing a word to the search key shared by its inflected forms, per language.
 *
 * A stemmer chains three steps: a small table of irregular forms of the human-rights domain that
 * Snowball does not conflate (women→woman, travaux→travail, jueces→juez), the Snowball stemmer
 * of the language (libstemmer; stem.c is the only file that includes it), then accent removal, so
 * that "Enfants", "enfant" and "ENFANTS" give "enfant", and "éducation" and "education" "educ".
 * A stemmer is not thread-safe (Snowball keeps state): use one per thread or per tokenizer.
 */
#ifndef SUIVI_TEXT_STEM_H
#define SUIVI_TEXT_STEM_H

#include <stddef.h>

#include "text/fold.h"
#include "util/buf.h"
#include "util/err.h"

struct text_stemmer;

/* Creates a stemmer for lang into *out; the caller frees it with text_stemmer_free. Returns 0;
 * ERR_INPUT for an unknown lang; ERR_NOMEM. On error *out is NULL and err says why. */
int text_stemmer_new(enum text_lang lang, struct text_stemmer **out,
                     struct err *err) SUIVI_MUST_CHECK;

/* Frees st and everything it holds. NULL is allowed. */
void text_stemmer_free(struct text_stemmer *st);

/* The language st was created for. */
enum text_lang text_stemmer_lang(const struct text_stemmer *st);

/* The i-th word (from 0) that the irregular table of lang maps onto another lemma, case-folded
 * and accent-free as written ("women", "lois", "jueces"), or NULL past the last: for a search
 * backend that must match those forms itself (src/store/postgres_fts.c). */
const char *text_stem_irregular(enum text_lang lang, size_t i);

/* Appends to out the stem of the single word word[0..n): case-folded and without accents, e.g.
 * "women"→"woman", "droits"→"droit", "Éducation"→"educ", "mujeres"→"muj". The word should
 * already be case-folded (text_fold with flags 0) with its accents, as the tokenizer passes it;
 * other input is folded first, so the result is the same, only slower. An empty word appends
 * nothing. Returns 0; ERR_INPUT if word is not valid UTF-8 or longer than INT_MAX/32
 * bytes (Snowball counts in int); ERR_NOMEM. On error out is unchanged. */
int text_stem_word(struct text_stemmer *st, const char *word, size_t n,
                   struct buf *out) SUIVI_MUST_CHECK;

#endif
