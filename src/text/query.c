/*
 * query.c — lexer, recursive-descent parser and FTS5 renderer of search-box queries (query.h).
 *
 * Grammar, lowest precedence first (FTS5's):
 *   query   = or EOF
 *   or      = and { "OR" and }
 *   and     = not { ["AND"] not }          adjacency is AND
 *   not     = primary { "NOT" primary }
 *   primary = WORD | PREFIX | PHRASE | "(" or ")"
 * Only parentheses recurse, and at most TEXT_QUERY_MAX_DEPTH deep; AND and OR nodes are n-ary,
 * and NOT chains are bounded by TEXT_QUERY_MAX_ITEMS, so no walk of the tree is deep.
 */
#include "text/query.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/fold.h"

enum lex_kind {
    LEX_END,
    LEX_WORD,
    LEX_PREFIX,
    LEX_PHRASE,
    LEX_LPAREN,
    LEX_RPAREN,
    LEX_AND,
    LEX_OR,
    LEX_NOT,
};

struct lexeme {
    enum lex_kind kind;
    size_t start;      /* byte offset of its first character */
    size_t text_start; /* WORD, PREFIX, PHRASE: the text kept */
    size_t text_len;
};

struct parser {
    const char *q;
    size_t n;
    size_t pos; /* next byte to lex */
    struct lexeme look;
    int depth;
    size_t items;
    struct err *err;
};

/* Quote characters: the phrase opened by open[i] ends at close[i] or at an ASCII '"'. */
static const uint32_t quote_open[] = {0x22, 0x201C, 0x00AB};
static const uint32_t quote_close[] = {0x22, 0x201D, 0x00BB};
#define QUOTE_KINDS (sizeof quote_open / sizeof quote_open[0])

static size_t column_of(const struct parser *p, size_t offset)
{
    size_t column = 1;
    for (size_t i = 0; i < offset && i < p->n; i++)
        column += ((unsigned char)p->q[i] & 0xC0) != 0x80;
    return column;
}

static int fail(struct parser *p, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets ERR_INPUT with "query: column N: " and the formatted reason. */
static int fail(struct parser *p, size_t offset, const char *fmt, ...)
{
    struct buf reason = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    (void)buf_vprintf(&reason, fmt, ap);
    va_end(ap);
    err_set(p->err, ERR_INPUT, "query: column %zu: %s", column_of(p, offset), buf_str(&reason));
    buf_free(&reason);
    return ERR_INPUT;
}

/* The query is valid UTF-8 by the time it is lexed. */
static uint32_t char_at(const struct parser *p, size_t i, size_t *len)
{
    uint32_t cp;
    int n = text_utf8_decode(p->q + i, p->n - i, &cp);
    *len = n > 0 ? (size_t)n : 1;
    return cp;
}

static int quote_kind(uint32_t cp, const uint32_t *table)
{
    for (size_t i = 0; i < QUOTE_KINDS; i++) {
        if (table[i] == cp)
            return (int)i;
    }
    return -1;
}

static int ends_word(uint32_t cp)
{
    return cp == '(' || cp == ')' || text_char_class_of(cp) == TEXT_CHAR_SPACE ||
           quote_kind(cp, quote_open) >= 0 || quote_kind(cp, quote_close) >= 0;
}

static int lex_phrase(struct parser *p, int kind, size_t open_len)
{
    size_t i = p->pos + open_len;
    while (i < p->n) {
        size_t len;
        uint32_t cp = char_at(p, i, &len);
        if (cp == quote_close[kind] || cp == '"') {
            p->look.text_start = p->pos + open_len;
            p->look.text_len = i - p->look.text_start;
            p->pos = i + len;
            p->look.kind = LEX_PHRASE;
            return 0;
        }
        i += len;
    }
    return fail(p, p->look.start, "unbalanced quote: this quote is never closed");
}

static int lex_word(struct parser *p)
{
    size_t i = p->pos;
    size_t len;
    while (i < p->n && !ends_word(char_at(p, i, &len)))
        i += len;
    struct lexeme *look = &p->look;
    look->text_start = p->pos;
    look->text_len = i - p->pos;
    p->pos = i;
    const char *text = p->q + look->text_start;
    look->kind = LEX_WORD;
    if (text[look->text_len - 1] == '*') {
        look->kind = LEX_PREFIX;
        look->text_len--;
        if (look->text_len == 0)
            return fail(p, look->start, "'*' must follow a word, as in educat*");
    }
    const char *star = memchr(text, '*', look->text_len);
    if (star)
        return fail(p, look->start + (size_t)(star - text),
                    "'*' may only end a word, as in educat*");
    if (look->kind == LEX_WORD) {
        static const struct {
            const char *word;
            enum lex_kind kind;
        } operators[] = {{"AND", LEX_AND}, {"OR", LEX_OR}, {"NOT", LEX_NOT}};
        for (size_t k = 0; k < sizeof operators / sizeof operators[0]; k++) {
            if (look->text_len == strlen(operators[k].word) &&
                memcmp(text, operators[k].word, look->text_len) == 0)
                look->kind = operators[k].kind;
        }
    }
    return 0;
}

/* Reads the next lexeme into p->look. */
static int lex_next(struct parser *p)
{
    size_t len = 0;
    uint32_t cp = 0;
    while (p->pos < p->n) {
        cp = char_at(p, p->pos, &len);
        if (text_char_class_of(cp) != TEXT_CHAR_SPACE)
            break;
        p->pos += len;
    }
    p->look = (struct lexeme){.start = p->pos};
    if (p->pos >= p->n) {
        p->look.kind = LEX_END;
        return 0;
    }
    if (cp == '(' || cp == ')') {
        p->look.kind = cp == '(' ? LEX_LPAREN : LEX_RPAREN;
        p->pos += len;
        return 0;
    }
    int kind = quote_kind(cp, quote_open);
    if (kind >= 0)
        return lex_phrase(p, kind, len);
    if (quote_kind(cp, quote_close) >= 0)
        return fail(p, p->pos, "unbalanced quote: closing quote without an opening one");
    return lex_word(p);
}

static void node_free(struct text_query *node)
{
    if (!node)
        return;
    for (size_t i = 0; i < node->nkids; i++)
        node_free(node->kids[i]);
    free(node->kids);
    free(node->text);
    free(node);
}

void text_query_free(struct text_query *query)
{
    node_free(query);
}

static struct text_query *node_new(enum text_q_kind kind, size_t column)
{
    struct text_query *node = calloc(1, sizeof *node);
    if (node) {
        node->kind = kind;
        node->column = column;
    }
    return node;
}

static int add_kid(struct parser *p, struct text_query *parent, struct text_query *kid)
{
    struct text_query **kids = realloc(parent->kids, (parent->nkids + 1) * sizeof *kids);
    if (!kids) {
        node_free(kid);
        return err_set(p->err, ERR_NOMEM, "query: out of memory");
    }
    parent->kids = kids;
    kids[parent->nkids++] = kid;
    return 0;
}

static int parse_or(struct parser *p, struct text_query **out);

static int has_word_char(const struct parser *p, size_t start, size_t len)
{
    size_t char_len;
    for (size_t i = start; i < start + len; i += char_len) {
        if (text_char_class_of(char_at(p, i, &char_len)) == TEXT_CHAR_WORD)
            return 1;
    }
    return 0;
}

/* A word, prefix or phrase; *out is NULL when it is dropped for having no letter or digit. */
static int parse_leaf(struct parser *p, struct text_query **out)
{
    static const enum text_q_kind kinds[] = {
        [LEX_WORD] = TEXT_Q_TERM, [LEX_PREFIX] = TEXT_Q_PREFIX, [LEX_PHRASE] = TEXT_Q_PHRASE};
    *out = NULL;
    if (++p->items > TEXT_QUERY_MAX_ITEMS)
        return fail(p, p->look.start, "too many words and phrases (at most %d)",
                    TEXT_QUERY_MAX_ITEMS);
    if (!has_word_char(p, p->look.text_start, p->look.text_len))
        return lex_next(p); /* a dash or '&': nothing any tokenizer would keep */
    struct text_query *leaf = node_new(kinds[p->look.kind], column_of(p, p->look.start));
    char *text = malloc(p->look.text_len + 1);
    if (!leaf || !text) {
        free(leaf);
        free(text);
        return err_set(p->err, ERR_NOMEM, "query: out of memory");
    }
    memcpy(text, p->q + p->look.text_start, p->look.text_len);
    text[p->look.text_len] = '\0';
    leaf->text = text;
    leaf->len = p->look.text_len;
    *out = leaf;
    int rc = lex_next(p);
    if (rc) {
        node_free(leaf);
        *out = NULL;
    }
    return rc;
}

static int parse_group(struct parser *p, struct text_query **out)
{
    size_t open = p->look.start;
    if (++p->depth > TEXT_QUERY_MAX_DEPTH)
        return fail(p, open, "parentheses nested too deep (at most %d levels)",
                    TEXT_QUERY_MAX_DEPTH);
    int rc = lex_next(p);
    if (rc)
        return rc;
    if (p->look.kind == LEX_RPAREN)
        return fail(p, open, "empty parentheses: write a word between them");
    rc = parse_or(p, out);
    if (rc)
        return rc;
    if (p->look.kind != LEX_RPAREN) {
        node_free(*out);
        *out = NULL;
        return fail(p, open, "unbalanced parenthesis: this '(' is never closed");
    }
    p->depth--;
    rc = lex_next(p);
    if (rc) {
        node_free(*out);
        *out = NULL;
    }
    return rc;
}

static const char *lex_name(enum lex_kind kind)
{
    switch (kind) {
    case LEX_AND:
        return "AND";
    case LEX_OR:
        return "OR";
    case LEX_NOT:
        return "NOT";
    case LEX_RPAREN:
        return "')'";
    default:
        return "the end of the query";
    }
}

/* Fails on a lexeme that cannot start an operand. after names the operator just read, or is NULL
 * at the start of the query or of a group. */
static int fail_operand(struct parser *p, const char *after)
{
    enum lex_kind kind = p->look.kind;
    if (after)
        return fail(p, p->look.start, "expected a word, phrase or '(' after %s, found %s", after,
                    lex_name(kind));
    if (kind == LEX_NOT)
        return fail(p, p->look.start,
                    "NOT needs a word on its left: write 'rights NOT children', not 'NOT "
                    "children'");
    if (kind == LEX_AND || kind == LEX_OR)
        return fail(p, p->look.start, "%s needs a word on its left", lex_name(kind));
    if (kind == LEX_RPAREN)
        return fail(p, p->look.start, "unbalanced parenthesis: ')' without '('");
    return fail(p, p->look.start, "expected a word, phrase or '('");
}

/* A word, phrase or group; see fail_operand for after. */
static int parse_primary(struct parser *p, const char *after, struct text_query **out)
{
    *out = NULL;
    enum lex_kind kind = p->look.kind;
    if (kind == LEX_WORD || kind == LEX_PREFIX || kind == LEX_PHRASE)
        return parse_leaf(p, out);
    if (kind == LEX_LPAREN)
        return parse_group(p, out);
    return fail_operand(p, after);
}

/* Joins left NOT right into *left. Either may be NULL (a dropped operand): "- NOT x" is
 * dropped whole, "x NOT -" is x. Takes ownership of both. */
static int join_not(struct parser *p, struct text_query **left, struct text_query *right)
{
    if (!*left || !right) {
        node_free(right);
        return 0;
    }
    struct text_query *node = node_new(TEXT_Q_NOT, (*left)->column);
    struct text_query **kids = malloc(2 * sizeof *kids);
    if (!node || !kids) {
        free(node);
        free(kids);
        node_free(right);
        return err_set(p->err, ERR_NOMEM, "query: out of memory");
    }
    kids[0] = *left;
    kids[1] = right;
    node->kids = kids;
    node->nkids = 2;
    *left = node;
    return 0;
}

static int parse_not(struct parser *p, struct text_query **out)
{
    struct text_query *left;
    int rc = parse_primary(p, NULL, &left);
    while (!rc && p->look.kind == LEX_NOT) {
        struct text_query *right = NULL;
        rc = lex_next(p);
        if (!rc)
            rc = parse_primary(p, "NOT", &right);
        if (!rc)
            rc = join_not(p, &left, right);
    }
    if (rc) {
        node_free(left);
        left = NULL;
    }
    *out = left;
    return rc;
}

static int starts_primary(enum lex_kind kind)
{
    return kind == LEX_WORD || kind == LEX_PREFIX || kind == LEX_PHRASE || kind == LEX_LPAREN;
}

/* Parses the operands of one n-ary operator: AND (explicit or by adjacency) or OR. *out is the
 * node, its only operand, or NULL when every operand was dropped. */
static int parse_list(struct parser *p, enum text_q_kind kind, struct text_query **out)
{
    *out = NULL;
    enum lex_kind op = kind == TEXT_Q_AND ? LEX_AND : LEX_OR;
    struct text_query *list = node_new(kind, 0);
    if (!list)
        return err_set(p->err, ERR_NOMEM, "query: out of memory");
    int rc;
    for (;;) {
        struct text_query *operand;
        rc = kind == TEXT_Q_AND ? parse_not(p, &operand) : parse_list(p, TEXT_Q_AND, &operand);
        if (!rc && operand) {
            if (list->nkids == 0)
                list->column = operand->column;
            rc = add_kid(p, list, operand);
        }
        if (rc)
            break;
        if (p->look.kind == op) {
            rc = lex_next(p);
            if (!rc && !starts_primary(p->look.kind))
                rc = fail_operand(p, lex_name(op));
            if (rc)
                break;
        } else if (kind != TEXT_Q_AND || !starts_primary(p->look.kind)) {
            break;
        }
    }
    if (rc) {
        node_free(list);
        return rc;
    }
    if (list->nkids >= 2) {
        *out = list;
        return 0;
    }
    *out = list->nkids ? list->kids[0] : NULL;
    list->nkids = 0;
    node_free(list);
    return 0;
}

static int parse_or(struct parser *p, struct text_query **out)
{
    return parse_list(p, TEXT_Q_OR, out);
}

int text_query_parse_n(const char *q, size_t n, struct text_query **out, struct err *err)
{
    *out = NULL;
    struct parser p = {.q = q, .n = n, .err = err};
    const char *nul = memchr(q, '\0', n);
    if (nul)
        return fail(&p, (size_t)(nul - q), "NUL byte in the query");
    size_t bad;
    if (text_utf8_check(q, n, &bad) != 0) {
        p.n = bad; /* count columns over the valid part only */
        return fail(&p, bad, "invalid UTF-8");
    }
    int rc = lex_next(&p);
    if (rc)
        return rc;
    if (p.look.kind == LEX_END)
        return err_set(err, ERR_INPUT, "query: empty query");
    struct text_query *root;
    rc = parse_or(&p, &root);
    if (rc)
        return rc;
    if (p.look.kind != LEX_END) { /* only ')' can stop parse_or early */
        node_free(root);
        return fail(&p, p.look.start, "unbalanced parenthesis: ')' without '('");
    }
    if (!root)
        return err_set(err, ERR_INPUT, "query: nothing to search for: no letter or digit");
    *out = root;
    return 0;
}

int text_query_parse(const char *q, struct text_query **out, struct err *err)
{
    return text_query_parse_n(q, strlen(q), out, err);
}

static int precedence(enum text_q_kind kind)
{
    switch (kind) {
    case TEXT_Q_OR:
        return 1;
    case TEXT_Q_AND:
        return 2;
    case TEXT_Q_NOT:
        return 3;
    default:
        return 4;
    }
}

static void render_string(const char *text, size_t len, struct buf *out)
{
    (void)buf_putc(out, '"');
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '"')
            (void)buf_putc(out, '"');
        (void)buf_putc(out, text[i]);
    }
    (void)buf_putc(out, '"');
}

/* Appends node; the buffer's oom flag carries any failure to text_query_to_fts5. */
static void render(const struct text_query *node, struct buf *out)
{
    int prec = precedence(node->kind);
    switch (node->kind) {
    case TEXT_Q_TERM:
    case TEXT_Q_PHRASE:
        render_string(node->text, node->len, out);
        return;
    case TEXT_Q_PREFIX:
        render_string(node->text, node->len, out);
        (void)buf_puts(out, " *");
        return;
    case TEXT_Q_AND:
    case TEXT_Q_OR:
    case TEXT_Q_NOT:
        break;
    }
    const char *op = " NOT ";
    if (node->kind != TEXT_Q_NOT)
        op = node->kind == TEXT_Q_AND ? " AND " : " OR ";
    for (size_t i = 0; i < node->nkids; i++) {
        const struct text_query *kid = node->kids[i];
        int kid_prec = precedence(kid->kind);
        /* Operators are left-associative: a right operand of equal precedence needs brackets. */
        int brackets = kid_prec < prec || (i > 0 && kid_prec == prec);
        if (i > 0)
            (void)buf_puts(out, op);
        if (brackets)
            (void)buf_putc(out, '(');
        render(kid, out);
        if (brackets)
            (void)buf_putc(out, ')');
    }
}

int text_query_to_fts5(const struct text_query *query, struct buf *out)
{
    render(query, out);
    return out->oom ? ERR_NOMEM : 0;
}
