/*
 * test_encoding.c — tests of src/import/encoding.c: encoding names, detection on the real UPR
 * Info exports (MacRoman) and on iconv-made fixtures (tests/fixtures/csv/README.md says how),
 * and conversion to UTF-8 with its error positions.
 *
 * Tests run from the repository root. The real files are read from $SUIVI_SHARED_DATA (default
 * ../shared/data); the tests that need them are skipped when it is absent.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/encoding.h"

#define FIXTURES "tests/fixtures/csv/"

/* ---- helpers -------------------------------------------------------------------------------- */

/* Reads a whole file into a buf (test code: failures end the test). */
static void slurp(const char *path, struct buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        assert_int_equal(buf_append(out, chunk, got), 0);
    fclose(f);
}

static enum enc detect_file(const char *path)
{
    struct buf bytes = BUF_INIT;
    slurp(path, &bytes);
    enum enc e = enc_detect((const unsigned char *)buf_str(&bytes), bytes.len);
    buf_free(&bytes);
    return e;
}

static enum enc detect_str(const char *s)
{
    return enc_detect((const unsigned char *)s, strlen(s));
}

/* Converts a string literal (which may hold NUL bytes) and checks the UTF-8 result. */
#define CONVERTS(literal, e, want) assert_converts(literal, sizeof literal - 1, e, want)

/* Converts n bytes and checks the UTF-8 result. */
static void assert_converts(const char *in, size_t n, enum enc e, const char *want)
{
    struct buf out = BUF_INIT;
    struct err err = {0};
    int rc = enc_to_utf8((const unsigned char *)in, n, e, &out, &err);
    if (rc)
        fail_msg("%s: %s", enc_name(e), err.msg);
    assert_string_equal(buf_str(&out), want);
    assert_int_equal(out.len, strlen(want));
    buf_free(&out);
}

/* Converts n bytes, expects ERR_INPUT with exactly the message want. */
static void assert_conversion_fails(const char *in, size_t n, enum enc e, const char *want)
{
    struct buf out = BUF_INIT;
    struct err err = {0};
    assert_int_equal(buf_puts(&out, "kept"), 0);
    assert_int_equal(enc_to_utf8((const unsigned char *)in, n, e, &out, &err), ERR_INPUT);
    assert_int_equal(err.code, ERR_INPUT);
    assert_string_equal(err.msg, want);
    assert_string_equal(buf_str(&out), "kept"); /* left as it was */
    assert_int_equal(out.len, 4);
    buf_free(&out);
}

/* Path of a file of the shared UPR Info data, or NULL (and the test skipped) without it. */
static const char *shared_upr_file(char *path, size_t size, const char *name)
{
    const char *dir = getenv("SUIVI_SHARED_DATA");
    snprintf(path, size, "%s/upr-info/%s", dir ? dir : "../shared/data", name);
    if (access(path, R_OK) != 0)
        return NULL;
    return path;
}

/* ---- names ---------------------------------------------------------------------------------- */

static void test_enc_parse_reads_back_every_enc_name(void **state)
{
    (void)state;
    for (int e = ENC_UTF8; e <= ENC_LATIN1; e++) {
        enum enc parsed = ENC_UTF8;
        assert_int_equal(enc_parse(enc_name((enum enc)e), &parsed), 0);
        assert_int_equal(parsed, e);
    }
    assert_string_equal(enc_name(ENC_MACROMAN), "macroman");
    assert_string_equal(enc_name(ENC_CP1252), "windows-1252");
}

static void test_enc_parse_accepts_aliases_ignoring_case_and_punctuation(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        enum enc want;
    } cases[] = {
        {"utf-8", ENC_UTF8},         {"UTF8", ENC_UTF8},           {"utf_8", ENC_UTF8},
        {"utf-8-sig", ENC_UTF8_BOM}, {"utf-16le", ENC_UTF16LE},    {"UTF-16BE", ENC_UTF16BE},
        {"macroman", ENC_MACROMAN},  {"Macintosh", ENC_MACROMAN},  {"mac_roman", ENC_MACROMAN},
        {"cp1252", ENC_CP1252},      {"Windows-1252", ENC_CP1252}, {"latin1", ENC_LATIN1},
        {"ISO-8859-1", ENC_LATIN1},  {"iso 8859 1", ENC_LATIN1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum enc parsed = ENC_UTF8_BOM;
        if (enc_parse(cases[i].name, &parsed) != 0)
            fail_msg("enc_parse refused \"%s\"", cases[i].name);
        assert_int_equal(parsed, cases[i].want);
    }
}

static void test_enc_parse_refuses_unknown_names_with_err_usage_leaving_out_alone(void **state)
{
    (void)state;
    enum enc parsed = ENC_UTF16BE;
    assert_int_equal(enc_parse("ebcdic", &parsed), ERR_USAGE);
    assert_int_equal(enc_parse("", &parsed), ERR_USAGE);
    assert_int_equal(enc_parse(NULL, &parsed), ERR_USAGE);
    assert_int_equal(enc_parse("utf-8-utf-8-utf-8-utf-8-utf-8-utf-8", &parsed), ERR_USAGE);
    assert_int_equal(parsed, ENC_UTF16BE);
}

/* ---- detection ------------------------------------------------------------------------------ */

static void test_enc_detect_reads_byte_order_marks_first(void **state)
{
    (void)state;
    assert_int_equal(enc_detect((const unsigned char *)"\xEF\xBB\xBFid,x\n", 8), ENC_UTF8_BOM);
    assert_int_equal(enc_detect((const unsigned char *)"\xFF\xFEi\0d\0", 6), ENC_UTF16LE);
    assert_int_equal(enc_detect((const unsigned char *)"\xFE\xFF\0i\0d", 6), ENC_UTF16BE);
    /* a BOM wins over bytes that are not valid in its encoding */
    assert_int_equal(enc_detect((const unsigned char *)"\xEF\xBB\xBF\x8E", 4), ENC_UTF8_BOM);
}

static void test_enc_detect_reads_utf16_without_bom_by_its_nul_bytes(void **state)
{
    (void)state;
    static const char le[] = "i\0d\0,\0t\0e\0x\0t\0\n\0";
    static const char be[] = "\0i\0d\0,\0t\0e\0x\0t\0\n";
    assert_int_equal(enc_detect((const unsigned char *)le, sizeof le - 1), ENC_UTF16LE);
    assert_int_equal(enc_detect((const unsigned char *)be, sizeof be - 1), ENC_UTF16BE);
}

static void test_enc_detect_calls_empty_ascii_and_valid_utf8_input_utf8(void **state)
{
    (void)state;
    assert_int_equal(enc_detect((const unsigned char *)"", 0), ENC_UTF8);
    assert_int_equal(detect_str("To,From\r1,2\r"), ENC_UTF8);
    assert_int_equal(detect_str("Hiss\xC3\xA8ne Habr\xC3\xA9,\xE2\x80\x9Cok\xE2\x80\x9D"),
                     ENC_UTF8);
    assert_int_equal(detect_str("emoji \xF0\x9F\x98\x80"), ENC_UTF8);
}

static void test_enc_detect_keeps_utf8_with_one_damaged_byte_to_report_it(void **state)
{
    (void)state;
    /* ten good accents and one stray byte: UTF-8, so that conversion names the stray byte */
    assert_int_equal(detect_str("caf\xC3\xA9 \xC3\xA9t\xC3\xA9 \xC3\xA0 Habr\xC3\xA9 "
                                "Hiss\xC3\xA8ne \xC3\xA9l\xC3\xA8ve p\xC3\xA8re "
                                "\xC3\xA0 \xE9"),
                     ENC_UTF8);
    /* but one accent in a text of stray bytes is not UTF-8 */
    assert_int_equal(detect_str("\xC3\xA9 \xE9t\xE9 \xE0 Habr\xE9"), ENC_CP1252);
}

static void test_enc_detect_finds_macroman_in_the_four_upr_info_exports(void **state)
{
    (void)state;
    static const char *const names[] = {"1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv"};
    char path[512];
    if (!shared_upr_file(path, sizeof path, names[0]))
        skip();
    for (size_t i = 0; i < 4; i++) {
        assert_non_null(shared_upr_file(path, sizeof path, names[i]));
        if (detect_file(path) != ENC_MACROMAN)
            fail_msg("%s not detected as macroman", path);
    }
    assert_non_null(shared_upr_file(path, sizeof path, "upr_info_sessions_1-17_utf8.csv"));
    assert_int_equal(detect_file(path), ENC_UTF8);
}

static void test_enc_detect_finds_macroman_by_its_letters_without_cr_line_ends(void **state)
{
    (void)state;
    assert_int_equal(detect_file(FIXTURES "fr_macroman_lf.csv"), ENC_MACROMAN);
    assert_int_equal(detect_file(FIXTURES "es_macroman_lf.csv"), ENC_MACROMAN);
    assert_int_equal(detect_file(FIXTURES "upr_macroman_cr.csv"), ENC_MACROMAN);
    /* 6-9.csv's three accents, the hard case: each is also a valid Windows-1252 byte (’ ˆ Ž) */
    assert_int_equal(detect_str("Guaran\x92 indigenous, vis-\x88-vis, Haute Autorit\x8E\n"),
                     ENC_MACROMAN);
}

static void test_enc_detect_finds_cp1252_in_iconv_made_french_spanish_english(void **state)
{
    (void)state;
    assert_int_equal(detect_file(FIXTURES "fr_cp1252_lf.csv"), ENC_CP1252);
    assert_int_equal(detect_file(FIXTURES "es_cp1252_lf.csv"), ENC_CP1252);
    assert_int_equal(detect_file(FIXTURES "en_cp1252_lf.csv"), ENC_CP1252); /* only ’ “ ” – */
    assert_int_equal(detect_file(FIXTURES "upr_cp1252_crlf.csv"), ENC_CP1252);
}

static void test_enc_detect_reads_latin1_as_cp1252_which_decodes_it_the_same(void **state)
{
    (void)state;
    assert_int_equal(detect_file(FIXTURES "fr_latin1_lf.csv"), ENC_CP1252);
    CONVERTS("l'\xE9galit\xE9 \xAB roms \xBB", ENC_CP1252,
             "l'\xC3\xA9galit\xC3\xA9 \xC2\xAB roms \xC2\xBB");
    CONVERTS("l'\xE9galit\xE9 \xAB roms \xBB", ENC_LATIN1,
             "l'\xC3\xA9galit\xC3\xA9 \xC2\xAB roms \xC2\xBB");
}

static void test_enc_detect_rules_out_cp1252_when_a_byte_is_undefined_there(void **state)
{
    (void)state;
    /* 0x8F is è in MacRoman and undefined in Windows-1252, even with CRLF line ends */
    assert_int_equal(detect_str("Hiss\x8Fne\r\n"), ENC_MACROMAN);
}

static void test_enc_detect_breaks_a_tie_by_line_ends(void **state)
{
    (void)state;
    /* "Yo sí puedo" (MacRoman í) and "Yo s’ puedo" (Windows-1252 ’) score the same */
    assert_int_equal(detect_str("Yo s\x92 puedo\n"), ENC_CP1252);
    assert_int_equal(detect_str("Yo s\x92 puedo\r"), ENC_MACROMAN);
    assert_int_equal(detect_str("Yo s\x92 puedo\r\n"), ENC_CP1252);
}

/* ---- conversion ----------------------------------------------------------------------------- */

static void test_enc_to_utf8_decodes_single_byte_encodings_with_iconv_tables(void **state)
{
    (void)state;
    CONVERTS("Hiss\x8Fne Habr\x8E \xD2ok\xD3 \xDB", ENC_MACROMAN,
             "Hiss\xC3\xA8ne Habr\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D \xE2\x82\xAC");
    CONVERTS("\x93ok\x94 \x80 \x92 \xE9", ENC_CP1252,
             "\xE2\x80\x9Cok\xE2\x80\x9D \xE2\x82\xAC \xE2\x80\x99 \xC3\xA9");
    CONVERTS("\x80\xE9\xFF", ENC_LATIN1, "\xC2\x80\xC3\xA9\xC3\xBF");
    CONVERTS("", ENC_MACROMAN, "");
}

static void test_enc_to_utf8_strips_the_bom_of_the_encoding_only(void **state)
{
    (void)state;
    CONVERTS("\xEF\xBB\xBFid", ENC_UTF8_BOM, "id");
    CONVERTS("\xEF\xBB\xBFid", ENC_UTF8, "id");
    CONVERTS("\xFF\xFEi\0d\0", ENC_UTF16LE, "id");
    CONVERTS("\xFE\xFF\0i\0d", ENC_UTF16BE, "id");
    CONVERTS("\xEF\xBB\xBF", ENC_UTF8_BOM, "");
    CONVERTS("\xFF\xFE", ENC_UTF16LE, "");
    CONVERTS("\xFE\xFF", ENC_UTF16BE, "");
    CONVERTS("id", ENC_UTF8_BOM, "id");
    /* in MacRoman, EF BB BF are just three characters: Ô ª ø */
    CONVERTS("\xEF\xBB\xBF", ENC_MACROMAN, "\xC3\x94\xC2\xAA\xC3\xB8");
}

static void test_enc_to_utf8_decodes_utf16_with_surrogate_pairs(void **state)
{
    (void)state;
    /* "é€😀\n" */
    CONVERTS("\xE9\x00\xAC\x20\x3D\xD8\x00\xDE\n\0", ENC_UTF16LE,
             "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\n");
    CONVERTS("\x00\xE9\x20\xAC\xD8\x3D\xDE\x00\0\n", ENC_UTF16BE,
             "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\n");
}

static void test_enc_to_utf8_appends_to_what_out_holds(void **state)
{
    (void)state;
    struct buf out = BUF_INIT;
    struct err err = {0};
    assert_int_equal(buf_puts(&out, "x="), 0);
    assert_int_equal(enc_to_utf8((const unsigned char *)"\x8E", 1, ENC_MACROMAN, &out, &err), 0);
    assert_int_equal(enc_to_utf8((const unsigned char *)"!", 1, ENC_UTF8, &out, &err), 0);
    assert_string_equal(buf_str(&out), "x=\xC3\xA9!");
    buf_free(&out);
}

static void test_enc_to_utf8_names_line_and_offset_of_a_byte_undefined_in_cp1252(void **state)
{
    (void)state;
    assert_conversion_fails("a\nb\r\nc\rd\x81", 9, ENC_CP1252,
                            "line 4: byte 0x81 at byte offset 8 is not valid windows-1252; name "
                            "the file's real encoding with --encoding");
}

static void test_enc_to_utf8_refuses_invalid_utf8_naming_the_byte(void **state)
{
    (void)state;
    assert_conversion_fails("ok\nHabr\xE9 ", 9, ENC_UTF8,
                            "line 2: byte 0xE9 at byte offset 7 is not valid utf-8; the file is "
                            "damaged or not UTF-8; name its encoding with --encoding");
    static const char *const bad[] = {
        "\xC0\x80",         /* overlong NUL */
        "\xE0\x80\xAF",     /* overlong '/' */
        "\xED\xA0\x80",     /* surrogate */
        "\xF4\x90\x80\x80", /* past U+10FFFF */
        "\xF5\x80\x80\x80", /* never a lead byte */
        "\x80",             /* stray continuation */
        "\xE2\x82",         /* cut short by the end */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct buf out = BUF_INIT;
        struct err err = {0};
        int rc = enc_to_utf8((const unsigned char *)bad[i], strlen(bad[i]), ENC_UTF8, &out, &err);
        if (rc != ERR_INPUT)
            fail_msg("case %zu accepted", i);
        assert_non_null(strstr(err.msg, "line 1: byte 0x"));
        buf_free(&out);
    }
}

static void test_enc_to_utf8_named_puts_source_and_line_first(void **state)
{
    (void)state;
    struct buf out = BUF_INIT;
    struct err err = {0};
    assert_int_equal(
        enc_to_utf8_named("upr.csv", (const unsigned char *)"a\rb\x9D", 4, ENC_CP1252, &out, &err),
        ERR_INPUT);
    assert_string_equal(err.msg, "upr.csv:2: byte 0x9D at byte offset 3 is not valid "
                                 "windows-1252; name the file's real encoding with --encoding");
    buf_free(&out);
}

static void test_enc_to_utf8_refuses_truncated_utf16_and_lone_surrogates(void **state)
{
    (void)state;
    assert_conversion_fails("\xFF\xFE"
                            "a\0\n\0b",
                            7, ENC_UTF16LE,
                            "line 2: the file ends inside a utf-16le character (byte offset 6); "
                            "is it truncated?");
    assert_conversion_fails("\xFF\xFE"
                            "a\0\n\0\x00\xDC",
                            8, ENC_UTF16LE,
                            "line 2: bytes 0x00 0xDC at byte offset 6 are not valid utf-16le; "
                            "name the file's real encoding with --encoding");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enc_parse_reads_back_every_enc_name),
        cmocka_unit_test(test_enc_parse_accepts_aliases_ignoring_case_and_punctuation),
        cmocka_unit_test(test_enc_parse_refuses_unknown_names_with_err_usage_leaving_out_alone),
        cmocka_unit_test(test_enc_detect_reads_byte_order_marks_first),
        cmocka_unit_test(test_enc_detect_reads_utf16_without_bom_by_its_nul_bytes),
        cmocka_unit_test(test_enc_detect_calls_empty_ascii_and_valid_utf8_input_utf8),
        cmocka_unit_test(test_enc_detect_keeps_utf8_with_one_damaged_byte_to_report_it),
        cmocka_unit_test(test_enc_detect_finds_macroman_in_the_four_upr_info_exports),
        cmocka_unit_test(test_enc_detect_finds_macroman_by_its_letters_without_cr_line_ends),
        cmocka_unit_test(test_enc_detect_finds_cp1252_in_iconv_made_french_spanish_english),
        cmocka_unit_test(test_enc_detect_reads_latin1_as_cp1252_which_decodes_it_the_same),
        cmocka_unit_test(test_enc_detect_rules_out_cp1252_when_a_byte_is_undefined_there),
        cmocka_unit_test(test_enc_detect_breaks_a_tie_by_line_ends),
        cmocka_unit_test(test_enc_to_utf8_decodes_single_byte_encodings_with_iconv_tables),
        cmocka_unit_test(test_enc_to_utf8_strips_the_bom_of_the_encoding_only),
        cmocka_unit_test(test_enc_to_utf8_decodes_utf16_with_surrogate_pairs),
        cmocka_unit_test(test_enc_to_utf8_appends_to_what_out_holds),
        cmocka_unit_test(test_enc_to_utf8_names_line_and_offset_of_a_byte_undefined_in_cp1252),
        cmocka_unit_test(test_enc_to_utf8_refuses_invalid_utf8_naming_the_byte),
        cmocka_unit_test(test_enc_to_utf8_named_puts_source_and_line_first),
        cmocka_unit_test(test_enc_to_utf8_refuses_truncated_utf16_and_lone_surrogates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
