/*
 * dashboard.h — the follow-up dashboard: how far implementation has come, as charts (report/
 * doc.h bar charts, drawn as SVG in HTML and as vectors in PDF) and tables. Validated status by
 * body, by theme, by SDG goal and by lead institution; the validated statuses month by month;
 * an SDG view (per goal and target: recommendations, statuses, indicators); and "leave no one
 * behind": statuses by affected group. report_render_html makes it a page the web application
 * can serve as it is; report_render_pdf prints it.
 *
 * Rows are counted as they come (nothing of them is kept), so a dashboard of the whole database
 * costs one pass. Pure: no store, no I/O; every word comes from the catalogues of tr.
 */
#ifndef SUIVI_REPORT_DASHBOARD_H
#define SUIVI_REPORT_DASHBOARD_H

#include <stdint.h>

#include "report/doc.h"
#include "report/rows.h"

struct report_dashboard;

/* The columns every breakdown counts: the five statuses, implemented first, then "no validated
 * report". */
enum { REPORT_DASHBOARD_NCOLS = CORE_STATUS_COUNT + 1 };

/* Most categories a chart shows; the others are added up as "Others". */
enum { REPORT_DASHBOARD_TOP = 15, REPORT_DASHBOARD_MONTHS = 36 };

/* Starts an empty dashboard in tr's language; tr and lk (may be NULL) are borrowed until
 * report_dashboard_free. On success *out is owned by the caller. Errors: ERR_NOMEM. */
int report_dashboard_begin(const struct i18n_tr *tr, const struct report_lookup *lk,
                           struct report_dashboard **out, struct err *err) SUIVI_MUST_CHECK;
void report_dashboard_free(struct report_dashboard *db);

/* Counts one recommendation. */
int report_dashboard_add(struct report_dashboard *db,
                         const struct core_matrix_row *row) SUIVI_MUST_CHECK;

/* Records that a progress report giving status to recommendation rec_id was validated at at_ms
 * (ms since the epoch): the history the progress-over-time chart is drawn from. Events may come
 * in any order. */
int report_dashboard_event(struct report_dashboard *db, const char *rec_id, int64_t at_ms,
                           enum core_status status) SUIVI_MUST_CHECK;

struct report_dashboard_meta {
    const char *title;    /* NULL: "Follow-up dashboard" translated */
    const char *subtitle; /* the scope, e.g. the State's name; may be NULL */
    const char *date;     /* as printed; may be NULL */
    const char *author;   /* may be NULL */
};

/* The dashboard as a document (owned by the caller: doc_free). db stays usable. Errors:
 * ERR_NOMEM, or the document's own error. */
int report_dashboard_doc(const struct report_dashboard *db,
                         const struct report_dashboard_meta *meta, struct doc **out,
                         struct err *err) SUIVI_MUST_CHECK;

/* The count of rows added so far in a category of one breakdown, for tests and the web app:
 * dim is "body", "theme", "sdg" (goals and targets), "institution" or "affected"; key is the
 * body code, the tag's code (or its label when unlinked), the SDG code, the institution id in
 * decimal (or "" for none); col is a status (enum core_status) or CORE_STATUS_COUNT for "no
 * validated report", or -1 for all. 0 when unknown. */
long report_dashboard_count(const struct report_dashboard *db, const char *dim, const char *key,
                            int col);

#endif
