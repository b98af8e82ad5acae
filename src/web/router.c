/*
 * router.c — the route table (see router.h) and matching. The table is the one place that says
 * which URL does what and who may call it; the OpenAPI document is generated from its /api/v1
 * entries and a test checks both agree.
 */
#include "web/router.h"

#include <string.h>

#include "core/permissions.h"
#include "web/handlers.h"

static const struct route routes[] = {
    /* JSON API */
    {"GET", "/api/v1/hello", api_hello, ROUTE_ANYONE, "Liveness check (no database)"},
    {"GET", "/api/v1/openapi.json", api_openapi, ROUTE_ANYONE, "This API's OpenAPI 3 document"},
    {"GET", "/api/v1/recommendations", api_recommendations, CORE_READ_PUBLISHED,
     "Recommendations, filtered and paginated"},
    {"GET", "/api/v1/recommendations/:id", api_recommendation, CORE_READ_PUBLISHED,
     "One recommendation with texts, recommending States and tags"},
    {"GET", "/api/v1/search", api_search, CORE_SEARCH, "Full-text search with filters and facets"},
    {"GET", "/api/v1/taxonomies", api_taxonomies, CORE_READ_TAXONOMY, "The vocabularies"},
    {"GET", "/api/v1/taxonomies/:vocabulary", api_taxonomy, CORE_READ_TAXONOMY,
     "The terms of a vocabulary, labelled in EN/FR/ES"},
    {"GET", "/api/v1/countries", api_countries, CORE_READ_TAXONOMY,
     "UN member and observer States"},
    {"GET", "/api/v1/bodies", api_bodies, CORE_READ_TAXONOMY, "Mechanisms and bodies"},
    {"GET", "/api/v1/stats", api_stats, CORE_READ_PUBLISHED,
     "Counts by body, country, response, theme, SDG"},
    {"POST", "/api/v1/session", api_login, ROUTE_ANYONE, "Log in: returns a bearer token"},
    {"DELETE", "/api/v1/session", api_logout, ROUTE_ANYONE, "Log out"},
    {"GET", "/api/v1/me", api_me, ROUTE_ANYONE, "Who is asking"},
    {"GET", "/api/v1/users", api_users, CORE_MANAGE_USERS, "Accounts"},
    {"POST", "/api/v1/users", api_user_create, CORE_MANAGE_USERS, "Create an account"},
    {"GET", "/api/v1/users/:id", api_user, CORE_MANAGE_USERS, "One account"},
    {"PATCH", "/api/v1/users/:id", api_user_update, CORE_MANAGE_USERS,
     "Change an account's role, name, institution, activity or password"},
    {"GET", "/api/v1/audit", api_audit, CORE_READ_AUDIT, "The audit trail, filtered"},
    /* knowledge hub (api_hub.c): core hides unpublished entries from who may not see them */
    {"GET", "/api/v1/hub/practices", api_hub_practices, CORE_READ_PUBLISHED,
     "Knowledge hub: good practices the caller may read, paginated (filters country, tag)"},
    {"POST", "/api/v1/hub/practices", api_hub_practice_create, CORE_HUB_PROPOSE,
     "Knowledge hub: propose a good practice (unpublished unless a coordinator publishes it)"},
    {"GET", "/api/v1/hub/practices/:id", api_hub_practice, CORE_READ_PUBLISHED,
     "Knowledge hub: one good practice with its texts, tags and files"},
    {"PATCH", "/api/v1/hub/practices/:id", api_hub_practice_update, CORE_HUB_EDIT,
     "Knowledge hub: publish or withdraw a good practice ({\"published\": true|false})"},
    {"GET", "/api/v1/hub/profiles", api_hub_profiles, CORE_READ_PUBLISHED,
     "Knowledge hub: NMIRF profiles"},
    {"GET", "/api/v1/hub/profiles/:country", api_hub_profile, CORE_READ_PUBLISHED,
     "Knowledge hub: the NMIRF profile of a State (ISO3, ISO2 or name)"},
    {"GET", "/api/v1/hub/documents", api_hub_documents, CORE_READ_PUBLISHED,
     "Knowledge hub: the library's documents (without their text)"},
    {"GET", "/api/v1/hub/documents/:id", api_hub_document, CORE_READ_PUBLISHED,
     "Knowledge hub: one library document with its text"},
    {"GET", "/api/v1/hub/search", api_hub_search, CORE_SEARCH,
     "Knowledge hub: full-text search of practices, profiles and library (q, lang, kind)"},
    /* technical cooperation (api_coop.c): core leaves out the needs the caller may not see */
    {"GET", "/api/v1/needs", api_coop_needs, CORE_READ_PUBLISHED,
     "Cooperation: needs the caller may see, paginated (filters country, region, theme, sdg, "
     "kind, language, status, visibility, q)"},
    {"POST", "/api/v1/needs", api_coop_need_create, CORE_RECORD_NEED,
     "Cooperation: record a need of the caller's State"},
    {"GET", "/api/v1/needs/:id", api_coop_need, CORE_READ_PUBLISHED, "Cooperation: one need"},
    {"PATCH", "/api/v1/needs/:id", api_coop_need_update, CORE_RECORD_NEED,
     "Cooperation: change a need's visibility, or withdraw it ({\"status\": \"withdrawn\"})"},
    {"GET", "/api/v1/needs/:id/offers", api_coop_need_offers, CORE_COOP_MATCH,
     "Cooperation: the open offers best for a need, each score with its parts"},
    {"GET", "/api/v1/offers", api_coop_offers, CORE_READ_PUBLISHED,
     "Cooperation: offers, paginated (filters theme, sdg, region, kind, provider, language, "
     "status, q)"},
    {"POST", "/api/v1/offers", api_coop_offer_create, CORE_RECORD_OFFER,
     "Cooperation: record an offer of the caller's organisation"},
    {"GET", "/api/v1/offers/:id", api_coop_offer, CORE_READ_PUBLISHED, "Cooperation: one offer"},
    {"GET", "/api/v1/offers/:id/needs", api_coop_offer_needs, CORE_COOP_MATCH,
     "Cooperation: the open needs best for an offer that both sides may see, with score parts"},
    {"GET", "/api/v1/matches", api_coop_matches, CORE_READ_PUBLISHED,
     "Cooperation: matches whose need the caller may see (filters need, offer, state)"},
    {"POST", "/api/v1/matches", api_coop_match_create, CORE_COOP_MATCH,
     "Cooperation: propose a match ({need_id, offer_id, side, comment})"},
    {"GET", "/api/v1/matches/:id", api_coop_match, CORE_READ_PUBLISHED,
     "Cooperation: one match with its score parts and history"},
    {"POST", "/api/v1/matches/:id/decisions", api_coop_match_decision, CORE_COOP_MATCH,
     "Cooperation: accept, decline, start, complete or withdraw a match ({state, comment})"},
    /* HTML pages */
    {"GET", "/static/suivi.css", page_css, ROUTE_ANYONE, NULL},
    {"GET", "/", page_home, ROUTE_ANYONE, NULL},
    {"GET", "/search", page_search, CORE_SEARCH, NULL},
    {"GET", "/recommendations/:id", page_recommendation, CORE_READ_PUBLISHED, NULL},
    {"GET", "/browse/:dimension", page_browse, CORE_READ_PUBLISHED, NULL},
    {"GET", "/browse/:dimension/:value", page_browse_value, CORE_READ_PUBLISHED, NULL},
    {"GET", "/dashboard", page_dashboard, CORE_READ_PUBLISHED, NULL},
    {"GET", "/login", page_login_form, ROUTE_ANYONE, NULL},
    {"POST", "/login", page_login, ROUTE_ANYONE, NULL},
    {"POST", "/logout", page_logout, ROUTE_ANYONE, NULL},
    {"GET", "/users", page_users, CORE_MANAGE_USERS, NULL},
    {"POST", "/users", page_users_post, CORE_MANAGE_USERS, NULL},
    {"GET", "/audit", page_audit, CORE_READ_AUDIT, NULL},
    {"GET", "/history/:entity/:id", page_history, CORE_READ_AUDIT, NULL},
    {"GET", "/review", page_tag_review, CORE_TAG, NULL},
    {"POST", "/review", page_tag_review_post, CORE_TAG, NULL},
    /* follow-up pages. CORE_COMMENT stands for "signed in to take part" (contributor, focal
     * point, coordinator, admin): a focal point's edit_progress holds only for its own
     * institution, which the route cannot know, so core checks it on every write. */
    {"GET", "/followup", page_followup, CORE_READ_PUBLISHED, NULL}, /* 401 unless signed in */
    {"GET", "/institutions", page_institutions, CORE_MANAGE_INSTITUTIONS, NULL},
    {"POST", "/institutions", page_institutions_post, CORE_MANAGE_INSTITUTIONS, NULL},
    {"GET", "/clusters", page_clusters, CORE_READ_PUBLISHED, NULL},
    {"POST", "/clusters", page_clusters_post, CORE_MANAGE_INSTITUTIONS, NULL},
    {"GET", "/clusters/:id", page_cluster, CORE_READ_PUBLISHED, NULL},
    {"POST", "/clusters/:id", page_cluster_post, CORE_MANAGE_INSTITUTIONS, NULL},
    {"GET", "/deadlines", page_deadlines, CORE_READ_PUBLISHED, NULL},
    {"POST", "/deadlines", page_deadlines_post, CORE_MANAGE_INSTITUTIONS, NULL},
    {"GET", "/outbox", page_outbox, CORE_COMMENT, NULL},
    {"POST", "/outbox", page_outbox_post, CORE_MANAGE_INSTITUTIONS, NULL},
    {"GET", "/validation", page_validation, CORE_VALIDATE_PROGRESS, NULL},
    {"GET", "/my", page_my, CORE_COMMENT, NULL},
    {"POST", "/recommendations/:id/assign", page_assign_post, CORE_MANAGE_INSTITUTIONS, NULL},
    {"POST", "/recommendations/:id/actions", page_action_post, CORE_COMMENT, NULL},
    {"POST", "/recommendations/:id/indicators", page_indicator_post, CORE_COMMENT, NULL},
    {"POST", "/recommendations/:id/notes", page_note_post, CORE_COMMENT, NULL},
    {"POST", "/recommendations/:id/progress", page_progress_new_post, CORE_COMMENT, NULL},
    {"POST", "/progress/:id", page_progress_post, CORE_COMMENT, NULL},
    {"POST", "/progress/:id/evidence", page_evidence_post, CORE_COMMENT, NULL},
    {"POST", "/progress/:id/review", page_review_post, CORE_VALIDATE_PROGRESS, NULL},
    {"GET", "/evidence/:id", page_evidence, CORE_READ_PUBLISHED, NULL}, /* core: validated only */
    {"GET", "/reports", page_reports, CORE_READ_ALL, NULL},
    {"GET", "/reports/matrix", page_report_matrix, CORE_READ_ALL, NULL},
    {"GET", "/reports/draft", page_report_draft, CORE_READ_ALL, NULL},
    {"GET", "/reports/dashboard", page_report_dashboard, CORE_READ_ALL, NULL},
    /* knowledge hub (pages_hub.c) */
    {"GET", "/hub", page_hub, CORE_READ_PUBLISHED, NULL},
    {"GET", "/hub/search", page_hub_search, CORE_SEARCH, NULL},
    {"GET", "/hub/practices", page_hub_practices, CORE_READ_PUBLISHED, NULL},
    {"POST", "/hub/practices", page_hub_practice_post, CORE_HUB_PROPOSE, NULL},
    {"GET", "/hub/practices/:id", page_hub_practice, CORE_READ_PUBLISHED, NULL},
    {"POST", "/hub/practices/:id", page_hub_practice_change, CORE_HUB_PROPOSE, NULL}, /* core */
    {"POST", "/hub/practices/:id/files", page_hub_file_post, CORE_HUB_PROPOSE, NULL},
    {"GET", "/hub/files/:id", page_hub_file, CORE_READ_PUBLISHED, NULL}, /* core: visible only */
    {"GET", "/hub/profiles/:country", page_hub_profile, CORE_READ_PUBLISHED, NULL},
    {"POST", "/hub/profiles", page_hub_profile_post, CORE_HUB_EDIT, NULL},
    {"GET", "/hub/documents/:id", page_hub_document, CORE_READ_PUBLISHED, NULL},
    /* technical cooperation (pages_coop*.c): core decides what each reader may see */
    {"GET", "/coop", page_coop, CORE_READ_PUBLISHED, NULL},
    {"GET", "/coop/needs/new", page_coop_need_new, CORE_RECORD_NEED, NULL},
    {"POST", "/coop/needs", page_coop_need_create, CORE_RECORD_NEED, NULL},
    {"GET", "/coop/needs/:id", page_coop_need, CORE_READ_PUBLISHED, NULL},
    {"POST", "/coop/needs/:id", page_coop_need_post, CORE_RECORD_NEED, NULL},
    {"GET", "/coop/offers/new", page_coop_offer_new, CORE_RECORD_OFFER, NULL},
    {"POST", "/coop/offers", page_coop_offer_create, CORE_RECORD_OFFER, NULL},
    {"GET", "/coop/offers/:id", page_coop_offer, CORE_READ_PUBLISHED, NULL},
    {"POST", "/coop/offers/:id", page_coop_offer_post, CORE_RECORD_OFFER, NULL},
    {"POST", "/coop/matches", page_coop_propose, CORE_COOP_MATCH, NULL},
    {"GET", "/coop/matches/:id", page_coop_match, CORE_READ_PUBLISHED, NULL},
    {"POST", "/coop/matches/:id", page_coop_match_post, CORE_COOP_MATCH, NULL},
    {"GET", "/coop/report", page_coop_report, CORE_READ_PUBLISHED, NULL},
    {"GET", "/coop/report/file", page_coop_report_file, CORE_READ_PUBLISHED, NULL},
};

const struct route *router_routes(size_t *n)
{
    *n = sizeof routes / sizeof routes[0];
    return routes;
}

/* Matches pattern against path; fills params (pointing into storage) on success. */
static int match(const char *pattern, const char *path, char *storage,
                 const char *params[WEB_MAX_PARAMS])
{
    int np = 0;
    const char *pp = pattern, *sp = path;
    char *out = storage;
    while (*pp && *sp) {
        if (*pp != '/' || *sp != '/')
            return 0;
        pp++;
        sp++;
        const char *pend = strchr(pp, '/'), *send = strchr(sp, '/');
        size_t plen = pend ? (size_t)(pend - pp) : strlen(pp);
        size_t slen = send ? (size_t)(send - sp) : strlen(sp);
        if (plen && pp[0] == ':') {
            if (!slen || np >= WEB_MAX_PARAMS)
                return 0;
            memcpy(out, sp, slen);
            out[slen] = '\0';
            params[np++] = out;
            out += slen + 1;
        } else if (plen != slen || memcmp(pp, sp, plen)) {
            return 0;
        }
        pp += plen;
        sp += slen;
    }
    return !*pp && !*sp;
}

const struct route *router_match(const char *method, const char *path, char *storage,
                                 const char *params[WEB_MAX_PARAMS], int *path_known)
{
    *path_known = 0;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (!match(routes[i].pattern, path, storage, params))
            continue;
        if (!strcmp(routes[i].method, method) ||
            (!strcmp(method, "HEAD") && !strcmp(routes[i].method, "GET")))
            return &routes[i];
        *path_known = 1;
    }
    return NULL;
}
