/*
 * fuzz_tokenize.c — libFuzzer target for folding, stemming and tokenizing (src/text/fold.c,
 * stem.c, tokenize.c). The first byte picks the language, the rest is the text, any bytes.
 * Every mode must return 0; besides crashes and sanitizer reports it aborts when a promise of
 * tokenize.h or fold.h is broken: an empty or over-long token, one not NUL-terminated, not valid
 * UTF-8 or not folded, offsets outside the input or going backwards, a colocated first token;
 * folding valid text must succeed and be idempotent, folding invalid text must fail.
 * Seeds and past crashes live in tests/fuzz/corpus/fuzz_tokenize/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/fold.h"
#include "text/stem.h"
#include "text/tokenize.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

struct seen {
    size_t input_len;
    size_t tokens;
    size_t last_start;
    struct buf refold;
};

static int on_token(void *ctx, const char *tok, size_t len, size_t start, size_t end, int colocated)
{
    struct seen *seen = ctx;
    check(len > 0 && len <= TEXT_TOKEN_MAX && tok[len] == '\0' && strlen(tok) == len);
    check(start < end && end <= seen->input_len && start >= seen->last_start);
    check(seen->tokens > 0 || !colocated);
    check(text_utf8_check(tok, len, NULL) == 0);
    /* Tokens are already folded without accents. */
    buf_reset(&seen->refold);
    check(text_fold(tok, len, TEXT_FOLD_ACCENTS, &seen->refold) == 0);
    check(seen->refold.len == len && memcmp(seen->refold.data, tok, len) == 0);
    seen->last_start = start;
    seen->tokens++;
    return 0;
}

static void check_fold(const char *text, size_t n, int flags)
{
    struct buf once = BUF_INIT, twice = BUF_INIT;
    int valid = text_utf8_check(text, n, NULL) == 0;
    int rc = text_fold(text, n, flags, &once);
    check(valid ? rc == 0 : rc == ERR_INPUT && once.len == 0);
    if (valid) {
        check(text_utf8_check(buf_str(&once), once.len, NULL) == 0);
        check(text_fold(buf_str(&once), once.len, flags, &twice) == 0);
        check(once.len == twice.len && memcmp(buf_str(&once), buf_str(&twice), once.len) == 0);
    }
    buf_free(&once);
    buf_free(&twice);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct text_tokenizer *tokenizers[TEXT_LANG_COUNT];
    static struct text_stemmer *stemmers[TEXT_LANG_COUNT];
    if (size == 0)
        return 0;
    enum text_lang lang = (enum text_lang)(data[0] % TEXT_LANG_COUNT);
    if (!tokenizers[lang]) {
        check(text_tokenizer_new(lang, &tokenizers[lang], NULL) == 0);
        check(text_stemmer_new(lang, &stemmers[lang], NULL) == 0);
    }
    const char *text = (const char *)data + 1;
    size_t n = size - 1;

    static const enum text_tok_mode modes[] = {TEXT_TOK_INDEX, TEXT_TOK_QUERY, TEXT_TOK_PREFIX};
    size_t index_tokens = 0;
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        struct seen seen = {.input_len = n};
        check(text_tokenize(tokenizers[lang], text, n, modes[m], on_token, &seen) == 0);
        if (modes[m] == TEXT_TOK_INDEX)
            index_tokens = seen.tokens;
        else
            check(seen.tokens <= index_tokens); /* every word has its stem in the index */
        buf_free(&seen.refold);
    }

    check_fold(text, n, 0);
    check_fold(text, n, TEXT_FOLD_ACCENTS);

    struct buf stem = BUF_INIT;
    int rc = text_stem_word(stemmers[lang], text, n, &stem);
    check(text_utf8_check(text, n, NULL) == 0 ? rc == 0 : rc == ERR_INPUT);
    check(text_utf8_check(buf_str(&stem), stem.len, NULL) == 0);
    buf_free(&stem);
    return 0;
}
