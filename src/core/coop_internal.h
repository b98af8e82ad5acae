/*
 * coop_internal.h — what the files behind core/coop.h and core/match.h share (coop.c,
 * coop_need.c, coop_offer.c, coop_match.c, coop_snap.c): stored vocabularies back to enums,
 * "|"-list lookups, the organisation an account acts for, the owner check of a need, records
 * from store rows, and the snapshots and engine the match questions run on. Nothing outside
 * src/core/ includes it; its names start with coopi_ (the web pages use coop_ for theirs).
 */
#ifndef SUIVI_CORE_COOP_INTERNAL_H
#define SUIVI_CORE_COOP_INTERNAL_H

#include <stddef.h>

#include "core/coop.h"
#include "core/match.h"
#include "store/store_coop.h"
#include "util/buf.h"

/* An organisation, as the checks need it. */
struct coopi_org_ref {
    long id;
    enum core_org_kind kind;
    char country[4]; /* "" when none */
};

/* Organisation id; ERR_INPUT naming it when there is none. */
int coopi_org_load(struct store *st, long id, struct coopi_org_ref *out,
                   struct err *err) SUIVI_MUST_CHECK;

/* The index of a stored vocabulary name (0 when unknown: the database CHECKs them). */
int coopi_stored_enum(const char *const *names, int count, const char *name);
int coopi_visibility_of(const char *name);
int coopi_need_status_of(const char *name);
int coopi_offer_status_of(const char *name);
int coopi_modality_of(const char *name);
int coopi_org_kind_of(const char *name);
int coopi_match_state_of(const char *name);
int coopi_side_of(const char *name);
unsigned coopi_help_mask(const char *list);
unsigned coopi_org_mask(const char *list);
int coopi_org_kinds_parse(const char *list, unsigned *mask, struct err *err) SUIVI_MUST_CHECK;
int coopi_org_kinds_format(unsigned mask, struct buf *out) SUIVI_MUST_CHECK;

/* Whether the "|"-list holds item[0..len); whether an SDG list holds code (goal or below). */
int coopi_list_has(const char *list, const char *item, size_t len);
int coopi_sdg_has(const char *list, const char *code);

/* Whether actor is an administrator. */
int coopi_is_admin(const struct core_actor *actor);

/* A language list ("|", "," or " "-separated two-letter codes) normalised into out; the
 * language of a text (en, fr, es; NULL or "" allowed). ERR_INPUT naming the bad one. */
int coopi_check_languages(const char *list, struct buf *out, struct err *err) SUIVI_MUST_CHECK;
int coopi_check_lang(const char *lang, struct err *err) SUIVI_MUST_CHECK;

/* The organisation actor records for: its own, or (administrators) the one named (named 0: its
 * own). ERR_DENIED for another's; ERR_INPUT when there is none. */
int coopi_acting_org(struct store *st, const struct core_actor *actor, long named,
                     struct coopi_org_ref *out, const char *doing,
                     struct err *err) SUIVI_MUST_CHECK;

/* Whether every word of query occurs in a or b (ASCII letters without case). */
int coopi_words_in(const char *query, const char *a, const char *b);

/* Whether the viewer acts for the State that recorded n. */
int coopi_is_own_state(const struct core_coop_viewer *v, const struct core_need *n);

/* Records from store rows (strings borrowed from s). */
void coopi_need_from_store(const struct store_need *s, struct core_need *n);
void coopi_offer_from_store(const struct store_offer *s, struct core_offer *o);
int coopi_need_passes(const struct core_need *n, const struct core_need_filter *f);
int coopi_offer_passes(const struct core_offer *o, const struct core_offer_filter *f);

/* What coopi_need_owner_check read: the need's state and its JSON for the audit (owned). */
struct need_state_view {
    enum core_visibility visibility;
    enum core_need_status status;
    struct buf before;
};

/* ERR_NOTFOUND unless actor may see need id; ERR_DENIED unless it may change it (its State's
 * accounts with record_need, or an administrator). out (may be NULL) receives its state. */
int coopi_need_owner_check(struct store *st, const struct core_actor *actor, long id,
                           const char *doing, struct need_state_view *out,
                           struct err *err) SUIVI_MUST_CHECK;

/* The organisation of offer_id (ERR_NOTFOUND). */
int coopi_offer_org(struct store *st, long offer_id, long *org_id,
                    struct err *err) SUIVI_MUST_CHECK;

/* Withdraws every live match of need id (inside the caller's transaction). */
int coopi_withdraw_matches_of_need(struct store *st, const struct core_actor *actor, long id,
                                   struct err *err) SUIVI_MUST_CHECK;

/* ---- snapshots (coopi_snap.c) ------------------------------------------------------------ */

/* Every need and offer, copied out of the store, with the viewer's answer per need. */
struct coopi_snap {
    struct core_need *needs;
    char **need_text; /* per need: the recommendations' texts */
    unsigned char *visible;
    size_t nneeds, capneeds;
    struct core_offer *offers;
    char **practice; /* per offer: its State's themes of good practice (NULL for others) */
    size_t noffers, capoffers;
    char **strings; /* every copied string, to free */
    size_t nstrings, capstrings;
    int oom;
};

/* Every need (visible[] says which the viewer may see; viewer NULL: all) and every offer, by id.
 * Free with coopi_snap_free, also after an error. */
int coopi_snap_load(struct store *st, const struct core_coop_viewer *viewer, struct coopi_snap *s,
                    struct err *err) SUIVI_MUST_CHECK;
void coopi_snap_free(struct coopi_snap *s);
/* The snapshot number of need / offer id, -1 when absent. */
long coopi_need_at(const struct coopi_snap *s, long id);
long coopi_offer_at(const struct coopi_snap *s, long id);
/* Fills s->practice for the offers of States (the peer-to-peer proxy). */
int coopi_snap_practice(struct store *st, struct coopi_snap *s, struct err *err) SUIVI_MUST_CHECK;

/* Builds the engine over the snapshot's open needs and open offers; need_of / offer_of map
 * engine numbers back to snapshot numbers. */
struct coopi_engine {
    struct core_match_index *idx;
    size_t *need_of, *offer_of;
    size_t nneeds, noffers;
};

/* The engine over the open needs and offers (and need keep_need, offer keep_offer whatever
 * their status). e is freed on error. */
int coopi_engine_build(const struct coopi_snap *s, long keep_need, long keep_offer,
                       struct coopi_engine *e, struct err *err) SUIVI_MUST_CHECK;
void coopi_engine_free(struct coopi_engine *e);

#endif
