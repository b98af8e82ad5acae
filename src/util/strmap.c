/*
 * strmap.c — string-to-string map (see strmap.h). Grows at 50% load; linear probing.
 */
#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    char *key;
    char *value;
};

struct strmap {
    struct entry *entries;
    size_t cap, size;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

struct strmap *strmap_new(void)
{
    struct strmap *map = calloc(1, sizeof *map);
    if (!map)
        return NULL;
    map->cap = 256;
    if (!(map->entries = calloc(map->cap, sizeof *map->entries))) {
        free(map);
        return NULL;
    }
    return map;
}

void strmap_free(struct strmap *map)
{
    if (!map)
        return;
    for (size_t i = 0; i < map->cap; i++) {
        free(map->entries[i].key);
        free(map->entries[i].value);
    }
    free(map->entries);
    free(map);
}

static struct entry *slot(struct entry *entries, size_t cap, const char *key)
{
    size_t i = hash(key) & (cap - 1);
    while (entries[i].key && strcmp(entries[i].key, key))
        i = (i + 1) & (cap - 1);
    return &entries[i];
}

static int grow(struct strmap *map)
{
    size_t cap = map->cap * 2;
    struct entry *entries = calloc(cap, sizeof *entries);
    if (!entries)
        return ERR_NOMEM;
    for (size_t i = 0; i < map->cap; i++)
        if (map->entries[i].key)
            *slot(entries, cap, map->entries[i].key) = map->entries[i];
    free(map->entries);
    map->entries = entries;
    map->cap = cap;
    return 0;
}

int strmap_put(struct strmap *map, const char *key, const char *value)
{
    if (map->size * 2 >= map->cap && grow(map))
        return ERR_NOMEM;
    struct entry *e = slot(map->entries, map->cap, key);
    char *copy = value ? strdup(value) : NULL;
    if (value && !copy)
        return ERR_NOMEM;
    if (!e->key) {
        if (!(e->key = strdup(key))) {
            free(copy);
            return ERR_NOMEM;
        }
        map->size++;
    }
    free(e->value);
    e->value = copy;
    return 0;
}

int strmap_get(const struct strmap *map, const char *key, const char **value)
{
    const struct entry *e = slot(map->entries, map->cap, key);
    if (!e->key)
        return 0;
    *value = e->value;
    return 1;
}
