/*
 * vocab.c — label texts, aliases and crosswalk of the shipped vocabularies, for training
 * classifiers (see vocab.h). Every file is read with the CSV reader of import/csv.h; every
 * string handed out is owned by the struct import_vocab.
 */
#include "import/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/csv.h"
#include "util/buf.h"
#include "util/file.h"

enum { MAX_COLS = 10 };

/* What reading one vocabulary needs: the result, the descriptions being built (per label x
 * language) and, for the crosswalk, which of its columns this vocabulary is. */
struct loader {
    struct import_vocab *v;
    struct buf *desc;
    size_t crosswalk_col;              /* 1, 2 or 3: uhri_themes, affected_persons, sdg_goals */
    const struct import_vocab *issues; /* for the crosswalk */
};

typedef int (*row_fn)(struct loader *ld, const char *const *cols, struct err *err);

static const char *const vocab_names[] = {"upr_issue", "uhri_theme", "affected_person", "sdg"};

static char *keep(struct import_vocab *v, const char *s, size_t n)
{
    if (v->nstrings == v->capstrings) {
        size_t cap = v->capstrings ? v->capstrings * 2 : 256;
        char **p = realloc(v->strings, cap * sizeof *p);
        if (!p)
            return NULL;
        v->strings = p;
        v->capstrings = cap;
    }
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    v->strings[v->nstrings++] = d;
    return d;
}

/* Reads data_dir/file, whose named columns (all required) are passed to fn row by row. */
static int each_row(struct loader *ld, const char *data_dir, const char *file,
                    const char *const *cols, row_fn fn, struct err *err)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", data_dir, file) >= sizeof path)
        return err_set(err, ERR_USAGE, "data directory path too long");
    struct csv_reader *reader;
    int rc = csv_open_file(path, "utf-8", &reader, err);
    if (rc)
        return rc;
    struct csv_row row;
    int idx[MAX_COLS], ncols = 0;
    if ((rc = csv_read_row(reader, &row, err)) <= 0) {
        rc = rc ? rc : err_set(err, ERR_INPUT, "%s: empty file", path);
        goto out;
    }
    for (; cols[ncols]; ncols++) {
        if ((idx[ncols] = csv_header_index(&row, cols[ncols])) < 0) {
            rc = err_set(err, ERR_INPUT, "%s:%zu: no column \"%s\"", path, row.line, cols[ncols]);
            goto out;
        }
    }
    csv_expect_fields(reader, row.nfields);
    while ((rc = csv_read_row(reader, &row, err)) == 1) {
        const char *f[MAX_COLS];
        for (int i = 0; i < ncols; i++)
            f[i] = row.fields[idx[i]];
        if ((rc = fn(ld, f, err))) {
            err_prefix(err, "%s:%zu", path, row.line);
            goto out;
        }
    }
out:
    csv_close(reader);
    return rc < 0 ? rc : 0;
}

static long find_label(const struct import_vocab *v, const char *name)
{
    for (size_t i = 0; i < v->nlabels; i++)
        if (!strcmp(v->labels[i].name, name))
            return (long)i;
    return -1;
}

/* The label named name, added (with empty descriptions) when new; -1 when out of memory. */
static long add_label(struct loader *ld, const char *name)
{
    struct import_vocab *v = ld->v;
    long found = find_label(v, name);
    if (found >= 0)
        return found;
    struct text_label_info *l = realloc(v->labels, (v->nlabels + 1) * sizeof *l);
    if (!l)
        return -1;
    v->labels = l;
    struct buf *d = realloc(ld->desc, (v->nlabels + 1) * TEXT_LANG_COUNT * sizeof *d);
    if (!d)
        return -1;
    ld->desc = d;
    for (int k = 0; k < TEXT_LANG_COUNT; k++)
        d[v->nlabels * TEXT_LANG_COUNT + k] = (struct buf)BUF_INIT;
    const char *kept = keep(v, name, strlen(name));
    if (!kept)
        return -1;
    v->labels[v->nlabels] = (struct text_label_info){.name = kept};
    return (long)v->nlabels++;
}

static int describe(struct loader *ld, long label, int lang, const char *text)
{
    struct buf *b = &ld->desc[label * TEXT_LANG_COUNT + lang];
    if (!text || !*text)
        return 0;
    if (b->len)
        buf_puts(b, ". ");
    buf_puts(b, text);
    return b->oom ? ERR_NOMEM : 0;
}

static int add_alias(struct import_vocab *v, const char *name, const char *label)
{
    struct text_alias *a = realloc(v->aliases, (v->naliases + 1) * sizeof *a);
    if (!a)
        return ERR_NOMEM;
    v->aliases = a;
    const char *n = keep(v, name, strlen(name)), *l = keep(v, label, strlen(label));
    if (!n || !l)
        return ERR_NOMEM;
    v->aliases[v->naliases++] = (struct text_alias){n, l};
    return 0;
}

static int add_link(struct import_vocab *v, const char *from, const char *to)
{
    struct text_link *a = realloc(v->links, (v->nlinks + 1) * sizeof *a);
    if (!a)
        return ERR_NOMEM;
    v->links = a;
    const char *f = keep(v, from, strlen(from)), *t = keep(v, to, strlen(to));
    if (!f || !t)
        return ERR_NOMEM;
    v->links[v->nlinks++] = (struct text_link){f, t, 1.0f};
    return 0;
}

/* ---- one reader per file ------------------------------------------------------------------- */

/* upr-info/issues.csv: code, label_en, label_fr, label_es. Named by the English label, as UPR
 * Info exports print it; the code is an alias. */
static int issue_row(struct loader *ld, const char *const *f, struct err *err)
{
    if (!*f[1])
        return err_set(err, ERR_INPUT, "no English label");
    long id = add_label(ld, f[1]);
    int rc = id < 0 ? ERR_NOMEM : 0;
    for (int k = 0; k < TEXT_LANG_COUNT && !rc; k++)
        rc = describe(ld, id, k, f[1 + k]);
    if (!rc && *f[0])
        rc = add_alias(ld->v, f[0], f[1]);
    return rc ? err_set(err, rc, "out of memory") : 0;
}

/* uhri/uhri_themes.csv, uhri/uhri_affected_persons.csv: label (English only). */
static int uhri_row(struct loader *ld, const char *const *f, struct err *err)
{
    if (!*f[0])
        return err_set(err, ERR_INPUT, "empty label");
    long id = add_label(ld, f[0]);
    int rc = id < 0 ? ERR_NOMEM : describe(ld, id, 0, f[0]);
    return rc ? err_set(err, rc, "out of memory") : 0;
}

/* aliases.csv: vocab, name, code — the rows of this vocabulary whose code is a label. */
static int alias_row(struct loader *ld, const char *const *f, struct err *err)
{
    if (strcmp(f[0], ld->v->name) || find_label(ld->v, f[2]) < 0)
        return 0;
    return add_alias(ld->v, f[1], f[2]) ? err_set(err, ERR_NOMEM, "out of memory") : 0;
}

/* The SDG goal a framework or UHRI code belongs to ("5.2" -> "5"), in out. */
static void goal_of(const char *code, char out[8])
{
    size_t n = strcspn(code, ".");
    if (n >= 8)
        n = 7;
    memcpy(out, code, n);
    out[n] = '\0';
}

/* sdg/sdg_framework_en_fr_es.csv: level, code, parent, title_en/fr/es, short_en/fr/es. A goal
 * is described by its titles and those of all its targets; target codes are aliases. */
static int sdg_row(struct loader *ld, const char *const *f, struct err *err)
{
    char goal[8];
    goal_of(f[1], goal);
    int is_goal = !strcmp(f[0], "goal"), rc = 0;
    if (!is_goal && strcmp(f[0], "target"))
        return 0; /* indicators: statistical wording, not what recommendations say */
    if (!*goal || (is_goal && strchr(f[1], '.')))
        return err_set(err, ERR_INPUT, "bad SDG code \"%s\"", f[1]);
    long id = add_label(ld, goal);
    rc = id < 0 ? ERR_NOMEM : 0;
    for (int k = 0; k < TEXT_LANG_COUNT && !rc; k++) {
        rc = describe(ld, id, k, f[3 + k]);
        if (!rc && is_goal)
            rc = describe(ld, id, k, f[6 + k]);
        if (!rc && is_goal && *f[6 + k])
            rc = add_alias(ld->v, f[6 + k], goal);
    }
    if (!rc && !is_goal)
        rc = add_alias(ld->v, f[1], goal);
    return rc ? err_set(err, rc, "out of memory") : 0;
}

/* uhri/uhri_sdg_labels.csv: code, label — UHRI's short English wording of goals and targets. */
static int uhri_sdg_row(struct loader *ld, const char *const *f, struct err *err)
{
    char goal[8];
    goal_of(f[0], goal);
    long id = find_label(ld->v, goal);
    int rc = id < 0 ? 0 : describe(ld, id, 0, f[1]);
    if (!rc && id >= 0 && !strchr(f[0], '.'))
        rc = add_alias(ld->v, f[1], goal);
    return rc ? err_set(err, rc, "out of memory") : 0;
}

/* crosswalk/upr_issue_crosswalk.csv: issue, uhri_themes, affected_persons, sdg_goals. Each
 * target of this vocabulary gets a link from the issue and the issue's names in its
 * descriptions (which gives UHRI labels French and Spanish words). */
static int crosswalk_row(struct loader *ld, const char *const *f, struct err *err)
{
    long issue = find_label(ld->issues, f[0]);
    if (issue < 0)
        return err_set(err, ERR_INPUT, "\"%s\" is not a UPR Info issue", f[0]);
    const char *p = f[ld->crosswalk_col];
    int rc = 0;
    while (*p && !rc) {
        size_t n = strcspn(p, "|");
        char target[512];
        if (n >= sizeof target)
            return err_set(err, ERR_INPUT, "target too long");
        memcpy(target, p, n);
        target[n] = '\0';
        p += n + (p[n] == '|');
        long id = find_label(ld->v, target);
        if (id < 0)
            return err_set(err, ERR_INPUT, "\"%s\" is not a label of %s", target, ld->v->name);
        rc = add_link(ld->v, f[0], target);
        for (int k = 0; k < TEXT_LANG_COUNT && !rc; k++)
            rc = describe(ld, id, k, ld->issues->labels[issue].text[k]);
    }
    return rc ? err_set(err, rc, "out of memory") : 0;
}

/* Hands the descriptions over to the labels, as kept strings. */
static int settle(struct loader *ld)
{
    struct import_vocab *v = ld->v;
    int rc = 0;
    for (size_t i = 0; i < v->nlabels; i++) {
        for (int k = 0; k < TEXT_LANG_COUNT; k++) {
            struct buf *b = &ld->desc[i * TEXT_LANG_COUNT + k];
            if (b->oom)
                rc = ERR_NOMEM;
            else if (b->len && !(v->labels[i].text[k] = keep(v, b->data, b->len)))
                rc = ERR_NOMEM;
            buf_free(b);
        }
    }
    free(ld->desc);
    ld->desc = NULL;
    return rc;
}

static int load_files(struct loader *ld, const char *data_dir, int which, struct err *err)
{
    static const char *const issue_cols[] = {"code", "label_en", "label_fr", "label_es", NULL};
    static const char *const label_cols[] = {"label", NULL};
    static const char *const alias_cols[] = {"vocab", "name", "code", NULL};
    static const char *const sdg_cols[] = {"level",    "code",     "parent",   "title_en",
                                           "title_fr", "title_es", "short_en", "short_fr",
                                           "short_es", NULL};
    static const char *const uhri_sdg_cols[] = {"code", "label", NULL};
    switch (which) {
    case 0:
        return each_row(ld, data_dir, "upr-info/issues.csv", issue_cols, issue_row, err);
    case 1:
    case 2: {
        const char *file = which == 1 ? "uhri/uhri_themes.csv" : "uhri/uhri_affected_persons.csv";
        int rc = each_row(ld, data_dir, file, label_cols, uhri_row, err);
        return rc ? rc : each_row(ld, data_dir, "aliases.csv", alias_cols, alias_row, err);
    }
    default: {
        int rc = each_row(ld, data_dir, "sdg/sdg_framework_en_fr_es.csv", sdg_cols, sdg_row, err);
        return rc ? rc
                  : each_row(ld, data_dir, "uhri/uhri_sdg_labels.csv", uhri_sdg_cols, uhri_sdg_row,
                             err);
    }
    }
}

int import_vocab_load(const char *data_dir, const char *name, struct import_vocab *out,
                      struct err *err)
{
    static const char *const crosswalk_cols[] = {"issue", "uhri_themes", "affected_persons",
                                                 "sdg_goals", NULL};
    *out = (struct import_vocab){0};
    int which = -1;
    for (int i = 0; i < 4; i++)
        if (name && !strcmp(name, vocab_names[i]))
            which = i;
    if (which < 0)
        return err_set(err, ERR_USAGE, "unknown vocabulary \"%s\" (expected %s)", name ? name : "",
                       IMPORT_VOCAB_NAMES);
    out->name = vocab_names[which];
    struct import_vocab issues = {0};
    struct loader ld = {.v = out, .crosswalk_col = (size_t)which, .issues = &issues};
    int rc = load_files(&ld, data_dir, which, err);
    if (!rc && which > 0)
        rc = import_vocab_load(data_dir, "upr_issue", &issues, err);
    if (!rc && which > 0)
        rc = each_row(&ld, data_dir, "crosswalk/upr_issue_crosswalk.csv", crosswalk_cols,
                      crosswalk_row, err);
    if (!rc && settle(&ld))
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (ld.desc) {
        for (size_t i = 0; i < out->nlabels * TEXT_LANG_COUNT; i++)
            buf_free(&ld.desc[i]);
        free(ld.desc);
    }
    import_vocab_free(&issues);
    return rc;
}

void import_vocab_free(struct import_vocab *v)
{
    for (size_t i = 0; i < v->nstrings; i++)
        free(v->strings[i]);
    free(v->strings);
    free(v->labels);
    free(v->aliases);
    free(v->links);
    *v = (struct import_vocab){0};
}

/* How many of names[0..n) are labels or aliases of v. */
static size_t known_names(const struct import_vocab *v, const char *const *names, size_t n)
{
    size_t known = 0;
    struct buf a = BUF_INIT, b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        buf_reset(&a);
        if (text_label_key(names[i], &a) || !a.len)
            continue;
        int hit = 0;
        for (size_t k = 0; k < v->nlabels + v->naliases && !hit; k++) {
            buf_reset(&b);
            const char *s = k < v->nlabels ? v->labels[k].name : v->aliases[k - v->nlabels].name;
            hit = !text_label_key(s, &b) && !strcmp(buf_str(&a), buf_str(&b));
        }
        known += (size_t)hit;
    }
    buf_free(&a);
    buf_free(&b);
    return known;
}

const char *import_vocab_guess(const char *data_dir, const char *column, const char *const *names,
                               size_t n)
{
    static const struct {
        const char *column, *vocab;
    } by_column[] = {
        {"issues", "upr_issue"},
        {"issue", "upr_issue"},
        {"upr_issue", "upr_issue"},
        {"themes", "uhri_theme"},
        {"theme", "uhri_theme"},
        {"uhri_theme", "uhri_theme"},
        {"affected_persons", "affected_person"},
        {"affected", "affected_person"},
        {"groups", "affected_person"},
        {"affected_person", "affected_person"},
        {"sdgs", "sdg"},
        {"sdg", "sdg"},
        {"sdg_goals", "sdg"},
    };
    for (size_t i = 0; column && i < sizeof by_column / sizeof by_column[0]; i++)
        if (!strcmp(column, by_column[i].column))
            return by_column[i].vocab;
    const char *best = NULL;
    size_t best_known = 0;
    for (int i = 0; i < 4 && data_dir && n; i++) {
        struct import_vocab v;
        struct err err = {0};
        if (!import_vocab_load(data_dir, vocab_names[i], &v, &err)) {
            size_t known = known_names(&v, names, n);
            if (known * 2 >= n && known > best_known) {
                best = vocab_names[i];
                best_known = known;
            }
        }
        import_vocab_free(&v);
    }
    return best;
}

/* ---- model files ----------------------------------------------------------------------------- */

enum { MODEL_MAX_BYTES = 512 << 20 };

int import_model_load(const char *path, struct text_model **out, struct err *err)
{
    struct buf bytes = BUF_INIT, ref = BUF_INIT, base_bytes = BUF_INIT;
    struct text_model *base = NULL;
    *out = NULL;
    int rc = file_read_all(path, MODEL_MAX_BYTES, &bytes, err);
    int has_ref = rc ? 0 : text_model_base_ref(bytes.data, bytes.len, &ref);
    if (has_ref < 0)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc && has_ref) {
        const char *slash = strrchr(path, '/');
        int dir = slash ? (int)(slash - path) : 1;
        char base_path[4096];
        if ((size_t)snprintf(base_path, sizeof base_path, "%.*s/%s", dir, slash ? path : ".",
                             buf_str(&ref)) >= sizeof base_path)
            rc = err_set(err, ERR_USAGE, "%s: path too long", path);
        if (!rc)
            rc = file_read_all(base_path, MODEL_MAX_BYTES, &base_bytes, err);
        if (!rc)
            rc = text_model_load(base_path, base_bytes.data, base_bytes.len, &base, err);
        if (!rc)
            rc = text_model_load_with_base(path, bytes.data, bytes.len, base, out, err);
    } else if (!rc) {
        rc = text_model_load(path, bytes.data, bytes.len, out, err);
    }
    buf_free(&bytes);
    buf_free(&ref);
    buf_free(&base_bytes);
    return rc;
}
