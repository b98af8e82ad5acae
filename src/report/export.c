/*
 * export.c — CSV and JSON forms of a recommendation (see export.h). Column order is part of
 * the export format documented in docs/import.md; add columns at the end only.
 */
#include "report/export.h"

#include <stdio.h>
#include <string.h>

#include "report/csv.h"

static const char *const columns[] = {"id",
                                      "kind",
                                      "mechanism",
                                      "body",
                                      "document",
                                      "paragraph",
                                      "country",
                                      "country_label",
                                      "session",
                                      "cycle",
                                      "response",
                                      "action_category",
                                      "cluster_theme",
                                      "text_en",
                                      "text_fr",
                                      "text_es",
                                      "recommending_states",
                                      "recommending_states_iso3",
                                      "themes",
                                      "affected_persons",
                                      "sdgs",
                                      "issues",
                                      "source_file",
                                      "source_line",
                                      "source"};

int report_export_csv_header(struct buf *out)
{
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        report_csv_field(out, columns[i], i == 0);
    return buf_putc(out, '\n');
}

/* The labels (or codes) of one vocabulary's tags joined with "|". */
static void join_tags(struct buf *b, const struct store_rec *r, const char *vocab, int codes)
{
    buf_reset(b);
    for (size_t i = 0; i < r->ntags; i++) {
        if (strcmp(r->tags[i].vocab, vocab) || r->tags[i].origin != STORE_TAG_SOURCE)
            continue;
        if (b->len)
            buf_putc(b, '|');
        buf_puts(b, codes && r->tags[i].code ? r->tags[i].code : r->tags[i].label);
    }
}

static void join_states(struct buf *b, const struct store_rec *r, int iso3)
{
    buf_reset(b);
    for (size_t i = 0; i < r->nstates; i++) {
        if (i)
            buf_putc(b, '|');
        buf_puts(b, iso3 ? (r->states[i].iso3 ? r->states[i].iso3 : "") : r->states[i].label);
    }
}

int report_export_csv_row(struct buf *out, const struct store_rec *r)
{
    char session[16], cycle[16], action[16], line[24];
    snprintf(session, sizeof session, "%d", r->session);
    snprintf(cycle, sizeof cycle, "%d", r->cycle);
    snprintf(action, sizeof action, "%d", r->action_category);
    snprintf(line, sizeof line, "%ld", r->source_line);
    const char *plain[] = {r->id,
                           r->kind,
                           r->mechanism,
                           r->body,
                           r->document,
                           r->paragraph,
                           r->country,
                           r->country_label,
                           session,
                           cycle,
                           r->response,
                           r->action_category ? action : NULL,
                           r->cluster_theme,
                           r->text[0],
                           r->text[1],
                           r->text[2]};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        report_csv_field(out, plain[i], i == 0);
    struct buf list = BUF_INIT;
    join_states(&list, r, 0);
    report_csv_field(out, buf_str(&list), 0);
    join_states(&list, r, 1);
    report_csv_field(out, buf_str(&list), 0);
    static const char *const vocabs[] = {"uhri_theme", "affected_person", "sdg", "upr_issue"};
    for (size_t i = 0; i < sizeof vocabs / sizeof vocabs[0]; i++) {
        join_tags(&list, r, vocabs[i], 0);
        report_csv_field(out, buf_str(&list), 0);
    }
    buf_free(&list);
    report_csv_field(out, r->source_file, 0);
    report_csv_field(out, line, 0);
    report_csv_field(out, r->source_json, 0);
    return buf_putc(out, '\n');
}

static void json_str(struct buf *out, const char *name, const char *v)
{
    buf_printf(out, ",\"%s\":", name);
    if (v)
        buf_put_json_string(out, v);
    else
        buf_puts(out, "null");
}

int report_export_json(struct buf *out, const struct store_rec *r)
{
    static const char *const origin_names[] = {"source", "human", "machine"};
    buf_puts(out, "{\"id\":");
    buf_put_json_string(out, r->id);
    json_str(out, "kind", r->kind);
    json_str(out, "mechanism", r->mechanism);
    json_str(out, "body", r->body);
    json_str(out, "document", r->document);
    json_str(out, "paragraph", r->paragraph);
    json_str(out, "country", r->country);
    json_str(out, "country_label", r->country_label);
    buf_printf(out, ",\"session\":%d,\"cycle\":%d", r->session, r->cycle);
    json_str(out, "response", r->response);
    buf_printf(out, ",\"action_category\":%d", r->action_category);
    json_str(out, "cluster_theme", r->cluster_theme);
    buf_puts(out, ",\"text\":{");
    static const char *const langs[] = {"en", "fr", "es"};
    int first = 1;
    for (int i = 0; i < STORE_LANG_COUNT; i++) {
        if (!r->text[i])
            continue;
        buf_printf(out, "%s\"%s\":", first ? "" : ",", langs[i]);
        buf_put_json_string(out, r->text[i]);
        first = 0;
    }
    buf_puts(out, "},\"recommending_states\":[");
    for (size_t i = 0; i < r->nstates; i++) {
        buf_puts(out, i ? ",{\"label\":" : "{\"label\":");
        buf_put_json_string(out, r->states[i].label);
        json_str(out, "iso3", r->states[i].iso3);
        buf_putc(out, '}');
    }
    buf_puts(out, "],\"tags\":[");
    for (size_t i = 0; i < r->ntags; i++) {
        const struct store_tag *t = &r->tags[i];
        buf_puts(out, i ? ",{\"vocab\":" : "{\"vocab\":");
        buf_put_json_string(out, t->vocab);
        json_str(out, "code", t->code);
        json_str(out, "label", t->label);
        json_str(out, "origin", origin_names[t->origin]);
        if (t->origin == STORE_TAG_MACHINE)
            buf_printf(out, ",\"score\":%.4f", t->score);
        buf_putc(out, '}');
    }
    buf_puts(out, "]");
    json_str(out, "source_file", r->source_file);
    buf_printf(out, ",\"source_line\":%ld,\"source\":", r->source_line);
    /* source_json is JSON this program wrote at import time */
    buf_puts(out, r->source_json && *r->source_json ? r->source_json : "null");
    return buf_putc(out, '}');
}
