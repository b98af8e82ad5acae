/*
 * pages_hub_profile.c — NMIRF profiles in the knowledge hub: the page of a State's profile
 * (/hub/profiles/:country: kind, legal basis, secretariat, members by branch, participation of
 * the NHRI, civil society, statistics office and parliament, tracking tool, reporting record
 * in Markdown, last update) and, for coordinators and administrators, the form that adds or
 * replaces a profile (POST /hub/profiles), on that page and on /hub.
 */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/hub.h"
#include "core/permissions.h"
#include "web/html.h"
#include "web/pages_followup.h"
#include "web/pages_hub.h"

struct profile_page {
    struct req *r;
    struct buf *b;
    const struct hub_page_labels *labels;
    int saved; /* ?done=saved */
};

static int dt(const struct req *r, struct buf *b, const char *label, const char *value,
              const char *lang)
{
    (void)r;
    if (!value || !*value)
        return 0;
    return html_printf(b, "<dt>%s</dt><dd lang=%a>%s</dd>\n", label, lang, value);
}

static int profile_body(void *ctx, const struct store_hub_profile *pr)
{
    struct profile_page *pp = ctx;
    struct req *r = pp->r;
    struct buf *b = pp->b;
    const char *party[] = {T(&r->tr, "National human rights institution"),
                           T(&r->tr, "Civil society"), T(&r->tr, "Statistics office"),
                           T(&r->tr, "Parliament")};
    const char *branch[] = {T(&r->tr, "Executive"), T(&r->tr, "Legislative"),
                            T(&r->tr, "Judiciary"), T(&r->tr, "Other members")};
    int rc = html_printf(b,
                         "<p><a href=\"/hub\">%s</a></p>\n<h1><span>%s</span>: "
                         "<span lang=%a>%s</span></h1>\n<p>",
                         T(&r->tr, "Knowledge hub"),
                         page_list_label(&pp->labels->countries, pr->country), pr->lang, pr->name);
    rc = rc ? rc : hub_page_badges(r, b, 1, pr->demo);
    rc = rc ? rc : buf_puts(b, "</p>\n");
    if (!rc && pp->saved)
        rc = html_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>\n",
                         T(&r->tr, "The profile was saved."));
    rc = rc ? rc : buf_puts(b, "<dl class=\"fields\">\n");
    rc = rc ? rc
            : dt(r, b, T(&r->tr, "Kind"),
                 !strcmp(pr->standing, "ad_hoc") ? T(&r->tr, "Ad hoc") : T(&r->tr, "Standing"),
                 text_lang_code(r->lang));
    rc = rc ? rc : dt(r, b, T(&r->tr, "Legal basis"), pr->legal_basis, pr->lang);
    rc = rc ? rc : dt(r, b, T(&r->tr, "Secretariat"), pr->secretariat, pr->lang);
    for (int k = 0; k < STORE_HUB_BRANCH_COUNT && !rc; k++)
        rc = dt(r, b, branch[k], pr->members[k], pr->lang);
    for (int k = 0; k < STORE_HUB_PARTY_COUNT && !rc; k++) {
        const struct store_hub_participation *x = &pr->party[k];
        if (x->takes_part < 0 && !x->how)
            continue;
        rc = html_printf(b, "<dt>%s</dt><dd>%s", party[k],
                         x->takes_part < 0 ? T(&r->tr, "Not said")
                         : x->takes_part   ? T(&r->tr, "Takes part")
                                           : T(&r->tr, "Does not take part"));
        if (!rc && x->how)
            rc = html_printf(b, ": <span lang=%a>%s</span>", pr->lang, x->how);
        rc = rc ? rc : buf_puts(b, "</dd>\n");
    }
    rc = rc ? rc : dt(r, b, T(&r->tr, "Tracking tool"), pr->tracking_tool, pr->lang);
    rc = rc ? rc : buf_puts(b, "</dl>\n");
    if (!rc && pr->reporting_record) {
        rc = html_printf(b, "<h2>%s</h2>\n", T(&r->tr, "Reporting record"));
        rc = rc ? rc : hub_page_markdown(b, pr->lang, pr->reporting_record);
    }
    if (!rc && pr->updated_at) {
        char when[CORE_TIME_SIZE];
        core_time_format(pr->updated_at, when);
        when[10] = '\0';
        rc = html_printf(b, "<p class=\"meta\">%s %s</p>\n", T(&r->tr, "Last updated:"), when);
    }
    if (!rc && core_may(&r->actor, CORE_HUB_EDIT, 0))
        rc = hub_page_profile_form(r, b, pp->labels, pr);
    return rc;
}

int page_hub_profile(struct req *r, struct resp *p)
{
    struct hub_page_labels labels;
    struct err err = {0};
    if (hub_page_labels_load(r, &labels, &err))
        return page_fail(r, p, &err);
    int rc = page_begin(r, p, T(&r->tr, "NMIRF profile"));
    const char *done = web_query(r, "done");
    struct profile_page pp = {r, &p->body, &labels, done && !strcmp(done, "saved")};
    if (!rc)
        rc = core_hub_profile_get(r->store, r->param[0], profile_body, &pp, &err);
    hub_page_labels_free(&labels);
    if (rc && rc != ERR_NOMEM)
        return page_fail(r, p, &err);
    return page_end(r, p);
}

/* ---- the form ----------------------------------------------------------------------------- */

static const char *kept_or(const struct req *r, const char *name, const char *stored)
{
    const char *typed = fup_kept(r, "profile", name);
    return typed ? typed : stored;
}

static int option(struct buf *b, const char *value, const char *label, const char *current)
{
    return html_printf(b,
                       current && !strcmp(value, current)
                           ? "<option value=%a selected>%s</option>\n"
                           : "<option value=%a>%s</option>\n",
                       value, label);
}

static int select_open(struct buf *b, const char *id, const char *name, const char *label)
{
    return html_printf(b, "<div class=\"field\"><label for=%a>%s</label>\n<select id=%a name=%a>\n",
                       id, label, id, name);
}

static int text_field(const struct req *r, struct buf *b, const char *name, const char *label,
                      const char *stored, int multiline)
{
    char id[48];
    snprintf(id, sizeof id, "profile-%s", name);
    const char *value = kept_or(r, name, stored);
    return multiline ? fup_textarea(b, id, name, label, value, 0)
                     : fup_input(b, id, name, label, "text", value, 0, NULL);
}

int hub_page_profile_form(const struct req *r, struct buf *b, const struct hub_page_labels *l,
                          const struct store_hub_profile *cur)
{
    static const char *const party_names[] = {"nhri", "civil_society", "statistics", "parliament"};
    static const char *const branch_names[] = {"members_executive", "members_legislative",
                                               "members_judiciary", "members_other"};
    const char *party[] = {T(&r->tr, "National human rights institution"),
                           T(&r->tr, "Civil society"), T(&r->tr, "Statistics office"),
                           T(&r->tr, "Parliament")};
    const char *branch[] = {T(&r->tr, "Executive"), T(&r->tr, "Legislative"),
                            T(&r->tr, "Judiciary"), T(&r->tr, "Other members")};
    int rc = fup_details(r, b, "profile",
                         cur ? T(&r->tr, "Edit this profile") : T(&r->tr, "Add an NMIRF profile"));
    rc = rc ? rc : fup_form_open(r, b, "/hub/profiles", "profile", 0);
    const char *country = kept_or(r, "country", cur ? cur->country : NULL);
    if (cur) {
        rc = rc ? rc
                : html_printf(b, "<input type=\"hidden\" name=\"country\" value=%a>\n",
                              cur->country);
    } else {
        rc = rc ? rc : select_open(b, "profile-country", "country", T(&r->tr, "State"));
        for (size_t i = 0; i < l->countries.n && !rc; i++)
            rc = option(b, l->countries.item[i].code,
                        l->countries.item[i].label ? l->countries.item[i].label
                                                   : l->countries.item[i].code,
                        country);
        rc = rc ? rc : buf_puts(b, "</select></div>\n");
    }
    if (!rc && cur && cur->demo)
        rc = buf_puts(b, "<input type=\"hidden\" name=\"demo\" value=\"1\">\n");
    rc = rc ? rc
            : text_field(r, b, "name", T(&r->tr, "Name of the mechanism"), cur ? cur->name : NULL,
                         0);
    const char *lang = kept_or(r, "lang", cur ? cur->lang : text_lang_code(r->lang));
    rc = rc ? rc : select_open(b, "profile-lang", "lang", T(&r->tr, "Language of the texts"));
    for (int k = 0; k < TEXT_LANG_COUNT && !rc; k++)
        rc = option(b, text_lang_code((enum text_lang)k), hub_page_lang_label(r, k), lang);
    rc = rc ? rc : buf_puts(b, "</select></div>\n");
    const char *standing = kept_or(r, "standing", cur ? cur->standing : "standing");
    rc = rc ? rc : select_open(b, "profile-standing", "standing", T(&r->tr, "Kind"));
    rc = rc ? rc : option(b, "standing", T(&r->tr, "Standing"), standing);
    rc = rc ? rc : option(b, "ad_hoc", T(&r->tr, "Ad hoc"), standing);
    rc = rc ? rc : buf_puts(b, "</select></div>\n");
    rc = rc ? rc
            : text_field(r, b, "legal_basis", T(&r->tr, "Legal basis"),
                         cur ? cur->legal_basis : NULL, 1);
    rc = rc ? rc
            : text_field(r, b, "secretariat", T(&r->tr, "Secretariat"),
                         cur ? cur->secretariat : NULL, 0);
    for (int k = 0; k < STORE_HUB_BRANCH_COUNT && !rc; k++)
        rc = text_field(r, b, branch_names[k], branch[k], cur ? cur->members[k] : NULL, 0);
    for (int k = 0; k < STORE_HUB_PARTY_COUNT && !rc; k++) {
        char id[48], how[32];
        const char *said = cur ? cur->party[k].takes_part < 0 ? ""
                                 : cur->party[k].takes_part   ? "yes"
                                                              : "no"
                               : "";
        snprintf(id, sizeof id, "profile-%s", party_names[k]);
        rc = select_open(b, id, party_names[k], party[k]);
        said = kept_or(r, party_names[k], said);
        rc = rc ? rc : option(b, "", T(&r->tr, "Not said"), said);
        rc = rc ? rc : option(b, "yes", T(&r->tr, "Takes part"), said);
        rc = rc ? rc : option(b, "no", T(&r->tr, "Does not take part"), said);
        rc = rc ? rc : buf_puts(b, "</select></div>\n");
        snprintf(how, sizeof how, "%s_how", party_names[k]);
        rc = rc ? rc : text_field(r, b, how, T(&r->tr, "How"), cur ? cur->party[k].how : NULL, 0);
    }
    rc = rc ? rc
            : text_field(r, b, "tracking_tool", T(&r->tr, "Tracking tool"),
                         cur ? cur->tracking_tool : NULL, 0);
    rc = rc ? rc
            : text_field(r, b, "reporting_record", T(&r->tr, "Reporting record (Markdown)"),
                         cur ? cur->reporting_record : NULL, 1);
    return rc ? rc
              : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</details>\n",
                            T(&r->tr, "Save"));
}

/* yes, no or "" (not said) from the form; -2 for anything else. */
static int said(const char *v)
{
    return !v || !*v ? -1 : !strcmp(v, "yes") ? 1 : !strcmp(v, "no") ? 0 : -2;
}

static const char *field(struct req *r, const char *name)
{
    const char *v = req_form(r, name);
    return v && *v ? v : NULL;
}

int page_hub_profile_post(struct req *r, struct resp *p)
{
    static const char *const party_names[] = {"nhri", "civil_society", "statistics", "parliament"};
    struct store_hub_profile in = {
        .country = field(r, "country"),
        .name = field(r, "name"),
        .lang = field(r, "lang"),
        .standing = field(r, "standing"),
        .legal_basis = field(r, "legal_basis"),
        .secretariat = field(r, "secretariat"),
        .members = {field(r, "members_executive"), field(r, "members_legislative"),
                    field(r, "members_judiciary"), field(r, "members_other")},
        .tracking_tool = field(r, "tracking_tool"),
        .reporting_record = field(r, "reporting_record"),
        .demo = field(r, "demo") != NULL,
    };
    struct err err = {0};
    int rc = 0;
    for (int k = 0; k < STORE_HUB_PARTY_COUNT && !rc; k++) {
        char how[32];
        snprintf(how, sizeof how, "%s_how", party_names[k]);
        in.party[k].how = field(r, how);
        in.party[k].takes_part = said(req_form(r, party_names[k]));
        if (in.party[k].takes_part == -2)
            rc = err_set(&err, ERR_INPUT, "%s: expected yes, no or nothing", party_names[k]);
    }
    rc = rc ? rc : core_hub_profile_put(r->store, &r->actor, &in, NULL, &err);
    if (!rc) {
        struct buf location = BUF_INIT;
        char iso3[4] = "";
        int found = store_country_find(r->store, in.country, iso3, &err);
        buf_puts(&location, "/hub/profiles/");
        html_url_param(&location, found > 0 ? iso3 : in.country);
        buf_puts(&location, "?done=saved");
        rc = location.oom ? web_error(r, p, 500, "server_error", "out of memory")
                          : page_redirect(p, buf_str(&location));
        buf_free(&location);
        return rc;
    }
    int status = fup_refusal_status(rc);
    return status ? hub_page_home(r, p, status, T(&r->tr, "The profile was not saved."), err.msg)
                  : page_fail(r, p, &err);
}
