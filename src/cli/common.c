/*
 * common.c — shared pieces of the CLI (see cli.h).
 */
#include "cli/cli.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_fail(const struct err *err)
{
    fprintf(stderr, "suivi: %s\n", err->msg[0] ? err->msg : "failed");
    return err->code == ERR_USAGE ? EXIT_USAGE : EXIT_FAIL;
}

int cli_help(const char *text)
{
    fputs(text, stdout);
    return EXIT_OK;
}

int cli_options_parse(int argc, char **argv, const struct cli_option *table, size_t n, void *opts,
                      char ***args, int *nargs)
{
    struct option longopts[CLI_OPTIONS_MAX + 2];
    if (n > CLI_OPTIONS_MAX) {
        fprintf(stderr, "suivi: %s: more than %d options\n", argv[0], CLI_OPTIONS_MAX);
        return ERR_USAGE;
    }
    for (size_t i = 0; i < n; i++)
        longopts[i] = (struct option){
            table[i].name, table[i].has_arg ? required_argument : no_argument, NULL, 256 + (int)i};
    longopts[n] = (struct option){"help", no_argument, NULL, 'h'};
    longopts[n + 1] = (struct option){NULL, 0, NULL, 0};
    int c, index;
    optind = 0;
    while ((c = getopt_long(argc, argv, "h", longopts, &index)) != -1) {
        if (c == 'h')
            return 1;
        if (c < 256)
            return ERR_USAGE;
        char *field = (char *)opts + table[c - 256].offset;
        if (table[c - 256].has_arg)
            *(const char **)(void *)field = optarg;
        else
            *(int *)(void *)field = 1;
    }
    *args = argv + optind;
    *nargs = argc - optind;
    return 0;
}

const char *cli_db_shown(struct cli *cli)
{
    store_url_shown(cli->db ? cli->db : "", cli->db_shown, sizeof cli->db_shown);
    return cli->db_shown;
}

int cli_open(struct cli *cli, int flags, struct store **out)
{
    struct err err = {0};
    if (!cli->db) {
        err_set(&err, ERR_USAGE, "no database: give --db FILE (or set SUIVI_DB)");
        return cli_fail(&err);
    }
    if (!(flags & STORE_CREATE) && access(cli->db, F_OK) != 0 && !strchr(cli->db, ':')) {
        err_set(&err, ERR_USAGE, "%s: no such database; create it with: suivi --db %s init",
                cli->db, cli->db);
        return cli_fail(&err);
    }
    if (store_open(cli->db, flags, out, &err))
        return cli_fail(&err);
    return EXIT_OK;
}

static int has_taxonomies(const char *dir)
{
    char path[PATH_MAX];
    if ((size_t)snprintf(path, sizeof path, "%s/sdg/sdg_framework_en_fr_es.csv", dir) >=
        sizeof path)
        return 0;
    return access(path, R_OK) == 0;
}

const char *cli_data_dir(struct cli *cli)
{
    static char found[PATH_MAX];
    if (cli->data_dir)
        return has_taxonomies(cli->data_dir) ? cli->data_dir : NULL;
    const char *env = getenv("SUIVI_DATA");
    if (env && *env)
        return has_taxonomies(env) ? env : NULL;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        static const char *const rel[] = {"/../data", "/../share/suivi"};
        for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
            if ((size_t)snprintf(found, sizeof found, "%s%s", exe, rel[i]) < sizeof found &&
                has_taxonomies(found))
                return found;
        }
    }
    static const char *const system_dirs[] = {"/usr/local/share/suivi", "/usr/share/suivi"};
    for (size_t i = 0; i < sizeof system_dirs / sizeof system_dirs[0]; i++)
        if (has_taxonomies(system_dirs[i]))
            return system_dirs[i];
    return NULL;
}

/* build/locale beside the program, or PREFIX/share/locale when installed (moved here from
 * serve.c so that reports load the same catalogues). */
const char *cli_locale_dir(void)
{
    static char dir[PATH_MAX];
    const char *env = getenv("SUIVI_LOCALE");
    if (env && *env)
        return env;
    char exe[PATH_MAX - 64];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return "build/locale";
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    static const char *const rel[] = {"/locale", "/../share/locale"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        if ((size_t)snprintf(dir, sizeof dir, "%s%s", exe, rel[i]) >= sizeof dir)
            continue;
        char probe[PATH_MAX + 64];
        snprintf(probe, sizeof probe, "%s/fr/LC_MESSAGES/suivi.mo", dir);
        if (access(probe, R_OK) == 0)
            return dir;
    }
    return "build/locale";
}
