/*
 * isotime.h — times as UTC ISO-8601 text with milliseconds ("2024-05-01T09:30:00.123Z") and
 * back to milliseconds since the epoch. The one conversion the clock (core/audit.c) and both
 * store backends use, so that a time written by one reads the same in the other: exact integer
 * arithmetic, no floating point, no locale.
 */
#ifndef SUIVI_UTIL_ISOTIME_H
#define SUIVI_UTIL_ISOTIME_H

#include <stdint.h>

enum { ISOTIME_SIZE = 25 }; /* 24 characters and the terminating NUL */

/* Writes "2024-05-01T09:30:00.123Z" (UTC) for ms since 1970-01-01T00:00:00Z into out. A time
 * whose year falls outside 0..9999 is written "0000-00-00T00:00:00.000Z". Cannot fail. */
void isotime_format(int64_t ms, char out[ISOTIME_SIZE]);

/* The inverse of isotime_format: ms since the epoch for text "YYYY-MM-DDThh:mm:ss[.sss]..."
 * (milliseconds optional). 0 for NULL or text that does not start that way; the fields are not
 * range-checked (timegm normalises them). */
int64_t isotime_parse(const char *text);

#endif
