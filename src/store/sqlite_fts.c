/*
 * sqlite_fts.c — the "suivi" FTS5 tokenizer: FTS5's tokenizer API in front of src/text's
 * tokenizer (case and accent folding, Snowball stemming, the domain's irregular plurals).
 * Created as tokenize='suivi en' (or fr, es). Documents and aux calls index stems plus the
 * folded surface form; queries use stems; prefix queries the folded surface form.
 */
#include "store/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

#include "text/tokenize.h"

struct fts_tok {
    struct text_tokenizer *tokenizer;
};

struct fts_call {
    void *fts_ctx;
    int (*emit)(void *, int, const char *, int, int, int);
};

static int fts_create(void *unused, const char **args, int nargs, Fts5Tokenizer **out)
{
    (void)unused;
    enum text_lang lang = TEXT_LANG_EN;
    if (nargs > 1 || (nargs == 1 && text_lang_parse(args[0], &lang)))
        return SQLITE_ERROR;
    struct fts_tok *t = calloc(1, sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    struct err err;
    if (text_tokenizer_new(lang, &t->tokenizer, &err)) {
        free(t);
        return SQLITE_ERROR;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void fts_delete(Fts5Tokenizer *p)
{
    struct fts_tok *t = (struct fts_tok *)p;
    if (!t)
        return;
    text_tokenizer_free(t->tokenizer);
    free(t);
}

static int emit_token(void *ctx, const char *tok, size_t len, size_t start, size_t end,
                      int colocated)
{
    struct fts_call *call = ctx;
    return call->emit(call->fts_ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok, (int)len,
                      (int)start, (int)end);
}

static int fts_tokenize(Fts5Tokenizer *p, void *fts_ctx, int flags, const char *text, int n,
                        int (*emit)(void *, int, const char *, int, int, int))
{
    struct fts_tok *t = (struct fts_tok *)p;
    enum text_tok_mode mode = TEXT_TOK_INDEX;
    if (flags & FTS5_TOKENIZE_PREFIX)
        mode = TEXT_TOK_PREFIX;
    else if (flags & FTS5_TOKENIZE_QUERY)
        mode = TEXT_TOK_QUERY;
    struct fts_call call = {fts_ctx, emit};
    int rc = text_tokenize(t->tokenizer, text, n > 0 ? (size_t)n : 0, mode, emit_token, &call);
    if (rc > 0)
        return rc; /* an SQLite code from FTS5's own callback */
    return rc ? SQLITE_NOMEM : SQLITE_OK;
}

int sqlite_fts_register(sqlite3 *db, struct err *err)
{
    fts5_api *api = NULL;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
        return err_set(err, ERR_STORE, "this SQLite has no FTS5: %s", sqlite3_errmsg(db));
    sqlite3_bind_pointer(s, 1, &api, "fts5_api_ptr", NULL);
    sqlite3_step(s);
    sqlite3_finalize(s);
    if (!api)
        return err_set(err, ERR_STORE, "this SQLite has no FTS5");
    static fts5_tokenizer tokenizer = {fts_create, fts_delete, fts_tokenize};
    if (api->xCreateTokenizer(api, "suivi", NULL, &tokenizer, NULL) != SQLITE_OK)
        return err_set(err, ERR_STORE, "registering the FTS5 tokenizer: %s", sqlite3_errmsg(db));
    return 0;
}
