/*
 * hub.h — the knowledge hub of NMIRF good practices (HRC resolution 60/27, §5-6, 8 b): profiles
 * of national mechanisms for implementation, reporting and follow-up, good-practice entries in
 * English, French and Spanish (Markdown) with tags, attached files and a published flag, and a
 * library of reference documents; searched with the recommendations' stemmed full-text search
 * over an index of its own. Implemented in hub.c (rules, search), hub_files.c (attached
 * files), hub_import.c (the file format of `suivi hub import`, docs/hub.md) and hub_json.c
 * (the JSON of API and CLI).
 *
 * Who may do what (core/permissions.h): anyone reads profiles, the library and published
 * entries; hub_propose (contributors, focal points, coordinators, admins) proposes an entry,
 * which stays unpublished, and edits its own unpublished entries; hub_edit (coordinators,
 * admins) writes profiles and documents, edits and publishes any entry; hub_read_drafts
 * (viewers, coordinators, admins) reads unpublished entries. An unpublished entry is "not
 * found" for anyone else. Every write records an audit event in the same transaction.
 */
#ifndef SUIVI_CORE_HUB_H
#define SUIVI_CORE_HUB_H

#include <stddef.h>

#include "core/accounts.h"
#include "store/store_hub.h"
#include "util/jsonw.h"

/* The limits of what the hub takes, all in one place. */
enum {
    CORE_HUB_NAME_MAX = 300,      /* bytes of a title, a name, a symbol */
    CORE_HUB_FIELD_MAX = 20000,   /* bytes of a profile's free-text field */
    CORE_HUB_BODY_MAX = 200000,   /* bytes of an entry's body */
    CORE_HUB_DOC_MAX = 2000000,   /* bytes of a library document's text */
    CORE_HUB_TAG_MAX = 80,        /* bytes of one tag */
    CORE_HUB_TAGS_MAX = 32,       /* tags of one entry */
    CORE_HUB_SLUG_MAX = 80,       /* bytes of an imported entry's key */
    CORE_HUB_IMPORT_MAX = 8 << 20 /* bytes of an import file */
};

/* ---- tags ---------------------------------------------------------------------------------- */

/* Tags as people type them, resolved: "sdg:16.6, uhri_theme:National human rights institutions,
 * free:coordination" (a tag without "vocab:" is a free tag). */
struct core_hub_tags {
    struct store_hub_tag tag[CORE_HUB_TAGS_MAX];
    size_t n;
    char vocab[CORE_HUB_TAGS_MAX][16];
    char code[CORE_HUB_TAGS_MAX][CORE_HUB_TAG_MAX + 1];
};

/* Parses text (comma-separated; NULL or "" gives none) into out, resolving SDG and UHRI codes
 * or labels (any language) against the taxonomies. ERR_INPUT names the tag and what was
 * expected. */
int core_hub_tags_parse(struct store *st, const char *text, struct core_hub_tags *out,
                        struct err *err) SUIVI_MUST_CHECK;

/* ---- good practices ------------------------------------------------------------------------ */

struct core_hub_practice_in {
    const char *slug;    /* stable key (imports); NULL for entries made by hand */
    const char *country; /* ISO3, ISO2 or a name; NULL or "": none */
    const char *title[STORE_LANG_COUNT], *body[STORE_LANG_COUNT]; /* NULL/"": no version */
    const struct core_hub_tags *tags;                             /* may be NULL */
    int published; /* honoured only for hub_edit; a proposal is stored unpublished */
    int demo;      /* illustrative data */
};

/* Creates an entry (actor needs hub_propose); *id receives it. At least one language must have
 * both a title and a body; ERR_INPUT names the field. */
int core_hub_practice_create(struct store *st, const struct core_actor *actor,
                             const struct core_hub_practice_in *in, long *id,
                             struct err *err) SUIVI_MUST_CHECK;

/* Replaces the texts, country and tags of entry id (hub_edit, or its author while it is
 * unpublished); published as in create (an author cannot publish). */
int core_hub_practice_update(struct store *st, const struct core_actor *actor, long id,
                             const struct core_hub_practice_in *in,
                             struct err *err) SUIVI_MUST_CHECK;

/* Publishes (1) or withdraws (0) entry id: hub_edit only. */
int core_hub_practice_publish(struct store *st, const struct core_actor *actor, long id,
                              int published, struct err *err) SUIVI_MUST_CHECK;

/* Entry id when actor may read it; ERR_NOTFOUND otherwise. */
int core_hub_practice_get(struct store *st, const struct core_actor *actor, long id,
                          store_hub_practice_cb cb, void *ctx, struct err *err) SUIVI_MUST_CHECK;

/* The entries actor may read that match f (its drafts and author are set here from actor),
 * most recently updated first; *total (may be NULL) as in store_hub_practice_each. */
int core_hub_practice_each(struct store *st, const struct core_actor *actor,
                           const struct store_hub_filter *f, store_hub_practice_cb cb, void *ctx,
                           long *total, struct err *err) SUIVI_MUST_CHECK;

/* 1 when actor may change entry p (its texts, tags, files), else 0. */
int core_hub_may_edit(const struct core_actor *actor, const struct store_hub_practice *p);

/* The language of p to show a reader of want: want when p has it, else the first it has
 * (en, fr, es); -1 when it has none. */
int core_hub_practice_lang(const struct store_hub_practice *p, int want);

/* ---- attached files ------------------------------------------------------------------------ */

/* Attaches a file to entry id, with the limits of follow-up evidence: a plain name without
 * folders, at most CORE_EVIDENCE_MAX_BYTES, one of the types evidence may have, bytes that are
 * what the type says. The actor must be allowed to edit the entry. */
int core_hub_file_add(struct store *st, const struct core_actor *actor, long practice_id,
                      const char *file_name, const char *content_type, const void *bytes,
                      size_t size, long *id, struct err *err) SUIVI_MUST_CHECK;

/* The files of an entry (metadata only; no permission check: callers first read the entry). */
int core_hub_files_of(struct store *st, long practice_id, store_hub_file_cb cb, void *ctx,
                      struct err *err) SUIVI_MUST_CHECK;

/* Metadata and bytes of file id when actor may read its entry; ERR_NOTFOUND otherwise. meta's
 * strings are copied into the struct. */
struct core_hub_file {
    long id, practice_id;
    char file_name[256], content_type[80];
    size_t size;
};
int core_hub_file_get(struct store *st, const struct core_actor *actor, long id,
                      struct core_hub_file *meta, struct buf *bytes,
                      struct err *err) SUIVI_MUST_CHECK;

/* ---- profiles ------------------------------------------------------------------------------ */

/* Creates or replaces the profile of p->country (ISO3, ISO2 or a name: resolved to ISO3) with
 * hub_edit; checks every field (lang en/fr/es, standing "standing" or "ad_hoc", lengths);
 * updated_by is set from actor. *created (may be NULL) says which. */
int core_hub_profile_put(struct store *st, const struct core_actor *actor,
                         const struct store_hub_profile *p, int *created,
                         struct err *err) SUIVI_MUST_CHECK;
/* Profiles are public. country: ISO3, ISO2 or a name. */
int core_hub_profile_get(struct store *st, const char *country, store_hub_profile_cb cb, void *ctx,
                         struct err *err) SUIVI_MUST_CHECK;
int core_hub_profile_each(struct store *st, store_hub_profile_cb cb, void *ctx,
                          struct err *err) SUIVI_MUST_CHECK;

/* "standing", "ad_hoc"; party and branch names as used in the API ("nhri", "executive"...). */
const char *core_hub_party_name(enum store_hub_party k);
const char *core_hub_branch_name(enum store_hub_branch b);

/* ---- library ------------------------------------------------------------------------------- */

/* Adds or replaces the document with d->symbol (hub_edit); *id receives its id, *outcome (may
 * be NULL) what happened. */
int core_hub_doc_put(struct store *st, const struct core_actor *actor,
                     const struct store_hub_doc *d, long *id, enum store_put_outcome *outcome,
                     struct err *err) SUIVI_MUST_CHECK;
/* Documents are public: by id (> 0) or symbol. */
int core_hub_doc_get(struct store *st, long id, const char *symbol, store_hub_doc_cb cb, void *ctx,
                     struct err *err) SUIVI_MUST_CHECK;
int core_hub_doc_each(struct store *st, store_hub_doc_cb cb, void *ctx,
                      struct err *err) SUIVI_MUST_CHECK;

/* ---- search -------------------------------------------------------------------------------- */

struct core_hub_search {
    const char *q;    /* required: the same syntax as recommendation search */
    const char *lang; /* en, fr, es: texts in that language only; NULL: all */
    const char *kind; /* practice, doc, profile; NULL: all */
    int limit, offset;
};

/* Searches what actor may read of the hub; ERR_INPUT (query) or ERR_USAGE (lang, kind). */
int core_hub_search(struct store *st, const struct core_actor *actor,
                    const struct core_hub_search *s, store_hub_hit_cb cb, void *ctx, long *total,
                    struct err *err) SUIVI_MUST_CHECK;

/* ---- JSON (hub_json.c): the objects of the API and of `suivi hub ... --json` ---------------- */

void core_hub_json_profile(struct jsonw *w, const struct store_hub_profile *p);
/* with_body 0: titles only (listings). */
void core_hub_json_practice(struct jsonw *w, const struct store_hub_practice *p, int with_body);
/* The same members without the braces, for a caller that adds its own. */
void core_hub_json_practice_fields(struct jsonw *w, const struct store_hub_practice *p,
                                   int with_body);
void core_hub_json_file(struct jsonw *w, const struct store_hub_file *f);
/* The text is written when d has it (a document read by core_hub_doc_get). */
void core_hub_json_doc(struct jsonw *w, const struct store_hub_doc *d);
/* The snippet keeps the store's match marks \x02 ... \x03 (escaped as \u0002, \u0003). */
void core_hub_json_hit(struct jsonw *w, const struct store_hub_hit *h);

/* ---- import (hub_import.c) ----------------------------------------------------------------- */

/* Reads the file a record names (a library document's text) into out: path is relative to the
 * import file and was checked to hold no ".." segment and not to start with '/'. */
typedef int (*core_hub_loader)(void *ctx, const char *path, struct buf *out, struct err *err);

struct core_hub_import_stats {
    long profiles, practices, docs, unchanged;
};

/* Imports the records of text[0..n) (file format in docs/hub.md; name is the file's name for
 * messages) in one transaction: nothing is kept when any record is wrong, and ERR_INPUT says
 * "NAME:LINE: ..." . Profiles are keyed by country, entries by slug, documents by symbol:
 * importing the same file again changes nothing. Needs hub_edit. */
int core_hub_import(struct store *st, const struct core_actor *actor, const char *name,
                    const char *text, size_t n, core_hub_loader load, void *load_ctx,
                    struct core_hub_import_stats *stats, struct err *err) SUIVI_MUST_CHECK;

#endif
