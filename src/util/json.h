/*
 * json.h — reading JSON documents: the one wrapper around jansson (only json.c includes
 * jansson.h). A document is parsed whole; its values are borrowed handles valid until
 * jsonr_free. Readers that must name where a value sits (bundle imports, request bodies) walk
 * the tree with these getters and keep the path themselves. Writing JSON is util/jsonw.h.
 */
#ifndef SUIVI_UTIL_JSON_H
#define SUIVI_UTIL_JSON_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

struct jsonr_doc;
struct jsonr; /* one value inside a document */

enum jsonr_type {
    JSONR_NULL,
    JSONR_BOOL,
    JSONR_INT,
    JSONR_REAL,
    JSONR_STRING,
    JSONR_ARRAY,
    JSONR_OBJECT
};

/* Parses text[0..n) as one JSON value (duplicate keys in an object are refused). name (a file
 * name, "request body") starts the message of ERR_INPUT: "NAME: line L, column C: what".
 * On success *out is owned by the caller (jsonr_free). */
int jsonr_parse(const char *text, size_t n, const char *name, struct jsonr_doc **out,
                struct err *err) SUIVI_MUST_CHECK;
void jsonr_free(struct jsonr_doc *doc);
const struct jsonr *jsonr_root(const struct jsonr_doc *doc);

enum jsonr_type jsonr_type(const struct jsonr *v);
/* "null", "a boolean", "an integer", "a number", "a string", "an array", "an object". */
const char *jsonr_type_name(enum jsonr_type t);

/* The member name of object v, or NULL when absent or v is not an object. */
const struct jsonr *jsonr_get(const struct jsonr *v, const char *name);
/* Number of members (object) or elements (array); 0 for anything else. */
size_t jsonr_size(const struct jsonr *v);
/* Element i of array v (NULL past the end or when v is not an array). */
const struct jsonr *jsonr_at(const struct jsonr *v, size_t i);
/* Calls cb for each member of object v in the document's order; stops at the first non-zero. */
typedef int (*jsonr_member_cb)(void *ctx, const char *name, const struct jsonr *value);
int jsonr_each_member(const struct jsonr *v, jsonr_member_cb cb, void *ctx);

/* The string (NULL unless v is a string); its length in bytes through *len when not NULL. */
const char *jsonr_string(const struct jsonr *v, size_t *len);
/* 1 and *out when v is an integer that fits a long, else 0. */
int jsonr_long(const struct jsonr *v, long *out);
/* 1 and *out when v is a number (integer or real), else 0. */
int jsonr_double(const struct jsonr *v, double *out);
/* 1 and *out (0/1) when v is true or false, else 0. */
int jsonr_bool(const struct jsonr *v, int *out);

/* Base64 (RFC 4648, with padding) for binary content carried in JSON strings. */
int json_base64_encode(const void *bytes, size_t n, struct buf *out) SUIVI_MUST_CHECK;
/* ERR_INPUT when text is not canonical padded base64. */
int json_base64_decode(const char *text, size_t n, struct buf *out) SUIVI_MUST_CHECK;

#endif
