/*
 * followup.h (cli) — what the follow-up commands share (followup.c: clusters, assign, action,
 * indicator; progress.c: progress, evidence, note, deadline; remind.c: remind): one option
 * parser for all of them, acting as a user with --as LOGIN, and looking up institutions and
 * clusters by the names people type.
 */
#ifndef SUIVI_CLI_FOLLOWUP_H
#define SUIVI_CLI_FOLLOWUP_H

#include "cli/cli.h"
#include "core/accounts.h"

/* Every option of the follow-up commands; each command accepts the ones it lists. */
struct fu_opts {
    const char *as, *institution, *cluster, *deadline, *country, *description, *unit, *start, *due,
        *budget, *currency, *status, *name, *definition, *source, *baseline, *target,
        *baseline_date, *target_date, *sdg, *note, *narrative, *comment, *type, *body,
        *organisation, *output, *days, *theme, *affected;
    int lead, support, manual, json, assessment, send;
    char **args; /* positional arguments, subcommand first where there is one */
    int nargs;
};

/* Parses argv (argv[0] is the command) accepting only the long options named in allowed
 * (space-separated, e.g. "as json lead"). Returns 0, 1 for --help, or ERR_USAGE (printed). */
int fu_parse(const char *command, int argc, char **argv, const char *allowed, struct fu_opts *o);

/* The person a command acts as: --as LOGIN (an active user), else the command line
 * (core_actor_cli: an administrator). */
struct fu_actor {
    struct core_actor actor;
    char login[CORE_LOGIN_MAX + 8];
    char role[16];
};

int fu_actor_load(struct store *st, const char *as, struct fu_actor *out,
                  struct err *err) SUIVI_MUST_CHECK;

/* The id of the institution with code (ERR_INPUT saying how to add one when none). */
int fu_institution_id(struct store *st, const char *code, long *id,
                      struct err *err) SUIVI_MUST_CHECK;

/* The id of a cluster given by number or by name. */
int fu_cluster_id(struct store *st, const char *text, long *id, struct err *err) SUIVI_MUST_CHECK;

/* A positive id ("12"); what names the argument in the message. */
int fu_parse_id(const char *what, const char *text, long *id, struct err *err) SUIVI_MUST_CHECK;

/* A number ("12.5"); NULL or "" leaves *out as it is. */
int fu_parse_number(const char *what, const char *text, double *out,
                    struct err *err) SUIVI_MUST_CHECK;

/* Opens the database, loads the actor and runs fn; prints the error; returns the exit status. */
int fu_run(struct cli *cli, int flags, const struct fu_opts *o,
           int (*fn)(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                     struct err *err));

/* A whole command: parses the options (allowed), answers --help with help, checks that the
 * first argument is one of subs (space-separated; NULL: no subcommand), then runs fn. */
int fu_command(struct cli *cli, int argc, char **argv, const char *help, const char *allowed,
               const char *subs,
               int (*fn)(struct store *st, const struct core_actor *me, const struct fu_opts *o,
                         struct err *err));

#endif
