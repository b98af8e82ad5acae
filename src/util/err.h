/*
 * err.h — the error record passed down every fallible call in suivi.
 *
 * A function that can fail returns an int status (0 = ok, negative = one of the ERR_* codes) and
 * fills a struct err that the caller can show to a person. Messages name the file, line, field
 * and what was expected wherever that is known.
 */
#ifndef SUIVI_ERR_H
#define SUIVI_ERR_H

#include <stdarg.h>

enum {
    ERR_OK = 0,
    ERR_NOMEM = -1,    /* out of memory */
    ERR_IO = -2,       /* a file or socket could not be read or written */
    ERR_INPUT = -3,    /* malformed input: file, query, argument */
    ERR_NOTFOUND = -4, /* the named entity does not exist */
    ERR_STORE = -5,    /* the database refused or failed */
    ERR_VERSION = -6,  /* database made by a newer suivi */
    ERR_USAGE = -7,    /* wrong command-line use */
    ERR_DENIED = -8,   /* not allowed */
};

struct err {
    int code;
    char msg[256];
};

#define SUIVI_MUST_CHECK __attribute__((warn_unused_result))

/* Sets e->code and formats e->msg (truncated to fit, always terminated). Returns code so that
 * callers can write `return err_set(e, ERR_INPUT, "...")`. e may be NULL. */
int err_set(struct err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Prepends "prefix: " to an existing message, e.g. the file name around a parser's line error. */
void err_prefix(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Clears the record to ERR_OK and an empty message. */
void err_clear(struct err *e);

#endif
