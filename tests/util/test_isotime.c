/*
 * test_isotime.c — tests of the one conversion of times between milliseconds since the epoch and
 * UTC ISO-8601 text with milliseconds (src/util/isotime.c), which the clock and both store
 * backends share: the text it writes, the fallback for years it cannot write, times before the
 * epoch, and reading back text with and without milliseconds or that is not a time.
 */
#include "test.h"

#include "util/isotime.h"

static void test_a_time_is_written_as_utc_text_with_milliseconds(void **state)
{
    (void)state;
    char text[ISOTIME_SIZE];
    isotime_format(1714555800123, text);
    assert_string_equal(text, "2024-05-01T09:30:00.123Z");
    isotime_format(0, text);
    assert_string_equal(text, "1970-01-01T00:00:00.000Z");
    isotime_format(-1, text); /* one millisecond before the epoch */
    assert_string_equal(text, "1969-12-31T23:59:59.999Z");
}

static void test_a_year_past_9999_is_written_as_zeros(void **state)
{
    (void)state;
    char text[ISOTIME_SIZE];
    isotime_format(INT64_C(253402300800000), text); /* 10000-01-01T00:00:00Z */
    assert_string_equal(text, "0000-00-00T00:00:00.000Z");
}

static void test_text_reads_back_with_or_without_milliseconds(void **state)
{
    (void)state;
    char text[ISOTIME_SIZE];
    const int64_t times[] = {1714555800123, 0, -1, 1, 951782400000 /* 2000-02-29 */};
    for (size_t i = 0; i < sizeof times / sizeof *times; i++) {
        isotime_format(times[i], text);
        assert_true(isotime_parse(text) == times[i]);
    }
    assert_true(isotime_parse("2024-05-01T09:30:00Z") == 1714555800000);
    assert_true(isotime_parse("2024-05-01T09:30:00.5Z") ==
                1714555800005); /* digits, not a fraction */
}

static void test_null_or_text_that_is_not_a_time_reads_as_zero(void **state)
{
    (void)state;
    assert_true(isotime_parse(NULL) == 0);
    assert_true(isotime_parse("") == 0);
    assert_true(isotime_parse("2024-05-01") == 0);
    assert_true(isotime_parse("yesterday") == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_time_is_written_as_utc_text_with_milliseconds),
        cmocka_unit_test(test_a_year_past_9999_is_written_as_zeros),
        cmocka_unit_test(test_text_reads_back_with_or_without_milliseconds),
        cmocka_unit_test(test_null_or_text_that_is_not_a_time_reads_as_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
