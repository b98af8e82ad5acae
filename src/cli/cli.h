/*
 * cli.h — what the command-line faces share: global options, opening the database, the data
 * directory, the one error printer, and a parser of long options described by a table. Each command
 * group lives in its own file and is a function `int cli_NAME(struct cli *, int argc, char **argv)`
 * returning the exit status.
 */
#ifndef SUIVI_CLI_H
#define SUIVI_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "store/store.h"
#include "util/err.h"

struct cli {
    const char *db;       /* --db FILE or SUIVI_DB */
    const char *data_dir; /* --data DIR, SUIVI_DATA, or found beside the program */
    const char *argv0;
    char db_shown[512]; /* cli_db_shown's buffer */
};

/* cli->db as it may be printed: a PostgreSQL URL's password masked (store_url_shown). */
const char *cli_db_shown(struct cli *cli);

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Opens cli->db (flags as store_open); prints the error and returns non-zero on failure. */
int cli_open(struct cli *cli, int flags, struct store **out);

/* Prints "suivi: MESSAGE" to stderr and returns the exit status for the error. */
int cli_fail(const struct err *err);

/* Prints usage text to stdout (for --help) and returns EXIT_OK. */
int cli_help(const char *text);

/* A long option of a command and where it goes in the command's options struct (offsetof): a
 * `const char *` for one that takes a value (has_arg), an `int` set to 1 for one that does not. */
struct cli_option {
    const char *name;
    int has_arg;
    size_t offset;
};

enum { CLI_OPTIONS_MAX = 64 };

/* Parses argv (argv[0] is the command) against the n (at most CLI_OPTIONS_MAX) options of table
 * into opts, which the caller has cleared; *args and *nargs receive the positional arguments.
 * Returns 0, 1 for --help, or ERR_USAGE (getopt printed why). */
int cli_options_parse(int argc, char **argv, const struct cli_option *table, size_t n, void *opts,
                      char ***args, int *nargs);

/* Finds the data directory: --data, $SUIVI_DATA, PROGRAM_DIR/../data, PROGRAM_DIR/../share/suivi,
 * /usr/local/share/suivi, /usr/share/suivi. Returns NULL when none holds the taxonomies. */
const char *cli_data_dir(struct cli *cli);

/* Where the message catalogues are (i18n_load's locale_dir): $SUIVI_LOCALE, PROGRAM_DIR/locale
 * (the build tree), PROGRAM_DIR/../share/locale (installed), else "build/locale". */
const char *cli_locale_dir(void);

int cli_init(struct cli *cli, int argc, char **argv);
int cli_import(struct cli *cli, int argc, char **argv);
int cli_search(struct cli *cli, int argc, char **argv);
int cli_show(struct cli *cli, int argc, char **argv);
int cli_stats(struct cli *cli, int argc, char **argv);
int cli_export(struct cli *cli, int argc, char **argv);
int cli_user(struct cli *cli, int argc, char **argv);
int cli_institution(struct cli *cli, int argc, char **argv);
int cli_audit(struct cli *cli, int argc, char **argv);
int cli_serve(struct cli *cli, int argc, char **argv);
/* step 4: tagging models (classify.c); tag, similar, cluster --similar (tag.c) */
int cli_classify(struct cli *cli, int argc, char **argv);
int cli_tag(struct cli *cli, int argc, char **argv);
int cli_similar(struct cli *cli, int argc, char **argv);
int cli_cluster(struct cli *cli, int argc, char **argv);
int cli_report(struct cli *cli, int argc, char **argv); /* reports: src/cli/report.c */

/* follow-up: src/cli/followup.c, progress.c, remind.c */
int cli_clusters(struct cli *cli, int argc, char **argv);
int cli_assign(struct cli *cli, int argc, char **argv);
int cli_action(struct cli *cli, int argc, char **argv);
int cli_indicator(struct cli *cli, int argc, char **argv);
int cli_progress(struct cli *cli, int argc, char **argv);
int cli_evidence(struct cli *cli, int argc, char **argv);
int cli_note(struct cli *cli, int argc, char **argv);
int cli_deadline(struct cli *cli, int argc, char **argv);
int cli_remind(struct cli *cli, int argc, char **argv);

/* operations: backup, restore, check (src/cli/backup.c) */
int cli_backup(struct cli *cli, int argc, char **argv);
int cli_restore(struct cli *cli, int argc, char **argv);
/* operations: a SQLite database into a PostgreSQL hub (src/cli/migrate_db.c) */
int cli_migrate_db(struct cli *cli, int argc, char **argv);
/* the States of a multi-State PostgreSQL deployment (src/cli/tenant.c) */
int cli_tenant(struct cli *cli, int argc, char **argv);
int cli_check(struct cli *cli, int argc, char **argv);

#endif
