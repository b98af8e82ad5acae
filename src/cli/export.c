/*
 * export.c (cli) — `suivi export`: every recommendation (or a filtered set) as CSV or JSON.
 */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "core/read.h"
#include "report/export.h"

static const char help[] =
    "usage: suivi --db FILE export --format csv|json [--country C] [--body B] [--out FILE]\n"
    "\n"
    "Writes every recommendation with all imported fields and links: CSV (one row each, lists\n"
    "joined with |, read back with `import csv --map data/mappings/suivi-export.map`) or\n"
    "JSON (an array, one object per line, including the source row as imported).\n";

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
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},          {"format", required_argument, NULL, 'f'},
        {"country", required_argument, NULL, 'c'}, {"body", required_argument, NULL, 'b'},
        {"out", required_argument, NULL, 'o'},     {NULL, 0, NULL, 0}};
    const char *format = NULL, *out = NULL;
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
        default:
            return EXIT_USAGE;
        }
    }
    struct err err = {0};
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
