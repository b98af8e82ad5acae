/*
 * thematic_list.c — parses OHCHR thematic lists of UPR recommendations (see thematic_list.h).
 *
 * One pass over the lines with a small state machine: preamble, between entries, entry text,
 * position, then the themes / SDGs / affected-persons blocks. The strings of the entry being read
 * live in one pool buffer addressed by offsets, turned into pointers just before the callback, so
 * the pool may move while it grows. Recommending States are split out of the text at that point.
 * The whole input is checked for UTF-8 first, so later code can cut at ASCII bytes safely.
 */
#include "import/thematic_list.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* Bounds the quadratic duplicate checks and the memory a hostile file can ask for. */
#define TL_LIST_MAX 1000
#define NO_OFF SIZE_MAX

enum phase { PH_PREAMBLE, PH_BETWEEN, PH_TEXT, PH_POSITION, PH_THEMES, PH_SDGS, PH_AFFECTED };

/* A piece of the input: not NUL-terminated. */
struct span {
    const char *s;
    size_t n;
};

/* Offsets into the parser's pool; NO_OFF stands for NULL. */
struct offs {
    size_t *v;
    size_t n, cap;
};

/* A top-level "( ... )" in a recommendation text: byte indices of the two parentheses. */
struct group {
    size_t open, close;
};

struct parser {
    const char *name;
    struct err *err;
    tl_entry_cb cb;
    void *ctx;
    size_t lineno;
    enum phase phase;
    int entries;
    struct tl_header header;
    struct buf country, date;
    int has_country, has_date;
    struct buf cluster, cluster_code;
    int has_cluster, has_cluster_code;
    /* the entry being read */
    size_t entry_line;
    struct buf text, pool, scratch;
    size_t paragraph, source, document, position;
    struct offs states, themes, codes, affected, sdgs;
    struct group *groups;
    size_t ngroups, groups_cap;
    const char **ptrs;
    size_t ptrs_cap;
};

/* UN Member States by their UN short names, then observers and older or short forms. Only used to
 * decide whether a parenthesised group that is not the last one of the text names States. */
static const char *const known_states[] = {
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda", "Argentina",
    "Armenia", "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados",
    "Belarus", "Belgium", "Belize", "Benin", "Bhutan", "Bolivia (Plurinational State of)",
    "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei Darussalam", "Bulgaria", "Burkina Faso",
    "Burundi", "Cabo Verde", "Cambodia", "Cameroon", "Canada", "Central African Republic", "Chad",
    "Chile", "China", "Colombia", "Comoros", "Congo", "Costa Rica", "Côte d'Ivoire", "Croatia",
    "Cuba", "Cyprus", "Czechia", "Democratic People's Republic of Korea",
    "Democratic Republic of the Congo", "Denmark", "Djibouti", "Dominica", "Dominican Republic",
    "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea", "Eritrea", "Estonia", "Eswatini",
    "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia", "Germany", "Ghana",
    "Greece", "Grenada", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras",
    "Hungary", "Iceland", "India", "Indonesia", "Iran (Islamic Republic of)", "Iraq", "Ireland",
    "Israel", "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati", "Kuwait",
    "Kyrgyzstan", "Lao People's Democratic Republic", "Latvia", "Lebanon", "Lesotho", "Liberia",
    "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia",
    "Maldives", "Mali", "Malta", "Marshall Islands", "Mauritania", "Mauritius", "Mexico",
    "Micronesia (Federated States of)", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique",
    "Myanmar", "Namibia", "Nauru", "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger",
    "Nigeria", "North Macedonia", "Norway", "Oman", "Pakistan", "Palau", "Panama",
    "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar",
    "Republic of Korea", "Republic of Moldova", "Romania", "Russian Federation", "Rwanda",
    "Saint Kitts and Nevis", "Saint Lucia", "Saint Vincent and the Grenadines", "Samoa",
    "San Marino", "Sao Tome and Principe", "Saudi Arabia", "Senegal", "Serbia", "Seychelles",
    "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Solomon Islands", "Somalia",
    "South Africa", "South Sudan", "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden",
    "Switzerland", "Syrian Arab Republic", "Tajikistan", "Thailand", "Timor-Leste", "Togo", "Tonga",
    "Trinidad and Tobago", "Tunisia", "Türkiye", "Turkmenistan", "Tuvalu", "Uganda", "Ukraine",
    "United Arab Emirates", "United Kingdom of Great Britain and Northern Ireland",
    "United Republic of Tanzania", "United States of America", "Uruguay", "Uzbekistan", "Vanuatu",
    "Venezuela (Bolivarian Republic of)", "Viet Nam", "Yemen", "Zambia", "Zimbabwe",
    /* observer States and names used in earlier cycles or in short */
    "Holy See", "State of Palestine", "Bolivarian Republic of Venezuela", "Bolivia", "Cape Verde",
    "Cote d'Ivoire", "Czech Republic", "Federated States of Micronesia", "Iran",
    "Islamic Republic of Iran", "Kingdom of the Netherlands", "Libyan Arab Jamahiriya",
    "Netherlands (Kingdom of the)", "Palestine", "Plurinational State of Bolivia",
    "Republic of North Macedonia", "Swaziland", "the former Yugoslav Republic of Macedonia",
    "Turkey", "United Kingdom", "United States", "Venezuela", "Vietnam"};

/* ---- small text helpers ---- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static struct span span_trim(const char *s, size_t n)
{
    while (n && is_blank(s[0])) {
        s++;
        n--;
    }
    while (n && is_blank(s[n - 1]))
        n--;
    return (struct span){s, n};
}

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Whole-span match, ASCII case ignored. */
static int span_is(struct span l, const char *lit)
{
    size_t n = strlen(lit);
    if (l.n != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (ascii_lower(l.s[i]) != ascii_lower(lit[i]))
            return 0;
    return 1;
}

/* Prefix match, ASCII case ignored; rest gets the trimmed remainder. */
static int span_starts(struct span l, const char *lit, struct span *rest)
{
    size_t n = strlen(lit);
    if (l.n < n || !span_is((struct span){l.s, n}, lit))
        return 0;
    *rest = span_trim(l.s + n, l.n - n);
    return 1;
}

/* "- item": rest gets the trimmed item, which must not be empty. */
static int span_bullet(struct span l, struct span *rest)
{
    if (l.n < 3 || l.s[0] != '-' || !is_blank(l.s[1]))
        return 0;
    *rest = span_trim(l.s + 2, l.n - 2);
    return rest->n > 0;
}

/* A line quoted for messages, cut to 40 bytes on a UTF-8 boundary: "'Supported'". */
struct excerpt {
    char s[64];
};

static struct excerpt excerpt_of(struct span l)
{
    struct excerpt e = {"'"};
    size_t n = l.n;
    if (n > 40) {
        n = 40;
        while (n && ((unsigned char)l.s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(e.s + 1, l.s, n);
    memcpy(e.s + 1 + n, n < l.n ? "...'" : "'", n < l.n ? 5 : 2);
    return e;
}

static int fail(struct parser *p, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct parser *p, size_t line, const char *fmt, ...)
{
    char msg[sizeof p->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return err_set(p->err, ERR_INPUT, "%s:%zu: %s", p->name, line, msg);
}

static int nomem(struct parser *p)
{
    return err_set(p->err, ERR_NOMEM, "%s:%zu: out of memory", p->name, p->lineno);
}

/* ---- UTF-8 and HTML entities ---- */

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when it is invalid or a NUL byte. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c >= 0x01 && c < 0x80)
        return 1;
    size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4
                                          : 0;
    if (!len || len > n)
        return 0;
    unsigned char lo = 0x80, hi = 0xBF; /* bounds of the second byte */
    if (c == 0xE0)
        lo = 0xA0; /* overlong */
    else if (c == 0xED)
        hi = 0x9F; /* surrogates */
    else if (c == 0xF0)
        lo = 0x90; /* overlong */
    else if (c == 0xF4)
        hi = 0x8F; /* beyond U+10FFFF */
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

static int check_utf8(struct parser *p, const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t line = 1, col = 1;
    for (size_t i = 0; i < n; col++) {
        size_t len = utf8_seq_len(s + i, n - i);
        if (!len && s[i] == 0)
            return fail(p, line, "expected text, found a NUL byte at column %zu", col);
        if (!len)
            return fail(p, line,
                        "expected UTF-8, found byte 0x%02X at column %zu (save the "
                        "file as UTF-8)",
                        s[i], col);
        if (s[i] == '\n')
            line++, col = 0;
        i += len;
    }
    return 0;
}

static int put_utf8(struct buf *b, uint32_t cp)
{
    char out[4];
    size_t n;
    if (cp < 0x80) {
        out[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12), out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    } else {
        out[0] = (char)(0xF0 | cp >> 18), out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), out[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    }
    return buf_append(b, out, n);
}

/* "&#NN;" or "&#xNN;" at s: sets *cp (U+FFFD for NUL, surrogates and beyond U+10FFFF, as HTML
 * does) and returns the length, or 0 when s does not hold such a reference. */
static size_t numeric_entity(const char *s, size_t n, uint32_t *cp)
{
    size_t i = 2;
    int hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
    uint32_t v = 0;
    if (hex)
        i++;
    size_t first = i;
    for (; i < n; i++) {
        char c = ascii_lower(s[i]);
        uint32_t d;
        if (is_digit(c))
            d = (uint32_t)(c - '0');
        else if (hex && c >= 'a' && c <= 'f')
            d = (uint32_t)(c - 'a' + 10);
        else
            break;
        v = v * (hex ? 16 : 10) + d;
        if (v > 0x10FFFF)
            v = 0x110000; /* clamp: stays invalid, never overflows */
    }
    if (i == first || i >= n || s[i] != ';')
        return 0;
    *cp = (v == 0 || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) ? 0xFFFD : v;
    return i + 1;
}

/* Appends s with &amp; &lt; &gt; &quot; &apos; &nbsp; and numeric references decoded; anything
 * else after "&" (such as "R&D" or "&bogus;") is kept as printed. */
static int put_decoded(struct buf *b, const char *s, size_t n)
{
    static const struct {
        const char *name;
        uint32_t cp;
    } named[] = {{"&amp;", '&'},  {"&lt;", '<'},    {"&gt;", '>'},
                 {"&quot;", '"'}, {"&apos;", '\''}, {"&nbsp;", 0xA0}};
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '&')
            continue;
        uint32_t cp = 0;
        size_t len = (i + 1 < n && s[i + 1] == '#') ? numeric_entity(s + i, n - i, &cp) : 0;
        for (size_t k = 0; !len && k < sizeof named / sizeof named[0]; k++) {
            size_t kn = strlen(named[k].name);
            if (n - i >= kn && memcmp(s + i, named[k].name, kn) == 0)
                len = kn, cp = named[k].cp;
        }
        if (!len)
            continue;
        if (buf_append(b, s + done, i - done) || put_utf8(b, cp))
            return ERR_NOMEM;
        done = i + len;
        i += len - 1;
    }
    return buf_append(b, s + done, n - done);
}

/* ---- the entry under construction ---- */

static const char *pool_str(const struct parser *p, size_t off)
{
    return off == NO_OFF ? NULL : p->pool.data + off;
}

/* Copies scratch into the pool as one NUL-terminated string. */
static int pool_take_scratch(struct parser *p, size_t *off)
{
    *off = p->pool.len;
    if (buf_append(&p->pool, buf_str(&p->scratch), p->scratch.len) || buf_putc(&p->pool, '\0'))
        return nomem(p);
    return 0;
}

static int pool_add(struct parser *p, struct span s, int decode, size_t *off)
{
    buf_reset(&p->scratch);
    int rc = decode ? put_decoded(&p->scratch, s.s, s.n) : buf_append(&p->scratch, s.s, s.n);
    return rc ? nomem(p) : pool_take_scratch(p, off);
}

static int offs_push(struct parser *p, struct offs *o, size_t off)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 8;
        size_t *v = realloc(o->v, cap * sizeof *v);
        if (!v)
            return nomem(p);
        o->v = v;
        o->cap = cap;
    }
    o->v[o->n++] = off;
    return 0;
}

static int str_eq_off(const struct parser *p, size_t off, const char *s)
{
    const char *t = pool_str(p, off);
    return t == s || (t && s && strcmp(t, s) == 0);
}

/* Adds scratch to list o (and code to codes, when codes is given) unless the same value is
 * already there. what names the list in the message when there are too many. */
static int list_add(struct parser *p, struct offs *o, struct offs *codes, size_t code,
                    const char *what, size_t line)
{
    const char *s = buf_str(&p->scratch);
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(pool_str(p, o->v[i]), s) == 0 &&
            (!codes || str_eq_off(p, codes->v[i], pool_str(p, code))))
            return 0;
    if (o->n >= TL_LIST_MAX)
        return fail(p, line, "expected at most %d %s in recommendation %s (line %zu)", TL_LIST_MAX,
                    what, pool_str(p, p->paragraph), p->entry_line);
    size_t off;
    int rc = pool_take_scratch(p, &off);
    if (!rc)
        rc = offs_push(p, o, off);
    if (!rc && codes)
        rc = offs_push(p, codes, code);
    return rc;
}

static void entry_reset(struct parser *p)
{
    buf_reset(&p->text);
    buf_reset(&p->pool);
    p->paragraph = p->source = p->document = p->position = NO_OFF;
    p->states.n = p->themes.n = p->codes.n = p->affected.n = p->sdgs.n = 0;
    p->ngroups = 0;
}

/* ---- recommending States ---- */

/* Next byte of a name for comparison: blank runs read as one space, ’ as ', ASCII lower case. */
static char name_next(const char *s, size_t n, size_t *i)
{
    if (is_blank(s[*i])) {
        while (*i < n && is_blank(s[*i]))
            (*i)++;
        return ' ';
    }
    if (n - *i >= 3 && memcmp(s + *i, "\xE2\x80\x99", 3) == 0) {
        *i += 3;
        return '\'';
    }
    return ascii_lower(s[(*i)++]);
}

static int name_equal(struct span a, const char *b)
{
    size_t i = 0, j = 0, bn = strlen(b);
    while (i < a.n && j < bn)
        if (name_next(a.s, a.n, &i) != name_next(b, bn, &j))
            return 0;
    return i == a.n && j == bn;
}

static int state_known(struct span name)
{
    for (size_t i = 0; i < sizeof known_states / sizeof known_states[0]; i++)
        if (name_equal(name, known_states[i]))
            return 1;
    return 0;
}

/* Calls each comma-separated name of group g (commas inside inner parentheses do not count) until
 * one returns nonzero; returns that value. fn gets trimmed, non-empty names. */
static int group_each_name(struct parser *p, const char *t, struct group g,
                           int (*fn)(struct parser *p, struct span name))
{
    int depth = 0;
    size_t start = g.open + 1;
    for (size_t i = start; i <= g.close; i++) {
        if (t[i] == '(')
            depth++;
        else if (i < g.close && t[i] == ')')
            depth--;
        if ((t[i] == ',' && depth == 0) || i == g.close) {
            struct span name = span_trim(t + start, i - start);
            int rc = name.n ? fn(p, name) : 0;
            if (rc)
                return rc;
            start = i + 1;
        }
    }
    return 0;
}

static int name_unknown(struct parser *p, struct span name)
{
    (void)p;
    return !state_known(name);
}

static int name_add_state(struct parser *p, struct span name)
{
    buf_reset(&p->scratch);
    if (buf_append(&p->scratch, name.s, name.n))
        return nomem(p);
    return list_add(p, &p->states, NULL, NO_OFF, "recommending States", p->entry_line);
}

static int group_all_known(struct parser *p, const char *t, struct group g)
{
    struct span inner = span_trim(t + g.open + 1, g.close - g.open - 1);
    return inner.n && group_each_name(p, t, g, name_unknown) == 0;
}

/* Records the top-level parenthesised groups of t; an unclosed one is dropped. */
static int collect_groups(struct parser *p, const char *t, size_t n)
{
    size_t depth = 0, open = 0;
    p->ngroups = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '(' && depth++ == 0)
            open = i;
        if (t[i] != ')' || depth == 0 || --depth > 0)
            continue;
        if (p->ngroups == p->groups_cap) {
            size_t cap = p->groups_cap ? p->groups_cap * 2 : 16;
            struct group *g = realloc(p->groups, cap * sizeof *g);
            if (!g)
                return nomem(p);
            p->groups = g;
            p->groups_cap = cap;
        }
        p->groups[p->ngroups++] = (struct group){open, i};
    }
    return 0;
}

static size_t skip_blanks(const char *t, size_t n, size_t i)
{
    while (i < n && is_blank(t[i]))
        i++;
    return i;
}

/* True when t[i..n) holds only blanks, ";" and "." */
static int only_closers(const char *t, size_t n, size_t i)
{
    for (; i < n; i++)
        if (!is_blank(t[i]) && t[i] != ';' && t[i] != '.')
            return 0;
    return 1;
}

/* The rule is spelled out in thematic_list.h at tl_parse. */
static int split_states(struct parser *p)
{
    const char *t = buf_str(&p->text);
    size_t n = p->text.len;
    int rc = collect_groups(p, t, n);
    for (size_t i = 0, j; !rc && i < p->ngroups; i = j + 1) {
        j = i;
        while (j + 1 < p->ngroups &&
               skip_blanks(t, n, p->groups[j].close + 1) == p->groups[j + 1].open)
            j++;
        size_t after = skip_blanks(t, n, p->groups[j].close + 1);
        int at_end = only_closers(t, n, after);
        if (!at_end && t[after] != ';' && t[after] != '.')
            continue;
        size_t first = j + 1;
        while (first > i &&
               ((at_end && first == j + 1) || group_all_known(p, t, p->groups[first - 1])))
            first--;
        for (size_t k = first; !rc && k <= j; k++)
            rc = group_each_name(p, t, p->groups[k], name_add_state);
    }
    return rc;
}

/* ---- emitting ---- */

static const char **fill_ptrs(const struct parser *p, const char **dst, const struct offs *o)
{
    for (size_t i = 0; i < o->n; i++)
        dst[i] = pool_str(p, o->v[i]);
    return dst + o->n;
}

static int emit(struct parser *p)
{
    int rc = split_states(p);
    if (rc)
        return rc;
    size_t total = p->states.n + 2 * p->themes.n + p->affected.n + p->sdgs.n + 1;
    if (total > p->ptrs_cap) {
        const char **v = realloc(p->ptrs, total * sizeof *v);
        if (!v)
            return nomem(p);
        p->ptrs = v;
        p->ptrs_cap = total;
    }
    if (p->entries == INT_MAX)
        return fail(p, p->entry_line, "expected fewer recommendations");
    struct tl_entry e = {
        .line = p->entry_line,
        .paragraph = pool_str(p, p->paragraph),
        .text = buf_str(&p->text),
        .nstates = p->states.n,
        .source_of_position = pool_str(p, p->source),
        .document = pool_str(p, p->document),
        .position = pool_str(p, p->position),
        .cluster_theme = p->has_cluster ? buf_str(&p->cluster) : NULL,
        .cluster_code = p->has_cluster_code ? buf_str(&p->cluster_code) : NULL,
        .nthemes = p->themes.n,
        .naffected = p->affected.n,
        .nsdgs = p->sdgs.n,
    };
    e.states = p->ptrs;
    e.themes = fill_ptrs(p, e.states, &p->states);
    e.theme_codes = fill_ptrs(p, e.themes, &p->themes);
    e.affected = fill_ptrs(p, e.theme_codes, &p->codes);
    e.sdgs = fill_ptrs(p, e.affected, &p->affected);
    fill_ptrs(p, e.sdgs, &p->sdgs);
    p->entries++;
    p->header.country = p->has_country ? buf_str(&p->country) : NULL;
    p->header.date = p->has_date ? buf_str(&p->date) : NULL;
    rc = p->cb ? p->cb(p->ctx, &p->header, &e) : 0;
    entry_reset(p);
    p->phase = PH_BETWEEN;
    return rc;
}

/* Ends the entry in progress, if any, because of what was found (a quoted line, "a blank line",
 * "the end of the text"). */
static int entry_close(struct parser *p, const char *found)
{
    const char *para = pool_str(p, p->paragraph);
    if (p->phase == PH_TEXT)
        return fail(p, p->lineno,
                    "expected 'Source of position: ...' after the text of %s "
                    "(line %zu), found %s",
                    para, p->entry_line, found);
    if (p->phase == PH_POSITION)
        return fail(p, p->lineno,
                    "expected a position ('Supported' or 'Noted') after "
                    "'Source of position' of %s (line %zu), found %s",
                    para, p->entry_line, found);
    return p->phase >= PH_THEMES ? emit(p) : 0;
}

/* ---- the lines ---- */

/* "A12 Acceptance of international norms": a capital, 1-3 digits, blanks, a name. */
static int split_code(struct span s, struct span *code, struct span *name)
{
    size_t i = 1;
    if (s.n < 4 || s.s[0] < 'A' || s.s[0] > 'Z')
        return 0;
    while (i < s.n && i <= 3 && is_digit(s.s[i]))
        i++;
    if (i == 1 || i >= s.n || !is_blank(s.s[i]))
        return 0;
    *code = (struct span){s.s, i};
    *name = span_trim(s.s + i, s.n - i);
    return name->n > 0;
}

/* "121.1 Text...": number and text (the text may be empty when it wraps onto the next line). */
static int split_paragraph(struct span l, struct span *num, struct span *text)
{
    size_t i = 0, dot;
    while (i < l.n && i < 6 && is_digit(l.s[i]))
        i++;
    if (i == 0 || i >= l.n || l.s[i] != '.')
        return 0;
    dot = ++i;
    while (i < l.n && i - dot < 6 && is_digit(l.s[i]))
        i++;
    if (i == dot || (i < l.n && !is_blank(l.s[i])))
        return 0;
    *num = (struct span){l.s, i};
    *text = span_trim(l.s + i, l.n - i);
    return 1;
}

static int is_position(struct span l)
{
    static const char *const words[] = {"Supported", "Noted",   "Accepted",
                                        "Rejected",  "Pending", "Partially supported"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (span_is(l, words[i]))
            return 1;
    return 0;
}

/* The column headings of OHCHR's table, which may repeat at page breaks. */
static int is_heading(struct span l)
{
    return span_is(l, "Recommendation") || span_is(l, "Position") ||
           span_is(l, "Full list of themes") ||
           span_is(l, "Assessment/comments on level of implementation");
}

static int on_theme_heading(struct parser *p, struct span l, struct span rest)
{
    int rc = entry_close(p, excerpt_of(l).s);
    if (rc)
        return rc;
    if (!rest.n)
        return fail(p, p->lineno, "expected a theme name after 'Theme:', found nothing");
    struct span code = {0}, name = rest;
    p->has_cluster_code = split_code(rest, &code, &name);
    if (!p->has_cluster_code)
        code = (struct span){0}, name = rest;
    buf_reset(&p->cluster);
    buf_reset(&p->cluster_code);
    if (put_decoded(&p->cluster, name.s, name.n) || buf_append(&p->cluster_code, code.s, code.n))
        return nomem(p);
    p->has_cluster = 1;
    p->phase = PH_BETWEEN;
    return 0;
}

static int on_paragraph(struct parser *p, struct span l, struct span num, struct span text)
{
    int rc = entry_close(p, excerpt_of(l).s);
    if (rc)
        return rc;
    entry_reset(p);
    p->entry_line = p->lineno;
    p->phase = PH_TEXT;
    if (put_decoded(&p->text, text.s, text.n))
        return nomem(p);
    return pool_add(p, num, 0, &p->paragraph);
}

/* A document symbol is one token: "A/HRC/43/15/Add.1" out of "A/HRC/43/15/Add.1 - Para.3". */
static struct span document_of(struct span src)
{
    size_t i = 0;
    while (i < src.n && !is_blank(src.s[i]) && src.s[i] != ',' && src.s[i] != ';')
        i++;
    while (i > 0 && src.s[i - 1] == '-')
        i--;
    return (struct span){src.s, i};
}

static int on_source(struct parser *p, struct span rest)
{
    if (p->phase == PH_PREAMBLE || p->phase == PH_BETWEEN)
        return fail(p, p->lineno,
                    "expected a recommendation line ('121.1 Text (State);') "
                    "before 'Source of position'");
    const char *para = pool_str(p, p->paragraph);
    if (!p->text.len)
        return fail(p, p->entry_line, "expected the text of recommendation %s, found nothing",
                    para);
    struct span doc = document_of(rest);
    if (!doc.n)
        return fail(p, p->lineno,
                    "expected a document symbol after 'Source of position:' "
                    "(as in 'A/HRC/43/15 - Para 121'), found %s",
                    excerpt_of(rest).s);
    p->phase = PH_POSITION;
    int rc = pool_add(p, rest, 1, &p->source);
    return rc ? rc : pool_add(p, doc, 1, &p->document);
}

static int on_position(struct parser *p, struct span l)
{
    if (!is_position(l))
        return entry_close(p, excerpt_of(l).s);
    p->phase = PH_THEMES;
    return pool_add(p, l, 1, &p->position);
}

/* "- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS" (or "- 16"): keeps "16". */
static int add_sdg(struct parser *p, struct span item)
{
    size_t i = 0;
    int goal = 0;
    while (i < item.n && i < 3 && is_digit(item.s[i]))
        goal = goal * 10 + (item.s[i++] - '0');
    if (i == 0 || (i < item.n && !is_blank(item.s[i])) || goal < 1 || goal > 17)
        return fail(p, p->lineno,
                    "expected an SDG number from 1 to 17 (as in '- 16 - "
                    "PEACE, JUSTICE AND STRONG INSTITUTIONS'), found %s",
                    excerpt_of(item).s);
    buf_reset(&p->scratch);
    if (buf_printf(&p->scratch, "%d", goal))
        return nomem(p);
    return list_add(p, &p->sdgs, NULL, NO_OFF, "SDGs", p->lineno);
}

static int add_theme(struct parser *p, struct span item)
{
    struct span code, name = item;
    size_t code_off = NO_OFF;
    int rc = split_code(item, &code, &name) ? pool_add(p, code, 0, &code_off) : 0;
    buf_reset(&p->scratch);
    if (!rc && put_decoded(&p->scratch, name.s, name.n))
        rc = nomem(p);
    return rc ? rc : list_add(p, &p->themes, &p->codes, code_off, "themes", p->lineno);
}

static int add_affected(struct parser *p, struct span item)
{
    buf_reset(&p->scratch);
    if (put_decoded(&p->scratch, item.s, item.n))
        return nomem(p);
    return list_add(p, &p->affected, NULL, NO_OFF, "affected persons", p->lineno);
}

/* A line after the position: a list header, an item of the current list, or a mistake. */
static int on_block_item(struct parser *p, struct span l)
{
    struct span item, code, name;
    if (span_is(l, "SDGs:")) {
        p->phase = PH_SDGS;
        return 0;
    }
    if (span_is(l, "Affected persons:")) {
        p->phase = PH_AFFECTED;
        return 0;
    }
    int bullet = span_bullet(l, &item);
    if (p->phase == PH_THEMES && (bullet || split_code(l, &code, &name)))
        return add_theme(p, bullet ? item : l);
    if (p->phase == PH_SDGS && bullet)
        return add_sdg(p, item);
    if (p->phase == PH_AFFECTED && bullet)
        return add_affected(p, item);
    const char *para = pool_str(p, p->paragraph);
    const char *want = p->phase == PH_THEMES ? "a theme ('- Name' or 'A12 Name'), 'SDGs:', "
                                               "'Affected persons:'"
                       : p->phase == PH_SDGS ? "an SDG ('- 16 - PEACE, ...'), 'Affected persons:'"
                                             : "a group ('- Women'), 'SDGs:'";
    return fail(p, p->lineno, "expected %s or a blank line in %s (line %zu), found %s", want, para,
                p->entry_line, excerpt_of(l).s);
}

/* Leading whole number of a header value, or -1. */
static int header_number(struct span v)
{
    int x = 0;
    size_t i = 0;
    while (i < v.n && i < 9 && is_digit(v.s[i]))
        x = x * 10 + (v.s[i++] - '0');
    return i == 0 || (i < v.n && is_digit(v.s[i])) ? -1 : x;
}

/* "# UPR 34th Session - Slovenia - Thematic List of Recommendations" */
static int on_title(struct parser *p, struct span title)
{
    const char *sep = NULL;
    for (size_t i = 0; i + 3 <= title.n && !sep; i++)
        if (memcmp(title.s + i, " - ", 3) == 0)
            sep = title.s + i;
    if (!sep || p->has_country)
        return 0;
    struct span first = {title.s, (size_t)(sep - title.s)};
    struct span rest = {sep + 3, title.n - first.n - 3};
    for (size_t i = 0; i + 3 <= rest.n; i++)
        if (memcmp(rest.s + i, " - ", 3) == 0)
            rest.n = i;
    rest = span_trim(rest.s, rest.n);
    for (size_t i = 0; p->header.session == 0 && i < first.n; i++)
        if (is_digit(first.s[i])) {
            int s = header_number((struct span){first.s + i, first.n - i});
            p->header.session = s > 0 ? s : 0;
            break;
        }
    p->has_country = 1;
    return put_decoded(&p->country, rest.s, rest.n) ? nomem(p) : 0;
}

/* Before the first entry: the header fields; other lines (cover text) are let through. */
static int on_preamble(struct parser *p, struct span l)
{
    struct span v;
    if (span_is(l, "SDGs:") || span_is(l, "Affected persons:") || is_position(l))
        return fail(p, p->lineno,
                    "expected a recommendation line ('121.1 Text (State);') "
                    "before %s",
                    excerpt_of(l).s);
    if (l.n > 2 && l.s[0] == '#' && l.s[1] == ' ')
        return on_title(p, span_trim(l.s + 2, l.n - 2));
    if (span_starts(l, "**Date:**", &v)) {
        buf_reset(&p->date);
        p->has_date = 1;
        return put_decoded(&p->date, v.s, v.n) ? nomem(p) : 0;
    }
    int session = span_starts(l, "**Session:**", &v);
    if (!session && !span_starts(l, "**Total Recommendations:**", &v))
        return 0;
    int x = header_number(v);
    if (x < 0 || (session && x == 0))
        return fail(p, p->lineno, "expected a number after '%s', found %s",
                    session ? "**Session:**" : "**Total Recommendations:**", excerpt_of(v).s);
    if (session)
        p->header.session = x;
    else
        p->header.declared_total = x;
    return 0;
}

static int on_blank(struct parser *p)
{
    return entry_close(p, "a blank line");
}

static int parse_line(struct parser *p, struct span l)
{
    struct span a, b;
    if (!l.n)
        return on_blank(p);
    if (span_starts(l, "Theme:", &a))
        return on_theme_heading(p, l, a);
    if (split_paragraph(l, &a, &b))
        return on_paragraph(p, l, a, b);
    if (p->phase <= PH_TEXT && span_starts(l, "Source of position:", &a))
        return on_source(p, a);
    switch (p->phase) {
    case PH_PREAMBLE:
        return on_preamble(p, l);
    case PH_BETWEEN:
        if (is_heading(l))
            return 0;
        return fail(p, p->lineno,
                    "expected a recommendation ('121.1 Text (State);'), "
                    "'Theme: ...' or a blank line, found %s",
                    excerpt_of(l).s);
    case PH_TEXT:
        if (is_position(l) || span_bullet(l, &a) || span_is(l, "SDGs:") ||
            span_is(l, "Affected persons:"))
            return entry_close(p, excerpt_of(l).s);
        if (buf_putc(&p->text, ' ') || put_decoded(&p->text, l.s, l.n))
            return nomem(p);
        return 0;
    case PH_POSITION:
        return on_position(p, l);
    default:
        return on_block_item(p, l);
    }
}

static void parser_free(struct parser *p)
{
    buf_free(&p->country);
    buf_free(&p->date);
    buf_free(&p->cluster);
    buf_free(&p->cluster_code);
    buf_free(&p->text);
    buf_free(&p->pool);
    buf_free(&p->scratch);
    free(p->states.v);
    free(p->themes.v);
    free(p->codes.v);
    free(p->affected.v);
    free(p->sdgs.v);
    free(p->groups);
    free(p->ptrs);
}

static int parse_lines(struct parser *p, const char *text, size_t n)
{
    int rc = 0;
    size_t i = 0;
    if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (!rc && i < n) {
        const char *nl = memchr(text + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - text) : n;
        p->lineno++;
        rc = parse_line(p, span_trim(text + i, end - i));
        i = end + 1;
    }
    if (rc)
        return rc;
    if (p->lineno == 0)
        p->lineno = 1; /* messages about the end name the last line */
    rc = entry_close(p, "the end of the text");
    if (!rc && p->entries == 0)
        rc = fail(p, p->lineno,
                  "no recommendations found (expected lines such as "
                  "'121.1 Text (State);')");
    return rc;
}

int tl_parse(const char *name, const char *text, size_t n, tl_entry_cb cb, void *ctx,
             struct tl_summary *summary, struct err *err)
{
    struct parser p = {
        .name = name ? name : "<input>",
        .err = err,
        .cb = cb,
        .ctx = ctx,
        .phase = PH_PREAMBLE,
        .header = {.declared_total = -1},
    };
    entry_reset(&p);
    int rc = text || !n ? check_utf8(&p, text ? text : "", n)
                        : err_set(err, ERR_USAGE, "tl_parse: no text");
    if (!rc)
        rc = parse_lines(&p, text ? text : "", n);
    if (summary) {
        summary->entries = p.entries;
        summary->declared_total = p.header.declared_total;
    }
    parser_free(&p);
    return rc;
}
