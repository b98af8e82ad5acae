/*
 * pages_common.c — what the HTML pages (pages_*.c) share: the page frame around a handler's
 * content, redirects and errors, lists of codes with their labels in the reader's language
 * (countries, taxonomy terms, counts), links that keep a page's filters, the pager, the
 * response badge and the short form of a recommendation in a list. Everything is written with
 * html.h, so no text from a request or the database reaches the page unescaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/read.h"
#include "web/handlers.h"
#include "web/html.h"

int page_begin(struct req *r, struct resp *p, const char *title)
{
    p->status = 200;
    p->content_type = "text/html; charset=utf-8";
    buf_reset(&p->body);
    struct layout_page page = web_layout(r, title);
    return layout_begin(&p->body, &page);
}

int page_end(struct req *r, struct resp *p)
{
    struct layout_page page = web_layout(r, NULL);
    layout_end(&p->body, &page);
    if (p->body.oom)
        return web_error(r, p, 500, "server_error", "out of memory writing the page");
    return 0;
}

int page_fail(struct req *r, struct resp *p, const struct err *err)
{
    switch (err->code) {
    case ERR_USAGE:
    case ERR_INPUT:
        return web_error(r, p, 400, "bad_request", err->msg);
    case ERR_NOTFOUND:
        return web_error(r, p, 404, "not_found", err->msg);
    case ERR_DENIED:
        return web_error(r, p, 403, "forbidden", err->msg);
    default:
        return web_error(r, p, 500, "server_error", err->msg);
    }
}

int page_attachment(struct req *r, struct resp *p, struct buf *bytes, const char *file_name,
                    const char *type)
{
    /* X-Content-Type-Options: nosniff is on every answer (app.c). RFC 6266 / 8187: the name as
     * UTF-8, percent-encoded, so no byte of it can end the header or smuggle a path; the browser
     * saves it under its base name. */
    struct buf disposition = BUF_INIT;
    buf_puts(&disposition, "attachment; filename*=UTF-8''");
    html_url_param(&disposition, file_name);
    if (disposition.oom || bytes->oom) {
        buf_free(bytes);
        buf_free(&disposition);
        return web_error(r, p, 500, "server_error", "out of memory");
    }
    p->status = 200;
    p->content_type = type ? type : "application/octet-stream";
    buf_free(&p->body);
    p->body = *bytes;
    *bytes = (struct buf)BUF_INIT;
    resp_header(p, "Content-Disposition", buf_str(&disposition));
    buf_free(&disposition);
    return 0;
}

int page_redirect(struct resp *p, const char *location)
{
    p->status = 303;
    p->content_type = "text/plain; charset=utf-8";
    buf_reset(&p->body);
    resp_header(p, "Location", location);
    return 0;
}

/* ---- lists of codes and labels ----------------------------------------------------------- */

void page_list_free(struct page_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->item[i].code);
        free(l->item[i].label);
        free(l->item[i].parent);
        free(l->item[i].key);
    }
    free(l->item);
    memset(l, 0, sizeof *l);
}

static char *dup_or_null(const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *failed = 1;
    return d;
}

int page_list_add(struct page_list *l, const char *code, const char *label, const char *parent,
                  long count)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        struct page_item *grown = realloc(l->item, cap * sizeof *grown);
        if (!grown)
            return ERR_NOMEM;
        l->item = grown;
        l->cap = cap;
    }
    int failed = 0;
    struct page_item it = {dup_or_null(code ? code : "", &failed), dup_or_null(label, &failed),
                           dup_or_null(parent, &failed), NULL, count};
    if (failed) {
        free(it.code);
        free(it.label);
        free(it.parent);
        return ERR_NOMEM;
    }
    l->item[l->n++] = it;
    return 0;
}

const struct page_item *page_list_find(const struct page_list *l, const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->item[i].code, code))
            return &l->item[i];
    return NULL;
}

const char *page_list_label(const struct page_list *l, const char *code)
{
    const struct page_item *it = page_list_find(l, code);
    return it && it->label ? it->label : code;
}

static int by_key(const void *a, const void *b)
{
    const struct page_item *x = a, *y = b;
    return strcmp(x->key ? x->key : "", y->key ? y->key : "");
}

int page_list_sort(struct page_list *l)
{
    struct buf folded = BUF_INIT;
    for (size_t i = 0; i < l->n; i++) {
        const char *s = l->item[i].label ? l->item[i].label : l->item[i].code;
        buf_reset(&folded);
        if (text_fold(s, strlen(s), TEXT_FOLD_ACCENTS, &folded))
            buf_puts(&folded, s); /* not UTF-8: sort it as it is */
        free(l->item[i].key);
        l->item[i].key = strdup(buf_str(&folded));
        if (!l->item[i].key || folded.oom) {
            buf_free(&folded);
            return ERR_NOMEM;
        }
    }
    buf_free(&folded);
    if (l->n)
        qsort(l->item, l->n, sizeof *l->item, by_key);
    return 0;
}

struct list_fill {
    struct page_list *list;
    int lang;
};

static int add_country(void *ctx, const struct store_country *c)
{
    struct list_fill *f = ctx;
    const char *name = c->name[f->lang] ? c->name[f->lang] : c->name[0];
    return page_list_add(f->list, c->iso3, name, NULL, 0);
}

int page_countries(struct req *r, struct page_list *out, struct err *err)
{
    struct list_fill f = {out, (int)r->lang};
    int rc = core_country_each(r->store, add_country, &f, err);
    if (!rc && (rc = page_list_sort(out)))
        err_set(err, rc, "out of memory");
    return rc;
}

static int add_term(void *ctx, const struct store_term *t)
{
    struct list_fill *f = ctx;
    const char *label = t->label[f->lang] ? t->label[f->lang] : t->label[0];
    return page_list_add(f->list, t->code, label, t->parent, 0);
}

int page_terms(struct req *r, const char *vocab, struct page_list *out, struct err *err)
{
    struct list_fill f = {out, (int)r->lang};
    return core_term_each(r->store, vocab, add_term, &f, err);
}

static int add_count(void *ctx, enum store_dim dim, const char *value, const char *label,
                     long count)
{
    (void)dim;
    struct list_fill *f = ctx;
    return page_list_add(f->list, value, label, NULL, count);
}

int page_counts(struct req *r, const struct core_search_plan *plan, enum store_dim dim,
                struct page_list *out, struct err *err)
{
    struct list_fill f = {out, (int)r->lang};
    return core_count_by(r->store, plan, dim, (int)r->lang, add_count, &f, err);
}

int page_goals(struct req *r, struct page_list *out, struct err *err)
{
    struct page_list terms = {0}, counts = {0};
    int rc = page_terms(r, "sdg", &terms, err);
    rc = rc ? rc : page_counts(r, NULL, STORE_DIM_SDG, &counts, err);
    struct buf label = BUF_INIT;
    for (size_t i = 0; i < terms.n && !rc; i++) {
        const struct page_item *t = &terms.item[i];
        if (t->parent)
            continue;
        const struct page_item *c = page_list_find(&counts, t->code);
        buf_reset(&label);
        buf_printf(&label, "%s. %s", t->code, t->label);
        if (label.oom || page_list_add(out, t->code, buf_str(&label), NULL, c ? c->count : 0))
            rc = err_set(err, ERR_NOMEM, "out of memory");
    }
    buf_free(&label);
    page_list_free(&terms);
    page_list_free(&counts);
    return rc;
}

/* ---- links ------------------------------------------------------------------------------- */

int page_url(struct buf *url, const char *path, const struct page_param *params, size_t n,
             const char *name, const char *value)
{
    int rc = buf_puts(url, path);
    char sep = '?';
    for (size_t i = 0; i <= n && !rc; i++) {
        const char *k = i < n ? params[i].name : name, *v = i < n ? params[i].value : value;
        if (!k || (i < n && name && !strcmp(k, name)))
            continue; /* the overridden parameter is written last */
        if (!v || !*v)
            continue;
        rc = buf_putc(url, sep);
        rc = rc ? rc : buf_puts(url, k);
        rc = rc ? rc : buf_putc(url, '=');
        rc = rc ? rc : html_url_param(url, v);
        sep = '&';
    }
    return rc ? rc : (url->oom ? ERR_NOMEM : 0);
}

/* One link of the pager: a page number, the current one marked. */
static int pager_number(struct buf *b, const char *path, const struct page_param *params, size_t n,
                        int number, int current)
{
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    struct buf url = BUF_INIT;
    int rc = page_url(&url, path, params, n, "page", number > 1 ? num : NULL);
    if (!rc && number == current)
        rc = html_printf(b, "<li><a href=%h aria-current=\"page\">%d</a></li>\n", buf_str(&url),
                         number);
    else if (!rc)
        rc = html_printf(b, "<li><a href=%h>%d</a></li>\n", buf_str(&url), number);
    buf_free(&url);
    return rc;
}

/* Previous or next: a link when there is such a page, nothing otherwise. */
static int pager_step(struct buf *b, const char *path, const struct page_param *params, size_t n,
                      int to, int last, const char *rel, const char *label)
{
    if (to < 1 || to > last)
        return 0;
    char num[16];
    snprintf(num, sizeof num, "%d", to);
    struct buf url = BUF_INIT;
    int rc = page_url(&url, path, params, n, "page", to > 1 ? num : NULL);
    rc = rc ? rc
            : html_printf(b, "<li class=\"pager-step\"><a href=%h rel=%a>%s</a></li>\n",
                          buf_str(&url), rel, label);
    buf_free(&url);
    return rc;
}

int page_pager(const struct req *r, struct buf *b, const char *path,
               const struct page_param *params, size_t n, int page, int per_page, long total)
{
    long pages = (total + per_page - 1) / per_page;
    if (pages <= 1 && page <= 1)
        return 0;
    int last = pages > 100000 ? 100000 : (int)pages;
    int rc = html_printf(b, "<nav class=\"pager\" aria-label=%a>\n<p>",
                         /* TRANSLATORS: aria-label of the previous/next page navigation. */
                         T(&r->tr, "Pagination"));
    rc = rc ? rc : html_textf(b, T(&r->tr, "Page %d of %d"), page, last > 0 ? last : 1);
    rc = rc ? rc : buf_puts(b, "</p>\n<ul>\n");
    rc = rc ? rc
            : pager_step(b, path, params, n, page - 1, last, "prev", T(&r->tr, "Previous page"));
    int from = page - 2 < 1 ? 1 : page - 2, to = page + 2 > last ? last : page + 2;
    if (!rc && from > 1)
        rc = pager_number(b, path, params, n, 1, page);
    if (!rc && from > 2)
        rc = buf_puts(b, "<li aria-hidden=\"true\">\xE2\x80\xA6</li>\n");
    for (int i = from; i <= to && !rc; i++)
        rc = pager_number(b, path, params, n, i, page);
    if (!rc && to < last - 1)
        rc = buf_puts(b, "<li aria-hidden=\"true\">\xE2\x80\xA6</li>\n");
    if (!rc && to < last)
        rc = pager_number(b, path, params, n, last, page);
    rc = rc ? rc : pager_step(b, path, params, n, page + 1, last, "next", T(&r->tr, "Next page"));
    return rc ? rc : buf_puts(b, "</ul>\n</nav>\n");
}

/* ---- pieces of recommendations ---------------------------------------------------------- */

int page_badge(const struct req *r, struct buf *b, const char *response)
{
    static const struct {
        const char *code, *cls;
    } badges[] = {{"supported", "badge supported"},
                  {"noted", "badge noted"},
                  {"partially_supported", "badge partially_supported"}};
    const char *cls = "badge none", *label = i18n_label(&r->tr, "response", "none");
    if (response && *response)
        label = response; /* a code we do not know: shown as stored */
    for (size_t i = 0; i < sizeof badges / sizeof badges[0]; i++)
        if (response && !strcmp(response, badges[i].code)) {
            cls = badges[i].cls;
            label = i18n_label(&r->tr, "response", response);
        }
    return html_printf(b, "<span class=%a>%s</span>", cls, label);
}

int page_text_lang(const struct req *r, const struct store_rec *rec)
{
    if (rec->text[r->lang])
        return (int)r->lang;
    for (int l = 0; l < STORE_LANG_COUNT; l++)
        if (rec->text[l])
            return l;
    return -1;
}

int page_rec_item(const struct req *r, struct buf *b, const struct store_rec *rec,
                  const struct page_list *countries)
{
    const char *state =
        rec->country ? page_list_label(countries, rec->country) : rec->country_label;
    int rc = html_printf(b,
                         "<li>\n<h3><a href=\"/recommendations/%u\">%s</a></h3>\n"
                         "<p class=\"meta\">%s \xC2\xB7 %s ",
                         rec->id, rec->id, state, rec->body);
    rc = rc ? rc : page_badge(r, b, rec->response);
    rc = rc ? rc : buf_puts(b, "</p>\n");
    int l = page_text_lang(r, rec);
    if (!rc && l >= 0)
        rc = html_printf(b, "<p lang=%a>%s</p>\n", text_lang_code((enum text_lang)l), rec->text[l]);
    return rc ? rc : buf_puts(b, "</li>\n");
}
