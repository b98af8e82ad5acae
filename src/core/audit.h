/*
 * audit.h — the audit trail: one event per write (who, when, what entity, before/after as
 * JSON, from where), recorded by core in the same transaction as the write, and read back with
 * filters for the admin pages and `suivi audit`. Also the clock every event and session is
 * stamped with, which tests replace so that nothing has to sleep.
 */
#ifndef SUIVI_CORE_AUDIT_H
#define SUIVI_CORE_AUDIT_H

#include <stdint.h>

#include "core/accounts.h"
#include "store/store.h"
#include "util/isotime.h"

/* Milliseconds since 1970-01-01T00:00:00Z. */
typedef int64_t (*core_clock_fn)(void);

/* Replaces the clock (NULL: the system's). For tests: set it before any other thread runs. */
void core_clock_set(core_clock_fn now);
int64_t core_now(void);

enum { CORE_TIME_SIZE = ISOTIME_SIZE };

/* "2024-05-01T09:30:00.123Z" (UTC) for ms since the epoch: isotime_format under the name the
 * callers above store use. */
void core_time_format(int64_t ms, char out[CORE_TIME_SIZE]);

/* Records one event now: actor (NULL: the command line, as core_actor_cli) did action
 * ("create", "update", "password", "deactivate", "login", "import", ...) to entity ("user",
 * "session", "institution", "import", ...) entity_id; before_json/after_json are JSON objects
 * (or NULL) that must not hold a password, a password hash or a token. Runs in the caller's
 * transaction when there is one, so the event is kept exactly when the write is. */
int core_audit_record(struct store *st, const struct core_actor *actor, const char *action,
                      const char *entity, const char *entity_id, const char *before_json,
                      const char *after_json, struct err *err) SUIVI_MUST_CHECK;

/* The same with a line of free text instead of before/after (e.g. why a login failed). */
int core_audit_note(struct store *st, const struct core_actor *actor, const char *action,
                    const char *entity, const char *entity_id, const char *detail,
                    struct err *err) SUIVI_MUST_CHECK;

/* Events matching f (NULL: all), newest first; *total (may be NULL) receives how many match
 * without limit and offset. The actor needs read_audit (ERR_DENIED). */
int core_audit_each(struct store *st, const struct core_actor *actor,
                    const struct store_audit_filter *f, store_audit_cb cb, void *ctx, long *total,
                    struct err *err) SUIVI_MUST_CHECK;

#endif
