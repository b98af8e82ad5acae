/*
 * api_coop.h — what api_coop.c (needs, offers, rankings) and api_coop_match.c (matches) share:
 * how a time and a score are written, and the cutting of a page out of a list core gives
 * whole. Private to those two files; the handlers are declared in handlers.h.
 */
#ifndef SUIVI_WEB_API_COOP_H
#define SUIVI_WEB_API_COOP_H

#include <stdint.h>

#include "core/match.h"
#include "web/handlers.h"

/* "key": the time ms as core writes times, or null when ms is 0. */
void api_coop_json_time(struct jsonw *w, const char *key, int64_t ms);

/* "score", "parts" (each part's name, weight and value) and "explanation": why. */
void api_coop_json_score(struct jsonw *w, const struct core_match_score *s, const char *why);

/* A page of a list read whole: skip items are passed over, room items written; total counts
 * them all. */
struct api_coop_page {
    long skip, room, total;
};

/* Counts one item; 1 when it is to be written. */
int api_coop_page_take(struct api_coop_page *pg);

#endif
