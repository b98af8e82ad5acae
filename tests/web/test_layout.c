/*
 * test_layout.c — web/layout.c: the page frame in each language (lang attribute, skip link,
 * landmarks, translated navigation, current section), the language links keeping the query,
 * hostile titles, paths and queries escaped, navigation by role flags, and the embedded
 * stylesheet being the bytes of src/web/static/suivi.css.
 */
#include "test.h"

#include "util/file.h"
#include "web/layout.h"

static int setup(void **state)
{
    const char *dir = getenv("SUIVI_LOCALE_DIR");
    struct err err = {0};
    struct i18n *cat;
    if (i18n_load(dir && *dir ? dir : "build/locale", &cat, &err)) {
        fprintf(stderr, "%s (run make first)\n", err.msg);
        return -1;
    }
    *state = cat;
    return 0;
}

static int teardown(void **state)
{
    i18n_free(*state);
    return 0;
}

/* Renders a whole page (frame around "<p>body</p>") into out. */
static void render(const struct layout_page *p, struct buf *out)
{
    assert_int_equal(layout_begin(out, p), 0);
    assert_int_equal(buf_puts(out, "<p>body</p>\n"), 0);
    assert_int_equal(layout_end(out, p), 0);
}

static void assert_has(const struct buf *page, const char *want)
{
    if (!strstr(buf_str(page), want))
        fail_msg("page lacks: %s\n----\n%s", want, buf_str(page));
}

static void assert_lacks(const struct buf *page, const char *unwanted)
{
    if (strstr(buf_str(page), unwanted))
        fail_msg("page has: %s\n----\n%s", unwanted, buf_str(page));
}

static size_t count(const struct buf *page, const char *needle)
{
    size_t n = 0;
    for (const char *s = buf_str(page); (s = strstr(s, needle)); s += strlen(needle))
        n++;
    return n;
}

static void test_french_page_has_lang_landmarks_and_translated_nav(void **state)
{
    struct i18n_tr tr = {*state, TEXT_LANG_FR};
    struct layout_page p = {.tr = &tr, .title = "Rechercher", .path = "/search"};
    struct buf page = BUF_INIT;
    render(&p, &page);
    assert_true(strncmp(buf_str(&page), "<!doctype html>\n<html lang=\"fr\">", 32) == 0);
    assert_has(&page, "<meta charset=\"utf-8\">");
    assert_has(&page, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    assert_has(&page, "<title>Rechercher \xE2\x80\x94 suivi</title>");
    /* the skip link is the first thing in <body> and points at <main id="content"> */
    assert_has(&page, "<body>\n<a class=\"skip\" href=\"#content\">Aller au contenu principal</a>");
    assert_int_equal(count(&page, "<main id=\"content\""), 1);
    assert_int_equal(count(&page, "</main>"), 1);
    assert_has(&page, "<nav class=\"site-nav\" aria-label=\"Navigation principale\">");
    assert_has(&page, "<a href=\"/search\" aria-current=\"page\">Rechercher</a>");
    assert_has(&page, "<a href=\"/browse/bodies\">Organes</a>");
    assert_has(&page, "<a href=\"/browse/sdgs\">ODD</a>");
    assert_has(&page, "<a href=\"/dashboard\">Tableau de bord</a>");
    assert_has(&page, "<a href=\"/login\">Se connecter</a>");
    assert_has(&page, "<footer class=\"site-footer\">");
    assert_has(&page, "logiciel libre");
    assert_string_equal(buf_str(&page) + page.len - 16, "</body>\n</html>\n");
    assert_lacks(&page, "(null)");
    buf_free(&page);
}

static void test_spanish_page_and_current_section_by_prefix(void **state)
{
    struct i18n_tr tr = {*state, TEXT_LANG_ES};
    struct layout_page p = {.tr = &tr, .path = "/browse/countries/SVN"};
    struct buf page = BUF_INIT;
    render(&p, &page);
    assert_has(&page, "<html lang=\"es\">");
    assert_has(&page, "<title>suivi</title>");
    assert_has(&page, "<a href=\"/browse/countries\" aria-current=\"page\">Países</a>");
    assert_has(&page, "<a href=\"/search\">Buscar</a>");
    assert_int_equal(count(&page, "aria-current=\"page\""), 1);
    buf_free(&page);
}

static void test_language_links_keep_query_and_replace_lang(void **state)
{
    struct i18n_tr tr = {*state, TEXT_LANG_EN};
    struct layout_page p = {.tr = &tr, .path = "/search", .query = "q=women&lang=es&page=2"};
    struct buf page = BUF_INIT;
    render(&p, &page);
    assert_has(&page, "<nav class=\"lang\" aria-label=\"Language\">");
    assert_has(&page, "<a href=\"/search?q=women&amp;page=2&amp;lang=fr\" hreflang=\"fr\" "
                      "lang=\"fr\">Français</a>");
    assert_has(&page, "<a href=\"/search?q=women&amp;page=2&amp;lang=es\" hreflang=\"es\" "
                      "lang=\"es\">Español</a>");
    assert_has(&page, "<a href=\"/search?q=women&amp;page=2&amp;lang=en\" hreflang=\"en\" "
                      "lang=\"en\" aria-current=\"true\">English</a>");
    assert_lacks(&page, "lang=es&amp;");
    buf_free(&page);
}

static void test_hostile_title_path_and_query_are_escaped(void **state)
{
    struct i18n_tr tr = {*state, TEXT_LANG_EN};
    struct layout_page p = {.tr = &tr,
                            .title = "<script>alert(1)</script>",
                            .path = "/x\"><script>alert(2)</script>",
                            .query = "q=\"><img src=x onerror=alert(3)>&langx=1",
                            .site_name = "NMIRF <b>",
                            .user_name = "\" onclick=\"x",
                            .flags = LAYOUT_SIGNED_IN};
    struct buf page = BUF_INIT;
    render(&p, &page);
    assert_lacks(&page, "<script>");
    assert_lacks(&page, "<img");
    assert_lacks(&page, "<b>");
    assert_lacks(&page, "\" onclick");
    assert_has(&page, "&lt;script&gt;alert(1)&lt;/script&gt; \xE2\x80\x94 NMIRF &lt;b&gt;");
    assert_has(&page, "href=\"/x%22%3E%3Cscript%3Ealert(2)%3C/script%3E?q=%22%3E%3Cimg%20src=x"
                      "%20onerror=alert(3)%3E&amp;langx=1&amp;lang=fr\"");
    buf_free(&page);
}

static void test_foreign_host_path_is_not_linked(void **state)
{
    struct i18n_tr tr = {*state, TEXT_LANG_EN};
    static const char *const paths[] = {"//evil.example/x", "/\\evil.example", "http://x", NULL};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct layout_page p = {.tr = &tr, .path = paths[i]};
        struct buf page = BUF_INIT;
        render(&p, &page);
        assert_has(&page, "<a href=\"/?lang=fr\"");
        assert_lacks(&page, "evil");
        buf_free(&page);
    }
}

static void test_signed_out_sees_log_in_only(void **state)
{
    struct i18n_tr tr = {*state, TEXT_LANG_EN};
    struct layout_page p = {.tr = &tr, .path = "/"};
    struct buf page = BUF_INIT;
    render(&p, &page);
    assert_has(&page, "<a href=\"/login\">Log in</a>");
    assert_lacks(&page, "/logout");
    assert_lacks(&page, "/users");
    assert_lacks(&page, "/audit");
    buf_free(&page);
}

static void test_signed_in_admin_sees_log_out_form_users_and_audit(void **state)
{
    struct i18n_tr tr = {*state, TEXT_LANG_FR};
    struct layout_page p = {.tr = &tr,
                            .path = "/audit",
                            .flags = LAYOUT_SIGNED_IN | LAYOUT_SHOW_USERS | LAYOUT_SHOW_AUDIT,
                            .user_name = "Ana",
                            .csrf_token = "tok\"en"};
    struct buf page = BUF_INIT;
    render(&p, &page);
    assert_lacks(&page, "/login");
    assert_has(&page, "<li>Session ouverte\xC2\xA0: Ana</li>");
    assert_has(&page, "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" "
                      "name=\"csrf\" value=\"tok&quot;en\"><button class=\"button-link\" "
                      "type=\"submit\">Se déconnecter</button></form>");
    assert_has(&page, "<a href=\"/users\">Utilisateurs</a>");
    assert_has(&page, "<a href=\"/audit\" aria-current=\"page\">Journal d’audit</a>");
    buf_free(&page);
}

static void test_coordinator_sees_audit_but_not_users(void **state)
{
    struct i18n_tr tr = {*state, TEXT_LANG_EN};
    struct layout_page p = {.tr = &tr, .path = "/", .flags = LAYOUT_SIGNED_IN | LAYOUT_SHOW_AUDIT};
    struct buf page = BUF_INIT;
    render(&p, &page);
    assert_has(&page, "<a href=\"/audit\">Audit trail</a>");
    assert_lacks(&page, "/users");
    assert_has(&page, "Log out</button>");
    assert_lacks(&page, "Signed in as");
    buf_free(&page);
}

static void test_page_without_catalogue_is_english(void **state)
{
    (void)state;
    struct layout_page p = {.path = "/search"};
    struct buf page = BUF_INIT;
    render(&p, &page);
    assert_has(&page, "<html lang=\"en\">");
    assert_has(&page, "Skip to main content");
    buf_free(&page);
}

static void test_stylesheet_is_embedded_and_versioned(void **state)
{
    (void)state;
    const struct layout_asset *css = layout_asset_find("/static/suivi.css");
    assert_non_null(css);
    assert_string_equal(css->content_type, "text/css; charset=utf-8");
    struct buf file = BUF_INIT;
    struct err err = {0};
    assert_int_equal(file_read_all("src/web/static/suivi.css", 1 << 20, &file, &err), 0);
    assert_int_equal(css->size, file.len);
    assert_memory_equal(css->bytes, file.data, file.len);
    buf_free(&file);
    assert_true(css->etag[0] == '"' && css->etag[strlen(css->etag) - 1] == '"');
    assert_true(strncmp(css->versioned_path, "/static/suivi.css?v=", 20) == 0);
    assert_string_equal(layout_stylesheet_href(), css->versioned_path);
    assert_null(layout_asset_find("/static/missing.css"));
    assert_null(layout_asset_find(NULL));

    struct layout_page p = {.path = "/"};
    struct buf page = BUF_INIT;
    render(&p, &page);
    char link[128];
    snprintf(link, sizeof link, "<link rel=\"stylesheet\" href=\"%s\">", css->versioned_path);
    assert_has(&page, link);
    buf_free(&page);
}

static void test_stylesheet_has_focus_print_and_small_screen_rules(void **state)
{
    (void)state;
    const struct layout_asset *css = layout_asset_find("/static/suivi.css");
    assert_non_null(css);
    const char *s = (const char *)css->bytes;
    assert_non_null(strstr(s, ":focus-visible"));
    assert_non_null(strstr(s, "@media print"));
    assert_non_null(strstr(s, "@media (max-width: 30rem)"));
    assert_non_null(strstr(s, "system-ui"));
}

static void test_failed_buffer_makes_layout_fail(void **state)
{
    struct i18n_tr tr = {*state, TEXT_LANG_EN};
    struct layout_page p = {.tr = &tr, .path = "/"};
    struct buf page = BUF_INIT;
    page.oom = 1;
    assert_int_equal(layout_begin(&page, &p), ERR_NOMEM);
    assert_int_equal(layout_end(&page, &p), ERR_NOMEM);
    buf_free(&page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_french_page_has_lang_landmarks_and_translated_nav),
        cmocka_unit_test(test_spanish_page_and_current_section_by_prefix),
        cmocka_unit_test(test_language_links_keep_query_and_replace_lang),
        cmocka_unit_test(test_hostile_title_path_and_query_are_escaped),
        cmocka_unit_test(test_foreign_host_path_is_not_linked),
        cmocka_unit_test(test_signed_out_sees_log_in_only),
        cmocka_unit_test(test_signed_in_admin_sees_log_out_form_users_and_audit),
        cmocka_unit_test(test_coordinator_sees_audit_but_not_users),
        cmocka_unit_test(test_page_without_catalogue_is_english),
        cmocka_unit_test(test_stylesheet_is_embedded_and_versioned),
        cmocka_unit_test(test_stylesheet_has_focus_print_and_small_screen_rules),
        cmocka_unit_test(test_failed_buffer_makes_layout_fail),
    };
    return cmocka_run_group_tests_name("layout", tests, setup, teardown);
}
