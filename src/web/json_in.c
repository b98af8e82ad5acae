/*
 * json_in.c — JSON request bodies (see json_in.h), read through util/json.h: the jansson
 * wrapper lives one layer down so that importers can read JSON too.
 */
#include "web/json_in.h"

#include <stdlib.h>

#include "util/json.h"

struct json_in {
    struct jsonr_doc *doc;
    const struct jsonr *root; /* an object */
};

int json_in_parse(const char *text, size_t n, struct json_in **out, struct err *err)
{
    *out = NULL;
    struct jsonr_doc *doc;
    int rc = jsonr_parse(text, n, "request body", &doc, err);
    if (rc)
        return rc;
    if (jsonr_type(jsonr_root(doc)) != JSONR_OBJECT) {
        jsonr_free(doc);
        return err_set(err, ERR_INPUT, "request body: expected a JSON object");
    }
    struct json_in *j = malloc(sizeof *j);
    if (!j) {
        jsonr_free(doc);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    j->doc = doc;
    j->root = jsonr_root(doc);
    *out = j;
    return 0;
}

void json_in_free(struct json_in *j)
{
    if (!j)
        return;
    jsonr_free(j->doc);
    free(j);
}

const char *json_in_string(const struct json_in *j, const char *name)
{
    return jsonr_string(jsonr_get(j->root, name), NULL);
}

int json_in_int(const struct json_in *j, const char *name, long *out)
{
    const struct jsonr *v = jsonr_get(j->root, name);
    int b;
    if (jsonr_long(v, out))
        return 1;
    if (jsonr_bool(v, &b)) {
        *out = b;
        return 1;
    }
    return 0;
}

int json_in_has(const struct json_in *j, const char *name)
{
    return jsonr_get(j->root, name) != NULL;
}
