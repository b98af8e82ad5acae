/*
 * test_pg_search.c — the PostgreSQL backend's full-text search agrees with SQLite's: the same
 * recommendations are imported into both (the demo thematic lists in data/demo, French and
 * Spanish texts below, and the UPR Info export of ../shared/data when it is there), and for
 * each query of a list in English, French and Spanish (stems, accents, irregular plurals,
 * prefixes, phrases, OR, NOT) the sets of ids found must agree: Jaccard index >= 0.9 (printed
 * per query), totals and facet counts alike. Needs $SUIVI_TEST_PG; skips without it.
 */
#include "test.h"

#include "core/recommendation.h"
#include "import/import.h"
#include "store/store.h"
#include "text/query.h"
#include "util/buf.h"

struct backends {
    char sqlite_path[256], pg_url[256];
    struct store *sqlite, *pg;
    int upr; /* the UPR Info export was imported */
};

/* Written for this test in the style of UPR recommendations, with what French and Spanish
 * search must handle: accents, elisions, plurals Snowball leaves apart (lois, jueces,
 * mujeres/mujer), hyphenated words. */
static const char *const texts_fr[] = {
    "Renforcer le mécanisme national de mise en œuvre, de rapport et de suivi des "
    "recommandations.",
    "Créer un mécanisme national de prévention de la torture conforme au Protocole facultatif.",
    "Garantir l'égalité des droits des femmes et des hommes dans l'accès à l'emploi.",
    "Adopter des lois pour lutter contre la violence à l'égard des femmes et des filles.",
    "Protéger les droits de l'enfant, notamment des enfants handicapés et des enfants migrants.",
    "Abolir la peine de mort et ratifier le deuxième Protocole facultatif.",
    "Enquêter sur toutes les allégations de torture et de mauvais traitements en détention.",
    "Garantir l'accès à l'éducation des enfants roms et la non-discrimination à l'école.",
    "Améliorer les conditions de travail des travailleurs migrants et les travaux publics.",
    "Revoir la loi sur la nationalité afin d'éliminer les cas d'apatridie.",
    "Assurer l'indépendance des juges et l'égal accès à la justice pour tous.",
    "Lutter contre la traite des êtres humains, en particulier des femmes et des enfants.",
};

static const char *const texts_es[] = {
    "Fortalecer el mecanismo nacional de aplicación, presentación de informes y seguimiento.",
    "Establecer un mecanismo nacional de prevención de la tortura.",
    "Garantizar la igualdad de derechos de las mujeres y combatir la violencia contra la mujer.",
    "Proteger los derechos de los niños y las niñas, en particular de los niños migrantes.",
    "Abolir la pena de muerte y ratificar el Segundo Protocolo Facultativo.",
    "Investigar todas las denuncias de tortura y malos tratos por parte de la policía.",
    "Garantizar la independencia de los jueces y el acceso a la justicia.",
    "Asegurar el acceso a la educación de los jóvenes indígenas y de las personas con "
    "discapacidad.",
    "Luchar contra la trata de personas, especialmente de mujeres y niñas.",
    "Promover la libertad de expresión y las libertades de reunión pacífica.",
    "Adoptar leyes contra la discriminación de los pueblos indígenas.",
    "Garantizar el derecho de la mujer a una vida libre de violencia.",
};

static void put_texts(struct store *st, const char *prefix, int lang, const char *const *texts,
                      size_t n)
{
    struct err err = {0};
    assert_int_equal(store_begin(st, &err), 0);
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "%s-%zu", prefix, i + 1);
        struct store_rec r = {.id = id,
                              .kind = "recommendation",
                              .mechanism = "upr",
                              .body = "UPR",
                              .country_label = "Slovenia",
                              .session = 34,
                              .cycle = 3,
                              .response = i % 3 ? "supported" : "noted"};
        r.text[lang] = texts[i];
        enum store_put_outcome got;
        if (store_rec_put(st, &r, &got, &err))
            fail_msg("%s: %s", id, err.msg);
    }
    assert_int_equal(store_commit(st, &err), 0);
}

static void import_file(struct store *st, const char *path, int upr_info)
{
    struct err err = {0};
    struct core_import run;
    struct import_options o = {0};
    assert_int_equal(core_import_begin(&run, st, &err), 0);
    int rc = upr_info ? import_upr_info(&run, path, &o, &err)
                      : import_thematic_list(&run, path, &o, &err);
    if (rc) {
        core_import_abort(&run);
        fail_msg("%s: %s", path, err.msg);
    }
    assert_int_equal(core_import_commit(&run, &err), 0);
}

static void load(struct store *st, const char *upr)
{
    struct err err = {0};
    const char *data = getenv("SUIVI_DATA");
    char path[512];
    data = data && *data ? data : "data";
    if (import_taxonomies(st, data, &err))
        fail_msg("taxonomies: %s", err.msg);
    for (int cycle = 2; cycle <= 3; cycle++) {
        snprintf(path, sizeof path, "%s/demo/slovenia-upr-cycle%d-thematic-list.md", data, cycle);
        import_file(st, path, 0);
    }
    put_texts(st, "FR", 1, texts_fr, sizeof texts_fr / sizeof texts_fr[0]);
    put_texts(st, "ES", 2, texts_es, sizeof texts_es / sizeof texts_es[0]);
    if (upr)
        import_file(st, upr, 1);
}

static int setup(void **state)
{
    static struct backends b;
    struct err err = {0};
    const char *pg = getenv("SUIVI_TEST_PG");
    if (!pg || !*pg) {
        printf("test_pg_search: skipped, SUIVI_TEST_PG names no PostgreSQL database\n");
        *state = NULL;
        return 0;
    }
    snprintf(b.sqlite_path, sizeof b.sqlite_path, "/tmp/suivi-test-pg-search-%d.db", (int)getpid());
    test_rm_db(b.sqlite_path);
    test_tmp_db(b.pg_url, sizeof b.pg_url);
    if (store_open(b.sqlite_path, STORE_CREATE, &b.sqlite, &err) ||
        store_open(b.pg_url, STORE_CREATE, &b.pg, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    char path[512];
    const char *upr = test_shared("upr-info/upr_info_sessions_1-17_utf8.csv", path, sizeof path);
    b.upr = upr != NULL;
    if (!upr)
        printf("test_pg_search: no UPR Info export in the shared data: demo data only\n");
    load(b.sqlite, upr);
    load(b.pg, upr);
    *state = &b;
    return 0;
}

static int teardown(void **state)
{
    struct backends *b = *state;
    if (!b)
        return 0;
    store_close(b->sqlite);
    store_close(b->pg);
    test_rm_db(b->sqlite_path);
    return 0;
}

struct ids {
    char **id;
    size_t n, cap;
};

static int collect(void *ctx, const struct store_hit *hit)
{
    struct ids *s = ctx;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->id = realloc(s->id, s->cap * sizeof *s->id);
        assert_non_null(s->id);
    }
    s->id[s->n] = strdup(hit->id);
    assert_non_null(s->id[s->n]);
    s->n++;
    return 0;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void ids_free(struct ids *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->id[i]);
    free(s->id);
}

/* The first ids found by q on st, in the store's order. */
static struct ids first_page(struct store *st, const struct text_query *q, int lang,
                             const struct store_filter *filter)
{
    struct ids s = {0};
    struct err err = {0};
    long total;
    struct store_search search = {.query = q, .lang = lang, .limit = 20};
    if (filter)
        search.filter = *filter;
    if (store_search(st, &search, collect, &s, &total, &err))
        fail_msg("search: %s", err.msg);
    return s;
}

/* How many of the first page's places hold the same id in a and b. */
static size_t same_places(const struct ids *a, const struct ids *b)
{
    size_t same = 0;
    for (size_t i = 0; i < a->n && i < b->n; i++)
        same += !strcmp(a->id[i], b->id[i]);
    return same;
}

/* Distinct ids found by q on st, sorted; *total is the store's total. */
static struct ids search(struct store *st, const struct text_query *q, int lang, long *total)
{
    struct ids s = {0};
    struct err err = {0};
    struct store_search search = {.query = q, .lang = lang};
    if (store_search(st, &search, collect, &s, total, &err))
        fail_msg("search: %s", err.msg);
    if (s.n > 1)
        qsort(s.id, s.n, sizeof *s.id, by_id);
    size_t kept = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (kept && !strcmp(s.id[kept - 1], s.id[i]))
            free(s.id[i]);
        else
            s.id[kept++] = s.id[i];
    }
    s.n = kept;
    return s;
}

static double jaccard(const struct ids *a, const struct ids *b, size_t *both)
{
    size_t i = 0, j = 0;
    *both = 0;
    while (i < a->n && j < b->n) {
        int c = strcmp(a->id[i], b->id[j]);
        if (c == 0)
            (*both)++;
        i += c <= 0;
        j += c >= 0;
    }
    size_t either = a->n + b->n - *both;
    return either ? (double)*both / (double)either : 1.0;
}

struct probe {
    const char *query;
    int lang;       /* -1: every language */
    long min_found; /* in SQLite, demo and fixture data only: the query finds something */
};

static const struct probe probes[] = {
    {"torture", -1, 3},
    {"women", -1, 5},
    {"woman", -1, 5},
    {"child", -1, 5},
    {"children", -1, 5},
    {"childr*", -1, 1},
    {"educat*", -1, 1},
    {"discriminat*", -1, 1},
    {"\"human rights defenders\"", -1, 0},
    {"\"national mechanism for reporting and follow-up\"", -1, 0},
    {"\"death penalty\" OR \"capital punishment\"", -1, 0},
    {"women NOT girls", -1, 1},
    {"(migrant OR refugee) AND child", -1, 0},
    {"non-discrimination", -1, 0},
    {"roma", -1, 1},
    {"Rights", -1, 5},
    {"mécanisme national", 1, 2},
    {"\"mécanisme national\"", 1, 2},
    {"mecanisme", 1, 2},
    {"femmes", 1, 3},
    {"femme", 1, 3},
    {"loi", 1, 2},
    {"enfant", 1, 2},
    {"\"droits de l'enfant\"", 1, 1},
    {"égalité", 1, 1},
    {"egalite", 1, 1},
    {"handicapes", 1, 1},
    {"travail", 1, 1},
    {"tortur*", 1, 2},
    {"torture NOT détention", 1, 1},
    {"niños", 2, 1},
    {"ninos", 2, 1},
    {"niño", 2, 1},
    {"mujer", 2, 3},
    {"mujeres", 2, 3},
    {"juez", 2, 1},
    {"jóvenes", 2, 1},
    {"libertad", 2, 1},
    {"mecanismo nacional", 2, 2},
    {"\"pena de muerte\"", 2, 1},
    {"tortura OR trata", 2, 3},
    {"indígena*", 2, 1},
    {"national", -1, 1},
    {"torture", 0, 2},
};

static void test_search_results_agree_with_sqlite(void **state)
{
    struct backends *b = *state;
    if (!b) {
        skip();
        return;
    }
    double worst = 1.0;
    int worst_order = 0;
    for (size_t k = 0; k < sizeof probes / sizeof probes[0]; k++) {
        const struct probe *p = &probes[k];
        struct err err = {0};
        struct text_query *q;
        assert_int_equal(text_query_parse(p->query, &q, &err), 0);
        long total_sqlite, total_pg;
        struct ids s = search(b->sqlite, q, p->lang, &total_sqlite);
        struct ids g = search(b->pg, q, p->lang, &total_pg);
        size_t both;
        double j = jaccard(&s, &g, &both);
        /* the first page, in order, unfiltered and filtered (one hit per recommendation) */
        static const struct store_filter upr = {.body = "UPR"};
        struct ids ps = first_page(b->sqlite, q, p->lang, NULL);
        struct ids pg = first_page(b->pg, q, p->lang, NULL);
        struct ids fs = first_page(b->sqlite, q, p->lang, &upr);
        struct ids fg = first_page(b->pg, q, p->lang, &upr);
        size_t same = same_places(&ps, &pg), fsame = same_places(&fs, &fg);
        static const char *const langs[] = {"*", "en", "fr", "es"};
        printf(
            "  %-50s %-2s sqlite %5zu  pg %5zu  both %5zu  jaccard %.3f  order %zu/%zu %zu/%zu\n",
            p->query, langs[p->lang + 1], s.n, g.n, both, j, same, ps.n, fsame, fs.n);
        assert_int_equal(ps.n, pg.n);
        assert_int_equal(fs.n, fg.n);
        if (same < ps.n || fsame < fs.n)
            worst_order++;
        assert_int_equal(same, ps.n); /* the same bm25, the same ties */
        assert_int_equal(fsame, fs.n);
        ids_free(&ps);
        ids_free(&pg);
        ids_free(&fs);
        ids_free(&fg);
        if (j < worst)
            worst = j;
        assert_true(j >= 0.9);
        assert_true((long)s.n >= p->min_found);
        /* totals count matching texts, as the result lists do */
        if (j == 1.0)
            assert_int_equal(total_sqlite, total_pg);
        ids_free(&s);
        ids_free(&g);
        text_query_free(q);
    }
    printf("  lowest agreement: %.3f over %zu queries%s; first pages in another order: %d\n", worst,
           sizeof probes / sizeof probes[0], b->upr ? " (with the UPR Info export)" : "",
           worst_order);
}

static int on_count(void *ctx, enum store_dim dim, const char *value, const char *label, long count)
{
    (void)dim;
    return buf_printf(ctx, "%s|%s|%ld\n", value ? value : "", label ? label : "", count);
}

/* Fails when the two listings differ, showing where. */
static void same_counts(struct buf *a, struct buf *g, const char *what, const char *by)
{
    assert_false(a->oom || g->oom);
    if (strcmp(buf_str(a), buf_str(g)))
        fail_msg("%s by %s:\nsqlite:\n%.600s\npostgresql:\n%.600s", what, by, buf_str(a),
                 buf_str(g));
    buf_free(a);
    buf_free(g);
}

/* Facets of a search and statistics count the same, value by value, in the same order. */
static void test_facets_and_stats_agree_with_sqlite(void **state)
{
    struct backends *b = *state;
    if (!b) {
        skip();
        return;
    }
    static const char *const queries[] = {"women", "torture", "femmes", "child*"};
    for (size_t k = 0; k < sizeof queries / sizeof queries[0]; k++) {
        struct err err = {0};
        struct text_query *q;
        assert_int_equal(text_query_parse(queries[k], &q, &err), 0);
        struct store_search s = {.query = q, .lang = -1};
        for (int dim = 0; dim < STORE_DIM_COUNT; dim++) {
            struct buf a = BUF_INIT, g = BUF_INIT;
            assert_int_equal(
                store_count_by(b->sqlite, &s, (enum store_dim)dim, 1, on_count, &a, &err), 0);
            assert_int_equal(store_count_by(b->pg, &s, (enum store_dim)dim, 1, on_count, &g, &err),
                             0);
            same_counts(&a, &g, queries[k], store_dim_name((enum store_dim)dim));
        }
        text_query_free(q);
    }
    for (int dim = 0; dim < STORE_DIM_COUNT; dim++) {
        struct err err = {0};
        struct buf a = BUF_INIT, g = BUF_INIT;
        assert_int_equal(
            store_count_by(b->sqlite, NULL, (enum store_dim)dim, 2, on_count, &a, &err), 0);
        assert_int_equal(store_count_by(b->pg, NULL, (enum store_dim)dim, 2, on_count, &g, &err),
                         0);
        same_counts(&a, &g, "stats", store_dim_name((enum store_dim)dim));
    }
    struct err err = {0};
    struct buf a = BUF_INIT, g = BUF_INIT;
    assert_int_equal(store_unlinked_each(b->sqlite, on_count, &a, &err), 0);
    assert_int_equal(store_unlinked_each(b->pg, on_count, &g, &err), 0);
    same_counts(&a, &g, "unlinked", "vocabulary");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search_results_agree_with_sqlite),
        cmocka_unit_test(test_facets_and_stats_agree_with_sqlite),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
