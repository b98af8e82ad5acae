/*
 * followup_write.c — what every follow-up write shares (followup_internal.h): checking what
 * people typed (text, dates), who may act on which institution's work, the transaction that
 * keeps a write and its audit event together, and the JSON of each kind of row that audit
 * events hold before and after.
 */
#include "core/followup_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/permissions.h"
#include "text/fold.h"

int fu_check_text(const char *field, const char *s, int required, size_t max, int multiline,
                  struct err *err)
{
    size_t n = s ? strlen(s) : 0;
    if (!n)
        return required ? err_set(err, ERR_INPUT, "%s: empty, expected text", field) : 0;
    if (n > max)
        return err_set(err, ERR_INPUT, "%s: %zu bytes, expected at most %zu", field, n, max);
    size_t bad = 0;
    if (text_utf8_check(s, n, &bad))
        return err_set(err, ERR_INPUT, "%s: not valid UTF-8 at byte %zu", field, bad + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int allowed = multiline && (c == '\n' || c == '\r' || c == '\t');
        if ((c < 0x20 || c == 0x7f) && !allowed)
            return err_set(err, ERR_INPUT, "%s: control character at byte %zu, expected text",
                           field, i + 1);
    }
    return 0;
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int fu_check_date(const char *field, const char *s, int required, struct err *err)
{
    if (!s || !*s)
        return required ? err_set(err, ERR_INPUT, "%s: empty, expected a date YYYY-MM-DD", field)
                        : 0;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int ok = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; ok && i < 10; i++)
        ok = i == 4 || i == 7 || (s[i] >= '0' && s[i] <= '9');
    int y = 0, m = 0, d = 0;
    if (ok && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 && y >= 1900 && m >= 1 && m <= 12 &&
        d >= 1 && d <= days[m - 1] + (m == 2 && leap(y)))
        return 0;
    return err_set(err, ERR_INPUT, "%s \"%.40s\": expected a date YYYY-MM-DD", field, s);
}

void fu_date(int64_t ms, int days, char out[FU_DATE_SIZE])
{
    time_t t = (time_t)(ms / 1000 + (int64_t)days * 86400);
    struct tm tm;
    char text[64] = "0000-00-00";
    if (gmtime_r(&t, &tm) && tm.tm_year + 1900 <= 9999 && tm.tm_year + 1900 >= 0)
        snprintf(text, sizeof text, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    memcpy(out, text, FU_DATE_SIZE - 1);
    out[FU_DATE_SIZE - 1] = '\0';
}

const char *fu_login(const struct core_actor *actor, char *scratch, size_t size)
{
    if (actor)
        return actor->login ? actor->login : "unknown";
    struct core_actor cli;
    core_actor_cli(&cli, scratch, size);
    return scratch;
}

int fu_denied(const struct core_actor *actor, const char *doing, const char *who, struct err *err)
{
    return err_set(err, ERR_DENIED, "%s: %s may (you are %s)", doing, who,
                   actor && actor->role ? actor->role : "public");
}

int fu_denied_institution(const struct core_actor *actor, const char *doing, long institution_id,
                          struct err *err)
{
    if (core_role_parse(actor ? actor->role : NULL) == CORE_ROLE_FOCAL_POINT)
        return err_set(err, ERR_DENIED,
                       "%s: a focal point acts for their own institution only (this is "
                       "institution %ld's work; yours is %ld)",
                       doing, institution_id, actor->institution_id);
    return fu_denied(actor, doing,
                     "a focal point of the institution, a coordinator or an administrator", err);
}

static int institution_found(void *ctx, const struct store_institution *in)
{
    (void)ctx;
    (void)in;
    return 0;
}

int fu_check_institution(struct store *st, long id, struct err *err)
{
    if (id <= 0)
        return err_set(err, ERR_INPUT, "institution: none given, expected one");
    int rc = store_institution_get(st, id, NULL, institution_found, NULL, err);
    if (rc == ERR_NOTFOUND)
        rc = err_set(err, ERR_INPUT, "institution: no institution with id %ld", id);
    return rc;
}

int fu_check_assigned(struct store *st, const char *rec_id, long cluster_id, long institution_id,
                      struct err *err)
{
    int yes = 0;
    int rc = store_assignment_covers(st, rec_id, cluster_id, institution_id, &yes, err);
    if (rc || yes)
        return rc;
    if (rec_id)
        return err_set(err, ERR_DENIED,
                       "recommendation %s is not assigned to institution %ld: a coordinator "
                       "assigns it first",
                       rec_id, institution_id);
    return err_set(err, ERR_DENIED,
                   "cluster %ld is not assigned to institution %ld: a coordinator assigns it "
                   "first",
                   cluster_id, institution_id);
}

int fu_audit_commit(struct store *st, const struct core_actor *actor, int rc, const char *action,
                    const char *entity, long id, const struct buf *before, const struct buf *after,
                    struct err *err)
{
    if (!rc && ((before && before->oom) || (after && after->oom)))
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc) {
        char id_text[24];
        snprintf(id_text, sizeof id_text, "%ld", id);
        rc = core_audit_record(st, actor, action, entity, id_text,
                               before && before->len ? buf_str(before) : NULL,
                               after && after->len ? buf_str(after) : NULL, err);
    }
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

/* ---- JSON of rows ------------------------------------------------------------------------ */

void fu_json_number(struct jsonw *w, const char *key, double v)
{
    jsonw_key(w, key);
    if (isnan(v))
        jsonw_null(w);
    else
        jsonw_double(w, v);
}

/* "key": id, or null for 0. */
static void json_id(struct jsonw *w, const char *key, long id)
{
    jsonw_key(w, key);
    if (id)
        jsonw_int(w, id);
    else
        jsonw_null(w);
}

void fu_json_cluster(struct buf *out, const struct store_cluster *c, long id)
{
    struct jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", id);
    jsonw_kv_string(&w, "name", c->name);
    jsonw_kv_string(&w, "kind", c->kind);
    jsonw_kv_string(&w, "criterion", c->criterion);
    jsonw_kv_string(&w, "country", c->country);
    jsonw_kv_int(&w, "members", c->members);
    jsonw_end(&w);
}

void fu_json_assignment(struct buf *out, const struct store_assignment *a, long id)
{
    struct jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", id);
    jsonw_kv_string(&w, "rec_id", a->rec_id);
    json_id(&w, "cluster_id", a->rec_id ? 0 : a->cluster_id);
    jsonw_kv_int(&w, "institution_id", a->institution_id);
    jsonw_key(&w, "lead");
    jsonw_bool(&w, a->lead);
    jsonw_kv_string(&w, "deadline", a->deadline);
    jsonw_end(&w);
}

void fu_json_action(struct buf *out, const struct store_plan_action *a, long id)
{
    struct jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", id);
    jsonw_kv_string(&w, "rec_id", a->rec_id);
    json_id(&w, "cluster_id", a->rec_id ? 0 : a->cluster_id);
    jsonw_kv_int(&w, "institution_id", a->institution_id);
    jsonw_kv_string(&w, "description", a->description);
    jsonw_kv_string(&w, "unit", a->unit);
    jsonw_kv_string(&w, "start_date", a->start_date);
    jsonw_kv_string(&w, "due_date", a->due_date);
    fu_json_number(&w, "budget", a->budget);
    jsonw_kv_string(&w, "currency", a->currency);
    jsonw_kv_string(&w, "status", a->status);
    jsonw_end(&w);
}

void fu_json_indicator(struct buf *out, const struct store_indicator *ind, long id)
{
    struct jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", id);
    jsonw_kv_string(&w, "rec_id", ind->rec_id);
    jsonw_kv_int(&w, "institution_id", ind->institution_id);
    jsonw_kv_string(&w, "name", ind->name);
    jsonw_kv_string(&w, "definition", ind->definition);
    jsonw_kv_string(&w, "unit", ind->unit);
    jsonw_kv_string(&w, "source", ind->source);
    fu_json_number(&w, "baseline", ind->baseline);
    fu_json_number(&w, "target", ind->target);
    jsonw_kv_string(&w, "baseline_date", ind->baseline_date);
    jsonw_kv_string(&w, "target_date", ind->target_date);
    jsonw_kv_string(&w, "sdg_indicator", ind->sdg_indicator);
    jsonw_end(&w);
}

void fu_json_value(struct buf *out, const struct store_indicator_value *v)
{
    struct jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "indicator_id", v->indicator_id);
    jsonw_kv_string(&w, "date", v->date);
    fu_json_number(&w, "value", v->value);
    jsonw_kv_string(&w, "note", v->note);
    jsonw_end(&w);
}

void fu_json_progress(struct buf *out, const struct store_progress *p, long id)
{
    struct jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", id);
    jsonw_kv_string(&w, "rec_id", p->rec_id);
    jsonw_kv_int(&w, "institution_id", p->institution_id);
    jsonw_kv_string(&w, "status", p->status);
    jsonw_kv_string(&w, "narrative", p->narrative);
    jsonw_kv_string(&w, "workflow", p->workflow);
    jsonw_kv_string(&w, "review_comment", p->review_comment);
    jsonw_kv_string(&w, "author", p->author_login);
    jsonw_kv_string(&w, "submitted_by", p->submitter_login);
    jsonw_kv_string(&w, "reviewed_by", p->reviewer_login);
    jsonw_end(&w);
}
