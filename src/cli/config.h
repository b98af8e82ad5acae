/*
 * config.h — the configuration file of `suivi serve` (--config FILE or $SUIVI_CONFIG): one
 * `key = value` per line, keys named as serve's command-line options, # comments. Documented
 * for people in docs/operations.md, with a sample in dist/suivi.conf. The same value checks
 * serve applies to its command-line options, so both refuse the same things.
 */
#ifndef SUIVI_CLI_CONFIG_H
#define SUIVI_CLI_CONFIG_H

#include <stddef.h>

#include "util/err.h"

/* Which keys a file gave (struct cli_config.set). */
enum cli_config_key {
    CLI_CONFIG_DB = 1 << 0,
    CLI_CONFIG_LISTEN = 1 << 1,
    CLI_CONFIG_THREADS = 1 << 2,
    CLI_CONFIG_ACCESS_LOG = 1 << 3,
    CLI_CONFIG_SECURE_COOKIES = 1 << 4,
    CLI_CONFIG_MAX_BODY = 1 << 5,
};

enum {
    CLI_CONFIG_MAX_LINE = 4096,     /* bytes per line, newline excluded */
    CLI_CONFIG_MAX_THREADS = 1024,  /* --threads 1..this */
    CLI_CONFIG_MAX_BYTES = 1 << 20, /* a configuration file larger than this is refused */
};
#define CLI_CONFIG_MAX_BODY_LIMIT ((size_t)1 << 30) /* --max-body up to 1 GiB */

/* A parsed file. Strings are owned (cli_config_free); a key not given is NULL / 0 and its bit
 * is clear in set. */
struct cli_config {
    unsigned set;       /* CLI_CONFIG_* bits of the keys given */
    char *db;           /* db: the database, as --db */
    char *listen;       /* listen: ADDR:PORT */
    int threads;        /* threads: 1..CLI_CONFIG_MAX_THREADS */
    char *access_log;   /* access-log: a file, or "-" for standard error */
    int secure_cookies; /* secure-cookies: yes/no, true/false, on/off, 1/0 */
    size_t max_body;    /* max-body: bytes, optional K, M or G suffix (binary) */
};

/* Parses len bytes of text (NUL bytes refused) named name in messages. On error returns
 * ERR_INPUT with "NAME:LINE: what is wrong" (e.g. "suivi.conf:3: unknown key 'listn'") and
 * leaves *out empty; ERR_NOMEM when out of memory. On success *out must be freed with
 * cli_config_free. */
int cli_config_parse(const char *text, size_t len, const char *name, struct cli_config *out,
                     struct err *err) SUIVI_MUST_CHECK;

/* Reads and parses the file path (ERR_IO when it cannot be read). */
int cli_config_load(const char *path, struct cli_config *out, struct err *err) SUIVI_MUST_CHECK;

void cli_config_free(struct cli_config *c);

/* The value checks, shared with serve's options; what names the value in messages (e.g.
 * "--threads" or "suivi.conf:4: threads"). Each returns 0 or ERR_INPUT. */
int cli_config_listen(const char *value, const char *what, struct err *err) SUIVI_MUST_CHECK;
int cli_config_threads(const char *value, const char *what, int *out,
                       struct err *err) SUIVI_MUST_CHECK;
int cli_config_bytes(const char *value, const char *what, size_t *out,
                     struct err *err) SUIVI_MUST_CHECK;
int cli_config_bool(const char *value, const char *what, int *out,
                    struct err *err) SUIVI_MUST_CHECK;

#endif
