/*
 * test_query.c — the search-box parser and its FTS5 rendering (src/text/query.c): precedence,
 * phrases, prefixes, the tree handed to the store, every error message a person can see, and
 * hostile input (deep nesting, NUL bytes, bad UTF-8, FTS5 syntax typed as words).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "text/query.h"
#include "util/buf.h"

/* The FTS5 rendering of q, or "ERR " and the error message, in a static buffer. */
static const char *fts5_n(const char *q, size_t n)
{
    static char result[8192];
    struct text_query *query = (struct text_query *)&query; /* must be overwritten */
    struct err err = {0};
    struct buf out = BUF_INIT;
    int rc = text_query_parse_n(q, n, &query, &err);
    if (rc) {
        assert_int_equal(rc, ERR_INPUT);
        assert_int_equal(err.code, ERR_INPUT);
        assert_null(query);
        assert_int_equal(buf_printf(&out, "ERR %s", err.msg), 0);
    } else {
        assert_non_null(query);
        assert_int_equal(text_query_to_fts5(query, &out), 0);
        text_query_free(query);
    }
    assert_true(out.len < sizeof result);
    memcpy(result, buf_str(&out), out.len + 1);
    buf_free(&out);
    return result;
}

static const char *fts5(const char *q)
{
    return fts5_n(q, strlen(q));
}

static struct text_query *parse_ok(const char *q)
{
    struct text_query *query = NULL;
    struct err err = {0};
    assert_int_equal(text_query_parse(q, &query, &err), 0);
    assert_non_null(query);
    return query;
}

static void test_single_word_is_quoted(void **state)
{
    (void)state;
    assert_string_equal(fts5("rights"), "\"rights\"");
    assert_string_equal(fts5("  droits\t"), "\"droits\"");
}

static void test_adjacent_words_are_joined_by_and(void **state)
{
    (void)state;
    assert_string_equal(fts5("violence against women"),
                        "\"violence\" AND \"against\" AND \"women\"");
}

static void test_brief_example_renders_with_needed_brackets(void **state)
{
    (void)state;
    assert_string_equal(fts5("rights AND (childr* OR women)"),
                        "\"rights\" AND (\"childr\" * OR \"women\")");
}

static void test_not_binds_tighter_than_and_tighter_than_or(void **state)
{
    (void)state;
    /* a OR (b AND (c NOT d)): no bracket needed in FTS5, which has the same precedence. */
    assert_string_equal(fts5("a OR b c NOT d"), "\"a\" OR \"b\" AND \"c\" NOT \"d\"");
    struct text_query *q = parse_ok("a OR b c NOT d");
    assert_int_equal(q->kind, TEXT_Q_OR);
    assert_int_equal(q->nkids, 2);
    assert_int_equal(q->kids[1]->kind, TEXT_Q_AND);
    assert_int_equal(q->kids[1]->kids[1]->kind, TEXT_Q_NOT);
    assert_string_equal(q->kids[1]->kids[1]->kids[0]->text, "c");
    assert_string_equal(q->kids[1]->kids[1]->kids[1]->text, "d");
    text_query_free(q);
}

static void test_operators_are_left_associative(void **state)
{
    (void)state;
    assert_string_equal(fts5("a NOT b NOT c"), "\"a\" NOT \"b\" NOT \"c\"");
    assert_string_equal(fts5("a NOT (b NOT c)"), "\"a\" NOT (\"b\" NOT \"c\")");
    assert_string_equal(fts5("(a OR b) NOT c"), "(\"a\" OR \"b\") NOT \"c\"");
    assert_string_equal(fts5("(a OR b) (c OR d)"), "(\"a\" OR \"b\") AND (\"c\" OR \"d\")");
    assert_string_equal(fts5("((a))"), "\"a\"");
}

static void test_lowercase_operators_are_ordinary_words(void **state)
{
    (void)state;
    assert_string_equal(fts5("women and children or not"),
                        "\"women\" AND \"and\" AND \"children\" AND \"or\" AND \"not\"");
    assert_string_equal(fts5("ANDROID ORGAN NOTE"), "\"ANDROID\" AND \"ORGAN\" AND \"NOTE\"");
}

static void test_phrases_keep_their_text_with_any_quotes(void **state)
{
    (void)state;
    assert_string_equal(fts5("\"child rights\" droits"), "\"child rights\" AND \"droits\"");
    assert_string_equal(fts5("“droits de l’homme”"), "\"droits de l’homme\"");
    assert_string_equal(fts5("« peuples autochtones »"), "\" peuples autochtones \"");
    assert_string_equal(fts5("“a\""), "\"a\"");    /* a curly opening closed by ASCII */
    assert_string_equal(fts5("\"a*\""), "\"a*\""); /* no prefix inside a phrase */
}

static void test_fts5_syntax_typed_by_the_user_is_only_text(void **state)
{
    (void)state;
    assert_string_equal(fts5("body:rights"), "\"body:rights\"");
    assert_string_equal(fts5("NEAR(a b)"), "\"NEAR\" AND (\"a\" AND \"b\")");
    assert_string_equal(fts5("^start a+b {x}"), "\"^start\" AND \"a+b\" AND \"{x}\"");
}

static void test_embedded_double_quote_is_doubled(void **state)
{
    (void)state;
    /* The parser never produces one (quotes delimit phrases); the renderer must cope anyway. */
    struct text_query term = {.kind = TEXT_Q_TERM, .text = "say \"no\"", .len = 8};
    struct buf out = BUF_INIT;
    assert_int_equal(text_query_to_fts5(&term, &out), 0);
    assert_string_equal(buf_str(&out), "\"say \"\"no\"\"\"");
    buf_free(&out);
}

static void test_to_fts5_appends(void **state)
{
    (void)state;
    struct text_query *q = parse_ok("droits");
    struct buf out = BUF_INIT;
    assert_int_equal(buf_puts(&out, "body MATCH "), 0);
    assert_int_equal(text_query_to_fts5(q, &out), 0);
    assert_string_equal(buf_str(&out), "body MATCH \"droits\"");
    buf_free(&out);
    text_query_free(q);
}

static void test_tree_keeps_words_as_typed_with_columns(void **state)
{
    (void)state;
    struct text_query *q = parse_ok("Égalité “Droits des femmes” éduc*");
    assert_int_equal(q->kind, TEXT_Q_AND);
    assert_int_equal(q->nkids, 3);
    assert_int_equal(q->column, 1);
    assert_int_equal(q->kids[0]->kind, TEXT_Q_TERM);
    assert_string_equal(q->kids[0]->text, "Égalité");
    assert_int_equal(q->kids[0]->len, strlen("Égalité"));
    assert_null(q->kids[0]->kids);
    assert_int_equal(q->kids[1]->kind, TEXT_Q_PHRASE);
    assert_string_equal(q->kids[1]->text, "Droits des femmes");
    assert_int_equal(q->kids[1]->column, 9); /* characters, not bytes */
    assert_int_equal(q->kids[2]->kind, TEXT_Q_PREFIX);
    assert_string_equal(q->kids[2]->text, "éduc");
    assert_int_equal(q->kids[2]->column, 29);
    text_query_free(q);
}

static void test_items_without_letters_or_digits_are_dropped(void **state)
{
    (void)state;
    assert_string_equal(fts5("women – rights"), "\"women\" AND \"rights\"");
    assert_string_equal(fts5("women AND - AND rights"), "\"women\" AND \"rights\"");
    assert_string_equal(fts5("a NOT &"), "\"a\"");
    assert_string_equal(fts5("x (- OR \"  \") y"), "\"x\" AND \"y\"");
    assert_string_equal(fts5("- NOT a b"), "\"b\"");
}

static void test_empty_queries_are_rejected(void **state)
{
    (void)state;
    assert_string_equal(fts5(""), "ERR query: empty query");
    assert_string_equal(fts5(" \t\n\xC2\xA0"), "ERR query: empty query");
    assert_string_equal(fts5("- \"\""), "ERR query: nothing to search for: no letter or digit");
}

static void test_misplaced_operators_are_reported_with_column(void **state)
{
    (void)state;
    assert_string_equal(fts5("NOT children"),
                        "ERR query: column 1: NOT needs a word on its left: write 'rights NOT "
                        "children', not 'NOT children'");
    assert_string_equal(fts5("NOT"), "ERR query: column 1: NOT needs a word on its left: write "
                                     "'rights NOT children', not 'NOT children'");
    assert_string_equal(fts5("rights (NOT a)"),
                        "ERR query: column 9: NOT needs a word on its left: write 'rights NOT "
                        "children', not 'NOT children'");
    assert_string_equal(fts5("OR women"), "ERR query: column 1: OR needs a word on its left");
    assert_string_equal(fts5("rights NOT"), "ERR query: column 11: expected a word, phrase or "
                                            "'(' after NOT, found the end of the query");
    assert_string_equal(fts5("rights AND AND women"),
                        "ERR query: column 12: expected a word, phrase or '(' after AND, found "
                        "AND");
    assert_string_equal(fts5("a OR )"),
                        "ERR query: column 6: expected a word, phrase or '(' after OR, found ')'");
}

static void test_unbalanced_parentheses_are_reported_with_column(void **state)
{
    (void)state;
    assert_string_equal(fts5("rights (women"),
                        "ERR query: column 8: unbalanced parenthesis: this '(' is never closed");
    assert_string_equal(fts5("rights women)"),
                        "ERR query: column 13: unbalanced parenthesis: ')' without '('");
    assert_string_equal(fts5(")"), "ERR query: column 1: unbalanced parenthesis: ')' without '('");
    assert_string_equal(fts5("a ( ) b"),
                        "ERR query: column 3: empty parentheses: write a word between them");
}

static void test_unbalanced_quotes_are_reported_with_column(void **state)
{
    (void)state;
    assert_string_equal(fts5("droits \"de l'homme"),
                        "ERR query: column 8: unbalanced quote: this quote is never closed");
    assert_string_equal(fts5("« droits"),
                        "ERR query: column 1: unbalanced quote: this quote is never closed");
    assert_string_equal(fts5("droits »"), "ERR query: column 8: unbalanced quote: closing quote "
                                          "without an opening one");
}

static void test_star_must_end_a_word(void **state)
{
    (void)state;
    assert_string_equal(fts5("*"), "ERR query: column 1: '*' must follow a word, as in educat*");
    assert_string_equal(fts5("a *"), "ERR query: column 3: '*' must follow a word, as in educat*");
    assert_string_equal(fts5("\"child rights\"*"),
                        "ERR query: column 15: '*' must follow a word, as in educat*");
    assert_string_equal(fts5("ed*uc"), "ERR query: column 3: '*' may only end a word, as in "
                                       "educat*");
    assert_string_equal(fts5("educ**"), "ERR query: column 5: '*' may only end a word, as in "
                                        "educat*");
}

static void test_nul_byte_and_invalid_utf8_are_rejected_with_column(void **state)
{
    (void)state;
    assert_string_equal(fts5_n("droits\0x", 8), "ERR query: column 7: NUL byte in the query");
    assert_string_equal(fts5("é caf\xE9"), "ERR query: column 6: invalid UTF-8");
    assert_string_equal(fts5("\xED\xA0\x80"), "ERR query: column 1: invalid UTF-8");
}

/* "(((…a…)))" with depth (at most 10000) parentheses on each side, in a static buffer. */
static const char *nested(int depth)
{
    static char q[2 * 10000 + 2];
    assert_true(depth <= 10000);
    memset(q, '(', (size_t)depth);
    q[depth] = 'a';
    memset(q + depth + 1, ')', (size_t)depth);
    q[2 * depth + 1] = '\0';
    return q;
}

static void test_nesting_is_limited_to_max_depth(void **state)
{
    (void)state;
    assert_string_equal(fts5(nested(TEXT_QUERY_MAX_DEPTH)), "\"a\"");
    assert_string_equal(fts5(nested(TEXT_QUERY_MAX_DEPTH + 1)),
                        "ERR query: column 13: parentheses nested too deep (at most 12 levels)");
}

static void test_ten_thousand_open_parentheses_fail_cleanly(void **state)
{
    (void)state;
    char q[10001];
    memset(q, '(', sizeof q - 1);
    q[sizeof q - 1] = '\0';
    assert_string_equal(fts5(q),
                        "ERR query: column 13: parentheses nested too deep (at most 12 levels)");
    assert_string_equal(fts5(nested(10000)),
                        "ERR query: column 13: parentheses nested too deep (at most 12 levels)");
}

static void test_item_count_is_limited(void **state)
{
    (void)state;
    struct buf q = BUF_INIT;
    for (int i = 0; i < TEXT_QUERY_MAX_ITEMS; i++)
        assert_int_equal(buf_puts(&q, i ? " NOT w" : "w"), 0);
    const char *rendered = fts5(buf_str(&q));
    assert_memory_equal(rendered, "\"w\" NOT \"w\" NOT", 15);
    assert_int_equal(buf_puts(&q, " x"), 0);
    assert_string_equal(fts5(buf_str(&q)),
                        "ERR query: column 765: too many words and phrases (at most 128)");
    buf_free(&q);
}

static void test_free_accepts_null(void **state)
{
    (void)state;
    text_query_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_word_is_quoted),
        cmocka_unit_test(test_adjacent_words_are_joined_by_and),
        cmocka_unit_test(test_brief_example_renders_with_needed_brackets),
        cmocka_unit_test(test_not_binds_tighter_than_and_tighter_than_or),
        cmocka_unit_test(test_operators_are_left_associative),
        cmocka_unit_test(test_lowercase_operators_are_ordinary_words),
        cmocka_unit_test(test_phrases_keep_their_text_with_any_quotes),
        cmocka_unit_test(test_fts5_syntax_typed_by_the_user_is_only_text),
        cmocka_unit_test(test_embedded_double_quote_is_doubled),
        cmocka_unit_test(test_to_fts5_appends),
        cmocka_unit_test(test_tree_keeps_words_as_typed_with_columns),
        cmocka_unit_test(test_items_without_letters_or_digits_are_dropped),
        cmocka_unit_test(test_empty_queries_are_rejected),
        cmocka_unit_test(test_misplaced_operators_are_reported_with_column),
        cmocka_unit_test(test_unbalanced_parentheses_are_reported_with_column),
        cmocka_unit_test(test_unbalanced_quotes_are_reported_with_column),
        cmocka_unit_test(test_star_must_end_a_word),
        cmocka_unit_test(test_nul_byte_and_invalid_utf8_are_rejected_with_column),
        cmocka_unit_test(test_nesting_is_limited_to_max_depth),
        cmocka_unit_test(test_ten_thousand_open_parentheses_fail_cleanly),
        cmocka_unit_test(test_item_count_is_limited),
        cmocka_unit_test(test_free_accepts_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
