/*
 * remind.c (cli) — `suivi remind`: puts what is due or overdue into the outbox (core_remind)
 * and, with --send, mails what is unsent through the SMTP server of SUIVI_SMTP_URL (mail.c);
 * without a server it prints what it would send and keeps it unsent. Meant for cron, once a
 * day: reminding twice on a day queues nothing new.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/followup.h"
#include "cli/mail.h"
#include "core/followup.h"

static const char remind_help[] =
    "usage: suivi --db FILE remind [--days N] [--send]\n"
    "       suivi --db FILE remind email LOGIN ADDRESS\n"
    "\n"
    "Queues reminders of what is due within N days (default 14) or overdue: actions (to the\n"
    "institution's focal points), assignment deadlines, returned reports, reporting deadlines\n"
    "and reports waiting for validation (to coordinators), at most one per item, person and\n"
    "day; then lists the unsent ones. --send mails them through SUIVI_SMTP_URL\n"
    "(smtp://host:587, smtps://host:465; SUIVI_SMTP_USER, SUIVI_SMTP_PASSWORD and\n"
    "SUIVI_SMTP_FROM when needed) and marks them sent; without SUIVI_SMTP_URL it shows what it\n"
    "would send. `remind email` sets where a user's reminders go. Takes --as LOGIN.\n";

/* An unsent notification, copied: sending marks it sent, which must not happen while the
 * outbox is being read. */
struct letter {
    long id;
    char *login, *email, *subject, *body;
};

struct outbox {
    struct letter *v;
    size_t n, cap;
};

static int collect(void *ctx, const struct core_notification *n)
{
    struct outbox *box = ctx;
    if (box->n == box->cap) {
        size_t cap = box->cap ? box->cap * 2 : 16;
        struct letter *v = realloc(box->v, cap * sizeof *v);
        if (!v)
            return ERR_NOMEM;
        box->v = v;
        box->cap = cap;
    }
    struct letter *l = &box->v[box->n++];
    *l = (struct letter){n->id, strdup(n->to_login), n->to_email ? strdup(n->to_email) : NULL,
                         strdup(n->subject), strdup(n->body)};
    return !l->login || !l->subject || !l->body || (n->to_email && !l->email) ? ERR_NOMEM : 0;
}

static void outbox_free(struct outbox *box)
{
    for (size_t i = 0; i < box->n; i++) {
        free(box->v[i].login);
        free(box->v[i].email);
        free(box->v[i].subject);
        free(box->v[i].body);
    }
    free(box->v);
}

struct sending {
    int send, sent, kept, failed;
    struct cli_mail mail;
};

/* Sends one letter (or shows it); 1 when it went out. */
static int one(struct sending *s, const struct letter *l)
{
    if (!s->send || !s->mail.url || !l->email) {
        printf("%-8s %s <%s>: %s\n", s->send && s->mail.url ? "kept" : "to", l->login,
               l->email ? l->email : "no e-mail address", l->subject);
        s->kept++;
        return 0;
    }
    struct err mail_err = {0};
    s->mail.to = l->email;
    s->mail.subject = l->subject;
    s->mail.body = l->body;
    if (cli_mail_send(&s->mail, &mail_err)) { /* the others may still go through */
        fprintf(stderr, "suivi: %s\n", mail_err.msg);
        s->failed++;
        return 0;
    }
    printf("sent     %s <%s>: %s\n", l->login, l->email, l->subject);
    s->sent++;
    return 1;
}

static int copy_user_id(void *ctx, const struct store_user *u)
{
    *(long *)ctx = u->id;
    return 0;
}

static int remind_run(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                      struct err *err)
{
    if (o->nargs && !strcmp(o->args[0], "email")) {
        long id = 0;
        int rc = o->nargs != 3 ? err_set(err, ERR_USAGE, "remind email: give LOGIN and ADDRESS")
                               : core_user_get(st, me, 0, o->args[1], copy_user_id, &id, err);
        if (!rc && !(rc = core_user_email_set(st, me, id, o->args[2], err)))
            printf("%s: reminders go to %s\n", o->args[1], o->args[2]);
        return rc;
    }
    if (o->nargs)
        return err_set(err, ERR_USAGE, "remind: unexpected argument \"%s\"", o->args[0]);
    long days = 14, queued = 0;
    char *end;
    if (o->days && ((days = strtol(o->days, &end, 10)) < 0 || *end || !*o->days))
        return err_set(err, ERR_USAGE, "--days %s: expected a number of days", o->days);
    int rc = core_remind(st, (int)days, &queued, err);
    if (rc)
        return rc;
    printf("%ld reminder%s queued (due within %ld days or overdue)\n", queued,
           queued == 1 ? "" : "s", days);
    const char *url = getenv("SUIVI_SMTP_URL");
    struct sending s = {.send = o->send,
                        .mail = {.url = url && *url ? url : NULL,
                                 .user = getenv("SUIVI_SMTP_USER"),
                                 .password = getenv("SUIVI_SMTP_PASSWORD"),
                                 .from = getenv("SUIVI_SMTP_FROM")}};
    if (!s.mail.from || !*s.mail.from)
        s.mail.from = "suivi@localhost";
    if (o->send && !s.mail.url)
        printf("SUIVI_SMTP_URL is not set: nothing is sent; this is what would be:\n");
    struct outbox box = {0};
    rc = core_outbox_each(st, me, 1, collect, &box, err);
    if (rc == ERR_NOMEM)
        rc = err_set(err, ERR_NOMEM, "out of memory reading the outbox");
    for (size_t i = 0; i < box.n && !rc; i++)
        if (one(&s, &box.v[i]))
            rc = core_outbox_mark_sent(st, box.v[i].id, err);
    outbox_free(&box);
    cli_mail_done();
    if (!rc && o->send && s.mail.url)
        printf("%d sent, %d kept (no address), %d failed\n", s.sent, s.kept, s.failed);
    if (!rc && s.failed)
        rc = err_set(err, ERR_IO, "%d reminder%s could not be sent (they stay in the outbox)",
                     s.failed, s.failed == 1 ? "" : "s");
    return rc;
}

int cli_remind(struct cli *cli, int argc, char **argv)
{
    return fu_command(cli, argc, argv, remind_help, "as days send", NULL, remind_run);
}
