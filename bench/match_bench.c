/*
 * match_bench.c — the matching engine (src/core/match.c) at scale: 10,000 needs against 10,000
 * offers, the 10 best offers for every need and the 10 best needs for every offer. The items
 * are synthetic but shaped like the real ones (themes and SDG goals drawn with a skew, one to
 * four kinds of help, languages, regions, texts of 30-90 words from a 4,000-word vocabulary
 * with a Zipf law), made by a fixed pseudo-random sequence so every run scores the same data.
 * Prints build time, query times and peak memory (getrusage ru_maxrss).
 * usage: match_bench [NEEDS [OFFERS]]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/match.h"
#include "util/buf.h"

static uint64_t seed = 42;

static uint32_t rnd(void)
{
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(seed >> 33);
}

/* 0..n-1, small numbers far more often (roughly Zipf). */
static uint32_t skewed(uint32_t n)
{
    double u = (rnd() + 1.0) / 4294967296.0;
    uint32_t k = (uint32_t)((double)n * u * u * u);
    return k < n ? k : n - 1;
}

static const char *const syllables[] = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "si",
                                        "pe", "da", "go", "li", "mu", "ra", "te", "zo"};

static void word(uint32_t k, struct buf *out)
{
    do {
        buf_puts(out, syllables[k % 16]);
        k /= 16;
    } while (k);
    buf_puts(out, "n"); /* keeps the stemmer from folding words into each other */
}

static const char *const groups[] = {"AG", "APG", "EEG", "GRULAC", "WEOG"};
static const char *const langs[] = {"en", "fr", "es", "ar", "ru", "zh"};

static void item(struct core_match_item *it, long id, int is_offer, struct buf *b)
{
    size_t at[6];
    buf_reset(b);
    at[0] = b->len;
    int nthemes = 1 + (int)(rnd() % 4);
    for (int i = 0; i < nthemes; i++)
        buf_printf(b, "%stheme%u", i ? "|" : "", skewed(150));
    buf_putc(b, '\0');
    at[1] = b->len;
    buf_printf(b, "%u|%u", 1 + skewed(17), 1 + rnd() % 17);
    buf_putc(b, '\0');
    at[2] = b->len;
    buf_printf(b, "%s|%s", langs[skewed(6)], langs[rnd() % 6]);
    buf_putc(b, '\0');
    at[3] = b->len;
    buf_printf(b, "C%03u", rnd() % 193);
    buf_putc(b, '\0');
    at[4] = b->len;
    if (is_offer && rnd() % 2)
        buf_printf(b, "%s|C%03u", groups[rnd() % 5], rnd() % 193);
    buf_putc(b, '\0');
    at[5] = b->len;
    int nwords = 30 + (int)(rnd() % (is_offer ? 60 : 30));
    for (int i = 0; i < nwords; i++) {
        if (i)
            buf_putc(b, ' ');
        word(skewed(4000), b);
    }
    char *s = buf_detach(b);
    *it = (struct core_match_item){.id = id,
                                   .themes = s + at[0],
                                   .sdgs = s + at[1],
                                   .kinds = 1u + rnd() % 255u,
                                   .languages = s + at[2],
                                   .country = s + at[3],
                                   .region = groups[rnd() % 5],
                                   .regions = s + at[4],
                                   .providers = rnd() % 3 ? 0 : 1u + rnd() % 31u,
                                   .provider_kind = is_offer ? (int)(rnd() % 5) : -1,
                                   .practice = is_offer ? s + at[0] : NULL,
                                   .text = s + at[5],
                                   .lang = "en"};
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU seconds of this process: on a shared machine, the figure that does not depend on the
 * neighbours. */
static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    size_t nneeds = argc > 1 ? (size_t)atol(argv[1]) : 10000;
    size_t noffers = argc > 2 ? (size_t)atol(argv[2]) : nneeds;
    struct core_match_item *needs = calloc(nneeds + 1, sizeof *needs);
    struct core_match_item *offers = calloc(noffers + 1, sizeof *offers);
    struct buf b = {0};
    if (!needs || !offers)
        return 1;
    for (size_t i = 0; i < nneeds; i++)
        item(&needs[i], (long)i, 0, &b);
    for (size_t i = 0; i < noffers; i++)
        item(&offers[i], (long)i, 1, &b);
    buf_free(&b);

    struct err err = {0};
    struct core_match_index *idx;
    double c0 = cpu(), t0 = now();
    if (core_match_index_new(needs, nneeds, offers, noffers, &idx, &err)) {
        fprintf(stderr, "match_bench: %s\n", err.msg);
        return 1;
    }
    double c1 = cpu(), t1 = now();
    struct core_match_hit hits[10];
    size_t n;
    double checksum = 0;
    for (size_t i = 0; i < nneeds; i++) {
        if (core_match_index_for_need(idx, i, 10, NULL, hits, &n, &err)) {
            fprintf(stderr, "match_bench: %s\n", err.msg);
            return 1;
        }
        checksum += n ? hits[0].score.total : 0;
    }
    double c2 = cpu(), t2 = now();
    for (size_t i = 0; i < noffers; i++) {
        if (core_match_index_for_offer(idx, i, 10, NULL, hits, &n, &err)) {
            fprintf(stderr, "match_bench: %s\n", err.msg);
            return 1;
        }
        checksum += n ? hits[0].score.total : 0;
    }
    double c3 = cpu(), t3 = now();
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("match %zu needs x %zu offers (CPU seconds, wall in brackets): index %.2fs (%.2fs), "
           "top 10 offers for every need %.2fs (%.2fs), top 10 needs for every offer %.2fs "
           "(%.2fs), total %.2fs (%.2fs); peak memory %ld MiB (checksum %.3f)\n",
           nneeds, noffers, c1 - c0, t1 - t0, c2 - c1, t2 - t1, c3 - c2, t3 - t2, c3 - c0, t3 - t0,
           ru.ru_maxrss / 1024, checksum);
    core_match_index_free(idx);
    for (size_t i = 0; i < nneeds; i++)
        free((char *)needs[i].themes);
    for (size_t i = 0; i < noffers; i++)
        free((char *)offers[i].themes);
    free(needs);
    free(offers);
    return 0;
}
