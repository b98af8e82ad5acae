/*
 * hub.h (cli) — `suivi hub` (hub.c): the knowledge hub of NMIRF good practices from the command
 * line. Declared here rather than in cli.h so that the hub's command stays one file and one
 * line in main.c's table.
 */
#ifndef SUIVI_CLI_HUB_H
#define SUIVI_CLI_HUB_H

#include "cli/cli.h"

int cli_hub(struct cli *cli, int argc, char **argv);

#endif
