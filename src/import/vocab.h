/*
 * vocab.h — what the classifier knows about suivi's vocabularies before any example, read from
 * the files that ship in data/: each label's descriptive text in English, French and Spanish
 * (UPR Info issue names; UHRI theme and affected-person labels, with the names of the UPR Info
 * issues the crosswalk ties to them; SDG goals with all their targets), the aliases of
 * data/aliases.csv, and the crosswalk from UPR Info issues (data/crosswalk/).
 */
#ifndef SUIVI_IMPORT_VOCAB_H
#define SUIVI_IMPORT_VOCAB_H

#include <stddef.h>

#include "text/classify.h"
#include "util/err.h"

/* The vocabularies a model can be trained for, as store tags name them. */
#define IMPORT_VOCAB_NAMES "upr_issue, uhri_theme, affected_person, sdg"

struct import_vocab {
    const char *name; /* one of IMPORT_VOCAB_NAMES (static) */
    struct text_label_info *labels;
    size_t nlabels;
    struct text_alias *aliases;
    size_t naliases;
    struct text_link *links; /* UPR Info issue -> label of this vocabulary */
    size_t nlinks;
    char **strings; /* everything the above point to */
    size_t nstrings, capstrings;
};

/* Reads vocabulary `name` from data_dir into *out (free with import_vocab_free, also after an
 * error). Returns 0; ERR_USAGE for an unknown name; ERR_IO / ERR_INPUT naming the file and
 * line of a missing or malformed data file; ERR_NOMEM. */
int import_vocab_load(const char *data_dir, const char *name, struct import_vocab *out,
                      struct err *err) SUIVI_MUST_CHECK;
void import_vocab_free(struct import_vocab *v);

/* The vocabulary a label column holds: by its name ("issues", "themes", "affected_persons" or
 * "groups", "sdgs"), else the vocabulary in which most of names[0..n) are labels or aliases
 * (at least half of them). NULL when none fits or data_dir lacks the files. */
const char *import_vocab_guess(const char *data_dir, const char *column, const char *const *names,
                               size_t n);

/* Where the models for the vocabularies ship, under the data directory: DIR/NAME.model. */
#define IMPORT_MODEL_DIR "models"

/* Reads the model file at path (at most 512 MiB). A model that names its base model
 * (text_model_base_ref) gets it from the same directory. Returns 0, ERR_IO (naming the file),
 * ERR_INPUT / ERR_VERSION (text_model_load's message), ERR_NOMEM. */
int import_model_load(const char *path, struct text_model **out, struct err *err) SUIVI_MUST_CHECK;

#endif
