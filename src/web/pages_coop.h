/*
 * pages_coop.h — what the pages of the technical-cooperation repository share (prefix coop_):
 * pages_coop.c (/coop, needs), pages_coop_match.c (offers, matches, the box on a
 * recommendation's page), pages_coop_history.c (a need's histories), pages_coop_report.c (the
 * annual report) and pages_coop_common.c (labels, form fields, the score explained by its parts,
 * ranked candidates and the proposal form, a move's cells).
 * Private to those files; the handlers are declared in handlers.h. Who may see what is
 * core/coop.c's business: these pages only show what core gives them and ask core before they offer
 * a button.
 *
 * Forms follow the follow-up pages' pattern (pages_followup.h): CSRF token and a hidden "form",
 * 303 with ?done=WORD on success, the page again with 400/403 and core's message on refusal.
 */
#ifndef SUIVI_WEB_PAGES_COOP_H
#define SUIVI_WEB_PAGES_COOP_H

#include "core/coop.h"
#include "core/match.h"
#include "web/pages_followup.h"

/* Vocabularies whose codes the pages label. */
enum coop_vocab {
    COOP_ORG_KIND,     /* enum core_org_kind */
    COOP_HELP,         /* enum core_help_kind */
    COOP_VISIBILITY,   /* enum core_visibility */
    COOP_NEED_STATUS,  /* enum core_need_status */
    COOP_OFFER_STATUS, /* enum core_offer_status */
    COOP_MODALITY,     /* enum core_modality */
    COOP_MATCH_STATE,  /* enum core_match_state */
    COOP_PART,         /* enum core_match_part */
    COOP_VOCAB_COUNT
};

/* The translated label of code in vocab, or "" when out of range. */
const char *coop_label(const struct req *r, enum coop_vocab vocab, int code);

/* The labels of the kinds in mask (COOP_HELP or COOP_ORG_KIND), ", "-joined, as escaped text. */
int coop_mask_text(const struct req *r, struct buf *b, enum coop_vocab vocab, unsigned mask);

/* A fieldset of checkboxes name=CODE for every kind of vocab (COOP_HELP or COOP_ORG_KIND),
 * those in checked ticked. */
int coop_mask_boxes(const struct req *r, struct buf *b, const char *name, const char *legend,
                    enum coop_vocab vocab, unsigned checked);

/* A select name of every code of vocab (labelled), current selected; any: an empty first
 * choice labelled so (NULL: none). */
int coop_select(const struct req *r, struct buf *b, const char *id, const char *name,
                const char *label, enum coop_vocab vocab, int current, const char *any);

/* The mask of the kinds of vocab named by every value of form field name (unknown names are
 * ignored: the form only offers known ones). */
unsigned coop_form_mask(const struct req *r, const char *name, enum coop_vocab vocab);

/* Every value of form field name (NULL: none), and the words of form field text (split at commas,
 * spaces, semicolons, "|" and line ends), joined by "|" into out (empty when none). */
int coop_form_list(const struct req *r, const char *name, const char *text, struct buf *out);

/* 1 when form field name has value among its values. */
int coop_form_has(const struct req *r, const char *name, const char *value);

/* The notice of ?done=, or the alert of a refused form (headline "The change was refused."
 * and core's message). */
int coop_messages(const struct req *r, struct buf *b, const char *detail);

/* The page frame around body (freed), with <h1>title</h1>, keeping a status set before; or,
 * when rc is not 0, the error page of err (page_fail) instead. Returns 0. */
int coop_frame(struct req *r, struct resp *p, int rc, const struct err *err, const char *title,
               struct buf *body);

/* A refused form: the page again (again) with 400/403/404->400 and core's message; other
 * errors make an error page. */
int coop_refused(struct req *r, struct resp *p, int rc, const struct err *err,
                 int (*again)(struct req *, struct resp *, const char *));

/* A score explained by its parts: the total, then a table of each part's name, weight, value
 * (a meter) and share of the total. caption names what is scored. */
int coop_score_table(const struct req *r, struct buf *b, const struct core_match_score *s,
                     const char *caption);

/* The parts of a stored explanation ("theme=0.71 sdg=0.50 ...") into *s; total from them. */
void coop_score_parse(const char *explanation, struct core_match_score *s);

/* A badge of a need's visibility, a need's status or a match's state. */
int coop_badge(const struct req *r, struct buf *b, enum coop_vocab vocab, int code);

/* Text as paragraphs (blank lines separate them). */
int coop_paragraphs(struct buf *b, const char *text);

/* The viewer for this request (the actor and its organisation); ERR_* in err. */
int coop_viewer(struct req *r, struct core_coop_viewer *v, struct err *err) SUIVI_MUST_CHECK;

/* 1 when the request's actor is an administrator. */
int coop_is_admin(const struct req *r);

/* 1 when v acts for the State of need n (the State's own accounts), or is an administrator. */
int coop_own_need(const struct req *r, const struct core_coop_viewer *v, long org_id,
                  const char *country);

/* The organisations of kind (or every one when kind < 0) as a select name="org" for
 * administrators, who act for any of them; current selected. */
int coop_org_select(struct req *r, struct buf *b, const char *id, int kind, long current,
                    struct err *err) SUIVI_MUST_CHECK;

/* A "|"-separated list as "a, b, c" (escaped). */
int coop_list_text(struct buf *b, const char *list);

/* The section of a match's explanation, for the need page, the offer page and the match. */
int coop_match_row(const struct req *r, struct buf *b, const struct core_match *m);

/* The table of matches of need_id or offer_id (0: any) the reader may see, in a section. */
int coop_matches_section(struct req *r, struct buf *b, long need_id, long offer_id,
                         struct err *err) SUIVI_MUST_CHECK;

/* What happened to need need_id itself (core_need_history), in a section, for the need's State
 * and administrators; nothing for anyone else. */
int coop_need_own_history(struct req *r, struct buf *b, long need_id,
                          struct err *err) SUIVI_MUST_CHECK;

/* The history of the exchanges on need need_id (every move of the matches the reader may see,
 * oldest first), in a section; nothing when there is none. */
int coop_need_history(struct req *r, struct buf *b, long need_id, struct err *err) SUIVI_MUST_CHECK;

/* The select "lang" of the language a description is written in (the reader's ticked). */
int coop_lang_select(const struct req *r, struct buf *b, const char *id);

/* Candidates ranked for a need or an offer (core_match_for_*): each an <li> in out. */
struct coop_ranked {
    struct req *r;
    struct buf out;
    long id; /* the need or offer they are ranked for */
    int n;
};

/* The section of k's candidates: title, hint, then their list, or none when there is none. */
int coop_ranked_section(struct buf *b, const char *title, const char *hint, const char *none,
                        const struct coop_ranked *k);

/* The folded form (summary: its summary) that proposes the match of need_id and offer_id
 * from side (CORE_SIDE_NEED: the State; CORE_SIDE_OFFER: the provider), with a message. */
int coop_propose_form(const struct req *r, struct buf *b, long need_id, long offer_id,
                      enum core_match_side side, const char *summary);

/* The cells of a move of a match, after a row's opening cells up to "<td>": when, who, the
 * state before (when there was one) and after, the notes; closes the row. */
int coop_move_cells(const struct req *r, struct buf *b, int64_t at, const char *who,
                    enum core_match_state from, enum core_match_state to, const char *comment);

/* A need's or an offer's page again after a refused proposal: status set, core's message. */
int page_coop_need_again(struct req *r, struct resp *p, const char *detail);
int page_coop_offer_again(struct req *r, struct resp *p, const char *detail);

#endif
