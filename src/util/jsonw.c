/*
 * jsonw.c — JSON writer (see jsonw.h).
 */
#include "util/jsonw.h"

#include <math.h>

void jsonw_init(struct jsonw *w, struct buf *out)
{
    w->out = out;
    w->depth = 0;
    w->count[0] = 0;
    w->after_key = 0;
}

/* Writes the comma that separates this value from the previous one at its level. */
static void before_value(struct jsonw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->count[w->depth]++)
        buf_putc(w->out, ',');
}

static void open_level(struct jsonw *w, char c)
{
    before_value(w);
    buf_putc(w->out, c);
    if (w->depth + 1 < JSONW_MAX_DEPTH) {
        w->count[++w->depth] = 0;
        w->closer[w->depth] = c == '{' ? '}' : ']';
    } else
        w->out->oom = 1; /* too deep: mark the output unusable rather than write bad JSON */
}

void jsonw_object(struct jsonw *w)
{
    open_level(w, '{');
}

void jsonw_array(struct jsonw *w)
{
    open_level(w, '[');
}

void jsonw_end(struct jsonw *w)
{
    if (w->depth == 0) {
        w->out->oom = 1; /* unbalanced: mark the output unusable */
        return;
    }
    buf_putc(w->out, w->closer[w->depth--]);
}

void jsonw_key(struct jsonw *w, const char *key)
{
    before_value(w);
    buf_put_json_string(w->out, key);
    buf_putc(w->out, ':');
    w->after_key = 1;
}

void jsonw_string(struct jsonw *w, const char *s)
{
    before_value(w);
    if (s)
        buf_put_json_string(w->out, s);
    else
        buf_puts(w->out, "null");
}

void jsonw_int(struct jsonw *w, long v)
{
    before_value(w);
    buf_printf(w->out, "%ld", v);
}

void jsonw_double(struct jsonw *w, double v)
{
    before_value(w);
    if (isfinite(v))
        buf_printf(w->out, "%.6g", v);
    else
        buf_puts(w->out, "null");
}

void jsonw_bool(struct jsonw *w, int v)
{
    before_value(w);
    buf_puts(w->out, v ? "true" : "false");
}

void jsonw_null(struct jsonw *w)
{
    before_value(w);
    buf_puts(w->out, "null");
}

void jsonw_raw(struct jsonw *w, const char *json)
{
    before_value(w);
    buf_puts(w->out, json && *json ? json : "null");
}

void jsonw_kv_string(struct jsonw *w, const char *key, const char *s)
{
    jsonw_key(w, key);
    jsonw_string(w, s);
}

void jsonw_kv_int(struct jsonw *w, const char *key, long v)
{
    jsonw_key(w, key);
    jsonw_int(w, v);
}
