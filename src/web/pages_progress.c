/*
 * pages_progress.c — progress reports in the browser: the forms to write one (a draft), edit
 * it, attach evidence files to it (multipart upload) and submit it for validation; validating
 * or returning it (coordinators); and downloading evidence (GET /evidence/:id: the bytes with
 * the type core checked at upload, as an attachment, never sniffed). A refused upload says in
 * the reader's language what was wrong (too large, a path in the name, a type not accepted, a
 * content that is not what its type says), followed by core's detail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/html.h"
#include "web/pages_followup.h"

/* The extensions of the types evidence may have (core_evidence_type_for_name knows the types). */
static const char *const evidence_exts[] = {"pdf",  "png", "jpg", "gif", "docx",
                                            "xlsx", "odt", "ods", "txt", "csv"};

/* The type core accepts that equals declared (parameters and case ignored): a static string;
 * NULL when declared is none of them (application/octet-stream, a browser's guess...). */
static const char *accepted_type(const char *declared)
{
    char clean[80], name[16];
    size_t i = 0;
    while (declared && declared[i] && declared[i] != ';' && declared[i] != ' ' &&
           i + 1 < sizeof clean) {
        char c = declared[i];
        clean[i++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    clean[i] = '\0';
    for (size_t k = 0; k < sizeof evidence_exts / sizeof evidence_exts[0]; k++) {
        snprintf(name, sizeof name, "x.%s", evidence_exts[k]);
        const char *type = core_evidence_type_for_name(name);
        if (type && !strcmp(type, clean))
            return type;
    }
    return NULL;
}

/* ---- the forms --------------------------------------------------------------------------- */

int fu_draft_form(struct fu_page *s)
{
    const struct req *r = s->r;
    struct buf *b = s->b, url = BUF_INIT;
    int rc = fup_details(r, b, "draft", T(&r->tr, "Write a progress report"));
    rc = rc ? rc : fu_url(&url, s->rec_id, "/progress#followup");
    rc = rc ? rc : fup_form_open(r, b, buf_str(&url), "draft", 0);
    buf_free(&url);
    rc = rc ? rc
            : fup_institution_select(r, b, "draft-institution", &s->inst, s->editable, s->neditable,
                                     fup_kept(r, "draft", "institution"), NULL);
    rc = rc ? rc
            : fup_status_select(r, b, "draft-status", T(&r->tr, "Status of implementation"),
                                fup_kept(r, "draft", "status"));
    rc = rc ? rc
            : fup_textarea(b, "draft-narrative", "narrative",
                           T(&r->tr, "What was done, and what remains"),
                           fup_kept(r, "draft", "narrative"), 1);
    rc = rc ? rc
            : html_printf(b,
                          "<p class=\"hint\">%s</p>\n<button type=\"submit\">%s</button>\n"
                          "</form>\n</details>\n",
                          T(&r->tr, "It stays a draft, seen only by your institution and the "
                                    "coordinators, until you submit it for validation."),
                          T(&r->tr, "Save as draft"));
    return rc;
}

int fu_report_forms(struct fu_page *s, const struct core_progress *p)
{
    const struct req *r = s->r;
    struct buf *b = s->b;
    char action[64], form[32], id[48], hint_id[48];
    snprintf(action, sizeof action, "/progress/%ld#followup", p->id);
    snprintf(form, sizeof form, "report-%ld", p->id);
    const char *narrative = fup_kept(r, form, "narrative");
    const char *status = fup_kept(r, form, "status");
    int rc = buf_puts(b, "<div class=\"report-forms\">\n");
    rc = rc ? rc : fup_details(r, b, form, T(&r->tr, "Edit the report"));
    rc = rc ? rc : fup_form_open(r, b, action, form, 0);
    rc = rc ? rc : buf_puts(b, "<input type=\"hidden\" name=\"do\" value=\"edit\">\n");
    snprintf(id, sizeof id, "report-status-%ld", p->id);
    rc = rc ? rc
            : fup_status_select(r, b, id, T(&r->tr, "Status of implementation"),
                                status ? status : core_status_name(p->status));
    snprintf(id, sizeof id, "report-narrative-%ld", p->id);
    rc = rc ? rc
            : fup_textarea(b, id, "narrative", T(&r->tr, "What was done, and what remains"),
                           narrative ? narrative : p->narrative, 1);
    rc = rc ? rc
            : html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n</details>\n",
                          T(&r->tr, "Save"));
    /* evidence: a file input in a multipart form */
    snprintf(action, sizeof action, "/progress/%ld/evidence#followup", p->id);
    snprintf(form, sizeof form, "evidence-%ld", p->id);
    snprintf(id, sizeof id, "evidence-file-%ld", p->id);
    snprintf(hint_id, sizeof hint_id, "evidence-hint-%ld", p->id);
    rc = rc ? rc : fup_form_open(r, b, action, form, 1);
    rc = rc ? rc
            : html_printf(b,
                          "<div class=\"field\"><label for=%a>%s</label>\n"
                          "<p class=\"hint\" id=%a>%s</p>\n"
                          "<input type=\"file\" id=%a name=\"file\" aria-describedby=%a "
                          "accept=\".pdf,.png,.jpg,.jpeg,.gif,.docx,.xlsx,.odt,.ods,.txt,.csv\" "
                          "required></div>\n<button type=\"submit\" class=\"secondary\">%s</button>"
                          "\n</form>\n",
                          id, T(&r->tr, "Evidence file"), hint_id,
                          T(&r->tr, "PDF, PNG, JPEG, GIF, DOCX, XLSX, ODT, ODS, text or CSV; at "
                                    "most 20 MiB."),
                          id, hint_id, T(&r->tr, "Attach the file"));
    snprintf(action, sizeof action, "/progress/%ld#followup", p->id);
    snprintf(form, sizeof form, "submit-%ld", p->id);
    rc = rc ? rc : fup_form_open(r, b, action, form, 0);
    rc = rc ? rc
            : html_printf(b,
                          "<input type=\"hidden\" name=\"do\" value=\"submit\">\n"
                          "<button type=\"submit\">%s</button>\n</form>\n</div>\n",
                          T(&r->tr, "Submit for validation"));
    return rc;
}

/* ---- answering them ---------------------------------------------------------------------- */

/* A report's recommendation and state, as the reader may see it. */
struct report_ref {
    char rec_id[128];
    enum core_workflow workflow;
    long institution_id;
};

static int copy_ref(void *ctx, const struct core_progress *p)
{
    struct report_ref *ref = ctx;
    snprintf(ref->rec_id, sizeof ref->rec_id, "%s", p->rec_id ? p->rec_id : "");
    ref->workflow = p->workflow;
    ref->institution_id = p->institution_id;
    return 0;
}

static int load_ref(struct req *r, long id, struct report_ref *ref, struct err *err)
{
    memset(ref, 0, sizeof *ref);
    if (!id)
        return err_set(err, ERR_NOTFOUND, "no such progress report");
    return core_progress_get(r->store, &r->actor, id, copy_ref, ref, err);
}

static int answer(struct req *r, struct resp *p, const char *rec_id, int rc, const struct err *err,
                  const char *done, const char *headline)
{
    if (!rc)
        return fup_rec_done(p, rec_id, done);
    int status = fup_refusal_status(rc);
    if (!status)
        return page_fail(r, p, err);
    return fup_rec_again(r, p, rec_id, status == 404 ? 400 : status, headline, err->msg);
}

int page_progress_new_post(struct req *r, struct resp *p)
{
    const char *rec_id = r->param[0];
    struct err err = {0};
    if (fup_rec_exists(r, rec_id, &err))
        return page_fail(r, p, &err);
    struct fup_institutions all = {0};
    struct core_progress in = {.rec_id = rec_id, .narrative = req_form(r, "narrative")};
    const char *status = req_form(r, "status");
    long id = 0;
    int rc = fup_institutions_load(r, &all, &err);
    rc = rc ? rc : fup_institution_id(&all, req_form(r, "institution"), &in.institution_id, &err);
    fup_institutions_free(&all);
    if (!rc && !in.institution_id)
        rc = err_set(&err, ERR_INPUT, "institution: none chosen, expected one");
    if (!rc && core_status_parse(status ? status : "", &in.status))
        rc = err_set(&err, ERR_INPUT,
                     "status: expected not_started, in_progress, partially_implemented, "
                     "implemented or not_accepted");
    rc = rc ? rc : core_progress_draft(r->store, &r->actor, &in, &id, &err);
    return answer(r, p, rec_id, rc, &err, "draft", NULL);
}

int page_progress_post(struct req *r, struct resp *p)
{
    long id = fup_id(r->param[0]);
    struct report_ref ref;
    struct err err = {0};
    if (load_ref(r, id, &ref, &err))
        return page_fail(r, p, &err);
    const char *what = req_form(r, "do");
    if (what && !strcmp(what, "submit"))
        return answer(r, p, ref.rec_id,
                      core_progress_move(r->store, &r->actor, id, CORE_WF_SUBMITTED, NULL, &err),
                      &err, "submitted", NULL);
    enum core_status status;
    const char *given = req_form(r, "status");
    int rc = 0;
    if (core_status_parse(given ? given : "", &status))
        rc = err_set(&err, ERR_INPUT,
                     "status: expected not_started, in_progress, partially_implemented, "
                     "implemented or not_accepted");
    rc = rc ? rc
            : core_progress_edit(r->store, &r->actor, id, status, req_form(r, "narrative"), &err);
    return answer(r, p, ref.rec_id, rc, &err, "saved", NULL);
}

/* What went wrong with an upload, in the reader's language (core's message follows it). */
static const char *upload_problem(const struct req *r, const struct report_ref *ref,
                                  const struct web_file *f, int rc, const struct err *err,
                                  struct buf *scratch)
{
    if (rc == ERR_DENIED)
        return T(&r->tr, "The change was refused.");
    if (ref->workflow != CORE_WF_DRAFT && ref->workflow != CORE_WF_RETURNED)
        return T(&r->tr, "Files are attached to drafts and returned reports only.");
    /* in the order core checks: the name, the size, the type, the content */
    if (!strncmp(err->msg, "file name", 9)) /* core names the field it refused */
        return T(&r->tr, "The file name must be a plain name, without folders.");
    if (f->data.len > CORE_EVIDENCE_MAX_BYTES) {
        buf_reset(scratch);
        buf_printf(scratch, T(&r->tr, "The file is too large: at most %d MiB."),
                   CORE_EVIDENCE_MAX_BYTES / (1024 * 1024));
        return buf_str(scratch);
    }
    if (!f->data.len)
        return T(&r->tr, "The file is empty.");
    if (!accepted_type(f->content_type) && !core_evidence_type_for_name(f->filename))
        return T(&r->tr, "This type of file is not accepted.");
    return T(&r->tr, "The file's content is not what its type says.");
}

int page_evidence_post(struct req *r, struct resp *p)
{
    long id = fup_id(r->param[0]), evidence = 0;
    struct report_ref ref;
    struct err err = {0};
    if (load_ref(r, id, &ref, &err))
        return page_fail(r, p, &err);
    const struct web_file *f = req_file(r, "file");
    if (!f || (!f->data.len && (!f->filename || !*f->filename))) {
        err_set(&err, ERR_INPUT, "file: none chosen");
        return answer(r, p, ref.rec_id, ERR_INPUT, &err, NULL,
                      T(&r->tr, "Choose a file to attach."));
    }
    /* The browser's declared type when it is one evidence may have (a PNG declared as a PDF is
     * then refused by its bytes); else the type the name's extension says. */
    const char *type = accepted_type(f->content_type);
    int rc = core_evidence_add(r->store, &r->actor, id, f->filename, type,
                               f->data.data ? f->data.data : "", f->data.len, &evidence, &err);
    struct buf scratch = BUF_INIT;
    const char *headline = rc ? upload_problem(r, &ref, f, rc, &err, &scratch) : NULL;
    rc = answer(r, p, ref.rec_id, rc, &err, "evidence", headline);
    buf_free(&scratch);
    return rc;
}

int page_review_post(struct req *r, struct resp *p)
{
    long id = fup_id(r->param[0]);
    struct report_ref ref;
    struct err err = {0};
    if (load_ref(r, id, &ref, &err))
        return page_fail(r, p, &err);
    const char *what = req_form(r, "do"), *from = req_form(r, "from");
    const char *comment = req_form(r, "comment");
    int validate = what && !strcmp(what, "validate");
    int rc = validate || (what && !strcmp(what, "return"))
                 ? core_progress_move(r->store, &r->actor, id,
                                      validate ? CORE_WF_VALIDATED : CORE_WF_RETURNED,
                                      comment && *comment ? comment : NULL, &err)
                 : err_set(&err, ERR_INPUT, "do: expected validate or return");
    if (!from || strcmp(from, "validation"))
        return answer(r, p, ref.rec_id, rc, &err, validate ? "validated" : "returned", NULL);
    if (!rc)
        return page_redirect(p,
                             validate ? "/validation?done=validated" : "/validation?done=returned");
    int status = fup_refusal_status(rc);
    if (!status)
        return page_fail(r, p, &err);
    return page_validation_again(r, p, status == 404 ? 400 : status, err.msg);
}

/* ---- downloading evidence ---------------------------------------------------------------- */

int page_evidence(struct req *r, struct resp *p)
{
    long id = fup_id(r->param[0]);
    struct core_evidence meta;
    struct buf bytes = BUF_INIT;
    struct err err = {0};
    int rc = id ? core_evidence_get(r->store, &r->actor, id, &meta, &bytes, &err)
                : err_set(&err, ERR_NOTFOUND, "no such evidence");
    if (rc) {
        buf_free(&bytes);
        return page_fail(r, p, &err);
    }
    return page_attachment(r, p, &bytes, meta.file_name, accepted_type(meta.content_type));
}
