/*
 * encoding.c — encoding names, detection and conversion to UTF-8 (see encoding.h).
 *
 * glibc iconv is the reference for every legacy encoding: the single-byte ones are turned into a
 * 128-entry table once per call (iconv itself takes 2-7 ms on the 1.5 MB of UPR Info's 1-5.csv,
 * while reading and parsing it all with the table takes under 1.5 ms) and UTF-16 goes through
 * iconv directly. UTF-8 input is validated here, without iconv, because it is the common case
 * and must be fast. Detection scores MacRoman against Windows-1252 with the
 * same tables, so detection and conversion can never disagree about what a byte means.
 */
#include "import/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* What the high half (0x80-0xFF) of a single-byte encoding means, as iconv says. */
struct sb_table {
    unsigned char len[128];     /* UTF-8 length; 0 = byte undefined in this encoding */
    unsigned char utf8[128][4]; /* UTF-8 bytes */
    uint32_t cp[128];           /* code point, for scoring */
};

static const char *const iconv_names[] = {
    [ENC_UTF8] = "UTF-8",        [ENC_UTF8_BOM] = "UTF-8",     [ENC_UTF16LE] = "UTF-16LE",
    [ENC_UTF16BE] = "UTF-16BE",  [ENC_MACROMAN] = "MACINTOSH", [ENC_CP1252] = "CP1252",
    [ENC_LATIN1] = "ISO-8859-1",
};

static const char *const canonical_names[] = {
    [ENC_UTF8] = "utf-8",        [ENC_UTF8_BOM] = "utf-8-bom", [ENC_UTF16LE] = "utf-16le",
    [ENC_UTF16BE] = "utf-16be",  [ENC_MACROMAN] = "macroman",  [ENC_CP1252] = "windows-1252",
    [ENC_LATIN1] = "iso-8859-1",
};

const char *enc_name(enum enc e)
{
    if ((unsigned)e >= sizeof canonical_names / sizeof canonical_names[0])
        return "unknown";
    return canonical_names[e];
}

int enc_parse(const char *name, enum enc *out)
{
    static const struct {
        const char *key; /* lowercase, without '-', '_' and spaces */
        enum enc enc;
    } aliases[] = {
        {"utf8", ENC_UTF8},          {"utf8bom", ENC_UTF8_BOM}, {"utf8sig", ENC_UTF8_BOM},
        {"utf16le", ENC_UTF16LE},    {"utf16be", ENC_UTF16BE},  {"macroman", ENC_MACROMAN},
        {"macintosh", ENC_MACROMAN}, {"mac", ENC_MACROMAN},     {"cp1252", ENC_CP1252},
        {"windows1252", ENC_CP1252}, {"latin1", ENC_LATIN1},    {"iso88591", ENC_LATIN1},
    };
    if (!name)
        return ERR_USAGE;
    char key[24];
    size_t k = 0;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (c == '-' || c == '_' || c == ' ')
            continue;
        if (k + 1 >= sizeof key)
            return ERR_USAGE;
        key[k++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    key[k] = '\0';
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(key, aliases[i].key) == 0) {
            *out = aliases[i].enc;
            return 0;
        }
    }
    return ERR_USAGE;
}

/* ---- UTF-8 ---------------------------------------------------------------------------------- */

/* Length of the valid UTF-8 character at s (1-4), or 0 if the bytes there are not one: a stray
 * continuation byte, an overlong form, a surrogate, a code point past U+10FFFF, or a sequence
 * cut short by the end of the input. */
static size_t utf8_char_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF; /* range allowed for the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        if (c == 0xF4)
            hi = 0x8F; /* past U+10FFFF */
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    }
    return len;
}

/* The first i' >= i with s[i'] >= 0x80, or n. ASCII is skipped eight bytes at a time: it is
 * nearly all of every real file. */
static size_t skip_ascii(const unsigned char *s, size_t i, size_t n)
{
    while (n - i >= 8) {
        uint64_t word;
        memcpy(&word, s + i, sizeof word);
        if (word & UINT64_C(0x8080808080808080))
            break;
        i += 8;
    }
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

/* Offset of the first byte that does not start a valid UTF-8 character, or n if all are valid. */
static size_t utf8_first_invalid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while ((i = skip_ascii(s, i, n)) < n) {
        size_t len = utf8_char_len(s + i, n - i);
        if (len == 0)
            return i;
        i += len;
    }
    return n;
}

/* Code point of the valid UTF-8 character at s (as checked by utf8_char_len). */
static uint32_t utf8_decode(const unsigned char *s, size_t len)
{
    static const unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    uint32_t cp = s[0] & lead_mask[len];
    for (size_t i = 1; i < len; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    return cp;
}

/* ---- error messages ------------------------------------------------------------------------- */

/* 1 + the number of line ends (LF, CRLF or CR, each counted once) in s[0..n). */
static size_t line_of_end(const unsigned char *s, size_t n)
{
    size_t line = 1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
            line++;
    }
    return line;
}

/* "SOURCE:LINE: " when the source is named, else "line LINE: ". */
static void where(char *dst, size_t size, const char *source, size_t line)
{
    if (source)
        snprintf(dst, size, "%s:%zu: ", source, line);
    else
        snprintf(dst, size, "line %zu: ", line);
}

static int fail_at(const char *source, size_t line, size_t offset, const char *what, enum enc e,
                   struct err *err)
{
    const char *hint = (e == ENC_UTF8 || e == ENC_UTF8_BOM)
                           ? "the file is damaged or not UTF-8; name its encoding with --encoding"
                           : "name the file's real encoding with --encoding";
    char prefix[200];
    where(prefix, sizeof prefix, source, line);
    const char *verb = strncmp(what, "bytes", 5) == 0 ? "are" : "is";
    return err_set(err, ERR_INPUT, "%s%s at byte offset %zu %s not valid %s; %s", prefix, what,
                   offset, verb, enc_name(e), hint);
}

static int fail_byte(const char *source, const unsigned char *in, size_t offset, enum enc e,
                     struct err *err)
{
    char what[16];
    snprintf(what, sizeof what, "byte 0x%02X", in[offset]);
    return fail_at(source, line_of_end(in, offset), offset, what, e, err);
}

/* ---- single-byte encodings ------------------------------------------------------------------ */

/* Fills t from iconv. ERR_INPUT if glibc lacks the conversion (no gconv modules installed). */
static int sb_table_load(enum enc e, struct sb_table *t, struct err *err)
{
    memset(t, 0, sizeof *t);
    iconv_t cd = iconv_open("UTF-8", iconv_names[e]);
    if (cd == (iconv_t)-1)
        return err_set(err, ERR_INPUT, "cannot convert from %s: iconv has no %s (%s)", enc_name(e),
                       iconv_names[e], strerror(errno));
    for (int i = 0; i < 128; i++) {
        char in = (char)(0x80 + i);
        char *inp = &in, *outp = (char *)t->utf8[i];
        size_t inleft = 1, outleft = sizeof t->utf8[i];
        iconv(cd, NULL, NULL, NULL, NULL);
        size_t rc = iconv(cd, &inp, &inleft, &outp, &outleft);
        size_t len = sizeof t->utf8[i] - outleft;
        if (rc == (size_t)-1 || inleft != 0 || len == 0 || utf8_char_len(t->utf8[i], len) != len) {
            t->len[i] = 0;
            t->cp[i] = 0;
        } else {
            t->len[i] = (unsigned char)len;
            t->cp[i] = utf8_decode(t->utf8[i], len);
        }
    }
    iconv_close(cd);
    return 0;
}

static int sb_to_utf8(const char *source, const unsigned char *in, size_t n, enum enc e,
                      struct buf *out, struct err *err)
{
    struct sb_table table;
    int rc = sb_table_load(e, &table, err);
    if (rc)
        return rc;
    size_t need = n;
    for (size_t i = 0; (i = skip_ascii(in, i, n)) < n; i++) {
        if (table.len[in[i] - 0x80] == 0)
            return fail_byte(source, in, i, e, err);
        need += table.len[in[i] - 0x80] - 1u;
    }
    if (buf_reserve(out, need))
        return err_set(err, ERR_NOMEM, "out of memory converting %zu bytes from %s", n,
                       enc_name(e));
    char *dst = out->data + out->len;
    size_t i = 0;
    while (i < n) {
        size_t run = skip_ascii(in, i, n);
        memcpy(dst, in + i, run - i);
        dst += run - i;
        i = run;
        if (i < n) {
            const unsigned char idx = (unsigned char)(in[i] - 0x80);
            memcpy(dst, table.utf8[idx], table.len[idx]);
            dst += table.len[idx];
            i++;
        }
    }
    out->len += need;
    out->data[out->len] = '\0';
    return 0;
}

/* ---- UTF-16 --------------------------------------------------------------------------------- */

static int utf16_to_utf8(const char *source, const unsigned char *in, size_t n, enum enc e,
                         struct buf *out, struct err *err)
{
    size_t skip = 0;
    if (n >= 2 && ((e == ENC_UTF16LE && in[0] == 0xFF && in[1] == 0xFE) ||
                   (e == ENC_UTF16BE && in[0] == 0xFE && in[1] == 0xFF)))
        skip = 2;
    iconv_t cd = iconv_open("UTF-8", iconv_names[e]);
    if (cd == (iconv_t)-1)
        return err_set(err, ERR_INPUT, "cannot convert from %s: iconv has no %s (%s)", enc_name(e),
                       iconv_names[e], strerror(errno));
    const size_t start = out->len;
    char *inp = (char *)(in + skip);
    size_t inleft = n - skip;
    int rc = 0;
    while (inleft > 0) {
        /* Three UTF-8 bytes per two-byte unit is the most UTF-16 can need. */
        if (buf_reserve(out, inleft / 2 * 3 + 4)) {
            rc = err_set(err, ERR_NOMEM, "out of memory converting %zu bytes from %s", n,
                         enc_name(e));
            break;
        }
        char *outp = out->data + out->len;
        size_t outleft = out->cap - out->len - 1;
        size_t r = iconv(cd, &inp, &inleft, &outp, &outleft);
        out->len = (size_t)(outp - out->data);
        if (r != (size_t)-1 || errno == E2BIG)
            continue;
        size_t offset = (size_t)(inp - (char *)in);
        size_t line = line_of_end((const unsigned char *)out->data + start, out->len - start);
        if (errno == EINVAL || inleft < 2) {
            char prefix[200];
            where(prefix, sizeof prefix, source, line);
            rc = err_set(err, ERR_INPUT,
                         "%sthe file ends inside a %s character (byte offset %zu); is it "
                         "truncated?",
                         prefix, enc_name(e), offset);
        } else {
            char what[32];
            snprintf(what, sizeof what, "bytes 0x%02X 0x%02X", in[offset], in[offset + 1]);
            rc = fail_at(source, line, offset, what, e, err);
        }
        break;
    }
    iconv_close(cd);
    if (rc) {
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
        return rc;
    }
    /* terminates out, also when the input was a lone BOM and nothing was converted */
    return buf_append(out, "", 0) ? err_set(err, ERR_NOMEM, "out of memory") : 0;
}

/* ---- conversion ----------------------------------------------------------------------------- */

int enc_to_utf8_named(const char *source, const unsigned char *in, size_t n, enum enc e,
                      struct buf *out, struct err *err)
{
    if (n == 0) /* nothing to add, but out must still be a C string */
        return buf_append(out, "", 0) ? err_set(err, ERR_NOMEM, "out of memory") : 0;
    switch (e) {
    case ENC_UTF8:
    case ENC_UTF8_BOM: {
        size_t skip = (n >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF) ? 3 : 0;
        size_t bad = skip + utf8_first_invalid(in + skip, n - skip);
        if (bad < n)
            return fail_byte(source, in, bad, e, err);
        if (buf_append(out, in + skip, n - skip))
            return err_set(err, ERR_NOMEM, "out of memory copying %zu bytes", n);
        return 0;
    }
    case ENC_UTF16LE:
    case ENC_UTF16BE:
        return utf16_to_utf8(source, in, n, e, out, err);
    case ENC_MACROMAN:
    case ENC_CP1252:
    case ENC_LATIN1:
        return sb_to_utf8(source, in, n, e, out, err);
    }
    return err_set(err, ERR_INPUT, "unknown encoding %d", (int)e);
}

int enc_to_utf8(const unsigned char *in, size_t n, enum enc e, struct buf *out, struct err *err)
{
    return enc_to_utf8_named(NULL, in, n, e, out, err);
}

/* ---- detection ------------------------------------------------------------------------------ */

static int is_ascii_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Letters of the Latin-1 supplement and Latin Extended-A, the ones western text uses. */
static int is_latin_letter(uint32_t c)
{
    return (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) || (c >= 0x100 && c <= 0x17F);
}

static int is_lower(uint32_t c)
{
    if (c >= 'a' && c <= 'z')
        return 1;
    if (c >= 0xDF && c <= 0xFF)
        return c != 0xF7;
    if (c >= 0x100 && c <= 0x137)
        return c & 1;
    if (c >= 0x139 && c <= 0x148)
        return !(c & 1);
    if (c >= 0x14A && c <= 0x177)
        return c & 1;
    if (c >= 0x179 && c <= 0x17E)
        return !(c & 1);
    return c == 0x138 || c == 0x149 || c == 0x17F;
}

static int is_letter(uint32_t c)
{
    return is_ascii_letter(c) || is_latin_letter(c);
}

static int is_in(uint32_t c, const uint32_t *set)
{
    for (; *set; set++) {
        if (*set == c)
            return 1;
    }
    return 0;
}

/* c is one of the ASCII characters of set. */
static int ascii_in(uint32_t c, const char *set)
{
    return c > 0 && c < 0x80 && strchr(set, (int)c) != NULL;
}

/* How much an accented letter c looks like European text where it stands. Inside a word any
 * lowercase accent is plausible; at the edges of a word or alone only some are: the letters
 * MacRoman puts where Windows-1252 has its quotes and dashes (ë í ì î ï ñ ó) mostly are not. */
static int score_letter(uint32_t c, int prev_letter, int next_letter, int prev_lower)
{
    /* é in café, à in città, ã in São... */
    static const uint32_t word_final[] = {0xE0, 0xE1, 0xE2, 0xE3, 0xE8, 0xE9, 0xEA, 0xEC,
                                          0xED, 0xF2, 0xF3, 0xF4, 0xF5, 0xF9, 0xFA, 0};
    /* é in état, î in île, ü in über... */
    static const uint32_t word_initial[] = {0xE0, 0xE1, 0xE2, 0xE9, 0xEA, 0xED,  0xEE, 0xF3,
                                            0xF4, 0xFA, 0xE4, 0xF6, 0xFC, 0x153, 0};
    if (!is_lower(c)) { /* a capital inside a word or alone is the mark of the wrong guess */
        if (prev_lower)
            return -2;
        return (prev_letter || next_letter) ? 1 : -1;
    }
    if (prev_letter && next_letter)
        return 3;
    if (prev_letter)
        return is_in(c, word_final) ? 2 : 0;
    if (next_letter)
        return is_in(c, word_initial) ? 2 : -1;
    return (c == 0xE0 || c == 0xE8) ? 2 : -2; /* French à, Italian è */
}

/* How much a character c between neighbours prev and next looks like European text. */
static int score_char(uint32_t prev, uint32_t c, uint32_t next)
{
    int prev_letter = is_letter(prev), next_letter = is_letter(next);
    if (is_latin_letter(c))
        return score_letter(c, prev_letter, next_letter, is_lower(prev));
    switch (c) {
    case 0x2019:
        /* ’ as an apostrophe: women’s, don’t, l’État, qu’il; girls’ rights; a closing quote */
        if (prev_letter && next_letter)
            return (ascii_in(next, "stdmrvl") || ascii_in(prev, "ldjnscuLDJNSCU")) ? 3 : 0;
        if (prev == 's' && next == ' ')
            return 2;
        return prev_letter ? 1 : 0;
    case 0x2018: /* ‘ */
    case 0x201C: /* “ */
        return (!prev_letter && (next_letter || (next >= '0' && next <= '9'))) ? 3 : 0;
    case 0x201D: /* ” */
        return (!next_letter && prev != ' ') ? 3 : 0;
    case 0xAB: /* « */
    case 0xBB: /* » */
        return 3;
    case 0xA1: /* ¡ */
    case 0xBF: /* ¿ */
        return next_letter ? 1 : -2;
    case 0x2013: /* – */
    case 0x2014: /* — */
    case 0x2026: /* … */
    case 0xB0:   /* ° */
    case 0x20AC: /* € */
    case 0xA0:   /* no-break space */
    case 0xAA:   /* ª */
    case 0xBA:   /* º */
    case 0xA7:   /* § */
    case 0xB7:   /* · */
    case 0x2022: /* • */
        return 1;
    default:
        return -2;
    }
}

/* Code point of byte b under table t (ASCII as itself); 0 for an undefined byte. */
static uint32_t sb_cp(const struct sb_table *t, int b)
{
    if (b < 0)
        return ' '; /* before the start or past the end counts as a space */
    return b < 0x80 ? (uint32_t)b : t->cp[b - 0x80];
}

/* Score of the text read as table t, or LONG_MIN if t leaves a byte of it undefined. */
static long sb_score(const struct sb_table *t, const unsigned char *s, size_t n)
{
    long score = 0;
    for (size_t i = 0; (i = skip_ascii(s, i, n)) < n; i++) {
        if (t->len[s[i] - 0x80] == 0)
            return LONG_MIN;
        uint32_t prev = sb_cp(t, i > 0 ? s[i - 1] : -1);
        uint32_t next = sb_cp(t, i + 1 < n ? s[i + 1] : -1);
        score += score_char(prev, t->cp[s[i] - 0x80], next);
    }
    return score;
}

/* MacRoman or Windows-1252, for bytes that are not UTF-8 (see enc_detect). */
static enum enc detect_single_byte(const unsigned char *s, size_t n)
{
    struct sb_table mac, win;
    struct err ignored;
    int mac_ok = sb_table_load(ENC_MACROMAN, &mac, &ignored) == 0;
    int win_ok = sb_table_load(ENC_CP1252, &win, &ignored) == 0;
    if (!mac_ok || !win_ok) /* conversion will fail and say why */
        return mac_ok ? ENC_MACROMAN : ENC_CP1252;
    long mac_score = sb_score(&mac, s, n), win_score = sb_score(&win, s, n);
    size_t cr = 0, crlf = 0, lf = 0; /* cr and lf alone */
    for (const unsigned char *p = s; (p = memchr(p, '\r', n - (size_t)(p - s))); p++) {
        if (p + 1 < s + n && p[1] == '\n')
            crlf++;
        else
            cr++;
    }
    for (const unsigned char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))); p++)
        lf++;
    lf -= crlf;
    int cr_only = cr > 0 && crlf == 0 && lf == 0;
    if (win_score != LONG_MIN) {
        if (cr_only)
            mac_score += 4;
        if (crlf > 0 && cr == 0)
            win_score += 4;
    }
    if (mac_score != win_score)
        return mac_score > win_score ? ENC_MACROMAN : ENC_CP1252;
    return cr_only ? ENC_MACROMAN : ENC_CP1252;
}

/* UTF-16 without a BOM: one byte of nearly every pair is NUL (text mostly below U+0100). */
static int detect_utf16_unmarked(const unsigned char *s, size_t n, enum enc *out)
{
    size_t pairs = (n < 4096 ? n : 4096) / 2;
    if (pairs < 8) /* too few to tell from a short text with a stray NUL */
        return 0;
    size_t nul_first = 0, nul_second = 0;
    for (size_t i = 0; i < pairs; i++) {
        nul_first += s[2 * i] == 0;
        nul_second += s[2 * i + 1] == 0;
    }
    if (nul_second * 8 >= pairs * 3 && nul_first * 16 <= pairs) {
        *out = ENC_UTF16LE;
        return 1;
    }
    if (nul_first * 8 >= pairs * 3 && nul_second * 16 <= pairs) {
        *out = ENC_UTF16BE;
        return 1;
    }
    return 0;
}

/* Text that is UTF-8 apart from a few damaged bytes. */
static int mostly_utf8(const unsigned char *s, size_t n)
{
    size_t valid = 0, invalid = 0;
    for (size_t i = 0; (i = skip_ascii(s, i, n)) < n;) {
        size_t len = utf8_char_len(s + i, n - i);
        if (len == 0) {
            invalid++;
            i++;
        } else {
            valid++;
            i += len;
        }
    }
    return valid >= 4 && invalid * 10 <= valid;
}

enum enc enc_detect(const unsigned char *bytes, size_t n)
{
    if (n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        return ENC_UTF8_BOM;
    if (n >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        return ENC_UTF16LE;
    if (n >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        return ENC_UTF16BE;
    enum enc utf16;
    if (detect_utf16_unmarked(bytes, n, &utf16))
        return utf16;
    if (utf8_first_invalid(bytes, n) == n || mostly_utf8(bytes, n))
        return ENC_UTF8;
    return detect_single_byte(bytes, n);
}
