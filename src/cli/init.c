/*
 * init.c (cli) — `suivi init`: create or upgrade a database and (re)load the taxonomies.
 */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "core/read.h"
#include "import/import.h"

static const char help[] =
    "usage: suivi --db FILE init [--data DIR]\n"
    "\n"
    "Creates FILE (SQLite, WAL) when missing, applies schema migrations, and loads the\n"
    "taxonomies shipped with suivi: SDG goals/targets/indicators (EN/FR/ES), UHRI themes,\n"
    "affected persons and bodies, UPR Info issues, UN member and observer States.\n"
    "Running it again is safe: it upgrades and refreshes, and never deletes recommendations.\n";

int cli_init(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"data", required_argument, NULL, 'D'},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(help);
        if (c == 'D')
            cli->data_dir = optarg;
        else
            return EXIT_USAGE;
    }
    struct err err = {0};
    const char *data = cli_data_dir(cli);
    if (!data) {
        err_set(&err, ERR_USAGE, "cannot find the taxonomies (data/sdg/...): give --data DIR");
        return cli_fail(&err);
    }
    struct store *st;
    int rc = cli_open(cli, STORE_CREATE, &st);
    if (rc)
        return rc;
    if (import_taxonomies(st, data, &err)) {
        store_close(st);
        return cli_fail(&err);
    }
    long terms = 0, countries = 0, recs = 0;
    if (core_count(st, "term", &terms, &err) || core_count(st, "country", &countries, &err) ||
        core_count(st, "recommendation", &recs, &err)) {
        store_close(st);
        return cli_fail(&err);
    }
    printf("%s: schema version %d; %ld taxonomy terms, %ld countries, %ld recommendations\n",
           cli_db_shown(cli), store_schema_version(st), terms, countries, recs);
    store_close(st);
    return EXIT_OK;
}
