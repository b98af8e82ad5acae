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

#endif
