/*
 * fuzz_model.c — libFuzzer target for the model file reader (src/text/model_io.c): a hostile
 * model file must give a model or an error, never a crash, a sanitizer report or an allocation
 * out of proportion with its size. A model that loads must also predict, explain, and survive
 * being saved and loaded again unchanged; a base-model reference must be readable too. Each
 * input is tried twice: as it is, and with its checksum made right, so that mutations reach
 * the section parsers instead of stopping at the checksum.
 * Seeds (small real models, cut and damaged ones) live in tests/fuzz/corpus/fuzz_model/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/classify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

static void use(const struct text_model *m)
{
    static const char *const texts[] = {"Ratify the Optional Protocol against torture",
                                        "Lutter contre la violence faite aux femmes", ""};
    struct text_featurizer *fz = NULL;
    struct text_prediction p = {0};
    struct err err = {0};
    check(text_featurizer_new(&fz, &err) == 0);
    for (int lang = 0; lang < 3; lang++) {
        const char *t = texts[lang];
        check(text_model_predict(m, fz, (enum text_lang)lang, t, strlen(t), &p, &err) == 0);
        check(p.nkept <= text_model_label_count(m));
        for (size_t k = 0; k < p.nkept; k++) {
            struct buf why = BUF_INIT;
            check(p.kept[k].label < text_model_label_count(m));
            check(text_model_reason(m, &p, p.kept[k].label, 3, &why) == 0);
            buf_free(&why);
        }
    }
    for (size_t l = 0; l < text_model_label_count(m); l++)
        check(text_model_label_find(m, text_model_label(m, l)) >= 0);
    text_prediction_free(&p);
    text_featurizer_free(fz);
}

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static void try_model(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try_model(data, size);
    if (size >= 28 && !memcmp(data + size - 12, "END \4\0\0\0", 8)) {
        uint8_t *fixed = malloc(size);
        check(fixed != NULL);
        memcpy(fixed, data, size);
        uint32_t crc = crc32_of(fixed, size - 12);
        for (int i = 0; i < 4; i++)
            fixed[size - 4 + i] = (uint8_t)(crc >> (8 * i));
        try_model(fixed, size);
        free(fixed);
    }
    return 0;
}

static void try_model(const uint8_t *data, size_t size)
{
    struct text_model *m = NULL;
    struct err err = {0};
    struct buf ref = BUF_INIT;
    int has_ref = text_model_base_ref(data, size, &ref);
    check(has_ref >= 0);
    int rc = text_model_load("fuzz.model", data, size, &m, &err);
    if (rc) {
        check(m == NULL && (rc == ERR_INPUT || rc == ERR_VERSION || rc == ERR_NOMEM));
        check(strncmp(err.msg, "fuzz.model", 10) == 0);
        buf_free(&ref);
        return;
    }
    check(!has_ref); /* a model naming its base cannot load without it */
    use(m);
    struct buf once = BUF_INIT, twice = BUF_INIT;
    check(text_model_save(m, &once) == 0);
    struct text_model *back = NULL;
    check(text_model_load("again.model", once.data, once.len, &back, &err) == 0);
    check(text_model_save(back, &twice) == 0);
    check(once.len == twice.len && memcmp(once.data, twice.data, once.len) == 0);
    text_model_free(back);
    text_model_free(m);
    buf_free(&once);
    buf_free(&twice);
    buf_free(&ref);
}
