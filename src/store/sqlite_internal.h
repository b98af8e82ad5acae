/*
 * sqlite_internal.h — what the files of the SQLite backend (src/store/sqlite_*.c) share: the
 * struct sqlite_store behind the opaque handle, the statement cache and error mapping. Only these
 * files include sqlite3.h; nothing outside src/store/ includes this header.
 */
#ifndef SUIVI_STORE_SQLITE_INTERNAL_H
#define SUIVI_STORE_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include "store/backend.h"
#include "util/buf.h"

/* Every statement the backend runs, prepared once per connection on first use. */
enum stmt_id {
    SQL_TERM_PUT,
    SQL_ALIAS_PUT,
    SQL_ALIAS_FIND,
    SQL_TERM_FIND_CODE,
    SQL_COUNTRY_PUT,
    SQL_COUNTRY_FIND_CODE,
    SQL_REC_HASH,
    SQL_REC_INSERT,
    SQL_REC_UPDATE,
    SQL_REC_TEXT_DELETE,
    SQL_REC_TEXT_INSERT,
    SQL_REC_STATE_DELETE,
    SQL_REC_STATE_INSERT,
    SQL_REC_TAG_DELETE_SOURCE,
    SQL_REC_TAG_INSERT,
    SQL_REC_GET,
    SQL_REC_TEXTS,
    SQL_REC_STATES,
    SQL_REC_TAGS,
    SQL_REC_EACH,
    SQL_SEARCH,
    SQL_SNIPPET_EN,
    SQL_SNIPPET_FR,
    SQL_SNIPPET_ES,
    SQL_UNLINKED,
    SQL_TOP_EN, /* unfiltered search: best matches of one language, with snippets */
    SQL_TOP_FR,
    SQL_TOP_ES,
    SQL_MATCH_COUNT_EN,
    SQL_MATCH_COUNT_FR,
    SQL_MATCH_COUNT_ES,
    SQL_LANG_PRESENT,
    SQL_HIT_BY_TEXT_ROW,
    SQL_PENDING_ADD,
    SQL_TEXTS_OF_REC,
    SQL_PENDING_DROP,
    SQL_FTS_DELETE_EN,
    SQL_FTS_DELETE_FR,
    SQL_FTS_DELETE_ES,
    SQL_REC_PAGE,
    SQL_REC_PAGE_COUNT,
    SQL_TERM_EACH,
    SQL_COUNTRY_EACH,
    SQL_INSTITUTION_INSERT, /* accounts (sqlite_accounts.c) */
    SQL_INSTITUTION_UPDATE,
    SQL_INSTITUTION_GET,
    SQL_INSTITUTION_EACH,
    SQL_USER_INSERT,
    SQL_USER_UPDATE,
    SQL_USER_GET,
    SQL_USER_EACH,
    SQL_USER_COUNT,
    SQL_USER_PASSWORD_GET,
    SQL_USER_PASSWORD_SET,
    SQL_USER_LOGIN_SET,
    SQL_SESSION_INSERT,
    SQL_SESSION_GET,
    SQL_SESSION_EACH,
    SQL_SESSION_TOUCH,
    SQL_SESSION_DELETE,
    SQL_SESSION_DELETE_USER,
    SQL_SESSION_PURGE,
    SQL_FAILURE_ADD,
    SQL_FAILURE_COUNT_LOGIN,
    SQL_FAILURE_COUNT_IP,
    SQL_FAILURE_CLEAR,
    SQL_FAILURE_PURGE,
    SQL_AUDIT_ADD,
    SQL_AUDIT_EACH,
    SQL_AUDIT_COUNT,
    SQL_SUGG_HAS_TAG, /* step 4: tag suggestions (sqlite_tags.c) */
    SQL_SUGG_PUT,
    SQL_SUGG_CLEAR,
    SQL_SUGG_EACH,
    SQL_SUGG_COUNT,
    SQL_SUGG_REVIEW,
    SQL_SUGG_STATE,
    SQL_COUNT_FIRST, /* store_count_by: per dimension, over all or matches, label language */
    SQL_COUNT_LAST = SQL_COUNT_FIRST + 2 * STORE_DIM_COUNT * STORE_LANG_COUNT - 1,
    SQL_STMT_COUNT
};

struct sqlite_store {
    struct store base; /* first: the backend table (backend.h) */
    sqlite3 *db;
    int readonly;
    int schema_version;
    sqlite3_stmt *stmt[SQL_STMT_COUNT];
    sqlite3_stmt *version_stmt;     /* PRAGMA data_version */
    struct buf scratch;             /* reusable: folded keys, FTS query text */
    int bulk;                       /* an import is writing this transaction (sqlite_rec.c) */
    int bulk_fresh;                 /* ... into an empty recommendation table */
    struct buf bulk_indexes;        /* CREATE INDEX statements to run again at commit */
    char put_time[24];              /* created_at of new records: bulk mode's start, or now */
    int recs_changed;               /* a record was inserted or updated in this transaction */
    sqlite3_stmt *rec_version_stmt; /* SELECT n FROM rec_version */
};

/* Returns the cached prepared statement id, reset and with bindings cleared; NULL on error. */
sqlite3_stmt *sqlite_stmt(struct sqlite_store *st, enum stmt_id id, struct err *err);

/* Fills err from the connection's last error, prefixed with what was being done. */
int sqlite_fail(struct sqlite_store *st, struct err *err, const char *doing);

/* Binds a UTF-8 string or NULL. */
int sqlite_bind_text(sqlite3_stmt *s, int i, const char *v);

/* Binds a filter to parameters ?4..?9 of the listing, search and count statements. */
void sqlite_bind_filter(sqlite3_stmt *s, const struct store_filter *f);

/* The SQL of a statement id (the search and count families are built from fixed fragments). */
int sqlite_sql_for(enum stmt_id id, struct buf *out);

/* Opens a read transaction when none is open (one snapshot and one lock for a long listing,
 * instead of one per statement); *began says whether sqlite_read_end must close it. */
int sqlite_read_begin(struct sqlite_store *st, int *began, struct err *err);
void sqlite_read_end(struct sqlite_store *st, int began);

/* Indexes the texts stored since the last flush (called before every commit). */
int sqlite_fts_flush(struct sqlite_store *st, struct err *err);

/* Ends the bulk mode of an import (see sqlite_rec.c), if on: at commit (commit != 0) builds the
 * indexes dropped for the load again; always turns CHECK constraints back on. */
int sqlite_bulk_end(struct sqlite_store *st, int commit, struct err *err);

/* Registers the "suivi" FTS5 tokenizer (src/text/tokenize.c behind FTS5's API). */
int sqlite_fts_register(sqlite3 *db, struct err *err);

/* The backend's functions, one per line of store_ops.def, and its table (sqlite_ops.c). */
#define STORE_OP(R, N, P, A) R sqlite_##N(struct sqlite_store *st, STORE_STRIP P);
#define STORE_OPV(N, P, A) void sqlite_##N(struct sqlite_store *st, STORE_STRIP P);
#define STORE_OP0(R, N) R sqlite_##N(struct sqlite_store *st);
#define STORE_OPV0(N) void sqlite_##N(struct sqlite_store *st);
#include "store/store_ops.def"
#undef STORE_OP
#undef STORE_OPV
#undef STORE_OP0
#undef STORE_OPV0
extern const struct store_ops sqlite_ops;

/* store_open, store_backup, store_restore and store_in_use for a SQLite URL (store.c chooses). */
int sqlite_open(const char *url, int flags, struct store **out, struct err *err);
int sqlite_backup_file(const char *url, const char *path, int flags,
                       store_copy_progress_cb progress, void *ctx, struct store_copy_info *info,
                       struct err *err);
int sqlite_restore_file(const char *path, const char *url, char *kept, size_t kept_size,
                        struct store_copy_info *info, struct err *err);
int sqlite_in_use(const char *url, long *pid, struct err *err);

#endif
