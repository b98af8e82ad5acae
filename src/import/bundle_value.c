/*
 * bundle_value.c — the bundle reader's paths, messages and typed values (see bundle_internal.h):
 * every value is checked where it is read, and a message names the JSON path of the value at
 * fault, e.g. "bundle.json: $.recommendations[12].texts.fr: expected a string, not an integer".
 */
#include "import/bundle_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- paths and messages ------------------------------------------------------------------ */

size_t bundle_path_key(struct bundle_reader *r, const char *key)
{
    size_t mark = r->path.len;
    buf_printf(&r->path, ".%s", key);
    return mark;
}

size_t bundle_path_index(struct bundle_reader *r, size_t i)
{
    size_t mark = r->path.len;
    buf_printf(&r->path, "[%zu]", i);
    return mark;
}

void bundle_path_back(struct bundle_reader *r, size_t mark)
{
    r->path.len = mark;
    if (r->path.data)
        r->path.data[mark] = '\0';
}

/* ERR_INPUT "NAME: PATH[.key]: what". */
int bundle_bad(struct bundle_reader *r, const char *key, const char *fmt, ...)
{
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (r->path.oom)
        return err_set(r->err, ERR_NOMEM, "out of memory");
    return err_set(r->err, ERR_INPUT, "%s: %s%s%s: %s", r->name, buf_str(&r->path), key ? "." : "",
                   key ? key : "", what);
}

/* Puts the record's path before a message from the store. */
int bundle_at_fault(struct bundle_reader *r, int rc)
{
    if (rc && rc != ERR_NOMEM) {
        char msg[sizeof r->err->msg];
        snprintf(msg, sizeof msg, "%s", r->err->msg);
        err_set(r->err, rc == ERR_NOTFOUND ? ERR_INPUT : rc, "%s: %s: %s", r->name,
                buf_str(&r->path), msg);
        return rc == ERR_NOTFOUND ? ERR_INPUT : rc;
    }
    return rc;
}

void bundle_count(struct bundle_reader *r, enum store_put_outcome o)
{
    r->res->inserted += o == STORE_PUT_INSERTED;
    r->res->updated += o == STORE_PUT_UPDATED;
    r->res->unchanged += o == STORE_PUT_UNCHANGED;
}

/* Refuses a second record of a section with the same key. */
int bundle_unique(struct bundle_reader *r, const char *section, const char *fmt, ...)
{
    struct buf key = BUF_INIT;
    va_list ap;
    buf_printf(&key, "%s\x1f", section);
    va_start(ap, fmt);
    buf_vprintf(&key, fmt, ap);
    va_end(ap);
    const char *first;
    int rc = 0;
    if (key.oom)
        rc = err_set(r->err, ERR_NOMEM, "out of memory");
    else if (strmap_get(r->seen, buf_str(&key), &first))
        rc = bundle_bad(r, NULL, "the same %s as %s", section, first ? first : "an earlier record");
    else if (strmap_put(r->seen, buf_str(&key), buf_str(&r->path)))
        rc = err_set(r->err, ERR_NOMEM, "out of memory");
    buf_free(&key);
    return rc;
}

/* Refuses a record whose key (fmt...) and seq were seen, or whose seq skips one: the records
 * sharing a key are numbered 1, 2, ... in the bundle's order, as the database will store them. */
int bundle_in_sequence(struct bundle_reader *r, const char *section, int seq, const char *fmt, ...)
{
    struct buf key = BUF_INIT;
    va_list ap;
    buf_printf(&key, "%s\x1f", section);
    va_start(ap, fmt);
    buf_vprintf(&key, fmt, ap);
    va_end(ap);
    size_t base = key.len;
    const char *first;
    int rc = 0;
    if (seq > 1) {
        buf_printf(&key, "\x1f%d", seq - 1);
        if (!key.oom && !strmap_get(r->seen, buf_str(&key), &first))
            rc = bundle_bad(r, "seq", "%d, but no earlier %s has the same key and seq %d", seq,
                            section, seq - 1);
        key.len = base;
    }
    buf_printf(&key, "\x1f%d", seq);
    if (!rc && key.oom)
        rc = err_set(r->err, ERR_NOMEM, "out of memory");
    else if (!rc && strmap_get(r->seen, buf_str(&key), &first))
        rc = bundle_bad(r, NULL, "the same %s as %s", section, first ? first : "an earlier record");
    else if (!rc && strmap_put(r->seen, buf_str(&key), buf_str(&r->path)))
        rc = err_set(r->err, ERR_NOMEM, "out of memory");
    buf_free(&key);
    return rc;
}

/* ---- typed values ------------------------------------------------------------------------ */

int bundle_missing(struct bundle_reader *r, const char *key, const struct jsonr *v,
                   const char *want)
{
    return v ? bundle_bad(r, key, "expected %s, not null", want)
             : bundle_bad(r, key, "missing, expected %s", want);
}

int bundle_wrong(struct bundle_reader *r, const char *key, const struct jsonr *v, const char *want)
{
    return bundle_bad(r, key, "expected %s, not %s", want, jsonr_type_name(jsonr_type(v)));
}

int bundle_is_null(const struct jsonr *v)
{
    return !v || jsonr_type(v) == JSONR_NULL;
}

int bundle_str_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                  const char **out)
{
    const struct jsonr *v = jsonr_get(o, key);
    *out = NULL;
    if (bundle_is_null(v))
        return required ? bundle_missing(r, key, v, "a string") : 0;
    if (!(*out = jsonr_string(v, NULL)))
        return bundle_wrong(r, key, v, "a string");
    return 0;
}

/* A string that names something: not empty. */
int bundle_name_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                   const char **out)
{
    int rc = bundle_str_at(r, o, key, required, out);
    if (!rc && *out && !**out)
        rc = bundle_bad(r, key, "expected a non-empty string");
    return rc;
}

int bundle_enum_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                   const char *const *words, const char **out)
{
    int rc = bundle_str_at(r, o, key, required, out);
    if (rc || !*out)
        return rc;
    for (size_t i = 0; words[i]; i++)
        if (!strcmp(words[i], *out))
            return 0;
    struct buf list = BUF_INIT;
    for (size_t i = 0; words[i]; i++)
        buf_printf(&list, "%s%s", i ? ", " : "", words[i]);
    rc = bundle_bad(r, key, "\"%.60s\" is not one of %s", *out, list.len ? buf_str(&list) : "");
    buf_free(&list);
    return rc;
}

int bundle_long_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                   long min, long max, long *out)
{
    const struct jsonr *v = jsonr_get(o, key);
    *out = 0;
    if (bundle_is_null(v))
        return required ? bundle_missing(r, key, v, "an integer") : 0;
    if (!jsonr_long(v, out))
        return bundle_wrong(r, key, v, "an integer");
    if (*out < min || *out > max)
        return bundle_bad(r, key, "%ld is out of range (%ld to %ld)", *out, min, max);
    return 0;
}

int bundle_int_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                  int min, int max, int *out)
{
    long v;
    int rc = bundle_long_at(r, o, key, required, min, max, &v);
    *out = (int)v;
    return rc;
}

int bundle_num_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                  double *out)
{
    const struct jsonr *v = jsonr_get(o, key);
    *out = NAN;
    if (bundle_is_null(v))
        return required ? bundle_missing(r, key, v, "a number") : 0;
    if (!jsonr_double(v, out))
        return bundle_wrong(r, key, v, "a number");
    return 0;
}

int bundle_bool_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int *out)
{
    const struct jsonr *v = jsonr_get(o, key);
    *out = 0;
    if (bundle_is_null(v))
        return bundle_missing(r, key, v, "true or false");
    return jsonr_bool(v, out) ? 0 : bundle_wrong(r, key, v, "true or false");
}

/* 1 when s matches pattern, where 'd' stands for a digit. */
static int shaped(const char *s, const char *pattern)
{
    for (; *pattern; s++, pattern++)
        if (*pattern == 'd' ? !isdigit((unsigned char)*s) : *s != *pattern)
            return 0;
    return *s == '\0';
}

int bundle_date_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                   const char **out)
{
    int rc = bundle_str_at(r, o, key, required, out);
    if (!rc && *out && !shaped(*out, "dddd-dd-dd"))
        rc = bundle_bad(r, key, "\"%.40s\" is not a date (YYYY-MM-DD)", *out);
    return rc;
}

/* "2024-05-01T09:30:00.123Z" or "2024-05-01T09:30:00Z" to ms since the epoch. */
static int parse_time(const char *s, int64_t *ms)
{
    int frac = 0;
    if (shaped(s, "dddd-dd-ddTdd:dd:dd.dddZ"))
        frac = atoi(s + 20);
    else if (!shaped(s, "dddd-dd-ddTdd:dd:ddZ"))
        return -1;
    struct tm tm = {.tm_year = atoi(s) - 1900,
                    .tm_mon = atoi(s + 5) - 1,
                    .tm_mday = atoi(s + 8),
                    .tm_hour = atoi(s + 11),
                    .tm_min = atoi(s + 14),
                    .tm_sec = atoi(s + 17)};
    struct tm want = tm;
    if (tm.tm_year < -1899 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 59)
        return -1;
    time_t t = timegm(&tm);
    if (tm.tm_mday != want.tm_mday || tm.tm_mon != want.tm_mon) /* 31 April, 30 February */
        return -1;
    *ms = (int64_t)t * 1000 + frac;
    return *ms > 0 ? 0 : -1;
}

int bundle_time_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                   int64_t *out)
{
    const char *s;
    *out = 0;
    int rc = bundle_str_at(r, o, key, required, &s);
    if (!rc && s && parse_time(s, out))
        rc = bundle_bad(r, key, "\"%.40s\" is not a UTC time (YYYY-MM-DDThh:mm:ss.sssZ)", s);
    return rc;
}

int bundle_array_at(struct bundle_reader *r, const struct jsonr *o, const char *key, int required,
                    const struct jsonr **out)
{
    const struct jsonr *v = jsonr_get(o, key);
    *out = NULL;
    if (bundle_is_null(v))
        return required ? bundle_missing(r, key, v, "an array") : 0;
    if (jsonr_type(v) != JSONR_ARRAY)
        return bundle_wrong(r, key, v, "an array");
    *out = v;
    return 0;
}

int bundle_sha256_at(struct bundle_reader *r, const struct jsonr *o, const char *key,
                     const char **out)
{
    int rc = bundle_str_at(r, o, key, BUNDLE_REQ, out);
    if (rc)
        return rc;
    size_t n = strlen(*out);
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)(*out)[i]) && !((*out)[i] >= 'a' && (*out)[i] <= 'f'))
            n = 0;
    return n == 64 ? 0 : bundle_bad(r, key, "expected 64 lower-case hexadecimal digits");
}

/* A country code the database knows (recommendations and their States refer to it). */
int bundle_country_at(struct bundle_reader *r, const struct jsonr *o, const char *key,
                      const char **out)
{
    int rc = bundle_str_at(r, o, key, BUNDLE_OPT, out);
    const char *cached;
    if (rc || !*out || strmap_get(r->countries, *out, &cached))
        return rc;
    char iso3[4];
    int found = strlen(*out) == 3 ? store_country_find(r->st, *out, iso3, r->err) : 0;
    if (found < 0)
        return found;
    if (!found || strcmp(iso3, *out))
        return bundle_bad(r, key, "\"%.40s\" is not the ISO3 code of a country this database knows",
                          *out);
    return strmap_put(r->countries, *out, NULL) ? err_set(r->err, ERR_NOMEM, "out of memory") : 0;
}
