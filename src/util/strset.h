/*
 * strset.h — a set of strings with a count per string (open addressing, FNV-1a), for
 * numbering repeats and de-duplicating within one run. Owns copies of its strings.
 */
#ifndef SUIVI_STRSET_H
#define SUIVI_STRSET_H

#include <stddef.h>

#include "util/err.h"

struct strset;

struct strset *strset_new(void);
void strset_free(struct strset *set);

/* Adds s (or counts it again) and returns how many times it was added before (0 the first
 * time), or ERR_NOMEM. */
int strset_add(struct strset *set, const char *s) SUIVI_MUST_CHECK;

size_t strset_size(const struct strset *set);

#endif
