/*
 * fuzz_query.c — libFuzzer target for the search-box parser and its FTS5 rendering
 * (src/text/query.c). The input is the query, NUL bytes and bad UTF-8 included. Besides crashes
 * and sanitizer reports it aborts when a promise of query.h is broken: an error that is not
 * ERR_INPUT with a "query: " message and a NULL tree, a tree of the wrong shape (AND/OR with
 * fewer than 2 kids, NOT without exactly 2, a leaf without text or without a letter or digit,
 * deeper than the limits allow), or a rendering that is not valid UTF-8 or whose quotes and
 * parentheses do not balance. The NUL-terminated entry point must agree with the sized one.
 * Seeds and past crashes live in tests/fuzz/corpus/fuzz_query/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/fold.h"
#include "text/query.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

static int has_word_char(const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = text_utf8_decode(text + i, len - i, &cp);
        check(n > 0);
        if (text_char_class_of(cp) == TEXT_CHAR_WORD)
            return 1;
        i += (size_t)n;
    }
    return 0;
}

/* Checks the node and returns the number of leaves under it. */
static size_t check_tree(const struct text_query *node, int depth)
{
    check(depth <= TEXT_QUERY_MAX_ITEMS + 2 * TEXT_QUERY_MAX_DEPTH + 2);
    check(node->column >= 1);
    switch (node->kind) {
    case TEXT_Q_TERM:
    case TEXT_Q_PREFIX:
    case TEXT_Q_PHRASE:
        check(node->text != NULL && node->nkids == 0 && node->kids == NULL);
        check(strlen(node->text) == node->len && node->len > 0);
        check(text_utf8_check(node->text, node->len, NULL) == 0);
        check(has_word_char(node->text, node->len));
        if (node->kind != TEXT_Q_PHRASE)
            check(!strchr(node->text, '*') && !strchr(node->text, '"'));
        return 1;
    case TEXT_Q_AND:
    case TEXT_Q_OR:
    case TEXT_Q_NOT:
        break;
    default:
        check(0);
    }
    check(node->text == NULL);
    check(node->kind == TEXT_Q_NOT ? node->nkids == 2 : node->nkids >= 2);
    size_t leaves = 0;
    for (size_t i = 0; i < node->nkids; i++)
        leaves += check_tree(node->kids[i], depth + 1);
    return leaves;
}

/* Quotes pair up and, outside them, parentheses balance. */
static void check_rendering(const struct buf *out)
{
    check(out->len > 0 && text_utf8_check(out->data, out->len, NULL) == 0);
    int in_string = 0;
    long open = 0;
    for (size_t i = 0; i < out->len; i++) {
        char c = out->data[i];
        if (c == '"')
            in_string = !in_string; /* a doubled "" toggles twice */
        else if (!in_string && c == '(')
            open++;
        else if (!in_string && c == ')')
            check(--open >= 0);
    }
    check(!in_string && open == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *q = (const char *)data;
    struct text_query *query = (struct text_query *)&query;
    struct err err = {0};
    int rc = text_query_parse_n(q, size, &query, &err);

    /* The NUL-terminated entry point sees the query up to its first NUL. */
    char *copy = malloc(size + 1);
    check(copy != NULL);
    memcpy(copy, data, size);
    copy[size] = '\0';
    struct text_query *again = NULL;
    struct err err_again = {0};
    int rc_again = text_query_parse(copy, &again, &err_again);
    if (!memchr(data, '\0', size))
        check(rc == rc_again && strcmp(err.msg, err_again.msg) == 0);

    if (rc) {
        check(rc == ERR_INPUT && err.code == ERR_INPUT && query == NULL);
        check(strncmp(err.msg, "query: ", 7) == 0);
    } else {
        check(query != NULL);
        check(check_tree(query, 0) <= TEXT_QUERY_MAX_ITEMS);
        struct buf out = BUF_INIT;
        check(text_query_to_fts5(query, &out) == 0);
        check_rendering(&out);
        if (again) {
            struct buf out_again = BUF_INIT;
            check(text_query_to_fts5(again, &out_again) == 0);
            if (!memchr(data, '\0', size))
                check(strcmp(buf_str(&out), buf_str(&out_again)) == 0);
            buf_free(&out_again);
        }
        buf_free(&out);
    }
    text_query_free(query);
    text_query_free(again);
    free(copy);
    return 0;
}
