/*
 * search.h — what a search asks for, checked against the domain before the store runs it:
 * the query parsed (text/query.h), the country resolved from any name or code, the response
 * and SDG code validated. Faces (CLI, web) call this, never the store's search directly.
 */
#ifndef SUIVI_CORE_SEARCH_H
#define SUIVI_CORE_SEARCH_H

#include "store/store.h"

struct core_search {
    const char *query;   /* as typed; NULL for a listing by filters only */
    const char *lang;    /* en, fr, es or NULL for all */
    const char *country; /* any name, ISO2 or ISO3 */
    const char *body, *theme, *sdg, *response, *kind;
    int limit, offset;
};

/* A search ready to run: owns its parsed query. */
struct core_search_plan {
    struct store_search q;
    struct text_query *parsed;
    char iso3[4];
};

/* Checks and parses s into plan (free with core_search_plan_free). ERR_INPUT messages say which
 * option is wrong and what was expected. */
int core_search_plan(struct store *st, const struct core_search *s, struct core_search_plan *plan,
                     struct err *err) SUIVI_MUST_CHECK;
void core_search_plan_free(struct core_search_plan *plan);

#endif
