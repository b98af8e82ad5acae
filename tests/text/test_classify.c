/*
 * test_classify.c — the tagging classifier (src/text/classify.c, train.c, linear.c, model_io.c)
 * and its features (tfidf.c): terms and vectors, training that learns what examples teach,
 * label names matched the way vocabularies spell them, the prior of label texts across
 * languages, the crosswalk from a base model, reasons, determinism to the byte, and a model
 * file that survives a round trip and refuses damage. With ../shared/data, a slice of the UPR
 * Info export checks the quality on real recommendations.
 */
#include "test.h"

#include <math.h>

#include "import/csv.h"
#include "text/classify.h"
#include "text/tfidf.h"

/* ---- features ------------------------------------------------------------------------------- */

struct term_list {
    char terms[64][TEXT_TERM_MAX + 1];
    size_t n;
};

static int collect(void *ctx, const char *term, size_t len)
{
    struct term_list *l = ctx;
    if (l->n < 64) {
        memcpy(l->terms[l->n], term, len + 1);
        l->n++;
    }
    return 0;
}

static int has_term(const struct term_list *l, const char *t)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->terms[i], t))
            return 1;
    return 0;
}

static void test_terms_are_stems_without_function_words_then_pairs(void **state)
{
    (void)state;
    struct text_featurizer *fz;
    struct err err = {0};
    assert_int_equal(text_featurizer_new(&fz, &err), 0);
    struct term_list l = {0};
    const char *s = "Ratify the Optional Protocols to the Convention against Torture";
    assert_int_equal(text_terms_each(fz, TEXT_LANG_EN, s, strlen(s), 1, collect, &l), 0);
    assert_true(has_term(&l, "ratifi"));
    assert_true(has_term(&l, "tortur"));
    assert_true(has_term(&l, "option protocol")); /* "Optional Protocols" as one pair */
    assert_false(has_term(&l, "the"));
    assert_false(has_term(&l, "to"));
    struct term_list fr = {0};
    const char *f = "Ratifier le Protocole facultatif se rapportant à la Convention";
    assert_int_equal(text_terms_each(fz, TEXT_LANG_FR, f, strlen(f), 0, collect, &fr), 0);
    assert_true(has_term(&fr, "protocol"));
    assert_false(has_term(&fr, "le"));
    assert_false(has_term(&fr, "la"));
    text_featurizer_free(fz);
}

static void test_dictionary_numbers_terms_in_order_of_first_appearance(void **state)
{
    (void)state;
    struct text_dict *d = text_dict_new();
    uint32_t a, b, c;
    assert_int_equal(text_dict_add(d, "woman", 5, &a), 0);
    assert_int_equal(text_dict_add(d, "child", 5, &b), 0);
    assert_int_equal(text_dict_add(d, "woman", 5, &c), 0);
    assert_int_equal(a, 0);
    assert_int_equal(b, 1);
    assert_int_equal(c, 0);
    assert_int_equal(text_dict_find(d, "child", 5), 1);
    assert_int_equal(text_dict_find(d, "chil", 4), -1);
    assert_string_equal(text_dict_term(d, 1, NULL), "child");
    assert_null(text_dict_term(d, 2, NULL));
    for (int i = 0; i < 5000; i++) { /* growth keeps every number */
        char t[16];
        snprintf(t, sizeof t, "t%d", i);
        assert_int_equal(text_dict_add(d, t, strlen(t), &a), 0);
        assert_int_equal(a, (uint32_t)i + 2);
    }
    assert_int_equal(text_dict_find(d, "t4321", 5), 4323);
    assert_int_equal(text_dict_add(d, "a\0b", 3, &a), ERR_INPUT);
    text_dict_free(d);
}

static void test_tfidf_vectors_are_sorted_unit_and_skip_unknown_terms(void **state)
{
    (void)state;
    struct text_featurizer *fz;
    struct err err = {0};
    struct text_dict *d = text_dict_new();
    uint32_t id;
    assert_int_equal(text_featurizer_new(&fz, &err), 0);
    assert_int_equal(text_dict_add(d, "tortur", 6, &id), 0);
    assert_int_equal(text_dict_add(d, "ratifi", 6, &id), 0);
    float idf[2] = {2.0f, 1.0f};
    struct text_vec v = {0};
    const char *s = "Ratify OP-CAT; torture, torture and more torture";
    assert_int_equal(text_tfidf_vector(fz, d, idf, TEXT_LANG_EN, s, strlen(s), 1, &v), 0);
    assert_int_equal(v.n, 2);
    assert_true(v.id[0] < v.id[1]);
    double norm = (double)v.w[0] * v.w[0] + (double)v.w[1] * v.w[1];
    assert_true(fabs(norm - 1.0) < 1e-5);
    assert_true(v.w[0] > v.w[1]); /* three times "torture", higher idf */
    assert_true(fabs(text_vec_dot(&v, &v) - 1.0) < 1e-5);
    text_vec_free(&v);
    text_dict_free(d);
    text_featurizer_free(fz);
}

/* ---- a small world of examples ------------------------------------------------------------ */

static const char *const torture_texts[] = {
    "Ratify the Optional Protocol to the Convention against Torture",
    "Investigate all allegations of torture and ill-treatment by the police",
    "Prevent torture in places of detention and prosecute the perpetrators",
    "Establish a national preventive mechanism against torture",
    "Criminalize torture in line with the Convention against Torture",
    "Ensure that confessions obtained under torture are not admissible",
};
static const char *const women_texts[] = {
    "Combat violence against women, including domestic violence",
    "Adopt a law on gender equality and against discrimination of women",
    "Increase the participation of women in political life",
    "Eliminate harmful practices against women and girls",
    "Protect women victims of domestic violence with shelters",
    "Promote equal pay for women and men",
};
static const char *const child_texts[] = {
    "Prohibit corporal punishment of children in all settings",
    "Raise the minimum age of marriage for girls and boys to 18",
    "Combat child labour and the economic exploitation of children",
    "Ensure birth registration of all children",
    "Protect children from sexual abuse and exploitation",
    "Guarantee free primary education for every child",
};

static struct text_trainer *trainer_for(const struct text_train_opts *o)
{
    struct text_trainer *t = NULL;
    struct err err = {0};
    assert_int_equal(text_trainer_new(o, &t, &err), 0);
    for (int round = 0; round < 3; round++) {
        for (size_t i = 0; i < 6; i++) {
            const char *w[] = {"Torture"}, *f[] = {"Women's rights"}, *c[] = {"Children"};
            assert_int_equal(text_trainer_add(t, TEXT_LANG_EN, torture_texts[i],
                                              strlen(torture_texts[i]), w, 1, &err),
                             0);
            assert_int_equal(text_trainer_add(t, TEXT_LANG_EN, women_texts[i],
                                              strlen(women_texts[i]), f, 1, &err),
                             0);
            assert_int_equal(text_trainer_add(t, TEXT_LANG_EN, child_texts[i],
                                              strlen(child_texts[i]), c, 1, &err),
                             0);
        }
    }
    return t;
}

static struct text_model *train(const struct text_train_opts *o)
{
    struct text_trainer *t = trainer_for(o);
    struct text_model *m = NULL;
    struct err err = {0};
    struct text_train_report rep;
    if (text_trainer_run(t, &m, &rep, &err))
        fail_msg("training failed: %s", err.msg);
    assert_int_equal(rep.examples, 54);
    text_trainer_free(t);
    return m;
}

/* The best label the model gives text in lang, by name. */
static const char *best(const struct text_model *m, enum text_lang lang, const char *text)
{
    static char name[256];
    struct text_featurizer *fz;
    struct text_prediction p = {0};
    struct err err = {0};
    assert_int_equal(text_featurizer_new(&fz, &err), 0);
    assert_int_equal(text_model_predict(m, fz, lang, text, strlen(text), &p, &err), 0);
    snprintf(name, sizeof name, "%s", p.nkept ? text_model_label(m, p.kept[0].label) : "");
    text_prediction_free(&p);
    text_featurizer_free(fz);
    return name;
}

static void test_training_learns_what_the_examples_teach(void **state)
{
    (void)state;
    struct text_train_opts o = {.vocab = "test"};
    struct text_model *m = train(&o);
    assert_int_equal(text_model_label_count(m), 3);
    assert_string_equal(best(m, TEXT_LANG_EN, "Stop the torture of detainees"), "Torture");
    assert_string_equal(best(m, TEXT_LANG_EN, "Fight domestic violence against women"),
                        "Women's rights");
    assert_string_equal(best(m, TEXT_LANG_EN, "End child marriage and child labour"), "Children");
    assert_string_equal(text_model_vocab(m), "test");
    text_model_free(m);
}

static void test_same_examples_give_the_same_model_byte_for_byte(void **state)
{
    (void)state;
    struct text_train_opts o = {0};
    struct text_model *a = train(&o), *b = train(&o);
    struct buf x = BUF_INIT, y = BUF_INIT;
    assert_int_equal(text_model_save(a, &x), 0);
    assert_int_equal(text_model_save(b, &y), 0);
    assert_int_equal(x.len, y.len);
    assert_memory_equal(x.data, y.data, x.len);
    buf_free(&x);
    buf_free(&y);
    text_model_free(a);
    text_model_free(b);
}

static void test_saved_model_loads_back_identical(void **state)
{
    (void)state;
    struct text_train_opts o = {.about = "three labels"};
    struct text_model *m = train(&o), *back = NULL;
    struct buf x = BUF_INIT, y = BUF_INIT;
    struct err err = {0};
    assert_int_equal(text_model_save(m, &x), 0);
    assert_int_equal(text_model_load("t.model", x.data, x.len, &back, &err), 0);
    assert_int_equal(text_model_save(back, &y), 0);
    assert_int_equal(x.len, y.len);
    assert_memory_equal(x.data, y.data, x.len);
    assert_string_equal(text_model_about(back), "three labels");
    assert_string_equal(best(back, TEXT_LANG_EN, "torture in prisons"), "Torture");
    buf_free(&x);
    buf_free(&y);
    text_model_free(m);
    text_model_free(back);
}

static void test_damaged_model_files_are_refused_with_a_reason(void **state)
{
    (void)state;
    struct text_train_opts o = {0};
    struct text_model *m = train(&o), *back = NULL;
    struct buf x = BUF_INIT;
    struct err err = {0};
    assert_int_equal(text_model_save(m, &x), 0);
    for (size_t cut = 0; cut < x.len; cut += 1 + cut / 8) { /* every truncation fails */
        assert_int_not_equal(text_model_load("t.model", x.data, cut, &back, &err), 0);
        assert_null(back);
        assert_non_null(strstr(err.msg, "t.model"));
    }
    x.data[x.len / 2] ^= 0x55;
    assert_int_equal(text_model_load("t.model", x.data, x.len, &back, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "checksum"));
    x.data[x.len / 2] ^= 0x55;
    x.data[8] = 9; /* format version 9 */
    assert_int_equal(text_model_load("t.model", x.data, x.len, &back, &err), ERR_VERSION);
    assert_int_equal(text_model_load("t.model", "hello", 5, &back, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "not a suivi model"));
    buf_free(&x);
    text_model_free(m);
}

static void test_label_names_match_as_vocabularies_spell_them(void **state)
{
    (void)state;
    static const struct text_label_info vocab[] = {
        {"Equality & non-discrimination", {NULL}},
        {"Racial discrimination", {NULL}},
    };
    static const struct text_alias aliases[] = {{"Members of minorities", "Racial discrimination"}};
    struct text_train_opts o = {.labels = vocab, .nlabels = 2, .aliases = aliases, .naliases = 1};
    struct text_trainer *t = NULL;
    struct err err = {0};
    assert_int_equal(text_trainer_new(&o, &t, &err), 0);
    const char *a[] = {"B31 Equality and non-discrimination", "G1 Members of minorities"};
    const char *b[] = {"equality & NON-discrimination "};
    const char *s1 = "Combat discrimination against Roma", *s2 = "Ensure equality before the law";
    assert_int_equal(text_trainer_add(t, TEXT_LANG_EN, s1, strlen(s1), a, 2, &err), 0);
    assert_int_equal(text_trainer_add(t, TEXT_LANG_EN, s2, strlen(s2), b, 1, &err), 0);
    struct text_model *m = NULL;
    assert_int_equal(text_trainer_run(t, &m, NULL, &err), 0);
    assert_int_equal(text_model_label_count(m), 2); /* no label was added */
    assert_int_equal(text_model_label_find(m, "B31 Equality & non-discrimination"), 0);
    assert_int_equal(text_model_label_find(m, "members of minorities"), 1);
    assert_int_equal(text_model_label_find(m, "Death penalty"), -1);
    struct buf key = BUF_INIT;
    assert_int_equal(text_label_key("A12 Acceptance of international norms", &key), 0);
    assert_string_equal(buf_str(&key), "acceptance of international norms");
    buf_free(&key);
    text_model_free(m);
    text_trainer_free(t);
}

/* French text, English examples: the French label texts carry the prediction. */
static void test_label_texts_let_a_model_tag_french_and_spanish(void **state)
{
    (void)state;
    static const struct text_label_info vocab[] = {
        {"Torture",
         {"torture ill-treatment", "torture mauvais traitements détention",
          "tortura malos tratos detención"}},
        {"Women's rights",
         {"women's rights", "droits des femmes violence égalité",
          "derechos de la mujer violencia igualdad"}},
        {"Children",
         {"rights of the child", "droits de l'enfant enfants mineurs",
          "derechos del niño niños menores"}},
    };
    struct text_train_opts o = {.labels = vocab, .nlabels = 3};
    struct text_model *m = train(&o);
    assert_string_equal(best(m, TEXT_LANG_FR, "Lutter contre la violence faite aux femmes"),
                        "Women's rights");
    assert_string_equal(best(m, TEXT_LANG_ES, "Proteger a los niños y menores"), "Children");
    assert_string_equal(best(m, TEXT_LANG_FR, "Prévenir la torture en détention"), "Torture");
    text_model_free(m);
}

/* No labelled example (SDG tags did not exist in cycle 2): the label texts decide alone, and
 * every text gets its best label. */
static void test_without_labelled_examples_the_best_described_label_is_kept(void **state)
{
    (void)state;
    static const struct text_label_info vocab[] = {
        {"4", {"Ensure inclusive and equitable quality education", NULL, NULL}},
        {"5", {"Achieve gender equality and empower all women and girls", NULL, NULL}},
    };
    struct text_train_opts o = {.labels = vocab, .nlabels = 2};
    struct text_trainer *t = NULL;
    struct err err = {0};
    assert_int_equal(text_trainer_new(&o, &t, &err), 0);
    const char *s = "Improve the quality of schools";
    assert_int_equal(text_trainer_add(t, TEXT_LANG_EN, s, strlen(s), NULL, 0, &err), 0);
    struct text_model *m = NULL;
    assert_int_equal(text_trainer_run(t, &m, NULL, &err), 0);
    assert_string_equal(best(m, TEXT_LANG_EN, "Empower women and girls"), "5");
    assert_string_equal(best(m, TEXT_LANG_EN, "Quality education for all"), "4");
    text_model_free(m);
    text_trainer_free(t);
}

static void test_no_labels_at_all_and_unknown_languages_are_errors(void **state)
{
    (void)state;
    struct text_train_opts o = {0};
    struct text_trainer *t = NULL;
    struct err err = {0};
    assert_int_equal(text_trainer_new(&o, &t, &err), 0);
    assert_int_equal(text_trainer_add(t, (enum text_lang)7, "x", 1, NULL, 0, &err), ERR_INPUT);
    struct text_model *m = NULL;
    assert_int_equal(text_trainer_run(t, &m, NULL, &err), ERR_INPUT);
    assert_null(m);
    assert_non_null(strstr(err.msg, "no labels"));
    text_trainer_free(t);
}

/* A crosswalk from a base model: a label without examples is reached through it. */
static void test_crosswalk_carries_a_base_models_evidence(void **state)
{
    (void)state;
    struct text_train_opts bo = {0};
    struct text_model *base = train(&bo);
    static const struct text_label_info vocab[] = {{"16", {"peace justice", NULL, NULL}},
                                                   {"5", {"gender", NULL, NULL}}};
    static const struct text_link links[] = {{"Torture", "16", 1.0f},
                                             {"Women's rights", "5", 1.0f}};
    struct text_train_opts o = {
        .labels = vocab, .nlabels = 2, .base = base, .links = links, .nlinks = 2};
    struct text_trainer *t = NULL;
    struct err err = {0};
    assert_int_equal(text_trainer_new(&o, &t, &err), 0);
    text_model_free(base); /* the trainer keeps its own copy */
    const char *s = "An unrelated sentence";
    assert_int_equal(text_trainer_add(t, TEXT_LANG_EN, s, strlen(s), NULL, 0, &err), 0);
    struct text_model *m = NULL;
    assert_int_equal(text_trainer_run(t, &m, NULL, &err), 0);
    assert_string_equal(best(m, TEXT_LANG_EN, "Prosecute torture by the police"), "16");
    assert_string_equal(best(m, TEXT_LANG_EN, "Shelters for victims of domestic violence"), "5");
    /* saved with the base inside, it predicts the same */
    struct buf x = BUF_INIT;
    struct text_model *back = NULL;
    assert_int_equal(text_model_save(m, &x), 0);
    assert_int_equal(text_model_load("x", x.data, x.len, &back, &err), 0);
    assert_string_equal(best(back, TEXT_LANG_EN, "Prosecute torture by the police"), "16");
    buf_free(&x);
    text_model_free(back);
    text_model_free(m);
    text_trainer_free(t);
}

static void test_a_link_to_an_unknown_label_is_refused(void **state)
{
    (void)state;
    struct text_train_opts bo = {0};
    struct text_model *base = train(&bo);
    static const struct text_label_info vocab[] = {{"16", {NULL}}};
    static const struct text_link links[] = {{"Death penalty", "16", 1.0f}};
    struct text_train_opts o = {
        .labels = vocab, .nlabels = 1, .base = base, .links = links, .nlinks = 1};
    struct text_trainer *t = NULL;
    struct err err = {0};
    assert_int_equal(text_trainer_new(&o, &t, &err), ERR_INPUT);
    assert_null(t);
    assert_non_null(strstr(err.msg, "Death penalty"));
    text_model_free(base);
}

/* A model that names its base instead of holding it needs that very base to load. */
static void test_a_base_named_by_reference_must_be_the_same(void **state)
{
    (void)state;
    struct text_train_opts bo = {0};
    struct text_model *base = train(&bo);
    struct buf bb = BUF_INIT, x = BUF_INIT, ref = BUF_INIT;
    struct err err = {0};
    assert_int_equal(text_model_save(base, &bb), 0);
    static const struct text_label_info vocab[] = {{"16", {NULL}}};
    static const struct text_link links[] = {{"Torture", "16", 1.0f}};
    struct text_train_opts o = {
        .labels = vocab, .nlabels = 1, .base = base, .links = links, .nlinks = 1};
    struct text_trainer *t = NULL;
    assert_int_equal(text_trainer_new(&o, &t, &err), 0);
    struct text_model *m = NULL, *back = NULL, *b2 = NULL;
    assert_int_equal(text_trainer_run(t, &m, NULL, &err), 0);
    assert_int_equal(text_model_set_base_ref(m, "issues.model"), 0);
    assert_int_equal(text_model_save(m, &x), 0);
    assert_int_equal(text_model_base_ref(x.data, x.len, &ref), 1);
    assert_string_equal(buf_str(&ref), "issues.model");
    assert_int_equal(text_model_load("m", x.data, x.len, &back, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "issues.model"));
    assert_int_equal(text_model_load("b", bb.data, bb.len, &b2, &err), 0);
    assert_int_equal(text_model_load_with_base("m", x.data, x.len, b2, &back, &err), 0);
    assert_string_equal(best(back, TEXT_LANG_EN, "torture"), "16");
    text_model_free(back);
    /* another base (one byte of its about changed) is refused */
    struct text_train_opts other = {.about = "other"};
    struct text_model *wrong = train(&other);
    assert_int_equal(text_model_load_with_base("m", x.data, x.len, wrong, &back, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "not the base model"));
    buf_free(&bb), buf_free(&x), buf_free(&ref);
    text_model_free(m);
    text_model_free(base);
    text_trainer_free(t);
}

static void test_reasons_name_the_terms_that_weighed_most(void **state)
{
    (void)state;
    struct text_train_opts o = {0};
    struct text_model *m = train(&o);
    struct text_featurizer *fz;
    struct text_prediction p = {0};
    struct err err = {0};
    struct buf why = BUF_INIT;
    assert_int_equal(text_featurizer_new(&fz, &err), 0);
    const char *s = "Criminalize torture and investigate torture by the police";
    assert_int_equal(text_model_predict(m, fz, TEXT_LANG_EN, s, strlen(s), &p, &err), 0);
    assert_true(p.nkept >= 1);
    assert_int_equal(text_model_reason(m, &p, p.kept[0].label, 3, &why), 0);
    assert_non_null(strstr(buf_str(&why), "tortur"));
    for (size_t k = 1; k < p.nkept; k++) /* kept labels are in descending score order */
        assert_true(p.kept[k - 1].score >= p.kept[k].score);
    buf_free(&why);
    text_prediction_free(&p);
    text_featurizer_free(fz);
    text_model_free(m);
}

/* ---- real data ------------------------------------------------------------------------------ */

/* Trains on UPR Info rows 1..3000, tests on 3001..4000: micro-F1 well above chance. */
static void test_real_upr_info_slice_is_tagged_well(void **state)
{
    (void)state;
    char path[512];
    if (!test_shared("upr-info/upr_info_sessions_1-17_utf8.csv", path, sizeof path))
        skip();
    struct csv_reader *r;
    struct csv_row row;
    struct err err = {0};
    assert_int_equal(csv_open_file(path, NULL, &r, &err), 0);
    assert_int_equal(csv_read_row(r, &row, &err), 1);
    int text = csv_header_index(&row, "recommendation"), issues = csv_header_index(&row, "issues");
    struct text_train_opts o = {0};
    struct text_trainer *t = NULL;
    assert_int_equal(text_trainer_new(&o, &t, &err), 0);
    struct text_model *m = NULL;
    struct text_featurizer *fz;
    struct text_prediction p = {0};
    assert_int_equal(text_featurizer_new(&fz, &err), 0);
    long tp = 0, fp = 0, fn = 0;
    for (int n = 0; n < 4000 && csv_read_row(r, &row, &err) == 1; n++) {
        const char *names[32];
        char cell[2048];
        snprintf(cell, sizeof cell, "%s", row.fields[issues]);
        size_t k = 0;
        for (char *s = strtok(cell, "|"); s && k < 32; s = strtok(NULL, "|"))
            names[k++] = s;
        const char *x = row.fields[text];
        if (n < 3000) {
            assert_int_equal(text_trainer_add(t, TEXT_LANG_EN, x, strlen(x), names, k, &err), 0);
            continue;
        }
        if (!m)
            assert_int_equal(text_trainer_run(t, &m, NULL, &err), 0);
        assert_int_equal(text_model_predict(m, fz, TEXT_LANG_EN, x, strlen(x), &p, &err), 0);
        for (size_t i = 0; i < p.nkept; i++) {
            int hit = 0;
            for (size_t j = 0; j < k; j++)
                hit |= text_model_label_find(m, names[j]) == (long)p.kept[i].label;
            tp += hit, fp += !hit;
        }
        for (size_t j = 0; j < k; j++) {
            int hit = 0;
            for (size_t i = 0; i < p.nkept; i++)
                hit |= text_model_label_find(m, names[j]) == (long)p.kept[i].label;
            fn += !hit;
        }
    }
    double f1 = 2.0 * tp / (2.0 * tp + fp + fn);
    if (f1 < 0.75)
        fail_msg("micro-F1 %.3f on 1000 held-out UPR Info rows", f1);
    text_prediction_free(&p);
    text_featurizer_free(fz);
    text_model_free(m);
    text_trainer_free(t);
    csv_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_terms_are_stems_without_function_words_then_pairs),
        cmocka_unit_test(test_dictionary_numbers_terms_in_order_of_first_appearance),
        cmocka_unit_test(test_tfidf_vectors_are_sorted_unit_and_skip_unknown_terms),
        cmocka_unit_test(test_training_learns_what_the_examples_teach),
        cmocka_unit_test(test_same_examples_give_the_same_model_byte_for_byte),
        cmocka_unit_test(test_saved_model_loads_back_identical),
        cmocka_unit_test(test_damaged_model_files_are_refused_with_a_reason),
        cmocka_unit_test(test_label_names_match_as_vocabularies_spell_them),
        cmocka_unit_test(test_label_texts_let_a_model_tag_french_and_spanish),
        cmocka_unit_test(test_without_labelled_examples_the_best_described_label_is_kept),
        cmocka_unit_test(test_no_labels_at_all_and_unknown_languages_are_errors),
        cmocka_unit_test(test_crosswalk_carries_a_base_models_evidence),
        cmocka_unit_test(test_a_link_to_an_unknown_label_is_refused),
        cmocka_unit_test(test_a_base_named_by_reference_must_be_the_same),
        cmocka_unit_test(test_reasons_name_the_terms_that_weighed_most),
        cmocka_unit_test(test_real_upr_info_slice_is_tagged_well),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
