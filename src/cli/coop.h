/*
 * coop.h (cli) — the commands of the technical-cooperation repository: `suivi org`, `suivi
 * need`, `suivi offer` (src/cli/coop.c), `suivi match` (src/cli/coop_match.c), and what they
 * share: every option any of them takes, and one runner (parse, --help, subcommand, database,
 * --as LOGIN, error printing).
 */
#ifndef SUIVI_CLI_COOP_H
#define SUIVI_CLI_COOP_H

#include "cli/cli.h"
#include "core/accounts.h"
#include "util/buf.h"
#include "util/jsonw.h"

/* Every option of the cooperation commands (all take a value but --json). */
struct co_opts {
    const char *as, *name, *kind, *country, *org, *recs, *title, *description, *kinds, *providers,
        *languages, *lang, *from, *to, *visibility, *themes, *sdgs, *modality, *regions, *capacity,
        *past, *theme, *sdg, *region, *status, *text, *top, *side, *comment, *need, *offer, *state,
        *provider;
    int json;
    char **args;
    int nargs;
};

typedef int (*co_fn)(struct store *st, const struct core_actor *me, const struct co_opts *o,
                     struct err *err);

/* A subcommand: its name, how many positional arguments follow it, what runs it. */
struct co_sub {
    const char *name;
    int nargs; /* positional arguments after the subcommand */
    co_fn fn;
};

/* Parses argv, answers --help with help, finds the subcommand among subs, checks its number of
 * arguments, opens the database, acts as --as LOGIN (else the command line) and runs it; prints
 * the error; returns the exit status. */
int co_command(struct cli *cli, int argc, char **argv, const char *help, const struct co_sub *subs,
               size_t nsubs);

/* What the row printers of a list or show subcommand share: text rows go straight to stdout,
 * JSON ones into w (on out), printed at the end; full asks for every field, rank counts rows. */
struct co_rows {
    struct buf out;
    struct jsonw w;
    int json, array, full, rank;
};

/* Starts r (json: o->json; array: JSON rows go into one array, else one object is shown). */
void co_rows_begin(struct co_rows *r, int json, int array, int full);

/* Ends r after the rows came (rc: what the listing returned): prints the JSON and frees r.
 * Returns rc, else ERR_NOMEM when building the JSON ran out of memory, else 0. */
int co_rows_end(struct co_rows *r, int rc, struct err *err) SUIVI_MUST_CHECK;

int cli_org(struct cli *cli, int argc, char **argv);
int cli_need(struct cli *cli, int argc, char **argv);
int cli_offer(struct cli *cli, int argc, char **argv);
int cli_match(struct cli *cli, int argc, char **argv);

#endif
