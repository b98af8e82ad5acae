/*
 * hub_internal.h — what hub.c, hub_files.c and hub_import.c share: who may read an entry, and
 * the checked writes of the hub without a transaction of their own (each records its audit
 * event in the caller's), so that an import file goes in as one transaction. Nothing outside
 * src/core/hub*.c includes it.
 */
#ifndef SUIVI_CORE_HUB_INTERNAL_H
#define SUIVI_CORE_HUB_INTERNAL_H

#include <stddef.h>

#include "core/hub.h"
#include "util/buf.h"

/* Commits when rc is 0, else rolls back; returns the first error. */
int hub_commit(struct store *st, int rc, struct err *err) SUIVI_MUST_CHECK;

/* Records an audit event (after: a JSON object, or empty for none). */
int hub_audit(struct store *st, const struct core_actor *actor, const char *action,
              const char *entity, const char *id, struct buf *after,
              struct err *err) SUIVI_MUST_CHECK;

/* Resolves a State's name or code to ISO3 (empty when name is NULL or ""); ERR_INPUT. */
int hub_country(struct store *st, const char *name, char iso3[4], struct err *err) SUIVI_MUST_CHECK;

/* Whether actor may read entry p (published, hub_read_drafts, or its author). */
int hub_may_read(const struct core_actor *actor, const struct store_hub_practice *p);

/* The published flag and the author (copied into author, size bytes) of entry id. */
int hub_entry_get(struct store *st, long id, int *published, char *author, size_t size,
                  struct err *err) SUIVI_MUST_CHECK;

/* The writes, inside an open transaction; permissions of the entry checked here, hub_edit for
 * profiles and documents by the caller. id 0: a new entry. When what is stored is already what
 * would be written, nothing is written or audited and *unchanged (may be NULL) is set. */
int hub_practice_write(struct store *st, const struct core_actor *actor, long id,
                       const struct core_hub_practice_in *in, long *out_id, int *unchanged,
                       struct err *err) SUIVI_MUST_CHECK;
int hub_profile_write(struct store *st, const struct core_actor *actor,
                      const struct store_hub_profile *in, int *created, int *unchanged,
                      struct err *err) SUIVI_MUST_CHECK;
int hub_doc_write(struct store *st, const struct core_actor *actor, const struct store_hub_doc *d,
                  long *id, enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;

#endif
