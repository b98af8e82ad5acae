/*
 * test_evidence.c — evidence files of progress reports (src/core/evidence.c): the size limit,
 * names with paths refused, the declared type checked against the bytes (a PNG declared as a
 * PDF is refused; office files told apart by the entries of their zip), the same bytes stored
 * once, and evidence as secret as its report until the report is validated.
 */
#include "followup_fixture.h"

#include <stdlib.h>

#include "util/buf.h"

static const char pdf[] = "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";
static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                    'I',  'H', 'D', 'R', 0,    0,    0,    1,    0, 0, 0, 1};
static const unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0};

static void le16(struct buf *b, unsigned v)
{
    buf_putc(b, (char)(v & 0xff));
    buf_putc(b, (char)(v >> 8 & 0xff));
}

static void le32(struct buf *b, unsigned long v)
{
    le16(b, (unsigned)(v & 0xffff));
    le16(b, (unsigned)(v >> 16 & 0xffff));
}

/* A zip of stored (uncompressed) entries, as office files are in their first bytes. */
static void make_zip(struct buf *out, const char *const *names, const char *const *data, int n)
{
    struct buf central = BUF_INIT;
    unsigned long offsets[8];
    for (int i = 0; i < n; i++) {
        size_t name_len = strlen(names[i]), size = strlen(data[i]);
        offsets[i] = out->len;
        buf_append(out, "PK\x03\x04", 4);
        le16(out, 20);
        le16(out, 0);
        le16(out, 0); /* stored */
        le32(out, 0); /* time, date */
        le32(out, 0); /* crc: not checked */
        le32(out, size);
        le32(out, size);
        le16(out, (unsigned)name_len);
        le16(out, 0);
        buf_append(out, names[i], name_len);
        buf_append(out, data[i], size);
    }
    for (int i = 0; i < n; i++) {
        size_t name_len = strlen(names[i]), size = strlen(data[i]);
        buf_append(&central, "PK\x01\x02", 4);
        le16(&central, 20);
        le16(&central, 20);
        le16(&central, 0);
        le16(&central, 0);
        le32(&central, 0);
        le32(&central, 0);
        le32(&central, size);
        le32(&central, size);
        le16(&central, (unsigned)name_len);
        le16(&central, 0);
        le16(&central, 0);
        le16(&central, 0);
        le16(&central, 0);
        le32(&central, 0);
        le32(&central, offsets[i]);
        buf_append(&central, names[i], name_len);
    }
    unsigned long cd_offset = out->len;
    buf_append(out, central.data, central.len);
    buf_append(out, "PK\x05\x06", 4);
    le16(out, 0);
    le16(out, 0);
    le16(out, (unsigned)n);
    le16(out, (unsigned)n);
    le32(out, central.len);
    le32(out, cd_offset);
    le16(out, 0);
    buf_free(&central);
    assert_false(out->oom);
}

#define DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define ODT "application/vnd.oasis.opendocument.text"

/* A draft report of MOJ on REC_A, by MOJ's focal point. */
static long draft(struct fixture *f)
{
    fixture_assign(f, REC_A, 0, f->moj);
    return fixture_draft(f, &f->fp_moj, REC_A, f->moj);
}

static int add(struct fixture *f, long report, const char *name, const char *type,
               const void *bytes, size_t size, struct err *e)
{
    long id = 0;
    return core_evidence_add(f->st, &f->fp_moj, report, name, type, bytes, size, &id, e);
}

static void test_evidence_over_the_size_limit_is_refused(void **state)
{
    struct fixture *f = *state;
    long report = draft(f);
    size_t big = (size_t)CORE_EVIDENCE_MAX_BYTES + 1;
    char *bytes = calloc(1, big);
    assert_non_null(bytes);
    memcpy(bytes, pdf, sizeof pdf - 1);
    struct err e = {0};
    assert_int_equal(add(f, report, "big.pdf", "application/pdf", bytes, big, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "at most"));
    assert_int_equal(add(f, report, "empty.pdf", "application/pdf", bytes, 0, &e), ERR_INPUT);
    OK(add(f, report, "one-mib.pdf", "application/pdf", bytes, 1024 * 1024, err));
    free(bytes);
    assert_int_equal(fixture_count(f, "evidence"), 1);
}

static void test_evidence_name_with_a_path_is_refused(void **state)
{
    struct fixture *f = *state;
    long report = draft(f);
    static const char *const bad[] = {
        "../../etc/passwd.pdf", "reports/2024.pdf", "C:\\reports\\2024.pdf", "..", "",
        "two\nlines.pdf"};
    struct err e = {0};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (add(f, report, bad[i], "application/pdf", pdf, sizeof pdf - 1, &e) != ERR_INPUT)
            fail_msg("name \"%s\" was accepted", bad[i]);
    }
    assert_int_equal(add(f, report, "a/b.pdf", NULL, pdf, sizeof pdf - 1, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "without directories"));
    OK(add(f, report, "Rapport d’activité 2024.pdf", "application/pdf", pdf, sizeof pdf - 1, err));
    assert_int_equal(fixture_count(f, "evidence"), 1);
}

static void test_evidence_type_must_match_its_bytes(void **state)
{
    struct fixture *f = *state;
    long report = draft(f);
    struct err e = {0};
    assert_int_equal(add(f, report, "scan.pdf", "application/pdf", png, sizeof png, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "PNG image"));
    assert_int_equal(add(f, report, "scan.png", NULL, pdf, sizeof pdf - 1, &e), ERR_INPUT);
    assert_int_equal(add(f, report, "tool.exe", "application/x-msdownload", "MZ", 2, &e),
                     ERR_INPUT);
    assert_non_null(strstr(e.msg, "not accepted"));
    assert_int_equal(add(f, report, "tool.exe", NULL, "MZ", 2, &e), ERR_INPUT);
    assert_int_equal(add(f, report, "nul.txt", "text/plain", "a\0b", 3, &e), ERR_INPUT);
    assert_int_equal(add(f, report, "latin1.csv", "text/csv", "caf\xe9;1\n", 7, &e), ERR_INPUT);

    struct buf docx = BUF_INIT, zip = BUF_INIT, odt = BUF_INIT;
    const char *docx_names[] = {"[Content_Types].xml", "word/document.xml"};
    const char *docx_data[] = {"<Types/>", "<w:document/>"};
    make_zip(&docx, docx_names, docx_data, 2);
    const char *zip_names[] = {"notes.txt"}, *zip_data[] = {"hello"};
    make_zip(&zip, zip_names, zip_data, 1);
    const char *odt_names[] = {"mimetype", "content.xml"};
    const char *odt_data[] = {ODT, "<office:document-content/>"};
    make_zip(&odt, odt_names, odt_data, 2);
    assert_int_equal(add(f, report, "law.xlsx", XLSX, docx.data, docx.len, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "Word document"));
    assert_int_equal(add(f, report, "law.docx", DOCX, zip.data, zip.len, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "zip archive"));
    OK(add(f, report, "law.docx", DOCX, docx.data, docx.len, err));
    OK(add(f, report, "law.odt", NULL, odt.data, odt.len, err));
    OK(add(f, report, "photo.png", "image/png", png, sizeof png, err));
    OK(add(f, report, "photo.JPG", NULL, jpeg, sizeof jpeg, err));
    OK(add(f, report, "figures.csv", "Text/CSV; charset=utf-8", "année;n\n2024;3\n",
           strlen("année;n\n2024;3\n"), err));
    OK(add(f, report, "anim.gif", NULL, "GIF89a\x01\x00\x01\x00", 10, err));
    buf_free(&docx);
    buf_free(&zip);
    buf_free(&odt);
    assert_int_equal(fixture_count(f, "evidence"), 6);
    assert_string_equal(core_evidence_type_for_name("x.ODS"),
                        "application/vnd.oasis.opendocument.spreadsheet");
    assert_null(core_evidence_type_for_name("x.html"));
    assert_null(core_evidence_type_for_name("noextension"));
}

struct evidence_seen {
    int n;
    char sha[4][65];
};

static int collect_evidence(void *ctx, const struct core_evidence *ev)
{
    struct evidence_seen *s = ctx;
    assert_true(s->n < 4);
    snprintf(s->sha[s->n++], 65, "%s", ev->sha256);
    return 0;
}

static void test_the_same_bytes_are_stored_once(void **state)
{
    struct fixture *f = *state;
    long first = draft(f);
    long second = fixture_draft(f, &f->coord, REC_A, f->moj);
    OK(add(f, first, "law.pdf", NULL, pdf, sizeof pdf - 1, err));
    OK(add(f, first, "same-law.pdf", NULL, pdf, sizeof pdf - 1, err));
    OK(add(f, second, "law.pdf", NULL, pdf, sizeof pdf - 1, err));
    assert_int_equal(fixture_count(f, "evidence"), 3);
    assert_int_equal(fixture_count(f, "blob"), 1);
    OK(add(f, second, "photo.png", NULL, png, sizeof png, err));
    assert_int_equal(fixture_count(f, "blob"), 2);
    struct evidence_seen s = {0};
    OK(core_evidence_of(f->st, first, collect_evidence, &s, err));
    assert_int_equal(s.n, 2);
    assert_string_equal(s.sha[0], s.sha[1]);
    assert_int_equal(strlen(s.sha[0]), 64);
    struct audit_seen audit = fixture_audit(f, "evidence", 3);
    assert_non_null(strstr(audit.after, "\"stored_new\":false"));
    assert_non_null(strstr(audit.after, s.sha[0]));
}

static void test_evidence_follows_its_report_workflow_and_publication(void **state)
{
    struct fixture *f = *state;
    long report = draft(f), id = 0;
    OK(core_evidence_add(f->st, &f->fp_moj, report, "law.pdf", NULL, pdf, sizeof pdf - 1, &id,
                         err));
    struct core_evidence meta;
    struct buf bytes = BUF_INIT;
    struct err e = {0};
    assert_int_equal(core_evidence_get(f->st, &f->publik, id, &meta, &bytes, &e), ERR_NOTFOUND);
    assert_int_equal(core_evidence_get(f->st, &f->fp_mlsa, id, &meta, &bytes, &e), ERR_NOTFOUND);
    OK(core_evidence_get(f->st, &f->fp_moj, id, &meta, &bytes, err));
    assert_int_equal(bytes.len, sizeof pdf - 1);
    buf_reset(&bytes);
    OK(core_progress_move(f->st, &f->fp_moj, report, CORE_WF_SUBMITTED, NULL, err));
    assert_int_equal(add(f, report, "late.pdf", NULL, pdf, sizeof pdf - 1, &e), ERR_INPUT);
    assert_non_null(strstr(e.msg, "submitted"));
    OK(core_progress_move(f->st, &f->coord, report, CORE_WF_VALIDATED, NULL, err));
    OK(core_evidence_get(f->st, &f->publik, id, &meta, &bytes, err));
    assert_int_equal(bytes.len, sizeof pdf - 1);
    assert_memory_equal(bytes.data, pdf, sizeof pdf - 1);
    assert_string_equal(meta.file_name, "law.pdf");
    assert_string_equal(meta.content_type, "application/pdf");
    assert_string_equal(meta.uploaded_by, "fp_moj");
    assert_int_equal(meta.size, sizeof pdf - 1);
    buf_free(&bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
        T(test_evidence_over_the_size_limit_is_refused),
        T(test_evidence_name_with_a_path_is_refused),
        T(test_evidence_type_must_match_its_bytes),
        T(test_the_same_bytes_are_stored_once),
        T(test_evidence_follows_its_report_workflow_and_publication),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
