/*
 * key.c — comparison keys of names (see key.h): fold case and accents, read "&" as "and",
 * reduce every run of non-alphanumeric ASCII to one space.
 */
#include "text/key.h"

#include <string.h>

#include "text/fold.h"

int text_name_key(const char *name, struct buf *out)
{
    struct buf folded = BUF_INIT;
    int rc = text_fold(name, strlen(name), TEXT_FOLD_ACCENTS, &folded);
    if (rc) {
        buf_free(&folded);
        return rc;
    }
    size_t start = out->len;
    int space = 0;
    for (const unsigned char *p = (const unsigned char *)buf_str(&folded); *p && !rc; p++) {
        int word = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p >= 0x80;
        if (*p == '&') {
            if (out->len > start)
                rc = buf_putc(out, ' ');
            rc = rc ? rc : buf_puts(out, "and");
            space = 1;
            continue;
        }
        if (!word) {
            space = 1;
            continue;
        }
        if (space && out->len > start)
            rc = buf_putc(out, ' ');
        space = 0;
        rc = rc ? rc : buf_putc(out, (char)*p);
    }
    buf_free(&folded);
    return rc;
}
