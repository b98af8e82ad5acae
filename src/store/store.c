/*
 * store.c — the public functions of store.h, store_coop.h and store_hub.h: store_open picks the
 * backend from the URL ("postgresql://..." or "postgres://..." -> PostgreSQL, anything else a
 * SQLite file), and every other call goes through the open store's table (backend.h).
 */
#include "store/backend.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"

#include "store/postgres_internal.h"
#include "store/sqlite_internal.h"

static int is_postgres_url(const char *url)
{
    return url && (!strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11));
}

void store_url_shown(const char *url, char *out, size_t size)
{
    if (!size)
        return;
    if (!is_postgres_url(url)) {
        snprintf(out, size, "%s", url);
        return;
    }
    struct buf b = BUF_INIT;
    const char *auth = strstr(url, "://") + 3;
    const char *end = auth + strcspn(auth, "/?");
    const char *at = memchr(auth, '@', (size_t)(end - auth));
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (colon) { /* user:password@ */
        buf_append(&b, url, (size_t)(colon - url));
        buf_puts(&b, ":***");
        url = at;
    }
    const char *q = strchr(url, '?');
    buf_append(&b, url, q ? (size_t)(q - url) : strlen(url));
    for (const char *p = q; p && *p;) { /* parameters, "password=" masked */
        size_t len = strcspn(p + 1, "&");
        buf_putc(&b, *p);
        if (!strncmp(p + 1, "password=", 9))
            buf_puts(&b, "password=***");
        else
            buf_append(&b, p + 1, len);
        p = p[1 + len] ? p + 1 + len : NULL;
    }
    snprintf(out, size, "%s", b.oom ? "postgresql://..." : buf_str(&b));
    buf_free(&b);
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
