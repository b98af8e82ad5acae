/*
 * hub_import.c — `suivi hub import FILE`: the knowledge hub's text format (docs/hub.md) into
 * profiles, good practices and library documents, in one transaction. A file is a sequence of
 * records; each starts with a line "%% KIND [ARG]", then "key: value" lines, then, after a
 * blank line, a Markdown body that runs to the next "%%" line:
 *
 *     %% practice demo-svn-coordination      (ARG: the entry's stable key)
 *     %% text en                             (a language version of the entry above: title:)
 *     %% profile                             (body: the reporting record)
 *     %% doc                                 (body: the text, or file: PATH beside the file)
 *
 * Errors name the file and line; a key that is not known for its record is an error, so a typo
 * does not silently drop a field.
 */
#include "core/hub_internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/permissions.h"
#include "text/fold.h"

enum { FIELDS_MAX = 32 };

struct field {
    const char *key, *value;
    size_t line;
};

struct record {
    const char *kind, *arg;
    size_t line;
    struct field field[FIELDS_MAX];
    int nfields;
    struct buf body;
};

struct importer {
    struct store *st;
    const struct core_actor *actor;
    const char *name;
    core_hub_loader load;
    void *load_ctx;
    struct core_hub_import_stats *stats;
    struct err *err;
    /* the practice being read, written when a record other than its texts comes */
    int in_practice;
    size_t practice_line;
    char *practice_texts[STORE_LANG_COUNT][2]; /* owned: title, body */
    struct record practice;
};

static int fail(struct importer *im, size_t line, const char *what, const char *detail)
{
    return err_set(im->err, ERR_INPUT, "%s:%zu: %s%s%s", im->name, line, what, detail ? ": " : "",
                   detail ? detail : "");
}

/* Prefixes a core error with the file and line of the record it came from. */
static int located(struct importer *im, size_t line, int rc)
{
    if (rc && rc != ERR_NOMEM && rc != ERR_STORE)
        err_prefix(im->err, "%s:%zu", im->name, line);
    return rc;
}

static const char *value_of(const struct record *r, const char *key)
{
    for (int i = 0; i < r->nfields; i++)
        if (!strcmp(r->field[i].key, key))
            return r->field[i].value;
    return NULL;
}

/* ERR_INPUT naming the first key of r that is not among allowed (space-separated). */
static int keys_known(struct importer *im, const struct record *r, const char *allowed)
{
    for (int i = 0; i < r->nfields; i++) {
        const char *k = r->field[i].key;
        size_t n = strlen(k);
        const char *p = allowed;
        int found = 0;
        while (!found && (p = strstr(p, k))) {
            found = (p == allowed || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0');
            p += n;
        }
        if (!found)
            return err_set(im->err, ERR_INPUT,
                           "%s:%zu: unknown key \"%s\" in a %s record (known: %s)", im->name,
                           r->field[i].line, k, r->kind, allowed);
    }
    return 0;
}

/* yes/no/true/false/1/0 -> 1/0; NULL or "" -> dflt; else -2. */
static int yes_no(const char *v, int dflt)
{
    if (!v || !*v)
        return dflt;
    if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "oui") ||
        !strcmp(v, "sí") || !strcmp(v, "si"))
        return 1;
    if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "non"))
        return 0;
    return -2;
}

static int flag(struct importer *im, const struct record *r, const char *key, int dflt, int *out)
{
    *out = yes_no(value_of(r, key), dflt);
    if (*out == -2)
        return fail(im, r->line, key, "expected yes or no");
    return 0;
}

/* ---- records ------------------------------------------------------------------------------ */

static int profile_record(struct importer *im, const struct record *r)
{
    static const char *const party_keys[STORE_HUB_PARTY_COUNT][2] = {
        {"nhri", "nhri_how"},
        {"civil_society", "civil_society_how"},
        {"statistics", "statistics_how"},
        {"parliament", "parliament_how"},
    };
    int rc = keys_known(im, r,
                        "country name lang standing legal_basis secretariat members_executive "
                        "members_legislative members_judiciary members_other nhri nhri_how "
                        "civil_society civil_society_how statistics statistics_how parliament "
                        "parliament_how tracking_tool demo");
    if (rc)
        return rc;
    struct store_hub_profile p = {
        .country = value_of(r, "country"),
        .name = value_of(r, "name"),
        .lang = value_of(r, "lang") ? value_of(r, "lang") : "en",
        .standing = value_of(r, "standing"),
        .legal_basis = value_of(r, "legal_basis"),
        .secretariat = value_of(r, "secretariat"),
        .members = {value_of(r, "members_executive"), value_of(r, "members_legislative"),
                    value_of(r, "members_judiciary"), value_of(r, "members_other")},
        .tracking_tool = value_of(r, "tracking_tool"),
        .reporting_record = r->body.len ? buf_str(&r->body) : NULL,
    };
    for (int k = 0; k < STORE_HUB_PARTY_COUNT && !rc; k++) {
        p.party[k].how = value_of(r, party_keys[k][1]);
        rc = flag(im, r, party_keys[k][0], -1, &p.party[k].takes_part);
    }
    rc = rc ? rc : flag(im, r, "demo", 0, &p.demo);
    int unchanged = 0;
    rc = rc ? rc
            : located(im, r->line,
                      hub_profile_write(im->st, im->actor, &p, NULL, &unchanged, im->err));
    if (!rc && unchanged)
        im->stats->unchanged++;
    else if (!rc)
        im->stats->profiles++;
    return rc;
}

static int doc_record(struct importer *im, const struct record *r)
{
    int rc = keys_known(im, r, "symbol title date lang source file");
    if (rc)
        return rc;
    struct buf text = BUF_INIT;
    const char *file = value_of(r, "file");
    if (file) {
        if (file[0] == '/' || !strcmp(file, "..") || !strncmp(file, "../", 3) ||
            strstr(file, "/../") || (strlen(file) >= 3 && !strcmp(file + strlen(file) - 3, "/..")))
            return fail(im, r->line, "file", "expected a path beside the import file (no .. or /)");
        if (!im->load)
            return fail(im, r->line, "file", "this import cannot read other files");
        rc = im->load(im->load_ctx, file, &text, im->err);
        if (rc) {
            buf_free(&text);
            return located(im, r->line, rc);
        }
        if (text.oom) {
            buf_free(&text);
            return err_set(im->err, ERR_NOMEM, "out of memory");
        }
    }
    struct store_hub_doc d = {
        .symbol = value_of(r, "symbol"),
        .title = value_of(r, "title"),
        .date = value_of(r, "date"),
        .lang = value_of(r, "lang"),
        .source = value_of(r, "source"),
        .text = file          ? buf_str(&text)
                : r->body.len ? buf_str(&r->body)
                              : NULL,
    };
    long id = 0;
    enum store_put_outcome what;
    rc = located(im, r->line, hub_doc_write(im->st, im->actor, &d, &id, &what, im->err));
    if (!rc && what == STORE_PUT_UNCHANGED)
        im->stats->unchanged++;
    else if (!rc)
        im->stats->docs++;
    buf_free(&text);
    return rc;
}

static void record_clear(struct record *r)
{
    buf_free(&r->body);
    memset(r, 0, sizeof *r);
}

static void practice_clear(struct importer *im)
{
    for (int l = 0; l < STORE_LANG_COUNT; l++)
        for (int k = 0; k < 2; k++) {
            free(im->practice_texts[l][k]);
            im->practice_texts[l][k] = NULL;
        }
    record_clear(&im->practice);
    im->in_practice = 0;
}

/* Writes the practice read so far, with its texts. */
static int practice_flush(struct importer *im)
{
    if (!im->in_practice)
        return 0;
    const struct record *r = &im->practice;
    struct core_hub_tags tags;
    struct core_hub_practice_in in = {.slug = r->arg, .country = value_of(r, "country")};
    int rc = keys_known(im, r, "country tags published demo");
    rc = rc ? rc : flag(im, r, "published", 0, &in.published);
    rc = rc ? rc : flag(im, r, "demo", 0, &in.demo);
    rc =
        rc ? rc
           : located(im, r->line, core_hub_tags_parse(im->st, value_of(r, "tags"), &tags, im->err));
    in.tags = &tags;
    for (int l = 0; l < STORE_LANG_COUNT; l++) {
        in.title[l] = im->practice_texts[l][0];
        in.body[l] = im->practice_texts[l][1];
    }
    long id = 0;
    int found = rc ? 0 : store_hub_practice_find(im->st, r->arg, &id, im->err);
    if (!rc && found < 0)
        rc = found;
    int unchanged = 0;
    rc = rc ? rc
            : located(im, r->line,
                      hub_practice_write(im->st, im->actor, found ? id : 0, &in, &id, &unchanged,
                                         im->err));
    if (!rc && unchanged)
        im->stats->unchanged++;
    else if (!rc)
        im->stats->practices++;
    practice_clear(im);
    return rc;
}

static int text_record(struct importer *im, const struct record *r)
{
    enum text_lang lang;
    if (!im->in_practice)
        return fail(im, r->line, "a text record must follow a practice record", NULL);
    if (!r->arg || text_lang_parse(r->arg, &lang))
        return fail(im, r->line, "%% text LANG", "expected en, fr or es");
    int rc = keys_known(im, r, "title");
    if (rc)
        return rc;
    if (im->practice_texts[lang][0])
        return fail(im, r->line, "this language was already given for this practice", r->arg);
    const char *title = value_of(r, "title");
    im->practice_texts[lang][0] = strdup(title ? title : "");
    im->practice_texts[lang][1] = strdup(r->body.len ? buf_str(&r->body) : "");
    if (!im->practice_texts[lang][0] || !im->practice_texts[lang][1])
        return err_set(im->err, ERR_NOMEM, "out of memory");
    return 0;
}

/* Handles a complete record (its body read). */
static int record_done(struct importer *im, struct record *r)
{
    if (r->body.oom)
        return err_set(im->err, ERR_NOMEM, "out of memory");
    if (!strcmp(r->kind, "text"))
        return text_record(im, r);
    int rc = practice_flush(im);
    if (rc)
        return rc;
    if (!strcmp(r->kind, "practice")) {
        if (!r->arg || !*r->arg)
            return fail(im, r->line, "%% practice KEY", "expected the entry's stable key");
        im->practice = *r; /* takes the body and the fields */
        memset(r, 0, sizeof *r);
        im->in_practice = 1;
        return 0;
    }
    if (!strcmp(r->kind, "profile"))
        return profile_record(im, r);
    if (!strcmp(r->kind, "doc"))
        return doc_record(im, r);
    return fail(im, r->line, "unknown record", r->kind);
}

/* ---- lines -------------------------------------------------------------------------------- */

/* Splits "%% kind arg" in place. */
static void header_split(char *line, struct record *r)
{
    char *p = line + 2;
    while (*p == ' ')
        p++;
    r->kind = p;
    while (*p && *p != ' ')
        p++;
    if (*p) {
        *p++ = '\0';
        while (*p == ' ')
            p++;
        r->arg = *p ? p : NULL;
        char *end = p + strlen(p);
        while (end > p && end[-1] == ' ')
            *--end = '\0';
    }
}

static int field_line(struct importer *im, struct record *r, char *line, size_t lineno)
{
    char *colon = strchr(line, ':');
    if (!colon || colon == line)
        return fail(im, lineno, "expected \"key: value\" (or a blank line before the body)", NULL);
    if (r->nfields == FIELDS_MAX)
        return fail(im, lineno, "too many keys in one record", NULL);
    *colon = '\0';
    char *value = colon + 1;
    while (*value == ' ' || *value == '\t')
        value++;
    char *end = value + strlen(value);
    while (end > value && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = '\0';
    if (value_of(r, line))
        return fail(im, lineno, "key given twice", line);
    r->field[r->nfields++] = (struct field){line, value, lineno};
    return 0;
}

/* Removes the blank lines at the end of a body. */
static void body_trim(struct buf *b)
{
    while (b->len && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == ' '))
        b->data[--b->len] = '\0';
}

static int parse(struct importer *im, char *text)
{
    struct record r = {0};
    int in_record = 0, in_body = 0, rc = 0;
    size_t lineno = 0;
    for (char *line = text; line && !rc;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        lineno++;
        if (!strncmp(line, "%%", 2)) {
            if (in_record) {
                body_trim(&r.body);
                rc = record_done(im, &r);
                record_clear(&r);
            }
            if (!rc) {
                header_split(line, &r);
                r.line = lineno;
                in_record = 1;
                in_body = 0;
            }
        } else if (in_body) {
            if (r.body.len || n)
                buf_printf(&r.body, "%s\n", line);
        } else if (!n) {
            in_body = in_record;
        } else if (line[0] == '#') {
            /* a comment, outside bodies */
        } else if (!in_record) {
            rc = fail(im, lineno, "expected a record (a line starting with %%)", NULL);
        } else {
            rc = field_line(im, &r, line, lineno);
        }
        line = next;
    }
    if (!rc && in_record) {
        body_trim(&r.body);
        rc = record_done(im, &r);
    }
    record_clear(&r);
    return rc ? rc : practice_flush(im);
}

int core_hub_import(struct store *st, const struct core_actor *actor, const char *name,
                    const char *text, size_t n, core_hub_loader load, void *load_ctx,
                    struct core_hub_import_stats *stats, struct err *err)
{
    memset(stats, 0, sizeof *stats);
    if (!core_may(actor, CORE_HUB_EDIT, 0))
        return err_set(err, ERR_DENIED,
                       "importing into the knowledge hub: only a coordinator or "
                       "an administrator may");
    if (n > CORE_HUB_IMPORT_MAX)
        return err_set(err, ERR_INPUT, "%s: %zu bytes, expected at most %d", name, n,
                       CORE_HUB_IMPORT_MAX);
    size_t bad = 0;
    if (text_utf8_check(text, n, &bad) || memchr(text, '\0', n))
        return err_set(err, ERR_INPUT, "%s: not UTF-8 text (byte %zu)", name, bad);
    char *copy = malloc(n + 1);
    if (!copy)
        return err_set(err, ERR_NOMEM, "out of memory");
    memcpy(copy, text, n);
    copy[n] = '\0';
    struct importer im = {st, actor, name, load, load_ctx, stats, err, 0, 0, {{0}}, {0}};
    int rc = store_begin(st, err);
    if (!rc) {
        rc = parse(&im, copy);
        if (!rc) {
            struct buf after = BUF_INIT;
            buf_printf(&after, "{\"profiles\":%ld,\"practices\":%ld,\"docs\":%ld}", stats->profiles,
                       stats->practices, stats->docs);
            rc = hub_audit(st, actor, "import", "hub", name, &after, err);
            buf_free(&after);
        }
        rc = hub_commit(st, rc, err);
    }
    practice_clear(&im);
    free(copy);
    return rc;
}
