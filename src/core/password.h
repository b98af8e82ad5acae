/*
 * password.h — the cryptography of accounts, in the one file that includes sodium.h: password
 * hashes (argon2id, libsodium's interactive limits), random tokens as URL-safe text, and the
 * hash under which a session token is stored (BLAKE2b), so a copy of the database holds no
 * token that would let anyone in; also the SHA-256 that addresses evidence files (follow-up).
 * Safe from any thread.
 */
#ifndef SUIVI_CORE_PASSWORD_H
#define SUIVI_CORE_PASSWORD_H

#include <stddef.h>

#include "util/err.h"

enum {
    CORE_PASSWORD_HASH_SIZE = 128, /* an argon2id string with its NUL (crypto_pwhash_STRBYTES) */
    CORE_PASSWORD_GENERATED_SIZE = 25, /* 24 URL-safe characters (144 random bits) + NUL */
    CORE_TOKEN_SIZE = 44,              /* 43 URL-safe characters (256 random bits) + NUL */
    CORE_TOKEN_HASH_SIZE = 65,         /* 64 hex digits + NUL */
};

/* Hashes password into out ("$argon2id$v=19$m=65536,t=2,p=1$..."): about 0.1 s and 64 MiB, on
 * purpose. ERR_NOMEM when the memory cannot be had. */
int core_password_hash(const char *password, char out[CORE_PASSWORD_HASH_SIZE],
                       struct err *err) SUIVI_MUST_CHECK;

/* 1 when password matches hash (made by core_password_hash), 0 when not or when hash is not a
 * password hash. Takes as long as core_password_hash. */
int core_password_verify(const char *hash, const char *password) SUIVI_MUST_CHECK;

/* Spends the time of core_password_verify on password without checking anything, for a login
 * that does not exist. */
void core_password_spend(const char *password);

/* A new random password for a person to type once and change (ensure_admin). */
int core_password_generate(char out[CORE_PASSWORD_GENERATED_SIZE],
                           struct err *err) SUIVI_MUST_CHECK;

/* A new random token (session, CSRF) as URL-safe base64 without padding. */
int core_token_new(char out[CORE_TOKEN_SIZE], struct err *err) SUIVI_MUST_CHECK;

/* The hex BLAKE2b-256 of token: what the store keeps instead of the token. */
int core_token_hash(const char *token, char out[CORE_TOKEN_HASH_SIZE],
                    struct err *err) SUIVI_MUST_CHECK;

enum { CORE_SHA256_HEX_SIZE = 65 }; /* 64 hex digits + NUL */

/* The SHA-256 of bytes[0..n) as lower-case hex: the content address under which evidence files
 * are stored once (core/evidence.c). */
int core_sha256_hex(const void *bytes, size_t n, char out[CORE_SHA256_HEX_SIZE],
                    struct err *err) SUIVI_MUST_CHECK;

/* 1 when a and b are the same text, compared in time that does not depend on where they differ
 * (for CSRF tokens a client sends back); 0 otherwise, or when either is NULL or empty. */
int core_token_equal(const char *a, const char *b);

#endif
