/*
 * render.h — the report renderers: one document model (report/doc.h) in, one file format out.
 * Each external library lives in one file: html_doc.c (none), charts.c (none, SVG text),
 * docx.c (libzip), pdf.c (cairo + pango), xlsx.c (libxlsxwriter), sheet_csv.c (none).
 *
 * Every renderer first checks the model (doc_status / sheet_status) and refuses one that holds
 * an error. Writers to a path either produce the whole file or report ERR_IO naming the path;
 * a failed write may leave a partial file behind, which the caller removes.
 */
#ifndef SUIVI_REPORT_RENDER_H
#define SUIVI_REPORT_RENDER_H

#include "report/doc.h"
#include "util/buf.h"

/* A standalone, accessible HTML page (lang attribute, captions, <th scope>, inline SVG charts
 * with their data in a table) appended to out. */
int report_render_html(const struct doc *d, struct buf *out, struct err *err) SUIVI_MUST_CHECK;

/* An Office Open XML document (.docx): styles Title, Heading1-3, Normal, a bordered table style,
 * header rows repeated on each page, page numbers in the footer. A chart becomes a PNG picture
 * (drawn by pdf.c) with its description as alt text, followed by its data as a table. */
int report_render_docx(const struct doc *d, const char *path, struct err *err) SUIVI_MUST_CHECK;

/* An A4 PDF: 20 mm margins, "Page N of M" footer, wrapped paragraphs, tables that break across
 * pages repeating their header, charts drawn as vectors, an outline of the headings. Fonts are
 * DejaVu Sans through fontconfig. */
int report_render_pdf(const struct doc *d, const char *path, struct err *err) SUIVI_MUST_CHECK;
/* The same PDF appended to out. */
int report_render_pdf_buf(const struct doc *d, struct buf *out, struct err *err) SUIVI_MUST_CHECK;

/* A chart as a PNG image of width_px x height_px pixels appended to out (pdf.c: cairo). */
int report_chart_png(const struct doc_chart *c, int width_px, int height_px, struct buf *out,
                     struct err *err) SUIVI_MUST_CHECK;

/* An .xlsx workbook: one worksheet per sheet, bold header row (frozen and filtered when the
 * sheet asks), column widths, wrapped text, numbers as numbers, dates as dates. */
int report_render_xlsx(const struct sheet_book *b, const char *path,
                       struct err *err) SUIVI_MUST_CHECK;

enum {
    REPORT_CSV_BOM = 1,           /* start with a UTF-8 byte order mark, for Excel */
    REPORT_CSV_FORMULA_GUARD = 2, /* prefix text cells starting with = + - @ with ' */
};
/* Sheet number index of b as CSV (header line first, LF line ends) appended to out. */
int report_render_sheet_csv(const struct sheet_book *b, size_t index, unsigned flags,
                            struct buf *out, struct err *err) SUIVI_MUST_CHECK;

/* A chart as a standalone SVG element (viewBox, role="img", <title> and <desc>, legend),
 * appended to out. id prefixes the element ids so that several charts can share a page; it
 * must be a plain identifier ([A-Za-z0-9_-]). Output depends only on the chart. */
int report_chart_svg(const struct doc_chart *c, const char *id, struct buf *out,
                     struct err *err) SUIVI_MUST_CHECK;

/* What both chart painters (SVG here, cairo in pdf.c) share so the charts look alike. */
struct report_chart_scale {
    double max;  /* top of the value axis: a round number >= the largest bar */
    double step; /* distance between gridlines */
    int nticks;  /* gridlines above zero */
};
void report_chart_scale(const struct doc_chart *c, struct report_chart_scale *scale);
/* The 0xRRGGBB colour of series i: a colour-blind-safe palette (Okabe-Ito), repeating. */
unsigned report_chart_color(size_t series);
/* A value as the axis and labels print it: integers plain, others with one decimal, using the
 * chart's decimal separator. */
void report_chart_number(const struct doc_chart *c, double v, char *out, size_t size);

/* Appends s with &, <, >, " and ' escaped for XML and HTML text and attributes. */
int report_xml_escape(struct buf *out, const char *s);

#endif
