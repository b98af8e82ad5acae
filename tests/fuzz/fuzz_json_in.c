/*
 * fuzz_json_in.c — libFuzzer target for the reader of JSON request bodies (src/web/json_in.c,
 * what POST /api/v1/session and the user API parse). The input is the body; when it parses,
 * every member name the API reads is looked up as string, integer and presence. Besides crashes
 * and sanitizer reports it aborts when a promise of json_in.h is broken: an error other than
 * ERR_INPUT/ERR_NOMEM or without a message, a NULL document on success, a string member that
 * json_in_has denies, or an integer read from an absent member. (The JSON bundle reader has
 * its own target, fuzz_bundle.) Seeds: tests/fuzz/corpus/fuzz_json_in/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "web/json_in.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"login",       "password", "name", "role",
                                        "institution", "active",   "",     "login\x01"};
    struct json_in *j = NULL;
    struct err err = {0};
    int rc = json_in_parse((const char *)data, size, &j, &err);
    if (rc) {
        check((rc == ERR_INPUT || rc == ERR_NOMEM) && err.msg[0] != '\0');
        return 0;
    }
    check(j != NULL);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int has = json_in_has(j, names[i]);
        const char *s = json_in_string(j, names[i]);
        long v = 0;
        int is_int = json_in_int(j, names[i], &v);
        check(has == 0 || has == 1);
        check(!s || has);
        check(!is_int || has);
        check(!(s && is_int));
    }
    json_in_free(j);
    return 0;
}
