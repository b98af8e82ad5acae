/*
 * strmap.h — a string-to-string map (open addressing, FNV-1a) that owns copies of its keys and
 * values; used to remember look-ups during one run (names already linked to codes).
 */
#ifndef SUIVI_STRMAP_H
#define SUIVI_STRMAP_H

#include <stddef.h>

#include "util/err.h"

struct strmap;

struct strmap *strmap_new(void);
void strmap_free(struct strmap *map);

/* Sets key to value (value may be NULL, remembered as "known to have no value"). */
int strmap_put(struct strmap *map, const char *key, const char *value) SUIVI_MUST_CHECK;

/* Returns 1 and sets *value (possibly NULL) when key is present, else 0. *value stays valid
 * until the map is changed or freed. */
int strmap_get(const struct strmap *map, const char *key, const char **value);

#endif
