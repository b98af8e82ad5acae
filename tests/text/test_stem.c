/*
 * test_stem.c — stems per language (src/text/stem.c): every inflected pair of the domain that a
 * search must treat as one word gives one stem, with the exact stem asserted so that a change
 * of Snowball or of the irregular tables shows up here first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "text/stem.h"

struct pair {
    const char *a, *b, *stem;
};

static struct text_stemmer *stemmer_for(enum text_lang lang)
{
    struct text_stemmer *st = NULL;
    struct err err = {0};
    assert_int_equal(text_stemmer_new(lang, &st, &err), 0);
    assert_non_null(st);
    return st;
}

/* The stem of word, in a static buffer. */
static const char *stem(struct text_stemmer *st, const char *word)
{
    static char result[256];
    struct buf out = BUF_INIT;
    assert_int_equal(text_stem_word(st, word, strlen(word), &out), 0);
    assert_true(out.len < sizeof result);
    memcpy(result, buf_str(&out), out.len + 1);
    buf_free(&out);
    return result;
}

static void check_pairs(enum text_lang lang, const struct pair *pairs, size_t count)
{
    struct text_stemmer *st = stemmer_for(lang);
    for (size_t i = 0; i < count; i++) {
        char first[256];
        const char *a = stem(st, pairs[i].a);
        memcpy(first, a, strlen(a) + 1);
        const char *b = stem(st, pairs[i].b);
        if (strcmp(first, b) != 0 || strcmp(first, pairs[i].stem) != 0)
            fail_msg("%s: '%s' -> '%s' and '%s' -> '%s', expected both '%s'", text_lang_code(lang),
                     pairs[i].a, first, pairs[i].b, b, pairs[i].stem);
    }
    text_stemmer_free(st);
}

static void test_english_irregular_plurals_share_the_singular_stem(void **state)
{
    (void)state;
    static const struct pair pairs[] = {
        {"woman", "women", "woman"},
        {"man", "men", "man"},
        {"child", "children", "child"},
        {"wife", "wives", "wife"},
        {"life", "lives", "life"},
        {"analysis", "analyses", "analys"},
        {"crisis", "crises", "crisi"},
        {"index", "indices", "index"},
        {"criterion", "criteria", "criterion"},
    };
    check_pairs(TEXT_LANG_EN, pairs, sizeof pairs / sizeof pairs[0]);
}

static void test_english_regular_forms_are_left_to_snowball(void **state)
{
    (void)state;
    static const struct pair pairs[] = {
        {"right", "rights", "right"},
        {"person", "persons", "person"},
        {"people", "peoples", "peopl"},
        {"defender", "defenders", "defend"},
        {"investigate", "investigation", "investig"},
        {"violence", "violences", "violenc"},
        {"analyse", "analysed", "analys"},
        {"country", "countries", "countri"},
    };
    check_pairs(TEXT_LANG_EN, pairs, sizeof pairs / sizeof pairs[0]);
}

static void test_english_people_is_not_person(void **state)
{
    (void)state;
    struct text_stemmer *st = stemmer_for(TEXT_LANG_EN);
    char people[64];
    const char *s = stem(st, "people");
    memcpy(people, s, strlen(s) + 1);
    assert_string_not_equal(people, stem(st, "person"));
    text_stemmer_free(st);
}

static void test_french_plurals_share_the_singular_stem(void **state)
{
    (void)state;
    static const struct pair pairs[] = {
        /* Snowball alone */
        {"enfant", "enfants", "enfant"},
        {"droit", "droits", "droit"},
        {"femme", "femmes", "femm"},
        {"autochtone", "autochtones", "autochton"},
        {"hôpital", "hôpitaux", "hopital"},
        {"journal", "journaux", "journal"},
        {"mécanisme", "mécanismes", "mecan"},
        {"national", "nationaux", "national"},
        {"victime", "victimes", "victim"},
        {"réfugié", "réfugiées", "refugi"},
        /* the irregular table */
        {"travail", "travaux", "travail"},
        {"bail", "baux", "bail"},
        {"loi", "lois", "loi"},
        {"emploi", "emplois", "emploi"},
        {"revenu", "revenus", "revenu"},
        {"individu", "individus", "individu"},
        {"élu", "élus", "elu"},
        {"abri", "abris", "abri"},
        {"vœu", "vœux", "voeu"},
    };
    check_pairs(TEXT_LANG_FR, pairs, sizeof pairs / sizeof pairs[0]);
}

static void test_french_case_and_accents_do_not_change_the_stem(void **state)
{
    (void)state;
    static const struct pair pairs[] = {
        {"Enfant", "ENFANTS", "enfant"},
        {"éducation", "education", "educ"},
        {"Éducation", "ÉDUCATION", "educ"},
        {"coopération", "cooperation", "cooper"},
        {"développement", "developpement", "developp"},
        {"travaux", "TRAVAUX", "travail"},
        {"élus", "elus", "elu"},
    };
    check_pairs(TEXT_LANG_FR, pairs, sizeof pairs / sizeof pairs[0]);
}

static void test_spanish_plurals_share_the_singular_stem(void **state)
{
    (void)state;
    static const struct pair pairs[] = {
        /* Snowball alone */
        {"niño", "niños", "nin"},
        {"niña", "niñas", "nin"},
        {"derecho", "derechos", "derech"},
        {"país", "países", "pais"},
        {"ley", "leyes", "ley"},
        {"nación", "naciones", "nacion"},
        {"defensor", "defensores", "defensor"},
        {"indígena", "indígenas", "indigen"},
        /* the consonant-plural rule */
        {"mujer", "mujeres", "muj"},
        {"libertad", "libertades", "libert"},
        {"joven", "jóvenes", "jov"},
        {"crimen", "crímenes", "crim"},
        {"régimen", "regímenes", "regim"},
        {"examen", "exámenes", "exam"},
        {"deber", "deberes", "deb"},
        {"líder", "líderes", "lid"},
        /* the irregular table */
        {"juez", "jueces", "juez"},
        {"vez", "veces", "vez"},
        {"raíz", "raíces", "raiz"},
        {"directriz", "directrices", "directriz"},
    };
    check_pairs(TEXT_LANG_ES, pairs, sizeof pairs / sizeof pairs[0]);
}

static void test_spanish_plural_typed_without_accents_matches(void **state)
{
    (void)state;
    static const struct pair pairs[] = {
        {"jóvenes", "jovenes", "jov"},
        {"países", "paises", "pais"},
        {"MUJERES", "Mujer", "muj"},
        {"raíces", "raices", "raiz"},
    };
    check_pairs(TEXT_LANG_ES, pairs, sizeof pairs / sizeof pairs[0]);
}

static void test_stems_carry_no_accents(void **state)
{
    (void)state;
    struct text_stemmer *fr = stemmer_for(TEXT_LANG_FR);
    struct text_stemmer *es = stemmer_for(TEXT_LANG_ES);
    assert_string_equal(stem(fr, "égalité"), "egal");
    assert_string_equal(stem(fr, "états"), "etat");
    assert_string_equal(stem(es, "niños"), "nin");
    assert_string_equal(stem(es, "educación"), "educ");
    text_stemmer_free(fr);
    text_stemmer_free(es);
}

static void test_stem_word_appends_and_empty_word_appends_nothing(void **state)
{
    (void)state;
    struct text_stemmer *st = stemmer_for(TEXT_LANG_EN);
    struct buf out = BUF_INIT;
    assert_int_equal(buf_puts(&out, "stem="), 0);
    assert_int_equal(text_stem_word(st, "", 0, &out), 0);
    assert_string_equal(buf_str(&out), "stem=");
    assert_int_equal(text_stem_word(st, "children", 8, &out), 0);
    assert_string_equal(buf_str(&out), "stem=child");
    /* Only the first n bytes count. */
    assert_int_equal(text_stem_word(st, "rightsXYZ", 6, &out), 0);
    assert_string_equal(buf_str(&out), "stem=childright");
    buf_free(&out);
    text_stemmer_free(st);
}

static void test_stem_word_rejects_invalid_utf8_and_leaves_out_unchanged(void **state)
{
    (void)state;
    struct text_stemmer *st = stemmer_for(TEXT_LANG_FR);
    struct buf out = BUF_INIT;
    assert_int_equal(buf_puts(&out, "kept"), 0);
    assert_int_equal(text_stem_word(st, "\xE9l\xE8ves", 6, &out), ERR_INPUT); /* Latin-1 */
    assert_string_equal(buf_str(&out), "kept");
    /* The stemmer is still usable afterwards. */
    assert_string_equal(stem(st, "enfants"), "enfant");
    buf_free(&out);
    text_stemmer_free(st);
}

/* The list a search backend reads (text_stem_irregular) is the table the stemmer uses: every
 * word in it stems differently than Snowball alone would take it, is folded and accent-free,
 * and the list ends. */
static void test_irregular_words_are_listed_per_language(void **state)
{
    (void)state;
    static const char *const first[TEXT_LANG_COUNT] = {"women", "travaux", "jueces"};
    for (int lang = 0; lang < TEXT_LANG_COUNT; lang++) {
        assert_string_equal(text_stem_irregular((enum text_lang)lang, 0), first[lang]);
        size_t n = 0;
        for (const char *w; (w = text_stem_irregular((enum text_lang)lang, n)); n++)
            for (const char *p = w; *p; p++)
                assert_true((*p >= 'a' && *p <= 'z'));
        assert_true(n >= 7 && n < 50);
        assert_null(text_stem_irregular((enum text_lang)lang, n + 5));
    }
    assert_null(text_stem_irregular((enum text_lang)TEXT_LANG_COUNT, 0));
    struct text_stemmer *st = stemmer_for(TEXT_LANG_EN);
    assert_string_equal(stem(st, text_stem_irregular(TEXT_LANG_EN, 0)), "woman");
    text_stemmer_free(st);
}

static void test_stemmer_new_rejects_unknown_language(void **state)
{
    (void)state;
    struct text_stemmer *st = (struct text_stemmer *)&st; /* anything but NULL */
    struct err err = {0};
    assert_int_equal(text_stemmer_new((enum text_lang)5, &st, &err), ERR_INPUT);
    assert_null(st);
    assert_int_equal(err.code, ERR_INPUT);
    assert_string_equal(err.msg, "stemmer: unknown language 5");
}

static void test_stemmer_reports_its_language_and_free_accepts_null(void **state)
{
    (void)state;
    struct text_stemmer *st = stemmer_for(TEXT_LANG_ES);
    assert_int_equal(text_stemmer_lang(st), TEXT_LANG_ES);
    text_stemmer_free(st);
    text_stemmer_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_irregular_plurals_share_the_singular_stem),
        cmocka_unit_test(test_english_regular_forms_are_left_to_snowball),
        cmocka_unit_test(test_english_people_is_not_person),
        cmocka_unit_test(test_french_plurals_share_the_singular_stem),
        cmocka_unit_test(test_french_case_and_accents_do_not_change_the_stem),
        cmocka_unit_test(test_spanish_plurals_share_the_singular_stem),
        cmocka_unit_test(test_spanish_plural_typed_without_accents_matches),
        cmocka_unit_test(test_stems_carry_no_accents),
        cmocka_unit_test(test_irregular_words_are_listed_per_language),
        cmocka_unit_test(test_stem_word_appends_and_empty_word_appends_nothing),
        cmocka_unit_test(test_stem_word_rejects_invalid_utf8_and_leaves_out_unchanged),
        cmocka_unit_test(test_stemmer_new_rejects_unknown_language),
        cmocka_unit_test(test_stemmer_reports_its_language_and_free_accepts_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
