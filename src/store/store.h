/*
 * store.h — the one interface between suivi's domain code and its database.
 *
 * Everything above src/store/ talks to storage through these functions and structs only: no SQL,
 * no backend types. Two backends implement it, chosen by the URL given to store_open(): SQLite
 * (sqlite*.c) and PostgreSQL (postgres*.c); store_ops.def lists the functions once and store.c
 * forwards each call to the open store's backend.
 * Records cross this interface as plain structs of borrowed strings; whatever the store hands
 * back through a callback is valid only during that callback.
 */
#ifndef SUIVI_STORE_H
#define SUIVI_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "text/query.h"
#include "util/buf.h"
#include "util/err.h"

struct store;

enum { STORE_LANG_COUNT = 3 }; /* en, fr, es: index with enum text_lang */

enum store_open_flags {
    STORE_CREATE = 1,   /* create the database when it does not exist */
    STORE_READONLY = 2, /* refuse every write */
};

/* Opens the database named by url: a file path or "sqlite:PATH", or "postgresql://..." (libpq's
 * URL plus "schema=NAME", the schema holding the data; default "suivi"). Migrates an older
 * schema forward inside one transaction; refuses a database made by a newer suivi with
 * ERR_VERSION. On success *out is owned by the caller (store_close). */
int store_open(const char *url, int flags, struct store **out, struct err *err) SUIVI_MUST_CHECK;
void store_close(struct store *st);

/* The database URL as it may be shown in logs and messages: a password in it ("user:PW@" or a
 * "password=" parameter) replaced by "***". Truncated to size (always terminated). */
void store_url_shown(const char *url, char *out, size_t size);

/* Schema version of the open database and the newest this build knows. */
int store_schema_version(struct store *st);
int store_schema_latest(void);

/* A number that changes whenever the data this connection sees may have changed: a commit by
 * this connection or by any other (another thread, `suivi import` in another process). For
 * caches; never compared across connections. */
uint64_t store_data_version(struct store *st);

/* A number that changes when recommendations change (one inserted, or its fields or texts
 * updated, by any connection) and not on other writes: for caches built from the
 * recommendations alone. 0 when it cannot be read. */
uint64_t store_rec_version(struct store *st);

/* Checks the database's integrity and that the full-text indexes match the stored texts.
 * Returns 0 when sound, ERR_STORE with what is wrong otherwise. */
int store_check(struct store *st, struct err *err) SUIVI_MUST_CHECK;

/* One transaction around a batch of writes: nothing is visible or kept unless committed. */
int store_begin(struct store *st, struct err *err) SUIVI_MUST_CHECK;
int store_commit(struct store *st, struct err *err) SUIVI_MUST_CHECK;
void store_rollback(struct store *st);

/* As store_begin, for an import run: only store_rec_put and the run's audit event may write
 * until store_commit or store_rollback, which lets the backend load in bulk (SQLite: CHECK
 * constraints checked in C instead, secondary indexes built at commit into an empty table). */
int store_begin_import(struct store *st, struct err *err) SUIVI_MUST_CHECK;

/* ---- taxonomies -------------------------------------------------------------------------- */

/* A term of a controlled vocabulary. vocab is one of "sdg", "uhri_theme", "affected_person",
 * "upr_issue", "body"; for "sdg" code is "5", "5.2" or "5.2.1" and parent the level above;
 * for "body" parent is the mechanism (upr, treaty_body, special_procedure, regional). */
struct store_term {
    const char *vocab;
    const char *code;
    const char *parent;                  /* may be NULL */
    const char *label[STORE_LANG_COUNT]; /* EN label required; FR/ES may be NULL */
};

int store_term_put(struct store *st, const struct store_term *t, struct err *err) SUIVI_MUST_CHECK;

/* Looks a term up by code or by any of its labels/aliases (keys are compared after folding
 * case and accents). Returns 1 and copies the code into code_out when found, 0 when not. */
int store_term_find(struct store *st, const char *vocab, const char *name, char *code_out,
                    size_t code_size, struct err *err) SUIVI_MUST_CHECK;

/* Registers another name for a term (or a country when vocab is "country"). */
int store_alias_put(struct store *st, const char *vocab, const char *name, const char *code,
                    struct err *err) SUIVI_MUST_CHECK;

struct store_country {
    const char *iso3, *iso2, *m49;
    const char *name[STORE_LANG_COUNT];
    const char *official[STORE_LANG_COUNT];
    const char *regional_group; /* AG, APG, EEG, GRULAC, WEOG */
    const char *status;         /* member, observer */
};

int store_country_put(struct store *st, const struct store_country *c,
                      struct err *err) SUIVI_MUST_CHECK;
/* Resolves a country name in any language or spelling variant, or an ISO code, to ISO3.
 * Returns 1 when found, 0 when not. */
int store_country_find(struct store *st, const char *name, char iso3_out[4],
                       struct err *err) SUIVI_MUST_CHECK;

/* ---- recommendations --------------------------------------------------------------------- */

enum store_tag_origin { STORE_TAG_SOURCE, STORE_TAG_HUMAN, STORE_TAG_MACHINE };

struct store_tag {
    const char *vocab; /* as in store_term */
    const char *code;  /* NULL when the label could not be linked to the vocabulary */
    const char *label; /* as imported */
    enum store_tag_origin origin;
    double score; /* machine tags only */
};

struct store_state_ref { /* a recommending State */
    const char *iso3;    /* NULL when the name could not be linked */
    const char *label;   /* as imported */
};

struct store_rec {
    const char *id;            /* stable id, e.g. "SVN-UPR34-121.1" */
    const char *kind;          /* "recommendation" or "pledge" */
    const char *mechanism;     /* upr, treaty_body, special_procedure, regional */
    const char *body;          /* UPR, CEDAW, ... */
    const char *document;      /* symbol, e.g. A/HRC/43/15; may be NULL */
    const char *paragraph;     /* e.g. 121.1; may be NULL */
    const char *country;       /* ISO3 of the State concerned; NULL when not linked */
    const char *country_label; /* as imported */
    int session;               /* UPR session; 0 when unknown */
    int cycle;                 /* UPR cycle; 0 when unknown */
    const char *response;      /* supported, noted, partially_supported; NULL for treaty bodies */
    int action_category;       /* UPR Info 1-5; 0 when none */
    const char *cluster_theme; /* heading it was grouped under by the source; may be NULL */
    const char *text[STORE_LANG_COUNT]; /* at least one */
    const struct store_state_ref *states;
    size_t nstates;
    const struct store_tag *tags;
    size_t ntags;
    const char *source_file; /* where it came from, for the person reading it */
    long source_line;
    const char *source_json; /* the source row as imported (JSON object), kept for export */
};

enum store_put_outcome { STORE_PUT_INSERTED, STORE_PUT_UPDATED, STORE_PUT_UNCHANGED };

/* Inserts or replaces the recommendation with r->id. Tags of origin human or machine already
 * stored are kept; only source tags are replaced. *outcome says what happened; a record equal
 * to the stored one changes nothing. */
int store_rec_put(struct store *st, const struct store_rec *r, enum store_put_outcome *outcome,
                  struct err *err) SUIVI_MUST_CHECK;

typedef int (*store_rec_cb)(void *ctx, const struct store_rec *r);

/* Calls cb with the recommendation id (returns ERR_NOTFOUND when absent). */
int store_rec_get(struct store *st, const char *id, store_rec_cb cb, void *ctx,
                  struct err *err) SUIVI_MUST_CHECK;

/* ---- search, listing, statistics --------------------------------------------------------- */

struct store_filter {
    const char *country;  /* ISO3 */
    const char *body;     /* body code, e.g. UPR, CEDAW */
    const char *theme;    /* UHRI theme or UPR Info issue: code or label */
    const char *sdg;      /* "5" matches goal 5 and its targets/indicators; "5.2" the target
                             and its indicators */
    const char *response; /* supported, noted, ... */
    const char *kind;     /* recommendation, pledge; NULL = both */
};

/* Calls cb for every recommendation matching the filter, in id order (export). */
int store_rec_each(struct store *st, const struct store_filter *f, store_rec_cb cb, void *ctx,
                   struct err *err) SUIVI_MUST_CHECK;

/* Calls cb for one page of the recommendations matching the filter (id order); *total gets the
 * number of matches. limit <= 0 means no limit. */
int store_rec_page(struct store *st, const struct store_filter *f, int limit, int offset,
                   store_rec_cb cb, void *ctx, long *total, struct err *err) SUIVI_MUST_CHECK;

typedef int (*store_term_cb)(void *ctx, const struct store_term *t);
typedef int (*store_country_cb)(void *ctx, const struct store_country *c);

/* Every term of a vocabulary (SDGs in numeric order), every country (by English name). */
int store_term_each(struct store *st, const char *vocab, store_term_cb cb, void *ctx,
                    struct err *err) SUIVI_MUST_CHECK;
int store_country_each(struct store *st, store_country_cb cb, void *ctx,
                       struct err *err) SUIVI_MUST_CHECK;

struct store_search {
    const struct text_query *query; /* parsed by text_query_parse */
    int lang;                       /* enum text_lang, or -1 for every language */
    struct store_filter filter;
    int limit, offset;
};

struct store_hit {
    const char *id, *country, *body, *response, *lang;
    const char *text;    /* full text in the matching language */
    const char *snippet; /* with \x02 ... \x03 around matched terms; the face renders them */
    double score;        /* bm25: larger is better */
};

typedef int (*store_hit_cb)(void *ctx, const struct store_hit *hit);

/* Runs a full-text search; *total receives the number of matches before limit/offset. */
int store_search(struct store *st, const struct store_search *q, store_hit_cb cb, void *ctx,
                 long *total, struct err *err) SUIVI_MUST_CHECK;

/* Appends the query as this backend's search engine receives it (FTS5 MATCH text for SQLite),
 * for people debugging a query and for benchmarks against the raw engine. */
int store_search_explain(struct store *st, const struct store_search *q,
                         struct buf *out) SUIVI_MUST_CHECK;

/* Dimensions for facets and statistics. */
enum store_dim {
    STORE_DIM_BODY,
    STORE_DIM_COUNTRY,
    STORE_DIM_RESPONSE,
    STORE_DIM_THEME,
    STORE_DIM_ISSUE,
    STORE_DIM_SDG,
    STORE_DIM_AFFECTED,
    STORE_DIM_KIND,
    STORE_DIM_SESSION,
    STORE_DIM_COUNT
};

const char *store_dim_name(enum store_dim d);

typedef int (*store_count_cb)(void *ctx, enum store_dim dim, const char *value, const char *label,
                              long count);

/* Counts recommendations by dim: of the search's matches when q is not NULL (facets; when
 * q->query is NULL, of the recommendations its filter selects), else of the whole database
 * (stats). label is value's label in label_lang (enum text_lang; English
 * where that language has none) when one is known. */
int store_count_by(struct store *st, const struct store_search *q, enum store_dim dim,
                   int label_lang, store_count_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;

/* Tags that could not be linked to a vocabulary (vocab, label, number of recommendations). */
int store_unlinked_each(struct store *st, store_count_cb cb, void *ctx,
                        struct err *err) SUIVI_MUST_CHECK;

/* Number of rows of a kind of entity: "recommendation", "term", "country", ... */
int store_count(struct store *st, const char *entity, long *out, struct err *err) SUIVI_MUST_CHECK;

/* ---- accounts: institutions, users, sessions, login failures, audit ---------------------- */

/* Times cross this interface as milliseconds since 1970-01-01T00:00:00Z; 0 means none/never.
 * The domain rules (who may log in, expiry, limits) are in src/core/accounts.c: the store only
 * keeps and finds rows. A callback gets borrowed structs, valid during the call, and must not
 * call the same store function again before it returns. */

struct store_institution {
    long id;          /* 0 on put: the store assigns one */
    const char *code; /* unique, e.g. "MOJ" */
    const char *name;
    const char *kind; /* ministry, parliament, court, nhri, cso...; may be NULL */
};

typedef int (*store_institution_cb)(void *ctx, const struct store_institution *in);

/* Inserts in (in->id == 0) or updates the institution with in->id; *id receives its id.
 * A code already taken gives ERR_INPUT naming it. */
int store_institution_put(struct store *st, const struct store_institution *in, long *id,
                          struct err *err) SUIVI_MUST_CHECK;
/* Calls cb with the institution id (when id > 0) or code; ERR_NOTFOUND when absent. */
int store_institution_get(struct store *st, long id, const char *code, store_institution_cb cb,
                          void *ctx, struct err *err) SUIVI_MUST_CHECK;
/* Calls cb for every institution, in code order. */
int store_institution_each(struct store *st, store_institution_cb cb, void *ctx,
                           struct err *err) SUIVI_MUST_CHECK;

/* A user account. The password hash is not part of it: it is read and written only through
 * store_user_password_get/set, so listing users can never leak it. */
struct store_user {
    long id;                      /* 0 on put: the store assigns one */
    const char *login;            /* unique, compared without ASCII case */
    const char *name;             /* may be NULL */
    const char *role;             /* admin, coordinator, focal_point, contributor, viewer */
    long institution_id;          /* 0 = none */
    const char *institution_code; /* read only (joined); NULL when none */
    int active;                   /* 0: cannot log in */
    int64_t created_at;
    int64_t last_login_at; /* 0 = never */
};

typedef int (*store_user_cb)(void *ctx, const struct store_user *u);

/* Inserts u (u->id == 0; created_at as given) or updates login, name, role, institution and
 * active of the user u->id; *id receives the id. A login already taken gives ERR_INPUT. */
int store_user_put(struct store *st, const struct store_user *u, long *id,
                   struct err *err) SUIVI_MUST_CHECK;
/* Calls cb with the user id (when id > 0) or login (any ASCII case); ERR_NOTFOUND when absent. */
int store_user_get(struct store *st, long id, const char *login, store_user_cb cb, void *ctx,
                   struct err *err) SUIVI_MUST_CHECK;
/* Calls cb for every user, in login order. */
int store_user_each(struct store *st, store_user_cb cb, void *ctx,
                    struct err *err) SUIVI_MUST_CHECK;
int store_user_count(struct store *st, long *out, struct err *err) SUIVI_MUST_CHECK;
/* Appends the user's password hash to out (nothing when the user has none); ERR_NOTFOUND. */
int store_user_password_get(struct store *st, long id, struct buf *out,
                            struct err *err) SUIVI_MUST_CHECK;
int store_user_password_set(struct store *st, long id, const char *hash,
                            struct err *err) SUIVI_MUST_CHECK;
int store_user_login_set(struct store *st, long id, int64_t at, struct err *err) SUIVI_MUST_CHECK;

/* A login session. Only a hash of the token the browser holds is stored. */
struct store_session {
    const char *token_hash; /* hex; the key */
    long user_id;
    const char *csrf_token;
    int64_t created_at, expires_at, last_seen_at;
    const char *ip; /* where it was opened; may be NULL */
};

/* u is the session's user (institution_code included). */
typedef int (*store_session_cb)(void *ctx, const struct store_session *s,
                                const struct store_user *u);

int store_session_put(struct store *st, const struct store_session *s,
                      struct err *err) SUIVI_MUST_CHECK;
/* Calls cb with the session of token_hash and its user; ERR_NOTFOUND when absent. */
int store_session_get(struct store *st, const char *token_hash, store_session_cb cb, void *ctx,
                      struct err *err) SUIVI_MUST_CHECK;
/* Calls cb for every session of user_id (0: of every user), newest first. */
int store_session_each(struct store *st, long user_id, store_session_cb cb, void *ctx,
                       struct err *err) SUIVI_MUST_CHECK;
/* Records activity: sets last_seen_at and expires_at. ERR_NOTFOUND when the session is gone. */
int store_session_touch(struct store *st, const char *token_hash, int64_t last_seen_at,
                        int64_t expires_at, struct err *err) SUIVI_MUST_CHECK;
/* Deletes one session (absent is not an error), every session of a user, or every session
 * that expired at or before now; *deleted (may be NULL) receives how many went. */
int store_session_delete(struct store *st, const char *token_hash, long *deleted,
                         struct err *err) SUIVI_MUST_CHECK;
int store_session_delete_user(struct store *st, long user_id, long *deleted,
                              struct err *err) SUIVI_MUST_CHECK;
int store_session_purge(struct store *st, int64_t now, long *deleted,
                        struct err *err) SUIVI_MUST_CHECK;

/* Failed logins, for rate limiting. login is as typed (compared without ASCII case); ip may be
 * NULL. */
int store_login_failure_add(struct store *st, const char *login, const char *ip, int64_t at,
                            struct err *err) SUIVI_MUST_CHECK;
/* Counts the failures at or after since for login (when not NULL) and ip (when not NULL);
 * *oldest (may be NULL) receives the time of the oldest of them, 0 when there is none. */
int store_login_failure_count(struct store *st, const char *login, const char *ip, int64_t since,
                              long *count, int64_t *oldest, struct err *err) SUIVI_MUST_CHECK;
/* Forgets the failures of login (after it logged in), or every failure before a time. */
int store_login_failure_clear(struct store *st, const char *login,
                              struct err *err) SUIVI_MUST_CHECK;
int store_login_failure_purge(struct store *st, int64_t before, struct err *err) SUIVI_MUST_CHECK;

/* One event of the audit trail. Rows are only ever added. */
struct store_audit {
    long id; /* assigned by the store */
    int64_t at;
    long actor_id;           /* 0 = not a user (command line, system, anonymous) */
    const char *actor_login; /* as it was at the time */
    const char *action;      /* create, update, password, deactivate, login, logout, import... */
    const char *entity;      /* user, session, institution, import, ... */
    const char *entity_id;   /* may be NULL */
    const char *before_json; /* JSON object or NULL */
    const char *after_json;  /* JSON object or NULL */
    const char *ip;          /* may be NULL */
    const char *detail;      /* free text; may be NULL */
};

/* NULL or 0 members do not filter. since <= at < until. limit <= 0: no limit. */
struct store_audit_filter {
    const char *entity, *entity_id, *actor_login, *action;
    int64_t since, until;
    int limit, offset;
};

typedef int (*store_audit_cb)(void *ctx, const struct store_audit *a);

int store_audit_add(struct store *st, const struct store_audit *a,
                    struct err *err) SUIVI_MUST_CHECK;
/* Calls cb for the events matching f (NULL: all), newest first. */
int store_audit_each(struct store *st, const struct store_audit_filter *f, store_audit_cb cb,
                     void *ctx, struct err *err) SUIVI_MUST_CHECK;
/* Number of events matching f, ignoring its limit and offset. */
int store_audit_count(struct store *st, const struct store_audit_filter *f, long *out,
                      struct err *err) SUIVI_MUST_CHECK;

/* ---- follow-up: clusters, assignments, actions, indicators, progress, evidence, notes,
 * deadlines, the outbox (migration 003; src/store/sqlite_followup*.c) --------------------------
 *
 * The store keeps and finds rows; the rules (who may, which transitions, what is published)
 * are in src/core/followup.c and its neighbours. Vocabularies cross this interface as the names
 * core/followup.h gives them ("theme", "draft", "planned", "not_started", ...); dates are
 * "YYYY-MM-DD" text; times ms since the epoch (0: none). Numbers that may be unknown (budget,
 * baseline, target) are NAN when unknown. Recommendations are named by their stable id. */

typedef int (*store_id_cb)(void *ctx, const char *rec_id);

struct store_cluster {
    long id;               /* 0 on put: the store assigns one */
    const char *name;      /* unique */
    const char *kind;      /* theme, sdg, affected, body, manual */
    const char *criterion; /* NULL for manual */
    const char *country;   /* ISO3 or NULL (all States) */
    long members;          /* read only */
    int64_t created_at;
};

typedef int (*store_cluster_cb)(void *ctx, const struct store_cluster *c);

/* Inserts a cluster (c->id is ignored); a name already taken gives ERR_INPUT. */
int store_cluster_put(struct store *st, const struct store_cluster *c, long *id,
                      struct err *err) SUIVI_MUST_CHECK;
/* By id when id > 0, else by name; ERR_NOTFOUND when absent. */
int store_cluster_get(struct store *st, long id, const char *name, store_cluster_cb cb, void *ctx,
                      struct err *err) SUIVI_MUST_CHECK;
/* Every cluster, by name. */
int store_cluster_each(struct store *st, store_cluster_cb cb, void *ctx,
                       struct err *err) SUIVI_MUST_CHECK;
/* Replaces the members a criterion cluster got from its criterion by the recommendations (of
 * its country) that match it now: a theme or UPR Info issue tag (code or label), an SDG goal or
 * target (with the targets and indicators below it), an affected-persons tag, or a body.
 * Members added by hand stay. *members receives the count afterwards. */
int store_cluster_fill(struct store *st, long id, long *members, struct err *err) SUIVI_MUST_CHECK;
/* Adds rec_id by hand (ERR_NOTFOUND when there is no such recommendation); *added is 0 when it
 * was a member already (it is then kept by later fills). */
int store_cluster_member_put(struct store *st, long id, const char *rec_id, int *added,
                             struct err *err) SUIVI_MUST_CHECK;
int store_cluster_member_delete(struct store *st, long id, const char *rec_id, int *deleted,
                                struct err *err) SUIVI_MUST_CHECK;
/* The members' ids, in id order. */
int store_cluster_members(struct store *st, long id, store_id_cb cb, void *ctx,
                          struct err *err) SUIVI_MUST_CHECK;

struct store_assignment {
    long id;            /* 0 on put */
    const char *rec_id; /* a recommendation, or ... */
    long cluster_id;    /* ... a cluster (0 when rec_id is set) */
    long institution_id;
    const char *institution_code, *institution_name; /* read only */
    int lead;                                        /* 1 lead, 0 supporting */
    const char *deadline;                            /* date or NULL */
};

typedef int (*store_assignment_cb)(void *ctx, const struct store_assignment *a);

/* Inserts the assignment of (rec_id or cluster_id, institution), or updates the lead flag and
 * deadline of the one there is; *id receives its id and *created whether it is new. */
int store_assignment_put(struct store *st, const struct store_assignment *a, long *id, int *created,
                         struct err *err) SUIVI_MUST_CHECK;
int store_assignment_get(struct store *st, long id, store_assignment_cb cb, void *ctx,
                         struct err *err) SUIVI_MUST_CHECK;
int store_assignment_delete(struct store *st, long id, struct err *err) SUIVI_MUST_CHECK;
/* The assignments made to rec_id itself (when not NULL) or to cluster_id, lead first. */
int store_assignment_each(struct store *st, const char *rec_id, long cluster_id,
                          store_assignment_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;
/* *yes = 1 when institution_id is assigned rec_id (directly or through a cluster it is in), or
 * cluster_id when rec_id is NULL. */
int store_assignment_covers(struct store *st, const char *rec_id, long cluster_id,
                            long institution_id, int *yes, struct err *err) SUIVI_MUST_CHECK;
/* Recommendation ids assigned to the institution, directly or through a cluster, in id order. */
int store_assigned_to(struct store *st, long institution_id, store_id_cb cb, void *ctx,
                      struct err *err) SUIVI_MUST_CHECK;

struct store_plan_action {
    long id; /* 0 on put: a new action */
    const char *rec_id;
    long cluster_id;
    long institution_id;
    const char *description, *unit, *start_date, *due_date;
    double budget; /* NAN: none */
    const char *currency;
    const char *status; /* planned, ongoing, completed, delayed, cancelled */
};

typedef int (*store_plan_action_cb)(void *ctx, const struct store_plan_action *a);

/* Inserts (a->id == 0) or updates every field of action a->id (ERR_NOTFOUND). */
int store_action_put(struct store *st, const struct store_plan_action *a, long *id,
                     struct err *err) SUIVI_MUST_CHECK;
int store_action_get(struct store *st, long id, store_plan_action_cb cb, void *ctx,
                     struct err *err) SUIVI_MUST_CHECK;

struct store_indicator {
    long id; /* 0 on put: a new indicator */
    const char *rec_id;
    long institution_id;
    const char *name, *definition, *unit, *source;
    double baseline, target; /* NAN: not known */
    const char *baseline_date, *target_date;
    const char *sdg_indicator;
};

struct store_indicator_value {
    long indicator_id;
    const char *date;
    double value;
    const char *note;
};

typedef int (*store_indicator_cb)(void *ctx, const struct store_indicator *ind);
typedef int (*store_indicator_value_cb)(void *ctx, const struct store_indicator_value *v);

int store_indicator_put(struct store *st, const struct store_indicator *ind, long *id,
                        struct err *err) SUIVI_MUST_CHECK;
int store_indicator_get(struct store *st, long id, store_indicator_cb cb, void *ctx,
                        struct err *err) SUIVI_MUST_CHECK;
/* Inserts the value of (indicator, date) or replaces it. */
int store_indicator_value_put(struct store *st, const struct store_indicator_value *v,
                              struct err *err) SUIVI_MUST_CHECK;
/* Calls cb with the value of (indicator, date) when there is one (else returns 0, no call). */
int store_indicator_value_get(struct store *st, long indicator_id, const char *date,
                              store_indicator_value_cb cb, void *ctx,
                              struct err *err) SUIVI_MUST_CHECK;

struct store_progress {
    long id; /* 0 on put: a new report */
    const char *rec_id;
    long institution_id;
    const char *status; /* not_started, in_progress, ... */
    const char *narrative;
    const char *workflow; /* draft, submitted, validated, returned */
    const char *review_comment;
    const char *author_login, *submitter_login, *reviewer_login;
    int64_t created_at, updated_at, submitted_at, reviewed_at;
};

typedef int (*store_progress_cb)(void *ctx, const struct store_progress *p);

/* Inserts (p->id == 0) or updates every field but rec_id, institution_id, author_login and
 * created_at of report p->id (ERR_NOTFOUND). */
int store_progress_put(struct store *st, const struct store_progress *p, long *id,
                       struct err *err) SUIVI_MUST_CHECK;
int store_progress_get(struct store *st, long id, store_progress_cb cb, void *ctx,
                       struct err *err) SUIVI_MUST_CHECK;
/* The reports on rec_id, newest first. */
int store_progress_each(struct store *st, const char *rec_id, store_progress_cb cb, void *ctx,
                        struct err *err) SUIVI_MUST_CHECK;

/* One recommendation's follow-up, read in one go (the matrix, the record pages). Arrays are
 * borrowed for the callback; values are those of every indicator, by indicator then date. */
struct store_followup {
    const struct store_assignment *assignments; /* direct ones first, then through clusters */
    size_t nassignments;
    const struct store_plan_action *actions; /* its own and its clusters', by due date */
    size_t nactions;
    const struct store_indicator *indicators;
    size_t nindicators;
    const struct store_indicator_value *values;
    size_t nvalues;
    const struct store_progress *published; /* the latest validated report, or NULL */
    const long *cluster_ids;
    size_t nclusters;
};

struct store_followup_filter {
    const char *rec_id;  /* one recommendation (ERR_NOTFOUND when absent); NULL: all */
    const char *country; /* ISO3 */
    const char *body;
    long institution_id; /* assigned to it, directly or through a cluster; 0: all */
    long cluster_id;     /* members of it; 0: all */
};

typedef int (*store_followup_cb)(void *ctx, const struct store_rec *rec,
                                 const struct store_followup *fu);

/* Calls cb for each recommendation matching f (NULL: all), in id order, with its follow-up. */
int store_followup_each(struct store *st, const struct store_followup_filter *f,
                        store_followup_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;

struct store_evidence {
    long id; /* 0 on put */
    long progress_id;
    const char *file_name, *content_type;
    size_t size;
    const char *sha256; /* 64 lower-case hex digits: the blob holding the bytes */
    const char *uploaded_by;
    int64_t uploaded_at;
};

typedef int (*store_evidence_cb)(void *ctx, const struct store_evidence *e);

/* Stores bytes under their SHA-256 unless a blob with that hash is there; *created says which. */
int store_blob_put(struct store *st, const char *sha256, const void *bytes, size_t size,
                   int *created, struct err *err) SUIVI_MUST_CHECK;
/* Appends the bytes of blob sha256 to out; ERR_NOTFOUND. */
int store_blob_get(struct store *st, const char *sha256, struct buf *out,
                   struct err *err) SUIVI_MUST_CHECK;
int store_evidence_put(struct store *st, const struct store_evidence *e, long *id,
                       struct err *err) SUIVI_MUST_CHECK;
int store_evidence_get(struct store *st, long id, store_evidence_cb cb, void *ctx,
                       struct err *err) SUIVI_MUST_CHECK;
/* The evidence of a report, in the order it was added. */
int store_evidence_each(struct store *st, long progress_id, store_evidence_cb cb, void *ctx,
                        struct err *err) SUIVI_MUST_CHECK;

struct store_note {
    long id; /* 0 on put */
    const char *rec_id;
    const char *author_login, *organisation;
    int independent;
    const char *status; /* independent assessments only; else NULL */
    const char *body;
    int64_t created_at;
};

typedef int (*store_note_cb)(void *ctx, const struct store_note *n);

int store_note_put(struct store *st, const struct store_note *n, long *id,
                   struct err *err) SUIVI_MUST_CHECK;
/* The notes on rec_id, oldest first (they read as a conversation). */
int store_note_each(struct store *st, const char *rec_id, store_note_cb cb, void *ctx,
                    struct err *err) SUIVI_MUST_CHECK;

struct store_deadline {
    long id; /* 0 on put: a new deadline */
    const char *title, *body, *due_date;
};

typedef int (*store_deadline_cb)(void *ctx, const struct store_deadline *d);

int store_deadline_put(struct store *st, const struct store_deadline *d, long *id,
                       struct err *err) SUIVI_MUST_CHECK;
int store_deadline_get(struct store *st, long id, store_deadline_cb cb, void *ctx,
                       struct err *err) SUIVI_MUST_CHECK;
/* Every deadline, soonest first. */
int store_deadline_each(struct store *st, store_deadline_cb cb, void *ctx,
                        struct err *err) SUIVI_MUST_CHECK;

/* Something a reminder may be about. kind is "action" (not completed or cancelled, due on or
 * before horizon: overdue ones included), "deadline" or "assignment" (a deadline from today
 * to horizon), "submitted" or "returned" (a progress report waiting in that state). */
struct store_due {
    const char *kind;
    long item_id;
    long institution_id; /* whose it is; 0 for deadlines */
    const char *rec_id;  /* NULL for deadlines and cluster-wide items */
    const char *title;   /* the action's description, the deadline's title, ... */
    const char *date;    /* due date; for reports, the day they entered their state */
};

typedef int (*store_due_cb)(void *ctx, const struct store_due *d);

int store_due_each(struct store *st, const char *today, const char *horizon, store_due_cb cb,
                   void *ctx, struct err *err) SUIVI_MUST_CHECK;

struct store_notification {
    long id; /* 0 on put */
    long user_id;
    const char *login, *email; /* read only: the user's, now */
    const char *kind, *item, *day, *subject, *body;
    int64_t created_at, sent_at;
};

typedef int (*store_notification_cb)(void *ctx, const struct store_notification *n);

/* Queues n unless one with its kind, item, user and day is there; *queued says which. */
int store_notification_put(struct store *st, const struct store_notification *n, int *queued,
                           struct err *err) SUIVI_MUST_CHECK;
/* The notifications of user_id (0: everyone's), oldest first; unsent ones only if asked. */
int store_notification_each(struct store *st, long user_id, int unsent_only,
                            store_notification_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;
int store_notification_sent(struct store *st, long id, int64_t at,
                            struct err *err) SUIVI_MUST_CHECK;

/* What migration 003 adds to institutions and users: the branch of government (executive,
 * legislative, judiciary, independent, local; NULL: not said) and an e-mail address for
 * reminders (NULL: none). The getters append the value to out (nothing when NULL). */
int store_institution_branch_set(struct store *st, long id, const char *branch,
                                 struct err *err) SUIVI_MUST_CHECK;
int store_institution_branch_get(struct store *st, long id, struct buf *out,
                                 struct err *err) SUIVI_MUST_CHECK;
int store_user_email_set(struct store *st, long id, const char *email,
                         struct err *err) SUIVI_MUST_CHECK;
int store_user_email_get(struct store *st, long id, struct buf *out,
                         struct err *err) SUIVI_MUST_CHECK;

/* Number of rows of a follow-up table: "cluster", "assignment", "plan_action", "indicator",
 * "progress", "blob", "evidence", "note", "deadline", "notification". */
int store_followup_count(struct store *st, const char *entity, long *out,
                         struct err *err) SUIVI_MUST_CHECK;

/* ==== step 4: tags suggested by a model, and their review (src/store/sqlite_tags.c) ========= */

/* What became of a suggestion. */
enum store_review { STORE_REVIEW_PENDING, STORE_REVIEW_ACCEPTED, STORE_REVIEW_REJECTED };

/* A tag a model suggested for a recommendation (migration 004). Until a person accepts it, it is
 * not one of the recommendation's tags: search, facets, statistics and exports do not see it. */
struct store_suggestion {
    const char *rec_id;
    const char *vocab; /* sdg, uhri_theme, affected_person, upr_issue */
    const char *code;  /* the term's code */
    const char *label; /* the term's label as the model names it */
    double score;
    const char *reason; /* the terms that weighed most; may be NULL */
    const char *model;  /* which model made it; may be NULL */
    enum store_review review;
    const char *reviewed_by;         /* login; NULL while pending */
    int64_t created_at, reviewed_at; /* ms since the epoch; reviewed_at 0 while pending */
};

/* Stores s (its review and reviewed_* are ignored: a new suggestion is pending) at time at.
 * Nothing is stored, and *stored is 0, when the recommendation already has a tag of that vocab
 * with this code or label (of any origin: source and human tags are never second-guessed) or
 * when a person already accepted or rejected this suggestion; a pending one is updated (score,
 * reason, model) and *stored is 1. ERR_NOTFOUND when rec_id is unknown. */
int store_suggestion_put(struct store *st, const struct store_suggestion *s, int64_t at,
                         int *stored, struct err *err) SUIVI_MUST_CHECK;

/* Deletes the pending suggestions of one recommendation in one vocabulary (before tagging it
 * again); *deleted (may be NULL) receives how many went. Reviewed ones stay. */
int store_suggestion_clear(struct store *st, const char *rec_id, const char *vocab, long *deleted,
                           struct err *err) SUIVI_MUST_CHECK;

/* NULL members and review -1 do not filter; min_score keeps score >= it; limit <= 0: no limit. */
struct store_suggestion_filter {
    const char *rec_id, *vocab;
    int review; /* enum store_review, or -1 */
    double min_score;
    int limit, offset;
};

typedef int (*store_suggestion_cb)(void *ctx, const struct store_suggestion *s);

/* Calls cb for the suggestions matching f (NULL: all), by recommendation id, vocab, then
 * descending score. cb must not write suggestions: collect, then write. */
int store_suggestion_each(struct store *st, const struct store_suggestion_filter *f,
                          store_suggestion_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;
/* Number of suggestions matching f, ignoring its limit and offset. */
int store_suggestion_count(struct store *st, const struct store_suggestion_filter *f, long *out,
                           struct err *err) SUIVI_MUST_CHECK;

/* Records that `by` accepted or rejected the pending suggestion (rec_id, vocab, code) at time
 * at. Accepting also adds the tag to the recommendation (origin machine, with the score).
 * ERR_NOTFOUND when there is no such suggestion; ERR_INPUT when it was already reviewed or
 * review is STORE_REVIEW_PENDING. */
int store_suggestion_review(struct store *st, const char *rec_id, const char *vocab,
                            const char *code, enum store_review review, const char *by, int64_t at,
                            struct err *err) SUIVI_MUST_CHECK;

/* ==== end of step 4 ========================================================================= */

/* ==== step 5: the exchange bundle (src/store/sqlite_bundle_read.c, sqlite_bundle_write.c) ====
 *
 * Follow-up rows read and written by natural keys instead of local ids, with their own times,
 * so that `suivi export --bundle` / `suivi import bundle` can move a State's data between
 * deployments (src/report/bundle.c, src/import/bundle.c; the format: docs/bundle.md). A row is
 * named by what it belongs to (a recommendation's stable id or a cluster's name), an
 * institution's code and its created_at; seq numbers the rows equal on all of these (1, 2, ...)
 * in the order they were stored. Reads take country (ISO3, or NULL for all): rows about that
 * State's recommendations, and clusters of that State or of every State. A put finds the row
 * by its key and inserts it, updates it, or changes nothing (*outcome says which); unknown
 * recommendations, clusters and institutions give ERR_NOTFOUND naming them. */

struct store_bundle_member {
    const char *cluster; /* name */
    const char *rec_id;
    int by_hand; /* 1: added by a person; kept when the cluster is filled again */
};

struct store_bundle_assignment {
    const char *rec_id, *cluster; /* one of the two */
    const char *institution;      /* code */
    int lead;
    const char *deadline; /* date or NULL */
    int64_t created_at;
};

struct store_bundle_action {
    const char *rec_id, *cluster, *institution;
    int seq;
    const char *description, *unit, *start_date, *due_date;
    double budget; /* NAN: none */
    const char *currency, *status;
    int64_t created_at, updated_at;
};

struct store_bundle_indicator {
    long id; /* read only: this database's id, for store_bundle_value_each */
    const char *rec_id, *institution;
    int seq;
    const char *name, *definition, *unit, *source;
    double baseline, target; /* NAN: not known */
    const char *baseline_date, *target_date, *sdg_indicator;
    int64_t created_at, updated_at;
};

/* p->id is this database's id (read only, for store_evidence_each); p->institution_id unused. */
struct store_bundle_progress {
    struct store_progress p;
    const char *institution;
    int seq;
};

struct store_bundle_note {
    struct store_note n; /* n.id is this database's id (read only) */
    int seq;             /* among the notes of one recommendation, author and created_at */
};

typedef int (*store_bundle_member_cb)(void *ctx, const struct store_bundle_member *m);
typedef int (*store_bundle_assignment_cb)(void *ctx, const struct store_bundle_assignment *a);
typedef int (*store_bundle_action_cb)(void *ctx, const struct store_bundle_action *a);
typedef int (*store_bundle_indicator_cb)(void *ctx, const struct store_bundle_indicator *ind);
typedef int (*store_bundle_progress_cb)(void *ctx, const struct store_bundle_progress *p);
typedef int (*store_bundle_note_cb)(void *ctx, const struct store_bundle_note *n);

/* Members by cluster name then recommendation id; assignments, actions (by target, institution,
 * created_at), indicators (by recommendation, institution, created_at), progress reports and
 * notes (by recommendation, created_at), values by date. */
int store_bundle_member_each(struct store *st, const char *country, store_bundle_member_cb cb,
                             void *ctx, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_assignment_each(struct store *st, const char *country,
                                 store_bundle_assignment_cb cb, void *ctx,
                                 struct err *err) SUIVI_MUST_CHECK;
int store_bundle_action_each(struct store *st, const char *country, store_bundle_action_cb cb,
                             void *ctx, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_indicator_each(struct store *st, const char *country, store_bundle_indicator_cb cb,
                                void *ctx, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_value_each(struct store *st, long indicator_id, store_indicator_value_cb cb,
                            void *ctx, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_progress_each(struct store *st, const char *country, store_bundle_progress_cb cb,
                               void *ctx, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_note_each(struct store *st, const char *country, store_bundle_note_cb cb,
                           void *ctx, struct err *err) SUIVI_MUST_CHECK;

/* Puts. Clusters by name (c->members ignored), institutions by code (with their branch, NULL:
 * not said), tags by (recommendation, vocab, label) with any origin, suggestions by
 * (recommendation, vocab, code) with their review. *id (may be NULL) receives this database's
 * id of the row, for the rows hung below it (values, evidence). */
int store_bundle_institution_put(struct store *st, const struct store_institution *in,
                                 const char *branch, enum store_put_outcome *outcome,
                                 struct err *err) SUIVI_MUST_CHECK;
int store_bundle_cluster_put(struct store *st, const struct store_cluster *c,
                             enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_member_put(struct store *st, const struct store_bundle_member *m,
                            enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_tag_put(struct store *st, const char *rec_id, const struct store_tag *t,
                         enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_suggestion_put(struct store *st, const struct store_suggestion *s,
                                enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_assignment_put(struct store *st, const struct store_bundle_assignment *a,
                                enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_action_put(struct store *st, const struct store_bundle_action *a,
                            enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_indicator_put(struct store *st, const struct store_bundle_indicator *ind, long *id,
                               enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_value_put(struct store *st, const struct store_indicator_value *v,
                           enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_progress_put(struct store *st, const struct store_bundle_progress *p, long *id,
                              enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;
/* e->progress_id is this database's id of the report; the blob e->sha256 must be there
 * (ERR_NOTFOUND otherwise). Evidence is named by (report, sha256, file name, uploaded_at). */
int store_bundle_evidence_put(struct store *st, const struct store_evidence *e,
                              enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;
int store_bundle_note_put(struct store *st, const struct store_bundle_note *n,
                          enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;
/* 1 when the blob sha256 is stored, else 0. */
int store_bundle_blob_has(struct store *st, const char *sha256, struct err *err) SUIVI_MUST_CHECK;

/* One read snapshot around a whole bundle's reads (works on a read-only store): every listing
 * until store_bundle_read_end sees the database as it was at the first one. */
int store_bundle_read_begin(struct store *st, struct err *err) SUIVI_MUST_CHECK;
void store_bundle_read_end(struct store *st);

/* ==== end of step 5 ========================================================================= */

/* ==== operations (step 6): copying the database to a file and back (sqlite_backup.c) ====== */

enum store_copy_flags {
    STORE_COPY_FORCE = 1, /* store_backup: replace an existing file at the target name */
};

/* What a copy holds, for the person who asked for it. */
struct store_copy_info {
    long long bytes;    /* size of the copy */
    int schema_version; /* schema version of the copy as made (before any migration) */
};

/* Called now and then while a copy is made: done and total bytes so far. */
typedef void (*store_copy_progress_cb)(void *ctx, long long done, long long total);

/* Copies the database named by url to the file path as one consistent snapshot, taken when the
 * call starts, while other connections and processes keep reading and writing (every commit
 * made before the call is in the copy, none made after). The copy is checked (store_check's
 * checks) under a temporary name beside path and only then given its name, so path never holds
 * half a copy; it is readable by its owner only. Refuses an existing path (ERR_USAGE) unless
 * flags has STORE_COPY_FORCE, and a path that is the database itself. progress (may be NULL)
 * is called as pages are copied. info (may be NULL) receives what the copy holds. The
 * database is not migrated: a copy of an older schema stays that schema. */
int store_backup(const char *url, const char *path, int flags, store_copy_progress_cb progress,
                 void *ctx, struct store_copy_info *info, struct err *err) SUIVI_MUST_CHECK;

/* Replaces the database named by url with the copy in the file path. The copy is checked
 * first, on a scratch copy beside the database: it must open (as store_open: an older schema
 * is migrated forward, a newer one refused with ERR_VERSION) and pass store_check; otherwise
 * (ERR_INPUT, ERR_VERSION) nothing is changed. Refuses (ERR_DENIED) while another process has
 * the database open (store_in_use). The replaced database, when there was one, is kept as
 * "URL.before-restore-YYYYMMDDTHHMMSSZ", whose name is written to kept (kept_size bytes; ""
 * when there was none). The new database takes the owner and mode of the one it replaces. */
int store_restore(const char *path, const char *url, char *kept, size_t kept_size,
                  struct store_copy_info *info, struct err *err) SUIVI_MUST_CHECK;

/* Whether another process has the database named by url open (a running `suivi serve`, an
 * import). Returns 1 and sets *pid (may be NULL; 0 when unknown) when it has, 0 when not or
 * when the database does not exist, negative on error. SQLite: the locks every connection
 * holds on the database file and its "-shm" index. Call it while this process has no
 * connection of its own to that database (closing the probe would drop that connection's
 * POSIX locks). */
int store_in_use(const char *url, long *pid, struct err *err) SUIVI_MUST_CHECK;

/* Moves the SQLite database named by from into the PostgreSQL schema named by to (created and
 * migrated when new), every table column by column in one PostgreSQL transaction, then checks
 * that each table holds as many rows as the source and runs store_check on the target. The
 * source is only read (an older schema is migrated first, as every command does). Refuses a
 * target that already holds recommendations or accounts (ERR_USAGE) unless flags has
 * STORE_MIGRATE_REPLACE; nothing of the target changes when the copy fails. progress (may be
 * NULL) is called after each table. (migrate_db.c) */
enum { STORE_MIGRATE_REPLACE = 1 };
struct store_migrate_info {
    int tables;
    long long rows;
};
typedef void (*store_migrate_progress_cb)(void *ctx, const char *table, long long rows);
int store_migrate(const char *from, const char *to, int flags, store_migrate_progress_cb progress,
                  void *ctx, struct store_migrate_info *info, struct err *err) SUIVI_MUST_CHECK;

/* States (tenants) of a multi-State PostgreSQL deployment (postgres_tenant.c): each in a schema
 * of its own owned by a login role of its own ("suivi_TENANT") that has no right on any other
 * State's schema. store_tenant_create, given a URL of a role that may create roles and schemas,
 * creates the role (with password, when not NULL), the schema and the tables; the State's
 * server then connects as that role with "?schema=TENANT". */
struct store_tenant_info {
    char schema[64];
    char role[64];
    int schema_version;
    long recommendations;
};
typedef int (*store_tenant_cb)(void *ctx, const struct store_tenant_info *t);
int store_tenant_create(const char *admin_url, const char *tenant, const char *password,
                        struct store_tenant_info *info, struct err *err) SUIVI_MUST_CHECK;
int store_tenant_list(const char *admin_url, store_tenant_cb cb, void *ctx,
                      struct err *err) SUIVI_MUST_CHECK;

/* ==== end of operations ==================================================================== */

#endif
