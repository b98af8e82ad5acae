/*
 * fuzz_i18n.c — libFuzzer target for the gettext catalogue reader of the web pages
 * (src/web/i18n.c): the .mo file parser (either byte order, string table, header, the
 * Plural-Forms expression compiler and evaluator) and the Accept-Language parser. The input is
 * written as the catalogue of all three languages and loaded with i18n_load; when it loads,
 * every lookup is tried with msgids of our catalogue and plural counts from 0 to ULONG_MAX. The
 * input is also read, up to its first NUL, as an Accept-Language header. Besides crashes and
 * sanitizer reports it aborts when a promise of i18n.h is broken: a load error other than
 * ERR_INPUT/ERR_NOMEM or without the file's name, a NULL or non-UTF-8 translation, a plural
 * count outside 1..(some bound), or an Accept-Language answer out of range.
 * Seeds: tests/fuzz/corpus/fuzz_i18n/ (small catalogues made with msgfmt from po/).
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz_db.h"
#include "web/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Strict UTF-8, as the loader promises for every string it hands out. */
static int utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int len = *p < 0x80                  ? 1
                  : *p >= 0xC2 && *p <= 0xDF ? 2
                  : *p >= 0xE0 && *p <= 0xEF ? 3
                  : *p >= 0xF0 && *p <= 0xF4 ? 4
                                             : 0;
        if (!len)
            return 0;
        unsigned cp = len == 1 ? *p : *p & (0x7F >> len);
        for (int i = 1; i < len; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (p[i] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        p += len;
    }
    return 1;
}

/* The locale directory: en/LC_MESSAGES/suivi.mo is the input, fr and es link to it. */
static const char *locale_dir(char *mo_path, size_t size)
{
    static const char *dir;
    if (!dir) {
        char cmd[512];
        dir = fuzz_dir("locale");
        snprintf(cmd, sizeof cmd,
                 "cd %s && mkdir -p en/LC_MESSAGES fr/LC_MESSAGES es/LC_MESSAGES && "
                 "ln -sf ../../en/LC_MESSAGES/suivi.mo fr/LC_MESSAGES/suivi.mo && "
                 "ln -sf ../../en/LC_MESSAGES/suivi.mo es/LC_MESSAGES/suivi.mo",
                 dir);
        fuzz_check(system(cmd) == 0);
    }
    snprintf(mo_path, size, "%s/en/LC_MESSAGES/suivi.mo", dir);
    return dir;
}

static void lookups(const struct i18n *cat)
{
    static const char *const msgids[] = {"Log in",  "Search", "Recommendations", "Dashboard",
                                         "Log out", "",       "Supported",       "no such page"};
    static const unsigned long counts[] = {0, 1, 2, 3, 5, 11, 21, 100, 101, 1000001, ULONG_MAX};
    static const struct {
        const char *vocab, *code;
    } labels[] = {{"response", "supported"}, {"role", "admin"},  {"progress", "implemented"},
                  {"action_category", "5"},  {"kind", "pledge"}, {"nothing", "x"}};
    for (int l = 0; l < TEXT_LANG_COUNT; l++) {
        int nplurals = i18n_nplurals(cat, (enum text_lang)l);
        fuzz_check(nplurals >= 1);
        for (size_t i = 0; i < sizeof msgids / sizeof msgids[0]; i++) {
            const char *t = i18n_get(cat, (enum text_lang)l, msgids[i]);
            fuzz_check(t != NULL && utf8_ok(t));
        }
        for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
            const char *t = i18n_nget(cat, (enum text_lang)l, "%d result", "%d results", counts[i]);
            fuzz_check(t != NULL && utf8_ok(t));
        }
        struct i18n_tr tr = {cat, (enum text_lang)l};
        for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
            const char *t = i18n_label(&tr, labels[i].vocab, labels[i].code);
            fuzz_check(!t || utf8_ok(t));
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char mo[256];
    const char *dir = locale_dir(mo, sizeof mo);
    fuzz_write(mo, data, size);
    struct i18n *cat = NULL;
    struct err err = {0};
    int rc = i18n_load(dir, &cat, &err);
    if (rc) {
        fuzz_check(cat == NULL && (rc == ERR_INPUT || rc == ERR_NOMEM));
        fuzz_check(strncmp(err.msg, dir, strlen(dir)) == 0);
    } else {
        lookups(cat);
    }
    i18n_free(cat);

    char *header = malloc(size + 1);
    fuzz_check(header != NULL);
    memcpy(header, data, size);
    header[size] = '\0';
    enum text_lang lang = (enum text_lang) - 1;
    rc = i18n_lang_from_accept(header, &lang);
    fuzz_check(rc == 0 || rc == ERR_NOTFOUND);
    fuzz_check(lang >= 0 && lang < TEXT_LANG_COUNT);
    fuzz_check(rc == 0 || lang == TEXT_LANG_EN);
    free(header);
    return 0;
}
