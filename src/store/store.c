/*
 * store.c — the public functions of store.h, store_coop.h and store_hub.h: store_open picks the
 * backend from the URL ("postgresql://..." or "postgres://..." -> PostgreSQL, anything else a
 * SQLite file), and every other call goes through the open store's table (backend.h).
 */
#include "store/backend.h"

#include <string.h>

#include "store/postgres_internal.h"
#include "store/sqlite_internal.h"

static int is_postgres_url(const char *url)
{
    return url && (!strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11));
}

int store_open(const char *url, int flags, struct store **out, struct err *err)
{
    *out = NULL;
    if (is_postgres_url(url))
        return postgres_open(url, flags, out, err);
    return sqlite_open(url, flags, out, err);
}

int store_backup(const char *url, const char *path, int flags, store_copy_progress_cb progress,
                 void *ctx, struct store_copy_info *info, struct err *err)
{
    if (is_postgres_url(url))
        return postgres_backup(url, path, flags, progress, ctx, info, err);
    return sqlite_backup_file(url, path, flags, progress, ctx, info, err);
}

int store_restore(const char *path, const char *url, char *kept, size_t kept_size,
                  struct store_copy_info *info, struct err *err)
{
    if (is_postgres_url(url))
        return postgres_restore(path, url, kept, kept_size, info, err);
    return sqlite_restore_file(path, url, kept, kept_size, info, err);
}

int store_in_use(const char *url, long *pid, struct err *err)
{
    if (pid)
        *pid = 0;
    if (is_postgres_url(url))
        return postgres_in_use(url, pid, err);
    return sqlite_in_use(url, pid, err);
}

#define STORE_OP(R, N, P, A)                                                                       \
    R store_##N(struct store *st, STORE_STRIP P)                                                   \
    {                                                                                              \
        return st->ops->N(st, STORE_STRIP A);                                                      \
    }
#define STORE_OPV(N, P, A)                                                                         \
    void store_##N(struct store *st, STORE_STRIP P)                                                \
    {                                                                                              \
        st->ops->N(st, STORE_STRIP A);                                                             \
    }
#define STORE_OP0(R, N)                                                                            \
    R store_##N(struct store *st)                                                                  \
    {                                                                                              \
        return st->ops->N(st);                                                                     \
    }
#define STORE_OPV0(N)                                                                              \
    void store_##N(struct store *st)                                                               \
    {                                                                                              \
        if (st)                                                                                    \
            st->ops->N(st);                                                                        \
    }
#include "store/store_ops.def"
