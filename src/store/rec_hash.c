/*
 * rec_hash.c — content hash of a recommendation (see rec_hash.h).
 */
#include "store/rec_hash.h"

#include <stdio.h>
#include <string.h>

static void mix(uint64_t *h, const char *s)
{
    /* NULL and "" differ: NULL hashes as a lone 0x01 byte, every field ends with 0x00. */
    if (!s) {
        *h = (*h ^ 0x01) * 0x100000001b3ULL;
    } else {
        for (const unsigned char *p = (const unsigned char *)s; *p; p++)
            *h = (*h ^ *p) * 0x100000001b3ULL;
    }
    *h = (*h ^ 0x00) * 0x100000001b3ULL;
}

/* Mixes v as "%ld" would print it (digits written by hand: four per row of an import). */
static void mix_long(uint64_t *h, long v)
{
    char num[24], *p = num + sizeof num - 1;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    *p = '\0';
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    mix(h, p);
}

void store_rec_hash(const struct store_rec *r, char out[17])
{
    uint64_t h = 0xcbf29ce484222325ULL;
    const char *fields[] = {r->id,       r->kind,          r->mechanism,   r->body,
                            r->document, r->paragraph,     r->country,     r->country_label,
                            r->response, r->cluster_theme, r->source_file, r->source_json};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        mix(&h, fields[i]);
    mix_long(&h, r->session);
    mix_long(&h, r->cycle);
    mix_long(&h, r->action_category);
    mix_long(&h, r->source_line);
    for (int i = 0; i < STORE_LANG_COUNT; i++)
        mix(&h, r->text[i]);
    mix_long(&h, (long)r->nstates);
    for (size_t i = 0; i < r->nstates; i++) {
        mix(&h, r->states[i].iso3);
        mix(&h, r->states[i].label);
    }
    mix_long(&h, (long)r->ntags);
    for (size_t i = 0; i < r->ntags; i++) {
        if (r->tags[i].origin != STORE_TAG_SOURCE)
            continue;
        mix(&h, r->tags[i].vocab);
        mix(&h, r->tags[i].code);
        mix(&h, r->tags[i].label);
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}
