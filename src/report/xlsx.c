/*
 * xlsx.c — a workbook of sheets (report/doc.h) as an .xlsx file through libxlsxwriter; the only
 * file that includes xlsxwriter.h. Each sheet: a bold shaded header row (frozen and with filter
 * buttons when the sheet asks), column widths, wrapped text aligned to the top, integers and
 * numbers as numbers, dates as real dates shown YYYY-MM-DD; printed on A4 landscape one page
 * wide with the header row repeated. Text is written as strings, never as formulas, so a cell
 * starting with '=' cannot run anything in a spreadsheet program.
 */
#include "report/render.h"

#include <stdio.h>

#include <xlsxwriter.h>

#define DEFAULT_WIDTH 16.0

struct formats {
    lxw_format *header, *text, *number, *date;
};

static void make_formats(lxw_workbook *wb, struct formats *f)
{
    f->header = workbook_add_format(wb);
    format_set_bold(f->header);
    format_set_bg_color(f->header, 0xE8EEF4);
    format_set_pattern(f->header, LXW_PATTERN_SOLID);
    format_set_border(f->header, LXW_BORDER_THIN);
    format_set_text_wrap(f->header);
    format_set_align(f->header, LXW_ALIGN_VERTICAL_TOP);
    f->text = workbook_add_format(wb);
    format_set_text_wrap(f->text);
    format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
    f->number = workbook_add_format(wb);
    format_set_align(f->number, LXW_ALIGN_VERTICAL_TOP);
    f->date = workbook_add_format(wb);
    format_set_num_format(f->date, "yyyy-mm-dd");
    format_set_align(f->date, LXW_ALIGN_VERTICAL_TOP);
}

static lxw_error write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                            const struct sheet_cell *c, const struct formats *f)
{
    switch (c->type) {
    case SHEET_TEXT:
        return worksheet_write_string(ws, row, col, c->text, f->text);
    case SHEET_INT:
        return worksheet_write_number(ws, row, col, (double)c->i, f->number);
    case SHEET_NUM:
        return worksheet_write_number(ws, row, col, c->num, f->number);
    case SHEET_DATE: {
        lxw_datetime dt = {0};
        if (sscanf(c->text, "%4d-%2d-%2d", &dt.year, &dt.month, &dt.day) != 3)
            return worksheet_write_string(ws, row, col, c->text, f->text);
        return worksheet_write_datetime(ws, row, col, &dt, f->date);
    }
    case SHEET_EMPTY:
        break;
    }
    return LXW_NO_ERROR;
}

static int write_sheet(lxw_workbook *wb, const struct sheet *s, const struct formats *f,
                       struct err *err)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, s->name);
    if (!ws)
        return err_set(err, ERR_INPUT, "report: sheet '%s' could not be added", s->name);
    if (s->nrows >= LXW_ROW_MAX || s->ncols > LXW_COL_MAX)
        return err_set(err, ERR_INPUT, "report: sheet '%s' has %zu rows, %zu columns: too many",
                       s->name, s->nrows, s->ncols);
    lxw_error e = LXW_NO_ERROR;
    for (size_t c = 0; c < s->ncols && !e; c++) {
        double w = s->widths[c] > 0 ? s->widths[c] : DEFAULT_WIDTH;
        e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
        if (!e)
            e = worksheet_write_string(ws, 0, (lxw_col_t)c, s->header[c], f->header);
    }
    for (size_t r = 0; r < s->nrows && !e; r++)
        for (size_t c = 0; c < s->ncols && !e; c++) {
            e = write_cell(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, sheet_cell_at(s, r, c), f);
            if (e)
                return err_set(err, ERR_INPUT, "report: sheet '%s' row %zu column %zu: %s", s->name,
                               r + 1, c + 1, lxw_strerror(e));
        }
    if (e)
        return err_set(err, ERR_INPUT, "report: sheet '%s' header: %s", s->name, lxw_strerror(e));
    /* printed: A4 landscape, as wide as one page, the header row on every page */
    worksheet_set_paper(ws, 9);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    if ((e = worksheet_repeat_rows(ws, 0, 0)))
        return err_set(err, ERR_INPUT, "report: sheet '%s' print titles: %s", s->name,
                       lxw_strerror(e));
    if ((s->flags & SHEET_FREEZE_HEADER) && s->ncols)
        worksheet_freeze_panes(ws, 1, 0);
    if ((s->flags & SHEET_AUTOFILTER) && s->ncols &&
        (e = worksheet_autofilter(ws, 0, 0, (lxw_row_t)s->nrows, (lxw_col_t)(s->ncols - 1))))
        return err_set(err, ERR_INPUT, "report: sheet '%s' filter: %s", s->name, lxw_strerror(e));
    return 0;
}

int report_render_xlsx(const struct sheet_book *b, const char *path, struct err *err)
{
    int rc = sheet_status(b, err);
    if (rc)
        return rc;
    if (!b->nsheets)
        return err_set(err, ERR_INPUT, "report: %s: a workbook needs at least one sheet", path);
    FILE *probe = fopen(path, "wb"); /* a clear error now, rather than libxlsxwriter's later */
    if (!probe)
        return err_set(err, ERR_IO, "report: %s: cannot create: %m", path);
    fclose(probe);
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return err_set(err, ERR_NOMEM, "report: %s: out of memory creating the workbook", path);
    lxw_doc_properties props = {.title = b->title, .author = b->author};
    workbook_set_properties(wb, &props);
    struct formats f;
    make_formats(wb, &f);
    for (size_t i = 0; i < b->nsheets && !rc; i++)
        rc = write_sheet(wb, &b->sheets[i], &f, err);
    if (rc)
        err_prefix(err, "%s", path);
    lxw_error e = workbook_close(wb); /* writes the file, frees wb in every case */
    if (!rc && e)
        rc = err_set(err, ERR_IO, "report: %s: %s", path, lxw_strerror(e));
    if (rc)
        remove(path); /* never leave a workbook that lacks sheets or rows */
    return rc;
}
