/*
 * store.h — the one interface between suivi's domain code and its database.
 *
 * Everything above src/store/ talks to storage through these functions and structs only: no SQL,
 * no backend types. The SQLite backend (sqlite.c) implements it today; a PostgreSQL backend
 * (postgres.c) will implement the same functions, chosen by the URL given to store_open().
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

/* Opens the database named by url: a file path or "sqlite:PATH" today ("postgresql://..." in a
 * later step). Migrates an older schema forward inside one transaction; refuses a database made
 * by a newer suivi with ERR_VERSION. On success *out is owned by the caller (store_close). */
int store_open(const char *url, int flags, struct store **out, struct err *err) SUIVI_MUST_CHECK;
void store_close(struct store *st);

/* Schema version of the open database and the newest this build knows. */
int store_schema_version(struct store *st);
int store_schema_latest(void);

/* Checks the database's integrity and that the full-text indexes match the stored texts.
 * Returns 0 when sound, ERR_STORE with what is wrong otherwise. */
int store_check(struct store *st, struct err *err) SUIVI_MUST_CHECK;

/* One transaction around a batch of writes: nothing is visible or kept unless committed. */
int store_begin(struct store *st, struct err *err) SUIVI_MUST_CHECK;
int store_commit(struct store *st, struct err *err) SUIVI_MUST_CHECK;
void store_rollback(struct store *st);

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

/* Counts recommendations by dim: of the search's matches when q is not NULL (facets), else of
 * the whole database (stats). label is value's label in label_lang (enum text_lang; English
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

#endif
