/*
 * test_login_race.c — the login limit holds under concurrent attempts (src/core/accounts.c's
 * reserve_attempt and the store's transactions): processes that try wrong passwords for the same
 * login at the same moment, each on its own connection, get exactly
 * CORE_LOGIN_FAILURES_PER_LOGIN "wrong login or password" answers and "too many failed logins"
 * for the rest, on SQLite and (SUIVI_TEST_PG) on PostgreSQL alike.
 */
#include "test.h"

#include <sys/wait.h>

#include "core/accounts.h"
#include "store/store.h"

enum { ATTEMPTS = 12 };
enum { ANSWER_WRONG = 10, ANSWER_LIMITED = 11, ANSWER_OTHER = 12 };

static const char good_password[] = "correct horse battery staple";

/* One attempt in a child process: waits for the start signal, tries, answers by exit code. */
static void attempt(const char *path, int start_fd, int n)
{
    struct err err = {0};
    struct store *st = NULL;
    if (store_open(path, 0, &st, &err)) {
        fprintf(stderr, "attempt %d: %s\n", n, err.msg);
        _exit(ANSWER_OTHER);
    }
    char go;
    if (read(start_fd, &go, 1) != 1)
        _exit(ANSWER_OTHER);
    char ip[32];
    snprintf(ip, sizeof ip, "192.0.2.%d", n + 1); /* the per-address limit stays out of it */
    struct core_login out;
    int rc = core_login(st, "alice", "not the password", ip, &out, &err);
    store_close(st);
    if (rc == ERR_DENIED)
        _exit(ANSWER_WRONG);
    if (rc == CORE_ERR_LOGIN_LIMITED)
        _exit(ANSWER_LIMITED);
    fprintf(stderr, "attempt %d: %d %s\n", n, rc, err.msg);
    _exit(ANSWER_OTHER);
}

static void test_concurrent_failed_logins_do_not_beat_the_limit(void **state)
{
    (void)state;
    char path[256];
    struct err err = {0};
    struct store *st = NULL;
    test_tmp_db(path, sizeof path);
    assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
    struct core_actor admin = {0, "cli:test", "admin", 0, NULL};
    struct core_user_in in = {"alice", "Alice", "viewer", 0, good_password};
    long id = 0;
    assert_int_equal(core_user_create(st, &admin, &in, &id, &err), 0);
    store_close(st);

    int start[2];
    assert_int_equal(pipe(start), 0);
    pid_t pids[ATTEMPTS];
    for (int i = 0; i < ATTEMPTS; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (!pids[i]) {
            close(start[1]);
            attempt(path, start[0], i);
        }
    }
    close(start[0]);
    char go[ATTEMPTS];
    memset(go, 'g', sizeof go);
    assert_int_equal(write(start[1], go, sizeof go), ATTEMPTS); /* all at once */
    close(start[1]);
    int wrong = 0, limited = 0, other = 0;
    for (int i = 0; i < ATTEMPTS; i++) {
        int status = 0;
        assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : ANSWER_OTHER;
        wrong += code == ANSWER_WRONG;
        limited += code == ANSWER_LIMITED;
        other += code != ANSWER_WRONG && code != ANSWER_LIMITED;
    }
    test_rm_db(path);
    assert_int_equal(other, 0);
    assert_int_equal(wrong, CORE_LOGIN_FAILURES_PER_LOGIN);
    assert_int_equal(limited, ATTEMPTS - CORE_LOGIN_FAILURES_PER_LOGIN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_failed_logins_do_not_beat_the_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
