/*
 * csv_mapped.c — importer of any spreadsheet export saved as CSV, through a mapping file that
 * says which column holds which field of a recommendation (format in docs/import.md):
 *     # comment
 *     text = Recommendation
 *     country = State under review
 *     themes = Themes          (list fields are split on list_separator, default "|")
 */
#include "import/import.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/csv.h"
#include "util/file.h"

enum field {
    F_ID,
    F_KIND,
    F_MECHANISM,
    F_BODY,
    F_DOCUMENT,
    F_PARAGRAPH,
    F_COUNTRY,
    F_SESSION,
    F_CYCLE,
    F_RESPONSE,
    F_ACTION,
    F_CLUSTER,
    F_TEXT,
    F_LANG,
    F_TEXT_EN,
    F_TEXT_FR,
    F_TEXT_ES,
    F_STATES,
    F_THEMES,
    F_SDGS,
    F_AFFECTED,
    F_ISSUES,
    F_COUNT
};

static const char *const field_names[F_COUNT] = {"id",
                                                 "kind",
                                                 "mechanism",
                                                 "body",
                                                 "document",
                                                 "paragraph",
                                                 "country",
                                                 "session",
                                                 "cycle",
                                                 "response",
                                                 "action_category",
                                                 "cluster_theme",
                                                 "text",
                                                 "lang",
                                                 "text_en",
                                                 "text_fr",
                                                 "text_es",
                                                 "states",
                                                 "themes",
                                                 "sdgs",
                                                 "affected_persons",
                                                 "issues"};

struct mapping {
    char *column[F_COUNT]; /* CSV column name per field, NULL when unmapped */
    int index[F_COUNT];    /* resolved against the header */
    char list_sep;
    char csv_sep;
    char *encoding;
};

static void mapping_free(struct mapping *m)
{
    for (int i = 0; i < F_COUNT; i++)
        free(m->column[i]);
    free(m->encoding);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

static int mapping_line(struct mapping *m, const char *path, int line, char *key, char *value,
                        struct err *err)
{
    if (!strcmp(key, "list_separator") || !strcmp(key, "separator")) {
        /* Blanks around values are trimmed, so a tab is written by name. */
        if (!strcmp(value, "tab") || !strcmp(value, "\\t"))
            value = "\t";
        if (strlen(value) != 1)
            return err_set(err, ERR_INPUT, "%s:%d: %s: expected one character (or tab)", path, line,
                           key);
        /* What csv_set_separator refuses, said here with the line. */
        if (key[0] == 's' && (value[0] == '"' || (unsigned char)value[0] >= 0x80))
            return err_set(err, ERR_INPUT,
                           "%s:%d: separator: \"%s\", expected an ASCII character other than \"",
                           path, line, value);
        *(key[0] == 'l' ? &m->list_sep : &m->csv_sep) = value[0];
        return 0;
    }
    if (!strcmp(key, "encoding")) {
        free(m->encoding);
        return (m->encoding = strdup(value)) ? 0 : err_set(err, ERR_NOMEM, "out of memory");
    }
    for (int f = 0; f < F_COUNT; f++) {
        if (strcmp(key, field_names[f]))
            continue;
        free(m->column[f]);
        return (m->column[f] = strdup(value)) ? 0 : err_set(err, ERR_NOMEM, "out of memory");
    }
    struct buf known = BUF_INIT;
    for (int f = 0; f < F_COUNT; f++)
        buf_printf(&known, "%s%s", f ? ", " : "", field_names[f]);
    err_set(err, ERR_INPUT, "%s:%d: unknown field \"%s\"; expected one of %s", path, line, key,
            buf_str(&known));
    buf_free(&known);
    return ERR_INPUT;
}

static int mapping_load(const char *path, struct mapping *m, struct err *err)
{
    struct buf text = BUF_INIT;
    int rc = file_read_all(path, 1 << 20, &text, err);
    m->list_sep = '|';
    m->csv_sep = ',';
    int line = 0;
    for (char *p = text.data; !rc && p && *p;) {
        char *next = strchr(p, '\n');
        if (next)
            *next++ = '\0';
        line++;
        char *s = trim(p);
        p = next;
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            rc = err_set(err, ERR_INPUT, "%s:%d: expected \"field = CSV column\"", path, line);
            break;
        }
        *eq = '\0';
        rc = mapping_line(m, path, line, trim(s), trim(eq + 1), err);
    }
    buf_free(&text);
    if (!rc && !m->column[F_TEXT] && !m->column[F_TEXT_EN] && !m->column[F_TEXT_FR] &&
        !m->column[F_TEXT_ES])
        rc = err_set(err, ERR_INPUT,
                     "%s: the mapping must name the column of field \"text\" "
                     "(or text_en, text_fr, text_es)",
                     path);
    if (!rc && !m->column[F_COUNTRY])
        rc = err_set(err, ERR_INPUT, "%s: the mapping must name the column of field \"country\"",
                     path);
    return rc;
}

/* The cell of field f, or NULL when unmapped or empty (CSV cannot tell empty from absent). */
static const char *cell(const struct mapping *m, const struct csv_row *row, enum field f)
{
    const char *v = m->index[f] >= 0 ? row->fields[m->index[f]] : NULL;
    return v && *v ? v : NULL;
}

/* Splits a list cell in place; returns the number of items. */
static size_t split(char *s, char sep, const char **out, size_t max)
{
    size_t n = 0;
    for (char *p = s; p && n < max;) {
        char *next = strchr(p, sep);
        if (next)
            *next++ = '\0';
        char *item = trim(p);
        if (*item)
            out[n++] = item;
        p = next;
    }
    return n;
}

static int to_int(const char *s, int *out)
{
    char *end;
    if (!s || !*s) {
        *out = 0;
        return 0;
    }
    long v = strtol(s, &end, 10);
    if (*trim(end) || v < 0 || v > 100000)
        return ERR_INPUT;
    *out = (int)v;
    return 0;
}

enum { MAX_ITEMS = 64 };

static int import_row(struct core_import *run, const struct mapping *m, const char *path,
                      const struct csv_row *row, struct err *err)
{
    struct core_rec_in in = {0};
    const char *states[MAX_ITEMS];
    struct core_tag_in tags[4 * MAX_ITEMS];
    const char *items[MAX_ITEMS];
    static const struct {
        enum field f;
        const char *vocab;
    } lists[] = {{F_THEMES, "uhri_theme"},
                 {F_SDGS, "sdg"},
                 {F_AFFECTED, "affected_person"},
                 {F_ISSUES, "upr_issue"}};
    if (to_int(cell(m, row, F_SESSION), &in.session) || to_int(cell(m, row, F_CYCLE), &in.cycle) ||
        to_int(cell(m, row, F_ACTION), &in.action_category))
        return err_set(err, ERR_INPUT,
                       "%s:%zu: session, cycle and action_category must be "
                       "whole numbers",
                       path, row->line);
    in.id = cell(m, row, F_ID);
    in.kind = cell(m, row, F_KIND);
    in.mechanism = cell(m, row, F_MECHANISM);
    in.body = cell(m, row, F_BODY);
    in.document = cell(m, row, F_DOCUMENT);
    in.paragraph = cell(m, row, F_PARAGRAPH);
    in.country = cell(m, row, F_COUNTRY);
    in.response = cell(m, row, F_RESPONSE);
    in.cluster_theme = cell(m, row, F_CLUSTER);
    const char *lang = cell(m, row, F_LANG);
    int li = !lang || !*lang || !strcmp(lang, "en") ? 0
             : !strcmp(lang, "fr")                  ? 1
             : !strcmp(lang, "es")                  ? 2
                                                    : -1;
    if (li < 0)
        return err_set(err, ERR_INPUT, "%s:%zu: field lang: \"%s\", expected en, fr or es", path,
                       row->line, lang);
    in.text[li] = cell(m, row, F_TEXT);
    for (int i = 0; i < 3; i++)
        if (m->index[F_TEXT_EN + i] >= 0)
            in.text[i] = cell(m, row, (enum field)(F_TEXT_EN + i));
    if (!in.cycle)
        in.cycle = import_upr_cycle(in.session);
    if (m->index[F_STATES] >= 0)
        in.nstates = split((char *)row->fields[m->index[F_STATES]], m->list_sep, states, MAX_ITEMS);
    in.states = states;
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        if (m->index[lists[l].f] < 0)
            continue;
        size_t n = split((char *)row->fields[m->index[lists[l].f]], m->list_sep, items, MAX_ITEMS);
        for (size_t i = 0; i < n; i++)
            tags[in.ntags++] = (struct core_tag_in){lists[l].vocab, items[i]};
    }
    in.tags = tags;
    in.source_file = path;
    in.source_line = (long)row->line;
    int rc = core_import_rec(run, &in, err);
    if (rc)
        err_prefix(err, "%s:%zu", path, row->line);
    return rc;
}

int import_csv_mapped(struct core_import *run, const char *mapping_path, const char *path,
                      const struct import_options *o, struct err *err)
{
    struct mapping m = {0};
    struct csv_reader *reader = NULL;
    struct csv_row row;
    int rc = mapping_load(mapping_path, &m, err);
    if (!rc)
        rc = csv_open_file(path, o && o->encoding ? o->encoding : m.encoding, &reader, err);
    if (!rc && m.csv_sep != ',')
        rc = csv_set_separator(reader, m.csv_sep);
    if (!rc && (rc = csv_read_row(reader, &row, err)) == 0)
        rc = err_set(err, ERR_INPUT, "%s: empty file", path);
    if (rc < 0)
        goto out;
    for (int f = 0; f < F_COUNT; f++) {
        m.index[f] = m.column[f] ? csv_header_index(&row, m.column[f]) : -1;
        if (m.column[f] && m.index[f] < 0) {
            rc = err_set(err, ERR_INPUT, "%s:%zu: no column \"%s\" (mapped to field %s in %s)",
                         path, row.line, m.column[f], field_names[f], mapping_path);
            goto out;
        }
    }
    csv_expect_fields(reader, row.nfields);
    long n = 0;
    while ((rc = csv_read_row(reader, &row, err)) == 1) {
        if ((rc = import_row(run, &m, path, &row, err)))
            break;
        if (o && o->progress && ++n % 5000 == 0)
            o->progress(o->ctx, path, n);
    }
out:
    csv_close(reader);
    mapping_free(&m);
    return rc < 0 ? rc : 0;
}
