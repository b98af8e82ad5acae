/*
 * test_tagging.c — automatic tagging with human review (src/core/tagging.c) and similar
 * recommendations (src/core/similar.c), on a temporary database holding the taxonomies and the
 * Slovenian demo recommendations (cycle 3) of data/, with the models shipped in data/models/:
 * suggestions wait pending and never repeat a source tag, reviews write the tag and the audit
 * trail, a rejected suggestion is never made again, only coordinators may tag, and the
 * repeated recommendations of the demo are found.
 */
#include "test.h"

#include "core/accounts.h"
#include "core/audit.h"
#include "core/read.h"
#include "core/similar.h"
#include "core/tagging.h"
#include "import/import.h"
#include "import/vocab.h"
#include "store/store.h"

struct fixture {
    char path[256];
    struct store *st;
    struct text_model *sdg;
    struct core_actor coord, viewer;
};

static void quiet(void *ctx, const char *message)
{
    (void)ctx;
    (void)message;
}

static int setup(void **state)
{
    static struct fixture f;
    struct err err = {0};
    memset(&f, 0, sizeof f);
    test_tmp_db(f.path, sizeof f.path);
    if (store_open(f.path, STORE_CREATE, &f.st, &err) || import_taxonomies(f.st, "data", &err) ||
        import_model_load("data/models/sdg.model", &f.sdg, &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    struct core_import run;
    struct import_options o = {.warn = quiet};
    if (core_import_begin(&run, f.st, &err) ||
        import_thematic_list(&run, "data/demo/slovenia-upr-cycle3-thematic-list.md", &o, &err) ||
        core_import_commit(&run, &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    f.coord = (struct core_actor){901, "coord", "coordinator", 0, NULL};
    f.viewer = (struct core_actor){906, "viewer", "viewer", 0, NULL};
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    text_model_free(f->sdg);
    store_close(f->st);
    test_rm_db(f->path);
    return 0;
}

/* ---- helpers -------------------------------------------------------------------------------- */

struct rec_tags {
    char vocab[8][32], code[8][64];
    int origin[8];
    size_t n;
};

static int copy_tags(void *ctx, const struct store_rec *r)
{
    struct rec_tags *t = ctx;
    t->n = 0;
    for (size_t i = 0; i < r->ntags && t->n < 8; i++) {
        snprintf(t->vocab[t->n], 32, "%s", r->tags[i].vocab);
        snprintf(t->code[t->n], 64, "%s", r->tags[i].code ? r->tags[i].code : "");
        t->origin[t->n++] = (int)r->tags[i].origin;
    }
    return 0;
}

static int has_tag(struct store *st, const char *id, const char *vocab, const char *code,
                   int origin)
{
    struct rec_tags t = {0};
    struct err err = {0};
    assert_int_equal(core_rec_get(st, id, copy_tags, &t, &err), 0);
    for (size_t i = 0; i < t.n; i++)
        if (!strcmp(t.vocab[i], vocab) && !strcmp(t.code[i], code) &&
            (origin < 0 || t.origin[i] == origin))
            return 1;
    return 0;
}

/* Every stored suggestion: none may repeat one of the recommendation's tags. */
static int check_not_a_tag(void *ctx, const struct store_suggestion *s)
{
    struct store *st = ctx;
    if (has_tag(st, s->rec_id, s->vocab, s->code, -1))
        fail_msg("%s: suggested %s %s, which it has already", s->rec_id, s->vocab, s->code);
    return 0;
}

static long count(struct store *st, const char *rec, int review)
{
    struct store_suggestion_filter f = {rec, "sdg", review, -1e9, 0, 0};
    long n = -1;
    struct err err = {0};
    assert_int_equal(store_suggestion_count(st, &f, &n, &err), 0);
    return n;
}

static struct core_tag_stats run_sdg(struct fixture *f, int only_untagged)
{
    struct core_tag_opts o = {"sdg", f->sdg, only_untagged, NULL, 3};
    struct core_tag_stats stats;
    struct err err = {0};
    if (core_tag_run(f->st, &f->coord, &o, check_not_a_tag, f->st, &stats, &err))
        fail_msg("tag run: %s", err.msg);
    return stats;
}

/* ---- tagging -------------------------------------------------------------------------------- */

static void test_a_run_stores_pending_suggestions_that_never_repeat_a_tag(void **state)
{
    struct fixture *f = *state;
    struct core_tag_stats s = run_sdg(f, 0);
    assert_int_equal(s.recommendations, 215);
    assert_true(s.suggested > 0);
    assert_true(s.kept_out > 0); /* most recommendations carry OHCHR's SDG tags already */
    assert_int_equal(count(f->st, NULL, STORE_REVIEW_PENDING), s.suggested);
    assert_int_equal(count(f->st, NULL, STORE_REVIEW_ACCEPTED), 0);
    /* the run is in the audit trail */
    struct store_audit_filter af = {.entity = "tag_run"};
    long n = 0;
    struct err err = {0};
    assert_int_equal(store_audit_count(f->st, &af, &n, &err), 0);
    assert_int_equal(n, 1);
    /* tagging again replaces the pending suggestions: the count does not grow */
    struct core_tag_stats again = run_sdg(f, 0);
    assert_int_equal(again.suggested, s.suggested);
    assert_int_equal(count(f->st, NULL, -1), s.suggested);
}

static void test_only_untagged_skips_recommendations_with_a_tag(void **state)
{
    struct fixture *f = *state;
    struct core_tag_stats s = run_sdg(f, 1);
    assert_true(s.skipped > 150); /* OHCHR tagged most of them */
    assert_int_equal(s.recommendations - s.skipped, 215 - s.skipped);
    assert_true(s.suggested > 0);
}

struct first {
    char rec[64], code[64];
    int found;
};

static int take_first(void *ctx, const struct store_suggestion *s)
{
    struct first *x = ctx;
    if (!x->found) {
        snprintf(x->rec, sizeof x->rec, "%s", s->rec_id);
        snprintf(x->code, sizeof x->code, "%s", s->code);
        x->found = 1;
    }
    return 0;
}

static struct first first_pending(struct fixture *f)
{
    struct first x = {0};
    struct store_suggestion_filter sf = {NULL, "sdg", STORE_REVIEW_PENDING, -1e9, 0, 0};
    struct err err = {0};
    assert_int_equal(core_tag_suggestions(f->st, &f->coord, &sf, take_first, &x, NULL, &err), 0);
    assert_true(x.found);
    return x;
}

static void test_accepting_makes_a_machine_tag_with_an_audit_event(void **state)
{
    struct fixture *f = *state;
    run_sdg(f, 0);
    struct first x = first_pending(f);
    struct err err = {0};
    assert_false(has_tag(f->st, x.rec, "sdg", x.code, -1));
    assert_int_equal(core_tag_accept(f->st, &f->coord, x.rec, "sdg", x.code, &err), 0);
    assert_true(has_tag(f->st, x.rec, "sdg", x.code, STORE_TAG_MACHINE));
    struct store_audit_filter af = {
        .entity = "recommendation", .entity_id = x.rec, .action = "tag_accept"};
    long n = 0;
    assert_int_equal(store_audit_count(f->st, &af, &n, &err), 0);
    assert_int_equal(n, 1);
    /* twice is refused, and a tag run leaves the accepted one alone */
    assert_int_equal(core_tag_accept(f->st, &f->coord, x.rec, "sdg", x.code, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "already accepted"));
    run_sdg(f, 0);
    assert_true(has_tag(f->st, x.rec, "sdg", x.code, STORE_TAG_MACHINE));
}

static void test_a_rejected_suggestion_is_never_made_again(void **state)
{
    struct fixture *f = *state;
    run_sdg(f, 0);
    struct first x = first_pending(f);
    struct err err = {0};
    assert_int_equal(core_tag_reject(f->st, &f->coord, x.rec, "sdg", x.code, &err), 0);
    run_sdg(f, 0);
    struct store_suggestion_filter sf = {x.rec, "sdg", -1, -1e9, 0, 0};
    struct first again = {0};
    assert_int_equal(store_suggestion_each(f->st, &sf, take_first, &again, &err), 0);
    long rejected = count(f->st, x.rec, STORE_REVIEW_REJECTED);
    assert_int_equal(rejected, 1); /* still there, still rejected, not pending again */
    assert_false(has_tag(f->st, x.rec, "sdg", x.code, -1));
    assert_int_equal(core_tag_reject(f->st, &f->coord, x.rec, "sdg", "99", &err), ERR_NOTFOUND);
}

static void test_accepting_above_a_score_accepts_exactly_those(void **state)
{
    struct fixture *f = *state;
    run_sdg(f, 0);
    struct store_suggestion_filter high = {NULL, "sdg", STORE_REVIEW_PENDING, 1.0, 0, 0};
    long expected = 0, accepted = -1;
    struct err err = {0};
    assert_int_equal(store_suggestion_count(f->st, &high, &expected, &err), 0);
    assert_true(expected > 0);
    assert_int_equal(core_tag_accept_above(f->st, &f->coord, "sdg", 1.0, &accepted, &err), 0);
    assert_int_equal(accepted, expected);
    assert_int_equal(count(f->st, NULL, STORE_REVIEW_ACCEPTED), expected);
    assert_int_equal(store_suggestion_count(f->st, &high, &expected, &err), 0);
    assert_int_equal(expected, 0);
}

static void test_viewers_may_not_tag_and_nothing_changes(void **state)
{
    struct fixture *f = *state;
    struct core_tag_opts o = {"sdg", f->sdg, 0, NULL, 3};
    struct err err = {0};
    long before = count(f->st, NULL, -1);
    assert_int_equal(core_tag_run(f->st, &f->viewer, &o, NULL, NULL, NULL, &err), ERR_DENIED);
    assert_int_equal(core_tag_accept_above(f->st, &f->viewer, "sdg", 0, NULL, &err), ERR_DENIED);
    assert_int_equal(count(f->st, NULL, -1), before);
}

static void test_fields_name_their_vocabulary_and_model(void **state)
{
    (void)state;
    assert_string_equal(core_tag_field_find("sdgs")->vocab, "sdg");
    assert_string_equal(core_tag_field_find("themes")->model, "uhri_theme.model");
    assert_string_equal(core_tag_field_find("groups")->vocab, "affected_person");
    assert_string_equal(core_tag_field_find("upr_issue")->field, "issues");
    assert_null(core_tag_field_find("colours"));
}

/* ---- similar --------------------------------------------------------------------------------- */

struct hits {
    char id[8][64];
    int near[8];
    size_t n;
};

static int copy_hit(void *ctx, const struct core_similar_hit *h)
{
    struct hits *x = ctx;
    assert_non_null(h->text);
    assert_int_equal(h->cycle, 3);
    if (x->n < 8) {
        snprintf(x->id[x->n], 64, "%s", h->id);
        x->near[x->n++] = h->near_copy;
    }
    return 0;
}

/* 121.1 and 121.2 both ask to ratify the Convention on Enforced Disappearance. */
static void test_similar_finds_the_same_request_from_other_states(void **state)
{
    struct fixture *f = *state;
    struct hits x = {0};
    struct err err = {0};
    assert_int_equal(core_similar(f->st, "SVN-UPR34-121.1", 3, copy_hit, &x, &err), 0);
    assert_int_equal(x.n, 3);
    assert_string_equal(x.id[0], "SVN-UPR34-121.2");
    for (size_t i = 0; i < x.n; i++)
        assert_string_not_equal(x.id[i], "SVN-UPR34-121.1");
    assert_int_equal(core_similar(f->st, "NOPE", 3, copy_hit, &x, &err), ERR_NOTFOUND);
}

struct group_check {
    size_t groups, last_size;
    int saw_121;
};

static int check_group(void *ctx, size_t group, const struct core_similar_hit *m, size_t n)
{
    struct group_check *g = ctx;
    assert_int_equal(group, g->groups + 1);
    assert_true(n >= 2);
    assert_true(!g->last_size || n <= g->last_size); /* largest first */
    for (size_t i = 1; i < n; i++)
        assert_true(strcmp(m[i - 1].id, m[i].id) < 0); /* members by id */
    for (size_t i = 0; i < n; i++)
        g->saw_121 |= !strcmp(m[i].id, "SVN-UPR34-121.1");
    g->groups++;
    g->last_size = n;
    return 0;
}

static void test_groups_of_repeated_recommendations(void **state)
{
    struct fixture *f = *state;
    struct core_similar_index *idx = NULL;
    struct err err = {0};
    assert_int_equal(core_similar_index_new(f->st, NULL, &idx, &err), 0);
    assert_int_equal(core_similar_index_count(idx), 215);
    struct group_check g = {0};
    assert_int_equal(core_similar_groups(idx, 0.5, 2, check_group, &g, &err), 0);
    assert_true(g.groups > 3);
    assert_true(g.saw_121);
    assert_int_equal(core_similar_groups(idx, 0.0, 2, check_group, &g, &err), ERR_INPUT);
    core_similar_index_free(idx);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_a_run_stores_pending_suggestions_that_never_repeat_a_tag),
        T(test_only_untagged_skips_recommendations_with_a_tag),
        T(test_accepting_makes_a_machine_tag_with_an_audit_event),
        T(test_a_rejected_suggestion_is_never_made_again),
        T(test_accepting_above_a_score_accepts_exactly_those),
        T(test_viewers_may_not_tag_and_nothing_changes),
        cmocka_unit_test(test_fields_name_their_vocabulary_and_model),
        T(test_similar_finds_the_same_request_from_other_states),
        T(test_groups_of_repeated_recommendations),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
