/*
 * fuzz_pg_query.c — libFuzzer target for what the PostgreSQL backend makes of outside text
 * before the server sees it: a search-box query (text/query.c) rendered as one tsquery per
 * language (src/store/postgres_fts.c), and a database URL split into libpq's part and our
 * schema (pg_split_url in src/store/postgres.c). The first byte chooses which. Besides crashes,
 * leaks and sanitizer reports it aborts when a promise is broken: a tsquery that is not valid
 * UTF-8, whose quotes or parentheses do not balance, or that holds a quote not doubled inside a
 * lexeme; a schema that is not [a-z_][a-z0-9_]* accepted; a connection string whose query part
 * still carries a "schema=" parameter. No server is needed: nothing is sent.
 * Seeds and past crashes live in tests/fuzz/corpus/fuzz_pg_query/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/postgres_fts.h"
#include "store/postgres_internal.h"
#include "text/fold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

/* Quotes pair up (a doubled quote inside a lexeme stays inside it), and parentheses outside
 * lexemes balance. */
static void check_tsquery(const char *q)
{
    check(text_utf8_check(q, strlen(q), NULL) == 0);
    int depth = 0, quoted = 0;
    for (const char *p = q; *p; p++) {
        if (*p == '\'') {
            if (quoted && p[1] == '\'') {
                p++;
                continue;
            }
            quoted = !quoted;
        } else if (!quoted && *p == '(') {
            depth++;
        } else if (!quoted && *p == ')') {
            check(--depth >= 0);
        } else if (!quoted) {
            check(strchr(" &|!<>-0123456789:*", *p) != NULL);
        }
    }
    check(!quoted && depth == 0);
}

static void fuzz_tsquery(const char *text, size_t len)
{
    struct text_query *query = NULL;
    struct err err = {0};
    if (text_query_parse_n(text, len, &query, &err))
        return;
    struct pg_fts f;
    memset(&f, 0, sizeof f);
    if (pg_fts_prepare(&f, query, &err) == 0) {
        for (int lang = 0; lang < STORE_LANG_COUNT; lang++) {
            const char *param = pg_fts_param(&f, lang);
            if (param)
                check_tsquery(param);
        }
    }
    pg_fts_free(&f);
    text_query_free(query);
}

static void fuzz_url(const char *url)
{
    char conninfo[4096], schema[64];
    struct err err = {0};
    if (pg_split_url(url, conninfo, sizeof conninfo, schema, sizeof schema, &err) != 0)
        return;
    check(schema[0] && !(schema[0] >= '0' && schema[0] <= '9'));
    for (const char *p = schema; *p; p++)
        check((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_');
    /* no "schema=" parameter is left in the query part (before it, it is libpq's to refuse) */
    const char *query = strchr(conninfo, '?');
    check(!query || (strncmp(query, "?schema=", 8) && !strstr(query, "&schema=")));
    check(strstr(conninfo, "application_name=") != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    if (data[0] & 1)
        fuzz_url(text);
    else
        fuzz_tsquery(text, size - 1);
    free(text);
    return 0;
}
