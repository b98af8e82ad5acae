/*
 * import.h — the importers: files from outside (UPR Info exports, OHCHR thematic lists, any
 * CSV through a mapping, the taxonomies in data/) turned into calls of core/. Each import of a
 * file is one run: all of it lands or none of it does.
 */
#ifndef SUIVI_IMPORT_H
#define SUIVI_IMPORT_H

#include "core/recommendation.h"
#include "store/store.h"
#include "util/err.h"

/* Called now and then during long imports (rows done so far in this file). */
typedef void (*import_progress_cb)(void *ctx, const char *file, long rows);

/* Called with a message a person should read that does not stop the import. */
typedef void (*import_warn_cb)(void *ctx, const char *message);

struct import_options {
    const char *encoding; /* NULL: detect */
    import_progress_cb progress;
    import_warn_cb warn;
    void *ctx; /* passed to progress and warn */
};

/* UPR Info database exports: the raw originals (To,To-Rgrp,...,Issue,Session; MacRoman, CR
 * line ends; issues comma-separated) or the UTF-8 flattening (id,state_under_review,...;
 * issues |-separated). The format is recognised from the header. */
int import_upr_info(struct core_import *run, const char *path, const struct import_options *o,
                    struct err *err) SUIVI_MUST_CHECK;

/* OHCHR "Thematic list of recommendations" text (see thematic_list.h). */
int import_thematic_list(struct core_import *run, const char *path, const struct import_options *o,
                         struct err *err) SUIVI_MUST_CHECK;

/* Any CSV, with a mapping file naming which column holds which field (see docs/import.md). */
int import_csv_mapped(struct core_import *run, const char *mapping_path, const char *path,
                      const struct import_options *o, struct err *err) SUIVI_MUST_CHECK;

/* Loads the taxonomies and countries shipped in data_dir into the store (one transaction). */
int import_taxonomies(struct store *st, const char *data_dir, struct err *err) SUIVI_MUST_CHECK;

/* Decodes the HTML entities sources leave in text (&amp; &#40; &#x27; ...) into out. */
int import_decode_entities(const char *s, struct buf *out) SUIVI_MUST_CHECK;

/* The UPR cycle of a UPR Working Group session (1-12: 1, 13-26: 2, 27-40: 3, ...). */
int import_upr_cycle(int session);

#endif
