/*
 * sqlite_backup.c — the SQLite backend's operations on whole databases (store.h, "operations"):
 * copying a live database to a file with SQLite's online backup API, checking the copy under a
 * temporary name before it gets its own, replacing a database with a checked copy while keeping
 * the one replaced, and telling whether another process has a database open. The copy holds one
 * read transaction from start to end: that pins one snapshot, so writers on other connections
 * carry on (WAL) and the copy is never restarted by their commits.
 */
#include "store/sqlite_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
    COPY_PAGES_PER_STEP = 1024, /* 4 MiB at the default page size, between progress reports */
    COPY_BUSY_RETRIES = 500,    /* times 20 ms */
};

/* The file behind a url ("sqlite:PATH" or PATH); NULL with err set for other backends. */
static const char *file_of(const char *url, struct err *err)
{
    if (!strncmp(url, "sqlite:", 7))
        return url + 7;
    if (!strncmp(url, "postgresql:", 11) || !strncmp(url, "postgres:", 9)) {
        err_set(err, ERR_USAGE, "%s: PostgreSQL is not supported by this build yet", url);
        return NULL;
    }
    return url;
}

static int name_with(char *out, size_t size, const char *path, const char *suffix, struct err *err)
{
    if ((size_t)snprintf(out, size, "%s%s", path, suffix) >= size)
        return err_set(err, ERR_USAGE, "%s: file name too long", path);
    return 0;
}

/* Removes the journal, WAL and index that SQLite keeps beside path: left beside a name that
 * is given a new file, they would be applied to it. */
static void remove_sidecars(const char *path)
{
    static const char *const suffix[] = {"-journal", "-wal", "-shm"};
    char name[PATH_MAX];
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++)
        if (!name_with(name, sizeof name, path, suffix[i], NULL))
            unlink(name);
}

static void remove_with_sidecars(const char *path)
{
    unlink(path);
    remove_sidecars(path);
}

static int file_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* fsync of a file, or of the directory that holds path (dir_of). */
static int sync_file(const char *path, int dir_of, struct err *err)
{
    char dir[PATH_MAX];
    if (dir_of) {
        const char *slash = strrchr(path, '/');
        if (!slash)
            snprintf(dir, sizeof dir, ".");
        else if (slash == path)
            snprintf(dir, sizeof dir, "/");
        else
            snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
        path = dir;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | (dir_of ? O_DIRECTORY : 0));
    if (fd < 0)
        return err_set(err, ERR_IO, "%s: %s", path, strerror(errno));
    int rc = fsync(fd) ? err_set(err, ERR_IO, "%s: cannot sync: %s", path, strerror(errno)) : 0;
    close(fd);
    return rc;
}

/* Creates path, empty and readable by its owner only (a copy holds password hashes), as a
 * scratch file beside the file shown in messages. */
static int create_private(const char *path, const char *shown, struct err *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return err_set(err, ERR_IO, "%s: cannot create a file beside it: %s", shown,
                       strerror(errno));
    close(fd);
    return 0;
}

/* Creates the scratch file PATH.KIND-PID (written to tmp) with create_private, first removing
 * what a previous run of this process id may have left under that name. */
static int create_scratch(char *tmp, size_t size, const char *path, const char *kind,
                          struct err *err)
{
    char suffix[32];
    snprintf(suffix, sizeof suffix, ".%s-%ld", kind, (long)getpid());
    int rc = name_with(tmp, size, path, suffix, err);
    if (rc)
        return rc;
    remove_with_sidecars(tmp);
    return create_private(tmp, path, err);
}

static int sqlite_error(int code, const char *file, const char *msg, struct err *err)
{
    int primary = code & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        return err_set(err, ERR_INPUT, "%s: damaged, or not a database: %s", file, msg);
    return err_set(err, ERR_STORE, "%s: %s", file, msg);
}

static int read_int_pragma(sqlite3 *db, const char *sql, const char *file, int *out,
                           struct err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return sqlite_error(sqlite3_extended_errcode(db), file, sqlite3_errmsg(db), err);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return sqlite_error(rc, file, sqlite3_errmsg(db), err);
    return 0;
}

/* One backup step after another; progress after each. */
static int copy_pages(sqlite3_backup *b, long long page_size, store_copy_progress_cb progress,
                      void *ctx, const char *from, struct err *err)
{
    for (int busy = 0;;) {
        int rc = sqlite3_backup_step(b, COPY_PAGES_PER_STEP);
        long long total = sqlite3_backup_pagecount(b);
        if (progress)
            progress(ctx, (total - sqlite3_backup_remaining(b)) * page_size, total * page_size);
        if (rc == SQLITE_DONE)
            return 0;
        if (rc == SQLITE_OK)
            continue;
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && busy++ < COPY_BUSY_RETRIES) {
            sqlite3_sleep(20);
            continue;
        }
        return sqlite_error(rc, from, sqlite3_errstr(rc), err);
    }
}

/* Copies the database file from into the empty file to, as one snapshot of from. to ends up
 * one file by itself (rollback journal, not WAL), whatever the mode of from. */
static int copy_database(const char *from, const char *to, store_copy_progress_cb progress,
                         void *ctx, struct store_copy_info *info, struct err *err)
{
    sqlite3 *src = NULL, *dst = NULL;
    sqlite3_backup *b = NULL;
    int rc = 0, reading = 0, version = 0, page_size = 0;
    /* Read-write only so that, closing last, it tidies the -wal and -shm files away as every
     * other command does (a read-only connection leaves them); it writes nothing. */
    if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        rc = err_set(err, ERR_IO, "%s: cannot open: %s", from,
                     src ? sqlite3_errmsg(src) : "out of memory");
        goto out;
    }
    sqlite3_extended_result_codes(src, 1);
    sqlite3_busy_timeout(src, 5000);
    if (sqlite3_exec(src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        rc = sqlite_error(sqlite3_extended_errcode(src), from, sqlite3_errmsg(src), err);
        goto out;
    }
    reading = 1;
    /* The first read starts the transaction that pins the snapshot. */
    if ((rc = read_int_pragma(src, "PRAGMA user_version", from, &version, err)) ||
        (rc = read_int_pragma(src, "PRAGMA page_size", from, &page_size, err)))
        goto out;
    if (sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        rc = err_set(err, ERR_IO, "%s: cannot open: %s", to,
                     dst ? sqlite3_errmsg(dst) : "out of memory");
        goto out;
    }
    if (!(b = sqlite3_backup_init(dst, "main", src, "main"))) {
        rc = err_set(err, ERR_STORE, "%s: cannot start the copy: %s", to, sqlite3_errmsg(dst));
        goto out;
    }
    rc = copy_pages(b, page_size, progress, ctx, from, err);
    int finish = sqlite3_backup_finish(b);
    b = NULL;
    if (rc)
        goto out;
    if (finish != SQLITE_OK) {
        rc = sqlite_error(finish, to, sqlite3_errmsg(dst), err);
        goto out;
    }
    if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
        rc = sqlite_error(sqlite3_extended_errcode(dst), to, sqlite3_errmsg(dst), err);
        goto out;
    }
    if (info)
        info->schema_version = version;
out:
    if (b)
        sqlite3_backup_finish(b);
    if (reading)
        sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(dst);
    sqlite3_close(src);
    return rc;
}

/* store_check on a copy as it is, without migrating it (a copy keeps the schema it was made
 * with). The connection is the backend's own struct sqlite_store, opened by hand; errors name
 * shown, the name the copy is made for. */
static int check_copy(const char *path, const char *shown, struct err *err)
{
    struct sqlite_store *st = calloc(1, sizeof *st);
    if (!st)
        return err_set(err, ERR_NOMEM, "out of memory");
    int rc;
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        rc = err_set(err, ERR_IO, "%s: cannot open: %s", path,
                     st->db ? sqlite3_errmsg(st->db) : "out of memory");
        goto out;
    }
    sqlite3_extended_result_codes(st->db, 1);
    if ((rc = sqlite_fts_register(st->db, err)) || (rc = sqlite_check(st, err)))
        goto out;
out:
    sqlite_close(st);
    if (rc)
        err_prefix(err, "%s: the copy fails its check", shown);
    return rc;
}

/* Gives the checked copy tmp its name. Without replace, an existing path is refused even if it
 * appeared during the copy (link fails on it; rename would not). */
static int publish(const char *tmp, const char *path, int replace, struct err *err)
{
    if (replace) {
        remove_sidecars(path);
        if (rename(tmp, path))
            return err_set(err, ERR_IO, "%s: %s", path, strerror(errno));
        return 0;
    }
    if (link(tmp, path) == 0) {
        unlink(tmp);
    } else if (errno == EEXIST) {
        return err_set(err, ERR_USAGE, "%s already exists", path);
    } else { /* a file system without hard links: the check just made is all there is */
        if (file_exists(path))
            return err_set(err, ERR_USAGE, "%s already exists", path);
        if (rename(tmp, path))
            return err_set(err, ERR_IO, "%s: %s", path, strerror(errno));
    }
    remove_sidecars(path);
    return 0;
}

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

int sqlite_backup_file(const char *url, const char *path, int flags,
                       store_copy_progress_cb progress, void *ctx, struct store_copy_info *info,
                       struct err *err)
{
    const char *from = file_of(url, err);
    if (!from)
        return ERR_USAGE;
    struct stat st_from, st_to;
    if (stat(from, &st_from))
        return err_set(err, ERR_NOTFOUND, "%s: %s", from, strerror(errno));
    int exists = stat(path, &st_to) == 0;
    if (exists && same_file(&st_from, &st_to))
        return err_set(err, ERR_USAGE, "%s is the database itself", path);
    if (exists && !(flags & STORE_COPY_FORCE))
        return err_set(err, ERR_USAGE, "%s already exists", path);
    long pid = 0;
    int rc = exists ? sqlite_in_use(path, &pid, err) : 0;
    if (rc < 0)
        return rc;
    if (rc)
        return err_set(err, ERR_DENIED, "%s is open in process %ld: not replaced", path, pid);
    char tmp[PATH_MAX];
    if ((rc = create_scratch(tmp, sizeof tmp, path, "tmp", err)))
        return rc;
    if (!(rc = copy_database(from, tmp, progress, ctx, info, err)) &&
        !(rc = check_copy(tmp, path, err)) && !(rc = sync_file(tmp, 0, err)) &&
        !(rc = publish(tmp, path, flags & STORE_COPY_FORCE, err)))
        rc = sync_file(path, 1, err);
    if (rc) {
        remove_with_sidecars(tmp);
        return rc;
    }
    if (info && stat(path, &st_to) == 0)
        info->bytes = (long long)st_to.st_size;
    return 0;
}

/* ---- restore ----------------------------------------------------------------------------- */

/* Rewrites err as "BACKUP: not restored: WHAT", WHAT without the leading "NAME: " of the file
 * the message was about (the scratch copy or the backup). */
static int not_restored(int rc, const char *about, const char *backup, struct err *err)
{
    char msg[sizeof err->msg];
    size_t n = strlen(about);
    const char *m = err->msg;
    while (!strncmp(m, about, n) && !strncmp(m + n, ": ", 2))
        m += n + 2;
    snprintf(msg, sizeof msg, "%s", m);
    int code = rc == ERR_VERSION || rc == ERR_NOMEM || rc == ERR_IO ? rc : ERR_INPUT;
    return err_set(err, code, "%s: not restored: %s", backup, msg);
}

/* Opens the scratch copy tmp of backup as every command would (migrating an older schema,
 * refusing a newer one) and checks it. */
static int open_and_check(const char *tmp, const char *backup, struct err *err)
{
    struct store *st = NULL;
    int rc = sqlite_open(tmp, 0, &st, err);
    if (!rc)
        rc = store_check(st, err);
    store_close(st);
    return rc ? not_restored(rc, tmp, backup, err) : 0;
}

/* Folds a write-ahead log left beside db (by a process that stopped without closing) into the
 * file, so that the file is the whole database by itself. Returns 1 when a -wal is still there
 * afterwards (the database is damaged, or the folding was refused): the caller keeps it. */
static int fold_wal(const char *db)
{
    char wal[PATH_MAX];
    if (name_with(wal, sizeof wal, db, "-wal", NULL) || !file_exists(wal))
        return 0;
    sqlite3 *h = NULL;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
        sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    sqlite3_close(h);
    return file_exists(wal);
}

/* Moves db's -wal, which fold_wal could not fold, to kept's: SQLite finds a log by the name of
 * its database, so the kept database keeps what its log holds. */
static int keep_wal(const char *db, const char *kept, struct err *err)
{
    char wal[PATH_MAX], kept_wal[PATH_MAX];
    int rc = name_with(wal, sizeof wal, db, "-wal", err);
    if (!rc)
        rc = name_with(kept_wal, sizeof kept_wal, kept, "-wal", err);
    if (!rc && rename(wal, kept_wal))
        rc = err_set(err, ERR_IO, "%s: cannot keep it as %s: %s", wal, kept_wal, strerror(errno));
    return rc;
}

/* Gives db a second name, DB.before-restore-STAMP[-N], written to kept. */
static int keep_replaced(const char *db, char *kept, size_t size, struct err *err)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    char name[PATH_MAX];
    for (int n = 1; n < 100; n++) {
        int len = n == 1 ? snprintf(name, sizeof name, "%s.before-restore-%s", db, stamp)
                         : snprintf(name, sizeof name, "%s.before-restore-%s-%d", db, stamp, n);
        if (len < 0 || (size_t)len >= sizeof name || (size_t)len >= size)
            return err_set(err, ERR_USAGE, "%s: file name too long", db);
        if (link(db, name) == 0) {
            snprintf(kept, size, "%s", name);
            return 0;
        }
        if (errno == EEXIST)
            continue;
        /* No hard links on this file system: the database has no name until the rename of
         * the restored copy, a moment later. */
        if (!file_exists(name) && rename(db, name) == 0) {
            snprintf(kept, size, "%s", name);
            return 0;
        }
        return err_set(err, ERR_IO, "%s: cannot keep it as %s: %s", db, name, strerror(errno));
    }
    return err_set(err, ERR_IO, "%s: too many databases kept from restores this second", db);
}

int sqlite_restore_file(const char *path, const char *url, char *kept, size_t kept_size,
                        struct store_copy_info *info, struct err *err)
{
    if (kept_size)
        kept[0] = '\0';
    const char *db = file_of(url, err);
    if (!db)
        return ERR_USAGE;
    struct stat st_backup, st_db;
    if (stat(path, &st_backup))
        return err_set(err, ERR_NOTFOUND, "%s: %s", path, strerror(errno));
    int exists = stat(db, &st_db) == 0;
    if (exists && same_file(&st_backup, &st_db))
        return err_set(err, ERR_USAGE, "%s is the database itself", path);
    long pid = 0;
    int rc = sqlite_in_use(url, &pid, err);
    if (rc < 0)
        return rc;
    if (rc)
        return err_set(err, ERR_DENIED,
                       "%s is open in process %ld (a server or another command): stop it, then "
                       "restore",
                       db, pid);
    char tmp[PATH_MAX];
    if ((rc = create_scratch(tmp, sizeof tmp, db, "restore", err)))
        return rc;
    if ((rc = copy_database(path, tmp, NULL, NULL, info, err))) {
        rc = not_restored(rc, path, path, err);
        goto fail;
    }
    if ((rc = open_and_check(tmp, path, err)))
        goto fail;
    if (exists) {
        /* The restored database belongs to whoever owned the one it replaces (the service's
         * user, when root restores); best effort when we may not give files away. */
        if (chown(tmp, st_db.st_uid, st_db.st_gid) && errno != EPERM) {
            rc = err_set(err, ERR_IO, "%s: %s", tmp, strerror(errno));
            goto fail;
        }
        if (chmod(tmp, st_db.st_mode & 07777)) {
            rc = err_set(err, ERR_IO, "%s: %s", tmp, strerror(errno));
            goto fail;
        }
    }
    if ((rc = sync_file(tmp, 0, err)))
        goto fail;
    /* Again, now that the copy is checked: a server may have started meanwhile. */
    if ((rc = sqlite_in_use(url, &pid, err)) > 0)
        rc = err_set(err, ERR_DENIED, "%s is open in process %ld: not restored", db, pid);
    if (rc)
        goto fail;
    if (exists) {
        int unfolded = fold_wal(db);
        if ((rc = keep_replaced(db, kept, kept_size, err)) ||
            (unfolded && (rc = keep_wal(db, kept, err))))
            goto fail;
    }
    remove_sidecars(db);
    if (rename(tmp, db)) {
        rc = err_set(err, ERR_IO, "%s: %s", db, strerror(errno));
        if (kept_size && kept[0] && !file_exists(db) && rename(kept, db) == 0)
            kept[0] = '\0';
        goto fail;
    }
    return sync_file(db, 1, err);
fail:
    remove_with_sidecars(tmp);
    return rc;
}

/* ---- who has the database open ------------------------------------------------------------ */

/* 1 when another process holds a lock that a write lock on [start, start+len) of path would
 * conflict with (*pid set), 0 when none or when path does not exist. */
static int lock_holder(const char *path, off_t start, off_t len, long *pid, struct err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : err_set(err, ERR_IO, "%s: %s", path, strerror(errno));
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = len};
    int rc = fcntl(fd, F_GETLK, &fl);
    int saved = errno;
    close(fd);
    if (rc)
        return err_set(err, ERR_IO, "%s: cannot test its locks: %s", path, strerror(saved));
    if (fl.l_type == F_UNLCK)
        return 0;
    if (pid)
        *pid = (long)fl.l_pid;
    return 1;
}

int sqlite_in_use(const char *url, long *pid, struct err *err)
{
    if (pid)
        *pid = 0;
    const char *db = file_of(url, err);
    if (!db)
        return ERR_USAGE;
    /* SQLite's unix locking (sqlite.org/walformat.html, lockingv3.html): in WAL mode every open
     * connection holds a read lock on the "DMS" byte, 128, of the -shm file for as long as it
     * is open; in rollback-journal mode connections lock bytes from 1 GiB (the pending byte,
     * the reserved byte and 510 shared bytes) while in a transaction. */
    char shm[PATH_MAX];
    int rc = name_with(shm, sizeof shm, db, "-shm", err);
    if (!rc)
        rc = lock_holder(shm, 128, 1, pid, err);
    if (!rc)
        rc = lock_holder(db, 0x40000000, 512, pid, err);
    return rc;
}
