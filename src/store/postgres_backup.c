/*
 * postgres_backup.c — store_backup, store_restore and store_in_use for a PostgreSQL tenant
 * schema: pg_dump of the schema in its custom format (one consistent snapshot, taken while the
 * server keeps serving), checked with pg_restore --list under a temporary name and only then
 * renamed; restore puts a dump back with pg_restore in one transaction after renaming the
 * schema it replaces (kept as SCHEMA_before_restore_YYYYMMDDTHHMMSS), opens and checks the
 * result, and puts the old schema back when anything fails. The programs are PostgreSQL's own,
 * of the server's major version when installed (/usr/lib/postgresql/N/bin), else from PATH.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/postgres_internal.h"

/* PostgreSQL's program name of the server's major version, or name itself (found in PATH). */
static void program_path(PGconn *c, const char *name, char *out, size_t size)
{
    int major = PQserverVersion(c) / 10000;
    snprintf(out, size, "/usr/lib/postgresql/%d/bin/%s", major, name);
    if (access(out, X_OK) != 0)
        snprintf(out, size, "%s", name);
}

/* The connection string for a program's command line without its password (others can read
 * a command line), as keyword='value' pairs; the password goes to pw ("" when none), for the
 * program's environment (PGPASSWORD). */
static int conninfo_for_argv(const char *conninfo, char *out, size_t size, char *pw, size_t pw_size,
                             struct err *err)
{
    char *msg = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &msg);
    if (!opts) {
        err_set(err, ERR_USAGE, "database URL: %s", msg ? msg : "out of memory");
        PQfreemem(msg);
        return ERR_USAGE;
    }
    struct buf b = BUF_INIT;
    pw[0] = '\0';
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (!o->val)
            continue;
        if (!strcmp(o->keyword, "password")) {
            snprintf(pw, pw_size, "%s", o->val);
            continue;
        }
        buf_printf(&b, "%s%s='", b.len ? " " : "", o->keyword);
        for (const char *v = o->val; *v; v++) {
            if (*v == '\'' || *v == '\\')
                buf_putc(&b, '\\');
            buf_putc(&b, *v);
        }
        buf_putc(&b, '\'');
    }
    PQconninfoFree(opts);
    int rc = b.oom || b.len >= size ? err_set(err, ERR_USAGE, "database URL too long") : 0;
    if (!rc)
        memcpy(out, buf_str(&b), b.len + 1);
    buf_free(&b);
    return rc;
}

/* Runs argv with PGPASSWORD=pw when pw is not "", its standard output and error into a scratch
 * file whose first line goes to err on failure. */
static int run_program(char *const argv[], const char *pw, const char *doing, struct err *err)
{
    char log[] = "/tmp/suivi-pg-XXXXXX";
    int fd = mkstemp(log);
    if (fd < 0)
        return err_set(err, ERR_IO, "%s: %s", doing, strerror(errno));
    unlink(log);
    pid_t pid = fork();
    if (pid < 0) {
        close(fd);
        return err_set(err, ERR_IO, "%s: %s", doing, strerror(errno));
    }
    if (pid == 0) {
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        if (pw && *pw)
            setenv("PGPASSWORD", pw, 1);
        execvp(argv[0], argv);
        dprintf(fd, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    int rc = 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char msg[300] = "";
        ssize_t n = pread(fd, msg, sizeof msg - 1, 0);
        msg[n > 0 ? n : 0] = '\0';
        msg[strcspn(msg, "\n")] = '\0';
        rc = err_set(err, ERR_STORE, "%s: %s", doing, msg[0] ? msg : "failed");
    }
    close(fd);
    return rc;
}

static int schema_version_of(PGconn *c, const char *schema)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT max(version) FROM \"%s\".suivi_schema", schema);
    PGresult *r = PQexec(c, sql);
    int v = PQresultStatus(r) == PGRES_TUPLES_OK && !PQgetisnull(r, 0, 0)
                ? atoi(PQgetvalue(r, 0, 0))
                : 0;
    PQclear(r);
    return v;
}

int postgres_backup(const char *url, const char *path, int flags, store_copy_progress_cb progress,
                    void *ctx, struct store_copy_info *info, struct err *err)
{
    char conninfo[4096], schema[64], prog[PATH_MAX], tmp[PATH_MAX];
    struct stat sb;
    if (!(flags & STORE_COPY_FORCE) && stat(path, &sb) == 0)
        return err_set(err, ERR_USAGE, "%s exists: give --force to replace it", path);
    PGconn *c = pg_connect_url(url, conninfo, sizeof conninfo, schema, sizeof schema, err);
    if (!c)
        return err->code;
    int version = schema_version_of(c, schema);
    program_path(c, "pg_dump", prog, sizeof prog);
    PQfinish(c);
    if (!version)
        return err_set(err, ERR_USAGE, "%s: no such database", schema);
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.part-%ld", path, (long)getpid()) >= sizeof tmp)
        return err_set(err, ERR_USAGE, "%s: name too long", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600); /* the dump is the owner's only */
    if (fd < 0)
        return err_set(err, ERR_IO, "%s: %s", tmp, strerror(errno));
    close(fd);
    char dbname[4096], pw[256];
    if (conninfo_for_argv(conninfo, dbname, sizeof dbname, pw, sizeof pw, err)) {
        unlink(tmp);
        return err->code;
    }
    char *dump_argv[] = {prog,   "--format=custom", "--no-owner", "--no-privileges", "--schema",
                         schema, "--file",          tmp,          "--dbname",        dbname,
                         NULL};
    if (progress)
        progress(ctx, 0, 1);
    int rc = run_program(dump_argv, pw, "pg_dump", err);
    if (!rc) {
        char lister[PATH_MAX];
        snprintf(lister, sizeof lister, "%s", prog);
        char *slash = strrchr(lister, '/');
        snprintf(slash ? slash + 1 : lister,
                 sizeof lister - (size_t)(slash ? slash + 1 - lister : 0), "pg_restore");
        char *list_argv[] = {lister, "--list", tmp, NULL};
        rc = run_program(list_argv, NULL, "checking the dump", err);
    }
    if (!rc && rename(tmp, path) != 0)
        rc = err_set(err, ERR_IO, "%s: %s", path, strerror(errno));
    if (rc) {
        unlink(tmp);
        return rc;
    }
    if (progress)
        progress(ctx, 1, 1);
    if (info) {
        info->bytes = stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
        info->schema_version = version;
    }
    return 0;
}

int postgres_in_use(const char *url, long *pid, struct err *err)
{
    char conninfo[4096], schema[64], app[80];
    PGconn *c = pg_connect_url(url, conninfo, sizeof conninfo, schema, sizeof schema, err);
    if (!c)
        return err->code;
    snprintf(app, sizeof app, "suivi:%s", schema);
    const char *params[] = {app};
    PGresult *r = PQexecParams(c,
                               "SELECT pid FROM pg_stat_activity WHERE application_name = $1 "
                               "AND datname = current_database() AND pid <> pg_backend_pid() "
                               "LIMIT 1",
                               1, NULL, params, NULL, NULL, 0);
    int rc = 0;
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        rc = err_set(err, ERR_STORE, "schema %s: %s", schema, PQerrorMessage(c));
    else if (PQntuples(r) == 1) {
        rc = 1;
        if (pid)
            *pid = atol(PQgetvalue(r, 0, 0));
    }
    PQclear(r);
    PQfinish(c);
    return rc;
}

static int exec_sql(PGconn *c, const char *sql, const char *doing, struct err *err)
{
    PGresult *r = PQexec(c, sql);
    int rc = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK
                 ? 0
                 : err_set(err, ERR_STORE, "%s: %s", doing, PQerrorMessage(c));
    PQclear(r);
    return rc;
}

static int schema_exists(PGconn *c, const char *schema)
{
    const char *params[] = {schema};
    PGresult *r = PQexecParams(c, "SELECT 1 FROM pg_namespace WHERE nspname = $1", 1, NULL, params,
                               NULL, NULL, 0);
    int yes = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    PQclear(r);
    return yes;
}

/* Whether the dump at path holds the tables of schema (pg_restore --list names each object's
 * schema). */
static int dump_holds_schema(const char *lister, const char *path, const char *schema,
                             struct err *err)
{
    char cmd[PATH_MAX * 2 + 32];
    snprintf(cmd, sizeof cmd, "'%s' --list '%s' 2>/dev/null", lister, path);
    if (strchr(path, '\'') || strchr(lister, '\''))
        return err_set(err, ERR_USAGE, "%s: a name with a quote is not supported", path);
    FILE *f = popen(cmd, "r");
    if (!f)
        return err_set(err, ERR_IO, "%s: %s", path, strerror(errno));
    char line[1024], want[96];
    snprintf(want, sizeof want, " TABLE %s suivi_schema ", schema);
    int found = 0, tables = 0;
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, " TABLE ") && !strstr(line, "TABLE DATA"))
            tables++;
        if (strstr(line, want))
            found = 1;
    }
    int status = pclose(f);
    if (status != 0 || !tables)
        return err_set(err, ERR_INPUT,
                       "%s: not a suivi PostgreSQL backup (pg_restore --list "
                       "cannot read it)",
                       path);
    if (!found)
        return err_set(err, ERR_INPUT, "%s: the backup holds another schema than \"%s\"", path,
                       schema);
    return 0;
}

int postgres_restore(const char *path, const char *url, char *kept, size_t kept_size,
                     struct store_copy_info *info, struct err *err)
{
    char conninfo[4096], schema[64], lister[PATH_MAX], sql[400], old[64] = "";
    if (kept_size)
        kept[0] = '\0';
    if (access(path, R_OK) != 0)
        return err_set(err, ERR_NOTFOUND, "%s: %s", path, strerror(errno));
    if (pg_split_url(url, conninfo, sizeof conninfo, schema, sizeof schema, err))
        return err->code;
    long pid = 0;
    int rc = postgres_in_use(url, &pid, err); /* before connecting: ours would count */
    if (rc < 0)
        return rc;
    if (rc > 0)
        return err_set(err, ERR_DENIED, "schema %s is open in process %ld: not restored", schema,
                       pid);
    PGconn *c = pg_connect_url(url, conninfo, sizeof conninfo, schema, sizeof schema, err);
    if (!c)
        return err->code;
    program_path(c, "pg_restore", lister, sizeof lister);
    char dbname[4096], pw[256];
    if ((rc = conninfo_for_argv(conninfo, dbname, sizeof dbname, pw, sizeof pw, err)) ||
        (rc = dump_holds_schema(lister, path, schema, err)))
        goto done;
    if (schema_exists(c, schema)) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        char stamp[24];
        strftime(stamp, sizeof stamp, "%Y%m%dt%H%M%S", &tm);
        snprintf(old, sizeof old, "%.*s_before_restore_%s", 63 - 16 - (int)strlen(stamp), schema,
                 stamp);
        snprintf(sql, sizeof sql, "ALTER SCHEMA \"%s\" RENAME TO \"%s\"", schema, old);
        if ((rc = exec_sql(c, sql, "keeping the replaced schema", err)))
            goto done;
    }
    /* Objects of the dump refer to public.unaccent (full-text search). */
    exec_sql(c, "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public", "unaccent", NULL);
    char *restore_argv[] = {lister,
                            "--no-owner",
                            "--no-privileges",
                            "--exit-on-error",
                            "--single-transaction",
                            "--dbname",
                            dbname,
                            (char *)path,
                            NULL};
    rc = run_program(restore_argv, pw, "pg_restore", err);
    if (!rc) {
        struct store *st = NULL;
        rc = postgres_open(url, 0, &st, err);
        if (!rc) {
            if (info)
                info->schema_version = schema_version_of(c, schema);
            rc = store_check(st, err);
        }
        store_close(st);
        if (rc) {
            char msg[256];
            snprintf(msg, sizeof msg, "%s", err->msg);
            rc = err_set(err, rc == ERR_VERSION ? ERR_VERSION : ERR_INPUT, "%s: not restored: %s",
                         path, msg);
        }
    }
    if (rc) { /* put back what was there */
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS \"%s\" CASCADE", schema);
        exec_sql(c, sql, "removing the failed restore", NULL);
        if (old[0]) {
            snprintf(sql, sizeof sql, "ALTER SCHEMA \"%s\" RENAME TO \"%s\"", old, schema);
            exec_sql(c, sql, "putting the replaced schema back", NULL);
        }
        goto done;
    }
    if (old[0] && kept_size)
        snprintf(kept, kept_size, "schema %s", old);
    if (info) {
        struct stat sb;
        info->bytes = stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
    }
done:
    PQfinish(c);
    return rc;
}
