/*
 * pages_browse.c — browsing without typing: /browse/countries, /browse/bodies, /browse/themes
 * (UHRI themes and UPR Info issues) and /browse/sdgs list what the recommendations are about,
 * with counts, in the reader's language; /browse/DIMENSION/VALUE lists the recommendations of
 * one State, body, theme or SDG goal, page by page (a goal also shows its targets, each a link
 * to the search filtered by it). An unknown dimension is a 404.
 */
#include <stdio.h>
#include <string.h>

#include "core/read.h"
#include "web/handlers.h"
#include "web/html.h"

struct dimension {
    const char *name;   /* in the URL */
    const char *title;  /* msgid */
    const char *filter; /* the search parameter it sets */
};

static const struct dimension dimensions[] = {
    {"countries", N_("States under review"), "country"},
    {"bodies", N_("Bodies"), "body"},
    {"themes", N_("Themes"), "theme"},
    {"sdgs", N_("Sustainable Development Goals"), "sdg"},
};

static const struct dimension *dimension_of(const char *name)
{
    for (size_t i = 0; i < sizeof dimensions / sizeof dimensions[0]; i++)
        if (!strcmp(dimensions[i].name, name))
            return &dimensions[i];
    return NULL;
}

/* ---- the lists ---------------------------------------------------------------------------- */

enum {
    TABLE_UNLABELLED_PLAIN = 1, /* values without a label were never linked: no filter finds them */
    TABLE_CAPTION_HIDDEN = 2,   /* the caption repeats the page's heading */
};

/* A table of values with their counts, each value linking to /browse/DIM/VALUE. */
static int count_table(const struct req *r, struct buf *b, const struct dimension *d,
                       const char *caption, const struct page_list *l, unsigned flags)
{
    int rc = buf_puts(b, flags & TABLE_CAPTION_HIDDEN
                             ? "<div class=\"table-wrap\"><table class=\"counts\">\n"
                               "<caption class=\"visually-hidden\">"
                             : "<div class=\"table-wrap\"><table class=\"counts\">\n<caption>");
    rc = rc ? rc
            : html_printf(b,
                          "%s</caption>\n"
                          "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" "
                          "class=\"num\">%s</th></tr></thead>\n<tbody>\n",
                          caption, T(&r->tr, "Name"), T(&r->tr, "Recommendations"));
    for (size_t i = 0; i < l->n && !rc; i++) {
        const struct page_item *it = &l->item[i];
        const char *label = it->label ? it->label : it->code;
        if ((flags & TABLE_UNLABELLED_PLAIN) && !it->label)
            rc = html_printf(b, "<tr><th scope=\"row\">%s</th>", label);
        else if (!it->label) /* a label as imported may hold a '/': not a path segment */
            rc = html_printf(b, "<tr><th scope=\"row\"><a href=\"/search?%u=%u\">%s</a></th>",
                             d->filter, it->code, label);
        else
            rc = html_printf(b, "<tr><th scope=\"row\"><a href=\"/browse/%u/%u\">%s</a></th>",
                             d->name, it->code, label);
        rc = rc ? rc : html_printf(b, "<td class=\"num\">%ld</td></tr>\n", it->count);
    }
    return rc ? rc : buf_puts(b, "</tbody>\n</table></div>\n");
}

static int browse_list(struct req *r, struct buf *b, const struct dimension *d, struct err *err)
{
    const char *title = i18n_get(r->tr.cat, r->lang, d->title);
    struct page_list a = {0}, c = {0};
    int rc = 0;
    if (!strcmp(d->name, "countries")) {
        rc = page_counts(r, NULL, STORE_DIM_COUNTRY, &a, err);
        if (!rc && page_list_sort(&a))
            rc = err_set(err, ERR_NOMEM, "out of memory");
        rc = rc ? rc
                : count_table(r, b, d, title, &a, TABLE_UNLABELLED_PLAIN | TABLE_CAPTION_HIDDEN);
    } else if (!strcmp(d->name, "bodies")) {
        rc = page_counts(r, NULL, STORE_DIM_BODY, &a, err);
        rc = rc ? rc : count_table(r, b, d, title, &a, TABLE_CAPTION_HIDDEN);
    } else if (!strcmp(d->name, "themes")) {
        rc = page_counts(r, NULL, STORE_DIM_THEME, &a, err);
        rc = rc ? rc : page_counts(r, NULL, STORE_DIM_ISSUE, &c, err);
        rc = rc ? rc : count_table(r, b, d, T(&r->tr, "UHRI themes"), &a, 0);
        if (!rc && c.n)
            rc = count_table(r, b, d, T(&r->tr, "UPR Info issues"), &c, 0);
    } else {
        rc = page_goals(r, &a, err);
        rc = rc ? rc : count_table(r, b, d, title, &a, TABLE_CAPTION_HIDDEN);
    }
    page_list_free(&a);
    page_list_free(&c);
    return rc;
}

int page_browse(struct req *r, struct resp *p)
{
    const struct dimension *d = dimension_of(r->param[0]);
    if (!d)
        return web_error(r, p, 404, "not_found", "no such list");
    struct buf body = BUF_INIT;
    struct err err = {0};
    if (browse_list(r, &body, d, &err)) {
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    const char *title = i18n_get(r->tr.cat, r->lang, d->title);
    page_begin(r, p, title);
    html_printf(&p->body, "<h1>%s</h1>\n%R", title, &body);
    buf_free(&body);
    return page_end(r, p);
}

/* ---- one value ---------------------------------------------------------------------------- */

struct browse_value {
    struct req *r;
    const struct dimension *d;
    const char *value;
    struct page_list countries, terms; /* names of States; labels of the dimension's terms */
    struct buf title;
};

/* The heading of a value: a State's name, a theme's or issue's label, "Goal 5: ...". */
static int value_title(struct browse_value *v, struct err *err)
{
    struct req *r = v->r;
    const char *d = v->d->name;
    int rc = page_countries(r, &v->countries, err);
    if (!rc && !strcmp(d, "themes")) {
        rc = page_terms(r, "uhri_theme", &v->terms, err);
        rc = rc ? rc : page_terms(r, "upr_issue", &v->terms, err);
    } else if (!rc && !strcmp(d, "sdgs")) {
        rc = page_terms(r, "sdg", &v->terms, err);
    } else if (!rc && !strcmp(d, "bodies")) {
        rc = page_terms(r, "body", &v->terms, err);
    }
    if (rc)
        return rc;
    const char *label = !strcmp(d, "countries") ? page_list_label(&v->countries, v->value)
                                                : page_list_label(&v->terms, v->value);
    if (!strcmp(d, "sdgs"))
        /* TRANSLATORS: an SDG goal's number and title: "Goal 5: Gender equality". */
        buf_printf(&v->title, T(&r->tr, "Goal %s: %s"), v->value, label);
    else
        buf_puts(&v->title, label);
    return v->title.oom ? err_set(err, ERR_NOMEM, "out of memory") : 0;
}

/* The targets of an SDG goal, each a link to the search filtered by it. */
static int goal_targets(struct browse_value *v, struct buf *b)
{
    const struct i18n_tr *tr = &v->r->tr;
    int rc = 0, n = 0;
    for (size_t i = 0; i < v->terms.n && !rc; i++) {
        const struct page_item *t = &v->terms.item[i];
        if (!t->parent || strcmp(t->parent, v->value))
            continue;
        if (!n++)
            rc = html_printf(b,
                             "<section aria-labelledby=\"targets\">\n<h2 id=\"targets\">%s</h2>\n"
                             "<ul class=\"targets\">\n",
                             T(tr, "Targets"));
        rc = rc ? rc
                : html_printf(b, "<li><a href=\"/search?sdg=%u\">%s</a> %s</li>\n", t->code,
                              t->code, t->label);
    }
    return !rc && n ? buf_puts(b, "</ul>\n</section>\n") : rc;
}

struct rec_list {
    const struct req *r;
    struct buf *b;
    const struct page_list *countries;
};

static int list_rec(void *ctx, const struct store_rec *rec)
{
    struct rec_list *l = ctx;
    return page_rec_item(l->r, l->b, rec, l->countries);
}

/* The recommendations of the value, one page of them, with the pager. */
static int value_recs(struct browse_value *v, struct buf *b, int page, int per_page, long *total,
                      struct err *err)
{
    struct req *r = v->r;
    struct core_search s = {.limit = per_page, .offset = (page - 1) * per_page};
    const char **field = !strcmp(v->d->filter, "country") ? &s.country
                         : !strcmp(v->d->filter, "body")  ? &s.body
                         : !strcmp(v->d->filter, "theme") ? &s.theme
                                                          : &s.sdg;
    *field = v->value;
    struct core_search_plan plan;
    int rc = core_search_plan(r->store, &s, &plan, err);
    if (rc)
        return rc == ERR_USAGE || rc == ERR_INPUT ? err_set(err, ERR_NOTFOUND, "%s", err->msg) : rc;
    struct buf items = BUF_INIT, path = BUF_INIT, search = BUF_INIT;
    struct rec_list l = {r, &items, &v->countries};
    rc = core_rec_page(r->store, &plan, list_rec, &l, total, err);
    core_search_plan_free(&plan);
    const struct page_param filter[] = {{v->d->filter, v->value}};
    rc = rc ? rc : page_url(&search, "/search", filter, 1, NULL, NULL);
    rc = rc ? rc : buf_printf(&path, "/browse/%s/", v->d->name);
    rc = rc ? rc : html_url_param(&path, v->value);
    rc = rc ? rc : html_printf(b, "<section aria-labelledby=\"recs\">\n<h2 id=\"recs\">");
    rc = rc ? rc
            : html_textf(b, TN(&r->tr, "%d recommendation", "%d recommendations", *total),
                         (int)*total);
    rc = rc ? rc : html_printf(b, "</h2>\n");
    if (!rc && *total)
        rc = html_printf(b, "<p><a href=%h>%s</a></p>\n", buf_str(&search),
                         T(&r->tr, "Refine in the search"));
    if (!rc && items.len)
        rc = html_printf(b, "<ol class=\"results\">\n%R</ol>\n", &items);
    rc = rc ? rc : page_pager(r, b, buf_str(&path), NULL, 0, page, per_page, *total);
    rc = rc ? rc : buf_puts(b, "</section>\n");
    buf_free(&items);
    buf_free(&path);
    buf_free(&search);
    return rc;
}

int page_browse_value(struct req *r, struct resp *p)
{
    const struct dimension *d = dimension_of(r->param[0]);
    if (!d)
        return web_error(r, p, 404, "not_found", "no such list");
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct browse_value v = {r, d, r->param[1], {0}, {0}, BUF_INIT};
    struct buf body = BUF_INIT;
    struct err err = {0};
    int rc = value_title(&v, &err);
    if (!rc && !strcmp(d->name, "sdgs")) {
        const struct page_item *goal = page_list_find(&v.terms, v.value);
        rc = goal && !goal->parent ? goal_targets(&v, &body)
                                   : err_set(&err, ERR_NOTFOUND, "no such SDG goal");
    }
    long total = 0;
    rc = rc ? rc : value_recs(&v, &body, page, per_page, &total, &err);
    /* A value nothing is tagged with and no vocabulary knows is a mistyped URL. */
    if (!rc && !total && strcmp(d->name, "countries") && !page_list_find(&v.terms, v.value))
        rc = err_set(&err, ERR_NOTFOUND, "nothing is filed under this value");
    if (!rc) {
        page_begin(r, p, buf_str(&v.title));
        html_printf(&p->body, "<p class=\"meta\"><a href=\"/browse/%u\">%s</a></p>\n", d->name,
                    i18n_get(r->tr.cat, r->lang, d->title));
        html_printf(&p->body, "<h1>%s</h1>\n%R", buf_str(&v.title), &body);
    }
    page_list_free(&v.countries);
    page_list_free(&v.terms);
    buf_free(&v.title);
    buf_free(&body);
    return rc ? page_fail(r, p, &err) : page_end(r, p);
}
