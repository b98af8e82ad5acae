/*
 * collect.c — the data of a follow-up report, read through core (see collect.h).
 */
#include "report/collect.h"

#include "core/read.h"

struct term_fill {
    struct report_lookup *lk;
    enum text_lang lang;
};

/* Only labels in the report's language: where a vocabulary has none (UHRI themes in French),
 * the label as imported reads better than an English one. */
static int put_term(void *ctx, const struct store_term *t)
{
    struct term_fill *f = ctx;
    const char *label = t->label[f->lang];
    return label && *label ? report_lookup_term_put(f->lk, t->vocab, t->code, label) : 0;
}

static int put_institution(void *ctx, const struct store_institution *in)
{
    return report_lookup_institution_put(ctx, in->id, in->name);
}

static int keep_row(void *ctx, const struct core_matrix_row *row)
{
    return report_rows_add(ctx, row);
}

static int put_values(void *ctx, const struct core_indicator *ind,
                      const struct core_indicator_value *values, size_t nvalues)
{
    int rc = 0;
    for (size_t i = 0; i < nvalues && !rc; i++)
        rc = report_lookup_value_put(ctx, ind->id, values[i].date, values[i].value);
    return rc;
}

int report_collect(struct store *st, const struct core_actor *actor,
                   const struct core_matrix_filter *filter, enum text_lang lang,
                   struct report_lookup **lk, struct report_rows **rows, struct err *err)
{
    static const char *const vocabs[] = {"sdg", "uhri_theme", "upr_issue", "affected_person",
                                         "body"};
    if (!(*lk = report_lookup_new()) || !(*rows = report_rows_new()))
        return err_set(err, ERR_NOMEM, "report: out of memory");
    struct term_fill f = {*lk, lang};
    int rc = 0;
    for (size_t i = 0; i < sizeof vocabs / sizeof vocabs[0] && !rc; i++)
        rc = core_term_each(st, vocabs[i], put_term, &f, err);
    rc = rc ? rc : core_institution_each(st, put_institution, *lk, err);
    rc = rc ? rc : core_matrix_each(st, actor, filter, keep_row, *rows, err);
    if (!rc)
        report_rows_sort(*rows);
    for (size_t i = 0; i < (*rows)->n && !rc; i++)
        if ((*rows)->row[i].nindicators)
            rc = core_indicators_of(st, (*rows)->row[i].rec->id, put_values, *lk, err);
    if (rc && !err->msg[0])
        err_set(err, rc, "report: out of memory reading the recommendations");
    return rc;
}
