/*
 * audit.c — recording and reading the audit trail, and the clock (see audit.h).
 */
#include "core/audit.h"

#include <time.h>

#include "core/permissions.h"

static core_clock_fn clock_fn;

void core_clock_set(core_clock_fn now)
{
    clock_fn = now;
}

int64_t core_now(void)
{
    if (clock_fn)
        return clock_fn();
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void core_time_format(int64_t ms, char out[CORE_TIME_SIZE])
{
    isotime_format(ms, out);
}

static int record(struct store *st, const struct core_actor *actor, const struct store_audit *ev,
                  struct err *err)
{
    char cli_login[CORE_LOGIN_MAX + 8];
    struct core_actor cli;
    if (!actor) {
        core_actor_cli(&cli, cli_login, sizeof cli_login);
        actor = &cli;
    }
    struct store_audit a = *ev;
    a.at = core_now();
    a.actor_id = actor->user_id;
    a.actor_login = actor->login ? actor->login : "unknown";
    a.ip = actor->ip;
    int rc = store_audit_add(st, &a, err);
    if (rc)
        err_prefix(err, "audit trail");
    return rc;
}

int core_audit_record(struct store *st, const struct core_actor *actor, const char *action,
                      const char *entity, const char *entity_id, const char *before_json,
                      const char *after_json, struct err *err)
{
    struct store_audit a = {.action = action,
                            .entity = entity,
                            .entity_id = entity_id,
                            .before_json = before_json,
                            .after_json = after_json};
    return record(st, actor, &a, err);
}

int core_audit_note(struct store *st, const struct core_actor *actor, const char *action,
                    const char *entity, const char *entity_id, const char *detail, struct err *err)
{
    struct store_audit a = {
        .action = action, .entity = entity, .entity_id = entity_id, .detail = detail};
    return record(st, actor, &a, err);
}

int core_audit_each(struct store *st, const struct core_actor *actor,
                    const struct store_audit_filter *f, store_audit_cb cb, void *ctx, long *total,
                    struct err *err)
{
    if (!core_may(actor, CORE_READ_AUDIT, 0))
        return err_set(err, ERR_DENIED, "reading the audit trail: only an administrator may");
    int rc = total ? store_audit_count(st, f, total, err) : 0;
    return rc ? rc : store_audit_each(st, f, cb, ctx, err);
}
