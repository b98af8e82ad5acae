/*
 * followup.c (cli) — `suivi clusters`, `suivi assign`, `suivi action`, `suivi indicator`: the
 * planning side of follow-up from the command line, and what every follow-up command shares
 * (followup.h: options, --as LOGIN, names of institutions and clusters). Commands act as the
 * command line (an administrator) unless --as names an active user, whose role and institution
 * then decide what is allowed, exactly as on the web.
 */
#include "cli/followup.h"

#include <getopt.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/followup.h"
#include "util/buf.h"
#include "util/jsonw.h"

/* ---- shared ------------------------------------------------------------------------------ */

#define S(field) offsetof(struct fu_opts, field)
static const struct {
    const char *name;
    int has_arg;
    size_t offset;
} known[] = {
    {"as", 1, S(as)},
    {"institution", 1, S(institution)},
    {"cluster", 1, S(cluster)},
    {"deadline", 1, S(deadline)},
    {"country", 1, S(country)},
    {"description", 1, S(description)},
    {"unit", 1, S(unit)},
    {"start", 1, S(start)},
    {"due", 1, S(due)},
    {"budget", 1, S(budget)},
    {"currency", 1, S(currency)},
    {"status", 1, S(status)},
    {"name", 1, S(name)},
    {"definition", 1, S(definition)},
    {"source", 1, S(source)},
    {"baseline", 1, S(baseline)},
    {"target", 1, S(target)},
    {"baseline-date", 1, S(baseline_date)},
    {"target-date", 1, S(target_date)},
    {"sdg", 1, S(sdg)},
    {"note", 1, S(note)},
    {"narrative", 1, S(narrative)},
    {"comment", 1, S(comment)},
    {"type", 1, S(type)},
    {"body", 1, S(body)},
    {"organisation", 1, S(organisation)},
    {"output", 1, S(output)},
    {"days", 1, S(days)},
    {"theme", 1, S(theme)},
    {"affected", 1, S(affected)},
    {"lead", 0, S(lead)},
    {"support", 0, S(support)},
    {"manual", 0, S(manual)},
    {"json", 0, S(json)},
    {"assessment", 0, S(assessment)},
    {"send", 0, S(send)},
};
#undef S

enum { NKNOWN = sizeof known / sizeof known[0] };

/* Whether word is one of the space-separated words of list. */
static int listed(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
    return 0;
}

int fu_parse(const char *command, int argc, char **argv, const char *allowed, struct fu_opts *o)
{
    struct option opts[NKNOWN + 2];
    for (int i = 0; i < NKNOWN; i++)
        opts[i] = (struct option){known[i].name, known[i].has_arg, NULL, 256 + i};
    opts[NKNOWN] = (struct option){"help", no_argument, NULL, 'h'};
    opts[NKNOWN + 1] = (struct option){NULL, 0, NULL, 0};
    memset(o, 0, sizeof *o);
    int c, index;
    optind = 0;
    while ((c = getopt_long(argc, argv, "h", opts, &index)) != -1) {
        if (c == 'h')
            return 1;
        if (c < 256 || !listed(allowed, known[c - 256].name)) {
            if (c >= 256)
                fprintf(stderr, "suivi: %s: option --%s does not apply here (see --help)\n",
                        command, known[c - 256].name);
            return ERR_USAGE;
        }
        char *field = (char *)o + known[c - 256].offset;
        if (known[c - 256].has_arg)
            *(const char **)(void *)field = optarg;
        else
            *(int *)(void *)field = 1;
    }
    o->args = argv + optind;
    o->nargs = argc - optind;
    return 0;
}

static int copy_actor_user(void *ctx, const struct store_user *u)
{
    struct fu_actor *a = ctx;
    snprintf(a->login, sizeof a->login, "%s", u->login);
    snprintf(a->role, sizeof a->role, "%s", u->role);
    a->actor = (struct core_actor){u->id, a->login, a->role, u->institution_id, NULL};
    return u->active ? 0 : 1;
}

int fu_actor_load(struct store *st, const char *as, struct fu_actor *out, struct err *err)
{
    core_actor_cli(&out->actor, out->login, sizeof out->login);
    if (!as)
        return 0;
    int rc = core_user_get(st, &out->actor, 0, as, copy_actor_user, out, err);
    if (rc == 1)
        return err_set(err, ERR_DENIED, "--as %s: this user is deactivated", as);
    if (rc == ERR_NOTFOUND)
        return err_set(err, ERR_USAGE, "--as %s: no such user (see suivi user list)", as);
    return rc;
}

static int copy_institution(void *ctx, const struct store_institution *in)
{
    *(long *)ctx = in->id;
    return 0;
}

int fu_institution_id(struct store *st, const char *code, long *id, struct err *err)
{
    if (!code)
        return err_set(err, ERR_USAGE, "give the institution: --institution CODE");
    int rc = core_institution_get(st, 0, code, copy_institution, id, err);
    if (rc == ERR_NOTFOUND)
        return err_set(err, ERR_INPUT,
                       "institution %s: no such institution; add it with: suivi institution add "
                       "%s NAME",
                       code, code);
    return rc;
}

static int copy_cluster_id(void *ctx, const struct core_cluster *c)
{
    *(long *)ctx = c->id;
    return 0;
}

int fu_cluster_id(struct store *st, const char *text, long *id, struct err *err)
{
    char *end;
    long n = strtol(text, &end, 10);
    if (*text && !*end && n > 0)
        return core_cluster_get(st, n, NULL, copy_cluster_id, id, err);
    return core_cluster_get(st, 0, text, copy_cluster_id, id, err);
}

int fu_parse_id(const char *what, const char *text, long *id, struct err *err)
{
    char *end;
    long n = text ? strtol(text, &end, 10) : 0;
    if (!text || !*text || *end || n <= 0)
        return err_set(err, ERR_USAGE, "%s \"%s\": expected a number", what, text ? text : "");
    *id = n;
    return 0;
}

int fu_parse_number(const char *what, const char *text, double *out, struct err *err)
{
    if (!text || !*text)
        return 0;
    char *end;
    double v = strtod(text, &end);
    if (*end || !isfinite(v))
        return err_set(err, ERR_USAGE, "%s \"%s\": expected a number", what, text);
    *out = v;
    return 0;
}

int fu_run(struct cli *cli, int flags, const struct fu_opts *o,
           int (*fn)(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                     struct err *err))
{
    struct store *st;
    struct err err = {0};
    struct fu_actor me;
    int rc = cli_open(cli, flags, &st);
    if (rc)
        return rc;
    if (fu_actor_load(st, o->as, &me, &err) || fn(st, &me.actor, o, &err))
        rc = cli_fail(&err);
    store_close(st);
    return rc;
}

int fu_command(struct cli *cli, int argc, char **argv, const char *help, const char *allowed,
               const char *subs,
               int (*fn)(struct store *, const struct core_actor *, const struct fu_opts *,
                         struct err *))
{
    struct fu_opts o;
    int rc = fu_parse(argv[0], argc, argv, allowed, &o);
    if (rc == 1)
        return cli_help(help);
    if (rc) {
        fputs(help, stderr);
        return EXIT_USAGE;
    }
    if (subs && (!o.nargs || !listed(subs, o.args[0]))) {
        struct err err;
        err_set(&err, ERR_USAGE, "%s: %s%s%s (%s)", argv[0],
                o.nargs ? "unknown subcommand \"" : "give a subcommand", o.nargs ? o.args[0] : "",
                o.nargs ? "\"" : "", subs);
        return cli_fail(&err);
    }
    return fu_run(cli, 0, &o, fn);
}

/* ---- suivi clusters ---------------------------------------------------------------------- */

static const char clusters_help[] =
    "usage: suivi --db FILE clusters create NAME (--theme T | --sdg S | --affected A | --body B |\n"
    "                                        --manual) [--country STATE]\n"
    "       suivi --db FILE clusters add|remove CLUSTER REC_ID...\n"
    "       suivi --db FILE clusters refresh CLUSTER\n"
    "       suivi --db FILE clusters list [--json]\n"
    "       suivi --db FILE clusters members CLUSTER\n"
    "\n"
    "A cluster groups recommendations so that they are assigned and followed up together: by\n"
    "UHRI theme or UPR Info issue (--theme), SDG goal or target (--sdg 5, --sdg 16.3), affected\n"
    "persons (--affected), body (--body CEDAW), or by hand (--manual, then add). --country limits\n"
    "it to one State's recommendations. refresh re-reads the criterion after an import; members\n"
    "added by hand stay. CLUSTER is a cluster's number or name. Every option takes --as LOGIN.\n";

static int copy_cluster(void *ctx, const struct core_cluster *c)
{
    *(struct core_cluster *)ctx = *c; /* members and id only are used after the call */
    return 0;
}

static int clusters_create(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                           struct err *err)
{
    struct core_cluster c = {.name = o->nargs == 2 ? o->args[1] : NULL, .country = o->country};
    int kinds = !!o->theme + !!o->sdg + !!o->affected + !!o->body + o->manual;
    if (!c.name || kinds != 1)
        return err_set(err, ERR_USAGE,
                       "clusters create: give NAME and one of --theme, --sdg, --affected, "
                       "--body, --manual");
    c.kind = o->theme      ? CORE_CLUSTER_THEME
             : o->sdg      ? CORE_CLUSTER_SDG
             : o->affected ? CORE_CLUSTER_AFFECTED
             : o->body     ? CORE_CLUSTER_BODY
                           : CORE_CLUSTER_MANUAL;
    c.criterion = o->theme ? o->theme : o->sdg ? o->sdg : o->affected ? o->affected : o->body;
    long id = 0;
    struct core_cluster made = {0};
    int rc = core_cluster_create(st, me, &c, &id, err);
    if (!rc)
        rc = core_cluster_get(st, id, NULL, copy_cluster, &made, err);
    if (!rc)
        printf("cluster %ld \"%s\" created: %ld recommendations\n", id, c.name, made.members);
    return rc;
}

struct listing {
    int json, n;
    struct buf out;
};

static int list_cluster(void *ctx, const struct core_cluster *c)
{
    struct listing *l = ctx;
    if (!l->json)
        return buf_printf(&l->out, "%-4ld %-32s %-9s %-28s %-7s %ld\n", c->id, c->name,
                          core_cluster_kind_name(c->kind), c->criterion ? c->criterion : "-",
                          c->country ? c->country : "all", c->members) < 0;
    struct jsonw w;
    if (l->n++)
        buf_putc(&l->out, ',');
    jsonw_init(&w, &l->out);
    jsonw_object(&w);
    jsonw_kv_int(&w, "id", c->id);
    jsonw_kv_string(&w, "name", c->name);
    jsonw_kv_string(&w, "kind", core_cluster_kind_name(c->kind));
    jsonw_kv_string(&w, "criterion", c->criterion);
    jsonw_kv_string(&w, "country", c->country);
    jsonw_kv_int(&w, "members", c->members);
    jsonw_end(&w);
    return 0;
}

/* Prints what a listing gathered, or fails when it ran out of memory. */
static int listing_print(struct listing *l, int rc, struct err *err)
{
    if (!rc && l->out.oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc)
        fputs(buf_str(&l->out), stdout);
    buf_free(&l->out);
    return rc;
}

static int print_id(void *ctx, const char *rec_id)
{
    (void)ctx;
    return puts(rec_id) < 0;
}

static int clusters_run(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                        struct err *err)
{
    const char *sub = o->args[0];
    if (!strcmp(sub, "create"))
        return clusters_create(st, me, o, err);
    if (!strcmp(sub, "list")) {
        struct listing l = {.json = o->json};
        buf_puts(&l.out, o->json ? "[" : "");
        int rc = core_cluster_each(st, me, list_cluster, &l, err);
        buf_puts(&l.out, o->json ? "]\n" : "");
        return listing_print(&l, rc, err);
    }
    long id = 0;
    int rc = o->nargs < 2 ? err_set(err, ERR_USAGE, "clusters %s: give CLUSTER", sub)
                          : fu_cluster_id(st, o->args[1], &id, err);
    if (rc)
        return rc;
    if (!strcmp(sub, "members"))
        return core_cluster_members(st, id, print_id, NULL, err);
    if (!strcmp(sub, "refresh")) {
        struct core_cluster c = {0};
        if (!(rc = core_cluster_refresh(st, me, id, err)) &&
            !(rc = core_cluster_get(st, id, NULL, copy_cluster, &c, err)))
            printf("cluster %ld refreshed: %ld recommendations\n", id, c.members);
        return rc;
    }
    if (o->nargs < 3)
        return err_set(err, ERR_USAGE, "clusters %s: give CLUSTER and REC_ID...", sub);
    int add = !strcmp(sub, "add");
    for (int i = 2; i < o->nargs && !rc; i++) {
        rc = add ? core_cluster_add(st, me, id, o->args[i], err)
                 : core_cluster_remove(st, me, id, o->args[i], err);
        if (!rc)
            printf("%s %s cluster %ld\n", o->args[i], add ? "added to" : "removed from", id);
    }
    return rc;
}

int cli_clusters(struct cli *cli, int argc, char **argv)
{
    return fu_command(cli, argc, argv, clusters_help,
                      "as json theme sdg affected body manual country",
                      "create add remove refresh list members", clusters_run);
}

/* ---- suivi assign ------------------------------------------------------------------------ */

static const char assign_help[] =
    "usage: suivi --db FILE assign REC_ID INSTITUTION [--lead|--support] [--deadline DATE]\n"
    "       suivi --db FILE assign --cluster CLUSTER INSTITUTION [--lead|--support]\n"
    "                              [--deadline DATE]\n"
    "       suivi --db FILE assign list REC_ID\n"
    "       suivi --db FILE assign list --institution CODE\n"
    "       suivi --db FILE assign remove ASSIGNMENT_ID\n"
    "\n"
    "Gives a recommendation, or every recommendation of a cluster, to an institution (its code,\n"
    "see suivi institution): the lead institution (one per recommendation or cluster: a new lead\n"
    "makes the previous one supporting) or a supporting one (the default). Its focal points then\n"
    "see it and report on it. DATE (YYYY-MM-DD) is when progress is expected, e.g. the next\n"
    "mid-term report. list shows who a recommendation is assigned to (directly or through a\n"
    "cluster), or what an institution is assigned. Takes --as LOGIN.\n";

static int list_assignment(void *ctx, const struct core_assignment *a)
{
    (void)ctx;
    char via[32] = "direct";
    if (a->cluster_id)
        snprintf(via, sizeof via, "cluster %ld", a->cluster_id);
    return printf("%-6ld %-12s %-10s %-12s %s\n", a->id, a->institution_code,
                  a->lead ? "lead" : "supporting", via, a->deadline ? a->deadline : "-") < 0;
}

static int assign_list(struct store *st, const struct fu_opts *o, struct err *err)
{
    if (o->institution) {
        long inst = 0;
        int rc = fu_institution_id(st, o->institution, &inst, err);
        return rc ? rc : core_assigned_to(st, inst, print_id, NULL, err);
    }
    if (o->nargs != 2)
        return err_set(err, ERR_USAGE, "assign list: give REC_ID or --institution CODE");
    printf("%-6s %-12s %-10s %-12s %s\n", "ID", "INSTITUTION", "ROLE", "VIA", "DEADLINE");
    return core_assignments_of(st, o->args[1], list_assignment, NULL, err);
}

static int assign_run(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                      struct err *err)
{
    if (o->nargs && !strcmp(o->args[0], "list"))
        return assign_list(st, o, err);
    long id = 0;
    int rc = 0;
    if (o->nargs && !strcmp(o->args[0], "remove")) {
        if (o->nargs != 2)
            return err_set(err, ERR_USAGE, "assign remove: give ASSIGNMENT_ID");
        if (!(rc = fu_parse_id("ASSIGNMENT_ID", o->args[1], &id, err)) &&
            !(rc = core_unassign(st, me, id, err)))
            printf("assignment %ld removed\n", id);
        return rc;
    }
    if (o->nargs != (o->cluster ? 1 : 2) || (o->lead && o->support))
        return err_set(err, ERR_USAGE,
                       "assign: give REC_ID INSTITUTION, or --cluster CLUSTER "
                       "INSTITUTION, and at most one of --lead, --support");
    struct core_assignment a = {
        .rec_id = o->cluster ? NULL : o->args[0], .lead = o->lead, .deadline = o->deadline};
    const char *code = o->args[o->nargs - 1];
    if ((o->cluster && (rc = fu_cluster_id(st, o->cluster, &a.cluster_id, err))) ||
        (rc = fu_institution_id(st, code, &a.institution_id, err)) ||
        (rc = core_assign(st, me, &a, &id, err)))
        return rc;
    printf("assignment %ld: %s%s to %s as %s\n", id, o->cluster ? "cluster " : "",
           o->cluster ? o->cluster : a.rec_id, code, a.lead ? "lead" : "supporting institution");
    return 0;
}

int cli_assign(struct cli *cli, int argc, char **argv)
{
    return fu_command(cli, argc, argv, assign_help, "as cluster lead support deadline institution",
                      NULL, assign_run);
}

/* ---- suivi action ------------------------------------------------------------------------ */

static const char action_help[] =
    "usage: suivi --db FILE action add (REC_ID | --cluster CLUSTER) --institution CODE\n"
    "                                  --description TEXT [--unit UNIT] [--start DATE]\n"
    "                                  [--due DATE] [--budget AMOUNT --currency EUR]\n"
    "                                  [--status STATUS]\n"
    "       suivi --db FILE action set ID [--status STATUS] [--due DATE] [--description TEXT]\n"
    "                                  [...the options of add]\n"
    "       suivi --db FILE action list REC_ID\n"
    "\n"
    "A planned action of an institution to implement a recommendation (or a whole cluster);\n"
    "the institution must be assigned it. UNIT is the department responsible; STATUS is\n"
    "planned (the default), ongoing, completed, delayed or cancelled. Dates are YYYY-MM-DD.\n"
    "Actions due soon or overdue are reminded (suivi remind). Takes --as LOGIN.\n";

/* Applies the options given to a. */
static int action_options(struct store *st, const struct fu_opts *o, struct core_plan_action *a,
                          struct err *err)
{
    int rc = 0;
    if (o->institution && (rc = fu_institution_id(st, o->institution, &a->institution_id, err)))
        return rc;
    if (o->status && core_action_status_parse(o->status, &a->status))
        return err_set(err, ERR_USAGE,
                       "--status %s: expected planned, ongoing, completed, delayed or cancelled",
                       o->status);
    const char **fields[] = {&a->description, &a->unit, &a->start_date, &a->due_date, &a->currency};
    const char *given[] = {o->description, o->unit, o->start, o->due, o->currency};
    for (size_t i = 0; i < sizeof given / sizeof given[0]; i++)
        if (given[i])
            *fields[i] = given[i];
    return fu_parse_number("--budget", o->budget, &a->budget, err);
}

struct action_copy {
    struct core_plan_action a;
    char *text[6];
};

static int copy_action(void *ctx, const struct core_plan_action *a)
{
    struct action_copy *c = ctx;
    c->a = *a;
    const char **fields[] = {&c->a.rec_id,     &c->a.description, &c->a.unit,
                             &c->a.start_date, &c->a.due_date,    &c->a.currency};
    for (int i = 0; i < 6; i++) {
        if (*fields[i] && !(c->text[i] = strdup(*fields[i])))
            return ERR_NOMEM;
        *fields[i] = c->text[i];
    }
    return 0;
}

static int list_action(void *ctx, const struct core_plan_action *a)
{
    (void)ctx;
    return printf("%-5ld %-10s %-10s inst %-4ld %s%s\n", a->id, core_action_status_name(a->status),
                  a->due_date ? a->due_date : "-", a->institution_id, a->description,
                  a->cluster_id ? " (cluster)" : "") < 0;
}

static int action_run(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                      struct err *err)
{
    const char *sub = o->args[0];
    if (!strcmp(sub, "list"))
        return o->nargs != 2 ? err_set(err, ERR_USAGE, "action list: give REC_ID")
                             : core_actions_of(st, o->args[1], list_action, NULL, err);
    struct action_copy old = {.a = {.budget = NAN}};
    long id = 0;
    int rc = 0;
    if (!strcmp(sub, "set")) {
        if (o->nargs != 2)
            return err_set(err, ERR_USAGE, "action set: give the action's ID");
        if (!(rc = fu_parse_id("action ID", o->args[1], &id, err)))
            rc = core_action_get(st, id, copy_action, &old, err);
    } else if (o->nargs != (o->cluster ? 1 : 2)) {
        rc = err_set(err, ERR_USAGE, "action add: give REC_ID or --cluster CLUSTER");
    } else if (o->cluster) {
        rc = fu_cluster_id(st, o->cluster, &old.a.cluster_id, err);
    } else {
        old.a.rec_id = o->args[1];
    }
    if (!rc && !(rc = action_options(st, o, &old.a, err)) &&
        !(rc = core_action_put(st, me, &old.a, &id, err)))
        printf("action %ld %s\n", id, old.a.id ? "changed" : "added");
    for (int i = 0; i < 6; i++)
        free(old.text[i]);
    return rc == ERR_NOMEM ? err_set(err, ERR_NOMEM, "out of memory") : rc;
}

int cli_action(struct cli *cli, int argc, char **argv)
{
    return fu_command(cli, argc, argv, action_help,
                      "as cluster institution description unit start due budget currency status",
                      "add set list", action_run);
}

/* ---- suivi indicator --------------------------------------------------------------------- */

static const char indicator_help[] =
    "usage: suivi --db FILE indicator add REC_ID --institution CODE --name NAME\n"
    "                                     [--definition TEXT] [--unit UNIT] [--source SOURCE]\n"
    "                                     [--baseline N [--baseline-date DATE]]\n"
    "                                     [--target N [--target-date DATE]] [--sdg 5.2.1]\n"
    "       suivi --db FILE indicator value INDICATOR_ID DATE VALUE [--note TEXT]\n"
    "       suivi --db FILE indicator list REC_ID\n"
    "\n"
    "An indicator measures a recommendation's implementation: what is counted (definition,\n"
    "unit), who counts it (source: e.g. the statistics office), where it started and where it\n"
    "should go, and the SDG indicator it feeds. value records its value on a date (again for\n"
    "the same date replaces it). Takes --as LOGIN.\n";

static int list_indicator(void *ctx, const struct core_indicator *ind,
                          const struct core_indicator_value *values, size_t nvalues)
{
    (void)ctx;
    printf("%-5ld %s", ind->id, ind->name);
    if (ind->unit)
        printf(" (%s)", ind->unit);
    if (!isnan(ind->baseline))
        printf("  baseline %g", ind->baseline);
    if (!isnan(ind->target))
        printf("  target %g", ind->target);
    if (ind->sdg_indicator)
        printf("  SDG %s", ind->sdg_indicator);
    for (size_t i = 0; i < nvalues; i++)
        printf("%s%s=%g", i ? ", " : "  values: ", values[i].date, values[i].value);
    return putchar('\n') == EOF;
}

static int indicator_run(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                         struct err *err)
{
    const char *sub = o->args[0];
    int rc;
    if (!strcmp(sub, "list"))
        return o->nargs != 2 ? err_set(err, ERR_USAGE, "indicator list: give REC_ID")
                             : core_indicators_of(st, o->args[1], list_indicator, NULL, err);
    if (!strcmp(sub, "value")) {
        struct core_indicator_value v = {.date = o->nargs == 4 ? o->args[2] : NULL,
                                         .note = o->note};
        if (o->nargs != 4)
            return err_set(err, ERR_USAGE, "indicator value: give INDICATOR_ID DATE VALUE");
        if ((rc = fu_parse_id("INDICATOR_ID", o->args[1], &v.indicator_id, err)) ||
            (rc = fu_parse_number("VALUE", o->args[3], &v.value, err)) ||
            (rc = core_indicator_value_put(st, me, &v, err)))
            return rc;
        printf("indicator %ld: %s = %g\n", v.indicator_id, v.date, v.value);
        return 0;
    }
    if (o->nargs != 2)
        return err_set(err, ERR_USAGE, "indicator add: give REC_ID");
    struct core_indicator ind = {.rec_id = o->args[1],
                                 .name = o->name,
                                 .definition = o->definition,
                                 .unit = o->unit,
                                 .source = o->source,
                                 .baseline = NAN,
                                 .target = NAN,
                                 .baseline_date = o->baseline_date,
                                 .target_date = o->target_date,
                                 .sdg_indicator = o->sdg};
    long id = 0;
    if ((rc = fu_institution_id(st, o->institution, &ind.institution_id, err)) ||
        (rc = fu_parse_number("--baseline", o->baseline, &ind.baseline, err)) ||
        (rc = fu_parse_number("--target", o->target, &ind.target, err)) ||
        (rc = core_indicator_put(st, me, &ind, &id, err)))
        return rc;
    printf("indicator %ld added\n", id);
    return 0;
}

int cli_indicator(struct cli *cli, int argc, char **argv)
{
    return fu_command(cli, argc, argv, indicator_help,
                      "as institution name definition unit source baseline target baseline-date "
                      "target-date sdg note",
                      "add value list", indicator_run);
}
