/*
 * json_in.c — JSON request bodies through jansson (see json_in.h).
 */
#include "web/json_in.h"

#include <stdlib.h>

#include <jansson.h>

struct json_in {
    json_t *root;
};

int json_in_parse(const char *text, size_t n, struct json_in **out, struct err *err)
{
    *out = NULL;
    json_error_t e;
    json_t *root = json_loadb(text, n, JSON_REJECT_DUPLICATES, &e);
    if (!root)
        return err_set(err, ERR_INPUT, "request body: line %d, column %d: %s", e.line, e.column,
                       e.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return err_set(err, ERR_INPUT, "request body: expected a JSON object");
    }
    struct json_in *j = malloc(sizeof *j);
    if (!j) {
        json_decref(root);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    j->root = root;
    *out = j;
    return 0;
}

void json_in_free(struct json_in *j)
{
    if (!j)
        return;
    json_decref(j->root);
    free(j);
}

const char *json_in_string(const struct json_in *j, const char *name)
{
    json_t *v = json_object_get(j->root, name);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

int json_in_int(const struct json_in *j, const char *name, long *out)
{
    json_t *v = json_object_get(j->root, name);
    if (json_is_integer(v)) {
        *out = (long)json_integer_value(v);
        return 1;
    }
    if (json_is_boolean(v)) {
        *out = json_is_true(v);
        return 1;
    }
    return 0;
}

int json_in_has(const struct json_in *j, const char *name)
{
    return json_object_get(j->root, name) != NULL;
}
