/*
 * test_fold.c — languages, UTF-8 validation and decoding, character classes and folding
 * (src/text/fold.c). French samples come from HRC resolution 30/25 as adopted
 * (../shared/seeds/001_d061f8bf4f9f4b67.txt), with its typographic apostrophes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "text/fold.h"

static const char resolution_30_25[] =
    "Considérant que le renforcement de la coopération internationale dans le domaine des droits "
    "de l’homme est indispensable à la pleine réalisation des buts de l’Organisation des Nations "
    "Unies";

/* Folds text with flags into a static buffer; fails the test if folding fails. */
static const char *fold(const char *text, int flags)
{
    static char result[1024];
    struct buf out = BUF_INIT;
    assert_int_equal(text_fold(text, strlen(text), flags, &out), 0);
    assert_true(out.len < sizeof result);
    memcpy(result, buf_str(&out), out.len + 1);
    buf_free(&out);
    return result;
}

static void test_lang_parse_accepts_the_three_codes_in_any_case(void **state)
{
    (void)state;
    enum text_lang lang = TEXT_LANG_EN;
    assert_int_equal(text_lang_parse("fr", &lang), 0);
    assert_int_equal(lang, TEXT_LANG_FR);
    assert_int_equal(text_lang_parse("ES", &lang), 0);
    assert_int_equal(lang, TEXT_LANG_ES);
    assert_int_equal(text_lang_parse("En", &lang), 0);
    assert_int_equal(lang, TEXT_LANG_EN);
}

static void test_lang_parse_rejects_other_codes_and_leaves_out_alone(void **state)
{
    (void)state;
    enum text_lang lang = TEXT_LANG_ES;
    assert_int_equal(text_lang_parse("de", &lang), ERR_INPUT);
    assert_int_equal(text_lang_parse("", &lang), ERR_INPUT);
    assert_int_equal(text_lang_parse("e", &lang), ERR_INPUT);
    assert_int_equal(text_lang_parse("eng", &lang), ERR_INPUT);
    assert_int_equal(text_lang_parse("fr-FR", &lang), ERR_INPUT);
    assert_int_equal(text_lang_parse(NULL, &lang), ERR_INPUT);
    assert_int_equal(lang, TEXT_LANG_ES);
}

static void test_lang_code_round_trips_and_survives_bad_values(void **state)
{
    (void)state;
    for (int i = 0; i < TEXT_LANG_COUNT; i++) {
        enum text_lang back;
        assert_int_equal(text_lang_parse(text_lang_code((enum text_lang)i), &back), 0);
        assert_int_equal(back, i);
    }
    assert_string_equal(text_lang_code((enum text_lang)7), "??");
}

static void test_utf8_check_accepts_french_text_and_nul_bytes(void **state)
{
    (void)state;
    size_t bad = 99;
    assert_int_equal(text_utf8_check(resolution_30_25, strlen(resolution_30_25), &bad), 0);
    assert_int_equal(bad, 99);
    assert_int_equal(text_utf8_check("a\0b", 3, &bad), 0);
    assert_int_equal(text_utf8_check("\xF4\x8F\xBF\xBF", 4, &bad), 0); /* U+10FFFF */
    assert_int_equal(text_utf8_check("", 0, NULL), 0);
}

static void check_bad(const char *bytes, size_t n, size_t expected_offset)
{
    size_t bad = 99;
    assert_int_equal(text_utf8_check(bytes, n, &bad), ERR_INPUT);
    assert_int_equal(bad, expected_offset);
}

static void test_utf8_check_reports_offset_of_first_bad_sequence(void **state)
{
    (void)state;
    check_bad("ab\xC0\xAF", 4, 2);           /* overlong '/' */
    check_bad("é\xE0\x80\xAF", 5, 2);        /* overlong 3-byte '/' */
    check_bad("x\xF0\x80\x80\xAF", 5, 1);    /* overlong 4-byte */
    check_bad("\xED\xA0\x80", 3, 0);         /* surrogate U+D800 */
    check_bad("ok\xED\xBF\xBF", 5, 2);       /* surrogate U+DFFF */
    check_bad("\xF4\x90\x80\x80", 4, 0);     /* U+110000 */
    check_bad("droits\xC3", 7, 6);           /* truncated at the end */
    check_bad("a\x80", 2, 1);                /* lone continuation byte */
    check_bad("\xF5\x80\x80\x80", 4, 0);     /* lead byte beyond Unicode */
    check_bad("caf\xC3\xA9 \xE2\x82", 8, 6); /* truncated euro sign after valid é */
    check_bad("\xE2\x28\xA1", 3, 0);         /* continuation replaced by '(' */
}

static void test_utf8_decode_gives_code_point_and_length(void **state)
{
    (void)state;
    uint32_t cp = 0;
    assert_int_equal(text_utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 0x41);
    assert_int_equal(text_utf8_decode("é", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(text_utf8_decode("’", 3, &cp), 3);
    assert_int_equal(cp, 0x2019);
    assert_int_equal(text_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(text_utf8_decode("é", 1, &cp), ERR_INPUT); /* only one byte available */
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(text_utf8_decode("", 0, &cp), ERR_INPUT);
}

static void test_char_class_separates_words_spaces_apostrophes_and_format_chars(void **state)
{
    (void)state;
    assert_int_equal(text_char_class_of('a'), TEXT_CHAR_WORD);
    assert_int_equal(text_char_class_of('7'), TEXT_CHAR_WORD);
    assert_int_equal(text_char_class_of(0xE9), TEXT_CHAR_WORD);   /* é */
    assert_int_equal(text_char_class_of(0x301), TEXT_CHAR_WORD);  /* combining acute */
    assert_int_equal(text_char_class_of(0x4E2D), TEXT_CHAR_WORD); /* 中 */
    assert_int_equal(text_char_class_of(0xB2), TEXT_CHAR_WORD);   /* ² */
    assert_int_equal(text_char_class_of('\''), TEXT_CHAR_APOSTROPHE);
    assert_int_equal(text_char_class_of(0x2019), TEXT_CHAR_APOSTROPHE);
    assert_int_equal(text_char_class_of(0x02BC), TEXT_CHAR_APOSTROPHE); /* a letter (Lm) */
    assert_int_equal(text_char_class_of(' '), TEXT_CHAR_SPACE);
    assert_int_equal(text_char_class_of('\0'), TEXT_CHAR_SPACE);
    assert_int_equal(text_char_class_of('\n'), TEXT_CHAR_SPACE);
    assert_int_equal(text_char_class_of(0xA0), TEXT_CHAR_SPACE);   /* no-break space */
    assert_int_equal(text_char_class_of(0x202F), TEXT_CHAR_SPACE); /* French thin space */
    assert_int_equal(text_char_class_of('-'), TEXT_CHAR_OTHER);
    assert_int_equal(text_char_class_of(0x2013), TEXT_CHAR_OTHER);   /* en dash */
    assert_int_equal(text_char_class_of(0xAB), TEXT_CHAR_OTHER);     /* « */
    assert_int_equal(text_char_class_of(0xAD), TEXT_CHAR_IGNORABLE); /* soft hyphen */
    assert_int_equal(text_char_class_of(0x200B), TEXT_CHAR_IGNORABLE);
    assert_int_equal(text_char_class_of(0x110000), TEXT_CHAR_OTHER);
}

static void test_fold_case_folds_and_keeps_accents_without_flag(void **state)
{
    (void)state;
    assert_string_equal(fold("ÉDUCATION", 0), "éducation");
    assert_string_equal(fold("Droits de l'Homme", 0), "droits de l'homme");
    assert_string_equal(fold("Straße", 0), "strasse");
    assert_string_equal(fold("NIÑOS", 0), "niños");
}

static void test_fold_applies_nfkc(void **state)
{
    (void)state;
    assert_string_equal(fold("ﬁnancement", 0), "financement"); /* ligature */
    assert_string_equal(fold("m²", 0), "m2");
    assert_string_equal(fold("ＣＥＤＡＷ", 0), "cedaw");   /* full width */
    assert_string_equal(fold("e\xCC\x81", 0), "\xC3\xA9"); /* e + U+0301 composes to é */
}

static void test_fold_accents_strips_marks_and_spells_out_ligatures(void **state)
{
    (void)state;
    assert_string_equal(fold("é ñ ç à ü", TEXT_FOLD_ACCENTS), "e n c a u");
    assert_string_equal(fold("Œuvre cœur", TEXT_FOLD_ACCENTS), "oeuvre coeur");
    assert_string_equal(fold("Æ æ", TEXT_FOLD_ACCENTS), "ae ae");
    assert_string_equal(fold("ß", TEXT_FOLD_ACCENTS), "ss");
    assert_string_equal(fold("Łódź Ørsted", TEXT_FOLD_ACCENTS), "lodz orsted");
    assert_string_equal(fold("e\xCC\x81", TEXT_FOLD_ACCENTS), "e");
}

static void test_fold_turns_typographic_apostrophes_into_ascii(void **state)
{
    (void)state;
    assert_string_equal(fold("l’enfant", 0), "l'enfant");
    assert_string_equal(fold("d’accès", TEXT_FOLD_ACCENTS), "d'acces");
    assert_string_equal(fold("‘ʼ", 0), "''");
}

static void test_fold_maps_apostrophe_that_decomposition_produces(void **state)
{
    (void)state;
    /* U+0149 ŉ decomposes to U+02BC ʼ + n; found by fuzz_tokenize (not idempotent before). */
    assert_string_equal(fold("Coc\xC5\x89tac", 0), "coc'ntac");
    assert_string_equal(fold("\xC5\x89", TEXT_FOLD_ACCENTS), "'n");
}

static void test_fold_removes_soft_hyphen_and_zero_width_space(void **state)
{
    (void)state;
    assert_string_equal(fold("dévelop\xC2\xADpement", TEXT_FOLD_ACCENTS), "developpement");
    assert_string_equal(fold("droits\xE2\x80\x8Bhumains", 0), "droitshumains");
}

static void test_fold_of_seed_sentence_is_exact_and_idempotent(void **state)
{
    (void)state;
    const char *once = fold(resolution_30_25, TEXT_FOLD_ACCENTS);
    assert_string_equal(once, "considerant que le renforcement de la cooperation internationale "
                              "dans le domaine des droits de l'homme est indispensable a la "
                              "pleine realisation des buts de l'organisation des nations unies");
    char copy[1024];
    memcpy(copy, once, strlen(once) + 1); /* fold() returns at most 1024 bytes */
    assert_string_equal(fold(copy, TEXT_FOLD_ACCENTS), copy);
}

static void test_fold_appends_to_existing_content(void **state)
{
    (void)state;
    struct buf out = BUF_INIT;
    assert_int_equal(buf_puts(&out, "x:"), 0);
    assert_int_equal(text_fold("ÉTAT", strlen("ÉTAT"), TEXT_FOLD_ACCENTS, &out), 0);
    assert_int_equal(text_fold("AB", 2, 0, &out), 0);
    assert_string_equal(buf_str(&out), "x:etatab");
    buf_free(&out);
}

static void test_fold_rejects_invalid_utf8_and_leaves_out_unchanged(void **state)
{
    (void)state;
    struct buf out = BUF_INIT;
    assert_int_equal(buf_puts(&out, "kept"), 0);
    assert_int_equal(text_fold("caf\xE9", 4, 0, &out), ERR_INPUT); /* Latin-1 é */
    assert_int_equal(text_fold("\xED\xA0\x80", 3, TEXT_FOLD_ACCENTS, &out), ERR_INPUT);
    assert_string_equal(buf_str(&out), "kept");
    assert_int_equal(out.len, 4);
    buf_free(&out);
}

static void test_fold_handles_text_longer_than_its_stack_buffer(void **state)
{
    (void)state;
    struct buf in = BUF_INIT, out = BUF_INIT, expected = BUF_INIT;
    for (int i = 0; i < 500; i++) {
        assert_int_equal(buf_puts(&in, "Élan "), 0);
        assert_int_equal(buf_puts(&expected, "elan "), 0);
    }
    assert_int_equal(text_fold(in.data, in.len, TEXT_FOLD_ACCENTS, &out), 0);
    assert_string_equal(buf_str(&out), buf_str(&expected));
    buf_free(&in);
    buf_free(&out);
    buf_free(&expected);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lang_parse_accepts_the_three_codes_in_any_case),
        cmocka_unit_test(test_lang_parse_rejects_other_codes_and_leaves_out_alone),
        cmocka_unit_test(test_lang_code_round_trips_and_survives_bad_values),
        cmocka_unit_test(test_utf8_check_accepts_french_text_and_nul_bytes),
        cmocka_unit_test(test_utf8_check_reports_offset_of_first_bad_sequence),
        cmocka_unit_test(test_utf8_decode_gives_code_point_and_length),
        cmocka_unit_test(test_char_class_separates_words_spaces_apostrophes_and_format_chars),
        cmocka_unit_test(test_fold_case_folds_and_keeps_accents_without_flag),
        cmocka_unit_test(test_fold_applies_nfkc),
        cmocka_unit_test(test_fold_accents_strips_marks_and_spells_out_ligatures),
        cmocka_unit_test(test_fold_turns_typographic_apostrophes_into_ascii),
        cmocka_unit_test(test_fold_maps_apostrophe_that_decomposition_produces),
        cmocka_unit_test(test_fold_removes_soft_hyphen_and_zero_width_space),
        cmocka_unit_test(test_fold_of_seed_sentence_is_exact_and_idempotent),
        cmocka_unit_test(test_fold_appends_to_existing_content),
        cmocka_unit_test(test_fold_rejects_invalid_utf8_and_leaves_out_unchanged),
        cmocka_unit_test(test_fold_handles_text_longer_than_its_stack_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
