/*
 * pdf.c — a report document as an A4 PDF, and charts as PNG, through cairo and pango; the only
 * file that includes their headers. Text is laid out by pango (shaping, wrapping, hyphenation
 * in the document's language) with DejaVu Sans found through fontconfig, so accents and ligature
 * letters (é, ñ, Œ, ø) get their real glyphs and the text can be searched and copied.
 *
 * The document is laid out twice with the same metrics: a dry run that only counts pages (for
 * "Page N of M"), then the real one. Paragraphs break between lines, table rows never split
 * and the header row is drawn again on each page, a heading is never left alone at a page foot.
 */
#include "report/render.h"

#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#define PAGE_W 595.276 /* A4 in points */
#define PAGE_H 841.890
#define MARGIN 56.693 /* 20 mm */
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define BOTTOM (PAGE_H - MARGIN)
#define CELL_PAD 3.5
#define CHART_W 480.0 /* logical size of a chart, scaled to the space it gets */
#define CHART_H 280.0
#define FONT "DejaVu Sans"

enum { F_BODY, F_H1, F_H2, F_H3, F_TITLE, F_SMALL, F_CELL, F_COUNT };

struct pdf {
    const struct doc *d;
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoContext *pango;
    PangoLayout *layout;                  /* reused for every paragraph */
    PangoFontDescription *fonts[F_COUNT]; /* indexed by F_* */
    int dry;                              /* counting pass: nothing is drawn */
    int page;                             /* 1-based */
    int pages;                            /* total, known after the dry pass */
    double y;                             /* top of the free space on the page */
    int outline[4];                       /* last outline id per heading level */
};

static void set_rgb(cairo_t *cr, unsigned rgb)
{
    cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                         (rgb & 0xFF) / 255.0);
}

/* Text of a paragraph's runs into layout, with bold and italic as attributes (no markup to
 * parse, so no text can be taken for markup). */
static void layout_runs(PangoLayout *layout, const struct doc_para *para)
{
    struct buf text = BUF_INIT;
    PangoAttrList *attrs = pango_attr_list_new();
    for (size_t i = 0; i < para->nruns; i++) {
        size_t start = text.len;
        buf_puts(&text, para->runs[i].text);
        PangoAttribute *a;
        if (para->runs[i].flags & DOC_BOLD) {
            a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
            a->start_index = (guint)start;
            a->end_index = (guint)text.len;
            pango_attr_list_insert(attrs, a);
        }
        if (para->runs[i].flags & DOC_ITALIC) {
            a = pango_attr_style_new(PANGO_STYLE_ITALIC);
            a->start_index = (guint)start;
            a->end_index = (guint)text.len;
            pango_attr_list_insert(attrs, a);
        }
    }
    pango_layout_set_text(layout, buf_str(&text), -1);
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    buf_free(&text);
}

static void set_plain(PangoLayout *layout, const char *text)
{
    pango_layout_set_attributes(layout, NULL);
    pango_layout_set_text(layout, text, -1);
}

static double layout_height(PangoLayout *layout)
{
    int w, h;
    pango_layout_get_size(layout, &w, &h);
    return h / (double)PANGO_SCALE;
}

static void draw_footer(struct pdf *p)
{
    if (p->dry)
        return;
    char words[96];
    snprintf(words, sizeof words, doc_word(p->d, DOC_WORD_PAGE_OF), p->page, p->pages);
    /* A layout of its own: flow_layout may be walking p->layout's lines when it turns the page
     * (reusing p->layout here lost the first line of every new page). */
    PangoLayout *l = pango_layout_new(pango_layout_get_context(p->layout));
    if (!l)
        return;
    pango_layout_set_font_description(l, p->fonts[F_SMALL]);
    pango_layout_set_width(l, (int)(TEXT_W * 0.7 * PANGO_SCALE));
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    set_plain(l, p->d->title);
    cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
    cairo_move_to(p->cr, MARGIN, PAGE_H - MARGIN / 2 - 8);
    pango_cairo_show_layout(p->cr, l);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_width(l, (int)(TEXT_W * PANGO_SCALE));
    pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
    set_plain(l, words);
    cairo_move_to(p->cr, MARGIN, PAGE_H - MARGIN / 2 - 8);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static void new_page(struct pdf *p)
{
    draw_footer(p);
    if (!p->dry)
        cairo_show_page(p->cr);
    p->page++;
    p->y = MARGIN;
}

/* Draws the lines of p->layout at x, turning pages between lines; then leaves space_after. */
static void flow_layout(struct pdf *p, double x, double space_after)
{
    PangoLayoutIter *it = pango_layout_get_iter(p->layout);
    do {
        PangoRectangle line;
        pango_layout_iter_get_line_extents(it, NULL, &line);
        double h = line.height / (double)PANGO_SCALE;
        if (p->y + h > BOTTOM && p->y > MARGIN)
            new_page(p);
        if (!p->dry) {
            int baseline = pango_layout_iter_get_baseline(it);
            cairo_move_to(p->cr, x + line.x / (double)PANGO_SCALE,
                          p->y + (baseline - line.y) / (double)PANGO_SCALE);
            pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
        }
        p->y += h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    p->y += space_after;
}

static void put_title(struct pdf *p)
{
    PangoLayout *l = p->layout;
    pango_layout_set_width(l, (int)(TEXT_W * PANGO_SCALE));
    pango_layout_set_font_description(l, p->fonts[F_TITLE]);
    set_plain(l, p->d->title);
    flow_layout(p, MARGIN, 6);
    if (p->d->subtitle) {
        pango_layout_set_font_description(l, p->fonts[F_H2]);
        set_plain(l, p->d->subtitle);
        flow_layout(p, MARGIN, 4);
    }
    if (p->d->author || p->d->date) {
        struct buf meta = BUF_INIT;
        buf_puts(&meta, p->d->author ? p->d->author : "");
        buf_puts(&meta, p->d->author && p->d->date ? " · " : "");
        buf_puts(&meta, p->d->date ? p->d->date : "");
        pango_layout_set_font_description(l, p->fonts[F_BODY]);
        set_plain(l, buf_str(&meta));
        buf_free(&meta);
        flow_layout(p, MARGIN, 0);
    }
    if (!p->dry) {
        cairo_set_line_width(p->cr, 1);
        cairo_move_to(p->cr, MARGIN, p->y + 6);
        cairo_line_to(p->cr, PAGE_W - MARGIN, p->y + 6);
        cairo_stroke(p->cr);
    }
    p->y += 18;
}

static void put_heading(struct pdf *p, const struct doc_block *b)
{
    PangoLayout *l = p->layout;
    pango_layout_set_width(l, (int)(TEXT_W * PANGO_SCALE));
    pango_layout_set_font_description(l, p->fonts[b->level]);
    layout_runs(l, &b->para);
    double before = b->level == 1 ? 14 : 10, h = layout_height(l);
    if (p->y > MARGIN)
        p->y += before;
    if (p->y + h + 48 > BOTTOM) /* keep the heading with some of what follows */
        new_page(p);
    if (!p->dry) {
        char dest[64];
        snprintf(dest, sizeof dest, "page=%d pos=[%d %d]", p->page, (int)MARGIN, (int)p->y);
        int parent = b->level > 1 ? p->outline[b->level - 1] : CAIRO_PDF_OUTLINE_ROOT;
        p->outline[b->level] =
            cairo_pdf_surface_add_outline(p->surface, parent, pango_layout_get_text(l), dest, 0);
    }
    flow_layout(p, MARGIN, 5);
}

static void put_para(struct pdf *p, const struct doc_para *para, double indent, double after)
{
    PangoLayout *l = p->layout;
    pango_layout_set_width(l, (int)((TEXT_W - indent) * PANGO_SCALE));
    pango_layout_set_font_description(l, p->fonts[F_BODY]);
    layout_runs(l, para);
    flow_layout(p, MARGIN + indent, after);
}

static void put_list(struct pdf *p, const struct doc_block *b)
{
    for (size_t i = 0; i < b->nitems; i++) {
        PangoLayout *l = p->layout;
        pango_layout_set_font_description(l, p->fonts[F_BODY]);
        set_plain(l, "•");
        double h = layout_height(l);
        if (p->y + h > BOTTOM)
            new_page(p);
        if (!p->dry) {
            cairo_move_to(p->cr, MARGIN + 4, p->y);
            pango_cairo_show_layout(p->cr, l);
        }
        put_para(p, &b->items[i], 16, 2);
    }
    p->y += 4;
}

/* ---- tables --------------------------------------------------------------------------------- */

struct table_layout {
    const struct doc_table *t;
    double colw[64];
    PangoLayout *head[64], *cell[64];
    double head_h;
};

/* Sets the cells of one row into layouts and returns the row's height. */
static double measure_row(struct table_layout *tl, PangoLayout **layouts, char *const *texts)
{
    double h = 0;
    for (size_t c = 0; c < tl->t->ncols; c++) {
        set_plain(layouts[c], texts[c]);
        double ch = layout_height(layouts[c]);
        h = ch > h ? ch : h;
    }
    return h + 2 * CELL_PAD;
}

static void draw_row(struct pdf *p, struct table_layout *tl, PangoLayout **layouts, double h,
                     int header)
{
    if (p->dry)
        return;
    cairo_t *cr = p->cr;
    double x = MARGIN;
    for (size_t c = 0; c < tl->t->ncols; c++) {
        cairo_rectangle(cr, x, p->y, tl->colw[c], h);
        if (header) {
            set_rgb(cr, 0xE8EEF4);
            cairo_fill_preserve(cr);
        }
        set_rgb(cr, 0x8A8A8A);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
        set_rgb(cr, 0x000000);
        cairo_move_to(cr, x + CELL_PAD, p->y + CELL_PAD);
        pango_cairo_show_layout(cr, layouts[c]);
        x += tl->colw[c];
    }
}

static void put_table_header(struct pdf *p, struct table_layout *tl)
{
    draw_row(p, tl, tl->head, tl->head_h, 1);
    p->y += tl->head_h;
}

static void table_layouts(struct pdf *p, struct table_layout *tl)
{
    const struct doc_table *t = tl->t;
    PangoFontDescription *bold = pango_font_description_copy(p->fonts[F_CELL]);
    pango_font_description_set_weight(bold, PANGO_WEIGHT_BOLD);
    for (size_t c = 0; c < t->ncols; c++) {
        tl->colw[c] = TEXT_W * (t->widths ? t->widths[c] : 1.0 / (double)t->ncols);
        int w = (int)((tl->colw[c] - 2 * CELL_PAD) * PANGO_SCALE);
        tl->head[c] = pango_layout_new(p->pango);
        tl->cell[c] = pango_layout_new(p->pango);
        pango_layout_set_font_description(tl->head[c], bold);
        pango_layout_set_font_description(tl->cell[c], p->fonts[F_CELL]);
        pango_layout_set_width(tl->head[c], w > 0 ? w : 1);
        pango_layout_set_width(tl->cell[c], w > 0 ? w : 1);
        pango_layout_set_wrap(tl->head[c], PANGO_WRAP_WORD_CHAR);
        pango_layout_set_wrap(tl->cell[c], PANGO_WRAP_WORD_CHAR);
    }
    pango_font_description_free(bold);
    tl->head_h = measure_row(tl, tl->head, t->header);
}

static void put_table(struct pdf *p, const struct doc_table *t)
{
    struct table_layout tl = {.t = t};
    table_layouts(p, &tl);
    if (t->caption) {
        struct doc_run run = {t->caption, DOC_BOLD};
        struct doc_para caption = {&run, 1};
        if (p->y + 60 > BOTTOM)
            new_page(p);
        put_para(p, &caption, 0, 3);
    }
    double first = t->nrows ? measure_row(&tl, tl.cell, t->cells) : 0;
    if (p->y + tl.head_h + first > BOTTOM && p->y > MARGIN)
        new_page(p);
    put_table_header(p, &tl);
    for (size_t r = 0; r < t->nrows; r++) {
        double h = measure_row(&tl, tl.cell, &t->cells[r * t->ncols]);
        if (p->y + h > BOTTOM) {
            new_page(p);
            if (t->flags & DOC_TABLE_REPEAT_HEADER)
                put_table_header(p, &tl);
        }
        draw_row(p, &tl, tl.cell, h, 0);
        p->y += h;
    }
    p->y += 10;
    for (size_t c = 0; c < t->ncols; c++) {
        g_object_unref(tl.head[c]);
        g_object_unref(tl.cell[c]);
    }
}

/* ---- charts --------------------------------------------------------------------------------- */

struct chart_box {
    double left, right, top, bottom; /* the plot area */
    double label_zone;               /* height under the plot for category labels */
    int turned;                      /* category labels turned 40 degrees */
};

static double text_width(PangoLayout *l, const char *text)
{
    int w, h;
    set_plain(l, text);
    pango_layout_get_size(l, &w, &h);
    return w / (double)PANGO_SCALE;
}

/* Legend rows of series names at width w; draws them from y when draw is set. */
static int chart_legend(cairo_t *cr, PangoLayout *l, const struct doc_chart *c, double w, double y,
                        int draw)
{
    double x = 0;
    int rows = 1;
    for (size_t s = 0; s < c->nseries; s++) {
        double iw = 14 + text_width(l, c->series[s]) + 12;
        if (x + iw > w && x > 0) {
            rows++;
            x = 0;
            y += 14;
        }
        if (draw) {
            set_rgb(cr, report_chart_color(s));
            cairo_rectangle(cr, x, y + 2, 9, 9);
            cairo_fill(cr);
            set_rgb(cr, 0x222222);
            cairo_move_to(cr, x + 13, y);
            pango_cairo_show_layout(cr, l);
        }
        x += iw;
    }
    return rows;
}

static void chart_box(PangoLayout *l, const struct doc_chart *c,
                      const struct report_chart_scale *sc, double w, double h, double title_h,
                      int legend_rows, struct chart_box *box)
{
    char num[32];
    double tick_w = 0;
    for (int t = 0; t <= sc->nticks; t++) {
        report_chart_number(c, sc->step * t, num, sizeof num);
        double tw = text_width(l, num);
        tick_w = tw > tick_w ? tw : tick_w;
    }
    box->left = tick_w + 8;
    box->right = w - 6;
    double slot = (box->right - box->left) / (double)c->ncat, widest = 0;
    for (size_t k = 0; k < c->ncat; k++) {
        double tw = text_width(l, c->categories[k]);
        widest = tw > widest ? tw : widest;
    }
    box->turned = widest > slot - 4;
    box->label_zone = box->turned ? 76 : 14;
    box->top = title_h + 10;
    box->bottom = h - 14.0 * legend_rows - box->label_zone - 8;
}

static void chart_axis(cairo_t *cr, PangoLayout *l, const struct doc_chart *c,
                       const struct report_chart_scale *sc, const struct chart_box *b)
{
    char num[32];
    cairo_set_line_width(cr, 0.5);
    for (int t = 0; t <= sc->nticks; t++) {
        double y = b->bottom - (b->bottom - b->top) * t / sc->nticks;
        set_rgb(cr, t ? 0xCCCCCC : 0x555555);
        cairo_move_to(cr, b->left, y);
        cairo_line_to(cr, b->right, y);
        cairo_stroke(cr);
        report_chart_number(c, sc->step * t, num, sizeof num);
        double tw = text_width(l, num);
        set_rgb(cr, 0x222222);
        cairo_move_to(cr, b->left - 5 - tw, y - 6);
        pango_cairo_show_layout(cr, l);
    }
}

static void chart_bars(cairo_t *cr, const struct doc_chart *c, const struct report_chart_scale *sc,
                       const struct chart_box *b)
{
    double slot = (b->right - b->left) / (double)c->ncat, group = slot * 0.7;
    double ph = b->bottom - b->top;
    for (size_t k = 0; k < c->ncat; k++) {
        double x0 = b->left + slot * (double)k + (slot - group) / 2, base = b->bottom;
        for (size_t s = 0; s < c->nseries; s++) {
            double v = ph * c->values[s * c->ncat + k] / sc->max;
            set_rgb(cr, report_chart_color(s));
            if (c->kind == DOC_CHART_STACKED) {
                cairo_rectangle(cr, x0, base - v, group, v);
                base -= v;
            } else {
                double bw = group / (double)c->nseries;
                cairo_rectangle(cr, x0 + bw * (double)s, b->bottom - v, bw, v);
            }
            cairo_fill(cr);
        }
    }
}

static void chart_categories(cairo_t *cr, PangoLayout *l, const struct doc_chart *c,
                             const struct chart_box *b)
{
    double slot = (b->right - b->left) / (double)c->ncat;
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    pango_layout_set_width(l, (int)((b->turned ? 100 : slot) * PANGO_SCALE));
    pango_layout_set_alignment(l, b->turned ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER);
    set_rgb(cr, 0x222222);
    for (size_t k = 0; k < c->ncat; k++) {
        set_plain(l, c->categories[k]);
        double x = b->left + slot * ((double)k + 0.5);
        cairo_save(cr);
        if (b->turned) {
            cairo_translate(cr, x, b->bottom + 4);
            cairo_rotate(cr, -40 * G_PI / 180);
            cairo_move_to(cr, -100, -6);
        } else
            cairo_move_to(cr, x - slot / 2, b->bottom + 3);
        pango_cairo_show_layout(cr, l);
        cairo_restore(cr);
    }
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_width(l, -1);
    pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
}

/* Draws the chart in the box (0,0)-(w,h) of cr's user space. */
static void draw_chart(cairo_t *cr, const struct doc_chart *c, const char *lang, double w, double h)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    pango_context_set_language(pango_layout_get_context(l), pango_language_from_string(lang));
    PangoFontDescription *font = pango_font_description_from_string(FONT " Bold 10");
    pango_layout_set_font_description(l, font);
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    set_plain(l, c->title);
    cairo_rectangle(cr, 0, 0, w, h);
    set_rgb(cr, 0xFFFFFF);
    cairo_fill(cr);
    set_rgb(cr, 0x222222);
    cairo_move_to(cr, 0, 0);
    pango_cairo_show_layout(cr, l);
    double title_h = layout_height(l);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_width(l, -1);
    pango_font_description_set_weight(font, PANGO_WEIGHT_NORMAL);
    pango_font_description_set_size(font, 7 * PANGO_SCALE);
    pango_layout_set_font_description(l, font);
    struct report_chart_scale sc;
    report_chart_scale(c, &sc);
    int rows = chart_legend(cr, l, c, w, 0, 0);
    struct chart_box box;
    chart_box(l, c, &sc, w, h, title_h, rows, &box);
    chart_axis(cr, l, c, &sc, &box);
    chart_bars(cr, c, &sc, &box);
    chart_categories(cr, l, c, &box);
    chart_legend(cr, l, c, w, h - 14.0 * rows, 1);
    pango_font_description_free(font);
    g_object_unref(l);
}

static void put_chart(struct pdf *p, const struct doc_chart *c)
{
    double w = TEXT_W, h = TEXT_W * CHART_H / CHART_W;
    if (p->y + h > BOTTOM && p->y > MARGIN)
        new_page(p);
    if (!p->dry) {
        cairo_save(p->cr);
        cairo_translate(p->cr, MARGIN, p->y);
        cairo_scale(p->cr, w / CHART_W, w / CHART_W);
        draw_chart(p->cr, c, p->d->lang, CHART_W, CHART_H);
        cairo_restore(p->cr);
    }
    p->y += h + 12;
}

/* ---- document ------------------------------------------------------------------------------- */

static void put_blocks(struct pdf *p)
{
    p->page = 1;
    p->y = MARGIN;
    put_title(p);
    for (size_t i = 0; i < p->d->nblocks; i++) {
        const struct doc_block *b = &p->d->blocks[i];
        switch (b->kind) {
        case DOC_HEADING:
            put_heading(p, b);
            break;
        case DOC_PARA:
            put_para(p, &b->para, 0, 6);
            break;
        case DOC_LIST:
            put_list(p, b);
            break;
        case DOC_TABLE:
            put_table(p, b->table);
            break;
        case DOC_PAGE_BREAK:
            if (p->y > MARGIN)
                new_page(p);
            break;
        case DOC_CHART:
            put_chart(p, b->chart);
            break;
        }
    }
    draw_footer(p);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    return buf_append(closure, data, length) ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

static cairo_status_t to_nothing(void *closure, const unsigned char *data, unsigned int length)
{
    return CAIRO_STATUS_SUCCESS;
}

static void pdf_close(struct pdf *p)
{
    for (int i = 0; i < F_COUNT; i++)
        if (p->fonts[i])
            pango_font_description_free(p->fonts[i]);
    if (p->layout)
        g_object_unref(p->layout);
    if (p->pango)
        g_object_unref(p->pango);
    if (p->cr)
        cairo_destroy(p->cr);
    if (p->surface)
        cairo_surface_destroy(p->surface);
}

/* One pass over the document onto a PDF stream (out, or nowhere when dry). */
static int pdf_pass(struct pdf *p, struct buf *out, struct err *err)
{
    static const char *const font_names[F_COUNT] = {
        FONT " 10",      FONT " Bold 16", FONT " Bold 13", FONT " Bold 11",
        FONT " Bold 22", FONT " 8",       FONT " 8.5"};
    p->surface =
        cairo_pdf_surface_create_for_stream(p->dry ? to_nothing : to_buf, out, PAGE_W, PAGE_H);
    p->cr = cairo_create(p->surface);
    p->pango = pango_cairo_create_context(p->cr);
    pango_context_set_language(p->pango, pango_language_from_string(p->d->lang));
    p->layout = pango_layout_new(p->pango);
    pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
    for (int i = 0; i < F_COUNT; i++)
        p->fonts[i] = pango_font_description_from_string(font_names[i]);
    if (!p->dry) {
        cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, p->d->title);
        if (p->d->author)
            cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR, p->d->author);
        cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "suivi");
    }
    put_blocks(p);
    cairo_surface_finish(p->surface);
    cairo_status_t st = cairo_surface_status(p->surface);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_status(p->cr);
    pdf_close(p);
    if (st != CAIRO_STATUS_SUCCESS)
        return err_set(err, st == CAIRO_STATUS_NO_MEMORY ? ERR_NOMEM : ERR_IO, "report: PDF: %s",
                       cairo_status_to_string(st));
    return 0;
}

int report_render_pdf_buf(const struct doc *d, struct buf *out, struct err *err)
{
    int rc = doc_status(d, err);
    if (rc)
        return rc;
    struct pdf dry = {.d = d, .dry = 1};
    if ((rc = pdf_pass(&dry, NULL, err)))
        return rc;
    struct pdf real = {.d = d, .pages = dry.page};
    return pdf_pass(&real, out, err);
}

int report_render_pdf(const struct doc *d, const char *path, struct err *err)
{
    struct buf pdf = BUF_INIT;
    int rc = report_render_pdf_buf(d, &pdf, err);
    if (rc) {
        err_prefix(err, "%s", path);
        goto out;
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        rc = err_set(err, ERR_IO, "report: %s: cannot create: %m", path);
        goto out;
    }
    size_t n = fwrite(pdf.data, 1, pdf.len, f);
    if (fclose(f) != 0 || n != pdf.len)
        rc = err_set(err, ERR_IO, "report: %s: write failed: %m", path);
out:
    buf_free(&pdf);
    return rc;
}

int report_chart_png(const struct doc_chart *c, int width_px, int height_px, struct buf *out,
                     struct err *err)
{
    if (width_px < 16 || height_px < 16 || width_px > 8000 || height_px > 8000)
        return err_set(err, ERR_INPUT, "report: chart image %dx%d px is out of range", width_px,
                       height_px);
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width_px, height_px);
    cairo_t *cr = cairo_create(img);
    double scale = width_px / CHART_W;
    cairo_scale(cr, scale, scale);
    draw_chart(cr, c, "en", CHART_W, height_px / scale);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_write_to_png_stream(img, to_buf, out);
    cairo_surface_destroy(img);
    if (st != CAIRO_STATUS_SUCCESS)
        return err_set(err, st == CAIRO_STATUS_NO_MEMORY ? ERR_NOMEM : ERR_IO,
                       "report: chart image: %s", cairo_status_to_string(st));
    return 0;
}
