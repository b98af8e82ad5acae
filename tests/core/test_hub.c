/*
 * test_hub.c — the knowledge hub (src/core/hub.c, hub_import.c, store/sqlite_hub*.c): NMIRF
 * profiles written by coordinators only; good practices proposed by contributors stay
 * unpublished and are invisible to the public (get, list, search, files) until a coordinator
 * publishes them; tags resolved against the taxonomies; the reader's language with a fallback;
 * files with evidence's limits; the library; the stemmed search in French and English kept apart
 * from recommendation search; the import format, idempotent and all-or-nothing; audit events.
 */
#include "test.h"

#include "core/audit.h"
#include "core/followup.h"
#include "core/hub.h"
#include "import/import.h"
#include "store/store.h"
#include "text/query.h"

struct hub_fixture {
    char path[256];
    struct store *st;
    struct core_actor admin, coord, nhri, nhri2, viewer, fp, publik;
};

#define OK(call)                                                                                   \
    do {                                                                                           \
        struct err ok_err_ = {0};                                                                  \
        struct err *err = &ok_err_;                                                                \
        int ok_rc_ = (call);                                                                       \
        if (ok_rc_)                                                                                \
            fail_msg("%s: %d %s", #call, ok_rc_, ok_err_.msg);                                     \
    } while (0)

/* Expects call to fail with code; its message must contain want. */
#define FAILS(code, want, call)                                                                    \
    do {                                                                                           \
        struct err fails_err_ = {0};                                                               \
        struct err *err = &fails_err_;                                                             \
        int fails_rc_ = (call);                                                                    \
        if (fails_rc_ != (code) || !strstr(fails_err_.msg, want))                                  \
            fail_msg("%s: got %d \"%s\", want %d with \"%s\"", #call, fails_rc_, fails_err_.msg,   \
                     (code), want);                                                                \
    } while (0)

static int setup(void **state)
{
    static struct hub_fixture f;
    struct err err = {0};
    memset(&f, 0, sizeof f);
    test_tmp_db(f.path, sizeof f.path);
    if (store_open(f.path, STORE_CREATE, &f.st, &err) || import_taxonomies(f.st, "data", &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    f.admin = (struct core_actor){0, "cli:test", "admin", 0, NULL};
    f.coord = (struct core_actor){901, "coord", "coordinator", 0, NULL};
    f.nhri = (struct core_actor){905, "nhri", "contributor", 0, NULL};
    f.nhri2 = (struct core_actor){907, "cso", "contributor", 0, NULL};
    f.viewer = (struct core_actor){906, "viewer", "viewer", 0, NULL};
    f.fp = (struct core_actor){903, "fp", "focal_point", 3, NULL};
    f.publik = core_actor_public;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct hub_fixture *f = *state;
    store_close(f->st);
    test_rm_db(f->path);
    return 0;
}

/* ---- helpers ------------------------------------------------------------------------------ */

struct seen_practice {
    int found, published, lang_count, ntags;
    char title_en[128], title_fr[128], country[4], author[64], tags[256];
};

static int copy_practice(void *ctx, const struct store_hub_practice *p)
{
    struct seen_practice *s = ctx;
    memset(s, 0, sizeof *s);
    s->found = 1;
    s->published = p->published;
    snprintf(s->title_en, sizeof s->title_en, "%s", p->title[0] ? p->title[0] : "");
    snprintf(s->title_fr, sizeof s->title_fr, "%s", p->title[1] ? p->title[1] : "");
    snprintf(s->country, sizeof s->country, "%s", p->country ? p->country : "");
    snprintf(s->author, sizeof s->author, "%s", p->author ? p->author : "");
    for (int l = 0; l < STORE_LANG_COUNT; l++)
        s->lang_count += p->title[l] != NULL;
    s->ntags = (int)p->ntags;
    for (size_t i = 0; i < p->ntags; i++) {
        size_t n = strlen(s->tags);
        snprintf(s->tags + n, sizeof s->tags - n, "%s%s:%s", i ? "," : "", p->tags[i].vocab,
                 p->tags[i].code);
    }
    return 0;
}

static int count_practice(void *ctx, const struct store_hub_practice *p)
{
    (void)p;
    (*(int *)ctx)++;
    return 0;
}

static long propose(struct hub_fixture *f, const struct core_actor *who, const char *title_en,
                    const char *body_en, const char *title_fr, const char *body_fr, int published)
{
    struct core_hub_practice_in in = {.country = "SVN",
                                      .title = {title_en, title_fr, NULL},
                                      .body = {body_en, body_fr, NULL},
                                      .published = published};
    long id = 0;
    OK(core_hub_practice_create(f->st, who, &in, &id, err));
    assert_true(id > 0);
    return id;
}

struct hits {
    int n;
    char kinds[256];
    char first_snippet[512];
    char first_lang[4];
};

static int collect_hit(void *ctx, const struct store_hub_hit *h)
{
    struct hits *hits = ctx;
    if (!hits->n) {
        snprintf(hits->first_snippet, sizeof hits->first_snippet, "%s", h->snippet);
        snprintf(hits->first_lang, sizeof hits->first_lang, "%s", h->lang);
    }
    size_t n = strlen(hits->kinds);
    snprintf(hits->kinds + n, sizeof hits->kinds - n, "%s%s:%s", hits->n ? "," : "", h->kind,
             h->ref);
    hits->n++;
    return 0;
}

static struct hits search(struct hub_fixture *f, const struct core_actor *who, const char *q,
                          const char *lang, long *total)
{
    struct hits hits = {0};
    struct core_hub_search s = {.q = q, .lang = lang, .limit = 20};
    OK(core_hub_search(f->st, who, &s, collect_hit, &hits, total, err));
    return hits;
}

static long audit_count(struct hub_fixture *f, const char *entity, const char *action)
{
    struct store_audit_filter filter = {.entity = entity, .action = action};
    long n = 0;
    OK(store_audit_count(f->st, &filter, &n, err));
    return n;
}

/* ---- profiles ----------------------------------------------------------------------------- */

static struct store_hub_profile demo_profile(const char *country)
{
    return (struct store_hub_profile){
        .country = country,
        .name = "Interministerial Commission on Human Rights",
        .lang = "en",
        .standing = "standing",
        .legal_basis = "Government decision 2023/12",
        .secretariat = "Ministry of Foreign Affairs",
        .members = {"12 ministries", "observer from the National Assembly", NULL, "Ombudsman"},
        .party = {{1, "permanent observer"}, {1, "consulted twice a year"}, {0, NULL}, {-1, NULL}},
        .tracking_tool = "suivi",
        .reporting_record = "- 2024-11: UPR mid-term report",
    };
}

struct seen_profile {
    int found;
    char country[4], name[128], standing[16], updated_by[64];
    int nhri, statistics, parliament;
};

static int copy_profile(void *ctx, const struct store_hub_profile *p)
{
    struct seen_profile *s = ctx;
    s->found++;
    snprintf(s->country, sizeof s->country, "%s", p->country);
    snprintf(s->name, sizeof s->name, "%s", p->name);
    snprintf(s->standing, sizeof s->standing, "%s", p->standing);
    snprintf(s->updated_by, sizeof s->updated_by, "%s", p->updated_by);
    s->nhri = p->party[STORE_HUB_NHRI].takes_part;
    s->statistics = p->party[STORE_HUB_STATISTICS].takes_part;
    s->parliament = p->party[STORE_HUB_PARLIAMENT].takes_part;
    return 0;
}

static void test_profile_written_by_coordinator_read_by_anyone(void **state)
{
    struct hub_fixture *f = *state;
    struct store_hub_profile p = demo_profile("Slovenia");
    int created = 0;
    OK(core_hub_profile_put(f->st, &f->coord, &p, &created, err));
    assert_true(created);
    p.name = "Interministerial Commission on Human Rights (renamed)";
    OK(core_hub_profile_put(f->st, &f->coord, &p, &created, err));
    assert_false(created);
    struct seen_profile seen = {0};
    OK(core_hub_profile_get(f->st, "SI", copy_profile, &seen, err)); /* ISO2 resolves too */
    assert_int_equal(seen.found, 1);
    assert_string_equal(seen.country, "SVN");
    assert_string_equal(seen.updated_by, "coord");
    assert_string_equal(seen.name, "Interministerial Commission on Human Rights (renamed)");
    assert_int_equal(seen.nhri, 1);
    assert_int_equal(seen.statistics, 0);
    assert_int_equal(seen.parliament, -1);
    seen.found = 0;
    OK(core_hub_profile_each(f->st, copy_profile, &seen, err));
    assert_int_equal(seen.found, 1);
}

static void test_profile_refused_to_others_and_checked(void **state)
{
    struct hub_fixture *f = *state;
    struct store_hub_profile p = demo_profile("FRA");
    FAILS(ERR_DENIED, "coordinator", core_hub_profile_put(f->st, &f->nhri, &p, NULL, err));
    FAILS(ERR_DENIED, "", core_hub_profile_put(f->st, &f->publik, &p, NULL, err));
    FAILS(ERR_DENIED, "", core_hub_profile_put(f->st, &f->viewer, &p, NULL, err));
    p.standing = "sometimes";
    FAILS(ERR_INPUT, "standing", core_hub_profile_put(f->st, &f->coord, &p, NULL, err));
    p = demo_profile("Atlantis");
    FAILS(ERR_INPUT, "no such State", core_hub_profile_put(f->st, &f->coord, &p, NULL, err));
    p = demo_profile("FRA");
    p.lang = "de";
    FAILS(ERR_INPUT, "lang", core_hub_profile_put(f->st, &f->coord, &p, NULL, err));
    struct seen_profile seen = {0};
    FAILS(ERR_NOTFOUND, "", core_hub_profile_get(f->st, "FRA", copy_profile, &seen, err));
}

/* ---- good practices ----------------------------------------------------------------------- */

static void test_contributor_proposal_stays_unpublished_and_hidden(void **state)
{
    struct hub_fixture *f = *state;
    long id = propose(f, &f->nhri, "NHRI shadow tracking", "The NHRI keeps its own tracker.", NULL,
                      NULL, 1 /* asked, not honoured */);
    struct seen_practice seen = {0};
    OK(core_hub_practice_get(f->st, &f->nhri, id, copy_practice, &seen, err));
    assert_false(seen.published);
    assert_string_equal(seen.author, "nhri");
    FAILS(ERR_NOTFOUND, "no good practice",
          core_hub_practice_get(f->st, &f->publik, id, copy_practice, &seen, err));
    FAILS(ERR_NOTFOUND, "", core_hub_practice_get(f->st, &f->nhri2, id, copy_practice, &seen, err));
    FAILS(ERR_NOTFOUND, "", core_hub_practice_get(f->st, &f->fp, id, copy_practice, &seen, err));
    OK(core_hub_practice_get(f->st, &f->viewer, id, copy_practice, &seen, err));
    OK(core_hub_practice_get(f->st, &f->coord, id, copy_practice, &seen, err));

    int n = 0;
    long total = -1;
    OK(core_hub_practice_each(f->st, &f->publik, NULL, count_practice, &n, &total, err));
    assert_int_equal(n, 0);
    assert_int_equal(total, 0);
    long hits_total = 0;
    struct hits hits = search(f, &f->publik, "shadow tracker", NULL, &hits_total);
    assert_int_equal(hits.n, 0);
    assert_int_equal(hits_total, 0);
    hits = search(f, &f->nhri, "shadow tracker", NULL, &hits_total);
    assert_int_equal(hits.n, 1);

    /* the author may not publish; a coordinator may */
    FAILS(ERR_DENIED, "", core_hub_practice_publish(f->st, &f->nhri, id, 1, err));
    OK(core_hub_practice_publish(f->st, &f->coord, id, 1, err));
    OK(core_hub_practice_get(f->st, &f->publik, id, copy_practice, &seen, err));
    assert_true(seen.published);
    hits = search(f, &f->publik, "shadow tracker", NULL, &hits_total);
    assert_int_equal(hits.n, 1);
    assert_int_equal(audit_count(f, "hub_practice", "publish"), 1);
    /* withdrawn: hidden again */
    OK(core_hub_practice_publish(f->st, &f->admin, id, 0, err));
    FAILS(ERR_NOTFOUND, "",
          core_hub_practice_get(f->st, &f->publik, id, copy_practice, &seen, err));
}

static void test_who_may_edit_an_entry(void **state)
{
    struct hub_fixture *f = *state;
    long id = propose(f, &f->nhri, "Draft practice", "Body one.", NULL, NULL, 0);
    struct core_hub_practice_in in = {.title = {"Draft practice, revised", NULL, NULL},
                                      .body = {"Body two.", NULL, NULL}};
    OK(core_hub_practice_update(f->st, &f->nhri, id, &in, err)); /* author, unpublished */
    FAILS(ERR_DENIED, "", core_hub_practice_update(f->st, &f->nhri2, id, &in, err));
    FAILS(ERR_DENIED, "", core_hub_practice_update(f->st, &f->publik, id, &in, err));
    FAILS(ERR_DENIED, "", core_hub_practice_update(f->st, &f->viewer, id, &in, err));
    OK(core_hub_practice_publish(f->st, &f->coord, id, 1, err));
    FAILS(ERR_DENIED, "", core_hub_practice_update(f->st, &f->nhri, id, &in, err));
    in.published = 1;
    OK(core_hub_practice_update(f->st, &f->coord, id, &in, err));
    FAILS(ERR_DENIED, "proposing",
          core_hub_practice_create(f->st, &f->publik, &in, &(long){0}, err));
    FAILS(ERR_DENIED, "proposing",
          core_hub_practice_create(f->st, &f->viewer, &in, &(long){0}, err));
    FAILS(ERR_NOTFOUND, "", core_hub_practice_update(f->st, &f->coord, 99999, &in, err));
}

static void test_practice_needs_a_title_and_body_in_some_language(void **state)
{
    struct hub_fixture *f = *state;
    long id = 0;
    struct core_hub_practice_in in = {0};
    FAILS(ERR_INPUT, "title and body", core_hub_practice_create(f->st, &f->coord, &in, &id, err));
    in.title[2] = "Solo título";
    FAILS(ERR_INPUT, "body_es", core_hub_practice_create(f->st, &f->coord, &in, &id, err));
    in.body[2] = "Cuerpo";
    in.country = "Narnia";
    FAILS(ERR_INPUT, "no such State", core_hub_practice_create(f->st, &f->coord, &in, &id, err));
    in.country = NULL;
    in.title[2] = "bad\x01title";
    FAILS(ERR_INPUT, "title_es", core_hub_practice_create(f->st, &f->coord, &in, &id, err));
}

static void test_tags_resolve_codes_and_labels(void **state)
{
    struct hub_fixture *f = *state;
    struct core_hub_tags tags;
    OK(core_hub_tags_parse(f->st,
                           "sdg:16.6, sdg: Gender equality ,free:coordination, whole of "
                           "government",
                           &tags, err));
    assert_int_equal(tags.n, 4);
    assert_string_equal(tags.tag[0].vocab, "sdg");
    assert_string_equal(tags.tag[0].code, "16.6");
    assert_string_equal(tags.tag[1].code, "5");
    assert_string_equal(tags.tag[2].vocab, "free");
    assert_string_equal(tags.tag[3].code, "whole of government");
    FAILS(ERR_INPUT, "no such SDG", core_hub_tags_parse(f->st, "sdg:99", &tags, err));
    FAILS(ERR_INPUT, "unknown kind", core_hub_tags_parse(f->st, "colour:blue", &tags, err));

    OK(core_hub_tags_parse(f->st, "sdg:16.6,free:coordination", &tags, err));
    struct core_hub_practice_in in = {.title = {"Tagged", NULL, NULL},
                                      .body = {"Body.", NULL, NULL},
                                      .tags = &tags,
                                      .published = 1};
    long id = 0;
    OK(core_hub_practice_create(f->st, &f->coord, &in, &id, err));
    struct seen_practice seen;
    OK(core_hub_practice_get(f->st, &f->publik, id, copy_practice, &seen, err));
    assert_string_equal(seen.tags, "free:coordination,sdg:16.6");
    struct store_hub_filter by_tag = {.vocab = "sdg", .code = "16.6"};
    int n = 0;
    OK(core_hub_practice_each(f->st, &f->publik, &by_tag, count_practice, &n, NULL, err));
    assert_int_equal(n, 1);
}

static void test_reader_language_with_fallback(void **state)
{
    (void)state;
    struct store_hub_practice p = {.title = {NULL, "Titre", NULL}, .body = {NULL, "Corps", NULL}};
    assert_int_equal(core_hub_practice_lang(&p, 1), 1);
    assert_int_equal(core_hub_practice_lang(&p, 0), 1); /* English reader: French, noted */
    assert_int_equal(core_hub_practice_lang(&p, 2), 1);
    struct store_hub_practice none = {0};
    assert_int_equal(core_hub_practice_lang(&none, 0), -1);
}

/* ---- search ------------------------------------------------------------------------------- */

static int count_rec_hit(void *ctx, const struct store_hit *h)
{
    (void)h;
    (*(int *)ctx)++;
    return 0;
}

static void test_search_is_stemmed_in_each_language_and_apart_from_recommendations(void **state)
{
    struct hub_fixture *f = *state;
    long fr = propose(f, &f->coord, NULL, NULL, "Un mécanisme national permanent",
                      "Les mécanismes nationaux de mise en œuvre coordonnent les ministères.", 1);
    long en =
        propose(f, &f->coord, "Standing national mechanism",
                "National mechanisms for implementation, reporting and follow-up.", NULL, NULL, 1);
    long total = 0;
    struct hits hits = search(f, &f->publik, "mécanisme national", NULL, &total);
    char want[32];
    snprintf(want, sizeof want, "practice:%ld", fr);
    if (!strstr(hits.kinds, want))
        fail_msg("French entry %ld not found: %s", fr, hits.kinds);
    hits = search(f, &f->publik, "national mechanisms", "en", &total);
    snprintf(want, sizeof want, "practice:%ld", en);
    assert_string_equal(hits.kinds, want);
    assert_string_equal(hits.first_lang, "en");
    assert_non_null(strstr(hits.first_snippet, "\x02"));
    /* accents folded: "mecanismes" finds the French entry */
    hits = search(f, &f->publik, "mecanismes", "fr", &total);
    snprintf(want, sizeof want, "practice:%ld", fr);
    assert_non_null(strstr(hits.kinds, want));
    /* recommendation search does not see hub entries */
    struct text_query *q = NULL;
    OK(text_query_parse("mécanisme", &q, err));
    struct store_search rs = {.query = q, .lang = -1, .limit = 10};
    long rec_total = -1;
    int rec_hits = 0;
    OK(store_search(f->st, &rs, count_rec_hit, &rec_hits, &rec_total, err));
    assert_int_equal(rec_hits, 0);
    text_query_free(q);
    assert_int_equal(rec_total, 0);
    struct core_hub_search bad = {.q = "(unbalanced"};
    FAILS(ERR_INPUT, "query",
          core_hub_search(f->st, &f->publik, &bad, collect_hit, &hits, &total, err));
    bad = (struct core_hub_search){.q = "x", .kind = "tweet"};
    FAILS(ERR_USAGE, "kind",
          core_hub_search(f->st, &f->publik, &bad, collect_hit, &hits, &total, err));
}

/* ---- files -------------------------------------------------------------------------------- */

static void test_files_have_evidence_limits_and_entry_visibility(void **state)
{
    struct hub_fixture *f = *state;
    static const char pdf[] = "%PDF-1.7\n%%EOF\n";
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
    long id = propose(f, &f->nhri, "With a file", "See the attached file.", NULL, NULL, 0),
         file = 0;
    OK(core_hub_file_add(f->st, &f->nhri, id, "terms of reference.pdf", "application/pdf", pdf,
                         sizeof pdf - 1, &file, err));
    FAILS(ERR_INPUT, "without directories",
          core_hub_file_add(f->st, &f->nhri, id, "../etc/passwd.pdf", NULL, pdf, sizeof pdf - 1,
                            &file, err));
    FAILS(ERR_INPUT, "content",
          core_hub_file_add(f->st, &f->nhri, id, "fake.pdf", NULL, png, sizeof png, &file, err));
    FAILS(ERR_INPUT, "not accepted",
          core_hub_file_add(f->st, &f->nhri, id, "run.exe", NULL, pdf, sizeof pdf - 1, &file, err));
    /* evidence's stricter check (core/upload.c): a zip is not a Word document by its name */
    static const char zip[] = "PK\x03\x04 not an office file";
    FAILS(ERR_INPUT, "zip archive",
          core_hub_file_add(f->st, &f->nhri, id, "report.docx", NULL, zip, sizeof zip - 1, &file,
                            err));
    FAILS(ERR_INPUT, "empty",
          core_hub_file_add(f->st, &f->nhri, id, "empty.pdf", NULL, pdf, 0, &file, err));
    size_t big = CORE_EVIDENCE_MAX_BYTES + 1;
    char *bytes = malloc(big);
    assert_non_null(bytes);
    memcpy(bytes, pdf, sizeof pdf - 1);
    memset(bytes + sizeof pdf - 1, ' ', big - (sizeof pdf - 1));
    FAILS(ERR_INPUT, "at most",
          core_hub_file_add(f->st, &f->nhri, id, "big.pdf", NULL, bytes, big, &file, err));
    free(bytes);
    /* another contributor cannot even see the unpublished entry; a viewer sees but may not add */
    FAILS(ERR_NOTFOUND, "",
          core_hub_file_add(f->st, &f->nhri2, id, "x.pdf", NULL, pdf, sizeof pdf - 1, &file, err));
    FAILS(ERR_DENIED, "",
          core_hub_file_add(f->st, &f->viewer, id, "x.pdf", NULL, pdf, sizeof pdf - 1, &file, err));

    long first = 0;
    OK(core_hub_file_add(f->st, &f->nhri, id, "again.pdf", NULL, pdf, sizeof pdf - 1, &first, err));
    struct core_hub_file meta;
    struct buf b = BUF_INIT;
    FAILS(ERR_NOTFOUND, "", core_hub_file_get(f->st, &f->publik, first, &meta, &b, err));
    OK(core_hub_file_get(f->st, &f->nhri, first, &meta, &b, err));
    assert_int_equal(b.len, sizeof pdf - 1);
    assert_string_equal(meta.content_type, "application/pdf");
    assert_string_equal(meta.file_name, "again.pdf");
    buf_reset(&b);
    OK(core_hub_practice_publish(f->st, &f->coord, id, 1, err));
    OK(core_hub_file_get(f->st, &f->publik, first, &meta, &b, err));
    assert_memory_equal(b.data, pdf, sizeof pdf - 1);
    buf_free(&b);
    long blobs = 0;
    OK(store_followup_count(f->st, "blob", &blobs, err));
    assert_int_equal(blobs, 1); /* the same bytes stored once */
}

/* ---- library and import ------------------------------------------------------------------- */

struct seen_doc {
    long id;
    char title[128], lang[4];
    size_t text_len;
};

static int copy_doc(void *ctx, const struct store_hub_doc *d)
{
    struct seen_doc *s = ctx;
    s->id = d->id;
    snprintf(s->title, sizeof s->title, "%s", d->title);
    snprintf(s->lang, sizeof s->lang, "%s", d->lang);
    s->text_len = d->text ? strlen(d->text) : 0;
    return 0;
}

static void test_library_documents_unchanged_when_put_again(void **state)
{
    struct hub_fixture *f = *state;
    struct store_hub_doc d = {.symbol = "A/HRC/RES/42/30",
                              .title = "Promotion de la coopération internationale",
                              .date = "2019-09-27",
                              .lang = "fr",
                              .text = "Le Conseil encourage les États à établir des mécanismes "
                                      "nationaux de mise en œuvre."};
    long id = 0, id2 = 0;
    enum store_put_outcome what;
    OK(core_hub_doc_put(f->st, &f->coord, &d, &id, &what, err));
    assert_int_equal(what, STORE_PUT_INSERTED);
    OK(core_hub_doc_put(f->st, &f->coord, &d, &id2, &what, err));
    assert_int_equal(what, STORE_PUT_UNCHANGED);
    assert_int_equal(id, id2);
    FAILS(ERR_DENIED, "", core_hub_doc_put(f->st, &f->nhri, &d, &id, &what, err));
    d.date = "2019-13-40";
    FAILS(ERR_INPUT, "date", core_hub_doc_put(f->st, &f->coord, &d, &id, &what, err));
    struct seen_doc seen = {0};
    OK(core_hub_doc_get(f->st, 0, "A/HRC/RES/42/30", copy_doc, &seen, err));
    assert_int_equal(seen.id, id);
    assert_string_equal(seen.lang, "fr");
    long total = 0;
    struct hits hits = search(f, &f->publik, "\"mise en oeuvre\" AND etats", NULL, &total);
    char want[32];
    snprintf(want, sizeof want, "doc:%ld", id);
    assert_non_null(strstr(hits.kinds, want));
}

static int load_text(void *ctx, const char *path, struct buf *out, struct err *err)
{
    (void)ctx;
    if (strcmp(path, "texts/res.md"))
        return err_set(err, ERR_IO, "%s: no such file", path);
    buf_puts(out, "## 60/27\n\nLe Conseil décide de créer un pôle virtuel de connaissances.\n");
    return 0;
}

static const char import_text[] = "# demo file\n"
                                  "%% profile\n"
                                  "country: ESP\n"
                                  "name: Comisión interministerial\n"
                                  "lang: es\n"
                                  "standing: standing\n"
                                  "nhri: yes\n"
                                  "nhri_how: observadora\n"
                                  "demo: yes\n"
                                  "\n"
                                  "- 2025: informe de mitad de período\n"
                                  "\n"
                                  "%% practice demo-esp-plan\n"
                                  "country: Spain\n"
                                  "tags: sdg:16.6, free:coordinación\n"
                                  "published: yes\n"
                                  "demo: yes\n"
                                  "\n"
                                  "%% text es\n"
                                  "title: Plan nacional de derechos humanos\n"
                                  "\n"
                                  "El **plan** se sigue con indicadores.\n"
                                  "\n"
                                  "# Un título Markdown dentro del cuerpo\n"
                                  "%% text en\n"
                                  "title: National human rights action plan\n"
                                  "\n"
                                  "The plan is followed with indicators.\n"
                                  "%% doc\n"
                                  "symbol: A/HRC/RES/60/27\n"
                                  "title: Résolution 60/27\n"
                                  "date: 2025-10-08\n"
                                  "lang: fr\n"
                                  "file: texts/res.md\n";

static void test_import_is_idempotent(void **state)
{
    struct hub_fixture *f = *state;
    struct core_hub_import_stats stats;
    OK(core_hub_import(f->st, &f->coord, "demo.hub", import_text, sizeof import_text - 1, load_text,
                       NULL, &stats, err));
    assert_int_equal(stats.profiles, 1);
    assert_int_equal(stats.practices, 1);
    assert_int_equal(stats.docs, 1);
    long practices = 0, texts = 0, updates = audit_count(f, "hub_practice", "update");
    OK(store_hub_count(f->st, "practice", &practices, err));
    OK(store_hub_count(f->st, "text", &texts, err));
    OK(core_hub_import(f->st, &f->coord, "demo.hub", import_text, sizeof import_text - 1, load_text,
                       NULL, &stats, err));
    assert_int_equal(stats.unchanged, 3); /* nothing rewritten */
    assert_int_equal(stats.profiles + stats.practices + stats.docs, 0);
    long practices2 = 0, texts2 = 0;
    OK(store_hub_count(f->st, "practice", &practices2, err));
    OK(store_hub_count(f->st, "text", &texts2, err));
    assert_int_equal(practices, practices2);
    assert_int_equal(texts, texts2);
    long total = 0;
    struct hits hits = search(f, &f->publik, "pôle virtuel de connaissances", NULL, &total);
    assert_true(hits.n >= 1);
    hits = search(f, &f->publik, "plan nacional", "es", &total);
    assert_true(hits.n >= 1);
    assert_non_null(strstr(hits.kinds, "practice:"));
    assert_int_equal(audit_count(f, "hub", "import"), 2);
    assert_int_equal(audit_count(f, "hub_practice", "update"), updates);
    /* the body keeps its Markdown heading ('#' lines in bodies are not comments) */
    long id = 0;
    assert_int_equal(store_hub_practice_find(f->st, "demo-esp-plan", &id, NULL), 1);
    struct seen_practice seen;
    OK(core_hub_practice_get(f->st, &f->publik, id, copy_practice, &seen, err));
    assert_int_equal(seen.lang_count, 2);
    assert_string_equal(seen.country, "ESP");
    assert_string_equal(seen.title_en, "National human rights action plan");
    assert_string_equal(seen.tags, "free:coordinación,sdg:16.6");
}

static void test_import_errors_name_the_line_and_keep_nothing(void **state)
{
    struct hub_fixture *f = *state;
    struct core_hub_import_stats stats;
    long before = 0, after = 0;
    OK(store_hub_count(f->st, "profile", &before, err));
    static const char bad_key[] = "%% profile\ncountry: ITA\nname: X\nstanding: standing\n"
                                  "colour: blue\n";
    FAILS(ERR_INPUT, "x.hub:5: unknown key \"colour\"",
          core_hub_import(f->st, &f->coord, "x.hub", bad_key, sizeof bad_key - 1, NULL, NULL,
                          &stats, err));
    static const char bad_second[] = "%% profile\ncountry: ITA\nname: X\nstanding: standing\n"
                                     "%% practice p1\n\n%% text de\ntitle: T\n\nB\n";
    FAILS(ERR_INPUT, "x.hub:7:",
          core_hub_import(f->st, &f->coord, "x.hub", bad_second, sizeof bad_second - 1, NULL, NULL,
                          &stats, err));
    OK(store_hub_count(f->st, "profile", &after, err));
    assert_int_equal(before, after); /* the first, good record was rolled back too */
    static const char escape[] = "%% doc\nsymbol: X\ntitle: T\nlang: en\nfile: ../secret\n";
    FAILS(ERR_INPUT, "x.hub:1: file",
          core_hub_import(f->st, &f->coord, "x.hub", escape, sizeof escape - 1, load_text, NULL,
                          &stats, err));
    static const char bad_standing[] = "%% profile\ncountry: ITA\nname: X\nstanding: often\n";
    FAILS(ERR_INPUT, "x.hub:1: standing",
          core_hub_import(f->st, &f->coord, "x.hub", bad_standing, sizeof bad_standing - 1, NULL,
                          NULL, &stats, err));
    FAILS(ERR_DENIED, "",
          core_hub_import(f->st, &f->nhri, "x.hub", import_text, sizeof import_text - 1, load_text,
                          NULL, &stats, err));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_profile_written_by_coordinator_read_by_anyone),
        cmocka_unit_test(test_profile_refused_to_others_and_checked),
        cmocka_unit_test(test_contributor_proposal_stays_unpublished_and_hidden),
        cmocka_unit_test(test_who_may_edit_an_entry),
        cmocka_unit_test(test_practice_needs_a_title_and_body_in_some_language),
        cmocka_unit_test(test_tags_resolve_codes_and_labels),
        cmocka_unit_test(test_reader_language_with_fallback),
        cmocka_unit_test(test_search_is_stemmed_in_each_language_and_apart_from_recommendations),
        cmocka_unit_test(test_files_have_evidence_limits_and_entry_visibility),
        cmocka_unit_test(test_library_documents_unchanged_when_put_again),
        cmocka_unit_test(test_import_is_idempotent),
        cmocka_unit_test(test_import_errors_name_the_line_and_keep_nothing),
    };
    return cmocka_run_group_tests_name("hub", tests, setup, teardown);
}
