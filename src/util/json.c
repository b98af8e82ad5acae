/*
 * json.c — JSON reading through jansson (see json.h), and base64 for bytes carried in JSON.
 * The only file of suivi that includes jansson.h: a value handle is a json_t pointer in
 * disguise, so walking a document allocates nothing.
 */
#include "util/json.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

struct jsonr_doc {
    json_t *root;
};

static const json_t *J(const struct jsonr *v)
{
    return (const json_t *)v;
}

static const struct jsonr *R(const json_t *v)
{
    return (const struct jsonr *)v;
}

int jsonr_parse(const char *text, size_t n, const char *name, struct jsonr_doc **out,
                struct err *err)
{
    *out = NULL;
    json_error_t e;
    json_t *root = json_loadb(text, n, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
    if (!root)
        return err_set(err, ERR_INPUT, "%s: line %d, column %d: %s", name, e.line, e.column,
                       e.text);
    struct jsonr_doc *doc = malloc(sizeof *doc);
    if (!doc) {
        json_decref(root);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    doc->root = root;
    *out = doc;
    return 0;
}

void jsonr_free(struct jsonr_doc *doc)
{
    if (!doc)
        return;
    json_decref(doc->root);
    free(doc);
}

const struct jsonr *jsonr_root(const struct jsonr_doc *doc)
{
    return R(doc->root);
}

enum jsonr_type jsonr_type(const struct jsonr *v)
{
    switch (json_typeof(J(v))) {
    case JSON_OBJECT:
        return JSONR_OBJECT;
    case JSON_ARRAY:
        return JSONR_ARRAY;
    case JSON_STRING:
        return JSONR_STRING;
    case JSON_INTEGER:
        return JSONR_INT;
    case JSON_REAL:
        return JSONR_REAL;
    case JSON_TRUE:
    case JSON_FALSE:
        return JSONR_BOOL;
    case JSON_NULL:
    default:
        return JSONR_NULL;
    }
}

const char *jsonr_type_name(enum jsonr_type t)
{
    static const char *const names[] = {"null",     "a boolean", "an integer", "a number",
                                        "a string", "an array",  "an object"};
    return t <= JSONR_OBJECT ? names[t] : "a value";
}

const struct jsonr *jsonr_get(const struct jsonr *v, const char *name)
{
    return v && json_is_object(J(v)) ? R(json_object_get(J(v), name)) : NULL;
}

size_t jsonr_size(const struct jsonr *v)
{
    if (v && json_is_object(J(v)))
        return json_object_size(J(v));
    if (v && json_is_array(J(v)))
        return json_array_size(J(v));
    return 0;
}

const struct jsonr *jsonr_at(const struct jsonr *v, size_t i)
{
    return v && json_is_array(J(v)) ? R(json_array_get(J(v), i)) : NULL;
}

int jsonr_each_member(const struct jsonr *v, jsonr_member_cb cb, void *ctx)
{
    if (!v || !json_is_object(J(v)))
        return 0;
    const char *key;
    json_t *value;
    /* jansson's iterator takes a non-const object; iterating does not change it */
    json_t *obj = (json_t *)(uintptr_t)J(v);
    json_object_foreach(obj, key, value)
    {
        int rc = cb(ctx, key, R(value));
        if (rc)
            return rc;
    }
    return 0;
}

const char *jsonr_string(const struct jsonr *v, size_t *len)
{
    if (!v || !json_is_string(J(v)))
        return NULL;
    if (len)
        *len = json_string_length(J(v));
    return json_string_value(J(v));
}

int jsonr_long(const struct jsonr *v, long *out)
{
    if (!v || !json_is_integer(J(v)))
        return 0;
    json_int_t i = json_integer_value(J(v));
    if (i < (json_int_t)LONG_MIN || i > (json_int_t)LONG_MAX)
        return 0;
    *out = (long)i;
    return 1;
}

int jsonr_double(const struct jsonr *v, double *out)
{
    if (!v || !json_is_number(J(v)))
        return 0;
    *out = json_number_value(J(v));
    return 1;
}

int jsonr_bool(const struct jsonr *v, int *out)
{
    if (!v || !json_is_boolean(J(v)))
        return 0;
    *out = json_is_true(J(v));
    return 1;
}

/* ---- base64 ------------------------------------------------------------------------------ */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int json_base64_encode(const void *bytes, size_t n, struct buf *out)
{
    const unsigned char *p = bytes;
    if (buf_reserve(out, (n + 2) / 3 * 4 + 1))
        return ERR_NOMEM;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        char q[4] = {b64[(v >> 18) & 63], b64[(v >> 12) & 63], i + 1 < n ? b64[(v >> 6) & 63] : '=',
                     i + 2 < n ? b64[v & 63] : '='};
        buf_append(out, q, 4);
    }
    return out->oom ? ERR_NOMEM : 0;
}

static int b64_value(char c)
{
    const char *at = c ? strchr(b64, c) : NULL;
    return at ? (int)(at - b64) : -1;
}

int json_base64_decode(const char *text, size_t n, struct buf *out)
{
    if (n % 4)
        return ERR_INPUT;
    for (size_t i = 0; i < n; i += 4) {
        int last = i + 4 == n;
        int pad = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
        if (pad == 1 && text[i + 2] == '=')
            return ERR_INPUT; /* "x=y=" */
        int v[4];
        for (int k = 0; k < 4 - pad; k++)
            if ((v[k] = b64_value(text[i + k])) < 0)
                return ERR_INPUT;
        for (int k = 4 - pad; k < 4; k++)
            v[k] = 0;
        uint32_t w =
            (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)v[2] << 6 | (uint32_t)v[3];
        unsigned char q[3] = {(unsigned char)(w >> 16), (unsigned char)(w >> 8), (unsigned char)w};
        if ((pad == 2 && (w & 0xffff)) || (pad == 1 && (w & 0xff)))
            return ERR_INPUT; /* non-zero bits in the padding: not canonical */
        if (buf_append(out, q, (size_t)(3 - pad)))
            return ERR_NOMEM;
    }
    return out->oom ? ERR_NOMEM : 0;
}
