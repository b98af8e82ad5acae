/*
 * layout.c — the frame of every HTML page (see layout.h): head, skip link, header with the
 * navigation, language and account links, <main>, footer; and the lookup of embedded files.
 *
 * Everything here is written through html_printf, so the strings of struct layout_page (titles,
 * names, the request path and query) are escaped wherever they land. The language links keep the
 * page's query string byte for byte except for lang=, percent-encoding whatever could not be part
 * of a URL, so a hostile query cannot leave the href.
 */
#include "web/layout.h"

#include <string.h>

#include "web/html.h"

struct nav_item {
    const char *href;
    const char *label; /* msgid */
    unsigned needs;    /* LAYOUT_* flag that must be set; 0: always shown */
};

static const struct nav_item nav_items[] = {
    {"/search", N_("Search"), 0},
    {"/browse/countries", N_("Countries"), 0},
    {"/browse/bodies", N_("Bodies"), 0},
    {"/browse/themes", N_("Themes"), 0},
    {"/browse/sdgs", N_("SDGs"), 0},
    {"/dashboard", N_("Dashboard"), 0},
    {"/hub", N_("Knowledge hub"), 0},
    {"/coop", N_("Technical cooperation"), 0},
    {"/followup", N_("Follow-up"), LAYOUT_SHOW_FOLLOWUP},
    {"/users", N_("Users"), LAYOUT_SHOW_USERS},
    {"/audit", N_("Audit trail"), LAYOUT_SHOW_AUDIT},
};

static const struct i18n_tr english = {NULL, TEXT_LANG_EN};

static const struct i18n_tr *tr_of(const struct layout_page *p)
{
    return p && p->tr ? p->tr : &english;
}

/* The request path if it is one of ours ("/..." but not "//host" or "/\host"), else "/". */
static const char *local_path(const struct layout_page *p)
{
    const char *path = p->path;
    if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\')
        return "/";
    return path;
}

/* Appends s[0..n), percent-encoding every byte that is not a URL character we keep as is. */
static int put_url_bytes(struct buf *b, const char *s, size_t n)
{
    static const char keep[] = "-._~!$'()*+,;=:@/?%";
    static const char hex[] = "0123456789ABCDEF";
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            (c && strchr(keep, c)))
            rc = buf_putc(b, (char)c);
        else
            rc = buf_append(b, (char[3]){'%', hex[c >> 4], hex[c & 15]}, 3);
    }
    return rc;
}

/* Builds path?kept-parameters&lang=code into url. */
static int lang_url(const struct layout_page *p, enum text_lang lang, struct buf *url)
{
    const char *path = local_path(p);
    int rc = put_url_bytes(url, path, strcspn(path, "?#"));
    rc = rc ? rc : buf_putc(url, '?');
    for (const char *q = p->query ? p->query : ""; *q && !rc;) {
        size_t n = strcspn(q, "&");
        size_t name = strcspn(q, "=&");
        int is_lang = name == 4 && strncmp(q, "lang", 4) == 0;
        if (n && !is_lang) {
            rc = put_url_bytes(url, q, n);
            rc = rc ? rc : buf_putc(url, '&');
        }
        q += n + (q[n] == '&');
    }
    rc = rc ? rc : buf_printf(url, "lang=%s", text_lang_code(lang));
    return rc;
}

static int put_languages(struct buf *b, const struct layout_page *p)
{
    const struct i18n_tr *tr = tr_of(p);
    int rc = html_printf(b, "<nav class=\"lang\" aria-label=%a><ul>\n", T(tr, "Language"));
    for (int l = 0; l < TEXT_LANG_COUNT && !rc; l++) {
        struct buf url = BUF_INIT;
        const char *code = text_lang_code((enum text_lang)l);
        rc = lang_url(p, (enum text_lang)l, &url);
        const char *fmt =
            (int)tr->lang == l
                ? "<li><a href=%h hreflang=%a lang=%a aria-current=\"true\">%s</a></li>\n"
                : "<li><a href=%h hreflang=%a lang=%a>%s</a></li>\n";
        if (!rc)
            rc = html_printf(b, fmt, buf_str(&url), code, code,
                             i18n_lang_endonym((enum text_lang)l));
        buf_free(&url);
    }
    return rc ? rc : buf_puts(b, "</ul></nav>\n");
}

static int put_account(struct buf *b, const struct layout_page *p)
{
    const struct i18n_tr *tr = tr_of(p);
    int rc = buf_puts(b, "<div class=\"account\"><ul>\n");
    if (rc)
        return rc;
    if (!(p->flags & LAYOUT_SIGNED_IN))
        return html_printf(b, "<li><a href=\"/login\">%s</a></li>\n</ul></div>\n", T(tr, "Log in"));
    if (p->user_name) {
        rc = buf_puts(b, "<li>");
        rc = rc ? rc : html_textf(b, T(tr, "Signed in as %s"), p->user_name);
        rc = rc ? rc : buf_puts(b, "</li>\n");
    }
    rc = rc ? rc : buf_puts(b, "<li><form method=\"post\" action=\"/logout\">");
    if (!rc && p->csrf_token)
        rc = html_printf(b, "<input type=\"hidden\" name=\"csrf\" value=%a>", p->csrf_token);
    return rc ? rc
              : html_printf(b,
                            "<button class=\"button-link\" type=\"submit\">%s</button>"
                            "</form></li>\n</ul></div>\n",
                            T(tr, "Log out"));
}

static int is_current(const char *path, const char *href)
{
    size_t n = strlen(href);
    return strncmp(path, href, n) == 0 && (path[n] == '\0' || path[n] == '/' || path[n] == '?');
}

static int put_nav(struct buf *b, const struct layout_page *p)
{
    const struct i18n_tr *tr = tr_of(p);
    const char *path = local_path(p);
    int rc =
        html_printf(b, "<nav class=\"site-nav\" aria-label=%a><ul>\n", T(tr, "Main navigation"));
    for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0] && !rc; i++) {
        const struct nav_item *it = &nav_items[i];
        if (it->needs && !(p->flags & it->needs))
            continue;
        const char *fmt = is_current(path, it->href)
                              ? "<li><a href=%h aria-current=\"page\">%s</a></li>\n"
                              : "<li><a href=%h>%s</a></li>\n";
        rc = html_printf(b, fmt, it->href, i18n_get(tr->cat, tr->lang, it->label));
    }
    return rc ? rc : buf_puts(b, "</ul></nav>\n");
}

int layout_begin(struct buf *b, const struct layout_page *p)
{
    const struct i18n_tr *tr = tr_of(p);
    const char *site = p->site_name ? p->site_name : "suivi";
    int rc = html_printf(b,
                         "<!doctype html>\n<html lang=%a>\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width, "
                         "initial-scale=1\">\n<title>",
                         text_lang_code(tr->lang));
    if (!rc && p->title)
        rc = html_printf(b, "%s \xE2\x80\x94 ", p->title);
    rc = rc ? rc
            : html_printf(b,
                          "%s</title>\n<link rel=\"stylesheet\" href=%h>\n</head>\n<body>\n"
                          "<a class=\"skip\" href=\"#content\">%s</a>\n"
                          "<header class=\"site-header\"><div class=\"site-header-inner\">\n"
                          "<a class=\"site-name\" href=\"/\">%s</a>\n",
                          site, layout_stylesheet_href(), T(tr, "Skip to main content"), site);
    rc = rc ? rc : put_languages(b, p);
    rc = rc ? rc : put_account(b, p);
    rc = rc ? rc : put_nav(b, p);
    rc = rc ? rc : buf_puts(b, "</div></header>\n<main id=\"content\" tabindex=\"-1\">\n");
    return rc;
}

int layout_end(struct buf *b, const struct layout_page *p)
{
    const struct i18n_tr *tr = tr_of(p);
    return html_printf(b,
                       "</main>\n<footer class=\"site-footer\"><div class=\"site-footer-inner\">\n"
                       "<p>%s</p>\n<p>%s</p>\n</div></footer>\n</body>\n</html>\n",
                       T(tr, "suivi is free software for following up the recommendations of the "
                             "United Nations human rights mechanisms."),
                       T(tr, "Recommendations are quoted from United Nations documents."));
}

const struct layout_asset *layout_asset_find(const char *path)
{
    if (!path)
        return NULL;
    for (size_t i = 0; i < layout_asset_count; i++)
        if (strcmp(layout_assets[i].path, path) == 0)
            return &layout_assets[i];
    return NULL;
}

const char *layout_stylesheet_href(void)
{
    const struct layout_asset *css = layout_asset_find("/static/suivi.css");
    return css ? css->versioned_path : "/static/suivi.css";
}
