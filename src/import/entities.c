/*
 * entities.c — HTML entities left in exported text, decoded once at the edge so that search,
 * linking and display see the characters. Unknown entities are kept as printed.
 */
#include "import/import.h"

#include <stdlib.h>
#include <string.h>

static int put_utf8(struct buf *out, unsigned long cp)
{
    char b[4];
    if (cp < 0x80)
        return buf_putc(out, (char)cp);
    if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        return buf_append(out, b, 2);
    }
    if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        return buf_append(out, b, 3);
    }
    b[0] = (char)(0xF0 | (cp >> 18));
    b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    return buf_append(out, b, 4);
}

/* Decodes the entity starting at s ('&'); returns its length or 0 when it is not one. */
static size_t entity(const char *s, struct buf *out, int *rc)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t n = strlen(named[i].name);
        if (!strncmp(s, named[i].name, n)) {
            *rc = buf_putc(out, named[i].c);
            return n;
        }
    }
    if (s[1] != '#')
        return 0;
    int hex = s[2] == 'x' || s[2] == 'X';
    const char *digits = s + 2 + hex;
    char *end;
    unsigned long cp = strtoul(digits, &end, hex ? 16 : 10);
    if (end == digits || *end != ';' || end - digits > 7 || cp == 0 || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *rc = put_utf8(out, cp);
    return (size_t)(end + 1 - s);
}

int import_decode_entities(const char *s, struct buf *out)
{
    int rc = 0;
    while (*s && !rc) {
        const char *amp = strchr(s, '&');
        if (!amp)
            return buf_puts(out, s);
        rc = buf_append(out, s, (size_t)(amp - s));
        size_t n = rc ? 0 : entity(amp, out, &rc);
        if (!n && !rc)
            rc = buf_putc(out, '&');
        s = amp + (n ? n : 1);
    }
    return rc;
}

int import_upr_cycle(int session)
{
    if (session <= 0)
        return 0;
    return session <= 12 ? 1 : (session - 13) / 14 + 2;
}
