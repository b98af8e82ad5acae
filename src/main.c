/*
 * main.c — suivi's entry point: global options (--db, --data), then dispatch to a command of
 * src/cli/. Only main-level code exits; everything below returns status codes.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/coop.h"
#include "cli/hub.h"

static const char usage[] =
    "usage: suivi [--db FILE] [--data DIR] COMMAND [ARGS]\n"
    "\n"
    "Follow-up of human-rights recommendations (UPR, treaty bodies, special procedures).\n"
    "\n"
    "Commands:\n"
    "  init                      create or upgrade a database and load the taxonomies\n"
    "  import upr-info FILE...   import UPR Info database exports (CSV, any encoding)\n"
    "  import thematic-list FILE...  import OHCHR thematic lists of recommendations\n"
    "  import csv --map MAP FILE import any CSV through a column mapping\n"
    "  search [OPTIONS] QUERY    full-text search with filters and facets\n"
    "  show ID                   one recommendation with all its fields\n"
    "  stats [--json]            counts by body, country, response, theme, SDG\n"
    "  export --format csv|json  everything imported, back out\n"
    "  user add|list|passwd|...  user accounts and their roles\n"
    "  institution add|list      institutions that focal points act for\n"
    "  audit [OPTIONS]           the audit trail: who changed what, when\n"
    "  serve [--listen ADDR:PORT]  the web application and the JSON API\n"
    "  tag [--field F] [--only-untagged]  suggest tags (pending review); tag list|accept|reject\n"
    "  similar ID                the recommendations that say the same thing as ID\n"
    "  cluster --similar [--threshold X]  groups of repeated recommendations\n"
    "  classify train|predict|eval  tagging models on CSV files (no database needed)\n"
    "  report matrix|draft|dashboard  implementation matrix, report drafts, dashboards\n"
    "  clusters create|add|list...  groups of recommendations followed up together\n"
    "  assign REC_ID|--cluster N INSTITUTION  give recommendations to institutions\n"
    "  action|indicator add|...  planned actions, indicators and their values\n"
    "  progress draft|submit|validate|return|list  progress reports and their workflow\n"
    "  evidence add PROGRESS_ID FILE  attach a file to a progress report\n"
    "  note add REC_ID TEXT      comments and independent assessments\n"
    "  deadline add|list         reporting deadlines\n"
    "  remind [--days N] [--send]  reminders of what is due, by e-mail\n"
    "  org|need|offer add|list|...  technical cooperation: organisations, needs, offers\n"
    "  match for-need|propose|...  matchmaking of needs and offers, and its exchanges\n"
    "  hub profile|practice|doc|import|search  the knowledge hub of NMIRF good practices\n"
    "  backup --to BACKUP        a consistent, checked copy of the database, server running\n"
    "  restore --from BACKUP     put a copy back (the replaced database is kept)\n"
    "  check                     integrity and full-text indexes of the database\n"
    "  migrate-db --from F --to URL  move a SQLite database into PostgreSQL\n"
    "  tenant create NAME|list   the States of a multi-State PostgreSQL deployment\n"
    "\n"
    "Options:\n"
    "  --db DB       the database: a SQLite file, or postgresql://...?schema=NAME\n"
    "                (or set SUIVI_DB)\n"
    "  --data DIR    where the taxonomies are (default: found beside the program)\n"
    "  -h, --help    this help; `suivi COMMAND --help` for a command's own\n"
    "  --version     print the version\n";

static const struct {
    const char *name;
    int (*run)(struct cli *, int, char **);
} commands[] = {
    {"init", cli_init},
    {"import", cli_import},
    {"search", cli_search},
    {"show", cli_show},
    {"stats", cli_stats},
    {"export", cli_export},
    {"user", cli_user},
    {"institution", cli_institution},
    {"audit", cli_audit},
    {"serve", cli_serve},
    {"report", cli_report}, /* reports: src/cli/report.c */
    /* follow-up: src/cli/followup.c, progress.c, remind.c */
    {"clusters", cli_clusters},
    {"assign", cli_assign},
    {"action", cli_action},
    {"indicator", cli_indicator},
    {"progress", cli_progress},
    {"evidence", cli_evidence},
    {"note", cli_note},
    {"deadline", cli_deadline},
    {"remind", cli_remind},
    /* technical cooperation: src/cli/coop.c */
    {"org", cli_org},
    {"need", cli_need},
    {"offer", cli_offer},
    {"match", cli_match},
    {"hub", cli_hub}, /* knowledge hub: src/cli/hub.c */
    /* operations: src/cli/backup.c */
    {"backup", cli_backup},
    {"restore", cli_restore},
    {"check", cli_check},
    {"migrate-db", cli_migrate_db}, /* src/cli/migrate_db.c */
    {"tenant", cli_tenant},         /* src/cli/tenant.c */
    /* step 4, tagging: src/cli/classify.c, src/cli/tag.c */
    {"classify", cli_classify},
    {"tag", cli_tag},
    {"similar", cli_similar},
    {"cluster", cli_cluster},
};

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    struct cli cli = {.db = getenv("SUIVI_DB"), .argv0 = argv[0]};
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"data", required_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            cli.db = optarg;
            break;
        case 'D':
            cli.data_dir = optarg;
            break;
        case 'h':
            fputs(usage, stdout);
            return EXIT_OK;
        case 'V':
            puts("suivi 0.1");
            return EXIT_OK;
        default:
            fputs(usage, stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[optind];
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (!strcmp(name, commands[i].name)) {
            int sub_argc = argc - optind;
            char **sub_argv = argv + optind;
            optind = 0; /* getopt restarts for the command's own options */
            return commands[i].run(&cli, sub_argc, sub_argv);
        }
    }
    fprintf(stderr, "suivi: unknown command \"%s\"\n\n%s", name, usage);
    return EXIT_USAGE;
}
