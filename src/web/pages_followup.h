/*
 * pages_followup.h — what the follow-up pages share (prefix fup_): pages_followup.c (the
 * follow-up part of a recommendation's page), pages_progress.c (its forms, /validation, /my,
 * evidence downloads), pages_institutions.c (/followup, /institutions, /clusters, /deadlines,
 * /outbox) and pages_reports.c (/reports). Private to those files; the handlers themselves
 * are declared in handlers.h.
 *
 * Forms follow one pattern: each carries the session's CSRF token and a hidden "form" naming
 * it; success answers 303 to the page with ?done=WORD (fup_done_text says it); a refusal
 * renders the page again with status 400 (403 when core denies), core's message in an alert,
 * and the refused form's values kept (fup_kept).
 */
#ifndef SUIVI_WEB_PAGES_FOLLOWUP_H
#define SUIVI_WEB_PAGES_FOLLOWUP_H

#include <stdint.h>

#include "core/followup.h"
#include "web/handlers.h"

/* A positive decimal id, or 0 for anything else (NULL, "", "12x", "-3"). */
long fup_id(const char *s);

/* The status for a refused form: 403 for ERR_DENIED, 400 for ERR_INPUT and ERR_USAGE, 404 for
 * ERR_NOTFOUND; 0 for errors that are not the form's fault (they make an error page). */
int fup_refusal_status(int rc);

/* The translated message of a ?done= word, or NULL for an unknown one. n is the count the
 * message may need (reminders queued). */
const char *fup_done_text(const struct req *r, const char *done, long n, struct buf *scratch);

/* Appends the notice of ?done= (and ?n=), or the alert of a refused form: headline (translated)
 * and detail (core's message). Nothing when neither. */
int fup_messages(const struct req *r, struct buf *b, const char *headline, const char *detail);

/* The value the person typed into field of form, when this request is that form being shown
 * again after a refusal; else NULL. */
const char *fup_kept(const struct req *r, const char *form, const char *field);

/* <form method="post" action=ACTION [enctype multipart]> with the CSRF token and the hidden
 * "form" field. The caller closes it with </form>. */
int fup_form_open(const struct req *r, struct buf *b, const char *action, const char *form,
                  int multipart);

/* A labelled input (type text, date, number, file...) in a div.field; value may be NULL; hint
 * (may be NULL) is tied to it with aria-describedby. */
int fup_input(struct buf *b, const char *id, const char *name, const char *label, const char *type,
              const char *value, int required, const char *hint);
int fup_textarea(struct buf *b, const char *id, const char *name, const char *label,
                 const char *value, int required);

/* A select of the five implementation statuses (name="status"), current selected. */
int fup_status_select(const struct req *r, struct buf *b, const char *id, const char *label,
                      const char *current);

/* Badges: an implementation status (or "No validated report" when !known), a workflow state,
 * an action's state. Classes come from fixed lists, never from data. */
int fup_status_badge(const struct req *r, struct buf *b, int known, enum core_status s);
int fup_workflow_badge(const struct req *r, struct buf *b, enum core_workflow w);
int fup_action_badge(const struct req *r, struct buf *b, enum core_action_status s);

/* "2026-05-01" in a <time> element (UTC); nothing for 0. */
int fup_when(struct buf *b, int64_t ms);

/* A number as the reader's language writes it (decimal comma in French and Spanish), then
 * " unit" when unit is given. */
int fup_number(const struct req *r, struct buf *b, double v, const char *unit);

/* "YYYY-MM-DD" for today (UTC). */
void fup_today(char out[11]);

/* ---- institutions ------------------------------------------------------------------------ */

struct fup_institution {
    long id;
    char *code, *name, *kind;
};

struct fup_institutions {
    struct fup_institution *v;
    size_t n, cap;
};

/* Every institution, in code order. Free with fup_institutions_free (a zeroed list is empty). */
int fup_institutions_load(struct req *r, struct fup_institutions *out,
                          struct err *err) SUIVI_MUST_CHECK;
void fup_institutions_free(struct fup_institutions *l);
const struct fup_institution *fup_institution_by_id(const struct fup_institutions *l, long id);
const struct fup_institution *fup_institution_by_code(const struct fup_institutions *l,
                                                      const char *code);
/* The institution of a form's code as an id: 0 for none, ERR_INPUT naming the code when unknown. */
int fup_institution_id(const struct fup_institutions *l, const char *code, long *id,
                       struct err *err) SUIVI_MUST_CHECK;

/* A select name="institution" of the institutions (only those whose ids are in only[0..nonly)
 * when only is not NULL), current's code selected; any (translated) labels an empty first
 * choice, or is NULL when one must be chosen. */
int fup_institution_select(const struct req *r, struct buf *b, const char *id,
                           const struct fup_institutions *l, const long *only, size_t nonly,
                           const char *current, const char *any);

/* ---- pieces of the recommendation page --------------------------------------------------- */

/* 0 when recommendation rec_id exists, else ERR_NOTFOUND (or a store error) in err. */
int fup_rec_exists(struct req *r, const char *rec_id, struct err *err) SUIVI_MUST_CHECK;

/* A number typed into a form ("12.5", or "12,5" as French and Spanish write it): NAN for an
 * empty or missing one; ERR_INPUT naming field for anything else. */
int fup_parse_number(const char *field, const char *text, double *out,
                     struct err *err) SUIVI_MUST_CHECK;

/* A <details> box around a form that is closed until asked for; open when the page is drawn
 * again after that form was refused. Close it with </details>. */
int fup_details(const struct req *r, struct buf *b, const char *form, const char *summary);

/* The evidence files of a progress report, each linked to /evidence/ID, as a list (nothing when
 * none). */
int fup_evidence_list(struct req *r, struct buf *b, long progress_id,
                      struct err *err) SUIVI_MUST_CHECK;

/* The validate and return forms of a submitted report; from is where to come back to
 * ("validation" or "" for the recommendation's page). */
int fup_review_forms(const struct req *r, struct buf *b, long progress_id, const char *from);

/* Renders the page of recommendation rec_id again after a refused form: status, the headline and
 * core's message shown at the top of its follow-up section, the form's values kept. */
int fup_rec_again(struct req *r, struct resp *p, const char *rec_id, int status,
                  const char *headline, const char *detail);

/* The /validation page again after a refused review: status and core's message (pages_my.c). */
int page_validation_again(struct req *r, struct resp *p, int status, const char *detail);

/* The page of a recommendation's follow-up after a form succeeded: 303 to
 * /recommendations/ID?done=WORD#followup. */
int fup_rec_done(struct resp *p, const char *rec_id, const char *done);

/* The shortest text of a recommendation to show in a list: the reader's language when there,
 * cut to about max bytes at a word boundary, with an ellipsis. */
int fup_rec_excerpt(const struct req *r, struct buf *b, const struct store_rec *rec, size_t max);

/* ---- the follow-up section of a recommendation's page (pages_followup.c) ---------------- */

enum { FU_MAX_EDITABLE = 32 };

struct fu_assigned {
    long id, cluster_id, institution_id;
    int lead;
    char *deadline; /* owned; NULL when none */
};

struct fu_report {
    struct core_progress p; /* its strings point into text */
    char *text[4];          /* owned: narrative, review comment, author, reviewer */
};

/* What the section gathered before drawing, and where it draws. */
struct fu_page {
    struct req *r;
    struct buf *b;
    const char *rec_id;
    struct err *err;
    struct fup_institutions inst;
    struct fu_assigned *as; /* the assignments that apply (direct and through clusters) */
    size_t nas, cap_as;
    struct fu_report *reports; /* the reports the reader may see, newest first */
    size_t nreports, cap_reports;
    long editable[FU_MAX_EDITABLE]; /* assigned institutions the reader may plan and report for */
    size_t neditable;
    int manage, validate; /* manage_institutions, validate_progress */
};

const char *fu_institution_name(const struct fu_page *s, long id);
/* /recommendations/ID (percent-encoded) then tail, into url (reset first). */
int fu_url(struct buf *url, const char *rec_id, const char *tail);
/* Text as paragraphs, split at blank lines. */
int fu_paragraphs(struct buf *b, const char *text);

/* The forms of the section (pages_plan.c): assign and unassign, plan an action or change its
 * state, define an indicator or record a value, comment, assess independently. */
int fu_assign_form(struct fu_page *s);
int fu_unassign_cell(struct fu_page *s, const struct fu_assigned *a);
int fu_action_form(struct fu_page *s);
int fu_action_state_form(struct fu_page *s, struct buf *b, const struct core_plan_action *a);
int fu_indicator_form(struct fu_page *s);
int fu_value_form(struct fu_page *s, const struct core_indicator *ind);
int fu_comment_form(struct fu_page *s);
int fu_assessment_form(struct fu_page *s);

/* The forms of progress reports (pages_progress.c): a new draft; editing, attaching evidence to
 * and submitting a draft or returned report. */
int fu_draft_form(struct fu_page *s);
int fu_report_forms(struct fu_page *s, const struct core_progress *p);

#endif
