/*
 * cache.c — per-thread response cache (see cache.h): a set-associative table (the key's hash
 * picks a set of CACHE_WAYS slots; a new entry replaces the least recently used of its set).
 * No locks: each worker thread owns its cache, as it owns its database connection.
 */
#include "web/cache.h"

#include <stdlib.h>
#include <string.h>

enum { CACHE_SLOTS = 4096, CACHE_WAYS = 4, CACHE_MAX_BODY = 512 * 1024 };

struct slot {
    char *key;
    char *body;
    size_t len;
    const char *content_type;
    char etag[24];
    uint64_t version;
    uint64_t used; /* clock of the last use, for replacement */
};

struct resp_cache {
    struct slot slots[CACHE_SLOTS];
    uint64_t clock;
};

/* The first slot of key's set. */
static size_t set_of(const char *key)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 0x100000001b3ULL;
    return (size_t)(h % (CACHE_SLOTS / CACHE_WAYS)) * CACHE_WAYS;
}

struct resp_cache *resp_cache_new(void)
{
    return calloc(1, sizeof(struct resp_cache));
}

void resp_cache_free(struct resp_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        free(c->slots[i].key);
        free(c->slots[i].body);
    }
    free(c);
}

int resp_cache_get(struct resp_cache *c, const char *key, uint64_t version, struct cached *out)
{
    size_t first = set_of(key);
    for (size_t i = first; i < first + CACHE_WAYS; i++) {
        struct slot *s = &c->slots[i];
        if (!s->key || s->version != version || strcmp(s->key, key))
            continue;
        s->used = ++c->clock;
        *out = (struct cached){s->body, s->len, s->content_type, s->etag};
        return 1;
    }
    return 0;
}

int resp_cache_put(struct resp_cache *c, const char *key, uint64_t version, const char *body,
                   size_t len, const char *content_type, const char *etag)
{
    if (len > CACHE_MAX_BODY || strlen(etag) >= sizeof c->slots[0].etag)
        return 0; /* not worth keeping */
    /* the same key's slot, else an empty one, else the least recently used of the set */
    size_t first = set_of(key);
    struct slot *s = &c->slots[first];
    for (size_t i = first; i < first + CACHE_WAYS; i++) {
        struct slot *t = &c->slots[i];
        if (t->key && !strcmp(t->key, key)) {
            s = t;
            break;
        }
        if (!t->key || (s->key && t->used < s->used))
            s = t;
    }
    char *k = strdup(key), *b = malloc(len ? len : 1);
    if (!k || !b) {
        free(k);
        free(b);
        return ERR_NOMEM;
    }
    memcpy(b, body, len);
    free(s->key);
    free(s->body);
    *s = (struct slot){.key = k,
                       .body = b,
                       .len = len,
                       .content_type = content_type,
                       .version = version,
                       .used = ++c->clock};
    memcpy(s->etag, etag, strlen(etag) + 1);
    return 0;
}
