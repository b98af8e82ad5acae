/*
 * test_markdown.c — web/markdown.c: ordinary Markdown becomes HTML, and nothing a contributor
 * types can become a script on a page: raw HTML blocks and inline tags (<script>, <img onerror>,
 * <iframe>), javascript:/vbscript:/data: links and images, entity-encoded schemes, and invalid
 * UTF-8.
 */
#include "test.h"

#include "web/markdown.h"

static char *render(const char *md)
{
    struct buf b = BUF_INIT;
    assert_int_equal(markdown_html(&b, md, strlen(md)), 0);
    assert_false(b.oom);
    char *out = strdup(buf_str(&b));
    buf_free(&b);
    return out;
}

static void has(const char *html, const char *want)
{
    if (!strstr(html, want))
        fail_msg("expected \"%s\" in:\n%s", want, html);
}

static void lacks(const char *html, const char *bad)
{
    if (strstr(html, bad))
        fail_msg("found \"%s\" in:\n%s", bad, html);
}

/* Case-insensitive check for what must never come out as markup. */
static void no_script(const char *html)
{
    char *low = strdup(html);
    for (char *p = low; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    lacks(low, "<script");
    /* the words may show as text (an autolink's label); never as a URL */
    lacks(low, "href=\"javascript");
    lacks(low, "src=\"javascript");
    lacks(low, "href=\"vbscript");
    lacks(low, "href=\"data:");
    lacks(low, "onerror=");
    lacks(low, "onclick=");
    lacks(low, "<iframe");
    lacks(low, "<img src=x");
    lacks(low, "data:text/html");
    free(low);
}

static void test_markdown_renders_headings_lists_emphasis_links(void **state)
{
    (void)state;
    char *html = render("## Coordination\n\nA *standing* mechanism with **ten** ministries:\n\n"
                        "- justice\n- health\n\nSee [OHCHR](https://www.ohchr.org/).\n");
    has(html, "<h2>Coordination</h2>");
    has(html, "<em>standing</em>");
    has(html, "<strong>ten</strong>");
    has(html, "<li>justice</li>");
    has(html, "<a href=\"https://www.ohchr.org/\">OHCHR</a>");
    free(html);
}

static void test_markdown_escapes_text_and_keeps_accents(void **state)
{
    (void)state;
    char *html = render("Mécanisme national & « suivi » < 5 > 3");
    has(html, "Mécanisme national &amp; « suivi » &lt; 5 &gt; 3");
    free(html);
}

static void test_raw_html_block_and_script_are_dropped(void **state)
{
    (void)state;
    char *html = render("<script>alert(document.cookie)</script>\n\nafter\n");
    no_script(html);
    has(html, "after");
    free(html);
    html = render("<div onclick=\"alert(1)\">x</div>\n");
    no_script(html);
    lacks(html, "<div");
    free(html);
}

static void test_inline_html_tags_are_dropped(void **state)
{
    (void)state;
    char *html = render("text <img src=x onerror=alert(1)> and <iframe src=\"//evil\"></iframe> "
                        "<ScRiPt>alert(1)</ScRiPt>");
    no_script(html);
    has(html, "text ");
    free(html);
}

static void test_script_urls_in_links_and_images_are_removed(void **state)
{
    (void)state;
    const char *cases[] = {
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[click](java&#115;cript:alert(1))",
        "[click]( javascript:alert(1) )",
        "[a]: javascript:alert(1)\n\n[click][a]",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *html = render(cases[i]);
        no_script(html);
        free(html);
    }
}

static void test_attribute_breakout_in_link_is_escaped(void **state)
{
    (void)state;
    char *html = render("[x](https://example.org/\"onmouseover=\"alert(1))");
    lacks(html, "\" onmouseover=");
    lacks(html, "\"onmouseover=\"");
    free(html);
}

static void test_invalid_utf8_is_replaced(void **state)
{
    (void)state;
    char *html = render("bad \xff\xfe byte");
    lacks(html, "\xff");
    has(html, "\xEF\xBF\xBD");
    free(html);
}

static void test_null_appends_nothing(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    assert_int_equal(markdown_html(&b, NULL, 0), 0);
    assert_int_equal(b.len, 0);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown_renders_headings_lists_emphasis_links),
        cmocka_unit_test(test_markdown_escapes_text_and_keeps_accents),
        cmocka_unit_test(test_raw_html_block_and_script_are_dropped),
        cmocka_unit_test(test_inline_html_tags_are_dropped),
        cmocka_unit_test(test_script_urls_in_links_and_images_are_removed),
        cmocka_unit_test(test_attribute_breakout_in_link_is_escaped),
        cmocka_unit_test(test_invalid_utf8_is_replaced),
        cmocka_unit_test(test_null_appends_nothing),
    };
    return cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
}
