/*
 * bundle.h — reading the exchange bundle (docs/bundle.md) into a database: one transaction for
 * the whole document, records merged by their stable keys (recommendation id, institution
 * code, cluster name, ...), so that importing the same bundle twice changes nothing. Any
 * error names the file and the JSON path of the value at fault and keeps nothing.
 */
#ifndef SUIVI_IMPORT_BUNDLE_H
#define SUIVI_IMPORT_BUNDLE_H

#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

struct core_actor; /* core/accounts.h */

/* The sections of a bundle, in the order they are read. */
enum import_bundle_section {
    IMPORT_BUNDLE_RECOMMENDATIONS,
    IMPORT_BUNDLE_SUGGESTIONS,
    IMPORT_BUNDLE_INSTITUTIONS,
    IMPORT_BUNDLE_CLUSTERS,
    IMPORT_BUNDLE_CLUSTER_MEMBERS,
    IMPORT_BUNDLE_ASSIGNMENTS,
    IMPORT_BUNDLE_ACTIONS,
    IMPORT_BUNDLE_INDICATORS,
    IMPORT_BUNDLE_FILES,
    IMPORT_BUNDLE_PROGRESS,
    IMPORT_BUNDLE_NOTES,
    IMPORT_BUNDLE_NEEDS,
    IMPORT_BUNDLE_SECTION_COUNT
};

/* "recommendations", "suggestions", ...: the section's key in the document. */
const char *import_bundle_section_name(enum import_bundle_section s);

struct import_bundle_result {
    long records[IMPORT_BUNDLE_SECTION_COUNT]; /* records read, by section */
    long inserted, updated, unchanged;         /* rows, every section (tags, values too) */
    long evidence_without_file; /* evidence skipped: its file is neither here nor stored */
};

/* Reads the bundle text[0..n) (name: the file name messages start with) into st in one
 * transaction, recording one audit event for actor (NULL: the command line) when it changed
 * anything. ERR_INPUT "NAME: $.path: what was expected" for a bad document, an unknown format
 * or version, a duplicate, or a reference to a record that is neither in the bundle nor in the
 * database; the database is then as it was. */
int import_bundle_text(struct store *st, const char *name, const char *text, size_t n,
                       const struct core_actor *actor, struct import_bundle_result *res,
                       struct err *err) SUIVI_MUST_CHECK;

/* The same for the file at path. */
int import_bundle(struct store *st, const char *path, const struct core_actor *actor,
                  struct import_bundle_result *res, struct err *err) SUIVI_MUST_CHECK;

#endif
