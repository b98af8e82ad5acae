/*
 * progress.c (cli) — `suivi progress`, `suivi evidence`, `suivi note`, `suivi deadline`: the
 * reporting side of follow-up from the command line. A progress report goes draft -> submitted
 * -> validated, or back to its institution with a comment (returned) and submitted again;
 * evidence files are attached to drafts and returned reports. Options, --as LOGIN and lookups
 * are shared with the other follow-up commands (followup.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/followup.h"
#include "core/audit.h"
#include "core/followup.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/jsonw.h"

/* ---- suivi progress ---------------------------------------------------------------------- */

static const char progress_help[] =
    "usage: suivi --db FILE progress draft REC_ID --institution CODE --status STATUS\n"
    "                                    --narrative TEXT\n"
    "       suivi --db FILE progress edit ID [--status STATUS] [--narrative TEXT]\n"
    "       suivi --db FILE progress submit ID\n"
    "       suivi --db FILE progress validate ID [--comment TEXT]\n"
    "       suivi --db FILE progress return ID --comment TEXT\n"
    "       suivi --db FILE progress list REC_ID [--json]\n"
    "\n"
    "A progress report says how far a recommendation is implemented: STATUS is not_started,\n"
    "in_progress, partially_implemented, implemented or not_accepted, and the narrative says\n"
    "what was done. The institution's focal point drafts and submits it; a coordinator who did\n"
    "not submit it validates it (then it is published) or returns it with a comment for\n"
    "changes. Only validated reports are public; list shows what --as LOGIN may see. Takes\n"
    "--as LOGIN (a focal point acts only for their institution).\n";

static int status_parsed(const char *text, enum core_status *out, struct err *err)
{
    if (text && !core_status_parse(text, out))
        return 0;
    return err_set(err, ERR_USAGE,
                   "--status %s: expected not_started, in_progress, partially_implemented, "
                   "implemented or not_accepted",
                   text ? text : "(none)");
}

static int copy_status(void *ctx, const struct core_progress *p)
{
    *(enum core_status *)ctx = p->status;
    return 0;
}

static int progress_draft(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                          struct err *err)
{
    struct core_progress p = {.rec_id = o->nargs == 2 ? o->args[1] : NULL,
                              .narrative = o->narrative};
    long id = 0;
    int rc = p.rec_id ? 0 : err_set(err, ERR_USAGE, "progress draft: give REC_ID");
    if (rc || (rc = status_parsed(o->status, &p.status, err)) ||
        (rc = fu_institution_id(st, o->institution, &p.institution_id, err)) ||
        (rc = core_progress_draft(st, me, &p, &id, err)))
        return rc;
    printf("progress report %ld drafted for %s\n", id, p.rec_id);
    return 0;
}

struct report_list {
    int json, n;
    struct buf out;
};

static int list_report(void *ctx, const struct core_progress *p)
{
    struct report_list *l = ctx;
    char at[CORE_TIME_SIZE];
    core_time_format(p->reviewed_at    ? p->reviewed_at
                     : p->submitted_at ? p->submitted_at
                                       : p->created_at,
                     at);
    if (!l->json) {
        buf_printf(&l->out, "%-5ld %-10s %-22s inst %-4ld %-16s %.10s\n      %.200s\n", p->id,
                   core_workflow_name(p->workflow), core_status_name(p->status), p->institution_id,
                   p->author_login, at, p->narrative);
        if (p->review_comment)
            buf_printf(&l->out, "      review (%s): %.200s\n",
                       p->reviewer_login ? p->reviewer_login : "?", p->review_comment);
        return 0;
    }
    struct jsonw w;
    if (l->n++)
        buf_putc(&l->out, ',');
    jsonw_init(&w, &l->out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", p->id);
    jsonw_kv_string(&w, "workflow", core_workflow_name(p->workflow));
    jsonw_kv_string(&w, "status", core_status_name(p->status));
    jsonw_kv_int(&w, "institution_id", p->institution_id);
    jsonw_kv_string(&w, "narrative", p->narrative);
    jsonw_kv_string(&w, "review_comment", p->review_comment);
    jsonw_kv_string(&w, "author", p->author_login);
    jsonw_kv_string(&w, "reviewer", p->reviewer_login);
    jsonw_end(&w);
    return 0;
}

static int progress_list(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                         struct err *err)
{
    if (o->nargs != 2)
        return err_set(err, ERR_USAGE, "progress list: give REC_ID");
    enum core_status status = CORE_STATUS_NOT_STARTED;
    int known = 0, rc = core_status_of(st, o->args[1], &status, &known, err);
    if (rc)
        return rc;
    struct report_list l = {.json = o->json};
    const char *published = known ? core_status_name(status) : NULL;
    if (o->json) {
        buf_puts(&l.out, "{\"rec_id\":");
        buf_put_json_string(&l.out, o->args[1]);
        buf_puts(&l.out, ",\"published_status\":");
        if (published)
            buf_put_json_string(&l.out, published);
        else
            buf_puts(&l.out, "null");
        buf_puts(&l.out, ",\"reports\":[");
    } else {
        buf_printf(&l.out, "%s: published status %s\n", o->args[1], published ? published : "none");
    }
    rc = core_progress_of(st, me, o->args[1], list_report, &l, err);
    if (o->json)
        buf_puts(&l.out, "]}\n");
    if (!rc && l.out.oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc)
        fputs(buf_str(&l.out), stdout);
    buf_free(&l.out);
    return rc;
}

static int progress_run(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                        struct err *err)
{
    const char *sub = o->args[0];
    if (!strcmp(sub, "draft"))
        return progress_draft(st, me, o, err);
    if (!strcmp(sub, "list"))
        return progress_list(st, me, o, err);
    long id = 0;
    int rc = o->nargs != 2 ? err_set(err, ERR_USAGE, "progress %s: give the report's ID", sub)
                           : fu_parse_id("report ID", o->args[1], &id, err);
    if (rc)
        return rc;
    if (!strcmp(sub, "edit")) {
        enum core_status status = CORE_STATUS_NOT_STARTED;
        if ((o->status && (rc = status_parsed(o->status, &status, err))) ||
            (!o->status && (rc = core_progress_get(st, me, id, copy_status, &status, err))) ||
            (rc = core_progress_edit(st, me, id, status, o->narrative, err)))
            return rc;
        printf("progress report %ld changed\n", id);
        return 0;
    }
    enum core_workflow to = !strcmp(sub, "submit")     ? CORE_WF_SUBMITTED
                            : !strcmp(sub, "validate") ? CORE_WF_VALIDATED
                                                       : CORE_WF_RETURNED;
    if ((rc = core_progress_move(st, me, id, to, o->comment, err)))
        return rc;
    printf("progress report %ld %s\n", id, core_workflow_name(to));
    return 0;
}

int cli_progress(struct cli *cli, int argc, char **argv)
{
    return fu_command(cli, argc, argv, progress_help,
                      "as institution status narrative comment json",
                      "draft edit submit validate return list", progress_run);
}

/* ---- suivi evidence ---------------------------------------------------------------------- */

static const char evidence_help[] =
    "usage: suivi --db FILE evidence add PROGRESS_ID FILE [--type TYPE] [--name NAME]\n"
    "       suivi --db FILE evidence list PROGRESS_ID\n"
    "       suivi --db FILE evidence get EVIDENCE_ID [--output FILE]\n"
    "\n"
    "Attaches a file to a draft or returned progress report: PDF, PNG, JPEG, GIF, DOCX, XLSX,\n"
    "ODT, ODS, plain text or CSV, at most 20 MiB. The type comes from the name's extension\n"
    "(or --type) and must match the content: a PNG named .pdf is refused. The same bytes are\n"
    "stored once however often they are attached. get writes a file to standard output or\n"
    "--output. Takes --as LOGIN.\n";

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int list_evidence(void *ctx, const struct core_evidence *e)
{
    (void)ctx;
    return printf("%-5ld %-32s %-10zu %.12s  %s\n", e->id, e->file_name, e->size, e->sha256,
                  e->content_type) < 0;
}

static int evidence_get(struct store *st, const struct core_actor *me, long id, const char *path,
                        struct err *err)
{
    struct core_evidence meta = {0};
    struct buf bytes = BUF_INIT;
    int rc = core_evidence_get(st, me, id, &meta, &bytes, err);
    FILE *f = !rc && path ? fopen(path, "wb") : stdout;
    if (!rc && !f)
        rc = err_set(err, ERR_IO, "%s: cannot write", path);
    if (!rc && bytes.len && fwrite(bytes.data, 1, bytes.len, f) != bytes.len)
        rc = err_set(err, ERR_IO, "%s: cannot write", path ? path : "standard output");
    if (f && f != stdout && fclose(f) && !rc)
        rc = err_set(err, ERR_IO, "%s: cannot write", path);
    if (!rc && path)
        printf("%s: %s (%zu bytes, %s)\n", path, meta.file_name, meta.size, meta.content_type);
    buf_free(&bytes);
    return rc;
}

static int evidence_run(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                        struct err *err)
{
    const char *sub = o->args[0];
    long id = 0;
    int want = !strcmp(sub, "add") ? 3 : 2;
    int rc = o->nargs != want ? err_set(err, ERR_USAGE, "evidence %s: see --help", sub)
                              : fu_parse_id("ID", o->args[1], &id, err);
    if (rc)
        return rc;
    if (!strcmp(sub, "list"))
        return core_evidence_of(st, id, list_evidence, NULL, err);
    if (!strcmp(sub, "get"))
        return evidence_get(st, me, id, o->output, err);
    struct buf bytes = BUF_INIT;
    long evidence = 0;
    const char *name = o->name ? o->name : base_name(o->args[2]);
    /* one byte more than allowed, so that core says what the limit is */
    if (!(rc = file_read_all(o->args[2], CORE_EVIDENCE_MAX_BYTES + 1, &bytes, err)) &&
        !(rc = core_evidence_add(st, me, id, name, o->type, bytes.data ? bytes.data : "", bytes.len,
                                 &evidence, err)))
        printf("evidence %ld: %s attached to progress report %ld\n", evidence, name, id);
    buf_free(&bytes);
    return rc;
}

int cli_evidence(struct cli *cli, int argc, char **argv)
{
    return fu_command(cli, argc, argv, evidence_help, "as type name output", "add list get",
                      evidence_run);
}

/* ---- suivi note -------------------------------------------------------------------------- */

static const char note_help[] =
    "usage: suivi --db FILE note add REC_ID TEXT [--organisation NAME]\n"
    "       suivi --db FILE note add REC_ID TEXT --assessment --status STATUS [--organisation "
    "NAME]\n"
    "       suivi --db FILE note list REC_ID\n"
    "\n"
    "A comment on a recommendation, or with --assessment an independent assessment of its\n"
    "implementation by an NHRI or a civil-society organisation (role contributor), shown beside\n"
    "the State's own progress reports, never replacing them. Takes --as LOGIN.\n";

static int list_note(void *ctx, const struct core_note *n)
{
    (void)ctx;
    char at[CORE_TIME_SIZE];
    core_time_format(n->created_at, at);
    printf("%-5ld %.10s %s%s%s%s", n->id, at, n->author_login, n->organisation ? " (" : "",
           n->organisation ? n->organisation : "", n->organisation ? ")" : "");
    if (n->independent)
        printf(" independent assessment: %s", core_status_name(n->status));
    return printf("\n      %.300s\n", n->body) < 0;
}

static int note_run(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                    struct err *err)
{
    if (!strcmp(o->args[0], "list"))
        return o->nargs != 2 ? err_set(err, ERR_USAGE, "note list: give REC_ID")
                             : core_notes_of(st, o->args[1], list_note, NULL, err);
    if (o->nargs != 3)
        return err_set(err, ERR_USAGE, "note add: give REC_ID and TEXT");
    struct core_note n = {.rec_id = o->args[1],
                          .organisation = o->organisation,
                          .independent = o->assessment,
                          .body = o->args[2]};
    long id = 0;
    int rc = o->assessment ? status_parsed(o->status, &n.status, err) : 0;
    if (rc || (rc = core_note_add(st, me, &n, &id, err)))
        return rc;
    printf("%s %ld added to %s\n", o->assessment ? "assessment" : "note", id, n.rec_id);
    return 0;
}

int cli_note(struct cli *cli, int argc, char **argv)
{
    return fu_command(cli, argc, argv, note_help, "as organisation assessment status", "add list",
                      note_run);
}

/* ---- suivi deadline ---------------------------------------------------------------------- */

static const char deadline_help[] =
    "usage: suivi --db FILE deadline add TITLE DATE [--body BODY]\n"
    "       suivi --db FILE deadline list\n"
    "\n"
    "Reporting deadlines (a UPR mid-term report, a periodic report to CEDAW...): coordinators\n"
    "are reminded of them as they come (suivi remind). DATE is YYYY-MM-DD. Takes --as LOGIN.\n";

static int list_deadline(void *ctx, const struct core_deadline *d)
{
    (void)ctx;
    return printf("%-5ld %s  %-10s %s\n", d->id, d->due_date, d->body ? d->body : "-", d->title) <
           0;
}

static int deadline_run(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                        struct err *err)
{
    if (!strcmp(o->args[0], "list"))
        return core_deadline_each(st, list_deadline, NULL, err);
    if (o->nargs != 3)
        return err_set(err, ERR_USAGE, "deadline add: give TITLE and DATE");
    struct core_deadline d = {.title = o->args[1], .body = o->body, .due_date = o->args[2]};
    long id = 0;
    int rc = core_deadline_put(st, me, &d, &id, err);
    if (!rc)
        printf("deadline %ld: %s on %s\n", id, d.title, d.due_date);
    return rc;
}

int cli_deadline(struct cli *cli, int argc, char **argv)
{
    return fu_command(cli, argc, argv, deadline_help, "as body", "add list", deadline_run);
}
