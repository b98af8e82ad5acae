/*
 * pages_hub.c — the knowledge hub's pages: /hub (what it is, the search box, the good
 * practices the reader may see, NMIRF profiles, the library, and for contributors the form
 * that proposes an entry), /hub/search (results with highlighted snippets), one page per good
 * practice (its text in the reader's language, or another with a visible note; tags, files, and
 * the forms to publish or attach a file for those who may: pages_hub_practice.c), per profile
 * and per document.
 * Markdown is rendered by web/markdown.c with raw HTML disabled; everything else goes through
 * html.h. Forms carry the session's CSRF token (fup_form_open); core decides every write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/followup.h"
#include "core/hub.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/markdown.h"
#include "web/pages_followup.h"
#include "web/pages_hub.h"

enum { HUB_HOME_PRACTICES = 10 };

/* The name of a language in the reader's language ("French", "français", "francés"), for
 * running text; the language links use endonyms. */
const char *hub_page_lang_label(const struct req *r, int l)
{
    static const char *const names[TEXT_LANG_COUNT] = {N_("English"), N_("French"), N_("Spanish")};
    return l >= 0 && l < TEXT_LANG_COUNT ? i18n_get(r->tr.cat, r->tr.lang, names[l]) : "";
}

/* The same for a language code; the code itself when unknown. */
const char *hub_page_lang_label_of(const struct req *r, const char *code)
{
    enum text_lang l;
    return code && !text_lang_parse(code, &l) ? hub_page_lang_label(r, (int)l) : code;
}

/* Markdown as HTML inside <div class="markdown" lang=...>. */
int hub_page_markdown(struct buf *b, const char *lang, const char *md)
{
    struct buf html = BUF_INIT;
    int rc = markdown_html(&html, md, md ? strlen(md) : 0);
    rc = rc ? rc : html_printf(b, "<div class=\"markdown\" lang=%a>\n%R</div>\n", lang, &html);
    buf_free(&html);
    return rc;
}

int hub_page_labels_load(struct req *r, struct hub_page_labels *l, struct err *err)
{
    memset(l, 0, sizeof *l);
    int rc = page_countries(r, &l->countries, err);
    rc = rc ? rc : page_terms(r, "sdg", &l->sdgs, err);
    rc = rc ? rc : page_terms(r, "uhri_theme", &l->themes, err);
    if (rc)
        hub_page_labels_free(l);
    return rc;
}

void hub_page_labels_free(struct hub_page_labels *l)
{
    page_list_free(&l->countries);
    page_list_free(&l->sdgs);
    page_list_free(&l->themes);
}

int hub_page_tags(const struct req *r, struct buf *b, const struct store_hub_practice *pr,
                  const struct hub_page_labels *l)
{
    if (!pr->ntags)
        return 0;
    int rc = html_printf(b, "<ul class=\"tags\" aria-label=%a>\n", T(&r->tr, "Tags"));
    for (size_t i = 0; i < pr->ntags && !rc; i++) {
        const struct store_hub_tag *t = &pr->tags[i];
        /* each tag links to the entries that have it */
        struct buf tag = BUF_INIT, href = BUF_INIT;
        buf_printf(&tag, "%s:%s", t->vocab, t->code);
        const struct page_param param = {"tag", buf_str(&tag)};
        rc = page_url(&href, "/hub/practices", &param, 1, NULL, NULL);
        if (!rc && !strcmp(t->vocab, "sdg"))
            rc = html_printf(b, "<li><a href=%h>%s %s: %s</a></li>\n", buf_str(&href),
                             T(&r->tr, "SDG"), t->code, page_list_label(&l->sdgs, t->code));
        else if (!rc)
            rc = html_printf(b, "<li><a href=%h>%s</a></li>\n", buf_str(&href),
                             !strcmp(t->vocab, "uhri_theme") ? page_list_label(&l->themes, t->code)
                                                             : t->code);
        if (!rc && (tag.oom || href.oom))
            rc = ERR_NOMEM;
        buf_free(&tag);
        buf_free(&href);
    }
    return rc ? rc : buf_puts(b, "</ul>\n");
}

int hub_page_badges(const struct req *r, struct buf *b, int published, int demo)
{
    int rc = 0;
    if (!published)
        rc = html_printf(b, " <span class=\"badge none\">%s</span>", T(&r->tr, "Unpublished"));
    if (!rc && demo)
        rc = html_printf(b, " <span class=\"badge none\">%s</span>",
                         T(&r->tr, "Demo, illustrative"));
    return rc;
}

/* ---- /hub --------------------------------------------------------------------------------- */

struct list_call {
    struct req *r;
    struct buf *b;
    const struct hub_page_labels *labels;
    int n;
};

static int practice_item(void *ctx, const struct store_hub_practice *pr)
{
    struct list_call *c = ctx;
    struct req *r = c->r;
    int l = core_hub_practice_lang(pr, (int)r->lang);
    char href[48];
    snprintf(href, sizeof href, "/hub/practices/%ld", pr->id);
    const char *lang = l >= 0 ? text_lang_code((enum text_lang)l) : "en";
    int rc =
        html_printf(c->b, "<li><a href=%h lang=%a>%s</a>", href, lang, l >= 0 ? pr->title[l] : "");
    rc = rc ? rc : hub_page_badges(r, c->b, pr->published, pr->demo);
    if (!rc && l >= 0 && l != (int)r->lang)
        rc = html_printf(c->b, " <span class=\"meta\">(%s)</span>", hub_page_lang_label(r, l));
    if (!rc && pr->country)
        rc = html_printf(c->b, "<p class=\"meta\">%s</p>",
                         page_list_label(&c->labels->countries, pr->country));
    rc = rc ? rc : hub_page_tags(r, c->b, pr, c->labels);
    c->n++;
    return rc ? rc : buf_puts(c->b, "</li>\n");
}

/* The good practices of f the reader may see, as a list (or "No good practice yet."); c->n
 * counts those written, total all that match. Returns 0, ERR_NOMEM, or core's error (in err). */
static int practice_list(struct list_call *c, const struct store_hub_filter *f, long *total,
                         struct err *err)
{
    int rc = buf_puts(c->b, "<ul class=\"results\">\n");
    rc = rc ? rc
            : core_hub_practice_each(c->r->store, &c->r->actor, f, practice_item, c, total, err);
    rc = rc ? rc : buf_puts(c->b, "</ul>\n");
    if (!rc && !c->n)
        rc = html_printf(c->b, "<p>%s</p>\n", T(&c->r->tr, "No good practice yet."));
    return rc;
}

static int profile_item(void *ctx, const struct store_hub_profile *pr)
{
    struct list_call *c = ctx;
    struct buf href = BUF_INIT;
    buf_puts(&href, "/hub/profiles/");
    html_url_param(&href, pr->country);
    int rc = html_printf(c->b, "<li><a href=%h>%s</a> — <span lang=%a>%s</span>", buf_str(&href),
                         page_list_label(&c->labels->countries, pr->country), pr->lang, pr->name);
    rc = rc ? rc : hub_page_badges(c->r, c->b, 1, pr->demo);
    buf_free(&href);
    c->n++;
    return rc ? rc : buf_puts(c->b, "</li>\n");
}

static int doc_item(void *ctx, const struct store_hub_doc *d)
{
    struct list_call *c = ctx;
    char href[48];
    snprintf(href, sizeof href, "/hub/documents/%ld", d->id);
    int rc = html_printf(c->b, "<li><a href=%h>%s</a> <span lang=%a>%s</span>", href, d->symbol,
                         d->lang, d->title);
    if (!rc && d->date)
        rc = html_printf(c->b, " <span class=\"meta\">(%s, %s)</span>", d->date,
                         hub_page_lang_label_of(c->r, d->lang));
    c->n++;
    return rc ? rc : buf_puts(c->b, "</li>\n");
}

static int search_form(const struct req *r, struct buf *b, const char *q, const char *kind)
{
    static const char *const kinds[][2] = {{"practice", N_("Good practices")},
                                           {"profile", N_("NMIRF profiles")},
                                           {"doc", N_("Library")}};
    int rc = html_printf(b,
                         "<form class=\"search\" method=\"get\" action=\"/hub/search\" "
                         "role=\"search\">\n<div class=\"field\"><label for=\"hub-q\">%s</label>\n"
                         "<input type=\"search\" id=\"hub-q\" name=\"q\" value=%a required></div>\n"
                         "<div class=\"field\"><label for=\"hub-kind\">%s</label>\n"
                         "<select id=\"hub-kind\" name=\"kind\">\n<option value=\"\">%s</option>\n",
                         T(&r->tr, "Search the knowledge hub"), q ? q : "", T(&r->tr, "In"),
                         T(&r->tr, "Everything"));
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && !rc; i++)
        rc = html_printf(b,
                         kind && !strcmp(kind, kinds[i][0])
                             ? "<option value=%a selected>%s</option>\n"
                             : "<option value=%a>%s</option>\n",
                         kinds[i][0], i18n_get(r->tr.cat, r->tr.lang, kinds[i][1]));
    return rc ? rc
              : html_printf(b, "</select></div>\n<button type=\"submit\">%s</button>\n</form>\n",
                            T(&r->tr, "Search"));
}

/* The form that proposes a good practice (title and body per language, State, tags). */
/* The value of a form field: what was typed when the form is shown again, else the stored one. */
static const char *kept_or(const struct req *r, const char *form, const char *name,
                           const char *stored)
{
    const char *typed = fup_kept(r, form, name);
    return typed ? typed : stored;
}

int hub_page_practice_fields(const struct req *r, struct buf *b, const struct hub_page_labels *l,
                             const char *form, const struct store_hub_practice *current)
{
    int rc = 0;
    for (int lang = 0; lang < TEXT_LANG_COUNT && !rc; lang++) {
        const char *code = text_lang_code((enum text_lang)lang);
        char id[48], name[24];
        rc = html_printf(b, "<fieldset><legend>%s</legend>\n", hub_page_lang_label(r, lang));
        snprintf(id, sizeof id, "%s-title-%s", form, code);
        snprintf(name, sizeof name, "title_%s", code);
        rc = rc ? rc
                : fup_input(b, id, name, T(&r->tr, "Title"), "text",
                            kept_or(r, form, name, current ? current->title[lang] : NULL), 0, NULL);
        snprintf(id, sizeof id, "%s-body-%s", form, code);
        snprintf(name, sizeof name, "body_%s", code);
        rc = rc ? rc
                : fup_textarea(b, id, name, T(&r->tr, "Text (Markdown)"),
                               kept_or(r, form, name, current ? current->body[lang] : NULL), 0);
        rc = rc ? rc : buf_puts(b, "</fieldset>\n");
    }
    const char *country = kept_or(r, form, "country", current ? current->country : NULL);
    char id[48];
    snprintf(id, sizeof id, "%s-country", form);
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"field\"><label for=%a>%s</label>\n"
                          "<select id=%a name=\"country\">\n<option value=\"\">%s</option>\n",
                          id, T(&r->tr, "State"), id, T(&r->tr, "None"));
    for (size_t i = 0; i < l->countries.n && !rc; i++)
        rc = html_printf(b,
                         country && !strcmp(country, l->countries.item[i].code)
                             ? "<option value=%a selected>%s</option>\n"
                             : "<option value=%a>%s</option>\n",
                         l->countries.item[i].code,
                         l->countries.item[i].label ? l->countries.item[i].label
                                                    : l->countries.item[i].code);
    rc = rc ? rc : buf_puts(b, "</select></div>\n");
    struct buf tags = BUF_INIT;
    for (size_t i = 0; current && i < current->ntags; i++)
        buf_printf(&tags, "%s%s:%s", i ? ", " : "", current->tags[i].vocab, current->tags[i].code);
    snprintf(id, sizeof id, "%s-tags", form);
    rc = rc ? rc
            : fup_input(b, id, "tags", T(&r->tr, "Tags"), "text",
                        kept_or(r, form, "tags", current ? buf_str(&tags) : NULL), 0,
                        T(&r->tr, "Comma-separated: sdg:16.6, uhri_theme:THEME, or any word."));
    buf_free(&tags);
    return rc;
}

int hub_page_practice_in(struct req *r, struct core_hub_practice_in *in, struct core_hub_tags *tags,
                         struct err *err)
{
    memset(in, 0, sizeof *in);
    for (int l = 0; l < TEXT_LANG_COUNT; l++) {
        char key[16];
        snprintf(key, sizeof key, "title_%s", text_lang_code((enum text_lang)l));
        in->title[l] = req_form(r, key);
        snprintf(key, sizeof key, "body_%s", text_lang_code((enum text_lang)l));
        in->body[l] = req_form(r, key);
    }
    in->country = req_form(r, "country");
    in->published = req_form(r, "published") != NULL;
    in->tags = tags;
    return core_hub_tags_parse(r->store, req_form(r, "tags"), tags, err);
}

static int propose_form(const struct req *r, struct buf *b, const struct hub_page_labels *l)
{
    int rc = html_printf(b,
                         "<section aria-labelledby=\"propose\">\n<h2 id=\"propose\">%s</h2>\n"
                         "<p class=\"hint\">%s</p>\n",
                         T(&r->tr, "Propose a good practice"),
                         core_may(&r->actor, CORE_HUB_EDIT, 0)
                             ? T(&r->tr, "Fill in at least one language. Markdown is accepted "
                                         "(no HTML).")
                             : T(&r->tr, "Fill in at least one language. Markdown is accepted (no "
                                         "HTML). Your proposal stays unpublished until a "
                                         "coordinator publishes it."));
    rc = rc ? rc : fup_form_open(r, b, "/hub/practices", "propose", 0);
    rc = rc ? rc : hub_page_practice_fields(r, b, l, "propose", NULL);
    if (!rc && core_may(&r->actor, CORE_HUB_EDIT, 0))
        rc = html_printf(b,
                         "<div class=\"field\"><label><input type=\"checkbox\" name=\"published\" "
                         "value=\"1\"> %s</label></div>\n",
                         T(&r->tr, "Publish now"));
    return rc ? rc
              : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                            T(&r->tr, "Propose"));
}

/* /hub, or /hub again after a refused form: status, headline (translated) and core's message. */
int hub_page_home(struct req *r, struct resp *p, int status, const char *headline,
                  const char *refusal)
{
    struct hub_page_labels labels;
    struct err err = {0};
    if (hub_page_labels_load(r, &labels, &err))
        return page_fail(r, p, &err);
    int rc = page_begin(r, p, T(&r->tr, "Knowledge hub"));
    struct buf *b = &p->body;
    if (status)
        p->status = status;
    rc = rc ? rc
            : html_printf(b, "<h1>%s</h1>\n<p>%s</p>\n", T(&r->tr, "Knowledge hub"),
                          T(&r->tr, "Good practices of national mechanisms for implementation, "
                                    "reporting and follow-up (NMIRFs), their profiles, and the "
                                    "texts behind them, as Human Rights Council resolution 60/27 "
                                    "asks."));
    if (!rc && refusal)
        rc = html_printf(b, "<div class=\"error\" role=\"alert\"><p>%s</p><p>%s</p></div>\n",
                         headline, refusal);
    rc = rc ? rc : search_form(r, b, NULL, NULL);
    struct list_call c = {r, b, &labels, 0};
    struct store_hub_filter f = {.limit = HUB_HOME_PRACTICES};
    long total = 0;
    rc = rc ? rc : html_printf(b, "<h2>%s</h2>\n", T(&r->tr, "Good practices"));
    if (!rc && (rc = practice_list(&c, &f, &total, &err)) < 0 && rc != ERR_NOMEM) {
        hub_page_labels_free(&labels);
        return page_fail(r, p, &err);
    }
    if (!rc && total > c.n)
        rc = html_printf(b, "<p><a href=\"/hub/practices\">%s</a></p>\n",
                         T(&r->tr, "All good practices"));
    c.n = 0;
    rc = rc ? rc
            : html_printf(b, "<h2>%s</h2>\n<ul class=\"results\">\n", T(&r->tr, "NMIRF profiles"));
    if (!rc && (rc = core_hub_profile_each(r->store, profile_item, &c, &err)) < 0 &&
        rc != ERR_NOMEM) {
        hub_page_labels_free(&labels);
        return page_fail(r, p, &err);
    }
    rc = rc ? rc : buf_puts(b, "</ul>\n");
    c.n = 0;
    rc = rc ? rc : html_printf(b, "<h2>%s</h2>\n<ul class=\"results\">\n", T(&r->tr, "Library"));
    if (!rc && (rc = core_hub_doc_each(r->store, doc_item, &c, &err)) < 0 && rc != ERR_NOMEM) {
        hub_page_labels_free(&labels);
        return page_fail(r, p, &err);
    }
    rc = rc ? rc : buf_puts(b, "</ul>\n");
    if (!rc && core_may(&r->actor, CORE_HUB_PROPOSE, 0))
        rc = propose_form(r, b, &labels);
    if (!rc && core_may(&r->actor, CORE_HUB_EDIT, 0))
        rc = hub_page_profile_form(r, b, &labels, NULL);
    hub_page_labels_free(&labels);
    return page_end(r, p);
}

int page_hub(struct req *r, struct resp *p)
{
    return hub_page_home(r, p, 0, NULL, NULL);
}

/* GET /hub/practices: every entry the reader may see, paginated. */
/* GET /hub/practices?tag=VOCAB:CODE&country=ISO3: the entries the reader may see, paginated. */
int page_hub_practices(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    struct hub_page_labels labels;
    struct err err = {0};
    const char *tag = web_query(r, "tag"), *country = web_query(r, "country");
    char vocab[16];
    struct store_hub_filter f = {.limit = per_page, .offset = (page - 1) * per_page};
    const char *colon = tag ? strchr(tag, ':') : NULL;
    if (tag && (!colon || (size_t)(colon - tag) >= sizeof vocab))
        return web_error(r, p, 400, "bad_request", "tag: expected VOCAB:CODE, e.g. sdg:16.6");
    if (colon) {
        memcpy(vocab, tag, (size_t)(colon - tag));
        vocab[colon - tag] = '\0';
        f.vocab = vocab;
        f.code = colon + 1;
    }
    f.country = country;
    if (hub_page_labels_load(r, &labels, &err))
        return page_fail(r, p, &err);
    int rc = page_begin(r, p, T(&r->tr, "Good practices"));
    struct buf *b = &p->body;
    struct list_call c = {r, b, &labels, 0};
    long total = 0;
    rc = rc ? rc
            : html_printf(b, "<p><a href=\"/hub\">%s</a></p>\n<h1>%s</h1>\n",
                          T(&r->tr, "Knowledge hub"), T(&r->tr, "Good practices"));
    if (!rc && (tag || country)) { /* what the list is filtered by */
        rc = html_printf(b, "<p class=\"meta\">%s ", T(&r->tr, "Filtered by:"));
        if (!rc && f.vocab && !strcmp(f.vocab, "sdg"))
            rc = html_printf(b, "%s %s ", T(&r->tr, "SDG"), f.code);
        else if (!rc && f.vocab)
            rc = html_printf(
                b, "%s ",
                !strcmp(f.vocab, "uhri_theme") ? page_list_label(&labels.themes, f.code) : f.code);
        if (!rc && country)
            rc = html_printf(b, "%s ", page_list_label(&labels.countries, country));
        rc = rc ? rc
                : html_printf(b, "(<a href=\"/hub/practices\">%s</a>)</p>\n",
                              T(&r->tr, "all good practices"));
    }
    if (!rc && (rc = practice_list(&c, &f, &total, &err)) < 0 && rc != ERR_NOMEM) {
        hub_page_labels_free(&labels);
        return page_fail(r, p, &err);
    }
    const struct page_param params[] = {{"tag", tag}, {"country", country}};
    rc = rc ? rc : page_pager(r, b, "/hub/practices", params, 2, page, per_page, total);
    hub_page_labels_free(&labels);
    return page_end(r, p);
}

/* ---- search ------------------------------------------------------------------------------- */

struct hit_call {
    struct req *r;
    struct buf *b;
    const struct hub_page_labels *labels;
};

static int hit_item(void *ctx, const struct store_hub_hit *h)
{
    struct hit_call *c = ctx;
    struct buf href = BUF_INIT;
    const char *what = !strcmp(h->kind, "practice") ? T(&c->r->tr, "Good practice")
                       : !strcmp(h->kind, "doc")    ? T(&c->r->tr, "Library")
                                                    : T(&c->r->tr, "NMIRF profile");
    buf_puts(&href, !strcmp(h->kind, "practice") ? "/hub/practices/"
                    : !strcmp(h->kind, "doc")    ? "/hub/documents/"
                                                 : "/hub/profiles/");
    html_url_param(&href, h->ref);
    int rc = html_printf(c->b,
                         "<li><a href=%h lang=%a>%s</a>\n<p class=\"meta\">%s · %s</p>\n"
                         "<p lang=%a>%m</p></li>\n",
                         buf_str(&href), h->lang, h->title, what,
                         hub_page_lang_label_of(c->r, h->lang), h->lang, h->snippet);
    if (!rc && href.oom)
        rc = ERR_NOMEM;
    buf_free(&href);
    return rc;
}

int page_hub_search(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    const char *q = web_query(r, "q"), *kind = web_query(r, "kind"),
               *text_lang = web_query(r, "text_lang");
    struct hub_page_labels labels = {0};
    struct err err = {0};
    int rc = page_begin(r, p, T(&r->tr, "Search the knowledge hub"));
    struct buf *b = &p->body;
    rc = rc ? rc
            : html_printf(b, "<p><a href=\"/hub\">%s</a></p>\n<h1>%s</h1>\n",
                          T(&r->tr, "Knowledge hub"), T(&r->tr, "Search the knowledge hub"));
    rc = rc ? rc : search_form(r, b, q, kind);
    if (rc || !q)
        return page_end(r, p);
    struct core_hub_search s = {.q = q,
                                .lang = text_lang,
                                .kind = kind,
                                .limit = per_page,
                                .offset = (page - 1) * per_page};
    struct buf hits = BUF_INIT;
    struct hit_call c = {r, &hits, &labels};
    long total = 0;
    rc = core_hub_search(r->store, &r->actor, &s, hit_item, &c, &total, &err);
    if (rc == ERR_INPUT || rc == ERR_USAGE) {
        p->status = 400;
        rc = html_printf(b, "<div class=\"error\" role=\"alert\"><p>%s</p><p>%s</p></div>\n",
                         T(&r->tr, "This search could not be read."), err.msg);
    } else if (rc) {
        buf_free(&hits);
        return page_fail(r, p, &err);
    } else {
        rc = html_printf(b, "<p class=\"count\" role=\"status\">");
        rc = rc ? rc : html_textf(b, TN(&r->tr, "%ld result", "%ld results", total), total);
        rc = rc ? rc : html_printf(b, "</p>\n<ul class=\"results\">\n%R</ul>\n", &hits);
        const struct page_param params[] = {{"q", q}, {"kind", kind}, {"text_lang", text_lang}};
        rc = rc ? rc : page_pager(r, b, "/hub/search", params, 3, page, per_page, total);
    }
    buf_free(&hits);
    return page_end(r, p);
}

/* ---- proposing -------------------------------------------------------------------------- */

int page_hub_practice_post(struct req *r, struct resp *p)
{
    struct core_hub_practice_in in;
    struct core_hub_tags tags;
    struct err err = {0};
    long id = 0;
    int rc = hub_page_practice_in(r, &in, &tags, &err);
    rc = rc ? rc : core_hub_practice_create(r->store, &r->actor, &in, &id, &err);
    if (!rc) {
        char location[64];
        snprintf(location, sizeof location, "/hub/practices/%ld?done=created", id);
        return page_redirect(p, location);
    }
    int status = fup_refusal_status(rc);
    return status ? hub_page_home(r, p, status, T(&r->tr, "The proposal was not saved."), err.msg)
                  : page_fail(r, p, &err);
}

/* ---- library --------------------------------------------------------------- */

struct doc_page {
    struct req *r;
    struct buf *b;
};

static int doc_body(void *ctx, const struct store_hub_doc *d)
{
    struct doc_page *pp = ctx;
    struct req *r = pp->r;
    struct buf *b = pp->b;
    int rc = html_printf(b,
                         "<p><a href=\"/hub\">%s</a></p>\n<p class=\"meta\">%s</p>\n"
                         "<h1 lang=%a>%s</h1>\n<p class=\"meta\">",
                         T(&r->tr, "Knowledge hub"), d->symbol, d->lang, d->title);
    if (!rc && d->date)
        rc = html_printf(b, "%s · ", d->date);
    rc = rc ? rc : html_printf(b, "%s", hub_page_lang_label_of(r, d->lang));
    if (!rc && d->source)
        rc = html_printf(b, " · %s", d->source);
    rc = rc ? rc : buf_puts(b, "</p>\n");
    if (!rc && strcmp(d->lang, text_lang_code(r->lang))) {
        rc = buf_puts(b, "<p class=\"notice\">");
        rc = rc ? rc
                : html_textf(b, T(&r->tr, "This document is available in %s only."),
                             hub_page_lang_label_of(r, d->lang));
        rc = rc ? rc : buf_puts(b, "</p>\n");
    }
    return rc ? rc : hub_page_markdown(b, d->lang, d->text);
}

int page_hub_document(struct req *r, struct resp *p)
{
    long id = fup_id(r->param[0]);
    struct err err = {0};
    if (!id)
        return web_error(r, p, 404, "not_found", "no such document");
    int rc = page_begin(r, p, T(&r->tr, "Library"));
    struct doc_page pp = {r, &p->body};
    if (!rc)
        rc = core_hub_doc_get(r->store, id, NULL, doc_body, &pp, &err);
    if (rc && rc != ERR_NOMEM)
        return page_fail(r, p, &err);
    return page_end(r, p);
}
