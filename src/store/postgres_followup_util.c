/*
 * postgres_followup_util.c — the helpers the follow-up files of the PostgreSQL backend share
 * (postgres_followup.h), the counterparts of sqlite_followup.h's: parameters and column readers
 * for times, ids and doubles, writes that report a taken unique key or a missing row the way
 * the SQLite backend does, row iteration over a whole result, counts, the recommendation key,
 * and the readers of a progress report's and a note's columns.
 */
#include "store/postgres_followup.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/isotime.h"

/* ---- parameters and columns ------------------------------------------------------------ */

void pg_fu_param_time(struct pg_params *p, int64_t ms)
{
    if (!ms || p->n >= PG_MAX_PARAMS) {
        pg_param_text(p, NULL);
        return;
    }
    char text[ISOTIME_SIZE];
    isotime_format(ms, text);
    /* The text must outlive the call, as the numbers pg_param_int formats into p do. */
    char *slot = p->num[p->n];
    snprintf(slot, sizeof p->num[0], "%.24s", text);
    pg_param_text(p, slot);
}

void pg_fu_param_id(struct pg_params *p, long id)
{
    pg_param_int_or_null(p, id, id == 0);
}

void pg_fu_param_double(struct pg_params *p, double v)
{
    if (isnan(v))
        pg_param_text(p, NULL);
    else
        pg_param_double(p, v);
}

const char *pg_fu_text(const PGresult *r, int row, int col)
{
    return pg_text(r, row, col);
}

int64_t pg_fu_time(const PGresult *r, int row, int col)
{
    return isotime_parse(pg_text(r, row, col));
}

double pg_fu_double(const PGresult *r, int row, int col)
{
    return pg_is_null(r, row, col) ? NAN : pg_double(r, row, col);
}

long pg_fu_long(const PGresult *r, int row, int col)
{
    return (long)pg_int(r, row, col);
}

/* ---- writes ------------------------------------------------------------------------------ */

/* Turns a failed write's error (pg_error's "<doing>: <server message>") into what
 * sqlite_fu_write reports for the same failure, from the SQLSTATE and constraint pg_error kept. */
static int write_failed(const struct pg_store *st, struct err *err, const char *doing,
                        const char *taken)
{
    if (!err)
        return ERR_STORE;
    if (err->code != ERR_INPUT)
        return err->code;
    /* SQLite's "taken" is a UNIQUE constraint, not a primary key (a constraint "<table>_pkey") */
    size_t clen = strlen(st->constraint);
    int pkey = clen >= 5 && !strcmp(st->constraint + clen - 5, "_pkey");
    if (taken && !strcmp(st->sqlstate, "23505") && !pkey)
        return err_set(err, ERR_INPUT, "%s is already taken", taken);
    if (!strcmp(st->sqlstate, "23503"))
        return err_set(err, ERR_INPUT, "%s: it refers to a row that does not exist", doing);
    err->code = ERR_STORE; /* SQLite reports other constraints as store errors */
    return ERR_STORE;
}

/* Runs a write in a savepoint; NULL with err set as write_failed says on failure. */
static PGresult *run_write(struct pg_store *st, const char *sql, const struct pg_params *params,
                           const char *doing, const char *taken, struct err *err)
{
    PGresult *res = pg_run_guarded(st, sql, params, err, doing);
    if (!res)
        write_failed(st, err, doing, taken);
    return res;
}

static long changed_rows(PGresult *res)
{
    const char *n = PQcmdTuples(res);
    return n && *n ? atol(n) : 0;
}

int pg_fu_write(struct pg_store *st, const char *sql, const struct pg_params *params, long *changed,
                const char *doing, const char *taken, struct err *err)
{
    PGresult *res = run_write(st, sql, params, doing, taken, err);
    if (!res)
        return err ? err->code : ERR_STORE;
    if (changed)
        *changed = changed_rows(res);
    PQclear(res);
    return 0;
}

int pg_fu_put(struct pg_store *st, const char *sql, const struct pg_params *params, long update_id,
              long *id, const char *doing, const char *what, const char *taken, struct err *err)
{
    PGresult *res = run_write(st, sql, params, doing, taken, err);
    if (!res)
        return err ? err->code : ERR_STORE;
    int rc = 0;
    if (update_id && !changed_rows(res))
        rc = err_set(err, ERR_NOTFOUND, "no %s with id %ld", what, update_id);
    else if (!update_id && PQntuples(res) < 1)
        rc = err_set(err, ERR_STORE, "%s: no id returned", doing);
    if (!rc && id)
        *id = update_id ? update_id : pg_fu_long(res, 0, 0);
    PQclear(res);
    return rc;
}

int pg_fu_change(struct pg_store *st, const char *sql, const struct pg_params *params, long id,
                 const char *doing, const char *what, struct err *err)
{
    long changed = 0;
    int rc = pg_fu_write(st, sql, params, &changed, doing, NULL, err);
    if (!rc && !changed)
        rc = err_set(err, ERR_NOTFOUND, "no %s with id %ld", what, id);
    return rc;
}

/* ---- reads ------------------------------------------------------------------------------- */

int pg_fu_rows(struct pg_store *st, const char *sql, const struct pg_params *params,
               int (*each)(const PGresult *r, int row, void *ctx), void *ctx, const char *doing,
               struct err *err)
{
    PGresult *res = pg_run(st, sql, params, err, doing);
    if (!res)
        return err ? err->code : ERR_STORE;
    int rc = 0, n = PQntuples(res);
    for (int i = 0; i < n && !rc; i++)
        rc = each(res, i, ctx);
    PQclear(res);
    return rc;
}

int pg_fu_one(struct pg_store *st, const char *sql, const struct pg_params *params, PGresult **out,
              const char *doing, struct err *err)
{
    *out = NULL;
    PGresult *res = pg_run(st, sql, params, err, doing);
    if (!res)
        return err ? err->code : ERR_STORE;
    if (PQntuples(res) < 1) {
        PQclear(res);
        return 0;
    }
    *out = res;
    return 1;
}

int pg_fu_rows_by_id(struct pg_store *st, const char *sql, long id,
                     int (*each)(const PGresult *r, int row, void *ctx), void *ctx,
                     const char *doing, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_fu_param_id(&p, id);
    return pg_fu_rows(st, sql, &p, each, ctx, doing, err);
}

int pg_fu_row_by_id(struct pg_store *st, const char *sql, long id,
                    int (*each)(const PGresult *r, int row, void *ctx), void *ctx, const char *what,
                    struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_fu_param_id(&p, id);
    PGresult *res;
    int rc = pg_fu_one(st, sql, &p, &res, what, err);
    if (rc == 1)
        rc = each(res, 0, ctx);
    else if (rc == 0)
        rc = err_set(err, ERR_NOTFOUND, "no %s with id %ld", what, id);
    PQclear(res);
    return rc;
}

int pg_fu_count(struct pg_store *st, const char *const (*tables)[2], size_t n, const char *family,
                const char *entity, long *out, struct err *err)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(entity, tables[i][0]))
            continue;
        PGresult *res;
        int rc = pg_fu_one(st, tables[i][1], NULL, &res, "counting", err);
        *out = rc == 1 ? pg_fu_long(res, 0, 0) : 0;
        PQclear(res);
        return rc < 0 ? rc : 0;
    }
    return err_set(err, ERR_USAGE, "unknown %s entity \"%s\"", family, entity);
}

int pg_fu_rid(struct pg_store *st, const char *rec_id, long long *rid, struct err *err)
{
    struct pg_params p;
    pg_params_init(&p);
    pg_param_text(&p, rec_id);
    PGresult *res;
    int rc = pg_fu_one(st, "SELECT rid FROM recommendation WHERE id = $1", &p, &res,
                       "finding a recommendation", err);
    if (rc == 1) {
        *rid = pg_int(res, 0, 0);
        rc = 0;
    } else if (rc == 0) {
        rc = err_set(err, ERR_NOTFOUND, "no recommendation with id \"%s\"", rec_id ? rec_id : "");
    }
    PQclear(res);
    return rc;
}

/* ---- progress reports and notes ---------------------------------------------------------- */

struct store_progress pg_fu_progress_at(const PGresult *r, int row, int k)
{
    return (struct store_progress){
        .id = pg_fu_long(r, row, k),
        .rec_id = pg_fu_text(r, row, k + 1),
        .institution_id = pg_fu_long(r, row, k + 2),
        .status = pg_fu_text(r, row, k + 3),
        .narrative = pg_fu_text(r, row, k + 4),
        .workflow = pg_fu_text(r, row, k + 5),
        .review_comment = pg_fu_text(r, row, k + 6),
        .author_login = pg_fu_text(r, row, k + 7),
        .submitter_login = pg_fu_text(r, row, k + 8),
        .reviewer_login = pg_fu_text(r, row, k + 9),
        .created_at = pg_fu_time(r, row, k + 10),
        .updated_at = pg_fu_time(r, row, k + 11),
        .submitted_at = pg_fu_time(r, row, k + 12),
        .reviewed_at = pg_fu_time(r, row, k + 13),
    };
}

struct store_note pg_fu_note_at(const PGresult *r, int row, int k)
{
    return (struct store_note){
        .id = pg_fu_long(r, row, k),
        .rec_id = pg_fu_text(r, row, k + 1),
        .author_login = pg_fu_text(r, row, k + 2),
        .organisation = pg_fu_text(r, row, k + 3),
        .independent = (int)pg_int(r, row, k + 4),
        .status = pg_fu_text(r, row, k + 5),
        .body = pg_fu_text(r, row, k + 6),
        .created_at = pg_fu_time(r, row, k + 7),
    };
}
