/*
 * word_cache.c — a bounded map from a word's raw bytes to its forms (see word_cache.h). Each
 * entry is one allocation: raw bytes, surface, stem and bare stem, NUL-separated.
 */
#include "text/word_cache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"

enum { CACHE_SLOTS = 1 << 16, CACHE_MAX = CACHE_SLOTS / 2 };

struct entry {
    char *blob; /* raw\0surface\0stem\0bare_stem\0 */
    uint32_t raw_len, surface_len, stem_len, bare_len;
    uint64_t hash;
    int usable;
};

struct word_cache {
    struct entry *slots;
    size_t used;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h;
}

struct word_cache *word_cache_new(void)
{
    struct word_cache *c = calloc(1, sizeof *c);
    if (c && !(c->slots = calloc(CACHE_SLOTS, sizeof *c->slots))) {
        free(c);
        return NULL;
    }
    return c;
}

static void clear(struct word_cache *c)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        free(c->slots[i].blob);
    memset(c->slots, 0, CACHE_SLOTS * sizeof *c->slots);
    c->used = 0;
}

void word_cache_free(struct word_cache *c)
{
    if (!c)
        return;
    clear(c);
    free(c->slots);
    free(c);
}

static struct entry *find(const struct word_cache *c, const char *raw, size_t n, uint64_t h)
{
    size_t i = h & (CACHE_SLOTS - 1);
    for (;;) {
        struct entry *e = &c->slots[i];
        if (!e->blob || (e->hash == h && e->raw_len == n && !memcmp(e->blob, raw, n)))
            return e;
        i = (i + 1) & (CACHE_SLOTS - 1);
    }
}

int word_cache_get(const struct word_cache *c, const char *raw, size_t n, struct word_forms *forms)
{
    const struct entry *e = find(c, raw, n, hash_bytes(raw, n));
    if (!e->blob)
        return 0;
    forms->usable = e->usable;
    forms->surface = e->blob + e->raw_len + 1;
    forms->surface_len = e->surface_len;
    forms->stem = forms->surface + e->surface_len + 1;
    forms->stem_len = e->stem_len;
    forms->bare_stem = forms->stem + e->stem_len + 1;
    forms->bare_stem_len = e->bare_len;
    return 1;
}

int word_cache_put(struct word_cache *c, const char *raw, size_t n, const struct word_forms *f)
{
    if (c->used >= CACHE_MAX)
        clear(c);
    size_t size = n + f->surface_len + f->stem_len + f->bare_stem_len + 4;
    char *blob = malloc(size);
    if (!blob)
        return ERR_NOMEM;
    char *p = blob;
    memcpy(p, raw, n);
    p[n] = '\0';
    p += n + 1;
    memcpy(p, f->surface, f->surface_len);
    p[f->surface_len] = '\0';
    p += f->surface_len + 1;
    memcpy(p, f->stem, f->stem_len);
    p[f->stem_len] = '\0';
    p += f->stem_len + 1;
    memcpy(p, f->bare_stem, f->bare_stem_len);
    p[f->bare_stem_len] = '\0';
    uint64_t h = hash_bytes(raw, n);
    struct entry *e = find(c, raw, n, h);
    if (e->blob)
        free(e->blob);
    else
        c->used++;
    *e = (struct entry){blob,
                        (uint32_t)n,
                        (uint32_t)f->surface_len,
                        (uint32_t)f->stem_len,
                        (uint32_t)f->bare_stem_len,
                        h,
                        f->usable};
    return 0;
}
