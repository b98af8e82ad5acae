/*
 * recommendation.h — domain rules for recording recommendations: stable ids, the vocabulary of
 * responses, and import runs that link what a source calls a State, a theme or an SDG to
 * suivi's taxonomies, report what could not be linked, and keep the database unchanged unless
 * the whole run succeeds.
 */
#ifndef SUIVI_CORE_RECOMMENDATION_H
#define SUIVI_CORE_RECOMMENDATION_H

#include <stddef.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/strset.h"

struct core_actor; /* core/accounts.h */

/* A recommendation as a source gives it: names are as printed, nothing linked yet. */
struct core_rec_in {
    const char *id;        /* NULL: made from the content (core_rec_make_id) */
    const char *kind;      /* NULL = recommendation; "pledge" */
    const char *mechanism; /* NULL = upr */
    const char *body;      /* NULL = UPR */
    const char *document, *paragraph;
    const char *country; /* State concerned, any spelling or ISO code */
    int session, cycle;
    const char *response; /* as printed: Accepted, Supported, Noted, ... */
    int action_category;
    const char *cluster_theme;
    const char *text[STORE_LANG_COUNT]; /* en, fr, es (enum text_lang order); at least one */
    const char *const *states;          /* recommending States as printed */
    size_t nstates;
    const struct core_tag_in *tags;
    size_t ntags;
    const char *source_file;
    long source_line;
    const char *source_json;
};

struct core_tag_in {
    const char *vocab; /* sdg, uhri_theme, affected_person, upr_issue */
    const char *label; /* as printed; for sdg a goal/target code such as "16" or "16.3" */
};

/* Normalises a printed response to supported / noted / partially_supported; *out = NULL for an
 * empty one. ERR_INPUT when the word is unknown. */
int core_response_parse(const char *printed, const char **out) SUIVI_MUST_CHECK;

/* Appends a stable id for a recommendation without one: "<ISO3|XXX>-UPR<session>-<10 hex>" from
 * the State, kind, session, recommending States and text (white space runs count as one space);
 * dup > 0 appends "-<dup+1>" for the second and later identical rows of one source. */
int core_rec_make_id(const struct core_rec_in *in, const char *iso3, int dup,
                     struct buf *out) SUIVI_MUST_CHECK;

struct core_import {
    struct store *store;
    long rows, inserted, updated, unchanged;
    long unlinked_countries, unlinked_tags;
    struct strset *seen;    /* ids made in this run, to number identical rows */
    struct strmap *linked;  /* "vocab\x1fname" -> code (or NULL: not linkable), this run */
    struct linked *scratch; /* reused for each recommendation of the run */
    /* Who runs the import, for the audit trail: set it after core_import_begin; NULL means
     * the command line. core_import_commit records one event per run (not one per
     * recommendation: a UPR Info file holds tens of thousands). */
    const struct core_actor *actor;
    char *source_file; /* the first recommendation's source_file: the event's entity id */
};

/* Starts an import run: one transaction. */
int core_import_begin(struct core_import *run, struct store *st, struct err *err) SUIVI_MUST_CHECK;

/* Links and stores one recommendation. Errors name the field; the caller adds file:line. */
int core_import_rec(struct core_import *run, const struct core_rec_in *in,
                    struct err *err) SUIVI_MUST_CHECK;

/* Records the run in the audit trail (entity "import", the file, the counts) and commits it,
 * or (core_import_abort) leaves the database exactly as before it. */
int core_import_commit(struct core_import *run, struct err *err) SUIVI_MUST_CHECK;
void core_import_abort(struct core_import *run);

#endif
