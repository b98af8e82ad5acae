/*
 * pages_coop.c — the technical-cooperation repository's front pages: /coop (the needs one may
 * see and the offers, filtered by theme, SDG, region, kind of help and language; the reader's
 * own needs or offers first), recording a need (/coop/needs/new, POST /coop/needs: the
 * recommendations it concerns ticked from the State's own, found by a search, or given by
 * the "Ask for technical cooperation" link of a recommendation's page), and a need's page
 * (/coop/needs/ID: what the State asks, its visibility and consent, the proposals and ranked
 * offers with their scores explained, the history of its exchanges). Offers and matches are
 * in pages_coop_match.c. Every list comes from core, which leaves out what the reader may not
 * see (core_coop_may_see_need): nothing here decides visibility.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/permissions.h"
#include "core/read.h"
#include "core/search.h"
#include "web/html.h"
#include "web/pages_coop.h"

enum { LIST_MAX = 100, SEARCH_MAX = 30, RANK_MAX = 10 };

static const char *const regions[] = {"AG", "APG", "EEG", "GRULAC", "WEOG"};

/* ---- /coop ------------------------------------------------------------------------------- */

struct listing {
    const struct req *r;
    struct buf out;
    const char *language; /* filter on the languages, or NULL */
    long only_org;        /* offers: only this organisation's (0: all) */
    long n;
};

static int need_item(void *ctx, const struct core_need *n)
{
    struct listing *l = ctx;
    if (l->language && !web_list_has(n->languages, l->language))
        return 0;
    if (++l->n > LIST_MAX)
        return 0;
    const struct req *r = l->r;
    struct buf *b = &l->out;
    int rc = html_printf(b,
                         "<li>\n<h3><a href=\"/coop/needs/%ld\">%s</a></h3>\n"
                         "<p class=\"meta\">%s (%s) \xC2\xB7 ",
                         n->id, n->title, n->org_name, n->region ? n->region : n->country);
    rc = rc ? rc : coop_mask_text(r, b, COOP_HELP, n->kinds);
    rc = rc ? rc : buf_puts(b, " \xC2\xB7 ");
    rc = rc ? rc : coop_badge(r, b, COOP_VISIBILITY, (int)n->visibility);
    rc = rc ? rc : buf_puts(b, " ");
    rc = rc ? rc : coop_badge(r, b, COOP_NEED_STATUS, (int)n->status);
    rc = rc ? rc : html_printf(b, "</p>\n<p class=\"meta\">%s ", T(&r->tr, "Recommendations:"));
    rc = rc ? rc : coop_list_text(b, n->recs);
    return rc ? rc : buf_puts(b, "</p>\n</li>\n");
}

static int offer_item(void *ctx, const struct core_offer *o)
{
    struct listing *l = ctx;
    if (l->language && !web_list_has(o->languages, l->language))
        return 0;
    if (l->only_org && o->org_id != l->only_org)
        return 0;
    if (++l->n > LIST_MAX)
        return 0;
    const struct req *r = l->r;
    struct buf *b = &l->out;
    int rc = html_printf(b,
                         "<li>\n<h3><a href=\"/coop/offers/%ld\">%s</a></h3>\n"
                         "<p class=\"meta\">%s \xC2\xB7 %s \xC2\xB7 ",
                         o->id, o->title, o->org_name,
                         coop_label(r, COOP_ORG_KIND, (int)o->provider_kind));
    rc = rc ? rc : coop_mask_text(r, b, COOP_HELP, o->kinds);
    rc = rc ? rc : buf_puts(b, " \xC2\xB7 ");
    rc = rc ? rc : coop_badge(r, b, COOP_OFFER_STATUS, (int)o->status);
    return rc ? rc : buf_puts(b, "</p>\n</li>\n");
}

/* Appends a titled list (or "None." when empty). */
static int put_list(const struct req *r, struct buf *b, const char *id, const char *title,
                    struct listing *l)
{
    int rc = html_printf(b, "<section aria-labelledby=%a>\n<h2 id=%a>%s</h2>\n", id, id, title);
    if (!rc && !l->n)
        rc = html_printf(b, "<p>%s</p>\n", T(&r->tr, "None."));
    if (!rc && l->n) {
        rc = buf_puts(b, "<p class=\"totals\">");
        rc = rc ? rc : html_textf(b, TN(&r->tr, "%ld found", "%ld found", l->n), l->n);
        if (!rc && l->n > LIST_MAX)
            rc = html_textf(b, T(&r->tr, " (the first %d shown: narrow the filters)"), LIST_MAX);
        rc = rc ? rc : html_printf(b, "</p>\n<ul class=\"results\">\n%R</ul>\n", &l->out);
    }
    return rc ? rc : buf_puts(b, "</section>\n");
}

static int term_select(struct req *r, struct buf *b, const char *id, const char *name,
                       const char *label, const char *vocab, int goals_only, struct err *err)
{
    struct page_list terms = {0};
    const char *current = web_query(r, name);
    int rc = goals_only ? page_goals(r, &terms, err) : page_terms(r, vocab, &terms, err);
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"field\"><label for=%a>%s</label>\n<select id=%a name=%a>\n"
                          "<option value=\"\">%s</option>\n",
                          id, label, id, name, T(&r->tr, "Any"));
    for (size_t i = 0; i < terms.n && !rc; i++) {
        const struct page_item *t = &terms.item[i];
        rc = html_printf(b,
                         current && !strcmp(current, t->code)
                             ? "<option value=%a selected>%s</option>\n"
                             : "<option value=%a>%s</option>\n",
                         t->code, t->label ? t->label : t->code);
    }
    page_list_free(&terms);
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

static int filters_form(struct req *r, struct buf *b, struct err *err)
{
    const char *region = web_query(r, "region"), *kind = web_query(r, "kind");
    int kind_code = -1;
    for (int i = 0; kind && i < CORE_HELP_KIND_COUNT; i++)
        if (!strcmp(kind, core_help_kind_name((enum core_help_kind)i)))
            kind_code = i;
    int rc = html_printf(b,
                         "<form class=\"search\" method=\"get\" action=\"/coop\">\n"
                         "<div class=\"filters\">\n<div class=\"field\"><label "
                         "for=\"coop-q\">%s</label>\n<input type=\"search\" id=\"coop-q\" "
                         "name=\"q\" value=%a></div>\n",
                         T(&r->tr, "Words"), web_query(r, "q") ? web_query(r, "q") : "");
    rc = rc ? rc
            : term_select(r, b, "coop-theme", "theme", T(&r->tr, "Theme"), "uhri_theme", 0, err);
    rc = rc ? rc : term_select(r, b, "coop-sdg", "sdg", T(&r->tr, "SDG"), "sdg", 1, err);
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"field\"><label for=\"coop-region\">%s</label>\n<select "
                          "id=\"coop-region\" name=\"region\">\n<option value=\"\">%s</option>\n",
                          T(&r->tr, "Region"), T(&r->tr, "Any"));
    for (size_t i = 0; i < sizeof regions / sizeof regions[0] && !rc; i++)
        rc = html_printf(b,
                         region && !strcmp(region, regions[i])
                             ? "<option value=%a selected>%s</option>\n"
                             : "<option value=%a>%s</option>\n",
                         regions[i], regions[i]);
    rc = rc ? rc : buf_puts(b, "</select></div>\n");
    rc = rc ? rc
            : coop_select(r, b, "coop-kind", "kind", T(&r->tr, "Kind of help"), COOP_HELP,
                          kind_code, T(&r->tr, "Any"));
    const char *language = web_query(r, "language");
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"field\"><label for=\"coop-language\">%s</label>\n"
                          "<input type=\"text\" id=\"coop-language\" name=\"language\" value=%a "
                          "placeholder=\"fr\"></div>\n",
                          T(&r->tr, "Language"), language ? language : "");
    return rc ? rc
              : html_printf(b,
                            "<div class=\"actions\"><button type=\"submit\">%s</button> "
                            "<a href=\"/coop\">%s</a></div>\n</div>\n</form>\n",
                            T(&r->tr, "Filter"), T(&r->tr, "Clear"));
}

/* The doors: what the reader may record, and the annual report. */
static int doors(struct req *r, struct buf *b, const struct core_coop_viewer *v)
{
    int admin = coop_is_admin(r);
    int rc = buf_puts(b, "<ul class=\"doors\">\n");
    if (!rc && core_may(&r->actor, CORE_RECORD_NEED, 0) &&
        (admin || (v->org_id && v->org_kind == CORE_ORG_STATE)))
        rc = html_printf(b, "<li><a href=\"/coop/needs/new\">%s</a>\n<p>%s</p></li>\n",
                         T(&r->tr, "Record a need"),
                         T(&r->tr, "Ask for technical cooperation on some of your State's "
                                   "recommendations, with the visibility you consent to."));
    if (!rc && core_may(&r->actor, CORE_RECORD_OFFER, 0) && (admin || v->org_id))
        rc = html_printf(b, "<li><a href=\"/coop/offers/new\">%s</a>\n<p>%s</p></li>\n",
                         T(&r->tr, "Record an offer"),
                         T(&r->tr, "Say what your organisation can bring: expertise, kinds of "
                                   "help, languages, regions served."));
    rc = rc ? rc
            : html_printf(b, "<li><a href=\"/coop/report\">%s</a>\n<p>%s</p></li>\n</ul>\n",
                          T(&r->tr, "Annual report"),
                          T(&r->tr, "Activities by region, theme, SDG, provider and status; "
                                    "needs met and unmet (Human Rights Council resolution "
                                    "54/28)."));
    return rc;
}

int page_coop(struct req *r, struct resp *p)
{
    struct core_coop_viewer v;
    struct err err = {0};
    struct buf body = BUF_INIT;
    unsigned kinds = 0;
    const char *kind = web_query(r, "kind");
    for (int i = 0; kind && i < CORE_HELP_KIND_COUNT; i++)
        if (!strcmp(kind, core_help_kind_name((enum core_help_kind)i)))
            kinds |= 1u << i;
    struct core_need_filter nf = {.region = web_query(r, "region"),
                                  .theme = web_query(r, "theme"),
                                  .sdg = web_query(r, "sdg"),
                                  .kinds = kinds,
                                  .status = CORE_NEED_OPEN,
                                  .visibility = -1,
                                  .text = web_query(r, "q")};
    struct core_offer_filter of = {.theme = nf.theme,
                                   .sdg = nf.sdg,
                                   .region = nf.region,
                                   .provider_kind = -1,
                                   .kinds = kinds,
                                   .status = CORE_OFFER_OPEN,
                                   .text = nf.text};
    struct listing mine = {r, BUF_INIT, NULL, 0, 0},
                   needs = {r, BUF_INIT, web_query(r, "language"), 0, 0},
                   offers = {r, BUF_INIT, web_query(r, "language"), 0, 0};
    int rc = coop_viewer(r, &v, &err);
    rc = rc ? rc : coop_messages(r, &body, NULL);
    rc = rc ? rc
            : html_printf(&body, "<p>%s</p>\n",
                          T(&r->tr, "States ask for technical cooperation on the recommendations "
                                    "they received; States, UN entities, national human rights "
                                    "institutions, NGOs and regional bodies offer it. A State "
                                    "decides who sees each of its needs."));
    rc = rc ? rc : doors(r, &body, &v);
    if (!rc && v.org_id && v.org_kind == CORE_ORG_STATE) {
        struct core_need_filter own = {.country = v.org_country, .status = -1, .visibility = -1};
        rc = core_need_list(r->store, &r->actor, &own, need_item, &mine, &err);
        rc = rc ? rc : put_list(r, &body, "own-needs", T(&r->tr, "Your State's needs"), &mine);
    } else if (!rc && v.org_id) {
        struct core_offer_filter own = {.provider_kind = -1, .status = -1};
        mine.only_org = v.org_id;
        rc = core_offer_list(r->store, &own, offer_item, &mine, &err);
        rc = rc ? rc : put_list(r, &body, "own-offers", T(&r->tr, "Your offers"), &mine);
    }
    rc = rc ? rc : filters_form(r, &body, &err);
    rc = rc ? rc : core_need_list(r->store, &r->actor, &nf, need_item, &needs, &err);
    rc = rc ? rc : core_offer_list(r->store, &of, offer_item, &offers, &err);
    rc = rc ? rc : put_list(r, &body, "needs", T(&r->tr, "Open needs you may see"), &needs);
    rc = rc ? rc : put_list(r, &body, "offers", T(&r->tr, "Open offers"), &offers);
    buf_free(&mine.out);
    buf_free(&needs.out);
    buf_free(&offers.out);
    return coop_frame(r, p, rc, &err, T(&r->tr, "Technical cooperation"), &body);
}

/* ---- recording a need ------------------------------------------------------------------- */

struct rec_boxes {
    const struct req *r;
    struct buf *b;
    struct buf *seen; /* ids already offered, "|"-separated */
    int n;
};

static int rec_box(struct rec_boxes *x, const char *id, const char *text)
{
    if (web_list_has(buf_str(x->seen), id))
        return 0;
    int rc = x->seen->len ? buf_putc(x->seen, '|') : 0;
    rc = rc ? rc : buf_puts(x->seen, id);
    int checked = coop_form_has(x->r, "rec", id) ||
                  (req_query(x->r, "rec") && !strcmp(req_query(x->r, "rec"), id));
    x->n++;
    struct buf excerpt = BUF_INIT;
    buf_append(&excerpt, text ? text : "",
               text && strlen(text) > 220 ? 220 : (text ? strlen(text) : 0));
    if (text && strlen(text) > 220)
        buf_puts(&excerpt, "\xE2\x80\xA6");
    rc = rc ? rc
            : html_printf(x->b,
                          checked ? "<li><label><input type=\"checkbox\" name=\"rec\" value=%a "
                                    "checked> <strong>%s</strong> %s</label></li>\n"
                                  : "<li><label><input type=\"checkbox\" name=\"rec\" value=%a> "
                                    "<strong>%s</strong> %s</label></li>\n",
                          id, id, buf_str(&excerpt));
    buf_free(&excerpt);
    return rc;
}

static int hit_box(void *ctx, const struct store_hit *h)
{
    return rec_box(ctx, h->id, h->text);
}

static int rec_given_box(void *ctx, const struct store_rec *rec)
{
    struct rec_boxes *x = ctx;
    int l = page_text_lang(x->r, rec);
    return rec_box(x, rec->id, l >= 0 ? rec->text[l] : NULL);
}

/* The recommendations to tick: the one given by ?rec=, those ticked before a refusal, and the
 * State's recommendations found by ?q=. */
static int rec_choices(struct req *r, struct buf *b, const char *country, struct err *err)
{
    struct buf seen = BUF_INIT;
    struct rec_boxes x = {r, b, &seen, 0};
    int rc = buf_puts(b, "<ul class=\"rec-choices\">\n");
    const char *given = req_query(r, "rec");
    if (!rc && given && *given)
        rc = core_rec_get(r->store, given, rec_given_box, &x, err);
    for (int f = 0; f < r->nfields && !rc; f++)
        if (!strcmp(r->field[f].name, "rec"))
            rc = core_rec_get(r->store, r->field[f].value, rec_given_box, &x, err);
    if (rc == ERR_NOTFOUND) { /* a stale link: the form says it when submitted */
        err_clear(err);
        rc = 0;
    }
    const char *q = web_query(r, "q");
    if (!rc && q) {
        struct core_search s = {.query = q, .country = country, .limit = SEARCH_MAX};
        struct core_search_plan plan;
        long total = 0;
        rc = core_search_plan(r->store, &s, &plan, err);
        if (!rc) {
            rc = core_search_run(r->store, &plan, hit_box, &x, &total, err);
            core_search_plan_free(&plan);
        }
    }
    rc = rc ? rc : buf_puts(b, "</ul>\n");
    if (!rc && !x.n)
        rc = html_printf(b, "<p class=\"hint\">%s</p>\n",
                         T(&r->tr, "Search your State's recommendations above, or give their "
                                   "ids below."));
    buf_free(&seen);
    return rc;
}

static int need_form_page(struct req *r, struct resp *p, const char *detail)
{
    struct core_coop_viewer v;
    struct err err = {0};
    struct buf body = BUF_INIT;
    int admin = coop_is_admin(r);
    int rc = coop_viewer(r, &v, &err);
    if (!rc && !admin && !(v.org_id && v.org_kind == CORE_ORG_STATE))
        rc = err_set(&err, ERR_DENIED,
                     "recording a need: your account acts for no State (an administrator links "
                     "it to its State's organisation)");
    const char *country = v.org_country[0] ? v.org_country : NULL;
    const char *q = web_query(r, "q"), *given = web_query(r, "rec");
#define KEPT(field) fup_kept(r, "need", field)
    rc = rc ? rc : coop_messages(r, &body, detail);
    rc = rc ? rc
            : html_printf(&body,
                          "<form class=\"search\" method=\"get\" action=\"/coop/needs/new\">\n"
                          "<div class=\"field\"><label for=\"need-q\">%s</label>\n"
                          "<input type=\"search\" id=\"need-q\" name=\"q\" value=%a></div>\n",
                          T(&r->tr, "Find your State's recommendations"), q ? q : "");
    if (!rc && given)
        rc = html_printf(&body, "<input type=\"hidden\" name=\"rec\" value=%a>\n", given);
    rc = rc ? rc
            : html_printf(&body,
                          "<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n",
                          T(&r->tr, "Search"));
    rc = rc ? rc : fup_form_open(r, &body, "/coop/needs", "need", 0);
    rc = rc ? rc
            : html_printf(&body, "<fieldset><legend>%s</legend>\n",
                          T(&r->tr, "Recommendations this need concerns"));
    rc = rc ? rc : rec_choices(r, &body, country, &err);
    rc = rc ? rc
            : fup_input(&body, "need-recs", "recs", T(&r->tr, "Other recommendation ids"), "text",
                        KEPT("recs"), 0, T(&r->tr, "Separated by commas or spaces."));
    rc = rc ? rc : buf_puts(&body, "</fieldset>\n");
    if (!rc && admin)
        rc = coop_org_select(r, &body, "need-org", CORE_ORG_STATE, fup_id(KEPT("org")), &err);
    rc = rc ? rc
            : fup_input(&body, "need-title", "title", T(&r->tr, "Title"), "text", KEPT("title"), 1,
                        T(&r->tr, "One line, e.g. Drafting a law on domestic violence."));
    rc = rc ? rc
            : fup_textarea(&body, "need-description", "description", T(&r->tr, "Description"),
                           KEPT("description"), 1);
    rc = rc ? rc
            : coop_mask_boxes(r, &body, "kind", T(&r->tr, "Kinds of help sought"), COOP_HELP,
                              coop_form_mask(r, "kind", COOP_HELP));
    rc = rc ? rc
            : coop_mask_boxes(r, &body, "provider",
                              T(&r->tr, "Providers preferred (none ticked: any)"), COOP_ORG_KIND,
                              coop_form_mask(r, "provider", COOP_ORG_KIND));
    rc = rc ? rc
            : fup_input(&body, "need-languages", "languages", T(&r->tr, "Working languages"),
                        "text", KEPT("languages"), 0, T(&r->tr, "Two-letter codes, e.g. en, fr."));
    rc = rc ? rc : coop_lang_select(r, &body, "need-lang");
    rc = rc ? rc
            : fup_input(&body, "need-from", "from", T(&r->tr, "From"), "date", KEPT("from"), 0,
                        NULL);
    rc = rc ? rc : fup_input(&body, "need-to", "to", T(&r->tr, "To"), "date", KEPT("to"), 0, NULL);
    rc = rc ? rc
            : coop_select(r, &body, "need-visibility", "visibility", T(&r->tr, "Who may see it"),
                          COOP_VISIBILITY, CORE_VIS_PRIVATE, NULL);
    rc = rc ? rc
            : html_printf(&body,
                          "<p class=\"hint\">%s</p>\n<button type=\"submit\">%s</button>\n"
                          "</form>\n",
                          T(&r->tr, "Private: your State's accounts and administrators only (and "
                                    "a provider you propose a match to). Registered users: anyone "
                                    "signed in. Public: anyone. You can change it or withdraw the "
                                    "need at any time."),
                          T(&r->tr, "Record the need"));
#undef KEPT
    return coop_frame(r, p, rc, &err, T(&r->tr, "Record a need"), &body);
}

int page_coop_need_new(struct req *r, struct resp *p)
{
    return need_form_page(r, p, NULL);
}

int page_coop_need_create(struct req *r, struct resp *p)
{
    struct buf recs = BUF_INIT, languages = BUF_INIT;
    struct err err = {0};
    const char *from = req_form(r, "from"), *to = req_form(r, "to");
    const char *vis = req_form(r, "visibility");
    enum core_visibility visibility = CORE_VIS_PRIVATE;
    int rc = coop_form_list(r, "rec", req_form(r, "recs"), &recs);
    rc = rc ? rc : coop_form_list(r, NULL, req_form(r, "languages"), &languages);
    if (rc)
        rc = err_set(&err, ERR_NOMEM, "out of memory");
    if (!rc && vis && *vis)
        rc = core_visibility_parse(vis, &visibility, &err);
    struct core_need in = {.org_id = fup_id(req_form(r, "org")),
                           .title = req_form(r, "title"),
                           .description = req_form(r, "description"),
                           .recs = buf_str(&recs),
                           .kinds = coop_form_mask(r, "kind", COOP_HELP),
                           .providers = coop_form_mask(r, "provider", COOP_ORG_KIND),
                           .languages = buf_str(&languages),
                           .lang = req_form(r, "lang"),
                           .time_from = from && *from ? from : NULL,
                           .time_to = to && *to ? to : NULL,
                           .visibility = visibility};
    long id = 0;
    rc = rc ? rc : core_need_create(r->store, &r->actor, &in, &id, &err);
    buf_free(&recs);
    buf_free(&languages);
    if (rc)
        return coop_refused(r, p, rc, &err, need_form_page);
    char location[64];
    snprintf(location, sizeof location, "/coop/needs/%ld?done=need", id);
    return page_redirect(p, location);
}

/* ---- a need's page ---------------------------------------------------------------------- */

/* What the page keeps of the need after core's callback. */
struct need_page {
    struct req *r;
    struct buf *b;
    long id, org_id;
    char country[4];
    enum core_need_status status;
    enum core_visibility visibility;
    int own; /* the reader acts for the need's State (or is an administrator) */
    const struct core_coop_viewer *v;
};

static int need_facts(void *ctx, const struct core_need *n)
{
    struct need_page *np = ctx;
    const struct req *r = np->r;
    struct buf *b = np->b;
    np->id = n->id;
    np->org_id = n->org_id;
    snprintf(np->country, sizeof np->country, "%s", n->country ? n->country : "");
    np->status = n->status;
    np->visibility = n->visibility;
    np->own = coop_own_need(r, np->v, n->org_id, n->country);
    int rc = html_printf(b,
                         "<h2 class=\"need-title\">%s</h2>\n<dl class=\"fields\">\n"
                         "<dt>%s</dt><dd>%s (%s%s%s)</dd>\n<dt>%s</dt><dd>",
                         n->title, T(&r->tr, "State"), n->org_name, n->country,
                         n->region ? ", " : "", n->region ? n->region : "", T(&r->tr, "Status"));
    rc = rc ? rc : coop_badge(r, b, COOP_NEED_STATUS, (int)n->status);
    rc = rc ? rc : html_printf(b, "</dd>\n<dt>%s</dt><dd>", T(&r->tr, "Who may see it"));
    rc = rc ? rc : coop_badge(r, b, COOP_VISIBILITY, (int)n->visibility);
    rc = rc ? rc : html_printf(b, "</dd>\n<dt>%s</dt><dd>", T(&r->tr, "Kinds of help sought"));
    rc = rc ? rc : coop_mask_text(r, b, COOP_HELP, n->kinds);
    rc = rc ? rc : html_printf(b, "</dd>\n<dt>%s</dt><dd>", T(&r->tr, "Providers preferred"));
    if (!rc && !n->providers)
        rc = html_printf(b, "%s", T(&r->tr, "Any"));
    rc = rc ? rc : coop_mask_text(r, b, COOP_ORG_KIND, n->providers);
    rc = rc ? rc : html_printf(b, "</dd>\n<dt>%s</dt><dd>", T(&r->tr, "Working languages"));
    rc = rc ? rc : coop_list_text(b, n->languages);
    rc = rc ? rc
            : html_printf(b, "</dd>\n<dt>%s</dt><dd>%s \xE2\x80\x93 %s</dd>\n<dt>%s</dt><dd>",
                          T(&r->tr, "Timeframe"), n->time_from ? n->time_from : "",
                          n->time_to ? n->time_to : "", T(&r->tr, "Themes"));
    rc = rc ? rc : coop_list_text(b, n->themes);
    rc = rc ? rc : html_printf(b, "</dd>\n<dt>%s</dt><dd>", T(&r->tr, "SDGs"));
    rc = rc ? rc : coop_list_text(b, n->sdgs);
    rc = rc ? rc : html_printf(b, "</dd>\n<dt>%s</dt><dd>", T(&r->tr, "Recorded"));
    rc = rc ? rc : fup_when(b, n->created_at);
    rc = rc ? rc
            : html_printf(b, " (%s)</dd>\n</dl>\n<div class=\"narrative\" lang=%a>\n",
                          n->created_by, n->lang ? n->lang : "en");
    rc = rc ? rc : coop_paragraphs(b, n->description);
    rc = rc ? rc
            : html_printf(b, "</div>\n<h3>%s</h3>\n<ul class=\"rec-links\">\n",
                          T(&r->tr, "Recommendations"));
    for (const char *s = n->recs ? n->recs : ""; *s && !rc;) {
        size_t len = strcspn(s, "|");
        struct buf id = BUF_INIT;
        buf_append(&id, s, len);
        rc = html_printf(b, "<li><a href=\"/recommendations/%u\">%s</a></li>\n", buf_str(&id),
                         buf_str(&id));
        buf_free(&id);
        s += len + (s[len] == '|');
    }
    return rc ? rc : buf_puts(b, "</ul>\n");
}

/* The State's forms: visibility, withdrawal (after a confirmation page). */
static int consent_forms(struct need_page *np)
{
    const struct req *r = np->r;
    struct buf *b = np->b;
    char action[48];
    snprintf(action, sizeof action, "/coop/needs/%ld", np->id);
    if (np->status == CORE_NEED_WITHDRAWN)
        return 0;
    int rc = html_printf(b,
                         "<section class=\"narrow\" aria-labelledby=\"consent\">\n"
                         "<h2 id=\"consent\">%s</h2>\n",
                         T(&r->tr, "Consent"));
    rc = rc ? rc : fup_form_open(r, b, action, "visibility", 0);
    rc = rc ? rc : buf_puts(b, "<input type=\"hidden\" name=\"do\" value=\"visibility\">\n");
    rc = rc ? rc
            : coop_select(r, b, "need-visibility", "visibility", T(&r->tr, "Who may see it"),
                          COOP_VISIBILITY, (int)np->visibility, NULL);
    rc = rc ? rc
            : html_printf(b,
                          "<button type=\"submit\">%s</button>\n</form>\n<p><a "
                          "href=\"/coop/needs/%ld?confirm=withdraw#consent\">%s</a></p>\n",
                          T(&r->tr, "Change the visibility"), np->id,
                          T(&r->tr, "Withdraw this need"));
    if (!rc && req_query(r, "confirm") && !strcmp(req_query(r, "confirm"), "withdraw")) {
        rc = html_printf(b, "<div class=\"error\" role=\"alert\"><p>%s</p>\n",
                         T(&r->tr, "Withdraw the need? From now on only your State and "
                                   "administrators will see it, and its live matches are "
                                   "withdrawn too. This cannot be undone."));
        rc = rc ? rc : fup_form_open(r, b, action, "withdraw", 0);
        rc = rc ? rc
                : html_printf(b,
                              "<input type=\"hidden\" name=\"do\" value=\"withdraw\">\n"
                              "<input type=\"hidden\" name=\"confirm\" value=\"yes\">\n"
                              "<button type=\"submit\">%s</button> <a href=\"/coop/needs/%ld\">%s"
                              "</a>\n</form></div>\n",
                              T(&r->tr, "Yes, withdraw it"), np->id, T(&r->tr, "Cancel"));
    }
    return rc ? rc : buf_puts(b, "</section>\n");
}

struct match_table {
    const struct req *r;
    struct buf out;
    int n;
};

static int match_line(void *ctx, const struct core_match *m)
{
    struct match_table *t = ctx;
    t->n++;
    return coop_match_row(t->r, &t->out, m);
}

int coop_matches_section(struct req *r, struct buf *b, long need_id, long offer_id, struct err *err)
{
    struct match_table t = {r, BUF_INIT, 0};
    struct core_match_filter f = {need_id, offer_id, -1};
    int rc = core_match_list(r->store, &r->actor, &f, match_line, &t, err);
    rc = rc ? rc
            : html_printf(b, "<section aria-labelledby=\"matches\">\n<h2 id=\"matches\">%s</h2>\n",
                          T(&r->tr, "Proposals and matches"));
    if (!rc && !t.n)
        rc = html_printf(b, "<p>%s</p>\n", T(&r->tr, "None yet."));
    if (!rc && t.n)
        rc =
            html_printf(b,
                        "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">#</th>"
                        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
                        "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" "
                        "class=\"num\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n"
                        "%R</tbody>\n</table></div>\n",
                        T(&r->tr, "Need"), T(&r->tr, "Offer"), T(&r->tr, "State of the exchange"),
                        T(&r->tr, "Proposed by"), T(&r->tr, "Score"), T(&r->tr, "Updated"), &t.out);
    buf_free(&t.out);
    return rc ? rc : buf_puts(b, "</section>\n");
}

/* One ranked offer for the State: what it is, its score explained, the proposal form. */
static int ranked_offer(void *ctx, const struct core_match_result *res)
{
    struct coop_ranked *k = ctx;
    const struct req *r = k->r;
    const struct core_offer *o = res->offer;
    struct buf *b = &k->out;
    k->n++;
    int rc = html_printf(b,
                         "<li class=\"ranked\">\n<h3><a href=\"/coop/offers/%ld\">%s</a></h3>\n"
                         "<p class=\"meta\">%s \xC2\xB7 %s</p>\n",
                         o->id, o->title, o->org_name,
                         coop_label(r, COOP_ORG_KIND, (int)o->provider_kind));
    rc = rc ? rc : coop_score_table(r, b, &res->score, o->title);
    rc = rc ? rc
            : coop_propose_form(r, b, k->id, o->id, CORE_SIDE_NEED,
                                T(&r->tr, "Propose a match to this provider"));
    return rc ? rc : buf_puts(b, "</li>\n");
}

/* For providers: propose one of their open offers on this need. */
struct own_offers {
    const struct req *r;
    struct buf out;
    long org;
    int n;
};

static int own_offer_option(void *ctx, const struct core_offer *o)
{
    struct own_offers *x = ctx;
    if (o->org_id != x->org)
        return 0;
    x->n++;
    return html_printf(&x->out, "<option value=\"%ld\">%s</option>\n", o->id, o->title);
}

static int provider_form(struct req *r, struct buf *b, const struct need_page *np, struct err *err)
{
    struct own_offers x = {r, BUF_INIT, np->v->org_id, 0};
    struct core_offer_filter f = {.provider_kind = -1, .status = CORE_OFFER_OPEN};
    int rc = core_offer_list(r->store, &f, own_offer_option, &x, err);
    if (!rc && x.n) {
        rc = html_printf(b,
                         "<section class=\"narrow\" aria-labelledby=\"offer-help\">\n"
                         "<h2 id=\"offer-help\">%s</h2>\n",
                         T(&r->tr, "Offer your help"));
        rc = rc ? rc : fup_form_open(r, b, "/coop/matches", "propose-offer", 0);
        rc = rc ? rc
                : html_printf(b,
                              "<input type=\"hidden\" name=\"need\" value=\"%ld\">\n"
                              "<input type=\"hidden\" name=\"side\" value=\"offer\">\n"
                              "<div class=\"field\"><label for=\"propose-offer\">%s</label>\n"
                              "<select id=\"propose-offer\" name=\"offer\">\n%R</select></div>\n",
                              np->id, T(&r->tr, "Your offer"), &x.out);
        rc = rc ? rc
                : fup_textarea(b, "propose-comment", "comment", T(&r->tr, "Message"),
                               fup_kept(r, "propose-offer", "comment"), 0);
        rc = rc ? rc
                : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                              T(&r->tr, "Propose a match"));
    }
    buf_free(&x.out);
    return rc;
}

static int need_page(struct req *r, struct resp *p, const char *detail)
{
    struct core_coop_viewer v;
    struct err err = {0};
    struct buf body = BUF_INIT;
    struct need_page np = {.r = r, .b = &body, .v = &v};
    long id = fup_id(r->param[0]);
    int rc = coop_viewer(r, &v, &err);
    rc = rc ? rc : coop_messages(r, &body, detail);
    if (!rc && !id)
        rc = err_set(&err, ERR_NOTFOUND, "no need with id %.20s", r->param[0]);
    rc = rc ? rc : core_need_get(r->store, &r->actor, id, need_facts, &np, &err);
    if (!rc && np.own && core_may(&r->actor, CORE_RECORD_NEED, 0))
        rc = consent_forms(&np);
    rc = rc ? rc : coop_matches_section(r, &body, id, 0, &err);
    if (!rc && np.own && np.status == CORE_NEED_OPEN && core_may(&r->actor, CORE_COOP_MATCH, 0)) {
        struct coop_ranked k = {r, BUF_INIT, id, 0};
        rc = core_match_for_need(r->store, &r->actor, id, RANK_MAX, ranked_offer, &k, &err);
        rc = rc ? rc
                : coop_ranked_section(&body, T(&r->tr, "Offers that fit this need"),
                                      T(&r->tr, "Ranked by a score made of parts: each table says "
                                                "what each part adds."),
                                      T(&r->tr, "No open offer fits yet."), &k);
        buf_free(&k.out);
    } else if (!rc && !np.own && v.org_id && np.status == CORE_NEED_OPEN &&
               core_may(&r->actor, CORE_COOP_MATCH, 0)) {
        rc = provider_form(r, &body, &np, &err);
    }
    rc = rc ? rc : coop_need_own_history(r, &body, id, &err);
    rc = rc ? rc : coop_need_history(r, &body, id, &err);
    return coop_frame(r, p, rc, &err, T(&r->tr, "Need for technical cooperation"), &body);
}

int page_coop_need_again(struct req *r, struct resp *p, const char *detail)
{
    return need_page(r, p, detail);
}

int page_coop_need(struct req *r, struct resp *p)
{
    return need_page(r, p, NULL);
}

int page_coop_need_post(struct req *r, struct resp *p)
{
    long id = fup_id(r->param[0]);
    const char *what = req_form(r, "do");
    struct err err = {0};
    int rc;
    const char *done = "visibility";
    if (!id) {
        rc = err_set(&err, ERR_NOTFOUND, "no need with id %.20s", r->param[0]);
    } else if (what && !strcmp(what, "withdraw")) {
        const char *confirm = req_form(r, "confirm");
        rc = confirm && !strcmp(confirm, "yes")
                 ? core_need_withdraw(r->store, &r->actor, id, &err)
                 : err_set(&err, ERR_INPUT, "withdrawing: confirm it first");
        done = "withdrawn";
    } else {
        enum core_visibility vis;
        const char *text = req_form(r, "visibility");
        rc = core_visibility_parse(text ? text : "", &vis, &err);
        rc = rc ? rc : core_need_set_visibility(r->store, &r->actor, id, vis, &err);
    }
    if (rc == ERR_NOTFOUND)
        return page_fail(r, p, &err);
    if (rc)
        return coop_refused(r, p, rc, &err, need_page);
    char location[80];
    snprintf(location, sizeof location, "/coop/needs/%ld?done=%s", id, done);
    return page_redirect(p, location);
}
