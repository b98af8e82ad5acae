/*
 * csv.h (report) — writing CSV (RFC 4180, UTF-8, CRLF-free LF lines) for exports and reports:
 * a field is quoted when it holds a comma, quote, CR or LF, and quotes are doubled.
 */
#ifndef SUIVI_REPORT_CSV_H
#define SUIVI_REPORT_CSV_H

#include "util/buf.h"

/* Appends one field (preceded by a comma unless first) to out. NULL writes an empty field. */
int report_csv_field(struct buf *out, const char *value, int first);

#endif
