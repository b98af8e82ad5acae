/*
 * layout.h — what every HTML page of suivi shares: the document head, a skip link, the header
 * with the site name, the main navigation, the language switcher and the account links, the
 * <main id="content"> landmark and the footer; and the static files compiled into the program
 * (the stylesheet src/web/static/suivi.css, embedded by scripts/embed-static).
 *
 * A page handler writes:
 *
 *     struct layout_page p = {.tr = &req->tr, .title = T(&req->tr, "Search"), .path = "/search",
 *                             .query = raw_query, .flags = LAYOUT_SIGNED_IN, ...};
 *     rc = layout_begin(&out, &p);
 *     ... html_printf(&out, ...) ...
 *     rc = rc ? rc : layout_end(&out, &p);
 *
 * Everything written is escaped (html.h); the strings in struct layout_page are plain text.
 */
#ifndef SUIVI_WEB_LAYOUT_H
#define SUIVI_WEB_LAYOUT_H

#include <stddef.h>

#include "util/buf.h"
#include "web/i18n.h"

/* Which optional parts of the navigation to show; the caller decides from the session's role. */
enum {
    LAYOUT_SIGNED_IN = 1 << 0, /* "Log out" (a POST form) and the user's name instead of "Log in" */
    LAYOUT_SHOW_USERS = 1 << 1,    /* "Users" (/users): administrators */
    LAYOUT_SHOW_AUDIT = 1 << 2,    /* "Audit trail" (/audit): administrators, coordinators */
    LAYOUT_SHOW_FOLLOWUP = 1 << 3, /* "Follow-up" (/followup): anyone signed in */
};

struct layout_page {
    const struct i18n_tr *tr; /* catalogue and language of the request; required */
    const char *title;        /* this page's title, translated, plain text; NULL: site name only */
    const char *path;         /* the request path ("/search"): marks the current section and
                                 is where the language links point; NULL or not starting with a
                                 single '/' is taken as "/" */
    const char *query;        /* the raw query string (no '?'), still percent-encoded, or NULL:
                                 kept by the language links, minus any lang= parameter */
    unsigned flags;           /* LAYOUT_* */
    const char *site_name;    /* e.g. "NMIRF Slovenia"; NULL: "suivi" */
    const char *user_name;    /* shown when signed in; NULL: none */
    const char *csrf_token;   /* sent as the field "csrf" of the log-out form; NULL: none */
};

/* Appends everything up to and including <main id="content">: doctype, <html lang>, head with
 * charset, viewport, title ("Title — site") and stylesheet, skip link, header, navigation
 * (/search, /browse/countries, /browse/bodies, /browse/themes, /browse/sdgs, /dashboard, then
 * /login or the /logout form, /followup, /users, /audit as flags say), language links
 * (path?query&lang=xx). Returns 0, or ERR_NOMEM (the buffer is then marked failed). */
int layout_begin(struct buf *b, const struct layout_page *p);

/* Appends </main>, the footer and the end of the document. Returns 0 or ERR_NOMEM. */
int layout_end(struct buf *b, const struct layout_page *p);

/* A file compiled into the program (generated from src/web/static/ by scripts/embed-static). */
struct layout_asset {
    const char *path;         /* the URL path it is served at: "/static/suivi.css" */
    const char *content_type; /* "text/css; charset=utf-8" */
    const unsigned char *bytes;
    size_t size;
    const char *etag;           /* a quoted ETag from the content's CRC: "\"1234567-890\"" */
    const char *versioned_path; /* path?v=CRC, for links that may be cached for a long time */
};

/* The generated table (build/gen/static_files.c); use layout_asset_find. */
extern const struct layout_asset layout_assets[];
extern const size_t layout_asset_count;

/* The embedded file served at path ("/static/suivi.css"), or NULL. Static data: never freed. */
const struct layout_asset *layout_asset_find(const char *path);

/* The URL pages link the stylesheet with: "/static/suivi.css?v=" and the CRC, so that the file
 * can be served with a long cache lifetime (the query changes whenever the file does). Static. */
const char *layout_stylesheet_href(void);

#endif
