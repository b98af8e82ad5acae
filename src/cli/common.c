/*
 * common.c — shared pieces of the CLI (see cli.h).
 */
#include "cli/cli.h"

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
