/*
 * draft.h — the draft of a report to a mechanism, built from the implementation matrix: a UPR
 * national report, a UPR mid-term report, or a periodic report to a treaty body. The document
 * (report/doc.h, rendered to DOCX or PDF) has a title page line naming the State and the
 * period, an introduction, a table counting the recommendations by validated status, then one
 * section per cluster: for each recommendation its text, the State's response, the validated
 * status and its narrative, the planned actions and the indicators.
 *
 * Pure: no store, no I/O; every word a person reads comes from the catalogues of tr. The
 * coordinator completes the draft in a word processor: it says so in its introduction.
 */
#ifndef SUIVI_REPORT_DRAFT_H
#define SUIVI_REPORT_DRAFT_H

#include "report/doc.h"
#include "report/rows.h"

enum report_draft_kind {
    REPORT_DRAFT_UPR_NATIONAL,
    REPORT_DRAFT_UPR_MIDTERM,
    REPORT_DRAFT_TREATY,
    REPORT_DRAFT_KIND_COUNT
};

/* "upr-national", "upr-midterm", "treaty" -> kind: 0, or ERR_INPUT for any other name. */
int report_draft_kind_parse(const char *name, enum report_draft_kind *out) SUIVI_MUST_CHECK;

/* What the draft says about itself. Strings are borrowed; only state is required. */
struct report_draft_meta {
    enum report_draft_kind kind;
    const char *state;  /* the State's name as the report prints it, e.g. "Slovénie" */
    const char *body;   /* treaty bodies: the committee's name or code (e.g. "CEDAW") */
    const char *period; /* e.g. "2020–2024"; may be NULL */
    const char *date;   /* as printed; may be NULL */
    const char *author; /* e.g. the national mechanism's name; may be NULL */
};

/* A section of the draft: a cluster's name and its recommendations, in order. */
struct report_draft_group {
    const char *name;
    const struct core_matrix_row *const *rows;
    size_t nrows;
};

/* Builds the draft. groups are printed in order; a row may appear in one group only (the
 * summary counts every row of every group once per appearance). On success *out is a new
 * document owned by the caller (doc_free). Errors: ERR_INPUT (no state, unknown kind),
 * ERR_NOMEM, or the document's own error. */
int report_draft_doc(const struct i18n_tr *tr, const struct report_lookup *lk,
                     const struct report_draft_meta *meta, const struct report_draft_group *groups,
                     size_t ngroups, struct doc **out, struct err *err) SUIVI_MUST_CHECK;

/* A cluster as the grouping knows it: its id and name, in the order sections should follow. */
struct report_cluster_ref {
    long id;
    const char *name;
};

/* Groups owned by report_draft_groups_free: the arrays, not the rows or the names. */
struct report_draft_groups {
    struct report_draft_group *group;
    size_t n;
    const struct core_matrix_row **all; /* the row pointers every group's rows point into */
};

/* Puts each of rows[0..nrows) in one group: the first of clusters (in their order) whose id
 * is among the row's cluster_ids; a row in none of them under the heading its source grouped
 * it under (store_rec.cluster_theme, in order of first appearance); a row with neither under
 * "Other recommendations" (translated), last. Empty groups are left out. *out must be zeroed;
 * free it with report_draft_groups_free. Errors: ERR_NOMEM. */
int report_draft_group_rows(const struct i18n_tr *tr, const struct core_matrix_row *rows,
                            size_t nrows, const struct report_cluster_ref *clusters,
                            size_t nclusters, struct report_draft_groups *out,
                            struct err *err) SUIVI_MUST_CHECK;
void report_draft_groups_free(struct report_draft_groups *g);

#endif
