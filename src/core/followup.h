/*
 * followup.h — the follow-up of recommendations inside an NMIRF: clusters, assignments to
 * institutions, planned actions, indicators and their values, progress reports with their
 * workflow (draft -> submitted -> validated | returned), evidence files, comments and
 * independent assessments, deadlines and the notification outbox. Every write checks the
 * actor's permission (core/permissions.h; focal points only for their institution) and records
 * an audit event in the same transaction. Only validated progress is published.
 *
 * Times are int64_t milliseconds since the epoch (core_now()); dates are "YYYY-MM-DD" text.
 * Strings in structs passed to callbacks are valid only during the callback.
 *
 * What anyone may read (the *_of functions without an actor): clusters, assignments, actions,
 * indicators, notes, deadlines and evidence metadata are the State's published plan; progress
 * reports and evidence bytes are checked against the actor (validated only for the public).
 * Actions, indicators and progress reports belong to an institution that must be assigned the
 * recommendation (or cluster) they are about. Implemented in workflow.c, followup.c, plan.c,
 * progress.c, evidence.c, remind.c and matrix.c.
 */
#ifndef SUIVI_CORE_FOLLOWUP_H
#define SUIVI_CORE_FOLLOWUP_H

#include <stddef.h>
#include <stdint.h>

#include "core/accounts.h"
#include "store/store.h"

/* ---- vocabularies ----------------------------------------------------------------------- */

/* Implementation status of a recommendation. */
enum core_status {
    CORE_STATUS_NOT_STARTED,
    CORE_STATUS_IN_PROGRESS,
    CORE_STATUS_PARTIALLY_IMPLEMENTED,
    CORE_STATUS_IMPLEMENTED,
    CORE_STATUS_NOT_ACCEPTED,
    CORE_STATUS_COUNT
};

/* Workflow state of a progress report. */
enum core_workflow {
    CORE_WF_DRAFT,
    CORE_WF_SUBMITTED,
    CORE_WF_VALIDATED,
    CORE_WF_RETURNED,
    CORE_WF_COUNT
};

enum core_action_status {
    CORE_ACTION_PLANNED,
    CORE_ACTION_ONGOING,
    CORE_ACTION_COMPLETED,
    CORE_ACTION_DELAYED,
    CORE_ACTION_CANCELLED,
    CORE_ACTION_STATUS_COUNT
};

/* "not_started", ... (the names used in the database, the API and the .po files). */
const char *core_status_name(enum core_status s);
int core_status_parse(const char *name, enum core_status *out) SUIVI_MUST_CHECK;
const char *core_workflow_name(enum core_workflow w);
const char *core_action_status_name(enum core_action_status s);
int core_action_status_parse(const char *name, enum core_action_status *out) SUIVI_MUST_CHECK;
int core_workflow_parse(const char *name, enum core_workflow *out) SUIVI_MUST_CHECK;

/* The workflow rule: may actor move a progress report of institution_id from `from` to `to`?
 * draft/returned -> submitted: the institution's focal point, a coordinator or an admin;
 * submitted -> validated/returned: a coordinator or an admin (never the one who submitted it,
 * unless admin); draft -> draft edits: as for submitting. Pure: tested cell by cell. */
int core_workflow_may(const struct core_actor *actor, enum core_workflow from,
                      enum core_workflow to, long institution_id);

/* ---- clusters ------------------------------------------------------------------------------ */

enum core_cluster_kind {
    CORE_CLUSTER_THEME,    /* criterion: a UHRI theme or UPR Info issue code */
    CORE_CLUSTER_SDG,      /* criterion: an SDG goal or target code */
    CORE_CLUSTER_AFFECTED, /* criterion: an affected-persons code */
    CORE_CLUSTER_BODY,     /* criterion: a body code */
    CORE_CLUSTER_MANUAL,   /* members chosen by hand */
    CORE_CLUSTER_COUNT
};

/* "theme", "sdg", "affected", "body", "manual". */
const char *core_cluster_kind_name(enum core_cluster_kind k);
int core_cluster_kind_parse(const char *name, enum core_cluster_kind *out) SUIVI_MUST_CHECK;

struct core_cluster {
    long id;
    const char *name;
    enum core_cluster_kind kind;
    const char *criterion; /* NULL for manual clusters */
    const char *country;   /* ISO3: the State whose recommendations it groups; NULL = all */
    long members;          /* number of recommendations (when read) */
};

/* Creates a cluster; for theme/sdg/affected/body kinds its members are every recommendation of
 * country with that tag/body at creation (re-run with core_cluster_refresh). */
int core_cluster_create(struct store *st, const struct core_actor *actor,
                        const struct core_cluster *in, long *id, struct err *err) SUIVI_MUST_CHECK;
int core_cluster_refresh(struct store *st, const struct core_actor *actor, long id,
                         struct err *err) SUIVI_MUST_CHECK;
int core_cluster_add(struct store *st, const struct core_actor *actor, long id, const char *rec_id,
                     struct err *err) SUIVI_MUST_CHECK;
int core_cluster_remove(struct store *st, const struct core_actor *actor, long id,
                        const char *rec_id, struct err *err) SUIVI_MUST_CHECK;
typedef int (*core_cluster_cb)(void *ctx, const struct core_cluster *c);
/* One cluster by id (when id > 0) or name; ERR_NOTFOUND. Clusters are public. */
int core_cluster_get(struct store *st, long id, const char *name, core_cluster_cb cb, void *ctx,
                     struct err *err) SUIVI_MUST_CHECK;
int core_cluster_each(struct store *st, const struct core_actor *actor, core_cluster_cb cb,
                      void *ctx, struct err *err) SUIVI_MUST_CHECK;
/* The ids of a cluster's recommendations, in id order. */
typedef int (*core_id_cb)(void *ctx, const char *rec_id);
int core_cluster_members(struct store *st, long id, core_id_cb cb, void *ctx,
                         struct err *err) SUIVI_MUST_CHECK;

/* ---- assignments --------------------------------------------------------------------------- */

struct core_assignment {
    long id;
    const char *rec_id; /* a recommendation, or ... */
    long cluster_id;    /* ... a whole cluster (0 when rec_id is set) */
    long institution_id;
    const char *institution_code, *institution_name; /* when read */
    int lead;                                        /* 1: lead institution, 0: supporting */
    const char *deadline; /* "YYYY-MM-DD" or NULL: e.g. the next mid-term report */
};

/* Assigns (coordinator/admin), or changes the lead flag and deadline of the institution's
 * assignment to that recommendation or cluster. A recommendation (or a cluster) has at most one
 * lead of its own: a new lead makes the previous one supporting (both audited). */
int core_assign(struct store *st, const struct core_actor *actor, const struct core_assignment *in,
                long *id, struct err *err) SUIVI_MUST_CHECK;
int core_unassign(struct store *st, const struct core_actor *actor, long assignment_id,
                  struct err *err) SUIVI_MUST_CHECK;
typedef int (*core_assignment_cb)(void *ctx, const struct core_assignment *a);
/* Assignments that apply to rec_id: direct ones and those of its clusters. */
int core_assignments_of(struct store *st, const char *rec_id, core_assignment_cb cb, void *ctx,
                        struct err *err) SUIVI_MUST_CHECK;
/* Recommendation ids assigned (directly or through a cluster) to an institution: what its
 * focal points see. */
int core_assigned_to(struct store *st, long institution_id, core_id_cb cb, void *ctx,
                     struct err *err) SUIVI_MUST_CHECK;

/* ---- actions and indicators ---------------------------------------------------------------- */

struct core_plan_action {
    long id;
    const char *rec_id; /* or cluster_id */
    long cluster_id;
    long institution_id;
    const char *description;
    const char *unit; /* responsible unit inside the institution */
    const char *start_date, *due_date;
    double budget;        /* NAN: none (isnan) */
    const char *currency; /* ISO 4217, e.g. EUR */
    enum core_action_status status;
};

int core_action_put(struct store *st, const struct core_actor *actor,
                    const struct core_plan_action *in, long *id, struct err *err) SUIVI_MUST_CHECK;
typedef int (*core_plan_action_cb)(void *ctx, const struct core_plan_action *a);
/* One action by id (ERR_NOTFOUND), e.g. to change some of its fields with core_action_put. */
int core_action_get(struct store *st, long id, core_plan_action_cb cb, void *ctx,
                    struct err *err) SUIVI_MUST_CHECK;
int core_actions_of(struct store *st, const char *rec_id, core_plan_action_cb cb, void *ctx,
                    struct err *err) SUIVI_MUST_CHECK;

struct core_indicator {
    long id;
    const char *rec_id;
    long institution_id;
    const char *name, *definition, *unit, *source; /* source: e.g. the statistics office */
    double baseline, target;                       /* NAN: not known (isnan) */
    const char *baseline_date, *target_date;
    const char *sdg_indicator; /* e.g. "5.2.1", or NULL */
};

struct core_indicator_value {
    long indicator_id;
    const char *date;
    double value;
    const char *note;
};

int core_indicator_put(struct store *st, const struct core_actor *actor,
                       const struct core_indicator *in, long *id, struct err *err) SUIVI_MUST_CHECK;
int core_indicator_value_put(struct store *st, const struct core_actor *actor,
                             const struct core_indicator_value *v,
                             struct err *err) SUIVI_MUST_CHECK;
typedef int (*core_indicator_cb)(void *ctx, const struct core_indicator *ind,
                                 const struct core_indicator_value *values, size_t nvalues);
int core_indicators_of(struct store *st, const char *rec_id, core_indicator_cb cb, void *ctx,
                       struct err *err) SUIVI_MUST_CHECK;

/* ---- progress, evidence, comments, assessments --------------------------------------------- */

struct core_progress {
    long id;
    const char *rec_id;
    long institution_id;
    enum core_status status;
    const char *narrative;
    enum core_workflow workflow;
    const char *review_comment; /* the coordinator's, when returned */
    const char *author_login, *reviewer_login;
    int64_t created_at, submitted_at, reviewed_at;
};

/* A new draft report of progress (focal point of the institution, coordinator, admin); the
 * institution must be assigned the recommendation; in->workflow is ignored. */
int core_progress_draft(struct store *st, const struct core_actor *actor,
                        const struct core_progress *in, long *id, struct err *err) SUIVI_MUST_CHECK;
/* Edits a draft or returned report (same people); narrative NULL: unchanged. */
int core_progress_edit(struct store *st, const struct core_actor *actor, long id,
                       enum core_status status, const char *narrative,
                       struct err *err) SUIVI_MUST_CHECK;
/* Moves a report along the workflow (core_workflow_may); comment required when returning,
 * kept as review_comment when validating. ERR_INPUT for a move that does not exist (validated
 * is final), ERR_DENIED for one the actor may not make. */
int core_progress_move(struct store *st, const struct core_actor *actor, long id,
                       enum core_workflow to, const char *comment,
                       struct err *err) SUIVI_MUST_CHECK;
typedef int (*core_progress_cb)(void *ctx, const struct core_progress *p);
/* One report by id, when actor may see it (else ERR_NOTFOUND, as for no report at all). */
int core_progress_get(struct store *st, const struct core_actor *actor, long id,
                      core_progress_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;
/* History of a recommendation's progress reports, newest first; the public (actor without
 * read_all) sees validated ones only. */
int core_progress_of(struct store *st, const struct core_actor *actor, const char *rec_id,
                     core_progress_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;
/* The published status of a recommendation: its latest validated report (0 when none). */
int core_status_of(struct store *st, const char *rec_id, enum core_status *status, int *known,
                   struct err *err) SUIVI_MUST_CHECK;

enum {
    CORE_EVIDENCE_MAX_BYTES = 20 * 1024 * 1024,
    CORE_EVIDENCE_NAME_MAX = 255, /* bytes of a file name */
};

/* The strings are arrays, not pointers, so that core_evidence_get can fill one for its caller
 * to keep. */
struct core_evidence {
    long id;
    long progress_id;
    char file_name[CORE_EVIDENCE_NAME_MAX + 1]; /* as uploaded, base name only (no directories) */
    char content_type[80]; /* checked against the content: PDF, images, office files, text */
    size_t size;
    char sha256[65]; /* content address: the bytes are stored once per hash */
    char uploaded_by[CORE_LOGIN_MAX + 8];
    int64_t uploaded_at;
};

/* Attaches a file to a progress report (same people as editing it, while it is a draft or
 * returned). Refuses more than CORE_EVIDENCE_MAX_BYTES, a name with a path or control
 * characters, a content type that is not allowed or does not match the bytes (magic numbers),
 * with messages saying which. content_type NULL: the type the name's extension says
 * (core_evidence_type_for_name). */
int core_evidence_add(struct store *st, const struct core_actor *actor, long progress_id,
                      const char *file_name, const char *content_type, const void *bytes,
                      size_t size, long *id, struct err *err) SUIVI_MUST_CHECK;
/* The content type a file name's extension declares (.pdf, .png, .jpg/.jpeg, .gif, .docx,
 * .xlsx, .odt, .ods, .txt, .csv), or NULL for any other: the types evidence may have. */
const char *core_evidence_type_for_name(const char *file_name);
typedef int (*core_evidence_cb)(void *ctx, const struct core_evidence *e);
int core_evidence_of(struct store *st, long progress_id, core_evidence_cb cb, void *ctx,
                     struct err *err) SUIVI_MUST_CHECK;
/* The bytes of evidence id, when actor may see its report. */
int core_evidence_get(struct store *st, const struct core_actor *actor, long id,
                      struct core_evidence *meta, struct buf *bytes,
                      struct err *err) SUIVI_MUST_CHECK;

struct core_note {
    long id;
    const char *rec_id;
    const char *author_login, *organisation;
    int independent;         /* 1: an independent assessment (contributors) */
    enum core_status status; /* the assessor's view of the status (independent only) */
    const char *body;
    int64_t created_at;
};

/* A comment (comment permission) or an independent assessment (assess_independently); shown
 * beside the government's progress, never replacing it. */
int core_note_add(struct store *st, const struct core_actor *actor, const struct core_note *in,
                  long *id, struct err *err) SUIVI_MUST_CHECK;
typedef int (*core_note_cb)(void *ctx, const struct core_note *n);
int core_notes_of(struct store *st, const char *rec_id, core_note_cb cb, void *ctx,
                  struct err *err) SUIVI_MUST_CHECK;

/* ---- deadlines, reminders ------------------------------------------------------------------ */

struct core_deadline {
    long id;
    const char *title; /* e.g. "UPR mid-term report" */
    const char *body;  /* UPR, CEDAW, ... */
    const char *due_date;
};

/* Adds (in->id == 0) or changes a deadline (manage_institutions). Audited. */
int core_deadline_put(struct store *st, const struct core_actor *actor,
                      const struct core_deadline *in, long *id, struct err *err) SUIVI_MUST_CHECK;
typedef int (*core_deadline_cb)(void *ctx, const struct core_deadline *d);
/* Every deadline, soonest first (deadlines are public). */
int core_deadline_each(struct store *st, core_deadline_cb cb, void *ctx,
                       struct err *err) SUIVI_MUST_CHECK;

struct core_notification {
    long id;
    const char *to_login, *to_email;
    const char *subject, *body;
    const char *kind; /* action_due, action_overdue, deadline_due, progress_submitted, ... */
    int64_t created_at, sent_at; /* sent_at 0: not sent */
};

/* Puts into the outbox one notification per due (within `days`) or overdue action, deadline
 * and pending validation, for the people concerned, once per item per day; returns how many.
 * The run is audited (entity "outbox") when it queued anything; so is marking one sent.
 * Sending by e-mail is the face's business (cli/mail.c with libcurl, when SMTP is set).
 * Recipients: focal points of the institution for its actions, assignment deadlines and
 * returned reports; coordinators for deadlines and reports waiting for validation. */
int core_remind(struct store *st, int days, long *queued, struct err *err) SUIVI_MUST_CHECK;
typedef int (*core_notification_cb)(void *ctx, const struct core_notification *n);
int core_outbox_each(struct store *st, const struct core_actor *actor, int unsent_only,
                     core_notification_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;
int core_outbox_mark_sent(struct store *st, long id, struct err *err) SUIVI_MUST_CHECK;

/* Where a user's reminders go (actor needs manage_users, or to be that user); NULL or "" for
 * none. Audited. */
int core_user_email_set(struct store *st, const struct core_actor *actor, long user_id,
                        const char *email, struct err *err) SUIVI_MUST_CHECK;

/* ---- institutions: branch of government ---------------------------------------------------- */

/* Sets the branch of an institution (manage_institutions): executive, legislative, judiciary,
 * independent, local, or NULL for not said. Audited. */
int core_institution_branch_set(struct store *st, const struct core_actor *actor,
                                long institution_id, const char *branch,
                                struct err *err) SUIVI_MUST_CHECK;
/* Appends the branch to out (nothing when not said). */
int core_institution_branch_get(struct store *st, long institution_id, struct buf *out,
                                struct err *err) SUIVI_MUST_CHECK;

/* ---- the implementation matrix (read model for reports and dashboards) --------------------- */

/* One row per recommendation, everything the matrix and the report drafts show. */
struct core_matrix_row {
    const struct store_rec *rec; /* body, document, paragraph, text, response, tags */
    const struct core_assignment *assignments;
    size_t nassignments;
    const struct core_plan_action *actions;
    size_t nactions;
    const struct core_indicator *indicators;
    size_t nindicators;
    int status_known;             /* a validated progress report exists */
    enum core_status status;      /* its status */
    const char *status_narrative; /* its narrative */
    const long *cluster_ids;
    size_t nclusters;
};

struct core_matrix_filter {
    const char *country; /* ISO3 */
    const char *body;
    long institution_id; /* 0: all */
    long cluster_id;     /* 0: all */
};

typedef int (*core_matrix_cb)(void *ctx, const struct core_matrix_row *row);
/* Rows in id order (f NULL: all); the actor's permissions decide what is included (public:
 * validated only: a row's status comes from validated reports, so rows are the same for all). */
int core_matrix_each(struct store *st, const struct core_actor *actor,
                     const struct core_matrix_filter *f, core_matrix_cb cb, void *ctx,
                     struct err *err) SUIVI_MUST_CHECK;

#endif
