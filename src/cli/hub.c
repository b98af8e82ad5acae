/*
 * hub.c (cli) — `suivi hub`: the knowledge hub of NMIRF good practices from the command line
 * (core/hub.h): profiles, good practices (add, show, list, publish, attach), library documents,
 * importing the hub's text format (data/hub/, docs/hub.md) and searching. Commands act as the
 * command line (an administrator) unless --as LOGIN names an active user, whose role then
 * decides what is allowed and seen, as on the web.
 */
#include "cli/hub.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/followup.h"
#include "core/followup.h"
#include "core/hub.h"
#include "text/fold.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/jsonw.h"

static const char hub_help[] =
    "usage: suivi --db FILE hub profile add --country C --name N --standing standing|ad_hoc\n"
    "              [--lang en|fr|es] [--legal-basis T] [--secretariat T] [--executive T]\n"
    "              [--legislative T] [--judiciary T] [--other T] [--nhri yes|no]\n"
    "              [--nhri-how T] [--civil-society yes|no] [--civil-society-how T]\n"
    "              [--statistics yes|no] [--statistics-how T] [--parliament yes|no]\n"
    "              [--parliament-how T] [--tracking-tool T] [--reporting-record MARKDOWN]\n"
    "       suivi --db FILE hub profile show COUNTRY [--json]\n"
    "       suivi --db FILE hub profile list [--json]\n"
    "       suivi --db FILE hub practice add [--title-en T --body-en MARKDOWN] [--title-fr T\n"
    "              --body-fr MARKDOWN] [--title-es T --body-es MARKDOWN] [--country C]\n"
    "              [--tags \"sdg:16.6, uhri_theme:LABEL, free:TAG\"] [--publish]\n"
    "       suivi --db FILE hub practice show ID [--lang en|fr|es] [--json]\n"
    "       suivi --db FILE hub practice list [--country C] [--tag VOCAB:CODE] [--json]\n"
    "       suivi --db FILE hub practice edit ID [--title-LANG T] [--body-LANG MARKDOWN]\n"
    "              [--country C] [--tags TAGS]      (what is not given is kept)\n"
    "       suivi --db FILE hub practice publish ID [--withdraw]\n"
    "       suivi --db FILE hub practice attach ID FILE\n"
    "       suivi --db FILE hub doc add FILE --symbol S --title T --lang en|fr|es [--date D]\n"
    "              [--source T]\n"
    "       suivi --db FILE hub doc list [--json]\n"
    "       suivi --db FILE hub import FILE\n"
    "       suivi --db FILE hub search QUERY [--lang en|fr|es] [--kind practice|doc|profile]\n"
    "              [--limit N] [--json]\n"
    "\n"
    "The knowledge hub of national mechanisms for implementation, reporting and follow-up\n"
    "(HRC resolution 60/27): NMIRF profiles (one per State), good practices in English, French\n"
    "and Spanish (Markdown; any language may be missing) with tags and attached files, and a\n"
    "library of documents. Coordinators and administrators write profiles and documents and\n"
    "publish practices; contributors and focal points propose practices, which stay unpublished\n"
    "until published. The public sees published practices only. Bodies may be given as\n"
    "@FILE to read them from a file. import reads the hub's text format (docs/hub.md), e.g.\n"
    "data/hub/demo.hub; search uses the same stemmed full-text search as recommendations.\n"
    "Every command takes --as LOGIN.\n";

/* ---- options ------------------------------------------------------------------------------ */

struct hub_opts {
    const char *as, *country, *name, *standing, *lang, *legal_basis, *secretariat, *members[4],
        *party[4], *party_how[4], *tracking_tool, *reporting_record, *title[3], *body[3], *tags,
        *tag, *symbol, *doc_title, *date, *source, *kind, *limit;
    int json, publish, withdraw;
    char **args;
    int nargs;
};

#define S(field) offsetof(struct hub_opts, field)
static const struct cli_option known[] = {
    {"as", 1, S(as)},
    {"country", 1, S(country)},
    {"name", 1, S(name)},
    {"standing", 1, S(standing)},
    {"lang", 1, S(lang)},
    {"legal-basis", 1, S(legal_basis)},
    {"secretariat", 1, S(secretariat)},
    {"executive", 1, S(members[0])},
    {"legislative", 1, S(members[1])},
    {"judiciary", 1, S(members[2])},
    {"other", 1, S(members[3])},
    {"nhri", 1, S(party[0])},
    {"civil-society", 1, S(party[1])},
    {"statistics", 1, S(party[2])},
    {"parliament", 1, S(party[3])},
    {"nhri-how", 1, S(party_how[0])},
    {"civil-society-how", 1, S(party_how[1])},
    {"statistics-how", 1, S(party_how[2])},
    {"parliament-how", 1, S(party_how[3])},
    {"tracking-tool", 1, S(tracking_tool)},
    {"reporting-record", 1, S(reporting_record)},
    {"title-en", 1, S(title[0])},
    {"title-fr", 1, S(title[1])},
    {"title-es", 1, S(title[2])},
    {"body-en", 1, S(body[0])},
    {"body-fr", 1, S(body[1])},
    {"body-es", 1, S(body[2])},
    {"tags", 1, S(tags)},
    {"tag", 1, S(tag)},
    {"symbol", 1, S(symbol)},
    {"title", 1, S(doc_title)},
    {"date", 1, S(date)},
    {"source", 1, S(source)},
    {"kind", 1, S(kind)},
    {"limit", 1, S(limit)},
    {"json", 0, S(json)},
    {"publish", 0, S(publish)},
    {"withdraw", 0, S(withdraw)},
};
#undef S

/* A text option: "@PATH" reads the file (for Markdown bodies), else the text itself. The
 * result lives in keep (one buffer per option). */
static int text_arg(const char *value, struct buf *keep, const char **out, struct err *err)
{
    *out = value;
    if (!value || value[0] != '@')
        return 0;
    int rc = file_read_all(value + 1, CORE_HUB_BODY_MAX + 1, keep, err);
    if (!rc && keep->oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    *out = rc ? NULL : buf_str(keep);
    return rc;
}

static int yes_no(const char *what, const char *v, int *out, struct err *err)
{
    *out = -1;
    if (!v)
        return 0;
    if (!strcmp(v, "yes"))
        *out = 1;
    else if (!strcmp(v, "no"))
        *out = 0;
    else
        return err_set(err, ERR_USAGE, "--%s %s: expected yes or no", what, v);
    return 0;
}

static int need_args(const struct hub_opts *o, int n, const char *what, struct err *err)
{
    if (o->nargs < n)
        return err_set(err, ERR_USAGE, "hub %s %s: missing %s (see suivi hub --help)", o->args[0],
                       o->nargs > 1 ? o->args[1] : "", what);
    return 0;
}

static int print_json(struct buf *out, struct err *err)
{
    if (out->oom)
        return err_set(err, ERR_NOMEM, "out of memory");
    fputs(buf_str(out), stdout);
    fputc('\n', stdout);
    return 0;
}

/* ---- profiles ----------------------------------------------------------------------------- */

static int profile_add(struct store *st, const struct core_actor *me, const struct hub_opts *o,
                       struct err *err)
{
    static const char *const party_opts[] = {"nhri", "civil-society", "statistics", "parliament"};
    struct buf record = BUF_INIT;
    struct store_hub_profile p = {
        .country = o->country,
        .name = o->name,
        .lang = o->lang ? o->lang : "en",
        .standing = o->standing,
        .legal_basis = o->legal_basis,
        .secretariat = o->secretariat,
        .members = {o->members[0], o->members[1], o->members[2], o->members[3]},
        .tracking_tool = o->tracking_tool,
    };
    int rc = 0, created = 0;
    if (!o->country || !o->name || !o->standing)
        rc = err_set(err, ERR_USAGE, "hub profile add: give --country, --name and --standing");
    for (int k = 0; k < STORE_HUB_PARTY_COUNT && !rc; k++) {
        p.party[k].how = o->party_how[k];
        rc = yes_no(party_opts[k], o->party[k], &p.party[k].takes_part, err);
    }
    rc = rc ? rc : text_arg(o->reporting_record, &record, &p.reporting_record, err);
    rc = rc ? rc : core_hub_profile_put(st, me, &p, &created, err);
    if (!rc)
        printf("%s NMIRF profile of %s\n", created ? "created" : "updated", o->country);
    buf_free(&record);
    return rc;
}

static void print_field(const char *label, const char *value)
{
    if (value && *value)
        printf("%-22s %s\n", label, value);
}

static int print_profile(void *ctx, const struct store_hub_profile *p)
{
    const int *json = ctx;
    if (*json) {
        struct buf out = BUF_INIT;
        struct jsonw w;
        jsonw_init(&w, &out);
        core_hub_json_profile(&w, p);
        struct err err;
        int rc = print_json(&out, &err);
        buf_free(&out);
        return rc;
    }
    static const char *const party_labels[] = {"NHRI", "civil society", "statistics office",
                                               "parliament"};
    printf("%s — %s%s\n", p->country, p->name, p->demo ? " (demo, illustrative)" : "");
    print_field("standing", !strcmp(p->standing, "ad_hoc") ? "ad hoc" : "standing");
    print_field("legal basis", p->legal_basis);
    print_field("secretariat", p->secretariat);
    for (int b = 0; b < STORE_HUB_BRANCH_COUNT; b++)
        print_field(core_hub_branch_name((enum store_hub_branch)b), p->members[b]);
    for (int k = 0; k < STORE_HUB_PARTY_COUNT; k++) {
        const struct store_hub_participation *x = &p->party[k];
        if (x->takes_part < 0 && !x->how)
            continue;
        printf("%-22s %s%s%s\n", party_labels[k],
               x->takes_part < 0 ? "not said"
               : x->takes_part   ? "yes"
                                 : "no",
               x->how ? ": " : "", x->how ? x->how : "");
    }
    print_field("tracking tool", p->tracking_tool);
    if (p->reporting_record)
        printf("reporting record:\n%s\n", p->reporting_record);
    return 0;
}

static int print_profile_line(void *ctx, const struct store_hub_profile *p)
{
    const int *json = ctx;
    if (*json)
        return print_profile(ctx, p);
    printf("%s\t%s\t%s%s\n", p->country, p->standing, p->name, p->demo ? " (demo)" : "");
    return 0;
}

static int profile_cmd(struct store *st, const struct core_actor *me, const struct hub_opts *o,
                       struct err *err)
{
    const char *sub = o->nargs > 1 ? o->args[1] : "";
    int json = o->json;
    if (!strcmp(sub, "add"))
        return profile_add(st, me, o, err);
    if (!strcmp(sub, "show")) {
        int rc = need_args(o, 3, "COUNTRY", err);
        return rc ? rc : core_hub_profile_get(st, o->args[2], print_profile, &json, err);
    }
    if (!strcmp(sub, "list"))
        return core_hub_profile_each(st, print_profile_line, &json, err);
    return err_set(err, ERR_USAGE, "hub profile: expected add, show or list");
}

/* ---- practices ---------------------------------------------------------------------------- */

static int practice_add(struct store *st, const struct core_actor *me, const struct hub_opts *o,
                        struct err *err)
{
    struct buf bodies[STORE_LANG_COUNT] = {BUF_INIT, BUF_INIT, BUF_INIT};
    struct core_hub_tags tags;
    struct core_hub_practice_in in = {
        .country = o->country, .published = o->publish, .tags = &tags};
    int rc = core_hub_tags_parse(st, o->tags, &tags, err);
    for (int l = 0; l < STORE_LANG_COUNT && !rc; l++) {
        in.title[l] = o->title[l];
        rc = text_arg(o->body[l], &bodies[l], &in.body[l], err);
    }
    long id = 0;
    rc = rc ? rc : core_hub_practice_create(st, me, &in, &id, err);
    if (!rc)
        printf("%ld\n", id);
    for (int l = 0; l < STORE_LANG_COUNT; l++)
        buf_free(&bodies[l]);
    return rc;
}

struct show_ctx {
    int json, lang;
    struct store *st;
};

static int print_file(void *ctx, const struct store_hub_file *f)
{
    (void)ctx;
    printf("  file %ld: %s (%s, %zu bytes)\n", f->id, f->file_name, f->content_type, f->size);
    return 0;
}

static int print_practice(void *ctx, const struct store_hub_practice *p)
{
    const struct show_ctx *s = ctx;
    struct err err = {0};
    if (s->json) {
        struct buf out = BUF_INIT;
        struct jsonw w;
        jsonw_init(&w, &out);
        core_hub_json_practice(&w, p, 1);
        int rc = print_json(&out, &err);
        buf_free(&out);
        return rc;
    }
    int l = core_hub_practice_lang(p, s->lang);
    printf("%ld — %s\n", p->id, l >= 0 ? p->title[l] : "");
    if (l >= 0 && l != s->lang)
        printf("(not available in %s; shown in %s)\n", text_lang_code((enum text_lang)s->lang),
               text_lang_code((enum text_lang)l));
    printf("%s%s, by %s\n", p->published ? "published" : "unpublished",
           p->demo ? ", demo (illustrative)" : "", p->author);
    if (p->country)
        printf("State: %s\n", p->country);
    for (size_t i = 0; i < p->ntags; i++)
        printf("%s%s:%s%s", i ? ", " : "tags: ", p->tags[i].vocab, p->tags[i].code,
               i + 1 == p->ntags ? "\n" : "");
    if (l >= 0)
        printf("\n%s\n", p->body[l]);
    return p->nfiles ? core_hub_files_of(s->st, p->id, print_file, NULL, &err) : 0;
}

static int print_practice_line(void *ctx, const struct store_hub_practice *p)
{
    const struct show_ctx *s = ctx;
    if (s->json) {
        struct buf out = BUF_INIT;
        struct jsonw w;
        struct err err;
        jsonw_init(&w, &out);
        core_hub_json_practice(&w, p, 0);
        int rc = print_json(&out, &err);
        buf_free(&out);
        return rc;
    }
    int l = core_hub_practice_lang(p, s->lang);
    printf("%ld\t%s\t%s\t%s\n", p->id, p->published ? "published" : "unpublished",
           p->country ? p->country : "-", l >= 0 ? p->title[l] : "");
    return 0;
}

static int lang_opt(const char *text, int *out, struct err *err)
{
    enum text_lang lang = TEXT_LANG_EN;
    if (text && text_lang_parse(text, &lang))
        return err_set(err, ERR_USAGE, "--lang %s: expected en, fr or es", text);
    *out = (int)lang;
    return 0;
}

static int practice_list(struct store *st, const struct core_actor *me, const struct hub_opts *o,
                         struct err *err)
{
    struct show_ctx s = {.json = o->json, .st = st};
    struct store_hub_filter f = {0};
    char iso3[4], vocab[16] = "";
    const char *code = NULL;
    int rc = lang_opt(o->lang, &s.lang, err);
    if (!rc && o->country) {
        int found = store_country_find(st, o->country, iso3, err);
        if (found < 0)
            return found;
        if (!found)
            return err_set(err, ERR_USAGE, "--country %s: no such State", o->country);
        f.country = iso3;
    }
    if (!rc && o->tag) {
        code = strchr(o->tag, ':');
        if (!code || (size_t)(code - o->tag) >= sizeof vocab)
            return err_set(err, ERR_USAGE, "--tag %s: expected VOCAB:CODE, e.g. sdg:16.6", o->tag);
        memcpy(vocab, o->tag, (size_t)(code - o->tag));
        vocab[code - o->tag] = '\0';
        f.vocab = vocab;
        f.code = code + 1;
    }
    return rc ? rc : core_hub_practice_each(st, me, &f, print_practice_line, &s, NULL, err);
}

/* What an entry holds now, copied (for edit: options not given keep it). */
struct current {
    struct buf title[STORE_LANG_COUNT], body[STORE_LANG_COUNT], tags;
    int has[STORE_LANG_COUNT], published;
    char country[4];
};

static int copy_current(void *ctx, const struct store_hub_practice *p)
{
    struct current *c = ctx;
    for (int l = 0; l < STORE_LANG_COUNT; l++) {
        c->has[l] = p->title[l] != NULL;
        if (c->has[l]) {
            buf_puts(&c->title[l], p->title[l]);
            buf_puts(&c->body[l], p->body[l]);
        }
    }
    for (size_t i = 0; i < p->ntags; i++)
        buf_printf(&c->tags, "%s%s:%s", i ? ", " : "", p->tags[i].vocab, p->tags[i].code);
    snprintf(c->country, sizeof c->country, "%s", p->country ? p->country : "");
    c->published = p->published;
    return 0;
}

static void current_free(struct current *c)
{
    for (int l = 0; l < STORE_LANG_COUNT; l++) {
        buf_free(&c->title[l]);
        buf_free(&c->body[l]);
    }
    buf_free(&c->tags);
}

static int practice_edit(struct store *st, const struct core_actor *me, const struct hub_opts *o,
                         long id, struct err *err)
{
    struct current cur = {0};
    struct buf bodies[STORE_LANG_COUNT] = {BUF_INIT, BUF_INIT, BUF_INIT};
    struct core_hub_tags tags;
    struct core_hub_practice_in in = {.tags = &tags};
    int rc = core_hub_practice_get(st, me, id, copy_current, &cur, err);
    for (int l = 0; l < STORE_LANG_COUNT && !rc; l++) {
        in.title[l] = o->title[l] ? o->title[l] : cur.has[l] ? buf_str(&cur.title[l]) : NULL;
        rc = text_arg(o->body[l], &bodies[l], &in.body[l], err);
        if (!rc && !o->body[l])
            in.body[l] = cur.has[l] ? buf_str(&cur.body[l]) : NULL;
    }
    in.country = o->country ? o->country : cur.country;
    in.published = cur.published;
    rc = rc ? rc : core_hub_tags_parse(st, o->tags ? o->tags : buf_str(&cur.tags), &tags, err);
    rc = rc ? rc : core_hub_practice_update(st, me, id, &in, err);
    if (!rc)
        printf("good practice %ld saved\n", id);
    current_free(&cur);
    for (int l = 0; l < STORE_LANG_COUNT; l++)
        buf_free(&bodies[l]);
    return rc;
}

static int practice_cmd(struct store *st, const struct core_actor *me, const struct hub_opts *o,
                        struct err *err)
{
    const char *sub = o->nargs > 1 ? o->args[1] : "";
    long id = 0;
    int rc;
    if (!strcmp(sub, "add"))
        return practice_add(st, me, o, err);
    if (!strcmp(sub, "list"))
        return practice_list(st, me, o, err);
    if (strcmp(sub, "show") && strcmp(sub, "edit") && strcmp(sub, "publish") &&
        strcmp(sub, "attach"))
        return err_set(err, ERR_USAGE,
                       "hub practice: expected add, show, list, edit, publish or attach");
    if ((rc = need_args(o, 3, "ID", err)) ||
        (rc = fu_parse_id("practice id", o->args[2], &id, err)))
        return rc;
    if (!strcmp(sub, "edit"))
        return practice_edit(st, me, o, id, err);
    if (!strcmp(sub, "publish")) {
        rc = core_hub_practice_publish(st, me, id, !o->withdraw, err);
        if (!rc)
            printf("good practice %ld %s\n", id, o->withdraw ? "withdrawn" : "published");
        return rc;
    }
    if (!strcmp(sub, "show")) {
        struct show_ctx s = {.json = o->json, .st = st};
        rc = lang_opt(o->lang, &s.lang, err);
        return rc ? rc : core_hub_practice_get(st, me, id, print_practice, &s, err);
    }
    if ((rc = need_args(o, 4, "FILE", err)))
        return rc;
    struct buf bytes = BUF_INIT;
    const char *path = o->args[3], *base = strrchr(path, '/');
    long file = 0;
    if (!(rc = file_read_all(path, CORE_EVIDENCE_MAX_BYTES + 1, &bytes, err)) &&
        !(rc = core_hub_file_add(st, me, id, base ? base + 1 : path, NULL,
                                 bytes.data ? bytes.data : "", bytes.len, &file, err)))
        printf("%ld\n", file);
    buf_free(&bytes);
    return rc;
}

/* ---- library, import, search -------------------------------------------------------------- */

static int print_doc_line(void *ctx, const struct store_hub_doc *d)
{
    const int *json = ctx;
    if (*json) {
        struct buf out = BUF_INIT;
        struct jsonw w;
        struct err err;
        jsonw_init(&w, &out);
        core_hub_json_doc(&w, d);
        int rc = print_json(&out, &err);
        buf_free(&out);
        return rc;
    }
    printf("%ld\t%s\t%s\t%s\t%s\n", d->id, d->symbol, d->date ? d->date : "-", d->lang, d->title);
    return 0;
}

static int doc_cmd(struct store *st, const struct core_actor *me, const struct hub_opts *o,
                   struct err *err)
{
    const char *sub = o->nargs > 1 ? o->args[1] : "";
    int json = o->json;
    if (!strcmp(sub, "list"))
        return core_hub_doc_each(st, print_doc_line, &json, err);
    if (strcmp(sub, "add"))
        return err_set(err, ERR_USAGE, "hub doc: expected add or list");
    int rc = need_args(o, 3, "FILE", err);
    if (rc)
        return rc;
    struct buf text = BUF_INIT;
    long id = 0;
    enum store_put_outcome what;
    if (!(rc = file_read_all(o->args[2], CORE_HUB_DOC_MAX + 1, &text, err))) {
        struct store_hub_doc d = {.symbol = o->symbol,
                                  .title = o->doc_title,
                                  .date = o->date,
                                  .lang = o->lang,
                                  .source = o->source,
                                  .text = buf_str(&text)};
        rc = core_hub_doc_put(st, me, &d, &id, &what, err);
    }
    if (!rc)
        printf("%ld %s\n", id,
               what == STORE_PUT_INSERTED  ? "added"
               : what == STORE_PUT_UPDATED ? "updated"
                                           : "unchanged");
    buf_free(&text);
    return rc;
}

/* Reads a file named by an import record, relative to the import file's folder. */
static int load_beside(void *ctx, const char *path, struct buf *out, struct err *err)
{
    const char *dir = ctx;
    struct buf full = BUF_INIT;
    buf_printf(&full, "%s/%s", dir, path);
    int rc = full.oom ? err_set(err, ERR_NOMEM, "out of memory")
                      : file_read_all(buf_str(&full), CORE_HUB_DOC_MAX + 1, out, err);
    buf_free(&full);
    return rc;
}

static int import_cmd(struct store *st, const struct core_actor *me, const struct hub_opts *o,
                      struct err *err)
{
    int rc = need_args(o, 2, "FILE", err);
    if (rc)
        return rc;
    const char *path = o->args[1], *slash = strrchr(path, '/');
    struct buf text = BUF_INIT, dir = BUF_INIT;
    if (slash)
        buf_append(&dir, path, (size_t)(slash - path));
    else
        buf_puts(&dir, ".");
    struct core_hub_import_stats stats;
    rc = file_read_all(path, CORE_HUB_IMPORT_MAX + 1, &text, err);
    if (!rc && (text.oom || dir.oom))
        rc = err_set(err, ERR_NOMEM, "out of memory");
    rc = rc ? rc
            : core_hub_import(st, me, path, text.data ? text.data : "", text.len, load_beside,
                              (void *)buf_str(&dir), &stats, err);
    if (!rc)
        printf("%s: %ld profiles, %ld good practices, %ld documents written, %ld unchanged\n", path,
               stats.profiles, stats.practices, stats.docs, stats.unchanged);
    buf_free(&text);
    buf_free(&dir);
    return rc;
}

struct hit_ctx {
    int json, n;
    struct jsonw *w;
};

static int print_hit(void *ctx, const struct store_hub_hit *h)
{
    struct hit_ctx *c = ctx;
    c->n++;
    if (c->json) {
        core_hub_json_hit(c->w, h);
        return 0;
    }
    /* the snippet's match marks as [ ] on a terminal */
    printf("%s %s [%s] %s\n   ", h->kind, h->ref, h->lang, h->title);
    for (const char *p = h->snippet; *p; p++)
        putchar(*p == '\x02' ? '[' : *p == '\x03' ? ']' : *p == '\n' ? ' ' : *p);
    putchar('\n');
    return 0;
}

static int search_cmd(struct store *st, const struct core_actor *me, const struct hub_opts *o,
                      struct err *err)
{
    int rc = need_args(o, 2, "QUERY", err);
    if (rc)
        return rc;
    long total = 0, limit = 20;
    if (o->limit && (rc = fu_parse_id("--limit", o->limit, &limit, err)))
        return rc;
    struct core_hub_search s = {
        .q = o->args[1], .lang = o->lang, .kind = o->kind, .limit = (int)limit};
    struct buf out = BUF_INIT;
    struct jsonw w;
    struct hit_ctx c = {.json = o->json, .w = &w};
    jsonw_init(&w, &out);
    if (o->json) {
        jsonw_object(&w);
        jsonw_key(&w, "items");
        jsonw_array(&w);
    }
    rc = core_hub_search(st, me, &s, print_hit, &c, &total, err);
    if (!rc && o->json) {
        jsonw_end(&w);
        jsonw_kv_int(&w, "total", total);
        jsonw_end(&w);
        rc = print_json(&out, err);
    } else if (!rc) {
        printf("%ld match%s\n", total, total == 1 ? "" : "es");
    }
    buf_free(&out);
    return rc;
}

/* ---- dispatch ----------------------------------------------------------------------------- */

int cli_hub(struct cli *cli, int argc, char **argv)
{
    struct hub_opts o = {0};
    int rc =
        cli_options_parse(argc, argv, known, sizeof known / sizeof known[0], &o, &o.args, &o.nargs);
    if (rc == 1)
        return cli_help(hub_help);
    if (rc) {
        fputs(hub_help, stderr);
        return EXIT_USAGE;
    }
    static const struct {
        const char *name;
        int (*run)(struct store *, const struct core_actor *, const struct hub_opts *,
                   struct err *);
    } subs[] = {{"profile", profile_cmd},
                {"practice", practice_cmd},
                {"doc", doc_cmd},
                {"import", import_cmd},
                {"search", search_cmd}};
    struct err err = {0};
    for (size_t i = 0; o.nargs && i < sizeof subs / sizeof subs[0]; i++) {
        if (strcmp(o.args[0], subs[i].name))
            continue;
        struct store *st;
        struct fu_actor me;
        if ((rc = cli_open(cli, 0, &st)))
            return rc;
        if (fu_actor_load(st, o.as, &me, &err) || subs[i].run(st, &me.actor, &o, &err))
            rc = cli_fail(&err);
        store_close(st);
        return rc;
    }
    err_set(&err, ERR_USAGE, "hub: %s%s%s (profile, practice, doc, import, search)",
            o.nargs ? "unknown subcommand \"" : "give a subcommand", o.nargs ? o.args[0] : "",
            o.nargs ? "\"" : "");
    return cli_fail(&err);
}
