/*
 * user.c (cli) — `suivi user add|list|passwd|deactivate|activate` and `suivi audit`: accounts
 * and the audit trail from the command line. The command line acts as "cli:$USER" with the
 * rights of an administrator (whoever may write the database file may do anything with it
 * anyway), and its changes are audited under that name. Passwords never come from the
 * command line, which other users of the machine can read: standard input or SUIVI_PASSWORD.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/accounts.h"
#include "core/audit.h"
#include "util/buf.h"

static const char user_help[] =
    "usage: suivi --db FILE user add LOGIN --role ROLE [--name NAME] [--institution CODE]\n"
    "                                [--password-stdin]\n"
    "       suivi --db FILE user list [--json]\n"
    "       suivi --db FILE user passwd LOGIN [--password-stdin]\n"
    "       suivi --db FILE user deactivate|activate LOGIN\n"
    "\n"
    "ROLE is admin, coordinator, focal_point (needs --institution CODE, see `suivi institution`),\n"
    "contributor (NHRI, civil society) or viewer. The password, at least 12 characters, is read\n"
    "from the first line of standard input with --password-stdin, else from the environment\n"
    "variable SUIVI_PASSWORD. Changing a password or deactivating a user ends the user's\n"
    "sessions. Every change is recorded in the audit trail (suivi audit).\n";

/* The options of every `user` subcommand; each takes the ones it needs. */
struct user_opts {
    const char *role, *name, *institution;
    int password_stdin, json;
};

/* Reads the password: first line of standard input, or $SUIVI_PASSWORD. */
static int read_password(int from_stdin, struct buf *out, struct err *err)
{
    if (!from_stdin) {
        const char *env = getenv("SUIVI_PASSWORD");
        if (!env || !*env)
            return err_set(err, ERR_USAGE,
                           "no password: give it on standard input with --password-stdin, or "
                           "in SUIVI_PASSWORD (never as an argument: others can read those)");
        return buf_puts(out, env) ? err_set(err, ERR_NOMEM, "out of memory") : 0;
    }
    int c;
    while ((c = getchar()) != EOF && c != '\n')
        if (buf_putc(out, (char)c))
            return err_set(err, ERR_NOMEM, "out of memory");
    if (out->len && out->data[out->len - 1] == '\r')
        out->data[--out->len] = '\0';
    if (!out->len)
        return err_set(err, ERR_USAGE, "no password on standard input (--password-stdin)");
    return 0;
}

static void wipe(struct buf *b)
{
    if (b->data)
        memset(b->data, 0, b->cap);
    buf_free(b);
}

static int copy_institution_id(void *ctx, const struct store_institution *in)
{
    *(long *)ctx = in->id;
    return 0;
}

static int copy_user_id(void *ctx, const struct store_user *u)
{
    *(long *)ctx = u->id;
    return 0;
}

static int user_add(struct store *st, const struct core_actor *me, const char *login,
                    const struct user_opts *o, struct err *err)
{
    if (!o->role)
        return err_set(err, ERR_USAGE,
                       "user add: give --role (admin, coordinator, focal_point, "
                       "contributor or viewer)");
    struct core_user_in in = {.login = login, .name = o->name, .role = o->role};
    int rc = 0;
    if (o->institution) {
        rc = core_institution_get(st, 0, o->institution, copy_institution_id, &in.institution_id,
                                  err);
        if (rc == ERR_NOTFOUND)
            return err_set(err, ERR_INPUT,
                           "--institution %s: no such institution; add it with: suivi "
                           "institution add %s NAME",
                           o->institution, o->institution);
        if (rc)
            return rc;
    }
    struct buf password = BUF_INIT;
    long id = 0;
    if (!(rc = read_password(o->password_stdin, &password, err))) {
        in.password = buf_str(&password);
        rc = core_user_create(st, me, &in, &id, err);
    }
    wipe(&password);
    if (!rc)
        printf("user %s added (id %ld, role %s)\n", login, id, o->role);
    return rc;
}

static int user_passwd(struct store *st, const struct core_actor *me, long id, const char *login,
                       const struct user_opts *o, struct err *err)
{
    struct buf password = BUF_INIT;
    int rc = read_password(o->password_stdin, &password, err);
    if (!rc)
        rc = core_user_password_set(st, me, id, buf_str(&password), err);
    wipe(&password);
    if (!rc)
        printf("%s: password changed; the user's sessions were ended\n", login);
    return rc;
}

struct user_list {
    int json, n;
    struct buf out;
};

static int list_user(void *ctx, const struct store_user *u)
{
    struct user_list *l = ctx;
    char created[CORE_TIME_SIZE], last[CORE_TIME_SIZE] = "never";
    core_time_format(u->created_at, created);
    if (u->last_login_at)
        core_time_format(u->last_login_at, last);
    if (!l->json) {
        buf_printf(&l->out, "%-20s %-12s %-12s %-8s %-24s %s\n", u->login, u->role,
                   u->institution_code ? u->institution_code : "-",
                   u->active ? "active" : "inactive", last, u->name ? u->name : "");
        return 0;
    }
    buf_printf(&l->out, "%s{\"id\":%ld,\"login\":", l->n++ ? "," : "", u->id);
    buf_put_json_string(&l->out, u->login);
    buf_puts(&l->out, ",\"name\":");
    if (u->name)
        buf_put_json_string(&l->out, u->name);
    else
        buf_puts(&l->out, "null");
    buf_printf(&l->out, ",\"role\":\"%s\",\"institution\":", u->role);
    if (u->institution_code)
        buf_put_json_string(&l->out, u->institution_code);
    else
        buf_puts(&l->out, "null");
    buf_printf(&l->out, ",\"active\":%s,\"created_at\":\"%s\",\"last_login_at\":",
               u->active ? "true" : "false", created);
    buf_printf(&l->out, u->last_login_at ? "\"%s\"}" : "null}", last);
    return 0;
}

static int user_list(struct store *st, const struct core_actor *me, int json, struct err *err)
{
    struct user_list l = {.json = json};
    if (json)
        buf_putc(&l.out, '[');
    else
        buf_printf(&l.out, "%-20s %-12s %-12s %-8s %-24s %s\n", "LOGIN", "ROLE", "INSTITUTION",
                   "STATE", "LAST LOGIN", "NAME");
    int rc = core_user_each(st, me, list_user, &l, err);
    if (json)
        buf_puts(&l.out, "]\n");
    if (!rc && l.out.oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc)
        fputs(buf_str(&l.out), stdout);
    buf_free(&l.out);
    return rc;
}

/* Runs subcommand sub with its positional arguments args[0..nargs). */
static int user_run(struct store *st, const char *sub, char **args, int nargs,
                    const struct user_opts *o, struct err *err)
{
    char cli_login[CORE_LOGIN_MAX + 8];
    struct core_actor me;
    core_actor_cli(&me, cli_login, sizeof cli_login);
    if (!strcmp(sub, "list"))
        return nargs ? err_set(err, ERR_USAGE, "user list: takes no argument")
                     : user_list(st, &me, o->json, err);
    if (nargs != 1)
        return err_set(err, ERR_USAGE, "user %s: give exactly one LOGIN", sub);
    if (!strcmp(sub, "add"))
        return user_add(st, &me, args[0], o, err);
    long id = 0;
    int rc = core_user_get(st, &me, 0, args[0], copy_user_id, &id, err);
    if (rc)
        return rc;
    if (!strcmp(sub, "passwd"))
        return user_passwd(st, &me, id, args[0], o, err);
    int active = !strcmp(sub, "activate");
    rc = active ? core_user_activate(st, &me, id, err) : core_user_deactivate(st, &me, id, err);
    if (!rc)
        printf("%s: %s\n", args[0],
               active ? "activated" : "deactivated; the user's sessions were ended");
    return rc;
}

int cli_user(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"role", required_argument, NULL, 'r'},
                                         {"name", required_argument, NULL, 'n'},
                                         {"institution", required_argument, NULL, 'i'},
                                         {"password-stdin", no_argument, NULL, 'p'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    struct user_opts o = {0};
    struct err err = {0};
    const char *sub = NULL;
    int c;
    /* options before the subcommand; then, getopt restarted on the subcommand's own argv,
     * options anywhere among its arguments */
    for (int pass = 0; pass < 2; pass++) {
        while ((c = getopt_long(argc, argv, pass ? "h" : "+h", opts, NULL)) != -1) {
            switch (c) {
            case 'h':
                return cli_help(user_help);
            case 'r':
                o.role = optarg;
                break;
            case 'n':
                o.name = optarg;
                break;
            case 'i':
                o.institution = optarg;
                break;
            case 'p':
                o.password_stdin = 1;
                break;
            case 'j':
                o.json = 1;
                break;
            default:
                return EXIT_USAGE;
            }
        }
        if (pass || optind >= argc)
            break;
        sub = argv[optind];
        argc -= optind;
        argv += optind;
        optind = 0;
    }
    static const char *const subs[] = {"add", "list", "passwd", "deactivate", "activate"};
    int known = 0;
    for (size_t i = 0; sub && i < sizeof subs / sizeof subs[0]; i++)
        known |= !strcmp(sub, subs[i]);
    if (!known) {
        err_set(&err, ERR_USAGE, "user: %s%s%s (add, list, passwd, deactivate, activate)",
                sub ? "unknown subcommand \"" : "give a subcommand", sub ? sub : "",
                sub ? "\"" : "");
        return cli_fail(&err);
    }
    struct store *st;
    int rc = cli_open(cli, 0, &st);
    if (rc)
        return rc;
    if (user_run(st, sub, argv + optind, argc - optind, &o, &err))
        rc = cli_fail(&err);
    store_close(st);
    return rc;
}

/* ---- suivi audit ------------------------------------------------------------------------- */

static const char audit_help[] =
    "usage: suivi --db FILE audit [--entity E] [--id ID] [--actor LOGIN] [--action A]\n"
    "                             [--limit N] [--offset N] [--json]\n"
    "\n"
    "The audit trail, newest first: when, who (a login, or cli:USER for the command line),\n"
    "what action on which entity (user, session, institution, import...), the entity before\n"
    "and after, and from which address. --limit defaults to 50; 0 shows everything.\n";

struct audit_list {
    int json, n;
    struct buf out;
};

static void put_json_or_null(struct buf *b, const char *s)
{
    if (s)
        buf_put_json_string(b, s);
    else
        buf_puts(b, "null");
}

static int list_event(void *ctx, const struct store_audit *a)
{
    struct audit_list *l = ctx;
    char at[CORE_TIME_SIZE];
    core_time_format(a->at, at);
    struct buf *b = &l->out;
    if (!l->json) {
        buf_printf(b, "%s  %-16s %-13s %s%s%s", at, a->actor_login, a->action, a->entity,
                   a->entity_id ? " " : "", a->entity_id ? a->entity_id : "");
        if (a->before_json)
            buf_printf(b, "  before=%s", a->before_json);
        if (a->after_json)
            buf_printf(b, "  after=%s", a->after_json);
        if (a->detail)
            buf_printf(b, "  (%s)", a->detail);
        if (a->ip)
            buf_printf(b, "  from %s", a->ip);
        l->n++;
        return buf_putc(b, '\n');
    }
    buf_printf(b, "%s{\"id\":%ld,\"at\":\"%s\",\"actor_id\":", l->n++ ? "," : "", a->id, at);
    buf_printf(b, a->actor_id ? "%ld" : "null", a->actor_id);
    const char *names[] = {"actor_login", "action", "entity", "entity_id", "ip", "detail"};
    const char *values[] = {a->actor_login, a->action, a->entity, a->entity_id, a->ip, a->detail};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        buf_printf(b, ",\"%s\":", names[i]);
        put_json_or_null(b, values[i]);
    }
    /* before and after are JSON already */
    buf_printf(b, ",\"before\":%s,\"after\":%s}", a->before_json ? a->before_json : "null",
               a->after_json ? a->after_json : "null");
    return 0;
}

/* Parses a count for --limit/--offset. */
static int parse_count(const char *opt, const char *text, int *out, struct err *err)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (*text == '\0' || *end || v < 0 || v > 1000000)
        return err_set(err, ERR_USAGE, "%s %s: expected a number from 0 to 1000000", opt, text);
    *out = (int)v;
    return 0;
}

static int audit_options(int argc, char **argv, struct store_audit_filter *f, int *json,
                         struct err *err)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"entity", required_argument, NULL, 'e'},
                                         {"id", required_argument, NULL, 'i'},
                                         {"actor", required_argument, NULL, 'a'},
                                         {"action", required_argument, NULL, 'A'},
                                         {"limit", required_argument, NULL, 'l'},
                                         {"offset", required_argument, NULL, 'o'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    int c, rc = 0;
    while (!rc && (c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            return 1;
        case 'e':
            f->entity = optarg;
            break;
        case 'i':
            f->entity_id = optarg;
            break;
        case 'a':
            f->actor_login = optarg;
            break;
        case 'A':
            f->action = optarg;
            break;
        case 'l':
            rc = parse_count("--limit", optarg, &f->limit, err);
            break;
        case 'o':
            rc = parse_count("--offset", optarg, &f->offset, err);
            break;
        case 'j':
            *json = 1;
            break;
        default:
            return err_set(err, ERR_USAGE, "audit: see suivi audit --help");
        }
    }
    if (!rc && optind < argc)
        rc = err_set(err, ERR_USAGE, "audit: unexpected argument \"%s\"", argv[optind]);
    return rc;
}

int cli_audit(struct cli *cli, int argc, char **argv)
{
    struct store_audit_filter f = {.limit = 50};
    struct audit_list l = {0};
    struct err err = {0};
    int rc = audit_options(argc, argv, &f, &l.json, &err);
    if (rc == 1)
        return cli_help(audit_help);
    if (rc)
        return cli_fail(&err);
    struct store *st;
    if ((rc = cli_open(cli, STORE_READONLY, &st)))
        return rc;
    char cli_login[CORE_LOGIN_MAX + 8];
    struct core_actor me;
    core_actor_cli(&me, cli_login, sizeof cli_login);
    long total = 0;
    if (l.json)
        buf_puts(&l.out, "{\"events\":[");
    if (core_audit_each(st, &me, &f, list_event, &l, &total, &err)) {
        rc = cli_fail(&err);
    } else {
        if (l.json)
            buf_printf(&l.out, "],\"total\":%ld}\n", total);
        else if (total > f.offset + l.n)
            buf_printf(&l.out, "(%d of %ld events shown; see --limit and --offset)\n", l.n, total);
        fputs(buf_str(&l.out), stdout);
    }
    buf_free(&l.out);
    store_close(st);
    return rc;
}
