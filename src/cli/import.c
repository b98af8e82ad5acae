/*
 * import.c (cli) — `suivi import upr-info|thematic-list|csv`: each file is one transaction;
 * the first bad file stops the command and leaves the database as that file found it.
 */
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "import/bundle.h"
#include "import/import.h"

static const char help[] =
    "usage: suivi --db FILE import upr-info [--encoding ENC] FILE...\n"
    "       suivi --db FILE import thematic-list FILE...\n"
    "       suivi --db FILE import csv --map MAPPING [--encoding ENC] FILE...\n"
    "       suivi --db FILE import bundle FILE...\n"
    "\n"
    "upr-info       UPR Info database exports: the raw CSV originals (MacRoman, CR line ends\n"
    "               are detected) or the UTF-8 flattening; voluntary pledges kept apart.\n"
    "thematic-list  OHCHR \"Thematic list of recommendations\" as text.\n"
    "csv            any CSV; MAPPING says which column holds which field (docs/import.md).\n"
    "bundle         a suivi exchange bundle (`suivi export --bundle`, docs/bundle.md): merged\n"
    "               by stable ids and codes; errors name the JSON path.\n"
    "\n"
    "Re-importing a file changes nothing. A bad file is refused with FILE:LINE and what is\n"
    "wrong, and the database is left as it was. ENC: utf-8, macroman, cp1252, latin1,\n"
    "utf-16le, utf-16be (default: detected).\n";

static void show_progress(void *ctx, const char *file, long rows)
{
    (void)ctx;
    if (isatty(STDERR_FILENO))
        fprintf(stderr, "\r%s: %ld rows…", file, rows);
}

static void show_warning(void *ctx, const char *message)
{
    (void)ctx;
    fprintf(stderr, "suivi: warning: %s\n", message);
}

static int import_one_bundle(struct store *st, const char *path)
{
    struct err err = {0};
    struct import_bundle_result res;
    if (import_bundle(st, path, NULL, &res, &err)) {
        int rc = cli_fail(&err);
        fprintf(stderr, "suivi: %s: nothing imported from this file\n", path);
        return rc;
    }
    printf("%s:", path);
    for (int s = 0; s < IMPORT_BUNDLE_SECTION_COUNT; s++)
        printf(" %ld %s%s", res.records[s], import_bundle_section_name(s),
               s + 1 < IMPORT_BUNDLE_SECTION_COUNT ? "," : ";");
    printf(" rows: %ld new, %ld updated, %ld unchanged\n", res.inserted, res.updated,
           res.unchanged);
    if (res.evidence_without_file)
        printf("%s: %ld evidence entries skipped: their files are not in the bundle (export "
               "it with --all --with-files)\n",
               path, res.evidence_without_file);
    return EXIT_OK;
}

int cli_import(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"map", required_argument, NULL, 'm'},
                                         {"encoding", required_argument, NULL, 'e'},
                                         {NULL, 0, NULL, 0}};
    const char *map = NULL;
    struct import_options o = {.progress = show_progress, .warn = show_warning};
    int c;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(help);
        if (c == 'm')
            map = optarg;
        else if (c == 'e')
            o.encoding = optarg;
        else
            return EXIT_USAGE;
    }
    if (optind >= argc) {
        fputs(help, stderr);
        return EXIT_USAGE;
    }
    const char *format = argv[optind++];
    /* options may also follow the format word */
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(help);
        if (c == 'm')
            map = optarg;
        else if (c == 'e')
            o.encoding = optarg;
        else
            return EXIT_USAGE;
    }
    struct err err = {0};
    int kind = !strcmp(format, "upr-info")        ? 0
               : !strcmp(format, "thematic-list") ? 1
               : !strcmp(format, "csv")           ? 2
               : !strcmp(format, "bundle")        ? 3
                                                  : -1;
    if (kind < 0) {
        err_set(&err, ERR_USAGE,
                "import: unknown format \"%s\" (upr-info, thematic-list, csv, bundle)", format);
        return cli_fail(&err);
    }
    if (kind == 2 && !map) {
        err_set(&err, ERR_USAGE, "import csv: give --map MAPPING (see docs/import.md)");
        return cli_fail(&err);
    }
    if (optind >= argc) {
        err_set(&err, ERR_USAGE, "import %s: no file given", format);
        return cli_fail(&err);
    }
    struct store *st;
    int rc = cli_open(cli, 0, &st);
    if (rc)
        return rc;
    for (int i = optind; i < argc && !rc && kind == 3; i++)
        rc = import_one_bundle(st, argv[i]);
    for (int i = optind; i < argc && !rc && kind != 3; i++) {
        struct core_import run;
        if (core_import_begin(&run, st, &err)) {
            rc = cli_fail(&err);
            break;
        }
        int irc = kind == 0   ? import_upr_info(&run, argv[i], &o, &err)
                  : kind == 1 ? import_thematic_list(&run, argv[i], &o, &err)
                              : import_csv_mapped(&run, map, argv[i], &o, &err);
        if (isatty(STDERR_FILENO))
            fputs("\r\033[K", stderr);
        if (irc) {
            core_import_abort(&run);
            rc = cli_fail(&err);
            fprintf(stderr, "suivi: %s: nothing imported from this file\n", argv[i]);
            break;
        }
        if (core_import_commit(&run, &err)) {
            rc = cli_fail(&err);
            break;
        }
        printf("%s: %ld rows: %ld new, %ld updated, %ld unchanged", argv[i], run.rows, run.inserted,
               run.updated, run.unchanged);
        if (run.unlinked_countries || run.unlinked_tags)
            printf("; not linked: %ld State names, %ld tags (see: suivi stats --unlinked)",
                   run.unlinked_countries, run.unlinked_tags);
        putchar('\n');
    }
    store_close(st);
    return rc;
}
