/*
 * web.h — what handlers see of HTTP: a request they read and a response they fill. Handlers
 * (api_*.c, pages_*.c) never touch sockets or libmicrohttpd; http.c (the only includer of
 * microhttpd.h) builds the request, app.c adds who is asking and in which language, and the
 * router picks the handler.
 */
#ifndef SUIVI_WEB_H
#define SUIVI_WEB_H

#include <stddef.h>

#include "core/accounts.h"
#include "store/store.h"
#include "text/fold.h"
#include "util/buf.h"
#include "web/i18n.h"

struct app;

enum { WEB_MAX_PARAMS = 4, WEB_MAX_FIELDS = 64, WEB_MAX_HEADERS = 16, WEB_MAX_FILES = 4 };

struct web_field {
    char *name, *value;
};

/* A file uploaded in a multipart/form-data body. */
struct web_file {
    char *field;        /* the form field's name */
    char *filename;     /* as the browser sent it: untrusted, core checks it */
    char *content_type; /* as the browser declared it: untrusted, core checks the bytes */
    struct buf data;
};

struct req {
    const char *method; /* GET, POST, ... */
    const char *path;   /* without the query string */
    const char *query;  /* the query string, percent-encoded, without '?'; "" when none */
    const char *remote; /* client address, as text */
    const char *body;   /* raw body (NUL-terminated) */
    size_t body_len;
    void *conn; /* http.c's connection, for header/query/cookie look-ups */

    /* Filled by app.c before the handler runs. */
    struct app *app;
    struct store *store;               /* this thread's connection to the database */
    struct core_actor actor;           /* who is asking (user_id 0: the public) */
    struct core_session session;       /* when logged in: actor's strings point into it */
    enum text_lang lang;               /* language of the response */
    struct i18n_tr tr;                 /* catalogue + language, for T() */
    const char *csrf;                  /* the session's CSRF token, to put in forms; NULL if none */
    int api;                           /* path under /api/: errors as JSON */
    char etag[24];                     /* the response's ETag once known (cached answers) */
    const char *param[WEB_MAX_PARAMS]; /* path parameters captured by the router */

    /* Form fields of an application/x-www-form-urlencoded or multipart/form-data body, and the
     * files of a multipart one (parsed by http.c). */
    struct web_field field[WEB_MAX_FIELDS];
    int nfields;
    struct web_file file[WEB_MAX_FILES];
    int nfiles;
};

struct resp {
    int status;
    const char *content_type; /* a static string */
    struct buf body;
    char *header_name[WEB_MAX_HEADERS], *header_value[WEB_MAX_HEADERS];
    int nheaders;
};

/* Request look-ups; NULL when absent. Strings live as long as the request. */
const char *req_header(const struct req *r, const char *name);
const char *req_query(const struct req *r, const char *name);
const char *req_cookie(const struct req *r, const char *name);
const char *req_form(const struct req *r, const char *name);
/* The uploaded file of form field name, or NULL. */
const struct web_file *req_file(const struct req *r, const char *name);

/* Adds a response header (copied). Returns 0 or ERR_NOMEM / ERR_INPUT when full. */
int resp_header(struct resp *p, const char *name, const char *value);
void resp_free(struct resp *p);

typedef int (*web_handler)(struct req *r, struct resp *p);

/* The HTTP server: listens on addr ("127.0.0.1:8080", "[::1]:8080", ":8080"), calls
 * app_handle for each request from a pool of threads. */
struct http_options {
    const char *listen;
    int threads;            /* 0: 2 per core */
    size_t max_body;        /* larger request bodies get 413 */
    unsigned timeout_s;     /* idle connection timeout */
    const char *access_log; /* file path; NULL or "-" = standard error */
};

struct http_server;

int http_start(const struct http_options *o, struct app *app, struct http_server **out,
               struct err *err) SUIVI_MUST_CHECK;
/* The port actually bound (useful with port 0). */
int http_port(const struct http_server *s);
/* Stops accepting, finishes the requests in flight, frees. */
void http_stop(struct http_server *s);

/* Implemented by app.c: the whole application for one request. */
void app_handle(struct app *app, struct req *r, struct resp *p);

#endif
