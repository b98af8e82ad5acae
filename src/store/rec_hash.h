/*
 * rec_hash.h — the content hash of a recommendation as imported, shared by every backend so
 * that re-importing an unchanged record is recognised and changes nothing.
 */
#ifndef SUIVI_STORE_REC_HASH_H
#define SUIVI_STORE_REC_HASH_H

#include "store/store.h"

/* Writes 16 hex digits (FNV-1a 64 over every field, source tags included, in a fixed order and
 * with separators, so that moving text between fields changes the hash) and a NUL into out. */
void store_rec_hash(const struct store_rec *r, char out[17]);

#endif
