/*
 * strset.c — counted string set (see strset.h). Grows at 50% load; linear probing.
 */
#include "util/strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct slot {
    char *key;
    int count;
};

struct strset {
    struct slot *slots;
    size_t cap, size;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

struct strset *strset_new(void)
{
    struct strset *set = calloc(1, sizeof *set);
    if (!set)
        return NULL;
    set->cap = 64;
    set->slots = calloc(set->cap, sizeof *set->slots);
    if (!set->slots) {
        free(set);
        return NULL;
    }
    return set;
}

void strset_free(struct strset *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->cap; i++)
        free(set->slots[i].key);
    free(set->slots);
    free(set);
}

static struct slot *find(struct slot *slots, size_t cap, const char *s)
{
    size_t i = hash(s) & (cap - 1);
    while (slots[i].key && strcmp(slots[i].key, s))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static int grow(struct strset *set)
{
    size_t cap = set->cap * 2;
    struct slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return ERR_NOMEM;
    for (size_t i = 0; i < set->cap; i++)
        if (set->slots[i].key)
            *find(slots, cap, set->slots[i].key) = set->slots[i];
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return 0;
}

int strset_add(struct strset *set, const char *s)
{
    if (set->size * 2 >= set->cap && grow(set))
        return ERR_NOMEM;
    struct slot *slot = find(set->slots, set->cap, s);
    if (slot->key)
        return slot->count++;
    if (!(slot->key = strdup(s)))
        return ERR_NOMEM;
    slot->count = 1;
    set->size++;
    return 0;
}

size_t strset_size(const struct strset *set)
{
    return set->size;
}
