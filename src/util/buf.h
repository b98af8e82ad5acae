/*
 * buf.h — the growable byte buffer every module uses to build text (Redis's sds habit).
 *
 * A struct buf owns its bytes; data is always NUL-terminated so it can be passed as a C string.
 * Appends that fail to allocate leave the buffer as it was and return ERR_NOMEM; a buffer that
 * once failed stays marked (oom) so long chains can be checked once at the end.
 */
#ifndef SUIVI_BUF_H
#define SUIVI_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util/err.h"

struct buf {
    char *data; /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
    int oom; /* set once an append failed */
};

#define BUF_INIT                                                                                   \
    {                                                                                              \
        0                                                                                          \
    }

/* Ensures room for extra more bytes plus the terminator. */
int buf_reserve(struct buf *b, size_t extra) SUIVI_MUST_CHECK;
int buf_append(struct buf *b, const void *bytes, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* Appends s as a JSON string literal, quotes included. s must be valid UTF-8. */
int buf_put_json_string(struct buf *b, const char *s);

/* Empties the buffer, keeping its memory. */
void buf_reset(struct buf *b);

/* Hands the bytes to the caller (free() them) and leaves b empty. Never NULL unless oom. */
char *buf_detach(struct buf *b);

/* The bytes as a C string; "" when nothing was appended. */
const char *buf_str(const struct buf *b);

void buf_free(struct buf *b);

#endif
