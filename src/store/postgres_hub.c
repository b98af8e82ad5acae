/*
 * postgres_hub.c — the knowledge hub in the PostgreSQL backend (store_hub.h, pg/006_a_hub.sql):
 * NMIRF profiles, good practices with texts, tags and files, and the library. sqlite_hub.c
 * statement for statement: each write also rewrites the entity's rows of hub_text, whose
 * tsvector columns (pg/006_b_hub_fts.sql) the hub's search reads (postgres_hub_search.c). It
 * shares the follow-up files' helpers (postgres_followup.h), as sqlite_hub.c shares
 * sqlite_followup.h's; listings read their whole result before calling back, so callbacks may
 * use the store.
 */
#include "store/postgres_followup.h"
#include "store/store_hub.h"

#include <stdio.h>
#include <string.h>

static const char *const lang_codes[STORE_LANG_COUNT] = {"en", "fr", "es"};

/* ---- hub_text: what search reads ---------------------------------------------------------- */

static int text_clear(struct pg_store *st, const char *kind, const char *ref, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, kind);
    pg_param_text(&p, ref);
    return pg_fu_write(st, "DELETE FROM hub_text WHERE kind = $1 AND ref = $2", &p, NULL,
                       "clearing the hub's index", NULL, err);
}

static int text_put(struct pg_store *st, const char *kind, const char *ref, const char *lang,
                    const char *title, const char *body, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, kind);
    pg_param_text(&p, ref);
    pg_param_text(&p, lang);
    pg_param_text(&p, title ? title : "");
    pg_param_text(&p, body ? body : "");
    return pg_fu_write(st,
                       "INSERT INTO hub_text(kind, ref, lang, title, body) "
                       "VALUES ($1, $2, $3, $4, $5)",
                       &p, NULL, "indexing for the hub's search", NULL, err);
}

/* ---- profiles ----------------------------------------------------------------------------- */

#define PROFILE_COLS                                                                               \
    "country, name, lang, standing, legal_basis, secretariat, members_executive, "                 \
    "members_legislative, members_judiciary, members_other, nhri, nhri_how, civil_society, "       \
    "civil_society_how, statistics, statistics_how, parliament, parliament_how, tracking_tool, "   \
    "reporting_record, demo, updated_by, created_at, updated_at"

static void param_party(struct pg_params *p, const struct store_hub_participation *party)
{
    pg_param_int_or_null(p, party->takes_part ? 1 : 0, party->takes_part < 0);
    pg_param_text(p, party->how);
}

/* The profile's free texts as one body for the index. */
static void profile_body(const struct store_hub_profile *p, struct buf *out)
{
    const char *parts[] = {p->legal_basis,  p->secretariat,  p->members[0],    p->members[1],
                           p->members[2],   p->members[3],   p->party[0].how,  p->party[1].how,
                           p->party[2].how, p->party[3].how, p->tracking_tool, p->reporting_record};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i] && *parts[i])
            buf_printf(out, "%s%s", out->len ? "\n" : "", parts[i]);
}

static const char profile_put_sql[] =
    "INSERT INTO hub_profile(" PROFILE_COLS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23) "
    "ON CONFLICT (country) DO UPDATE SET name = excluded.name, lang = excluded.lang, "
    "standing = excluded.standing, legal_basis = excluded.legal_basis, "
    "secretariat = excluded.secretariat, members_executive = excluded.members_executive, "
    "members_legislative = excluded.members_legislative, "
    "members_judiciary = excluded.members_judiciary, members_other = excluded.members_other, "
    "nhri = excluded.nhri, nhri_how = excluded.nhri_how, "
    "civil_society = excluded.civil_society, civil_society_how = excluded.civil_society_how, "
    "statistics = excluded.statistics, statistics_how = excluded.statistics_how, "
    "parliament = excluded.parliament, parliament_how = excluded.parliament_how, "
    "tracking_tool = excluded.tracking_tool, reporting_record = excluded.reporting_record, "
    "demo = excluded.demo, updated_by = excluded.updated_by, updated_at = excluded.updated_at";

int postgres_hub_profile_put(struct pg_store *st, const struct store_hub_profile *p, int64_t at,
                             int *created, struct err *err)
{
    *created = 0;
    struct pg_params q;
    pg_params_init(&q);
    pg_param_text(&q, p->country);
    PGresult *r;
    int rc = pg_fu_one(st, "SELECT 1 FROM hub_profile WHERE country = $1", &q, &r,
                       "finding a profile", err);
    PQclear(r);
    if (rc < 0)
        return rc;
    *created = !rc;
    pg_params_init(&q);
    const char *texts[] = {p->country,     p->name,        p->lang,       p->standing,
                           p->legal_basis, p->secretariat, p->members[0], p->members[1],
                           p->members[2],  p->members[3]};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        pg_param_text(&q, texts[i]);
    for (int k = 0; k < STORE_HUB_PARTY_COUNT; k++)
        param_party(&q, &p->party[k]);
    pg_param_text(&q, p->tracking_tool);
    pg_param_text(&q, p->reporting_record);
    pg_param_int(&q, p->demo ? 1 : 0);
    pg_param_text(&q, p->updated_by);
    pg_fu_param_time(&q, at);
    rc = pg_fu_write(st, profile_put_sql, &q, NULL, "storing a profile", NULL, err);
    struct buf body = BUF_INIT;
    profile_body(p, &body);
    if (!rc && body.oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc && !(rc = text_clear(st, "profile", p->country, err)))
        rc = text_put(st, "profile", p->country, p->lang, p->name, buf_str(&body), err);
    buf_free(&body);
    return rc;
}

static struct store_hub_participation party_at(const PGresult *r, int row, int i)
{
    return (struct store_hub_participation){pg_is_null(r, row, i) ? -1 : (int)pg_fu_long(r, row, i),
                                            pg_fu_text(r, row, i + 1)};
}

struct profile_call {
    store_hub_profile_cb cb;
    void *ctx;
};

static int profile_row(const PGresult *r, int row, void *ctx)
{
    const struct profile_call *call = ctx;
    struct store_hub_profile p = {
        .country = pg_fu_text(r, row, 0),
        .name = pg_fu_text(r, row, 1),
        .lang = pg_fu_text(r, row, 2),
        .standing = pg_fu_text(r, row, 3),
        .legal_basis = pg_fu_text(r, row, 4),
        .secretariat = pg_fu_text(r, row, 5),
        .members = {pg_fu_text(r, row, 6), pg_fu_text(r, row, 7), pg_fu_text(r, row, 8),
                    pg_fu_text(r, row, 9)},
        .party = {party_at(r, row, 10), party_at(r, row, 12), party_at(r, row, 14),
                  party_at(r, row, 16)},
        .tracking_tool = pg_fu_text(r, row, 18),
        .reporting_record = pg_fu_text(r, row, 19),
        .demo = (int)pg_fu_long(r, row, 20),
        .updated_by = pg_fu_text(r, row, 21),
        .created_at = pg_fu_time(r, row, 22),
        .updated_at = pg_fu_time(r, row, 23),
    };
    return call->cb(call->ctx, &p);
}

int postgres_hub_profile_get(struct pg_store *st, const char *country, store_hub_profile_cb cb,
                             void *ctx, struct err *err)
{
    struct pg_params q;
    pg_params_init(&q);
    pg_param_text(&q, country);
    PGresult *r;
    int rc = pg_fu_one(st, "SELECT " PROFILE_COLS " FROM hub_profile WHERE country = $1", &q, &r,
                       "reading a profile", err);
    if (rc == 1) {
        struct profile_call call = {cb, ctx};
        rc = profile_row(r, 0, &call);
    } else if (rc == 0) {
        rc = err_set(err, ERR_NOTFOUND, "no NMIRF profile for \"%s\"", country ? country : "");
    }
    PQclear(r);
    return rc;
}

int postgres_hub_profile_each(struct pg_store *st, store_hub_profile_cb cb, void *ctx,
                              struct err *err)
{
    struct profile_call call = {cb, ctx};
    return pg_fu_rows(st, "SELECT " PROFILE_COLS " FROM hub_profile ORDER BY country", NULL,
                      profile_row, &call, "listing profiles", err);
}

/* ---- good practices ----------------------------------------------------------------------- */

static int practice_texts_put(struct pg_store *st, long id, const struct store_hub_practice *p,
                              struct err *err)
{
    char ref[24];
    snprintf(ref, sizeof ref, "%ld", id);
    struct pg_params q;
    pg_params_init(&q);
    pg_param_int(&q, id);
    int rc = pg_fu_write(st, "DELETE FROM hub_practice_text WHERE practice_id = $1", &q, NULL,
                         "replacing a practice's texts", NULL, err);
    if (rc || (rc = text_clear(st, "practice", ref, err)))
        return rc;
    for (int l = 0; l < STORE_LANG_COUNT && !rc; l++) {
        if (!p->title[l] || !p->body[l])
            continue;
        pg_params_init(&q);
        pg_param_int(&q, id);
        pg_param_text(&q, lang_codes[l]);
        pg_param_text(&q, p->title[l]);
        pg_param_text(&q, p->body[l]);
        rc = pg_fu_write(st,
                         "INSERT INTO hub_practice_text(practice_id, lang, title, body) "
                         "VALUES ($1, $2, $3, $4)",
                         &q, NULL, "storing a practice's text", NULL, err);
        if (!rc)
            rc = text_put(st, "practice", ref, lang_codes[l], p->title[l], p->body[l], err);
    }
    return rc;
}

static int practice_tags_put(struct pg_store *st, long id, const struct store_hub_practice *p,
                             struct err *err)
{
    struct pg_params q;
    pg_params_init(&q);
    pg_param_int(&q, id);
    int rc = pg_fu_write(st, "DELETE FROM hub_practice_tag WHERE practice_id = $1", &q, NULL,
                         "replacing a practice's tags", NULL, err);
    for (size_t i = 0; i < p->ntags && !rc; i++) {
        pg_params_init(&q);
        pg_param_int(&q, id);
        pg_param_text(&q, p->tags[i].vocab);
        pg_param_text(&q, p->tags[i].code);
        rc = pg_fu_write(st,
                         "INSERT INTO hub_practice_tag(practice_id, vocab, code) "
                         "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                         &q, NULL, "storing a practice's tag", NULL, err);
    }
    return rc;
}

int postgres_hub_practice_put(struct pg_store *st, const struct store_hub_practice *p, int64_t at,
                              long *id, struct err *err)
{
    struct pg_params q;
    pg_params_init(&q);
    if (p->id)
        pg_param_int(&q, p->id);
    pg_param_text(&q, p->slug);
    pg_param_text(&q, p->country);
    if (!p->id)
        pg_param_text(&q, p->author);
    pg_param_int(&q, p->published ? 1 : 0);
    pg_param_int(&q, p->demo ? 1 : 0);
    pg_fu_param_time(&q, at);
    int rc =
        p->id ? pg_fu_put(st,
                          "UPDATE hub_practice SET slug = coalesce($2, slug), country = $3, "
                          "published = $4, demo = $5, updated_at = $6 WHERE id = $1",
                          &q, p->id, id, "storing a good practice", "good practice", p->slug, err)
              : pg_fu_put(st,
                          "INSERT INTO hub_practice(slug, country, author, published, demo, "
                          "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) "
                          "RETURNING id",
                          &q, 0, id, "storing a good practice", "good practice", p->slug, err);
    if (rc)
        return rc;
    rc = practice_texts_put(st, *id, p, err);
    return rc ? rc : practice_tags_put(st, *id, p, err);
}

int postgres_hub_practice_find(struct pg_store *st, const char *slug, long *id, struct err *err)
{
    struct pg_params q;
    pg_params_init(&q);
    pg_param_text(&q, slug);
    PGresult *r;
    int rc = pg_fu_one(st, "SELECT id FROM hub_practice WHERE slug = $1", &q, &r,
                       "finding a good practice", err);
    if (rc == 1)
        *id = pg_fu_long(r, 0, 0);
    PQclear(r);
    return rc;
}

int postgres_hub_practice_publish(struct pg_store *st, long id, int published, int64_t at,
                                  struct err *err)
{
    struct pg_params q;
    pg_params_init(&q);
    pg_param_int(&q, id);
    pg_param_int(&q, published ? 1 : 0);
    pg_fu_param_time(&q, at);
    return pg_fu_change(st, "UPDATE hub_practice SET published = $2, updated_at = $3 WHERE id = $1",
                        &q, id, "publishing a good practice", "good practice", err);
}

enum { HUB_TAGS_MAX = 64 };

/* Reads the texts and tags of the practice on row `row` of r and calls cb; the strings stay
 * in the results until cb returns. */
static int practice_full(struct pg_store *st, const PGresult *r, int row, store_hub_practice_cb cb,
                         void *ctx, struct err *err)
{
    long id = pg_fu_long(r, row, 0);
    struct store_hub_practice p = {
        .id = id,
        .slug = pg_fu_text(r, row, 1),
        .country = pg_fu_text(r, row, 2),
        .author = pg_fu_text(r, row, 3),
        .published = (int)pg_fu_long(r, row, 4),
        .demo = (int)pg_fu_long(r, row, 5),
        .created_at = pg_fu_time(r, row, 6),
        .updated_at = pg_fu_time(r, row, 7),
        .nfiles = pg_fu_long(r, row, 8),
    };
    struct pg_params q;
    pg_params_init(&q);
    pg_param_int(&q, id);
    PGresult *texts = pg_run(st,
                             "SELECT lang, title, body FROM hub_practice_text "
                             "WHERE practice_id = $1",
                             &q, err, "reading a practice's texts");
    if (!texts)
        return err ? err->code : ERR_STORE;
    PGresult *tags = pg_run(st,
                            "SELECT vocab, code FROM hub_practice_tag WHERE practice_id = $1 "
                            "ORDER BY vocab, code LIMIT 64",
                            &q, err, "reading a practice's tags");
    if (!tags) {
        PQclear(texts);
        return err ? err->code : ERR_STORE;
    }
    for (int i = 0; i < PQntuples(texts); i++) {
        const char *lang = pg_fu_text(texts, i, 0);
        for (int l = 0; l < STORE_LANG_COUNT; l++)
            if (lang && !strcmp(lang, lang_codes[l])) {
                p.title[l] = pg_fu_text(texts, i, 1);
                p.body[l] = pg_fu_text(texts, i, 2);
            }
    }
    struct store_hub_tag tag[HUB_TAGS_MAX];
    for (int i = 0; i < PQntuples(tags) && p.ntags < HUB_TAGS_MAX; i++)
        tag[p.ntags++] = (struct store_hub_tag){pg_fu_text(tags, i, 0), pg_fu_text(tags, i, 1)};
    p.tags = tag;
    int rc = cb(ctx, &p);
    PQclear(texts);
    PQclear(tags);
    return rc;
}

#define PRACTICE_COLS                                                                              \
    "p.id, p.slug, p.country, p.author, p.published, p.demo, p.created_at, p.updated_at, "         \
    "(SELECT count(*) FROM hub_file f WHERE f.practice_id = p.id)"

int postgres_hub_practice_get(struct pg_store *st, long id, store_hub_practice_cb cb, void *ctx,
                              struct err *err)
{
    int began = 0;
    int rc = pg_read_begin(st, &began, err);
    if (rc)
        return rc;
    struct pg_params q;
    pg_params_init(&q);
    pg_param_int(&q, id);
    PGresult *r;
    rc = pg_fu_one(st, "SELECT " PRACTICE_COLS " FROM hub_practice p WHERE p.id = $1", &q, &r,
                   "reading a good practice", err);
    if (rc == 1)
        rc = practice_full(st, r, 0, cb, ctx, err);
    else if (rc == 0)
        rc = err_set(err, ERR_NOTFOUND, "no good practice with id %ld", id);
    PQclear(r);
    pg_read_end(st, began);
    return rc;
}

/* The WHERE clause of listings: $1 drafts, $2 author, $3 country, $4 vocab, $5 code. */
#define PRACTICE_WHERE                                                                             \
    " WHERE (p.published = 1 OR $1::bigint = 1 OR p.author = $2::text)"                            \
    " AND ($3::text IS NULL OR p.country = $3::text)"                                              \
    " AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM hub_practice_tag t"                           \
    " WHERE t.practice_id = p.id AND t.vocab = $4::text AND t.code = $5::text))"

static void param_filter(struct pg_params *q, const struct store_hub_filter *f)
{
    pg_params_init(q);
    pg_param_int(q, f->drafts ? 1 : 0);
    pg_param_text(q, f->author);
    pg_param_text(q, f->country);
    pg_param_text(q, f->vocab);
    pg_param_text(q, f->code);
}

int postgres_hub_practice_each(struct pg_store *st, const struct store_hub_filter *f,
                               store_hub_practice_cb cb, void *ctx, long *total, struct err *err)
{
    static const struct store_hub_filter published_only;
    if (!f)
        f = &published_only;
    PGresult *r = NULL;
    struct pg_params q;
    int began = 0;
    int rc = pg_read_begin(st, &began, err);
    if (rc)
        return rc;
    if (total) {
        param_filter(&q, f);
        rc = pg_fu_one(st, "SELECT count(*) FROM hub_practice p" PRACTICE_WHERE, &q, &r,
                       "counting good practices", err);
        *total = rc == 1 ? pg_fu_long(r, 0, 0) : 0;
        PQclear(r);
        r = NULL;
        if (rc < 0)
            goto out;
    }
    param_filter(&q, f);
    pg_param_int_or_null(&q, f->limit, f->limit <= 0); /* LIMIT NULL: no limit */
    pg_param_int(&q, f->offset > 0 ? f->offset : 0);
    r = pg_run(st,
               "SELECT " PRACTICE_COLS " FROM hub_practice p" PRACTICE_WHERE
               " ORDER BY p.updated_at DESC, p.id DESC LIMIT $6 OFFSET $7",
               &q, err, "listing good practices");
    rc = r ? 0 : err ? err->code : ERR_STORE;
    for (int i = 0; r && i < PQntuples(r) && !rc; i++)
        rc = practice_full(st, r, i, cb, ctx, err);
out:
    PQclear(r);
    pg_read_end(st, began);
    return rc;
}

/* ---- files -------------------------------------------------------------------------------- */

int postgres_hub_file_put(struct pg_store *st, const struct store_hub_file *f, long *id,
                          struct err *err)
{
    struct pg_params q;
    pg_params_init(&q);
    pg_param_int(&q, f->practice_id);
    pg_param_text(&q, f->file_name);
    pg_param_text(&q, f->content_type);
    pg_param_int(&q, (long long)f->size);
    pg_param_text(&q, f->sha256);
    pg_param_text(&q, f->uploaded_by);
    pg_fu_param_time(&q, f->uploaded_at);
    return pg_fu_put(st,
                     "INSERT INTO hub_file(practice_id, file_name, content_type, size, sha256, "
                     "uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                     &q, 0, id, "attaching a file to a good practice", "hub file", NULL, err);
}

#define FILE_COLS "id, practice_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at"

struct file_call {
    store_hub_file_cb cb;
    void *ctx;
};

static int file_row(const PGresult *r, int row, void *ctx)
{
    const struct file_call *call = ctx;
    struct store_hub_file f = {
        .id = pg_fu_long(r, row, 0),
        .practice_id = pg_fu_long(r, row, 1),
        .file_name = pg_fu_text(r, row, 2),
        .content_type = pg_fu_text(r, row, 3),
        .size = (size_t)pg_int(r, row, 4),
        .sha256 = pg_fu_text(r, row, 5),
        .uploaded_by = pg_fu_text(r, row, 6),
        .uploaded_at = pg_fu_time(r, row, 7),
    };
    return call->cb(call->ctx, &f);
}

int postgres_hub_file_get(struct pg_store *st, long id, store_hub_file_cb cb, void *ctx,
                          struct err *err)
{
    struct file_call call = {cb, ctx};
    return pg_fu_row_by_id(st, "SELECT " FILE_COLS " FROM hub_file WHERE id = $1", id, file_row,
                           &call, "hub file", err);
}

int postgres_hub_file_each(struct pg_store *st, long practice_id, store_hub_file_cb cb, void *ctx,
                           struct err *err)
{
    struct file_call call = {cb, ctx};
    return pg_fu_rows_by_id(st,
                            "SELECT " FILE_COLS " FROM hub_file WHERE practice_id = $1 ORDER BY id",
                            practice_id, file_row, &call, "listing files", err);
}

/* ---- library ------------------------------------------------------------------------------ */

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* 1 when the stored document with symbol equals d (*id set), 0 when it differs or is absent
 * (*id set when present), negative on error. */
static int doc_unchanged(struct pg_store *st, const struct store_hub_doc *d, long *id,
                         struct err *err)
{
    struct pg_params q;
    pg_params_init(&q);
    pg_param_text(&q, d->symbol);
    PGresult *r;
    int rc =
        pg_fu_one(st, "SELECT id, title, date, lang, text, source FROM hub_doc WHERE symbol = $1",
                  &q, &r, "finding a document", err);
    if (rc == 1) {
        *id = pg_fu_long(r, 0, 0);
        rc = same(pg_fu_text(r, 0, 1), d->title) && same(pg_fu_text(r, 0, 2), d->date) &&
             same(pg_fu_text(r, 0, 3), d->lang) && same(pg_fu_text(r, 0, 4), d->text) &&
             same(pg_fu_text(r, 0, 5), d->source);
    }
    PQclear(r);
    return rc;
}

int postgres_hub_doc_put(struct pg_store *st, const struct store_hub_doc *d, int64_t at, long *id,
                         enum store_put_outcome *outcome, struct err *err)
{
    *id = 0;
    int rc = doc_unchanged(st, d, id, err);
    if (rc < 0)
        return rc;
    enum store_put_outcome what = rc    ? STORE_PUT_UNCHANGED
                                  : *id ? STORE_PUT_UPDATED
                                        : STORE_PUT_INSERTED;
    if (outcome)
        *outcome = what;
    if (what == STORE_PUT_UNCHANGED)
        return 0;
    struct pg_params q;
    pg_params_init(&q);
    const char *v[] = {d->symbol, d->title, d->date, d->lang, d->text, d->source};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        pg_param_text(&q, v[i]);
    pg_fu_param_time(&q, at);
    /* RETURNING gives the id on insert and update alike (SQLite looks it up again). */
    rc = pg_fu_put(st,
                   "INSERT INTO hub_doc(symbol, title, date, lang, text, source, created_at, "
                   "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) "
                   "ON CONFLICT (symbol) DO UPDATE SET title = excluded.title, "
                   "date = excluded.date, lang = excluded.lang, text = excluded.text, "
                   "source = excluded.source, updated_at = excluded.updated_at RETURNING id",
                   &q, 0, id, "storing a document", "document", NULL, err);
    char ref[24];
    snprintf(ref, sizeof ref, "%ld", *id);
    if (!rc && !(rc = text_clear(st, "doc", ref, err)))
        rc = text_put(st, "doc", ref, d->lang, d->title, d->text, err);
    return rc;
}

struct doc_call {
    store_hub_doc_cb cb;
    void *ctx;
};

static int doc_row(const PGresult *r, int row, void *ctx)
{
    const struct doc_call *call = ctx;
    struct store_hub_doc d = {
        .id = pg_fu_long(r, row, 0),
        .symbol = pg_fu_text(r, row, 1),
        .title = pg_fu_text(r, row, 2),
        .date = pg_fu_text(r, row, 3),
        .lang = pg_fu_text(r, row, 4),
        .text = pg_fu_text(r, row, 5),
        .source = pg_fu_text(r, row, 6),
        .updated_at = pg_fu_time(r, row, 7),
    };
    return call->cb(call->ctx, &d);
}

int postgres_hub_doc_get(struct pg_store *st, long id, const char *symbol, store_hub_doc_cb cb,
                         void *ctx, struct err *err)
{
    struct pg_params q;
    pg_params_init(&q);
    pg_param_int(&q, id > 0 ? id : 0);
    pg_param_text(&q, symbol);
    PGresult *r;
    int rc = pg_fu_one(st,
                       "SELECT id, symbol, title, date, lang, text, source, updated_at "
                       "FROM hub_doc WHERE id = $1 OR ($1 = 0 AND symbol = $2)",
                       &q, &r, "reading a document", err);
    if (rc == 1) {
        struct doc_call call = {cb, ctx};
        rc = doc_row(r, 0, &call);
    } else if (rc == 0) {
        rc = id > 0 ? err_set(err, ERR_NOTFOUND, "no document with id %ld", id)
                    : err_set(err, ERR_NOTFOUND, "no document \"%s\"", symbol ? symbol : "");
    }
    PQclear(r);
    return rc;
}

int postgres_hub_doc_each(struct pg_store *st, store_hub_doc_cb cb, void *ctx, struct err *err)
{
    struct doc_call call = {cb, ctx};
    /* SQLite puts documents without a date last when it sorts by date descending. */
    return pg_fu_rows(st,
                      "SELECT id, symbol, title, date, lang, NULL, source, updated_at "
                      "FROM hub_doc ORDER BY date DESC NULLS LAST, symbol",
                      NULL, doc_row, &call, "listing documents", err);
}

int postgres_hub_count(struct pg_store *st, const char *entity, long *out, struct err *err)
{
    static const char *const tables[][2] = {
        {"profile", "SELECT count(*) FROM hub_profile"},
        {"practice", "SELECT count(*) FROM hub_practice"},
        {"file", "SELECT count(*) FROM hub_file"},
        {"doc", "SELECT count(*) FROM hub_doc"},
        {"text", "SELECT count(*) FROM hub_text"},
    };
    return pg_fu_count(st, tables, sizeof tables / sizeof tables[0], "hub", entity, out, err);
}
