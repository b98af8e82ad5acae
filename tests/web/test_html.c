/*
 * test_html.c — web/html.c: hostile strings escaped in text and attributes, URLs that would run
 * script refused by html_href, percent-encoding, invalid UTF-8 and control characters replaced by
 * U+FFFD, snippet marks, and the html_printf template (every directive, and the slips it refuses).
 */
#include "test.h"

#include "web/html.h"

#define FFFD "\xEF\xBF\xBD"

/* Runs f(b, in) on a fresh buffer and compares the result with want. */
static void expect(int (*f)(struct buf *, const char *), const char *in, const char *want)
{
    struct buf b = BUF_INIT;
    assert_int_equal(f(&b, in), 0);
    if (strcmp(buf_str(&b), want) != 0)
        fail_msg("input \"%s\": got \"%s\", want \"%s\"", in, buf_str(&b), want);
    buf_free(&b);
}

static void test_text_escapes_script_tags(void **state)
{
    (void)state;
    expect(html_text, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html_text, "Tom & Jerry's \"show\"", "Tom &amp; Jerry&#39;s &quot;show&quot;");
    expect(html_text, "&amp;", "&amp;amp;");
    expect(html_text, "", "");
    expect(html_text, NULL, "");
}

static void test_text_keeps_valid_utf8_and_whitespace(void **state)
{
    (void)state;
    expect(html_text, "Côte d’Ivoire — 👩‍⚖️ ñ",
           "Côte d’Ivoire — 👩‍⚖️ ñ");
    expect(html_text, "a\tb\nc\r\n", "a\tb\nc\r\n");
}

static void test_invalid_utf8_is_replaced_never_passed_through(void **state)
{
    (void)state;
    expect(html_text,
           "a\xff"
           "b",
           "a" FFFD "b");
    expect(html_text, "\xC0\xAF", FFFD FFFD);                   /* overlong '/' */
    expect(html_text, "\xED\xA0\x80", FFFD FFFD FFFD);          /* UTF-16 surrogate */
    expect(html_text, "\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD); /* above U+10FFFF */
    expect(html_text, "end\xE2\x82", "end" FFFD FFFD);          /* truncated sequence */
    expect(html_text, "\xE2\x82<", FFFD FFFD "&lt;");           /* '<' after a broken sequence */
    expect(html_attr, "x\x80", "\"x" FFFD "\"");
    expect(html_snippet, "\xfe\x02w\x03", FFFD "<mark>w</mark>");
}

static void test_control_characters_are_replaced(void **state)
{
    (void)state;
    expect(html_text,
           "a\x01"
           "b\x1b[0m\x7f",
           "a" FFFD "b" FFFD "[0m" FFFD);
    expect(html_text, "\xC2\x85", FFFD); /* U+0085, a C1 control */
    expect(html_text, "\x02stray marks\x03", FFFD "stray marks" FFFD);
}

static void test_attribute_escapes_quotes_and_adds_them(void **state)
{
    (void)state;
    expect(html_attr, "\" onmouseover=\"x", "\"&quot; onmouseover=&quot;x\"");
    expect(html_attr, "' onfocus='x' a=<b>", "\"&#39; onfocus=&#39;x&#39; a=&lt;b&gt;\"");
    expect(html_attr, "", "\"\"");
    expect(html_attr, NULL, "\"\"");
}

static void test_attribute_escaping_leaves_javascript_url_inert_text(void **state)
{
    (void)state;
    /* html_attr makes the value data, but a javascript: href would still run when followed:
     * that is html_href's job. */
    expect(html_attr, "javascript:alert(\"x\")", "\"javascript:alert(&quot;x&quot;)\"");
}

static void test_href_allows_web_mail_and_relative_links(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "https://www.ohchr.org/en/hr-bodies/upr",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG",
        "mailto:focal.point@example.org",
        "/search?q=women&page=2",
        "search",
        "../browse",
        "#content",
        "?lang=fr",
        "",
        "//cdn.example.org/x",
        "/a:b",
        "rec/SVN-UPR34-121.1",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (!html_url_is_safe(ok[i]))
            fail_msg("refused: %s", ok[i]);
    expect(html_href, "/search?q=a&page=2", "\"/search?q=a&amp;page=2\"");
    expect(html_href, "https://x.org/?a=\"b\"", "\"https://x.org/?a=&quot;b&quot;\"");
}

static void test_href_refuses_script_and_data_urls(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "httpx://example.org",
        "http\xC2\xA0:x",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct buf b = BUF_INIT;
        assert_false(html_url_is_safe(bad[i]));
        assert_int_equal(html_href(&b, bad[i]), ERR_INPUT);
        assert_string_equal(buf_str(&b), "\"#\"");
        assert_false(b.oom); /* a bad link in the data must not break the page */
        buf_free(&b);
    }
    assert_false(html_url_is_safe(NULL));
}

static void test_url_param_percent_encodes_all_but_unreserved(void **state)
{
    (void)state;
    expect(html_url_param, "women's rights & \"girls\"", "women%27s%20rights%20%26%20%22girls%22");
    expect(html_url_param, "a-b.c_d~e/f?g=h#i+j%", "a-b.c_d~e%2Ff%3Fg%3Dh%23i%2Bj%25");
    expect(html_url_param, "é", "%C3%A9");
    expect(html_url_param, "x\xff", "x%EF%BF%BD");
    expect(html_url_param, "<script>", "%3Cscript%3E");
    expect(html_url_param, "a\nb", "a%0Ab");
}

static void test_snippet_turns_marks_into_mark_elements(void **state)
{
    (void)state;
    expect(html_snippet, "end \x02violence\x03 against \x02women\x03.",
           "end <mark>violence</mark> against <mark>women</mark>.");
    expect(html_snippet, "<\x02script\x03>", "&lt;<mark>script</mark>&gt;");
    expect(html_snippet, "plain", "plain");
}

static void test_snippet_repairs_unbalanced_marks(void **state)
{
    (void)state;
    expect(html_snippet,
           "\x03"
           "a \x02"
           "b",
           "a <mark>b</mark>");
    expect(html_snippet, "\x02\x02x\x03\x03", "<mark>x</mark>");
    expect(html_snippet, "\x02", "<mark></mark>");
}

static void test_textf_formats_then_escapes(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    assert_int_equal(html_textf(&b, "%d results for %s", 3, "<b>"), 0);
    assert_string_equal(buf_str(&b), "3 results for &lt;b&gt;");
    buf_free(&b);
}

static void test_printf_escapes_each_directive_for_its_place(void **state)
{
    (void)state;
    struct buf raw = BUF_INIT, b = BUF_INIT;
    assert_int_equal(html_text(&raw, "<i>"), 0);
    int rc = html_printf(&b,
                         "<a href=%h title=%a>%s</a> <a href=\"/s?q=%u\">%m</a> %d %ld %zu %% "
                         "[%R] [%s]",
                         "/rec?id=1&x=2", "\"t\"", "<script>", "a b", "\x02hit\x03 <", -42,
                         123456789012L, (size_t)7, &raw, NULL);
    assert_int_equal(rc, 0);
    assert_string_equal(buf_str(&b), "<a href=\"/rec?id=1&amp;x=2\" title=\"&quot;t&quot;\">"
                                     "&lt;script&gt;</a> <a href=\"/s?q=a%20b\"><mark>hit</mark> "
                                     "&lt;</a> -42 123456789012 7 % [&lt;i&gt;] []");
    buf_free(&b);
    buf_free(&raw);
}

static void test_printf_unsafe_href_becomes_hash(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    assert_int_equal(html_printf(&b, "<a href=%h>x</a>", "javascript:alert(1)"), 0);
    assert_string_equal(buf_str(&b), "<a href=\"#\">x</a>");
    assert_false(b.oom);
    buf_free(&b);
}

/* html_printf must refuse fmt, and mark the buffer failed. */
static void expect_printf_refused(const char *fmt)
{
    struct buf b = BUF_INIT;
    assert_int_equal(html_printf(&b, fmt, "x"), ERR_INPUT);
    if (!b.oom)
        fail_msg("\"%s\" did not mark the buffer failed", fmt);
    buf_free(&b);
}

static void test_printf_refuses_quoted_or_bare_attribute_directive(void **state)
{
    (void)state;
    expect_printf_refused("<input value=\"%a\">"); /* %a brings its own quotes */
    expect_printf_refused("<a href='%h'>");
    expect_printf_refused("%a");
    expect_printf_refused("<p %a>");
}

static void test_printf_refuses_unknown_directives(void **state)
{
    (void)state;
    expect_printf_refused("%x");
    expect_printf_refused("%c");
    expect_printf_refused("%lu");
    expect_printf_refused("%zd");
    expect_printf_refused("trailing %");
}

static void test_printf_passes_on_failure_of_a_raw_buffer(void **state)
{
    (void)state;
    struct buf raw = BUF_INIT, b = BUF_INIT;
    raw.oom = 1;
    assert_int_equal(html_printf(&b, "<div>%R</div>", &raw), ERR_NOMEM);
    assert_true(b.oom);
    buf_free(&b);
}

static void test_failed_buffer_stays_failed(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    b.oom = 1;
    assert_int_equal(html_text(&b, "a"), ERR_NOMEM);
    assert_int_equal(html_attr(&b, "a"), ERR_NOMEM);
    assert_int_equal(html_printf(&b, "<p>%s</p>", "a"), ERR_NOMEM);
    assert_true(b.oom);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_escapes_script_tags),
        cmocka_unit_test(test_text_keeps_valid_utf8_and_whitespace),
        cmocka_unit_test(test_invalid_utf8_is_replaced_never_passed_through),
        cmocka_unit_test(test_control_characters_are_replaced),
        cmocka_unit_test(test_attribute_escapes_quotes_and_adds_them),
        cmocka_unit_test(test_attribute_escaping_leaves_javascript_url_inert_text),
        cmocka_unit_test(test_href_allows_web_mail_and_relative_links),
        cmocka_unit_test(test_href_refuses_script_and_data_urls),
        cmocka_unit_test(test_url_param_percent_encodes_all_but_unreserved),
        cmocka_unit_test(test_snippet_turns_marks_into_mark_elements),
        cmocka_unit_test(test_snippet_repairs_unbalanced_marks),
        cmocka_unit_test(test_textf_formats_then_escapes),
        cmocka_unit_test(test_printf_escapes_each_directive_for_its_place),
        cmocka_unit_test(test_printf_unsafe_href_becomes_hash),
        cmocka_unit_test(test_printf_refuses_quoted_or_bare_attribute_directive),
        cmocka_unit_test(test_printf_refuses_unknown_directives),
        cmocka_unit_test(test_printf_passes_on_failure_of_a_raw_buffer),
        cmocka_unit_test(test_failed_buffer_stays_failed),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
