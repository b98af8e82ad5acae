/*
 * store_coop.h — the storage interface of the technical-cooperation repository (migration 005;
 * SQLite in src/store/sqlite_coop.c): organisations and the accounts linked to them, needs and
 * the recommendations they concern, offers, matches and their history, and the figures the
 * peer-to-peer part of matching reads. Like store.h it is backend-neutral: plain structs of
 * borrowed strings (valid during the callback), vocabularies as core/coop.h names them, lists
 * as "|"-separated codes, times in ms since the epoch. The store keeps and finds rows; who may
 * see or change what is decided in src/core/coop.c, which reads through here only.
 */
#ifndef SUIVI_STORE_COOP_H
#define SUIVI_STORE_COOP_H

#include <stdint.h>

#include "store/store.h"

struct store_org {
    long id;          /* 0 on put */
    const char *code; /* unique */
    const char *name;
    const char *kind;    /* state, un_entity, nhri, ngo, regional_body */
    const char *country; /* ISO3 or NULL */
    const char *region;  /* read only: the country's regional group (NULL when none) */
    int64_t created_at;
};

typedef int (*store_org_cb)(void *ctx, const struct store_org *o);

/* Inserts an organisation; a code already taken gives ERR_INPUT. */
int store_org_put(struct store *st, const struct store_org *o, long *id,
                  struct err *err) SUIVI_MUST_CHECK;
/* By id when id > 0, else by code; ERR_NOTFOUND. */
int store_org_get(struct store *st, long id, const char *code, store_org_cb cb, void *ctx,
                  struct err *err) SUIVI_MUST_CHECK;
/* Every organisation, by code. */
int store_org_each(struct store *st, store_org_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;
/* Sets (org_id > 0) or clears (0) the organisation of account user_id; ERR_NOTFOUND. */
int store_account_org_set(struct store *st, long user_id, long org_id,
                          struct err *err) SUIVI_MUST_CHECK;
/* *org_id receives the organisation of account user_id, 0 when none (or no such account). */
int store_account_org_get(struct store *st, long user_id, long *org_id,
                          struct err *err) SUIVI_MUST_CHECK;

struct store_need {
    long id; /* 0 on put: a new need */
    long org_id;
    const char *org_code, *org_name, *country, *region; /* read only (joined) */
    const char *title, *description;
    const char *recs;     /* "|"-separated recommendation ids (put: replaces them) */
    const char *themes;   /* read only: uhri_theme and upr_issue codes of the recommendations */
    const char *sdgs;     /* read only: their sdg codes */
    const char *rec_text; /* read only: the recommendations' texts (English, else any) */
    const char *kinds, *providers, *languages, *lang, *time_from, *time_to;
    const char *visibility, *status;
    const char *shared_orgs; /* read only: organisations of offers the need side proposed a
                                match to, not withdrawn ("|"-separated ids) */
    const char *created_by;
    int64_t created_at, updated_at;
};

typedef int (*store_need_cb)(void *ctx, const struct store_need *n);

/* Inserts (n->id == 0: every field, recs included; created_at = updated_at = at) or updates
 * visibility and status of need n->id (updated_at = at; ERR_NOTFOUND). A recommendation id that
 * does not exist gives ERR_NOTFOUND naming it. */
int store_need_put(struct store *st, const struct store_need *n, int64_t at, long *id,
                   struct err *err) SUIVI_MUST_CHECK;
int store_need_get(struct store *st, long id, store_need_cb cb, void *ctx,
                   struct err *err) SUIVI_MUST_CHECK;
/* Every need, by id. cb must not write coop rows: collect, then write. */
int store_need_each(struct store *st, store_need_cb cb, void *ctx,
                    struct err *err) SUIVI_MUST_CHECK;

struct store_offer {
    long id; /* 0 on put */
    long org_id;
    const char *org_code, *org_name, *org_kind, *country; /* read only (joined) */
    const char *title, *description, *themes, *sdgs, *kinds, *modality, *languages, *lang, *regions;
    int capacity;
    const char *past_activities;
    const char *status; /* open, closed */
    const char *created_by;
    int64_t created_at, updated_at;
};

typedef int (*store_offer_cb)(void *ctx, const struct store_offer *o);

/* Inserts (o->id == 0) or updates the status of offer o->id (ERR_NOTFOUND). */
int store_offer_put(struct store *st, const struct store_offer *o, int64_t at, long *id,
                    struct err *err) SUIVI_MUST_CHECK;
int store_offer_get(struct store *st, long id, store_offer_cb cb, void *ctx,
                    struct err *err) SUIVI_MUST_CHECK;
int store_offer_each(struct store *st, store_offer_cb cb, void *ctx,
                     struct err *err) SUIVI_MUST_CHECK;

struct store_match {
    long id; /* 0 on put */
    long need_id, offer_id;
    const char *state;       /* proposed, accepted, in_progress, completed, declined, withdrawn */
    const char *proposed_by; /* need, offer */
    double score;
    const char *explanation, *comment;
    int64_t created_at, updated_at;
};

typedef int (*store_match_cb)(void *ctx, const struct store_match *m);

/* Inserts (m->id == 0; a live match of the same pair gives ERR_INPUT "already proposed") or
 * updates the state of match m->id (ERR_NOTFOUND). */
int store_match_put(struct store *st, const struct store_match *m, int64_t at, long *id,
                    struct err *err) SUIVI_MUST_CHECK;
int store_match_get(struct store *st, long id, store_match_cb cb, void *ctx,
                    struct err *err) SUIVI_MUST_CHECK;
/* The matches of need_id (when > 0) and/or offer_id (when > 0), all when both are 0; newest
 * first. cb must not write. */
int store_match_each(struct store *st, long need_id, long offer_id, store_match_cb cb, void *ctx,
                     struct err *err) SUIVI_MUST_CHECK;

struct store_match_event {
    long match_id;
    int64_t at;
    const char *actor_login;
    const char *from_state; /* NULL for the proposal */
    const char *to_state;
    const char *comment;
};

typedef int (*store_match_event_cb)(void *ctx, const struct store_match_event *e);

int store_match_event_add(struct store *st, const struct store_match_event *e,
                          struct err *err) SUIVI_MUST_CHECK;
/* A match's events, oldest first. */
int store_match_event_each(struct store *st, long match_id, store_match_event_cb cb, void *ctx,
                           struct err *err) SUIVI_MUST_CHECK;

/* What a State did with a theme, for the peer-to-peer part of matching: made = recommendations
 * it made to others with that theme (UPR: it is a recommending State); received = those it
 * received; supported = those of them it supported. One call per (State, theme) with any. */
typedef int (*store_practice_cb)(void *ctx, const char *iso3, const char *theme, long made,
                                 long received, long supported);

/* For the States of the "|"-separated ISO3 list countries (NULL: every State). */
int store_practice_each(struct store *st, const char *countries, store_practice_cb cb, void *ctx,
                        struct err *err) SUIVI_MUST_CHECK;

#endif
