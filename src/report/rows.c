/*
 * rows.c — owned copies of matrix rows, the lookup of names and values, and the labels the
 * follow-up report builders share (see rows.h). Copies live in a pool of large blocks freed
 * at once: a set of 34,000 rows is a few hundred thousand small strings that die together.
 */
#include "report/rows.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"

/* ---- pool ------------------------------------------------------------------------------------ */

enum { POOL_BLOCK = 64 * 1024 };

struct pool_block {
    struct pool_block *next;
    size_t used, cap;
    max_align_t data[]; /* cap bytes */
};

struct report_pool {
    struct pool_block *head;
};

static void *pool_alloc(struct report_pool *p, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    struct pool_block *b = p->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > POOL_BLOCK ? n : POOL_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->cap = cap;
        b->used = 0;
        b->next = p->head;
        p->head = b;
    }
    void *at = (char *)b->data + b->used;
    b->used += n;
    return at;
}

static void pool_free(struct report_pool *p)
{
    if (!p)
        return;
    for (struct pool_block *b = p->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(p);
}

/* A copy of s in the pool; NULL stays NULL. Sets *oom when out of memory. */
static const char *pool_str(struct report_pool *p, const char *s, int *oom)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = pool_alloc(p, n);
    if (!copy) {
        *oom = 1;
        return NULL;
    }
    memcpy(copy, s, n);
    return copy;
}

/* A copy of n items of size bytes; NULL when n is 0 or out of memory (then *oom). */
static void *pool_items(struct report_pool *p, const void *items, size_t n, size_t size, int *oom)
{
    if (!n || !items)
        return NULL;
    void *copy = pool_alloc(p, n * size);
    if (!copy) {
        *oom = 1;
        return NULL;
    }
    memcpy(copy, items, n * size);
    return copy;
}

/* ---- row copies ------------------------------------------------------------------------------ */

struct report_rows *report_rows_new(void)
{
    struct report_rows *rs = calloc(1, sizeof *rs);
    if (rs && !(rs->pool = calloc(1, sizeof *rs->pool))) {
        free(rs);
        return NULL;
    }
    return rs;
}

void report_rows_free(struct report_rows *rs)
{
    if (!rs)
        return;
    pool_free(rs->pool);
    free(rs->row);
    free(rs);
}

static const struct store_rec *copy_rec(struct report_pool *p, const struct store_rec *in, int *oom)
{
    struct store_rec *r = pool_items(p, in, 1, sizeof *in, oom);
    if (!r)
        return NULL;
    const char **strs[] = {&r->id,          &r->kind,         &r->mechanism, &r->body,
                           &r->document,    &r->paragraph,    &r->country,   &r->country_label,
                           &r->response,    &r->text[0],      &r->text[1],   &r->text[2],
                           &r->source_file, &r->cluster_theme};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        *strs[i] = pool_str(p, *strs[i], oom);
    r->source_json = NULL;
    struct store_state_ref *states = pool_items(p, in->states, in->nstates, sizeof *states, oom);
    for (size_t i = 0; states && i < in->nstates; i++) {
        states[i].iso3 = pool_str(p, states[i].iso3, oom);
        states[i].label = pool_str(p, states[i].label, oom);
    }
    r->states = states;
    struct store_tag *tags = pool_items(p, in->tags, in->ntags, sizeof *tags, oom);
    for (size_t i = 0; tags && i < in->ntags; i++) {
        tags[i].vocab = pool_str(p, tags[i].vocab, oom);
        tags[i].code = pool_str(p, tags[i].code, oom);
        tags[i].label = pool_str(p, tags[i].label, oom);
    }
    r->tags = tags;
    return r;
}

static void copy_parts(struct report_pool *p, struct core_matrix_row *out, int *oom)
{
    struct core_assignment *as =
        pool_items(p, out->assignments, out->nassignments, sizeof *as, oom);
    for (size_t i = 0; as && i < out->nassignments; i++) {
        as[i].rec_id = pool_str(p, as[i].rec_id, oom);
        as[i].institution_code = pool_str(p, as[i].institution_code, oom);
        as[i].institution_name = pool_str(p, as[i].institution_name, oom);
        as[i].deadline = pool_str(p, as[i].deadline, oom);
    }
    out->assignments = as;
    struct core_plan_action *ac = pool_items(p, out->actions, out->nactions, sizeof *ac, oom);
    for (size_t i = 0; ac && i < out->nactions; i++) {
        const char **strs[] = {&ac[i].rec_id,     &ac[i].description, &ac[i].unit,
                               &ac[i].start_date, &ac[i].due_date,    &ac[i].currency};
        for (size_t k = 0; k < sizeof strs / sizeof strs[0]; k++)
            *strs[k] = pool_str(p, *strs[k], oom);
    }
    out->actions = ac;
    struct core_indicator *in = pool_items(p, out->indicators, out->nindicators, sizeof *in, oom);
    for (size_t i = 0; in && i < out->nindicators; i++) {
        const char **strs[] = {&in[i].rec_id,      &in[i].name,         &in[i].definition,
                               &in[i].unit,        &in[i].source,       &in[i].baseline_date,
                               &in[i].target_date, &in[i].sdg_indicator};
        for (size_t k = 0; k < sizeof strs / sizeof strs[0]; k++)
            *strs[k] = pool_str(p, *strs[k], oom);
    }
    out->indicators = in;
    out->cluster_ids = pool_items(p, out->cluster_ids, out->nclusters, sizeof(long), oom);
    out->status_narrative = pool_str(p, out->status_narrative, oom);
}

int report_rows_add(struct report_rows *rs, const struct core_matrix_row *row)
{
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 64;
        struct core_matrix_row *grown = realloc(rs->row, cap * sizeof *grown);
        if (!grown)
            return ERR_NOMEM;
        rs->row = grown;
        rs->cap = cap;
    }
    int oom = 0;
    struct core_matrix_row copy = *row;
    copy.rec = row->rec ? copy_rec(rs->pool, row->rec, &oom) : NULL;
    copy_parts(rs->pool, &copy, &oom);
    if (oom)
        return ERR_NOMEM; /* what was copied stays in the pool until the set is freed */
    rs->row[rs->n++] = copy;
    return 0;
}

int report_natural_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
            while (*a == '0')
                a++;
            while (*b == '0')
                b++;
            size_t na = 0, nb = 0;
            while (a[na] >= '0' && a[na] <= '9')
                na++;
            while (b[nb] >= '0' && b[nb] <= '9')
                nb++;
            if (na != nb)
                return na < nb ? -1 : 1;
            int c = strncmp(a, b, na);
            if (c)
                return c;
            a += na;
            b += nb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return (*a != 0) - (*b != 0);
}

static int by_natural_id(const void *a, const void *b)
{
    const struct core_matrix_row *x = a, *y = b;
    if (!x->rec || !y->rec)
        return (x->rec != NULL) - (y->rec != NULL);
    return report_natural_cmp(x->rec->id, y->rec->id);
}

void report_rows_sort(struct report_rows *rs)
{
    if (rs->n > 1)
        qsort(rs->row, rs->n, sizeof *rs->row, by_natural_id);
}

/* ---- lookup ---------------------------------------------------------------------------------- */

struct report_lookup {
    struct strmap *map; /* "t\x1F" vocab "\x1F" code, "i<id>", "v<id>" */
};

struct report_lookup *report_lookup_new(void)
{
    struct report_lookup *lk = calloc(1, sizeof *lk);
    if (lk && !(lk->map = strmap_new())) {
        free(lk);
        return NULL;
    }
    return lk;
}

void report_lookup_free(struct report_lookup *lk)
{
    if (!lk)
        return;
    strmap_free(lk->map);
    free(lk);
}

static const char *lookup_get(const struct report_lookup *lk, const char *key)
{
    const char *value = NULL;
    if (!lk || !strmap_get(lk->map, key, &value))
        return NULL;
    return value;
}

static int term_key(char *key, size_t size, const char *vocab, const char *code)
{
    return (size_t)snprintf(key, size, "t\x1F%s\x1F%s", vocab, code) < size;
}

int report_lookup_term_put(struct report_lookup *lk, const char *vocab, const char *code,
                           const char *label)
{
    char key[512];
    if (!vocab || !code || !label || !term_key(key, sizeof key, vocab, code))
        return 0; /* a code that long is no code: it is simply not looked up */
    return strmap_put(lk->map, key, label);
}

const char *report_lookup_term(const struct report_lookup *lk, const char *vocab, const char *code)
{
    char key[512];
    if (!vocab || !code || !term_key(key, sizeof key, vocab, code))
        return NULL;
    return lookup_get(lk, key);
}

int report_lookup_institution_put(struct report_lookup *lk, long id, const char *name)
{
    char key[32];
    snprintf(key, sizeof key, "i%ld", id);
    return name ? strmap_put(lk->map, key, name) : 0;
}

const char *report_lookup_institution(const struct report_lookup *lk, long id)
{
    char key[32];
    snprintf(key, sizeof key, "i%ld", id);
    return lookup_get(lk, key);
}

/* Values are kept as "VALUE\x1FDATE" so that one map holds everything. */
int report_lookup_value_put(struct report_lookup *lk, long indicator_id, const char *date,
                            double value)
{
    char key[32], text[128];
    snprintf(key, sizeof key, "v%ld", indicator_id);
    const char *old = lookup_get(lk, key);
    if (!date)
        date = "";
    if (old && strcmp(strchr(old, '\x1F') + 1, date) > 0)
        return 0;
    if ((size_t)snprintf(text, sizeof text, "%.17g\x1F%s", value, date) >= sizeof text)
        return 0; /* not a date */
    return strmap_put(lk->map, key, text);
}

int report_lookup_latest(const struct report_lookup *lk, long indicator_id, double *value,
                         const char **date)
{
    char key[32];
    snprintf(key, sizeof key, "v%ld", indicator_id);
    const char *text = lookup_get(lk, key);
    if (!text)
        return 0;
    *value = strtod(text, NULL);
    *date = strchr(text, '\x1F') + 1;
    return 1;
}

/* ---- labels ---------------------------------------------------------------------------------- */

const char *report_status_code(enum core_status s)
{
    static const char *const codes[CORE_STATUS_COUNT] = {
        "not_started", "in_progress", "partially_implemented", "implemented", "not_accepted"};
    return (unsigned)s < CORE_STATUS_COUNT ? codes[s] : "not_started";
}

const char *report_status_label(const struct i18n_tr *tr, int known, enum core_status s)
{
    if (!known)
        /* TRANSLATORS: the status of a recommendation that no validated progress report gives. */
        return T(tr, "No validated report");
    const char *label = i18n_label(tr, "progress", report_status_code(s));
    return label ? label : report_status_code(s);
}

const char *report_action_status_label(const struct i18n_tr *tr, enum core_action_status s)
{
    /* TRANSLATORS: the state of a planned action (in French they qualify « action »: feminine). */
    static const char *const labels[CORE_ACTION_STATUS_COUNT] = {
        N_("Planned"), N_("Ongoing"), N_("Completed"), N_("Delayed"), N_("Cancelled")};
    return i18n_get(tr->cat, tr->lang,
                    (unsigned)s < CORE_ACTION_STATUS_COUNT ? labels[s] : labels[0]);
}

const char *report_response_label(const struct i18n_tr *tr, const char *response)
{
    if (!response || !*response)
        return "";
    const char *label = i18n_label(tr, "response", response);
    return label ? label : response;
}

const char *report_tag_label(const struct report_lookup *lk, const struct store_tag *t)
{
    const char *label = report_lookup_term(lk, t->vocab, t->code);
    if (label && *label)
        return label;
    if (t->label && *t->label)
        return t->label;
    return t->code ? t->code : "";
}

const char *report_rec_text(const struct i18n_tr *tr, const struct store_rec *r)
{
    unsigned lang = (unsigned)tr->lang < STORE_LANG_COUNT ? (unsigned)tr->lang : 0;
    if (r->text[lang] && *r->text[lang])
        return r->text[lang];
    for (unsigned i = 0; i < STORE_LANG_COUNT; i++)
        if (r->text[i] && *r->text[i])
            return r->text[i];
    return "";
}

const char *report_institution_name(const struct report_lookup *lk, const struct core_assignment *a)
{
    if (a->institution_name && *a->institution_name)
        return a->institution_name;
    if (a->institution_code && *a->institution_code)
        return a->institution_code;
    const char *name = report_lookup_institution(lk, a->institution_id);
    return name ? name : "";
}

const char *report_institution_of(const struct report_lookup *lk, const struct core_matrix_row *row,
                                  long id)
{
    for (size_t i = 0; i < row->nassignments; i++)
        if (row->assignments[i].institution_id == id) {
            const char *name = report_institution_name(lk, &row->assignments[i]);
            if (*name)
                return name;
        }
    return report_lookup_institution(lk, id);
}

const struct core_assignment *report_lead(const struct core_matrix_row *row)
{
    for (size_t i = 0; i < row->nassignments; i++)
        if (row->assignments[i].lead)
            return &row->assignments[i];
    return row->nassignments ? &row->assignments[0] : NULL;
}

int report_put_number(struct buf *out, const struct i18n_tr *tr, double v, const char *unit)
{
    char num[64];
    snprintf(num, sizeof num, "%.10g", v);
    /* whatever LC_NUMERIC the process runs with, print the report's language's separator */
    char sep = tr->lang == TEXT_LANG_EN ? '.' : ',';
    for (char *p = num; *p; p++)
        if (*p == '.' || *p == ',')
            *p = sep;
    int rc = buf_puts(out, num);
    if (!rc && unit && *unit)
        rc = buf_printf(out, "\xC2\xA0%s", unit); /* no-break space: "41 %" stays on one line */
    return rc;
}

int report_put_label(struct buf *out, const struct i18n_tr *tr, const char *label)
{
    /* TRANSLATORS: a label before its value, as in "Status: In progress". French puts a
       no-break space before the colon. */
    return buf_printf(out, T(tr, "%s:"), label);
}

int report_put_action(struct buf *out, const struct i18n_tr *tr, const struct report_lookup *lk,
                      const struct core_matrix_row *row, const struct core_plan_action *a,
                      int with_institution)
{
    int rc = buf_puts(out, a->description ? a->description : "");
    const char *who = with_institution ? report_institution_of(lk, row, a->institution_id) : NULL;
    if (!rc && who && *who)
        rc = buf_printf(out, " — %s", who);
    const char *status = report_action_status_label(tr, a->status);
    if (!rc && a->due_date && *a->due_date)
        /* TRANSLATORS: after an action's description: its due date and its state. */
        rc = buf_printf(out, T(tr, " (due %s; %s)"), a->due_date, status);
    else if (!rc)
        rc = buf_printf(out, " (%s)", status);
    return rc;
}

int report_put_indicator(struct buf *out, const struct i18n_tr *tr, const struct report_lookup *lk,
                         const struct core_indicator *ind)
{
    struct buf num = BUF_INIT, target = BUF_INIT;
    double latest;
    const char *date = NULL;
    int rc = report_put_label(out, tr, ind->name ? ind->name : "");
    rc = rc ? rc : buf_putc(out, ' ');
    if (report_lookup_latest(lk, ind->id, &latest, &date)) {
        rc = rc ? rc : report_put_number(&num, tr, latest, ind->unit);
        if (*date)
            /* TRANSLATORS: an indicator's latest value and the date it was measured. */
            rc = rc ? rc : buf_printf(out, T(tr, "%s on %s"), buf_str(&num), date);
        else
            rc = rc ? rc : buf_puts(out, buf_str(&num));
    } else {
        rc = rc ? rc : report_put_number(&num, tr, ind->baseline, ind->unit);
        /* TRANSLATORS: an indicator's value when follow-up began. */
        rc = rc ? rc : buf_printf(out, T(tr, "baseline %s"), buf_str(&num));
    }
    rc = rc ? rc : report_put_number(&target, tr, ind->target, ind->unit);
    /* TRANSLATORS: the value an indicator should reach. */
    rc = rc ? rc : buf_printf(out, T(tr, " (target %s)"), buf_str(&target));
    buf_free(&num);
    buf_free(&target);
    return rc;
}

/* Is the code (or label, for unlinked tags) of t already among the first n tags of r? */
static int seen_before(const struct store_rec *r, size_t n, const struct store_tag *t)
{
    for (size_t i = 0; i < n; i++) {
        const struct store_tag *o = &r->tags[i];
        if (strcmp(o->vocab, t->vocab) != 0)
            continue;
        const char *a = o->code ? o->code : o->label, *b = t->code ? t->code : t->label;
        if (a && b && !strcmp(a, b))
            return 1;
    }
    return 0;
}

int report_put_tags(struct buf *out, const struct report_lookup *lk, const struct store_rec *r,
                    const char *vocab, const char *vocab2, const char *sep)
{
    int rc = 0, n = 0;
    for (size_t i = 0; i < r->ntags && !rc; i++) {
        const struct store_tag *t = &r->tags[i];
        if (!t->vocab || (strcmp(t->vocab, vocab) && (!vocab2 || strcmp(t->vocab, vocab2))))
            continue;
        if (seen_before(r, i, t))
            continue;
        const char *text = !strcmp(t->vocab, "sdg") && t->code ? t->code : report_tag_label(lk, t);
        if (n++)
            rc = buf_puts(out, sep);
        rc = rc ? rc : buf_puts(out, text);
    }
    return rc;
}
