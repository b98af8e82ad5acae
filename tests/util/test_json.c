/*
 * test_json.c — tests of the JSON reader and base64 (src/util/json.c, the one file that includes
 * jansson.h): values by type, members in order, duplicate keys and bad text refused with line
 * and column, integers that do not fit a long, and base64 that round-trips every length and
 * refuses what is not canonical.
 */
#include "test.h"

#include "util/json.h"

static struct jsonr_doc *parse(const char *text)
{
    struct jsonr_doc *doc = NULL;
    struct err err = {0};
    if (jsonr_parse(text, strlen(text), "t.json", &doc, &err))
        fail_msg("%s", err.msg);
    return doc;
}

static void test_values_are_read_by_type(void **state)
{
    (void)state;
    struct jsonr_doc *doc =
        parse("{\"s\":\"é\",\"i\":-12,\"r\":0.5,\"t\":true,\"n\":null,\"a\":[1,\"x\"],\"o\":{}}");
    const struct jsonr *root = jsonr_root(doc);
    assert_int_equal(jsonr_type(root), JSONR_OBJECT);
    assert_int_equal(jsonr_size(root), 7);
    size_t len = 0;
    assert_string_equal(jsonr_string(jsonr_get(root, "s"), &len), "é");
    assert_int_equal(len, 2);
    long l = 0;
    double d = 0;
    int b = 0;
    assert_int_equal(jsonr_long(jsonr_get(root, "i"), &l), 1);
    assert_int_equal(l, -12);
    assert_int_equal(jsonr_long(jsonr_get(root, "r"), &l), 0); /* a real is not an integer */
    assert_int_equal(jsonr_double(jsonr_get(root, "r"), &d), 1);
    assert_true(d == 0.5);
    assert_int_equal(jsonr_double(jsonr_get(root, "i"), &d), 1); /* an integer is a number */
    assert_true(d == -12);
    assert_int_equal(jsonr_bool(jsonr_get(root, "t"), &b), 1);
    assert_int_equal(b, 1);
    assert_int_equal(jsonr_type(jsonr_get(root, "n")), JSONR_NULL);
    assert_null(jsonr_get(root, "absent"));
    assert_null(jsonr_string(jsonr_get(root, "i"), NULL));
    const struct jsonr *a = jsonr_get(root, "a");
    assert_int_equal(jsonr_size(a), 2);
    assert_string_equal(jsonr_string(jsonr_at(a, 1), NULL), "x");
    assert_null(jsonr_at(a, 2));
    assert_null(jsonr_get(a, "s")); /* an array has no members */
    assert_string_equal(jsonr_type_name(jsonr_type(jsonr_get(root, "o"))), "an object");
    jsonr_free(doc);
}

static int collect(void *ctx, const char *name, const struct jsonr *value)
{
    (void)value;
    struct buf *b = ctx;
    buf_puts(b, name);
    return !strcmp(name, "stop") ? 7 : 0;
}

static void test_members_come_in_document_order_and_a_callback_stops_them(void **state)
{
    (void)state;
    struct jsonr_doc *doc = parse("{\"z\":1,\"a\":2,\"m\":3,\"stop\":4,\"after\":5}");
    struct buf b = BUF_INIT;
    assert_int_equal(jsonr_each_member(jsonr_root(doc), collect, &b), 7);
    assert_string_equal(buf_str(&b), "zamstop");
    buf_free(&b);
    jsonr_free(doc);
}

static void test_bad_text_is_refused_with_line_and_column(void **state)
{
    (void)state;
    static const char *const bad[] = {"{\"a\":1,\"a\":2}", "{\"a\":",  "{\"a\" 1}", "[1,]",
                                      "\"\\u0000\"",       "\"\xff\"", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct jsonr_doc *doc = NULL;
        struct err err = {0};
        assert_int_equal(jsonr_parse(bad[i], strlen(bad[i]), "t.json", &doc, &err), ERR_INPUT);
        assert_null(doc);
        if (strncmp(err.msg, "t.json: line ", 13))
            fail_msg("%s: %s", bad[i], err.msg);
    }
}

static void test_an_integer_beyond_a_long_is_not_a_long(void **state)
{
    (void)state;
    struct jsonr_doc *doc = parse("[9223372036854775807, 1e3]");
    long l = 0;
    assert_int_equal(jsonr_long(jsonr_at(jsonr_root(doc), 0), &l), sizeof(long) >= 8);
    assert_int_equal(jsonr_long(jsonr_at(jsonr_root(doc), 1), &l), 0);
    jsonr_free(doc);
}

static void test_base64_round_trips_every_length(void **state)
{
    (void)state;
    unsigned char bytes[64];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (unsigned char)(i * 37 + 11);
    for (size_t n = 0; n <= sizeof bytes; n++) {
        struct buf enc = BUF_INIT, dec = BUF_INIT;
        assert_int_equal(json_base64_encode(bytes, n, &enc), 0);
        assert_int_equal(enc.len, (n + 2) / 3 * 4);
        assert_int_equal(json_base64_decode(enc.data ? enc.data : "", enc.len, &dec), 0);
        assert_int_equal(dec.len, n);
        if (n)
            assert_memory_equal(dec.data, bytes, n);
        buf_free(&enc);
        buf_free(&dec);
    }
    struct buf b = BUF_INIT;
    assert_int_equal(json_base64_encode("foobar", 6, &b), 0);
    assert_string_equal(buf_str(&b), "Zm9vYmFy");
    buf_reset(&b);
    assert_int_equal(json_base64_encode("fo", 2, &b), 0);
    assert_string_equal(buf_str(&b), "Zm8=");
    buf_free(&b);
}

static void test_base64_refuses_what_is_not_canonical(void **state)
{
    (void)state;
    static const char *const bad[] = {"Zm8",  "Zm9=", "Z===", "Zm=8",    "Zm8*",
                                      "Zg=A", "Zh==", "=Zm8", "Zm8=Zm8="};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct buf b = BUF_INIT;
        if (json_base64_decode(bad[i], strlen(bad[i]), &b) != ERR_INPUT)
            fail_msg("\"%s\" was accepted", bad[i]);
        buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_are_read_by_type),
        cmocka_unit_test(test_members_come_in_document_order_and_a_callback_stops_them),
        cmocka_unit_test(test_bad_text_is_refused_with_line_and_column),
        cmocka_unit_test(test_an_integer_beyond_a_long_is_not_a_long),
        cmocka_unit_test(test_base64_round_trips_every_length),
        cmocka_unit_test(test_base64_refuses_what_is_not_canonical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
