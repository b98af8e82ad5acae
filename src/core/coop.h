/*
 * coop.h — the technical-cooperation repository (HRC resolution 54/28 §14-16): organisations
 * that act in it, NEEDS a State records (help sought on some of its recommendations, shown only
 * as far as the State consented), OFFERS a provider records (a State, a UN entity, an NHRI, an
 * NGO or a regional body), and MATCHES between them, proposed by one side and accepted or
 * declined by the other, followed to completion. Matching itself (scores and their parts) is
 * core/match.h; this file reads and writes through store/store_coop.h.
 *
 * CONSENT. One rule decides whether someone may see a need: core_coop_may_see_need. Every read
 * path of this header applies it (list, filter, show, matching, match lists, history, the data
 * for the annual report): a need that may not be seen is absent (never "forbidden": its
 * existence is not disclosed). The rule:
 *   - an administrator, and any account of the State that recorded the need (an account linked
 *     to the need's organisation, or to another organisation of kind state with the same
 *     country), see it always;
 *   - a withdrawn need is seen by no one else;
 *   - visibility public: anyone, logged in or not; registered: any logged-in account;
 *     private: no one else ...
 *   - ... except the organisation of an offer to which the State itself proposed a match on
 *     this need (that proposal is the State's consent towards that provider), while the match
 *     is not withdrawn.
 * Lowering visibility or withdrawing takes effect on the next read; both are audited, and the
 * State reads them back as the need's own history (core_need_history).
 *
 * ROLES (core/permissions.h has the table): organisations are created and accounts linked to
 * them by administrators (manage_orgs). Needs are recorded by coordinators linked to an
 * organisation of kind state (for that State) and by administrators (for any State, naming the
 * organisation) (record_need). Offers are recorded by contributors, focal points and
 * coordinators linked to an organisation (for it) and by administrators (record_offer). Matches
 * are proposed, answered and followed by accounts of the two sides and by administrators
 * (coop_match). Viewers and the public only read.
 *
 * Lists ("|"-separated) name codes: themes are UHRI theme or UPR Info issue codes as in the
 * recommendations' tags, SDGs goal ("5") or target ("5.2") codes, languages two-letter codes,
 * regions UN regional groups (AG, APG, EEG, GRULAC, WEOG) or ISO3 country codes. Strings in
 * structs given to callbacks are valid only during the callback. Times are ms since the epoch.
 */
#ifndef SUIVI_CORE_COOP_H
#define SUIVI_CORE_COOP_H

#include <stddef.h>
#include <stdint.h>

#include "core/accounts.h"
#include "store/store.h"

/* ---- vocabularies (names as in the database, the API and the .po files) ------------------- */

enum core_org_kind {
    CORE_ORG_STATE,
    CORE_ORG_UN_ENTITY,
    CORE_ORG_NHRI,
    CORE_ORG_NGO,
    CORE_ORG_REGIONAL_BODY,
    CORE_ORG_KIND_COUNT
};

/* Kinds of help; a set of them is a bit mask of (1u << kind). */
enum core_help_kind {
    CORE_HELP_LEGAL_DRAFTING,
    CORE_HELP_DATA_COLLECTION,
    CORE_HELP_TRAINING,
    CORE_HELP_INSTITUTION_BUILDING,
    CORE_HELP_POLICY_ADVICE,
    CORE_HELP_AWARENESS,
    CORE_HELP_MONITORING,
    CORE_HELP_OTHER,
    CORE_HELP_KIND_COUNT
};

enum core_visibility { CORE_VIS_PRIVATE, CORE_VIS_REGISTERED, CORE_VIS_PUBLIC, CORE_VIS_COUNT };

enum core_need_status {
    CORE_NEED_OPEN,
    CORE_NEED_MET,
    CORE_NEED_WITHDRAWN,
    CORE_NEED_STATUS_COUNT
};

enum core_offer_status { CORE_OFFER_OPEN, CORE_OFFER_CLOSED, CORE_OFFER_STATUS_COUNT };

enum core_modality { CORE_MOD_REMOTE, CORE_MOD_IN_PERSON, CORE_MOD_MIXED, CORE_MOD_COUNT };

/* The exchange: proposed -> accepted -> in_progress -> completed; proposed -> declined;
 * proposed, accepted or in_progress -> withdrawn. */
enum core_match_state {
    CORE_MATCH_PROPOSED,
    CORE_MATCH_ACCEPTED,
    CORE_MATCH_IN_PROGRESS,
    CORE_MATCH_COMPLETED,
    CORE_MATCH_DECLINED,
    CORE_MATCH_WITHDRAWN,
    CORE_MATCH_STATE_COUNT
};

/* Which side of a match someone acts for. */
enum core_match_side { CORE_SIDE_NEED, CORE_SIDE_OFFER, CORE_SIDE_COUNT };

/* "state", "un_entity", ...; NULL when out of range. Parsers return 0, or ERR_INPUT naming the
 * value and the accepted ones. */
const char *core_org_kind_name(enum core_org_kind k);
int core_org_kind_parse(const char *name, enum core_org_kind *out,
                        struct err *err) SUIVI_MUST_CHECK;
const char *core_help_kind_name(enum core_help_kind k);
/* A comma- or "|"-separated list of kind names into a mask (empty list: 0). */
int core_help_kinds_parse(const char *list, unsigned *mask, struct err *err) SUIVI_MUST_CHECK;
/* Appends the names of mask's kinds, "|"-separated, to out. */
int core_help_kinds_format(unsigned mask, struct buf *out) SUIVI_MUST_CHECK;
const char *core_visibility_name(enum core_visibility v);
int core_visibility_parse(const char *name, enum core_visibility *out,
                          struct err *err) SUIVI_MUST_CHECK;
const char *core_need_status_name(enum core_need_status s);
const char *core_offer_status_name(enum core_offer_status s);
const char *core_modality_name(enum core_modality m);
int core_modality_parse(const char *name, enum core_modality *out,
                        struct err *err) SUIVI_MUST_CHECK;
const char *core_match_state_name(enum core_match_state s);
int core_match_state_parse(const char *name, enum core_match_state *out,
                           struct err *err) SUIVI_MUST_CHECK;
const char *core_match_side_name(enum core_match_side s);

/* ---- organisations ------------------------------------------------------------------------ */

struct core_org {
    long id;
    const char *code; /* unique, e.g. "SVN", "UNDP", "FR-NHRI"; A-Z a-z 0-9 . _ - */
    const char *name;
    enum core_org_kind kind;
    const char *country; /* ISO3: required for a State (its own code), optional otherwise */
    const char *region;  /* read only: the country's UN regional group, NULL when none */
};

typedef int (*core_org_cb)(void *ctx, const struct core_org *o);

/* Creates an organisation (manage_orgs); *id receives its id. ERR_INPUT names the field (code
 * taken or malformed, a State without a known country); ERR_DENIED. */
int core_org_create(struct store *st, const struct core_actor *actor, const struct core_org *in,
                    long *id, struct err *err) SUIVI_MUST_CHECK;
/* One organisation by id (when id > 0) or code; ERR_NOTFOUND. Organisations are public. */
int core_org_get(struct store *st, long id, const char *code, core_org_cb cb, void *ctx,
                 struct err *err) SUIVI_MUST_CHECK;
/* Every organisation, by code. */
int core_org_each(struct store *st, core_org_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;
/* Links account user_id to organisation org_id (0: unlinks it) (manage_orgs); audited. */
int core_org_link(struct store *st, const struct core_actor *actor, long user_id, long org_id,
                  struct err *err) SUIVI_MUST_CHECK;

/* Who is looking, as the consent rule needs it: the actor and its organisation. */
struct core_coop_viewer {
    const struct core_actor *actor; /* NULL: public */
    long org_id;                    /* 0: none */
    enum core_org_kind org_kind;
    char org_country[4]; /* "" when none */
};

/* Fills *v for actor (its account's organisation, read from the store; none for the public
 * and the command line). */
int core_coop_viewer_load(struct store *st, const struct core_actor *actor,
                          struct core_coop_viewer *v, struct err *err) SUIVI_MUST_CHECK;

/* ---- needs ---------------------------------------------------------------------------------- */

struct core_need {
    long id;
    long org_id;                     /* the State's organisation */
    const char *org_code, *org_name; /* read only */
    const char *country;             /* read only: ISO3 of the State */
    const char *region;              /* read only: its UN regional group, NULL when none */
    const char *title;               /* required, one line */
    const char *description;         /* required */
    const char *recs;                /* "|"-separated recommendation ids (at least one) */
    const char *themes, *sdgs;       /* read only: from the recommendations' tags */
    unsigned kinds;                  /* help sought: mask of core_help_kind (at least one) */
    unsigned providers;              /* provider kinds preferred: mask of core_org_kind; 0 any */
    const char *languages;           /* "|"-separated; may be empty */
    const char *lang;                /* language of title and description: en, fr, es */
    const char *time_from, *time_to; /* YYYY-MM-DD or NULL */
    enum core_visibility visibility;
    enum core_need_status status;   /* read only (set by withdraw and by completed matches) */
    const char *shared_orgs;        /* read only: "|"-separated organisation ids the State
                                       proposed a live match to (the consent exception) */
    const char *created_by;         /* read only */
    int64_t created_at, updated_at; /* read only */
};

typedef int (*core_need_cb)(void *ctx, const struct core_need *n);

/* THE consent rule (see the top of this file): 1 when v may see need n, else 0. Pure. */
int core_coop_may_see_need(const struct core_coop_viewer *v, const struct core_need *n);

/* Records a need (record_need; a coordinator for its own State's organisation, which in->org_id
 * may leave 0; an administrator naming in->org_id, an organisation of kind state). Every
 * recommendation must exist and concern that State. ERR_INPUT names the field; ERR_DENIED. */
int core_need_create(struct store *st, const struct core_actor *actor, const struct core_need *in,
                     long *id, struct err *err) SUIVI_MUST_CHECK;
/* Sets the visibility (the State's accounts with record_need, or an administrator); the audit
 * trail keeps before and after. ERR_NOTFOUND also when the actor may not see the need. */
int core_need_set_visibility(struct store *st, const struct core_actor *actor, long id,
                             enum core_visibility v, struct err *err) SUIVI_MUST_CHECK;
/* Withdraws the need (consent withdrawn: from now on only the State and administrators see
 * it); its live matches become withdrawn too. Who: as core_need_set_visibility. */
int core_need_withdraw(struct store *st, const struct core_actor *actor, long id,
                       struct err *err) SUIVI_MUST_CHECK;

/* NULL, 0 or -1 members do not filter: set status, visibility (and provider_kind, state) to -1
 * for "any" (0 is a value: open, private). */
struct core_need_filter {
    const char *country; /* ISO3 */
    const char *region;  /* UN regional group */
    const char *theme;   /* a theme code among the need's */
    const char *sdg;     /* "5" matches needs with goal 5 or any 5.x target; "5.2" that target */
    unsigned kinds;      /* needs seeking at least one of these kinds (0: any) */
    int status;          /* enum core_need_status or -1 */
    int visibility;      /* enum core_visibility or -1 */
    const char *text;    /* words that must all appear in title, description (case-folded) */
};

/* The needs actor may see that pass f (NULL: all), by id. */
int core_need_list(struct store *st, const struct core_actor *actor,
                   const struct core_need_filter *f, core_need_cb cb, void *ctx,
                   struct err *err) SUIVI_MUST_CHECK;
/* One need; ERR_NOTFOUND when absent or not visible to actor. */
int core_need_get(struct store *st, const struct core_actor *actor, long id, core_need_cb cb,
                  void *ctx, struct err *err) SUIVI_MUST_CHECK;

/* What happened to a need itself, from the audit trail: recorded, visibility changed,
 * withdrawn, met (a match of it completed). Before and after are -1 when not recorded (before
 * the creation). */
struct core_need_event {
    long need_id;
    int64_t at;
    const char *actor_login;
    const char *action;                      /* create, visibility, withdraw, met */
    int visibility_before, visibility_after; /* enum core_visibility or -1 */
    int status_before, status_after;         /* enum core_need_status or -1 */
};

typedef int (*core_need_event_cb)(void *ctx, const struct core_need_event *e);

/* Pure: whether v may read the history of need n: the accounts of its State and administrators
 * (the audit trail itself is for administrators only). */
int core_coop_may_see_need_history(const struct core_coop_viewer *v, const struct core_need *n);

/* The history of need id, oldest first. ERR_NOTFOUND when absent or not visible to actor (the
 * consent rule); ERR_DENIED when actor sees the need but may not read its history. */
int core_need_history(struct store *st, const struct core_actor *actor, long id,
                      core_need_event_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;

/* ---- offers --------------------------------------------------------------------------------- */

struct core_offer {
    long id;
    long org_id;                      /* the provider */
    const char *org_code, *org_name;  /* read only */
    enum core_org_kind provider_kind; /* read only: the organisation's kind */
    const char *country;              /* read only: the organisation's country (may be NULL) */
    const char *title, *description;  /* required */
    const char *themes;               /* "|"-separated; themes or sdgs: at least one */
    const char *sdgs;
    unsigned kinds; /* help offered: at least one */
    enum core_modality modality;
    const char *languages;          /* "|"-separated; may be empty */
    const char *lang;               /* language of title and description */
    const char *regions;            /* served: "|"-separated groups or ISO3; empty: anywhere */
    int capacity;                   /* activities it can take on at once; 0: not said */
    const char *past_activities;    /* free text, one activity and its results per line */
    enum core_offer_status status;  /* read only */
    const char *created_by;         /* read only */
    int64_t created_at, updated_at; /* read only */
};

typedef int (*core_offer_cb)(void *ctx, const struct core_offer *o);

/* Records an offer (record_offer; an account for its own organisation, which in->org_id may
 * leave 0; an administrator naming in->org_id). ERR_INPUT names the field; ERR_DENIED. */
int core_offer_create(struct store *st, const struct core_actor *actor, const struct core_offer *in,
                      long *id, struct err *err) SUIVI_MUST_CHECK;
/* Closes an offer (its organisation's accounts or an administrator): no longer matched. */
int core_offer_close(struct store *st, const struct core_actor *actor, long id,
                     struct err *err) SUIVI_MUST_CHECK;

struct core_offer_filter {
    const char *theme, *sdg, *region; /* as core_need_filter; region: served */
    int provider_kind;                /* enum core_org_kind or -1 */
    unsigned kinds;
    int status; /* enum core_offer_status or -1 */
    const char *text;
};

/* Offers are public (a provider records one to be found): every reader gets them all. */
int core_offer_list(struct store *st, const struct core_offer_filter *f, core_offer_cb cb,
                    void *ctx, struct err *err) SUIVI_MUST_CHECK;
int core_offer_get(struct store *st, long id, core_offer_cb cb, void *ctx,
                   struct err *err) SUIVI_MUST_CHECK;

/* ---- matches -------------------------------------------------------------------------------- */

/* The parts of a score are core/match.h's (enum core_match_part). */
struct core_match {
    long id;
    long need_id, offer_id;
    const char *need_title, *offer_title; /* read only */
    const char *need_country;             /* read only */
    const char *offer_org_code;           /* read only */
    enum core_match_state state;
    enum core_match_side proposed_by;
    double score;            /* at the time of the proposal */
    const char *explanation; /* "part=value ..." at the time of the proposal */
    const char *comment;     /* the proposal's message; may be NULL */
    int64_t created_at, updated_at;
};

typedef int (*core_match_cb)(void *ctx, const struct core_match *m);

/* One match, as core_match_list gives it; ERR_NOTFOUND when absent or when its need may not be
 * seen by actor (core_coop_may_see_need): its existence is not disclosed. */
int core_match_get(struct store *st, const struct core_actor *actor, long id, core_match_cb cb,
                   void *ctx, struct err *err) SUIVI_MUST_CHECK;

/* Proposes need x offer, acting for `side` (the need's State, the offer's organisation, or an
 * administrator for either). The need must be open and visible to the proposer and, when the
 * offer side proposes, to the offer's organisation; the offer open. One live match per pair.
 * Records the current score and explanation. ERR_INPUT, ERR_DENIED, ERR_NOTFOUND. */
int core_match_propose(struct store *st, const struct core_actor *actor, long need_id,
                       long offer_id, enum core_match_side side, const char *comment, long *id,
                       struct err *err) SUIVI_MUST_CHECK;

/* Moves a match: accept or decline (the side that did not propose, or an administrator), start
 * (accepted -> in_progress) and complete (in_progress -> completed) by either side, withdraw
 * (either side, while live). Completing marks the need met and links the result back to the
 * recommendations (docs/cooperation.md: a comment on each of them when the need is public, the
 * match otherwise). Every move is kept in the match's history and the audit trail. ERR_INPUT
 * names the move that is not possible from the current state. */
int core_match_move(struct store *st, const struct core_actor *actor, long id,
                    enum core_match_state to, const char *comment,
                    struct err *err) SUIVI_MUST_CHECK;

/* Pure: may someone acting for `side` (or an administrator, admin = 1) move a match proposed by
 * `proposer` from `from` to `to`? */
int core_match_may_move(enum core_match_side side, int admin, enum core_match_side proposer,
                        enum core_match_state from, enum core_match_state to);

struct core_match_filter {
    long need_id, offer_id; /* 0: any */
    int state;              /* enum core_match_state or -1 */
};

/* The matches whose need actor may see, newest first. */
int core_match_list(struct store *st, const struct core_actor *actor,
                    const struct core_match_filter *f, core_match_cb cb, void *ctx,
                    struct err *err) SUIVI_MUST_CHECK;

struct core_match_event {
    long match_id;
    int64_t at;
    const char *actor_login;
    enum core_match_state from; /* CORE_MATCH_STATE_COUNT for the proposal */
    enum core_match_state to;
    const char *comment; /* may be NULL */
};

typedef int (*core_match_event_cb)(void *ctx, const struct core_match_event *e);

/* A match's history, oldest first; ERR_NOTFOUND when absent or its need is not visible. */
int core_match_history(struct store *st, const struct core_actor *actor, long id,
                       core_match_event_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;

/* ---- the annual report's data --------------------------------------------------------------- */

/* One need the actor may see, with its offers' matches. matches[i] goes with offers[i]. */
struct core_coop_row {
    const struct core_need *need;
    const struct core_match *matches;
    const struct core_offer *offers;
    size_t nmatches;
    int met; /* a match of it is completed */
};

typedef int (*core_coop_row_cb)(void *ctx, const struct core_coop_row *row);

/* Every need actor may see (by id) with all its matches: activities (matches) by region,
 * theme, SDG, provider kind and state; needs met and unmet. The report reads through this
 * function only, so it shows nothing the actor could not see. */
int core_coop_report_each(struct store *st, const struct core_actor *actor, core_coop_row_cb cb,
                          void *ctx, struct err *err) SUIVI_MUST_CHECK;

#endif
