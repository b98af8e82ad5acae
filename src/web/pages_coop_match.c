/*
 * pages_coop_match.c — offers and matches of the cooperation repository: recording an offer
 * (/coop/offers/new, POST /coop/offers), an offer's page (/coop/offers/ID: what the provider
 * brings, the open needs that fit it, among those both the reader and the provider may see,
 * each with its score explained part by part and a form to propose a match), proposing (POST
 * /coop/matches), a match's page (/coop/matches/ID: the two sides, the score at the proposal,
 * the history, and the moves the reader may make: accept, decline, start, complete, withdraw,
 * each with a note), and the "Technical cooperation" box of a recommendation's page. What is
 * visible and who may move what is core's answer (core_match_*, core_match_may_move).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/permissions.h"
#include "web/html.h"
#include "web/pages_coop.h"

enum { RANK_MAX = 10 };

/* ---- recording an offer ----------------------------------------------------------------- */

static int theme_boxes(struct req *r, struct buf *b, const char *name, const char *legend,
                       int goals, struct err *err)
{
    struct page_list terms = {0};
    int rc = goals ? page_goals(r, &terms, err) : page_terms(r, "uhri_theme", &terms, err);
    if (!rc && !goals && page_list_sort(&terms))
        rc = err_set(err, ERR_NOMEM, "out of memory");
    rc = rc ? rc
            : html_printf(b, "<fieldset class=\"%s\"><legend>%s</legend>\n",
                          goals ? "sdg-boxes" : "theme-boxes", legend);
    for (size_t i = 0; i < terms.n && !rc; i++) {
        const struct page_item *t = &terms.item[i];
        if (!goals && t->parent) /* themes: the top of the vocabulary is enough to choose */
            continue;
        rc = html_printf(b,
                         coop_form_has(r, name, t->code)
                             ? "<label><input type=\"checkbox\" name=%a value=%a checked> "
                               "%s</label>\n"
                             : "<label><input type=\"checkbox\" name=%a value=%a> %s</label>\n",
                         name, t->code, t->label ? t->label : t->code);
    }
    page_list_free(&terms);
    return rc ? rc : buf_puts(b, "</fieldset>\n");
}

static int offer_form_page(struct req *r, struct resp *p, const char *detail)
{
    struct core_coop_viewer v;
    struct err err = {0};
    struct buf body = BUF_INIT;
    int admin = coop_is_admin(r);
    int rc = coop_viewer(r, &v, &err);
    if (!rc && !admin && !v.org_id)
        rc = err_set(&err, ERR_DENIED,
                     "recording an offer: your account acts for no organisation (an "
                     "administrator links it)");
    const char *modality = fup_kept(r, "offer", "modality");
    int mod = CORE_MOD_REMOTE;
    for (int i = 0; modality && i < CORE_MOD_COUNT; i++)
        if (!strcmp(modality, core_modality_name((enum core_modality)i)))
            mod = i;
#define KEPT(field) fup_kept(r, "offer", field)
    rc = rc ? rc : coop_messages(r, &body, detail);
    rc = rc ? rc : fup_form_open(r, &body, "/coop/offers", "offer", 0);
    if (!rc && admin)
        rc = coop_org_select(r, &body, "offer-org", -1, fup_id(KEPT("org")), &err);
    rc = rc ? rc
            : fup_input(&body, "offer-title", "title", T(&r->tr, "Title"), "text", KEPT("title"), 1,
                        T(&r->tr, "One line, e.g. Training of police on gender-based violence."));
    rc = rc ? rc
            : fup_textarea(&body, "offer-description", "description", T(&r->tr, "Description"),
                           KEPT("description"), 1);
    rc = rc ? rc : theme_boxes(r, &body, "theme", T(&r->tr, "Themes of expertise"), 0, &err);
    rc = rc ? rc : theme_boxes(r, &body, "sdg", T(&r->tr, "SDGs"), 1, &err);
    rc = rc ? rc
            : coop_mask_boxes(r, &body, "kind", T(&r->tr, "Kinds of help offered"), COOP_HELP,
                              coop_form_mask(r, "kind", COOP_HELP));
    rc = rc ? rc
            : coop_select(r, &body, "offer-modality", "modality", T(&r->tr, "Modality"),
                          COOP_MODALITY, mod, NULL);
    rc = rc ? rc
            : fup_input(&body, "offer-languages", "languages", T(&r->tr, "Working languages"),
                        "text", KEPT("languages"), 0, T(&r->tr, "Two-letter codes, e.g. en, fr."));
    rc = rc ? rc : coop_lang_select(r, &body, "offer-lang");
    rc = rc ? rc
            : fup_input(&body, "offer-regions", "regions", T(&r->tr, "Regions served"), "text",
                        KEPT("regions"), 0,
                        T(&r->tr, "UN regional groups (AG, APG, EEG, GRULAC, WEOG) or country "
                                  "codes; empty: anywhere."));
    rc = rc ? rc
            : fup_input(&body, "offer-capacity", "capacity",
                        T(&r->tr, "Activities you can take on at once"), "number", KEPT("capacity"),
                        0, NULL);
    rc = rc ? rc
            : fup_textarea(&body, "offer-past", "past", T(&r->tr, "Past activities and results"),
                           KEPT("past"), 0);
    rc = rc ? rc
            : html_printf(&body, "<button type=\"submit\">%s</button>\n</form>\n",
                          T(&r->tr, "Record the offer"));
#undef KEPT
    return coop_frame(r, p, rc, &err, T(&r->tr, "Record an offer"), &body);
}

int page_coop_offer_new(struct req *r, struct resp *p)
{
    return offer_form_page(r, p, NULL);
}

int page_coop_offer_create(struct req *r, struct resp *p)
{
    struct buf themes = BUF_INIT, sdgs = BUF_INIT, languages = BUF_INIT, regions = BUF_INIT;
    struct err err = {0};
    enum core_modality modality = CORE_MOD_REMOTE;
    const char *mod = req_form(r, "modality"), *cap = req_form(r, "capacity");
    long capacity = 0;
    int rc = coop_form_list(r, "theme", NULL, &themes);
    rc = rc ? rc : coop_form_list(r, "sdg", NULL, &sdgs);
    rc = rc ? rc : coop_form_list(r, NULL, req_form(r, "languages"), &languages);
    rc = rc ? rc : coop_form_list(r, NULL, req_form(r, "regions"), &regions);
    if (rc)
        rc = err_set(&err, ERR_NOMEM, "out of memory");
    if (!rc && mod && *mod)
        rc = core_modality_parse(mod, &modality, &err);
    if (!rc && cap && *cap) {
        char *end;
        capacity = strtol(cap, &end, 10);
        if (*end || capacity < 0 || capacity > 100000)
            rc = err_set(&err, ERR_INPUT, "capacity \"%.20s\": expected a number from 0", cap);
    }
    const char *past = req_form(r, "past");
    struct core_offer in = {.org_id = fup_id(req_form(r, "org")),
                            .title = req_form(r, "title"),
                            .description = req_form(r, "description"),
                            .themes = buf_str(&themes),
                            .sdgs = buf_str(&sdgs),
                            .kinds = coop_form_mask(r, "kind", COOP_HELP),
                            .modality = modality,
                            .languages = buf_str(&languages),
                            .lang = req_form(r, "lang"),
                            .regions = buf_str(&regions),
                            .capacity = (int)capacity,
                            .past_activities = past && *past ? past : NULL};
    long id = 0;
    rc = rc ? rc : core_offer_create(r->store, &r->actor, &in, &id, &err);
    buf_free(&themes);
    buf_free(&sdgs);
    buf_free(&languages);
    buf_free(&regions);
    if (rc)
        return coop_refused(r, p, rc, &err, offer_form_page);
    char location[64];
    snprintf(location, sizeof location, "/coop/offers/%ld?done=offer", id);
    return page_redirect(p, location);
}

/* ---- an offer's page -------------------------------------------------------------------- */

struct offer_page {
    struct req *r;
    struct buf *b;
    long id, org_id;
    enum core_offer_status status;
};

static int offer_facts(void *ctx, const struct core_offer *o)
{
    struct offer_page *op = ctx;
    const struct req *r = op->r;
    struct buf *b = op->b;
    op->id = o->id;
    op->org_id = o->org_id;
    op->status = o->status;
    int rc = html_printf(b,
                         "<h2 class=\"offer-title\">%s</h2>\n<dl class=\"fields\">\n"
                         "<dt>%s</dt><dd>%s (%s)</dd>\n<dt>%s</dt><dd>",
                         o->title, T(&r->tr, "Provider"), o->org_name,
                         coop_label(r, COOP_ORG_KIND, (int)o->provider_kind), T(&r->tr, "Status"));
    rc = rc ? rc : coop_badge(r, b, COOP_OFFER_STATUS, (int)o->status);
    rc = rc ? rc : html_printf(b, "</dd>\n<dt>%s</dt><dd>", T(&r->tr, "Kinds of help offered"));
    rc = rc ? rc : coop_mask_text(r, b, COOP_HELP, o->kinds);
    rc =
        rc ? rc
           : html_printf(b, "</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>", T(&r->tr, "Modality"),
                         coop_label(r, COOP_MODALITY, (int)o->modality), T(&r->tr, "Themes"));
    rc = rc ? rc : coop_list_text(b, o->themes);
    rc = rc ? rc : html_printf(b, "</dd>\n<dt>%s</dt><dd>", T(&r->tr, "SDGs"));
    rc = rc ? rc : coop_list_text(b, o->sdgs);
    rc = rc ? rc : html_printf(b, "</dd>\n<dt>%s</dt><dd>", T(&r->tr, "Working languages"));
    rc = rc ? rc : coop_list_text(b, o->languages);
    rc = rc ? rc : html_printf(b, "</dd>\n<dt>%s</dt><dd>", T(&r->tr, "Regions served"));
    if (!rc && !(o->regions && *o->regions))
        rc = html_printf(b, "%s", T(&r->tr, "Anywhere"));
    rc = rc ? rc : coop_list_text(b, o->regions);
    rc = rc ? rc : html_printf(b, "</dd>\n<dt>%s</dt><dd>", T(&r->tr, "Capacity"));
    if (!rc && o->capacity)
        rc = html_printf(b, "%d", o->capacity);
    rc = rc ? rc
            : html_printf(b, "</dd>\n</dl>\n<div class=\"narrative\" lang=%a>\n",
                          o->lang ? o->lang : "en");
    rc = rc ? rc : coop_paragraphs(b, o->description);
    rc = rc ? rc : buf_puts(b, "</div>\n");
    if (!rc && o->past_activities && *o->past_activities) {
        rc = html_printf(b, "<h3>%s</h3>\n<ul>\n", T(&r->tr, "Past activities and results"));
        for (const char *s = o->past_activities; *s && !rc;) {
            size_t n = strcspn(s, "\n");
            struct buf line = BUF_INIT;
            buf_append(&line, s, n);
            if (n)
                rc = html_printf(b, "<li>%s</li>\n", buf_str(&line));
            buf_free(&line);
            s += n + (s[n] == '\n');
        }
        rc = rc ? rc : buf_puts(b, "</ul>\n");
    }
    return rc;
}

static int ranked_need(void *ctx, const struct core_match_result *res)
{
    struct coop_ranked *k = ctx;
    const struct req *r = k->r;
    const struct core_need *n = res->need;
    struct buf *b = &k->out;
    k->n++;
    int rc = html_printf(b,
                         "<li class=\"ranked\">\n<h3><a href=\"/coop/needs/%ld\">%s</a></h3>\n"
                         "<p class=\"meta\">%s (%s) \xC2\xB7 ",
                         n->id, n->title, n->org_name, n->region ? n->region : n->country);
    rc = rc ? rc : coop_mask_text(r, b, COOP_HELP, n->kinds);
    rc = rc ? rc : buf_puts(b, "</p>\n");
    rc = rc ? rc : coop_score_table(r, b, &res->score, n->title);
    rc = rc ? rc
            : coop_propose_form(r, b, n->id, k->id, CORE_SIDE_OFFER,
                                T(&r->tr, "Propose a match to this State"));
    return rc ? rc : buf_puts(b, "</li>\n");
}

static int offer_page(struct req *r, struct resp *p, const char *detail)
{
    struct core_coop_viewer v;
    struct err err = {0};
    struct buf body = BUF_INIT;
    struct offer_page op = {.r = r, .b = &body};
    long id = fup_id(r->param[0]);
    int rc = coop_viewer(r, &v, &err);
    rc = rc ? rc : coop_messages(r, &body, detail);
    if (!rc && !id)
        rc = err_set(&err, ERR_NOTFOUND, "no offer with id %.20s", r->param[0]);
    rc = rc ? rc : core_offer_get(r->store, id, offer_facts, &op, &err);
    int own = !rc && (coop_is_admin(r) || (v.org_id && v.org_id == op.org_id));
    if (!rc && own && op.status == CORE_OFFER_OPEN && core_may(&r->actor, CORE_RECORD_OFFER, 0)) {
        char action[48];
        snprintf(action, sizeof action, "/coop/offers/%ld", id);
        rc = fup_form_open(r, &body, action, "close", 0);
        rc = rc ? rc
                : html_printf(&body,
                              "<input type=\"hidden\" name=\"do\" value=\"close\">\n<button "
                              "type=\"submit\" class=\"secondary\">%s</button>\n</form>\n",
                              T(&r->tr, "Close this offer"));
    }
    rc = rc ? rc : coop_matches_section(r, &body, 0, id, &err);
    if (!rc && own && op.status == CORE_OFFER_OPEN && core_may(&r->actor, CORE_COOP_MATCH, 0)) {
        struct coop_ranked k = {r, BUF_INIT, id, 0};
        rc = core_match_for_offer(r->store, &r->actor, id, RANK_MAX, ranked_need, &k, &err);
        rc = rc ? rc
                : coop_ranked_section(&body, T(&r->tr, "Needs this offer fits"),
                                      T(&r->tr, "Open needs you and this provider may see, ranked "
                                                "by a score made of parts: each table says what "
                                                "each part adds."),
                                      T(&r->tr, "No open need fits yet."), &k);
        buf_free(&k.out);
    }
    return coop_frame(r, p, rc, &err, T(&r->tr, "Offer of technical cooperation"), &body);
}

int page_coop_offer(struct req *r, struct resp *p)
{
    return offer_page(r, p, NULL);
}

int page_coop_offer_post(struct req *r, struct resp *p)
{
    long id = fup_id(r->param[0]);
    struct err err = {0};
    int rc = id ? core_offer_close(r->store, &r->actor, id, &err)
                : err_set(&err, ERR_NOTFOUND, "no offer with id %.20s", r->param[0]);
    if (rc == ERR_NOTFOUND)
        return page_fail(r, p, &err);
    if (rc)
        return coop_refused(r, p, rc, &err, offer_page);
    char location[64];
    snprintf(location, sizeof location, "/coop/offers/%ld?done=closed", id);
    return page_redirect(p, location);
}

/* ---- proposing -------------------------------------------------------------------------- */

int page_coop_propose(struct req *r, struct resp *p)
{
    long need = fup_id(req_form(r, "need")), offer = fup_id(req_form(r, "offer"));
    const char *side_text = req_form(r, "side");
    enum core_match_side side =
        side_text && !strcmp(side_text, "offer") ? CORE_SIDE_OFFER : CORE_SIDE_NEED;
    struct err err = {0};
    long id = 0;
    int rc = need && offer ? core_match_propose(r->store, &r->actor, need, offer, side,
                                                req_form(r, "comment"), &id, &err)
                           : err_set(&err, ERR_INPUT, "give the need and the offer");
    if (rc) {
        /* back to the page the form was on, which shows why */
        char path[48];
        snprintf(path, sizeof path, "%ld", side == CORE_SIDE_NEED ? need : offer);
        r->param[0] = path;
        if (rc == ERR_NOTFOUND || !need || !offer)
            return page_fail(r, p, &err);
        return coop_refused(r, p, rc, &err,
                            side == CORE_SIDE_NEED ? page_coop_need_again : page_coop_offer_again);
    }
    char location[64];
    snprintf(location, sizeof location, "/coop/matches/%ld?done=proposed", id);
    return page_redirect(p, location);
}

int page_coop_offer_again(struct req *r, struct resp *p, const char *detail)
{
    return offer_page(r, p, detail);
}

/* ---- a match's page --------------------------------------------------------------------- */

struct match_found {
    long id;
    struct core_match m;
    char *need_title, *offer_title, *org, *explanation, *comment, *country;
    int found;
};

static char *copy_str(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int find_match(void *ctx, const struct core_match *m)
{
    struct match_found *f = ctx;
    if (m->id != f->id || f->found)
        return 0;
    f->found = 1;
    f->m = *m;
    f->need_title = copy_str(m->need_title);
    f->offer_title = copy_str(m->offer_title);
    f->org = copy_str(m->offer_org_code);
    f->explanation = copy_str(m->explanation);
    f->comment = copy_str(m->comment);
    f->country = copy_str(m->need_country);
    return 0;
}

static void match_found_free(struct match_found *f)
{
    free(f->need_title);
    free(f->offer_title);
    free(f->org);
    free(f->explanation);
    free(f->comment);
    free(f->country);
}

struct events {
    const struct req *r;
    struct buf out;
};

static int event_row(void *ctx, const struct core_match_event *e)
{
    struct events *x = ctx;
    int rc = buf_puts(&x->out, "<tr><td>");
    return rc ? rc
              : coop_move_cells(x->r, &x->out, e->at, e->actor_login, e->from, e->to, e->comment);
}

/* The moves the reader may make, each a small form with a note. */
static int move_forms(struct req *r, struct buf *b, const struct match_found *f,
                      const struct core_coop_viewer *v, long offer_org, long need_org)
{
    static const struct {
        enum core_match_state to;
        const char *label;
    } moves[] = {{CORE_MATCH_ACCEPTED, N_("Accept")},
                 {CORE_MATCH_DECLINED, N_("Decline")},
                 {CORE_MATCH_IN_PROGRESS, N_("Start the cooperation")},
                 {CORE_MATCH_COMPLETED, N_("Mark as completed")},
                 {CORE_MATCH_WITHDRAWN, N_("Withdraw the match")}};
    int admin = coop_is_admin(r);
    int need_side = coop_own_need(r, v, need_org, f->country) && !admin;
    int offer_side = v->org_id && v->org_id == offer_org;
    if (!core_may(&r->actor, CORE_COOP_MATCH, 0) || (!admin && !need_side && !offer_side))
        return 0;
    char action[48];
    snprintf(action, sizeof action, "/coop/matches/%ld", f->id);
    int rc = html_printf(b,
                         "<section class=\"narrow\" aria-labelledby=\"moves\">\n"
                         "<h2 id=\"moves\">%s</h2>\n",
                         T(&r->tr, "What you can do"));
    int any = 0;
    for (size_t i = 0; i < sizeof moves / sizeof moves[0] && !rc; i++) {
        enum core_match_state to = moves[i].to;
        int may =
            (need_side &&
             core_match_may_move(CORE_SIDE_NEED, 0, f->m.proposed_by, f->m.state, to)) ||
            (offer_side &&
             core_match_may_move(CORE_SIDE_OFFER, 0, f->m.proposed_by, f->m.state, to)) ||
            (admin && core_match_may_move(CORE_SIDE_NEED, 1, f->m.proposed_by, f->m.state, to));
        if (!may)
            continue;
        any = 1;
        char form[32], id[48];
        snprintf(form, sizeof form, "move-%s", core_match_state_name(to));
        snprintf(id, sizeof id, "%s-comment", form);
        rc = fup_details(r, b, form, i18n_get(r->tr.cat, r->tr.lang, moves[i].label));
        rc = rc ? rc : fup_form_open(r, b, action, form, 0);
        rc = rc ? rc
                : html_printf(b, "<input type=\"hidden\" name=\"to\" value=%a>\n",
                              core_match_state_name(to));
        rc = rc ? rc
                : fup_textarea(b, id, "comment", T(&r->tr, "Notes"), fup_kept(r, form, "comment"),
                               0);
        rc = rc ? rc
                : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</details>\n",
                              i18n_get(r->tr.cat, r->tr.lang, moves[i].label));
    }
    if (!rc && !any)
        rc = html_printf(b, "<p>%s</p>\n", T(&r->tr, "Nothing: the other side has the next move."));
    return rc ? rc : buf_puts(b, "</section>\n");
}

struct org_of {
    long org;
};

static int need_org(void *ctx, const struct core_need *n)
{
    ((struct org_of *)ctx)->org = n->org_id;
    return 0;
}

static int offer_org(void *ctx, const struct core_offer *o)
{
    ((struct org_of *)ctx)->org = o->org_id;
    return 0;
}

static int match_page(struct req *r, struct resp *p, const char *detail)
{
    struct core_coop_viewer v;
    struct err err = {0};
    struct buf body = BUF_INIT;
    struct match_found f = {.id = fup_id(r->param[0])};
    struct events x = {r, BUF_INIT};
    struct org_of no = {0}, oo = {0};
    int rc = coop_viewer(r, &v, &err);
    if (!rc && !f.id)
        rc = err_set(&err, ERR_NOTFOUND, "no match with id %.20s", r->param[0]);
    rc = rc ? rc : core_match_get(r->store, &r->actor, f.id, find_match, &f, &err);
    rc = rc ? rc : core_match_history(r->store, &r->actor, f.id, event_row, &x, &err);
    rc = rc ? rc : core_need_get(r->store, &r->actor, f.m.need_id, need_org, &no, &err);
    rc = rc ? rc : core_offer_get(r->store, f.m.offer_id, offer_org, &oo, &err);
    rc = rc ? rc : coop_messages(r, &body, detail);
    rc = rc ? rc
            : html_printf(&body,
                          "<dl class=\"fields\">\n<dt>%s</dt><dd><a href=\"/coop/needs/%ld\">%s</a>"
                          " (%s)</dd>\n<dt>%s</dt><dd><a href=\"/coop/offers/%ld\">%s</a> (%s)</dd>"
                          "\n<dt>%s</dt><dd>",
                          T(&r->tr, "Need"), f.m.need_id, f.need_title, f.country,
                          T(&r->tr, "Offer"), f.m.offer_id, f.offer_title, f.org,
                          T(&r->tr, "State of the exchange"));
    rc = rc ? rc : coop_badge(r, &body, COOP_MATCH_STATE, (int)f.m.state);
    rc = rc ? rc
            : html_printf(&body, "</dd>\n<dt>%s</dt><dd>%s</dd>\n</dl>\n", T(&r->tr, "Proposed by"),
                          f.m.proposed_by == CORE_SIDE_NEED ? T(&r->tr, "the State")
                                                            : T(&r->tr, "the provider"));
    if (!rc && f.comment)
        rc = html_printf(&body, "<h2>%s</h2>\n<div class=\"narrative\">\n", T(&r->tr, "Message"));
    if (!rc && f.comment) {
        rc = coop_paragraphs(&body, f.comment);
        rc = rc ? rc : buf_puts(&body, "</div>\n");
    }
    if (!rc) {
        struct core_match_score s;
        coop_score_parse(f.explanation, &s);
        rc = coop_score_table(r, &body, &s, T(&r->tr, "Score when proposed"));
    }
    rc = rc ? rc : move_forms(r, &body, &f, &v, oo.org, no.org);
    rc = rc ? rc
            : html_printf(&body,
                          "<section aria-labelledby=\"history\">\n<h2 id=\"history\">%s</h2>\n"
                          "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
                          "scope=\"col\">%s</th></tr></thead>\n<tbody>\n%R</tbody>\n</table></div>"
                          "\n</section>\n",
                          T(&r->tr, "History"), T(&r->tr, "When"), T(&r->tr, "Who"),
                          T(&r->tr, "Move"), T(&r->tr, "Notes"), &x.out);
    buf_free(&x.out);
    match_found_free(&f);
    return coop_frame(r, p, rc, &err, T(&r->tr, "Match"), &body);
}

int page_coop_match(struct req *r, struct resp *p)
{
    return match_page(r, p, NULL);
}

int page_coop_match_post(struct req *r, struct resp *p)
{
    long id = fup_id(r->param[0]);
    const char *to_text = req_form(r, "to");
    enum core_match_state to;
    struct err err = {0};
    int rc = id ? 0 : err_set(&err, ERR_NOTFOUND, "no match with id %.20s", r->param[0]);
    rc = rc ? rc : core_match_state_parse(to_text ? to_text : "", &to, &err);
    rc = rc ? rc : core_match_move(r->store, &r->actor, id, to, req_form(r, "comment"), &err);
    if (rc == ERR_NOTFOUND)
        return page_fail(r, p, &err);
    if (rc)
        return coop_refused(r, p, rc, &err, match_page);
    char location[80];
    snprintf(location, sizeof location, "/coop/matches/%ld?done=%s", id,
             to == CORE_MATCH_WITHDRAWN ? "match_withdrawn" : core_match_state_name(to));
    return page_redirect(p, location);
}

/* ---- the box on a recommendation's page ------------------------------------------------- */

struct rec_box {
    struct req *r;
    struct buf out;
    const char *rec_id;
    int n;
    struct err *err;
};

static int rec_need(void *ctx, const struct core_need *n)
{
    struct rec_box *x = ctx;
    if (!web_list_has(n->recs, x->rec_id))
        return 0;
    x->n++;
    const struct req *r = x->r;
    int rc = html_printf(&x->out, "<li><a href=\"/coop/needs/%ld\">%s</a> ", n->id, n->title);
    rc = rc ? rc : coop_badge(r, &x->out, COOP_NEED_STATUS, (int)n->status);
    rc = rc ? rc : buf_puts(&x->out, " ");
    rc = rc ? rc : coop_badge(r, &x->out, COOP_VISIBILITY, (int)n->visibility);
    return rc ? rc : buf_puts(&x->out, "</li>\n");
}

int page_rec_coop(struct req *r, struct buf *b, const char *rec_id, const char *country,
                  struct err *err)
{
    struct core_coop_viewer v;
    struct rec_box x = {r, BUF_INIT, rec_id, 0, err};
    int rc = coop_viewer(r, &v, err);
    rc = rc ? rc : core_need_list(r->store, &r->actor, NULL, rec_need, &x, err);
    int may_ask = !rc && core_may(&r->actor, CORE_RECORD_NEED, 0) &&
                  (coop_is_admin(r) || (v.org_id && v.org_kind == CORE_ORG_STATE && country &&
                                        !strcmp(v.org_country, country)));
    if (!rc && (x.n || may_ask)) {
        rc = html_printf(b,
                         "<section id=\"coop\" aria-labelledby=\"coop-title\">\n"
                         "<h2 id=\"coop-title\">%s</h2>\n",
                         T(&r->tr, "Technical cooperation"));
        if (!rc && x.n)
            rc = html_printf(b, "<ul>\n%R</ul>\n", &x.out);
        if (!rc && may_ask)
            rc = html_printf(b, "<p><a href=\"/coop/needs/new?rec=%u\">%s</a></p>\n", rec_id,
                             T(&r->tr, "Ask for technical cooperation on this"));
        rc = rc ? rc : buf_puts(b, "</section>\n");
    }
    buf_free(&x.out);
    return rc;
}
