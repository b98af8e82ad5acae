/*
 * isotime.c — UTC ISO-8601 text with milliseconds <-> ms since the epoch (see isotime.h).
 */
#include "util/isotime.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void isotime_format(int64_t ms, char out[ISOTIME_SIZE])
{
    int64_t secs = ms / 1000, frac = ms % 1000;
    if (frac < 0) {
        frac += 1000;
        secs--;
    }
    time_t t = (time_t)secs;
    struct tm tm;
    /* the fields are in range, so the text is 24 bytes; the compiler cannot know it */
    char text[72] = "0000-00-00T00:00:00.000Z";
    if (gmtime_r(&t, &tm) && tm.tm_year + 1900 <= 9999 && tm.tm_year + 1900 >= 0)
        snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)frac);
    memcpy(out, text, ISOTIME_SIZE - 1);
    out[ISOTIME_SIZE - 1] = '\0';
}

int64_t isotime_parse(const char *text)
{
    if (!text)
        return 0;
    struct tm tm = {0};
    int ms = 0, n = 0;
    if (sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec, &n) != 6)
        return 0;
    if (text[n] == '.' && sscanf(text + n + 1, "%3d", &ms) != 1)
        ms = 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (int64_t)timegm(&tm) * 1000 + ms;
}
