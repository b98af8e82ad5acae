/*
 * fuzz_config.c — libFuzzer target for the configuration file of `suivi serve`
 * (src/cli/config.c). The input is the file, NUL bytes, CRs and overlong lines included. Besides
 * crashes, leaks and sanitizer reports it aborts when a promise of config.h is broken: a refusal
 * that is not ERR_INPUT with a "fuzz.conf:LINE: " message or that leaves anything set; an
 * accepted file whose values break the value checks (a listen without a port, threads or
 * max-body out of range, an empty or multi-line string); and an accepted file that, written
 * back as `key = value` lines, does not parse to the same values.
 * Seeds and past crashes live in tests/fuzz/corpus/fuzz_config/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/config.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

static void check_string(const char *s)
{
    check(s != NULL && *s && !strchr(s, '\n') && !strchr(s, '\r'));
    check(s[0] != ' ' && s[0] != '\t' && s[strlen(s) - 1] != ' ' && s[strlen(s) - 1] != '\t');
}

static void check_values(const struct cli_config *c)
{
    check((c->db != NULL) == !!(c->set & CLI_CONFIG_DB));
    check((c->listen != NULL) == !!(c->set & CLI_CONFIG_LISTEN));
    check((c->access_log != NULL) == !!(c->set & CLI_CONFIG_ACCESS_LOG));
    if (c->db)
        check_string(c->db);
    if (c->access_log)
        check_string(c->access_log);
    if (c->listen) {
        check_string(c->listen);
        check(strchr(c->listen, ':') && !strpbrk(c->listen, " \t#"));
    }
    if (c->set & CLI_CONFIG_THREADS)
        check(c->threads >= 1 && c->threads <= CLI_CONFIG_MAX_THREADS);
    else
        check(c->threads == 0);
    if (c->set & CLI_CONFIG_MAX_BODY)
        check(c->max_body >= 1 && c->max_body <= CLI_CONFIG_MAX_BODY_LIMIT);
    else
        check(c->max_body == 0);
    check(c->secure_cookies == 0 || c->secure_cookies == 1);
}

/* The accepted values, written back as a file. */
static void write_back(const struct cli_config *c, struct buf *out)
{
    if (c->db)
        buf_printf(out, "db=%s\n", c->db);
    if (c->listen)
        buf_printf(out, "listen=%s\n", c->listen);
    if (c->set & CLI_CONFIG_THREADS)
        buf_printf(out, "threads=%d\n", c->threads);
    if (c->access_log)
        buf_printf(out, "access-log=%s\n", c->access_log);
    if (c->set & CLI_CONFIG_SECURE_COOKIES)
        buf_printf(out, "secure-cookies=%s\n", c->secure_cookies ? "yes" : "no");
    if (c->set & CLI_CONFIG_MAX_BODY)
        buf_printf(out, "max-body=%zu\n", c->max_body);
}

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cli_config c;
    struct err err = {0};
    int rc = cli_config_parse((const char *)data, size, "fuzz.conf", &c, &err);
    if (rc) {
        check(rc == ERR_INPUT && err.code == ERR_INPUT);
        check(!strncmp(err.msg, "fuzz.conf:", 10));
        char *end;
        long line = strtol(err.msg + 10, &end, 10);
        check(line >= 1 && *end == ':');
        check(c.set == 0 && !c.db && !c.listen && !c.access_log);
        return 0;
    }
    check_values(&c);
    struct buf text = BUF_INIT;
    write_back(&c, &text);
    check(!text.oom);
    struct cli_config again;
    struct err err_again = {0};
    /* key=value, the shortest form, so that no written line is longer than the line read. */
    check(cli_config_parse(buf_str(&text), text.len, "fuzz.conf", &again, &err_again) == 0);
    check(again.set == c.set && same(again.db, c.db) && same(again.listen, c.listen) &&
          same(again.access_log, c.access_log) && again.threads == c.threads &&
          again.max_body == c.max_body && again.secure_cookies == c.secure_cookies);
    cli_config_free(&again);
    cli_config_free(&c);
    buf_free(&text);
    return 0;
}
