/*
 * pages_review.c — /review (coordinators and administrators, CORE_TAG): the pending tag
 * suggestions a model made (core_tag_suggestions), a page at a time, filtered by vocabulary,
 * each with Accept and Reject buttons, and a form accepting every pending suggestion scoring at
 * least a threshold. Every form posts to /review with a hidden action and the session's CSRF
 * token; core checks the permission and writes the audit trail; success redirects (303) to
 * /review?done=ACTION so that reloading repeats nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tagging.h"
#include "web/handlers.h"
#include "web/html.h"

/* The vocabulary named by s (a field or vocab name), as its vocab name; NULL when unknown. */
static const char *vocab_of(const char *s)
{
    const struct core_tag_field *f = s && *s ? core_tag_field_find(s) : NULL;
    return f ? f->vocab : NULL;
}

static const char *vocab_label(const struct req *r, const char *vocab)
{
    if (!strcmp(vocab, "uhri_theme"))
        return T(&r->tr, "UHRI themes");
    if (!strcmp(vocab, "upr_issue"))
        return T(&r->tr, "UPR Info issues");
    if (!strcmp(vocab, "sdg"))
        return T(&r->tr, "Sustainable Development Goals");
    if (!strcmp(vocab, "affected_person"))
        return T(&r->tr, "Affected persons");
    return vocab;
}

struct review_rows {
    const struct req *r;
    struct buf *b;
    const char *vocab; /* the filter, kept in the forms' redirect */
};

static int suggestion_row(void *ctx, const struct store_suggestion *s)
{
    struct review_rows *t = ctx;
    const struct req *r = t->r;
    char score[32];
    snprintf(score, sizeof score, "%.2f", s->score);
    int rc = html_printf(t->b,
                         "<tr><th scope=\"row\"><a href=\"/recommendations/%u\">%s</a></th>"
                         "<td>%s</td><td>%s <span class=\"hint\">(%s)</span></td><td>%s</td>"
                         "<td>%s</td><td>",
                         s->rec_id, s->rec_id, vocab_label(r, s->vocab),
                         s->label ? s->label : s->code, s->code, score, s->reason ? s->reason : "");
    static const char *const actions[2] = {"accept", "reject"};
    for (int i = 0; i < 2 && !rc; i++)
        rc = html_printf(
            t->b,
            "<form method=\"post\" action=\"/review\" class=\"inline\">"
            "<input type=\"hidden\" name=\"action\" value=%a>"
            "<input type=\"hidden\" name=\"id\" value=%a>"
            "<input type=\"hidden\" name=\"field\" value=%a>"
            "<input type=\"hidden\" name=\"code\" value=%a>"
            "<input type=\"hidden\" name=\"vocab\" value=%a>"
            "<input type=\"hidden\" name=\"csrf\" value=%a>"
            "<button type=\"submit\"%s>%s<span class=\"visually-hidden\"> %s %s</span></button>"
            "</form> ",
            actions[i], s->rec_id, s->vocab, s->code, t->vocab ? t->vocab : "",
            r->csrf ? r->csrf : "", i ? " class=\"secondary\"" : "",
            i ? T(&r->tr, "Reject") : T(&r->tr, "Accept"), s->rec_id, s->code);
    return rc ? rc : buf_puts(t->b, "</td></tr>\n");
}

static const char *done_message(const struct req *r, const char *done)
{
    if (!done)
        return NULL;
    if (!strcmp(done, "accepted"))
        return T(&r->tr, "Suggestion accepted.");
    if (!strcmp(done, "rejected"))
        return T(&r->tr, "Suggestion rejected.");
    return NULL;
}

static int filter_form(const struct req *r, struct buf *b, const char *vocab)
{
    int rc = html_printf(b,
                         "<form method=\"get\" action=\"/review\" class=\"filters\">\n"
                         "<div class=\"field\"><label for=\"review-vocab\">%s</label>\n"
                         "<select id=\"review-vocab\" name=\"vocab\">\n"
                         "<option value=\"\">%s</option>\n",
                         T(&r->tr, "Vocabulary"), T(&r->tr, "All vocabularies"));
    for (size_t i = 0; i < core_tag_field_count && !rc; i++) {
        const char *v = core_tag_fields[i].vocab;
        const char *fmt = vocab && !strcmp(vocab, v) ? "<option value=%a selected>%s</option>\n"
                                                     : "<option value=%a>%s</option>\n";
        rc = html_printf(b, fmt, v, vocab_label(r, v));
    }
    return rc ? rc
              : html_printf(b, "</select></div>\n<button type=\"submit\">%s</button>\n</form>\n",
                            T(&r->tr, "Filter"));
}

static int bulk_form(const struct req *r, struct buf *b, const char *vocab)
{
    return html_printf(
        b,
        "<form method=\"post\" action=\"/review\" class=\"narrow\">\n"
        "<input type=\"hidden\" name=\"action\" value=\"bulk\">\n"
        "<input type=\"hidden\" name=\"vocab\" value=%a>\n"
        "<input type=\"hidden\" name=\"csrf\" value=%a>\n"
        "<div class=\"field\"><label for=\"threshold\">%s</label>\n"
        "<p class=\"hint\" id=\"threshold-hint\">%s</p>\n"
        "<input type=\"number\" id=\"threshold\" name=\"threshold\" min=\"0\" max=\"1\" "
        "step=\"0.01\" value=\"0.80\" aria-describedby=\"threshold-hint\" required></div>\n"
        "<button type=\"submit\">%s</button>\n</form>\n",
        vocab ? vocab : "", r->csrf ? r->csrf : "", T(&r->tr, "Accept all above this score"),
        vocab ? T(&r->tr, "Only the vocabulary chosen above.") : T(&r->tr, "Every vocabulary."),
        T(&r->tr, "Accept all"));
}

int page_tag_review(struct req *r, struct resp *p)
{
    int page, per_page;
    if (web_page_params(r, p, &page, &per_page))
        return 0;
    const char *asked = req_query(r, "vocab");
    const char *vocab = vocab_of(asked);
    if (asked && *asked && !vocab)
        return web_error(r, p, 400, "bad_request", "vocab: unknown vocabulary");
    struct store_suggestion_filter f = {NULL, vocab,    STORE_REVIEW_PENDING,
                                        0,    per_page, (page - 1) * per_page};
    struct buf body = BUF_INIT, list = BUF_INIT;
    struct review_rows t = {r, &list, vocab};
    struct err err = {0};
    long total = 0;
    int rc = core_tag_suggestions(r->store, &r->actor, &f, suggestion_row, &t, &total, &err);
    if (rc) {
        buf_free(&list);
        return page_fail(r, p, &err);
    }
    const char *done = done_message(r, req_query(r, "done"));
    const char *n = req_query(r, "n");
    if (done)
        html_printf(&body, "<div class=\"notice\" role=\"status\"><p>%s</p></div>\n", done);
    else if (n && req_query(r, "done") && !strcmp(req_query(r, "done"), "bulk")) {
        long accepted = strtol(n, NULL, 10);
        struct buf msg = BUF_INIT;
        buf_printf(&msg,
                   TN(&r->tr, "%ld suggestion accepted.", "%ld suggestions accepted.", accepted),
                   accepted);
        html_printf(&body, "<div class=\"notice\" role=\"status\"><p>%s</p></div>\n",
                    buf_str(&msg));
        buf_free(&msg);
    }
    html_printf(&body, "<p>%s</p>\n",
                T(&r->tr, "Tags a model suggested; none counts until a person accepts it."));
    filter_form(r, &body, vocab);
    html_printf(&body, "<p id=\"review-count\">");
    html_textf(&body, TN(&r->tr, "%ld pending suggestion", "%ld pending suggestions", total),
               total);
    html_printf(&body, "</p>\n");
    if (total > 0) {
        html_printf(&body,
                    "<div class=\"table-wrap\"><table>\n<caption>%s</caption>\n<thead><tr>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n%R</tbody>\n</table></div>\n",
                    T(&r->tr, "Pending suggestions"), T(&r->tr, "Recommendation"),
                    T(&r->tr, "Vocabulary"), T(&r->tr, "Tag"), T(&r->tr, "Score"),
                    /* TRANSLATORS: why the model suggested a tag: the words that weighed most. */
                    T(&r->tr, "Reason"), T(&r->tr, "Decision"), &list);
        struct page_param params[] = {{"vocab", vocab}};
        page_pager(r, &body, "/review", params, 1, page, per_page, total);
        html_printf(&body, "<h2>%s</h2>\n", T(&r->tr, "Accept in bulk"));
        bulk_form(r, &body, vocab);
    }
    buf_free(&list);
    const char *title = T(&r->tr, "Review tag suggestions");
    page_begin(r, p, title);
    html_printf(&p->body, "<h1>%s</h1>\n%R", title, &body);
    buf_free(&body);
    return page_end(r, p);
}

/* ---- POST /review ------------------------------------------------------------------------ */

static int review_action(struct req *r, const char *action, const char **done, long *accepted,
                         struct err *err)
{
    if (!strcmp(action, "accept") || !strcmp(action, "reject")) {
        const char *id = req_form(r, "id"), *code = req_form(r, "code");
        const char *vocab = vocab_of(req_form(r, "field"));
        if (!id || !*id || !code || !*code || !vocab)
            return err_set(err, ERR_INPUT, "id, field and code: expected a pending suggestion");
        if (action[0] == 'a') {
            *done = "accepted";
            return core_tag_accept(r->store, &r->actor, id, vocab, code, err);
        }
        *done = "rejected";
        return core_tag_reject(r->store, &r->actor, id, vocab, code, err);
    }
    if (!strcmp(action, "bulk")) {
        const char *s = req_form(r, "threshold"), *asked = req_form(r, "vocab");
        const char *vocab = vocab_of(asked);
        char *end = NULL;
        double threshold = s && *s ? strtod(s, &end) : -1;
        if (!s || !*s || *end || !(threshold >= 0 && threshold <= 1))
            return err_set(err, ERR_INPUT, "threshold: expected a score from 0 to 1");
        if (asked && *asked && !vocab)
            return err_set(err, ERR_INPUT, "vocab: unknown vocabulary");
        *done = "bulk";
        return core_tag_accept_above(r->store, &r->actor, vocab, threshold, accepted, err);
    }
    return err_set(err, ERR_INPUT, "action: expected accept, reject or bulk");
}

int page_tag_review_post(struct req *r, struct resp *p)
{
    const char *action = req_form(r, "action");
    const char *done = NULL;
    long accepted = 0;
    struct err err = {0};
    int rc = review_action(r, action ? action : "", &done, &accepted, &err);
    if (rc || !done)
        return page_fail(r, p, &err);
    char n[24];
    snprintf(n, sizeof n, "%ld", accepted);
    struct page_param params[] = {{"vocab", vocab_of(req_form(r, "vocab"))},
                                  {"done", done},
                                  {"n", !strcmp(done, "bulk") ? n : NULL}};
    struct buf location = BUF_INIT;
    rc = page_url(&location, "/review", params, 3, NULL, NULL);
    if (rc || location.oom) {
        buf_free(&location);
        return web_error(r, p, 500, "server_error", "out of memory");
    }
    page_redirect(p, buf_str(&location));
    buf_free(&location);
    return 0;
}
