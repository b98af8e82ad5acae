/*
 * fuzz_http.c — libFuzzer target for HTTP request handling: libmicrohttpd's parsing of the
 * request, then src/web/http.c (query string, form and multipart bodies, cookies and headers
 * as the handlers look them up), app.c (language, session, CSRF, permissions, cache, ETags),
 * the router and every handler behind it. Handlers read headers, query arguments and cookies
 * through libmicrohttpd's connection (req_header and friends in http.c), so the narrowest seam
 * that runs them is the real server: it is started once per process on 127.0.0.1 (port chosen
 * by the system, one worker thread) over a scratch database file holding the taxonomies, the
 * demo thematic list of data/demo/, an admin, an institution with one assignment and one draft
 * progress report (so that evidence uploads reach core/evidence.c), and each input is sent as one
 * request on a fresh loopback connection. The input is METHOD TARGET            (first line; no
 * space: GET TARGET) Header: value            (any number of lines, up to an empty line)
 *
 *     body                     (the rest, bytes as they are; Content-Length is added)
 * where "$TOKEN" and "$CSRF" anywhere are replaced by the admin's live session token and its
 * CSRF token (logged in again when a request ended the session). Besides crashes and sanitizer
 * reports (in any thread) it aborts when an answer is not HTTP or is a 500: a request, however
 * malformed, must never make the server fail. Requests may change the database (the admin may
 * create users, clusters...): the database lives as long as the process.
 * Seeds: tests/fuzz/corpus/fuzz_http/.
 */
#define _GNU_SOURCE /* memmem */
#include <arpa/inet.h>
#include <libgen.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "core/accounts.h"
#include "core/followup.h"
#include "fuzz_db.h"
#include "util/buf.h"
#include "web/app.h"
#include "web/web.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ADMIN_PASSWORD "fuzz-admin-password-1"

static struct {
    char locale_dir[512];
    const char *db;
    struct store *st; /* our own connection, for logging in again */
    struct app *app;
    struct http_server *server;
    int port;
    struct core_login login;
} fx;

/* At exit the server is left running: stopping it ends its worker thread, whose OpenSSL
 * per-thread state (libcrypto, not ours) is never freed, and LeakSanitizer would report it at
 * every replay. Our own per-thread caches are freed at thread exit (pages_similar.c).
 * FUZZ_HTTP_STOP=1 stops the server anyway, to see those reports. */
static void stop(void)
{
    const char *really = getenv("FUZZ_HTTP_STOP");
    if (really && *really == '1') {
        http_stop(fx.server);
        app_free(fx.app);
    }
    store_close(fx.st);
    char p[160];
    unlink(fx.db);
    snprintf(p, sizeof p, "%s-wal", fx.db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", fx.db);
    unlink(p);
}

static void die(const char *what, const struct err *err)
{
    fprintf(stderr, "fuzz_http: %s: %s\n", what, err ? err->msg : "");
    exit(2);
}

/* The catalogues are built beside the fuzzer: BUILD/fuzz/fuzz_http -> BUILD/locale. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *env = getenv("SUIVI_LOCALE_DIR");
    char self[512];
    snprintf(self, sizeof self, "%s", (*argv)[0]);
    if (env && *env)
        snprintf(fx.locale_dir, sizeof fx.locale_dir, "%s", env);
    else
        snprintf(fx.locale_dir, sizeof fx.locale_dir, "%s/../locale", dirname(self));
    (void)argc;
    return 0;
}

static void relogin(void)
{
    struct err err = {0};
    if (core_login(fx.st, "admin", ADMIN_PASSWORD, NULL, &fx.login, &err))
        fx.login.token[0] = fx.login.csrf[0] = '\0'; /* password changed or locked: public */
}

static void setup(void)
{
    struct err err = {0};
    fx.db = fuzz_path("http.db");
    struct core_import run;
    char generated[CORE_PASSWORD_GENERATED_SIZE];
    int created;
    if (store_open(fx.db, STORE_CREATE, &fx.st, &err) ||
        import_taxonomies(fx.st, fuzz_data_dir(), &err) || core_import_begin(&run, fx.st, &err))
        die("database", &err);
    char demo[512];
    snprintf(demo, sizeof demo, "%s/demo/slovenia-upr-cycle3-thematic-list.md", fuzz_data_dir());
    if (import_thematic_list(&run, demo, NULL, &err)) {
        core_import_abort(&run);
        die("demo data", &err);
    }
    if (core_import_commit(&run, &err) ||
        core_accounts_ensure_admin(fx.st, ADMIN_PASSWORD, generated, &created, &err))
        die("demo data", &err);
    struct core_actor cli;
    char login[64];
    core_actor_cli(&cli, login, sizeof login);
    struct store_institution moj = {0, "MOJ", "Ministry of Justice", "ministry"};
    long id;
    /* MOJ leads SVN-UPR34-121.1 and has a draft progress report (id 1) on it: evidence
     * uploads to /progress/1/evidence reach the checks of core/evidence.c. */
    struct core_assignment assign = {.rec_id = "SVN-UPR34-121.1", .lead = 1};
    struct core_progress draft = {.rec_id = "SVN-UPR34-121.1",
                                  .status = CORE_STATUS_IN_PROGRESS,
                                  .narrative = "Training planned"};
    if (core_institution_create(fx.st, &cli, &moj, &id, &err))
        die("institution", &err);
    assign.institution_id = draft.institution_id = id;
    if (core_assign(fx.st, &cli, &assign, &id, &err) ||
        core_progress_draft(fx.st, &cli, &draft, &id, &err))
        die("follow-up", &err);
    relogin();
    struct app_options ao = {.db = fx.db, .locale_dir = fx.locale_dir};
    if (app_new(&ao, &fx.app, &err))
        die("app (are the catalogues built? SUIVI_LOCALE_DIR)", &err);
    struct http_options ho = {.listen = "127.0.0.1:0",
                              .threads = 1,
                              .max_body = 64 * 1024,
                              .timeout_s = 2, /* what a stalled request costs */
                              .access_log = "/dev/null"};
    if (http_start(&ho, fx.app, &fx.server, &err))
        die("server", &err);
    fx.port = http_port(fx.server);
    atexit(stop);
}

/* The input with $TOKEN and $CSRF replaced. */
static void substitute(const uint8_t *data, size_t size, struct buf *out)
{
    for (size_t i = 0; i < size;) {
        if (size - i >= 6 && !memcmp(data + i, "$TOKEN", 6)) {
            buf_puts(out, fx.login.token);
            i += 6;
        } else if (size - i >= 5 && !memcmp(data + i, "$CSRF", 5)) {
            buf_puts(out, fx.login.csrf);
            i += 5;
        } else {
            buf_putc(out, (char)data[i++]);
        }
    }
}

/* The next line of in[*at..n) without its LF (and CR); NULL at the end. */
static const char *next_line(const char *in, size_t n, size_t *at, size_t *len)
{
    if (*at >= n)
        return NULL;
    const char *line = in + *at;
    const char *lf = memchr(line, '\n', n - *at);
    size_t l = lf ? (size_t)(lf - line) : n - *at;
    *at += l + (lf != NULL);
    if (l && line[l - 1] == '\r')
        l--;
    *len = l;
    return line;
}

static void build_request(const struct buf *in, struct buf *req)
{
    size_t at = 0, len;
    const char *line = next_line(in->data ? in->data : "", in->len, &at, &len);
    if (!line || !len) {
        buf_puts(req, "GET / HTTP/1.1\r\n");
    } else {
        const char *sp = memchr(line, ' ', len);
        if (!sp)
            buf_puts(req, "GET ");
        buf_append(req, line, len);
        buf_puts(req, " HTTP/1.1\r\n");
    }
    buf_puts(req, "Host: fuzz\r\nConnection: close\r\n");
    while (line && (line = next_line(in->data, in->len, &at, &len)) && len) {
        buf_append(req, line, len);
        buf_puts(req, "\r\n");
    }
    size_t body = at < in->len ? in->len - at : 0;
    buf_printf(req, "Content-Length: %zu\r\n\r\n", body);
    if (body)
        buf_append(req, in->data + at, body);
}

/* Bytes of a whole answer in answer[0..n), or 0 while its head or body is incomplete: the
 * server may keep the connection open (a fuzzed Connection header), so the end of the answer
 * is found from Content-Length rather than waited for. */
static size_t answer_complete(const char *answer, size_t n, int head)
{
    const char *end = memmem(answer, n, "\r\n\r\n", 4);
    if (!end)
        return 0;
    size_t head_len = (size_t)(end - answer) + 4, body = 0;
    for (const char *p = answer; p < end; p++) {
        if ((p == answer || p[-1] == '\n') && !strncasecmp(p, "Content-Length:", 15)) {
            body = strtoul(p + 15, NULL, 10);
            break;
        }
    }
    if (head || !memcmp(answer + 9, "304", 3) || !memcmp(answer + 9, "204", 3))
        body = 0;
    return n >= head_len + body ? head_len + body : 0;
}

/* Sends req, reads the answer; returns its length (0: none before the server closed). */
static size_t exchange(const struct buf *req, int head, char *answer, size_t cap)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    fuzz_check(s >= 0);
    struct timeval tv = {15, 0};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)fx.port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    fuzz_check(connect(s, (struct sockaddr *)&sa, sizeof sa) == 0);
    size_t sent = 0;
    while (sent < req->len) {
        ssize_t w = send(s, req->data + sent, req->len - sent, MSG_NOSIGNAL);
        if (w <= 0)
            break; /* the server may answer (413, 400) and close before reading it all */
        sent += (size_t)w;
    }
    shutdown(s, SHUT_WR);
    size_t got = 0;
    while (got < cap && !answer_complete(answer, got, head)) {
        ssize_t r = recv(s, answer + got, cap - got, 0);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(s);
    return got;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fx.server)
        setup();
    struct buf in = BUF_INIT, req = BUF_INIT;
    if (memmem(data, size, "$TOKEN", 6)) {
        struct core_session s;
        struct err err = {0};
        if (!fx.login.token[0] || core_session_check(fx.st, fx.login.token, NULL, &s, &err))
            relogin();
    }
    substitute(data, size, &in);
    build_request(&in, &req);
    fuzz_check(!in.oom && !req.oom);
    static char answer[1 << 16];
    size_t n = exchange(&req, !strncmp(buf_str(&req), "HEAD ", 5), answer, sizeof answer - 1);
    answer[n] = '\0';
    if (getenv("FUZZ_HTTP_VERBOSE")) /* what each request got, to check the seeds */
        fprintf(stderr, "%.*s -> %.*s\n", (int)strcspn(buf_str(&req), "\r"), buf_str(&req),
                (int)strcspn(answer, "\r"), answer);
    /* No answer at all is libmicrohttpd dropping a request it cannot parse; an answer must be
     * HTTP, and never a 500. */
    if (n) {
        fuzz_check(n >= 12 && !memcmp(answer, "HTTP/1.", 7));
        if (!memcmp(answer + 9, "500", 3)) {
            fprintf(stderr, "fuzz_http: 500 for:\n%.*s\n---\n%.2000s\n", (int)req.len,
                    buf_str(&req), answer);
            abort();
        }
    }
    buf_free(&in);
    buf_free(&req);
    return 0;
}
