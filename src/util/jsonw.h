/*
 * jsonw.h — writing JSON into a struct buf with the commas and nesting kept right by the
 * writer, not by each caller. Strings are escaped (util/buf's JSON string writer); numbers are
 * printed in the C locale. Errors (out of memory) stick in the buffer's oom flag.
 */
#ifndef SUIVI_JSONW_H
#define SUIVI_JSONW_H

#include "util/buf.h"

enum { JSONW_MAX_DEPTH = 32 };

struct jsonw {
    struct buf *out;
    int depth;
    int count[JSONW_MAX_DEPTH];   /* values written at each level, for commas */
    char closer[JSONW_MAX_DEPTH]; /* '}' or ']' for each open level */
    int after_key;
};

void jsonw_init(struct jsonw *w, struct buf *out);
void jsonw_object(struct jsonw *w);
void jsonw_array(struct jsonw *w);
void jsonw_end(struct jsonw *w); /* closes the innermost object or array */
void jsonw_key(struct jsonw *w, const char *key);
void jsonw_string(struct jsonw *w, const char *s); /* NULL writes null */
void jsonw_int(struct jsonw *w, long v);
void jsonw_double(struct jsonw *w, double v);
void jsonw_bool(struct jsonw *w, int v);
void jsonw_null(struct jsonw *w);
/* Inserts text that is already JSON (e.g. a stored JSON object). */
void jsonw_raw(struct jsonw *w, const char *json);

/* Shorthands for "key": value. */
void jsonw_kv_string(struct jsonw *w, const char *key, const char *s);
void jsonw_kv_int(struct jsonw *w, const char *key, long v);

#endif
