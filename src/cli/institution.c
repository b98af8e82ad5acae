/*
 * institution.c (cli) — `suivi institution add|list`: the institutions that users (focal points
 * above all) act for. Minimal until step 3 gives institutions their full record.
 */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "core/accounts.h"
#include "util/buf.h"

static const char help[] =
    "usage: suivi --db FILE institution add CODE NAME [--kind KIND]\n"
    "       suivi --db FILE institution list [--json]\n"
    "\n"
    "CODE is a short unique name (letters, digits, '_' or '-', e.g. MOJ); KIND says what it is\n"
    "(ministry, parliament, court, statistics, nhri, cso...). A focal point user belongs to an\n"
    "institution: suivi user add LOGIN --role focal_point --institution CODE.\n";

struct listing {
    int json, n;
    struct buf out;
};

static int list_one(void *ctx, const struct store_institution *in)
{
    struct listing *l = ctx;
    if (!l->json) {
        buf_printf(&l->out, "%-12s %-14s %s\n", in->code, in->kind ? in->kind : "-", in->name);
        return 0;
    }
    buf_printf(&l->out, "%s{\"id\":%ld,\"code\":", l->n++ ? "," : "", in->id);
    buf_put_json_string(&l->out, in->code);
    buf_puts(&l->out, ",\"name\":");
    buf_put_json_string(&l->out, in->name);
    buf_puts(&l->out, ",\"kind\":");
    if (in->kind)
        buf_put_json_string(&l->out, in->kind);
    else
        buf_puts(&l->out, "null");
    return buf_putc(&l->out, '}');
}

static int list(struct store *st, int json, struct err *err)
{
    struct listing l = {.json = json};
    buf_puts(&l.out, json ? "[" : "");
    int rc = core_institution_each(st, list_one, &l, err);
    if (json)
        buf_puts(&l.out, "]\n");
    if (!rc && l.out.oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc)
        fputs(buf_str(&l.out), stdout);
    buf_free(&l.out);
    return rc;
}

static int run(struct store *st, const char *sub, char **args, int nargs, const char *kind,
               int json, struct err *err)
{
    if (!strcmp(sub, "list"))
        return nargs ? err_set(err, ERR_USAGE, "institution list: takes no argument")
                     : list(st, json, err);
    if (nargs != 2)
        return err_set(err, ERR_USAGE, "institution add: give CODE and NAME");
    char cli_login[CORE_LOGIN_MAX + 8];
    struct core_actor me;
    core_actor_cli(&me, cli_login, sizeof cli_login);
    struct store_institution in = {0, args[0], args[1], kind};
    long id = 0;
    int rc = core_institution_create(st, &me, &in, &id, err);
    if (!rc)
        printf("institution %s added (id %ld)\n", args[0], id);
    return rc;
}

int cli_institution(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"kind", required_argument, NULL, 'k'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    const char *kind = NULL, *sub = NULL;
    int c, json = 0;
    /* options before the subcommand; then, getopt restarted on the subcommand's own argv,
     * options anywhere among its arguments */
    for (int pass = 0; pass < 2; pass++) {
        while ((c = getopt_long(argc, argv, pass ? "h" : "+h", opts, NULL)) != -1) {
            if (c == 'h')
                return cli_help(help);
            if (c == 'k')
                kind = optarg;
            else if (c == 'j')
                json = 1;
            else
                return EXIT_USAGE;
        }
        if (pass || optind >= argc)
            break;
        sub = argv[optind];
        argc -= optind;
        argv += optind;
        optind = 0;
    }
    struct err err = {0};
    if (!sub || (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0)) {
        err_set(&err, ERR_USAGE, "institution: %s%s%s (add, list)",
                sub ? "unknown subcommand \"" : "give a subcommand", sub ? sub : "",
                sub ? "\"" : "");
        return cli_fail(&err);
    }
    struct store *st;
    int rc = cli_open(cli, 0, &st);
    if (rc)
        return rc;
    if (run(st, sub, argv + optind, argc - optind, kind, json, &err))
        rc = cli_fail(&err);
    store_close(st);
    return rc;
}
