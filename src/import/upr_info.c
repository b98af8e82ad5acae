/*
 * upr_info.c — importer of UPR Info database exports (see import.h). One row is one
 * recommendation made by one State to the State under review, or a voluntary pledge (response
 * "Voluntary Pledge"), kept apart as kind "pledge". The source row is kept as JSON for export.
 */
#include "import/import.h"

#include <stdlib.h>
#include <string.h>

#include "import/csv.h"

enum col { C_SUR, C_TEXT, C_FROM, C_RESPONSE, C_ACTION, C_ISSUES, C_SESSION, C_COUNT };

/* Column names in the raw originals and in the UTF-8 flattening. */
static const char *const raw_names[C_COUNT] = {"To",     "Text",  "From",   "Response",
                                               "Action", "Issue", "Session"};
static const char *const utf8_names[C_COUNT] = {"state_under_review",
                                                "recommendation",
                                                "recommending_state",
                                                "response",
                                                "action_category",
                                                "issues",
                                                "session"};

struct layout {
    int col[C_COUNT];
    char issue_sep;
};

static int find_layout(const struct csv_row *header, struct layout *l, struct err *err)
{
    const char *const *names = raw_names;
    l->issue_sep = ',';
    if (csv_header_index(header, "To") < 0) {
        names = utf8_names;
        l->issue_sep = '|';
    }
    for (int c = 0; c < C_COUNT; c++) {
        l->col[c] = csv_header_index(header, names[c]);
        if (l->col[c] < 0)
            return err_set(err, ERR_INPUT,
                           "line %zu: no column \"%s\": expected a UPR Info export with columns "
                           "To,Text,From,Response,Action,Issue,Session (or the UTF-8 flattening "
                           "state_under_review,recommendation,recommending_state,...)",
                           header->line, names[c]);
    }
    return 0;
}

/* Parses a whole-number field; empty means 0. */
static int parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    while (*s == ' ')
        s++;
    if (!*s) {
        *out = 0;
        return 0;
    }
    long v = strtol(s, &end, 10);
    while (*end == ' ')
        end++;
    if (*end || v < lo || v > hi)
        return ERR_INPUT;
    *out = (int)v;
    return 0;
}

/* Splits the issues cell in place into tags. */
static size_t split_issues(char *cell, char sep, struct core_tag_in *tags, size_t max)
{
    size_t n = 0;
    for (char *p = cell; p && *p && n < max;) {
        char *next = strchr(p, sep);
        if (next)
            *next++ = '\0';
        while (*p == ' ')
            p++;
        size_t len = strlen(p);
        while (len && p[len - 1] == ' ')
            p[--len] = '\0';
        if (len)
            tags[n++] = (struct core_tag_in){"upr_issue", p};
        p = next;
    }
    return n;
}

static int row_json(const struct csv_row *header, const struct csv_row *row, struct buf *out)
{
    buf_putc(out, '{');
    for (size_t i = 0; i < header->nfields && i < row->nfields; i++) {
        if (i)
            buf_putc(out, ',');
        buf_put_json_string(out, header->fields[i]);
        buf_putc(out, ':');
        buf_put_json_string(out, row->fields[i]);
    }
    return buf_putc(out, '}');
}

struct row_bufs {
    struct buf text, sur, from, issues, json;
};

static int import_row(struct core_import *run, const char *path, const struct layout *l,
                      const struct csv_row *header, const struct csv_row *row, struct row_bufs *b,
                      struct err *err)
{
    const char *const *f = row->fields;
    int session, action;
    if (parse_int(f[l->col[C_SESSION]], 0, 999, &session))
        return err_set(err, ERR_INPUT, "%s:%zu: field %s: \"%s\", expected a session number", path,
                       row->line, header->fields[l->col[C_SESSION]], f[l->col[C_SESSION]]);
    if (parse_int(f[l->col[C_ACTION]], 0, 5, &action))
        return err_set(err, ERR_INPUT, "%s:%zu: field %s: \"%s\", expected 1 to 5", path, row->line,
                       header->fields[l->col[C_ACTION]], f[l->col[C_ACTION]]);
    buf_reset(&b->text);
    buf_reset(&b->sur);
    buf_reset(&b->from);
    buf_reset(&b->issues);
    buf_reset(&b->json);
    if (import_decode_entities(f[l->col[C_TEXT]], &b->text) ||
        import_decode_entities(f[l->col[C_SUR]], &b->sur) ||
        import_decode_entities(f[l->col[C_FROM]], &b->from) ||
        buf_puts(&b->issues, f[l->col[C_ISSUES]]) || row_json(header, row, &b->json))
        return err_set(err, ERR_NOMEM, "out of memory");
    struct core_tag_in tags[64];
    size_t ntags = split_issues(b->issues.data ? b->issues.data : (char *)"", l->issue_sep, tags,
                                sizeof tags / sizeof tags[0]);
    const char *response = f[l->col[C_RESPONSE]];
    int pledge = !strcmp(response, "Voluntary Pledge");
    const char *from = buf_str(&b->from);
    struct core_rec_in in = {
        .kind = pledge ? "pledge" : "recommendation",
        .country = buf_str(&b->sur),
        .session = session,
        .cycle = import_upr_cycle(session),
        .response = pledge ? NULL : response,
        .action_category = action,
        .text = {buf_str(&b->text)},
        .states = &from,
        .nstates = *from ? 1 : 0,
        .tags = tags,
        .ntags = ntags,
        .source_file = path,
        .source_line = (long)row->line,
        .source_json = buf_str(&b->json),
    };
    int rc = core_import_rec(run, &in, err);
    if (rc)
        err_prefix(err, "%s:%zu", path, row->line);
    return rc;
}

int import_upr_info(struct core_import *run, const char *path, const struct import_options *o,
                    struct err *err)
{
    struct csv_reader *reader;
    int rc = csv_open_file(path, o ? o->encoding : NULL, &reader, err);
    if (rc)
        return rc;
    struct csv_row header = {0}, row;
    struct layout layout;
    struct row_bufs b = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
    char **names = NULL;
    size_t nnames = 0;
    rc = csv_read_row(reader, &row, err);
    if (rc == 0)
        rc = err_set(err, ERR_INPUT, "%s: empty file, expected a UPR Info export", path);
    if (rc < 0)
        goto out;
    /* Keep the header: the reader reuses its row storage. */
    names = calloc(row.nfields, sizeof *names);
    if (!names) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
        goto out;
    }
    nnames = row.nfields;
    for (size_t i = 0; i < nnames; i++)
        if (!(names[i] = strdup(row.fields[i]))) {
            rc = err_set(err, ERR_NOMEM, "out of memory");
            goto out;
        }
    header = (struct csv_row){row.nfields, (const char **)names, row.line};
    if ((rc = find_layout(&header, &layout, err))) {
        err_prefix(err, "%s", path);
        goto out;
    }
    csv_expect_fields(reader, header.nfields);
    long n = 0;
    while ((rc = csv_read_row(reader, &row, err)) == 1) {
        if ((rc = import_row(run, path, &layout, &header, &row, &b, err)))
            goto out;
        if (o && o->progress && ++n % 5000 == 0)
            o->progress(o->ctx, path, n);
    }
out:
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    buf_free(&b.text);
    buf_free(&b.sur);
    buf_free(&b.from);
    buf_free(&b.issues);
    buf_free(&b.json);
    csv_close(reader);
    return rc < 0 ? rc : 0;
}
