/*
 * markdown.c — the one file that includes cmark.h (see markdown.h). cmark 0.29 and later render
 * safely unless CMARK_OPT_UNSAFE is given; CMARK_OPT_SAFE is passed as well so that an older
 * cmark, where safety was opt-in, is safe too.
 */
#include "web/markdown.h"

#include <cmark.h>
#include <stdlib.h>

#include "util/err.h"

int markdown_html(struct buf *out, const char *md, size_t n)
{
    if (!md)
        return 0;
    char *html = cmark_markdown_to_html(md, n, CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);
    if (!html) {
        out->oom = 1;
        return ERR_NOMEM;
    }
    int rc = buf_puts(out, html);
    free(html);
    return rc;
}
