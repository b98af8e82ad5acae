/*
 * bundle.h — writing the exchange bundle: one JSON document with a State's recommendations
 * (stable ids, every field the store keeps, tags with their origin) and its follow-up
 * (institutions, clusters, assignments, actions, indicators, progress, notes, evidence), so
 * that a national deployment and a hub can hand each other their data. The format is
 * described in docs/bundle.md and docs/bundle.schema.json; src/import/bundle.c reads it back.
 */
#ifndef SUIVI_REPORT_BUNDLE_H
#define SUIVI_REPORT_BUNDLE_H

#include <stdint.h>
#include <stdio.h>

#include "store/store.h"
#include "util/err.h"

#define REPORT_BUNDLE_FORMAT "suivi-bundle"
enum { REPORT_BUNDLE_VERSION = 1 };

struct report_bundle_options {
    const char *state;      /* ISO3: that State's records only; NULL: every State */
    int all;                /* 0 (the default): published records only (docs/bundle.md) */
    int with_files;         /* 1: evidence files' content, base64 (only with all) */
    const char *deployment; /* who produces it (free text); may be NULL */
    int64_t created_at;     /* ms since the epoch, written as the bundle's created_at */
};

/* What a bundle holds, for the person who made it. */
struct report_bundle_counts {
    long recommendations, institutions, clusters, assignments, actions, indicators, progress, notes,
        evidence, files, needs;
};

/* Writes the bundle to out (one JSON object, keys in a fixed order, one record per line).
 * counts (may be NULL) receives what was written. ERR_IO when out cannot be written. */
int report_bundle_write(struct store *st, const struct report_bundle_options *o, FILE *out,
                        struct report_bundle_counts *counts, struct err *err) SUIVI_MUST_CHECK;

/* Appends v as the shortest JSON number that reads back as exactly v ("null" for NAN). */
int report_bundle_number(struct buf *out, double v) SUIVI_MUST_CHECK;

#endif
