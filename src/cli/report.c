/*
 * report.c (cli) — `suivi report matrix|draft|dashboard`: the reports an NMIRF produces, in
 * English, French or Spanish. The rows come from core_matrix_each (the command line acts as
 * admin, or as the public with --public: validated progress only); names the rows give by code
 * (taxonomy terms, institutions) and the latest indicator values are looked up through core;
 * report/matrix.h, draft.h and dashboard.h build the model and report/render.h writes the file.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/accounts.h"
#include "core/followup.h"
#include "core/read.h"
#include "report/collect.h"
#include "report/coop_annual.h"
#include "report/dashboard.h"
#include "report/draft.h"
#include "report/matrix.h"
#include "report/render.h"

static const char help[] =
    "usage: suivi --db FILE report matrix --format xlsx|csv --out FILE [OPTIONS]\n"
    "       suivi --db FILE report draft --kind upr-national|upr-midterm|treaty\n"
    "                                    --format docx|pdf --out FILE [OPTIONS]\n"
    "       suivi --db FILE report dashboard --format html|pdf --out FILE [OPTIONS]\n"
    "       suivi --db FILE report coop-annual --year YYYY --format pdf|docx|xlsx|csv|html\n"
    "                                    -o FILE [--lang L] [--author A] [--public]\n"
    "\n"
    "matrix     one row per recommendation: text, response, themes, SDGs, institutions,\n"
    "           actions, validated status, indicators (frozen header, filters)\n"
    "draft      a report to a mechanism, by cluster: UPR national or mid-term report, or a\n"
    "           treaty-body periodic report (--body required), with a summary of statuses\n"
    "dashboard  charts of statuses by body, theme, SDG, institution, month; the SDG view;\n"
    "           \"leave no one behind\" by affected group (HTML page or PDF)\n"
    "coop-annual  technical cooperation in a year, for the Human Rights Council (resolution\n"
    "           54/28): activities by region, theme, SDG, type of provider and state; needs\n"
    "           met and unmet (CSV: the summary sheet). --public: public needs only\n"
    "\n"
    "Options:\n"
    "  --country C          the State (name in any language, or ISO code)\n"
    "  --body B             a body (UPR, CEDAW...); draft: UPR for the UPR kinds\n"
    "  --institution CODE   only what is assigned to this institution\n"
    "  --cluster ID         only this cluster's recommendations\n"
    "  --lang en|fr|es      the report's language (default en)\n"
    "  --period P           draft: the period covered, e.g. 2020-2024\n"
    "  --cycle N            UPR drafts: the review cycle whose recommendations are reported\n"
    "                       (default: the latest; 0: every cycle)\n"
    "  --author A           the author printed in the document's properties\n"
    "  --public             what the public sees: validated progress only\n";

enum report_what { WHAT_MATRIX, WHAT_DRAFT, WHAT_DASHBOARD };

struct report_opts {
    enum report_what what;
    const char *format, *out, *kind_name, *country, *body, *institution, *period, *author;
    long cluster;
    int cycle; /* -1: the latest */
    enum text_lang lang;
    int public_view;
    enum report_draft_kind kind;
};

/* What one run holds; freed by run_free. */
struct report_run {
    struct store *st;
    struct i18n *cat;
    struct i18n_tr tr;
    struct core_actor actor;
    char login[CORE_LOGIN_MAX + 8];
    struct core_matrix_filter filter;
    char iso3[4];
    char state[256]; /* the State's name in the report's language, or "" */
    struct report_lookup *lk;
    struct report_rows *rows;
};

static int parse_what(const char *name, enum report_what *out)
{
    static const char *const names[] = {"matrix", "draft", "dashboard"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(name, names[i])) {
            *out = (enum report_what)i;
            return 0;
        }
    return ERR_USAGE;
}

/* Checks the options that depend on the kind of report. */
static int check_opts(struct report_opts *o, struct err *err)
{
    static const char *const formats[][2] = {{"xlsx", "csv"}, {"docx", "pdf"}, {"html", "pdf"}};
    static const char *const names[] = {"matrix", "draft", "dashboard"};
    const char *const *ok = formats[o->what];
    if (!o->format || (strcmp(o->format, ok[0]) && strcmp(o->format, ok[1])))
        return err_set(err, ERR_USAGE, "report %s: give --format %s or --format %s", names[o->what],
                       ok[0], ok[1]);
    if (!o->out)
        return err_set(err, ERR_USAGE, "report %s: give --out FILE", names[o->what]);
    if (o->what != WHAT_DRAFT)
        return 0;
    if (report_draft_kind_parse(o->kind_name, &o->kind))
        return err_set(err, ERR_USAGE,
                       "report draft: give --kind upr-national, upr-midterm or treaty");
    if (o->kind == REPORT_DRAFT_TREATY && !o->body)
        return err_set(err, ERR_USAGE, "report draft --kind treaty: give --body (e.g. CEDAW)");
    if (o->kind != REPORT_DRAFT_TREATY && !o->body)
        o->body = "UPR";
    return 0;
}

static int parse_opts(int argc, char **argv, struct report_opts *o, struct err *err)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"kind", required_argument, NULL, 'k'},
                                         {"country", required_argument, NULL, 'c'},
                                         {"body", required_argument, NULL, 'b'},
                                         {"institution", required_argument, NULL, 'i'},
                                         {"cluster", required_argument, NULL, 'C'},
                                         {"lang", required_argument, NULL, 'l'},
                                         {"period", required_argument, NULL, 'p'},
                                         {"author", required_argument, NULL, 'a'},
                                         {"public", no_argument, NULL, 'P'},
                                         {"cycle", required_argument, NULL, 'y'},
                                         {NULL, 0, NULL, 0}};
    const char **strs[128] = {
        ['f'] = &o->format, ['o'] = &o->out,         ['k'] = &o->kind_name, ['c'] = &o->country,
        ['b'] = &o->body,   ['i'] = &o->institution, ['p'] = &o->period,    ['a'] = &o->author};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return 1;
        if (c > 0 && c < 128 && strs[c]) {
            *strs[c] = optarg;
        } else if (c == 'C') {
            char *end;
            o->cluster = strtol(optarg, &end, 10);
            if (*end || o->cluster <= 0)
                return err_set(err, ERR_USAGE, "--cluster %s: give a cluster number", optarg);
        } else if (c == 'l') {
            if (text_lang_parse(optarg, &o->lang))
                return err_set(err, ERR_USAGE, "--lang %s: give en, fr or es", optarg);
        } else if (c == 'P') {
            o->public_view = 1;
        } else if (c == 'y') {
            char *end;
            long cycle = strtol(optarg, &end, 10);
            if (*end || cycle < 0 || cycle > 99)
                return err_set(err, ERR_USAGE, "--cycle %s: give a UPR cycle number", optarg);
            o->cycle = (int)cycle;
        } else {
            return err_set(err, ERR_USAGE, "report: see suivi report --help");
        }
    }
    if (optind >= argc || parse_what(argv[optind], &o->what))
        return err_set(err, ERR_USAGE, "report: give matrix, draft or dashboard");
    if (optind + 1 < argc)
        return err_set(err, ERR_USAGE, "report: unexpected argument \"%s\"", argv[optind + 1]);
    return check_opts(o, err);
}

/* ---- setting up: catalogues, store, filter, lookup ---------------------------------------- */

static void run_free(struct report_run *r)
{
    report_rows_free(r->rows);
    report_lookup_free(r->lk);
    i18n_free(r->cat);
    store_close(r->st);
}

static int load_catalogues(struct report_run *r, enum text_lang lang, struct err *err)
{
    const char *dir = cli_locale_dir();
    int rc = i18n_load(dir, &r->cat, err);
    if (rc && lang == TEXT_LANG_EN) {
        err_clear(err); /* English reads the msgids themselves */
        rc = 0;
    } else if (rc) {
        err_prefix(err, "report: the %s catalogue is needed", text_lang_code(lang));
    }
    r->tr = (struct i18n_tr){r->cat, lang};
    return rc;
}

struct found_name {
    const char *iso3, *code;
    enum text_lang lang;
    char *out;
    size_t size;
    long id;
};

static int country_name(void *ctx, const struct store_country *c)
{
    struct found_name *f = ctx;
    if (!c->iso3 || strcmp(c->iso3, f->iso3))
        return 0;
    const char *name = c->name[f->lang] ? c->name[f->lang] : c->name[TEXT_LANG_EN];
    snprintf(f->out, f->size, "%s", name ? name : c->iso3);
    return 0;
}

static int institution_id(void *ctx, const struct store_institution *in)
{
    ((struct found_name *)ctx)->id = in->id;
    return 0;
}

static int resolve_filter(struct report_run *r, const struct report_opts *o, struct err *err)
{
    r->filter = (struct core_matrix_filter){.body = o->body, .cluster_id = o->cluster};
    if (o->country) {
        int found = core_country_find(r->st, o->country, r->iso3, err);
        if (found <= 0)
            return found < 0 ? found
                             : err_set(err, ERR_USAGE, "--country %s: no such country", o->country);
        r->filter.country = r->iso3;
        struct found_name f = {
            .iso3 = r->iso3, .lang = o->lang, .out = r->state, .size = sizeof r->state};
        int rc = core_country_each(r->st, country_name, &f, err);
        if (rc)
            return rc;
    }
    if (o->institution) {
        struct found_name f = {0};
        int rc = core_institution_get(r->st, 0, o->institution, institution_id, &f, err);
        if (rc == ERR_NOTFOUND)
            return err_set(err, ERR_USAGE, "--institution %s: no such institution", o->institution);
        if (rc)
            return rc;
        r->filter.institution_id = f.id;
    }
    return 0;
}

/* ---- the three reports --------------------------------------------------------------------- */

/* Passes rc on, removing the partial file a failed write may have left at path. */
static int written(const char *path, int rc)
{
    if (rc)
        remove(path);
    return rc;
}

static int write_buf(const char *path, const struct buf *b, struct err *err)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return err_set(err, ERR_IO, "%s: cannot write", path);
    size_t n = fwrite(buf_str(b), 1, b->len, f);
    if (fclose(f) != 0 || n != b->len)
        return err_set(err, ERR_IO, "%s: write failed", path);
    return 0;
}

static int matrix(struct report_run *r, const struct report_opts *o, struct err *err)
{
    struct report_matrix *m = NULL;
    struct sheet_book *book = NULL;
    int rc = report_matrix_begin(&r->tr, r->lk, NULL, o->author, &m, err);
    for (size_t i = 0; i < r->rows->n && !rc; i++)
        rc = report_matrix_add(m, &r->rows->row[i]);
    if (rc) {
        report_matrix_free(m);
        return err->msg[0] ? rc : err_set(err, rc, "report: out of memory building the matrix");
    }
    rc = report_matrix_sheet(m, &book, err);
    if (!rc && !strcmp(o->format, "xlsx")) {
        rc = written(o->out, report_render_xlsx(book, o->out, err));
    } else if (!rc) {
        struct buf csv = BUF_INIT;
        rc = report_render_sheet_csv(book, 0, REPORT_CSV_BOM | REPORT_CSV_FORMULA_GUARD, &csv, err);
        rc = rc ? rc : written(o->out, write_buf(o->out, &csv, err));
        buf_free(&csv);
    }
    if (!rc)
        fprintf(stderr, "suivi: %s: matrix of %zu recommendations\n", o->out, r->rows->n);
    sheet_free(book);
    return rc;
}

struct cluster_list {
    struct report_cluster_ref *ref;
    char **name; /* owned copies of the names ref points to */
    size_t n, cap;
    const char *country;
};

static int keep_cluster(void *ctx, const struct core_cluster *c)
{
    struct cluster_list *l = ctx;
    if (l->country && c->country && strcmp(l->country, c->country))
        return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        struct report_cluster_ref *ref = realloc(l->ref, cap * sizeof *ref);
        char **names = realloc(l->name, cap * sizeof *names);
        if (ref)
            l->ref = ref;
        if (names)
            l->name = names;
        if (!ref || !names)
            return ERR_NOMEM;
        l->cap = cap;
    }
    char *name = strdup(c->name ? c->name : "");
    if (!name)
        return ERR_NOMEM;
    l->name[l->n] = name;
    l->ref[l->n++] = (struct report_cluster_ref){c->id, name};
    return 0;
}

/* A UPR report covers the recommendations of one review: keeps the rows of cycle (the latest
 * when -1, every one when 0). Returns the cycle kept. */
static int keep_cycle(struct report_rows *rows, int cycle)
{
    int latest = 0;
    for (size_t i = 0; i < rows->n; i++)
        if (rows->row[i].rec->cycle > latest)
            latest = rows->row[i].rec->cycle;
    if (cycle < 0)
        cycle = latest;
    if (cycle <= 0)
        return 0;
    size_t kept = 0;
    for (size_t i = 0; i < rows->n; i++)
        if (rows->row[i].rec->cycle == cycle)
            rows->row[kept++] = rows->row[i];
    rows->n = kept;
    return cycle;
}

static void today(char *out, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm) || !strftime(out, size, "%Y-%m-%d", &tm))
        snprintf(out, size, "%s", "");
}

static int draft(struct report_run *r, const struct report_opts *o, struct err *err)
{
    struct cluster_list cl = {.country = r->filter.country};
    struct report_draft_groups groups = {0};
    struct doc *d = NULL;
    int cycle = o->kind == REPORT_DRAFT_TREATY ? 0 : keep_cycle(r->rows, o->cycle);
    int rc = core_cluster_each(r->st, &r->actor, keep_cluster, &cl, err);
    if (rc && !err->msg[0])
        err_set(err, rc, "report: cannot read the clusters");
    rc = rc ? rc
            : report_draft_group_rows(&r->tr, r->rows->row, r->rows->n, cl.ref, cl.n, &groups, err);
    const char *state = r->state[0] ? r->state : NULL;
    for (size_t i = 0; !state && i < r->rows->n; i++) /* no --country: the rows' State */
        state = r->rows->row[i].rec->country_label;
    const char *body = report_lookup_term(r->lk, "body", o->body);
    char date[16];
    today(date, sizeof date);
    const struct report_draft_meta meta = {
        o->kind, state ? state : "—", body ? body : o->body, o->period, date, o->author};
    rc = rc ? rc : report_draft_doc(&r->tr, r->lk, &meta, groups.group, groups.n, &d, err);
    if (!rc && !strcmp(o->format, "docx"))
        rc = written(o->out, report_render_docx(d, o->out, err));
    else if (!rc)
        rc = written(o->out, report_render_pdf(d, o->out, err));
    if (!rc && cycle)
        fprintf(stderr, "suivi: %s: draft of %zu recommendations of UPR cycle %d in %zu sections\n",
                o->out, r->rows->n, cycle, groups.n);
    else if (!rc)
        fprintf(stderr, "suivi: %s: draft of %zu recommendations in %zu sections\n", o->out,
                r->rows->n, groups.n);
    doc_free(d);
    report_draft_groups_free(&groups);
    for (size_t i = 0; i < cl.n; i++)
        free(cl.name[i]);
    free(cl.name);
    free(cl.ref);
    return rc;
}

struct history {
    struct report_dashboard *db;
    const char *rec_id;
};

static int validated_report(void *ctx, const struct core_progress *p)
{
    struct history *h = ctx;
    if (p->workflow != CORE_WF_VALIDATED || !p->reviewed_at)
        return 0;
    return report_dashboard_event(h->db, h->rec_id, p->reviewed_at, p->status);
}

static int dashboard(struct report_run *r, const struct report_opts *o, struct err *err)
{
    struct report_dashboard *db = NULL;
    struct doc *d = NULL;
    int rc = report_dashboard_begin(&r->tr, r->lk, &db, err);
    for (size_t i = 0; i < r->rows->n && !rc; i++) {
        const struct core_matrix_row *row = &r->rows->row[i];
        struct history h = {db, row->rec->id};
        rc = report_dashboard_add(db, row);
        if (!rc && row->status_known)
            rc = core_progress_of(r->st, &r->actor, row->rec->id, validated_report, &h, err);
    }
    if (rc && !err->msg[0])
        err_set(err, rc, "report: cannot build the dashboard");
    char date[16];
    today(date, sizeof date);
    const struct report_dashboard_meta meta = {NULL, r->state[0] ? r->state : NULL, date,
                                               o->author};
    rc = rc ? rc : report_dashboard_doc(db, &meta, &d, err);
    if (!rc && !strcmp(o->format, "html")) {
        struct buf html = BUF_INIT;
        rc = report_render_html(d, &html, err);
        rc = rc ? rc : written(o->out, write_buf(o->out, &html, err));
        buf_free(&html);
    } else if (!rc) {
        rc = written(o->out, report_render_pdf(d, o->out, err));
    }
    if (!rc)
        fprintf(stderr, "suivi: %s: dashboard of %zu recommendations\n", o->out, r->rows->n);
    doc_free(d);
    report_dashboard_free(db);
    return rc;
}

/* `report coop-annual`: its own options; the rows come from core_coop_report_each as the
 * command line (an administrator), or the public with --public, may see them. */
static int coop_annual(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},         {"year", required_argument, NULL, 'y'},
        {"format", required_argument, NULL, 'f'}, {"out", required_argument, NULL, 'o'},
        {"lang", required_argument, NULL, 'l'},   {"author", required_argument, NULL, 'a'},
        {"public", no_argument, NULL, 'P'},       {NULL, 0, NULL, 0}};
    struct report_run r = {0};
    struct err err = {0};
    const char *format = NULL, *out = NULL, *author = NULL;
    enum text_lang lang = TEXT_LANG_EN;
    long year = 0;
    int c, public_view = 0, rc = 0;
    optind = 1;
    while (!rc && (c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        char *end;
        if (c == 'h')
            return cli_help(help);
        else if (c == 'y' && ((year = strtol(optarg, &end, 10)) < 1900 || year > 9999 || *end))
            rc = err_set(&err, ERR_USAGE, "--year %s: give a year, e.g. 2026", optarg);
        else if (c == 'f')
            format = optarg;
        else if (c == 'o')
            out = optarg;
        else if (c == 'a')
            author = optarg;
        else if (c == 'P')
            public_view = 1;
        else if (c == 'l' && text_lang_parse(optarg, &lang))
            rc = err_set(&err, ERR_USAGE, "--lang %s: give en, fr or es", optarg);
        else if (c != 'y' && c != 'l')
            rc = err_set(&err, ERR_USAGE, "report coop-annual: see suivi report --help");
    }
    if (!rc && (!year || !format || !out || optind < argc))
        rc =
            err_set(&err, ERR_USAGE,
                    "report coop-annual: give --year YYYY --format pdf|docx|xlsx|csv|html -o FILE");
    if (rc)
        return cli_fail(&err);
    if ((rc = cli_open(cli, STORE_READONLY, &r.st)))
        return rc;
    if (public_view)
        r.actor = core_actor_public;
    else
        core_actor_cli(&r.actor, r.login, sizeof r.login);
    struct report_coop_annual *a = NULL;
    struct buf bytes = BUF_INIT;
    rc = load_catalogues(&r, lang, &err);
    rc = rc ? rc : report_coop_annual_collect(r.st, &r.actor, &r.tr, (int)year, &a, &err);
    rc = rc ? rc : report_coop_annual_render(a, format, author, &bytes, &err);
    rc = rc ? rc : written(out, write_buf(out, &bytes, &err));
    if (!rc)
        fprintf(stderr, "suivi: %s: cooperation in %ld: needs %ld (met %ld), activities %ld\n", out,
                year, report_coop_annual_count(a, "needs", NULL, -1),
                report_coop_annual_count(a, "needs", "met", -1),
                report_coop_annual_count(a, "activities", NULL, -1));
    buf_free(&bytes);
    report_coop_annual_free(a);
    run_free(&r);
    return rc ? cli_fail(&err) : EXIT_OK;
}

int cli_report(struct cli *cli, int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "coop-annual"))
        return coop_annual(cli, argc - 1, argv + 1);
    struct report_opts o = {.lang = TEXT_LANG_EN, .cycle = -1};
    struct report_run r = {0};
    struct err err = {0};
    int rc = parse_opts(argc, argv, &o, &err);
    if (rc == 1)
        return cli_help(help);
    if (rc)
        return cli_fail(&err);
    if ((rc = cli_open(cli, STORE_READONLY, &r.st)))
        return rc;
    if (o.public_view)
        r.actor = core_actor_public;
    else
        core_actor_cli(&r.actor, r.login, sizeof r.login);
    rc = load_catalogues(&r, o.lang, &err);
    rc = rc ? rc : resolve_filter(&r, &o, &err);
    rc = rc ? rc : report_collect(r.st, &r.actor, &r.filter, r.tr.lang, &r.lk, &r.rows, &err);
    if (!rc)
        rc = o.what == WHAT_MATRIX  ? matrix(&r, &o, &err)
             : o.what == WHAT_DRAFT ? draft(&r, &o, &err)
                                    : dashboard(&r, &o, &err);
    run_free(&r);
    return rc ? cli_fail(&err) : EXIT_OK;
}
