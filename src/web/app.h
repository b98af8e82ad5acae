/*
 * app.h — the web application as one object: options, translations, per-thread database
 * connections. http.c calls app_handle (web.h) for each request; `suivi serve` makes the app.
 */
#ifndef SUIVI_WEB_APP_H
#define SUIVI_WEB_APP_H

#include "util/err.h"
#include "web/web.h"

#define APP_SESSION_COOKIE "suivi_session"
#define APP_CSRF_COOKIE "suivi_csrf"

struct app_options {
    const char *db;         /* database URL, as for store_open */
    const char *locale_dir; /* where LANG/LC_MESSAGES/suivi.mo are */
    int secure_cookies;     /* behind TLS: cookies get the Secure attribute */
};

int app_new(const struct app_options *o, struct app **out, struct err *err) SUIVI_MUST_CHECK;
void app_free(struct app *a);

const struct i18n *app_i18n(const struct app *a);
const struct app_options *app_options(const struct app *a);

#endif
