/*
 * tenant.c (cli) — `suivi tenant create|list`: the States of a multi-State PostgreSQL
 * deployment, each in a schema of its own with a database role of its own (store.h,
 * store_tenant_*; docs/operations.md "Several States on one PostgreSQL").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char tenant_help[] =
    "usage: suivi --db postgresql://ADMIN@HOST/DB tenant create NAME\n"
    "       suivi --db postgresql://ADMIN@HOST/DB tenant list\n"
    "\n"
    "create: makes the State NAME in the PostgreSQL database: a schema NAME, a login role\n"
    "suivi_NAME that owns it and has no right on any other State's schema, and the tables. The\n"
    "role's password is read from SUIVI_PASSWORD (no password when unset: then the server's\n"
    "pg_hba.conf must let the role in another way). The State's server then runs with\n"
    "  suivi serve --db 'postgresql://suivi_NAME@HOST/DB?schema=NAME'\n"
    "--db must name a role that may create roles and schemas (e.g. the database's owner with\n"
    "CREATEROLE). NAME: a lower-case letter, then letters, digits or _ (e.g. an ISO3 code: fji).\n"
    "list: the schemas that hold a suivi database, their role, schema version and number of\n"
    "recommendations.\n";

static int print_tenant(void *ctx, const struct store_tenant_info *t)
{
    (void)ctx;
    printf("%s\t%s\tschema %d\t%ld recommendations\n", t->schema, t->role, t->schema_version,
           t->recommendations);
    return 0;
}

int cli_tenant(struct cli *cli, int argc, char **argv)
{
    struct err err = {0};
    const char *verb = argc > 1 ? argv[1] : NULL;
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return cli_help(tenant_help);
    if (!verb || (strcmp(verb, "create") && strcmp(verb, "list"))) {
        err_set(&err, ERR_USAGE, "usage: suivi tenant create NAME | tenant list (see --help)");
        return cli_fail(&err);
    }
    if (!cli->db ||
        (strncmp(cli->db, "postgresql://", 13) && strncmp(cli->db, "postgres://", 11))) {
        err_set(&err, ERR_USAGE, "tenant: --db must be a postgresql:// URL of an admin role");
        return cli_fail(&err);
    }
    if (!strcmp(verb, "list")) {
        if (argc != 2) {
            err_set(&err, ERR_USAGE, "usage: suivi tenant list");
            return cli_fail(&err);
        }
        return store_tenant_list(cli->db, print_tenant, NULL, &err) ? cli_fail(&err) : EXIT_OK;
    }
    if (argc != 3) {
        err_set(&err, ERR_USAGE, "usage: suivi tenant create NAME");
        return cli_fail(&err);
    }
    struct store_tenant_info info;
    if (store_tenant_create(cli->db, argv[2], getenv("SUIVI_PASSWORD"), &info, &err))
        return cli_fail(&err);
    printf("tenant %s: schema %s owned by role %s, schema version %d\n", argv[2], info.schema,
           info.role, info.schema_version);
    return EXIT_OK;
}
