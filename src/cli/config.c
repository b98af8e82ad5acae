/*
 * config.c — the configuration file of `suivi serve` (see config.h): a line-by-line parser
 * that names the file and line of anything it refuses, and the value checks that serve's
 * command-line options share. A comment starts with # at the beginning of a line or after a
 * space or tab, so a value holding " #" cannot be written (documented).
 */
#include "cli/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/file.h"

static const struct {
    const char *key;
    unsigned bit;
} keys[] = {
    {"db", CLI_CONFIG_DB},
    {"listen", CLI_CONFIG_LISTEN},
    {"threads", CLI_CONFIG_THREADS},
    {"access-log", CLI_CONFIG_ACCESS_LOG},
    {"secure-cookies", CLI_CONFIG_SECURE_COOKIES},
    {"max-body", CLI_CONFIG_MAX_BODY},
};

enum { NKEYS = sizeof keys / sizeof keys[0] };

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Copies at most 40 bytes of s (len bytes) for a message, printable ASCII only. */
static void quote(const char *s, size_t len, char out[48])
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < 40; i++)
        out[n++] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
    if (len > 40) {
        memcpy(out + n, "...", 3);
        n += 3;
    }
    out[n] = '\0';
}

int cli_config_listen(const char *value, const char *what, struct err *err)
{
    /* What an address may be made of: IPv4, [IPv6] with a %zone, or nothing (all addresses);
     * http.c refuses names that are not numeric addresses when it starts. */
    static const char addr_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz"
                                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ.:[]%_-";
    const char *colon = strrchr(value, ':');
    if (!colon || value[strspn(value, addr_chars)])
        return err_set(err, ERR_INPUT, "%s: expected ADDR:PORT, e.g. 127.0.0.1:8080", what);
    const char *p = colon + 1;
    long port = 0;
    size_t digits = strspn(p, "0123456789");
    if (digits == 0 || digits > 5 || p[digits] || (port = strtol(p, NULL, 10)) > 65535)
        return err_set(err, ERR_INPUT, "%s: the port must be a number from 0 to 65535", what);
    return 0;
}

int cli_config_threads(const char *value, const char *what, int *out, struct err *err)
{
    size_t digits = strspn(value, "0123456789");
    long n = digits && digits <= 4 && !value[digits] ? strtol(value, NULL, 10) : 0;
    if (n < 1 || n > CLI_CONFIG_MAX_THREADS)
        return err_set(err, ERR_INPUT, "%s: expected a number of threads from 1 to %d", what,
                       CLI_CONFIG_MAX_THREADS);
    *out = (int)n;
    return 0;
}

int cli_config_bytes(const char *value, const char *what, size_t *out, struct err *err)
{
    size_t digits = strspn(value, "0123456789");
    const char *unit = value + digits;
    size_t shift = 0;
    if (!strcasecmp(unit, "k") || !strcasecmp(unit, "kib"))
        shift = 10;
    else if (!strcasecmp(unit, "m") || !strcasecmp(unit, "mib"))
        shift = 20;
    else if (!strcasecmp(unit, "g") || !strcasecmp(unit, "gib"))
        shift = 30;
    else if (*unit)
        digits = 0;
    unsigned long long n = digits && digits <= 10 ? strtoull(value, NULL, 10) : 0;
    if (n == 0 || n > (unsigned long long)CLI_CONFIG_MAX_BODY_LIMIT >> shift)
        return err_set(err, ERR_INPUT,
                       "%s: expected a size in bytes from 1 to 1 GiB (suffix K, M or G allowed)",
                       what);
    *out = (size_t)(n << shift);
    return 0;
}

int cli_config_bool(const char *value, const char *what, int *out, struct err *err)
{
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (!strcasecmp(value, yes[i])) {
            *out = 1;
            return 0;
        }
        if (!strcasecmp(value, no[i])) {
            *out = 0;
            return 0;
        }
    }
    return err_set(err, ERR_INPUT, "%s: expected yes or no", what);
}

void cli_config_free(struct cli_config *c)
{
    if (!c)
        return;
    free(c->db);
    free(c->listen);
    free(c->access_log);
    *c = (struct cli_config){0};
}

static int dup_value(const char *value, char **out, struct err *err)
{
    if (!(*out = strdup(value)))
        return err_set(err, ERR_NOMEM, "out of memory");
    return 0;
}

/* Stores value (NUL-terminated, trimmed, not empty) under key number k. */
static int set_value(struct cli_config *c, size_t k, const char *value, const char *what,
                     struct err *err)
{
    switch (keys[k].bit) {
    case CLI_CONFIG_DB:
        return dup_value(value, &c->db, err);
    case CLI_CONFIG_LISTEN: {
        int rc = cli_config_listen(value, what, err);
        return rc ? rc : dup_value(value, &c->listen, err);
    }
    case CLI_CONFIG_THREADS:
        return cli_config_threads(value, what, &c->threads, err);
    case CLI_CONFIG_ACCESS_LOG:
        return dup_value(value, &c->access_log, err);
    case CLI_CONFIG_SECURE_COOKIES:
        return cli_config_bool(value, what, &c->secure_cookies, err);
    default:
        return cli_config_bytes(value, what, &c->max_body, err);
    }
}

/* The key number of key (len bytes; '_' may stand for '-'), or NKEYS. */
static size_t find_key(const char *key, size_t len)
{
    char norm[32];
    if (len >= sizeof norm)
        return NKEYS;
    for (size_t i = 0; i < len; i++)
        norm[i] = key[i] == '_' ? '-' : key[i];
    norm[len] = '\0';
    for (size_t k = 0; k < NKEYS; k++)
        if (!strcmp(norm, keys[k].key))
            return k;
    return NKEYS;
}

struct parser {
    const char *name;
    struct cli_config *out;
    int first_line[NKEYS]; /* where each key was given; 0: not yet */
    struct buf value;
};

/* One line (len bytes, no newline), number line. */
static int parse_line(struct parser *p, const char *s, size_t len, int line, struct err *err)
{
    if (len > CLI_CONFIG_MAX_LINE)
        return err_set(err, ERR_INPUT, "%s:%d: line longer than %d bytes", p->name, line,
                       CLI_CONFIG_MAX_LINE);
    if (len && s[len - 1] == '\r')
        len--;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '#' && (i == 0 || is_blank(s[i - 1]))) {
            len = i;
            break;
        }
        if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
            return err_set(err, ERR_INPUT, "%s:%d: control character (byte %d) in the line",
                           p->name, line, s[i]);
    }
    while (len && is_blank(s[len - 1]))
        len--;
    while (len && is_blank(*s))
        s++, len--;
    if (!len)
        return 0;
    char shown[48];
    const char *eq = memchr(s, '=', len);
    if (!eq) {
        quote(s, len, shown);
        return err_set(err, ERR_INPUT, "%s:%d: expected 'key = value', got '%s'", p->name, line,
                       shown);
    }
    size_t klen = (size_t)(eq - s);
    while (klen && is_blank(s[klen - 1]))
        klen--;
    size_t k = find_key(s, klen);
    if (k == NKEYS) {
        quote(s, klen, shown);
        return err_set(err, ERR_INPUT,
                       "%s:%d: unknown key '%s' (known: db, listen, threads, access-log, "
                       "secure-cookies, max-body)",
                       p->name, line, shown);
    }
    if (p->first_line[k])
        return err_set(err, ERR_INPUT, "%s:%d: '%s' given twice (first on line %d)", p->name, line,
                       keys[k].key, p->first_line[k]);
    p->first_line[k] = line;
    const char *v = eq + 1, *end = s + len;
    while (v < end && is_blank(*v))
        v++;
    if (v == end)
        return err_set(err, ERR_INPUT, "%s:%d: '%s' needs a value", p->name, line, keys[k].key);
    buf_reset(&p->value);
    if (buf_append(&p->value, v, (size_t)(end - v)))
        return err_set(err, ERR_NOMEM, "out of memory");
    char what[300];
    snprintf(what, sizeof what, "%s:%d: %s", p->name, line, keys[k].key);
    int rc = set_value(p->out, k, buf_str(&p->value), what, err);
    if (!rc)
        p->out->set |= keys[k].bit;
    return rc;
}

int cli_config_parse(const char *text, size_t len, const char *name, struct cli_config *out,
                     struct err *err)
{
    *out = (struct cli_config){0};
    struct parser p = {.name = name, .out = out};
    int rc = 0, line = 1;
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        for (const char *c = text; c < nul; c++)
            line += *c == '\n';
        rc = err_set(err, ERR_INPUT, "%s:%d: NUL byte: not a text file", name, line);
        goto out;
    }
    for (size_t at = 0; at < len; line++) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
        if ((rc = parse_line(&p, text + at, n, line, err)))
            goto out;
        at += n + 1;
    }
out:
    buf_free(&p.value);
    if (rc)
        cli_config_free(out);
    return rc;
}

int cli_config_load(const char *path, struct cli_config *out, struct err *err)
{
    *out = (struct cli_config){0};
    struct buf text = BUF_INIT;
    int rc = file_read_all(path, CLI_CONFIG_MAX_BYTES, &text, err);
    if (!rc)
        rc = cli_config_parse(text.data ? text.data : "", text.len, path, out, err);
    buf_free(&text);
    return rc;
}
