/*
 * coop_annual.h — the annual report of the technical-cooperation repository for the Human
 * Rights Council (resolution 54/28 §16): the activities of a year (matches between needs and
 * offers that were live during it) by region, theme, SDG goal and provider type, each split by
 * the state of the exchange; the needs met and unmet by region; and the lists behind the
 * figures. Built from core_coop_report_each ONLY, so it shows nothing the actor could not see
 * (the public gets a report of public needs). As a document (report/doc.h: HTML, DOCX, PDF)
 * or a workbook (XLSX; CSV gives its summary sheet). Shared by `suivi report coop-annual` and
 * the web's /coop/report.
 */
#ifndef SUIVI_REPORT_COOP_ANNUAL_H
#define SUIVI_REPORT_COOP_ANNUAL_H

#include "core/coop.h"
#include "report/doc.h"
#include "util/buf.h"
#include "web/i18n.h"

struct report_coop_annual;

/* Reads what actor may see for year (1900..9999) with words from tr (borrowed until
 * report_coop_annual_free). On success *out is owned by the caller. Errors: ERR_INPUT (year),
 * ERR_NOMEM, the store's. */
int report_coop_annual_collect(struct store *st, const struct core_actor *actor,
                               const struct i18n_tr *tr, int year, struct report_coop_annual **out,
                               struct err *err) SUIVI_MUST_CHECK;
void report_coop_annual_free(struct report_coop_annual *a);

/* The report as a document / a workbook (owned by the caller: doc_free / sheet_free). author
 * may be NULL. */
int report_coop_annual_doc(const struct report_coop_annual *a, const char *author, struct doc **out,
                           struct err *err) SUIVI_MUST_CHECK;
int report_coop_annual_sheet(const struct report_coop_annual *a, const char *author,
                             struct sheet_book **out, struct err *err) SUIVI_MUST_CHECK;

/* The report in format ("pdf", "docx", "xlsx", "csv", "html") appended to out (DOCX and XLSX
 * pass through a private temporary file, removed). ERR_INPUT for another format. */
int report_coop_annual_render(const struct report_coop_annual *a, const char *format,
                              const char *author, struct buf *out,
                              struct err *err) SUIVI_MUST_CHECK;

/* Figures, for tests and the command line's summary: activities (dim "activities": key NULL
 * for all; "region", "theme", "sdg", "provider" with the category's code; state a match state
 * or -1 for all) and needs (dim "needs": key NULL, "met", "unmet" or "withdrawn"). 0 when
 * unknown. */
long report_coop_annual_count(const struct report_coop_annual *a, const char *dim, const char *key,
                              int state);

#endif
