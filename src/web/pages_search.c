/*
 * pages_search.c — the home page (/: what this is, the search box, how much there is) and the
 * search page (/search): the form that keeps its values, filters as selects labelled in the
 * reader's language, results with highlighted snippets (or, without search words, the
 * recommendations the filters select), facets that add a filter, pagination. The text-language
 * filter is the parameter text_lang, because lang= already chooses the language of the pages
 * (app.c) and the two must not be tied.
 */
#include <string.h>

#include "core/read.h"
#include "web/handlers.h"
#include "web/html.h"

enum { SEARCH_FACET_TOP = 10 };

/* What the search page was asked, from the query string ("" counts as absent). */
struct search_state {
    const char *q, *country, *body, *theme, *sdg, *response, *kind, *text_lang;
};

static const char *param(const struct req *r, const char *name)
{
    const char *v = req_query(r, name);
    return v && *v ? v : NULL;
}

static struct search_state state_from_query(const struct req *r)
{
    return (struct search_state){param(r, "q"),     param(r, "country"),  param(r, "body"),
                                 param(r, "theme"), param(r, "sdg"),      param(r, "response"),
                                 param(r, "kind"),  param(r, "text_lang")};
}

/* The state as link parameters (page_url), in a fixed order. */
static size_t state_params(const struct search_state *s, struct page_param out[8])
{
    const struct page_param all[8] = {
        {"q", s->q},     {"country", s->country},   {"body", s->body}, {"theme", s->theme},
        {"sdg", s->sdg}, {"response", s->response}, {"kind", s->kind}, {"text_lang", s->text_lang},
    };
    memcpy(out, all, sizeof all);
    return 8;
}

static int filtered(const struct search_state *s)
{
    return s->country || s->body || s->theme || s->sdg || s->response || s->kind || s->text_lang;
}

/* The lists the form's selects offer. */
struct search_lists {
    struct page_list countries, bodies, themes, issues, sdgs;
};

static void lists_free(struct search_lists *l)
{
    page_list_free(&l->countries);
    page_list_free(&l->bodies);
    page_list_free(&l->themes);
    page_list_free(&l->issues);
    page_list_free(&l->sdgs);
}

static int lists_load(struct req *r, struct search_lists *l, struct err *err)
{
    /* States and bodies that have recommendations: a select of 195 States would mostly lead
     * to empty pages. */
    int rc = page_counts(r, NULL, STORE_DIM_COUNTRY, &l->countries, err);
    rc = rc ? rc : page_counts(r, NULL, STORE_DIM_BODY, &l->bodies, err);
    rc = rc ? rc : page_terms(r, "uhri_theme", &l->themes, err);
    rc = rc ? rc : page_terms(r, "upr_issue", &l->issues, err);
    rc = rc ? rc : page_terms(r, "sdg", &l->sdgs, err);
    if (!rc && ((rc = page_list_sort(&l->countries)) || (rc = page_list_sort(&l->bodies))))
        err_set(err, rc, "out of memory");
    return rc;
}

/* ---- the form ----------------------------------------------------------------------------- */

static int option(struct buf *b, const char *value, const char *label, const char *current)
{
    const char *fmt = current && !strcmp(value, current) ? "<option value=%a selected>%s</option>\n"
                                                         : "<option value=%a>%s</option>\n";
    return html_printf(b, fmt, value, label);
}

static int select_open(const struct req *r, struct buf *b, const char *name, const char *label)
{
    return html_printf(b,
                       "<div class=\"field\"><label for=%a>%s</label>\n"
                       "<select id=%a name=%a>\n<option value=\"\">%s</option>\n",
                       name, label, name, name,
                       /* TRANSLATORS: first option of a filter list: no restriction. */
                       T(&r->tr, "Any"));
}

/* Options for the items of l (only the labelled ones when labelled_only: a State name that was
 * never linked is no filter value), and the current value as an option of its own when the
 * list does not have it, so the form keeps it. */
static int options_of(struct buf *b, const struct page_list *l, const char *current,
                      int labelled_only)
{
    int rc = 0;
    for (size_t i = 0; i < l->n && !rc; i++)
        if (!labelled_only || l->item[i].label)
            rc = option(b, l->item[i].code, l->item[i].label ? l->item[i].label : l->item[i].code,
                        current);
    if (!rc && current && !page_list_find(l, current))
        rc = option(b, current, current, current);
    return rc;
}

static int select_list(const struct req *r, struct buf *b, const char *name, const char *label,
                       const struct page_list *l, const char *current, int labelled_only)
{
    int rc = select_open(r, b, name, label);
    rc = rc ? rc : options_of(b, l, current, labelled_only);
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

/* Themes: UHRI themes and UPR Info issues (the theme filter takes either) in two groups. */
static int select_theme(const struct req *r, struct buf *b, const struct search_lists *l,
                        const char *current)
{
    int rc = select_open(r, b, "theme", T(&r->tr, "Theme"));
    rc = rc ? rc : html_printf(b, "<optgroup label=%a>\n", T(&r->tr, "UHRI themes"));
    for (size_t i = 0; i < l->themes.n && !rc; i++)
        rc = option(b, l->themes.item[i].code, l->themes.item[i].label, current);
    rc = rc ? rc
            : html_printf(b, "</optgroup>\n<optgroup label=%a>\n", T(&r->tr, "UPR Info issues"));
    for (size_t i = 0; i < l->issues.n && !rc; i++)
        rc = option(b, l->issues.item[i].code, l->issues.item[i].label, current);
    rc = rc ? rc : buf_puts(b, "</optgroup>\n");
    if (!rc && current && !page_list_find(&l->themes, current) &&
        !page_list_find(&l->issues, current))
        rc = option(b, current, current, current);
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

/* SDG goals, "5. Gender equality"; a target asked for in the URL is kept as an option. */
static int select_sdg(const struct req *r, struct buf *b, const struct page_list *sdgs,
                      const char *current)
{
    int rc = select_open(r, b, "sdg", T(&r->tr, "Sustainable Development Goal"));
    struct buf label = BUF_INIT;
    for (size_t i = 0; i < sdgs->n && !rc; i++) {
        if (sdgs->item[i].parent)
            continue;
        buf_reset(&label);
        buf_printf(&label, "%s. %s", sdgs->item[i].code, sdgs->item[i].label);
        rc = label.oom ? ERR_NOMEM : option(b, sdgs->item[i].code, buf_str(&label), current);
    }
    buf_free(&label);
    const struct page_item *it = page_list_find(sdgs, current);
    if (!rc && current && (!it || it->parent))
        rc = option(b, current, current, current);
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

static int select_codes(const struct req *r, struct buf *b, const char *name, const char *label,
                        const char *vocab, const char *const *codes, size_t n, const char *current)
{
    int rc = select_open(r, b, name, label);
    for (size_t i = 0; i < n && !rc; i++)
        rc = option(b, codes[i], i18n_label(&r->tr, vocab, codes[i]), current);
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

static int select_text_lang(const struct req *r, struct buf *b, const char *current)
{
    int rc = select_open(r, b, "text_lang", T(&r->tr, "Language of the text"));
    for (int l = 0; l < TEXT_LANG_COUNT && !rc; l++)
        rc = option(b, text_lang_code((enum text_lang)l), i18n_lang_endonym((enum text_lang)l),
                    current);
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

static int search_box(const struct req *r, struct buf *b, const char *q)
{
    return html_printf(
        b,
        "<div class=\"field\"><label for=\"q\">%s</label>\n"
        "<p class=\"hint\" id=\"q-hint\">%s</p>\n"
        "<input type=\"search\" id=\"q\" name=\"q\" value=%a placeholder=%a "
        "aria-describedby=\"q-hint\"></div>\n"
        "<button type=\"submit\">%s</button>\n",
        T(&r->tr, "Search terms"),
        /* TRANSLATORS: AND, OR, NOT are typed as such in every language; keep them in English. */
        T(&r->tr,
          "Use AND, OR, NOT, quotes for an exact phrase, and * at the end of a word for a prefix."),
        q ? q : "",
        /* TRANSLATORS: placeholder of the search box; the examples must work as searches. */
        T(&r->tr, "e.g. violence against women, \"death penalty\", torture"), T(&r->tr, "Search"));
}

static int search_form(const struct req *r, struct buf *b, const struct search_state *s,
                       const struct search_lists *l)
{
    static const char *const responses[] = {"supported", "partially_supported", "noted"};
    static const char *const kinds[] = {"recommendation", "pledge"};
    int rc = buf_puts(b, "<form class=\"search\" method=\"get\" action=\"/search\" "
                         "role=\"search\">\n");
    rc = rc ? rc : search_box(r, b, s->q);
    rc = rc ? rc
            : html_printf(b, "<fieldset class=\"filters\"><legend>%s</legend>\n",
                          T(&r->tr, "Filters"));
    rc = rc ? rc
            : select_list(r, b, "country", T(&r->tr, "State under review"), &l->countries,
                          s->country, 1);
    rc = rc ? rc : select_list(r, b, "body", T(&r->tr, "Body"), &l->bodies, s->body, 0);
    rc = rc ? rc : select_theme(r, b, l, s->theme);
    rc = rc ? rc : select_sdg(r, b, &l->sdgs, s->sdg);
    rc = rc ? rc
            : select_codes(r, b, "response", T(&r->tr, "Response"), "response", responses, 3,
                           s->response);
    rc = rc ? rc
            : select_codes(r, b, "kind",
                           /* TRANSLATORS: recommendation or voluntary pledge (UPR). */
                           T(&r->tr, "Kind"), "kind", kinds, 2, s->kind);
    rc = rc ? rc : select_text_lang(r, b, s->text_lang);
    struct buf clear = BUF_INIT;
    const struct page_param only_q[] = {{"q", s->q}};
    rc = rc ? rc : page_url(&clear, "/search", only_q, 1, NULL, NULL);
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"actions\"><button type=\"submit\">%s</button>\n"
                          "<a href=%h>%s</a></div>\n</fieldset>\n</form>\n",
                          T(&r->tr, "Apply filters"), buf_str(&clear), T(&r->tr, "Clear filters"));
    buf_free(&clear);
    return rc;
}

/* ---- results ----------------------------------------------------------------------------- */

struct results {
    const struct req *r;
    struct buf *b;
    const struct page_list *countries;
};

static int write_hit(void *ctx, const struct store_hit *h)
{
    struct results *out = ctx;
    struct buf *b = out->b;
    int rc = html_printf(b,
                         "<li>\n<h3><a href=\"/recommendations/%u\">%s</a></h3>\n"
                         "<p class=\"meta\">%s \xC2\xB7 %s ",
                         h->id, h->id, page_list_label(out->countries, h->country), h->body);
    rc = rc ? rc : page_badge(out->r, b, h->response);
    rc = rc ? rc : html_printf(b, "</p>\n<p lang=%a>%m</p>\n</li>\n", h->lang, h->snippet);
    return rc;
}

static int write_rec(void *ctx, const struct store_rec *rec)
{
    struct results *out = ctx;
    return page_rec_item(out->r, out->b, rec, out->countries);
}

/* How a facet value reads: responses translated, SDG goals numbered, others as counted. */
static const char *facet_label(const struct req *r, enum store_dim dim, const struct page_item *it,
                               struct buf *scratch)
{
    if (dim == STORE_DIM_RESPONSE) {
        const char *label = i18n_label(&r->tr, "response", it->code);
        return label ? label : it->code;
    }
    if (dim == STORE_DIM_SDG && it->label) {
        buf_reset(scratch);
        buf_printf(scratch, "%s. %s", it->code, it->label);
        return buf_str(scratch);
    }
    return it->label ? it->label : it->code;
}

/* Whether a filter can select the value: not a State name or SDG that was never linked, not
 * "no response" (the response filter takes the three responses only). */
static int facet_linkable(enum store_dim dim, const struct page_item *it)
{
    if (dim == STORE_DIM_COUNTRY || dim == STORE_DIM_SDG)
        return it->label != NULL;
    if (dim == STORE_DIM_RESPONSE)
        return strcmp(it->code, "none") != 0;
    return 1;
}

/* One facet: the top values of dim among the results, each a link adding name=value. */
static int facet(struct req *r, struct buf *b, const struct core_search_plan *plan,
                 const struct search_state *s, enum store_dim dim, const char *name,
                 const char *title, struct err *err)
{
    struct page_list counts = {0};
    int rc = page_counts(r, plan, dim, &counts, err);
    struct page_param params[8];
    size_t np = state_params(s, params);
    const char *current = NULL;
    for (size_t k = 0; k < np; k++)
        if (!strcmp(params[k].name, name))
            current = params[k].value;
    if (!rc && counts.n)
        rc = html_printf(b, "<h3>%s</h3>\n<ul>\n", title);
    struct buf label = BUF_INIT, url = BUF_INIT;
    for (size_t i = 0; i < counts.n && i < SEARCH_FACET_TOP && !rc; i++) {
        const struct page_item *it = &counts.item[i];
        const char *text = facet_label(r, dim, it, &label);
        if (!facet_linkable(dim, it)) {
            rc = html_printf(b, "<li>%s (%ld)</li>\n", text, it->count);
            continue;
        }
        buf_reset(&url);
        rc = page_url(&url, "/search", params, np, name, it->code);
        const char *fmt = current && !strcmp(current, it->code)
                              ? "<li><a href=%h aria-current=\"true\">%s</a> (%ld)</li>\n"
                              : "<li><a href=%h>%s</a> (%ld)</li>\n";
        rc = rc ? rc : html_printf(b, fmt, buf_str(&url), text, it->count);
    }
    if (!rc && counts.n)
        rc = buf_puts(b, "</ul>\n");
    buf_free(&label);
    buf_free(&url);
    page_list_free(&counts);
    return rc;
}

static int facets(struct req *r, struct buf *b, const struct core_search_plan *plan,
                  const struct search_state *s, struct err *err)
{
    int rc = html_printf(b,
                         "<aside class=\"facets\" aria-labelledby=\"facets-title\">\n"
                         "<h2 id=\"facets-title\">%s</h2>\n",
                         T(&r->tr, "Refine results"));
    rc = rc ? rc
            : facet(r, b, plan, s, STORE_DIM_COUNTRY, "country", T(&r->tr, "State under review"),
                    err);
    rc = rc ? rc : facet(r, b, plan, s, STORE_DIM_BODY, "body", T(&r->tr, "Body"), err);
    rc = rc ? rc : facet(r, b, plan, s, STORE_DIM_RESPONSE, "response", T(&r->tr, "Response"), err);
    rc = rc ? rc : facet(r, b, plan, s, STORE_DIM_THEME, "theme", T(&r->tr, "UHRI themes"), err);
    rc =
        rc ? rc : facet(r, b, plan, s, STORE_DIM_ISSUE, "theme", T(&r->tr, "UPR Info issues"), err);
    rc = rc ? rc
            : facet(r, b, plan, s, STORE_DIM_SDG, "sdg", T(&r->tr, "Sustainable Development Goals"),
                    err);
    return rc ? rc : buf_puts(b, "</aside>\n");
}

/* Runs the plan into results (a search with words, else a listing by filters). */
static int run(struct req *r, const struct core_search_plan *plan, struct results *out, long *total,
               struct err *err)
{
    if (plan->q.query)
        return core_search_run(r->store, plan, write_hit, out, total, err);
    return core_rec_page(r->store, plan, write_rec, out, total, err);
}

static int no_results(const struct req *r, struct buf *b)
{
    return html_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p><p>%s</p></div>\n",
                       T(&r->tr, "No recommendation matches your search."),
                       T(&r->tr, "Try fewer words, check the spelling, or remove a filter."));
}

/* The results part of the page: count, facets, list, pager. */
static int results(struct req *r, struct resp *p, const struct search_state *s,
                   const struct core_search_plan *plan, const struct search_lists *l, int page,
                   int per_page, struct err *err)
{
    struct buf list = BUF_INIT;
    struct results out = {r, &list, &l->countries};
    long total = 0;
    int rc = run(r, plan, &out, &total, err);
    struct buf *b = &p->body;
    if (!rc && total == 0)
        rc = no_results(r, b);
    if (!rc && total > 0) {
        /* results before facets: on a phone they come first; wide screens put facets left */
        rc = html_printf(b, "<div class=\"with-facets\">\n<section class=\"hits\" "
                            "aria-labelledby=\"results-title\">\n"
                            "<h2 id=\"results-title\" class=\"count\">");
        rc = rc ? rc : html_textf(b, TN(&r->tr, "%d result", "%d results", total), (int)total);
        rc = rc ? rc : html_printf(b, "</h2>\n<ol class=\"results\">\n%R</ol>\n", &list);
        struct page_param params[8];
        size_t np = state_params(s, params);
        rc = rc ? rc : page_pager(r, b, "/search", params, np, page, per_page, total);
        rc = rc ? rc : buf_puts(b, "</section>\n");
        rc = rc ? rc : facets(r, b, plan, s, err);
        rc = rc ? rc : buf_puts(b, "</div>\n");
    }
    buf_free(&list);
    return rc;
}

/* A search that cannot be run: the form again with what is wrong (status 400). */
static int refused(struct req *r, struct resp *p, const struct err *err)
{
    p->status = 400;
    return html_printf(&p->body, "<div class=\"error\" role=\"alert\"><p>%s</p><p>%s</p></div>\n",
                       T(&r->tr, "Your search could not be understood."), err->msg);
}

int page_search(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct search_state s = state_from_query(r);
    struct search_lists l = {0};
    struct core_search_plan plan = {0};
    struct err err = {0};
    int rc = lists_load(r, &l, &err);
    if (rc) {
        lists_free(&l);
        return page_fail(r, p, &err);
    }
    const char *title = T(&r->tr, "Search recommendations");
    page_begin(r, p, title);
    html_printf(&p->body, "<h1>%s</h1>\n", title);
    search_form(r, &p->body, &s, &l);
    if (s.q || filtered(&s)) {
        struct core_search cs = {s.q,   s.text_lang, s.country, s.body,   s.theme,
                                 s.sdg, s.response,  s.kind,    per_page, (page - 1) * per_page};
        rc = core_search_plan(r->store, &cs, &plan, &err);
        if (!rc)
            rc = results(r, p, &s, &plan, &l, page, per_page, &err);
        core_search_plan_free(&plan);
    }
    lists_free(&l);
    if (rc == ERR_INPUT || rc == ERR_USAGE)
        refused(r, p, &err);
    else if (rc)
        return page_fail(r, p, &err);
    return page_end(r, p);
}

/* ---- the home page ----------------------------------------------------------------------- */

static int totals(struct req *r, struct buf *b, struct err *err)
{
    long recs = 0;
    struct page_list countries = {0}, bodies = {0};
    int rc = core_count(r->store, "recommendation", &recs, err);
    rc = rc ? rc : page_counts(r, NULL, STORE_DIM_COUNTRY, &countries, err);
    rc = rc ? rc : page_counts(r, NULL, STORE_DIM_BODY, &bodies, err);
    if (!rc) {
        rc = html_printf(b, "<h2>%s</h2>\n<ul class=\"totals\">\n<li><a href=\"/dashboard\">",
                         T(&r->tr, "What is here"));
        rc = rc ? rc
                : html_textf(b, TN(&r->tr, "%d recommendation", "%d recommendations", recs),
                             (int)recs);
        rc = rc ? rc : buf_puts(b, "</a></li>\n<li><a href=\"/browse/countries\">");
        rc = rc ? rc
                /* TRANSLATORS: how many States under review have recommendations here. */
                : html_textf(b, TN(&r->tr, "%d State", "%d States", countries.n), (int)countries.n);
        rc = rc ? rc : buf_puts(b, "</a></li>\n<li><a href=\"/browse/bodies\">");
        rc = rc ? rc : html_textf(b, TN(&r->tr, "%d body", "%d bodies", bodies.n), (int)bodies.n);
        rc = rc ? rc : buf_puts(b, "</a></li>\n</ul>\n");
    }
    page_list_free(&countries);
    page_list_free(&bodies);
    return rc;
}

int page_home(struct req *r, struct resp *p)
{
    struct err err = {0};
    struct buf counts = BUF_INIT;
    if (totals(r, &counts, &err)) {
        buf_free(&counts);
        return page_fail(r, p, &err);
    }
    page_begin(r, p, NULL);
    html_printf(&p->body,
                "<h1>%s</h1>\n<p>%s</p>\n"
                "<form class=\"search\" method=\"get\" action=\"/search\" role=\"search\">\n",
                T(&r->tr, "Human rights recommendations and their follow-up"),
                T(&r->tr, "Search the recommendations that the United Nations human rights "
                          "mechanisms made to the State, what the State answered, and how they "
                          "relate to themes and the Sustainable Development Goals."));
    search_box(r, &p->body, NULL);
    html_printf(&p->body, "</form>\n%R", &counts);
    buf_free(&counts);
    return page_end(r, p);
}
