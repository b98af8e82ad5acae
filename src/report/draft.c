/*
 * draft.c — the draft of a UPR national or mid-term report or of a treaty-body periodic report
 * (see draft.h): front matter, the summary of statuses, one section per cluster. The grouping
 * of rows into clusters lives here too, since only drafts need it.
 */
#include "report/draft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"

int report_draft_kind_parse(const char *name, enum report_draft_kind *out)
{
    static const char *const names[REPORT_DRAFT_KIND_COUNT] = {"upr-national", "upr-midterm",
                                                               "treaty"};
    for (int k = 0; name && k < REPORT_DRAFT_KIND_COUNT; k++)
        if (!strcmp(name, names[k])) {
            *out = (enum report_draft_kind)k;
            return 0;
        }
    return ERR_INPUT;
}

/* ---- grouping --------------------------------------------------------------------------- */

/* Which group a row goes to: a cluster (index in clusters), else its source heading (index
 * nclusters + k), else "other" (SIZE_MAX). */
static size_t cluster_of(const struct core_matrix_row *row, const struct report_cluster_ref *c,
                         size_t nc)
{
    for (size_t i = 0; i < nc; i++)
        for (size_t k = 0; k < row->nclusters; k++)
            if (row->cluster_ids[k] == c[i].id)
                return i;
    return SIZE_MAX;
}

struct grouping {
    size_t *slot;        /* per row: its group */
    const char **themes; /* source headings in order of appearance */
    size_t nthemes;
    struct strmap *seen; /* heading -> its index in themes */
};

static size_t theme_slot(struct grouping *g, const char *theme, size_t nclusters, int *oom)
{
    const char *index;
    if (strmap_get(g->seen, theme, &index))
        return nclusters + (size_t)strtoul(index, NULL, 10);
    char text[32];
    snprintf(text, sizeof text, "%zu", g->nthemes);
    if (strmap_put(g->seen, theme, text)) {
        *oom = 1;
        return SIZE_MAX;
    }
    g->themes[g->nthemes] = theme;
    return nclusters + g->nthemes++;
}

static int fill_groups(const struct i18n_tr *tr, const struct core_matrix_row *rows, size_t nrows,
                       const struct report_cluster_ref *clusters, size_t nclusters,
                       struct grouping *g, struct report_draft_groups *out)
{
    size_t nslots = nclusters + g->nthemes + 1; /* the last one: "other" */
    size_t *count = calloc(nslots, sizeof *count), *at = calloc(nslots, sizeof *at);
    out->group = calloc(nslots, sizeof *out->group);
    out->all = malloc((nrows ? nrows : 1) * sizeof *out->all);
    int rc = count && at && out->group && out->all ? 0 : ERR_NOMEM;
    for (size_t r = 0; r < nrows && !rc; r++)
        count[g->slot[r] == SIZE_MAX ? nslots - 1 : g->slot[r]]++;
    for (size_t s = 0, start = 0; s < nslots && !rc; s++) {
        at[s] = start;
        start += count[s];
    }
    for (size_t r = 0; r < nrows && !rc; r++) {
        size_t s = g->slot[r] == SIZE_MAX ? nslots - 1 : g->slot[r];
        out->all[at[s]++] = &rows[r];
    }
    for (size_t s = 0; s < nslots && !rc; s++) {
        if (!count[s])
            continue;
        struct report_draft_group *grp = &out->group[out->n++];
        grp->name = s < nclusters                ? clusters[s].name
                    : s < nclusters + g->nthemes ? g->themes[s - nclusters]
                                                 : T(tr, "Other recommendations");
        grp->nrows = count[s];
        grp->rows = out->all + at[s] - count[s];
    }
    free(count);
    free(at);
    return rc;
}

int report_draft_group_rows(const struct i18n_tr *tr, const struct core_matrix_row *rows,
                            size_t nrows, const struct report_cluster_ref *clusters,
                            size_t nclusters, struct report_draft_groups *out, struct err *err)
{
    struct grouping g = {0};
    g.slot = malloc((nrows ? nrows : 1) * sizeof *g.slot);
    g.themes = malloc((nrows ? nrows : 1) * sizeof *g.themes);
    g.seen = strmap_new();
    int oom = !g.slot || !g.themes || !g.seen;
    for (size_t r = 0; r < nrows && !oom; r++) {
        const char *theme = rows[r].rec ? rows[r].rec->cluster_theme : NULL;
        g.slot[r] = cluster_of(&rows[r], clusters, nclusters);
        if (g.slot[r] == SIZE_MAX && theme && *theme)
            g.slot[r] = theme_slot(&g, theme, nclusters, &oom);
    }
    int rc = oom ? ERR_NOMEM : fill_groups(tr, rows, nrows, clusters, nclusters, &g, out);
    free(g.slot);
    free(g.themes);
    strmap_free(g.seen);
    if (rc) {
        report_draft_groups_free(out);
        return err_set(err, rc, "report: out of memory grouping the recommendations");
    }
    return 0;
}

void report_draft_groups_free(struct report_draft_groups *g)
{
    if (!g)
        return;
    free(g->group);
    free(g->all);
    memset(g, 0, sizeof *g);
}

/* ---- the document ------------------------------------------------------------------------- */

static const char *kind_title(const struct i18n_tr *tr, enum report_draft_kind kind)
{
    switch (kind) {
    case REPORT_DRAFT_UPR_NATIONAL:
        return T(tr, "National report for the Universal Periodic Review");
    case REPORT_DRAFT_UPR_MIDTERM:
        return T(tr, "Mid-term report on the implementation of the recommendations of the "
                     "Universal Periodic Review");
    default:
        /* TRANSLATORS: %s is a treaty body, e.g. CEDAW or "Committee against Torture". */
        return T(tr, "Periodic report to %s");
    }
}

static const char *kind_intro(const struct i18n_tr *tr, enum report_draft_kind kind)
{
    switch (kind) {
    case REPORT_DRAFT_UPR_NATIONAL:
        /* TRANSLATORS: %s is the State, e.g. Slovenia. */
        return T(tr, "This national report presents how %s has implemented the recommendations "
                     "it received in its previous Universal Periodic Review, as recorded and "
                     "validated by the national mechanism for implementation, reporting and "
                     "follow-up.");
    case REPORT_DRAFT_UPR_MIDTERM:
        return T(tr, "This mid-term report presents the progress made by %s in implementing the "
                     "recommendations it received in the Universal Periodic Review, as recorded "
                     "and validated by the national mechanism for implementation, reporting and "
                     "follow-up.");
    default:
        /* TRANSLATORS: the first %s is the State, the second the treaty body. */
        return T(tr, "This report presents the measures taken by %s to implement the "
                     "recommendations of %s, as recorded and validated by the national mechanism "
                     "for implementation, reporting and follow-up.");
    }
}

static size_t total_rows(const struct report_draft_group *groups, size_t ngroups)
{
    size_t n = 0;
    for (size_t i = 0; i < ngroups; i++)
        n += groups[i].nrows;
    return n;
}

static int front_matter(struct doc *d, const struct i18n_tr *tr,
                        const struct report_draft_meta *meta, size_t nrows)
{
    struct buf b = BUF_INIT;
    const char *body = meta->body && *meta->body ? meta->body : "";
    buf_puts(&b, meta->state);
    if (meta->period && *meta->period)
        buf_printf(&b, " — %s", meta->period);
    int rc = b.oom ? ERR_NOMEM : doc_set_subtitle(d, buf_str(&b));
    rc = rc || !meta->date ? rc : doc_set_date(d, meta->date);
    rc = rc || !meta->author ? rc : doc_set_author(d, meta->author);
    rc = rc ? rc : doc_heading(d, 1, T(tr, "Introduction"));
    buf_reset(&b);
    if (meta->kind == REPORT_DRAFT_TREATY)
        buf_printf(&b, kind_intro(tr, meta->kind), meta->state, body);
    else
        buf_printf(&b, kind_intro(tr, meta->kind), meta->state);
    buf_putc(&b, ' ');
    buf_printf(&b,
               TN(tr, "It covers %d recommendation, grouped by theme.",
                  "It covers %d recommendations, grouped by theme.", nrows),
               (int)nrows);
    rc = rc ? rc : b.oom ? ERR_NOMEM : doc_para(d, buf_str(&b));
    rc = rc ? rc : doc_para(d, "");
    rc = rc ? rc
            : doc_run(d,
                      T(tr, "This draft was generated from the follow-up database. Complete it "
                            "and have it reviewed before it is submitted."),
                      DOC_ITALIC);
    rc = rc ? rc : doc_heading(d, 1, T(tr, "Methodology and consultation process"));
    rc = rc ? rc : doc_para(d, "");
    /* TRANSLATORS: a placeholder the coordinator replaces; keep the square brackets. */
    rc = rc ? rc
            : doc_run(d,
                      T(tr, "[Describe how this report was prepared, and which institutions, the "
                            "national human rights institution and civil society contributed.]"),
                      DOC_ITALIC);
    buf_free(&b);
    return rc;
}

/* The summary table: one line per status (implemented first), then the total. */
static int summary(struct doc *d, const struct i18n_tr *tr, const struct report_draft_group *groups,
                   size_t ngroups)
{
    static const enum core_status order[] = {
        CORE_STATUS_IMPLEMENTED, CORE_STATUS_PARTIALLY_IMPLEMENTED, CORE_STATUS_IN_PROGRESS,
        CORE_STATUS_NOT_STARTED, CORE_STATUS_NOT_ACCEPTED};
    long count[CORE_STATUS_COUNT + 1] = {0}, total = 0; /* the last: no validated report */
    for (size_t g = 0; g < ngroups; g++)
        for (size_t i = 0; i < groups[g].nrows; i++, total++) {
            const struct core_matrix_row *row = groups[g].rows[i];
            int known = row->status_known && (unsigned)row->status < CORE_STATUS_COUNT;
            count[known ? row->status : CORE_STATUS_COUNT]++;
        }
    const char *header[] = {T(tr, "Implementation status"), T(tr, "Recommendations"),
                            T(tr, "Share")};
    const double widths[] = {3, 1.7, 1};
    int rc = doc_heading(d, 1, T(tr, "Summary of implementation"));
    rc = rc ? rc : doc_table_begin(d, T(tr, "Recommendations by validated status"), header, 3, 0);
    rc = rc ? rc : doc_table_widths(d, widths);
    struct buf num = BUF_INIT;
    for (size_t i = 0; i <= sizeof order / sizeof order[0] && !rc; i++) {
        int known = i < sizeof order / sizeof order[0];
        long n = count[known ? order[i] : CORE_STATUS_COUNT];
        char text[32];
        snprintf(text, sizeof text, "%ld", n);
        buf_reset(&num);
        report_put_number(&num, tr, total ? (double)((n * 1000 + total / 2) / total) / 10 : 0, "%");
        rc = doc_table_row(d);
        rc = rc ? rc : doc_table_cell(d, report_status_label(tr, known, known ? order[i] : 0));
        rc = rc ? rc : doc_table_cell(d, text);
        rc = rc ? rc : doc_table_cell(d, num.oom ? "" : buf_str(&num));
    }
    char text[32];
    snprintf(text, sizeof text, "%ld", total);
    rc = rc ? rc : doc_table_row(d);
    rc = rc ? rc : doc_table_cell(d, T(tr, "Total"));
    rc = rc ? rc : doc_table_cell(d, text);
    rc = rc ? rc : doc_table_cell(d, total ? "100\xC2\xA0%" : "");
    buf_free(&num);
    return rc ? rc : doc_table_end(d);
}

/* "Label: value" as a paragraph: the label bold, the value plain. */
static int labelled(struct doc *d, const struct i18n_tr *tr, const char *label, const char *value)
{
    struct buf b = BUF_INIT;
    int rc = report_put_label(&b, tr, label);
    rc = rc ? rc : doc_para(d, "");
    rc = rc ? rc : doc_run(d, buf_str(&b), DOC_BOLD);
    buf_reset(&b);
    rc = rc ? rc : buf_printf(&b, " %s", value);
    rc = rc ? rc : doc_run(d, buf_str(&b), 0);
    buf_free(&b);
    return rc;
}

static int actions_and_indicators(struct doc *d, const struct i18n_tr *tr,
                                  const struct report_lookup *lk, const struct core_matrix_row *row)
{
    struct buf b = BUF_INIT;
    int rc = 0;
    if (row->nactions) {
        rc = doc_para(d, "");
        rc = rc ? rc : doc_run(d, T(tr, "Actions"), DOC_BOLD);
    }
    for (size_t i = 0; i < row->nactions && !rc; i++) {
        buf_reset(&b);
        rc = report_put_action(&b, tr, lk, row, &row->actions[i], 1);
        rc = rc ? rc : doc_list_item(d, buf_str(&b));
    }
    if (!rc && row->nindicators) {
        rc = doc_para(d, "");
        rc = rc ? rc : doc_run(d, T(tr, "Indicators"), DOC_BOLD);
    }
    for (size_t i = 0; i < row->nindicators && !rc; i++) {
        buf_reset(&b);
        rc = report_put_indicator(&b, tr, lk, &row->indicators[i]);
        rc = rc ? rc : doc_list_item(d, buf_str(&b));
    }
    buf_free(&b);
    return rc;
}

/* One recommendation: a level-3 heading naming it, its text, response, status, narrative,
 * actions and indicators. */
static int recommendation(struct doc *d, const struct i18n_tr *tr, const struct report_lookup *lk,
                          const struct core_matrix_row *row)
{
    const struct store_rec *r = row->rec;
    struct buf b = BUF_INIT;
    buf_printf(&b, T(tr, "Recommendation %s"),
               r->paragraph && *r->paragraph ? r->paragraph : r->id);
    if (r->document && *r->document)
        buf_printf(&b, " (%s)", r->document);
    int rc = b.oom ? ERR_NOMEM : doc_heading(d, 3, buf_str(&b));
    buf_free(&b);
    rc = rc ? rc : doc_para(d, "");
    rc = rc ? rc : doc_run(d, report_rec_text(tr, r), DOC_ITALIC);
    if (!rc && r->response && *r->response)
        rc = labelled(d, tr, T(tr, "Response"), report_response_label(tr, r->response));
    rc = rc ? rc
            : labelled(d, tr, T(tr, "Implementation status"),
                       report_status_label(tr, row->status_known, row->status));
    if (!rc && row->status_known && row->status_narrative && *row->status_narrative)
        rc = doc_para(d, row->status_narrative);
    return rc ? rc : actions_and_indicators(d, tr, lk, row);
}

int report_draft_doc(const struct i18n_tr *tr, const struct report_lookup *lk,
                     const struct report_draft_meta *meta, const struct report_draft_group *groups,
                     size_t ngroups, struct doc **out, struct err *err)
{
    *out = NULL;
    if (!meta->state || !*meta->state)
        return err_set(err, ERR_INPUT, "report: a draft needs the name of the State");
    if ((unsigned)meta->kind >= REPORT_DRAFT_KIND_COUNT)
        return err_set(err, ERR_INPUT, "report: unknown kind of draft %d", (int)meta->kind);
    struct buf title = BUF_INIT;
    if (meta->kind == REPORT_DRAFT_TREATY)
        buf_printf(&title, kind_title(tr, meta->kind), meta->body ? meta->body : "");
    else
        buf_puts(&title, kind_title(tr, meta->kind));
    struct doc *d = title.oom ? NULL : doc_new(buf_str(&title), text_lang_code(tr->lang));
    buf_free(&title);
    if (!d)
        return err_set(err, ERR_NOMEM, "report: out of memory starting the draft");
    int rc = front_matter(d, tr, meta, total_rows(groups, ngroups));
    rc = rc ? rc : summary(d, tr, groups, ngroups);
    rc = rc ? rc : doc_heading(d, 1, T(tr, "Implementation of the recommendations"));
    for (size_t g = 0; g < ngroups && !rc; g++) {
        rc = doc_heading(d, 2, groups[g].name ? groups[g].name : "");
        for (size_t i = 0; i < groups[g].nrows && !rc; i++)
            if (groups[g].rows[i]->rec)
                rc = recommendation(d, tr, lk, groups[g].rows[i]);
    }
    if (!rc && !total_rows(groups, ngroups))
        rc = doc_para(d, T(tr, "No recommendation matches the scope of this report."));
    int status = doc_status(d, err);
    if (status || rc) {
        if (!status)
            err_set(err, rc, "report: out of memory building the draft");
        doc_free(d);
        return status ? status : rc;
    }
    *out = d;
    return 0;
}
