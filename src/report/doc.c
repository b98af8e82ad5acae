/*
 * doc.c — building the report model (see doc.h): documents of blocks and workbooks of sheets.
 * Every text is copied through clean_dup, the one place where input text is made safe for every
 * output format (valid UTF-8, no control characters but LF), so renderers only escape markup.
 */
#include "report/doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/fold.h"

/* Is the code point one that XML 1.0 and our outputs can carry? LF is kept for line breaks. */
static int keep_cp(uint32_t cp)
{
    if (cp == '\n')
        return 1;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return 0;
    return cp != 0xFFFE && cp != 0xFFFF;
}

/* A cleaned copy of s ("" for NULL), or NULL when out of memory. */
static char *clean_dup(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    char *out = malloc(n * 3 + 1); /* a bad byte (1) may become U+FFFD (3) */
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int len = text_utf8_decode(s + i, n - i, &cp);
        if (len < 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
            continue;
        }
        if (cp == '\t')
            out[o++] = ' ';
        else if (keep_cp(cp)) {
            memcpy(out + o, s + i, (size_t)len);
            o += (size_t)len;
        }
        i += (size_t)len;
    }
    out[o] = '\0';
    return out;
}

/* Records the first failure in the sticky error and returns code. */
static int fail(struct err *sticky, int code, const char *what)
{
    if (!sticky->code)
        err_set(sticky, code, "%s", what);
    return code;
}

#define NOMEM(d) fail(&(d)->error, ERR_NOMEM, "report: out of memory building the document")

static void para_free(struct doc_para *p)
{
    for (size_t i = 0; i < p->nruns; i++)
        free(p->runs[i].text);
    free(p->runs);
}

static void strv_free(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void table_free(struct doc_table *t)
{
    if (!t)
        return;
    free(t->caption);
    strv_free(t->header, t->ncols);
    strv_free(t->cells, t->nrows * t->ncols);
    free(t->widths);
    free(t);
}

static void chart_free(struct doc_chart *c)
{
    if (!c)
        return;
    free(c->title);
    free(c->desc);
    strv_free(c->categories, c->ncat);
    strv_free(c->series, c->nseries);
    free(c->values);
    free(c);
}

void doc_free(struct doc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nblocks; i++) {
        struct doc_block *b = &d->blocks[i];
        para_free(&b->para);
        for (size_t j = 0; j < b->nitems; j++)
            para_free(&b->items[j]);
        free(b->items);
        table_free(b->table);
        chart_free(b->chart);
    }
    free(d->blocks);
    free(d->title);
    free(d->subtitle);
    free(d->author);
    free(d->date);
    free(d);
}

struct doc *doc_new(const char *title, const char *lang)
{
    struct doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->open_table = -1;
    d->title = clean_dup(title);
    if (!d->title) {
        free(d);
        return NULL;
    }
    if (lang && (!strcmp(lang, "en") || !strcmp(lang, "fr") || !strcmp(lang, "es")))
        memcpy(d->lang, lang, 3);
    else {
        memcpy(d->lang, "en", 3);
        err_set(&d->error, ERR_INPUT, "report: language '%.16s' is not one of en, fr, es",
                lang ? lang : "(null)");
    }
    return d;
}

int doc_status(const struct doc *d, struct err *err)
{
    if (!d)
        return err_set(err, ERR_NOMEM, "report: out of memory creating the document");
    if (d->error.code) {
        if (err)
            *err = d->error;
        return d->error.code;
    }
    if (d->open_table >= 0)
        return err_set(err, ERR_INPUT, "report: table %d was begun and never ended",
                       d->open_table + 1);
    return 0;
}

static int set_text(struct doc *d, char **field, const char *text)
{
    char *copy = clean_dup(text);
    if (!copy)
        return NOMEM(d);
    free(*field);
    *field = copy;
    return 0;
}

int doc_set_subtitle(struct doc *d, const char *subtitle)
{
    return set_text(d, &d->subtitle, subtitle);
}

int doc_set_author(struct doc *d, const char *author)
{
    return set_text(d, &d->author, author);
}

int doc_set_date(struct doc *d, const char *date)
{
    return set_text(d, &d->date, date);
}

/* A new zeroed block at the end, or NULL (error recorded). */
static struct doc_block *add_block(struct doc *d, enum doc_block_kind kind)
{
    if (d->open_table >= 0) {
        fail(&d->error, ERR_INPUT, "report: a block was added inside an open table");
        return NULL;
    }
    if (d->nblocks == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        struct doc_block *p = realloc(d->blocks, cap * sizeof *p);
        if (!p) {
            NOMEM(d);
            return NULL;
        }
        d->blocks = p;
        d->cap = cap;
    }
    struct doc_block *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

static int para_add_run(struct doc *d, struct doc_para *p, const char *text, unsigned flags)
{
    if (!text || !*text)
        return 0;
    struct doc_run *runs = realloc(p->runs, (p->nruns + 1) * sizeof *runs);
    if (!runs)
        return NOMEM(d);
    p->runs = runs;
    char *copy = clean_dup(text);
    if (!copy)
        return NOMEM(d);
    p->runs[p->nruns].text = copy;
    p->runs[p->nruns++].flags = flags & (DOC_BOLD | DOC_ITALIC);
    return 0;
}

int doc_heading(struct doc *d, int level, const char *text)
{
    if (level < 1 || level > 3)
        return fail(&d->error, ERR_INPUT, "report: heading level must be 1, 2 or 3");
    struct doc_block *b = add_block(d, DOC_HEADING);
    if (!b)
        return d->error.code;
    b->level = level;
    return para_add_run(d, &b->para, text, 0);
}

int doc_para(struct doc *d, const char *text)
{
    struct doc_block *b = add_block(d, DOC_PARA);
    return b ? para_add_run(d, &b->para, text, 0) : d->error.code;
}

int doc_list_item(struct doc *d, const char *text)
{
    struct doc_block *b = NULL;
    if (d->nblocks && d->blocks[d->nblocks - 1].kind == DOC_LIST && d->open_table < 0)
        b = &d->blocks[d->nblocks - 1];
    else if (!(b = add_block(d, DOC_LIST)))
        return d->error.code;
    struct doc_para *items = realloc(b->items, (b->nitems + 1) * sizeof *items);
    if (!items)
        return NOMEM(d);
    b->items = items;
    memset(&items[b->nitems], 0, sizeof *items);
    return para_add_run(d, &items[b->nitems++], text, 0);
}

int doc_run(struct doc *d, const char *text, unsigned flags)
{
    struct doc_block *b = d->nblocks ? &d->blocks[d->nblocks - 1] : NULL;
    if (d->open_table >= 0 || !b || (b->kind != DOC_PARA && b->kind != DOC_LIST))
        return fail(&d->error, ERR_INPUT, "report: a run must follow a paragraph or list item");
    return para_add_run(d, b->kind == DOC_PARA ? &b->para : &b->items[b->nitems - 1], text, flags);
}

int doc_page_break(struct doc *d)
{
    return add_block(d, DOC_PAGE_BREAK) ? 0 : d->error.code;
}

/* A cleaned copy of n texts, or NULL when out of memory. */
static char **strv_dup(const char *const *v, size_t n)
{
    char **out = calloc(n ? n : 1, sizeof *out);
    for (size_t i = 0; out && i < n; i++) {
        if (!(out[i] = clean_dup(v ? v[i] : NULL))) {
            strv_free(out, i);
            return NULL;
        }
    }
    return out;
}

int doc_table_begin(struct doc *d, const char *caption, const char *const *header, size_t ncols,
                    unsigned flags)
{
    if (ncols == 0 || ncols > 64)
        return fail(&d->error, ERR_INPUT, "report: a table needs 1 to 64 columns");
    struct doc_block *b = add_block(d, DOC_TABLE);
    if (!b)
        return d->error.code;
    struct doc_table *t = calloc(1, sizeof *t);
    if (!t)
        return NOMEM(d);
    b->table = t;
    t->ncols = ncols;
    t->flags = flags;
    t->header = strv_dup(header, ncols);
    if (!t->header) {
        t->ncols = 0;
        return NOMEM(d);
    }
    if (caption && !(t->caption = clean_dup(caption)))
        return NOMEM(d);
    d->open_table = (int)(d->nblocks - 1);
    return 0;
}

static struct doc_table *open_table(struct doc *d, const char *call)
{
    if (d->open_table < 0) {
        fail(&d->error, ERR_INPUT, call);
        return NULL;
    }
    return d->blocks[d->open_table].table;
}

int doc_table_widths(struct doc *d, const double *weights)
{
    struct doc_table *t = open_table(d, "report: doc_table_widths outside a table");
    if (!t)
        return d->error.code;
    double sum = 0;
    for (size_t i = 0; i < t->ncols; i++)
        sum += weights[i] > 0 ? weights[i] : 0;
    if (sum <= 0)
        return fail(&d->error, ERR_INPUT, "report: table column widths must be positive");
    double *w = realloc(t->widths, t->ncols * sizeof *w);
    if (!w)
        return NOMEM(d);
    for (size_t i = 0; i < t->ncols; i++)
        w[i] = (weights[i] > 0 ? weights[i] : 0) / sum;
    t->widths = w;
    return 0;
}

/* How many cells the last row of t holds so far (rows are always allocated whole). */
static size_t cells_in_last_row(const struct doc_table *t)
{
    size_t n = 0;
    for (size_t c = 0; t->nrows && c < t->ncols; c++)
        n += t->cells[(t->nrows - 1) * t->ncols + c] != NULL;
    return n;
}

int doc_table_row(struct doc *d)
{
    struct doc_table *t = open_table(d, "report: doc_table_row outside a table");
    if (!t)
        return d->error.code;
    /* grow by doubling: rows are counted in nrows, capacity is the next power of two */
    size_t n = t->nrows + 1, cap = 1;
    while (cap < n)
        cap *= 2;
    if (t->nrows == 0 || (t->nrows & (t->nrows - 1)) == 0) {
        char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
        if (!cells)
            return NOMEM(d);
        t->cells = cells;
    }
    memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof *t->cells);
    t->nrows = n;
    return 0;
}

int doc_table_cell(struct doc *d, const char *text)
{
    struct doc_table *t = open_table(d, "report: doc_table_cell outside a table");
    if (!t)
        return d->error.code;
    size_t filled = cells_in_last_row(t);
    if (!t->nrows || filled == t->ncols)
        return fail(&d->error, ERR_INPUT, "report: table cell outside a row, or too many cells");
    char *copy = clean_dup(text);
    if (!copy)
        return NOMEM(d);
    t->cells[(t->nrows - 1) * t->ncols + filled] = copy;
    return 0;
}

int doc_table_end(struct doc *d)
{
    struct doc_table *t = open_table(d, "report: doc_table_end without doc_table_begin");
    if (!t)
        return d->error.code;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        if (!t->cells[i] && !(t->cells[i] = clean_dup("")))
            return NOMEM(d);
    d->open_table = -1;
    return 0;
}

int doc_chart(struct doc *d, enum doc_chart_kind kind, const char *title, const char *desc,
              const char *const *categories, size_t ncat, const char *const *series, size_t nseries,
              const double *values)
{
    if (ncat == 0 || nseries == 0 || ncat > 200 || nseries > 12)
        return fail(&d->error, ERR_INPUT, "report: a chart needs 1-200 categories, 1-12 series");
    struct doc_block *b = add_block(d, DOC_CHART);
    if (!b)
        return d->error.code;
    struct doc_chart *c = calloc(1, sizeof *c);
    if (!c)
        return NOMEM(d);
    b->chart = c;
    c->kind = kind;
    c->decimal = strcmp(d->lang, "en") ? ',' : '.';
    c->title = clean_dup(title);
    c->desc = desc ? clean_dup(desc) : NULL;
    c->categories = strv_dup(categories, ncat);
    c->ncat = c->categories ? ncat : 0;
    c->series = strv_dup(series, nseries);
    c->nseries = c->series ? nseries : 0;
    c->values = malloc(ncat * nseries * sizeof *c->values);
    if (!c->title || (desc && !c->desc) || !c->ncat || !c->nseries || !c->values)
        return NOMEM(d);
    for (size_t i = 0; i < ncat * nseries; i++)
        c->values[i] = values[i] > 0 ? values[i] : 0; /* also turns NaN into 0 */
    return 0;
}

const char *doc_word(const struct doc *d, enum doc_word w)
{
    static const char *const words[][3] = {
        /* en, fr, es */
        {"Page %d of %d", "Page %d sur %d", "Página %d de %d"},
        {"Data", "Données", "Datos"},
        {"(continued)", "(suite)", "(continuación)"},
        {"Category", "Catégorie", "Categoría"},
    };
    int l = !strcmp(d->lang, "fr") ? 1 : !strcmp(d->lang, "es") ? 2 : 0;
    return words[w][l];
}

const char *doc_lang_tag(const struct doc *d)
{
    return !strcmp(d->lang, "fr") ? "fr-FR" : !strcmp(d->lang, "es") ? "es-ES" : "en-GB";
}

/* ---- sheets --------------------------------------------------------------------------------- */

#define SHEET_NOMEM(b) fail(&(b)->error, ERR_NOMEM, "report: out of memory building the workbook")

struct sheet_book *sheet_new(const char *title, const char *author)
{
    struct sheet_book *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->title = title ? clean_dup(title) : NULL;
    b->author = author ? clean_dup(author) : NULL;
    if ((title && !b->title) || (author && !b->author)) {
        sheet_free(b);
        return NULL;
    }
    return b;
}

void sheet_free(struct sheet_book *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->nsheets; i++) {
        struct sheet *s = &b->sheets[i];
        free(s->name);
        strv_free(s->header, s->ncols);
        free(s->widths);
        for (size_t c = 0; c < s->nrows * s->ncols; c++)
            free(s->cells[c].text);
        free(s->cells);
    }
    free(b->sheets);
    free(b->title);
    free(b->author);
    free(b);
}

int sheet_status(const struct sheet_book *b, struct err *err)
{
    if (!b)
        return err_set(err, ERR_NOMEM, "report: out of memory creating the workbook");
    if (b->error.code && err)
        *err = b->error;
    return b->error.code;
}

static int sheet_name_ok(const struct sheet_book *b, const char *name)
{
    size_t chars = 0;
    for (const char *p = name; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    if (chars < 1 || chars > 31 || strpbrk(name, "[]:*?/\\") || name[0] == '\'')
        return 0;
    for (size_t i = 0; i < b->nsheets; i++)
        if (!strcmp(b->sheets[i].name, name))
            return 0;
    return 1;
}

int sheet_add(struct sheet_book *b, const char *name, unsigned flags)
{
    char *clean = clean_dup(name);
    if (!clean)
        return SHEET_NOMEM(b);
    if (!sheet_name_ok(b, clean)) {
        free(clean);
        if (!b->error.code)
            err_set(&b->error, ERR_INPUT,
                    "report: sheet name '%.40s' must be 1-31 characters, unique, without []:*?/\\",
                    name ? name : "");
        return ERR_INPUT;
    }
    struct sheet *s = realloc(b->sheets, (b->nsheets + 1) * sizeof *s);
    if (!s) {
        free(clean);
        return SHEET_NOMEM(b);
    }
    b->sheets = s;
    s = &b->sheets[b->nsheets++];
    memset(s, 0, sizeof *s);
    s->name = clean;
    s->flags = flags;
    return 0;
}

static struct sheet *current(struct sheet_book *b, const char *call)
{
    if (!b->nsheets) {
        fail(&b->error, ERR_INPUT, call);
        return NULL;
    }
    return &b->sheets[b->nsheets - 1];
}

int sheet_column(struct sheet_book *b, const char *header, double width)
{
    struct sheet *s = current(b, "report: sheet_column before sheet_add");
    if (!s)
        return b->error.code;
    if (s->nrows)
        return fail(&b->error, ERR_INPUT, "report: sheet_column after the first row");
    char **h = realloc(s->header, (s->ncols + 1) * sizeof *h);
    if (h)
        s->header = h;
    double *w = h ? realloc(s->widths, (s->ncols + 1) * sizeof *w) : NULL;
    if (w)
        s->widths = w;
    char *copy = w ? clean_dup(header) : NULL;
    if (!copy)
        return SHEET_NOMEM(b);
    s->header[s->ncols] = copy;
    s->widths[s->ncols++] = width > 0 ? width : 0;
    return 0;
}

int sheet_row(struct sheet_book *b)
{
    struct sheet *s = current(b, "report: sheet_row before sheet_add");
    if (!s)
        return b->error.code;
    if (!s->ncols)
        return fail(&b->error, ERR_INPUT, "report: sheet_row on a sheet without columns");
    size_t need = (s->nrows + 1) * s->ncols;
    if (need > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64 * s->ncols;
        while (cap < need)
            cap *= 2;
        struct sheet_cell *cells = realloc(s->cells, cap * sizeof *cells);
        if (!cells)
            return SHEET_NOMEM(b);
        s->cells = cells;
        s->cap = cap;
    }
    memset(&s->cells[s->nrows * s->ncols], 0, s->ncols * sizeof *s->cells);
    s->nrows++;
    s->filled = 0;
    return 0;
}

/* The next cell of the current row, or NULL (error recorded). */
static struct sheet_cell *next_cell(struct sheet_book *b)
{
    struct sheet *s = current(b, "report: sheet cell before sheet_add");
    if (!s)
        return NULL;
    if (!s->nrows || s->filled == s->ncols) {
        fail(&b->error, ERR_INPUT, "report: sheet cell outside a row, or more cells than columns");
        return NULL;
    }
    return &s->cells[(s->nrows - 1) * s->ncols + s->filled++];
}

int sheet_cell_text(struct sheet_book *b, const char *text)
{
    struct sheet_cell *c = next_cell(b);
    if (!c)
        return b->error.code;
    if (!text)
        return 0;
    if (!(c->text = clean_dup(text)))
        return SHEET_NOMEM(b);
    c->type = SHEET_TEXT;
    return 0;
}

int sheet_cell_int(struct sheet_book *b, long long value)
{
    struct sheet_cell *c = next_cell(b);
    if (!c)
        return b->error.code;
    c->type = SHEET_INT;
    c->i = value;
    return 0;
}

int sheet_cell_num(struct sheet_book *b, double value)
{
    struct sheet_cell *c = next_cell(b);
    if (!c)
        return b->error.code;
    if (value != value) /* NaN: nothing to show */
        return 0;
    c->type = SHEET_NUM;
    c->num = value;
    return 0;
}

static int iso_date_ok(const char *s)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    int m = (s[5] - '0') * 10 + s[6] - '0', d = (s[8] - '0') * 10 + s[9] - '0';
    return s[10] == '\0' && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

int sheet_cell_date(struct sheet_book *b, const char *iso_date)
{
    struct sheet_cell *c = next_cell(b);
    if (!c || !iso_date)
        return b->error.code;
    if (!iso_date_ok(iso_date)) {
        if (!b->error.code)
            err_set(&b->error, ERR_INPUT, "report: date '%.20s' is not YYYY-MM-DD", iso_date);
        return ERR_INPUT;
    }
    if (!(c->text = clean_dup(iso_date)))
        return SHEET_NOMEM(b);
    c->type = SHEET_DATE;
    return 0;
}

const struct sheet_cell *sheet_cell_at(const struct sheet *s, size_t row, size_t col)
{
    return row < s->nrows && col < s->ncols ? &s->cells[row * s->ncols + col] : NULL;
}
