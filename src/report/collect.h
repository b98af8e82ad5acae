/*
 * collect.h — gathering what a follow-up report needs, through core: the names of terms and
 * institutions in the report's language, and the rows the actor may see (sorted, with each
 * indicator's values). Shared by `suivi report` and the web's /reports pages.
 */
#ifndef SUIVI_REPORT_COLLECT_H
#define SUIVI_REPORT_COLLECT_H

#include "core/followup.h"
#include "report/rows.h"
#include "text/fold.h"

/* Fills *lk and *rows (owned by the caller, freed with report_lookup_free and report_rows_free
 * even on error; NULL when never made). */
int report_collect(struct store *st, const struct core_actor *actor,
                   const struct core_matrix_filter *filter, enum text_lang lang,
                   struct report_lookup **lk, struct report_rows **rows,
                   struct err *err) SUIVI_MUST_CHECK;

#endif
