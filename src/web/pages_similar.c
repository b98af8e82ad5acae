/*
 * pages_similar.c — the "Also recommended by / repeated" section of a recommendation's page:
 * the near-copies core_similar finds (the same wording, give or take a few words), each with
 * the State concerned, the recommending States, and "repeats cycle N" when it comes from
 * another cycle or session, linked to its page.
 *
 * Building the similarity index reads every recommendation (about 0.7 s on 34,000), so one
 * index serves every worker thread (queries only read it and keep their scratch to themselves):
 * built by the first request that finds it missing or stale (store_rec_version moved), while
 * the others wait for it instead of each building its own; reference-counted so a request still
 * reading the old one finishes with it. app_free drops it (page_similar_cache_free).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/read.h"
#include "core/similar.h"
#include "web/handlers.h"
#include "web/html.h"

enum { SIMILAR_ASKED = 20, SIMILAR_SHOWN = 10 };

struct shared_index {
    struct core_similar_index *idx;
    const struct app *app; /* whose database it was read from */
    uint64_t version;      /* store_rec_version then */
    int refs;              /* requests reading it, + 1 while it is the current one */
};

static pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;
static struct shared_index *current_index; /* under index_lock */

/* Drops one reference; the caller holds index_lock. Returns the index to free, or NULL. */
static struct shared_index *index_unref(struct shared_index *s)
{
    return s && --s->refs == 0 ? s : NULL;
}

static void index_free(struct shared_index *s)
{
    if (s) {
        core_similar_index_free(s->idx);
        free(s);
    }
}

static void index_release(struct shared_index *s)
{
    pthread_mutex_lock(&index_lock);
    struct shared_index *dead = index_unref(s);
    pthread_mutex_unlock(&index_lock);
    index_free(dead);
}

/* A new index of r's recommendations, one reference held (as the current one). */
static int index_build(const struct req *r, uint64_t version, struct shared_index **out,
                       struct err *err)
{
    struct core_similar_index *built = NULL;
    int rc = core_similar_index_new(r->store, NULL, &built, err);
    if (rc)
        return rc;
    struct shared_index *s = malloc(sizeof *s);
    if (!s) {
        core_similar_index_free(built);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    *s = (struct shared_index){built, r->app, version, 1};
    *out = s;
    return 0;
}

/* The current index of r's application, (re)built on r's connection when missing or stale;
 * the caller gives it back with index_release. */
static int index_acquire(const struct req *r, struct shared_index **out, struct err *err)
{
    *out = NULL;
    struct shared_index *dead = NULL;
    int rc = 0;
    pthread_mutex_lock(&index_lock);
    uint64_t version = store_rec_version(r->store);
    struct shared_index *s = current_index;
    if (!s || s->app != r->app || s->version != version) {
        struct shared_index *fresh = NULL;
        rc = index_build(r, version, &fresh, err);
        if (!rc) {
            dead = index_unref(s);
            current_index = fresh;
            s = fresh;
        }
    }
    if (!rc) {
        s->refs++;
        *out = s;
    }
    pthread_mutex_unlock(&index_lock);
    index_free(dead);
    return rc;
}

void page_similar_cache_free(const struct app *a)
{
    pthread_mutex_lock(&index_lock);
    struct shared_index *dead = NULL;
    if (current_index && current_index->app == a) {
        dead = index_unref(current_index);
        current_index = NULL;
    }
    pthread_mutex_unlock(&index_lock);
    index_free(dead);
}

struct similar_section {
    const struct req *r;
    struct buf *items;
    int session, cycle; /* of the recommendation shown */
    int shown;
};

static int take_rec(void *ctx, const struct store_rec *rec)
{
    struct similar_section *s = ctx;
    s->session = rec->session;
    s->cycle = rec->cycle;
    return 0;
}

static int similar_item(void *ctx, const struct core_similar_hit *h)
{
    struct similar_section *s = ctx;
    const struct req *r = s->r;
    if (!h->near_copy || s->shown >= SIMILAR_SHOWN)
        return 0;
    s->shown++;
    int rc = html_printf(s->items, "<li><a href=\"/recommendations/%u\">%s</a>", h->id, h->id);
    if (!rc && h->country && *h->country)
        rc = html_printf(s->items, " \xE2\x80\x94 %s", h->country);
    if (!rc && h->body && *h->body)
        rc = html_printf(s->items, " (%s)", h->body);
    if (!rc && h->states && *h->states) {
        rc = html_printf(s->items, "<br><span class=\"hint\">%s</span> %s",
                         T(&r->tr, "Recommended by:"), h->states);
    }
    int other_cycle = h->cycle && s->cycle && h->cycle != s->cycle;
    int other_session = h->session && s->session && h->session != s->session;
    if (!rc && (other_cycle || other_session)) {
        rc = buf_puts(s->items, " <strong class=\"repeat\">");
        if (!rc && h->cycle)
            /* TRANSLATORS: %d is a UPR cycle number: this recommendation repeats one made in
             * that cycle (or is repeated by it). */
            rc = html_textf(s->items, T(&r->tr, "repeats cycle %d"), h->cycle);
        else if (!rc)
            /* TRANSLATORS: %d is a UPR session number. */
            rc = html_textf(s->items, T(&r->tr, "repeats session %d"), h->session);
        rc = rc ? rc : buf_puts(s->items, "</strong>");
    }
    return rc ? rc : buf_puts(s->items, "</li>\n");
}

int page_rec_similar(struct req *r, struct buf *b, const char *rec_id, struct err *err)
{
    struct buf items = BUF_INIT;
    struct similar_section s = {.r = r, .items = &items};
    struct shared_index *idx = NULL;
    int rc = core_rec_get(r->store, rec_id, take_rec, &s, err);
    rc = rc ? rc : index_acquire(r, &idx, err);
    if (!rc) {
        rc = core_similar_query(idx->idx, rec_id, SIMILAR_ASKED, similar_item, &s, err);
        index_release(idx);
    }
    if (rc == ERR_NOTFOUND) { /* not in the index (e.g. without text): nothing to show */
        err->code = 0;
        rc = 0;
    }
    if (!rc && s.shown)
        rc = html_printf(b,
                         "<section id=\"similar\" aria-labelledby=\"similar-title\">\n"
                         "<h2 id=\"similar-title\">%s</h2>\n<p class=\"hint\">%s</p>\n"
                         "<ul class=\"similar\">\n%R</ul>\n</section>\n",
                         T(&r->tr, "Also recommended by / repeated"),
                         T(&r->tr, "The same wording, give or take a few words, elsewhere."),
                         &items);
    buf_free(&items);
    return rc;
}
