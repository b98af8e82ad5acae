/*
 * serve.c (cli) — `suivi serve`: the web application on a database. The first start on a
 * database without accounts creates "admin" (password from SUIVI_ADMIN_PASSWORD, or a random
 * one printed once). SIGTERM or SIGINT stops it gracefully: requests in flight finish.
 */
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/accounts.h"
#include "web/app.h"
#include "web/web.h"

static const char help[] =
    "usage: suivi --db FILE serve [--listen ADDR:PORT] [--threads N] [--access-log FILE]\n"
    "                             [--secure-cookies] [--max-body BYTES]\n"
    "\n"
    "Serves the web pages and the JSON API (/api/v1, described at /api/v1/openapi.json).\n"
    "  --listen ADDR:PORT   default 127.0.0.1:8080; port 0 picks a free port\n"
    "  --threads N          worker threads (default: 2 per core)\n"
    "  --access-log FILE    one line per request (default: standard error)\n"
    "  --secure-cookies     behind a TLS proxy: cookies only over HTTPS\n"
    "  --max-body BYTES     largest request body accepted (default 25165824: evidence files\n"
    "                       up to 20 MiB, plus the form around them)\n"
    "On a database without accounts, creates \"admin\" with $SUIVI_ADMIN_PASSWORD or a random\n"
    "password that is printed once. Stops cleanly on SIGTERM or Ctrl-C.\n";

static int first_admin(struct cli *cli)
{
    struct store *st;
    int rc = cli_open(cli, 0, &st);
    if (rc)
        return rc;
    struct err err = {0};
    char generated[25] = "";
    int created = 0;
    if (core_accounts_ensure_admin(st, getenv("SUIVI_ADMIN_PASSWORD"), generated, &created, &err)) {
        store_close(st);
        return cli_fail(&err);
    }
    if (created && generated[0])
        printf("created the first account: log in as \"admin\" with password %s\n"
               "(shown once; change it under Users)\n",
               generated);
    else if (created)
        printf("created the first account: log in as \"admin\" with $SUIVI_ADMIN_PASSWORD\n");
    store_close(st);
    return EXIT_OK;
}

int cli_serve(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'},
        {"access-log", required_argument, NULL, 'a'},
        {"secure-cookies", no_argument, NULL, 's'},
        {"max-body", required_argument, NULL, 'm'},
        {NULL, 0, NULL, 0},
    };
    struct http_options ho = {.listen = "127.0.0.1:8080", .max_body = (size_t)24 << 20};
    struct app_options ao = {.db = cli->db};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            return cli_help(help);
        case 'l':
            ho.listen = optarg;
            break;
        case 't':
            ho.threads = atoi(optarg);
            break;
        case 'a':
            ho.access_log = optarg;
            break;
        case 's':
            ao.secure_cookies = 1;
            break;
        case 'm':
            ho.max_body = (size_t)strtoull(optarg, NULL, 10);
            break;
        default:
            return EXIT_USAGE;
        }
    }
    int rc = first_admin(cli);
    if (rc)
        return rc;
    ao.locale_dir = cli_locale_dir();
    /* Block the stop signals before any thread starts, then wait for them here. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct err err = {0};
    struct app *app;
    struct http_server *server;
    if (app_new(&ao, &app, &err))
        return cli_fail(&err);
    if (http_start(&ho, app, &server, &err)) {
        app_free(app);
        return cli_fail(&err);
    }
    const char *colon = strrchr(ho.listen, ':');
    int hostlen = (int)(colon - ho.listen);
    printf("suivi: serving %s on http://%.*s:%d/ (API: /api/v1/openapi.json)\n", cli->db,
           hostlen ? hostlen : 7, hostlen ? ho.listen : "0.0.0.0", http_port(server));

    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    fprintf(stderr, "suivi: %s received, finishing requests in flight\n",
            sig == SIGTERM ? "SIGTERM" : "SIGINT");
    http_stop(server);
    app_free(app);
    return EXIT_OK;
}
