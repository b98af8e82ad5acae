/*
 * tag.c (cli) — `suivi tag` (models suggest tags, people review them), `suivi similar ID` (the
 * recommendations that say the same thing) and `suivi cluster --similar` (groups of repeated
 * recommendations). The domain rules are in core/tagging.c and core/similar.c; this file
 * parses arguments, finds the models in data/models/ and prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/read.h"
#include "core/similar.h"
#include "core/tagging.h"
#include "import/vocab.h"
#include "util/buf.h"

static const char tag_help[] =
    "usage: suivi --db FILE tag [--field themes|sdgs|groups|issues] [--only-untagged]\n"
    "                           [--country C] [--model FILE] [--max N] [--quiet]\n"
    "       suivi --db FILE tag list [--field F] [--status pending|accepted|rejected|all]\n"
    "                                [--min-score X] [--limit N] [--json]\n"
    "       suivi --db FILE tag accept|reject ID FIELD CODE\n"
    "       suivi --db FILE tag accept --above SCORE [--field F]\n"
    "\n"
    "Suggests tags for recommendations with the models of data/models/ (or --model): UHRI\n"
    "themes, SDG goals, affected groups, UPR Info issues; all four without --field. Each\n"
    "suggestion has a score and a reason (the terms that weighed most) and waits, pending,\n"
    "until a person accepts it (it becomes a tag, origin machine) or rejects it (it is never\n"
    "suggested again). Tags from the source or from a person are never touched. Tagging again\n"
    "replaces the pending suggestions. Every run and review is in the audit trail.\n";

static const char similar_help[] =
    "usage: suivi --db FILE similar [--limit K] [--json] ID\n"
    "\n"
    "Lists the recommendations most similar to ID (default 10): the same text recommended by\n"
    "other States or repeated in another cycle first (near-copy), then by TF-IDF cosine.\n";

static const char cluster_help[] =
    "usage: suivi --db FILE cluster --similar [--threshold X] [--country C] [--min-size N]\n"
    "                               [--json]\n"
    "\n"
    "Groups repeated recommendations: texts with a cosine of at least X (default 0.8) are\n"
    "chained into one group (single linkage). Prints every group of at least N (default 2)\n"
    "members, largest first. Groups are printed, not stored.\n";

static int parse_number(const char *opt, const char *text, double lo, double hi, double *out,
                        struct err *err)
{
    char *end;
    *out = strtod(text, &end);
    if (end == text || *end || !(*out >= lo && *out <= hi))
        return err_set(err, ERR_USAGE, "--%s %s: expected a number from %g to %g", opt, text, lo,
                       hi);
    return 0;
}

/* ---- tag ----------------------------------------------------------------------------------------
 */

struct tag_opts {
    const char *field, *model, *country, *status;
    int only_untagged, quiet, json;
    double max, min_score, above, limit;
    int has_above;
};

static int parse_tag_opts(int argc, char **argv, struct tag_opts *o, struct err *err)
{
    static const struct option opts[] = {{"field", required_argument, NULL, 'f'},
                                         {"model", required_argument, NULL, 'm'},
                                         {"country", required_argument, NULL, 'c'},
                                         {"status", required_argument, NULL, 's'},
                                         {"only-untagged", no_argument, NULL, 'u'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"max", required_argument, NULL, 'n'},
                                         {"min-score", required_argument, NULL, 'S'},
                                         {"above", required_argument, NULL, 'a'},
                                         {"limit", required_argument, NULL, 'l'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    *o = (struct tag_opts){.max = 5, .min_score = -1e9, .limit = 0, .status = "pending"};
    int c, rc = 0;
    while (!rc && (c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            o->field = optarg;
            break;
        case 'm':
            o->model = optarg;
            break;
        case 'c':
            o->country = optarg;
            break;
        case 's':
            o->status = optarg;
            break;
        case 'u':
            o->only_untagged = 1;
            break;
        case 'q':
            o->quiet = 1;
            break;
        case 'j':
            o->json = 1;
            break;
        case 'n':
            rc = parse_number("max", optarg, 1, 100, &o->max, err);
            break;
        case 'S':
            rc = parse_number("min-score", optarg, -1e9, 1e9, &o->min_score, err);
            break;
        case 'l':
            rc = parse_number("limit", optarg, 0, 1e9, &o->limit, err);
            break;
        case 'a':
            rc = parse_number("above", optarg, -1e9, 1e9, &o->above, err);
            o->has_above = 1;
            break;
        case 'h':
            return 1;
        default:
            return err_set(err, ERR_USAGE, "tag: see suivi tag --help");
        }
    }
    if (!rc && o->field && !core_tag_field_find(o->field))
        rc = err_set(err, ERR_USAGE, "--field %s: expected themes, sdgs, groups or issues",
                     o->field);
    return rc;
}

static int print_suggestion(void *ctx, const struct store_suggestion *s)
{
    const struct tag_opts *o = ctx;
    if (!o->quiet)
        printf("%s\t%s\t%s\t%.3f\t%s\n", s->rec_id, s->vocab, s->code, s->score,
               s->reason ? s->reason : "");
    return 0;
}

/* Tags one field with its model (--model, else data/models/<vocab>.model). */
static int tag_field(struct cli *cli, struct store *st, const struct tag_opts *o,
                     const struct core_tag_field *field, const struct store_filter *filter,
                     struct err *err)
{
    char path[4096];
    const char *dir = cli_data_dir(cli);
    if (o->model)
        snprintf(path, sizeof path, "%s", o->model);
    else if (!dir)
        return err_set(err, ERR_USAGE, "no data directory with models (give --data DIR)");
    else
        snprintf(path, sizeof path, "%s/" IMPORT_MODEL_DIR "/%s", dir, field->model);
    struct text_model *model = NULL;
    int rc = import_model_load(path, &model, err);
    if (rc)
        return rc;
    struct core_tag_opts to = {field->vocab, model, o->only_untagged, filter, (size_t)o->max};
    struct core_tag_stats stats;
    rc = core_tag_run(st, NULL, &to, print_suggestion, (void *)o, &stats, err);
    if (!rc)
        fprintf(stderr,
                "%s: %ld recommendations, %ld skipped, %ld suggestions stored (pending), %ld "
                "left out (already tagged or reviewed)%s\n",
                field->field, stats.recommendations, stats.skipped, stats.suggested, stats.kept_out,
                stats.unknown ? "; some labels are not terms" : "");
    text_model_free(model);
    return rc;
}

static int tag_run(struct cli *cli, struct store *st, const struct tag_opts *o, struct err *err)
{
    struct store_filter filter = {0};
    char iso3[4];
    if (o->country) {
        int found = core_country_find(st, o->country, iso3, err);
        if (found <= 0)
            return found ? found : err_set(err, ERR_USAGE, "--country %s: unknown", o->country);
        filter.country = iso3;
    }
    if (o->model && !o->field)
        return err_set(err, ERR_USAGE, "tag: --model needs --field");
    int rc = 0;
    for (size_t i = 0; i < core_tag_field_count && !rc; i++) {
        const struct core_tag_field *f = &core_tag_fields[i];
        if (!o->field || f == core_tag_field_find(o->field))
            rc = tag_field(cli, st, o, f, &filter, err);
    }
    return rc;
}

struct listing {
    int json, first;
};

static int print_listed(void *ctx, const struct store_suggestion *s)
{
    struct listing *l = ctx;
    static const char *const reviews[] = {"pending", "accepted", "rejected"};
    if (!l->json) {
        printf("%s\t%s\t%s\t%.3f\t%s\t%s%s%s\n", s->rec_id, s->vocab, s->code, s->score,
               reviews[s->review], s->reason ? s->reason : "", s->reviewed_by ? "\tby " : "",
               s->reviewed_by ? s->reviewed_by : "");
        return 0;
    }
    struct buf b = BUF_INIT;
    buf_puts(&b, "{\"id\":");
    buf_put_json_string(&b, s->rec_id);
    buf_puts(&b, ",\"vocab\":");
    buf_put_json_string(&b, s->vocab);
    buf_puts(&b, ",\"code\":");
    buf_put_json_string(&b, s->code);
    buf_puts(&b, ",\"label\":");
    buf_put_json_string(&b, s->label);
    buf_printf(&b, ",\"score\":%.4f,\"review\":\"%s\",\"reason\":", s->score, reviews[s->review]);
    buf_put_json_string(&b, s->reason ? s->reason : "");
    buf_puts(&b, "}\n");
    if (!b.oom)
        fputs(buf_str(&b), stdout);
    int rc = b.oom ? ERR_NOMEM : 0;
    buf_free(&b);
    return rc;
}

static int tag_list(struct store *st, const struct tag_opts *o, struct err *err)
{
    static const char *const reviews[] = {"pending", "accepted", "rejected"};
    int review = -1;
    for (int i = 0; i < 3; i++)
        if (!strcmp(o->status, reviews[i]))
            review = i;
    if (review < 0 && strcmp(o->status, "all"))
        return err_set(err, ERR_USAGE, "--status %s: expected pending, accepted, rejected or all",
                       o->status);
    const struct core_tag_field *f = o->field ? core_tag_field_find(o->field) : NULL;
    struct store_suggestion_filter sf = {NULL,         f ? f->vocab : NULL, review,
                                         o->min_score, (int)o->limit,       0};
    struct listing l = {o->json, 1};
    long total = 0;
    int rc = core_tag_suggestions(st, NULL, &sf, print_listed, &l, &total, err);
    if (!rc && !o->json)
        fprintf(stderr, "%ld suggestions\n", total);
    return rc;
}

static int tag_review(struct store *st, const struct tag_opts *o, int accept, int argc, char **argv,
                      struct err *err)
{
    if (accept && o->has_above) {
        const struct core_tag_field *f = o->field ? core_tag_field_find(o->field) : NULL;
        long n = 0;
        int rc = core_tag_accept_above(st, NULL, f ? f->vocab : NULL, o->above, &n, err);
        if (!rc)
            printf("%ld suggestions accepted\n", n);
        return rc;
    }
    if (argc != 3)
        return err_set(err, ERR_USAGE, "tag %s: give ID FIELD CODE", accept ? "accept" : "reject");
    const struct core_tag_field *f = core_tag_field_find(argv[1]);
    if (!f)
        return err_set(err, ERR_USAGE, "%s: expected themes, sdgs, groups or issues", argv[1]);
    return accept ? core_tag_accept(st, NULL, argv[0], f->vocab, argv[2], err)
                  : core_tag_reject(st, NULL, argv[0], f->vocab, argv[2], err);
}

int cli_tag(struct cli *cli, int argc, char **argv)
{
    struct err err = {0};
    const char *sub = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;
    int shift = sub ? 1 : 0;
    struct tag_opts o;
    int rc = parse_tag_opts(argc - shift, argv + shift, &o, &err);
    if (rc == 1)
        return cli_help(tag_help);
    int nargs = argc - shift - optind;
    char **args = argv + shift + optind;
    if (!rc && sub && strcmp(sub, "list") && strcmp(sub, "accept") && strcmp(sub, "reject"))
        rc = err_set(&err, ERR_USAGE, "tag: unknown command \"%s\" (list, accept, reject)", sub);
    if (!rc && ((!sub && nargs) || (sub && !strcmp(sub, "list") && nargs)))
        rc = err_set(&err, ERR_USAGE, "tag: unexpected argument \"%s\"", args[0]);
    if (rc)
        return cli_fail(&err);
    struct store *st;
    if ((rc = cli_open(cli, sub && !strcmp(sub, "list") ? STORE_READONLY : 0, &st)))
        return rc;
    if (!sub)
        rc = tag_run(cli, st, &o, &err);
    else if (!strcmp(sub, "list"))
        rc = tag_list(st, &o, &err);
    else
        rc = tag_review(st, &o, !strcmp(sub, "accept"), nargs, args, &err);
    store_close(st);
    return rc ? cli_fail(&err) : EXIT_OK;
}

/* ---- similar and cluster ------------------------------------------------------------------------
 */

static void put_hit_json(struct buf *b, const struct core_similar_hit *h)
{
    buf_puts(b, "{\"id\":");
    buf_put_json_string(b, h->id);
    buf_printf(b, ",\"score\":%.4f,\"overlap\":%.4f,\"near_copy\":%s,\"country\":", h->score,
               h->overlap, h->near_copy ? "true" : "false");
    buf_put_json_string(b, h->country ? h->country : "");
    buf_puts(b, ",\"states\":");
    buf_put_json_string(b, h->states ? h->states : "");
    buf_puts(b, ",\"body\":");
    buf_put_json_string(b, h->body ? h->body : "");
    buf_printf(b, ",\"session\":%d,\"cycle\":%d,\"text\":", h->session, h->cycle);
    buf_put_json_string(b, h->text ? h->text : "");
    buf_putc(b, '}');
}

static void put_hit_text(struct buf *b, const struct core_similar_hit *h)
{
    buf_printf(b, "%.3f%s  %s  [%s · %s · session %d, cycle %d]  %s\n", h->score,
               h->near_copy ? " =" : "  ", h->id, h->country ? h->country : "?",
               h->states && *h->states ? h->states
               : h->body               ? h->body
                                       : "",
               h->session, h->cycle, h->text ? h->text : "");
}

struct similar_out {
    int json;
    struct buf b;
};

static int on_similar(void *ctx, const struct core_similar_hit *h)
{
    struct similar_out *o = ctx;
    buf_reset(&o->b);
    if (o->json) {
        put_hit_json(&o->b, h);
        buf_putc(&o->b, '\n');
    } else {
        put_hit_text(&o->b, h);
    }
    if (o->b.oom)
        return ERR_NOMEM;
    fputs(buf_str(&o->b), stdout);
    return 0;
}

int cli_similar(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"limit", required_argument, NULL, 'n'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    struct err err = {0};
    struct similar_out out = {0, BUF_INIT};
    double k = 10;
    int c, rc = 0;
    while (!rc && (c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(similar_help);
        if (c == 'j')
            out.json = 1;
        else if (c == 'n')
            rc = parse_number("limit", optarg, 1, 10000, &k, &err);
        else
            rc = err_set(&err, ERR_USAGE, "similar: see suivi similar --help");
    }
    if (!rc && optind + 1 != argc)
        rc = err_set(&err, ERR_USAGE, "similar: give exactly one ID");
    if (rc)
        return cli_fail(&err);
    struct store *st;
    if ((rc = cli_open(cli, STORE_READONLY, &st)))
        return rc;
    rc = core_similar(st, argv[optind], (size_t)k, on_similar, &out, &err);
    if (rc == ERR_NOMEM)
        err_set(&err, rc, "out of memory");
    store_close(st);
    buf_free(&out.b);
    return rc ? cli_fail(&err) : EXIT_OK;
}

static int on_group(void *ctx, size_t group, const struct core_similar_hit *m, size_t n)
{
    struct similar_out *o = ctx;
    buf_reset(&o->b);
    if (o->json) {
        buf_printf(&o->b, "{\"group\":%zu,\"size\":%zu,\"members\":[", group, n);
        for (size_t i = 0; i < n; i++) {
            buf_puts(&o->b, i ? "," : "");
            put_hit_json(&o->b, &m[i]);
        }
        buf_puts(&o->b, "]}\n");
    } else {
        buf_printf(&o->b, "group %zu (%zu recommendations)\n", group, n);
        for (size_t i = 0; i < n; i++) {
            buf_puts(&o->b, "  ");
            put_hit_text(&o->b, &m[i]);
        }
    }
    if (o->b.oom)
        return ERR_NOMEM;
    fputs(buf_str(&o->b), stdout);
    return 0;
}

int cli_cluster(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"similar", no_argument, NULL, 's'},
                                         {"threshold", required_argument, NULL, 't'},
                                         {"country", required_argument, NULL, 'c'},
                                         {"min-size", required_argument, NULL, 'm'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    struct err err = {0};
    struct similar_out out = {0, BUF_INIT};
    double threshold = 0.8, min_size = 2;
    const char *country = NULL;
    int c, rc = 0, similar = 0;
    while (!rc && (c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            return cli_help(cluster_help);
        case 's':
            similar = 1;
            break;
        case 'j':
            out.json = 1;
            break;
        case 'c':
            country = optarg;
            break;
        case 't':
            rc = parse_number("threshold", optarg, 0.01, 1, &threshold, &err);
            break;
        case 'm':
            rc = parse_number("min-size", optarg, 2, 1e9, &min_size, &err);
            break;
        default:
            rc = err_set(&err, ERR_USAGE, "cluster: see suivi cluster --help");
        }
    }
    if (!rc && (!similar || optind != argc))
        rc = err_set(&err, ERR_USAGE,
                     "cluster: only --similar grouping is done here (clusters "
                     "by theme and by hand: suivi clusters)");
    if (rc)
        return cli_fail(&err);
    struct store *st;
    if ((rc = cli_open(cli, STORE_READONLY, &st)))
        return rc;
    struct store_filter filter = {0};
    char iso3[4];
    struct core_similar_index *idx = NULL;
    if (country && (rc = core_country_find(st, country, iso3, &err)) <= 0)
        rc = rc ? rc : err_set(&err, ERR_USAGE, "--country %s: unknown", country);
    else
        filter.country = country ? iso3 : NULL, rc = 0;
    if (!rc)
        rc = core_similar_index_new(st, &filter, &idx, &err);
    if (!rc)
        rc = core_similar_groups(idx, threshold, (size_t)min_size, on_group, &out, &err);
    if (rc == ERR_NOMEM)
        err_set(&err, rc, "out of memory");
    core_similar_index_free(idx);
    store_close(st);
    buf_free(&out.b);
    return rc ? cli_fail(&err) : EXIT_OK;
}
