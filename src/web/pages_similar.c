/*
 * pages_similar.c — the "Also recommended by / repeated" section of a recommendation's page:
 * the near-copies core_similar finds (the same wording, give or take a few words), each with
 * the State concerned, the recommending States, and "repeats cycle N" when it comes from
 * another cycle or session, linked to its page.
 *
 * Building the similarity index reads every recommendation (about half a second on 34,000), so
 * each worker thread keeps one (a thread-local pointer), built on its own connection and
 * rebuilt when store_rec_version says the recommendations changed. The index lives as long as
 * the thread (the server's threads last as long as the process).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/read.h"
#include "core/similar.h"
#include "web/handlers.h"
#include "web/html.h"

enum { SIMILAR_ASKED = 20, SIMILAR_SHOWN = 10 };

static __thread struct core_similar_index *thread_index;
static __thread struct store *thread_store;
static __thread uint64_t thread_version;

/* The key only makes the thread's index freed when the thread ends (a server stopping inside a
 * process that goes on: tests, fuzzing); the __thread pointer above is what requests read. */
static pthread_key_t index_key;
static pthread_once_t index_key_once = PTHREAD_ONCE_INIT;
static int index_key_made; /* 0: out of keys; the index then lives until the process ends */

static void index_free_at_exit(void *idx)
{
    core_similar_index_free(idx);
}

static void index_key_make(void)
{
    index_key_made = pthread_key_create(&index_key, index_free_at_exit) == 0;
}

/* This thread's index, (re)built when the connection or the recommendations changed (not on
 * other writes: rebuilding reads every text, seconds on a full database). */
static int similar_index(struct store *st, const struct core_similar_index **out, struct err *err)
{
    uint64_t version = store_rec_version(st);
    if (!thread_index || thread_store != st || thread_version != version) {
        core_similar_index_free(thread_index);
        thread_index = NULL;
        pthread_once(&index_key_once, index_key_make);
        if (index_key_made)
            pthread_setspecific(index_key, NULL);
        struct core_similar_index *idx = NULL;
        int rc = core_similar_index_new(st, NULL, &idx, err);
        if (rc)
            return rc;
        thread_index = idx;
        pthread_once(&index_key_once, index_key_make);
        if (index_key_made)
            pthread_setspecific(index_key, idx);
        thread_store = st;
        thread_version = version;
    }
    *out = thread_index;
    return 0;
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
    const struct core_similar_index *idx = NULL;
    int rc = core_rec_get(r->store, rec_id, take_rec, &s, err);
    rc = rc ? rc : similar_index(r->store, &idx, err);
    rc = rc ? rc : core_similar_query(idx, rec_id, SIMILAR_ASKED, similar_item, &s, err);
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
