/*
 * tagging.c — automatic tagging with human review (see tagging.h). A run first reads every
 * recommendation and scores it (no write while the store is iterating), then stores the
 * suggestions in one transaction with one audit event; reviews write the tag and an audit
 * event on the recommendation together.
 */
#include "core/tagging.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/permissions.h"
#include "util/buf.h"
#include "util/strmap.h"

const struct core_tag_field core_tag_fields[] = {
    {"themes", "uhri_theme", "uhri_theme.model"},
    {"sdgs", "sdg", "sdg.model"},
    {"groups", "affected_person", "affected_person.model"},
    {"issues", "upr_issue", "upr_issue.model"},
};
const size_t core_tag_field_count = sizeof core_tag_fields / sizeof core_tag_fields[0];

const struct core_tag_field *core_tag_field_find(const char *name)
{
    for (size_t i = 0; name && i < core_tag_field_count; i++)
        if (!strcmp(name, core_tag_fields[i].field) || !strcmp(name, core_tag_fields[i].vocab))
            return &core_tag_fields[i];
    return NULL;
}

static int allowed(const struct core_actor *actor, struct err *err)
{
    struct core_actor cli;
    char login[CORE_LOGIN_MAX + 8];
    if (!actor) {
        core_actor_cli(&cli, login, sizeof login);
        actor = &cli;
    }
    return core_may(actor, CORE_TAG, 0) ? 0 : err_set(err, ERR_DENIED, "tagging is not allowed");
}

/* ---- a run --------------------------------------------------------------------------------- */

/* One suggestion scored in the reading phase. */
struct scored {
    size_t rec; /* index into the run's recommendation ids */
    uint32_t label;
    float score;
    char *reason;
};

struct run {
    const struct core_tag_opts *o;
    struct text_featurizer *fz;
    struct text_prediction pred;
    char **rec_ids;
    size_t nrecs, caprecs;
    struct scored *sugg;
    size_t nsugg, capsugg;
    struct core_tag_stats *stats;
    struct buf reason;
};

static int pick_text(const struct store_rec *r, enum text_lang *lang)
{
    static const enum text_lang preferred[] = {TEXT_LANG_EN, TEXT_LANG_FR, TEXT_LANG_ES};
    for (size_t i = 0; i < sizeof preferred / sizeof *preferred; i++) {
        if (r->text[preferred[i]] && *r->text[preferred[i]]) {
            *lang = preferred[i];
            return 1;
        }
    }
    return 0;
}

static int has_vocab_tag(const struct store_rec *r, const char *vocab)
{
    for (size_t i = 0; i < r->ntags; i++)
        if (!strcmp(r->tags[i].vocab, vocab))
            return 1;
    return 0;
}

static int remember_rec(struct run *run, const char *id)
{
    if (run->nrecs == run->caprecs) {
        size_t cap = run->caprecs ? run->caprecs * 2 : 1024;
        char **ids = realloc(run->rec_ids, cap * sizeof *ids);
        if (!ids)
            return ERR_NOMEM;
        run->rec_ids = ids;
        run->caprecs = cap;
    }
    if (!(run->rec_ids[run->nrecs] = strdup(id)))
        return ERR_NOMEM;
    run->nrecs++;
    return 0;
}

static int remember_suggestion(struct run *run, uint32_t label, float score)
{
    if (run->nsugg == run->capsugg) {
        size_t cap = run->capsugg ? run->capsugg * 2 : 1024;
        struct scored *s = realloc(run->sugg, cap * sizeof *s);
        if (!s)
            return ERR_NOMEM;
        run->sugg = s;
        run->capsugg = cap;
    }
    buf_reset(&run->reason);
    int rc = text_model_reason(run->o->model, &run->pred, label, 3, &run->reason);
    char *reason = rc ? NULL : strdup(buf_str(&run->reason));
    if (!reason)
        return ERR_NOMEM;
    run->sugg[run->nsugg++] = (struct scored){run->nrecs - 1, label, score, reason};
    return 0;
}

/* Scores one recommendation (the store is iterating: nothing is written here). */
static int score_rec(void *ctx, const struct store_rec *r)
{
    struct run *run = ctx;
    enum text_lang lang;
    run->stats->recommendations++;
    if (!pick_text(r, &lang) || (run->o->only_untagged && has_vocab_tag(r, run->o->vocab))) {
        run->stats->skipped++;
        return 0;
    }
    struct err err = {0};
    const char *text = r->text[lang];
    int rc = text_model_predict(run->o->model, run->fz, lang, text, strlen(text), &run->pred, &err);
    if (!rc)
        rc = remember_rec(run, r->id);
    size_t max = run->o->max_per_rec ? run->o->max_per_rec : 5;
    for (size_t k = 0; !rc && k < run->pred.nkept && k < max; k++)
        rc = remember_suggestion(run, run->pred.kept[k].label, run->pred.kept[k].score);
    return rc;
}

/* The vocabulary code of a model label, remembered for the run; NULL when it is no term. */
static int code_of(struct store *st, struct strmap *codes, const char *vocab, const char *label,
                   const char **code, struct err *err)
{
    if (strmap_get(codes, label, code))
        return 0;
    char found[256];
    int rc = store_term_find(st, vocab, label, found, sizeof found, err);
    if (rc < 0)
        return rc;
    if (strmap_put(codes, label, rc ? found : NULL))
        return err_set(err, ERR_NOMEM, "out of memory");
    (void)strmap_get(codes, label, code);
    return 0;
}

/* Stores the suggestions of recommendation i (after clearing its pending ones). */
static int store_rec_suggestions(struct store *st, struct run *run, size_t i, size_t *next,
                                 struct strmap *codes, const char *model, core_tag_cb cb, void *ctx,
                                 struct err *err)
{
    const char *vocab = run->o->vocab;
    int rc = store_suggestion_clear(st, run->rec_ids[i], vocab, NULL, err);
    int64_t now = core_now();
    for (; !rc && *next < run->nsugg && run->sugg[*next].rec == i; (*next)++) {
        const struct scored *s = &run->sugg[*next];
        const char *label = text_model_label(run->o->model, s->label), *code = NULL;
        if ((rc = code_of(st, codes, vocab, label, &code, err)))
            break;
        if (!code) {
            run->stats->unknown++;
            continue;
        }
        struct store_suggestion sg = {.rec_id = run->rec_ids[i],
                                      .vocab = vocab,
                                      .code = code,
                                      .label = label,
                                      .score = s->score,
                                      .reason = s->reason,
                                      .model = model};
        int stored = 0;
        rc = store_suggestion_put(st, &sg, now, &stored, err);
        if (!rc && stored) {
            run->stats->suggested++;
            rc = cb ? cb(ctx, &sg) : 0;
        } else if (!rc) {
            run->stats->kept_out++;
        }
    }
    return rc;
}

static int record_run(struct store *st, const struct core_actor *actor, const struct run *run,
                      const char *model, struct err *err)
{
    struct buf after = BUF_INIT;
    buf_puts(&after, "{\"vocab\":");
    buf_put_json_string(&after, run->o->vocab);
    buf_puts(&after, ",\"model\":");
    buf_put_json_string(&after, model);
    buf_printf(&after, ",\"recommendations\":%ld,\"skipped\":%ld,\"suggested\":%ld}",
               run->stats->recommendations, run->stats->skipped, run->stats->suggested);
    int rc = after.oom ? err_set(err, ERR_NOMEM, "out of memory")
                       : core_audit_record(st, actor, "tag", "tag_run", run->o->vocab, NULL,
                                           buf_str(&after), err);
    buf_free(&after);
    return rc;
}

static int write_run(struct store *st, const struct core_actor *actor, struct run *run,
                     core_tag_cb cb, void *ctx, struct err *err)
{
    struct strmap *codes = strmap_new();
    struct buf model = BUF_INIT;
    buf_printf(&model, "%s: %s", text_model_vocab(run->o->model), text_model_about(run->o->model));
    if (!codes || model.oom) {
        strmap_free(codes);
        buf_free(&model);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    int rc = store_begin(st, err);
    size_t next = 0;
    for (size_t i = 0; !rc && i < run->nrecs; i++)
        rc = store_rec_suggestions(st, run, i, &next, codes, buf_str(&model), cb, ctx, err);
    if (!rc)
        rc = record_run(st, actor, run, buf_str(&model), err);
    if (!rc)
        rc = store_commit(st, err);
    else
        store_rollback(st);
    strmap_free(codes);
    buf_free(&model);
    return rc;
}

static void run_free(struct run *run)
{
    for (size_t i = 0; i < run->nrecs; i++)
        free(run->rec_ids[i]);
    for (size_t i = 0; i < run->nsugg; i++)
        free(run->sugg[i].reason);
    free(run->rec_ids);
    free(run->sugg);
    text_prediction_free(&run->pred);
    text_featurizer_free(run->fz);
    buf_free(&run->reason);
}

int core_tag_run(struct store *st, const struct core_actor *actor, const struct core_tag_opts *o,
                 core_tag_cb cb, void *ctx, struct core_tag_stats *stats, struct err *err)
{
    struct core_tag_stats local = {0};
    stats = stats ? stats : &local;
    *stats = (struct core_tag_stats){0};
    if (!o->vocab || !o->model)
        return err_set(err, ERR_USAGE, "tag: no vocabulary or model");
    int rc = allowed(actor, err);
    if (rc)
        return rc;
    struct run run = {.o = o, .stats = stats};
    if ((rc = text_featurizer_new(&run.fz, err)))
        return rc;
    static const struct store_filter all = {0};
    rc = store_rec_each(st, o->filter ? o->filter : &all, score_rec, &run, err);
    if (rc == ERR_NOMEM)
        err_set(err, rc, "out of memory");
    if (!rc)
        rc = write_run(st, actor, &run, cb, ctx, err);
    run_free(&run);
    return rc;
}

/* ---- review ---------------------------------------------------------------------------------- */

static int record_review(struct store *st, const struct core_actor *actor, const char *rec_id,
                         const char *vocab, const char *code, enum store_review review,
                         struct err *err)
{
    struct buf before = BUF_INIT, after = BUF_INIT;
    const char *what = review == STORE_REVIEW_ACCEPTED ? "accepted" : "rejected";
    buf_puts(&before, "{\"vocab\":");
    buf_put_json_string(&before, vocab);
    buf_puts(&before, ",\"code\":");
    buf_put_json_string(&before, code);
    buf_puts(&after, buf_str(&before));
    buf_puts(&before, ",\"review\":\"pending\"}");
    buf_printf(&after, ",\"review\":\"%s\"}", what);
    int rc = before.oom || after.oom
                 ? err_set(err, ERR_NOMEM, "out of memory")
                 : core_audit_record(
                       st, actor, review == STORE_REVIEW_ACCEPTED ? "tag_accept" : "tag_reject",
                       "recommendation", rec_id, buf_str(&before), buf_str(&after), err);
    buf_free(&before);
    buf_free(&after);
    return rc;
}

/* Reviews one suggestion inside the caller's transaction. */
static int review_one(struct store *st, const struct core_actor *actor, const char *rec_id,
                      const char *vocab, const char *code, enum store_review review,
                      struct err *err)
{
    struct core_actor cli;
    char login[CORE_LOGIN_MAX + 8];
    if (!actor) {
        core_actor_cli(&cli, login, sizeof login);
        actor = &cli;
    }
    int rc =
        store_suggestion_review(st, rec_id, vocab, code, review, actor->login, core_now(), err);
    return rc ? rc : record_review(st, actor, rec_id, vocab, code, review, err);
}

static int review(struct store *st, const struct core_actor *actor, const char *rec_id,
                  const char *vocab, const char *code, enum store_review what, struct err *err)
{
    int rc = allowed(actor, err);
    if (!rc)
        rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = review_one(st, actor, rec_id, vocab, code, what, err);
    if (!rc)
        return store_commit(st, err);
    store_rollback(st);
    return rc;
}

int core_tag_accept(struct store *st, const struct core_actor *actor, const char *rec_id,
                    const char *vocab, const char *code, struct err *err)
{
    return review(st, actor, rec_id, vocab, code, STORE_REVIEW_ACCEPTED, err);
}

int core_tag_reject(struct store *st, const struct core_actor *actor, const char *rec_id,
                    const char *vocab, const char *code, struct err *err)
{
    return review(st, actor, rec_id, vocab, code, STORE_REVIEW_REJECTED, err);
}

/* The keys of the suggestions to accept, collected before any is written. */
struct keys {
    struct buf text; /* rec_id \0 vocab \0 code \0, one after the other */
    size_t n;
};

static int collect_key(void *ctx, const struct store_suggestion *s)
{
    struct keys *k = ctx;
    buf_append(&k->text, s->rec_id, strlen(s->rec_id) + 1);
    buf_append(&k->text, s->vocab, strlen(s->vocab) + 1);
    buf_append(&k->text, s->code, strlen(s->code) + 1);
    k->n++;
    return k->text.oom ? ERR_NOMEM : 0;
}

int core_tag_accept_above(struct store *st, const struct core_actor *actor, const char *vocab,
                          double threshold, long *accepted, struct err *err)
{
    if (accepted)
        *accepted = 0;
    int rc = allowed(actor, err);
    if (rc)
        return rc;
    struct keys keys = {BUF_INIT, 0};
    struct store_suggestion_filter f = {NULL, vocab, STORE_REVIEW_PENDING, threshold, 0, 0};
    rc = store_suggestion_each(st, &f, collect_key, &keys, err);
    if (rc == ERR_NOMEM)
        err_set(err, rc, "out of memory");
    int began = !rc && keys.n && !(rc = store_begin(st, err));
    const char *p = keys.text.data;
    for (size_t i = 0; began && !rc && i < keys.n; i++) {
        const char *rec = p, *voc = rec + strlen(rec) + 1, *code = voc + strlen(voc) + 1;
        p = code + strlen(code) + 1;
        rc = review_one(st, actor, rec, voc, code, STORE_REVIEW_ACCEPTED, err);
    }
    if (began && !rc)
        rc = store_commit(st, err);
    else if (began)
        store_rollback(st);
    if (!rc && accepted)
        *accepted = (long)keys.n;
    buf_free(&keys.text);
    return rc;
}

int core_tag_suggestions(struct store *st, const struct core_actor *actor,
                         const struct store_suggestion_filter *f, store_suggestion_cb cb, void *ctx,
                         long *total, struct err *err)
{
    int rc = allowed(actor, err);
    if (!rc && total)
        rc = store_suggestion_count(st, f, total, err);
    return rc ? rc : store_suggestion_each(st, f, cb, ctx, err);
}
