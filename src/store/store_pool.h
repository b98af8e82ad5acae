/*
 * store_pool.h — small memory helpers the backends' readers share (src/store/ only): a pool of
 * strings freed together, growing an array by doubling, and freeing a record a backend read
 * into malloc'd copies.
 */
#ifndef SUIVI_STORE_POOL_H
#define SUIVI_STORE_POOL_H

#include <stddef.h>

struct store_pool_chunk;

struct store_pool {
    struct store_pool_chunk *head;
    int oom; /* a copy failed: the caller reports ERR_NOMEM */
};

/* A copy of s (NULL for NULL) that lives until store_pool_free. */
const char *store_pool_dup(struct store_pool *p, const char *s);
void store_pool_free(struct store_pool *p);

/* Makes room for one more element of size bytes in *arr (n used, *cap allocated): 0 or
 * ERR_NOMEM. */
int store_grow(void **arr, size_t n, size_t *cap, size_t size);

/* Frees every string and array of r, which a backend's rec_get filled with malloc'd copies. */
struct store_rec;
void store_rec_free_copy(struct store_rec *r);

#endif
