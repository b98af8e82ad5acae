/*
 * test_accounts.c — passwords, tokens, users, logins and sessions (src/core/accounts.c and
 * src/core/password.c) through their public API, on a temporary database and a clock the
 * tests set, so expiry and rate limits are checked without sleeping.
 */
#include "test.h"

#include "core/accounts.h"
#include "core/audit.h"
#include "store/store.h"

static int64_t fake_now;

static int64_t fake_clock(void)
{
    return fake_now;
}

enum { MINUTE = 60 * 1000, HOUR = 60 * MINUTE, DAY = 24 * HOUR };

static const char good_password[] = "correct horse battery staple";

struct fixture {
    char path[256];
    struct store *st;
    struct core_actor admin;
    long institution_id;
};

static int setup(void **state)
{
    static struct fixture f;
    struct err err = {0};
    memset(&f, 0, sizeof f);
    test_tmp_db(f.path, sizeof f.path);
    if (store_open(f.path, STORE_CREATE, &f.st, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    fake_now = 1700000000000; /* 2023-11-14T22:13:20Z */
    core_clock_set(fake_clock);
    f.admin = (struct core_actor){0, "cli:test", "admin", 0, NULL};
    struct store_institution moj = {0, "MOJ", "Ministry of Justice", "ministry"};
    if (core_institution_create(f.st, &f.admin, &moj, &f.institution_id, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    core_clock_set(NULL);
    store_close(f->st);
    test_rm_db(f->path);
    return 0;
}

static long add_user(struct fixture *f, const char *login, const char *role)
{
    struct err err = {0};
    struct core_user_in in = {login, "A Person", role,
                              strcmp(role, "focal_point") ? 0 : f->institution_id, good_password};
    long id = 0;
    int rc = core_user_create(f->st, &f->admin, &in, &id, &err);
    if (rc)
        fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_true(id > 0);
    return id;
}

static int login(struct fixture *f, const char *who, const char *password, const char *ip,
                 struct core_login *out, struct err *err)
{
    return core_login(f->st, who, password, ip, out, err);
}

static void test_password_hash_verifies_right_and_refuses_wrong(void **state)
{
    (void)state;
    struct err err = {0};
    char h1[CORE_PASSWORD_HASH_SIZE], h2[CORE_PASSWORD_HASH_SIZE];
    assert_int_equal(core_password_hash(good_password, h1, &err), 0);
    assert_int_equal(core_password_hash(good_password, h2, &err), 0);
    assert_int_equal(strncmp(h1, "$argon2id$", 10), 0);
    assert_string_not_equal(h1, h2); /* salted */
    assert_null(strstr(h1, good_password));
    assert_int_equal(core_password_verify(h1, good_password), 1);
    assert_int_equal(core_password_verify(h2, good_password), 1);
    assert_int_equal(core_password_verify(h1, "correct horse battery stapler"), 0);
    assert_int_equal(core_password_verify(h1, ""), 0);
    assert_int_equal(core_password_verify("not a hash", good_password), 0);
}

static void test_tokens_are_unique_url_safe_and_hashed(void **state)
{
    (void)state;
    struct err err = {0};
    enum { N = 200 };
    static char tokens[N][CORE_TOKEN_SIZE];
    for (int i = 0; i < N; i++) {
        assert_int_equal(core_token_new(tokens[i], &err), 0);
        assert_int_equal(strlen(tokens[i]), 43);
        assert_int_equal(strspn(tokens[i], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                           "0123456789-_"),
                         43);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(tokens[i], tokens[j]);
    }
    char h1[CORE_TOKEN_HASH_SIZE], h2[CORE_TOKEN_HASH_SIZE];
    assert_int_equal(core_token_hash(tokens[0], h1, &err), 0);
    assert_int_equal(core_token_hash(tokens[0], h2, &err), 0);
    assert_string_equal(h1, h2);
    assert_int_equal(strlen(h1), 64);
    assert_int_equal(strspn(h1, "0123456789abcdef"), 64);
    assert_int_equal(core_token_hash(tokens[1], h2, &err), 0);
    assert_string_not_equal(h1, h2);
    assert_int_equal(core_token_equal(tokens[0], tokens[0]), 1);
    assert_int_equal(core_token_equal(tokens[0], tokens[1]), 0);
    assert_int_equal(core_token_equal("", ""), 0);
    assert_int_equal(core_token_equal(tokens[0], NULL), 0);
}

struct seen_sessions {
    int n;
    char hash[4][CORE_TOKEN_HASH_SIZE];
    char csrf[4][CORE_TOKEN_SIZE];
    long user_id[4];
};

static int remember_session(void *ctx, const struct store_session *s, const struct store_user *u)
{
    struct seen_sessions *seen = ctx;
    assert_true(seen->n < 4);
    snprintf(seen->hash[seen->n], CORE_TOKEN_HASH_SIZE, "%s", s->token_hash);
    snprintf(seen->csrf[seen->n], CORE_TOKEN_SIZE, "%s", s->csrf_token);
    seen->user_id[seen->n] = u->id;
    seen->n++;
    return 0;
}

static void test_session_table_holds_only_the_token_hash(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    long id = add_user(f, "alice", "coordinator");
    struct core_login a, b;
    assert_int_equal(login(f, "alice", good_password, "192.0.2.1", &a, &err), 0);
    assert_int_equal(login(f, "alice", good_password, "192.0.2.1", &b, &err), 0);
    assert_string_not_equal(a.token, b.token);
    assert_string_not_equal(a.token, a.csrf);
    struct seen_sessions seen = {0};
    assert_int_equal(store_session_each(f->st, 0, remember_session, &seen, &err), 0);
    assert_int_equal(seen.n, 2);
    char expect[CORE_TOKEN_HASH_SIZE];
    assert_int_equal(core_token_hash(a.token, expect, &err), 0);
    int found = 0;
    for (int i = 0; i < seen.n; i++) {
        assert_int_equal(seen.user_id[i], id);
        assert_null(strstr(seen.hash[i], a.token));
        assert_null(strstr(seen.hash[i], b.token));
        assert_string_not_equal(seen.csrf[i], a.token);
        assert_string_not_equal(seen.csrf[i], b.token);
        found += !strcmp(seen.hash[i], expect);
    }
    assert_int_equal(found, 1);
    /* the stored hash is no key: presenting it as a token does not open the session */
    struct core_session s;
    assert_int_equal(core_session_check(f->st, expect, NULL, &s, &err), ERR_DENIED);
    assert_int_equal(core_session_check(f->st, a.token, "192.0.2.1", &s, &err), 0);
    assert_string_equal(s.actor.login, "alice");
    assert_string_equal(s.actor.role, "coordinator");
    assert_int_equal(s.actor.user_id, id);
    assert_string_equal(s.actor.ip, "192.0.2.1");
    assert_int_equal(core_session_csrf_ok(&s, a.csrf), 1);
    assert_int_equal(core_session_csrf_ok(&s, b.csrf), 0);
    assert_int_equal(core_session_csrf_ok(&s, NULL), 0);
}

static void test_unknown_login_and_wrong_password_look_the_same(void **state)
{
    struct fixture *f = *state;
    struct err e1 = {0}, e2 = {0};
    add_user(f, "alice", "viewer");
    struct core_login out;
    assert_int_equal(login(f, "alice", "not the password", NULL, &out, &e1), ERR_DENIED);
    assert_int_equal(login(f, "bob", "not the password", NULL, &out, &e2), ERR_DENIED);
    assert_string_equal(e1.msg, "wrong login or password");
    assert_string_equal(e2.msg, e1.msg);
    assert_string_equal(out.token, "");
}

static void test_login_ignores_case_of_the_login(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    long id = add_user(f, "Alice", "viewer");
    struct core_login out;
    assert_int_equal(login(f, "aLICE", good_password, NULL, &out, &err), 0);
    assert_int_equal(out.user_id, id);
}

static void test_sixth_attempt_refused_even_with_right_password(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    add_user(f, "alice", "viewer");
    struct core_login out;
    int64_t first = fake_now;
    for (int i = 0; i < CORE_LOGIN_FAILURES_PER_LOGIN; i++) {
        assert_int_equal(login(f, "alice", "wrong password!", "192.0.2.1", &out, &err), ERR_DENIED);
        fake_now += 1000;
    }
    assert_int_equal(login(f, "alice", good_password, "192.0.2.9", &out, &err),
                     CORE_ERR_LOGIN_LIMITED);
    assert_non_null(strstr(err.msg, "too many failed logins for \"alice\""));
    assert_non_null(strstr(err.msg, "try again in 15 minutes"));
    assert_int_equal(out.retry_at, first + CORE_LOGIN_WINDOW_MS);
    assert_string_equal(out.token, "");
    /* the same login in other letters is the same login */
    assert_int_equal(login(f, "ALICE", good_password, NULL, &out, &err), CORE_ERR_LOGIN_LIMITED);
    /* once the oldest failure is 15 minutes old, the window has room again */
    fake_now = first + CORE_LOGIN_WINDOW_MS;
    assert_int_equal(login(f, "alice", good_password, NULL, &out, &err), 0);
}

static void test_successful_login_clears_failures(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    add_user(f, "alice", "viewer");
    struct core_login out;
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < CORE_LOGIN_FAILURES_PER_LOGIN - 1; i++)
            assert_int_equal(login(f, "alice", "wrong password!", NULL, &out, &err), ERR_DENIED);
        /* 4, then 8 failures in the window if success did not clear them */
        assert_int_equal(login(f, "alice", good_password, NULL, &out, &err), 0);
        fake_now += MINUTE;
    }
}

static void test_failures_from_one_address_limit_every_login(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    add_user(f, "alice", "viewer");
    struct core_login out;
    char who[32];
    for (int i = 0; i < CORE_LOGIN_FAILURES_PER_IP; i++) {
        snprintf(who, sizeof who, "guess%d", i);
        assert_int_equal(login(f, who, "wrong password!", "203.0.113.7", &out, &err), ERR_DENIED);
    }
    assert_int_equal(login(f, "alice", good_password, "203.0.113.7", &out, &err),
                     CORE_ERR_LOGIN_LIMITED);
    assert_non_null(strstr(err.msg, "from \"203.0.113.7\""));
    assert_int_equal(login(f, "alice", good_password, "198.51.100.1", &out, &err), 0);
}

static void test_session_slides_with_use_and_expires_when_idle(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    add_user(f, "alice", "viewer");
    struct core_login in;
    struct core_session s;
    int64_t start = fake_now;
    assert_int_equal(login(f, "alice", good_password, NULL, &in, &err), 0);
    assert_int_equal(in.expires_at, start + CORE_SESSION_IDLE_MS);
    fake_now = start + 7 * HOUR;
    assert_int_equal(core_session_check(f->st, in.token, NULL, &s, &err), 0);
    assert_int_equal(s.expires_at, fake_now + CORE_SESSION_IDLE_MS);
    fake_now = start + 14 * HOUR; /* past the first expiry, within the slid one */
    assert_int_equal(core_session_check(f->st, in.token, NULL, &s, &err), 0);
    fake_now += CORE_SESSION_IDLE_MS - 1;
    assert_int_equal(core_session_check(f->st, in.token, NULL, &s, &err), 0);
    fake_now += CORE_SESSION_IDLE_MS;
    assert_int_equal(core_session_check(f->st, in.token, NULL, &s, &err), ERR_DENIED);
    assert_non_null(strstr(err.msg, "expired"));
    /* and it stays expired */
    fake_now -= CORE_SESSION_IDLE_MS;
    assert_int_equal(core_session_check(f->st, in.token, NULL, &s, &err), ERR_DENIED);
}

static void test_session_never_outlives_its_maximum_age(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    add_user(f, "alice", "viewer");
    struct core_login in;
    struct core_session s;
    int64_t start = fake_now;
    assert_int_equal(login(f, "alice", good_password, NULL, &in, &err), 0);
    for (fake_now = start + 7 * HOUR; fake_now < start + CORE_SESSION_MAX_MS; fake_now += 7 * HOUR)
        assert_int_equal(core_session_check(f->st, in.token, NULL, &s, &err), 0);
    assert_int_equal(s.expires_at, start + CORE_SESSION_MAX_MS);
    fake_now = start + CORE_SESSION_MAX_MS;
    assert_int_equal(core_session_check(f->st, in.token, NULL, &s, &err), ERR_DENIED);
}

static void test_activity_is_written_at_most_once_a_minute(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    add_user(f, "alice", "viewer");
    struct core_login in;
    struct core_session s;
    int64_t start = fake_now;
    assert_int_equal(login(f, "alice", good_password, NULL, &in, &err), 0);
    fake_now = start + 30 * 1000;
    assert_int_equal(core_session_check(f->st, in.token, NULL, &s, &err), 0);
    assert_int_equal(s.expires_at, start + CORE_SESSION_IDLE_MS); /* not written */
    fake_now = start + CORE_SESSION_TOUCH_MS;
    assert_int_equal(core_session_check(f->st, in.token, NULL, &s, &err), 0);
    assert_int_equal(s.expires_at, fake_now + CORE_SESSION_IDLE_MS);
}

static void test_focal_point_without_institution_refused(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    long id = 0;
    struct core_user_in in = {"fp", NULL, "focal_point", 0, good_password};
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "institution"));
    assert_non_null(strstr(err.msg, "focal_point"));
    in.institution_id = f->institution_id + 100;
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "no institution with id"));
    in.institution_id = f->institution_id;
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), 0);
    struct core_login out;
    struct core_session s;
    assert_int_equal(login(f, "fp", good_password, NULL, &out, &err), 0);
    assert_int_equal(core_session_check(f->st, out.token, NULL, &s, &err), 0);
    assert_int_equal(s.actor.institution_id, f->institution_id);
}

static void test_short_password_refused_with_clear_message(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    long id = 0;
    struct core_user_in in = {"bob", NULL, "viewer", 0, "elevenchars"};
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), ERR_INPUT);
    assert_string_equal(err.msg, "password: 11 characters, expected at least 12 (a few words make "
                                 "a good one)");
    in.password = "éééééééééééé"; /* 12 characters, 24 bytes */
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), 0);
    in.login = "carol";
    in.password = "ééééééééééé"; /* 22 bytes but 11 characters */
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), ERR_INPUT);
}

static void test_bad_login_role_and_taken_login_refused(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    long id = 0;
    struct core_user_in in = {"cli:bob", NULL, "viewer", 0, good_password};
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "login \"cli:bob\": expected"));
    in.login = "bob";
    in.role = "superuser";
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "role \"superuser\": expected admin"));
    in.role = "public";
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), ERR_INPUT);
    in.role = "viewer";
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), 0);
    in.login = "BOB";
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), ERR_INPUT);
    assert_non_null(strstr(err.msg, "already taken"));
}

static void test_only_an_administrator_manages_users(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    long id = 0, bob = add_user(f, "bob", "viewer");
    struct core_actor coordinator = {7, "carol", "coordinator", 0, NULL};
    struct core_user_in in = {"dave", NULL, "admin", 0, good_password};
    assert_int_equal(core_user_create(f->st, &coordinator, &in, &id, &err), ERR_DENIED);
    assert_int_equal(core_user_create(f->st, NULL, &in, &id, &err), ERR_DENIED);
    assert_int_equal(core_user_deactivate(f->st, &coordinator, bob, &err), ERR_DENIED);
    assert_int_equal(
        core_user_password_set(f->st, &coordinator, bob, "another good password", &err),
        ERR_DENIED);
    /* but everyone may change their own password */
    struct core_actor self = {bob, "bob", "viewer", 0, NULL};
    assert_int_equal(core_user_password_set(f->st, &self, bob, "another good password", &err), 0);
}

static void test_password_change_ends_every_session_of_the_user(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    long alice = add_user(f, "alice", "viewer");
    add_user(f, "bob", "viewer");
    struct core_login a1, a2, b;
    struct core_session s;
    assert_int_equal(login(f, "alice", good_password, NULL, &a1, &err), 0);
    assert_int_equal(login(f, "alice", good_password, NULL, &a2, &err), 0);
    assert_int_equal(login(f, "bob", good_password, NULL, &b, &err), 0);
    assert_int_equal(core_user_password_set(f->st, &f->admin, alice, "a brand new password", &err),
                     0);
    assert_int_equal(core_session_check(f->st, a1.token, NULL, &s, &err), ERR_DENIED);
    assert_int_equal(core_session_check(f->st, a2.token, NULL, &s, &err), ERR_DENIED);
    assert_int_equal(core_session_check(f->st, b.token, NULL, &s, &err), 0);
    assert_int_equal(login(f, "alice", good_password, NULL, &a1, &err), ERR_DENIED);
    assert_int_equal(login(f, "alice", "a brand new password", NULL, &a1, &err), 0);
}

static void test_deactivated_user_cannot_log_in_and_loses_sessions(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    long alice = add_user(f, "alice", "viewer");
    struct core_login in;
    struct core_session s;
    assert_int_equal(login(f, "alice", good_password, NULL, &in, &err), 0);
    assert_int_equal(core_user_deactivate(f->st, &f->admin, alice, &err), 0);
    assert_int_equal(core_session_check(f->st, in.token, NULL, &s, &err), ERR_DENIED);
    assert_int_equal(login(f, "alice", good_password, NULL, &in, &err), ERR_DENIED);
    assert_non_null(strstr(err.msg, "deactivated"));
    assert_int_equal(login(f, "alice", "wrong password!", NULL, &in, &err), ERR_DENIED);
    assert_string_equal(err.msg, "wrong login or password");
    struct core_actor self = {alice, "alice", "admin", 0, NULL};
    assert_int_equal(core_user_deactivate(f->st, &self, alice, &err), ERR_INPUT);
    assert_int_equal(core_user_activate(f->st, &f->admin, alice, &err), 0);
    assert_int_equal(login(f, "alice", good_password, NULL, &in, &err), 0);
}

static void test_logout_ends_the_session(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    add_user(f, "alice", "viewer");
    struct core_login in;
    struct core_session s;
    assert_int_equal(login(f, "alice", good_password, NULL, &in, &err), 0);
    assert_int_equal(core_logout(f->st, in.token, NULL, &err), 0);
    assert_int_equal(core_session_check(f->st, in.token, NULL, &s, &err), ERR_DENIED);
    assert_int_equal(core_logout(f->st, in.token, NULL, &err), 0); /* twice is harmless */
    assert_int_equal(core_session_check(f->st, "", NULL, &s, &err), ERR_DENIED);
    assert_int_equal(core_session_check(f->st, NULL, NULL, &s, &err), ERR_DENIED);
}

static void test_purge_removes_expired_sessions_only(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    add_user(f, "alice", "viewer");
    struct core_login old, fresh;
    assert_int_equal(login(f, "alice", good_password, NULL, &old, &err), 0);
    fake_now += 7 * HOUR;
    assert_int_equal(login(f, "alice", good_password, NULL, &fresh, &err), 0);
    fake_now += 2 * HOUR;
    long purged = -1;
    assert_int_equal(core_session_purge(f->st, &purged, &err), 0);
    assert_int_equal(purged, 1);
    struct seen_sessions seen = {0};
    assert_int_equal(store_session_each(f->st, 0, remember_session, &seen, &err), 0);
    assert_int_equal(seen.n, 1);
}

static void test_ensure_admin_creates_admin_once_with_generated_password(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    char generated[CORE_PASSWORD_GENERATED_SIZE];
    int created = -1;
    assert_int_equal(core_accounts_ensure_admin(f->st, NULL, generated, &created, &err), 0);
    assert_int_equal(created, 1);
    assert_int_equal(strlen(generated), CORE_PASSWORD_GENERATED_SIZE - 1);
    struct core_login in;
    struct core_session s;
    assert_int_equal(login(f, "admin", generated, NULL, &in, &err), 0);
    assert_int_equal(core_session_check(f->st, in.token, NULL, &s, &err), 0);
    assert_string_equal(s.actor.role, "admin");
    assert_int_equal(core_accounts_ensure_admin(f->st, NULL, generated, &created, &err), 0);
    assert_int_equal(created, 0);
    assert_string_equal(generated, "");
}

static void test_ensure_admin_uses_given_password_and_does_nothing_with_users(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    char generated[CORE_PASSWORD_GENERATED_SIZE];
    int created = -1;
    assert_int_equal(core_accounts_ensure_admin(f->st, "short", generated, &created, &err),
                     ERR_INPUT);
    assert_int_equal(created, 0);
    assert_int_equal(core_accounts_ensure_admin(f->st, good_password, generated, &created, &err),
                     0);
    assert_int_equal(created, 1);
    assert_string_equal(generated, "");
    struct core_login in;
    assert_int_equal(login(f, "admin", good_password, NULL, &in, &err), 0);
}

static void test_ensure_admin_leaves_a_database_with_users_alone(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    add_user(f, "alice", "viewer");
    char generated[CORE_PASSWORD_GENERATED_SIZE];
    int created = -1;
    assert_int_equal(core_accounts_ensure_admin(f->st, NULL, generated, &created, &err), 0);
    assert_int_equal(created, 0);
    struct core_login in;
    assert_int_equal(login(f, "admin", good_password, NULL, &in, &err), ERR_DENIED);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_password_hash_verifies_right_and_refuses_wrong),
        cmocka_unit_test(test_tokens_are_unique_url_safe_and_hashed),
        T(test_session_table_holds_only_the_token_hash),
        T(test_unknown_login_and_wrong_password_look_the_same),
        T(test_login_ignores_case_of_the_login),
        T(test_sixth_attempt_refused_even_with_right_password),
        T(test_successful_login_clears_failures),
        T(test_failures_from_one_address_limit_every_login),
        T(test_session_slides_with_use_and_expires_when_idle),
        T(test_session_never_outlives_its_maximum_age),
        T(test_activity_is_written_at_most_once_a_minute),
        T(test_focal_point_without_institution_refused),
        T(test_short_password_refused_with_clear_message),
        T(test_bad_login_role_and_taken_login_refused),
        T(test_only_an_administrator_manages_users),
        T(test_password_change_ends_every_session_of_the_user),
        T(test_deactivated_user_cannot_log_in_and_loses_sessions),
        T(test_logout_ends_the_session),
        T(test_purge_removes_expired_sessions_only),
        T(test_ensure_admin_creates_admin_once_with_generated_password),
        T(test_ensure_admin_uses_given_password_and_does_nothing_with_users),
        T(test_ensure_admin_leaves_a_database_with_users_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
