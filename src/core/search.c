/*
 * search.c — turning what a person typed into a checked search plan (see search.h).
 */
#include "core/search.h"

#include <ctype.h>
#include <string.h>

#include "core/recommendation.h"
#include "text/fold.h"

static int valid_sdg(const char *s)
{
    /* 1-17, optionally .target (digits or a letter) and .indicator */
    int parts = 0;
    while (*s) {
        size_t n = 0;
        while (isalnum((unsigned char)s[n]))
            n++;
        if (!n || n > 3 || ++parts > 3)
            return 0;
        s += n;
        if (*s == '.')
            s++;
        else if (*s)
            return 0;
    }
    return parts > 0;
}

int core_search_plan(struct store *st, const struct core_search *s, struct core_search_plan *plan,
                     struct err *err)
{
    memset(plan, 0, sizeof *plan);
    plan->q.lang = -1;
    int rc;
    if (s->lang) {
        enum text_lang lang;
        if (text_lang_parse(s->lang, &lang))
            return err_set(err, ERR_USAGE, "--lang %s: expected en, fr or es", s->lang);
        plan->q.lang = (int)lang;
    }
    if (s->country) {
        int found = store_country_find(st, s->country, plan->iso3, err);
        if (found < 0)
            return found;
        if (!found)
            return err_set(err, ERR_USAGE,
                           "--country %s: no such country (use an ISO code or "
                           "a name in English, French or Spanish)",
                           s->country);
        plan->q.filter.country = plan->iso3;
    }
    if (s->response) {
        const char *response;
        if (core_response_parse(s->response, &response) || !response)
            return err_set(err, ERR_USAGE,
                           "--response %s: expected supported, noted or "
                           "partially_supported",
                           s->response);
        plan->q.filter.response = response;
    }
    if (s->sdg && !valid_sdg(s->sdg))
        return err_set(err, ERR_USAGE,
                       "--sdg %s: expected a goal (5), target (5.2) or "
                       "indicator (5.2.1)",
                       s->sdg);
    if (s->kind && strcmp(s->kind, "recommendation") && strcmp(s->kind, "pledge"))
        return err_set(err, ERR_USAGE, "--kind %s: expected recommendation or pledge", s->kind);
    if (s->limit < 0 || s->offset < 0)
        return err_set(err, ERR_USAGE, "--limit and --offset must not be negative");
    plan->q.filter.sdg = s->sdg;
    plan->q.filter.body = s->body;
    plan->q.filter.theme = s->theme;
    plan->q.filter.kind = s->kind;
    plan->q.limit = s->limit;
    plan->q.offset = s->offset;
    if (!s->query)
        return 0; /* a listing: filters only */
    if ((rc = text_query_parse(s->query, &plan->parsed, err)))
        return rc;
    plan->q.query = plan->parsed;
    return 0;
}

void core_search_plan_free(struct core_search_plan *plan)
{
    text_query_free(plan->parsed);
    plan->parsed = NULL;
}
