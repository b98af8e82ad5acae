/*
 * bundle_internal.h — what the files of the bundle reader share (src/import/bundle.c: the
 * document, recommendations and suggestions; bundle_value.c: JSON paths, messages and typed
 * values; bundle_followup.c: the follow-up sections and needs). Only these files include it.
 * Every reader of a value takes the object, the member's name and BUNDLE_REQ or BUNDLE_OPT, and
 * returns 0 or ERR_INPUT with "NAME: $.path.member: what was expected" in the reader's err.
 */
#ifndef SUIVI_IMPORT_BUNDLE_INTERNAL_H
#define SUIVI_IMPORT_BUNDLE_INTERNAL_H

#include <stdint.h>

#include "import/bundle.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/strmap.h"

enum { BUNDLE_OPT = 0, BUNDLE_REQ = 1, BUNDLE_MAX_BYTES = 1 << 30 };

struct bundle_reader {
    struct store *st;
    const char *name;
    struct buf path; /* "$.recommendations[12]" while that record is read */
    struct err *err;
    struct import_bundle_result *res;
    struct strmap *seen;      /* "section\x1fkey" -> path of the record that had the key */
    struct strmap *countries; /* ISO3 codes known to the database */
    const char *state;        /* the bundle's State, when it is limited to one */
};

/* The path: append ".key" or "[i]", returning the length to go back to. */
size_t bundle_path_key(struct bundle_reader *r, const char *key);
size_t bundle_path_index(struct bundle_reader *r, size_t i);
void bundle_path_back(struct bundle_reader *r, size_t mark);

/* ERR_INPUT "NAME: PATH[.key]: what". */
int bundle_bad(struct bundle_reader *r, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Puts the record's path before a message from the store (ERR_NOTFOUND becomes ERR_INPUT). */
int bundle_at_fault(struct bundle_reader *r, int rc);
void bundle_count(struct bundle_reader *r, enum store_put_outcome o);
/* Refuses a second record of a section with the same key. */
int bundle_unique(struct bundle_reader *r, const char *section, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same for keys numbered by seq (1, 2, ...): refuses a seq that skips one. */
int bundle_in_sequence(struct bundle_reader *r, const char *section, int seq, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

int bundle_missing(struct bundle_reader *r, const char *key, const struct jsonr *v,
                   const char *want);
int bundle_wrong(struct bundle_reader *r, const char *key, const struct jsonr *v, const char *want);
int bundle_is_null(const struct jsonr *v);

/* Typed members: absent or null optional ones give NULL, 0, NAN. */
int bundle_str_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                  const char **out);
int bundle_name_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                   const char **out); /* not empty */
int bundle_enum_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                   const char *const *words, const char **out);
int bundle_long_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                   long min, long max, long *out);
int bundle_int_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                  int min, int max, int *out);
int bundle_num_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                  double *out);
int bundle_bool_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int *out);
int bundle_date_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                   const char **out);
int bundle_time_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                   int64_t *out);
int bundle_array_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                    const struct jsonr **out);
int bundle_sha256_at(struct bundle_reader *r, const struct jsonr *o, const char *key,
                     const char **out);
/* An ISO3 code the database knows (NULL when absent or null). */
int bundle_country_at(struct bundle_reader *r, const struct jsonr *o, const char *key,
                      const char **out);

/* One record of each follow-up section (bundle_followup.c). */
int bundle_read_institution(struct bundle_reader *r, const struct jsonr *o);
int bundle_read_cluster(struct bundle_reader *r, const struct jsonr *o);
int bundle_read_member(struct bundle_reader *r, const struct jsonr *o);
int bundle_read_assignment(struct bundle_reader *r, const struct jsonr *o);
int bundle_read_action(struct bundle_reader *r, const struct jsonr *o);
int bundle_read_indicator(struct bundle_reader *r, const struct jsonr *o);
int bundle_read_file(struct bundle_reader *r, const struct jsonr *o);
int bundle_read_progress(struct bundle_reader *r, const struct jsonr *o);
int bundle_read_note(struct bundle_reader *r, const struct jsonr *o);
int bundle_read_need(struct bundle_reader *r, const struct jsonr *o);

#endif
