/*
 * show.c (cli) — `suivi show ID` (one recommendation, every field) and `suivi stats`
 * (counts by body, country, response, theme, issue, SDG; what could not be linked).
 */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "core/read.h"
#include "report/export.h"
#include "text/fold.h"
#include "util/buf.h"

static const char show_help[] =
    "usage: suivi --db FILE show [--json] ID\n"
    "\n"
    "Prints one recommendation: body, document, paragraph, State, recommending States,\n"
    "response, texts, tags with their origin, and where it was imported from.\n";

static const char *const origin_names[] = {"source", "human", "machine"};
static const char *const lang_codes[] = {"en", "fr", "es"};

static int print_rec(void *ctx, const struct store_rec *r)
{
    (void)ctx;
    printf("id:              %s\n", r->id);
    printf("kind:            %s\n", r->kind);
    printf("body:            %s (%s)\n", r->body, r->mechanism);
    if (r->document)
        printf("document:        %s%s%s\n", r->document, r->paragraph ? " ¶ " : "",
               r->paragraph ? r->paragraph : "");
    printf("State:           %s%s%s%s\n", r->country_label ? r->country_label : "",
           r->country ? " (" : " (not linked", r->country ? r->country : "", ")");
    if (r->session)
        printf("session:         %d (cycle %d)\n", r->session, r->cycle);
    if (r->nstates) {
        printf("recommended by:  ");
        for (size_t i = 0; i < r->nstates; i++)
            printf("%s%s (%s)", i ? ", " : "", r->states[i].label,
                   r->states[i].iso3 ? r->states[i].iso3 : "not linked");
        putchar('\n');
    }
    printf("response:        %s\n", r->response ? r->response : "-");
    if (r->action_category)
        printf("action category: %d\n", r->action_category);
    if (r->cluster_theme)
        printf("cluster theme:   %s\n", r->cluster_theme);
    for (int i = 0; i < STORE_LANG_COUNT; i++)
        if (r->text[i])
            printf("text (%s):       %s\n", lang_codes[i], r->text[i]);
    for (size_t i = 0; i < r->ntags; i++)
        printf("tag:             %-16s %s%s%s [%s]\n", r->tags[i].vocab, r->tags[i].label,
               r->tags[i].code && strcmp(r->tags[i].code, r->tags[i].label) ? " = " : "",
               r->tags[i].code ? (strcmp(r->tags[i].code, r->tags[i].label) ? r->tags[i].code : "")
                               : " (not linked)",
               origin_names[r->tags[i].origin]);
    if (r->source_file)
        printf("imported from:   %s:%ld\n", r->source_file, r->source_line);
    return 0;
}

static int print_rec_json(void *ctx, const struct store_rec *r)
{
    (void)ctx;
    struct buf b = BUF_INIT;
    int rc = report_export_json(&b, r);
    if (!rc && !b.oom)
        puts(buf_str(&b));
    buf_free(&b);
    return rc ? rc : b.oom ? ERR_NOMEM : 0;
}

int cli_show(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'}, {"json", no_argument, NULL, 'j'}, {NULL, 0, NULL, 0}};
    int c, json = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(show_help);
        if (c != 'j')
            return EXIT_USAGE;
        json = 1;
    }
    struct err err = {0};
    if (optind + 1 != argc) {
        err_set(&err, ERR_USAGE, "show: give exactly one ID");
        return cli_fail(&err);
    }
    struct store *st;
    int rc = cli_open(cli, STORE_READONLY, &st);
    if (rc)
        return rc;
    if (core_rec_get(st, argv[optind], json ? print_rec_json : print_rec, NULL, &err))
        rc = cli_fail(&err);
    store_close(st);
    return rc;
}

static const char stats_help[] =
    "usage: suivi --db FILE stats [--json] [--lang en|fr|es] [--unlinked]\n"
    "\n"
    "Counts recommendations by body, country, response, UHRI theme, UPR Info issue, SDG goal,\n"
    "affected persons and kind. --unlinked lists the State names and tags of imported data\n"
    "that could not be linked to suivi's taxonomies. --lang: language of the labels.\n";

struct stats {
    int json;
    int first;
    struct buf out;
};

static int on_count(void *ctx, enum store_dim dim, const char *value, const char *label, long count)
{
    struct stats *s = ctx;
    if (s->json) {
        buf_puts(&s->out, s->first ? "" : ",");
        buf_puts(&s->out, "{\"value\":");
        buf_put_json_string(&s->out, value ? value : "");
        if (label) {
            buf_puts(&s->out, ",\"label\":");
            buf_put_json_string(&s->out, label);
        }
        buf_printf(&s->out, ",\"count\":%ld}", count);
    } else {
        buf_printf(&s->out, "  %7ld  %s%s%s\n", count, value ? value : "",
                   label && value && strcmp(label, value) ? " — " : "",
                   label && value && strcmp(label, value) ? label : "");
    }
    s->first = 0;
    (void)dim;
    return 0;
}

int cli_stats(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"unlinked", no_argument, NULL, 'u'},
                                         {"lang", required_argument, NULL, 'l'},
                                         {NULL, 0, NULL, 0}};
    int c, unlinked = 0;
    enum text_lang lang = TEXT_LANG_EN;
    struct stats s = {0};
    struct err err = {0};
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(stats_help);
        if (c == 'j')
            s.json = 1;
        else if (c == 'u')
            unlinked = 1;
        else if (c == 'l' && text_lang_parse(optarg, &lang)) {
            err_set(&err, ERR_USAGE, "--lang %s: expected en, fr or es", optarg);
            return cli_fail(&err);
        } else if (c != 'l')
            return EXIT_USAGE;
    }
    struct store *st;
    int rc = cli_open(cli, STORE_READONLY, &st);
    if (rc)
        return rc;
    long total = 0;
    rc = core_count(st, "recommendation", &total, &err);
    buf_printf(&s.out, s.json ? "{\"recommendations\":%ld" : "recommendations: %ld\n", total);
    static const enum store_dim dims[] = {STORE_DIM_KIND,    STORE_DIM_BODY,    STORE_DIM_RESPONSE,
                                          STORE_DIM_COUNTRY, STORE_DIM_THEME,   STORE_DIM_ISSUE,
                                          STORE_DIM_SDG,     STORE_DIM_AFFECTED};
    for (size_t i = 0; i < sizeof dims / sizeof dims[0] && !rc && !unlinked; i++) {
        buf_printf(&s.out, s.json ? ",\"%s\":[" : "by %s:\n", store_dim_name(dims[i]));
        s.first = 1;
        rc = core_count_by(st, NULL, dims[i], (int)lang, on_count, &s, &err);
        if (s.json)
            buf_putc(&s.out, ']');
    }
    if (unlinked && !rc) {
        buf_puts(&s.out, s.json ? ",\"unlinked\":[" : "not linked (what, as imported, count):\n");
        s.first = 1;
        rc = core_unlinked_each(st, on_count, &s, &err);
        if (s.json)
            buf_putc(&s.out, ']');
    }
    if (s.json)
        buf_puts(&s.out, "}\n");
    if (rc)
        rc = cli_fail(&err);
    else
        fputs(buf_str(&s.out), stdout);
    buf_free(&s.out);
    store_close(st);
    return rc;
}
