/*
 * doc.h — the neutral document model every report renderer reads: a titled document made of
 * blocks (headings, paragraphs with bold/italic runs, bullet lists, tables, page breaks, charts),
 * and a workbook of named sheets of typed cells for spreadsheets. It knows nothing of
 * recommendations: core and cli build a model, report/render.h turns it into HTML, DOCX, PDF,
 * XLSX or CSV.
 *
 * Text enters here and is cleaned once (invalid UTF-8 becomes U+FFFD, control characters other
 * than LF are dropped, tabs become spaces), so every renderer can trust it. Builder calls follow
 * struct buf's habit: each returns 0 or an ERR_* code, and the first failure is also kept in the
 * model (sticky), so a long chain of calls can be checked once with doc_status / sheet_status;
 * renderers refuse a model that holds an error.
 */
#ifndef SUIVI_REPORT_DOC_H
#define SUIVI_REPORT_DOC_H

#include <stddef.h>

#include "util/err.h"

/* ---- document ------------------------------------------------------------------------------- */

enum doc_block_kind { DOC_HEADING, DOC_PARA, DOC_LIST, DOC_TABLE, DOC_PAGE_BREAK, DOC_CHART };

enum { DOC_BOLD = 1, DOC_ITALIC = 2 }; /* run flags */

struct doc_run {
    char *text;
    unsigned flags;
};

/* A paragraph, a heading or one list item: a sequence of runs. */
struct doc_para {
    struct doc_run *runs;
    size_t nruns;
};

enum {
    DOC_TABLE_REPEAT_HEADER = 1, /* repeat the header row on every page the table spans */
    DOC_TABLE_ROW_HEADERS = 2,   /* the first cell of each row names the row (<th scope=row>) */
};

struct doc_table {
    char *caption; /* may be NULL */
    size_t ncols;
    char **header;  /* ncols texts */
    double *widths; /* ncols fractions of the text width summing to 1, or NULL (equal) */
    char **cells;   /* nrows * ncols texts, row by row */
    size_t nrows;
    unsigned flags; /* DOC_TABLE_* */
};

enum doc_chart_kind { DOC_CHART_BAR, DOC_CHART_STACKED };

/* Categories (x axis) x series (legend). values[s * ncat + c] is series s in category c;
 * values are >= 0 (negative values are stored as 0). */
struct doc_chart {
    enum doc_chart_kind kind;
    char *title;
    char *desc; /* one sentence for screen readers and alt text; may be NULL */
    char **categories;
    size_t ncat;
    char **series;
    size_t nseries;
    double *values;
    char decimal; /* decimal separator of the document's language for printed numbers */
};

struct doc_block {
    enum doc_block_kind kind;
    int level;              /* heading: 1..3 */
    struct doc_para para;   /* heading or paragraph */
    struct doc_para *items; /* list */
    size_t nitems;
    struct doc_table *table;
    struct doc_chart *chart;
};

struct doc {
    char *title;
    char *subtitle; /* may be NULL */
    char lang[8];   /* "en", "fr", "es" */
    char *author;   /* may be NULL */
    char *date;     /* as it should be printed, may be NULL */
    struct doc_block *blocks;
    size_t nblocks;
    size_t cap;
    int open_table;   /* index of the table between doc_table_begin and doc_table_end, or -1 */
    struct err error; /* first failure of a builder call (sticky) */
};

/* A new empty document, or NULL when out of memory. lang is "en", "fr" or "es"; any other
 * value is recorded as an error (see doc_status). Free with doc_free. */
struct doc *doc_new(const char *title, const char *lang);
void doc_free(struct doc *d);

/* The first error any builder call met (0 when none), copied to err. Renderers call it. */
int doc_status(const struct doc *d, struct err *err) SUIVI_MUST_CHECK;

int doc_set_subtitle(struct doc *d, const char *subtitle);
int doc_set_author(struct doc *d, const char *author);
int doc_set_date(struct doc *d, const char *date);

/* A heading of level 1..3 (the title is above level 1). */
int doc_heading(struct doc *d, int level, const char *text);
/* A paragraph of plain text; text may be NULL or "" to start one that doc_run fills. */
int doc_para(struct doc *d, const char *text);
/* One bullet item; consecutive items form one list. */
int doc_list_item(struct doc *d, const char *text);
/* Appends a run with DOC_BOLD / DOC_ITALIC flags to the last paragraph or list item. */
int doc_run(struct doc *d, const char *text, unsigned flags);
int doc_page_break(struct doc *d);

/* Starts a table with ncols header texts; then doc_table_row + ncols doc_table_cell per row,
 * and doc_table_end. No other block may be added while a table is open. */
int doc_table_begin(struct doc *d, const char *caption, const char *const *header, size_t ncols,
                    unsigned flags);
/* Optional, between begin and end: column widths as relative weights (normalised to 1). */
int doc_table_widths(struct doc *d, const double *weights);
int doc_table_row(struct doc *d);
int doc_table_cell(struct doc *d, const char *text);
int doc_table_end(struct doc *d);

/* A chart; every array is copied. values as in struct doc_chart. */
int doc_chart(struct doc *d, enum doc_chart_kind kind, const char *title, const char *desc,
              const char *const *categories, size_t ncat, const char *const *series, size_t nseries,
              const double *values);

/* Fixed words the renderers print, in the document's language. */
enum doc_word { DOC_WORD_PAGE_OF, DOC_WORD_DATA, DOC_WORD_CONTINUED, DOC_WORD_CATEGORY };
/* A static string; DOC_WORD_PAGE_OF is a format taking two ints (page, count). */
const char *doc_word(const struct doc *d, enum doc_word w);

/* The language tag with region used in metadata ("en-GB", "fr-FR", "es-ES"). */
const char *doc_lang_tag(const struct doc *d);

/* ---- workbook of sheets --------------------------------------------------------------------- */

enum sheet_cell_type { SHEET_EMPTY, SHEET_TEXT, SHEET_INT, SHEET_NUM, SHEET_DATE };

struct sheet_cell {
    enum sheet_cell_type type;
    char *text; /* SHEET_TEXT; SHEET_DATE as "YYYY-MM-DD" */
    long long i;
    double num;
};

enum {
    SHEET_FREEZE_HEADER = 1, /* the header row stays visible when scrolling */
    SHEET_AUTOFILTER = 2,    /* filter buttons on the header row */
};

struct sheet {
    char *name;
    unsigned flags;
    size_t ncols;
    char **header;
    double *widths;           /* in characters, 0 = default */
    struct sheet_cell *cells; /* nrows * ncols, row by row */
    size_t nrows;
    size_t cap;    /* cells allocated */
    size_t filled; /* cells given in the last row */
};

struct sheet_book {
    char *title;
    char *author;
    struct sheet *sheets;
    size_t nsheets;
    struct err error; /* sticky, as in struct doc */
};

/* A new empty workbook (title and author go to its properties; either may be NULL), or NULL
 * when out of memory. Free with sheet_free. */
struct sheet_book *sheet_new(const char *title, const char *author);
void sheet_free(struct sheet_book *b);
int sheet_status(const struct sheet_book *b, struct err *err) SUIVI_MUST_CHECK;

/* Adds a sheet and makes it current. The name must be 1..31 characters without []:*?/\ and
 * unique (ERR_INPUT otherwise). flags: SHEET_FREEZE_HEADER | SHEET_AUTOFILTER. */
int sheet_add(struct sheet_book *b, const char *name, unsigned flags);
/* Adds a column to the current sheet (before any row): its header and width in characters
 * (0 = default). */
int sheet_column(struct sheet_book *b, const char *header, double width);
/* Starts a row; cells not given by the next row start are left empty. */
int sheet_row(struct sheet_book *b);
int sheet_cell_text(struct sheet_book *b, const char *text); /* NULL gives an empty cell */
int sheet_cell_int(struct sheet_book *b, long long value);
int sheet_cell_num(struct sheet_book *b, double value);
/* A date given as "YYYY-MM-DD" (checked: ERR_INPUT otherwise); NULL gives an empty cell. */
int sheet_cell_date(struct sheet_book *b, const char *iso_date);

/* The cell at (row, col) of sheet s; NULL outside. */
const struct sheet_cell *sheet_cell_at(const struct sheet *s, size_t row, size_t col);

#endif
