/*
 * test_i18n.c — the .mo reader and lookups of web/i18n.c: the real catalogues built from po/
 * (build/locale, or $SUIVI_LOCALE_DIR) in fr and es, plural forms for 0, 1, 2 in each language,
 * catalogues written here byte by byte (big-endian, unsorted, other plural rules) and malformed
 * ones that must be refused, the labels of domain codes, and Accept-Language parsing.
 */
#include "test.h"

#include <sys/stat.h>

#include "web/i18n.h"

static const char *locale_dir(void)
{
    const char *d = getenv("SUIVI_LOCALE_DIR");
    return d && *d ? d : "build/locale";
}

static int setup(void **state)
{
    struct err err = {0};
    struct i18n *cat;
    if (i18n_load(locale_dir(), &cat, &err)) {
        fprintf(stderr, "%s (run make first)\n", err.msg);
        return -1;
    }
    *state = cat;
    return 0;
}

static int teardown(void **state)
{
    i18n_free(*state);
    return 0;
}

/* --- the real catalogues --- */

static void test_french_and_spanish_translate_navigation(void **state)
{
    const struct i18n *cat = *state;
    assert_string_equal(i18n_get(cat, TEXT_LANG_FR, "Search"), "Rechercher");
    assert_string_equal(i18n_get(cat, TEXT_LANG_ES, "Search"), "Buscar");
    assert_string_equal(i18n_get(cat, TEXT_LANG_EN, "Search"), "Search");
    assert_string_equal(i18n_get(cat, TEXT_LANG_FR, "Treaty bodies"), "Organes conventionnels");
    assert_string_equal(i18n_get(cat, TEXT_LANG_ES, "Treaty bodies"), "Órganos de tratados");
    assert_string_equal(i18n_get(cat, TEXT_LANG_FR, "SDGs"), "ODD");
    assert_string_equal(i18n_get(cat, TEXT_LANG_ES, "SDGs"), "ODS");
    assert_string_equal(i18n_get(cat, TEXT_LANG_FR, "UPR"), "EPU");
    assert_string_equal(i18n_get(cat, TEXT_LANG_ES, "NHRI"), "INDH");
}

static void test_unknown_msgid_comes_back_unchanged(void **state)
{
    const struct i18n *cat = *state;
    const char *msgid = "No such message in any catalogue";
    assert_ptr_equal(i18n_get(cat, TEXT_LANG_FR, msgid), msgid);
    assert_ptr_equal(i18n_get(cat, TEXT_LANG_ES, ""), i18n_get(cat, TEXT_LANG_ES, ""));
    assert_string_equal(i18n_get(cat, TEXT_LANG_ES, ""), "");
}

static void test_missing_catalogue_or_bad_language_gives_msgid(void **state)
{
    const struct i18n *cat = *state;
    assert_string_equal(i18n_get(NULL, TEXT_LANG_FR, "Search"), "Search");
    assert_string_equal(i18n_get(cat, (enum text_lang)7, "Search"), "Search");
    assert_string_equal(i18n_get(cat, (enum text_lang) - 1, "Search"), "Search");
    assert_string_equal(i18n_nget(NULL, TEXT_LANG_FR, "%d result", "%d results", 0), "%d results");
    assert_int_equal(i18n_nplurals(NULL, TEXT_LANG_FR), 0);
}

static void test_T_macro_translates_for_the_request_language(void **state)
{
    struct i18n_tr fr = {*state, TEXT_LANG_FR}, es = {*state, TEXT_LANG_ES};
    assert_string_equal(T(&fr, "Log in"), "Se connecter");
    assert_string_equal(T(&es, "Log out"), "Cerrar sesión");
    assert_string_equal(TN(&es, "%d result", "%d results", 3), "%d resultados");
    assert_string_equal(N_("Countries"), "Countries");
}

static void test_french_plural_treats_zero_and_one_as_singular(void **state)
{
    const struct i18n *cat = *state;
    assert_int_equal(i18n_nplurals(cat, TEXT_LANG_FR), 2);
    assert_string_equal(i18n_nget(cat, TEXT_LANG_FR, "%d result", "%d results", 0), "%d résultat");
    assert_string_equal(i18n_nget(cat, TEXT_LANG_FR, "%d result", "%d results", 1), "%d résultat");
    assert_string_equal(i18n_nget(cat, TEXT_LANG_FR, "%d result", "%d results", 2), "%d résultats");
}

static void test_spanish_plural_treats_zero_as_plural(void **state)
{
    const struct i18n *cat = *state;
    assert_int_equal(i18n_nplurals(cat, TEXT_LANG_ES), 2);
    assert_string_equal(i18n_nget(cat, TEXT_LANG_ES, "%d result", "%d results", 0),
                        "%d resultados");
    assert_string_equal(i18n_nget(cat, TEXT_LANG_ES, "%d result", "%d results", 1), "%d resultado");
    assert_string_equal(i18n_nget(cat, TEXT_LANG_ES, "%d result", "%d results", 2),
                        "%d resultados");
}

static void test_english_plural_treats_zero_as_plural(void **state)
{
    const struct i18n *cat = *state;
    assert_string_equal(i18n_nget(cat, TEXT_LANG_EN, "%d recommendation", "%d recommendations", 0),
                        "%d recommendations");
    assert_string_equal(i18n_nget(cat, TEXT_LANG_EN, "%d recommendation", "%d recommendations", 1),
                        "%d recommendation");
    assert_string_equal(i18n_nget(cat, TEXT_LANG_EN, "%d recommendation", "%d recommendations", 2),
                        "%d recommendations");
}

static void test_untranslated_plural_follows_english_rule(void **state)
{
    const struct i18n *cat = *state;
    assert_string_equal(i18n_nget(cat, TEXT_LANG_FR, "%d apple", "%d apples", 0), "%d apples");
    assert_string_equal(i18n_nget(cat, TEXT_LANG_FR, "%d apple", "%d apples", 1), "%d apple");
    /* A singular-only entry used with ngettext: no plural forms to choose from. */
    assert_string_equal(i18n_nget(cat, TEXT_LANG_FR, "Search", "Searches", 5), "Searches");
}

static void test_labels_of_domain_codes_are_translated(void **state)
{
    struct i18n_tr fr = {*state, TEXT_LANG_FR}, es = {*state, TEXT_LANG_ES};
    struct i18n_tr en = {*state, TEXT_LANG_EN};
    assert_string_equal(i18n_label(&fr, "response", "supported"), "Acceptée");
    assert_string_equal(i18n_label(&fr, "response", "noted"), "Notée");
    assert_string_equal(i18n_label(&es, "response", "supported"), "Apoyada");
    assert_string_equal(i18n_label(&es, "response", "noted"), "Tomada nota");
    assert_string_equal(i18n_label(&es, "role", "focal_point"), "Punto focal");
    assert_string_equal(i18n_label(&fr, "mechanism", "treaty_body"), "Organe conventionnel");
    assert_string_equal(i18n_label(&en, "action_category", "5"), "Specific action");
    assert_string_equal(i18n_label(NULL, "progress", "implemented"), "Implemented");
    assert_null(i18n_label(&fr, "response", "maybe"));
    assert_null(i18n_label(&fr, "colour", "supported"));
    assert_null(i18n_label(&fr, NULL, NULL));
}

static void test_endonyms_name_each_language_in_itself(void **state)
{
    (void)state;
    assert_string_equal(i18n_lang_endonym(TEXT_LANG_EN), "English");
    assert_string_equal(i18n_lang_endonym(TEXT_LANG_FR), "Français");
    assert_string_equal(i18n_lang_endonym(TEXT_LANG_ES), "Español");
    assert_string_equal(i18n_lang_endonym((enum text_lang)9), "English");
}

/* --- catalogues written here --- */

struct msg {
    const char *id;
    size_t id_len;
    const char *str;
    size_t str_len;
};

/* A message whose strings may hold NULs (plural entries): lengths from the literals. */
#define MSG(id, str)                                                                               \
    {                                                                                              \
        id, sizeof id - 1, str, sizeof str - 1                                                     \
    }

static void put32(unsigned char *p, uint32_t v, int big)
{
    for (int i = 0; i < 4; i++)
        p[big ? i : 3 - i] = (unsigned char)(v >> (8 * (3 - i)));
}

/* Lays out a .mo file in out (tables in the order given, not sorted) and returns its size. */
static size_t mo_build(unsigned char *out, size_t cap, const struct msg *m, uint32_t n, int big)
{
    uint32_t orig = 28, trans = orig + 8 * n, at = trans + 8 * n;
    memset(out, 0, cap);
    put32(out, 0x950412de, big);
    put32(out + 8, n, big);
    put32(out + 12, orig, big);
    put32(out + 16, trans, big);
    for (uint32_t i = 0; i < n; i++) {
        put32(out + orig + 8 * i, (uint32_t)m[i].id_len, big);
        put32(out + orig + 8 * i + 4, at, big);
        memcpy(out + at, m[i].id, m[i].id_len);
        at += (uint32_t)m[i].id_len + 1;
        put32(out + trans + 8 * i, (uint32_t)m[i].str_len, big);
        put32(out + trans + 8 * i + 4, at, big);
        memcpy(out + at, m[i].str, m[i].str_len);
        at += (uint32_t)m[i].str_len + 1;
        assert_true(at < cap);
    }
    return at;
}

struct tmp_locale {
    char dir[64];
};

static void write_file(const char *path, const void *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

/* Makes DIR/{en,fr,es}/LC_MESSAGES/suivi.mo: fr gets fr_bytes, the others a minimal catalogue. */
static void tmp_locale_make(struct tmp_locale *t, const void *fr_bytes, size_t fr_len)
{
    static const struct msg minimal[] = {MSG("", "Content-Type: text/plain; charset=UTF-8\n")};
    unsigned char other[256];
    size_t other_len = mo_build(other, sizeof other, minimal, 1, 0);
    snprintf(t->dir, sizeof t->dir, "/tmp/suivi-i18n-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    for (int l = 0; l < TEXT_LANG_COUNT; l++) {
        char path[128];
        const char *code = text_lang_code((enum text_lang)l);
        snprintf(path, sizeof path, "%s/%s", t->dir, code);
        assert_int_equal(mkdir(path, 0700), 0);
        snprintf(path, sizeof path, "%s/%s/LC_MESSAGES", t->dir, code);
        assert_int_equal(mkdir(path, 0700), 0);
        snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/suivi.mo", t->dir, code);
        if (l == TEXT_LANG_FR)
            write_file(path, fr_bytes, fr_len);
        else
            write_file(path, other, other_len);
    }
}

static void tmp_locale_remove(struct tmp_locale *t)
{
    char path[128];
    for (int l = 0; l < TEXT_LANG_COUNT; l++) {
        const char *code = text_lang_code((enum text_lang)l);
        snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/suivi.mo", t->dir, code);
        unlink(path);
        snprintf(path, sizeof path, "%s/%s/LC_MESSAGES", t->dir, code);
        rmdir(path);
        snprintf(path, sizeof path, "%s/%s", t->dir, code);
        rmdir(path);
    }
    rmdir(t->dir);
}

/* Loads a catalogue whose French file is bytes; returns i18n_load's status and its message. */
static int load_french(const void *bytes, size_t n, struct i18n **cat, struct err *err)
{
    struct tmp_locale t;
    tmp_locale_make(&t, bytes, n);
    int rc = i18n_load(t.dir, cat, err);
    tmp_locale_remove(&t);
    return rc;
}

static const struct msg polish[] = {
    MSG("zebra", "zebra-pl"), /* out of order on purpose: the reader sorts */
    MSG("", "Content-Type: text/plain; charset=UTF-8\n"
            "Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2);\n"),
    MSG("%d file\0%d files", "%d plik\0%d pliki\0%d plików"),
    MSG("apple", "jabłko"),
};

static void test_big_endian_unsorted_catalogue_is_read(void **state)
{
    (void)state;
    unsigned char mo[1024];
    size_t n = mo_build(mo, sizeof mo, polish, 4, 1);
    struct i18n *cat = NULL;
    struct err err = {0};
    assert_int_equal(load_french(mo, n, &cat, &err), 0);
    assert_string_equal(i18n_get(cat, TEXT_LANG_FR, "apple"), "jabłko");
    assert_string_equal(i18n_get(cat, TEXT_LANG_FR, "zebra"), "zebra-pl");
    assert_string_equal(i18n_get(cat, TEXT_LANG_ES, "apple"), "apple");
    i18n_free(cat);
}

static void test_other_plural_expressions_are_evaluated(void **state)
{
    (void)state;
    unsigned char mo[1024];
    size_t n = mo_build(mo, sizeof mo, polish, 4, 0);
    struct i18n *cat = NULL;
    struct err err = {0};
    assert_int_equal(load_french(mo, n, &cat, &err), 0);
    assert_int_equal(i18n_nplurals(cat, TEXT_LANG_FR), 3);
    static const struct {
        unsigned long n;
        const char *want;
    } cases[] = {{1, "%d plik"},     {2, "%d pliki"},      {4, "%d pliki"},   {5, "%d plików"},
                 {12, "%d plików"},  {22, "%d pliki"},     {25, "%d plików"}, {0, "%d plików"},
                 {112, "%d plików"}, {1000002, "%d pliki"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(i18n_nget(cat, TEXT_LANG_FR, "%d file", "%d files", cases[i].n),
                            cases[i].want);
    /* the first form stands for the entry in a plain lookup, as gettext() does */
    assert_string_equal(i18n_get(cat, TEXT_LANG_FR, "%d file"), "%d plik");
    i18n_free(cat);
}

/* A header with the given Plural-Forms line and one plural entry with two forms. */
static int load_with_plural(const char *plural_forms, struct i18n **cat, struct err *err)
{
    char header[256];
    snprintf(header, sizeof header, "Content-Type: text/plain; charset=UTF-8\n%s\n", plural_forms);
    struct msg m[] = {{"", 0, header, strlen(header)}, MSG("%d day\0%d days", "A\0B")};
    unsigned char mo[1024];
    size_t n = mo_build(mo, sizeof mo, m, 2, 0);
    return load_french(mo, n, cat, err);
}

static void test_plural_expression_syntax_and_precedence(void **state)
{
    (void)state;
    static const struct {
        const char *header;
        unsigned long n;
        const char *want;
    } cases[] = {
        {"Plural-Forms: nplurals=2; plural=n > 1;", 1, "A"},
        {"Plural-Forms: nplurals=2; plural=n > 1;", 2, "B"},
        {"Plural-Forms: nplurals=2; plural=!(n == 1);", 1, "A"},
        {"Plural-Forms: nplurals=2; plural=!(n == 1);", 3, "B"},
        {"Plural-Forms: nplurals=2; plural=1 + 2 * 0 - 1;", 7, "A"}, /* * before +, - */
        {"Plural-Forms: nplurals=2; plural=n % 10 == 1 || n / 2 == 3;", 6, "B"},
        {"Plural-Forms: nplurals=2; plural=n >= 2 && n <= 4;", 4, "B"},
        {"Plural-Forms: nplurals=2; plural=n >= 2 && n <= 4;", 5, "A"},
        {"Plural-Forms: nplurals=2; plural=n / 0;", 5, "A"}, /* division by zero gives 0 */
        {"Plural-Forms: nplurals=1; plural=0;", 9, "A"},
        {"Plural-Forms: nplurals=2; plural=n + 5;", 1, "%d day"}, /* form 6: English rule */
        {"Plural-Forms: nplurals=2; plural=n + 5;", 3, "%d days"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct i18n *cat = NULL;
        struct err err = {0};
        assert_int_equal(load_with_plural(cases[i].header, &cat, &err), 0);
        const char *got = i18n_nget(cat, TEXT_LANG_FR, "%d day", "%d days", cases[i].n);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("%s with n=%lu: got %s, want %s", cases[i].header, cases[i].n, got,
                     cases[i].want);
        i18n_free(cat);
    }
}

static void test_malformed_plural_expressions_are_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "Plural-Forms: nplurals=2; plural=n >;",
        "Plural-Forms: nplurals=2; plural=(n != 1;",
        "Plural-Forms: nplurals=2; plural=x;",
        "Plural-Forms: nplurals=2; plural=n ? 1;",
        "Plural-Forms: nplurals=2; plural=n != 1 junk;",
        "Plural-Forms: nplurals=0; plural=0;",
        "Plural-Forms: plural=n != 1;",
        "Plural-Forms: nplurals=2; "
        "plural=((((((((((((((((((((((((((((n))))))))))))))))))))))))))));",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct i18n *cat = NULL;
        struct err err = {0};
        if (load_with_plural(bad[i], &cat, &err) != ERR_INPUT)
            fail_msg("accepted: %s", bad[i]);
        assert_null(cat);
        assert_non_null(strstr(err.msg, "fr/LC_MESSAGES/suivi.mo"));
    }
}

static void expect_refused(const void *bytes, size_t n, const char *why)
{
    struct i18n *cat = NULL;
    struct err err = {0};
    assert_int_equal(load_french(bytes, n, &cat, &err), ERR_INPUT);
    assert_null(cat);
    if (!strstr(err.msg, why))
        fail_msg("message \"%s\" does not say \"%s\"", err.msg, why);
    assert_non_null(strstr(err.msg, "/fr/LC_MESSAGES/suivi.mo"));
}

static void test_malformed_files_are_refused_with_the_reason(void **state)
{
    (void)state;
    unsigned char mo[1024];
    size_t n = mo_build(mo, sizeof mo, polish, 4, 0);

    expect_refused(mo, 20, "too short");
    expect_refused("not a catalogue at all, just text", 33, "magic");

    unsigned char bad[1024];
    memcpy(bad, mo, n);
    put32(bad + 12, 4000, 0); /* originals table beyond the end */
    expect_refused(bad, n, "outside the file");

    memcpy(bad, mo, n);
    put32(bad + 28 + 4, (uint32_t)n - 2, 0); /* first string runs past the end */
    expect_refused(bad, n, "outside the file");

    memcpy(bad, mo, n);
    put32(bad + 4, 2u << 16, 0); /* a future major revision */
    expect_refused(bad, n, "revision");

    expect_refused(mo, n - 5, "outside the file"); /* truncated */

    static const struct msg latin1[] = {MSG("", "Content-Type: text/plain; charset=ISO-8859-1\n"),
                                        MSG("apple", "pomme")};
    n = mo_build(mo, sizeof mo, latin1, 2, 0);
    expect_refused(mo, n, "UTF-8");

    static const struct msg invalid[] = {MSG("apple", "pom\xE9")};
    n = mo_build(mo, sizeof mo, invalid, 1, 0);
    expect_refused(mo, n, "UTF-8");

    static const struct msg twice[] = {MSG("apple", "pomme"), MSG("apple", "poire")};
    n = mo_build(mo, sizeof mo, twice, 2, 0);
    expect_refused(mo, n, "twice");
}

static void test_missing_catalogue_file_is_an_io_error(void **state)
{
    (void)state;
    struct i18n *cat = NULL;
    struct err err = {0};
    assert_int_equal(i18n_load("/nonexistent/locale", &cat, &err), ERR_IO);
    assert_null(cat);
    assert_non_null(strstr(err.msg, "/nonexistent/locale/en/LC_MESSAGES/suivi.mo"));
    i18n_free(NULL);
}

/* --- Accept-Language --- */

static void test_accept_language_picks_highest_quality_supported(void **state)
{
    (void)state;
    static const struct {
        const char *header;
        int rc;
        enum text_lang want;
    } cases[] = {
        {"es-419,es;q=0.9,en;q=0.8", 0, TEXT_LANG_ES},
        {"de-CH, fr;q=0.5", 0, TEXT_LANG_FR},
        {"fr-CA", 0, TEXT_LANG_FR},
        {"FR", 0, TEXT_LANG_FR},
        {"en;q=0.5, fr;q=0.9", 0, TEXT_LANG_FR},
        {"fr;q=0.8, es;q=0.8", 0, TEXT_LANG_FR}, /* tie: the earlier one */
        {"es;q=0.8, fr;q=0.8", 0, TEXT_LANG_ES},
        {"es;q=0.2, es-MX;q=0.9, fr;q=0.5", 0, TEXT_LANG_ES}, /* best range of a language */
        {"fr;q=0, es;q=0.1", 0, TEXT_LANG_ES},                /* q=0: not acceptable */
        {"de, *;q=0.5", 0, TEXT_LANG_EN},                     /* "*": any, en first */
        {"es;q=0.5, *;q=0.9", 0, TEXT_LANG_EN},
        {"*;q=0.9, es", 0, TEXT_LANG_ES},
        {"  fr ;  q=0.7 , de", 0, TEXT_LANG_FR},
        {"es;level=1;q=0.6, fr;q=0.5", 0, TEXT_LANG_ES}, /* other parameters are skipped */
        {"fr;q=1.000", 0, TEXT_LANG_FR},
        {"fr;q=1.5, es;q=0.1", 0, TEXT_LANG_ES},    /* q above 1: the range is skipped */
        {"fr;q=0.1234, es;q=0.1", 0, TEXT_LANG_ES}, /* four decimals: skipped */
        {"fr;q=abc, es;q=.5", ERR_NOTFOUND, TEXT_LANG_EN},
        {"de, ja, zh-Hant", ERR_NOTFOUND, TEXT_LANG_EN},
        {"fr;q=0", ERR_NOTFOUND, TEXT_LANG_EN},
        {"", ERR_NOTFOUND, TEXT_LANG_EN},
        {",,,;;;==", ERR_NOTFOUND, TEXT_LANG_EN},
        {"\xff\xfe fr", ERR_NOTFOUND, TEXT_LANG_EN},
        {"french", ERR_NOTFOUND, TEXT_LANG_EN},
        {"fr-", ERR_NOTFOUND, TEXT_LANG_EN},
        {"fr-toolongsubtag", ERR_NOTFOUND, TEXT_LANG_EN},
        {"fr_FR, es", 0, TEXT_LANG_ES}, /* underscore is not a tag separator */
        {"abcdefghi, fr;q=0.3", 0, TEXT_LANG_FR},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum text_lang got = TEXT_LANG_ES;
        int rc = i18n_lang_from_accept(cases[i].header, &got);
        if (rc != cases[i].rc || got != cases[i].want)
            fail_msg("\"%s\": got rc %d lang %d, want rc %d lang %d", cases[i].header, rc, (int)got,
                     cases[i].rc, (int)cases[i].want);
    }
}

static void test_accept_language_null_header_defaults_to_english(void **state)
{
    (void)state;
    enum text_lang got = TEXT_LANG_FR;
    assert_int_equal(i18n_lang_from_accept(NULL, &got), ERR_NOTFOUND);
    assert_int_equal(got, TEXT_LANG_EN);
}

static void test_accept_language_survives_a_long_hostile_header(void **state)
{
    (void)state;
    enum { REPEAT = 1800, PIECE = 11 };
    static char header[REPEAT * PIECE + 3];
    for (size_t i = 0; i < REPEAT; i++)
        memcpy(header + i * PIECE, "x-y;q=0.1;,", PIECE);
    memcpy(header + REPEAT * PIECE, "es", 3);
    enum text_lang got = TEXT_LANG_EN;
    assert_int_equal(i18n_lang_from_accept(header, &got), 0);
    assert_int_equal(got, TEXT_LANG_ES);
}

int main(void)
{
    const struct CMUnitTest with_catalogues[] = {
        cmocka_unit_test(test_french_and_spanish_translate_navigation),
        cmocka_unit_test(test_unknown_msgid_comes_back_unchanged),
        cmocka_unit_test(test_missing_catalogue_or_bad_language_gives_msgid),
        cmocka_unit_test(test_T_macro_translates_for_the_request_language),
        cmocka_unit_test(test_french_plural_treats_zero_and_one_as_singular),
        cmocka_unit_test(test_spanish_plural_treats_zero_as_plural),
        cmocka_unit_test(test_english_plural_treats_zero_as_plural),
        cmocka_unit_test(test_untranslated_plural_follows_english_rule),
        cmocka_unit_test(test_labels_of_domain_codes_are_translated),
    };
    const struct CMUnitTest alone[] = {
        cmocka_unit_test(test_endonyms_name_each_language_in_itself),
        cmocka_unit_test(test_big_endian_unsorted_catalogue_is_read),
        cmocka_unit_test(test_other_plural_expressions_are_evaluated),
        cmocka_unit_test(test_plural_expression_syntax_and_precedence),
        cmocka_unit_test(test_malformed_plural_expressions_are_refused),
        cmocka_unit_test(test_malformed_files_are_refused_with_the_reason),
        cmocka_unit_test(test_missing_catalogue_file_is_an_io_error),
        cmocka_unit_test(test_accept_language_picks_highest_quality_supported),
        cmocka_unit_test(test_accept_language_null_header_defaults_to_english),
        cmocka_unit_test(test_accept_language_survives_a_long_hostile_header),
    };
    int failed =
        cmocka_run_group_tests_name("i18n: real catalogues", with_catalogues, setup, teardown);
    return failed | cmocka_run_group_tests_name("i18n", alone, NULL, NULL);
}
