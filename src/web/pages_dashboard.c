/*
 * pages_dashboard.c — /dashboard: how many recommendations there are by response, by body, the
 * top UHRI themes and UPR Info issues, and per SDG goal. Each breakdown is a table whose numbers
 * are a column of their own (what screen readers read) with a <meter> beside each as the bar:
 * the CSP forbids style attributes, and a meter's length comes from its value, not from CSS.
 */
#include <string.h>

#include "core/read.h"
#include "web/handlers.h"
#include "web/html.h"

enum { DASHBOARD_TOP = 10 };

/* How the rows of one table link: to /browse/WHAT/VALUE, /search?response=VALUE, or not. */
struct breakdown {
    const char *heading; /* translated */
    const char *browse;  /* dimension of /browse, or NULL */
    int responses;       /* link to the search by response (the labels are translated codes) */
    size_t top;          /* rows shown; 0: all */
};

static long largest(const struct page_list *l)
{
    long max = 0;
    for (size_t i = 0; i < l->n; i++)
        if (l->item[i].count > max)
            max = l->item[i].count;
    return max;
}

static int row_label(const struct req *r, struct buf *b, const struct breakdown *d,
                     const struct page_item *it)
{
    if (d->responses) {
        const char *label = i18n_label(&r->tr, "response", it->code);
        if (!strcmp(it->code, "none") || !label)
            return html_printf(b, "%s", label ? label : it->code);
        return html_printf(b, "<a href=\"/search?response=%u\">%s</a>", it->code, label);
    }
    const char *label = it->label ? it->label : it->code;
    if (!it->label && d->browse && !strcmp(d->browse, "themes")) /* as imported: may hold a '/' */
        return html_printf(b, "<a href=\"/search?theme=%u\">%s</a>", it->code, label);
    if (!d->browse || !it->label)
        return html_printf(b, "%s", label);
    return html_printf(b, "<a href=\"/browse/%u/%u\">%s</a>", d->browse, it->code, label);
}

static int breakdown_table(const struct req *r, struct buf *b, const struct breakdown *d,
                           const struct page_list *l)
{
    long max = largest(l);
    size_t rows = d->top && d->top < l->n ? d->top : l->n;
    int rc = html_printf(b,
                         "<section class=\"breakdown\">\n<h2>%s</h2>\n<div class=\"table-wrap\">"
                         "<table class=\"bars\">\n<thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\" class=\"num\" colspan=\"2\">%s</th></tr></thead>\n"
                         "<tbody>\n",
                         d->heading, T(&r->tr, "Name"), T(&r->tr, "Recommendations"));
    for (size_t i = 0; i < rows && !rc; i++) {
        const struct page_item *it = &l->item[i];
        rc = buf_puts(b, "<tr><th scope=\"row\">");
        rc = rc ? rc : row_label(r, b, d, it);
        rc = rc ? rc
                : html_printf(b,
                              "</th><td class=\"num\">%ld</td><td class=\"bar\"><meter "
                              "min=\"0\" max=\"%ld\" value=\"%ld\" aria-hidden=\"true\"></meter>"
                              "</td></tr>\n",
                              it->count, max > 0 ? max : 1, it->count);
    }
    if (!rc && !rows)
        rc = html_printf(b, "<tr><td colspan=\"3\">%s</td></tr>\n", T(&r->tr, "None yet."));
    return rc ? rc : buf_puts(b, "</tbody>\n</table></div>\n</section>\n");
}

/* One breakdown from core_count_by over everything. */
static int by_dimension(struct req *r, struct buf *b, enum store_dim dim, const struct breakdown *d,
                        struct err *err)
{
    struct page_list l = {0};
    int rc = page_counts(r, NULL, dim, &l, err);
    rc = rc ? rc : breakdown_table(r, b, d, &l);
    page_list_free(&l);
    return rc;
}

static int by_goal(struct req *r, struct buf *b, struct err *err)
{
    struct page_list goals = {0};
    const struct breakdown d = {T(&r->tr, "Recommendations per Sustainable Development Goal"),
                                "sdgs", 0, 0};
    int rc = page_goals(r, &goals, err);
    rc = rc ? rc : breakdown_table(r, b, &d, &goals);
    page_list_free(&goals);
    return rc;
}

static int dashboard(struct req *r, struct buf *b, struct err *err)
{
    long total = 0;
    int rc = core_count(r->store, "recommendation", &total, err);
    rc = rc ? rc : buf_puts(b, "<p class=\"count\">");
    rc = rc ? rc
            : html_textf(b, TN(&r->tr, "%d recommendation", "%d recommendations", total),
                         (int)total);
    rc = rc ? rc : buf_puts(b, "</p>\n<div class=\"dashboard\">\n");
    const struct breakdown response = {T(&r->tr, "By response"), NULL, 1, 0};
    const struct breakdown body = {T(&r->tr, "By body"), "bodies", 0, DASHBOARD_TOP};
    const struct breakdown theme = {T(&r->tr, "Top UHRI themes"), "themes", 0, DASHBOARD_TOP};
    const struct breakdown issue = {T(&r->tr, "Top UPR Info issues"), "themes", 0, DASHBOARD_TOP};
    rc = rc ? rc : by_dimension(r, b, STORE_DIM_RESPONSE, &response, err);
    rc = rc ? rc : by_dimension(r, b, STORE_DIM_BODY, &body, err);
    rc = rc ? rc : by_dimension(r, b, STORE_DIM_THEME, &theme, err);
    rc = rc ? rc : by_dimension(r, b, STORE_DIM_ISSUE, &issue, err);
    rc = rc ? rc : by_goal(r, b, err);
    return rc ? rc : buf_puts(b, "</div>\n");
}

int page_dashboard(struct req *r, struct resp *p)
{
    struct buf body = BUF_INIT;
    struct err err = {0};
    if (dashboard(r, &body, &err)) {
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    const char *title = T(&r->tr, "Dashboard");
    page_begin(r, p, title);
    html_printf(&p->body, "<h1>%s</h1>\n%R", title, &body);
    buf_free(&body);
    return page_end(r, p);
}
