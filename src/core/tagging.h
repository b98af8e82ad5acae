/*
 * tagging.h — automatic tagging with human review: which vocabulary a field stands for, running
 * a model over the recommendations to store its suggestions (pending, never over a source or
 * human tag), and accepting or rejecting them, one by one or all above a score. Every write is
 * checked against the permission table (CORE_TAG) and recorded in the audit trail.
 *
 * Models are made by text/classify.h and read by the faces (import_model_load): core gets them
 * loaded, as it does no I/O of its own.
 */
#ifndef SUIVI_CORE_TAGGING_H
#define SUIVI_CORE_TAGGING_H

#include <stddef.h>

#include "core/accounts.h"
#include "store/store.h"
#include "text/classify.h"

/* The vocabularies that can be tagged, with the `tag --field` name of each and the file of
 * their model under data/models/. */
struct core_tag_field {
    const char *field; /* themes, sdgs, groups, issues */
    const char *vocab; /* uhri_theme, sdg, affected_person, upr_issue */
    const char *model; /* uhri_theme.model, ... */
};

extern const struct core_tag_field core_tag_fields[];
extern const size_t core_tag_field_count;

/* The field named name (a field or vocab name, e.g. "sdgs" or "sdg"), or NULL. */
const struct core_tag_field *core_tag_field_find(const char *name);

struct core_tag_opts {
    const char *vocab;                 /* the vocabulary the model tags */
    const struct text_model *model;    /* its labels are that vocabulary's terms */
    int only_untagged;                 /* skip recommendations with a tag of vocab already */
    const struct store_filter *filter; /* which recommendations (NULL: all) */
    size_t max_per_rec;                /* at most this many suggestions each (0: 5) */
};

struct core_tag_stats {
    long recommendations; /* looked at */
    long skipped;         /* already tagged (only_untagged) or without text */
    long suggested;       /* suggestions stored */
    long kept_out;        /* suggestions not stored: the tag is there, or was reviewed */
    long unknown;         /* model labels that are not terms of the vocabulary */
};

/* Receives each suggestion stored, for the person watching (valid during the call). */
typedef int (*core_tag_cb)(void *ctx, const struct store_suggestion *s);

/* Runs the model over the recommendations and stores its suggestions, pending, in one
 * transaction: a recommendation's earlier pending suggestions for vocab are replaced, reviewed
 * ones and tags of any origin are never touched. One audit event records the run. cb (may be
 * NULL) sees each suggestion stored. actor NULL is the command line. ERR_DENIED without the tag
 * permission; the database is unchanged on any error. */
int core_tag_run(struct store *st, const struct core_actor *actor, const struct core_tag_opts *o,
                 core_tag_cb cb, void *ctx, struct core_tag_stats *stats,
                 struct err *err) SUIVI_MUST_CHECK;

/* Accepts (the tag joins the recommendation, origin machine) or rejects one pending
 * suggestion, with an audit event on the recommendation. ERR_NOTFOUND, ERR_INPUT (already
 * reviewed), ERR_DENIED. */
int core_tag_accept(struct store *st, const struct core_actor *actor, const char *rec_id,
                    const char *vocab, const char *code, struct err *err) SUIVI_MUST_CHECK;
int core_tag_reject(struct store *st, const struct core_actor *actor, const char *rec_id,
                    const char *vocab, const char *code, struct err *err) SUIVI_MUST_CHECK;

/* Accepts every pending suggestion of vocab (NULL: all) scoring at least threshold, in one
 * transaction, one audit event each; *accepted (may be NULL) receives how many. */
int core_tag_accept_above(struct store *st, const struct core_actor *actor, const char *vocab,
                          double threshold, long *accepted, struct err *err) SUIVI_MUST_CHECK;

/* The suggestions matching f (NULL: all), for review pages; *total (may be NULL) receives how
 * many match without limit and offset. Needs the tag permission (ERR_DENIED). */
int core_tag_suggestions(struct store *st, const struct core_actor *actor,
                         const struct store_suggestion_filter *f, store_suggestion_cb cb, void *ctx,
                         long *total, struct err *err) SUIVI_MUST_CHECK;

#endif
