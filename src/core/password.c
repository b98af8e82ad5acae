/*
 * password.c — libsodium behind password.h; no other file of suivi includes sodium.h.
 * sodium_init runs once, on first use, from whichever thread comes first (sodium_init is itself
 * safe to call concurrently; the flag only saves the call).
 */
#include "core/password.h"

#include <assert.h>
#include <stdatomic.h>
#include <string.h>

#include <sodium.h>

static_assert(CORE_PASSWORD_HASH_SIZE >= crypto_pwhash_STRBYTES, "password hash buffer too small");
static_assert(CORE_TOKEN_SIZE >=
                  sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
              "token buffer too small");
static_assert(CORE_PASSWORD_GENERATED_SIZE >=
                  sodium_base64_ENCODED_LEN(18, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
              "generated password buffer too small");
static_assert(CORE_TOKEN_HASH_SIZE >= 2 * crypto_generichash_BYTES + 1, "token hash too small");
static_assert(CORE_SHA256_HEX_SIZE == 2 * crypto_hash_sha256_BYTES + 1, "SHA-256 buffer size");

static atomic_int sodium_ready;

static int ready(struct err *err)
{
    if (atomic_load(&sodium_ready))
        return 0;
    if (sodium_init() < 0)
        return err_set(err, ERR_NOMEM, "libsodium could not be initialised");
    atomic_store(&sodium_ready, 1);
    return 0;
}

int core_password_hash(const char *password, char out[CORE_PASSWORD_HASH_SIZE], struct err *err)
{
    int rc = ready(err);
    if (rc)
        return rc;
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return err_set(err, ERR_NOMEM, "hashing a password: out of memory (needs 64 MiB)");
    return 0;
}

int core_password_verify(const char *hash, const char *password)
{
    if (!hash || !password || ready(NULL))
        return 0;
    if (strnlen(hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
        return 0;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void core_password_spend(const char *password)
{
    char hash[crypto_pwhash_STRBYTES];
    if (ready(NULL) == 0 &&
        crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0)
        sodium_memzero(hash, sizeof hash);
}

/* n random bytes as URL-safe base64 without padding into out (size bytes). */
static int random_text(size_t n, char *out, size_t size, struct err *err)
{
    unsigned char bytes[32];
    int rc = ready(err);
    if (rc)
        return rc;
    if (n > sizeof bytes ||
        size < sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING))
        return err_set(err, ERR_INPUT, "random text: %zu bytes do not fit in %zu", n, size);
    randombytes_buf(bytes, n);
    sodium_bin2base64(out, size, bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(bytes, sizeof bytes);
    return 0;
}

int core_password_generate(char out[CORE_PASSWORD_GENERATED_SIZE], struct err *err)
{
    return random_text(18, out, CORE_PASSWORD_GENERATED_SIZE, err);
}

int core_token_new(char out[CORE_TOKEN_SIZE], struct err *err)
{
    return random_text(32, out, CORE_TOKEN_SIZE, err);
}

int core_token_hash(const char *token, char out[CORE_TOKEN_HASH_SIZE], struct err *err)
{
    unsigned char digest[crypto_generichash_BYTES];
    int rc = ready(err);
    if (rc)
        return rc;
    if (crypto_generichash(digest, sizeof digest, (const unsigned char *)token, strlen(token), NULL,
                           0) != 0)
        return err_set(err, ERR_INPUT, "hashing a token failed");
    sodium_bin2hex(out, CORE_TOKEN_HASH_SIZE, digest, sizeof digest);
    return 0;
}

int core_token_equal(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    size_t n = strlen(a);
    if (n != strlen(b))
        return 0;
    return n && sodium_memcmp(a, b, n) == 0;
}

int core_sha256_hex(const void *bytes, size_t n, char out[CORE_SHA256_HEX_SIZE], struct err *err)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    int rc = ready(err);
    if (rc)
        return rc;
    if (crypto_hash_sha256(digest, bytes, (unsigned long long)n) != 0)
        return err_set(err, ERR_INPUT, "computing a SHA-256 failed");
    sodium_bin2hex(out, CORE_SHA256_HEX_SIZE, digest, sizeof digest);
    return 0;
}
