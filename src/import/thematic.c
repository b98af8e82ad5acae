/*
 * thematic.c — importer of OHCHR "Thematic list of recommendations" files: each entry becomes
 * a UPR recommendation with id "<ISO3>-UPR<session>-<paragraph>", its recommending States, its
 * position, and OHCHR's own tags (UHRI themes, affected persons, SDG goals) as source tags.
 */
#include "import/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/thematic_list.h"
#include "util/file.h"

enum { MAX_FILE = 64 * 1024 * 1024, MAX_ENTRY_TAGS = 128 };

struct thematic_ctx {
    struct core_import *run;
    const char *path;
    const struct import_options *o;
    struct err *err;
    struct buf id, json, country;
    long n;
};

static void json_field(struct buf *b, const char *name, const char *value)
{
    if (b->len > 1)
        buf_putc(b, ',');
    buf_put_json_string(b, name);
    buf_putc(b, ':');
    if (value)
        buf_put_json_string(b, value);
    else
        buf_puts(b, "null");
}

static void json_list(struct buf *b, const char *name, const char **v, size_t n)
{
    buf_putc(b, ',');
    buf_put_json_string(b, name);
    buf_puts(b, ":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ',');
        buf_put_json_string(b, v[i]);
    }
    buf_putc(b, ']');
}

static int entry_json(struct buf *b, const struct tl_header *h, const struct tl_entry *e)
{
    buf_reset(b);
    buf_putc(b, '{');
    json_field(b, "country", h->country);
    json_field(b, "date", h->date);
    json_field(b, "paragraph", e->paragraph);
    json_field(b, "text", e->text);
    json_field(b, "source_of_position", e->source_of_position);
    json_field(b, "position", e->position);
    json_field(b, "cluster_theme", e->cluster_theme);
    json_list(b, "states", e->states, e->nstates);
    json_list(b, "themes", e->themes, e->nthemes);
    json_list(b, "affected_persons", e->affected, e->naffected);
    json_list(b, "sdgs", e->sdgs, e->nsdgs);
    return buf_putc(b, '}');
}

static int on_entry(void *vctx, const struct tl_header *h, const struct tl_entry *e)
{
    struct thematic_ctx *c = vctx;
    struct core_tag_in tags[MAX_ENTRY_TAGS];
    size_t ntags = 0;
    for (size_t i = 0; i < e->nthemes && ntags < MAX_ENTRY_TAGS; i++)
        tags[ntags++] = (struct core_tag_in){"uhri_theme", e->themes[i]};
    for (size_t i = 0; i < e->naffected && ntags < MAX_ENTRY_TAGS; i++)
        tags[ntags++] = (struct core_tag_in){"affected_person", e->affected[i]};
    for (size_t i = 0; i < e->nsdgs && ntags < MAX_ENTRY_TAGS; i++)
        tags[ntags++] = (struct core_tag_in){"sdg", e->sdgs[i]};

    char iso3[4] = "";
    int found = h->country ? store_country_find(c->run->store, h->country, iso3, c->err) : 0;
    if (found < 0)
        return found;
    buf_reset(&c->id);
    buf_printf(&c->id, "%s-UPR%02d-%s", found ? iso3 : "XXX", h->session, e->paragraph);
    if (entry_json(&c->json, h, e) || c->id.oom)
        return err_set(c->err, ERR_NOMEM, "out of memory");
    struct core_rec_in in = {
        .id = buf_str(&c->id),
        .document = e->document,
        .paragraph = e->paragraph,
        .country = h->country,
        .session = h->session,
        .cycle = import_upr_cycle(h->session),
        .response = e->position,
        .cluster_theme = e->cluster_theme,
        .text = {e->text},
        .states = e->states,
        .nstates = e->nstates,
        .tags = tags,
        .ntags = ntags,
        .source_file = c->path,
        .source_line = (long)e->line,
        .source_json = buf_str(&c->json),
    };
    int rc = core_import_rec(c->run, &in, c->err);
    if (rc) {
        err_prefix(c->err, "%s:%zu", c->path, e->line);
        return rc;
    }
    if (c->o && c->o->progress && ++c->n % 1000 == 0)
        c->o->progress(c->o->ctx, c->path, c->n);
    return 0;
}

int import_thematic_list(struct core_import *run, const char *path, const struct import_options *o,
                         struct err *err)
{
    struct buf text = BUF_INIT;
    int rc = file_read_all(path, MAX_FILE, &text, err);
    struct thematic_ctx c = {run, path, o, err, BUF_INIT, BUF_INIT, BUF_INIT, 0};
    struct tl_summary summary = {0, -1};
    if (!rc)
        rc = tl_parse(path, buf_str(&text), text.len, on_entry, &c, &summary, err);
    if (!rc && o && o->warn && summary.declared_total >= 0 &&
        summary.declared_total != summary.entries) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s: the header declares %d recommendations, %d were found", path,
                 summary.declared_total, summary.entries);
        o->warn(o->ctx, msg);
    }
    buf_free(&text);
    buf_free(&c.id);
    buf_free(&c.json);
    buf_free(&c.country);
    return rc;
}
