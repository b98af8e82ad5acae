/*
 * coop_annual.c — the cooperation repository's annual report (see coop_annual.h). One pass
 * over core_coop_report_each: each need recorded by the end of the year counts as met, unmet
 * or withdrawn in its region; each of its matches that was live during the year (created by
 * its end, last moved after its start) is an activity, counted once in its need's region,
 * once per theme and per SDG goal of the need, and once for its provider's type, in the column
 * of its current state. The lists behind the figures are kept for the tables and sheets.
 */
#include "report/coop_annual.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/read.h"
#include "report/render.h"
#include "report/rows.h"
#include "util/file.h"

enum { DIM_REGION, DIM_THEME, DIM_SDG, DIM_PROVIDER, DIM_COUNT };
enum { NSTATES = CORE_MATCH_STATE_COUNT, REPORT_MAX = 256 * 1024 * 1024 };

static const char *const dim_names[DIM_COUNT] = {"region", "theme", "sdg", "provider"};

static const char *const state_labels[NSTATES] = {N_("Proposed"),    N_("Accepted"),
                                                  N_("In progress"), N_("Completed"),
                                                  N_("Declined"),    N_("Withdrawn")};
static const char *const provider_labels[CORE_ORG_KIND_COUNT] = {
    N_("State"), N_("UN entity"), N_("National human rights institution"),
    N_("Non-governmental organisation"), N_("Regional body")};

struct category {
    char *code, *label;
    long n[NSTATES], total;
    long met, unmet, withdrawn; /* needs (region tally only) */
};

struct tally {
    struct category *v;
    size_t n, cap;
};

struct need_row {
    long id, activities;
    char *country, *region, *title, *org;
    enum core_need_status status;
    enum core_visibility visibility;
    int met;
};

struct activity_row {
    long id, need_id;
    char *country, *region, *themes, *sdgs, *org, *offer;
    enum core_org_kind provider;
    enum core_match_state state;
    double score;
    int64_t created_at, updated_at;
};

struct report_coop_annual {
    const struct i18n_tr *tr;
    int year;
    int64_t from, to; /* the year, ms: [from, to) */
    struct report_lookup *lk;
    struct tally dim[DIM_COUNT];
    struct need_row *needs;
    size_t nneeds, capneeds;
    struct activity_row *acts;
    size_t nacts, capacts;
    long met, unmet, withdrawn;
    int failed;
};

#define TR(msgid) i18n_get(a->tr->cat, a->tr->lang, msgid)

static char *copy_str(const char *s, int *failed)
{
    char *d = strdup(s ? s : "");
    if (!d)
        *failed = 1;
    return d;
}

static int64_t year_start(int year)
{
    struct tm tm = {.tm_year = year - 1900, .tm_mday = 1};
    return (int64_t)timegm(&tm) * 1000;
}

/* ---- tallies --------------------------------------------------------------------------------- */

static struct category *category(struct report_coop_annual *a, int dim, const char *code,
                                 const char *label)
{
    struct tally *t = &a->dim[dim];
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->v[i].code, code))
            return &t->v[i];
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        struct category *grown = realloc(t->v, cap * sizeof *grown);
        if (!grown) {
            a->failed = 1;
            return NULL;
        }
        t->v = grown;
        t->cap = cap;
    }
    struct category *c = &t->v[t->n];
    memset(c, 0, sizeof *c);
    c->code = copy_str(code, &a->failed);
    c->label = copy_str(label && *label ? label : code, &a->failed);
    if (a->failed) {
        free(c->code);
        free(c->label);
        return NULL;
    }
    t->n++;
    return c;
}

static void count(struct report_coop_annual *a, int dim, const char *code, const char *label,
                  enum core_match_state state)
{
    struct category *c = category(a, dim, code, label);
    if (c && (int)state < NSTATES) {
        c->n[state]++;
        c->total++;
    }
}

static const char *region_label(struct report_coop_annual *a, const char *region)
{
    return region && *region ? region : TR(N_("No regional group"));
}

/* The label of a theme code: UHRI theme, else UPR Info issue, else the code. */
static const char *theme_label(const struct report_coop_annual *a, const char *code)
{
    const char *l = report_lookup_term(a->lk, "uhri_theme", code);
    return l ? l : report_lookup_term(a->lk, "upr_issue", code);
}

static void count_activity(struct report_coop_annual *a, const struct core_need *n,
                           const struct core_match *m, const struct core_offer *o)
{
    const char *region = n->region ? n->region : "";
    count(a, DIM_REGION, region, region_label(a, region), m->state);
    struct buf one = BUF_INIT, goals = BUF_INIT, label = BUF_INIT;
    for (const char *p = n->themes ? n->themes : ""; *p;) {
        size_t len = strcspn(p, "|");
        buf_reset(&one);
        buf_append(&one, p, len);
        if (len)
            count(a, DIM_THEME, buf_str(&one), theme_label(a, buf_str(&one)), m->state);
        p += len + (p[len] == '|');
    }
    buf_putc(&goals, '|'); /* "|5|16|": each goal once, found with its bars */
    for (const char *p = n->sdgs ? n->sdgs : ""; *p;) {
        size_t len = strcspn(p, "|");
        size_t goal = strcspn(p, ".|");
        buf_reset(&one);
        buf_putc(&one, '|');
        buf_append(&one, p, goal);
        buf_putc(&one, '|');
        if (goal && !strstr(buf_str(&goals), buf_str(&one))) {
            buf_append(&goals, p, goal);
            buf_putc(&goals, '|');
            buf_reset(&one);
            buf_append(&one, p, goal);
            buf_reset(&label);
            const char *name = report_lookup_term(a->lk, "sdg", buf_str(&one));
            buf_printf(&label, "%s. %s", buf_str(&one), name ? name : "");
            count(a, DIM_SDG, buf_str(&one), buf_str(&label), m->state);
        }
        p += len + (p[len] == '|');
    }
    if (one.oom || goals.oom || label.oom)
        a->failed = 1;
    buf_free(&one);
    buf_free(&goals);
    buf_free(&label);
    if (o->provider_kind < CORE_ORG_KIND_COUNT)
        count(a, DIM_PROVIDER, core_org_kind_name(o->provider_kind),
              TR(provider_labels[o->provider_kind]), m->state);
}

static int keep_activity(struct report_coop_annual *a, const struct core_need *n,
                         const struct core_match *m, const struct core_offer *o)
{
    if (a->nacts == a->capacts) {
        size_t cap = a->capacts ? a->capacts * 2 : 32;
        struct activity_row *grown = realloc(a->acts, cap * sizeof *grown);
        if (!grown)
            return ERR_NOMEM;
        a->acts = grown;
        a->capacts = cap;
    }
    struct activity_row *r = &a->acts[a->nacts++];
    *r = (struct activity_row){.id = m->id,
                               .need_id = n->id,
                               .country = copy_str(n->country, &a->failed),
                               .region = copy_str(n->region, &a->failed),
                               .themes = copy_str(n->themes, &a->failed),
                               .sdgs = copy_str(n->sdgs, &a->failed),
                               .org = copy_str(o->org_name, &a->failed),
                               .offer = copy_str(o->title, &a->failed),
                               .provider = o->provider_kind,
                               .state = m->state,
                               .score = m->score,
                               .created_at = m->created_at,
                               .updated_at = m->updated_at};
    return a->failed ? ERR_NOMEM : 0;
}

static int on_row(void *ctx, const struct core_coop_row *row)
{
    struct report_coop_annual *a = ctx;
    const struct core_need *n = row->need;
    if (n->created_at >= a->to)
        return 0; /* recorded after the year */
    if (a->nneeds == a->capneeds) {
        size_t cap = a->capneeds ? a->capneeds * 2 : 32;
        struct need_row *grown = realloc(a->needs, cap * sizeof *grown);
        if (!grown)
            return ERR_NOMEM;
        a->needs = grown;
        a->capneeds = cap;
    }
    struct need_row *nr = &a->needs[a->nneeds++];
    *nr = (struct need_row){.id = n->id,
                            .country = copy_str(n->country, &a->failed),
                            .region = copy_str(n->region, &a->failed),
                            .title = copy_str(n->title, &a->failed),
                            .org = copy_str(n->org_name, &a->failed),
                            .status = n->status,
                            .visibility = n->visibility,
                            .met = row->met || n->status == CORE_NEED_MET};
    const char *region = n->region ? n->region : "";
    struct category *rc = category(a, DIM_REGION, region, region_label(a, region));
    if (!rc || a->failed)
        return ERR_NOMEM;
    if (nr->met) {
        a->met++;
        rc->met++;
    } else if (n->status == CORE_NEED_WITHDRAWN) {
        a->withdrawn++;
        rc->withdrawn++;
    } else {
        a->unmet++;
        rc->unmet++;
    }
    for (size_t i = 0; i < row->nmatches; i++) {
        const struct core_match *m = &row->matches[i];
        if (m->created_at >= a->to || m->updated_at < a->from)
            continue; /* not live during the year */
        nr->activities++;
        count_activity(a, n, m, &row->offers[i]);
        int err = keep_activity(a, n, m, &row->offers[i]);
        if (err || a->failed)
            return ERR_NOMEM;
    }
    return 0;
}

static int put_term(void *ctx, const struct store_term *t)
{
    struct report_coop_annual *a = ctx;
    const char *label = t->label[a->tr->lang] ? t->label[a->tr->lang] : t->label[0];
    return label && *label ? report_lookup_term_put(a->lk, t->vocab, t->code, label) : 0;
}

int report_coop_annual_collect(struct store *st, const struct core_actor *actor,
                               const struct i18n_tr *tr, int year, struct report_coop_annual **out,
                               struct err *err)
{
    static const char *const vocabs[] = {"uhri_theme", "upr_issue", "sdg"};
    *out = NULL;
    if (year < 1900 || year > 9999)
        return err_set(err, ERR_INPUT, "year %d: expected a year from 1900 to 9999", year);
    struct report_coop_annual *a = calloc(1, sizeof *a);
    if (!a || !(a->lk = report_lookup_new())) {
        free(a);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    a->tr = tr;
    a->year = year;
    a->from = year_start(year);
    a->to = year_start(year + 1);
    int rc = 0;
    for (size_t i = 0; i < sizeof vocabs / sizeof vocabs[0] && !rc; i++)
        rc = core_term_each(st, vocabs[i], put_term, a, err);
    rc = rc ? rc : core_coop_report_each(st, actor, on_row, a, err);
    if (rc || a->failed) {
        if (!err->msg[0] || a->failed)
            err_set(err, rc ? rc : ERR_NOMEM, "report coop-annual: out of memory");
        report_coop_annual_free(a);
        return rc ? rc : ERR_NOMEM;
    }
    *out = a;
    return 0;
}

void report_coop_annual_free(struct report_coop_annual *a)
{
    if (!a)
        return;
    for (int d = 0; d < DIM_COUNT; d++) {
        for (size_t i = 0; i < a->dim[d].n; i++) {
            free(a->dim[d].v[i].code);
            free(a->dim[d].v[i].label);
        }
        free(a->dim[d].v);
    }
    for (size_t i = 0; i < a->nneeds; i++) {
        free(a->needs[i].country);
        free(a->needs[i].region);
        free(a->needs[i].title);
        free(a->needs[i].org);
    }
    for (size_t i = 0; i < a->nacts; i++) {
        struct activity_row *r = &a->acts[i];
        free(r->country);
        free(r->region);
        free(r->themes);
        free(r->sdgs);
        free(r->org);
        free(r->offer);
    }
    free(a->needs);
    free(a->acts);
    report_lookup_free(a->lk);
    free(a);
}

long report_coop_annual_count(const struct report_coop_annual *a, const char *dim, const char *key,
                              int state)
{
    if (!a || !dim)
        return 0;
    if (!strcmp(dim, "needs")) {
        if (!key)
            return (long)a->nneeds;
        return !strcmp(key, "met")         ? a->met
               : !strcmp(key, "unmet")     ? a->unmet
               : !strcmp(key, "withdrawn") ? a->withdrawn
                                           : 0;
    }
    if (!strcmp(dim, "activities")) {
        long n = 0;
        for (size_t i = 0; i < a->nacts; i++)
            n += state < 0 || (int)a->acts[i].state == state;
        return n;
    }
    for (int d = 0; d < DIM_COUNT; d++) {
        if (strcmp(dim, dim_names[d]))
            continue;
        for (size_t i = 0; i < a->dim[d].n; i++)
            if (key && !strcmp(a->dim[d].v[i].code, key))
                return state < 0         ? a->dim[d].v[i].total
                       : state < NSTATES ? a->dim[d].v[i].n[state]
                                         : 0;
    }
    return 0;
}

/* ---- the document ---------------------------------------------------------------------------- */

static int by_total(const void *x, const void *y)
{
    const struct category *a = x, *b = y;
    if (a->total != b->total)
        return a->total < b->total ? 1 : -1;
    return strcmp(a->label, b->label);
}

static void num(char *out, size_t size, long v)
{
    snprintf(out, size, "%ld", v);
}

/* One table: a category per row, a column per state of the exchange, and the total. */
static int dim_table(const struct report_coop_annual *a, struct doc *d, int dim, const char *title,
                     const char *first)
{
    const struct tally *t = &a->dim[dim];
    const char *header[NSTATES + 2];
    header[0] = first;
    for (int s = 0; s < NSTATES; s++)
        header[s + 1] = TR(state_labels[s]);
    header[NSTATES + 1] = TR(N_("Total"));
    doc_heading(d, 2, title);
    size_t rows = 0;
    for (size_t i = 0; i < t->n; i++)
        rows += t->v[i].total > 0;
    if (!rows)
        return doc_para(d, TR(N_("No activity this year.")));
    struct category *sorted = malloc(t->n * sizeof *sorted);
    if (!sorted)
        return ERR_NOMEM;
    memcpy(sorted, t->v, t->n * sizeof *sorted);
    qsort(sorted, t->n, sizeof *sorted, by_total);
    doc_table_begin(d, title, header, NSTATES + 2, DOC_TABLE_REPEAT_HEADER | DOC_TABLE_ROW_HEADERS);
    char cell[32];
    for (size_t i = 0; i < t->n; i++) {
        if (!sorted[i].total)
            continue;
        doc_table_row(d);
        doc_table_cell(d, sorted[i].label);
        for (int s = 0; s < NSTATES; s++) {
            num(cell, sizeof cell, sorted[i].n[s]);
            doc_table_cell(d, cell);
        }
        num(cell, sizeof cell, sorted[i].total);
        doc_table_cell(d, cell);
    }
    free(sorted);
    return doc_table_end(d);
}

/* The chart of activities by region, stacked by state. */
static int region_chart(const struct report_coop_annual *a, struct doc *d)
{
    const struct tally *t = &a->dim[DIM_REGION];
    size_t ncat = 0;
    for (size_t i = 0; i < t->n; i++)
        ncat += t->v[i].total > 0;
    if (!ncat)
        return 0;
    const char **cats = calloc(ncat, sizeof *cats);
    double *values = calloc(ncat * NSTATES, sizeof *values);
    const char *series[NSTATES];
    int rc = cats && values ? 0 : ERR_NOMEM;
    for (int s = 0; s < NSTATES; s++)
        series[s] = TR(state_labels[s]);
    for (size_t i = 0, c = 0; i < t->n && !rc; i++) {
        if (!t->v[i].total)
            continue;
        cats[c] = t->v[i].label;
        for (int s = 0; s < NSTATES; s++)
            values[(size_t)s * ncat + c] = (double)t->v[i].n[s];
        c++;
    }
    rc = rc ? rc
            : doc_chart(d, DOC_CHART_STACKED, TR(N_("Activities by region")),
                        TR(N_("Activities of the year in each regional group, by the state of "
                              "the exchange.")),
                        cats, ncat, series, NSTATES, values);
    free(cats);
    free(values);
    return rc;
}

static int needs_tables(const struct report_coop_annual *a, struct doc *d)
{
    const char *header[] = {TR(N_("Region")), TR(N_("Met")), TR(N_("Unmet")), TR(N_("Withdrawn")),
                            TR(N_("Total"))};
    char cell[32];
    doc_heading(d, 2, TR(N_("Needs met and unmet")));
    if (!a->nneeds)
        return doc_para(d, TR(N_("No need recorded.")));
    const struct tally *t = &a->dim[DIM_REGION];
    doc_table_begin(d, TR(N_("Needs by region")), header, 5,
                    DOC_TABLE_REPEAT_HEADER | DOC_TABLE_ROW_HEADERS);
    for (size_t i = 0; i < t->n; i++) {
        const struct category *c = &t->v[i];
        long all = c->met + c->unmet + c->withdrawn;
        if (!all)
            continue;
        doc_table_row(d);
        doc_table_cell(d, c->label);
        long v[] = {c->met, c->unmet, c->withdrawn, all};
        for (size_t k = 0; k < 4; k++) {
            num(cell, sizeof cell, v[k]);
            doc_table_cell(d, cell);
        }
    }
    doc_table_end(d);
    const char *lh[] = {TR(N_("Need")), TR(N_("State")), TR(N_("Title")), TR(N_("Status")),
                        TR(N_("Activities"))};
    doc_heading(d, 3, TR(N_("The needs")));
    doc_table_begin(d, TR(N_("The needs")), lh, 5, DOC_TABLE_REPEAT_HEADER);
    static const double widths[] = {1, 2, 5, 1.5, 1.2};
    doc_table_widths(d, widths);
    static const char *const statuses[] = {N_("Open"), N_("Met"), N_("Withdrawn")};
    for (size_t i = 0; i < a->nneeds; i++) {
        const struct need_row *n = &a->needs[i];
        doc_table_row(d);
        num(cell, sizeof cell, n->id);
        doc_table_cell(d, cell);
        doc_table_cell(d, n->org);
        doc_table_cell(d, n->title);
        doc_table_cell(d, n->met
                              ? TR(N_("Met"))
                              : TR(statuses[n->status < CORE_NEED_STATUS_COUNT ? n->status : 0]));
        num(cell, sizeof cell, n->activities);
        doc_table_cell(d, cell);
    }
    return doc_table_end(d);
}

static void today(char *out, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm) || !strftime(out, size, "%Y-%m-%d", &tm))
        snprintf(out, size, "%s", "");
}

int report_coop_annual_doc(const struct report_coop_annual *a, const char *author, struct doc **out,
                           struct err *err)
{
    char title[200], date[16];
    /* TRANSLATORS: %d is a year */
    snprintf(title, sizeof title, TR(N_("Technical cooperation: annual report %d")), a->year);
    today(date, sizeof date);
    struct doc *d = doc_new(title, text_lang_code(a->tr->lang));
    if (!d)
        return err_set(err, ERR_NOMEM, "out of memory");
    doc_set_subtitle(d, TR(N_("Human Rights Council resolution 54/28, paragraph 16: activities "
                              "of the technical-cooperation repository")));
    doc_set_date(d, date);
    if (author)
        doc_set_author(d, author);
    struct buf text = BUF_INIT;
    long all = (long)a->nacts,
         done = report_coop_annual_count(a, "activities", NULL, CORE_MATCH_COMPLETED);
    doc_heading(d, 1, TR(N_("Summary")));
    buf_printf(&text,
               TR(N_("Needs recorded by the end of %d: %ld (met %ld, unmet %ld, withdrawn %ld). "
                     "Activities during the year: %ld, of which %ld completed.")),
               a->year, (long)a->nneeds, a->met, a->unmet, a->withdrawn, all, done);
    doc_para(d, buf_str(&text));
    doc_para(d, TR(N_("Only what the reader of this report may see is counted: needs a State "
                      "keeps private are left out of a public report.")));
    buf_free(&text);
    doc_heading(d, 1, TR(N_("Activities")));
    int rc = region_chart(a, d);
    rc = rc ? rc : dim_table(a, d, DIM_REGION, TR(N_("Activities by region")), TR(N_("Region")));
    rc = rc ? rc : dim_table(a, d, DIM_THEME, TR(N_("Activities by theme")), TR(N_("Theme")));
    rc = rc ? rc : dim_table(a, d, DIM_SDG, TR(N_("Activities by SDG")), TR(N_("SDG")));
    rc = rc ? rc
            : dim_table(a, d, DIM_PROVIDER, TR(N_("Activities by type of provider")),
                        TR(N_("Type of provider")));
    doc_heading(d, 1, TR(N_("Needs")));
    rc = rc ? rc : needs_tables(a, d);
    rc = rc ? rc : doc_status(d, err);
    if (rc) {
        doc_free(d);
        return err->msg[0] ? rc : err_set(err, rc, "out of memory building the report");
    }
    *out = d;
    return 0;
}

/* ---- the workbook ---------------------------------------------------------------------------- */

static void summary_sheet(const struct report_coop_annual *a, struct sheet_book *b)
{
    static const char *const dim_labels[DIM_COUNT] = {N_("Region"), N_("Theme"), N_("SDG"),
                                                      N_("Type of provider")};
    sheet_add(b, TR(N_("Summary")), SHEET_FREEZE_HEADER | SHEET_AUTOFILTER);
    sheet_column(b, TR(N_("Breakdown")), 18);
    sheet_column(b, TR(N_("Category")), 40);
    for (int s = 0; s < NSTATES; s++)
        sheet_column(b, TR(state_labels[s]), 12);
    sheet_column(b, TR(N_("Total")), 10);
    sheet_column(b, TR(N_("Needs met")), 12);
    sheet_column(b, TR(N_("Needs unmet")), 12);
    for (int dim = 0; dim < DIM_COUNT; dim++)
        for (size_t i = 0; i < a->dim[dim].n; i++) {
            const struct category *c = &a->dim[dim].v[i];
            if (!c->total && dim != DIM_REGION)
                continue;
            sheet_row(b);
            sheet_cell_text(b, TR(dim_labels[dim]));
            sheet_cell_text(b, c->label);
            for (int s = 0; s < NSTATES; s++)
                sheet_cell_int(b, c->n[s]);
            sheet_cell_int(b, c->total);
            if (dim == DIM_REGION) {
                sheet_cell_int(b, c->met);
                sheet_cell_int(b, c->unmet);
            }
        }
}

static void date_cell(struct sheet_book *b, int64_t ms)
{
    char date[16];
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    if (gmtime_r(&t, &tm) && strftime(date, sizeof date, "%Y-%m-%d", &tm))
        sheet_cell_date(b, date);
    else
        sheet_cell_text(b, NULL);
}

static void lists_sheets(const struct report_coop_annual *a, struct sheet_book *b)
{
    static const char *const statuses[] = {N_("Open"), N_("Met"), N_("Withdrawn")};
    sheet_add(b, TR(N_("Needs")), SHEET_FREEZE_HEADER | SHEET_AUTOFILTER);
    sheet_column(b, TR(N_("Need")), 8);
    sheet_column(b, TR(N_("State")), 24);
    sheet_column(b, TR(N_("Region")), 10);
    sheet_column(b, TR(N_("Title")), 50);
    sheet_column(b, TR(N_("Status")), 12);
    sheet_column(b, TR(N_("Activities")), 10);
    for (size_t i = 0; i < a->nneeds; i++) {
        const struct need_row *n = &a->needs[i];
        sheet_row(b);
        sheet_cell_int(b, n->id);
        sheet_cell_text(b, n->org);
        sheet_cell_text(b, n->region);
        sheet_cell_text(b, n->title);
        sheet_cell_text(b, n->met
                               ? TR(N_("Met"))
                               : TR(statuses[n->status < CORE_NEED_STATUS_COUNT ? n->status : 0]));
        sheet_cell_int(b, n->activities);
    }
    sheet_add(b, TR(N_("Activities")), SHEET_FREEZE_HEADER | SHEET_AUTOFILTER);
    sheet_column(b, TR(N_("Match")), 8);
    sheet_column(b, TR(N_("Need")), 8);
    sheet_column(b, TR(N_("State")), 8);
    sheet_column(b, TR(N_("Region")), 10);
    sheet_column(b, TR(N_("Themes")), 24);
    sheet_column(b, TR(N_("SDGs")), 16);
    sheet_column(b, TR(N_("Provider")), 24);
    sheet_column(b, TR(N_("Type of provider")), 18);
    sheet_column(b, TR(N_("Offer")), 40);
    sheet_column(b, TR(N_("State of the exchange")), 14);
    sheet_column(b, TR(N_("Score")), 8);
    sheet_column(b, TR(N_("Proposed on")), 12);
    sheet_column(b, TR(N_("Last moved on")), 12);
    for (size_t i = 0; i < a->nacts; i++) {
        const struct activity_row *r = &a->acts[i];
        sheet_row(b);
        sheet_cell_int(b, r->id);
        sheet_cell_int(b, r->need_id);
        sheet_cell_text(b, r->country);
        sheet_cell_text(b, r->region);
        sheet_cell_text(b, r->themes);
        sheet_cell_text(b, r->sdgs);
        sheet_cell_text(b, r->org);
        sheet_cell_text(b, r->provider < CORE_ORG_KIND_COUNT ? TR(provider_labels[r->provider])
                                                             : NULL);
        sheet_cell_text(b, r->offer);
        sheet_cell_text(b, (int)r->state < NSTATES ? TR(state_labels[r->state]) : NULL);
        sheet_cell_num(b, r->score);
        date_cell(b, r->created_at);
        date_cell(b, r->updated_at);
    }
}

int report_coop_annual_sheet(const struct report_coop_annual *a, const char *author,
                             struct sheet_book **out, struct err *err)
{
    char title[200];
    snprintf(title, sizeof title, TR(N_("Technical cooperation: annual report %d")), a->year);
    struct sheet_book *b = sheet_new(title, author);
    if (!b)
        return err_set(err, ERR_NOMEM, "out of memory");
    summary_sheet(a, b);
    lists_sheets(a, b);
    int rc = sheet_status(b, err);
    if (rc) {
        sheet_free(b);
        return rc;
    }
    *out = b;
    return 0;
}

/* ---- files ----------------------------------------------------------------------------------- */

static int temp_path(char *path, size_t size, struct err *err)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, size, "%s/suivi-coop-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return err_set(err, ERR_IO, "cannot make a temporary file in %s", dir ? dir : "/tmp");
    close(fd);
    return 0;
}

int report_coop_annual_render(const struct report_coop_annual *a, const char *format,
                              const char *author, struct buf *out, struct err *err)
{
    int sheet = format && (!strcmp(format, "xlsx") || !strcmp(format, "csv"));
    int document =
        format && (!strcmp(format, "pdf") || !strcmp(format, "docx") || !strcmp(format, "html"));
    if (!sheet && !document)
        return err_set(err, ERR_INPUT, "format \"%.20s\": expected pdf, docx, xlsx, csv or html",
                       format ? format : "");
    struct doc *d = NULL;
    struct sheet_book *b = NULL;
    char path[512] = "";
    int rc = sheet ? report_coop_annual_sheet(a, author, &b, err)
                   : report_coop_annual_doc(a, author, &d, err);
    if (!rc && !strcmp(format, "pdf"))
        rc = report_render_pdf_buf(d, out, err);
    else if (!rc && !strcmp(format, "html"))
        rc = report_render_html(d, out, err);
    else if (!rc && !strcmp(format, "csv"))
        rc = report_render_sheet_csv(b, 0, REPORT_CSV_BOM | REPORT_CSV_FORMULA_GUARD, out, err);
    else if (!rc) {
        rc = temp_path(path, sizeof path, err);
        if (!rc)
            rc = !strcmp(format, "docx") ? report_render_docx(d, path, err)
                                         : report_render_xlsx(b, path, err);
        rc = rc ? rc : file_read_all(path, REPORT_MAX, out, err);
        if (path[0])
            remove(path);
    }
    doc_free(d);
    sheet_free(b);
    return rc;
}
