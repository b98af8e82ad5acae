/*
 * pages_static.c — the files compiled into the program (src/web/static/, see layout.h),
 * served with a long cache lifetime: their URL carries a version that changes with them.
 */
#include "web/handlers.h"
#include "web/layout.h"

int page_css(struct req *r, struct resp *p)
{
    const struct layout_asset *a = layout_asset_find(r->path);
    if (!a)
        return web_error(r, p, 404, "not_found", "no such file");
    p->content_type = a->content_type;
    buf_append(&p->body, a->bytes, a->size);
    resp_header(p, "Cache-Control", "public, max-age=31536000, immutable");
    return 0;
}
