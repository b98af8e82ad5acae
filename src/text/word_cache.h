/*
 * word_cache.h — what the tokenizer worked out for a word (folded surface form, stem, stem of
 * the accent-free form), remembered by the word's raw bytes: a recommendation corpus repeats
 * the same few thousand words millions of times, and folding plus Snowball is most of the
 * tokenizer's cost.
 */
#ifndef SUIVI_TEXT_WORD_CACHE_H
#define SUIVI_TEXT_WORD_CACHE_H

#include <stddef.h>

struct word_cache;

/* The remembered forms of a word; usable is 0 for a word that yields no token at all. */
struct word_forms {
    int usable;
    const char *surface, *stem, *bare_stem; /* bare_stem is "" when not computed */
    size_t surface_len, stem_len, bare_stem_len;
};

struct word_cache *word_cache_new(void);
void word_cache_free(struct word_cache *c);

/* Returns 1 and fills *forms (valid until the next word_cache_put) when raw[0..n) is known. */
int word_cache_get(const struct word_cache *c, const char *raw, size_t n, struct word_forms *forms);

/* Remembers forms for raw[0..n). Returns 0, or ERR_NOMEM (the cache is then left as it was).
 * A full cache is emptied first: memory stays bounded whatever the input. */
int word_cache_put(struct word_cache *c, const char *raw, size_t n, const struct word_forms *forms);

#endif
