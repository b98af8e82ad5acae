/*
 * search.c (cli) — `suivi search`: full-text search with filters, ranked results with
 * highlighted snippets, facet counts, as text for people or JSON lines for programs.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/read.h"
#include "util/buf.h"

static const char help[] =
    "usage: suivi --db FILE search [OPTIONS] QUERY\n"
    "\n"
    "QUERY: words (stemmed: \"rights\" finds \"right\", \"women\" finds \"woman\"; case and\n"
    "accents ignored), \"a phrase\", prefix*, AND, OR, NOT (upper case), parentheses.\n"
    "\n"
    "  --lang en|fr|es        search texts in this language only (default: all)\n"
    "  --country C            State concerned: ISO3, ISO2 or name\n"
    "  --body B               UPR, CEDAW, CRC, ...\n"
    "  --theme T              UHRI theme or UPR Info issue (code or label)\n"
    "  --sdg 5|5.2            SDG goal or target\n"
    "  --response R           supported, noted, partially_supported\n"
    "  --kind K               recommendation or pledge\n"
    "  --limit N              at most N results (default 20)\n"
    "  --offset N             skip the first N results\n"
    "  --facets               also count matches by body, country, response, theme, SDG\n"
    "  --json                 one JSON object per line: id, country, body, response, lang,\n"
    "                         score, text, snippet; with --facets a last line {\"facets\":...}\n"
    "  --batch FILE           run every line of FILE as a query (- = standard input)\n"
    "  --explain              print the query as the search engine receives it, and stop\n";

struct out {
    int json, tty;
    long n;
    struct buf line;
};

/* The store marks matches with \x02 ... \x03: brackets for files, bold for terminals. */
static void put_snippet(struct out *o, const char *s)
{
    for (; *s; s++) {
        if (*s == '\x02')
            buf_puts(&o->line, o->tty ? "\033[1m" : "[");
        else if (*s == '\x03')
            buf_puts(&o->line, o->tty ? "\033[0m" : "]");
        else
            buf_putc(&o->line, *s);
    }
}

static int on_hit(void *ctx, const struct store_hit *h)
{
    struct out *o = ctx;
    buf_reset(&o->line);
    o->n++;
    if (o->json) {
        struct buf plain = BUF_INIT;
        for (const char *s = h->snippet; *s; s++)
            buf_puts(&plain, *s == '\x02' ? "[" : *s == '\x03' ? "]" : (char[2]){*s, 0});
        buf_puts(&o->line, "{\"id\":");
        buf_put_json_string(&o->line, h->id);
        buf_puts(&o->line, ",\"country\":");
        buf_put_json_string(&o->line, h->country ? h->country : "");
        buf_puts(&o->line, ",\"body\":");
        buf_put_json_string(&o->line, h->body);
        buf_puts(&o->line, ",\"response\":");
        if (h->response)
            buf_put_json_string(&o->line, h->response);
        else
            buf_puts(&o->line, "null");
        buf_printf(&o->line, ",\"lang\":\"%s\",\"score\":%.4f,\"text\":", h->lang, h->score);
        buf_put_json_string(&o->line, h->text);
        buf_puts(&o->line, ",\"snippet\":");
        buf_put_json_string(&o->line, buf_str(&plain));
        buf_puts(&o->line, "}\n");
        buf_free(&plain);
    } else {
        buf_printf(&o->line, "%ld. %s  [%s · %s · %s]  %.2f\n   ", o->n, h->id,
                   h->country ? h->country : "?", h->body, h->response ? h->response : "-",
                   h->score);
        put_snippet(o, h->snippet);
        buf_putc(&o->line, '\n');
    }
    fputs(buf_str(&o->line), stdout);
    return o->line.oom ? ERR_NOMEM : 0;
}

enum { FACETS_SHOWN = 10 }; /* per dimension in text output; JSON has them all */

struct facets {
    int json;
    int dim;
    struct buf out;
    int first_in_dim;
    int shown;
};

static int on_facet(void *ctx, enum store_dim dim, const char *value, const char *label, long count)
{
    struct facets *f = ctx;
    if (f->json) {
        buf_puts(&f->out, f->first_in_dim ? "" : ",");
        buf_put_json_string(&f->out, value ? value : "");
        buf_printf(&f->out, ":%ld", count);
    } else if (f->first_in_dim || f->shown < FACETS_SHOWN) {
        if (f->first_in_dim)
            f->shown = 0;
        f->shown++;
        buf_printf(&f->out, "  %-10s %6ld  %s%s%s\n", f->first_in_dim ? store_dim_name(dim) : "",
                   count, value ? value : "", label && value && strcmp(label, value) ? " — " : "",
                   label && value && strcmp(label, value) ? label : "");
    }
    f->first_in_dim = 0;
    return 0;
}

static int print_facets(struct store *st, const struct core_search_plan *plan, int json, long total,
                        struct err *err)
{
    static const enum store_dim dims[] = {STORE_DIM_BODY,    STORE_DIM_COUNTRY, STORE_DIM_RESPONSE,
                                          STORE_DIM_THEME,   STORE_DIM_ISSUE,   STORE_DIM_SDG,
                                          STORE_DIM_AFFECTED};
    struct facets f = {.json = json};
    buf_puts(&f.out, json ? "{\"facets\":{" : "facets:\n");
    int rc = 0;
    for (size_t i = 0; i < sizeof dims / sizeof dims[0] && !rc; i++) {
        if (json)
            buf_printf(&f.out, "%s\"%s\":{", i ? "," : "", store_dim_name(dims[i]));
        f.first_in_dim = 1;
        rc = core_count_by(st, plan, dims[i], plan->q.lang, on_facet, &f, err);
        if (json)
            buf_putc(&f.out, '}');
    }
    if (json)
        buf_printf(&f.out, "},\"total\":%ld}\n", total);
    if (!rc)
        fputs(buf_str(&f.out), stdout);
    buf_free(&f.out);
    return rc;
}

struct run_opts {
    int json, facets, explain;
};

/* Runs one search and prints it; returns the exit status. */
static int run_one(struct store *st, const struct core_search *s, const struct run_opts *ro)
{
    struct err err = {0};
    struct core_search_plan plan;
    struct out o = {.json = ro->json, .tty = isatty(STDOUT_FILENO)};
    long total = 0;
    int rc = EXIT_OK;
    if (core_search_plan(st, s, &plan, &err)) {
        rc = cli_fail(&err);
    } else if (ro->explain) {
        struct buf b = BUF_INIT;
        if (core_search_explain(st, &plan, &b) == 0)
            puts(buf_str(&b));
        buf_free(&b);
    } else if (core_search_run(st, &plan, on_hit, &o, &total, &err) ||
               (ro->facets && print_facets(st, &plan, ro->json, total, &err))) {
        rc = cli_fail(&err);
    } else if (!ro->json) {
        printf("%ld of %ld match%s\n", o.n, total, total == 1 ? "" : "es");
    }
    core_search_plan_free(&plan);
    buf_free(&o.line);
    return rc;
}

/* Runs every non-empty line of path as a query; a bad query is reported and the rest run. */
static int run_batch(struct store *st, const struct core_search *base, const struct run_opts *ro,
                     const char *path)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!f) {
        struct err err;
        err_set(&err, ERR_IO, "%s: cannot read", path);
        return cli_fail(&err);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = EXIT_OK;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (!n)
            continue;
        struct core_search s = *base;
        s.query = line;
        if (!ro->json && !ro->explain)
            printf("== %s\n", line);
        if (run_one(st, &s, ro))
            rc = EXIT_FAIL;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

int cli_search(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"json", no_argument, NULL, 'j'},
        {"facets", no_argument, NULL, 'f'},
        {"lang", required_argument, NULL, 'l'},
        {"country", required_argument, NULL, 'c'},
        {"body", required_argument, NULL, 'b'},
        {"theme", required_argument, NULL, 't'},
        {"sdg", required_argument, NULL, 's'},
        {"response", required_argument, NULL, 'r'},
        {"kind", required_argument, NULL, 'k'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'o'},
        {"batch", required_argument, NULL, 'B'},
        {"explain", no_argument, NULL, 'x'},
        {NULL, 0, NULL, 0},
    };
    struct core_search s = {.limit = 20};
    int json = 0, facets = 0, explain = 0, c;
    const char *batch = NULL;
    struct err err = {0};
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        char *end = NULL;
        switch (c) {
        case 'h':
            return cli_help(help);
        case 'j':
            json = 1;
            break;
        case 'f':
            facets = 1;
            break;
        case 'l':
            s.lang = optarg;
            break;
        case 'c':
            s.country = optarg;
            break;
        case 'b':
            s.body = optarg;
            break;
        case 't':
            s.theme = optarg;
            break;
        case 's':
            s.sdg = optarg;
            break;
        case 'r':
            s.response = optarg;
            break;
        case 'k':
            s.kind = optarg;
            break;
        case 'B':
            batch = optarg;
            break;
        case 'x':
            explain = 1;
            break;
        case 'n':
        case 'o': {
            long v = strtol(optarg, &end, 10);
            if (*end || v < 0 || v > 1000000) {
                err_set(&err, ERR_USAGE, "--%s %s: expected a number from 0 to 1000000",
                        c == 'n' ? "limit" : "offset", optarg);
                return cli_fail(&err);
            }
            *(c == 'n' ? &s.limit : &s.offset) = (int)v;
            break;
        }
        default:
            return EXIT_USAGE;
        }
    }
    struct run_opts ro = {json, facets, explain};
    struct store *st;
    int rc = cli_open(cli, STORE_READONLY, &st);
    if (rc)
        return rc;
    if (batch) {
        rc = run_batch(st, &s, &ro, batch);
    } else {
        struct buf query = BUF_INIT;
        for (int i = optind; i < argc; i++)
            buf_printf(&query, "%s%s", i > optind ? " " : "", argv[i]);
        s.query = buf_str(&query);
        rc = run_one(st, &s, &ro);
        buf_free(&query);
    }
    store_close(st);
    return rc;
}
