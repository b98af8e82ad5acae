/*
 * handlers.h — every route handler of the application, and the helpers they share to answer
 * (JSON, errors, pagination) and to read requests (JSON bodies, query parameters, ids). The
 * route table is in router.c; handlers live in api_*.c (JSON under /api/v1) and pages_*.c
 * (HTML); answer.c holds the shared helpers.
 */
#ifndef SUIVI_WEB_HANDLERS_H
#define SUIVI_WEB_HANDLERS_H

#include "core/permissions.h"
#include "core/search.h"
#include "util/jsonw.h"
#include "web/layout.h"
#include "web/web.h"

/* ---- answering -------------------------------------------------------------------------- */

/* An error as JSON ({"error":{"code","message"}}) under /api/, as an HTML page elsewhere.
 * Returns 0 so handlers can `return web_error(...)`. code is a stable machine word. */
int web_error(struct req *r, struct resp *p, int status, const char *code, const char *message);

/* Starts a JSON response (status 200, content type set) and its writer. */
void web_json_begin(struct resp *p, struct jsonw *w);

/* Pagination from ?page= (from 1) and ?per_page= (1..100, default 20). Returns 0, or answers
 * 400 and returns 1. */
int web_page_params(struct req *r, struct resp *p, int *page, int *per_page);

/* The page frame (title, navigation by role, language links) for this request. */
struct layout_page web_layout(const struct req *r, const char *title);

/* Writes "page", "per_page", "total" keys into the current object. */
void web_json_page(struct jsonw *w, int page, int per_page, long total);

/* Starts a JSON answer that is a list: web_json_begin, then {"items": [ open; the caller writes
 * the items and closes with web_json_items_end, which adds the web_json_page keys when page > 0
 * (page 0: a list that is never paginated). */
void web_json_items(struct resp *p, struct jsonw *w);
void web_json_items_end(struct jsonw *w, int page, int per_page, long total);

/* A core error as an answer: 400 (ERR_USAGE, ERR_INPUT), 404 (ERR_NOTFOUND), 403 (ERR_DENIED),
 * else 500, with err->msg. Returns 0. */
int web_fail(struct req *r, struct resp *p, const struct err *err);

/* Ends a JSON answer written since web_json_begin: rc (a core status, err its message) makes
 * the half-written body an error answer (web_fail), a body that ran out of memory a 500.
 * Returns 0. */
int web_json_finish(struct req *r, struct resp *p, int rc, const struct err *err);

/* 201 Created with {"id": id} and Location: base/id. Returns 0. */
int web_json_created(struct req *r, struct resp *p, const char *base, long id);

/* ---- reading requests ------------------------------------------------------------------- */

struct json_in;

/* The request's body as a JSON object into *body (free with json_in_free), or answers 400 with
 * the parser's message and returns 1. */
int web_json_body(struct req *r, struct resp *p, struct json_in **body);

/* A query parameter, NULL when absent or empty (an empty form field means "no filter"). */
const char *web_query(const struct req *r, const char *name);

/* A positive decimal id (from a path segment or a parameter), 0 for anything else (NULL, "",
 * "12x", "-3"). */
long web_id(const char *s);

/* 1 when the "|"-separated list (as core stores recommendation ids, languages...) has item. */
int web_list_has(const char *list, const char *item);

/* ---- API (api_*.c) ---------------------------------------------------------------------- */
int api_recommendations(struct req *r, struct resp *p);
int api_recommendation(struct req *r, struct resp *p);
int api_search(struct req *r, struct resp *p);
int api_taxonomies(struct req *r, struct resp *p);
int api_taxonomy(struct req *r, struct resp *p);
int api_countries(struct req *r, struct resp *p);
int api_bodies(struct req *r, struct resp *p);
int api_stats(struct req *r, struct resp *p);
int api_openapi(struct req *r, struct resp *p);
int api_hello(struct req *r, struct resp *p);
int api_login(struct req *r, struct resp *p);
int api_logout(struct req *r, struct resp *p);
int api_me(struct req *r, struct resp *p);
int api_users(struct req *r, struct resp *p);
int api_user(struct req *r, struct resp *p);
int api_user_create(struct req *r, struct resp *p);
int api_user_update(struct req *r, struct resp *p);
int api_audit(struct req *r, struct resp *p);
/* knowledge hub (api_hub.c) */
int api_hub_practices(struct req *r, struct resp *p);
int api_hub_practice_create(struct req *r, struct resp *p);
int api_hub_practice(struct req *r, struct resp *p);
int api_hub_practice_update(struct req *r, struct resp *p);
int api_hub_profiles(struct req *r, struct resp *p);
int api_hub_profile(struct req *r, struct resp *p);
int api_hub_documents(struct req *r, struct resp *p);
int api_hub_document(struct req *r, struct resp *p);
int api_hub_search(struct req *r, struct resp *p);

/* ---- pages (pages_*.c) ------------------------------------------------------------------ */
int page_css(struct req *r, struct resp *p);
int page_home(struct req *r, struct resp *p);           /* GET /: introduction, search box */
int page_search(struct req *r, struct resp *p);         /* GET /search */
int page_recommendation(struct req *r, struct resp *p); /* GET /recommendations/:id */
int page_browse(struct req *r, struct resp *p);         /* GET /browse/:dimension */
int page_browse_value(struct req *r, struct resp *p);   /* GET /browse/:dimension/:value */
int page_dashboard(struct req *r, struct resp *p);      /* GET /dashboard */
int page_login_form(struct req *r, struct resp *p);     /* GET /login */
int page_login(struct req *r, struct resp *p);          /* POST /login */
int page_logout(struct req *r, struct resp *p);         /* POST /logout */
int page_users(struct req *r, struct resp *p);          /* GET /users */
int page_users_post(struct req *r, struct resp *p);     /* POST /users */
int page_audit(struct req *r, struct resp *p);          /* GET /audit */
int page_history(struct req *r, struct resp *p);        /* GET /history/:entity/:id */

/* tag review and near-copies (pages_review.c, pages_similar.c) */
int page_tag_review(struct req *r, struct resp *p);      /* GET /review */
int page_tag_review_post(struct req *r, struct resp *p); /* POST /review */
/* The "Also recommended by / repeated" section of the page of recommendation rec_id (near-copies
 * from core_similar), appended to b; nothing when there is none (pages_similar.c). */
/* Drops the similar-recommendations index shared by a's worker threads (from app_free). */
void page_similar_cache_free(const struct app *a);
int page_rec_similar(struct req *r, struct buf *b, const char *rec_id,
                     struct err *err) SUIVI_MUST_CHECK;

/* follow-up (pages_followup.c, pages_plan.c, pages_progress.c, pages_my.c,
 * pages_institutions.c, pages_clusters.c, pages_reports.c) */
int page_followup(struct req *r, struct resp *p);     /* GET /followup: the pages one may use */
int page_institutions(struct req *r, struct resp *p); /* GET /institutions */
int page_institutions_post(struct req *r, struct resp *p); /* POST /institutions */
int page_clusters(struct req *r, struct resp *p);          /* GET /clusters */
int page_clusters_post(struct req *r, struct resp *p);     /* POST /clusters */
int page_cluster(struct req *r, struct resp *p);           /* GET /clusters/:id */
int page_cluster_post(struct req *r, struct resp *p);      /* POST /clusters/:id */
int page_deadlines(struct req *r, struct resp *p);         /* GET /deadlines */
int page_deadlines_post(struct req *r, struct resp *p);    /* POST /deadlines */
int page_outbox(struct req *r, struct resp *p);            /* GET /outbox */
int page_outbox_post(struct req *r, struct resp *p);       /* POST /outbox */
int page_validation(struct req *r, struct resp *p);        /* GET /validation */
int page_my(struct req *r, struct resp *p);                /* GET /my */
int page_assign_post(struct req *r, struct resp *p);       /* POST /recommendations/:id/assign */
int page_action_post(struct req *r, struct resp *p);       /* POST /recommendations/:id/actions */
int page_indicator_post(struct req *r, struct resp *p); /* POST /recommendations/:id/indicators */
int page_note_post(struct req *r, struct resp *p);      /* POST /recommendations/:id/notes */
int page_progress_new_post(struct req *r, struct resp *p); /* POST /recommendations/:id/progress */
int page_progress_post(struct req *r, struct resp *p);     /* POST /progress/:id */
int page_evidence_post(struct req *r, struct resp *p);     /* POST /progress/:id/evidence */
int page_review_post(struct req *r, struct resp *p);       /* POST /progress/:id/review */
int page_evidence(struct req *r, struct resp *p);          /* GET /evidence/:id */
int page_reports(struct req *r, struct resp *p);           /* GET /reports */
int page_report_matrix(struct req *r, struct resp *p);     /* GET /reports/matrix */
int page_report_draft(struct req *r, struct resp *p);      /* GET /reports/draft */
int page_report_dashboard(struct req *r, struct resp *p);  /* GET /reports/dashboard */
/* The follow-up section of the page of recommendation rec_id, appended to b (pages_recs.c
 * calls it): status, independent assessments, institutions, actions, indicators, reports,
 * comments, and the forms the reader may use. */
int page_rec_followup(struct req *r, struct buf *b, const char *rec_id,
                      struct err *err) SUIVI_MUST_CHECK;

/* knowledge hub (pages_hub.c) */
int page_hub(struct req *r, struct resp *p);                 /* GET /hub */
int page_hub_search(struct req *r, struct resp *p);          /* GET /hub/search */
int page_hub_practices(struct req *r, struct resp *p);       /* GET /hub/practices */
int page_hub_practice_post(struct req *r, struct resp *p);   /* POST /hub/practices */
int page_hub_practice(struct req *r, struct resp *p);        /* GET /hub/practices/:id */
int page_hub_practice_change(struct req *r, struct resp *p); /* POST /hub/practices/:id */
int page_hub_file_post(struct req *r, struct resp *p);       /* POST /hub/practices/:id/files */
int page_hub_file(struct req *r, struct resp *p);            /* GET /hub/files/:id */
int page_hub_profile(struct req *r, struct resp *p);         /* GET /hub/profiles/:country */
int page_hub_profile_post(struct req *r, struct resp *p);    /* POST /hub/profiles */
int page_hub_document(struct req *r, struct resp *p);        /* GET /hub/documents/:id */

/* technical cooperation (pages_coop*.c, api_coop.c, api_coop_match.c) */
int page_coop(struct req *r, struct resp *p);              /* GET /coop */
int page_coop_need_new(struct req *r, struct resp *p);     /* GET /coop/needs/new */
int page_coop_need_create(struct req *r, struct resp *p);  /* POST /coop/needs */
int page_coop_need(struct req *r, struct resp *p);         /* GET /coop/needs/:id */
int page_coop_need_post(struct req *r, struct resp *p);    /* POST /coop/needs/:id */
int page_coop_offer_new(struct req *r, struct resp *p);    /* GET /coop/offers/new */
int page_coop_offer_create(struct req *r, struct resp *p); /* POST /coop/offers */
int page_coop_offer(struct req *r, struct resp *p);        /* GET /coop/offers/:id */
int page_coop_offer_post(struct req *r, struct resp *p);   /* POST /coop/offers/:id */
int page_coop_propose(struct req *r, struct resp *p);      /* POST /coop/matches */
int page_coop_match(struct req *r, struct resp *p);        /* GET /coop/matches/:id */
int page_coop_match_post(struct req *r, struct resp *p);   /* POST /coop/matches/:id */
int page_coop_report(struct req *r, struct resp *p);       /* GET /coop/report */
int page_coop_report_file(struct req *r, struct resp *p);  /* GET /coop/report/file */
/* The "Technical cooperation" box of the page of recommendation rec_id of State country: the
 * needs concerning it that the reader may see, and the link to ask for cooperation on it. */
int page_rec_coop(struct req *r, struct buf *b, const char *rec_id, const char *country,
                  struct err *err) SUIVI_MUST_CHECK;
int api_coop_needs(struct req *r, struct resp *p);
int api_coop_need_create(struct req *r, struct resp *p);
int api_coop_need(struct req *r, struct resp *p);
int api_coop_need_update(struct req *r, struct resp *p);
int api_coop_need_offers(struct req *r, struct resp *p);
int api_coop_offers(struct req *r, struct resp *p);
int api_coop_offer_create(struct req *r, struct resp *p);
int api_coop_offer(struct req *r, struct resp *p);
int api_coop_offer_needs(struct req *r, struct resp *p);
int api_coop_matches(struct req *r, struct resp *p);
int api_coop_match_create(struct req *r, struct resp *p);
int api_coop_match(struct req *r, struct resp *p);
int api_coop_match_decision(struct req *r, struct resp *p);

/* ---- what the pages share (pages_common.c) ----------------------------------------------- */

/* Starts an HTML page: status 200, content type, the frame up to <main> (web_layout). Then the
 * handler writes its content into p->body and ends with page_end, which closes the frame and
 * turns a buffer that ran out of memory into a 500. Both return 0 (page_begin: or ERR_NOMEM,
 * which page_end reports). */
int page_begin(struct req *r, struct resp *p, const char *title);
int page_end(struct req *r, struct resp *p);

/* An error page for a core error: 400 (ERR_INPUT, ERR_USAGE), 403, 404, else 500. Returns 0. */
int page_fail(struct req *r, struct resp *p, const struct err *err);

/* 303 See Other to location (a local path the caller built). Returns 0. */
int page_redirect(struct resp *p, const char *location);
/* Answers 200 with bytes as a download named file_name (type NULL: application/octet-stream);
 * takes bytes over (left empty) in every case. */
int page_attachment(struct req *r, struct resp *p, struct buf *bytes, const char *file_name,
                    const char *type);

/* A list of codes with their label in the reader's language (countries, terms, counts), in
 * the order filled or sorted by page_list_sort. Owns copies of its strings; free with
 * page_list_free (a zeroed list is empty). */
struct page_item {
    char *code, *label, *parent; /* label, parent may be NULL */
    char *key;                   /* sort key (folded label), set by page_list_sort */
    long count;
};
struct page_list {
    struct page_item *item;
    size_t n, cap;
};

int page_list_add(struct page_list *l, const char *code, const char *label, const char *parent,
                  long count) SUIVI_MUST_CHECK;
void page_list_free(struct page_list *l);
/* The item with code, or NULL. */
const struct page_item *page_list_find(const struct page_list *l, const char *code);
/* The label of code, or code itself when unknown or unlabelled. */
const char *page_list_label(const struct page_list *l, const char *code);
/* Sorts by label with case and accents folded (Égypte beside Equateur). */
int page_list_sort(struct page_list *l) SUIVI_MUST_CHECK;

/* Every country (ISO3, name in r->lang), sorted by name. */
int page_countries(struct req *r, struct page_list *out, struct err *err) SUIVI_MUST_CHECK;
/* Every term of vocab (code, label in r->lang or English, parent), in the store's order. */
int page_terms(struct req *r, const char *vocab, struct page_list *out,
               struct err *err) SUIVI_MUST_CHECK;
/* core_count_by (plan NULL: over everything) with labels in r->lang, largest count first. */
int page_counts(struct req *r, const struct core_search_plan *plan, enum store_dim dim,
                struct page_list *out, struct err *err) SUIVI_MUST_CHECK;

/* The 17 SDG goals in order, labelled "5. Gender equality" in r->lang, each with its count of
 * recommendations (0 when none). */
int page_goals(struct req *r, struct page_list *out, struct err *err) SUIVI_MUST_CHECK;

/* A query parameter of a page's links. */
struct page_param {
    const char *name, *value; /* value NULL or "": left out */
};

/* Appends path?a=1&b=2 to url for the params with a value, every value percent-encoded;
 * name=value replaces the parameter of that name (value NULL: removes it). Returns 0 or
 * ERR_NOMEM. The result is safe in an href (html_printf %h). */
int page_url(struct buf *url, const char *path, const struct page_param *params, size_t n,
             const char *name, const char *value);

/* Appends the pager (nav.pager: "Page X of Y", previous, numbers with aria-current, next)
 * whose links are page_url(path, params, "page", N); nothing when everything fits one page. */
int page_pager(const struct req *r, struct buf *b, const char *path,
               const struct page_param *params, size_t n, int page, int per_page, long total);

/* Appends the translated response as a badge (class from a fixed list, never from data). */
int page_badge(const struct req *r, struct buf *b, const char *response);

/* The language of rec's text to show: r->lang when present, else the first present; -1. */
int page_text_lang(const struct req *r, const struct store_rec *rec);

/* Appends rec as an item of a list of results: id linking to its page, State (named from
 * countries), body, response, text in the reader's language when present. */
int page_rec_item(const struct req *r, struct buf *b, const struct store_rec *rec,
                  const struct page_list *countries);

#endif
