/*
 * pages_followup_common.c — the pieces every follow-up page uses (pages_followup.h): messages
 * after a form, form controls, badges of statuses, dates and numbers in the reader's language,
 * the list of institutions and its select. Everything is written with html.h, so nothing typed
 * by a person or read from the store reaches a page unescaped.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/read.h"
#include "report/rows.h"
#include "web/html.h"
#include "web/pages_followup.h"

long fup_id(const char *s)
{
    if (!s || *s < '0' || *s > '9')
        return 0;
    char *end;
    long id = strtol(s, &end, 10);
    return !*end && id > 0 ? id : 0;
}

int fup_refusal_status(int rc)
{
    switch (rc) {
    case ERR_DENIED:
        return 403;
    case ERR_INPUT:
    case ERR_USAGE:
        return 400;
    case ERR_NOTFOUND:
        return 404;
    default:
        return 0;
    }
}

const char *fup_done_text(const struct req *r, const char *done, long n, struct buf *scratch)
{
    static const struct {
        const char *word, *msgid;
    } words[] = {
        {"institution", N_("Institution created.")},
        {"cluster", N_("Cluster created.")},
        {"assigned", N_("Assignment saved.")},
        {"unassigned", N_("Assignment removed.")},
        {"member_added", N_("Recommendation added to the cluster.")},
        {"member_removed", N_("Recommendation removed from the cluster.")},
        {"refreshed", N_("The cluster's members were read again.")},
        {"action", N_("Action saved.")},
        {"indicator", N_("Indicator defined.")},
        {"value", N_("Value recorded.")},
        {"draft", N_("Progress report saved as a draft.")},
        {"saved", N_("Progress report saved.")},
        {"submitted", N_("Progress report submitted for validation.")},
        {"evidence", N_("File attached.")},
        {"validated", N_("Progress report validated: it is now published.")},
        {"returned", N_("Progress report returned to the institution with your comment.")},
        {"comment", N_("Comment added.")},
        {"assessment", N_("Independent assessment added.")},
        {"deadline", N_("Deadline added.")},
        {"sent", N_("Marked as sent.")},
    };
    if (!done)
        return NULL;
    if (!strcmp(done, "reminded")) {
        buf_reset(scratch);
        buf_printf(scratch,
                   TN(&r->tr, "%ld reminder queued.", "%ld reminders queued.", n < 0 ? 0 : n),
                   n < 0 ? 0 : n);
        return buf_str(scratch);
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(done, words[i].word))
            return i18n_get(r->tr.cat, r->tr.lang, words[i].msgid);
    return NULL;
}

int fup_messages(const struct req *r, struct buf *b, const char *headline, const char *detail)
{
    if (headline || detail) {
        int rc = html_printf(b, "<div class=\"error\" role=\"alert\"><p>%s</p>\n",
                             headline ? headline : T(&r->tr, "The change was refused."));
        if (!rc && detail)
            rc = html_printf(b, "<p>%s</p>\n", detail);
        return rc ? rc : buf_puts(b, "</div>\n");
    }
    struct buf scratch = BUF_INIT;
    const char *n = req_query(r, "n");
    const char *done =
        fup_done_text(r, req_query(r, "done"), n ? strtol(n, NULL, 10) : 0, &scratch);
    int rc =
        done ? html_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>\n", done) : 0;
    buf_free(&scratch);
    return rc;
}

const char *fup_kept(const struct req *r, const char *form, const char *field)
{
    if (!r->method || strcmp(r->method, "POST"))
        return NULL;
    const char *sent = req_form(r, "form");
    return sent && form && !strcmp(sent, form) ? req_form(r, field) : NULL;
}

int fup_form_open(const struct req *r, struct buf *b, const char *action, const char *form,
                  int multipart)
{
    int rc =
        html_printf(b,
                    multipart ? "<form method=\"post\" action=%h enctype=\"multipart/form-data\">\n"
                              : "<form method=\"post\" action=%h>\n",
                    action);
    return rc ? rc
              : html_printf(b,
                            "<input type=\"hidden\" name=\"csrf\" value=%a>\n"
                            "<input type=\"hidden\" name=\"form\" value=%a>\n",
                            r->csrf ? r->csrf : "", form);
}

int fup_input(struct buf *b, const char *id, const char *name, const char *label, const char *type,
              const char *value, int required, const char *hint)
{
    char hint_id[96];
    snprintf(hint_id, sizeof hint_id, "%s-hint", id);
    int rc = html_printf(b, "<div class=\"field\"><label for=%a>%s</label>\n", id, label);
    if (!rc && hint)
        rc = html_printf(b, "<p class=\"hint\" id=%a>%s</p>\n", hint_id, hint);
    rc = rc ? rc : html_printf(b, "<input type=%a id=%a name=%a", type, id, name);
    if (!rc && value && strcmp(type, "file"))
        rc = html_printf(b, " value=%a", value);
    if (!rc && !strcmp(type, "number"))
        rc = buf_puts(b, " step=\"any\"");
    if (!rc && hint)
        rc = html_printf(b, " aria-describedby=%a", hint_id);
    if (!rc && required)
        rc = buf_puts(b, " required");
    return rc ? rc : buf_puts(b, "></div>\n");
}

int fup_textarea(struct buf *b, const char *id, const char *name, const char *label,
                 const char *value, int required)
{
    return html_printf(b,
                       required
                           ? "<div class=\"field\"><label for=%a>%s</label>\n"
                             "<textarea id=%a name=%a rows=\"5\" required>%s</textarea></div>\n"
                           : "<div class=\"field\"><label for=%a>%s</label>\n"
                             "<textarea id=%a name=%a rows=\"5\">%s</textarea></div>\n",
                       id, label, id, name, value ? value : "");
}

int fup_status_select(const struct req *r, struct buf *b, const char *id, const char *label,
                      const char *current)
{
    int rc = html_printf(b,
                         "<div class=\"field\"><label for=%a>%s</label>\n"
                         "<select id=%a name=\"status\" required>\n",
                         id, label, id);
    for (int s = 0; s < CORE_STATUS_COUNT && !rc; s++) {
        const char *code = core_status_name((enum core_status)s);
        rc = html_printf(b,
                         current && !strcmp(current, code)
                             ? "<option value=%a selected>%s</option>\n"
                             : "<option value=%a>%s</option>\n",
                         code, i18n_label(&r->tr, "progress", code));
    }
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

int fup_status_badge(const struct req *r, struct buf *b, int known, enum core_status s)
{
    static const char *const classes[CORE_STATUS_COUNT] = {
        "status status-not_started", "status status-in_progress",
        "status status-partially_implemented", "status status-implemented",
        "status status-not_accepted"};
    if (!known || (unsigned)s >= CORE_STATUS_COUNT)
        return html_printf(b, "<span class=\"status status-none\">%s</span>",
                           report_status_label(&r->tr, 0, s));
    return html_printf(b, "<span class=%a>%s</span>", classes[s],
                       i18n_label(&r->tr, "progress", core_status_name(s)));
}

int fup_workflow_badge(const struct req *r, struct buf *b, enum core_workflow w)
{
    static const char *const classes[CORE_WF_COUNT] = {
        "workflow workflow-draft", "workflow workflow-submitted", "workflow workflow-validated",
        "workflow workflow-returned"};
    if ((unsigned)w >= CORE_WF_COUNT)
        w = CORE_WF_DRAFT;
    return html_printf(b, "<span class=%a>%s</span>", classes[w],
                       i18n_label(&r->tr, "workflow", core_workflow_name(w)));
}

int fup_action_badge(const struct req *r, struct buf *b, enum core_action_status s)
{
    static const char *const classes[CORE_ACTION_STATUS_COUNT] = {
        "action-state planned", "action-state ongoing", "action-state completed",
        "action-state delayed", "action-state cancelled"};
    if ((unsigned)s >= CORE_ACTION_STATUS_COUNT)
        s = CORE_ACTION_PLANNED;
    return html_printf(b, "<span class=%a>%s</span>", classes[s],
                       report_action_status_label(&r->tr, s));
}

int fup_when(struct buf *b, int64_t ms)
{
    if (!ms)
        return 0;
    char iso[CORE_TIME_SIZE], day[11];
    core_time_format(ms, iso);
    snprintf(day, sizeof day, "%.10s", iso);
    return html_printf(b, "<time datetime=%a>%s</time>", iso, day);
}

int fup_number(const struct req *r, struct buf *b, double v, const char *unit)
{
    struct buf n = BUF_INIT;
    int rc = report_put_number(&n, &r->tr, v, unit);
    rc = rc ? rc : html_printf(b, "%s", buf_str(&n));
    buf_free(&n);
    return rc;
}

void fup_today(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm) || !strftime(out, 11, "%Y-%m-%d", &tm))
        snprintf(out, 11, "%s", "1970-01-01");
}

/* ---- institutions ------------------------------------------------------------------------ */

static int keep_institution(void *ctx, const struct store_institution *in)
{
    struct fup_institutions *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        struct fup_institution *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return ERR_NOMEM;
        l->v = v;
        l->cap = cap;
    }
    struct fup_institution it = {in->id, strdup(in->code), strdup(in->name),
                                 in->kind ? strdup(in->kind) : NULL};
    if (!it.code || !it.name || (in->kind && !it.kind)) {
        free(it.code);
        free(it.name);
        free(it.kind);
        return ERR_NOMEM;
    }
    l->v[l->n++] = it;
    return 0;
}

int fup_institutions_load(struct req *r, struct fup_institutions *out, struct err *err)
{
    int rc = core_institution_each(r->store, keep_institution, out, err);
    if (rc == ERR_NOMEM && !err->msg[0])
        err_set(err, ERR_NOMEM, "out of memory reading the institutions");
    return rc;
}

void fup_institutions_free(struct fup_institutions *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].code);
        free(l->v[i].name);
        free(l->v[i].kind);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

const struct fup_institution *fup_institution_by_id(const struct fup_institutions *l, long id)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].id == id)
            return &l->v[i];
    return NULL;
}

const struct fup_institution *fup_institution_by_code(const struct fup_institutions *l,
                                                      const char *code)
{
    for (size_t i = 0; code && i < l->n; i++)
        if (!strcmp(l->v[i].code, code))
            return &l->v[i];
    return NULL;
}

int fup_institution_id(const struct fup_institutions *l, const char *code, long *id,
                       struct err *err)
{
    *id = 0;
    if (!code || !*code)
        return 0;
    const struct fup_institution *in = fup_institution_by_code(l, code);
    if (!in)
        return err_set(err, ERR_INPUT, "institution \"%.40s\": no such institution", code);
    *id = in->id;
    return 0;
}

static int listed(const long *only, size_t n, long id)
{
    for (size_t i = 0; i < n; i++)
        if (only[i] == id)
            return 1;
    return 0;
}

int fup_institution_select(const struct req *r, struct buf *b, const char *id,
                           const struct fup_institutions *l, const long *only, size_t nonly,
                           const char *current, const char *any)
{
    int rc = html_printf(b,
                         any ? "<div class=\"field\"><label for=%a>%s</label>\n"
                               "<select id=%a name=\"institution\">\n"
                             : "<div class=\"field\"><label for=%a>%s</label>\n"
                               "<select id=%a name=\"institution\" required>\n",
                         id, T(&r->tr, "Institution"), id);
    if (!rc && any)
        rc = html_printf(b, "<option value=\"\">%s</option>\n", any);
    for (size_t i = 0; i < l->n && !rc; i++) {
        if (only && !listed(only, nonly, l->v[i].id))
            continue;
        rc = html_printf(b,
                         current && !strcmp(current, l->v[i].code)
                             ? "<option value=%a selected>%s (%s)</option>\n"
                             : "<option value=%a>%s (%s)</option>\n",
                         l->v[i].code, l->v[i].name, l->v[i].code);
    }
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

/* ---- pieces of the recommendation page --------------------------------------------------- */

struct evidence_list {
    const struct req *r;
    struct buf *b;
    int n;
};

static int evidence_item(void *ctx, const struct core_evidence *e)
{
    struct evidence_list *l = ctx;
    int rc = l->n++ ? 0
                    : html_printf(l->b, "<ul class=\"evidence\" aria-label=%a>\n",
                                  T(&l->r->tr, "Evidence"));
    rc = rc ? rc
            : html_printf(l->b,
                          "<li><a href=\"/evidence/%ld\" download>%s</a> <span class=\"meta\">",
                          e->id, e->file_name);
    char size[32];
    if (e->size < 1024) {
        rc = rc ? rc
                : html_textf(l->b, TN(&l->r->tr, "%ld byte", "%ld bytes", e->size), (long)e->size);
    } else {
        int mib = e->size >= 1024 * 1024;
        snprintf(size, sizeof size, "%.1f", mib ? e->size / 1048576.0 : e->size / 1024.0);
        if (l->r->lang != TEXT_LANG_EN && strchr(size, '.'))
            *strchr(size, '.') = ','; /* as French and Spanish write it */
        /* TRANSLATORS: a file's size: "12.5 KiB", "3.2 MiB". */
        const char *fmt = mib ? T(&l->r->tr, "%s MiB") : T(&l->r->tr, "%s KiB");
        rc = rc ? rc : html_textf(l->b, fmt, size);
    }
    return rc ? rc : buf_puts(l->b, "</span></li>\n");
}

int fup_evidence_list(struct req *r, struct buf *b, long progress_id, struct err *err)
{
    struct evidence_list l = {r, b, 0};
    int rc = core_evidence_of(r->store, progress_id, evidence_item, &l, err);
    if (!rc && l.n)
        rc = buf_puts(b, "</ul>\n");
    return rc;
}

int fup_review_forms(const struct req *r, struct buf *b, long progress_id, const char *from)
{
    char action[64], form[32], id[48];
    snprintf(action, sizeof action, "/progress/%ld/review", progress_id);
    snprintf(form, sizeof form, "review-%ld", progress_id);
    snprintf(id, sizeof id, "review-comment-%ld", progress_id);
    int rc = buf_puts(b, "<div class=\"review\">\n");
    rc = rc ? rc : fup_form_open(r, b, action, form, 0);
    rc = rc ? rc : html_printf(b, "<input type=\"hidden\" name=\"from\" value=%a>\n", from);
    rc = rc ? rc
            : fup_textarea(b, id, "comment",
                           T(&r->tr, "Comment for the institution (required to return the report)"),
                           fup_kept(r, form, "comment"), 0);
    rc = rc ? rc
            : html_printf(
                  b,
                  "<div class=\"actions\"><button type=\"submit\" name=\"do\" "
                  "value=\"validate\">%s</button>\n<button type=\"submit\" name=\"do\" "
                  "value=\"return\" class=\"secondary\">%s</button></div>\n</form>\n</div>\n",
                  T(&r->tr, "Validate and publish"), T(&r->tr, "Return for changes"));
    return rc;
}

int fup_rec_excerpt(const struct req *r, struct buf *b, const struct store_rec *rec, size_t max)
{
    int l = page_text_lang(r, rec);
    if (l < 0)
        return 0;
    const char *text = rec->text[l];
    size_t n = strlen(text);
    if (n <= max)
        return html_printf(b, "<span lang=%a>%s</span>", text_lang_code((enum text_lang)l), text);
    size_t cut = max;
    while (cut > max / 2 && text[cut] != ' ')
        cut--;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--; /* never inside a UTF-8 sequence */
    struct buf part = BUF_INIT;
    buf_append(&part, text, cut);
    int rc = html_printf(b, "<span lang=%a>%s\xE2\x80\xA6</span>",
                         text_lang_code((enum text_lang)l), buf_str(&part));
    buf_free(&part);
    return rc;
}

static int rec_found(void *ctx, const struct store_rec *rec)
{
    (void)ctx;
    (void)rec;
    return 0;
}

int fup_rec_exists(struct req *r, const char *rec_id, struct err *err)
{
    return core_rec_get(r->store, rec_id, rec_found, NULL, err);
}

int fup_parse_number(const char *field, const char *text, double *out, struct err *err)
{
    *out = NAN;
    if (!text || !*text)
        return 0;
    char copy[64];
    if (strlen(text) >= sizeof copy)
        return err_set(err, ERR_INPUT, "%s: expected a number", field);
    snprintf(copy, sizeof copy, "%s", text);
    char *comma = strchr(copy, ',');
    if (comma && !strchr(copy, '.') && !strchr(comma + 1, ','))
        *comma = '.';
    char *end;
    double v = strtod(copy, &end);
    if (end == copy || *end || !isfinite(v))
        return err_set(err, ERR_INPUT, "%s \"%.40s\": expected a number", field, text);
    *out = v;
    return 0;
}

int fup_details(const struct req *r, struct buf *b, const char *form, const char *summary)
{
    return html_printf(b,
                       fup_kept(r, form, "form") ? "<details class=\"form-box\" open>"
                                                   "<summary>%s</summary>\n"
                                                 : "<details class=\"form-box\">"
                                                   "<summary>%s</summary>\n",
                       summary);
}

int fup_rec_done(struct resp *p, const char *rec_id, const char *done)
{
    struct buf url = BUF_INIT;
    buf_puts(&url, "/recommendations/");
    html_url_param(&url, rec_id);
    buf_printf(&url, "?done=%s#followup", done);
    int rc = url.oom ? ERR_NOMEM : page_redirect(p, buf_str(&url));
    buf_free(&url);
    return rc;
}
