/*
 * postgres_internal.h — what the files of the PostgreSQL backend (src/store/postgres_*.c) share:
 * the handle behind struct store, running statements with parameters, reading results, and
 * error mapping. Only these files include libpq-fe.h; nothing outside src/store/ includes this
 * header.
 *
 * Conventions (docs/operations.md "PostgreSQL"): every statement is a fixed string with $1..$n
 * parameters sent as text (NULL pointer = SQL NULL), prepared once per connection on first use
 * (pg_run keys its cache on the string's address: pass string literals or static arrays). The
 * schema mirrors SQLite's: times are the same ISO-8601 TEXT, flags INTEGER 0/1, ids BIGINT
 * identities, so a value reads the same from either backend. The database is created with
 * --locale=C, so ORDER BY, lower() and ILIKE follow SQLite's byte order and ASCII-only case
 * rules; NULLs sort first in ascending order in SQLite and last in PostgreSQL: statements that
 * order by a nullable column say NULLS FIRST / NULLS LAST as SQLite would.
 */
#ifndef SUIVI_STORE_POSTGRES_INTERNAL_H
#define SUIVI_STORE_POSTGRES_INTERNAL_H

#include <libpq-fe.h>

#include "store/backend.h"
#include "util/buf.h"

struct pg_stmt_cache; /* postgres.c */

struct pg_store {
    struct store base; /* first: the backend table (backend.h) */
    PGconn *conn;
    int readonly;
    int schema_version;
    int in_tx;                   /* store_begin .. commit/rollback, or a read snapshot */
    int read_snapshot;           /* in_tx was opened by pg_read_begin */
    int recs_changed;            /* a recommendation changed in this transaction */
    int wrote;                   /* a statement of the open transaction changed rows */
    char sqlstate[6];            /* SQLSTATE of the last failed statement ("" after success) */
    char constraint[64];         /* and the constraint it violated, if any */
    char schema[64];             /* the tenant's schema ("suivi" when the URL names none) */
    struct pg_stmt_cache *cache; /* prepared statements by SQL address */
    struct buf scratch;          /* reusable */
};

enum { PG_MAX_PARAMS = 48 };

/* Parameters of one statement, as text. Numbers are formatted into the struct itself, so it
 * must outlive the call it is passed to; strings are borrowed. */
struct pg_params {
    int n;
    const char *v[PG_MAX_PARAMS];
    int len[PG_MAX_PARAMS];    /* binary (bytea) parameters only */
    int format[PG_MAX_PARAMS]; /* 0 text, 1 binary */
    char num[PG_MAX_PARAMS][32];
};

void pg_params_init(struct pg_params *p);
void pg_param_text(struct pg_params *p, const char *v); /* NULL -> SQL NULL */
void pg_param_int(struct pg_params *p, long long v);
void pg_param_int_or_null(struct pg_params *p, long long v, int is_null);
void pg_param_double(struct pg_params *p, double v);
void pg_param_blob(struct pg_params *p, const void *data, size_t size); /* bytea, binary */
/* Adds the six fields of a recommendation filter (NULL: any), in the order the filtering SQL of
 * postgres_rec.c and postgres_search.c numbers them: country, body, response, kind, theme, sdg. */
void pg_param_filter(struct pg_params *p, const struct store_filter *f);

/* Runs sql (prepared once per connection) with params (may be NULL). Returns the result of a
 * statement that succeeded (rows or command), to be freed with PQclear, or NULL with err set
 * to ERR_STORE "<doing>: <server message>" (pg_error's mapping). */
PGresult *pg_run(struct pg_store *st, const char *sql, const struct pg_params *params,
                 struct err *err, const char *doing);

/* pg_run for a statement whose rows are not wanted: 0 or the error. *changed (may be NULL)
 * receives the number of rows the statement inserted, updated or deleted. */
int pg_exec(struct pg_store *st, const char *sql, const struct pg_params *params, long *changed,
            struct err *err, const char *doing);

/* Runs sql as one or more statements without parameters and without preparing (DDL,
 * migrations, SET). */
int pg_script(struct pg_store *st, const char *sql, struct err *err, const char *doing);

/* pg_run inside a savepoint when a transaction is open: a statement that fails (a unique key
 * taken, say) then leaves the transaction usable, as a failed statement does in SQLite. Use it
 * for statements whose failure the caller handles and goes on from. */
PGresult *pg_run_guarded(struct pg_store *st, const char *sql, const struct pg_params *params,
                         struct err *err, const char *doing);

/* Maps a failed result to err: any integrity constraint violation (SQLSTATE class 23: unique,
 * foreign key, check, not null) -> ERR_INPUT, for the caller to refine as the SQLite code does
 * (st->sqlstate, st->constraint); connection lost or anything else -> ERR_STORE; message
 * "<doing>: <primary message>". Returns the code. res may be NULL. */
int pg_error(struct pg_store *st, const PGresult *res, struct err *err, const char *doing);

/* The SQLSTATE of a failed result ("" when none), e.g. to tell a taken unique key (23505).
 * After pg_run / pg_exec returned an error, the same code is in st->sqlstate and the name of
 * the constraint violated (if any) in st->constraint. */
const char *pg_sqlstate(const PGresult *res);

/* Reading a row: NULL (text) / 0 (numbers) for SQL NULL. Booleans read as 1/0 ('t'/'f'). */
const char *pg_text(const PGresult *r, int row, int col);
long long pg_int(const PGresult *r, int row, int col);
double pg_double(const PGresult *r, int row, int col);
int pg_is_null(const PGresult *r, int row, int col);

/* Copies url into conninfo without our "schema=" parameter (libpq refuses parameters it does
 * not know), adding application_name "suivi:SCHEMA" unless the URL names one, so that
 * store_in_use finds the connections to a schema; the schema goes to schema_out ("suivi" when
 * the URL names none). ERR_USAGE for a schema name that is not [a-z_][a-z0-9_]*. */
int pg_split_url(const char *url, char *conninfo, size_t size, char *schema_out, size_t schema_size,
                 struct err *err);

/* Connects to url (split by pg_split_url into conninfo and schema) without opening the store: no
 * migration, search_path unset, for the programs and admin statements that work on schemas
 * (backup, restore, tenants). Returns the connection, which the caller PQfinish-es, or NULL with
 * ERR_USAGE from pg_split_url or ERR_IO "<url>: cannot connect: <libpq message>". */
PGconn *pg_connect_url(const char *url, char *conninfo, size_t size, char *schema,
                       size_t schema_size, struct err *err);

/* One snapshot for a run of reads, as sqlite_read_begin: opens a REPEATABLE READ READ ONLY
 * transaction when none is open; *began says whether pg_read_end must end it. */
int pg_read_begin(struct pg_store *st, int *began, struct err *err);
void pg_read_end(struct pg_store *st, int began);

/* Notes that a recommendation changed in the open transaction (or now, when none is open), so
 * store_rec_version moves at commit. */
void pg_recs_changed(struct pg_store *st);

/* The backend's functions, one per line of store_ops.def, and its table (postgres_ops.c). */
#define STORE_OP(R, N, P, A) R postgres_##N(struct pg_store *st, STORE_STRIP P);
#define STORE_OPV(N, P, A) void postgres_##N(struct pg_store *st, STORE_STRIP P);
#define STORE_OP0(R, N) R postgres_##N(struct pg_store *st);
#define STORE_OPV0(N) void postgres_##N(struct pg_store *st);
#include "store/store_ops.def"
#undef STORE_OP
#undef STORE_OPV
#undef STORE_OP0
#undef STORE_OPV0
extern const struct store_ops postgres_ops;

/* store_open, store_backup, store_restore and store_in_use for a postgresql:// URL (store.c
 * chooses; postgres.c and postgres_backup.c). */
int postgres_open(const char *url, int flags, struct store **out, struct err *err);
int postgres_backup(const char *url, const char *path, int flags, store_copy_progress_cb progress,
                    void *ctx, struct store_copy_info *info, struct err *err);
int postgres_restore(const char *path, const char *url, char *kept, size_t kept_size,
                     struct store_copy_info *info, struct err *err);
int postgres_in_use(const char *url, long *pid, struct err *err);

#endif
