/*
 * html.h — the one way suivi writes HTML: every piece of text that did not come from a string
 * literal in our sources goes through a function here, which escapes it for where it lands.
 *
 * Pages write with html_printf, whose format is trusted HTML (a literal in our code) and whose
 * arguments are escaped by construction:
 *
 *     html_printf(b, "<a href=%h title=%a>%s</a> (%d)", url, title, label, count);
 *
 * Attribute values (%a, %h) are written WITH their quotes, so a template cannot leave one
 * unquoted; html_printf refuses a %a or %h that does not directly follow '='.
 * Every function replaces invalid UTF-8 with U+FFFD (one per bad byte) and C0 control characters
 * other than tab, LF and CR (which HTML forbids) likewise: bytes we were given never pass through
 * unchecked. Like buf_*, functions return 0 or ERR_NOMEM and leave the buffer marked (b->oom), so
 * a page can check once at the end; html_printf also marks the buffer failed on a format it does
 * not know, so a programming slip gives a server error, never half-escaped output.
 */
#ifndef SUIVI_WEB_HTML_H
#define SUIVI_WEB_HTML_H

#include "util/buf.h"

/* Appends s as HTML text: & < > " ' become &amp; &lt; &gt; &quot; &#39;. NULL appends nothing.
 * Safe in element content and inside a quoted attribute value. */
int html_text(struct buf *b, const char *s);

/* Appends s as a quoted attribute value: a double quote, s escaped as by html_text, a double
 * quote. NULL gives "". Makes any value safe as data; it does NOT make a URL safe to follow (a
 * "javascript:" href stays a script): use html_href for href and src. */
int html_attr(struct buf *b, const char *s);

/* Appends url as a quoted attribute value if it is safe to follow: http:, https: or mailto:
 * (scheme case ignored), or a relative reference (a path, "//host/...", "?query", "#fragment").
 * Anything else, e.g. "javascript:", "data:", " javascript:" or "java\tscript:" (browsers drop
 * the tab), is replaced by "#" and ERR_INPUT returned (the buffer is not marked failed, so a bad
 * link in imported data does not break the page). */
int html_href(struct buf *b, const char *url);

/* 1 if url would be written as is by html_href, 0 otherwise. */
int html_url_is_safe(const char *url);

/* Appends s percent-encoded for a query-string parameter or a path segment: every byte but
 * A-Z a-z 0-9 - . _ ~ becomes %XX (space is %20). The result is plain ASCII that needs no further
 * escaping, in text or in attributes. */
int html_url_param(struct buf *b, const char *s);

/* Appends a search snippet: s escaped as text, the store's match marks \x02 ... \x03 turned into
 * <mark> ... </mark>. Unbalanced marks are repaired (a stray \x03 dropped, an open <mark>
 * closed at the end; nested \x02 ignored). */
int html_snippet(struct buf *b, const char *s);

/* Appends printf-style text (fmt and args as for buf_printf, e.g. a translated "%d results")
 * escaped as a whole by html_text. For translated formats: msgfmt --check has verified that the
 * translation's conversions match the msgid's. */
int html_textf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The template: fmt is copied as trusted HTML except for these directives, which take the
 * argument types shown (no compiler checks them: match them carefully):
 *
 *     %s   const char *          escaped as text (html_text); NULL prints nothing
 *     %a   const char *          quoted attribute value (html_attr); must follow '='
 *     %h   const char *          quoted, checked URL (html_href); must follow '='; unsafe -> "#"
 *     %u   const char *          percent-encoded (html_url_param), e.g. in href="/search?q=%u"
 *     %m   const char *          a search snippet with its marks (html_snippet)
 *     %d   int                   decimal
 *     %ld  long                  decimal
 *     %zu  size_t                decimal
 *     %R   const struct buf *    RAW: the bytes of a buffer that was itself built ONLY with
 *                                html_* and layout_* functions. Never a buffer holding input,
 *                                text from the store or a translation: those go through %s.
 *     %%   a percent sign
 *
 * Anything else (%x, %c, a lone % at the end) is a programming error: the buffer is marked
 * failed and ERR_INPUT returned. */
int html_printf(struct buf *b, const char *fmt, ...);

#endif
