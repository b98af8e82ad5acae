/*
 * postgres_taxonomy.c — taxonomies in the PostgreSQL backend of store.h: terms of the
 * vocabularies, countries, the folded names (aliases) that resolve to either, their listings,
 * and the row counts of store_count. The PostgreSQL twin of the taxonomy part of sqlite.c:
 * same statements, same order, same messages. Opening, transactions and versions are in
 * postgres.c.
 */
#include "store/postgres_internal.h"

#include <stdio.h>
#include <string.h>

#include "text/key.h"

static const char sql_term_put[] =
    "INSERT INTO term(vocab, code, parent, label_en, label_fr, label_es) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (vocab, code) DO UPDATE SET "
    "parent = excluded.parent, label_en = excluded.label_en, "
    "label_fr = excluded.label_fr, label_es = excluded.label_es";
static const char sql_alias_put[] =
    "INSERT INTO alias(vocab, name_key, code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
static const char sql_alias_find[] = "SELECT code FROM alias WHERE vocab = $1 AND name_key = $2";
static const char sql_term_find_code[] = "SELECT code FROM term WHERE vocab = $1 AND code = $2";
static const char sql_country_put[] =
    "INSERT INTO country(iso3, iso2, m49, name_en, name_fr, name_es, official_en, "
    "official_fr, official_es, regional_group, status) VALUES ($1, $2, $3, $4, $5, $6, $7, "
    "$8, $9, $10, $11) ON CONFLICT (iso3) DO UPDATE SET iso2 = excluded.iso2, "
    "m49 = excluded.m49, name_en = excluded.name_en, name_fr = excluded.name_fr, "
    "name_es = excluded.name_es, official_en = excluded.official_en, "
    "official_fr = excluded.official_fr, official_es = excluded.official_es, "
    "regional_group = excluded.regional_group, status = excluded.status";
static const char sql_country_find_code[] =
    "SELECT iso3 FROM country WHERE iso3 = upper($1::text) OR iso2 = upper($1::text)";
/* SQLite's CAST(code AS INTEGER): the leading integer of the code, 0 when there is none; SDG
 * codes (1, 1.2, 16.10) sort by goal number, then as text. */
static const char sql_term_each[] =
    "SELECT code, parent, label_en, label_fr, label_es FROM term WHERE vocab = $1"
    " ORDER BY CASE WHEN $1 = 'sdg' THEN 0 ELSE 1 END,"
    " coalesce(substring(code from '^\\s*[-+]?[0-9]+')::numeric, 0), code";
static const char sql_country_each[] =
    "SELECT iso3, iso2, m49, name_en, name_fr, name_es, official_en,"
    " official_fr, official_es, regional_group, status FROM country ORDER BY name_en, iso3";

int postgres_alias_put(struct pg_store *st, const char *vocab, const char *name, const char *code,
                       struct err *err)
{
    buf_reset(&st->scratch);
    if (text_name_key(name, &st->scratch))
        return err_set(err, ERR_INPUT, "%s name \"%s\" is not valid UTF-8", vocab, name);
    if (!st->scratch.len)
        return 0;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, vocab);
    pg_param_text(&p, buf_str(&st->scratch));
    pg_param_text(&p, code);
    return pg_exec(st, sql_alias_put, &p, NULL, err, "storing a name");
}

int postgres_term_put(struct pg_store *st, const struct store_term *t, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, t->vocab);
    pg_param_text(&p, t->code);
    pg_param_text(&p, t->parent);
    for (int i = 0; i < STORE_LANG_COUNT; i++)
        pg_param_text(&p, t->label[i]);
    int rc = pg_exec(st, sql_term_put, &p, NULL, err, "storing a term");
    for (int i = 0; i < STORE_LANG_COUNT && !rc; i++)
        if (t->label[i])
            rc = postgres_alias_put(st, t->vocab, t->label[i], t->code, err);
    if (!rc)
        rc = postgres_alias_put(st, t->vocab, t->code, t->code, err);
    return rc;
}

/* Runs a lookup whose first column is a code: 1 and the code in out when a row came, 0 when
 * none, negative on error. */
static int find_one(struct pg_store *st, const char *sql, const struct pg_params *p, char *out,
                    size_t size, struct err *err, const char *doing)
{
    PGresult *res = pg_run(st, sql, p, err, doing);
    if (!res)
        return err ? err->code : ERR_STORE;
    int found = PQntuples(res) > 0;
    if (found)
        snprintf(out, size, "%s", pg_text(res, 0, 0) ? pg_text(res, 0, 0) : "");
    PQclear(res);
    return found;
}

/* Looks name up in the alias table of vocab; 1 found, 0 not, negative on error. */
static int alias_find(struct pg_store *st, const char *vocab, const char *name, char *out,
                      size_t size, struct err *err)
{
    buf_reset(&st->scratch);
    if (text_name_key(name, &st->scratch))
        return 0;
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, vocab);
    pg_param_text(&p, buf_str(&st->scratch));
    return find_one(st, sql_alias_find, &p, out, size, err, "looking up a name");
}

int postgres_term_find(struct pg_store *st, const char *vocab, const char *name, char *code_out,
                       size_t code_size, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, vocab);
    pg_param_text(&p, name);
    int rc = find_one(st, sql_term_find_code, &p, code_out, code_size, err, "looking up a term");
    if (rc)
        return rc;
    return alias_find(st, vocab, name, code_out, code_size, err);
}

int postgres_country_put(struct pg_store *st, const struct store_country *c, struct err *err)
{
    const char *v[] = {c->iso3,
                       c->iso2,
                       c->m49,
                       c->name[0],
                       c->name[1],
                       c->name[2],
                       c->official[0],
                       c->official[1],
                       c->official[2],
                       c->regional_group,
                       c->status ? c->status : "member"};
    struct pg_params p;
    pg_params_init(&p);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        pg_param_text(&p, v[i]);
    int rc = pg_exec(st, sql_country_put, &p, NULL, err, "storing a country");
    for (int i = 0; i < STORE_LANG_COUNT && !rc; i++) {
        if (c->name[i])
            rc = postgres_alias_put(st, "country", c->name[i], c->iso3, err);
        if (!rc && c->official[i])
            rc = postgres_alias_put(st, "country", c->official[i], c->iso3, err);
    }
    return rc;
}

int postgres_country_find(struct pg_store *st, const char *name, char iso3_out[4], struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, name);
    int rc = find_one(st, sql_country_find_code, &p, iso3_out, 4, err, "looking up a country");
    if (rc)
        return rc;
    return alias_find(st, "country", name, iso3_out, 4, err);
}

int postgres_count(struct pg_store *st, const char *entity, long *out, struct err *err)
{
    static const char *const tables[][2] = {
        {"recommendation", "SELECT count(*) FROM recommendation"},
        {"term", "SELECT count(*) FROM term"},
        {"country", "SELECT count(*) FROM country"},
        {"text", "SELECT count(*) FROM rec_text"},
        {"tag", "SELECT count(*) FROM rec_tag"},
    };
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        if (strcmp(entity, tables[i][0]))
            continue;
        PGresult *res = pg_run(st, tables[i][1], NULL, err, "counting");
        if (!res)
            return err ? err->code : ERR_STORE;
        *out = PQntuples(res) > 0 ? (long)pg_int(res, 0, 0) : 0;
        PQclear(res);
        return 0;
    }
    return err_set(err, ERR_USAGE, "unknown entity \"%s\"", entity);
}

int postgres_term_each(struct pg_store *st, const char *vocab, store_term_cb cb, void *ctx,
                       struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, vocab);
    PGresult *res = pg_run(st, sql_term_each, &p, err, "listing terms");
    if (!res)
        return err ? err->code : ERR_STORE;
    int rc = 0;
    for (int i = 0, n = PQntuples(res); i < n && !rc; i++) {
        struct store_term t = {vocab,
                               pg_text(res, i, 0),
                               pg_text(res, i, 1),
                               {pg_text(res, i, 2), pg_text(res, i, 3), pg_text(res, i, 4)}};
        rc = cb(ctx, &t);
    }
    PQclear(res);
    return rc;
}

int postgres_country_each(struct pg_store *st, store_country_cb cb, void *ctx, struct err *err)
{
    PGresult *res = pg_run(st, sql_country_each, NULL, err, "listing countries");
    if (!res)
        return err ? err->code : ERR_STORE;
    int rc = 0;
    for (int i = 0, n = PQntuples(res); i < n && !rc; i++) {
#define T(c) pg_text(res, i, c)
        struct store_country c = {T(0), T(1), T(2), {T(3), T(4), T(5)}, {T(6), T(7), T(8)},
                                  T(9), T(10)};
#undef T
        rc = cb(ctx, &c);
    }
    PQclear(res);
    return rc;
}
