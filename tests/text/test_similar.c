/*
 * test_similar.c — the similarity index (src/text/similar.c): near-copies first (the query's own
 * group before others), scores that are cosines, all pairs above a threshold found exactly as
 * comparing every pair would find them, and single-linkage groups numbered by their first
 * document.
 */
#include "test.h"

#include <math.h>

#include "text/similar.h"

static const char *const texts[] = {
    /* 0 */ "Ratify the Optional Protocol to the Convention against Torture",
    /* 1 */ "Ratify the Optional Protocol to the Convention against Torture.",
    /* 2 */ "Consider ratifying the Optional Protocol to the Convention against Torture",
    /* 3 */ "Combat violence against women, including domestic violence",
    /* 4 */ "Take measures to combat violence against women and domestic violence",
    /* 5 */ "Ensure birth registration of all children",
    /* 6 */ "Torture must be criminalized and prosecuted",
    /* 7 */ "Guarantee free primary education for every child",
    /* 8 */ "Ratify the Optional Protocol to the Convention against Torture",
};
static const uint32_t groups[] = {1, 2, 1, 1, 1, 1, 1, 1, 1};
enum { NTEXTS = sizeof texts / sizeof texts[0] };

static struct text_sim *index_of_texts(void)
{
    struct text_sim *s = NULL;
    struct text_featurizer *fz = NULL;
    struct err err = {0};
    assert_int_equal(text_sim_new(&s, &err), 0);
    assert_int_equal(text_featurizer_new(&fz, &err), 0);
    for (size_t i = 0; i < NTEXTS; i++)
        assert_int_equal(
            text_sim_add(s, fz, TEXT_LANG_EN, texts[i], strlen(texts[i]), groups[i], &err), 0);
    assert_int_equal(text_sim_build(s, &err), 0);
    assert_int_equal(text_sim_add(s, fz, TEXT_LANG_EN, "x", 1, 0, &err), ERR_INPUT);
    text_featurizer_free(fz);
    return s;
}

static void test_near_copies_of_the_same_group_come_first(void **state)
{
    (void)state;
    struct text_sim *s = index_of_texts();
    struct text_sim_hit hits[5];
    size_t n = 0;
    struct err err = {0};
    assert_int_equal(text_sim_query(s, 0, 5, hits, &n, &err), 0);
    assert_true(n >= 4);
    /* 8 and 2 are near-copies in group 1, 1 is an exact copy in group 2 */
    assert_int_equal(hits[0].doc, 8);
    assert_true(hits[0].near_copy && hits[0].same_group);
    assert_true(fabsf(hits[0].score - 1.0f) < 1e-5f);
    assert_int_equal(hits[1].doc, 2);
    assert_int_equal(hits[2].doc, 1);
    assert_true(hits[2].near_copy && !hits[2].same_group);
    assert_int_equal(hits[3].doc, 6); /* shares "torture" only */
    assert_false(hits[3].near_copy);
    for (size_t i = 0; i < n; i++)
        assert_int_not_equal(hits[i].doc, 0);
    text_sim_free(s);
}

static void test_query_of_a_missing_document_is_an_error(void **state)
{
    (void)state;
    struct text_sim *s = index_of_texts();
    struct text_sim_hit hits[2];
    size_t n = 7;
    struct err err = {0};
    assert_int_equal(text_sim_query(s, NTEXTS, 2, hits, &n, &err), ERR_INPUT);
    assert_int_equal(n, 0);
    text_sim_free(s);
}

struct pairs {
    uint32_t a[64], b[64];
    float score[64];
    size_t n;
};

static int collect_pair(void *ctx, uint32_t a, uint32_t b, float score)
{
    struct pairs *p = ctx;
    assert_true(p->n < 64);
    assert_true(a < b);
    p->a[p->n] = a, p->b[p->n] = b, p->score[p->n++] = score;
    return 0;
}

/* Prefix filtering must miss nothing: every threshold gives what all pairs would. */
static void test_pairs_above_a_threshold_match_comparing_every_pair(void **state)
{
    (void)state;
    struct text_sim *s = index_of_texts();
    struct err err = {0};
    static const float thresholds[] = {0.05f, 0.2f, 0.5f, 0.8f, 0.99f, 1.0f};
    for (size_t t = 0; t < sizeof thresholds / sizeof *thresholds; t++) {
        struct pairs p = {0};
        assert_int_equal(text_sim_pairs(s, thresholds[t], collect_pair, &p, &err), 0);
        size_t k = 0;
        for (uint32_t b = 0; b < NTEXTS; b++) {
            for (uint32_t a = 0; a < b; a++) {
                float score, overlap;
                text_sim_score(s, a, b, &score, &overlap);
                if (score < thresholds[t])
                    continue;
                assert_true(k < p.n);
                assert_int_equal(p.a[k], a);
                assert_int_equal(p.b[k], b);
                assert_true(fabsf(p.score[k] - score) < 1e-6f);
                k++;
            }
        }
        assert_int_equal(k, p.n);
    }
    assert_int_equal(text_sim_pairs(s, 0.0f, collect_pair, NULL, &err), ERR_INPUT);
    assert_int_equal(text_sim_pairs(s, 1.5f, collect_pair, NULL, &err), ERR_INPUT);
    text_sim_free(s);
}

static void test_groups_chain_similar_texts_under_their_first_document(void **state)
{
    (void)state;
    struct text_sim *s = index_of_texts();
    uint32_t g[NTEXTS];
    struct err err = {0};
    assert_int_equal(text_sim_groups(s, 0.6f, g, &err), 0);
    assert_int_equal(g[0], 0);
    assert_int_equal(g[1], 0);
    assert_int_equal(g[2], 0);
    assert_int_equal(g[8], 0);
    assert_int_equal(g[3], 3);
    assert_int_equal(g[4], 3);
    assert_int_equal(g[5], 5); /* alone */
    assert_int_equal(g[7], 7);
    text_sim_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_near_copies_of_the_same_group_come_first),
        cmocka_unit_test(test_query_of_a_missing_document_is_an_error),
        cmocka_unit_test(test_pairs_above_a_threshold_match_comparing_every_pair),
        cmocka_unit_test(test_groups_chain_similar_texts_under_their_first_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
