/*
 * migrate_db.c (cli) — `suivi migrate-db`: moves a national SQLite database into a schema of a
 * PostgreSQL hub database (store_migrate does the work; this file reads options and reports).
 */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"

static const char migrate_help[] =
    "usage: suivi migrate-db --from FILE.db --to postgresql://... [--replace] [--quiet]\n"
    "\n"
    "Copies every table of the SQLite database FILE.db into the PostgreSQL database named by the\n"
    "URL, in the schema its \"schema=NAME\" parameter names (one schema per State in a hub;\n"
    "\"public\" when absent), created when new. The copy is one transaction: on any error the\n"
    "target is left as it was. Each table's row count is compared with the source and the\n"
    "target is checked (`suivi check`) before the command reports success. FILE.db is only\n"
    "read. The PostgreSQL database must have been created with locale C, e.g.\n"
    "  createdb -E UTF8 --locale=C -T template0 suivi\n"
    "  --from FILE.db  the SQLite database to move\n"
    "  --to URL        e.g. postgresql://suivi@db.example.org/suivi?schema=fji\n"
    "  --replace       replace a target that already holds recommendations or accounts\n"
    "  --quiet         no progress and no summary line\n";

static void show_table(void *ctx, const char *table, long long rows)
{
    if (*(int *)ctx)
        fprintf(stderr, "suivi: %s: %lld rows\n", table, rows);
}

int cli_migrate_db(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},     {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'}, {"replace", no_argument, NULL, 'r'},
        {"quiet", no_argument, NULL, 'q'},    {NULL, 0, NULL, 0},
    };
    const char *from = NULL, *to = NULL;
    int flags = 0, verbose = 1, c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            return cli_help(migrate_help);
        case 'f':
            from = optarg;
            break;
        case 't':
            to = optarg;
            break;
        case 'r':
            flags |= STORE_MIGRATE_REPLACE;
            break;
        case 'q':
            verbose = 0;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    (void)cli;
    struct err err = {0};
    if (optind < argc || !from || !to) {
        err_set(&err, ERR_USAGE, "usage: suivi migrate-db --from FILE.db --to postgresql://...");
        return cli_fail(&err);
    }
    if (access(from, R_OK) != 0) {
        err_set(&err, ERR_USAGE, "%s: no such database", from);
        return cli_fail(&err);
    }
    struct store_migrate_info info = {0};
    if (store_migrate(from, to, flags, show_table, &verbose, &info, &err))
        return cli_fail(&err);
    if (verbose)
        printf("%s: %d tables, %lld rows copied from %s, checked\n", to, info.tables, info.rows,
               from);
    return EXIT_OK;
}
