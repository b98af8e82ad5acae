/*
 * taxonomy.c — loads the vocabularies and countries that ship in data/ (SDG framework with
 * EN/FR/ES labels, UHRI themes, affected persons and bodies, UPR Info issues, UN member and
 * observer States with name variants, hand-made aliases) into the store at `suivi init`.
 */
#include "import/import.h"

#include <stdio.h>
#include <string.h>

#include "import/csv.h"

enum { MAX_COLS = 12 };

typedef int (*row_fn)(struct store *st, const char *const *v, struct err *err);

/* Reads data_dir/file, maps the named columns (all required) and calls fn for each row. */
static int each_row(struct store *st, const char *data_dir, const char *file,
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
        if (!rc)
            rc = err_set(err, ERR_INPUT, "%s: empty file", path);
        goto out;
    }
    for (; cols[ncols]; ncols++) {
        idx[ncols] = csv_header_index(&row, cols[ncols]);
        if (idx[ncols] < 0) {
            rc = err_set(err, ERR_INPUT, "%s:%zu: no column \"%s\"", path, row.line, cols[ncols]);
            goto out;
        }
    }
    csv_expect_fields(reader, row.nfields);
    while ((rc = csv_read_row(reader, &row, err)) == 1) {
        const char *v[MAX_COLS];
        for (int i = 0; i < ncols; i++)
            v[i] = *row.fields[idx[i]] ? row.fields[idx[i]] : NULL;
        if ((rc = fn(st, v, err))) {
            err_prefix(err, "%s:%zu", path, row.line);
            goto out;
        }
    }
out:
    csv_close(reader);
    return rc < 0 ? rc : 0;
}

static int put_sdg(struct store *st, const char *const *v, struct err *err)
{
    /* level, code, parent, title en/fr/es, short en/fr/es: goals are named by their short
     * title, targets and indicators by their full one; every title is an alias. */
    int goal = v[0] && !strcmp(v[0], "goal");
    struct store_term t = {"sdg", v[1], v[2], {v[goal ? 6 : 3], v[goal ? 7 : 4], v[goal ? 8 : 5]}};
    if (!t.code || !t.label[0])
        return err_set(err, ERR_INPUT, "expected a code and an English title");
    int rc = store_term_put(st, &t, err);
    for (int i = 3; i <= 8 && !rc; i++)
        if (v[i])
            rc = store_alias_put(st, "sdg", v[i], v[1], err);
    return rc;
}

static int put_uhri_sdg_alias(struct store *st, const char *const *v, struct err *err)
{
    return v[0] && v[1] ? store_alias_put(st, "sdg", v[1], v[0], err) : 0;
}

static int put_label_term(struct store *st, const char *vocab, const char *label, struct err *err)
{
    if (!label)
        return err_set(err, ERR_INPUT, "empty label");
    struct store_term t = {vocab, label, NULL, {label, NULL, NULL}};
    return store_term_put(st, &t, err);
}

static int put_theme(struct store *st, const char *const *v, struct err *err)
{
    return put_label_term(st, "uhri_theme", v[0], err);
}

static int put_affected(struct store *st, const char *const *v, struct err *err)
{
    return put_label_term(st, "affected_person", v[0], err);
}

static int put_body(struct store *st, const char *const *v, struct err *err)
{
    const char *type = v[1] ? v[1] : "";
    const char *mechanism = !strcmp(type, "UPR")                      ? "upr"
                            : !strcmp(type, "treaty_body")            ? "treaty_body"
                            : !strncmp(type, "special_procedure", 17) ? "special_procedure"
                                                                      : "regional";
    struct store_term t = {"body", v[0], mechanism, {v[0], NULL, NULL}};
    if (!t.code)
        return err_set(err, ERR_INPUT, "empty body");
    return store_term_put(st, &t, err);
}

static int put_issue(struct store *st, const char *const *v, struct err *err)
{
    struct store_term t = {"upr_issue", v[0], NULL, {v[1], v[2], v[3]}};
    if (!t.code || !t.label[0])
        return err_set(err, ERR_INPUT, "expected a code and an English label");
    return store_term_put(st, &t, err);
}

static int put_country(struct store *st, const char *const *v, struct err *err)
{
    struct store_country c = {v[0], v[1], v[2], {v[3], v[4], v[5]}, {v[6], v[7], v[8]},
                              v[9], v[10]};
    if (!c.iso3 || strlen(c.iso3) != 3 || !c.name[0])
        return err_set(err, ERR_INPUT, "expected an ISO3 code and an English name");
    return store_country_put(st, &c, err);
}

static int put_country_alias(struct store *st, const char *const *v, struct err *err)
{
    return v[0] && v[1] ? store_alias_put(st, "country", v[0], v[1], err) : 0;
}

static int put_alias(struct store *st, const char *const *v, struct err *err)
{
    if (!v[0] || !v[1] || !v[2])
        return err_set(err, ERR_INPUT, "expected vocab, name and code");
    return store_alias_put(st, v[0], v[1], v[2], err);
}

int import_taxonomies(struct store *st, const char *data_dir, struct err *err)
{
    static const char *const sdg_cols[] = {"level",    "code",     "parent",   "title_en",
                                           "title_fr", "title_es", "short_en", "short_fr",
                                           "short_es", NULL};
    static const char *const uhri_sdg_cols[] = {"code", "label", NULL};
    static const char *const label_cols[] = {"label", NULL};
    static const char *const body_cols[] = {"body", "mechanism_type", NULL};
    static const char *const issue_cols[] = {"code", "label_en", "label_fr", "label_es", NULL};
    static const char *const country_cols[] = {
        "iso3",        "iso2",        "m49",         "name_en",        "name_fr", "name_es",
        "official_en", "official_fr", "official_es", "regional_group", "status",  NULL};
    static const char *const variant_cols[] = {"name", "iso3", NULL};
    static const char *const alias_cols[] = {"vocab", "name", "code", NULL};
    static const struct {
        const char *file;
        const char *const *cols;
        row_fn fn;
    } files[] = {
        {"sdg/sdg_framework_en_fr_es.csv", sdg_cols, put_sdg},
        {"uhri/uhri_sdg_labels.csv", uhri_sdg_cols, put_uhri_sdg_alias},
        {"uhri/uhri_themes.csv", label_cols, put_theme},
        {"uhri/uhri_affected_persons.csv", label_cols, put_affected},
        {"uhri/uhri_bodies.csv", body_cols, put_body},
        {"upr-info/issues.csv", issue_cols, put_issue},
        {"countries/countries.csv", country_cols, put_country},
        {"countries/name_variants.csv", variant_cols, put_country_alias},
        {"aliases.csv", alias_cols, put_alias},
    };
    int rc = store_begin(st, err);
    for (size_t i = 0; i < sizeof files / sizeof files[0] && !rc; i++)
        rc = each_row(st, data_dir, files[i].file, files[i].cols, files[i].fn, err);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}
