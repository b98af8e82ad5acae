/*
 * followup_internal.h — what the files behind core/followup.h share (followup.c, plan.c,
 * progress.c, evidence.c, remind.c, matrix.c): checks of what people type, the transaction
 * with its audit event, the JSON every audit event holds for each kind of row, and dates.
 * Nothing outside src/core/ includes it.
 */
#ifndef SUIVI_CORE_FOLLOWUP_INTERNAL_H
#define SUIVI_CORE_FOLLOWUP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/followup.h"
#include "util/buf.h"
#include "util/jsonw.h"

enum {
    FU_NAME_MAX = 200,   /* bytes of a name, a title, a unit */
    FU_TEXT_MAX = 20000, /* bytes of a description, a narrative, a comment */
    FU_DATE_SIZE = 11,   /* YYYY-MM-DD + NUL */
};

/* Text a person typed: valid UTF-8, at most max bytes, no control characters (line breaks and
 * tabs allowed when multiline); empty or NULL only when not required. ERR_INPUT names field. */
int fu_check_text(const char *field, const char *s, int required, size_t max, int multiline,
                  struct err *err) SUIVI_MUST_CHECK;

/* A calendar date "YYYY-MM-DD" (NULL allowed when not required). */
int fu_check_date(const char *field, const char *s, int required, struct err *err) SUIVI_MUST_CHECK;

/* The UTC date of ms since the epoch, plus days, as "YYYY-MM-DD". */
void fu_date(int64_t ms, int days, char out[FU_DATE_SIZE]);

/* The actor's login for the rows it writes (NULL actor: the command line, as audit.h). */
const char *fu_login(const struct core_actor *actor, char *scratch, size_t size);

/* ERR_DENIED "<doing>: <who> may not" with the actor's role. */
int fu_denied(const struct core_actor *actor, const char *doing, const char *who, struct err *err);

/* ERR_DENIED unless institution_id is assigned rec_id (directly or through a cluster), or
 * cluster_id when rec_id is NULL: people act on what is assigned to their institution. */
int fu_check_assigned(struct store *st, const char *rec_id, long cluster_id, long institution_id,
                      struct err *err) SUIVI_MUST_CHECK;

/* ERR_DENIED for work of institution_id that needs edit_progress: says that a focal point acts
 * for their own institution only, or who may. */
int fu_denied_institution(const struct core_actor *actor, const char *doing, long institution_id,
                          struct err *err);

/* ERR_INPUT unless institution id exists. */
int fu_check_institution(struct store *st, long id, struct err *err) SUIVI_MUST_CHECK;

/* Records the audit event of a write (entity_id is id in decimal) and commits; on any error
 * rolls back. Called with the transaction open and rc the write's status. */
int fu_audit_commit(struct store *st, const struct core_actor *actor, int rc, const char *action,
                    const char *entity, long id, const struct buf *before, const struct buf *after,
                    struct err *err) SUIVI_MUST_CHECK;

/* JSON objects of rows, for audit events (before/after). Errors stick in out->oom. */
void fu_json_cluster(struct buf *out, const struct store_cluster *c, long id);
void fu_json_assignment(struct buf *out, const struct store_assignment *a, long id);
void fu_json_action(struct buf *out, const struct store_plan_action *a, long id);
void fu_json_indicator(struct buf *out, const struct store_indicator *ind, long id);
void fu_json_value(struct buf *out, const struct store_indicator_value *v);
void fu_json_progress(struct buf *out, const struct store_progress *p, long id);

/* A JSON number, or null for NAN. */
void fu_json_number(struct jsonw *w, const char *key, double v);

#endif
