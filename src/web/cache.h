/*
 * cache.h — a small per-thread cache of whole responses (body, content type, ETag) for GET
 * routes whose answer depends only on the URL, the language and the visitor's role. An entry
 * is valid for one version of the database as seen by this thread's connection
 * (store_data_version): any write, by this process or another, makes it stale.
 */
#ifndef SUIVI_WEB_CACHE_H
#define SUIVI_WEB_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

struct resp_cache;

struct cached {
    const char *body;
    size_t len;
    const char *content_type; /* a static string */
    const char *etag;         /* quoted */
};

struct resp_cache *resp_cache_new(void);
void resp_cache_free(struct resp_cache *c);

/* 1 and *out (valid until the next resp_cache_put) when key is cached at version. */
int resp_cache_get(struct resp_cache *c, const char *key, uint64_t version, struct cached *out);

/* Remembers a response (copied); replaces whatever shared its slot. 0 or ERR_NOMEM. */
int resp_cache_put(struct resp_cache *c, const char *key, uint64_t version, const char *body,
                   size_t len, const char *content_type, const char *etag);

#endif
