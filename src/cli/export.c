/*
 * export.c (cli) — `suivi export`: every recommendation (or a filtered set) as CSV or JSON.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/audit.h"
#include "core/read.h"
#include "report/bundle.h"
#include "report/export.h"

static const char help[] =
    "usage: suivi --db FILE export --format csv|json [--country C] [--body B] [--out FILE]\n"
    "       suivi --db FILE export --bundle FILE [--state ISO3] [--published-only | --all\n"
    "                           [--with-files]] [--deployment NAME]\n"
    "\n"
    "Writes every recommendation with all imported fields and links: CSV (one row each, lists\n"
    "joined with |, read back with `import csv --map data/mappings/suivi-export.map`) or\n"
    "JSON (an array, one object per line, including the source row as imported).\n"
    "\n"
    "--bundle writes the exchange bundle (docs/bundle.md), read back by `suivi import bundle`:\n"
    "recommendations with their tags and the follow-up (institutions, clusters, assignments,\n"
    "actions, indicators, progress, notes, needs). By default only what is published:\n"
    "validated progress reports, independent assessments and public needs; no comments,\n"
    "drafts or tag suggestions. --all writes everything, --with-files adds the evidence files\n"
    "(base64). --state limits it to one State. created_at is now, or $SOURCE_DATE_EPOCH.\n";

/* `export --bundle`: the whole exchange bundle into path ("-": standard output). */
static int export_bundle(struct cli *cli, const char *path, struct report_bundle_options *o)
{
    struct err err = {0};
    struct store *st;
    int rc = cli_open(cli, STORE_READONLY, &st);
    if (rc)
        return rc;
    char iso3[4];
    if (o->state) {
        int found = core_country_find(st, o->state, iso3, &err);
        if (found <= 0) {
            if (!found)
                err_set(&err, ERR_USAGE, "--state %s: no such country", o->state);
            store_close(st);
            return cli_fail(&err);
        }
        o->state = iso3;
    }
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    o->created_at = epoch && *epoch ? (int64_t)strtoll(epoch, NULL, 10) * 1000 : core_now();
    int to_stdout = !strcmp(path, "-");
    FILE *f = to_stdout ? stdout : fopen(path, "w");
    if (!f) {
        err_set(&err, ERR_IO, "%s: cannot write", path);
        store_close(st);
        return cli_fail(&err);
    }
    struct report_bundle_counts n = {0};
    rc = report_bundle_write(st, o, f, &n, &err);
    int closed = to_stdout ? fflush(stdout) : fclose(f);
    if (closed && !rc)
        rc = err_set(&err, ERR_IO, "%s: write failed", path);
    store_close(st);
    if (rc) {
        if (!to_stdout)
            remove(path);
        return cli_fail(&err);
    }
    fprintf(stderr,
            "%s: %ld recommendations, %ld institutions, %ld clusters, %ld assignments, "
            "%ld actions, %ld indicators, %ld progress reports, %ld notes, %ld evidence, "
            "%ld files, %ld needs (%s)\n",
            path, n.recommendations, n.institutions, n.clusters, n.assignments, n.actions,
            n.indicators, n.progress, n.notes, n.evidence, n.files, n.needs,
            o->all ? "all records" : "published records only");
    return EXIT_OK;
}

struct sink {
    FILE *f;
    int json;
    long n;
    struct buf b;
};

static int on_rec(void *ctx, const struct store_rec *r)
{
    struct sink *s = ctx;
    buf_reset(&s->b);
    if (s->json) {
        buf_puts(&s->b, s->n ? ",\n" : "\n");
        report_export_json(&s->b, r);
    } else {
        report_export_csv_row(&s->b, r);
    }
    s->n++;
    if (s->b.oom)
        return ERR_NOMEM;
    return fwrite(s->b.data, 1, s->b.len, s->f) == s->b.len ? 0 : ERR_IO;
}

int cli_export(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"country", required_argument, NULL, 'c'},
                                         {"body", required_argument, NULL, 'b'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"bundle", required_argument, NULL, 'B'},
                                         {"state", required_argument, NULL, 's'},
                                         {"published-only", no_argument, NULL, 'P'},
                                         {"all", no_argument, NULL, 'A'},
                                         {"with-files", no_argument, NULL, 'F'},
                                         {"deployment", required_argument, NULL, 'D'},
                                         {NULL, 0, NULL, 0}};
    const char *format = NULL, *out = NULL, *bundle = NULL;
    struct report_bundle_options bo = {0};
    int published_only = 0;
    struct store_filter filter = {0};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            return cli_help(help);
        case 'f':
            format = optarg;
            break;
        case 'c':
            filter.country = optarg;
            break;
        case 'b':
            filter.body = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'B':
            bundle = optarg;
            break;
        case 's':
            bo.state = optarg;
            break;
        case 'P':
            published_only = 1;
            break;
        case 'A':
            bo.all = 1;
            break;
        case 'F':
            bo.with_files = 1;
            break;
        case 'D':
            bo.deployment = optarg;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    struct err err = {0};
    if (bundle) {
        if (format || filter.country || filter.body || out) {
            err_set(&err, ERR_USAGE,
                    "export --bundle: --format, --country, --body and --out do "
                    "not apply (use --state)");
            return cli_fail(&err);
        }
        if (published_only && (bo.all || bo.with_files)) {
            err_set(&err, ERR_USAGE,
                    "export --bundle: --published-only excludes --all and "
                    "--with-files");
            return cli_fail(&err);
        }
        if (bo.with_files && !bo.all) {
            err_set(&err, ERR_USAGE, "export --bundle: --with-files needs --all");
            return cli_fail(&err);
        }
        return export_bundle(cli, bundle, &bo);
    }
    if (bo.state || bo.all || bo.with_files || bo.deployment || published_only) {
        err_set(&err, ERR_USAGE,
                "export: --state, --all, --with-files, --deployment and "
                "--published-only go with --bundle");
        return cli_fail(&err);
    }
    if (!format || (strcmp(format, "csv") && strcmp(format, "json"))) {
        err_set(&err, ERR_USAGE, "export: give --format csv or --format json");
        return cli_fail(&err);
    }
    struct store *st;
    int rc = cli_open(cli, STORE_READONLY, &st);
    if (rc)
        return rc;
    struct sink s = {.f = stdout, .json = !strcmp(format, "json")};
    char iso3[4];
    if (filter.country) {
        int found = core_country_find(st, filter.country, iso3, &err);
        if (found <= 0) {
            if (!found)
                err_set(&err, ERR_USAGE, "--country %s: no such country", filter.country);
            store_close(st);
            return cli_fail(&err);
        }
        filter.country = iso3;
    }
    FILE *f = out ? fopen(out, "w") : stdout;
    if (!f) {
        err_set(&err, ERR_IO, "%s: cannot write", out);
        store_close(st);
        return cli_fail(&err);
    }
    s.f = f;
    if (s.json)
        fputs("[", s.f);
    else if (report_export_csv_header(&s.b) == 0)
        fwrite(s.b.data, 1, s.b.len, s.f);
    rc = core_rec_each(st, &filter, on_rec, &s, &err);
    if (s.json)
        fputs("\n]\n", s.f);
    if (rc && !err.msg[0])
        err_set(&err, rc, "export: write failed");
    int closed = out ? fclose(f) : fflush(stdout);
    if (closed && !rc)
        rc = err_set(&err, ERR_IO, "export: write failed");
    buf_free(&s.b);
    store_close(st);
    return rc ? cli_fail(&err) : EXIT_OK;
}
