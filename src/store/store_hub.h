/*
 * store_hub.h — the knowledge hub's part of the store interface (migration 006): NMIRF
 * profiles, good-practice entries with their texts, tags and files, the library of documents,
 * and the hub's own full-text search. Backend-neutral like store.h: no SQL, no backend types;
 * the SQLite backend implements it in sqlite_hub.c and sqlite_hub_search.c. Nothing here checks
 * permissions or input: core/hub.c does before it calls. Strings handed to callbacks are valid
 * only during the callback; times are ms since the epoch.
 */
#ifndef SUIVI_STORE_HUB_H
#define SUIVI_STORE_HUB_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* ---- NMIRF profiles (one per State) -------------------------------------------------------- */

enum store_hub_branch { /* members of the mechanism by branch of government */
                        STORE_HUB_EXECUTIVE,
                        STORE_HUB_LEGISLATIVE,
                        STORE_HUB_JUDICIARY,
                        STORE_HUB_OTHER_BRANCH,
                        STORE_HUB_BRANCH_COUNT
};

enum store_hub_party { /* who takes part besides the government */
                       STORE_HUB_NHRI,
                       STORE_HUB_CIVIL_SOCIETY,
                       STORE_HUB_STATISTICS,
                       STORE_HUB_PARLIAMENT,
                       STORE_HUB_PARTY_COUNT
};

struct store_hub_participation {
    int takes_part;  /* 1 yes, 0 no, -1 not said */
    const char *how; /* may be NULL */
};

struct store_hub_profile {
    const char *country; /* ISO3; the key */
    const char *name;
    const char *lang;     /* en, fr, es: the language of the free texts */
    const char *standing; /* "standing" or "ad_hoc" */
    const char *legal_basis, *secretariat;
    const char *members[STORE_HUB_BRANCH_COUNT];
    struct store_hub_participation party[STORE_HUB_PARTY_COUNT];
    const char *tracking_tool;
    const char *reporting_record; /* Markdown */
    int demo;                     /* illustrative data */
    const char *updated_by;
    int64_t created_at, updated_at; /* read only: put stamps them with `at` */
};

typedef int (*store_hub_profile_cb)(void *ctx, const struct store_hub_profile *p);

/* Inserts or replaces the profile of p->country at time at; *created says which. A country
 * that is not in the country table is ERR_INPUT. */
int store_hub_profile_put(struct store *st, const struct store_hub_profile *p, int64_t at,
                          int *created, struct err *err) SUIVI_MUST_CHECK;
/* The profile of country (ISO3); ERR_NOTFOUND. */
int store_hub_profile_get(struct store *st, const char *country, store_hub_profile_cb cb, void *ctx,
                          struct err *err) SUIVI_MUST_CHECK;
/* Every profile, by country code. */
int store_hub_profile_each(struct store *st, store_hub_profile_cb cb, void *ctx,
                           struct err *err) SUIVI_MUST_CHECK;

/* ---- good practices ------------------------------------------------------------------------ */

struct store_hub_tag {
    const char *vocab; /* uhri_theme, sdg, free */
    const char *code;  /* term code, or the free tag as typed */
};

struct store_hub_practice {
    long id;             /* 0 on put: a new entry (or the one with slug) */
    const char *slug;    /* stable key of imported entries; may be NULL */
    const char *country; /* ISO3 or NULL */
    const char *author;  /* login */
    int published, demo;
    const char *title[STORE_LANG_COUNT], *body[STORE_LANG_COUNT]; /* NULL: no such version */
    const struct store_hub_tag *tags;
    size_t ntags;
    long nfiles;                    /* read only */
    int64_t created_at, updated_at; /* read only */
};

typedef int (*store_hub_practice_cb)(void *ctx, const struct store_hub_practice *p);

/* Writes p at time at: a new entry when p->id is 0 (*id receives it), else replaces entry
 * p->id (ERR_NOTFOUND) — its texts and tags; created_at and the files stay. */
int store_hub_practice_put(struct store *st, const struct store_hub_practice *p, int64_t at,
                           long *id, struct err *err) SUIVI_MUST_CHECK;
/* The id of the entry with slug: 1 found, 0 not, negative on error. */
int store_hub_practice_find(struct store *st, const char *slug, long *id,
                            struct err *err) SUIVI_MUST_CHECK;
int store_hub_practice_get(struct store *st, long id, store_hub_practice_cb cb, void *ctx,
                           struct err *err) SUIVI_MUST_CHECK;
/* Sets the published flag (ERR_NOTFOUND). */
int store_hub_practice_publish(struct store *st, long id, int published, int64_t at,
                               struct err *err) SUIVI_MUST_CHECK;

/* Which entries a listing returns. */
struct store_hub_filter {
    int drafts;          /* 1: unpublished entries too */
    const char *author;  /* when drafts is 0: this login's unpublished entries too; NULL: none */
    const char *country; /* ISO3; NULL: all */
    const char *vocab;   /* with code: entries with this tag; NULL: all */
    const char *code;
    int limit, offset; /* limit <= 0: all */
};

/* Entries matching f (NULL: published ones), most recently updated first; *total (may be
 * NULL) receives how many match without limit and offset. */
int store_hub_practice_each(struct store *st, const struct store_hub_filter *f,
                            store_hub_practice_cb cb, void *ctx, long *total,
                            struct err *err) SUIVI_MUST_CHECK;

/* ---- files attached to good practices ------------------------------------------------------ */

struct store_hub_file {
    long id; /* 0 on put */
    long practice_id;
    const char *file_name, *content_type;
    size_t size;
    const char *sha256; /* the blob (store_blob_put) holding the bytes */
    const char *uploaded_by;
    int64_t uploaded_at;
};

typedef int (*store_hub_file_cb)(void *ctx, const struct store_hub_file *f);

int store_hub_file_put(struct store *st, const struct store_hub_file *f, long *id,
                       struct err *err) SUIVI_MUST_CHECK;
int store_hub_file_get(struct store *st, long id, store_hub_file_cb cb, void *ctx,
                       struct err *err) SUIVI_MUST_CHECK;
/* The files of an entry, in the order they were added. */
int store_hub_file_each(struct store *st, long practice_id, store_hub_file_cb cb, void *ctx,
                        struct err *err) SUIVI_MUST_CHECK;

/* ---- library ------------------------------------------------------------------------------- */

struct store_hub_doc {
    long id; /* read only */
    const char *symbol, *title;
    const char *date; /* YYYY-MM-DD or NULL */
    const char *lang;
    const char *text;   /* NULL in listings */
    const char *source; /* may be NULL */
    int64_t updated_at; /* read only */
};

typedef int (*store_hub_doc_cb)(void *ctx, const struct store_hub_doc *d);

/* Inserts or replaces the document with d->symbol at time at; *id receives its id and *outcome
 * (may be NULL) what happened (a document equal to the stored one changes nothing). */
int store_hub_doc_put(struct store *st, const struct store_hub_doc *d, int64_t at, long *id,
                      enum store_put_outcome *outcome, struct err *err) SUIVI_MUST_CHECK;
/* One document by id (when id > 0) or symbol, with its text; ERR_NOTFOUND. */
int store_hub_doc_get(struct store *st, long id, const char *symbol, store_hub_doc_cb cb, void *ctx,
                      struct err *err) SUIVI_MUST_CHECK;
/* Every document without its text, newest date first. */
int store_hub_doc_each(struct store *st, store_hub_doc_cb cb, void *ctx,
                       struct err *err) SUIVI_MUST_CHECK;

/* ---- search -------------------------------------------------------------------------------- */

struct store_hub_search {
    const struct text_query *query; /* required */
    int lang;                       /* enum text_lang, or -1: every language */
    const char *kind;               /* practice, doc, profile; NULL: all */
    int drafts;                     /* as in store_hub_filter */
    const char *author;
    int limit, offset;
};

struct store_hub_hit {
    const char *kind; /* practice, doc, profile */
    const char *ref;  /* practice id, document id or ISO3, as text */
    const char *lang; /* language of the text that matched */
    const char *title;
    const char *snippet; /* match marks \x02 ... \x03, as store_search's */
    double score;        /* higher is better */
};

typedef int (*store_hub_hit_cb)(void *ctx, const struct store_hub_hit *h);

/* Full-text search of the hub with the same tokenizer and query syntax as store_search, over
 * the hub's own index; best first. *total receives the number of matches. */
int store_hub_search(struct store *st, const struct store_hub_search *q, store_hub_hit_cb cb,
                     void *ctx, long *total, struct err *err) SUIVI_MUST_CHECK;

/* Number of rows of a hub table: "profile", "practice", "file", "doc", "text". */
int store_hub_count(struct store *st, const char *entity, long *out,
                    struct err *err) SUIVI_MUST_CHECK;

#endif
