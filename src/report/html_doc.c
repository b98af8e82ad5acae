/*
 * html_doc.c — a report document as one standalone HTML page (see render.h): no external
 * style sheet, script or font, so it can be mailed or archived as is. Accessibility: the page
 * language, one h1 (the title) with headings below it, tables with captions and <th scope>,
 * charts as inline SVG with <title>/<desc> and their numbers in a table beside them.
 * Also the XML escaper the SVG and DOCX writers share.
 */
#include "report/render.h"

#include <stdio.h>
#include <string.h>

/* Escapes s[0..n). */
static int escape_n(struct buf *out, const char *s, size_t n)
{
    const char *run = s, *end = s + n;
    for (const char *p = s; p < end; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        buf_append(out, run, (size_t)(p - run));
        buf_puts(out, rep);
        run = p + 1;
    }
    return buf_append(out, run, (size_t)(end - run));
}

int report_xml_escape(struct buf *out, const char *s)
{
    return escape_n(out, s, strlen(s));
}

/* Escaped text with line breaks as <br>. */
static void put_text(struct buf *out, const char *s)
{
    const char *nl;
    while ((nl = strchr(s, '\n'))) {
        escape_n(out, s, (size_t)(nl - s));
        buf_puts(out, "<br>");
        s = nl + 1;
    }
    report_xml_escape(out, s);
}

static void put_runs(struct buf *out, const struct doc_para *p)
{
    for (size_t i = 0; i < p->nruns; i++) {
        const struct doc_run *r = &p->runs[i];
        buf_puts(out, r->flags & DOC_BOLD ? "<strong>" : "");
        buf_puts(out, r->flags & DOC_ITALIC ? "<em>" : "");
        put_text(out, r->text);
        buf_puts(out, r->flags & DOC_ITALIC ? "</em>" : "");
        buf_puts(out, r->flags & DOC_BOLD ? "</strong>" : "");
    }
}

static const char style[] =
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;line-height:1.45;color:#222;"
    "max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "h1{font-size:1.8rem;margin-bottom:.2rem}.subtitle{font-size:1.2rem;margin-top:0}"
    ".meta{color:#555}table{border-collapse:collapse;width:100%;margin:1rem 0}"
    "caption{text-align:left;font-weight:bold;padding:.3rem 0}"
    "th,td{border:1px solid #999;padding:.25rem .4rem;vertical-align:top;text-align:left}"
    "thead th{background:#E8EEF4}figure{margin:1.5rem 0}svg{max-width:100%;height:auto}"
    "@media print{.page-break{break-after:page}thead{display:table-header-group}"
    "body{margin:0;max-width:none}}";

static void put_head(struct buf *out, const struct doc *d)
{
    buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
               d->lang);
    buf_puts(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>");
    report_xml_escape(out, d->title);
    buf_puts(out, "</title>\n");
    if (d->author) {
        buf_puts(out, "<meta name=\"author\" content=\"");
        report_xml_escape(out, d->author);
        buf_puts(out, "\">\n");
    }
    buf_printf(out, "<style>%s</style>\n</head>\n<body>\n<main>\n<header>\n<h1>", style);
    report_xml_escape(out, d->title);
    buf_puts(out, "</h1>\n");
    if (d->subtitle) {
        buf_puts(out, "<p class=\"subtitle\">");
        put_text(out, d->subtitle);
        buf_puts(out, "</p>\n");
    }
    if (d->author || d->date) {
        buf_puts(out, "<p class=\"meta\">");
        report_xml_escape(out, d->author ? d->author : "");
        buf_puts(out, d->author && d->date ? " · " : "");
        report_xml_escape(out, d->date ? d->date : "");
        buf_puts(out, "</p>\n");
    }
    buf_puts(out, "</header>\n");
}

static void put_table(struct buf *out, const struct doc_table *t)
{
    buf_puts(out, "<table>\n");
    if (t->caption) {
        buf_puts(out, "<caption>");
        put_text(out, t->caption);
        buf_puts(out, "</caption>\n");
    }
    if (t->widths) {
        buf_puts(out, "<colgroup>");
        for (size_t c = 0; c < t->ncols; c++)
            buf_printf(out, "<col style=\"width:%d%%\">", (int)(t->widths[c] * 100 + 0.5));
        buf_puts(out, "</colgroup>\n");
    }
    buf_puts(out, "<thead><tr>");
    for (size_t c = 0; c < t->ncols; c++) {
        buf_puts(out, "<th scope=\"col\">");
        put_text(out, t->header[c]);
        buf_puts(out, "</th>");
    }
    buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        buf_puts(out, "<tr>");
        for (size_t c = 0; c < t->ncols; c++) {
            int th = c == 0 && (t->flags & DOC_TABLE_ROW_HEADERS);
            buf_puts(out, th ? "<th scope=\"row\">" : "<td>");
            put_text(out, t->cells[r * t->ncols + c]);
            buf_puts(out, th ? "</th>" : "</td>");
        }
        buf_puts(out, "</tr>\n");
    }
    buf_puts(out, "</tbody>\n</table>\n");
}

static int put_chart(struct buf *out, const struct doc *d, const struct doc_chart *c, int n,
                     struct err *err)
{
    char id[32];
    snprintf(id, sizeof id, "chart%d", n);
    buf_puts(out, "<figure>\n");
    int rc = report_chart_svg(c, id, out, err);
    if (rc)
        return rc;
    buf_printf(out, "\n<details><summary>%s</summary>\n<table>\n<caption>",
               doc_word(d, DOC_WORD_DATA));
    report_xml_escape(out, c->title);
    buf_printf(out, "</caption>\n<thead><tr><th scope=\"col\">%s</th>",
               doc_word(d, DOC_WORD_CATEGORY));
    for (size_t s = 0; s < c->nseries; s++) {
        buf_puts(out, "<th scope=\"col\">");
        report_xml_escape(out, c->series[s]);
        buf_puts(out, "</th>");
    }
    buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < c->ncat; k++) {
        buf_puts(out, "<tr><th scope=\"row\">");
        report_xml_escape(out, c->categories[k]);
        buf_puts(out, "</th>");
        for (size_t s = 0; s < c->nseries; s++) {
            char num[32];
            report_chart_number(c, c->values[s * c->ncat + k], num, sizeof num);
            buf_printf(out, "<td>%s</td>", num);
        }
        buf_puts(out, "</tr>\n");
    }
    buf_puts(out, "</tbody>\n</table>\n</details>\n</figure>\n");
    return 0;
}

static int put_block(struct buf *out, const struct doc *d, const struct doc_block *b, int *charts,
                     struct err *err)
{
    switch (b->kind) {
    case DOC_HEADING:
        buf_printf(out, "<h%d>", b->level + 1);
        put_runs(out, &b->para);
        buf_printf(out, "</h%d>\n", b->level + 1);
        break;
    case DOC_PARA:
        buf_puts(out, "<p>");
        put_runs(out, &b->para);
        buf_puts(out, "</p>\n");
        break;
    case DOC_LIST:
        buf_puts(out, "<ul>\n");
        for (size_t i = 0; i < b->nitems; i++) {
            buf_puts(out, "<li>");
            put_runs(out, &b->items[i]);
            buf_puts(out, "</li>\n");
        }
        buf_puts(out, "</ul>\n");
        break;
    case DOC_TABLE:
        put_table(out, b->table);
        break;
    case DOC_PAGE_BREAK:
        buf_puts(out, "<div class=\"page-break\" aria-hidden=\"true\"></div>\n");
        break;
    case DOC_CHART:
        return put_chart(out, d, b->chart, ++*charts, err);
    }
    return 0;
}

int report_render_html(const struct doc *d, struct buf *out, struct err *err)
{
    int rc = doc_status(d, err);
    if (rc)
        return rc;
    put_head(out, d);
    int charts = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        if ((rc = put_block(out, d, &d->blocks[i], &charts, err)))
            return rc;
    buf_puts(out, "</main>\n</body>\n</html>\n");
    return out->oom ? err_set(err, ERR_NOMEM, "report: out of memory writing HTML") : 0;
}
