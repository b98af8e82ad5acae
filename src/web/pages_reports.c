/*
 * pages_reports.c — /reports: what an NMIRF produces, generated on demand in the reader's
 * language and downloaded. The implementation matrix (XLSX, CSV), the draft of a report to a
 * mechanism (UPR national or mid-term report, treaty-body periodic report; DOCX, PDF) and the
 * follow-up dashboard (an HTML page shown as it is, or PDF). The forms ask with GET (nothing
 * changes); the rows come from core_matrix_each as the reader may see them, the words from the
 * catalogues, the documents from report/ (matrix.h, draft.h, dashboard.h, render.h), exactly as
 * `suivi report` makes them. Writers that only write to a path (XLSX, DOCX) write to a private
 * temporary file that is read back and removed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/password.h"
#include "core/read.h"
#include "report/collect.h"
#include "report/dashboard.h"
#include "report/draft.h"
#include "report/matrix.h"
#include "report/render.h"
#include "util/file.h"
#include "web/html.h"
#include "web/pages_followup.h"

enum { REPORT_MAX_BYTES = 256 * 1024 * 1024 };

/* ---- the page of forms ------------------------------------------------------------------- */

static int state_select(struct req *r, struct buf *b, const char *id, const char *current,
                        struct err *err)
{
    struct page_list states = {0};
    int rc = page_counts(r, NULL, STORE_DIM_COUNTRY, &states, err);
    if (!rc && page_list_sort(&states))
        rc = err_set(err, ERR_NOMEM, "out of memory");
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"field\"><label for=%a>%s</label>\n<select id=%a "
                          "name=\"country\">\n<option value=\"\">%s</option>\n",
                          id, T(&r->tr, "State"), id, T(&r->tr, "All States"));
    for (size_t i = 0; i < states.n && !rc; i++) {
        const struct page_item *s = &states.item[i];
        rc = html_printf(b,
                         current && !strcmp(current, s->code)
                             ? "<option value=%a selected>%s</option>\n"
                             : "<option value=%a>%s</option>\n",
                         s->code, s->label ? s->label : s->code);
    }
    page_list_free(&states);
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

static int format_choice(const struct req *r, struct buf *b, const char *name, const char *a,
                         const char *a_label, const char *b_code, const char *b_label)
{
    const char *current = req_query(r, name);
    int second = current && !strcmp(current, b_code);
    return html_printf(b,
                       "<fieldset><legend>%s</legend>\n"
                       "<label><input type=\"radio\" name=%a value=%a%s> %s</label>\n"
                       "<label><input type=\"radio\" name=%a value=%a%s> %s</label>\n</fieldset>\n",
                       T(&r->tr, "Format"), name, a, second ? "" : " checked", a_label, name,
                       b_code, second ? " checked" : "", b_label);
}

struct cluster_options {
    struct buf *b;
    const char *current;
};

static int cluster_option(void *ctx, const struct core_cluster *c)
{
    struct cluster_options *o = ctx;
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    return html_printf(o->b,
                       o->current && !strcmp(o->current, id)
                           ? "<option value=%a selected>%s</option>\n"
                           : "<option value=%a>%s</option>\n",
                       id, c->name);
}

static int matrix_form(struct req *r, struct buf *b, struct err *err)
{
    struct fup_institutions inst = {0};
    struct cluster_options o = {b, req_query(r, "cluster")};
    int rc = fup_institutions_load(r, &inst, err);
    rc = rc ? rc
            : html_printf(b,
                          "<section class=\"narrow\" aria-labelledby=\"matrix\">\n<h2 "
                          "id=\"matrix\">%s</h2>\n<p class=\"hint\">%s</p>\n"
                          "<form method=\"get\" action=\"/reports/matrix\">\n",
                          T(&r->tr, "Implementation matrix"),
                          T(&r->tr, "One row per recommendation: text, response, themes, SDGs, "
                                    "institutions, actions, validated status and indicators."));
    rc = rc ? rc : state_select(r, b, "matrix-country", req_query(r, "country"), err);
    rc = rc ? rc
            : fup_institution_select(r, b, "matrix-institution", &inst, NULL, 0,
                                     req_query(r, "institution"), T(&r->tr, "Every institution"));
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"field\"><label for=\"matrix-cluster\">%s</label>\n"
                          "<select id=\"matrix-cluster\" name=\"cluster\">\n"
                          "<option value=\"\">%s</option>\n",
                          T(&r->tr, "Cluster"), T(&r->tr, "Every recommendation"));
    rc = rc ? rc : core_cluster_each(r->store, &r->actor, cluster_option, &o, err);
    rc = rc ? rc : buf_puts(b, "</select></div>\n");
    rc = rc ? rc : format_choice(r, b, "format", "xlsx", "Excel (XLSX)", "csv", "CSV");
    rc = rc ? rc
            : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                          T(&r->tr, "Download the matrix"));
    fup_institutions_free(&inst);
    return rc;
}

static int draft_form(struct req *r, struct buf *b, struct err *err)
{
    static const struct {
        const char *code, *label;
    } kinds[] = {{"upr-national", N_("National report for the Universal Periodic Review")},
                 {"upr-midterm", N_("Mid-term report for the Universal Periodic Review")},
                 {"treaty", N_("Periodic report to a treaty body")}};
    const char *kind = req_query(r, "kind"), *body = req_query(r, "body");
    int rc = html_printf(b,
                         "<section class=\"narrow\" aria-labelledby=\"draft\">\n<h2 "
                         "id=\"draft\">%s</h2>\n<p class=\"hint\">%s</p>\n"
                         "<form method=\"get\" action=\"/reports/draft\">\n"
                         "<div class=\"field\"><label for=\"draft-kind\">%s</label>\n"
                         "<select id=\"draft-kind\" name=\"kind\">\n",
                         T(&r->tr, "Report draft"),
                         T(&r->tr, "Grouped by cluster, with the validated status, actions and "
                                   "indicators of each recommendation, to complete in a word "
                                   "processor."),
                         T(&r->tr, "Kind"));
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && !rc; i++)
        rc = html_printf(b,
                         kind && !strcmp(kind, kinds[i].code)
                             ? "<option value=%a selected>%s</option>\n"
                             : "<option value=%a>%s</option>\n",
                         kinds[i].code, i18n_get(r->tr.cat, r->tr.lang, kinds[i].label));
    rc = rc ? rc : buf_puts(b, "</select></div>\n");
    rc = rc ? rc : state_select(r, b, "draft-country", req_query(r, "country"), err);
    rc = rc ? rc
            : fup_input(b, "draft-body", "body", T(&r->tr, "Treaty body"), "text", body, 0,
                        T(&r->tr, "For a treaty-body report: its code, e.g. CEDAW."));
    rc = rc ? rc
            : fup_input(b, "draft-period", "period", T(&r->tr, "Period covered"), "text",
                        req_query(r, "period"), 0, T(&r->tr, "e.g. 2020-2024"));
    rc = rc ? rc : format_choice(r, b, "format", "docx", "Word (DOCX)", "pdf", "PDF");
    return rc ? rc
              : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                            T(&r->tr, "Download the draft"));
}

static int dashboard_form(struct req *r, struct buf *b, struct err *err)
{
    int rc = html_printf(b,
                         "<section class=\"narrow\" aria-labelledby=\"dashboard\">\n<h2 "
                         "id=\"dashboard\">%s</h2>\n<p class=\"hint\">%s</p>\n"
                         "<form method=\"get\" action=\"/reports/dashboard\">\n",
                         T(&r->tr, "Follow-up dashboard"),
                         T(&r->tr, "Charts of the validated statuses by body, theme, SDG, "
                                   "institution and month, and by affected group."));
    rc = rc ? rc : state_select(r, b, "dashboard-country", req_query(r, "country"), err);
    rc = rc ? rc : format_choice(r, b, "format", "html", T(&r->tr, "Web page"), "pdf", "PDF");
    return rc ? rc
              : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                            T(&r->tr, "Show the dashboard"));
}

/* The page of forms; detail: why the last request was refused (status already set). */
static int reports_page(struct req *r, struct resp *p, const char *detail)
{
    struct buf body = BUF_INIT;
    struct err err = {0};
    int rc =
        fup_messages(r, &body, detail ? T(&r->tr, "The report could not be made.") : NULL, detail);
    rc = rc ? rc
            : html_printf(&body, "<p>%s</p>\n",
                          T(&r->tr, "Reports are made now, from what is recorded, in the language "
                                    "of this page. Statuses come from validated progress reports "
                                    "only."));
    rc = rc ? rc : matrix_form(r, &body, &err);
    rc = rc ? rc : draft_form(r, &body, &err);
    rc = rc ? rc : dashboard_form(r, &body, &err);
    if (rc) {
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    int status = p->status ? p->status : 200;
    const char *title = T(&r->tr, "Reports");
    const char *saved = r->path;
    r->path = "/reports";
    page_begin(r, p, title);
    r->path = saved;
    p->status = status;
    html_printf(&p->body, "<h1>%s</h1>\n%R", title, &body);
    buf_free(&body);
    return page_end(r, p);
}

int page_reports(struct req *r, struct resp *p)
{
    return reports_page(r, p, NULL);
}

/* ---- making a report --------------------------------------------------------------------- */

struct web_report {
    struct req *r;
    struct core_matrix_filter filter;
    char iso3[4];
    const char *state; /* the State's name in the reader's language, or NULL */
    struct page_list countries;
    struct report_lookup *lk;
    struct report_rows *rows;
};

static void web_report_free(struct web_report *w)
{
    report_rows_free(w->rows);
    report_lookup_free(w->lk);
    page_list_free(&w->countries);
}

static int resolve(struct web_report *w, struct err *err)
{
    struct req *r = w->r;
    const char *country = req_query(r, "country"), *code = req_query(r, "institution");
    const char *cluster = req_query(r, "cluster");
    int rc = page_countries(r, &w->countries, err);
    if (!rc && country && *country) {
        int found = core_country_find(r->store, country, w->iso3, err);
        if (found < 0)
            return found;
        if (!found)
            return err_set(err, ERR_INPUT, "State \"%.60s\": no such State", country);
        w->filter.country = w->iso3;
        w->state = page_list_label(&w->countries, w->iso3);
    }
    if (!rc && code && *code) {
        struct fup_institutions inst = {0};
        rc = fup_institutions_load(r, &inst, err);
        rc = rc ? rc : fup_institution_id(&inst, code, &w->filter.institution_id, err);
        fup_institutions_free(&inst);
    }
    if (!rc && cluster && *cluster && !(w->filter.cluster_id = fup_id(cluster)))
        rc = err_set(err, ERR_INPUT, "cluster \"%.20s\": expected a cluster's number", cluster);
    return rc;
}

/* The lookup of names and the rows the reader may see, sorted (report/collect.c). */
static int collect(struct web_report *w, struct err *err)
{
    return report_collect(w->r->store, &w->r->actor, &w->filter, w->r->lang, &w->lk, &w->rows, err);
}

/* A private temporary file for writers that only write to a path. */
static int temp_path(char *path, size_t size, struct err *err)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, size, "%s/suivi-report-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return err_set(err, ERR_IO, "cannot make a temporary file in %s", dir ? dir : "/tmp");
    close(fd);
    return 0;
}

static int read_back(const char *path, int rc, struct buf *out, struct err *err)
{
    if (!rc)
        rc = file_read_all(path, REPORT_MAX_BYTES, out, err);
    remove(path);
    return rc;
}

/* The answer: a file to download (or to show, inline), named name.ext in the reader's
 * language. type is a static string. */
static int deliver(struct req *r, struct resp *p, struct buf *bytes, const char *type,
                   const char *what, const struct web_report *w, const char *ext, int inline_)
{
    struct buf disposition = BUF_INIT, name = BUF_INIT;
    buf_printf(&name, "%s%s%s-%s.%s", what, w->filter.country ? "-" : "",
               w->filter.country ? w->filter.country : "", text_lang_code(r->lang), ext);
    buf_puts(&disposition, inline_ ? "inline; filename*=UTF-8''" : "attachment; filename*=UTF-8''");
    html_url_param(&disposition, buf_str(&name));
    int rc = disposition.oom || name.oom ? ERR_NOMEM : 0;
    if (!rc) {
        p->status = 200;
        p->content_type = type;
        buf_free(&p->body);
        p->body = *bytes;
        *bytes = (struct buf)BUF_INIT;
        resp_header(p, "Content-Disposition", buf_str(&disposition));
    }
    buf_free(&disposition);
    buf_free(&name);
    return rc ? web_error(r, p, 500, "server_error", "out of memory") : 0;
}

/* A report that could not be made: the page of forms with why (400), or an error page. */
static int not_made(struct req *r, struct resp *p, int rc, const struct err *err)
{
    if (rc != ERR_INPUT && rc != ERR_USAGE && rc != ERR_NOTFOUND)
        return page_fail(r, p, err);
    p->status = 400;
    return reports_page(r, p, err->msg);
}

static int format_of(const struct req *r, const char *a, const char *b, const char **out,
                     struct err *err)
{
    const char *f = req_query(r, "format");
    *out = f && *f ? f : a;
    if (strcmp(*out, a) && strcmp(*out, b))
        return err_set(err, ERR_INPUT, "format \"%.20s\": expected %s or %s", *out, a, b);
    return 0;
}

int page_report_matrix(struct req *r, struct resp *p)
{
    struct web_report w = {.r = r};
    struct report_matrix *m = NULL;
    struct sheet_book *book = NULL;
    struct buf bytes = BUF_INIT;
    struct err err = {0};
    const char *format;
    char path[512];
    int rc = format_of(r, "xlsx", "csv", &format, &err);
    rc = rc ? rc : resolve(&w, &err);
    rc = rc ? rc : collect(&w, &err);
    rc = rc ? rc : report_matrix_begin(&r->tr, w.lk, NULL, NULL, &m, &err);
    for (size_t i = 0; !rc && i < w.rows->n; i++)
        if ((rc = report_matrix_add(m, &w.rows->row[i])) && !err.msg[0])
            err_set(&err, rc, "out of memory building the matrix");
    if (rc)
        report_matrix_free(m);
    else
        rc = report_matrix_sheet(m, &book, &err);
    if (!rc && !strcmp(format, "csv")) {
        rc = report_render_sheet_csv(book, 0, REPORT_CSV_BOM | REPORT_CSV_FORMULA_GUARD, &bytes,
                                     &err);
    } else if (!rc && !(rc = temp_path(path, sizeof path, &err))) {
        rc = read_back(path, report_render_xlsx(book, path, &err), &bytes, &err);
    }
    sheet_free(book);
    if (!rc)
        rc = !strcmp(format, "csv")
                 ? deliver(r, p, &bytes, "text/csv; charset=utf-8", "implementation-matrix", &w,
                           "csv", 0)
                 : deliver(r, p, &bytes,
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           "implementation-matrix", &w, "xlsx", 0);
    else
        rc = not_made(r, p, rc, &err);
    buf_free(&bytes);
    web_report_free(&w);
    return rc;
}

/* ---- the draft --------------------------------------------------------------------------- */

struct cluster_refs {
    struct report_cluster_ref *ref;
    char **name;
    size_t n, cap;
    const char *country;
};

static int keep_cluster(void *ctx, const struct core_cluster *c)
{
    struct cluster_refs *l = ctx;
    if (l->country && c->country && strcmp(l->country, c->country))
        return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        struct report_cluster_ref *ref = realloc(l->ref, cap * sizeof *ref);
        if (ref)
            l->ref = ref;
        char **names = realloc(l->name, cap * sizeof *names);
        if (names)
            l->name = names;
        if (!ref || !names)
            return ERR_NOMEM;
        l->cap = cap;
    }
    char *name = strdup(c->name ? c->name : "");
    if (!name)
        return ERR_NOMEM;
    l->name[l->n] = name;
    l->ref[l->n++] = (struct report_cluster_ref){c->id, name};
    return 0;
}

static void cluster_refs_free(struct cluster_refs *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->name[i]);
    free(l->name);
    free(l->ref);
}

/* A UPR report covers one review: keeps the rows of the latest cycle. */
static void keep_latest_cycle(struct report_rows *rows)
{
    int latest = 0;
    for (size_t i = 0; i < rows->n; i++)
        if (rows->row[i].rec->cycle > latest)
            latest = rows->row[i].rec->cycle;
    if (!latest)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < rows->n; i++)
        if (rows->row[i].rec->cycle == latest)
            rows->row[kept++] = rows->row[i];
    rows->n = kept;
}

static int draft_doc(struct web_report *w, enum report_draft_kind kind, const char *body,
                     struct doc **out, struct err *err)
{
    struct req *r = w->r;
    struct cluster_refs cl = {.country = w->filter.country};
    struct report_draft_groups groups = {0};
    char date[11];
    fup_today(date);
    if (kind != REPORT_DRAFT_TREATY)
        keep_latest_cycle(w->rows);
    int rc = core_cluster_each(r->store, &r->actor, keep_cluster, &cl, err);
    if (rc && !err->msg[0])
        err_set(err, rc, "out of memory reading the clusters");
    rc = rc ? rc
            : report_draft_group_rows(&r->tr, w->rows->row, w->rows->n, cl.ref, cl.n, &groups, err);
    const char *state = w->state;
    for (size_t i = 0; !state && i < w->rows->n; i++)
        state = w->rows->row[i].rec->country_label;
    const char *body_name = report_lookup_term(w->lk, "body", body);
    const char *period = req_query(r, "period");
    const struct report_draft_meta meta = {kind,
                                           state ? state : "\xE2\x80\x94",
                                           body_name ? body_name : body,
                                           period && *period ? period : NULL,
                                           date,
                                           NULL};
    rc = rc ? rc : report_draft_doc(&r->tr, w->lk, &meta, groups.group, groups.n, out, err);
    report_draft_groups_free(&groups);
    cluster_refs_free(&cl);
    return rc;
}

int page_report_draft(struct req *r, struct resp *p)
{
    struct web_report w = {.r = r};
    struct doc *d = NULL;
    struct buf bytes = BUF_INIT;
    struct err err = {0};
    enum report_draft_kind kind = REPORT_DRAFT_UPR_NATIONAL;
    const char *format, *kind_name = req_query(r, "kind"), *body = req_query(r, "body");
    char path[512];
    int rc = format_of(r, "docx", "pdf", &format, &err);
    if (!rc && report_draft_kind_parse(kind_name ? kind_name : "upr-national", &kind))
        rc = err_set(&err, ERR_INPUT, "kind: expected upr-national, upr-midterm or treaty");
    if (!rc && kind == REPORT_DRAFT_TREATY && (!body || !*body))
        rc = err_set(&err, ERR_INPUT, "treaty body: give its code, e.g. CEDAW");
    if (kind != REPORT_DRAFT_TREATY)
        body = "UPR";
    w.filter.body = body;
    rc = rc ? rc : resolve(&w, &err);
    rc = rc ? rc : collect(&w, &err);
    rc = rc ? rc : draft_doc(&w, kind, body, &d, &err);
    if (!rc && !strcmp(format, "pdf"))
        rc = report_render_pdf_buf(d, &bytes, &err);
    else if (!rc && !(rc = temp_path(path, sizeof path, &err)))
        rc = read_back(path, report_render_docx(d, path, &err), &bytes, &err);
    doc_free(d);
    char what[48];
    snprintf(what, sizeof what, "report-draft-%s", kind_name ? kind_name : "upr-national");
    if (!rc)
        rc =
            !strcmp(format, "pdf")
                ? deliver(r, p, &bytes, "application/pdf", what, &w, "pdf", 0)
                : deliver(r, p, &bytes,
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                          what, &w, "docx", 0);
    else
        rc = not_made(r, p, rc, &err);
    buf_free(&bytes);
    web_report_free(&w);
    return rc;
}

/* ---- the dashboard ----------------------------------------------------------------------- */

struct history {
    struct report_dashboard *db;
    const char *rec_id;
};

static int validated_report(void *ctx, const struct core_progress *p)
{
    struct history *h = ctx;
    if (p->workflow != CORE_WF_VALIDATED || !p->reviewed_at)
        return 0;
    return report_dashboard_event(h->db, h->rec_id, p->reviewed_at, p->status);
}

/* Appends 'sha256-BASE64' of bytes[0..n) (a CSP hash source). */
static int put_hash_source(struct buf *out, const char *bytes, size_t n)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char hex[CORE_SHA256_HEX_SIZE];
    unsigned char bin[33] = {0}; /* 32 bytes and a zero to pad the last group */
    struct err err = {0};
    int rc = core_sha256_hex(bytes, n, hex, &err);
    for (int i = 0; i < 32 && !rc; i++)
        bin[i] = (unsigned char)strtol((char[3]){hex[2 * i], hex[2 * i + 1], 0}, NULL, 16);
    rc = rc ? rc : buf_puts(out, " 'sha256-");
    for (int i = 0; i < 32 && !rc; i += 3) { /* 10 groups of 3 bytes, then 2 bytes and '=' */
        unsigned v = (unsigned)bin[i] << 16 | (unsigned)bin[i + 1] << 8 | bin[i + 2];
        char group[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63], b64[v >> 6 & 63],
                         i + 2 < 32 ? b64[v & 63] : '='};
        rc = buf_append(out, group, 4);
    }
    return rc ? rc : buf_putc(out, '\'');
}

/* The standalone page carries its own <style> element and a few style attributes (column
 * widths); this answer's policy allows exactly those by their hashes, nothing else inline and
 * no script at all, instead of the site's policy (which would leave the page unstyled). */
static int allow_own_style(struct resp *p, const struct buf *html)
{
    struct buf policy = BUF_INIT, seen = BUF_INIT;
    const char *text = buf_str(html), *open = strstr(text, "<style>");
    const char *close = open ? strstr(open, "</style>") : NULL;
    int rc = buf_puts(&policy, "default-src 'none'; img-src data:; style-src 'unsafe-hashes'");
    if (!rc && open && close)
        rc = put_hash_source(&policy, open + 7, (size_t)(close - open - 7));
    for (const char *a = strstr(text, " style=\""); a && !rc; a = strstr(a, " style=\"")) {
        a += 8;
        const char *end = strchr(a, '"');
        if (!end)
            break;
        buf_reset(&seen);
        rc = put_hash_source(&seen, a, (size_t)(end - a));
        if (!rc && !strstr(buf_str(&policy), buf_str(&seen))) /* each value once */
            rc = buf_puts(&policy, buf_str(&seen));
        a = end;
    }
    rc = rc ? rc
            : buf_puts(&policy, "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    for (int i = 0; i < p->nheaders && !rc; i++)
        if (!strcmp(p->header_name[i], "Content-Security-Policy")) {
            char *copy = strdup(buf_str(&policy));
            if (!copy)
                rc = ERR_NOMEM;
            else {
                free(p->header_value[i]);
                p->header_value[i] = copy;
            }
        }
    buf_free(&policy);
    buf_free(&seen);
    return rc;
}

int page_report_dashboard(struct req *r, struct resp *p)
{
    struct web_report w = {.r = r};
    struct report_dashboard *db = NULL;
    struct doc *d = NULL;
    struct buf bytes = BUF_INIT;
    struct err err = {0};
    const char *format;
    char date[11];
    fup_today(date);
    int rc = format_of(r, "html", "pdf", &format, &err);
    rc = rc ? rc : resolve(&w, &err);
    rc = rc ? rc : collect(&w, &err);
    rc = rc ? rc : report_dashboard_begin(&r->tr, w.lk, &db, &err);
    for (size_t i = 0; !rc && i < w.rows->n; i++) {
        const struct core_matrix_row *row = &w.rows->row[i];
        struct history h = {db, row->rec->id};
        rc = report_dashboard_add(db, row);
        if (!rc && row->status_known)
            rc = core_progress_of(r->store, &r->actor, row->rec->id, validated_report, &h, &err);
    }
    if (rc && !err.msg[0])
        err_set(&err, rc, "out of memory building the dashboard");
    const struct report_dashboard_meta meta = {NULL, w.state, date, NULL};
    rc = rc ? rc : report_dashboard_doc(db, &meta, &d, &err);
    if (!rc && !strcmp(format, "pdf"))
        rc = report_render_pdf_buf(d, &bytes, &err);
    else if (!rc)
        rc = report_render_html(d, &bytes, &err);
    doc_free(d);
    report_dashboard_free(db);
    if (!rc && !strcmp(format, "html"))
        rc = allow_own_style(p, &bytes);
    if (!rc)
        rc = !strcmp(format, "pdf")
                 ? deliver(r, p, &bytes, "application/pdf", "dashboard", &w, "pdf", 0)
                 : deliver(r, p, &bytes, "text/html; charset=utf-8", "dashboard", &w, "html", 1);
    else
        rc = not_made(r, p, rc, &err);
    buf_free(&bytes);
    web_report_free(&w);
    return rc;
}
