/*
 * http.c — the HTTP server: libmicrohttpd (the only file that includes microhttpd.h) with a
 * pool of threads, keep-alive, limits on request size and idle time, an access log, and
 * graceful stop (in-flight requests finish). It turns each request into a struct req, hands it
 * to app_handle, and sends the struct resp back. Nothing here knows a route or a page.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "web/web.h"

struct http_server {
    struct MHD_Daemon *daemon;
    struct app *app;
    size_t max_body;
    FILE *log;
    int own_log;
    int port;
};

/* Per-connection state across libmicrohttpd's calls for one request. */
struct exchange {
    struct buf body;
    int too_big;
    struct timespec start;
};

const char *req_header(const struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_query(const struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_cookie(const struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *req_form(const struct req *r, const char *name)
{
    for (int i = 0; i < r->nfields; i++)
        if (!strcmp(r->field[i].name, name))
            return r->field[i].value;
    return NULL;
}

const struct web_file *req_file(const struct req *r, const char *name)
{
    for (int i = 0; i < r->nfiles; i++)
        if (!strcmp(r->file[i].field, name))
            return &r->file[i];
    return NULL;
}

int resp_header(struct resp *p, const char *name, const char *value)
{
    if (p->nheaders >= WEB_MAX_HEADERS)
        return ERR_INPUT;
    char *n = strdup(name), *v = strdup(value);
    if (!n || !v) {
        free(n);
        free(v);
        return ERR_NOMEM;
    }
    p->header_name[p->nheaders] = n;
    p->header_value[p->nheaders++] = v;
    return 0;
}

void resp_free(struct resp *p)
{
    for (int i = 0; i < p->nheaders; i++) {
        free(p->header_name[i]);
        free(p->header_value[i]);
    }
    p->nheaders = 0;
    buf_free(&p->body);
}

/* Decodes one urlencoded piece in place ('+' is a space, %XX a byte). */
static void form_unescape(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == '+')
            *p = ' ';
    MHD_http_unescape(s);
}

/* Fills r->field from an application/x-www-form-urlencoded body (a copy is cut in place). */
static void parse_form(struct req *r, char *body)
{
    for (char *p = body; p && *p && r->nfields < WEB_MAX_FIELDS;) {
        char *next = strchr(p, '&');
        if (next)
            *next++ = '\0';
        char *eq = strchr(p, '=');
        if (eq)
            *eq++ = '\0';
        form_unescape(p);
        if (eq)
            form_unescape(eq);
        r->field[r->nfields].name = p;
        r->field[r->nfields++].value = eq ? eq : p + strlen(p);
        p = next;
    }
}

struct query_builder {
    struct buf *out;
};

static enum MHD_Result add_query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    static const char hex[] = "0123456789ABCDEF";
    struct buf *out = cls;
    const char *parts[2] = {key, value};
    if (out->len)
        buf_putc(out, '&');
    for (int i = 0; i < 2 && parts[i]; i++) {
        if (i)
            buf_putc(out, '=');
        for (const unsigned char *c = (const unsigned char *)parts[i]; *c; c++) {
            if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
                *c == '-' || *c == '.' || *c == '_' || *c == '~')
                buf_putc(out, (char)*c);
            else
                buf_append(out, (char[3]){'%', hex[*c >> 4], hex[*c & 15]}, 3);
        }
    }
    return MHD_YES;
}

/* libmicrohttpd's multipart parser calls this for each piece of each part. Fields become
 * r->field (owned copies), files r->file. */
static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    (void)kind;
    (void)transfer_encoding;
    struct req *r = cls;
    /* A part without a name (no or a broken Content-Disposition) is malformed (RFC 7578):
     * libmicrohttpd passes key NULL for it, which must not reach strdup or strcmp. */
    if (!key)
        return MHD_NO;
    if (!data) {
        data = "";
        size = 0;
    }
    if (filename) {
        struct web_file *f = r->nfiles ? &r->file[r->nfiles - 1] : NULL;
        if (!f || off == 0 || strcmp(f->field, key)) {
            if (r->nfiles >= WEB_MAX_FILES)
                return MHD_NO;
            f = &r->file[r->nfiles++];
            f->field = strdup(key);
            f->filename = strdup(filename);
            f->content_type = strdup(content_type ? content_type : "application/octet-stream");
            if (!f->field || !f->filename || !f->content_type)
                return MHD_NO;
        }
        return buf_append(&f->data, data, size) ? MHD_NO : MHD_YES;
    }
    struct web_field *fld = r->nfields ? &r->field[r->nfields - 1] : NULL;
    if (fld && off > 0 && !strcmp(fld->name, key)) { /* a long value in several pieces */
        size_t had = strlen(fld->value);
        char *v = realloc(fld->value, had + size + 1);
        if (!v)
            return MHD_NO;
        memcpy(v + had, data, size);
        v[had + size] = '\0';
        fld->value = v;
        return MHD_YES;
    }
    if (r->nfields >= WEB_MAX_FIELDS)
        return MHD_YES;
    struct web_field *nf = &r->field[r->nfields];
    nf->name = strdup(key);
    nf->value = strndup(data, size);
    if (!nf->name || !nf->value) {
        free(nf->name);
        free(nf->value);
        return MHD_NO;
    }
    r->nfields++;
    return MHD_YES;
}

/* Parses a multipart body already received in full. Returns 0, or -1 when malformed. */
static int parse_multipart(struct MHD_Connection *c, struct req *r, const struct buf *body)
{
    struct MHD_PostProcessor *pp = MHD_create_post_processor(c, 64 * 1024, on_part, r);
    if (!pp)
        return -1;
    enum MHD_Result ok = MHD_post_process(pp, buf_str(body), body->len);
    MHD_destroy_post_processor(pp);
    return ok == MHD_YES ? 0 : -1;
}

static void free_parts(struct req *r, int owned_fields)
{
    for (int i = 0; owned_fields && i < r->nfields; i++) {
        free(r->field[i].name);
        free(r->field[i].value);
    }
    for (int i = 0; i < r->nfiles; i++) {
        free(r->file[i].field);
        free(r->file[i].filename);
        free(r->file[i].content_type);
        buf_free(&r->file[i].data);
    }
}

static const char *client_address(struct MHD_Connection *c, char *out, size_t size)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, size, "?");
    if (!info || !info->client_addr)
        return out;
    const struct sockaddr *sa = info->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)size);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)size);
    return out;
}

static void access_log(struct http_server *s, const struct req *r, const struct resp *p,
                       const struct timespec *start)
{
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ms =
        (double)(end.tv_sec - start->tv_sec) * 1e3 + (double)(end.tv_nsec - start->tv_nsec) / 1e6;
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    /* One line, fields separated by spaces; the path is the only free text and comes last. */
    fprintf(s->log, "%s %s %s %d %zu %.2fms %s %s\n", when, r->remote, r->method, p->status,
            p->body.len, ms, r->actor.login && *r->actor.login ? r->actor.login : "-", r->path);
    fflush(s->log);
}

static enum MHD_Result send_resp(struct MHD_Connection *c, struct resp *p)
{
    size_t len = p->body.len;
    char *bytes = buf_detach(&p->body);
    struct MHD_Response *mr = MHD_create_response_from_buffer(
        len, bytes ? bytes : (char *)"", bytes ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!mr) {
        free(bytes);
        return MHD_NO;
    }
    if (p->content_type)
        MHD_add_response_header(mr, "Content-Type", p->content_type);
    for (int i = 0; i < p->nheaders; i++)
        MHD_add_response_header(mr, p->header_name[i], p->header_value[i]);
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)p->status, mr);
    MHD_destroy_response(mr);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **state)
{
    (void)version;
    struct http_server *s = cls;
    struct exchange *x = *state;
    if (!x) {
        if (!(x = calloc(1, sizeof *x)))
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &x->start);
        *state = x;
        return MHD_YES;
    }
    if (*upload_size) {
        if (x->body.len + *upload_size > s->max_body)
            x->too_big = 1;
        else if (buf_append(&x->body, upload, *upload_size))
            return MHD_NO;
        *upload_size = 0;
        return MHD_YES;
    }
    char remote[64];
    struct req r = {.method = method,
                    .path = url,
                    .conn = c,
                    .remote = client_address(c, remote, sizeof remote),
                    .body = buf_str(&x->body),
                    .body_len = x->body.len};
    struct resp p = {.status = 200};
    struct buf query = BUF_INIT;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_query_arg, &query);
    r.query = buf_str(&query);
    char *form = NULL;
    const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    int multipart = type && !strncasecmp(type, "multipart/form-data", 19);
    if (x->too_big) {
        p.status = 413;
        p.content_type = "text/plain; charset=utf-8";
        buf_puts(&p.body, "Request body too large\n");
    } else if (multipart && parse_multipart(c, &r, &x->body)) {
        p.status = 400;
        p.content_type = "text/plain; charset=utf-8";
        buf_puts(&p.body, "Malformed multipart/form-data body\n");
    } else {
        if (type && !strncasecmp(type, "application/x-www-form-urlencoded", 33) &&
            (form = strdup(buf_str(&x->body))))
            parse_form(&r, form);
        app_handle(s->app, &r, &p);
    }
    access_log(s, &r, &p, &x->start);
    enum MHD_Result ok = send_resp(c, &p);
    resp_free(&p);
    buf_free(&query);
    free_parts(&r, multipart);
    free(form);
    return ok;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **state,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)c;
    (void)code;
    struct exchange *x = *state;
    if (x) {
        buf_free(&x->body);
        free(x);
        *state = NULL;
    }
}

/* Parses "host:port", "[v6]:port" or ":port" into a socket address. */
static int parse_listen(const char *listen, struct sockaddr_storage *sa, struct err *err)
{
    char host[256] = "";
    const char *colon = strrchr(listen, ':');
    if (!colon || !colon[1])
        return err_set(err, ERR_USAGE, "--listen %s: expected HOST:PORT, e.g. 127.0.0.1:8080",
                       listen);
    size_t hlen = (size_t)(colon - listen);
    if (hlen >= sizeof host)
        return err_set(err, ERR_USAGE, "--listen %s: host too long", listen);
    memcpy(host, listen, hlen);
    host[hlen] = '\0';
    if (host[0] == '[' && hlen >= 2 && host[hlen - 1] == ']') {
        memmove(host, host + 1, hlen - 2);
        host[hlen - 2] = '\0';
    }
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535)
        return err_set(err, ERR_USAGE, "--listen %s: port must be 0 to 65535", listen);
    struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_PASSIVE, .ai_socktype = SOCK_STREAM};
    struct addrinfo *ai = NULL;
    int rc = getaddrinfo(host[0] ? host : "0.0.0.0", colon + 1, &hints, &ai);
    if (rc || !ai)
        return err_set(err, ERR_USAGE, "--listen %s: not a numeric address (%s)", listen,
                       gai_strerror(rc));
    memcpy(sa, ai->ai_addr, ai->ai_addrlen);
    freeaddrinfo(ai);
    return 0;
}

int http_start(const struct http_options *o, struct app *app, struct http_server **out,
               struct err *err)
{
    *out = NULL;
    struct sockaddr_storage sa = {0};
    int rc = parse_listen(o->listen, &sa, err);
    if (rc)
        return rc;
    struct http_server *s = calloc(1, sizeof *s);
    if (!s)
        return err_set(err, ERR_NOMEM, "out of memory");
    s->app = app;
    s->max_body = o->max_body ? o->max_body : (size_t)1 << 20;
    s->log = stderr;
    if (o->access_log && strcmp(o->access_log, "-")) {
        if (!(s->log = fopen(o->access_log, "a"))) {
            free(s);
            return err_set(err, ERR_IO, "%s: cannot open the access log", o->access_log);
        }
        s->own_log = 1;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads =
        o->threads > 0 ? (unsigned)o->threads : (unsigned)(cores > 0 ? 2 * cores : 2);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
    if (sa.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
                                 (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, threads,
                                 MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_s ? o->timeout_s : 30u,
                                 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)256 * 1024,
                                 MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
                                 MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
    if (!s->daemon) {
        if (s->own_log)
            fclose(s->log);
        free(s);
        return err_set(err, ERR_IO, "cannot listen on %s (address in use, or not allowed)",
                       o->listen);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : 0;
    *out = s;
    return 0;
}

int http_port(const struct http_server *s)
{
    return s->port;
}

void http_stop(struct http_server *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->daemon);
    if (s->own_log)
        fclose(s->log);
    free(s);
}
