/*
 * pages_coop_history.c — the history sections of a need's page (/coop/needs/ID): what happened
 * to the need itself (recorded, visibility changed, withdrawn, met: who, when, before and
 * after), shown to the need's State and administrators only, as core_need_history decides; and
 * every move of the matches on it the reader may see (core_match_list, core_match_history),
 * oldest first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/html.h"
#include "web/pages_coop.h"

static char *copy_str(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* ---- the need itself -------------------------------------------------------------------- */

/* What an action of the need's trail is called on the page. */
static const char *action_label(const struct req *r, const char *action)
{
    if (!strcmp(action, "create"))
        return T(&r->tr, "Recorded");
    if (!strcmp(action, "visibility"))
        return T(&r->tr, "Visibility changed");
    if (!strcmp(action, "withdraw"))
        return T(&r->tr, "Need withdrawn");
    if (!strcmp(action, "met"))
        return T(&r->tr, "Met by a completed match");
    return action;
}

/* "before -> after" of one vocabulary, or after alone when nothing was before. */
static int change(const struct req *r, struct buf *b, enum coop_vocab vocab, int before, int after)
{
    int rc = 0;
    if (before >= 0 && before != after) {
        rc = coop_badge(r, b, vocab, before);
        rc = rc ? rc : buf_puts(b, " \xE2\x86\x92 ");
    }
    return rc ? rc : coop_badge(r, b, vocab, after);
}

struct own_rows {
    const struct req *r;
    struct buf out;
};

static int own_event(void *ctx, const struct core_need_event *e)
{
    struct own_rows *x = ctx;
    const struct req *r = x->r;
    int rc = buf_puts(&x->out, "<tr><td>");
    rc = rc ? rc : fup_when(&x->out, e->at);
    rc = rc ? rc
            : html_printf(&x->out, "</td><td>%s</td><td>%s</td><td>", e->actor_login,
                          action_label(r, e->action));
    int shown = 0;
    if (!rc && e->visibility_after >= 0 && e->visibility_before != e->visibility_after) {
        rc = change(r, &x->out, COOP_VISIBILITY, e->visibility_before, e->visibility_after);
        shown = 1;
    }
    if (!rc && e->status_after >= 0 && e->status_before != e->status_after) {
        rc = shown ? buf_puts(&x->out, "<br>") : 0;
        rc = rc ? rc : change(r, &x->out, COOP_NEED_STATUS, e->status_before, e->status_after);
    }
    return rc ? rc : buf_puts(&x->out, "</td></tr>\n");
}

int coop_need_own_history(struct req *r, struct buf *b, long need_id, struct err *err)
{
    struct own_rows x = {r, BUF_INIT};
    int rc = core_need_history(r->store, &r->actor, need_id, own_event, &x, err);
    if (rc == ERR_DENIED) { /* not the State's: nothing to show, and nothing said */
        buf_free(&x.out);
        *err = (struct err){0};
        return 0;
    }
    if (!rc && x.out.len)
        rc = html_printf(b,
                         "<section aria-labelledby=\"need-history\">\n<h2 id=\"need-history\">%s"
                         "</h2>\n<p class=\"hint\">%s</p>\n<div class=\"table-wrap\"><table>\n"
                         "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
                         "scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n"
                         "%R</tbody>\n</table></div>\n</section>\n",
                         T(&r->tr, "History of this need"),
                         T(&r->tr, "Shown to your State and to administrators only."),
                         T(&r->tr, "When"), T(&r->tr, "Who"), T(&r->tr, "What"),
                         T(&r->tr, "Change"), &x.out);
    buf_free(&x.out);
    return rc;
}

/* ---- the exchanges on it ---------------------------------------------------------------- */

struct need_event {
    long match;
    int64_t at;
    char *who, *comment;
    enum core_match_state from, to;
};

struct need_events {
    struct need_event *v;
    size_t n, cap;
    long match;    /* the match being read */
    long ids[100]; /* the need's matches the reader may see */
    size_t nids;
};

static int need_match_id(void *ctx, const struct core_match *m)
{
    struct need_events *x = ctx;
    if (x->nids < sizeof x->ids / sizeof x->ids[0])
        x->ids[x->nids++] = m->id;
    return 0;
}

static int need_event(void *ctx, const struct core_match_event *e)
{
    struct need_events *x = ctx;
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 16;
        struct need_event *grown = realloc(x->v, cap * sizeof *grown);
        if (!grown)
            return ERR_NOMEM;
        x->v = grown;
        x->cap = cap;
    }
    struct need_event *ev = &x->v[x->n];
    ev->match = x->match;
    ev->at = e->at;
    ev->from = e->from;
    ev->to = e->to;
    ev->who = copy_str(e->actor_login);
    ev->comment = copy_str(e->comment);
    if ((e->actor_login && !ev->who) || (e->comment && !ev->comment)) {
        free(ev->who);
        free(ev->comment);
        return ERR_NOMEM;
    }
    x->n++;
    return 0;
}

static int by_time(const void *a, const void *b)
{
    const struct need_event *x = a, *y = b;
    return x->at < y->at ? -1 : x->at > y->at ? 1 : (x->match > y->match) - (x->match < y->match);
}

int coop_need_history(struct req *r, struct buf *b, long need_id, struct err *err)
{
    struct need_events x = {0};
    struct core_match_filter f = {need_id, 0, -1};
    struct buf rows = BUF_INIT;
    int rc = core_match_list(r->store, &r->actor, &f, need_match_id, &x, err);
    for (size_t i = 0; i < x.nids && !rc; i++) {
        x.match = x.ids[i];
        rc = core_match_history(r->store, &r->actor, x.ids[i], need_event, &x, err);
    }
    if (rc == ERR_NOMEM && !err->msg[0])
        err_set(err, rc, "out of memory");
    if (!rc && x.n)
        qsort(x.v, x.n, sizeof *x.v, by_time);
    for (size_t i = 0; i < x.n && !rc; i++) {
        const struct need_event *e = &x.v[i];
        rc = html_printf(&rows, "<tr><td><a href=\"/coop/matches/%ld\">%ld</a></td><td>", e->match,
                         e->match);
        rc = rc ? rc : coop_move_cells(r, &rows, e->at, e->who, e->from, e->to, e->comment);
    }
    if (!rc && x.n)
        rc = html_printf(b,
                         "<section aria-labelledby=\"history\">\n<h2 id=\"history\">%s</h2>\n"
                         "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">#</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
                         "scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n%R"
                         "</tbody>\n</table></div>\n</section>\n",
                         T(&r->tr, "History"), T(&r->tr, "When"), T(&r->tr, "Who"),
                         T(&r->tr, "Move"), T(&r->tr, "Notes"), &rows);
    for (size_t i = 0; i < x.n; i++) {
        free(x.v[i].who);
        free(x.v[i].comment);
    }
    free(x.v);
    buf_free(&rows);
    return rc;
}
