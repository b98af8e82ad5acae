/*
 * csv.c (report) — CSV field writer (see report/csv.h).
 */
#include "report/csv.h"

#include <string.h>

int report_csv_field(struct buf *out, const char *value, int first)
{
    int rc = first ? 0 : buf_putc(out, ',');
    if (rc || !value)
        return rc;
    if (!strpbrk(value, ",\"\r\n"))
        return buf_puts(out, value);
    rc = buf_putc(out, '"');
    for (const char *p = value; *p && !rc; p++)
        rc = *p == '"' ? buf_puts(out, "\"\"") : buf_putc(out, *p);
    return rc ? rc : buf_putc(out, '"');
}
