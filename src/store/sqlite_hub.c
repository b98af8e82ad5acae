/*
 * sqlite_hub.c — the knowledge hub in the SQLite backend (store_hub.h, migration 006): NMIRF
 * profiles, good practices with texts, tags and files, and the library. Each write also
 * rewrites the entity's rows of hub_text, which triggers copy into the hub's full-text indexes
 * (search is in sqlite_hub_search.c). Statements are prepared per call, as in the follow-up
 * files, whose helpers (sqlite_followup.h) this file shares: hub writes are rare.
 */
#include "store/sqlite_followup.h"
#include "store/store_hub.h"

#include <stdio.h>
#include <string.h>

static const char *const lang_codes[STORE_LANG_COUNT] = {"en", "fr", "es"};

/* ---- hub_text: what search reads ---------------------------------------------------------- */

static int text_clear(struct sqlite_store *st, const char *kind, const char *ref, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, "DELETE FROM hub_text WHERE kind = ?1 AND ref = ?2", &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, kind);
    sqlite_bind_text(s, 2, ref);
    rc = sqlite_fu_write(st, s, "clearing the hub's index", NULL, err);
    sqlite3_finalize(s);
    return rc;
}

static int text_put(struct sqlite_store *st, const char *kind, const char *ref, const char *lang,
                    const char *title, const char *body, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(
        st, "INSERT INTO hub_text(kind, ref, lang, title, body) VALUES (?1, ?2, ?3, ?4, ?5)", &s,
        err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, kind);
    sqlite_bind_text(s, 2, ref);
    sqlite_bind_text(s, 3, lang);
    sqlite_bind_text(s, 4, title ? title : "");
    sqlite_bind_text(s, 5, body ? body : "");
    rc = sqlite_fu_write(st, s, "indexing for the hub's search", NULL, err);
    sqlite3_finalize(s);
    return rc;
}

/* ---- profiles ----------------------------------------------------------------------------- */

#define PROFILE_COLS                                                                               \
    "country, name, lang, standing, legal_basis, secretariat, members_executive, "                 \
    "members_legislative, members_judiciary, members_other, nhri, nhri_how, civil_society, "       \
    "civil_society_how, statistics, statistics_how, parliament, parliament_how, tracking_tool, "   \
    "reporting_record, demo, updated_by, created_at, updated_at"

static void bind_party(sqlite3_stmt *s, int i, const struct store_hub_participation *p)
{
    if (p->takes_part < 0)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_int(s, i, p->takes_part ? 1 : 0);
    sqlite_bind_text(s, i + 1, p->how);
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

int sqlite_hub_profile_put(struct sqlite_store *st, const struct store_hub_profile *p, int64_t at,
                           int *created, struct err *err)
{
    sqlite3_stmt *s;
    *created = 0;
    int rc = sqlite_fu_prepare(st, "SELECT 1 FROM hub_profile WHERE country = ?1", &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, p->country);
    rc = sqlite_fu_one(st, s, "finding a profile", err);
    sqlite3_finalize(s);
    if (rc < 0)
        return rc;
    *created = !rc;
    rc = sqlite_fu_prepare(
        st,
        "INSERT INTO hub_profile(" PROFILE_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?23) "
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
        "demo = excluded.demo, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        &s, err);
    if (rc)
        return rc;
    const char *texts[] = {p->country,     p->name,        p->lang,       p->standing,
                           p->legal_basis, p->secretariat, p->members[0], p->members[1],
                           p->members[2],  p->members[3]};
    for (int i = 0; i < (int)(sizeof texts / sizeof texts[0]); i++)
        sqlite_bind_text(s, i + 1, texts[i]);
    for (int k = 0; k < STORE_HUB_PARTY_COUNT; k++)
        bind_party(s, 11 + 2 * k, &p->party[k]);
    sqlite_bind_text(s, 19, p->tracking_tool);
    sqlite_bind_text(s, 20, p->reporting_record);
    sqlite3_bind_int(s, 21, p->demo ? 1 : 0);
    sqlite_bind_text(s, 22, p->updated_by);
    sqlite_fu_bind_time(s, 23, at);
    rc = sqlite_fu_write(st, s, "storing a profile", NULL, err);
    sqlite3_finalize(s);
    struct buf body = BUF_INIT;
    profile_body(p, &body);
    if (!rc && body.oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    if (!rc && !(rc = text_clear(st, "profile", p->country, err)))
        rc = text_put(st, "profile", p->country, p->lang, p->name, buf_str(&body), err);
    buf_free(&body);
    return rc;
}

static struct store_hub_participation party_at(sqlite3_stmt *s, int i)
{
    return (struct store_hub_participation){
        sqlite3_column_type(s, i) == SQLITE_NULL ? -1 : sqlite3_column_int(s, i),
        sqlite_fu_text(s, i + 1)};
}

struct profile_call {
    store_hub_profile_cb cb;
    void *ctx;
};

static int profile_row(sqlite3_stmt *s, void *ctx)
{
    const struct profile_call *call = ctx;
    struct store_hub_profile p = {
        .country = sqlite_fu_text(s, 0),
        .name = sqlite_fu_text(s, 1),
        .lang = sqlite_fu_text(s, 2),
        .standing = sqlite_fu_text(s, 3),
        .legal_basis = sqlite_fu_text(s, 4),
        .secretariat = sqlite_fu_text(s, 5),
        .members = {sqlite_fu_text(s, 6), sqlite_fu_text(s, 7), sqlite_fu_text(s, 8),
                    sqlite_fu_text(s, 9)},
        .party = {party_at(s, 10), party_at(s, 12), party_at(s, 14), party_at(s, 16)},
        .tracking_tool = sqlite_fu_text(s, 18),
        .reporting_record = sqlite_fu_text(s, 19),
        .demo = sqlite3_column_int(s, 20),
        .updated_by = sqlite_fu_text(s, 21),
        .created_at = sqlite_fu_time(s, 22),
        .updated_at = sqlite_fu_time(s, 23),
    };
    return call->cb(call->ctx, &p);
}

int sqlite_hub_profile_get(struct sqlite_store *st, const char *country, store_hub_profile_cb cb,
                           void *ctx, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, "SELECT " PROFILE_COLS " FROM hub_profile WHERE country = ?1",
                               &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, country);
    rc = sqlite_fu_one(st, s, "reading a profile", err);
    if (rc == 1) {
        struct profile_call call = {cb, ctx};
        rc = profile_row(s, &call);
    } else if (rc == 0) {
        rc = err_set(err, ERR_NOTFOUND, "no NMIRF profile for \"%s\"", country ? country : "");
    }
    sqlite3_finalize(s);
    return rc;
}

int sqlite_hub_profile_each(struct sqlite_store *st, store_hub_profile_cb cb, void *ctx,
                            struct err *err)
{
    sqlite3_stmt *s;
    int rc =
        sqlite_fu_prepare(st, "SELECT " PROFILE_COLS " FROM hub_profile ORDER BY country", &s, err);
    if (rc)
        return rc;
    struct profile_call call = {cb, ctx};
    rc = sqlite_fu_rows(st, s, profile_row, &call, "listing profiles", err);
    sqlite3_finalize(s);
    return rc;
}

/* ---- good practices ----------------------------------------------------------------------- */

static int practice_texts_put(struct sqlite_store *st, long id, const struct store_hub_practice *p,
                              struct err *err)
{
    char ref[24];
    snprintf(ref, sizeof ref, "%ld", id);
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, "DELETE FROM hub_practice_text WHERE practice_id = ?1", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite_fu_write(st, s, "replacing a practice's texts", NULL, err);
    sqlite3_finalize(s);
    if (rc || (rc = text_clear(st, "practice", ref, err)))
        return rc;
    for (int l = 0; l < STORE_LANG_COUNT && !rc; l++) {
        if (!p->title[l] || !p->body[l])
            continue;
        if ((rc = sqlite_fu_prepare(st,
                                    "INSERT INTO hub_practice_text(practice_id, lang, title, "
                                    "body) VALUES (?1, ?2, ?3, ?4)",
                                    &s, err)))
            return rc;
        sqlite3_bind_int64(s, 1, id);
        sqlite_bind_text(s, 2, lang_codes[l]);
        sqlite_bind_text(s, 3, p->title[l]);
        sqlite_bind_text(s, 4, p->body[l]);
        rc = sqlite_fu_write(st, s, "storing a practice's text", NULL, err);
        sqlite3_finalize(s);
        if (!rc)
            rc = text_put(st, "practice", ref, lang_codes[l], p->title[l], p->body[l], err);
    }
    return rc;
}

static int practice_tags_put(struct sqlite_store *st, long id, const struct store_hub_practice *p,
                             struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, "DELETE FROM hub_practice_tag WHERE practice_id = ?1", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite_fu_write(st, s, "replacing a practice's tags", NULL, err);
    sqlite3_finalize(s);
    for (size_t i = 0; i < p->ntags && !rc; i++) {
        if ((rc = sqlite_fu_prepare(st,
                                    "INSERT OR IGNORE INTO hub_practice_tag(practice_id, vocab, "
                                    "code) VALUES (?1, ?2, ?3)",
                                    &s, err)))
            return rc;
        sqlite3_bind_int64(s, 1, id);
        sqlite_bind_text(s, 2, p->tags[i].vocab);
        sqlite_bind_text(s, 3, p->tags[i].code);
        rc = sqlite_fu_write(st, s, "storing a practice's tag", NULL, err);
        sqlite3_finalize(s);
    }
    return rc;
}

int sqlite_hub_practice_put(struct sqlite_store *st, const struct store_hub_practice *p, int64_t at,
                            long *id, struct err *err)
{
    sqlite3_stmt *s;
    int rc;
    if (!p->id)
        rc = sqlite_fu_prepare(st,
                               "INSERT INTO hub_practice(slug, country, author, published, demo, "
                               "created_at, updated_at) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                               &s, err);
    else
        rc = sqlite_fu_prepare(st,
                               "UPDATE hub_practice SET slug = coalesce(?2, slug), country = ?3, "
                               "published = ?5, demo = ?6, updated_at = ?7 WHERE id = ?1",
                               &s, err);
    if (rc)
        return rc;
    if (p->id)
        sqlite3_bind_int64(s, 1, p->id);
    sqlite_bind_text(s, 2, p->slug);
    sqlite_bind_text(s, 3, p->country);
    if (!p->id)
        sqlite_bind_text(s, 4, p->author);
    sqlite3_bind_int(s, 5, p->published ? 1 : 0);
    sqlite3_bind_int(s, 6, p->demo ? 1 : 0);
    sqlite_fu_bind_time(s, 7, at);
    if ((rc = sqlite_fu_put(st, s, p->id, id, "storing a good practice", "good practice", p->slug,
                            err)))
        return rc;
    rc = practice_texts_put(st, *id, p, err);
    return rc ? rc : practice_tags_put(st, *id, p, err);
}

int sqlite_hub_practice_find(struct sqlite_store *st, const char *slug, long *id, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st, "SELECT id FROM hub_practice WHERE slug = ?1", &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, slug);
    rc = sqlite_fu_one(st, s, "finding a good practice", err);
    if (rc == 1)
        *id = sqlite_fu_long(s, 0);
    sqlite3_finalize(s);
    return rc;
}

int sqlite_hub_practice_publish(struct sqlite_store *st, long id, int published, int64_t at,
                                struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(
        st, "UPDATE hub_practice SET published = ?2, updated_at = ?3 WHERE id = ?1", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, published ? 1 : 0);
    sqlite_fu_bind_time(s, 3, at);
    return sqlite_fu_change(st, s, id, "publishing a good practice", "good practice", err);
}

enum { HUB_TAGS_MAX = 64 };

/* Reads the texts and tags of the practice on s's current row and calls cb. */
static int practice_full(struct sqlite_store *st, sqlite3_stmt *row, store_hub_practice_cb cb,
                         void *ctx, struct err *err)
{
    long id = sqlite_fu_long(row, 0);
    struct store_hub_practice p = {
        .id = id,
        .slug = sqlite_fu_text(row, 1),
        .country = sqlite_fu_text(row, 2),
        .author = sqlite_fu_text(row, 3),
        .published = sqlite3_column_int(row, 4),
        .demo = sqlite3_column_int(row, 5),
        .created_at = sqlite_fu_time(row, 6),
        .updated_at = sqlite_fu_time(row, 7),
        .nfiles = sqlite_fu_long(row, 8),
    };
    sqlite3_stmt *texts = NULL, *tags = NULL;
    struct store_hub_tag tag[HUB_TAGS_MAX];
    struct buf strings = BUF_INIT;
    int rc = sqlite_fu_prepare(
        st, "SELECT lang, title, body FROM hub_practice_text WHERE practice_id = ?1", &texts, err);
    if (!rc)
        rc = sqlite_fu_prepare(st,
                               "SELECT vocab, code FROM hub_practice_tag WHERE practice_id = ?1 "
                               "ORDER BY vocab, code",
                               &tags, err);
    if (rc)
        goto out;
    sqlite3_bind_int64(texts, 1, id);
    sqlite3_bind_int64(tags, 1, id);
    int step = SQLITE_DONE;
    /* A column's text lasts until the next step: texts are copied into strings, "title\0body\0"
     * each, and tags after them "vocab\0code\0"; pointers are set once all are in. */
    size_t text_at[STORE_LANG_COUNT] = {0};
    int has[STORE_LANG_COUNT] = {0};
    while ((step = sqlite3_step(texts)) == SQLITE_ROW) {
        const char *lang = sqlite_fu_text(texts, 0);
        for (int l = 0; l < STORE_LANG_COUNT; l++)
            if (lang && !strcmp(lang, lang_codes[l])) {
                has[l] = 1;
                text_at[l] = strings.len;
                buf_puts(&strings, sqlite_fu_text(texts, 1));
                buf_putc(&strings, '\0');
                buf_puts(&strings, sqlite_fu_text(texts, 2));
                buf_putc(&strings, '\0');
            }
    }
    if (step != SQLITE_DONE) {
        rc = sqlite_fail(st, err, "reading a practice's texts");
        goto out;
    }
    size_t at[HUB_TAGS_MAX];
    while (p.ntags < HUB_TAGS_MAX && (step = sqlite3_step(tags)) == SQLITE_ROW) {
        at[p.ntags++] = strings.len;
        buf_puts(&strings, sqlite_fu_text(tags, 0));
        buf_putc(&strings, '\0');
        buf_puts(&strings, sqlite_fu_text(tags, 1));
        buf_putc(&strings, '\0');
    }
    if (p.ntags < HUB_TAGS_MAX && step != SQLITE_DONE) {
        rc = sqlite_fail(st, err, "reading a practice's tags");
        goto out;
    }
    if (strings.oom) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
        goto out;
    }
    for (int l = 0; l < STORE_LANG_COUNT; l++)
        if (has[l]) {
            p.title[l] = strings.data + text_at[l];
            p.body[l] = p.title[l] + strlen(p.title[l]) + 1;
        }
    for (size_t i = 0; i < p.ntags; i++) {
        const char *vocab = strings.data + at[i];
        tag[i] = (struct store_hub_tag){vocab, vocab + strlen(vocab) + 1};
    }
    p.tags = tag;
    rc = cb(ctx, &p);
out:
    sqlite3_finalize(texts);
    sqlite3_finalize(tags);
    buf_free(&strings);
    return rc;
}

#define PRACTICE_COLS                                                                              \
    "p.id, p.slug, p.country, p.author, p.published, p.demo, p.created_at, p.updated_at, "         \
    "(SELECT count(*) FROM hub_file f WHERE f.practice_id = p.id)"

int sqlite_hub_practice_get(struct sqlite_store *st, long id, store_hub_practice_cb cb, void *ctx,
                            struct err *err)
{
    sqlite3_stmt *s;
    int began = 0;
    int rc = sqlite_read_begin(st, &began, err);
    if (rc || (rc = sqlite_fu_prepare(
                   st, "SELECT " PRACTICE_COLS " FROM hub_practice p WHERE p.id = ?1", &s, err))) {
        sqlite_read_end(st, began);
        return rc;
    }
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite_fu_one(st, s, "reading a good practice", err);
    if (rc == 1)
        rc = practice_full(st, s, cb, ctx, err);
    else if (rc == 0)
        rc = err_set(err, ERR_NOTFOUND, "no good practice with id %ld", id);
    sqlite3_finalize(s);
    sqlite_read_end(st, began);
    return rc;
}

/* The WHERE clause of listings: ?1 drafts, ?2 author, ?3 country, ?4 vocab, ?5 code. */
#define PRACTICE_WHERE                                                                             \
    " WHERE (p.published = 1 OR ?1 = 1 OR p.author = ?2) AND (?3 IS NULL OR p.country = ?3)"       \
    " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM hub_practice_tag t WHERE t.practice_id = p.id"      \
    " AND t.vocab = ?4 AND t.code = ?5))"

static void bind_filter(sqlite3_stmt *s, const struct store_hub_filter *f)
{
    sqlite3_bind_int(s, 1, f->drafts ? 1 : 0);
    sqlite_bind_text(s, 2, f->author);
    sqlite_bind_text(s, 3, f->country);
    sqlite_bind_text(s, 4, f->vocab);
    sqlite_bind_text(s, 5, f->code);
}

int sqlite_hub_practice_each(struct sqlite_store *st, const struct store_hub_filter *f,
                             store_hub_practice_cb cb, void *ctx, long *total, struct err *err)
{
    static const struct store_hub_filter published_only;
    if (!f)
        f = &published_only;
    sqlite3_stmt *s = NULL, *count = NULL;
    int began = 0;
    int rc = sqlite_read_begin(st, &began, err);
    if (!rc)
        rc = sqlite_fu_prepare(st,
                               "SELECT " PRACTICE_COLS " FROM hub_practice p" PRACTICE_WHERE
                               " ORDER BY p.updated_at DESC, p.id DESC LIMIT ?6 OFFSET ?7",
                               &s, err);
    if (!rc && total)
        rc = sqlite_fu_prepare(st, "SELECT count(*) FROM hub_practice p" PRACTICE_WHERE, &count,
                               err);
    if (rc)
        goto out;
    if (total) {
        bind_filter(count, f);
        if ((rc = sqlite_fu_one(st, count, "counting good practices", err)) < 0)
            goto out;
        *total = rc ? sqlite_fu_long(count, 0) : 0;
    }
    bind_filter(s, f);
    sqlite3_bind_int(s, 6, f->limit > 0 ? f->limit : -1);
    sqlite3_bind_int(s, 7, f->offset > 0 ? f->offset : 0);
    int step = SQLITE_DONE;
    rc = 0;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW)
        rc = practice_full(st, s, cb, ctx, err);
    if (!rc && step != SQLITE_DONE)
        rc = sqlite_fail(st, err, "listing good practices");
out:
    sqlite3_finalize(s);
    sqlite3_finalize(count);
    sqlite_read_end(st, began);
    return rc;
}

/* ---- files -------------------------------------------------------------------------------- */

int sqlite_hub_file_put(struct sqlite_store *st, const struct store_hub_file *f, long *id,
                        struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               "INSERT INTO hub_file(practice_id, file_name, content_type, size, "
                               "sha256, uploaded_by, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                               "?7)",
                               &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, f->practice_id);
    sqlite_bind_text(s, 2, f->file_name);
    sqlite_bind_text(s, 3, f->content_type);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)f->size);
    sqlite_bind_text(s, 5, f->sha256);
    sqlite_bind_text(s, 6, f->uploaded_by);
    sqlite_fu_bind_time(s, 7, f->uploaded_at);
    return sqlite_fu_put(st, s, 0, id, "attaching a file to a good practice", "hub file", NULL,
                         err);
}

#define FILE_COLS "id, practice_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at"

struct file_call {
    store_hub_file_cb cb;
    void *ctx;
};

static int file_row(sqlite3_stmt *s, void *ctx)
{
    const struct file_call *call = ctx;
    struct store_hub_file f = {
        .id = sqlite_fu_long(s, 0),
        .practice_id = sqlite_fu_long(s, 1),
        .file_name = sqlite_fu_text(s, 2),
        .content_type = sqlite_fu_text(s, 3),
        .size = (size_t)sqlite3_column_int64(s, 4),
        .sha256 = sqlite_fu_text(s, 5),
        .uploaded_by = sqlite_fu_text(s, 6),
        .uploaded_at = sqlite_fu_time(s, 7),
    };
    return call->cb(call->ctx, &f);
}

int sqlite_hub_file_get(struct sqlite_store *st, long id, store_hub_file_cb cb, void *ctx,
                        struct err *err)
{
    struct file_call call = {cb, ctx};
    return sqlite_fu_row_by_id(st, "SELECT " FILE_COLS " FROM hub_file WHERE id = ?1", id, file_row,
                               &call, "hub file", err);
}

int sqlite_hub_file_each(struct sqlite_store *st, long practice_id, store_hub_file_cb cb, void *ctx,
                         struct err *err)
{
    struct file_call call = {cb, ctx};
    return sqlite_fu_rows_by_id(
        st, "SELECT " FILE_COLS " FROM hub_file WHERE practice_id = ?1 ORDER BY id", practice_id,
        file_row, &call, "listing files", err);
}

/* ---- library ------------------------------------------------------------------------------ */

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* 1 when the stored document with symbol equals d (*id set), 0 when it differs or is absent
 * (*id set when present), negative on error. */
static int doc_unchanged(struct sqlite_store *st, const struct store_hub_doc *d, long *id,
                         struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(
        st, "SELECT id, title, date, lang, text, source FROM hub_doc WHERE symbol = ?1", &s, err);
    if (rc)
        return rc;
    sqlite_bind_text(s, 1, d->symbol);
    rc = sqlite_fu_one(st, s, "finding a document", err);
    if (rc == 1) {
        *id = sqlite_fu_long(s, 0);
        rc = same(sqlite_fu_text(s, 1), d->title) && same(sqlite_fu_text(s, 2), d->date) &&
             same(sqlite_fu_text(s, 3), d->lang) && same(sqlite_fu_text(s, 4), d->text) &&
             same(sqlite_fu_text(s, 5), d->source);
    }
    sqlite3_finalize(s);
    return rc;
}

int sqlite_hub_doc_put(struct sqlite_store *st, const struct store_hub_doc *d, int64_t at, long *id,
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
    sqlite3_stmt *s;
    if ((rc = sqlite_fu_prepare(st,
                                "INSERT INTO hub_doc(symbol, title, date, lang, text, source, "
                                "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) "
                                "ON CONFLICT (symbol) DO UPDATE SET title = excluded.title, "
                                "date = excluded.date, lang = excluded.lang, "
                                "text = excluded.text, source = excluded.source, "
                                "updated_at = excluded.updated_at",
                                &s, err)))
        return rc;
    const char *v[] = {d->symbol, d->title, d->date, d->lang, d->text, d->source};
    for (int i = 0; i < 6; i++)
        sqlite_bind_text(s, i + 1, v[i]);
    sqlite_fu_bind_time(s, 7, at);
    rc = sqlite_fu_write(st, s, "storing a document", NULL, err);
    sqlite3_finalize(s);
    if (!rc && !*id && (rc = doc_unchanged(st, d, id, err)) >= 0)
        rc = 0;
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

static int doc_row(sqlite3_stmt *s, void *ctx)
{
    const struct doc_call *call = ctx;
    struct store_hub_doc d = {
        .id = sqlite_fu_long(s, 0),
        .symbol = sqlite_fu_text(s, 1),
        .title = sqlite_fu_text(s, 2),
        .date = sqlite_fu_text(s, 3),
        .lang = sqlite_fu_text(s, 4),
        .text = sqlite_fu_text(s, 5),
        .source = sqlite_fu_text(s, 6),
        .updated_at = sqlite_fu_time(s, 7),
    };
    return call->cb(call->ctx, &d);
}

int sqlite_hub_doc_get(struct sqlite_store *st, long id, const char *symbol, store_hub_doc_cb cb,
                       void *ctx, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               "SELECT id, symbol, title, date, lang, text, source, updated_at "
                               "FROM hub_doc WHERE id = ?1 OR (?1 = 0 AND symbol = ?2)",
                               &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id > 0 ? id : 0);
    sqlite_bind_text(s, 2, symbol);
    rc = sqlite_fu_one(st, s, "reading a document", err);
    if (rc == 1) {
        struct doc_call call = {cb, ctx};
        rc = doc_row(s, &call);
    } else if (rc == 0) {
        rc = id > 0 ? err_set(err, ERR_NOTFOUND, "no document with id %ld", id)
                    : err_set(err, ERR_NOTFOUND, "no document \"%s\"", symbol ? symbol : "");
    }
    sqlite3_finalize(s);
    return rc;
}

int sqlite_hub_doc_each(struct sqlite_store *st, store_hub_doc_cb cb, void *ctx, struct err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite_fu_prepare(st,
                               "SELECT id, symbol, title, date, lang, NULL, source, updated_at "
                               "FROM hub_doc ORDER BY date DESC, symbol",
                               &s, err);
    if (rc)
        return rc;
    struct doc_call call = {cb, ctx};
    rc = sqlite_fu_rows(st, s, doc_row, &call, "listing documents", err);
    sqlite3_finalize(s);
    return rc;
}

int sqlite_hub_count(struct sqlite_store *st, const char *entity, long *out, struct err *err)
{
    static const char *const tables[][2] = {
        {"profile", "SELECT count(*) FROM hub_profile"},
        {"practice", "SELECT count(*) FROM hub_practice"},
        {"file", "SELECT count(*) FROM hub_file"},
        {"doc", "SELECT count(*) FROM hub_doc"},
        {"text", "SELECT count(*) FROM hub_text"},
    };
    return sqlite_fu_count(st, tables, sizeof tables / sizeof tables[0], "hub", entity, out, err);
}
