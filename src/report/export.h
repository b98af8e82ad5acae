/*
 * export.h — recommendations written out as CSV rows or JSON objects, field for field as they
 * were imported (plus their links), so `suivi export` loses nothing and can be read back with
 * `suivi import csv --map data/mappings/suivi-export.map`.
 */
#ifndef SUIVI_REPORT_EXPORT_H
#define SUIVI_REPORT_EXPORT_H

#include "store/store.h"
#include "util/buf.h"

/* The header line of the CSV export (with its newline). */
int report_export_csv_header(struct buf *out);
/* One recommendation as one CSV line (with its newline); list fields joined with "|". */
int report_export_csv_row(struct buf *out, const struct store_rec *r);
/* One recommendation as one JSON object (no newline). */
int report_export_json(struct buf *out, const struct store_rec *r);

#endif
