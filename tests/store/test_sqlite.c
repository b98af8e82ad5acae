/*
 * test_sqlite.c — the SQLite backend through store.h only: creation and migration, refusing a
 * newer schema, idempotent puts, kept human tags, rollback, names and search with filters.
 */
#include "test.h"
#include "test_pg.h"

#include "store/store.h"

static int ignore(void *ctx, const struct store_hit *h)
{
    (void)ctx;
    (void)h;
    return 0;
}

struct fixture {
    char path[256];
    struct store *st;
};

static int setup(void **state)
{
    static struct fixture f;
    struct err err = {0};
    test_tmp_db(f.path, sizeof f.path);
    if (store_open(f.path, STORE_CREATE, &f.st, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->st);
    test_rm_db(f->path);
    return 0;
}

static const struct store_tag women_tag = {"upr_issue", "womens-rights", "Women's rights",
                                           STORE_TAG_SOURCE, 0};

static struct store_rec rec(const char *id, const char *country, const char *text)
{
    struct store_rec r = {.id = id,
                          .kind = "recommendation",
                          .mechanism = "upr",
                          .body = "UPR",
                          .country_label = country,
                          .session = 5,
                          .cycle = 1,
                          .response = "supported"};
    r.text[0] = text;
    return r;
}

static void put(struct store *st, const struct store_rec *r, enum store_put_outcome expect)
{
    struct err err = {0};
    enum store_put_outcome got;
    assert_int_equal(store_rec_put(st, r, &got, &err), 0);
    assert_int_equal(got, expect);
}

static void put_country(struct store *st, const char *iso3, const char *en, const char *fr)
{
    struct err err = {0};
    struct store_country c = {iso3,   NULL,    NULL, {en, fr, NULL}, {NULL, NULL, NULL},
                              "WEOG", "member"};
    assert_int_equal(store_country_put(st, &c, &err), 0);
}

static void test_new_database_has_latest_schema(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(store_schema_version(f->st), store_schema_latest());
    assert_true(store_schema_latest() >= 1);
}

/* Writes PRAGMA user_version straight into the file header (offset 60, big-endian). */
static void set_user_version(const char *path, uint32_t v)
{
    FILE *fp = fopen(path, "r+b");
    assert_non_null(fp);
    unsigned char b[4] = {v >> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255};
    assert_int_equal(fseek(fp, 60, SEEK_SET), 0);
    assert_int_equal(fwrite(b, 1, 4, fp), 4);
    fclose(fp);
}

static void test_newer_schema_is_refused_with_clear_error(void **state)
{
    (void)state;
    char path[256];
    struct err err = {0};
    struct store *st;
    test_tmp_db(path, sizeof path);
    assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
    store_close(st);
    if (test_pg_mode()) {
        char sql[80];
        snprintf(sql, sizeof sql, "UPDATE suivi_schema SET version = %d",
                 store_schema_latest() + 1);
        test_pg_exec(path, sql);
    } else {
        set_user_version(path, (uint32_t)store_schema_latest() + 1);
    }
    assert_int_equal(store_open(path, 0, &st, &err), ERR_VERSION);
    assert_non_null(strstr(err.msg, "newer"));
    assert_null(st);
    test_rm_db(path);
}

static void test_older_schema_is_migrated_on_open(void **state)
{
    (void)state;
    /* An empty database file at version 0 is the oldest possible: opening migrates it. */
    char path[256];
    struct err err = {0};
    struct store *st;
    test_tmp_db(path, sizeof path);
    if (test_pg_mode()) {
        /* PostgreSQL: a schema one version behind, without what the last migration made. */
        assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
        store_close(st);
        char sql[120];
        snprintf(sql, sizeof sql, "DROP TABLE rec_version; UPDATE suivi_schema SET version = %d",
                 store_schema_latest() - 1);
        test_pg_exec(path, sql);
    } else {
        FILE *fp = fopen(path, "wb");
        fclose(fp);
    }
    assert_int_equal(store_open(path, 0, &st, &err), 0);
    assert_int_equal(store_schema_version(st), store_schema_latest());
    if (test_pg_mode())
        test_pg_exec(path, "SELECT n FROM rec_version");
    store_close(st);
    test_rm_db(path);
}

static void test_file_that_is_not_a_database_is_refused(void **state)
{
    (void)state;
    char path[256];
    struct err err = {0};
    struct store *st;
    test_tmp_db(path, sizeof path);
    if (test_pg_mode()) {
        /* PostgreSQL: a schema that holds something else than a suivi database. */
        const char *s = strstr(path, "schema=") + 7;
        char sql[160];
        snprintf(sql, sizeof sql, "CREATE SCHEMA \"%.*s\"; CREATE TABLE \"%.*s\".other(x int)",
                 (int)strcspn(s, "&"), s, (int)strcspn(s, "&"), s);
        test_pg_exec(path, sql);
    } else {
        FILE *fp = fopen(path, "wb");
        fputs("id,text\n1,this is a CSV file, not a database, and it is long enough to matter\n"
              "2,padding padding padding padding padding padding padding padding padding\n",
              fp);
        fclose(fp);
    }
    assert_int_not_equal(store_open(path, 0, &st, &err), 0);
    assert_non_null(strstr(err.msg, path));
    test_rm_db(path);
}

static void test_put_same_record_twice_changes_nothing(void **state)
{
    struct fixture *f = *state;
    struct store_rec r = rec("AUT-UPR05-1", "Austria", "Protect women's rights");
    r.tags = &women_tag;
    r.ntags = 1;
    put(f->st, &r, STORE_PUT_INSERTED);
    put(f->st, &r, STORE_PUT_UNCHANGED);
    r.text[0] = "Protect the rights of women";
    put(f->st, &r, STORE_PUT_UPDATED);
    long n;
    struct err err = {0};
    assert_int_equal(store_count(f->st, "recommendation", &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_count(f->st, "text", &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_check(f->st, &err), 0);
}

struct got {
    int calls;
    char text[256];
    size_t ntags;
    int human_tags;
    char state_iso3[8];
};

static int on_rec(void *ctx, const struct store_rec *r)
{
    struct got *g = ctx;
    g->calls++;
    snprintf(g->text, sizeof g->text, "%s", r->text[0] ? r->text[0] : "");
    g->ntags = r->ntags;
    for (size_t i = 0; i < r->ntags; i++)
        g->human_tags += r->tags[i].origin == STORE_TAG_HUMAN;
    if (r->nstates)
        snprintf(g->state_iso3, sizeof g->state_iso3, "%s",
                 r->states[0].iso3 ? r->states[0].iso3 : "-");
    return 0;
}

static void test_reimport_keeps_human_tags(void **state)
{
    struct fixture *f = *state;
    struct store_tag tags[2] = {women_tag, {"sdg", "5", "5", STORE_TAG_HUMAN, 0}};
    struct err err = {0};
    struct store_rec r = rec("AUT-UPR05-2", "Austria", "Combat violence against women");
    r.tags = tags;
    r.ntags = 2;
    put(f->st, &r, STORE_PUT_INSERTED);
    r.ntags = 1; /* the source file only knows its own tag */
    r.text[0] = "Combat all violence against women";
    put(f->st, &r, STORE_PUT_UPDATED);
    assert_int_equal(store_check(f->st, &err), 0);
    struct got g = {0};
    assert_int_equal(store_rec_get(f->st, "AUT-UPR05-2", on_rec, &g, &err), 0);
    assert_int_equal(g.calls, 1);
    assert_string_equal(g.text, "Combat all violence against women");
    assert_int_equal(g.ntags, 2);
    assert_int_equal(g.human_tags, 1);
}

static void test_index_follows_texts_replaced_in_and_across_transactions(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    long total;
    struct store_rec r = rec("AUT-UPR05-9", "Austria", "Abolish the death penalty");
    assert_int_equal(store_begin(f->st, &err), 0);
    put(f->st, &r, STORE_PUT_INSERTED);
    r.text[0] = "Establish a moratorium on executions"; /* replaced before it was indexed */
    put(f->st, &r, STORE_PUT_UPDATED);
    assert_int_equal(store_commit(f->st, &err), 0);
    assert_int_equal(store_check(f->st, &err), 0);
    struct text_query *q;
    assert_int_equal(text_query_parse("moratorium", &q, &err), 0);
    struct store_search s = {.query = q, .lang = -1};
    assert_int_equal(store_search(f->st, &s, ignore, NULL, &total, &err), 0);
    assert_int_equal(total, 1);
    text_query_free(q);
    assert_int_equal(text_query_parse("death", &q, &err), 0);
    s.query = q;
    assert_int_equal(store_search(f->st, &s, ignore, NULL, &total, &err), 0);
    assert_int_equal(total, 0);
    r.text[0] = "Abolish the death penalty"; /* replaced after it was indexed */
    put(f->st, &r, STORE_PUT_UPDATED);
    assert_int_equal(store_search(f->st, &s, ignore, NULL, &total, &err), 0);
    assert_int_equal(total, 1);
    assert_int_equal(store_check(f->st, &err), 0);
    text_query_free(q);
}

static void test_get_unknown_id_is_not_found(void **state)
{
    struct fixture *f = *state;
    struct got g = {0};
    struct err err = {0};
    assert_int_equal(store_rec_get(f->st, "nope", on_rec, &g, &err), ERR_NOTFOUND);
    assert_non_null(strstr(err.msg, "nope"));
    assert_int_equal(g.calls, 0);
}

static void test_rollback_leaves_database_as_before(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    long before, after;
    assert_int_equal(store_count(f->st, "recommendation", &before, &err), 0);
    assert_int_equal(store_begin(f->st, &err), 0);
    struct store_rec r = rec("AUT-UPR05-3", "Austria", "Ratify the Optional Protocol");
    put(f->st, &r, STORE_PUT_INSERTED);
    store_rollback(f->st);
    assert_int_equal(store_count(f->st, "recommendation", &after, &err), 0);
    assert_int_equal(after, before);
}

static void test_rec_version_moves_with_recommendations_only(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    uint64_t v0 = store_rec_version(f->st);
    struct store_rec r = rec("AUT-UPR05-7", "Austria", "Abolish the death penalty");
    put(f->st, &r, STORE_PUT_INSERTED);
    uint64_t v1 = store_rec_version(f->st);
    assert_true(v1 != v0);
    put(f->st, &r, STORE_PUT_UNCHANGED);
    assert_true(store_rec_version(f->st) == v1);
    struct store_term t = {.vocab = "upr_issue", .code = "x-test", .label = {"Test issue"}};
    assert_int_equal(store_term_put(f->st, &t, &err), 0);
    assert_true(store_rec_version(f->st) == v1);
    assert_int_equal(store_begin(f->st, &err), 0);
    r.text[0] = "Abolish the death penalty in law";
    put(f->st, &r, STORE_PUT_UPDATED);
    store_rollback(f->st);
    assert_true(store_rec_version(f->st) == v1);
    put(f->st, &r, STORE_PUT_UPDATED);
    assert_true(store_rec_version(f->st) != v1);
}

static void test_country_found_by_name_in_any_language_and_accents(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    char iso3[4];
    put_country(f->st, "CIV", "Côte d'Ivoire", "Côte d’Ivoire");
    assert_int_equal(store_country_find(f->st, "cote d'ivoire", iso3, &err), 1);
    assert_string_equal(iso3, "CIV");
    assert_int_equal(store_country_find(f->st, "CÔTE D’IVOIRE", iso3, &err), 1);
    assert_int_equal(store_country_find(f->st, "civ", iso3, &err), 1);
    assert_int_equal(store_country_find(f->st, "Atlantis", iso3, &err), 0);
}

static void test_term_found_by_label_alias_and_code(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    char code[64];
    struct store_term t = {
        "sdg", "5", NULL, {"Gender equality", "Égalité entre les sexes", "Igualdad de género"}};
    assert_int_equal(store_term_put(f->st, &t, &err), 0);
    assert_int_equal(store_alias_put(f->st, "sdg", "GENDER EQUALITY", "5", &err), 0);
    assert_int_equal(
        store_term_find(f->st, "sdg", "egalite entre les sexes", code, sizeof code, &err), 1);
    assert_string_equal(code, "5");
    assert_int_equal(store_term_find(f->st, "sdg", "5", code, sizeof code, &err), 1);
    assert_int_equal(store_term_find(f->st, "sdg", "Zero hunger", code, sizeof code, &err), 0);
    assert_int_equal(store_term_find(f->st, "uhri_theme", "5", code, sizeof code, &err), 0);
}

/* ---- search -------------------------------------------------------------------------------- */

struct hits {
    int n;
    char ids[16][32];
    char snippet[256];
};

static int on_hit(void *ctx, const struct store_hit *h)
{
    struct hits *s = ctx;
    if (s->n == 0)
        snprintf(s->snippet, sizeof s->snippet, "%s", h->snippet);
    if (s->n < 16)
        snprintf(s->ids[s->n], sizeof s->ids[0], "%s", h->id);
    s->n++;
    return 0;
}

static struct hits search(struct store *st, const char *q, const struct store_filter *filter,
                          long *total)
{
    struct hits h = {0};
    struct err err = {0};
    struct text_query *parsed;
    assert_int_equal(text_query_parse(q, &parsed, &err), 0);
    struct store_search s = {.query = parsed, .lang = -1, .limit = 10};
    if (filter)
        s.filter = *filter;
    long t = 0;
    int rc = store_search(st, &s, on_hit, &h, &t, &err);
    if (rc)
        fprintf(stderr, "search %s: %s\n", q, err.msg);
    assert_int_equal(rc, 0);
    if (total)
        *total = t;
    text_query_free(parsed);
    return h;
}

static void load_search_fixture(struct store *st)
{
    put_country(st, "FRA", "France", "France");
    put_country(st, "TUN", "Tunisia", "Tunisie");
    struct store_tag sdg5 = {"sdg", "5.2", "5.2", STORE_TAG_SOURCE, 0};
    struct store_rec a = rec("S-1", "France", "Protect the rights of women and girls");
    a.country = "FRA";
    a.tags = &sdg5;
    a.ntags = 1;
    struct store_rec b = rec("S-2", "Tunisia", "Guarantee every child's right to education");
    b.country = "TUN";
    b.response = "noted";
    struct store_rec c =
        rec("S-3", "Tunisia", "Ensure that children of migrant women are registered");
    c.country = "TUN";
    struct store_rec d = rec("S-4", "France", NULL);
    d.country = "FRA";
    d.text[1] = "Garantir les droits des enfants handicapés";
    put(st, &a, STORE_PUT_INSERTED);
    put(st, &b, STORE_PUT_INSERTED);
    put(st, &c, STORE_PUT_INSERTED);
    put(st, &d, STORE_PUT_INSERTED);
}

static void test_search_singular_and_irregular_plural_find_the_same(void **state)
{
    struct fixture *f = *state;
    load_search_fixture(f->st);
    long t1, t2;
    struct hits woman = search(f->st, "woman", NULL, &t1);
    struct hits women = search(f->st, "women", NULL, &t2);
    assert_int_equal(t1, 2);
    assert_int_equal(t2, 2);
    struct hits child = search(f->st, "child", NULL, &t1);
    struct hits children = search(f->st, "children", NULL, &t2);
    assert_int_equal(t1, 2);
    assert_int_equal(t2, 2);
    assert_string_equal(child.ids[0], children.ids[0]);
    (void)woman;
    (void)women;
    struct hits right = search(f->st, "right", NULL, &t1);
    assert_int_equal(t1, 2); /* "rights" and "right" */
    (void)right;
}

static void test_search_french_stems_and_accents(void **state)
{
    struct fixture *f = *state;
    load_search_fixture(f->st);
    long t;
    search(f->st, "enfant", NULL, &t);
    assert_int_equal(t, 1);
    search(f->st, "HANDICAPES", NULL, &t);
    assert_int_equal(t, 1);
}

static void test_search_boolean_phrase_prefix(void **state)
{
    struct fixture *f = *state;
    load_search_fixture(f->st);
    long t;
    search(f->st, "women AND education", NULL, &t);
    assert_int_equal(t, 0);
    search(f->st, "women OR education", NULL, &t);
    assert_int_equal(t, 3);
    struct hits h = search(f->st, "women NOT migrant", NULL, &t);
    assert_int_equal(t, 1);
    assert_string_equal(h.ids[0], "S-1");
    search(f->st, "\"women and girls\"", NULL, &t);
    assert_int_equal(t, 1);
    search(f->st, "\"girls and women\"", NULL, &t);
    assert_int_equal(t, 0);
    search(f->st, "educat*", NULL, &t);
    assert_int_equal(t, 1);
    search(f->st, "childr*", NULL, &t);
    assert_int_equal(t, 1);
}

static void test_search_filters_and_snippet_marks(void **state)
{
    struct fixture *f = *state;
    load_search_fixture(f->st);
    long t;
    struct store_filter tun = {.country = "TUN"};
    struct hits h = search(f->st, "women OR child", &tun, &t);
    assert_int_equal(t, 2);
    struct store_filter noted = {.response = "noted"};
    h = search(f->st, "child", &noted, &t);
    assert_int_equal(t, 1);
    assert_string_equal(h.ids[0], "S-2");
    struct store_filter sdg = {.sdg = "5"};
    h = search(f->st, "rights", &sdg, &t);
    assert_int_equal(t, 1);
    assert_string_equal(h.ids[0], "S-1");
    assert_non_null(strstr(h.snippet, "\x02rights\x03"));
    struct store_filter target = {.sdg = "5.2"};
    search(f->st, "rights", &target, &t);
    assert_int_equal(t, 1);
    struct store_filter other = {.sdg = "5.1"};
    search(f->st, "rights", &other, &t);
    assert_int_equal(t, 0);
}

static void test_search_hostile_input_is_quoted_not_interpreted(void **state)
{
    struct fixture *f = *state;
    load_search_fixture(f->st);
    long t;
    /* FTS5 syntax characters inside a word must not become FTS5 operators or errors */
    search(f->st, "women'; DROP TABLE recommendation; --", NULL, &t);
    assert_int_equal(t, 0); /* every word must match: none has "drop" */
    search(f->st, "women';--", NULL, &t);
    assert_int_equal(t, 2);
    search(f->st, "^girls + {text} women*", NULL, &t);
    search(f->st, "NEAR(women girls)", NULL, &t);
    search(f->st, "text:women", NULL, &t);
    struct err err = {0};
    long n;
    assert_int_equal(store_count(f->st, "recommendation", &n, &err), 0);
    assert_int_equal(n, 4);
}

struct counts {
    char values[16][32];
    long counts[16];
    int n;
};

static int on_count(void *ctx, enum store_dim dim, const char *value, const char *label, long count)
{
    struct counts *c = ctx;
    (void)dim;
    (void)label;
    if (c->n < 16) {
        snprintf(c->values[c->n], sizeof c->values[0], "%s", value ? value : "");
        c->counts[c->n++] = count;
    }
    return 0;
}

/* A put checks kind, response and action category itself (an import's bulk mode leaves
 * SQLite's CHECK constraints out); a first import rolls back or commits whole, repeats in it
 * are found, and the indexes it rebuilds at commit are sound. */
static void test_bad_record_is_refused_and_first_import_rolls_back_or_commits_whole(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    enum store_put_outcome got;
    put_country(f->st, "AUT", "Austria", "Autriche");
    struct store_rec a = rec("AUT-UPR05-7", "Austria", "Abolish the death penalty");
    a.country = "AUT";
    struct store_rec b = rec("AUT-UPR05-8", "Austria", "Protect women's rights");
    struct store_rec bad = b;
    bad.response = "maybe";
    assert_int_equal(store_begin_import(f->st, &err), 0);
    put(f->st, &a, STORE_PUT_INSERTED);
    assert_int_equal(store_rec_put(f->st, &bad, &got, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "maybe"));
    store_rollback(f->st);
    long n;
    assert_int_equal(store_count(f->st, "recommendation", &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_check(f->st, &err), 0);

    assert_int_equal(store_begin_import(f->st, &err), 0);
    put(f->st, &a, STORE_PUT_INSERTED);
    put(f->st, &b, STORE_PUT_INSERTED);
    put(f->st, &a, STORE_PUT_UNCHANGED); /* a repeat within the first import */
    b.text[0] = "Protect the rights of women";
    put(f->st, &b, STORE_PUT_UPDATED);
    assert_int_equal(store_commit(f->st, &err), 0);
    assert_int_equal(store_check(f->st, &err), 0);
    struct store_filter aut = {.country = "AUT"};
    struct hits h = search(f->st, "death", &aut, &n);
    assert_int_equal(n, 1);
    assert_string_equal(h.ids[0], "AUT-UPR05-7");

    bad = b;
    bad.id = "AUT-UPR05-9";
    bad.kind = "promise";
    assert_int_equal(store_rec_put(f->st, &bad, &got, &err), ERR_INPUT);
    bad.kind = NULL;
    bad.action_category = 6;
    assert_int_equal(store_rec_put(f->st, &bad, &got, &err), ERR_INPUT);
    assert_int_equal(store_count(f->st, "recommendation", &n, &err), 0);
    assert_int_equal(n, 2);
}

static void test_facets_count_matches_and_stats_count_all(void **state)
{
    struct fixture *f = *state;
    load_search_fixture(f->st);
    struct err err = {0};
    struct text_query *q;
    assert_int_equal(text_query_parse("women", &q, &err), 0);
    struct store_search s = {.query = q, .lang = -1};
    struct counts c = {0};
    assert_int_equal(store_count_by(f->st, &s, STORE_DIM_COUNTRY, 0, on_count, &c, &err), 0);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.counts[0] + c.counts[1], 2);
    struct counts all = {0};
    assert_int_equal(store_count_by(f->st, NULL, STORE_DIM_RESPONSE, 0, on_count, &all, &err), 0);
    assert_int_equal(all.n, 2);
    assert_string_equal(all.values[0], "supported");
    assert_int_equal(all.counts[0], 3);
    struct counts sdg = {0};
    assert_int_equal(store_count_by(f->st, NULL, STORE_DIM_SDG, 0, on_count, &sdg, &err), 0);
    assert_int_equal(sdg.n, 1);
    assert_string_equal(sdg.values[0], "5"); /* a target counts for its goal */
    text_query_free(q);
}

static void test_counts_of_a_listing_follow_its_filter_and_do_not_stick(void **state)
{
    struct fixture *f = *state;
    load_search_fixture(f->st);
    struct err err = {0};
    struct store_search tunisia = {.lang = -1, .filter = {.country = "TUN"}};
    struct counts c = {0};
    assert_int_equal(store_count_by(f->st, &tunisia, STORE_DIM_RESPONSE, 0, on_count, &c, &err), 0);
    assert_int_equal(c.n, 2); /* S-2 noted, S-3 supported */
    assert_int_equal(c.counts[0] + c.counts[1], 2);
    struct counts all = {0}; /* the same statement afterwards, without a filter: everything */
    assert_int_equal(store_count_by(f->st, NULL, STORE_DIM_RESPONSE, 0, on_count, &all, &err), 0);
    assert_int_equal(all.counts[0] + all.counts[1], 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_new_database_has_latest_schema, setup, teardown),
        cmocka_unit_test(test_newer_schema_is_refused_with_clear_error),
        cmocka_unit_test(test_older_schema_is_migrated_on_open),
        cmocka_unit_test(test_file_that_is_not_a_database_is_refused),
        cmocka_unit_test_setup_teardown(test_put_same_record_twice_changes_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_reimport_keeps_human_tags, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rec_version_moves_with_recommendations_only, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_get_unknown_id_is_not_found, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_index_follows_texts_replaced_in_and_across_transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_leaves_database_as_before, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_bad_record_is_refused_and_first_import_rolls_back_or_commits_whole, setup,
            teardown),
        cmocka_unit_test_setup_teardown(test_country_found_by_name_in_any_language_and_accents,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_term_found_by_label_alias_and_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_singular_and_irregular_plural_find_the_same,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_french_stems_and_accents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_boolean_phrase_prefix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_filters_and_snippet_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_hostile_input_is_quoted_not_interpreted, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_facets_count_matches_and_stats_count_all, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_counts_of_a_listing_follow_its_filter_and_do_not_stick,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
