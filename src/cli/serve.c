/*
 * serve.c (cli) — `suivi serve`: the web application on a database. The first start on a
 * database without accounts creates "admin" (password from SUIVI_ADMIN_PASSWORD, or a random
 * one printed once). SIGTERM or SIGINT stops it gracefully: requests in flight finish. Options
 * may come from a configuration file (cli/config.h); the command line overrides it. One
 * connection stays open while serving, so that `suivi restore` sees the database in use.
 */
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/config.h"
#include "core/accounts.h"
#include "web/app.h"
#include "web/web.h"

static const char help[] =
    "usage: suivi --db FILE serve [--config FILE] [--listen ADDR:PORT] [--threads N]\n"
    "                             [--access-log FILE] [--secure-cookies] [--max-body BYTES]\n"
    "\n"
    "Serves the web pages and the JSON API (/api/v1, described at /api/v1/openapi.json).\n"
    "  --config FILE        read options from FILE (default: $SUIVI_CONFIG): lines\n"
    "                       `key = value` with the keys db, listen, threads, access-log,\n"
    "                       secure-cookies (yes/no), max-body; # starts a comment. Options\n"
    "                       given here override the file; --db and $SUIVI_DB override db\n"
    "  --listen ADDR:PORT   default 127.0.0.1:8080; port 0 picks a free port\n"
    "  --threads N          worker threads (default: 2 per core)\n"
    "  --access-log FILE    one line per request (default: standard error)\n"
    "  --secure-cookies     behind a TLS proxy: cookies only over HTTPS\n"
    "  --max-body BYTES     largest request body accepted (default 25165824: evidence files\n"
    "                       up to 20 MiB, plus the form around them); K, M, G suffixes\n"
    "On a database without accounts, creates \"admin\" with $SUIVI_ADMIN_PASSWORD or a random\n"
    "password that is printed once. Stops cleanly on SIGTERM or Ctrl-C.\n";

/* Opens the database, creating the first account if there is none; *out stays open while the
 * server runs. */
static int first_admin(struct cli *cli, struct store **out)
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
    *out = st;
    return EXIT_OK;
}

/* A bad option value is a usage error. */
static int usage_fail(struct err *err)
{
    err->code = ERR_USAGE;
    return cli_fail(err);
}

/* Options given on the command line; NULL / 0 when not given. */
struct serve_args {
    const char *config, *listen, *access_log;
    int threads, secure_cookies;
    size_t max_body;
};

/* The command line over the configuration file over the defaults. cfg must outlive ho, ao and
 * cli->db. */
static int merge_config(struct cli *cli, const struct serve_args *a, struct cli_config *cfg,
                        struct http_options *ho, struct app_options *ao)
{
    struct err err = {0};
    const char *path = a->config;
    if (!path) {
        const char *env = getenv("SUIVI_CONFIG");
        path = env && *env ? env : NULL;
    }
    if (path && cli_config_load(path, cfg, &err))
        return cli_fail(&err);
    if (!cli->db && cfg->db)
        cli->db = cfg->db;
    ho->listen = a->listen ? a->listen : cfg->listen ? cfg->listen : "127.0.0.1:8080";
    ho->threads = a->threads ? a->threads : cfg->threads;
    ho->access_log = a->access_log ? a->access_log : cfg->access_log;
    ho->max_body = a->max_body ? a->max_body : cfg->max_body ? cfg->max_body : (size_t)24 << 20;
    ao->secure_cookies = a->secure_cookies || cfg->secure_cookies;
    return EXIT_OK;
}

int cli_serve(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},           {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'},  {"access-log", required_argument, NULL, 'a'},
        {"secure-cookies", no_argument, NULL, 's'}, {"max-body", required_argument, NULL, 'm'},
        {"config", required_argument, NULL, 'c'},   {NULL, 0, NULL, 0},
    };
    struct serve_args a = {0};
    struct err err = {0};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            return cli_help(help);
        case 'c':
            a.config = optarg;
            break;
        case 'l':
            if (cli_config_listen(optarg, "--listen", &err))
                return usage_fail(&err);
            a.listen = optarg;
            break;
        case 't':
            if (cli_config_threads(optarg, "--threads", &a.threads, &err))
                return usage_fail(&err);
            break;
        case 'a':
            a.access_log = optarg;
            break;
        case 's':
            a.secure_cookies = 1;
            break;
        case 'm':
            if (cli_config_bytes(optarg, "--max-body", &a.max_body, &err))
                return usage_fail(&err);
            break;
        default:
            return EXIT_USAGE;
        }
    }
    struct http_options ho = {0};
    struct app_options ao = {0};
    struct cli_config cfg = {0};
    struct store *held = NULL;
    int rc = merge_config(cli, &a, &cfg, &ho, &ao);
    if (!rc)
        rc = first_admin(cli, &held);
    if (rc) {
        cli_config_free(&cfg);
        return rc;
    }
    ao.db = cli->db;
    ao.locale_dir = cli_locale_dir();
    /* Block the stop signals before any thread starts, then wait for them here. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct app *app = NULL;
    struct http_server *server;
    if (app_new(&ao, &app, &err) || http_start(&ho, app, &server, &err)) {
        app_free(app);
        store_close(held);
        cli_config_free(&cfg);
        return cli_fail(&err);
    }
    const char *colon = strrchr(ho.listen, ':');
    int hostlen = (int)(colon - ho.listen);
    printf("suivi: serving %s on http://%.*s:%d/ (API: /api/v1/openapi.json)\n", cli_db_shown(cli),
           hostlen ? hostlen : 7, hostlen ? ho.listen : "0.0.0.0", http_port(server));

    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    fprintf(stderr, "suivi: %s received, finishing requests in flight\n",
            sig == SIGTERM ? "SIGTERM" : "SIGINT");
    http_stop(server);
    app_free(app);
    store_close(held);
    cli_config_free(&cfg);
    return EXIT_OK;
}
