/*
 * test_tokenize.c — words, elision, modes, offsets and hostile bytes (src/text/tokenize.c).
 * Samples: a UPR recommendation (English), HRC resolution 30/25 as adopted
 * (../shared/seeds/001_d061f8bf4f9f4b67.txt, French, typographic apostrophes), a Spanish CEDAW
 * style sentence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "text/tokenize.h"

struct collected {
    struct buf text;  /* tokens separated by spaces, colocated ones prefixed with '+' */
    int with_offsets; /* append "@start-end" to each */
    const char *input;
    int stop_after; /* return 7 after this many tokens; 0 = never */
    int seen;
};

static int collect(void *ctx, const char *tok, size_t len, size_t start, size_t end, int colocated)
{
    struct collected *c = ctx;
    assert_true(len > 0 && len <= TEXT_TOKEN_MAX);
    assert_int_equal(tok[len], '\0');
    assert_true(start < end);
    assert_true(c->seen > 0 || !colocated); /* the first token of a text takes a position */
    if (c->text.len)
        assert_int_equal(buf_putc(&c->text, ' '), 0);
    if (colocated)
        assert_int_equal(buf_putc(&c->text, '+'), 0);
    assert_int_equal(buf_append(&c->text, tok, len), 0);
    if (c->with_offsets)
        assert_int_equal(buf_printf(&c->text, "@%zu-%zu", start, end), 0);
    c->seen++;
    return c->stop_after && c->seen == c->stop_after ? 7 : 0;
}

/* The tokens of text, as one string in a static buffer. */
static const char *tokens_of(enum text_lang lang, enum text_tok_mode mode, const char *text,
                             size_t n, int with_offsets)
{
    static char result[4096];
    struct text_tokenizer *tk = NULL;
    struct err err = {0};
    assert_int_equal(text_tokenizer_new(lang, &tk, &err), 0);
    struct collected c = {.with_offsets = with_offsets, .input = text};
    assert_int_equal(text_tokenize(tk, text, n, mode, collect, &c), 0);
    text_tokenizer_free(tk);
    assert_true(c.text.len < sizeof result);
    memcpy(result, buf_str(&c.text), c.text.len + 1);
    buf_free(&c.text);
    return result;
}

static const char *tokens(enum text_lang lang, enum text_tok_mode mode, const char *text)
{
    return tokens_of(lang, mode, text, strlen(text), 0);
}

static const char *tokens_at(enum text_lang lang, enum text_tok_mode mode, const char *text)
{
    return tokens_of(lang, mode, text, strlen(text), 1);
}

static const char recommendation_en[] = "Investigate thoroughly all acts of violence against "
                                        "women and defenders of women's rights";

static const char resolution_30_25[] =
    "Considérant que le renforcement de la coopération internationale dans le domaine des droits "
    "de l’homme est indispensable à la pleine réalisation des buts de l’Organisation des Nations "
    "Unies";

static void test_query_mode_gives_stems_of_english_recommendation(void **state)
{
    (void)state;
    assert_string_equal(tokens(TEXT_LANG_EN, TEXT_TOK_QUERY, recommendation_en),
                        "investig thorough all act of violenc against woman and defend of "
                        "woman right");
}

static void test_index_mode_adds_surface_form_colocated_when_it_differs(void **state)
{
    (void)state;
    assert_string_equal(tokens(TEXT_LANG_EN, TEXT_TOK_INDEX, recommendation_en),
                        "investig +investigate thorough +thoroughly all act +acts of violenc "
                        "+violence against woman +women and defend +defenders of woman +women "
                        "right +rights");
}

static void test_prefix_mode_gives_folded_surface_forms(void **state)
{
    (void)state;
    assert_string_equal(tokens(TEXT_LANG_EN, TEXT_TOK_PREFIX, "Childr"), "childr");
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_PREFIX, "Éduc l’enf"), "educ enf");
}

static void test_index_keeps_surface_so_prefix_of_unstemmed_word_matches(void **state)
{
    (void)state;
    /* "childr*" must find "children", whose stem is "child". */
    const char *index = tokens(TEXT_LANG_EN, TEXT_TOK_INDEX, "children");
    assert_string_equal(index, "child +children");
}

static void test_index_adds_stem_of_unaccented_form_for_queries_typed_without_accents(void **state)
{
    (void)state;
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_INDEX, "égalité"), "egal +egalit +egalite");
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_QUERY, "egalite"), "egalit");
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_QUERY, "égalité"), "egal");
    assert_string_equal(tokens(TEXT_LANG_ES, TEXT_TOK_INDEX, "educación"), "educ +educacion");
    assert_string_equal(tokens(TEXT_LANG_ES, TEXT_TOK_QUERY, "educacion"), "educacion");
}

static void test_french_resolution_gives_exact_stems(void **state)
{
    (void)state;
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_QUERY, resolution_30_25),
                        "consider que le renforc de la cooper international dan le domain de "
                        "droit de homm est indispens a la plein realis de but de organis de "
                        "nation uni");
}

static void test_french_elision_drops_article_with_either_apostrophe(void **state)
{
    (void)state;
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_QUERY, "l’enfant l'enfant d’accès"),
                        "enfant enfant acces");
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_QUERY, "qu’il lorsqu'elle"), "il elle");
    /* One letter after the apostrophe goes too, as English 's does. */
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_QUERY, "jusqu'à n'a s’est"), "est");
}

static void test_apostrophe_between_longer_pieces_keeps_both(void **state)
{
    (void)state;
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_QUERY, "aujourd’hui presqu'île"),
                        "aujourd hui presqu ile");
}

static void test_lone_letters_and_quotes_are_not_elision(void **state)
{
    (void)state;
    /* Only a piece joined by an apostrophe to a word is dropped. */
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_QUERY, "à l' 'a' y"), "a l a y");
}

static void test_english_possessive_s_is_dropped(void **state)
{
    (void)state;
    assert_string_equal(tokens(TEXT_LANG_EN, TEXT_TOK_QUERY, "women's children’s States’"),
                        "woman child state");
}

static void test_hyphens_and_punctuation_split_words(void **state)
{
    (void)state;
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_QUERY, "non-sélectivité A/HRC/43/15 §122.20"),
                        "non select a hrc 43 15 122 20");
}

static void test_case_and_accent_variants_give_one_query_token(void **state)
{
    (void)state;
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_QUERY, "enfants Enfant ENFANTS"),
                        "enfant enfant enfant");
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_QUERY, "Éducation education"), "educ educ");
    assert_string_equal(tokens(TEXT_LANG_ES, TEXT_TOK_QUERY, "Mujeres MUJER niñas Niña"),
                        "muj muj nin nin");
}

static void test_offsets_are_bytes_of_the_original_input(void **state)
{
    (void)state;
    /* "l’" is 1 + 3 bytes, "é" 2 bytes. */
    assert_string_equal(tokens_at(TEXT_LANG_FR, TEXT_TOK_INDEX, "l’État, d’accès"),
                        "etat@4-9 acces@15-21 +acce@15-21");
    assert_string_equal(tokens_at(TEXT_LANG_EN, TEXT_TOK_QUERY, "  Women's rights"),
                        "woman@2-7 right@10-16");
}

static void test_soft_hyphen_inside_word_is_joined(void **state)
{
    (void)state;
    assert_string_equal(tokens_at(TEXT_LANG_FR, TEXT_TOK_PREFIX, "dévelop\xC2\xADpement\xC2\xAD"),
                        "developpement@0-16");
}

static void test_decomposed_accents_stay_inside_the_word(void **state)
{
    (void)state;
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_PREFIX, "e\xCC\x81tat"), "etat");
    /* A mark with no letter before it yields nothing. */
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_PREFIX, " \xCC\x81 x"), "x");
}

static void test_invalid_utf8_bytes_separate_words(void **state)
{
    (void)state;
    static const char bytes[] = "caf\xE9 droits\xFF\xFEhomme \xED\xA0\x80x enfant\xC3";
    assert_string_equal(tokens_of(TEXT_LANG_FR, TEXT_TOK_QUERY, bytes, sizeof bytes - 1, 1),
                        "caf@0-3 droit@5-11 homm@13-18 x@22-23 enfant@24-30");
}

static void test_nul_bytes_separate_words(void **state)
{
    (void)state;
    static const char bytes[] = "droits\0humains";
    assert_string_equal(tokens_of(TEXT_LANG_FR, TEXT_TOK_QUERY, bytes, sizeof bytes - 1, 1),
                        "droit@0-6 humain@7-14");
}

static void test_word_longer_than_token_max_is_skipped_not_cut(void **state)
{
    (void)state;
    char text[3 * TEXT_TOKEN_MAX];
    memset(text, 'a', TEXT_TOKEN_MAX); /* exactly the limit: kept */
    text[TEXT_TOKEN_MAX] = ' ';
    memset(text + TEXT_TOKEN_MAX + 1, 'b', TEXT_TOKEN_MAX + 1); /* one over: skipped */
    memcpy(text + 2 * TEXT_TOKEN_MAX + 2, " ok", 4);
    const char *got = tokens(TEXT_LANG_EN, TEXT_TOK_PREFIX, text);
    assert_int_equal(strlen(got), TEXT_TOKEN_MAX + 3);
    assert_memory_equal(got, text, TEXT_TOKEN_MAX);
    assert_string_equal(got + TEXT_TOKEN_MAX, " ok");
}

static void test_very_long_run_is_skipped(void **state)
{
    (void)state;
    struct buf text = BUF_INIT;
    for (int i = 0; i < 100000; i++)
        assert_int_equal(buf_puts(&text, "é"), 0);
    assert_int_equal(buf_puts(&text, " fin"), 0);
    assert_string_equal(tokens_of(TEXT_LANG_FR, TEXT_TOK_INDEX, text.data, text.len, 0), "fin");
    buf_free(&text);
}

static void test_callback_nonzero_stops_and_is_returned(void **state)
{
    (void)state;
    struct text_tokenizer *tk = NULL;
    struct err err = {0};
    assert_int_equal(text_tokenizer_new(TEXT_LANG_EN, &tk, &err), 0);
    struct collected c = {.stop_after = 2};
    assert_int_equal(text_tokenize(tk, recommendation_en, strlen(recommendation_en), TEXT_TOK_INDEX,
                                   collect, &c),
                     7);
    assert_string_equal(buf_str(&c.text), "investig +investigate");
    buf_free(&c.text);
    text_tokenizer_free(tk);
}

static void test_empty_and_separator_only_input_give_no_tokens(void **state)
{
    (void)state;
    assert_string_equal(tokens(TEXT_LANG_EN, TEXT_TOK_INDEX, ""), "");
    assert_string_equal(tokens(TEXT_LANG_FR, TEXT_TOK_INDEX, " – « » ’ - "), "");
}

static void test_unknown_mode_and_language_are_rejected(void **state)
{
    (void)state;
    struct text_tokenizer *tk = NULL;
    struct err err = {0};
    assert_int_equal(text_tokenizer_new((enum text_lang)9, &tk, &err), ERR_INPUT);
    assert_null(tk);
    assert_string_equal(err.msg, "stemmer: unknown language 9");
    assert_int_equal(text_tokenizer_new(TEXT_LANG_EN, &tk, &err), 0);
    struct collected c = {0};
    assert_int_equal(text_tokenize(tk, "a", 1, (enum text_tok_mode)3, collect, &c), ERR_INPUT);
    assert_int_equal(c.seen, 0);
    text_tokenizer_free(tk);
    text_tokenizer_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_mode_gives_stems_of_english_recommendation),
        cmocka_unit_test(test_index_mode_adds_surface_form_colocated_when_it_differs),
        cmocka_unit_test(test_prefix_mode_gives_folded_surface_forms),
        cmocka_unit_test(test_index_keeps_surface_so_prefix_of_unstemmed_word_matches),
        cmocka_unit_test(test_index_adds_stem_of_unaccented_form_for_queries_typed_without_accents),
        cmocka_unit_test(test_french_resolution_gives_exact_stems),
        cmocka_unit_test(test_french_elision_drops_article_with_either_apostrophe),
        cmocka_unit_test(test_apostrophe_between_longer_pieces_keeps_both),
        cmocka_unit_test(test_lone_letters_and_quotes_are_not_elision),
        cmocka_unit_test(test_english_possessive_s_is_dropped),
        cmocka_unit_test(test_hyphens_and_punctuation_split_words),
        cmocka_unit_test(test_case_and_accent_variants_give_one_query_token),
        cmocka_unit_test(test_offsets_are_bytes_of_the_original_input),
        cmocka_unit_test(test_soft_hyphen_inside_word_is_joined),
        cmocka_unit_test(test_decomposed_accents_stay_inside_the_word),
        cmocka_unit_test(test_invalid_utf8_bytes_separate_words),
        cmocka_unit_test(test_nul_bytes_separate_words),
        cmocka_unit_test(test_word_longer_than_token_max_is_skipped_not_cut),
        cmocka_unit_test(test_very_long_run_is_skipped),
        cmocka_unit_test(test_callback_nonzero_stops_and_is_returned),
        cmocka_unit_test(test_empty_and_separator_only_input_give_no_tokens),
        cmocka_unit_test(test_unknown_mode_and_language_are_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
