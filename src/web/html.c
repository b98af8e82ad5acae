/*
 * html.c — escaping for HTML text, attributes, URLs and snippets, and the html_printf template
 * (see html.h for the contract).
 *
 * One loop (escape_run) walks the input once: it copies runs of bytes that need nothing, decodes
 * every non-ASCII sequence with text/'s strict UTF-8 decoder, and writes U+FFFD for what is not
 * well-formed or is a control character HTML forbids. The mode decides what the safe bytes are
 * and how the others are written (entity, %XX, or <mark>).
 */
#include "web/html.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "text/fold.h"

enum escape_mode {
    ESCAPE_TEXT,    /* & < > " ' as entities */
    ESCAPE_URL,     /* all but unreserved as %XX */
    ESCAPE_SNIPPET, /* as text, \x02 and \x03 as <mark> and </mark> */
};

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD in UTF-8 */

static int mark_failed(struct buf *b, int rc)
{
    b->oom = 1;
    return rc;
}

/* ASCII bytes the mode copies unchanged. */
static int ascii_is_plain(unsigned char c, enum escape_mode mode)
{
    if (mode == ESCAPE_URL)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '.' || c == '_' || c == '~';
    if (c < 0x20)
        return c == '\t' || c == '\n' || c == '\r';
    return c != 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
}

static int put_percent(struct buf *b, const char *bytes, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        unsigned char c = (unsigned char)bytes[i];
        char e[3] = {'%', hex[c >> 4], hex[c & 15]};
        rc = buf_append(b, e, 3);
    }
    return rc;
}

/* Writes bytes that are well-formed UTF-8 (a character or the replacement) in the mode. */
static int put_checked(struct buf *b, const char *bytes, size_t n, enum escape_mode mode)
{
    return mode == ESCAPE_URL ? put_percent(b, bytes, n) : buf_append(b, bytes, n);
}

/* Writes one ASCII byte that is not plain in the mode. */
static int put_special(struct buf *b, unsigned char c, enum escape_mode mode, int *marked)
{
    if (mode == ESCAPE_URL && c >= 0x20 && c != 0x7f)
        return put_percent(b, (const char *)&c, 1);
    switch (c) {
    case '&':
        return buf_puts(b, "&amp;");
    case '<':
        return buf_puts(b, "&lt;");
    case '>':
        return buf_puts(b, "&gt;");
    case '"':
        return buf_puts(b, "&quot;");
    case '\'':
        return buf_puts(b, "&#39;");
    case '\x02':
        if (mode == ESCAPE_SNIPPET) {
            if (*marked)
                return 0;
            *marked = 1;
            return buf_puts(b, "<mark>");
        }
        break;
    case '\x03':
        if (mode == ESCAPE_SNIPPET) {
            if (!*marked)
                return 0;
            *marked = 0;
            return buf_puts(b, "</mark>");
        }
        break;
    default:
        break;
    }
    if (mode == ESCAPE_URL && (c == '\t' || c == '\n' || c == '\r'))
        return put_percent(b, (const char *)&c, 1);
    return put_checked(b, replacement, 3, mode);
}

static int escape_run(struct buf *b, const char *s, enum escape_mode mode)
{
    if (!s)
        return b->oom ? ERR_NOMEM : 0;
    size_t n = strlen(s), i = 0, run = 0;
    int rc = 0, marked = 0;
    while (i < n && !rc) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80 && ascii_is_plain(c, mode)) {
            i++;
            continue;
        }
        rc = buf_append(b, s + run, i - run);
        if (rc)
            break;
        if (c < 0x80) {
            rc = put_special(b, c, mode, &marked);
            i++;
        } else {
            uint32_t cp;
            int len = text_utf8_decode(s + i, n - i, &cp);
            int bad = len < 0 || (cp >= 0x80 && cp <= 0x9f); /* bad byte, or a C1 control */
            rc = bad ? put_checked(b, replacement, 3, mode)
                     : put_checked(b, s + i, (size_t)len, mode);
            i += len < 0 ? 1 : (size_t)len;
        }
        run = i;
    }
    if (!rc)
        rc = buf_append(b, s + run, i - run);
    if (!rc && marked)
        rc = buf_puts(b, "</mark>");
    return rc;
}

int html_text(struct buf *b, const char *s)
{
    return escape_run(b, s, ESCAPE_TEXT);
}

int html_attr(struct buf *b, const char *s)
{
    int rc = buf_putc(b, '"');
    rc = rc ? rc : escape_run(b, s, ESCAPE_TEXT);
    return rc ? rc : buf_putc(b, '"');
}

int html_url_param(struct buf *b, const char *s)
{
    return escape_run(b, s, ESCAPE_URL);
}

int html_snippet(struct buf *b, const char *s)
{
    return escape_run(b, s, ESCAPE_SNIPPET);
}

int html_url_is_safe(const char *url)
{
    if (!url)
        return 0;
    size_t end = strcspn(url, ":/?#");
    if (url[end] != ':')
        return 1; /* no scheme: a relative reference */
    static const char *const allowed[] = {"http", "https", "mailto"};
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (strlen(allowed[i]) == end && strncasecmp(url, allowed[i], end) == 0)
            return 1;
    return 0;
}

int html_href(struct buf *b, const char *url)
{
    if (html_url_is_safe(url))
        return html_attr(b, url);
    int rc = buf_puts(b, "\"#\"");
    return rc ? rc : ERR_INPUT;
}

int html_textf(struct buf *b, const char *fmt, ...)
{
    struct buf text = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    int rc = buf_vprintf(&text, fmt, ap);
    va_end(ap);
    if (!rc)
        rc = html_text(b, buf_str(&text));
    else if (rc == ERR_NOMEM)
        mark_failed(b, rc);
    buf_free(&text);
    return rc;
}

/* Writes the raw bytes of a buffer built by html_* functions, passing on its failure. */
static int put_raw(struct buf *b, const struct buf *raw)
{
    if (!raw)
        return 0;
    if (raw->oom)
        return mark_failed(b, ERR_NOMEM);
    return buf_append(b, raw->data, raw->len);
}

int html_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = 0;
    const char *run = fmt, *p = fmt;
    while (*p && !rc) {
        if (*p != '%') {
            p++;
            continue;
        }
        rc = buf_append(b, run, (size_t)(p - run));
        if (rc)
            break;
        const char *directive = p++;
        switch (*p++) {
        case 's':
            rc = html_text(b, va_arg(ap, const char *));
            break;
        case 'a':
        case 'h':
            if (directive == fmt || directive[-1] != '=') {
                rc = mark_failed(b, ERR_INPUT);
                break;
            }
            if (p[-1] == 'a')
                rc = html_attr(b, va_arg(ap, const char *));
            else if (html_href(b, va_arg(ap, const char *)) == ERR_NOMEM)
                rc = ERR_NOMEM;
            break;
        case 'u':
            rc = html_url_param(b, va_arg(ap, const char *));
            break;
        case 'm':
            rc = html_snippet(b, va_arg(ap, const char *));
            break;
        case 'd':
            rc = buf_printf(b, "%d", va_arg(ap, int));
            break;
        case 'l':
            rc = *p++ == 'd' ? buf_printf(b, "%ld", va_arg(ap, long)) : mark_failed(b, ERR_INPUT);
            break;
        case 'z':
            rc = *p++ == 'u' ? buf_printf(b, "%zu", va_arg(ap, size_t)) : mark_failed(b, ERR_INPUT);
            break;
        case 'R':
            rc = put_raw(b, va_arg(ap, const struct buf *));
            break;
        case '%':
            rc = buf_putc(b, '%');
            break;
        default: /* includes the NUL of a lone trailing '%' */
            rc = mark_failed(b, ERR_INPUT);
            break;
        }
        run = p;
    }
    va_end(ap);
    if (!rc)
        rc = buf_append(b, run, (size_t)(p - run));
    return rc;
}
