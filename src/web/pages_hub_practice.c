/*
 * pages_hub_practice.c — the page of one good practice of the knowledge hub: its text in the
 * reader's language, or in another with a visible note and links to the other versions; its
 * State, tags and files; and, for those core allows, the forms that publish or withdraw it,
 * attach a file and edit it (POST /hub/practices/:id, /hub/practices/:id/files). Files are
 * downloaded from /hub/files/:id, as visible as their entry. Shared pieces are in pages_hub.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/followup.h"
#include "core/hub.h"
#include "web/html.h"
#include "web/pages_followup.h"
#include "web/pages_hub.h"

struct practice_page {
    struct req *r;
    struct buf *b;
    const struct hub_page_labels *labels;
    const char *notice; /* translated, or NULL */
    const char *refusal;
};

static int file_item(void *ctx, const struct store_hub_file *f)
{
    struct practice_page *pp = ctx;
    char href[48];
    snprintf(href, sizeof href, "/hub/files/%ld", f->id);
    int rc = html_printf(pp->b, "<li><a href=%h>%s</a> <span class=\"meta\">(%s, ", href,
                         f->file_name, f->content_type);
    rc = rc ? rc : html_textf(pp->b, T(&pp->r->tr, "%zu bytes"), f->size);
    return rc ? rc : buf_puts(pp->b, ")</span></li>\n");
}

static int practice_forms(struct practice_page *pp, const struct store_hub_practice *pr)
{
    struct req *r = pp->r;
    struct buf *b = pp->b;
    char action[64];
    int rc = 0;
    if (core_may(&r->actor, CORE_HUB_EDIT, 0)) {
        snprintf(action, sizeof action, "/hub/practices/%ld", pr->id);
        rc = fup_form_open(r, b, action, "publish", 0);
        rc = rc ? rc
                : html_printf(b,
                              "<input type=\"hidden\" name=\"do\" value=%a>\n"
                              "<button type=\"submit\">%s</button>\n</form>\n",
                              pr->published ? "withdraw" : "publish",
                              pr->published ? T(&r->tr, "Withdraw from publication")
                                            : T(&r->tr, "Publish"));
    }
    if (!rc && core_hub_may_edit(&r->actor, pr)) {
        snprintf(action, sizeof action, "/hub/practices/%ld/files", pr->id);
        rc = fup_form_open(r, b, action, "attach", 1);
        rc = rc ? rc
                : fup_input(b, "hub-file", "file", T(&r->tr, "Attach a file"), "file", NULL, 1,
                            T(&r->tr, "PDF, PNG, JPEG, GIF, DOCX, XLSX, ODT, ODS, text or CSV; at "
                                      "most 20 MiB."));
        rc = rc ? rc
                : html_printf(b,
                              "<button type=\"submit\" class=\"secondary\">%s</button>\n"
                              "</form>\n",
                              T(&r->tr, "Attach the file"));
        /* the edit form, open when it comes back refused */
        snprintf(action, sizeof action, "/hub/practices/%ld", pr->id);
        rc = rc ? rc : fup_details(r, b, "edit", T(&r->tr, "Edit this entry"));
        rc = rc ? rc : fup_form_open(r, b, action, "edit", 0);
        rc = rc ? rc : buf_puts(b, "<input type=\"hidden\" name=\"do\" value=\"edit\">\n");
        rc = rc ? rc : hub_page_practice_fields(r, b, pp->labels, "edit", pr);
        rc = rc ? rc
                : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</details>\n",
                              T(&r->tr, "Save"));
    }
    return rc;
}

static int practice_body(void *ctx, const struct store_hub_practice *pr)
{
    struct practice_page *pp = ctx;
    struct req *r = pp->r;
    struct buf *b = pp->b;
    int l = core_hub_practice_lang(pr, (int)r->lang);
    const char *lang = text_lang_code((enum text_lang)(l >= 0 ? l : 0));
    int rc = html_printf(b, "<p><a href=\"/hub\">%s</a></p>\n", T(&r->tr, "Knowledge hub"));
    if (!rc && pp->notice)
        rc = html_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>\n", pp->notice);
    if (!rc && pp->refusal)
        rc = html_printf(b, "<div class=\"error\" role=\"alert\"><p>%s</p></div>\n", pp->refusal);
    rc = rc ? rc
            : html_printf(b, "<article>\n<h1 lang=%a>%s</h1>\n<p>", lang,
                          l >= 0 ? pr->title[l] : "");
    rc = rc ? rc : hub_page_badges(r, b, pr->published, pr->demo);
    rc = rc ? rc : buf_puts(b, "</p>\n");
    if (!rc && l >= 0 && l != (int)r->lang) {
        rc = buf_puts(b, "<p class=\"notice\">");
        rc = rc ? rc
                : html_textf(b, T(&r->tr, "This entry is not available in %s; it is shown in %s."),
                             hub_page_lang_label(r, (int)r->lang), hub_page_lang_label(r, l));
        rc = rc ? rc : buf_puts(b, "</p>\n");
    }
    if (!rc && pr->country)
        rc = html_printf(b, "<p class=\"meta\">%s: %s</p>\n", T(&r->tr, "State"),
                         page_list_label(&pp->labels->countries, pr->country));
    rc = rc ? rc : hub_page_tags(r, b, pr, pp->labels);
    /* the other versions, as links that switch the pages' language */
    int others = 0;
    for (int o = 0; o < TEXT_LANG_COUNT && !rc; o++) {
        if (o == l || !pr->title[o])
            continue;
        char href[64];
        snprintf(href, sizeof href, "/hub/practices/%ld?lang=%s", pr->id,
                 text_lang_code((enum text_lang)o));
        if (!others++)
            rc = html_printf(b, "<p class=\"meta\">%s ", T(&r->tr, "Also in:"));
        else
            rc = buf_puts(b, ", ");
        rc = rc ? rc
                : html_printf(b, "<a href=%h hreflang=%a lang=%a>%s</a>", href,
                              text_lang_code((enum text_lang)o), text_lang_code((enum text_lang)o),
                              i18n_lang_endonym((enum text_lang)o));
    }
    if (!rc && others)
        rc = buf_puts(b, "</p>\n");
    rc = rc ? rc : hub_page_markdown(b, lang, l >= 0 ? pr->body[l] : NULL);
    struct err err = {0};
    if (!rc && pr->nfiles) {
        rc = html_printf(b, "<h2>%s</h2>\n<ul>\n", T(&r->tr, "Files"));
        rc = rc ? rc : core_hub_files_of(r->store, pr->id, file_item, pp, &err);
        rc = rc ? rc : buf_puts(b, "</ul>\n");
    }
    rc = rc ? rc
            : html_printf(b, "<p class=\"meta\">%s %s</p>\n</article>\n", T(&r->tr, "Proposed by"),
                          pr->author);
    return rc ? rc : practice_forms(pp, pr);
}

struct practice_flag {
    int published;
};

static int copy_flag(void *ctx, const struct store_hub_practice *pr)
{
    ((struct practice_flag *)ctx)->published = pr->published;
    return 0;
}

static int practice_page(struct req *r, struct resp *p, long id, int status, const char *notice,
                         const char *refusal)
{
    struct hub_page_labels labels;
    struct err err = {0};
    if (!id)
        return web_error(r, p, 404, "not_found", "no such good practice");
    if (hub_page_labels_load(r, &labels, &err))
        return page_fail(r, p, &err);
    int rc = page_begin(r, p, T(&r->tr, "Good practice"));
    if (status)
        p->status = status;
    struct practice_page pp = {r, &p->body, &labels, notice, refusal};
    if (!rc)
        rc = core_hub_practice_get(r->store, &r->actor, id, practice_body, &pp, &err);
    hub_page_labels_free(&labels);
    if (rc && rc != ERR_NOMEM)
        return page_fail(r, p, &err);
    return page_end(r, p);
}

int page_hub_practice(struct req *r, struct resp *p)
{
    const char *done = web_query(r, "done");
    const char *notice = !done                        ? NULL
                         : !strcmp(done, "created")   ? T(&r->tr, "The good practice was saved.")
                         : !strcmp(done, "published") ? T(&r->tr, "The good practice is published.")
                         : !strcmp(done, "withdrawn")
                             ? T(&r->tr, "The good practice was withdrawn.")
                         : !strcmp(done, "file") ? T(&r->tr, "The file was attached.")
                                                 : NULL;
    return practice_page(r, p, fup_id(r->param[0]), 0, notice, NULL);
}

/* POST /hub/practices/:id: do=publish, withdraw (hub_edit) or edit (core: hub_edit or the author
 * of an unpublished entry). An edit refused for its content shows the page again, form open. */
int page_hub_practice_change(struct req *r, struct resp *p)
{
    long id = fup_id(r->param[0]);
    const char *what = req_form(r, "do");
    struct err err = {0};
    int publish = what && !strcmp(what, "publish"), edit = what && !strcmp(what, "edit");
    int rc;
    if (!id) {
        rc = err_set(&err, ERR_NOTFOUND, "no such good practice");
    } else if (edit) {
        struct core_hub_practice_in in;
        struct core_hub_tags tags;
        long published = 0;
        rc = hub_page_practice_in(r, &in, &tags, &err);
        /* the edit form has no published box: keep the flag (core keeps it for authors) */
        struct practice_flag flag = {0};
        rc = rc ? rc : core_hub_practice_get(r->store, &r->actor, id, copy_flag, &flag, &err);
        published = flag.published;
        in.published = (int)published;
        rc = rc ? rc : core_hub_practice_update(r->store, &r->actor, id, &in, &err);
    } else if (publish || (what && !strcmp(what, "withdraw"))) {
        rc = core_hub_practice_publish(r->store, &r->actor, id, publish, &err);
    } else {
        rc = err_set(&err, ERR_INPUT, "do: expected publish, withdraw or edit");
    }
    if (!rc) {
        char location[64];
        snprintf(location, sizeof location, "/hub/practices/%ld?done=%s", id,
                 edit      ? "saved"
                 : publish ? "published"
                           : "withdrawn");
        return page_redirect(p, location);
    }
    if (edit && (rc == ERR_INPUT || rc == ERR_USAGE))
        return practice_page(r, p, id, 400, NULL, err.msg);
    return page_fail(r, p, &err);
}

int page_hub_file_post(struct req *r, struct resp *p)
{
    long id = fup_id(r->param[0]), file = 0;
    struct err err = {0};
    const struct web_file *f = req_file(r, "file");
    int rc;
    if (!f || (!f->data.len && (!f->filename || !*f->filename)))
        rc = err_set(&err, ERR_INPUT, "file: none chosen");
    else
        rc = core_hub_file_add(r->store, &r->actor, id, f->filename, f->content_type,
                               f->data.data ? f->data.data : "", f->data.len, &file, &err);
    if (!rc) {
        char location[64];
        snprintf(location, sizeof location, "/hub/practices/%ld?done=file", id);
        return page_redirect(p, location);
    }
    if (rc == ERR_INPUT)
        return practice_page(r, p, id, 400, NULL, err.msg);
    return page_fail(r, p, &err);
}

int page_hub_file(struct req *r, struct resp *p)
{
    long id = fup_id(r->param[0]);
    struct core_hub_file meta;
    struct buf bytes = BUF_INIT;
    struct err err = {0};
    int rc = id ? core_hub_file_get(r->store, &r->actor, id, &meta, &bytes, &err)
                : err_set(&err, ERR_NOTFOUND, "no such file");
    if (rc) {
        buf_free(&bytes);
        return page_fail(r, p, &err);
    }
    return page_attachment(r, p, &bytes, meta.file_name,
                           core_evidence_type_for_name(meta.file_name));
}
