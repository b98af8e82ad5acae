/*
 * dashboard.c — the follow-up dashboard (see dashboard.h). Each breakdown is a tally: the
 * categories met so far (a map from key to index) with one count per status column. Rows are
 * counted once per category even when they carry a tag twice. The month-by-month chart replays
 * the validated progress reports: at the end of each month, a recommendation counts in the
 * status its latest report validated by then.
 */
#include "report/dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/strmap.h"

enum { COL_NONE = CORE_STATUS_COUNT, NCOLS = REPORT_DASHBOARD_NCOLS };

/* Status columns in the order charts and tables show them. */
static const int col_order[NCOLS] = {CORE_STATUS_IMPLEMENTED,  CORE_STATUS_PARTIALLY_IMPLEMENTED,
                                     CORE_STATUS_IN_PROGRESS,  CORE_STATUS_NOT_STARTED,
                                     CORE_STATUS_NOT_ACCEPTED, COL_NONE};

enum dim { DIM_BODY, DIM_THEME, DIM_SDG, DIM_INSTITUTION, DIM_AFFECTED, DIM_COUNT };
static const char *const dim_names[DIM_COUNT] = {"body", "theme", "sdg", "institution", "affected"};

struct tally_entry {
    char *key, *label;
    long n[NCOLS];
    long total;
    long indicators; /* SDG view: indicators linked to the goal or target */
    long last_row;   /* the row counted last, so that a row counts once per category */
};

struct tally {
    struct strmap *index; /* key -> position in e, in decimal */
    struct tally_entry *e;
    size_t n, cap;
};

struct event {
    char *rec_id;
    int64_t at;
    int month; /* year * 12 + month - 1 */
    enum core_status status;
};

struct report_dashboard {
    const struct i18n_tr *tr;
    const struct report_lookup *lk;
    struct tally dim[DIM_COUNT];
    long n[NCOLS], total;
    struct event *ev;
    size_t nev, evcap;
};

/* ---- tallies ------------------------------------------------------------------------------- */

static struct tally_entry *tally_entry(struct tally *t, const char *key, const char *label)
{
    const char *pos;
    if (strmap_get(t->index, key, &pos))
        return &t->e[strtoul(pos, NULL, 10)];
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        struct tally_entry *grown = realloc(t->e, cap * sizeof *grown);
        if (!grown)
            return NULL;
        t->e = grown;
        t->cap = cap;
    }
    char text[32];
    snprintf(text, sizeof text, "%zu", t->n);
    struct tally_entry *e = &t->e[t->n];
    memset(e, 0, sizeof *e);
    e->key = strdup(key);
    e->label = strdup(label ? label : key);
    if (!e->key || !e->label || strmap_put(t->index, key, text)) {
        free(e->key);
        free(e->label);
        return NULL;
    }
    t->n++;
    return e;
}

static int tally_count(struct tally *t, const char *key, const char *label, int col, long row)
{
    struct tally_entry *e = tally_entry(t, key, label);
    if (!e)
        return ERR_NOMEM;
    if (e->last_row != row) {
        e->last_row = row;
        e->n[col]++;
        e->total++;
    }
    return 0;
}

static void tally_free(struct tally *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->e[i].key);
        free(t->e[i].label);
    }
    free(t->e);
    strmap_free(t->index);
}

int report_dashboard_begin(const struct i18n_tr *tr, const struct report_lookup *lk,
                           struct report_dashboard **out, struct err *err)
{
    *out = NULL;
    struct report_dashboard *db = calloc(1, sizeof *db);
    int ok = db != NULL;
    for (int i = 0; ok && i < DIM_COUNT; i++)
        ok = (db->dim[i].index = strmap_new()) != NULL;
    if (!ok) {
        report_dashboard_free(db);
        return err_set(err, ERR_NOMEM, "report: out of memory starting the dashboard");
    }
    db->tr = tr;
    db->lk = lk;
    *out = db;
    return 0;
}

void report_dashboard_free(struct report_dashboard *db)
{
    if (!db)
        return;
    for (int i = 0; i < DIM_COUNT; i++)
        tally_free(&db->dim[i]);
    for (size_t i = 0; i < db->nev; i++)
        free(db->ev[i].rec_id);
    free(db->ev);
    free(db);
}

/* ---- counting rows ------------------------------------------------------------------------- */

/* The goal ("5") and target ("5.2", or "" for a goal) of an SDG code of any level. */
static void sdg_split(const char *code, char *goal, char *target, size_t size)
{
    snprintf(goal, size, "%s", code);
    char *dot = strchr(goal, '.');
    if (dot)
        *dot = '\0';
    snprintf(target, size, "%s", dot ? code : "");
    dot = strchr(target, '.');
    if (dot && (dot = strchr(dot + 1, '.')))
        *dot = '\0';
}

/* Counts an SDG code for the goal and the target it belongs to; indicators instead of a row
 * when row is 0. */
static int count_sdg(struct report_dashboard *db, const char *code, int col, long row)
{
    char goal[32], target[32];
    sdg_split(code, goal, target, sizeof goal);
    const char *levels[] = {goal, target};
    for (int i = 0; i < 2; i++) {
        if (!*levels[i])
            continue;
        const char *label = report_lookup_term(db->lk, "sdg", levels[i]);
        if (row) {
            if (tally_count(&db->dim[DIM_SDG], levels[i], label, col, row))
                return ERR_NOMEM;
            continue;
        }
        struct tally_entry *e = tally_entry(&db->dim[DIM_SDG], levels[i], label);
        if (!e)
            return ERR_NOMEM;
        e->indicators++;
    }
    return 0;
}

static int count_tags(struct report_dashboard *db, const struct store_rec *r, int col, long row)
{
    int rc = 0;
    for (size_t i = 0; i < r->ntags && !rc; i++) {
        const struct store_tag *t = &r->tags[i];
        const char *key = t->code ? t->code : t->label;
        if (!t->vocab || !key || !*key)
            continue;
        if (!strcmp(t->vocab, "uhri_theme") || !strcmp(t->vocab, "upr_issue"))
            rc = tally_count(&db->dim[DIM_THEME], key, report_tag_label(db->lk, t), col, row);
        else if (!strcmp(t->vocab, "affected_person"))
            rc = tally_count(&db->dim[DIM_AFFECTED], key, report_tag_label(db->lk, t), col, row);
        else if (!strcmp(t->vocab, "sdg") && t->code)
            rc = count_sdg(db, t->code, col, row);
    }
    return rc;
}

int report_dashboard_add(struct report_dashboard *db, const struct core_matrix_row *row)
{
    const struct store_rec *r = row->rec;
    if (!r)
        return 0;
    int col = row->status_known && (unsigned)row->status < CORE_STATUS_COUNT ? (int)row->status
                                                                             : COL_NONE;
    long serial = ++db->total;
    db->n[col]++;
    const char *body = r->body ? r->body : "";
    int rc = tally_count(&db->dim[DIM_BODY], body, body, col, serial);
    rc = rc ? rc : count_tags(db, r, col, serial);
    const struct core_assignment *lead = report_lead(row);
    char key[32] = "";
    if (lead)
        snprintf(key, sizeof key, "%ld", lead->institution_id);
    const char *name = lead ? report_institution_name(db->lk, lead) : "";
    rc = rc ? rc
            : tally_count(&db->dim[DIM_INSTITUTION], key,
                          *name ? name : T(db->tr, "No institution"), col, serial);
    for (size_t i = 0; i < row->nindicators && !rc; i++)
        if (row->indicators[i].sdg_indicator && *row->indicators[i].sdg_indicator)
            rc = count_sdg(db, row->indicators[i].sdg_indicator, 0, 0);
    return rc;
}

int report_dashboard_event(struct report_dashboard *db, const char *rec_id, int64_t at_ms,
                           enum core_status status)
{
    if (!rec_id || (unsigned)status >= CORE_STATUS_COUNT)
        return ERR_INPUT;
    if (db->nev == db->evcap) {
        size_t cap = db->evcap ? db->evcap * 2 : 64;
        struct event *grown = realloc(db->ev, cap * sizeof *grown);
        if (!grown)
            return ERR_NOMEM;
        db->ev = grown;
        db->evcap = cap;
    }
    time_t secs = (time_t)(at_ms / 1000);
    struct tm tm;
    if (!gmtime_r(&secs, &tm))
        return ERR_INPUT;
    struct event *e = &db->ev[db->nev];
    if (!(e->rec_id = strdup(rec_id)))
        return ERR_NOMEM;
    e->at = at_ms;
    e->month = (tm.tm_year + 1900) * 12 + tm.tm_mon;
    e->status = status;
    db->nev++;
    return 0;
}

long report_dashboard_count(const struct report_dashboard *db, const char *dim, const char *key,
                            int col)
{
    for (int i = 0; i < DIM_COUNT; i++) {
        const char *pos;
        if (strcmp(dim, dim_names[i]) || !strmap_get(db->dim[i].index, key, &pos))
            continue;
        const struct tally_entry *e = &db->dim[i].e[strtoul(pos, NULL, 10)];
        return col < 0 ? e->total : col < NCOLS ? e->n[col] : 0;
    }
    return 0;
}

/* ---- ordering ------------------------------------------------------------------------------ */

static int by_total(const void *a, const void *b)
{
    const struct tally_entry *x = *(const struct tally_entry *const *)a;
    const struct tally_entry *y = *(const struct tally_entry *const *)b;
    if (x->total != y->total)
        return x->total < y->total ? 1 : -1;
    return strcmp(x->label, y->label);
}

/* SDG codes in the framework's order: 2 before 10, 1.9 before 1.10, 1.10 before 1.a. */
static int by_sdg_code(const void *a, const void *b)
{
    const char *x = (*(const struct tally_entry *const *)a)->key;
    const char *y = (*(const struct tally_entry *const *)b)->key;
    while (*x && *y) {
        size_t nx = strcspn(x, "."), ny = strcspn(y, ".");
        int dx = *x >= '0' && *x <= '9', dy = *y >= '0' && *y <= '9';
        long vx = strtol(x, NULL, 10), vy = strtol(y, NULL, 10);
        int c = dx && dy ? (vx > vy) - (vx < vy) : dx != dy ? (dx ? -1 : 1) : strncmp(x, y, 8);
        if (c)
            return c;
        x += nx + (x[nx] == '.');
        y += ny + (y[ny] == '.');
    }
    return (*x != 0) - (*y != 0);
}

/* The entries of t with rows (and, when goals_only, the SDG goals only: keys without a dot),
 * sorted by cmp; *n gets their number. NULL when out of memory. */
static struct tally_entry **sorted(const struct tally *t, int goals_only,
                                   int (*cmp)(const void *, const void *), size_t *n)
{
    struct tally_entry **list = malloc((t->n ? t->n : 1) * sizeof *list);
    *n = 0;
    for (size_t i = 0; list && i < t->n; i++)
        if (t->e[i].total > 0 && !(goals_only && strchr(t->e[i].key, '.')))
            list[(*n)++] = &t->e[i];
    if (list && *n)
        qsort(list, *n, sizeof *list, cmp);
    return list;
}

/* ---- charts -------------------------------------------------------------------------------- */

static void status_series(const struct i18n_tr *tr, const char **series)
{
    for (int s = 0; s < NCOLS; s++)
        series[s] = report_status_label(tr, col_order[s] != COL_NONE, col_order[s]);
}

/* A stacked chart of statuses over the first `top` entries of list (the rest as "Others");
 * a sentence instead when there is nothing to draw. sdg: categories are "SDG 5". */
static int status_chart(struct doc *d, const struct report_dashboard *db,
                        struct tally_entry *const *list, size_t n, const char *title,
                        const char *desc, int sdg)
{
    const struct i18n_tr *tr = db->tr;
    if (!n)
        return doc_para(d, T(tr, "None yet."));
    size_t top = sdg ? n : REPORT_DASHBOARD_TOP; /* 17 goals at most: all of them */
    size_t ncat = n > top ? top + 1 : n;
    const char **cats = calloc(ncat, sizeof *cats);
    char(*names)[48] = calloc(ncat, sizeof *names);
    double *values = calloc(ncat * NCOLS, sizeof *values);
    int rc = cats && names && values ? 0 : ERR_NOMEM;
    for (size_t c = 0; c < n && !rc; c++) {
        size_t k = c < top ? c : top; /* past the top: "Others" */
        if (sdg)
            /* TRANSLATORS: a Sustainable Development Goal by its number, e.g. "SDG 5". */
            snprintf(names[k], sizeof names[k], T(tr, "SDG %s"), list[c]->key);
        cats[k] = sdg ? names[k] : c < top ? list[c]->label : T(tr, "Others");
        for (int s = 0; s < NCOLS; s++)
            values[(size_t)s * ncat + k] += (double)list[c]->n[col_order[s]];
    }
    const char *series[NCOLS];
    status_series(tr, series);
    rc = rc ? rc : doc_chart(d, DOC_CHART_STACKED, title, desc, cats, ncat, series, NCOLS, values);
    free(cats);
    free(names);
    free(values);
    return rc;
}

static int dimension_chart(struct doc *d, const struct report_dashboard *db, enum dim dim,
                           const char *title, const char *desc)
{
    size_t n;
    int sdg = dim == DIM_SDG;
    struct tally_entry **list = sorted(&db->dim[dim], sdg, sdg ? by_sdg_code : by_total, &n);
    int rc = list ? status_chart(d, db, list, n, title, desc, sdg) : ERR_NOMEM;
    free(list);
    return rc;
}

static int by_rec_then_time(const void *a, const void *b)
{
    const struct event *x = a, *y = b;
    int c = strcmp(x->rec_id, y->rec_id);
    return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* Fills counts[m * CORE_STATUS_COUNT + s]: recommendations whose latest validated status at the
 * end of month first + m is s. */
static void replay(struct event *ev, size_t nev, int first, int months, double *counts)
{
    qsort(ev, nev, sizeof *ev, by_rec_then_time);
    for (size_t i = 0, j; i < nev; i = j) {
        for (j = i; j < nev && !strcmp(ev[j].rec_id, ev[i].rec_id);)
            j++;
        size_t k = i; /* the first event not yet in force */
        int status = -1;
        for (int m = 0; m < months; m++) {
            while (k < j && ev[k].month <= first + m)
                status = (int)ev[k++].status;
            if (status >= 0)
                counts[(size_t)m * CORE_STATUS_COUNT + (size_t)status]++;
        }
    }
}

static int time_chart(struct doc *d, const struct report_dashboard *db)
{
    const struct i18n_tr *tr = db->tr;
    if (!db->nev)
        return doc_para(d, T(tr, "No progress report has been validated yet."));
    int first = db->ev[0].month, last = first;
    for (size_t i = 1; i < db->nev; i++) {
        first = db->ev[i].month < first ? db->ev[i].month : first;
        last = db->ev[i].month > last ? db->ev[i].month : last;
    }
    if (last - first >= REPORT_DASHBOARD_MONTHS)
        first = last - REPORT_DASHBOARD_MONTHS + 1; /* earlier reports still count: replayed */
    int months = last - first + 1;
    double *counts = calloc((size_t)months * CORE_STATUS_COUNT, sizeof *counts);
    double *values = calloc((size_t)months * CORE_STATUS_COUNT, sizeof *values);
    char(*names)[16] = calloc((size_t)months, sizeof *names);
    const char **cats = calloc((size_t)months, sizeof *cats);
    struct event *ev = malloc(db->nev * sizeof *ev); /* sorted here, so db stays as it is */
    int rc = counts && values && names && cats && ev ? 0 : ERR_NOMEM;
    if (!rc) {
        memcpy(ev, db->ev, db->nev * sizeof *ev);
        /* every event is replayed: reports validated before the window stay in force */
        replay(ev, db->nev, first, months, counts);
        for (int m = 0; m < months; m++) {
            snprintf(names[m], sizeof names[m], "%04d-%02d", (first + m) / 12,
                     (first + m) % 12 + 1);
            cats[m] = names[m];
            for (int s = 0; s < CORE_STATUS_COUNT; s++)
                values[(size_t)s * (size_t)months + (size_t)m] =
                    counts[(size_t)m * CORE_STATUS_COUNT + (size_t)col_order[s]];
        }
        const char *series[NCOLS];
        status_series(tr, series);
        rc = doc_chart(d, DOC_CHART_STACKED, T(tr, "Validated status by month"),
                       T(tr, "Stacked bars: for each month, the recommendations in each status "
                             "according to the progress reports validated by its end."),
                       cats, (size_t)months, series, CORE_STATUS_COUNT, values);
    }
    free(counts);
    free(values);
    free(names);
    free(cats);
    free(ev);
    return rc;
}

/* ---- tables -------------------------------------------------------------------------------- */

/* A table whose rows are categories: name, recommendations, their statuses (one line per
 * status met: nine narrow columns would not fit a portrait page), and (for the SDG view)
 * indicators. */
static int table_begin(struct doc *d, const struct i18n_tr *tr, const char *caption,
                       const char *first, int indicators)
{
    const char *header[] = {first, T(tr, "Recommendations"), T(tr, "Implementation status"),
                            T(tr, "Indicators")};
    const double widths[] = {3.2, 1.4, 3.2, 1.2};
    size_t n = indicators ? 4 : 3;
    int rc =
        doc_table_begin(d, caption, header, n, DOC_TABLE_REPEAT_HEADER | DOC_TABLE_ROW_HEADERS);
    return rc ? rc : doc_table_widths(d, widths);
}

static int table_row(struct doc *d, const struct i18n_tr *tr, const char *name,
                     const struct tally_entry *e, int indicators)
{
    struct buf b = BUF_INIT;
    int rc = doc_table_row(d);
    rc = rc ? rc : doc_table_cell(d, name);
    rc = rc ? rc : buf_printf(&b, "%ld", e->total);
    rc = rc ? rc : doc_table_cell(d, buf_str(&b));
    buf_reset(&b);
    for (int s = 0; s < NCOLS && !rc; s++) {
        if (!e->n[col_order[s]])
            continue;
        if (b.len)
            buf_putc(&b, '\n');
        report_put_label(&b, tr, report_status_label(tr, col_order[s] != COL_NONE, col_order[s]));
        buf_printf(&b, " %ld", e->n[col_order[s]]);
    }
    rc = rc ? rc : b.oom ? ERR_NOMEM : doc_table_cell(d, buf_str(&b));
    buf_reset(&b);
    if (indicators && !rc) {
        rc = buf_printf(&b, "%ld", e->indicators);
        rc = rc ? rc : doc_table_cell(d, buf_str(&b));
    }
    buf_free(&b);
    return rc;
}

/* Every goal with recommendations or indicators, each followed by its targets. */
static int sdg_table(struct doc *d, const struct report_dashboard *db)
{
    const struct tally *t = &db->dim[DIM_SDG];
    struct tally_entry **list = malloc((t->n ? t->n : 1) * sizeof *list);
    if (!list)
        return ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->e[i].total || t->e[i].indicators)
            list[n++] = &t->e[i];
    qsort(list, n, sizeof *list, by_sdg_code); /* a goal comes right before its targets */
    int rc = n ? table_begin(d, db->tr,
                             T(db->tr, "Recommendations and indicators by goal and "
                                       "target"),
                             T(db->tr, "Goal or target"), 1)
               : doc_para(d, T(db->tr, "None yet."));
    struct buf name = BUF_INIT;
    for (size_t i = 0; i < n && !rc; i++) {
        buf_reset(&name);
        const char *label = strcmp(list[i]->label, list[i]->key) ? list[i]->label : NULL;
        if (label)
            buf_printf(&name, "%s — %s", list[i]->key, label);
        else
            buf_puts(&name, list[i]->key);
        rc = name.oom ? ERR_NOMEM : table_row(d, db->tr, buf_str(&name), list[i], 1);
    }
    rc = rc || !n ? rc : doc_table_end(d);
    buf_free(&name);
    free(list);
    return rc;
}

static int affected_section(struct doc *d, const struct report_dashboard *db)
{
    const struct i18n_tr *tr = db->tr;
    size_t n;
    struct tally_entry **list = sorted(&db->dim[DIM_AFFECTED], 0, by_total, &n);
    if (!list)
        return ERR_NOMEM;
    int rc = doc_heading(d, 1, T(tr, "Leave no one behind"));
    rc = rc ? rc
            : doc_para(d, T(tr, "How the recommendations concerning each group of persons are "
                                "being implemented."));
    rc = rc ? rc
            : status_chart(d, db, list, n, T(tr, "Status by affected group"),
                           T(tr, "Stacked bars: recommendations in each validated status, by "
                                 "group of affected persons."),
                           0);
    if (!rc && n)
        rc = table_begin(d, tr, T(tr, "Recommendations by affected group and status"),
                         T(tr, "Affected persons"), 0);
    for (size_t i = 0; i < n && !rc; i++)
        rc = table_row(d, tr, list[i]->label, list[i], 0);
    rc = rc || !n ? rc : doc_table_end(d);
    free(list);
    return rc;
}

/* ---- the document ------------------------------------------------------------------------- */

static int overview(struct doc *d, const struct report_dashboard *db)
{
    const struct i18n_tr *tr = db->tr;
    struct buf b = BUF_INIT;
    long known = db->total - db->n[COL_NONE];
    int rc = report_put_label(&b, tr, T(tr, "Recommendations"));
    rc = rc ? rc : buf_printf(&b, " %ld. ", db->total);
    rc = rc ? rc : report_put_label(&b, tr, T(tr, "With a validated status"));
    rc = rc ? rc : buf_printf(&b, " %ld.", known);
    rc = rc ? rc : doc_para(d, buf_str(&b));
    buf_free(&b);
    if (rc || !db->total)
        return rc;
    const char *cats[NCOLS];
    double values[NCOLS];
    status_series(tr, cats);
    for (int s = 0; s < NCOLS; s++)
        values[s] = (double)db->n[col_order[s]];
    const char *series[] = {T(tr, "Recommendations")};
    return doc_chart(d, DOC_CHART_BAR, T(tr, "Recommendations by validated status"),
                     T(tr, "Bars: the number of recommendations in each validated status."), cats,
                     NCOLS, series, 1, values);
}

static int status_section(struct doc *d, const struct report_dashboard *db)
{
    const struct i18n_tr *tr = db->tr;
    int rc = doc_heading(d, 1, T(tr, "Status of implementation"));
    rc = rc ? rc : overview(d, db);
    rc = rc ? rc
            : dimension_chart(d, db, DIM_BODY, T(tr, "Status by body"),
                              T(tr, "Stacked bars: recommendations in each validated status, by "
                                    "body."));
    rc = rc ? rc
            : dimension_chart(d, db, DIM_THEME, T(tr, "Status by theme"),
                              T(tr, "Stacked bars: recommendations in each validated status, for "
                                    "the themes with the most recommendations."));
    rc = rc ? rc
            : dimension_chart(d, db, DIM_INSTITUTION, T(tr, "Status by lead institution"),
                              T(tr, "Stacked bars: recommendations in each validated status, by "
                                    "the institution that leads their implementation."));
    rc = rc ? rc : doc_heading(d, 1, T(tr, "Progress over time"));
    return rc ? rc : time_chart(d, db);
}

int report_dashboard_doc(const struct report_dashboard *db,
                         const struct report_dashboard_meta *meta, struct doc **out,
                         struct err *err)
{
    const struct i18n_tr *tr = db->tr;
    *out = NULL;
    struct doc *d = doc_new(meta && meta->title ? meta->title : T(tr, "Follow-up dashboard"),
                            text_lang_code(tr->lang));
    if (!d)
        return err_set(err, ERR_NOMEM, "report: out of memory starting the dashboard");
    int rc = meta && meta->subtitle ? doc_set_subtitle(d, meta->subtitle) : 0;
    rc = rc ? rc : meta && meta->date ? doc_set_date(d, meta->date) : 0;
    rc = rc ? rc : meta && meta->author ? doc_set_author(d, meta->author) : 0;
    rc = rc ? rc : status_section(d, db);
    rc = rc ? rc : doc_heading(d, 1, T(tr, "Sustainable Development Goals"));
    rc = rc ? rc
            : dimension_chart(d, db, DIM_SDG, T(tr, "Status by SDG goal"),
                              T(tr, "Stacked bars: recommendations in each validated status, by "
                                    "Sustainable Development Goal."));
    rc = rc ? rc : sdg_table(d, db);
    rc = rc ? rc : affected_section(d, db);
    int status = doc_status(d, err);
    if (status || rc) {
        if (!status)
            err_set(err, rc, "report: out of memory building the dashboard");
        doc_free(d);
        return status ? status : rc;
    }
    *out = d;
    return 0;
}
