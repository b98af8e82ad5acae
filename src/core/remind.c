/*
 * remind.c — reminders (see followup.h): what is due or overdue becomes notifications in the
 * outbox, at most one per item, person and day, for the people concerned: the focal points of
 * the institution whose action, assignment deadline or returned report it is, the
 * coordinators for reporting deadlines and reports waiting for validation (when nobody holds
 * the role that should hear of it, the next one up does: coordinators, then administrators).
 * Sending is the face's business (src/cli/mail.c); the outbox is the record of what was due.
 */
#include "core/followup_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/permissions.h"

enum { REMIND_DAYS_MAX = 366 };

struct person {
    long id, institution_id;
    enum core_role role;
};

struct run {
    struct store *st;
    struct person *people;
    size_t npeople, cap;
    char today[FU_DATE_SIZE];
    int64_t now;
    long queued;
    struct err *err;
};

static int add_person(void *ctx, const struct store_user *u)
{
    struct run *r = ctx;
    if (!u->active)
        return 0;
    if (r->npeople == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        struct person *p = realloc(r->people, cap * sizeof *p);
        if (!p)
            return ERR_NOMEM;
        r->people = p;
        r->cap = cap;
    }
    r->people[r->npeople++] = (struct person){u->id, u->institution_id, core_role_parse(u->role)};
    return 0;
}

/* Queues one notification for everyone of role (and institution, when not 0). Returns how many
 * were addressed (queued or already there today), or a negative error. */
static int queue_for(struct run *r, enum core_role role, long institution_id, const char *kind,
                     const char *item, const char *subject, const char *body)
{
    int addressed = 0;
    if (role == CORE_ROLE_FOCAL_POINT && !institution_id)
        return 0;
    for (size_t i = 0; i < r->npeople; i++) {
        const struct person *p = &r->people[i];
        if (p->role != role || (institution_id && p->institution_id != institution_id))
            continue;
        struct store_notification n = {.user_id = p->id,
                                       .kind = kind,
                                       .item = item,
                                       .day = r->today,
                                       .subject = subject,
                                       .body = body,
                                       .created_at = r->now};
        int queued = 0, rc = store_notification_put(r->st, &n, &queued, r->err);
        if (rc)
            return rc;
        r->queued += queued;
        addressed++;
    }
    return addressed;
}

/* Queues for the first of the roles that anyone holds. */
static int queue_chain(struct run *r, const enum core_role *roles, long institution_id,
                       const char *kind, const char *item, const char *subject, const char *body)
{
    int rc = 0;
    for (int i = 0; i < 3 && rc == 0; i++)
        rc = queue_for(r, roles[i], roles[i] == CORE_ROLE_FOCAL_POINT ? institution_id : 0, kind,
                       item, subject, body);
    return rc < 0 ? rc : 0;
}

static const enum core_role to_institution[] = {CORE_ROLE_FOCAL_POINT, CORE_ROLE_COORDINATOR,
                                                CORE_ROLE_ADMIN};
static const enum core_role to_coordinators[] = {CORE_ROLE_COORDINATOR, CORE_ROLE_ADMIN,
                                                 CORE_ROLE_ADMIN};

/* At most max bytes of s on one line, cut between characters, with "..." when cut. */
static const char *clip(const char *s, size_t max, char *out, size_t size)
{
    size_t n = 0;
    for (; n < max && n + 4 < size && s[n]; n++)
        out[n] = s[n] == '\n' || s[n] == '\r' || s[n] == '\t' ? ' ' : s[n];
    if (!s[n]) {
        out[n] = '\0';
        return out;
    }
    while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--; /* s[n] continues a character: cut before the character starts */
    memcpy(out + n, "...", 4);
    return out;
}

static int remind_one(void *ctx, const struct store_due *d)
{
    struct run *r = ctx;
    char item[48], subject[160], title[96];
    struct buf body = BUF_INIT;
    const char *kind, *about = d->rec_id ? d->rec_id : "";
    const enum core_role *roles = to_institution;
    int overdue = d->date && strcmp(d->date, r->today) < 0;
    if (!strcmp(d->kind, "action")) {
        kind = overdue ? "action_overdue" : "action_due";
        snprintf(subject, sizeof subject, "Action %s %s: %s", overdue ? "overdue since" : "due",
                 d->date, clip(d->title, 80, title, sizeof title));
        buf_printf(&body, "The action \"%s\"%s%s is %s %s.\n", d->title, *about ? " for " : "",
                   about, overdue ? "overdue: it was due on" : "due on", d->date);
    } else if (!strcmp(d->kind, "deadline")) {
        kind = "deadline_due";
        roles = to_coordinators;
        snprintf(subject, sizeof subject, "Reporting deadline %s: %s", d->date,
                 clip(d->title, 80, title, sizeof title));
        buf_printf(&body, "The reporting deadline \"%s\" is on %s.\n", d->title, d->date);
    } else if (!strcmp(d->kind, "assignment")) {
        kind = "assignment_due";
        snprintf(subject, sizeof subject, "Deadline %s for %s", d->date,
                 clip(d->title, 80, title, sizeof title));
        buf_printf(&body, "Progress on %s is due on %s.\n", d->title, d->date);
    } else {
        int submitted = !strcmp(d->kind, "submitted");
        kind = submitted ? "progress_submitted" : "progress_returned";
        roles = submitted ? to_coordinators : to_institution;
        snprintf(subject, sizeof subject, "Progress report %ld on %s %s", d->item_id,
                 clip(about, 80, title, sizeof title),
                 submitted ? "waits for validation" : "was returned");
        buf_printf(&body, "Progress report %ld on %s %s since %s.\n", d->item_id, about,
                   submitted ? "waits for validation" : "was returned for changes",
                   d->date ? d->date : "?");
    }
    buf_puts(&body, "\n-- suivi, follow-up of human-rights recommendations\n");
    snprintf(item, sizeof item, "%s:%ld",
             !strcmp(d->kind, "submitted") || !strcmp(d->kind, "returned") ? "progress" : d->kind,
             d->item_id);
    int rc = body.oom
                 ? err_set(r->err, ERR_NOMEM, "out of memory")
                 : queue_chain(r, roles, d->institution_id, kind, item, subject, buf_str(&body));
    buf_free(&body);
    return rc;
}

int core_remind(struct store *st, int days, long *queued, struct err *err)
{
    if (days < 0 || days > REMIND_DAYS_MAX)
        return err_set(err, ERR_INPUT, "days: %d, expected 0 to %d", days, REMIND_DAYS_MAX);
    struct run r = {.st = st, .now = core_now(), .err = err};
    struct buf after = BUF_INIT;
    char horizon[FU_DATE_SIZE];
    fu_date(r.now, 0, r.today);
    fu_date(r.now, days, horizon);
    int rc = store_user_each(st, add_person, &r, err);
    if (rc == ERR_NOMEM)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (rc || (rc = store_begin(st, err)))
        goto out;
    rc = store_due_each(st, r.today, horizon, remind_one, &r, err);
    buf_printf(&after, "{\"day\":\"%s\",\"days\":%d,\"queued\":%ld}", r.today, days, r.queued);
    if (!rc && !r.queued) { /* nothing written: nothing to audit */
        store_rollback(st);
    } else {
        char id[FU_DATE_SIZE];
        snprintf(id, sizeof id, "%s", r.today);
        if (!rc)
            rc = after.oom ? err_set(err, ERR_NOMEM, "out of memory")
                           : core_audit_record(st, NULL, "remind", "outbox", id, NULL,
                                               buf_str(&after), err);
        if (!rc)
            rc = store_commit(st, err);
        if (rc)
            store_rollback(st);
    }
out:
    buf_free(&after);
    free(r.people);
    if (!rc)
        *queued = r.queued;
    return rc;
}

struct outbox_call {
    core_notification_cb cb;
    void *ctx;
};

static int each_notification(void *ctx, const struct store_notification *n)
{
    struct outbox_call *call = ctx;
    struct core_notification out = {n->id,   n->login, n->email,      n->subject,
                                    n->body, n->kind,  n->created_at, n->sent_at};
    return call->cb(call->ctx, &out);
}

int core_outbox_each(struct store *st, const struct core_actor *actor, int unsent_only,
                     core_notification_cb cb, void *ctx, struct err *err)
{
    long user_id = 0;
    if (!core_may(actor, CORE_MANAGE_INSTITUTIONS, 0)) {
        if (!actor || actor->user_id <= 0)
            return fu_denied(actor, "reading the outbox", "a signed-in user", err);
        user_id = actor->user_id; /* one's own notifications */
    }
    struct outbox_call call = {cb, ctx};
    return store_notification_each(st, user_id, unsent_only, each_notification, &call, err);
}

int core_outbox_mark_sent(struct store *st, long id, struct err *err)
{
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    int64_t now = core_now();
    char at[CORE_TIME_SIZE];
    core_time_format(now, at);
    struct buf after = BUF_INIT;
    buf_printf(&after, "{\"sent_at\":\"%s\"}", at);
    rc = store_notification_sent(st, id, now, err);
    rc = fu_audit_commit(st, NULL, rc, "send", "notification", id, NULL, &after, err);
    buf_free(&after);
    return rc;
}

/* ---- deadlines --------------------------------------------------------------------------- */

static void deadline_json(struct buf *out, const struct store_deadline *d, long id)
{
    struct jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", id);
    jsonw_kv_string(&w, "title", d->title);
    jsonw_kv_string(&w, "body", d->body);
    jsonw_kv_string(&w, "due_date", d->due_date);
    jsonw_end(&w);
}

static int old_deadline(void *ctx, const struct store_deadline *d)
{
    deadline_json(ctx, d, d->id);
    return 0;
}

int core_deadline_put(struct store *st, const struct core_actor *actor,
                      const struct core_deadline *in, long *id, struct err *err)
{
    if (!core_may(actor, CORE_MANAGE_INSTITUTIONS, 0))
        return fu_denied(actor, "setting a deadline", "a coordinator or an administrator", err);
    int rc = fu_check_text("deadline title", in->title, 1, FU_NAME_MAX, 0, err);
    if (rc || (rc = fu_check_text("body", in->body, 0, FU_NAME_MAX, 0, err)) ||
        (rc = fu_check_date("due date", in->due_date, 1, err)) || (rc = store_begin(st, err)))
        return rc;
    struct store_deadline d = {in->id, in->title, in->body && *in->body ? in->body : NULL,
                               in->due_date};
    struct buf before = BUF_INIT, after = BUF_INIT;
    if (d.id)
        rc = store_deadline_get(st, d.id, old_deadline, &before, err);
    if (!rc)
        rc = store_deadline_put(st, &d, id, err);
    if (!rc)
        deadline_json(&after, &d, *id);
    rc = fu_audit_commit(st, actor, rc, d.id ? "update" : "create", "deadline", rc ? 0 : *id,
                         &before, &after, err);
    buf_free(&before);
    buf_free(&after);
    return rc;
}

struct deadline_call {
    core_deadline_cb cb;
    void *ctx;
};

static int each_deadline(void *ctx, const struct store_deadline *d)
{
    struct deadline_call *call = ctx;
    struct core_deadline out = {d->id, d->title, d->body, d->due_date};
    return call->cb(call->ctx, &out);
}

int core_deadline_each(struct store *st, core_deadline_cb cb, void *ctx, struct err *err)
{
    struct deadline_call call = {cb, ctx};
    return store_deadline_each(st, each_deadline, &call, err);
}
