/*
 * pages_coop_common.c — what the cooperation pages share (see pages_coop.h): the labels of the
 * repository's vocabularies in the reader's language, checkboxes and selects of them, reading
 * multi-valued form fields, notices, the frame (or the error page), the score of a match
 * explained part by part (a table with a meter per part: the page says why an offer ranks where
 * it does), the section of ranked candidates with the form that proposes a match, and the cells
 * of a match's move in a history table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/permissions.h"
#include "web/html.h"
#include "web/pages_coop.h"

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

static const char *const org_kinds[] = {N_("State"), N_("UN entity"),
                                        N_("National human rights institution"),
                                        N_("Non-governmental organisation"), N_("Regional body")};
static const char *const helps[] = {
    N_("Legal drafting"), N_("Data collection"),   N_("Training"),   N_("Institution building"),
    N_("Policy advice"),  N_("Awareness raising"), N_("Monitoring"), N_("Other help")};
static const char *const visibilities[] = {N_("Private"), N_("Registered users"), N_("Public")};
static const char *const need_statuses[] = {N_("Open"), N_("Met"), N_("Withdrawn")};
static const char *const offer_statuses[] = {N_("Open"), N_("Closed")};
static const char *const modalities[] = {N_("Remote"), N_("In person"), N_("Remote and in person")};
static const char *const match_states[] = {N_("Proposed"),  N_("Accepted"), N_("In progress"),
                                           N_("Completed"), N_("Declined"), N_("Withdrawn")};
static const char *const parts[] = {N_("Themes in common"), N_("SDGs in common"),
                                    N_("Similar texts"),    N_("Kinds of help"),
                                    N_("Language"),         N_("Region served"),
                                    N_("Kind of provider"), N_("Peer State's practice")};

static const struct {
    const char *const *labels;
    int count;
} vocabs[COOP_VOCAB_COUNT] = {
    [COOP_ORG_KIND] = {org_kinds, (int)COUNT(org_kinds)},
    [COOP_HELP] = {helps, (int)COUNT(helps)},
    [COOP_VISIBILITY] = {visibilities, (int)COUNT(visibilities)},
    [COOP_NEED_STATUS] = {need_statuses, (int)COUNT(need_statuses)},
    [COOP_OFFER_STATUS] = {offer_statuses, (int)COUNT(offer_statuses)},
    [COOP_MODALITY] = {modalities, (int)COUNT(modalities)},
    [COOP_MATCH_STATE] = {match_states, (int)COUNT(match_states)},
    [COOP_PART] = {parts, (int)COUNT(parts)},
};

const char *coop_label(const struct req *r, enum coop_vocab vocab, int code)
{
    if ((unsigned)vocab >= COOP_VOCAB_COUNT || code < 0 || code >= vocabs[vocab].count)
        return "";
    return i18n_get(r->tr.cat, r->tr.lang, vocabs[vocab].labels[code]);
}

/* The code name of kind i of a mask vocabulary, as core names it. */
static const char *mask_name(enum coop_vocab vocab, int i)
{
    return vocab == COOP_HELP ? core_help_kind_name((enum core_help_kind)i)
                              : core_org_kind_name((enum core_org_kind)i);
}

/* The code name of code in any vocabulary, as core names it. */
static const char *code_name(enum coop_vocab vocab, int code)
{
    switch (vocab) {
    case COOP_ORG_KIND:
        return core_org_kind_name((enum core_org_kind)code);
    case COOP_HELP:
        return core_help_kind_name((enum core_help_kind)code);
    case COOP_VISIBILITY:
        return core_visibility_name((enum core_visibility)code);
    case COOP_NEED_STATUS:
        return core_need_status_name((enum core_need_status)code);
    case COOP_OFFER_STATUS:
        return core_offer_status_name((enum core_offer_status)code);
    case COOP_MODALITY:
        return core_modality_name((enum core_modality)code);
    case COOP_MATCH_STATE:
        return core_match_state_name((enum core_match_state)code);
    case COOP_PART:
        return core_match_part_name((enum core_match_part)code);
    default:
        return NULL;
    }
}

int coop_mask_text(const struct req *r, struct buf *b, enum coop_vocab vocab, unsigned mask)
{
    int rc = 0, first = 1;
    for (int i = 0; i < vocabs[vocab].count && !rc; i++) {
        if (!(mask & (1u << i)))
            continue;
        rc = html_printf(b, first ? "%s" : ", %s", coop_label(r, vocab, i));
        first = 0;
    }
    return rc;
}

int coop_mask_boxes(const struct req *r, struct buf *b, const char *name, const char *legend,
                    enum coop_vocab vocab, unsigned checked)
{
    int rc = html_printf(b, "<fieldset><legend>%s</legend>\n", legend);
    for (int i = 0; i < vocabs[vocab].count && !rc; i++)
        rc = html_printf(b,
                         checked & (1u << i)
                             ? "<label><input type=\"checkbox\" name=%a value=%a checked> "
                               "%s</label>\n"
                             : "<label><input type=\"checkbox\" name=%a value=%a> %s</label>\n",
                         name, mask_name(vocab, i), coop_label(r, vocab, i));
    return rc ? rc : buf_puts(b, "</fieldset>\n");
}

int coop_select(const struct req *r, struct buf *b, const char *id, const char *name,
                const char *label, enum coop_vocab vocab, int current, const char *any)
{
    int rc =
        html_printf(b, "<div class=\"field\"><label for=%a>%s</label>\n<select id=%a name=%a>\n",
                    id, label, id, name);
    if (!rc && any)
        rc = html_printf(b, "<option value=\"\">%s</option>\n", any);
    for (int i = 0; i < vocabs[vocab].count && !rc; i++)
        rc = html_printf(b,
                         i == current ? "<option value=%a selected>%s</option>\n"
                                      : "<option value=%a>%s</option>\n",
                         code_name(vocab, i), coop_label(r, vocab, i));
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

unsigned coop_form_mask(const struct req *r, const char *name, enum coop_vocab vocab)
{
    unsigned mask = 0;
    for (int f = 0; f < r->nfields; f++) {
        if (strcmp(r->field[f].name, name))
            continue;
        for (int i = 0; i < vocabs[vocab].count; i++)
            if (!strcmp(r->field[f].value, mask_name(vocab, i)))
                mask |= 1u << i;
    }
    return mask;
}

/* Appends word[0..n) to out, "|"-separated, unless out already has it. */
static int list_add(struct buf *out, const char *word, size_t n)
{
    if (!n)
        return 0;
    const char *have = buf_str(out);
    for (const char *p = have; *p;) {
        size_t len = strcspn(p, "|");
        if (len == n && !strncmp(p, word, n))
            return 0;
        p += len + (p[len] == '|');
    }
    int rc = out->len ? buf_putc(out, '|') : 0;
    return rc ? rc : buf_append(out, word, n);
}

int coop_form_list(const struct req *r, const char *name, const char *text, struct buf *out)
{
    static const char seps[] = ",; \t\r\n|";
    int rc = 0;
    for (int f = 0; f < r->nfields && !rc; f++)
        if (name && !strcmp(r->field[f].name, name))
            rc = list_add(out, r->field[f].value, strlen(r->field[f].value));
    for (const char *p = text ? text : ""; *p && !rc;) {
        p += strspn(p, seps);
        size_t n = strcspn(p, seps);
        rc = list_add(out, p, n);
        p += n;
    }
    return rc ? rc : (out->oom ? ERR_NOMEM : 0);
}

int coop_form_has(const struct req *r, const char *name, const char *value)
{
    for (int f = 0; f < r->nfields; f++)
        if (!strcmp(r->field[f].name, name) && !strcmp(r->field[f].value, value))
            return 1;
    return 0;
}

int coop_messages(const struct req *r, struct buf *b, const char *detail)
{
    static const struct {
        const char *word, *msgid;
    } words[] = {
        {"need", N_("Need recorded.")},
        {"visibility", N_("Visibility changed.")},
        {"withdrawn", N_("Need withdrawn: from now on only your State and administrators see it.")},
        {"offer", N_("Offer recorded.")},
        {"closed", N_("Offer closed.")},
        {"proposed", N_("Match proposed: the other side is asked to accept or decline.")},
        {"accepted", N_("Match accepted.")},
        {"declined", N_("Match declined.")},
        {"in_progress", N_("Cooperation started.")},
        {"completed", N_("Cooperation completed.")},
        {"match_withdrawn", N_("Match withdrawn.")},
    };
    if (detail)
        return html_printf(b, "<div class=\"error\" role=\"alert\"><p>%s</p>\n<p>%s</p></div>\n",
                           T(&r->tr, "The change was refused."), detail);
    const char *done = req_query(r, "done");
    for (size_t i = 0; done && i < COUNT(words); i++)
        if (!strcmp(done, words[i].word))
            return html_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>\n",
                               i18n_get(r->tr.cat, r->tr.lang, words[i].msgid));
    return 0;
}

int coop_frame(struct req *r, struct resp *p, int rc, const struct err *err, const char *title,
               struct buf *body)
{
    if (rc) {
        buf_free(body);
        return page_fail(r, p, err);
    }
    int status = p->status ? p->status : 200;
    page_begin(r, p, title);
    p->status = status;
    html_printf(&p->body, "<h1>%s</h1>\n%R", title, body);
    buf_free(body);
    return page_end(r, p);
}

int coop_refused(struct req *r, struct resp *p, int rc, const struct err *err,
                 int (*again)(struct req *, struct resp *, const char *))
{
    int status = fup_refusal_status(rc);
    if (!status)
        return page_fail(r, p, err);
    p->status = status == 404 ? 400 : status;
    return again(r, p, err->msg);
}

/* A number with two decimals as the reader's language writes it. */
static void decimal(const struct req *r, double v, char *out, size_t size)
{
    snprintf(out, size, "%.2f", v);
    char *dot = strchr(out, '.');
    if (dot && r->lang != TEXT_LANG_EN)
        *dot = ',';
}

int coop_score_table(const struct req *r, struct buf *b, const struct core_match_score *s,
                     const char *caption)
{
    char total[32], value[32], weight[32], share[32];
    decimal(r, s->total, total, sizeof total);
    int rc = html_printf(b,
                         "<div class=\"table-wrap\"><table class=\"score\">\n<caption>%s "
                         "\xE2\x80\x94 %s %s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                         "class=\"num\">%s</th><td></td><th scope=\"col\" class=\"num\">%s</th>"
                         "</tr></thead>\n<tbody>\n",
                         caption, T(&r->tr, "Score"), total, T(&r->tr, "Part"), T(&r->tr, "Weight"),
                         T(&r->tr, "Value"), T(&r->tr, "Adds"));
    for (int i = 0; i < CORE_PART_COUNT && !rc; i++) {
        double w = core_match_weight((enum core_match_part)i), v = s->part[i];
        decimal(r, v, value, sizeof value);
        decimal(r, w, weight, sizeof weight);
        decimal(r, w * v, share, sizeof share);
        rc = html_printf(b,
                         "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td>"
                         "<td class=\"num\">%s</td><td class=\"bar\"><meter min=\"0\" max=\"1\" "
                         "value=%a>%s</meter></td><td class=\"num\">%s</td></tr>\n",
                         coop_label(r, COOP_PART, i), weight, value, value, value, share);
    }
    return rc ? rc : buf_puts(b, "</tbody>\n</table></div>\n");
}

void coop_score_parse(const char *explanation, struct core_match_score *s)
{
    memset(s, 0, sizeof *s);
    for (const char *p = explanation ? explanation : ""; *p;) {
        p += strspn(p, " ");
        size_t n = strcspn(p, "=");
        if (!p[n])
            break;
        double v = strtod(p + n + 1, NULL);
        for (int i = 0; i < CORE_PART_COUNT; i++) {
            const char *name = core_match_part_name((enum core_match_part)i);
            if (name && strlen(name) == n && !strncmp(p, name, n) && isfinite(v))
                s->part[i] = v;
        }
        p += n + 1;
        p += strcspn(p, " ");
    }
    for (int i = 0; i < CORE_PART_COUNT; i++)
        s->total += core_match_weight((enum core_match_part)i) * s->part[i];
}

int coop_badge(const struct req *r, struct buf *b, enum coop_vocab vocab, int code)
{
    /* classes from a fixed list: good, partly, bad, neutral */
    static const char *const good = "badge supported", *partly = "badge partially_supported",
                             *bad = "badge noted", *neutral = "badge none";
    const char *cls = neutral;
    if (vocab == COOP_VISIBILITY)
        cls = code == CORE_VIS_PUBLIC ? good : code == CORE_VIS_REGISTERED ? partly : bad;
    else if (vocab == COOP_NEED_STATUS)
        cls = code == CORE_NEED_MET ? good : code == CORE_NEED_WITHDRAWN ? bad : neutral;
    else if (vocab == COOP_MATCH_STATE)
        cls = code == CORE_MATCH_COMPLETED                                    ? good
              : code == CORE_MATCH_ACCEPTED || code == CORE_MATCH_IN_PROGRESS ? partly
              : code == CORE_MATCH_PROPOSED                                   ? neutral
                                                                              : bad;
    else if (vocab == COOP_OFFER_STATUS)
        cls = code == CORE_OFFER_OPEN ? neutral : bad;
    return html_printf(b, "<span class=%a>%s</span>", cls, coop_label(r, vocab, code));
}

int coop_paragraphs(struct buf *b, const char *text)
{
    return fu_paragraphs(b, text ? text : "");
}

int coop_viewer(struct req *r, struct core_coop_viewer *v, struct err *err)
{
    return core_coop_viewer_load(r->store, &r->actor, v, err);
}

int coop_is_admin(const struct req *r)
{
    return core_role_parse(r->actor.role) == CORE_ROLE_ADMIN;
}

int coop_own_need(const struct req *r, const struct core_coop_viewer *v, long org_id,
                  const char *country)
{
    if (coop_is_admin(r))
        return 1;
    if (!v->org_id)
        return 0;
    if (v->org_id == org_id)
        return 1;
    return v->org_kind == CORE_ORG_STATE && *v->org_country && country &&
           !strcmp(v->org_country, country);
}

struct org_options {
    struct buf *b;
    int kind;
    long current;
};

static int org_option(void *ctx, const struct core_org *o)
{
    struct org_options *oo = ctx;
    if (oo->kind >= 0 && (int)o->kind != oo->kind)
        return 0;
    char id[24];
    snprintf(id, sizeof id, "%ld", o->id);
    return html_printf(oo->b,
                       o->id == oo->current ? "<option value=%a selected>%s (%s)</option>\n"
                                            : "<option value=%a>%s (%s)</option>\n",
                       id, o->name, o->code);
}

int coop_org_select(struct req *r, struct buf *b, const char *id, int kind, long current,
                    struct err *err)
{
    struct org_options oo = {b, kind, current};
    int rc = html_printf(b,
                         "<div class=\"field\"><label for=%a>%s</label>\n<p class=\"hint\">%s</p>\n"
                         "<select id=%a name=\"org\" required>\n",
                         id, T(&r->tr, "Organisation"),
                         T(&r->tr, "Administrators record for any organisation."), id);
    rc = rc ? rc : core_org_each(r->store, org_option, &oo, err);
    return rc ? rc : buf_puts(b, "</select></div>\n");
}

int coop_list_text(struct buf *b, const char *list)
{
    int rc = 0;
    for (const char *p = list ? list : ""; *p && !rc;) {
        size_t n = strcspn(p, "|");
        struct buf one = BUF_INIT;
        buf_append(&one, p, n);
        rc = html_printf(b, p == list ? "%s" : ", %s", buf_str(&one));
        buf_free(&one);
        p += n + (p[n] == '|');
    }
    return rc;
}

int coop_match_row(const struct req *r, struct buf *b, const struct core_match *m)
{
    char score[32];
    decimal(r, m->score, score, sizeof score);
    int rc = html_printf(b,
                         "<tr><td><a href=\"/coop/matches/%ld\">%ld</a></td>"
                         "<td><a href=\"/coop/needs/%ld\">%s</a></td>"
                         "<td><a href=\"/coop/offers/%ld\">%s</a> (%s)</td><td>",
                         m->id, m->id, m->need_id, m->need_title, m->offer_id, m->offer_title,
                         m->offer_org_code);
    rc = rc ? rc : coop_badge(r, b, COOP_MATCH_STATE, (int)m->state);
    rc = rc ? rc
            : html_printf(b, "</td><td>%s</td><td class=\"num\">%s</td><td>",
                          m->proposed_by == CORE_SIDE_NEED ? T(&r->tr, "the State")
                                                           : T(&r->tr, "the provider"),
                          score);
    rc = rc ? rc : fup_when(b, m->updated_at);
    return rc ? rc : buf_puts(b, "</td></tr>\n");
}

int coop_lang_select(const struct req *r, struct buf *b, const char *id)
{
    return html_printf(
        b,
        "<div class=\"field\"><label for=%a>%s</label>\n<select id=%a name=\"lang\">\n"
        "<option value=\"en\">English</option>\n<option value=\"fr\"%s>"
        "Fran\xC3\xA7\x61is</option>\n<option value=\"es\"%s>Espa\xC3\xB1ol</option>\n"
        "</select></div>\n",
        id, T(&r->tr, "Language of this description"), id,
        r->lang == TEXT_LANG_FR ? " selected" : "", r->lang == TEXT_LANG_ES ? " selected" : "");
}

int coop_ranked_section(struct buf *b, const char *title, const char *hint, const char *none,
                        const struct coop_ranked *k)
{
    int rc = html_printf(b,
                         "<section aria-labelledby=\"ranked\">\n<h2 id=\"ranked\">%s</h2>\n"
                         "<p class=\"hint\">%s</p>\n",
                         title, hint);
    if (!rc && !k->n)
        rc = html_printf(b, "<p>%s</p>\n", none);
    if (!rc && k->n)
        rc = html_printf(b, "<ol class=\"results\">\n%R</ol>\n", &k->out);
    return rc ? rc : buf_puts(b, "</section>\n");
}

int coop_propose_form(const struct req *r, struct buf *b, long need_id, long offer_id,
                      enum core_match_side side, const char *summary)
{
    char form[32], id[48];
    snprintf(form, sizeof form, "propose-%ld", side == CORE_SIDE_NEED ? offer_id : need_id);
    snprintf(id, sizeof id, "%s-comment", form);
    int rc = fup_details(r, b, form, summary);
    rc = rc ? rc : fup_form_open(r, b, "/coop/matches", form, 0);
    rc = rc ? rc
            : html_printf(b,
                          "<input type=\"hidden\" name=\"need\" value=\"%ld\">\n"
                          "<input type=\"hidden\" name=\"offer\" value=\"%ld\">\n"
                          "<input type=\"hidden\" name=\"side\" value=%a>\n",
                          need_id, offer_id, side == CORE_SIDE_NEED ? "need" : "offer");
    rc = rc ? rc
            : fup_textarea(b, id, "comment", T(&r->tr, "Message"), fup_kept(r, form, "comment"), 0);
    return rc ? rc
              : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</details>\n",
                            T(&r->tr, "Propose"));
}

int coop_move_cells(const struct req *r, struct buf *b, int64_t at, const char *who,
                    enum core_match_state from, enum core_match_state to, const char *comment)
{
    int rc = fup_when(b, at);
    rc = rc ? rc : html_printf(b, "</td><td>%s</td><td>", who);
    if (!rc && from < CORE_MATCH_STATE_COUNT) {
        rc = coop_badge(r, b, COOP_MATCH_STATE, (int)from);
        rc = rc ? rc : buf_puts(b, " \xE2\x86\x92 ");
    }
    rc = rc ? rc : coop_badge(r, b, COOP_MATCH_STATE, (int)to);
    return rc ? rc : html_printf(b, "</td><td>%s</td></tr>\n", comment ? comment : "");
}
