/*
 * json_in.h — reading JSON request bodies (through util/json.h, the jansson wrapper). A parsed
 * body is an object whose string, integer and boolean members can be read by name.
 */
#ifndef SUIVI_WEB_JSON_IN_H
#define SUIVI_WEB_JSON_IN_H

#include <stddef.h>

#include "util/err.h"

struct json_in;

/* Parses text[0..n) as one JSON object. ERR_INPUT with line and column when it is not. */
int json_in_parse(const char *text, size_t n, struct json_in **out,
                  struct err *err) SUIVI_MUST_CHECK;
void json_in_free(struct json_in *j);

/* A string member, or NULL when absent, null or not a string. Valid until json_in_free. */
const char *json_in_string(const struct json_in *j, const char *name);
/* 1 and *out when the member is an integer (or a boolean: 0/1), else 0. */
int json_in_int(const struct json_in *j, const char *name, long *out);
/* 1 when the member is present (even null). */
int json_in_has(const struct json_in *j, const char *name);

#endif
