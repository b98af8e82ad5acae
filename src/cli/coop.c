/*
 * coop.c (cli) — `suivi org`, `suivi need`, `suivi offer` (and, in coop_match.c, `suivi
 * match`): the technical-cooperation repository from the command line (core/coop.h), and the
 * options table, command runner and row printing they share (cli/coop.h). Commands act as
 * the command line (an administrator) unless --as names an active user, whose role and
 * organisation then decide what is allowed and what is seen, exactly as on the web: a need the
 * user may not see is "not found" here too.
 */
#include "cli/coop.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli/followup.h"
#include "core/coop.h"
#include "core/audit.h"
#include "core/match.h"
#include "util/buf.h"
#include "util/jsonw.h"

#define S(field) offsetof(struct co_opts, field)
static const struct cli_option known[] = {
    {"as", 1, S(as)},
    {"name", 1, S(name)},
    {"kind", 1, S(kind)},
    {"country", 1, S(country)},
    {"org", 1, S(org)},
    {"recs", 1, S(recs)},
    {"title", 1, S(title)},
    {"description", 1, S(description)},
    {"kinds", 1, S(kinds)},
    {"providers", 1, S(providers)},
    {"languages", 1, S(languages)},
    {"lang", 1, S(lang)},
    {"from", 1, S(from)},
    {"to", 1, S(to)},
    {"visibility", 1, S(visibility)},
    {"themes", 1, S(themes)},
    {"sdgs", 1, S(sdgs)},
    {"modality", 1, S(modality)},
    {"regions", 1, S(regions)},
    {"capacity", 1, S(capacity)},
    {"past", 1, S(past)},
    {"theme", 1, S(theme)},
    {"sdg", 1, S(sdg)},
    {"region", 1, S(region)},
    {"status", 1, S(status)},
    {"text", 1, S(text)},
    {"top", 1, S(top)},
    {"side", 1, S(side)},
    {"comment", 1, S(comment)},
    {"need", 1, S(need)},
    {"offer", 1, S(offer)},
    {"state", 1, S(state)},
    {"provider", 1, S(provider)},
    {"json", 0, S(json)},
};
#undef S

int co_command(struct cli *cli, int argc, char **argv, const char *help, const struct co_sub *subs,
               size_t nsubs)
{
    struct co_opts o = {0};
    int rc =
        cli_options_parse(argc, argv, known, sizeof known / sizeof known[0], &o, &o.args, &o.nargs);
    if (rc == 1)
        return cli_help(help);
    if (rc) {
        fputs(help, stderr);
        return EXIT_USAGE;
    }
    struct err err = {0};
    const struct co_sub *sub = NULL;
    for (size_t i = 0; o.nargs && i < nsubs; i++)
        if (!strcmp(o.args[0], subs[i].name))
            sub = &subs[i];
    if (!sub) {
        err_set(&err, ERR_USAGE, "%s: %s%s%s (see %s --help)", argv[0],
                o.nargs ? "unknown subcommand \"" : "give a subcommand", o.nargs ? o.args[0] : "",
                o.nargs ? "\"" : "", argv[0]);
        return cli_fail(&err);
    }
    if (o.nargs - 1 != sub->nargs) {
        err_set(&err, ERR_USAGE, "%s %s: expected %d argument%s, got %d (see --help)", argv[0],
                sub->name, sub->nargs, sub->nargs == 1 ? "" : "s", o.nargs - 1);
        return cli_fail(&err);
    }
    o.args++;
    o.nargs--;
    struct store *st;
    if ((rc = cli_open(cli, 0, &st)))
        return rc;
    struct fu_actor me;
    if (fu_actor_load(st, o.as, &me, &err) || sub->fn(st, &me.actor, &o, &err))
        rc = cli_fail(&err);
    store_close(st);
    return rc;
}

static int org_id_of(void *ctx, const struct core_org *org)
{
    *(long *)ctx = org->id;
    return 0;
}

/* The id of organisation code (ERR_USAGE naming the option when unknown). */
static int org_lookup(struct store *st, const char *option, const char *code, long *id,
                      struct err *err)
{
    *id = 0;
    if (!code)
        return 0;
    int rc = core_org_get(st, 0, code, org_id_of, id, err);
    if (rc == ERR_NOTFOUND)
        return err_set(err, ERR_USAGE, "%s %s: no such organisation (see suivi org list)", option,
                       code);
    return rc;
}

void co_rows_begin(struct co_rows *r, int json, int array, int full)
{
    *r = (struct co_rows){.json = json, .array = json && array, .full = full};
    jsonw_init(&r->w, &r->out);
    if (r->array)
        jsonw_array(&r->w);
}

int co_rows_end(struct co_rows *r, int rc, struct err *err)
{
    if (!rc && r->json) {
        if (r->array)
            jsonw_end(&r->w);
        buf_putc(&r->out, '\n');
    }
    if (!rc && r->out.oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc && r->out.len)
        fputs(buf_str(&r->out), stdout);
    buf_free(&r->out);
    return rc;
}

/* Runs act on the record whose ID is the first argument and says what became of it. */
static int act_on_id(struct store *st, const struct core_actor *me, const struct co_opts *o,
                     int (*act)(struct store *, const struct core_actor *, long, struct err *),
                     const char *what, const char *done, struct err *err)
{
    long id;
    int rc = fu_parse_id("ID", o->args[0], &id, err);
    if (!rc)
        rc = act(st, me, id, err);
    if (!rc)
        printf("%s %ld: %s\n", what, id, done);
    return rc;
}

/* ---- suivi org ------------------------------------------------------------------------------ */

static const char org_help[] =
    "usage: suivi --db FILE org add CODE --name NAME --kind KIND [--country STATE]\n"
    "       suivi --db FILE org list [--json]\n"
    "       suivi --db FILE org link LOGIN CODE     (CODE \"-\" unlinks the account)\n"
    "\n"
    "Organisations act in the technical-cooperation repository: KIND is state, un_entity, nhri,\n"
    "ngo or regional_body; a State's organisation needs --country (ISO code or name). An account\n"
    "linked to an organisation records needs (a State's coordinator) or offers (any provider)\n"
    "for it. Administrators only. Every subcommand takes --as LOGIN.\n";

static int org_add(struct store *st, const struct core_actor *me, const struct co_opts *o,
                   struct err *err)
{
    struct core_org in = {0, o->args[0], o->name, 0, o->country, NULL};
    if (!o->kind)
        return err_set(err, ERR_USAGE,
                       "org add: give --kind (state, un_entity, nhri, ngo, "
                       "regional_body)");
    int rc = core_org_kind_parse(o->kind, &in.kind, err);
    long id;
    if (rc || (rc = core_org_create(st, me, &in, &id, err)))
        return rc;
    printf("organisation %ld: %s\n", id, o->args[0]);
    return 0;
}

static int org_row(void *ctx, const struct core_org *org)
{
    struct co_rows *p = ctx;
    if (!p->json) {
        printf("%-12s %-13s %-4s %s\n", org->code, core_org_kind_name(org->kind),
               org->country ? org->country : "-", org->name);
        return 0;
    }
    jsonw_object(&p->w);
    jsonw_kv_int(&p->w, "id", org->id);
    jsonw_kv_string(&p->w, "code", org->code);
    jsonw_kv_string(&p->w, "name", org->name);
    jsonw_kv_string(&p->w, "kind", core_org_kind_name(org->kind));
    jsonw_kv_string(&p->w, "country", org->country);
    jsonw_kv_string(&p->w, "region", org->region);
    jsonw_end(&p->w);
    return 0;
}

static int org_list(struct store *st, const struct core_actor *me, const struct co_opts *o,
                    struct err *err)
{
    struct co_rows p;
    co_rows_begin(&p, o->json, 1, 0);
    return co_rows_end(&p, core_org_each(st, org_row, &p, err), err);
}

static int user_id_of(void *ctx, const struct store_user *u)
{
    *(long *)ctx = u->id;
    return 0;
}

static int org_link(struct store *st, const struct core_actor *me, const struct co_opts *o,
                    struct err *err)
{
    long user = 0, org = 0;
    int rc = core_user_get(st, me, 0, o->args[0], user_id_of, &user, err);
    if (rc == ERR_NOTFOUND)
        return err_set(err, ERR_USAGE, "LOGIN %s: no such user (see suivi user list)", o->args[0]);
    if (rc || (strcmp(o->args[1], "-") && (rc = org_lookup(st, "CODE", o->args[1], &org, err))))
        return rc;
    if ((rc = core_org_link(st, me, user, org, err)))
        return rc;
    printf("%s %s %s\n", o->args[0], org ? "acts for" : "acts for no organisation",
           org ? o->args[1] : "");
    return 0;
}

int cli_org(struct cli *cli, int argc, char **argv)
{
    static const struct co_sub subs[] = {
        {"add", 1, org_add}, {"list", 0, org_list}, {"link", 2, org_link}};
    return co_command(cli, argc, argv, org_help, subs, sizeof subs / sizeof *subs);
}

/* ---- suivi need ---------------------------------------------------------------------------- */

static const char need_help[] =
    "usage: suivi --db FILE need add --recs REC_ID,... --title TEXT --description TEXT\n"
    "                               --kinds KIND,... [--visibility private|registered|public]\n"
    "                               [--languages en,fr] [--lang en] [--from DATE] [--to DATE]\n"
    "                               [--providers state,nhri,...] [--org CODE]\n"
    "       suivi --db FILE need list [--country ISO3] [--region GROUP] [--theme CODE]\n"
    "                               [--sdg 5|5.2] [--kinds KIND,...] [--status "
    "open|met|withdrawn]\n"
    "                               [--visibility V] [--text WORDS] [--json]\n"
    "       suivi --db FILE need show ID [--json]\n"
    "       suivi --db FILE need visibility ID private|registered|public\n"
    "       suivi --db FILE need withdraw ID\n"
    "\n"
    "A need is a State's request for technical cooperation on some of its recommendations (their\n"
    "themes and SDGs come from the recommendations' tags). KIND is legal_drafting,\n"
    "data_collection, training, institution_building, policy_advice, awareness, monitoring or\n"
    "other. Visibility (default private) is the State's consent: private needs are seen by the\n"
    "State's own accounts and administrators only, registered ones by any logged-in account,\n"
    "public ones by anyone. It can be lowered, or the need withdrawn, at any time; every change\n"
    "is audited. Recorded by a State's coordinator (--as LOGIN) or an administrator (--org "
    "CODE).\n";

static int need_add(struct store *st, const struct core_actor *me, const struct co_opts *o,
                    struct err *err)
{
    struct core_need in = {.title = o->title,
                           .description = o->description,
                           .recs = o->recs,
                           .languages = o->languages,
                           .lang = o->lang,
                           .time_from = o->from,
                           .time_to = o->to};
    int rc = org_lookup(st, "--org", o->org, &in.org_id, err);
    if (!rc && !o->recs)
        rc = err_set(err, ERR_USAGE, "need add: give --recs REC_ID,...");
    if (!rc && !o->kinds)
        rc = err_set(err, ERR_USAGE, "need add: give --kinds KIND,...");
    if (!rc)
        rc = core_help_kinds_parse(o->kinds, &in.kinds, err);
    if (!rc && o->providers) {
        unsigned mask = 0;
        for (const char *p = o->providers; !rc && *p;) {
            size_t len = strcspn(p, ",|");
            char one[32];
            snprintf(one, sizeof one, "%.*s", (int)(len < 31 ? len : 31), p);
            enum core_org_kind k;
            if (!(rc = core_org_kind_parse(one, &k, err)))
                mask |= 1u << k;
            p += len;
            if (*p)
                p++;
        }
        in.providers = mask;
    }
    if (!rc && o->visibility)
        rc = core_visibility_parse(o->visibility, &in.visibility, err);
    long id;
    if (rc || (rc = core_need_create(st, me, &in, &id, err)))
        return rc;
    printf("need %ld (%s)\n", id, core_visibility_name(in.visibility));
    return 0;
}

static void json_need(struct jsonw *w, const struct core_need *n)
{
    struct buf kinds = {0}, providers = {0};
    if (core_help_kinds_format(n->kinds, &kinds))
        kinds.oom = 1;
    for (int k = 0; k < CORE_ORG_KIND_COUNT; k++)
        if (n->providers & (1u << k))
            buf_printf(&providers, "%s%s", providers.len ? "|" : "",
                       core_org_kind_name((enum core_org_kind)k));
    jsonw_object(w);
    jsonw_kv_int(w, "id", n->id);
    jsonw_kv_string(w, "organisation", n->org_code);
    jsonw_kv_string(w, "country", n->country);
    jsonw_kv_string(w, "region", n->region);
    jsonw_kv_string(w, "title", n->title);
    jsonw_kv_string(w, "description", n->description);
    jsonw_kv_string(w, "recommendations", n->recs);
    jsonw_kv_string(w, "themes", n->themes);
    jsonw_kv_string(w, "sdgs", n->sdgs);
    jsonw_kv_string(w, "kinds", kinds.len ? buf_str(&kinds) : "");
    jsonw_kv_string(w, "providers", providers.len ? buf_str(&providers) : "");
    jsonw_kv_string(w, "languages", n->languages);
    jsonw_kv_string(w, "lang", n->lang);
    jsonw_kv_string(w, "from", n->time_from);
    jsonw_kv_string(w, "to", n->time_to);
    jsonw_kv_string(w, "visibility", core_visibility_name(n->visibility));
    jsonw_kv_string(w, "status", core_need_status_name(n->status));
    jsonw_kv_string(w, "created_by", n->created_by);
    jsonw_end(w);
    buf_free(&kinds);
    buf_free(&providers);
}

static int need_row(void *ctx, const struct core_need *n)
{
    struct co_rows *p = ctx;
    if (p->json) {
        json_need(&p->w, n);
        return 0;
    }
    if (!p->full) {
        printf("%-5ld %-3s %-10s %-9s %s\n", n->id, n->country ? n->country : "-",
               core_visibility_name(n->visibility), core_need_status_name(n->status), n->title);
        return 0;
    }
    struct buf kinds = {0};
    if (core_help_kinds_format(n->kinds, &kinds))
        return ERR_NOMEM;
    printf("need %ld: %s\nState: %s (%s)\nvisibility: %s, status: %s\nrecommendations: %s\n"
           "themes: %s\nSDGs: %s\nkinds: %s\nlanguages: %s\ntimeframe: %s to %s\n\n%s\n",
           n->id, n->title, n->country ? n->country : "-", n->org_code,
           core_visibility_name(n->visibility), core_need_status_name(n->status), n->recs,
           n->themes, n->sdgs, buf_str(&kinds), n->languages, n->time_from ? n->time_from : "-",
           n->time_to ? n->time_to : "-", n->description);
    buf_free(&kinds);
    return 0;
}

static int need_list(struct store *st, const struct core_actor *me, const struct co_opts *o,
                     struct err *err)
{
    struct core_need_filter f = {o->country, o->region, o->theme, o->sdg, 0, -1, -1, o->text};
    int rc = o->kinds ? core_help_kinds_parse(o->kinds, &f.kinds, err) : 0;
    if (!rc && o->status) {
        for (int i = 0; i < CORE_NEED_STATUS_COUNT; i++)
            if (!strcmp(o->status, core_need_status_name((enum core_need_status)i)))
                f.status = i;
        if (f.status < 0)
            rc = err_set(err, ERR_USAGE, "--status %s: expected open, met or withdrawn", o->status);
    }
    enum core_visibility v;
    if (!rc && o->visibility && !(rc = core_visibility_parse(o->visibility, &v, err)))
        f.visibility = (int)v;
    if (rc)
        return rc;
    struct co_rows p;
    co_rows_begin(&p, o->json, 1, 0);
    return co_rows_end(&p, core_need_list(st, me, &f, need_row, &p, err), err);
}

static int need_show(struct store *st, const struct core_actor *me, const struct co_opts *o,
                     struct err *err)
{
    long id;
    int rc = fu_parse_id("ID", o->args[0], &id, err);
    if (rc)
        return rc;
    struct co_rows p;
    co_rows_begin(&p, o->json, 0, 1);
    return co_rows_end(&p, core_need_get(st, me, id, need_row, &p, err), err);
}

static int need_visibility(struct store *st, const struct core_actor *me, const struct co_opts *o,
                           struct err *err)
{
    long id;
    enum core_visibility v;
    int rc = fu_parse_id("ID", o->args[0], &id, err);
    if (!rc)
        rc = core_visibility_parse(o->args[1], &v, err);
    if (!rc)
        rc = core_need_set_visibility(st, me, id, v, err);
    if (!rc)
        printf("need %ld: %s\n", id, core_visibility_name(v));
    return rc;
}

static int need_withdraw(struct store *st, const struct core_actor *me, const struct co_opts *o,
                         struct err *err)
{
    return act_on_id(st, me, o, core_need_withdraw, "need", "withdrawn", err);
}

int cli_need(struct cli *cli, int argc, char **argv)
{
    static const struct co_sub subs[] = {{"add", 0, need_add},
                                         {"list", 0, need_list},
                                         {"show", 1, need_show},
                                         {"visibility", 2, need_visibility},
                                         {"withdraw", 1, need_withdraw}};
    return co_command(cli, argc, argv, need_help, subs, sizeof subs / sizeof *subs);
}

/* ---- suivi offer ----------------------------------------------------------------------------- */

static const char offer_help[] =
    "usage: suivi --db FILE offer add --title TEXT --description TEXT --kinds KIND,...\n"
    "                                (--themes T|T... | --sdgs 5|16.3...) [--modality remote|\n"
    "                                in_person|mixed] [--languages en,fr] [--lang en]\n"
    "                                [--regions WEOG|GRULAC|SVN...] [--capacity N]\n"
    "                                [--past TEXT] [--org CODE]\n"
    "       suivi --db FILE offer list [--theme CODE] [--sdg S] [--region R] [--provider KIND]\n"
    "                                [--kinds KIND,...] [--status open|closed] [--text WORDS]\n"
    "                                [--json]\n"
    "       suivi --db FILE offer show ID [--json]\n"
    "       suivi --db FILE offer close ID\n"
    "\n"
    "An offer is what a provider (a State, a UN entity, an NHRI, an NGO, a regional body) can\n"
    "bring: expertise by UHRI theme or UPR Info issue (code or label, \"|\"-separated) and SDG,\n"
    "kinds of help (as for needs), modality, languages, regions served (UN regional groups or\n"
    "countries; none: anywhere), capacity, and past activities with their results (one a line).\n"
    "Recorded by an account acting for the provider (--as LOGIN) or an administrator (--org).\n"
    "Offers are public.\n";

static int offer_add(struct store *st, const struct core_actor *me, const struct co_opts *o,
                     struct err *err)
{
    struct core_offer in = {.title = o->title,
                            .description = o->description,
                            .themes = o->themes,
                            .sdgs = o->sdgs,
                            .languages = o->languages,
                            .lang = o->lang,
                            .regions = o->regions,
                            .past_activities = o->past,
                            .modality = CORE_MOD_MIXED};
    int rc = org_lookup(st, "--org", o->org, &in.org_id, err);
    if (!rc && !o->kinds)
        rc = err_set(err, ERR_USAGE, "offer add: give --kinds KIND,...");
    if (!rc)
        rc = core_help_kinds_parse(o->kinds, &in.kinds, err);
    if (!rc && o->modality)
        rc = core_modality_parse(o->modality, &in.modality, err);
    if (!rc && o->capacity) {
        char *end;
        long c = strtol(o->capacity, &end, 10);
        if (!*o->capacity || *end || c < 0 || c > 100000)
            rc = err_set(err, ERR_USAGE, "--capacity %s: expected a number from 0", o->capacity);
        in.capacity = (int)c;
    }
    long id;
    if (rc || (rc = core_offer_create(st, me, &in, &id, err)))
        return rc;
    printf("offer %ld\n", id);
    return 0;
}

static void json_offer(struct jsonw *w, const struct core_offer *f)
{
    struct buf kinds = {0};
    if (core_help_kinds_format(f->kinds, &kinds))
        kinds.oom = 1;
    jsonw_object(w);
    jsonw_kv_int(w, "id", f->id);
    jsonw_kv_string(w, "organisation", f->org_code);
    jsonw_kv_string(w, "provider_kind", core_org_kind_name(f->provider_kind));
    jsonw_kv_string(w, "country", f->country);
    jsonw_kv_string(w, "title", f->title);
    jsonw_kv_string(w, "description", f->description);
    jsonw_kv_string(w, "themes", f->themes);
    jsonw_kv_string(w, "sdgs", f->sdgs);
    jsonw_kv_string(w, "kinds", kinds.len ? buf_str(&kinds) : "");
    jsonw_kv_string(w, "modality", core_modality_name(f->modality));
    jsonw_kv_string(w, "languages", f->languages);
    jsonw_kv_string(w, "regions", f->regions);
    jsonw_kv_int(w, "capacity", f->capacity);
    jsonw_kv_string(w, "past_activities", f->past_activities);
    jsonw_kv_string(w, "status", core_offer_status_name(f->status));
    jsonw_end(w);
    buf_free(&kinds);
}

static int offer_row(void *ctx, const struct core_offer *f)
{
    struct co_rows *p = ctx;
    if (p->json) {
        json_offer(&p->w, f);
        return 0;
    }
    if (!p->full) {
        printf("%-5ld %-12s %-13s %-6s %s\n", f->id, f->org_code,
               core_org_kind_name(f->provider_kind), core_offer_status_name(f->status), f->title);
        return 0;
    }
    struct buf kinds = {0};
    if (core_help_kinds_format(f->kinds, &kinds))
        return ERR_NOMEM;
    printf("offer %ld: %s\nprovider: %s (%s)\nstatus: %s\nthemes: %s\nSDGs: %s\nkinds: %s\n"
           "modality: %s\nlanguages: %s\nregions: %s\ncapacity: %d\n\n%s\n",
           f->id, f->title, f->org_code, core_org_kind_name(f->provider_kind),
           core_offer_status_name(f->status), f->themes, f->sdgs, buf_str(&kinds),
           core_modality_name(f->modality), f->languages, *f->regions ? f->regions : "anywhere",
           f->capacity, f->description);
    if (f->past_activities && *f->past_activities)
        printf("\npast activities:\n%s\n", f->past_activities);
    buf_free(&kinds);
    return 0;
}

static int offer_list(struct store *st, const struct core_actor *me, const struct co_opts *o,
                      struct err *err)
{
    struct core_offer_filter f = {o->theme, o->sdg, o->region, -1, 0, -1, o->text};
    int rc = o->kinds ? core_help_kinds_parse(o->kinds, &f.kinds, err) : 0;
    enum core_org_kind k;
    if (!rc && o->provider && !(rc = core_org_kind_parse(o->provider, &k, err)))
        f.provider_kind = (int)k;
    if (!rc && o->status) {
        if (!strcmp(o->status, "open") || !strcmp(o->status, "closed"))
            f.status = strcmp(o->status, "open") ? CORE_OFFER_CLOSED : CORE_OFFER_OPEN;
        else
            rc = err_set(err, ERR_USAGE, "--status %s: expected open or closed", o->status);
    }
    if (rc)
        return rc;
    struct co_rows p;
    co_rows_begin(&p, o->json, 1, 0);
    return co_rows_end(&p, core_offer_list(st, &f, offer_row, &p, err), err);
}

static int offer_show(struct store *st, const struct core_actor *me, const struct co_opts *o,
                      struct err *err)
{
    long id;
    int rc = fu_parse_id("ID", o->args[0], &id, err);
    if (rc)
        return rc;
    struct co_rows p;
    co_rows_begin(&p, o->json, 0, 1);
    return co_rows_end(&p, core_offer_get(st, id, offer_row, &p, err), err);
}

static int offer_close(struct store *st, const struct core_actor *me, const struct co_opts *o,
                       struct err *err)
{
    return act_on_id(st, me, o, core_offer_close, "offer", "closed", err);
}

int cli_offer(struct cli *cli, int argc, char **argv)
{
    static const struct co_sub subs[] = {{"add", 0, offer_add},
                                         {"list", 0, offer_list},
                                         {"show", 1, offer_show},
                                         {"close", 1, offer_close}};
    return co_command(cli, argc, argv, offer_help, subs, sizeof subs / sizeof *subs);
}
