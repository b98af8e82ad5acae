/*
 * file.c — whole-file reads (see file.h).
 */
#include "util/file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int file_read_all(const char *path, size_t max, struct buf *out, struct err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, ERR_IO, "%s: %s", path, strerror(errno));
    char chunk[65536];
    size_t n, total = 0;
    int rc = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        total += n;
        if (total > max) {
            rc = err_set(err, ERR_INPUT, "%s: larger than %zu bytes", path, max);
            break;
        }
        if (buf_append(out, chunk, n)) {
            rc = err_set(err, ERR_NOMEM, "%s: out of memory", path);
            break;
        }
    }
    if (!rc && ferror(f))
        rc = err_set(err, ERR_IO, "%s: read error", path);
    fclose(f);
    return rc;
}
