/*
 * backup.c (cli) — `suivi backup`, `suivi restore` and `suivi check`: a consistent copy of a
 * database while the server runs, putting a copy back (the replaced database is kept, the
 * restore is audited), and checking a database's integrity and full-text indexes. The work is
 * done by the store (store.h, "operations"); this file reads options and reports.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/audit.h"

static const char backup_help[] =
    "usage: suivi backup --db FILE --to BACKUP [--force] [--progress | --quiet]\n"
    "\n"
    "Copies the database to BACKUP as it is when the command starts, while a server or other\n"
    "commands go on reading and writing it. The copy is checked (SQLite integrity, full-text\n"
    "indexes) under a temporary name beside BACKUP and only then renamed to BACKUP, so BACKUP\n"
    "is never half a copy. BACKUP is one file, readable by its owner only; evidence files are\n"
    "inside it.\n"
    "  --db FILE    the database (or --db before the command, or SUIVI_DB)\n"
    "  --to BACKUP  where to write the copy\n"
    "  --force      replace BACKUP when it exists (refused otherwise)\n"
    "  --progress   report progress on standard error (default: for databases over 64 MiB)\n"
    "  --quiet      no progress and no summary line\n";

static const char restore_help[] =
    "usage: suivi restore --from BACKUP --db FILE\n"
    "\n"
    "Replaces the database FILE with the copy in BACKUP. BACKUP is checked first: it must open\n"
    "(a copy made by an older suivi is upgraded, one made by a newer suivi refused) and pass the\n"
    "checks of `suivi check`; otherwise FILE is left as it was. Refused while another process\n"
    "has FILE open (stop `suivi serve` first). The replaced database is kept beside it as\n"
    "FILE.before-restore-YYYYMMDDTHHMMSSZ, and the restore is written to the audit trail.\n"
    "  --from BACKUP  the copy to restore (made by suivi backup)\n"
    "  --db FILE      the database to replace or create (or SUIVI_DB)\n";

static const char check_help[] =
    "usage: suivi check --db FILE\n"
    "\n"
    "Opens the database (upgrading an older schema, as every command does) and checks it:\n"
    "SQLite's integrity check and the structure of the full-text indexes. Exits 0 when sound,\n"
    "1 with what is wrong otherwise.\n"
    "  --db FILE    the database (or --db before the command, or SUIVI_DB)\n";

enum { PROGRESS_AUTO_BYTES = 64 << 20 };

struct progress {
    int mode; /* -1 never, 0 for large databases, 1 always */
    int tty;
    int last_tenth; /* last tenth reported; -1 none */
};

static void show_progress(void *ctx, long long done, long long total)
{
    struct progress *p = ctx;
    if (p->mode < 0 || total <= 0 || (p->mode == 0 && total < PROGRESS_AUTO_BYTES))
        return;
    int tenth = (int)(done * 10 / total);
    if (tenth == p->last_tenth)
        return;
    p->last_tenth = tenth;
    fprintf(stderr, "%ssuivi: backup %d%% (%.1f of %.1f MiB)%s", p->tty ? "\r" : "", tenth * 10,
            (double)done / 1048576.0, (double)total / 1048576.0,
            p->tty && done < total ? "" : "\n");
}

int cli_backup(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"db", required_argument, NULL, 'd'},
        {"to", required_argument, NULL, 't'},
        {"force", no_argument, NULL, 'f'},
        {"progress", no_argument, NULL, 'p'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0},
    };
    const char *to = NULL;
    int flags = 0;
    struct progress progress = {.tty = isatty(STDERR_FILENO), .last_tenth = -1};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            return cli_help(backup_help);
        case 'd':
            cli->db = optarg;
            break;
        case 't':
            to = optarg;
            break;
        case 'f':
            flags |= STORE_COPY_FORCE;
            break;
        case 'p':
            progress.mode = 1;
            break;
        case 'q':
            progress.mode = -1;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    struct err err = {0};
    if (optind < argc || !to || !cli->db) {
        err_set(&err, ERR_USAGE, "usage: suivi backup --db FILE --to BACKUP [--force]");
        return cli_fail(&err);
    }
    if (!(flags & STORE_COPY_FORCE) && access(to, F_OK) == 0) {
        err_set(&err, ERR_USAGE, "%s exists: give --force to replace it", to);
        return cli_fail(&err);
    }
    struct store_copy_info info = {0};
    if (store_backup(cli->db, to, flags, show_progress, &progress, &info, &err))
        return cli_fail(&err);
    if (progress.mode >= 0)
        printf("%s: copied %s (%.1f MiB, schema version %d), checked\n", to, cli_db_shown(cli),
               (double)info.bytes / 1048576.0, info.schema_version);
    return EXIT_OK;
}

/* Writes the restore into the restored database's audit trail. */
static int audit_restore(struct cli *cli, const char *from, const char *kept,
                         const struct store_copy_info *info, struct err *err)
{
    struct store *st;
    int rc = store_open(cli->db, 0, &st, err);
    if (rc)
        return rc;
    char login[80];
    struct core_actor actor;
    core_actor_cli(&actor, login, sizeof login);
    struct buf detail = BUF_INIT;
    buf_printf(&detail,
               "restored from %s (made with schema version %d, now %d); the replaced database is "
               "kept as %s",
               from, info->schema_version, store_schema_version(st), kept[0] ? kept : "(none)");
    if (detail.oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    else
        rc = core_audit_note(st, &actor, "restore", "database", cli_db_shown(cli), buf_str(&detail),
                             err);
    buf_free(&detail);
    store_close(st);
    return rc;
}

int cli_restore(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"db", required_argument, NULL, 'd'},
        {"from", required_argument, NULL, 'f'},
        {NULL, 0, NULL, 0},
    };
    const char *from = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            return cli_help(restore_help);
        case 'd':
            cli->db = optarg;
            break;
        case 'f':
            from = optarg;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    struct err err = {0};
    if (optind < argc || !from || !cli->db) {
        err_set(&err, ERR_USAGE, "usage: suivi restore --from BACKUP --db FILE");
        return cli_fail(&err);
    }
    char kept[4096];
    struct store_copy_info info = {0};
    if (store_restore(from, cli->db, kept, sizeof kept, &info, &err))
        return cli_fail(&err);
    if (audit_restore(cli, from, kept, &info, &err)) {
        err_prefix(&err, "%s restored, but the audit event was not written", cli_db_shown(cli));
        return cli_fail(&err);
    }
    printf("%s: restored from %s (schema version %d)\n", cli_db_shown(cli), from,
           info.schema_version);
    if (kept[0])
        printf("the replaced database is kept as %s\n", kept);
    return EXIT_OK;
}

int cli_check(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"db", required_argument, NULL, 'd'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(check_help);
        if (c == 'd')
            cli->db = optarg;
        else
            return EXIT_USAGE;
    }
    struct store *st;
    int rc = cli_open(cli, 0, &st);
    if (rc)
        return rc;
    struct err err = {0};
    if (store_check(st, &err)) {
        store_close(st);
        err_prefix(&err, "%s", cli_db_shown(cli));
        return cli_fail(&err);
    }
    printf("%s: schema version %d; integrity and full-text indexes are sound\n", cli_db_shown(cli),
           store_schema_version(st));
    store_close(st);
    return EXIT_OK;
}
