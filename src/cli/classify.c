/*
 * classify.c (cli) — `suivi classify train|predict|eval`: the tagging models on CSV files, no
 * database needed. train learns a model from a text column and a label column (labels separated
 * by '|'), using the label texts and crosswalk of the vocabulary the column holds (data/, see
 * src/import/vocab.h); predict writes id,labels for every row; eval prints micro- and macro-F1,
 * precision and recall against a label column.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "import/csv.h"
#include "import/vocab.h"
#include "report/csv.h"
#include "text/classify.h"
#include "util/buf.h"

static const char help[] =
    "usage: suivi classify train   --in TRAIN.csv --text-column COL --label-column COL --model "
    "FILE\n"
    "       suivi classify predict --model FILE --in TEST.csv --text-column COL --id-column COL\n"
    "                              --out PRED.csv\n"
    "       suivi classify eval    --model FILE --in TEST.csv --text-column COL --label-column "
    "COL\n"
    "\n"
    "Label cells hold labels separated by '|'. No database is needed.\n"
    "\n"
    "  --lang en|fr|es      language of the texts (default en)\n"
    "  --lang-column COL    or a column giving it per row\n"
    "  --vocab V            train: the vocabulary of the labels: upr_issue, uhri_theme,\n"
    "                       affected_person, sdg, or none (default: guessed from the column name\n"
    "                       and the labels); its label texts, aliases and crosswalk come from "
    "data/\n"
    "  --base-model FILE    train: the UPR Info issue model the crosswalk reads (default\n"
    "                       data/models/upr_issue.model when present; \"none\" to train without)\n"
    "  --link-base          train: name the base model in the file instead of copying it in\n"
    "                       (it must then stay beside the model, as in data/models/)\n"
    "  --about TEXT         train: a note kept in the model (what it was trained on)\n"
    "  --skip-empty         train: rows without labels are not examples (by default they\n"
    "                       are negatives for every label)\n"
    "  --seed N             train: seed of the held-out split (default 0)\n"
    "  --scores             predict: add a column scores (label:score|...)\n"
    "  --per-label          eval: also print precision, recall, F1 and support per label\n";

struct opts {
    const char *in, *out, *model, *text_col, *label_col, *id_col, *lang_col, *vocab, *base, *about;
    enum text_lang lang;
    unsigned long long seed;
    int scores, per_label, link_base, skip_empty;
};

/* Sets the option c of o from optarg: 0, 1 for a letter that is not a plain one, or an error. */
static int set_plain(struct opts *o, int c)
{
    const struct {
        int c;
        const char **text;
        int *flag;
    } plain[] = {
        {'i', &o->in, NULL},        {'o', &o->out, NULL},        {'m', &o->model, NULL},
        {'t', &o->text_col, NULL},  {'l', &o->label_col, NULL},  {'d', &o->id_col, NULL},
        {'C', &o->lang_col, NULL},  {'v', &o->vocab, NULL},      {'b', &o->base, NULL},
        {'a', &o->about, NULL},     {'S', NULL, &o->scores},     {'P', NULL, &o->per_label},
        {'K', NULL, &o->link_base}, {'E', NULL, &o->skip_empty},
    };
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        if (plain[i].c != c)
            continue;
        if (plain[i].text)
            *plain[i].text = optarg;
        else
            *plain[i].flag = 1;
        return 0;
    }
    return 1;
}

static int parse_opts(int argc, char **argv, struct opts *o, struct err *err)
{
    static const struct option options[] = {{"in", required_argument, NULL, 'i'},
                                            {"out", required_argument, NULL, 'o'},
                                            {"model", required_argument, NULL, 'm'},
                                            {"text-column", required_argument, NULL, 't'},
                                            {"label-column", required_argument, NULL, 'l'},
                                            {"id-column", required_argument, NULL, 'd'},
                                            {"lang", required_argument, NULL, 'L'},
                                            {"lang-column", required_argument, NULL, 'C'},
                                            {"vocab", required_argument, NULL, 'v'},
                                            {"base-model", required_argument, NULL, 'b'},
                                            {"about", required_argument, NULL, 'a'},
                                            {"seed", required_argument, NULL, 's'},
                                            {"scores", no_argument, NULL, 'S'},
                                            {"per-label", no_argument, NULL, 'P'},
                                            {"link-base", no_argument, NULL, 'K'},
                                            {"skip-empty", no_argument, NULL, 'E'},
                                            {"help", no_argument, NULL, 'h'},
                                            {NULL, 0, NULL, 0}};
    int c;
    *o = (struct opts){.lang = TEXT_LANG_EN};
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        char *end = NULL;
        if (c == 'h')
            return 1;
        if (!set_plain(o, c))
            continue;
        if (c == 's' && ((o->seed = strtoull(optarg, &end, 10)), *end || !*optarg))
            return err_set(err, ERR_USAGE, "--seed %s: expected a number", optarg);
        if (c == 'L' && text_lang_parse(optarg, &o->lang))
            return err_set(err, ERR_USAGE, "--lang %s: expected en, fr or es", optarg);
        if (c != 's' && c != 'L')
            return err_set(err, ERR_USAGE, "classify: see suivi classify --help");
    }
    return 0;
}

/* ---- reading the input ------------------------------------------------------------------------
 */

/* The input CSV with the columns a command needs located in its header. */
struct input {
    struct csv_reader *reader;
    struct csv_row header;
    int text, label, id, lang;
    const char *path;
};

static int find_column(struct input *in, const char *name, int *out, struct err *err)
{
    *out = -1;
    if (!name)
        return 0;
    if ((*out = csv_header_index(&in->header, name)) < 0)
        return err_set(err, ERR_INPUT, "%s:%zu: no column \"%s\"", in->path, in->header.line, name);
    return 0;
}

static int input_open(struct input *in, const struct opts *o, int need_labels, int need_id,
                      struct err *err)
{
    *in = (struct input){.path = o->in};
    if (!o->in || !o->text_col || (need_labels && !o->label_col) || (need_id && !o->id_col))
        return err_set(err, ERR_USAGE, "classify: give --in, --text-column%s%s (see --help)",
                       need_labels ? ", --label-column" : "", need_id ? ", --id-column" : "");
    int rc = csv_open_file(o->in, NULL, &in->reader, err);
    if (rc)
        return rc;
    if ((rc = csv_read_row(in->reader, &in->header, err)) <= 0)
        return rc ? rc : err_set(err, ERR_INPUT, "%s: empty file", o->in);
    if ((rc = find_column(in, o->text_col, &in->text, err)) ||
        (rc = find_column(in, need_labels ? o->label_col : NULL, &in->label, err)) ||
        (rc = find_column(in, need_id ? o->id_col : NULL, &in->id, err)) ||
        (rc = find_column(in, o->lang_col, &in->lang, err)))
        return rc;
    csv_expect_fields(in->reader, in->header.nfields);
    return 0;
}

/* The language of a row: its lang column, else --lang. */
static int row_lang(const struct input *in, const struct csv_row *row, const struct opts *o,
                    enum text_lang *lang, struct err *err)
{
    *lang = o->lang;
    if (in->lang < 0)
        return 0;
    if (text_lang_parse(row->fields[in->lang], lang))
        return err_set(err, ERR_INPUT, "%s:%zu: %s: \"%s\" is not en, fr or es", in->path,
                       row->line, o->lang_col, row->fields[in->lang]);
    return 0;
}

/* Splits a label cell at '|' into trimmed names, in place; empty ones are dropped. Returns how
 * many, or SIZE_MAX when there are more than max (an error for the caller to report). */
static size_t split_labels(char *cell, const char **names, size_t max)
{
    size_t n = 0;
    for (char *p = cell; p;) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        size_t len = strlen(p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            p[--len] = '\0';
        if (len && n == max)
            return SIZE_MAX;
        if (len)
            names[n++] = p;
        p = bar ? bar + 1 : NULL;
    }
    return n;
}

enum { MAX_LABELS_PER_ROW = 256 };

static int write_file(const char *path, const struct buf *b, struct err *err)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return err_set(err, ERR_IO, "%s: cannot write", path);
    size_t n = fwrite(b->data ? b->data : "", 1, b->len, f);
    int bad = fclose(f) != 0 || n != b->len;
    return bad ? err_set(err, ERR_IO, "%s: write failed", path) : 0;
}

/* ---- train ------------------------------------------------------------------------------------
 */

/* The training rows, kept in memory: the vocabulary is guessed from all the label names before
 * the first example goes to the trainer. */
struct rows {
    size_t n, cap;
    char **text, **labels;
    unsigned char *lang;
};

static void rows_free(struct rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->text[i]), free(r->labels[i]);
    free(r->text), free(r->labels), free(r->lang);
}

static int rows_read(struct input *in, const struct opts *o, struct rows *r, struct err *err)
{
    struct csv_row row;
    int rc;
    while ((rc = csv_read_row(in->reader, &row, err)) == 1) {
        enum text_lang lang;
        if ((rc = row_lang(in, &row, o, &lang, err)))
            return rc;
        if (r->n == r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 1024;
            char **t = realloc(r->text, cap * sizeof *t),
                 **l = t ? realloc(r->labels, cap * sizeof *l) : NULL;
            unsigned char *g = l ? realloc(r->lang, cap) : NULL;
            if (t)
                r->text = t;
            if (l)
                r->labels = l;
            if (!g)
                return err_set(err, ERR_NOMEM, "out of memory");
            r->lang = g;
            r->cap = cap;
        }
        r->text[r->n] = strdup(row.fields[in->text]);
        r->labels[r->n] = strdup(row.fields[in->label]);
        r->lang[r->n] = (unsigned char)lang;
        if (!r->text[r->n] || !r->labels[r->n]) {
            free(r->text[r->n]), free(r->labels[r->n]);
            return err_set(err, ERR_NOMEM, "out of memory");
        }
        r->n++;
    }
    return rc;
}

/* Up to max distinct label names of the rows (pointers into a copy kept in *copy). */
static size_t label_names(const struct rows *r, struct buf *copy, const char **names, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n && n < max; i++) {
        buf_puts(copy, r->labels[i]);
        buf_putc(copy, '|');
    }
    if (copy->oom || !copy->len)
        return 0;
    static const char *cells[1 << 16];
    size_t nc = split_labels(copy->data, cells, 1 << 16);
    if (nc == SIZE_MAX)
        nc = 0; /* too many to guess from: the column name decides alone */
    for (size_t i = 0; i < nc && n < max; i++) {
        size_t k = 0;
        while (k < n && strcmp(names[k], cells[i]))
            k++;
        if (k == n)
            names[n++] = cells[i];
    }
    return n;
}

/* The vocabulary of the label column (NULL: none) and, when it has a crosswalk, the base model
 * it reads. */
static int train_vocab(struct cli *cli, const struct opts *o, const struct rows *r,
                       struct import_vocab *v, struct text_model **base, char *base_path,
                       size_t base_size, struct err *err)
{
    const char *dir = cli_data_dir(cli), *name = o->vocab;
    if (name && !strcmp(name, "none"))
        return 0;
    if (!name) {
        struct buf copy = BUF_INIT;
        const char *names[512];
        size_t n = label_names(r, &copy, names, 512);
        name = import_vocab_guess(dir, o->label_col, names, n);
        buf_free(&copy);
        if (!name || !dir)
            return 0;
    }
    if (!dir)
        return err_set(err, ERR_USAGE, "--vocab %s: no data directory (give --data DIR)", name);
    int rc = import_vocab_load(dir, name, v, err);
    if (rc || !v->nlinks || (o->base && !strcmp(o->base, "none")))
        return rc;
    if (o->base)
        snprintf(base_path, base_size, "%s", o->base);
    else
        snprintf(base_path, base_size, "%s/" IMPORT_MODEL_DIR "/upr_issue.model", dir);
    FILE *f = o->base ? NULL : fopen(base_path, "rb");
    if (!o->base && !f)
        return 0; /* no base model: the crosswalk still describes the labels */
    if (f)
        fclose(f);
    return import_model_load(base_path, base, err);
}

static int cmd_train(struct cli *cli, const struct opts *o, struct err *err)
{
    if (!o->model)
        return err_set(err, ERR_USAGE, "classify train: give --model FILE");
    struct input in;
    struct rows r = {0};
    struct import_vocab v = {0};
    struct text_model *base = NULL, *model = NULL;
    struct text_trainer *tr = NULL;
    struct buf bytes = BUF_INIT;
    clock_t t0 = clock();
    int rc = input_open(&in, o, 1, 0, err);
    if (!rc)
        rc = rows_read(&in, o, &r, err);
    char base_path[4096] = "";
    if (!rc)
        rc = train_vocab(cli, o, &r, &v, &base, base_path, sizeof base_path, err);
    struct text_train_opts to = {.vocab = v.name,
                                 .about = o->about,
                                 .seed = o->seed,
                                 .labels = v.labels,
                                 .nlabels = v.nlabels,
                                 .aliases = v.aliases,
                                 .naliases = v.naliases,
                                 .base = base,
                                 .links = base ? v.links : NULL,
                                 .nlinks = base ? v.nlinks : 0};
    if (!rc)
        rc = text_trainer_new(&to, &tr, err);
    for (size_t i = 0; i < r.n && !rc; i++) {
        const char *names[MAX_LABELS_PER_ROW];
        size_t n = split_labels(r.labels[i], names, MAX_LABELS_PER_ROW);
        if (n == SIZE_MAX) {
            rc = err_set(err, ERR_INPUT, "%s: row %zu: more than %d labels", o->in, i + 2,
                         MAX_LABELS_PER_ROW);
            break;
        }
        if (!n && o->skip_empty)
            continue;
        if ((rc = text_trainer_add(tr, r.lang[i], r.text[i], strlen(r.text[i]), names, n, err)))
            err_prefix(err, "%s: row %zu", o->in, i + 2);
    }
    struct text_train_report rep = {0};
    if (!rc)
        rc = text_trainer_run(tr, &model, &rep, err);
    if (!rc && o->link_base && base) {
        const char *slash = strrchr(base_path, '/');
        if (text_model_set_base_ref(model, slash ? slash + 1 : base_path))
            rc = err_set(err, ERR_NOMEM, "out of memory");
    }
    if (!rc)
        rc = text_model_save(model, &bytes) ? err_set(err, ERR_NOMEM, "out of memory") : 0;
    if (!rc)
        rc = write_file(o->model, &bytes, err);
    if (!rc)
        printf("%s: %zu examples (%zu labelled), %zu labels%s%s, %zu terms, %zu bytes; held-out "
               "micro-F1 %.4f over %zu fold(s); prior %.2f, crosswalk %.2f; %.2fs\n",
               o->model, rep.examples, rep.labelled, rep.labels, v.name ? " of " : "",
               v.name ? v.name : "", rep.terms, bytes.len, rep.heldout_micro_f1, rep.folds,
               (double)rep.prior_weight, (double)rep.link_weight,
               (double)(clock() - t0) / CLOCKS_PER_SEC);
    buf_free(&bytes);
    text_model_free(model);
    text_model_free(base);
    text_trainer_free(tr);
    import_vocab_free(&v);
    rows_free(&r);
    csv_close(in.reader);
    return rc;
}

/* ---- predict and eval -------------------------------------------------------------------------
 */

static int put_prediction(struct buf *out, const struct text_model *m,
                          const struct text_prediction *p, int scores, struct buf *scratch)
{
    buf_reset(scratch);
    for (size_t k = 0; k < p->nkept; k++) {
        buf_puts(scratch, k ? "|" : "");
        buf_puts(scratch, text_model_label(m, p->kept[k].label));
    }
    int rc = report_csv_field(out, buf_str(scratch), 0);
    if (scores && !rc) {
        buf_reset(scratch);
        for (size_t k = 0; k < p->nkept; k++)
            buf_printf(scratch, "%s%s:%.4f", k ? "|" : "", text_model_label(m, p->kept[k].label),
                       (double)p->kept[k].score);
        rc = report_csv_field(out, buf_str(scratch), 0);
    }
    return rc ? rc : buf_putc(out, '\n');
}

static int cmd_predict(const struct opts *o, struct err *err)
{
    if (!o->model || !o->out)
        return err_set(err, ERR_USAGE, "classify predict: give --model FILE and --out PRED.csv");
    struct input in = {0};
    struct text_model *m = NULL;
    struct text_featurizer *fz = NULL;
    struct text_prediction p = {0};
    struct buf out = BUF_INIT, scratch = BUF_INIT;
    int rc = import_model_load(o->model, &m, err);
    if (!rc)
        rc = input_open(&in, o, 0, 1, err);
    if (!rc)
        rc = text_featurizer_new(&fz, err);
    buf_puts(&out, o->scores ? "id,labels,scores\n" : "id,labels\n");
    struct csv_row row;
    while (!rc && (rc = csv_read_row(in.reader, &row, err)) == 1) {
        enum text_lang lang;
        const char *text = row.fields[in.text];
        rc = row_lang(&in, &row, o, &lang, err);
        if (!rc)
            rc = text_model_predict(m, fz, lang, text, strlen(text), &p, err);
        if (!rc && (report_csv_field(&out, row.fields[in.id], 1) ||
                    put_prediction(&out, m, &p, o->scores, &scratch)))
            rc = err_set(err, ERR_NOMEM, "out of memory");
    }
    if (!rc)
        rc = write_file(o->out, &out, err);
    buf_free(&out);
    buf_free(&scratch);
    text_prediction_free(&p);
    text_featurizer_free(fz);
    text_model_free(m);
    csv_close(in.reader);
    return rc;
}

/* Counts per label: the model's labels, then gold names the model does not know. */
struct tally {
    size_t n, cap;
    long *tp, *fp, *fn;
    char **unknown; /* names of labels n_model.. */
    size_t nmodel;
};

static long tally_unknown(struct tally *t, const char *name)
{
    for (size_t i = t->nmodel; i < t->n; i++)
        if (!strcmp(t->unknown[i - t->nmodel], name))
            return (long)i;
    if (t->n == t->cap) {
        size_t cap = t->cap * 2;
        long *a = realloc(t->tp, cap * sizeof *a), *b = a ? realloc(t->fp, cap * sizeof *b) : NULL,
             *c = b ? realloc(t->fn, cap * sizeof *c) : NULL;
        char **u = c ? realloc(t->unknown, (cap - t->nmodel) * sizeof *u) : NULL;
        if (a)
            t->tp = a;
        if (b)
            t->fp = b;
        if (c)
            t->fn = c;
        if (!u)
            return -1;
        t->unknown = u;
        t->cap = cap;
    }
    if (!(t->unknown[t->n - t->nmodel] = strdup(name)))
        return -1;
    t->tp[t->n] = t->fp[t->n] = t->fn[t->n] = 0;
    return (long)t->n++;
}

/* Counts one row: cell is its gold label cell (split in place). ERR_INPUT for too many labels. */
static int tally_row(struct tally *t, const struct text_model *m, const struct text_prediction *p,
                     char *cell)
{
    const char *names[MAX_LABELS_PER_ROW];
    long gold[MAX_LABELS_PER_ROW];
    size_t ng = split_labels(cell, names, MAX_LABELS_PER_ROW), nu = 0;
    if (ng == SIZE_MAX)
        return ERR_INPUT;
    for (size_t i = 0; i < ng; i++) {
        long id = text_model_label_find(m, names[i]);
        if (id < 0 && (id = tally_unknown(t, names[i])) < 0)
            return ERR_NOMEM;
        size_t k = 0;
        while (k < nu && gold[k] != id)
            k++;
        if (k == nu)
            gold[nu++] = id;
    }
    for (size_t k = 0; k < p->nkept; k++) {
        size_t i = 0;
        while (i < nu && gold[i] != (long)p->kept[k].label)
            i++;
        if (i < nu)
            t->tp[p->kept[k].label]++;
        else
            t->fp[p->kept[k].label]++;
    }
    for (size_t i = 0; i < nu; i++) {
        size_t k = 0;
        while (k < p->nkept && (long)p->kept[k].label != gold[i])
            k++;
        if (k == p->nkept)
            t->fn[gold[i]]++;
    }
    return 0;
}

static double f1(long tp, long fp, long fn)
{
    return tp ? 2.0 * tp / (2.0 * tp + fp + fn) : 0.0;
}

static void print_scores(const struct tally *t, const struct text_model *m, size_t rows,
                         int per_label)
{
    long tp = 0, fp = 0, fn = 0;
    double macro = 0;
    size_t present = 0;
    for (size_t i = 0; i < t->n; i++) {
        tp += t->tp[i], fp += t->fp[i], fn += t->fn[i];
        if (t->tp[i] + t->fn[i] > 0) {
            macro += f1(t->tp[i], t->fp[i], t->fn[i]);
            present++;
        }
    }
    double p = tp + fp ? (double)tp / (double)(tp + fp) : 0,
           r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
    printf("micro-F1 %.4f  macro-F1 %.4f  precision %.4f  recall %.4f  (%zu rows, %zu labels)\n",
           f1(tp, fp, fn), present ? macro / (double)present : 0, p, r, rows, present);
    for (size_t i = 0; per_label && i < t->n; i++) {
        if (!t->tp[i] && !t->fp[i] && !t->fn[i])
            continue;
        long s = t->tp[i] + t->fn[i];
        printf("  %6.4f  P %6.4f  R %6.4f  support %5ld  %s\n", f1(t->tp[i], t->fp[i], t->fn[i]),
               t->tp[i] + t->fp[i] ? (double)t->tp[i] / (double)(t->tp[i] + t->fp[i]) : 0,
               s ? (double)t->tp[i] / (double)s : 0, s,
               i < t->nmodel ? text_model_label(m, i) : t->unknown[i - t->nmodel]);
    }
}

static void tally_free(struct tally *t)
{
    for (size_t i = t->nmodel; i < t->n; i++)
        free(t->unknown[i - t->nmodel]);
    free(t->unknown), free(t->tp), free(t->fp), free(t->fn);
}

static int cmd_eval(const struct opts *o, struct err *err)
{
    if (!o->model)
        return err_set(err, ERR_USAGE, "classify eval: give --model FILE");
    struct input in = {0};
    struct text_model *m = NULL;
    struct text_featurizer *fz = NULL;
    struct text_prediction p = {0};
    struct tally t = {0};
    size_t rows = 0;
    int rc = import_model_load(o->model, &m, err);
    if (!rc)
        rc = input_open(&in, o, 1, 0, err);
    if (!rc)
        rc = text_featurizer_new(&fz, err);
    if (!rc) {
        t.nmodel = t.n = text_model_label_count(m);
        t.cap = t.n + 16;
        t.tp = calloc(t.cap, sizeof *t.tp), t.fp = calloc(t.cap, sizeof *t.fp);
        t.fn = calloc(t.cap, sizeof *t.fn), t.unknown = calloc(16, sizeof *t.unknown);
        if (!t.tp || !t.fp || !t.fn || !t.unknown)
            rc = err_set(err, ERR_NOMEM, "out of memory");
    }
    struct csv_row row;
    struct buf cell = BUF_INIT;
    while (!rc && (rc = csv_read_row(in.reader, &row, err)) == 1) {
        enum text_lang lang;
        const char *text = row.fields[in.text];
        rc = row_lang(&in, &row, o, &lang, err);
        if (!rc)
            rc = text_model_predict(m, fz, lang, text, strlen(text), &p, err);
        buf_reset(&cell);
        if (!rc && buf_puts(&cell, row.fields[in.label]))
            rc = err_set(err, ERR_NOMEM, "out of memory");
        if (!rc && (rc = tally_row(&t, m, &p, cell.data)))
            err_set(err, rc,
                    rc == ERR_INPUT ? "%s:%zu: more than %d labels" : "%s:%zu: out of memory",
                    o->in, row.line, MAX_LABELS_PER_ROW);
        rows++;
    }
    buf_free(&cell);
    if (!rc)
        print_scores(&t, m, rows, o->per_label);
    tally_free(&t);
    text_prediction_free(&p);
    text_featurizer_free(fz);
    text_model_free(m);
    csv_close(in.reader);
    return rc;
}

int cli_classify(struct cli *cli, int argc, char **argv)
{
    struct err err = {0};
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
        return argc < 2 ? (fputs(help, stderr), EXIT_USAGE) : cli_help(help);
    const char *sub = argv[1];
    struct opts o;
    int rc = parse_opts(argc - 1, argv + 1, &o, &err);
    if (rc == 1)
        return cli_help(help);
    if (!rc && optind < argc - 1)
        rc = err_set(&err, ERR_USAGE, "classify %s: unexpected argument \"%s\"", sub,
                     argv[optind + 1]);
    if (!rc) {
        if (!strcmp(sub, "train"))
            rc = cmd_train(cli, &o, &err);
        else if (!strcmp(sub, "predict"))
            rc = cmd_predict(&o, &err);
        else if (!strcmp(sub, "eval"))
            rc = cmd_eval(&o, &err);
        else
            rc = err_set(&err, ERR_USAGE,
                         "classify: unknown command \"%s\" (train, predict, "
                         "eval)",
                         sub);
    }
    return rc ? cli_fail(&err) : EXIT_OK;
}
