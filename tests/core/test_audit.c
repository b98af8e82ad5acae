/*
 * test_audit.c — the audit trail (src/core/audit.c) and what records into it: every write of
 * accounts with who, when, before/after and no secret, login success/failure and logout,
 * one event per import run, filters and paging, and reading it only as an administrator.
 */
#include "test.h"

#include "core/accounts.h"
#include "core/audit.h"
#include "core/recommendation.h"
#include "store/store.h"

static int64_t fake_now;

static int64_t fake_clock(void)
{
    return fake_now;
}

static const char password[] = "correct horse battery staple";
static const char new_password[] = "a brand new password";

struct fixture {
    char path[256];
    struct store *st;
    struct core_actor admin;
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
    fake_now = 1700000000123; /* 2023-11-14T22:13:20.123Z */
    core_clock_set(fake_clock);
    f.admin = (struct core_actor){0, "cli:test", "admin", 0, NULL};
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

/* Every event, newest first, as owned copies. */
enum { MAX_EVENTS = 32 };

struct event {
    long actor_id;
    int64_t at;
    char *actor_login, *action, *entity, *entity_id, *before, *after, *ip, *detail;
};

struct events {
    int n;
    struct event e[MAX_EVENTS];
};

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int keep_event(void *ctx, const struct store_audit *a)
{
    struct events *ev = ctx;
    assert_true(ev->n < MAX_EVENTS);
    ev->e[ev->n++] = (struct event){a->actor_id,
                                    a->at,
                                    dup_or_null(a->actor_login),
                                    dup_or_null(a->action),
                                    dup_or_null(a->entity),
                                    dup_or_null(a->entity_id),
                                    dup_or_null(a->before_json),
                                    dup_or_null(a->after_json),
                                    dup_or_null(a->ip),
                                    dup_or_null(a->detail)};
    return 0;
}

static void events_free(struct events *ev)
{
    for (int i = 0; i < ev->n; i++) {
        char **s[] = {&ev->e[i].actor_login, &ev->e[i].action, &ev->e[i].entity,
                      &ev->e[i].entity_id,   &ev->e[i].before, &ev->e[i].after,
                      &ev->e[i].ip,          &ev->e[i].detail};
        for (size_t k = 0; k < sizeof s / sizeof s[0]; k++)
            free(*s[k]);
    }
    ev->n = 0;
}

static void read_events(struct fixture *f, const struct store_audit_filter *filter,
                        struct events *ev, long *total)
{
    struct err err = {0};
    events_free(ev);
    int rc = core_audit_each(f->st, &f->admin, filter, keep_event, ev, total, &err);
    if (rc)
        fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(rc, 0);
}

static void assert_no_secret(const struct event *e, const char *const *secrets, int nsecrets)
{
    const char *fields[] = {e->actor_login, e->action, e->entity, e->entity_id,
                            e->before,      e->after,  e->ip,     e->detail};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        for (int k = 0; k < nsecrets; k++)
            if (fields[i] && strstr(fields[i], secrets[k]))
                fail_msg("event %s %s holds a secret: %s", e->action, e->entity, fields[i]);
}

static void test_every_account_write_is_audited_without_secrets(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    struct store_institution moj = {0, "MOJ", "Ministry of Justice", NULL};
    long inst = 0, alice = 0;
    assert_int_equal(core_institution_create(f->st, &f->admin, &moj, &inst, &err), 0);
    struct core_user_in in = {"alice", "Alice A.", "viewer", 0, password};
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &alice, &err), 0);
    in.role = "focal_point";
    in.institution_id = inst;
    assert_int_equal(core_user_update(f->st, &f->admin, alice, &in, &err), 0);
    struct core_login bad, good;
    assert_int_equal(core_login(f->st, "alice", "not her password", "192.0.2.1", &bad, &err),
                     ERR_DENIED);
    assert_int_equal(core_login(f->st, "alice", password, "192.0.2.1", &good, &err), 0);
    assert_int_equal(core_logout(f->st, good.token, "192.0.2.1", &err), 0);
    assert_int_equal(core_user_password_set(f->st, &f->admin, alice, new_password, &err), 0);
    assert_int_equal(core_user_deactivate(f->st, &f->admin, alice, &err), 0);

    struct buf hash = BUF_INIT;
    assert_int_equal(store_user_password_get(f->st, alice, &hash, &err), 0);
    char token_hash[CORE_TOKEN_HASH_SIZE];
    assert_int_equal(core_token_hash(good.token, token_hash, &err), 0);
    const char *secrets[] = {password,  new_password, buf_str(&hash), good.token,
                             good.csrf, token_hash,   "$argon2"};

    struct events ev = {0};
    long total = 0;
    read_events(f, NULL, &ev, &total);
    static const char *const want[][3] = {
        /* newest first: action, entity, actor */
        {"deactivate", "user", "cli:test"}, {"password", "user", "cli:test"},
        {"logout", "session", "alice"},     {"login", "session", "alice"},
        {"login_failed", "user", "alice"},  {"update", "user", "cli:test"},
        {"create", "user", "cli:test"},     {"create", "institution", "cli:test"},
    };
    assert_int_equal(ev.n, sizeof want / sizeof want[0]);
    assert_int_equal(total, ev.n);
    for (int i = 0; i < ev.n; i++) {
        assert_string_equal(ev.e[i].action, want[i][0]);
        assert_string_equal(ev.e[i].entity, want[i][1]);
        assert_string_equal(ev.e[i].actor_login, want[i][2]);
        assert_int_equal(ev.e[i].at, fake_now);
        assert_no_secret(&ev.e[i], secrets, (int)(sizeof secrets / sizeof secrets[0]));
    }
    /* the update shows the user before and after */
    assert_non_null(strstr(ev.e[5].before, "\"role\":\"viewer\""));
    assert_non_null(strstr(ev.e[5].after, "\"role\":\"focal_point\""));
    assert_non_null(strstr(ev.e[5].after, "\"login\":\"alice\""));
    assert_null(ev.e[6].before);
    assert_non_null(strstr(ev.e[6].after, "\"name\":\"Alice A.\""));
    assert_non_null(strstr(ev.e[7].after, "\"code\":\"MOJ\""));
    /* deactivation: active before, inactive after */
    assert_non_null(strstr(ev.e[0].before, "\"active\":true"));
    assert_non_null(strstr(ev.e[0].after, "\"active\":false"));
    /* logins carry the address and the user; the failure says why */
    assert_string_equal(ev.e[3].ip, "192.0.2.1");
    assert_int_equal(ev.e[3].actor_id, alice);
    assert_string_equal(ev.e[4].detail, "wrong password");
    assert_string_equal(ev.e[2].entity_id, ev.e[3].entity_id); /* the same session */
    events_free(&ev);
    buf_free(&hash);
}

static void test_refused_write_leaves_no_event(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    long id;
    struct core_user_in in = {"alice", NULL, "viewer", 0, password};
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), 0);
    assert_int_equal(core_user_create(f->st, &f->admin, &in, &id, &err), ERR_INPUT);
    struct core_actor viewer = {id, "alice", "viewer", 0, NULL};
    in.login = "bob";
    assert_int_equal(core_user_create(f->st, &viewer, &in, &id, &err), ERR_DENIED);
    struct events ev = {0};
    long total = 0;
    read_events(f, NULL, &ev, &total);
    assert_int_equal(total, 1);
    events_free(&ev);
}

static void test_filters_select_entity_actor_action_and_time(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    long ids[3];
    const char *logins[] = {"ann", "ben", "cat"};
    for (int i = 0; i < 3; i++) {
        struct core_user_in in = {logins[i], NULL, "viewer", 0, password};
        assert_int_equal(core_user_create(f->st, &f->admin, &in, &ids[i], &err), 0);
        fake_now += 1000;
    }
    struct core_actor other = {0, "cli:other", "admin", 0, NULL};
    assert_int_equal(core_user_deactivate(f->st, &other, ids[1], &err), 0);
    struct events ev = {0};
    long total = 0;
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%ld", ids[1]);
    struct store_audit_filter by_id = {.entity = "user", .entity_id = id_text};
    read_events(f, &by_id, &ev, &total);
    assert_int_equal(total, 2);
    assert_string_equal(ev.e[0].action, "deactivate");
    assert_string_equal(ev.e[1].action, "create");
    struct store_audit_filter by_actor = {.actor_login = "CLI:OTHER"};
    read_events(f, &by_actor, &ev, &total);
    assert_int_equal(total, 1);
    struct store_audit_filter by_action = {.action = "create", .limit = 2};
    read_events(f, &by_action, &ev, &total);
    assert_int_equal(total, 3);
    assert_int_equal(ev.n, 2);
    snprintf(id_text, sizeof id_text, "%ld", ids[2]);
    assert_string_equal(ev.e[0].entity_id, id_text); /* the newest first */
    struct store_audit_filter page2 = {.action = "create", .limit = 2, .offset = 2};
    read_events(f, &page2, &ev, &total);
    assert_int_equal(ev.n, 1);
    snprintf(id_text, sizeof id_text, "%ld", ids[0]);
    assert_string_equal(ev.e[0].entity_id, id_text); /* the oldest comes last */
    /* since <= at < until, to the millisecond */
    struct store_audit_filter window = {.since = 1700000000123 + 1000,
                                        .until = 1700000000123 + 2000};
    read_events(f, &window, &ev, &total);
    assert_int_equal(total, 1);
    snprintf(id_text, sizeof id_text, "%ld", ids[1]);
    assert_string_equal(ev.e[0].entity_id, id_text);
    events_free(&ev);
}

static void test_time_is_utc_with_milliseconds(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    char text[CORE_TIME_SIZE];
    core_time_format(1700000000123, text);
    assert_string_equal(text, "2023-11-14T22:13:20.123Z");
    core_time_format(5, text);
    assert_string_equal(text, "1970-01-01T00:00:00.005Z");
    assert_int_equal(core_audit_note(f->st, &f->admin, "test", "thing", "1", "a note", &err), 0);
    struct events ev = {0};
    read_events(f, NULL, &ev, NULL);
    assert_int_equal(ev.n, 1);
    assert_int_equal(ev.e[0].at, 1700000000123);
    assert_string_equal(ev.e[0].detail, "a note");
    events_free(&ev);
    core_clock_set(NULL);
    int64_t now = core_now();
    assert_true(now > 1700000000000 && now < 4102444800000); /* the real clock: 2023..2100 */
}

static void test_reading_the_trail_needs_an_administrator(void **state)
{
    struct fixture *f = *state;
    struct err err = {0};
    struct core_actor coordinator = {2, "carol", "coordinator", 0, NULL};
    struct events ev = {0};
    assert_int_equal(core_audit_each(f->st, &coordinator, NULL, keep_event, &ev, NULL, &err),
                     ERR_DENIED);
    assert_int_equal(core_audit_each(f->st, NULL, NULL, keep_event, &ev, NULL, &err), ERR_DENIED);
    assert_int_equal(ev.n, 0);
}

static void import_two(struct fixture *f, const struct core_actor *actor, int commit)
{
    struct err err = {0};
    struct core_import run;
    assert_int_equal(core_import_begin(&run, f->st, &err), 0);
    run.actor = actor;
    for (int i = 0; i < 2; i++) {
        struct core_rec_in in = {.id = i ? "XXX-1" : "XXX-2",
                                 .country = "Nowhere",
                                 .source_file = "upload.csv",
                                 .source_line = i + 2};
        in.text[0] = "Ratify the convention";
        assert_int_equal(core_import_rec(&run, &in, &err), 0);
    }
    if (commit)
        assert_int_equal(core_import_commit(&run, &err), 0);
    else
        core_import_abort(&run);
}

static void test_import_run_records_one_event_with_counts(void **state)
{
    struct fixture *f = *state;
    struct core_actor coordinator = {4, "carol", "coordinator", 0, "192.0.2.4"};
    import_two(f, NULL, 1);
    import_two(f, &coordinator, 1);
    import_two(f, NULL, 0); /* aborted: nothing */
    struct events ev = {0};
    struct store_audit_filter imports = {.entity = "import"};
    long total = 0;
    read_events(f, &imports, &ev, &total);
    assert_int_equal(total, 2);
    assert_string_equal(ev.e[0].actor_login, "carol");
    assert_int_equal(ev.e[0].actor_id, 4);
    assert_string_equal(ev.e[0].ip, "192.0.2.4");
    assert_string_equal(ev.e[0].entity_id, "upload.csv");
    assert_non_null(strstr(ev.e[0].after, "\"rows\":2,\"inserted\":0,\"updated\":0,"
                                          "\"unchanged\":2"));
    assert_non_null(strstr(ev.e[1].after, "\"inserted\":2"));
    assert_int_equal(strncmp(ev.e[1].actor_login, "cli:", 4), 0);
    assert_string_equal(ev.e[1].action, "import");
    read_events(f, NULL, &ev, &total);
    assert_int_equal(total, 2); /* not one event per recommendation */
    events_free(&ev);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_every_account_write_is_audited_without_secrets),
        T(test_refused_write_leaves_no_event),
        T(test_filters_select_entity_actor_action_and_time),
        T(test_time_is_utc_with_milliseconds),
        T(test_reading_the_trail_needs_an_administrator),
        T(test_import_run_records_one_event_with_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
