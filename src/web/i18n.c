/*
 * i18n.c — the gettext catalogues read without libintl (see i18n.h for why).
 *
 * A .mo file (GNU gettext manual, "The Format of GNU MO Files") is a header of 32-bit words in the
 * byte order of the machine that wrote it (the magic number tells which), then two tables of
 * (length, offset) pairs: original strings and their translations. Plural entries hold
 * "singular\0plural" and "form0\0form1\0...". We check every offset, length and terminator, check
 * that the strings are UTF-8, copy the entry pointers into an array sorted by msgid (so we need
 * neither the optional hash table nor trust in the writer's order) and look up by binary search.
 * The Plural-Forms expression of the header is compiled into a small tree once and evaluated per
 * lookup by plural_eval.
 */
#include "web/i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/file.h"

#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u
#define PLURAL_MAX_NODES 64
#define PLURAL_MAX_DEPTH 32

/* One node of a compiled plural expression: an operator and up to three child indexes. */
enum plural_op {
    P_NUM,  /* value */
    P_N,    /* the count */
    P_NOT,  /* !a */
    P_MUL,  /* a * b */
    P_DIV,  /* a / b (0 when b is 0) */
    P_MOD,  /* a % b (0 when b is 0) */
    P_ADD,  /* a + b */
    P_SUB,  /* a - b */
    P_LT,   /* a < b */
    P_GT,   /* a > b */
    P_LE,   /* a <= b */
    P_GE,   /* a >= b */
    P_EQ,   /* a == b */
    P_NE,   /* a != b */
    P_AND,  /* a && b */
    P_OR,   /* a || b */
    P_COND, /* a ? b : c */
};

struct plural_node {
    enum plural_op op;
    int kid[3];
    unsigned long value;
};

struct plural_expr {
    struct plural_node node[PLURAL_MAX_NODES];
    int count;
    int root;
};

struct mo_entry {
    const char *msgid; /* the singular for plural entries */
    const char *str;   /* forms separated by NUL */
    uint32_t str_len;  /* bytes of str, the inner NULs included */
    int has_plural;
};

struct catalogue {
    struct buf file; /* the .mo bytes; entries point into them */
    struct mo_entry *entry;
    uint32_t count;
    int nplurals;
    struct plural_expr plural;
};

struct i18n {
    struct catalogue lang[TEXT_LANG_COUNT];
};

/* --- plural expressions: C-like, as gettext's plural.y defines them --- */

struct plural_parser {
    const char *p;
    struct plural_expr *expr;
    int depth;
    int failed;
};

static void plural_space(struct plural_parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
        ps->p++;
}

/* Consumes tok when it comes next (after spaces). */
static int plural_accept(struct plural_parser *ps, const char *tok)
{
    plural_space(ps);
    size_t n = strlen(tok);
    if (strncmp(ps->p, tok, n) != 0)
        return 0;
    /* "<" must not eat the start of "<=", "!" not the start of "!=", "=" is never alone. */
    if (n == 1 && (tok[0] == '<' || tok[0] == '>' || tok[0] == '!') && ps->p[1] == '=')
        return 0;
    ps->p += n;
    return 1;
}

static int plural_node_new(struct plural_parser *ps, enum plural_op op, int a, int b, int c)
{
    if (ps->failed || ps->expr->count >= PLURAL_MAX_NODES) {
        ps->failed = 1;
        return 0;
    }
    struct plural_node *nd = &ps->expr->node[ps->expr->count];
    nd->op = op;
    nd->kid[0] = a;
    nd->kid[1] = b;
    nd->kid[2] = c;
    nd->value = 0;
    return ps->expr->count++;
}

static int plural_cond(struct plural_parser *ps);

static int plural_primary(struct plural_parser *ps)
{
    plural_space(ps);
    if (ps->failed)
        return 0;
    if (++ps->depth > PLURAL_MAX_DEPTH) {
        ps->failed = 1;
        return 0;
    }
    int at = 0;
    if (plural_accept(ps, "!")) {
        int a = plural_primary(ps);
        at = plural_node_new(ps, P_NOT, a, 0, 0);
    } else if (plural_accept(ps, "(")) {
        at = plural_cond(ps);
        if (!plural_accept(ps, ")"))
            ps->failed = 1;
    } else if (*ps->p == 'n') {
        ps->p++;
        at = plural_node_new(ps, P_N, 0, 0, 0);
    } else if (*ps->p >= '0' && *ps->p <= '9') {
        unsigned long v = 0;
        while (*ps->p >= '0' && *ps->p <= '9' && v < 100000000ul)
            v = v * 10 + (unsigned long)(*ps->p++ - '0');
        if (*ps->p >= '0' && *ps->p <= '9')
            ps->failed = 1;
        at = plural_node_new(ps, P_NUM, 0, 0, 0);
        if (!ps->failed)
            ps->expr->node[at].value = v;
    } else {
        ps->failed = 1;
    }
    ps->depth--;
    return at;
}

/* Binary operators by precedence level, lowest last; each level is left-associative. */
static const struct {
    const char *tok;
    enum plural_op op;
    int level;
} plural_binary[] = {
    {"*", P_MUL, 0}, {"/", P_DIV, 0},  {"%", P_MOD, 0}, {"+", P_ADD, 1}, {"-", P_SUB, 1},
    {"<=", P_LE, 2}, {">=", P_GE, 2},  {"<", P_LT, 2},  {">", P_GT, 2},  {"==", P_EQ, 3},
    {"!=", P_NE, 3}, {"&&", P_AND, 4}, {"||", P_OR, 5},
};
#define PLURAL_LEVELS 6

static int plural_binary_level(struct plural_parser *ps, int level)
{
    int left = level == 0 ? plural_primary(ps) : plural_binary_level(ps, level - 1);
    for (;;) {
        int matched = 0;
        for (size_t i = 0; i < sizeof plural_binary / sizeof plural_binary[0] && !ps->failed; i++) {
            if (plural_binary[i].level != level || !plural_accept(ps, plural_binary[i].tok))
                continue;
            int right = level == 0 ? plural_primary(ps) : plural_binary_level(ps, level - 1);
            left = plural_node_new(ps, plural_binary[i].op, left, right, 0);
            matched = 1;
            break;
        }
        if (!matched || ps->failed)
            return left;
    }
}

static int plural_cond(struct plural_parser *ps)
{
    if (++ps->depth > PLURAL_MAX_DEPTH) {
        ps->failed = 1;
        return 0;
    }
    int at = plural_binary_level(ps, PLURAL_LEVELS - 1);
    if (!ps->failed && plural_accept(ps, "?")) {
        int yes = plural_cond(ps);
        if (!plural_accept(ps, ":"))
            ps->failed = 1;
        int no = plural_cond(ps);
        at = plural_node_new(ps, P_COND, at, yes, no);
    }
    ps->depth--;
    return at;
}

/* Compiles the expression at s, which ends at ';', end of line or end of string. */
static int plural_compile(const char *s, struct plural_expr *expr)
{
    struct plural_parser ps = {s, expr, 0, 0};
    expr->count = 0;
    expr->root = plural_cond(&ps);
    plural_space(&ps);
    if (*ps.p != ';' && *ps.p != '\0' && *ps.p != '\n')
        ps.failed = 1;
    return ps.failed ? ERR_INPUT : 0;
}

static unsigned long plural_eval(const struct plural_expr *expr, int at, unsigned long n)
{
    const struct plural_node *nd = &expr->node[at];
    unsigned long a = 0, b = 0;
    switch (nd->op) {
    case P_NUM:
        return nd->value;
    case P_N:
        return n;
    case P_NOT:
        return !plural_eval(expr, nd->kid[0], n);
    case P_AND:
        return plural_eval(expr, nd->kid[0], n) && plural_eval(expr, nd->kid[1], n);
    case P_OR:
        return plural_eval(expr, nd->kid[0], n) || plural_eval(expr, nd->kid[1], n);
    case P_COND:
        return plural_eval(expr, nd->kid[plural_eval(expr, nd->kid[0], n) ? 1 : 2], n);
    default:
        a = plural_eval(expr, nd->kid[0], n);
        b = plural_eval(expr, nd->kid[1], n);
        break;
    }
    switch (nd->op) {
    case P_MUL:
        return a * b;
    case P_DIV:
        return b ? a / b : 0;
    case P_MOD:
        return b ? a % b : 0;
    case P_ADD:
        return a + b;
    case P_SUB:
        return a - b;
    case P_LT:
        return a < b;
    case P_GT:
        return a > b;
    case P_LE:
        return a <= b;
    case P_GE:
        return a >= b;
    case P_EQ:
        return a == b;
    case P_NE:
        return a != b;
    default:
        return 0;
    }
}

/* --- the .mo reader --- */

static uint32_t mo_word(const unsigned char *p, int swapped)
{
    if (swapped)
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* Reads the (length, offset) pair i of the table at table_off and checks that the string lies
 * inside the file and ends with a NUL. */
static int mo_string(const struct buf *file, int swapped, uint32_t table_off, uint32_t i,
                     const char **s, uint32_t *len)
{
    const unsigned char *d = (const unsigned char *)file->data;
    uint64_t at = (uint64_t)table_off + (uint64_t)i * 8;
    if (at + 8 > file->len)
        return ERR_INPUT;
    uint32_t n = mo_word(d + at, swapped), off = mo_word(d + at + 4, swapped);
    if ((uint64_t)off + n >= file->len || d[(uint64_t)off + n] != '\0')
        return ERR_INPUT;
    *s = file->data + off;
    *len = n;
    return 0;
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const struct mo_entry *)a)->msgid, ((const struct mo_entry *)b)->msgid);
}

/* Finds "Name: value" in the header (a line starting with name, ASCII case ignored); returns
 * the value or NULL. */
static const char *header_field(const char *header, const char *name)
{
    size_t n = strlen(name);
    for (const char *line = header; line && *line;) {
        if (strncasecmp(line, name, n) == 0 && line[n] == ':')
            return line + n + 1;
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    return NULL;
}

/* Applies the header: charset must be UTF-8, Plural-Forms compiled when present. */
static int mo_header(struct catalogue *c, const char *header, const char *path, struct err *err)
{
    const char *type = header_field(header, "Content-Type");
    if (type) {
        const char *cs = strstr(type, "charset=");
        const char *eol = strchr(type, '\n');
        if (cs && (!eol || cs < eol) && strncasecmp(cs + 8, "UTF-8", 5) != 0)
            return err_set(err, ERR_INPUT, "%s: header: charset must be UTF-8", path);
    }
    c->nplurals = 2;
    const char *pf = header_field(header, "Plural-Forms");
    if (!pf) /* gettext's default: the Germanic rule */
        return plural_compile("n != 1", &c->plural);
    char line[256];
    size_t len = strcspn(pf, "\n");
    if (len >= sizeof line)
        return err_set(err, ERR_INPUT, "%s: header: Plural-Forms longer than %zu bytes", path,
                       sizeof line - 1);
    memcpy(line, pf, len);
    line[len] = '\0';
    const char *np = strstr(line, "nplurals="), *ex = strstr(line, "plural=");
    if (!np || !ex)
        return err_set(err, ERR_INPUT, "%s: header: Plural-Forms lacks nplurals= or plural=", path);
    c->nplurals = atoi(np + 9);
    if (c->nplurals < 1 || c->nplurals > 6)
        return err_set(err, ERR_INPUT, "%s: header: nplurals must be 1 to 6", path);
    if (plural_compile(ex + 7, &c->plural))
        return err_set(err, ERR_INPUT, "%s: header: cannot read the plural expression", path);
    return 0;
}

/* Checks the file in c->file and builds the sorted entry array. */
static int mo_parse(struct catalogue *c, const char *path, struct err *err)
{
    const struct buf *f = &c->file;
    if (f->len < 28)
        return err_set(err, ERR_INPUT, "%s: too short for a .mo file", path);
    const unsigned char *d = (const unsigned char *)f->data;
    uint32_t magic = mo_word(d, 0);
    if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
        return err_set(err, ERR_INPUT, "%s: not a .mo file (bad magic number)", path);
    int sw = magic == MO_MAGIC_SWAPPED;
    uint32_t rev = mo_word(d + 4, sw), n = mo_word(d + 8, sw);
    uint32_t orig = mo_word(d + 12, sw), trans = mo_word(d + 16, sw);
    if (rev >> 16 > 1)
        return err_set(err, ERR_INPUT, "%s: .mo major revision %u not supported", path, rev >> 16);
    if ((uint64_t)n * 8 > f->len)
        return err_set(err, ERR_INPUT, "%s: %u entries do not fit in the file", path, n);
    c->entry = calloc(n ? n : 1, sizeof *c->entry);
    if (!c->entry)
        return err_set(err, ERR_NOMEM, "%s: out of memory", path);
    const char *header = "";
    for (uint32_t i = 0; i < n; i++) {
        const char *id, *str;
        uint32_t id_len, str_len;
        if (mo_string(f, sw, orig, i, &id, &id_len) || mo_string(f, sw, trans, i, &str, &str_len))
            return err_set(err, ERR_INPUT, "%s: entry %u lies outside the file", path, i);
        if (text_utf8_check(id, id_len, NULL) || text_utf8_check(str, str_len, NULL))
            return err_set(err, ERR_INPUT, "%s: entry %u is not valid UTF-8", path, i);
        if (id_len == 0) {
            header = str;
            continue;
        }
        struct mo_entry *e = &c->entry[c->count++];
        e->msgid = id;
        e->str = str;
        e->str_len = str_len;
        e->has_plural = strlen(id) < id_len;
    }
    qsort(c->entry, c->count, sizeof *c->entry, entry_cmp);
    for (uint32_t i = 1; i < c->count; i++)
        if (strcmp(c->entry[i - 1].msgid, c->entry[i].msgid) == 0)
            return err_set(err, ERR_INPUT, "%s: msgid \"%.80s\" appears twice", path,
                           c->entry[i].msgid);
    return mo_header(c, header, path, err);
}

static void catalogue_free(struct catalogue *c)
{
    free(c->entry);
    buf_free(&c->file);
    memset(c, 0, sizeof *c);
}

void i18n_free(struct i18n *cat)
{
    if (!cat)
        return;
    for (int l = 0; l < TEXT_LANG_COUNT; l++)
        catalogue_free(&cat->lang[l]);
    free(cat);
}

int i18n_load(const char *locale_dir, struct i18n **out, struct err *err)
{
    *out = NULL;
    struct i18n *cat = calloc(1, sizeof *cat);
    if (!cat)
        return err_set(err, ERR_NOMEM, "out of memory");
    int rc = 0;
    for (int l = 0; l < TEXT_LANG_COUNT && !rc; l++) {
        struct buf path = BUF_INIT;
        buf_printf(&path, "%s/%s/LC_MESSAGES/%s.mo", locale_dir, text_lang_code((enum text_lang)l),
                   I18N_DOMAIN);
        if (path.oom)
            rc = err_set(err, ERR_NOMEM, "out of memory");
        else
            rc = file_read_all(buf_str(&path), I18N_MO_MAX, &cat->lang[l].file, err);
        if (!rc)
            rc = mo_parse(&cat->lang[l], buf_str(&path), err);
        buf_free(&path);
    }
    if (rc) {
        i18n_free(cat);
        return rc;
    }
    *out = cat;
    return 0;
}

static const struct catalogue *catalogue_of(const struct i18n *cat, enum text_lang lang)
{
    if (!cat || (int)lang < 0 || (int)lang >= TEXT_LANG_COUNT)
        return NULL;
    return &cat->lang[lang];
}

static const struct mo_entry *entry_find(const struct catalogue *c, const char *msgid)
{
    if (!c || !msgid)
        return NULL;
    struct mo_entry key = {.msgid = msgid};
    return bsearch(&key, c->entry, c->count, sizeof *c->entry, entry_cmp);
}

const char *i18n_get(const struct i18n *cat, enum text_lang lang, const char *msgid)
{
    const struct mo_entry *e = entry_find(catalogue_of(cat, lang), msgid);
    return e && e->str[0] ? e->str : msgid;
}

const char *i18n_nget(const struct i18n *cat, enum text_lang lang, const char *singular,
                      const char *plural, unsigned long n)
{
    const struct catalogue *c = catalogue_of(cat, lang);
    const struct mo_entry *e = entry_find(c, singular);
    const char *fallback = n == 1 ? singular : plural;
    if (!e || !e->has_plural)
        return fallback;
    unsigned long form = plural_eval(&c->plural, c->plural.root, n);
    if (form >= (unsigned long)c->nplurals)
        return fallback;
    const char *s = e->str, *end = e->str + e->str_len;
    for (unsigned long i = 0; i < form && s < end; i++)
        s += strlen(s) + 1;
    return s < end && *s ? s : fallback;
}

int i18n_nplurals(const struct i18n *cat, enum text_lang lang)
{
    const struct catalogue *c = catalogue_of(cat, lang);
    return c ? c->nplurals : 0;
}

const char *i18n_lang_endonym(enum text_lang lang)
{
    switch (lang) {
    case TEXT_LANG_FR:
        return "Français";
    case TEXT_LANG_ES:
        return "Español";
    default:
        return "English";
    }
}

/* --- labels of the domain's codes --- */

static const struct code_label {
    const char *vocabulary, *code, *msgid;
} code_labels[] = {
    {"response", "supported", N_("Supported")},
    {"response", "noted", N_("Noted")},
    {"response", "partially_supported", N_("Partially supported")},
    {"response", "none", N_("No response")},
    {"mechanism", "upr", N_("Universal Periodic Review")},
    {"mechanism", "treaty_body", N_("Treaty body")},
    {"mechanism", "special_procedure", N_("Special procedure")},
    {"mechanism", "regional", N_("Regional mechanism")},
    {"role", "admin", N_("Administrator")},
    {"role", "coordinator", N_("Coordinator")},
    {"role", "focal_point", N_("Focal point")},
    {"role", "contributor", N_("Contributor")},
    {"role", "viewer", N_("Viewer")},
    {"role_help", "admin", N_("Manages users, institutions and settings.")},
    {"role_help", "coordinator",
     N_("Imports and clusters recommendations, assigns them to institutions, validates "
        "progress.")},
    {"role_help", "focal_point",
     N_("Reports progress on the recommendations assigned to their institution.")},
    {"role_help", "contributor",
     N_("Comments and submits independent assessments (NHRI, civil society).")},
    {"role_help", "viewer", N_("Reads everything, changes nothing.")},
    /* TRANSLATORS: UPR Info's action categories; use UPR Info's own wording in your language. */
    {"action_category", "1", N_("Minimal action")},
    {"action_category", "2", N_("Continuing action")},
    {"action_category", "3", N_("Considering action")},
    {"action_category", "4", N_("General action")},
    {"action_category", "5", N_("Specific action")},
    {"progress", "not_started", N_("Not started")},
    {"progress", "in_progress", N_("In progress")},
    {"progress", "partially_implemented", N_("Partially implemented")},
    {"progress", "implemented", N_("Implemented")},
    {"progress", "not_accepted", N_("Not accepted")},
    {"workflow", "draft", N_("Draft")},
    {"workflow", "submitted", N_("Submitted")},
    {"workflow", "validated", N_("Validated")},
    {"workflow", "returned", N_("Returned for changes")},
    {"tag_origin", "source", N_("From the source")},
    {"tag_origin", "human", N_("Added by a person")},
    {"tag_origin", "machine", N_("Suggested automatically")},
    {"kind", "recommendation", N_("Recommendation")},
    {"kind", "pledge", N_("Voluntary pledge")},
};

const char *i18n_label(const struct i18n_tr *tr, const char *vocabulary, const char *code)
{
    if (!vocabulary || !code)
        return NULL;
    for (size_t i = 0; i < sizeof code_labels / sizeof code_labels[0]; i++)
        if (strcmp(code_labels[i].vocabulary, vocabulary) == 0 &&
            strcmp(code_labels[i].code, code) == 0)
            return tr ? i18n_get(tr->cat, tr->lang, code_labels[i].msgid) : code_labels[i].msgid;
    return NULL;
}

/* --- Accept-Language --- */

static int is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int is_alnum(char ch)
{
    return is_alpha(ch) || (ch >= '0' && ch <= '9');
}

static int is_ows(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* Reads a qvalue ("0", "0.5", "1", "1.000") at s[0..n) as thousandths; -1 if malformed. */
static int qvalue_parse(const char *s, size_t n)
{
    if (n == 0 || (s[0] != '0' && s[0] != '1') || (n > 1 && s[1] != '.') || n > 5)
        return -1;
    int q = (s[0] - '0') * 1000, scale = 100;
    for (size_t i = 2; i < n; i++, scale /= 10) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        q += (s[i] - '0') * scale;
    }
    return q > 1000 ? -1 : q;
}

/* Parses one element "range *( OWS ; OWS param )" of s[0..n). Sets *lang to the matched
 * language, -1 for "*", -2 for another or malformed range; returns the weight in thousandths
 * (1000 when absent) or -1 when the element is malformed. */
static int accept_element(const char *s, size_t n, int *lang)
{
    size_t i = 0, tag_end;
    *lang = -2;
    if (n && s[0] == '*') {
        i = 1;
        *lang = -1;
    } else {
        while (i < n && is_alpha(s[i]) && i < 8)
            i++;
        if (i == 0)
            return -1;
        tag_end = i;
        while (i < n && s[i] == '-') { /* subtags: 1*8 alphanum */
            size_t start = ++i;
            while (i < n && is_alnum(s[i]) && i - start < 8)
                i++;
            if (i == start)
                return -1;
        }
        for (int l = 0; l < TEXT_LANG_COUNT; l++)
            if (tag_end == 2 && strncasecmp(s, text_lang_code((enum text_lang)l), 2) == 0)
                *lang = l;
    }
    int q = 1000;
    while (i < n) {
        while (i < n && is_ows(s[i]))
            i++;
        if (i == n)
            break;
        if (s[i] != ';')
            return -1;
        i++;
        while (i < n && is_ows(s[i]))
            i++;
        size_t start = i;
        while (i < n && s[i] != ';' && !is_ows(s[i]))
            i++;
        if (i - start >= 2 && (s[start] == 'q' || s[start] == 'Q') && s[start + 1] == '=') {
            q = qvalue_parse(s + start + 2, i - start - 2);
            if (q < 0)
                return -1;
        }
    }
    return q;
}

int i18n_lang_from_accept(const char *accept_language, enum text_lang *out)
{
    int weight[TEXT_LANG_COUNT], order[TEXT_LANG_COUNT], star = -1, star_order = 0;
    for (int l = 0; l < TEXT_LANG_COUNT; l++)
        weight[l] = -1, order[l] = 0;
    *out = TEXT_LANG_EN;
    if (!accept_language)
        return ERR_NOTFOUND;
    const char *s = accept_language;
    for (int position = 0; *s; position++) {
        while (*s == ',' || is_ows(*s))
            s++;
        size_t n = strcspn(s, ",");
        int lang, q = accept_element(s, n, &lang);
        s += n;
        if (q < 0 || lang == -2)
            continue;
        if (lang == -1 && q > star) {
            star = q;
            star_order = position;
        } else if (lang >= 0 && q > weight[lang]) {
            weight[lang] = q;
            order[lang] = position;
        }
    }
    int best = -1;
    for (int l = 0; l < TEXT_LANG_COUNT; l++) {
        if (weight[l] < 0 && star >= 0) {
            weight[l] = star;
            order[l] = star_order;
        }
        if (weight[l] <= 0)
            continue;
        if (best < 0 || weight[l] > weight[best] ||
            (weight[l] == weight[best] && order[l] < order[best]))
            best = l;
    }
    if (best < 0)
        return ERR_NOTFOUND;
    *out = (enum text_lang)best;
    return 0;
}
