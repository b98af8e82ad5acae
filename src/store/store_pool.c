/*
 * store_pool.c — see store_pool.h: the string pool and array growth the follow-up readers of
 * both backends use.
 */
#include "store/store_pool.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/err.h"

struct store_pool_chunk {
    struct store_pool_chunk *next;
    size_t used, cap;
    char data[];
};

const char *store_pool_dup(struct store_pool *p, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    struct store_pool_chunk *c = p->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > 4000 ? n : 4000;
        if (!(c = malloc(sizeof *c + cap))) {
            p->oom = 1;
            return NULL;
        }
        *c = (struct store_pool_chunk){.next = p->head, .cap = cap};
        p->head = c;
    }
    char *out = c->data + c->used;
    memcpy(out, s, n);
    c->used += n;
    return out;
}

void store_pool_free(struct store_pool *p)
{
    for (struct store_pool_chunk *c = p->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    p->head = NULL;
}

int store_grow(void **arr, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return 0;
    size_t want = *cap ? *cap * 2 : 8;
    void *p = realloc(*arr, want * size);
    if (!p)
        return ERR_NOMEM;
    *arr = p;
    *cap = want;
    return 0;
}

void store_rec_free_copy(struct store_rec *r)
{
    const char *const strings[] = {r->id,       r->kind,          r->mechanism,   r->body,
                                   r->document, r->paragraph,     r->country,     r->country_label,
                                   r->response, r->cluster_theme, r->source_file, r->source_json};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free((char *)strings[i]);
    for (int i = 0; i < STORE_LANG_COUNT; i++)
        free((char *)r->text[i]);
    for (size_t i = 0; i < r->nstates; i++) {
        free((char *)r->states[i].iso3);
        free((char *)r->states[i].label);
    }
    free((void *)r->states);
    for (size_t i = 0; i < r->ntags; i++) {
        free((char *)r->tags[i].vocab);
        free((char *)r->tags[i].code);
        free((char *)r->tags[i].label);
    }
    free((void *)r->tags);
}
