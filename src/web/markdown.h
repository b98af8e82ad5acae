/*
 * markdown.h — Markdown (CommonMark) to HTML for the knowledge hub's texts, through the cmark
 * library (included by markdown.c only). Rendering is safe by construction: raw HTML in the
 * Markdown is dropped (cmark writes a comment in its place), links and images whose URL is
 * javascript:, vbscript:, file: or data: (other than an image) lose their URL, text is escaped,
 * invalid UTF-8 is replaced. So what a contributor types can never put a script or an event
 * handler on a page (stored XSS); tests/web/test_markdown.c checks it.
 */
#ifndef SUIVI_WEB_MARKDOWN_H
#define SUIVI_WEB_MARKDOWN_H

#include <stddef.h>

#include "util/buf.h"

/* Appends md[0..n) rendered as HTML to out. The result is one of the few buffers a page may
 * insert with html_printf's %R (raw) besides those built with html_* functions: it holds only
 * what cmark's safe renderer writes. md NULL appends nothing. Returns 0 or ERR_NOMEM (out is
 * then marked failed). */
int markdown_html(struct buf *out, const char *md, size_t n);

#endif
