/*
 * pages_recs.c — the page of one recommendation (/recommendations/:id): every field, its texts
 * (the reader's language first), its tags grouped by vocabulary with where each came from,
 * where it was imported from, and "related recommendations": a full-text OR-search over the
 * longest distinct words of its own text (the same State's first). The related query is built
 * from words only, each quoted, so nothing of the text is ever read as query syntax.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/read.h"
#include "web/handlers.h"
#include "web/html.h"

enum {
    RELATED_MAX = 5,      /* recommendations shown as related */
    RELATED_WORDS = 8,    /* words of the text searched for */
    RELATED_MIN_CHARS = 4 /* shorter words say little */
};

/* What the page needs beside the record: names and labels in the reader's language. */
struct rec_page {
    struct req *r;
    struct buf *b;
    struct page_list countries, terms[4];
    struct buf query; /* the related-recommendations query, built from the text */
    char id[128], country[4];
};

static const char *const tag_vocabs[4] = {"uhri_theme", "upr_issue", "sdg", "affected_person"};

static const char *vocab_title(const struct req *r, int v)
{
    switch (v) {
    case 0:
        /* TRANSLATORS: the themes of OHCHR's Universal Human Rights Index. */
        return T(&r->tr, "UHRI themes");
    case 1:
        /* TRANSLATORS: the 54 issues with which UPR Info classifies recommendations. */
        return T(&r->tr, "UPR Info issues");
    case 2:
        return T(&r->tr, "Sustainable Development Goals");
    default:
        /* TRANSLATORS: the groups of people a recommendation concerns (UHRI vocabulary). */
        return T(&r->tr, "Affected persons");
    }
}

/* ---- related recommendations: the query ------------------------------------------------- */

struct word {
    const char *start;
    size_t bytes, chars;
};

static int longer_first(const void *a, const void *b)
{
    const struct word *x = a, *y = b;
    if (x->chars != y->chars)
        return x->chars > y->chars ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Cuts text into words (letters and digits), skipping what is in parentheses: there the UPR
 * names the recommending States, which say who spoke, not what about. */
static size_t words_of(const char *text, struct word *out, size_t max)
{
    size_t n = 0, len = strlen(text), i = 0;
    int depth = 0;
    struct word w = {0};
    while (i <= len) {
        uint32_t cp = 0;
        int step = i < len ? text_utf8_decode(text + i, len - i, &cp) : 1;
        if (step < 1)
            step = 1;
        int in_word = i < len && text_char_class_of(cp) == TEXT_CHAR_WORD;
        if (in_word && !w.start)
            w = (struct word){text + i, 0, 0};
        if (in_word) {
            w.bytes += (size_t)step;
            w.chars++;
        } else if (w.start) {
            if (!depth && w.chars >= RELATED_MIN_CHARS && n < max)
                out[n++] = w;
            w.start = NULL;
        }
        depth += cp == '(' ? 1 : cp == ')' && depth > 0 ? -1 : 0;
        i += (size_t)step;
    }
    return n;
}

/* The words every recommendation is made of ("continue efforts to take measures, in
 * particular..."): long, so the longest-words rule would pick them, but they relate nothing.
 * Folded (lower case, no accents), in English, French and Spanish. */
static const char *const boilerplate[] = {
    "continue",   "continuer",   "continuar",   "ensure",       "garantir",    "garantizar",
    "strengthen", "renforcer",   "fortalecer",  "particularly", "particulier", "particular",
    "notamment",  "including",   "compris",     "incluidos",    "measures",    "mesures",
    "medidas",    "efforts",     "esfuerzos",   "further",      "consider",    "envisager",
    "considerar", "implement",   "implementer", "aplicar",      "necessary",   "necessaires",
    "necesarias", "appropriate", "appropriees", "adecuadas",    "effective",   "efficaces",
    "eficaces",   "through",     "taking",      "undertake",    "adopter",     "adoptar",
};

static int is_boilerplate(const char *folded)
{
    for (size_t i = 0; i < sizeof boilerplate / sizeof boilerplate[0]; i++)
        if (!strcmp(folded, boilerplate[i]))
            return 1;
    return 0;
}

/* Builds "w1" OR "w2" ... from the longest distinct (case- and accent-folded) words that are
 * not boilerplate. */
static int related_query(const char *text, struct buf *query)
{
    struct word words[256];
    size_t n = words_of(text, words, sizeof words / sizeof words[0]), used = 0;
    qsort(words, n, sizeof *words, longer_first);
    struct buf folded[RELATED_WORDS];
    int rc = 0;
    for (size_t i = 0; i < n && used < RELATED_WORDS && !rc; i++) {
        folded[used] = (struct buf)BUF_INIT;
        if (text_fold(words[i].start, words[i].bytes, TEXT_FOLD_ACCENTS, &folded[used])) {
            buf_free(&folded[used]);
            continue;
        }
        /* a '"' cannot come out of letters and digits; were it ever to, never quote it */
        int seen = strchr(buf_str(&folded[used]), '"') || is_boilerplate(buf_str(&folded[used]));
        for (size_t k = 0; k < used && !seen; k++)
            seen = !strcmp(buf_str(&folded[k]), buf_str(&folded[used]));
        if (seen) {
            buf_free(&folded[used]);
            continue;
        }
        rc = buf_puts(query, used ? " OR \"" : "\"");
        rc = rc ? rc : buf_puts(query, buf_str(&folded[used]));
        rc = rc ? rc : buf_putc(query, '"');
        used++;
    }
    for (size_t k = 0; k < used; k++)
        buf_free(&folded[k]);
    return rc;
}

/* ---- related recommendations: the search ------------------------------------------------ */

struct related {
    const struct req *r;
    const struct page_list *countries;
    struct buf out;
    char seen[RELATED_MAX + 1][128];
    int n;
};

static int add_related(void *ctx, const struct store_hit *h)
{
    struct related *rel = ctx;
    if (rel->n >= RELATED_MAX)
        return 0;
    for (int i = 0; i <= rel->n; i++)
        if (!strcmp(rel->seen[i], h->id))
            return 0; /* itself (seen[0]) or already listed in another language */
    snprintf(rel->seen[++rel->n], sizeof rel->seen[0], "%s", h->id);
    return html_printf(
        &rel->out,
        "<li><a href=\"/recommendations/%u\">%s</a> <span class=\"meta\">%s \xC2\xB7 "
        "%s</span>\n<p lang=%a>%m</p></li>\n",
        h->id, h->id, page_list_label(rel->countries, h->country), h->body, h->lang, h->snippet);
}

static int related_search(struct rec_page *pg, struct related *rel, const char *country,
                          struct err *err)
{
    struct core_search s = {
        .query = buf_str(&pg->query), .country = country, .limit = RELATED_MAX + 2};
    struct core_search_plan plan;
    long total;
    int rc = core_search_plan(pg->r->store, &s, &plan, err);
    rc = rc ? rc : core_search_run(pg->r->store, &plan, add_related, rel, &total, err);
    core_search_plan_free(&plan);
    return rc;
}

static int related(struct rec_page *pg, struct err *err)
{
    if (!pg->query.len)
        return 0;
    struct related rel = {pg->r, &pg->countries, BUF_INIT, {{0}}, 0};
    snprintf(rel.seen[0], sizeof rel.seen[0], "%s", pg->id);
    int rc = pg->country[0] ? related_search(pg, &rel, pg->country, err) : 0;
    if (!rc && rel.n < RELATED_MAX)
        rc = related_search(pg, &rel, NULL, err);
    if (!rc && rel.n)
        rc = html_printf(pg->b,
                         "<section aria-labelledby=\"related\">\n<h2 id=\"related\">%s</h2>\n"
                         "<ul class=\"related\">\n%R</ul>\n</section>\n",
                         T(&pg->r->tr, "Related recommendations"), &rel.out);
    buf_free(&rel.out);
    return rc;
}

/* ---- the fields ------------------------------------------------------------------------- */

static int field_text(struct buf *b, const char *label, const char *value)
{
    if (!value || !*value)
        return 0;
    return html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", label, value);
}

static int field_int(struct buf *b, const char *label, int value)
{
    if (!value)
        return 0;
    return html_printf(b, "<dt>%s</dt><dd>%d</dd>\n", label, value);
}

static int field_state(struct rec_page *pg, const struct store_rec *rec)
{
    const struct i18n_tr *tr = &pg->r->tr;
    if (!rec->country)
        /* TRANSLATORS: the State whose human-rights record is reviewed (UPR) or that reports. */
        return field_text(pg->b, T(tr, "State under review"), rec->country_label);
    return html_printf(pg->b, "<dt>%s</dt><dd><a href=\"/browse/countries/%u\">%s</a></dd>\n",
                       T(tr, "State under review"), rec->country,
                       page_list_label(&pg->countries, rec->country));
}

static int field_states(struct rec_page *pg, const struct store_rec *rec)
{
    if (!rec->nstates)
        return 0;
    /* TRANSLATORS: UPR: the States that made the recommendation. */
    int rc = html_printf(pg->b, "<dt>%s</dt><dd>", T(&pg->r->tr, "Recommending States"));
    for (size_t i = 0; i < rec->nstates && !rc; i++) {
        const struct store_state_ref *s = &rec->states[i];
        const char *name = s->iso3 ? page_list_label(&pg->countries, s->iso3) : s->label;
        rc = html_printf(pg->b, i ? ", %s" : "%s", name);
    }
    return rc ? rc : buf_puts(pg->b, "</dd>\n");
}

static int field_response(struct rec_page *pg, const struct store_rec *rec)
{
    /* TRANSLATORS: the State's response to a recommendation: supported, noted... */
    int rc = html_printf(pg->b, "<dt>%s</dt><dd>", T(&pg->r->tr, "Response"));
    rc = rc ? rc : page_badge(pg->r, pg->b, rec->response);
    rc = rc ? rc : buf_puts(pg->b, "</dd>\n");
    if (!rc && rec->action_category) {
        char code[8];
        snprintf(code, sizeof code, "%d", rec->action_category);
        const char *label = i18n_label(&pg->r->tr, "action_category", code);
        rc =
            html_printf(pg->b, "<dt>%s</dt><dd>%d \xE2\x80\x94 %s</dd>\n",
                        T(&pg->r->tr, "Action category"), rec->action_category, label ? label : "");
    }
    return rc;
}

static int fields(struct rec_page *pg, const struct store_rec *rec)
{
    const struct i18n_tr *tr = &pg->r->tr;
    struct buf *b = pg->b;
    const char *mechanism = i18n_label(tr, "mechanism", rec->mechanism);
    int rc = buf_puts(b, "<dl class=\"fields\">\n");
    rc = rc ? rc : field_state(pg, rec);
    rc = rc ? rc : field_states(pg, rec);
    rc = rc ? rc
            : html_printf(b, "<dt>%s</dt><dd><a href=\"/browse/bodies/%u\">%s</a></dd>\n",
                          /* TRANSLATORS: a UN human-rights body: a treaty body, a special
                             procedure, the UPR. */
                          T(tr, "Body"), rec->body, rec->body);
    rc = rc ? rc : field_text(b, T(tr, "Mechanism"), mechanism ? mechanism : rec->mechanism);
    if (!rc && rec->kind && strcmp(rec->kind, "recommendation"))
        rc = field_text(b, T(tr, "Kind"), i18n_label(tr, "kind", rec->kind));
    rc = rc ? rc : field_text(b, T(tr, "Document"), rec->document);
    rc = rc ? rc : field_text(b, T(tr, "Paragraph"), rec->paragraph);
    rc = rc ? rc : field_int(b, T(tr, "Session"), rec->session);
    /* TRANSLATORS: a UPR cycle (1st, 2nd, 3rd, 4th review of every State). */
    rc = rc ? rc : field_int(b, T(tr, "Cycle"), rec->cycle);
    rc = rc ? rc : field_response(pg, rec);
    /* TRANSLATORS: the heading under which the source document grouped the recommendation. */
    rc = rc ? rc : field_text(b, T(tr, "Cluster theme"), rec->cluster_theme);
    if (!rc && rec->source_file) {
        /* the file's name, not the directories of the machine that imported it */
        const char *slash = strrchr(rec->source_file, '/');
        const char *file = slash && slash[1] ? slash + 1 : rec->source_file;
        rc = html_printf(b, "<dt>%s</dt><dd>%s", T(tr, "Imported from"), file);
        if (!rc && rec->source_line > 0)
            /* TRANSLATORS: a line of the imported file: "thematic-list.md, line 19". */
            rc = html_printf(b, ", %s %ld", T(tr, "line"), rec->source_line);
        rc = rc ? rc : buf_puts(b, "</dd>\n");
    }
    return rc ? rc : buf_puts(b, "</dl>\n");
}

/* The texts, the reader's language first, each marked with its language. */
static int texts(struct rec_page *pg, const struct store_rec *rec)
{
    const struct req *r = pg->r;
    int first = page_text_lang(r, rec), count = 0;
    for (int l = 0; l < STORE_LANG_COUNT; l++)
        count += rec->text[l] != NULL;
    int rc = html_printf(pg->b, "<section aria-labelledby=\"text\">\n<h2 id=\"text\">%s</h2>\n",
                         T(&r->tr, "Text"));
    if (!rc && first != (int)r->lang)
        rc = html_printf(pg->b, "<p class=\"hint\">%s</p>\n",
                         T(&r->tr, "Not available in this language."));
    for (int k = 0; k < STORE_LANG_COUNT && !rc && first >= 0; k++) {
        int l = k == 0 ? first : (k <= first ? k - 1 : k);
        if (!rec->text[l])
            continue;
        const char *code = text_lang_code((enum text_lang)l);
        if (count > 1)
            rc = html_printf(pg->b, "<h3>%s</h3>\n", i18n_lang_endonym((enum text_lang)l));
        rc = rc ? rc
                : html_printf(pg->b,
                              "<blockquote class=\"rec-text\" lang=%a><p>%s</p></blockquote>\n",
                              code, rec->text[l]);
    }
    return rc ? rc : buf_puts(pg->b, "</section>\n");
}

/* A tag's link: themes and issues filter the search (by code, or by the label as imported when
 * it was never linked), SDG codes too; affected persons have no filter of their own. */
static int tag_item(struct rec_page *pg, int v, const struct store_tag *t)
{
    const char *label = t->code ? page_list_label(&pg->terms[v], t->code) : t->label;
    const char *origin = i18n_label(&pg->r->tr, "tag_origin",
                                    t->origin == STORE_TAG_HUMAN     ? "human"
                                    : t->origin == STORE_TAG_MACHINE ? "machine"
                                                                     : "source");
    struct buf url = BUF_INIT;
    const struct page_param none[1] = {{NULL, NULL}};
    int rc = 0;
    if (v < 2 && (t->code || t->label))
        rc = page_url(&url, "/search", none, 0, "theme", t->code ? t->code : t->label);
    else if (v == 2 && t->code)
        rc = page_url(&url, "/search", none, 0, "sdg", t->code);
    if (!rc && url.len && v == 2)
        rc = html_printf(pg->b,
                         "<li><a href=%h>%s. %s</a> <span class=\"origin\">(%s)</span></li>\n",
                         buf_str(&url), t->code, label, origin);
    else if (!rc && url.len)
        rc = html_printf(pg->b, "<li><a href=%h>%s</a> <span class=\"origin\">(%s)</span></li>\n",
                         buf_str(&url), label, origin);
    else if (!rc)
        rc = html_printf(pg->b, "<li>%s <span class=\"origin\">(%s)</span></li>\n", label, origin);
    buf_free(&url);
    return rc;
}

static int tags(struct rec_page *pg, const struct store_rec *rec)
{
    if (!rec->ntags)
        return 0;
    int rc = html_printf(pg->b, "<section aria-labelledby=\"tags\">\n<h2 id=\"tags\">%s</h2>\n",
                         T(&pg->r->tr, "Tags"));
    for (int v = 0; v < 4 && !rc; v++) {
        int opened = 0;
        for (size_t i = 0; i < rec->ntags && !rc; i++) {
            if (strcmp(rec->tags[i].vocab, tag_vocabs[v]))
                continue;
            if (!opened++)
                rc =
                    html_printf(pg->b, "<h3>%s</h3>\n<ul class=\"tags\">\n", vocab_title(pg->r, v));
            rc = rc ? rc : tag_item(pg, v, &rec->tags[i]);
        }
        if (!rc && opened)
            rc = buf_puts(pg->b, "</ul>\n");
    }
    return rc ? rc : buf_puts(pg->b, "</section>\n");
}

/* Writes the record's part of the page and keeps what the related search needs. */
static int write_page(void *ctx, const struct store_rec *rec)
{
    struct rec_page *pg = ctx;
    snprintf(pg->id, sizeof pg->id, "%s", rec->id);
    snprintf(pg->country, sizeof pg->country, "%s", rec->country ? rec->country : "");
    int l = page_text_lang(pg->r, rec);
    int rc = l >= 0 ? related_query(rec->text[l], &pg->query) : 0;
    struct buf title = BUF_INIT;
    /* TRANSLATORS: %s is the recommendation's id, e.g. SVN-UPR34-121.1 */
    buf_printf(&title, T(&pg->r->tr, "Recommendation %s"), rec->id);
    rc = rc ? rc : html_printf(pg->b, "<h1>%s</h1>\n", buf_str(&title));
    buf_free(&title);
    rc = rc ? rc : texts(pg, rec);
    rc = rc ? rc : fields(pg, rec);
    rc = rc ? rc : tags(pg, rec);
    return rc;
}

static int load_names(struct rec_page *pg, struct err *err)
{
    int rc = page_countries(pg->r, &pg->countries, err);
    for (int v = 0; v < 4 && !rc; v++)
        rc = page_terms(pg->r, tag_vocabs[v], &pg->terms[v], err);
    return rc;
}

static void rec_page_free(struct rec_page *pg)
{
    page_list_free(&pg->countries);
    for (int v = 0; v < 4; v++)
        page_list_free(&pg->terms[v]);
    buf_free(&pg->query);
}

int page_recommendation(struct req *r, struct resp *p)
{
    struct rec_page pg = {.r = r};
    struct err err = {0};
    struct buf body = BUF_INIT;
    pg.b = &body;
    int rc = load_names(&pg, &err);
    rc = rc ? rc : core_rec_get(r->store, r->param[0], write_page, &pg, &err);
    rc = rc ? rc : page_rec_followup(r, &body, pg.id, &err); /* follow-up: pages_followup.c */
    rc = rc ? rc : page_rec_similar(r, &body, pg.id, &err);  /* near-copies: pages_similar.c */
    rc = rc ? rc : page_rec_coop(r, &body, pg.id, pg.country, &err); /* pages_coop_match.c */
    rc = rc ? rc : related(&pg, &err);
    if (!rc && core_may(&r->actor, CORE_READ_AUDIT, 0))
        rc = html_printf(&body, "<p><a href=\"/history/recommendation/%u\">%s</a></p>\n", pg.id,
                         T(&r->tr, "History of changes"));
    if (rc) {
        rec_page_free(&pg);
        buf_free(&body);
        return page_fail(r, p, &err);
    }
    struct buf title = BUF_INIT;
    buf_printf(&title, T(&r->tr, "Recommendation %s"), pg.id);
    page_begin(r, p, buf_str(&title));
    html_printf(&p->body, "%R", &body);
    buf_free(&title);
    buf_free(&body);
    rec_page_free(&pg);
    return page_end(r, p);
}
