/*
 * charts.c — bar and stacked-bar charts as SVG text (see render.h), plus the scale, palette and
 * number format that pdf.c's cairo painter shares so both look alike. The SVG is deterministic
 * (no clock, no random ids, numbers printed without the C locale's help) so tests can compare
 * it and reports can be diffed. Text widths are estimated (no font metrics here): labels that
 * may not fit are shortened with an ellipsis and the full text stays in a <title>.
 */
#include "report/render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SVG_W = 640, SVG_H = 360, PLOT_LEFT = 56, PLOT_RIGHT = 16, PLOT_TOP = 44 };
#define CHAR_PX 6.6 /* estimated advance of a 12px sans-serif character */

void report_chart_scale(const struct doc_chart *c, struct report_chart_scale *scale)
{
    double top = 0;
    for (size_t k = 0; k < c->ncat; k++) {
        double sum = 0;
        for (size_t s = 0; s < c->nseries; s++) {
            double v = c->values[s * c->ncat + k];
            sum = c->kind == DOC_CHART_STACKED ? sum + v : (v > sum ? v : sum);
        }
        top = sum > top ? sum : top;
    }
    if (!(top > 0) || !isfinite(top))
        top = 1;
    double raw = top / 5.0, mag = pow(10.0, floor(log10(raw))), norm = raw / mag, nice = 10;
    static const double steps[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (norm <= steps[i] + 1e-9) {
            nice = steps[i];
            break;
        }
    scale->step = nice * mag;
    if (scale->step < 1 && top >= 1)
        scale->step = 1;
    scale->nticks = (int)ceil(top / scale->step - 1e-9);
    if (scale->nticks < 1)
        scale->nticks = 1;
    scale->max = scale->nticks * scale->step;
}

unsigned report_chart_color(size_t series)
{
    static const unsigned palette[] = {0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7,
                                       0x56B4E9, 0xD55E00, 0xF0E442, 0x000000};
    return palette[series % (sizeof palette / sizeof palette[0])];
}

void report_chart_number(const struct doc_chart *c, double v, char *out, size_t size)
{
    long long tenths = llround(v * 10);
    if (tenths % 10 == 0)
        snprintf(out, size, "%lld", tenths / 10);
    else
        snprintf(out, size, "%s%lld%c%lld", tenths < 0 ? "-" : "", llabs(tenths) / 10,
                 c->decimal ? c->decimal : '.', llabs(tenths) % 10);
}

/* A coordinate with one decimal, independent of the locale. */
static void put_coord(struct buf *out, double v)
{
    long long tenths = llround(v * 10);
    if (tenths % 10 == 0)
        buf_printf(out, "%lld", tenths / 10);
    else
        buf_printf(out, "%s%lld.%lld", tenths < 0 ? "-" : "", llabs(tenths) / 10,
                   llabs(tenths) % 10);
}

/* Appends at most max characters of s (code points), with an ellipsis when shortened. */
static void put_short(struct buf *out, const char *s, size_t max)
{
    size_t chars = 0;
    const char *p = s;
    for (; *p; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80 && chars++ == max)
            break;
    }
    if (!*p) {
        report_xml_escape(out, s);
        return;
    }
    struct buf part = BUF_INIT;
    buf_append(&part, s, (size_t)(p - s));
    report_xml_escape(out, buf_str(&part));
    buf_puts(out, "…");
    buf_free(&part);
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Legend rows needed for the series names at the chart width. */
static int legend_rows(const struct doc_chart *c)
{
    double x = PLOT_LEFT;
    int rows = 1;
    for (size_t s = 0; s < c->nseries; s++) {
        double w =
            18 + CHAR_PX * (double)(utf8_chars(c->series[s]) < 30 ? utf8_chars(c->series[s]) : 30) +
            14;
        if (x + w > SVG_W - PLOT_RIGHT && x > PLOT_LEFT) {
            rows++;
            x = PLOT_LEFT;
        }
        x += w;
    }
    return rows;
}

static void put_legend(struct buf *out, const struct doc_chart *c, double y)
{
    double x = PLOT_LEFT;
    buf_puts(out, "<g class=\"legend\">");
    for (size_t s = 0; s < c->nseries; s++) {
        size_t n = utf8_chars(c->series[s]) < 30 ? utf8_chars(c->series[s]) : 30;
        double w = 18 + CHAR_PX * (double)n + 14;
        if (x + w > SVG_W - PLOT_RIGHT && x > PLOT_LEFT) {
            y += 20;
            x = PLOT_LEFT;
        }
        buf_printf(out, "<rect x=\"");
        put_coord(out, x);
        buf_puts(out, "\" y=\"");
        put_coord(out, y - 10);
        buf_printf(out, "\" width=\"12\" height=\"12\" fill=\"#%06X\"/><text x=\"",
                   report_chart_color(s));
        put_coord(out, x + 18);
        buf_puts(out, "\" y=\"");
        put_coord(out, y);
        buf_puts(out, "\">");
        put_short(out, c->series[s], 30);
        buf_puts(out, "</text>");
        x += w;
    }
    buf_puts(out, "</g>");
}

static void put_axis(struct buf *out, const struct doc_chart *c,
                     const struct report_chart_scale *sc, double plot_bottom)
{
    double ph = plot_bottom - PLOT_TOP;
    buf_puts(out, "<g class=\"axis\" stroke=\"#CCCCCC\" stroke-width=\"1\">");
    for (int t = 0; t <= sc->nticks; t++) {
        double y = plot_bottom - ph * t / sc->nticks;
        buf_printf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"", PLOT_LEFT, SVG_W - PLOT_RIGHT);
        put_coord(out, y);
        buf_puts(out, "\" y2=\"");
        put_coord(out, y);
        buf_puts(out, "\"/>");
    }
    buf_puts(out, "</g><g class=\"ticks\" text-anchor=\"end\">");
    for (int t = 0; t <= sc->nticks; t++) {
        char num[32];
        report_chart_number(c, sc->step * t, num, sizeof num);
        buf_printf(out, "<text x=\"%d\" y=\"", PLOT_LEFT - 6);
        put_coord(out, plot_bottom - ph * t / sc->nticks + 4);
        buf_printf(out, "\">%s</text>", num);
    }
    buf_puts(out, "</g>");
}

static void put_bar(struct buf *out, const struct doc_chart *c, size_t s, size_t k, double x,
                    double y, double w, double h)
{
    char num[32];
    report_chart_number(c, c->values[s * c->ncat + k], num, sizeof num);
    buf_printf(out, "<rect fill=\"#%06X\" x=\"", report_chart_color(s));
    put_coord(out, x);
    buf_puts(out, "\" y=\"");
    put_coord(out, y);
    buf_puts(out, "\" width=\"");
    put_coord(out, w);
    buf_puts(out, "\" height=\"");
    put_coord(out, h);
    buf_puts(out, "\"><title>");
    report_xml_escape(out, c->series[s]);
    buf_puts(out, " — ");
    report_xml_escape(out, c->categories[k]);
    buf_printf(out, ": %s</title></rect>", num);
}

static void put_bars(struct buf *out, const struct doc_chart *c,
                     const struct report_chart_scale *sc, double plot_bottom)
{
    double pw = SVG_W - PLOT_LEFT - PLOT_RIGHT, ph = plot_bottom - PLOT_TOP;
    double slot = pw / (double)c->ncat, group = slot * 0.7;
    buf_puts(out, "<g class=\"bars\">");
    for (size_t k = 0; k < c->ncat; k++) {
        double x0 = PLOT_LEFT + slot * (double)k + (slot - group) / 2, base = plot_bottom;
        for (size_t s = 0; s < c->nseries; s++) {
            double h = ph * c->values[s * c->ncat + k] / sc->max;
            if (c->kind == DOC_CHART_STACKED) {
                put_bar(out, c, s, k, x0, base - h, group, h);
                base -= h;
            } else {
                double w = group / (double)c->nseries;
                put_bar(out, c, s, k, x0 + w * (double)s, plot_bottom - h, w, h);
            }
        }
    }
    buf_puts(out, "</g>");
}

/* Category labels: horizontal when they fit their slot, else turned 40 degrees. */
static void put_categories(struct buf *out, const struct doc_chart *c, double plot_bottom,
                           int turned)
{
    double slot = (SVG_W - PLOT_LEFT - PLOT_RIGHT) / (double)c->ncat;
    size_t max = turned ? 22 : (size_t)(slot / CHAR_PX);
    buf_printf(out, "<g class=\"categories\" text-anchor=\"%s\">", turned ? "end" : "middle");
    for (size_t k = 0; k < c->ncat; k++) {
        double x = PLOT_LEFT + slot * ((double)k + 0.5), y = plot_bottom + 16;
        buf_puts(out, "<text x=\"");
        put_coord(out, x);
        buf_puts(out, "\" y=\"");
        put_coord(out, y);
        if (turned) {
            buf_puts(out, "\" transform=\"rotate(-40 ");
            put_coord(out, x);
            buf_putc(out, ' ');
            put_coord(out, y);
            buf_putc(out, ')');
        }
        buf_puts(out, "\"><title>");
        report_xml_escape(out, c->categories[k]);
        buf_puts(out, "</title>");
        put_short(out, c->categories[k], max ? max : 1);
        buf_puts(out, "</text>");
    }
    buf_puts(out, "</g>");
}

static int id_ok(const char *id)
{
    if (!id || !*id)
        return 0;
    for (const char *p = id; *p; p++)
        if (!(*p == '-' || *p == '_' || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
              (*p >= 'A' && *p <= 'Z')))
            return 0;
    return 1;
}

int report_chart_svg(const struct doc_chart *c, const char *id, struct buf *out, struct err *err)
{
    if (!id_ok(id))
        return err_set(err, ERR_INPUT, "report: chart id '%.40s' must be [A-Za-z0-9_-]+",
                       id ? id : "");
    struct report_chart_scale sc;
    report_chart_scale(c, &sc);
    double slot = (SVG_W - PLOT_LEFT - PLOT_RIGHT) / (double)c->ncat;
    int turned = 0;
    for (size_t k = 0; k < c->ncat; k++)
        turned |= (double)utf8_chars(c->categories[k]) * CHAR_PX > slot - 4;
    int rows = legend_rows(c);
    double height = SVG_H + (turned ? 60 : 0) + 20 * (rows - 1);
    double plot_bottom = height - 28 - 20 * rows - (turned ? 90 : 0);
    buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d ", SVG_W);
    put_coord(out, height);
    buf_printf(out,
               "\" role=\"img\" aria-labelledby=\"%s-title %s-desc\" "
               "font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"12\" "
               "fill=\"#222222\"><title id=\"%s-title\">",
               id, id, id);
    report_xml_escape(out, c->title);
    buf_printf(out, "</title><desc id=\"%s-desc\">", id);
    report_xml_escape(out, c->desc ? c->desc : c->title);
    buf_puts(out, "</desc><rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>");
    buf_printf(out, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">", PLOT_LEFT);
    put_short(out, c->title, 80);
    buf_puts(out, "</text>");
    put_axis(out, c, &sc, plot_bottom);
    put_bars(out, c, &sc, plot_bottom);
    buf_printf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"", PLOT_LEFT, SVG_W - PLOT_RIGHT);
    put_coord(out, plot_bottom);
    buf_puts(out, "\" y2=\"");
    put_coord(out, plot_bottom);
    buf_puts(out, "\" stroke=\"#555555\"/>");
    put_categories(out, c, plot_bottom, turned);
    put_legend(out, c, height - 12 - 20 * (rows - 1));
    int rc = buf_puts(out, "</svg>");
    return rc ? err_set(err, rc, "report: out of memory writing a chart") : 0;
}
