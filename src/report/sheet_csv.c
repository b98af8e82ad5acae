/*
 * sheet_csv.c — one sheet of a workbook as CSV (see render.h), through report_csv_field so the
 * quoting rules are the export's. Numbers are written with '.' whatever the locale, dates as
 * YYYY-MM-DD. Optional guards for spreadsheet programs: a byte order mark so Excel reads UTF-8,
 * and a ' before text that a spreadsheet would take for a formula (CSV injection).
 */
#include "report/render.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/csv.h"

/* A double with up to 15 significant digits and '.' as decimal separator in any locale. */
static void format_number(double v, char *out, size_t size)
{
    snprintf(out, size, "%.15g", v);
    for (char *p = out; *p; p++)
        if (*p == ',')
            *p = '.';
}

static int put_cell(struct buf *out, const struct sheet_cell *c, unsigned flags, int first)
{
    char num[64];
    switch (c->type) {
    case SHEET_EMPTY:
        return report_csv_field(out, "", first);
    case SHEET_INT:
        snprintf(num, sizeof num, "%lld", c->i);
        return report_csv_field(out, num, first);
    case SHEET_NUM:
        if (!isfinite(c->num))
            return report_csv_field(out, "", first);
        format_number(c->num, num, sizeof num);
        return report_csv_field(out, num, first);
    case SHEET_DATE:
        return report_csv_field(out, c->text, first);
    case SHEET_TEXT:
        break;
    }
    if ((flags & REPORT_CSV_FORMULA_GUARD) && c->text[0] && strchr("=+-@", c->text[0])) {
        struct buf guarded = BUF_INIT;
        buf_putc(&guarded, '\'');
        buf_puts(&guarded, c->text);
        int rc = guarded.oom ? ERR_NOMEM : report_csv_field(out, buf_str(&guarded), first);
        buf_free(&guarded);
        return rc;
    }
    return report_csv_field(out, c->text, first);
}

int report_render_sheet_csv(const struct sheet_book *b, size_t index, unsigned flags,
                            struct buf *out, struct err *err)
{
    int rc = sheet_status(b, err);
    if (rc)
        return rc;
    if (index >= b->nsheets)
        return err_set(err, ERR_NOTFOUND, "report: the workbook has %zu sheets, no sheet %zu",
                       b->nsheets, index + 1);
    const struct sheet *s = &b->sheets[index];
    if (flags & REPORT_CSV_BOM)
        buf_puts(out, "\xEF\xBB\xBF");
    for (size_t c = 0; c < s->ncols; c++)
        report_csv_field(out, s->header[c], c == 0);
    buf_putc(out, '\n');
    for (size_t r = 0; r < s->nrows; r++) {
        for (size_t c = 0; c < s->ncols; c++)
            put_cell(out, sheet_cell_at(s, r, c), flags, c == 0);
        buf_putc(out, '\n');
    }
    return out->oom ? err_set(err, ERR_NOMEM, "report: out of memory writing CSV") : 0;
}
