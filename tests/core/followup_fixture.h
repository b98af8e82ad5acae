/*
 * followup_fixture.h — what the follow-up tests (test_followup.c, test_evidence.c) share: a
 * temporary database with the taxonomies and the Slovenian demo recommendations of data/, two
 * institutions, the people who act on them (actors; the users behind them exist only where a
 * test needs them to receive reminders), a clock the tests set, and audit-trail lookups.
 */
#ifndef SUIVI_TEST_FOLLOWUP_FIXTURE_H
#define SUIVI_TEST_FOLLOWUP_FIXTURE_H

#include "test.h"

#include "core/accounts.h"
#include "core/audit.h"
#include "core/followup.h"
#include "import/import.h"
#include "store/store.h"

static int64_t fixture_now;

static inline int64_t fixture_clock(void)
{
    return fixture_now;
}

#define DAY_MS (24LL * 3600 * 1000)

/* 2024-03-01T09:00:00Z */
#define FIXTURE_START 1709283600000LL

/* Recommendations of the demo file. */
#define REC_A "SVN-UPR34-121.1"
#define REC_B "SVN-UPR34-121.2"
#define REC_C "SVN-UPR34-121.3"

struct fixture {
    char path[256];
    struct store *st;
    long moj, mlsa; /* institutions */
    struct core_actor admin, coord, coord2, fp_moj, fp_mlsa, nhri, viewer, publik;
};

static inline void quiet(void *ctx, const char *message)
{
    (void)ctx;
    (void)message;
}

static inline int fixture_fail(struct fixture *f, const struct err *err)
{
    fprintf(stderr, "fixture: %s\n", err->msg);
    store_close(f->st);
    f->st = NULL;
    return -1;
}

static inline int fixture_setup(void **state)
{
    static struct fixture f;
    struct err err = {0};
    memset(&f, 0, sizeof f);
    test_tmp_db(f.path, sizeof f.path);
    fixture_now = FIXTURE_START;
    core_clock_set(fixture_clock);
    if (store_open(f.path, STORE_CREATE, &f.st, &err) || import_taxonomies(f.st, "data", &err))
        return fixture_fail(&f, &err);
    struct core_import run;
    struct import_options o = {.warn = quiet};
    if (core_import_begin(&run, f.st, &err))
        return fixture_fail(&f, &err);
    if (import_thematic_list(&run, "data/demo/slovenia-upr-cycle3-thematic-list.md", &o, &err)) {
        core_import_abort(&run);
        return fixture_fail(&f, &err);
    }
    if (core_import_commit(&run, &err))
        return fixture_fail(&f, &err);
    f.admin = (struct core_actor){0, "cli:test", "admin", 0, NULL};
    struct store_institution moj = {0, "MOJ", "Ministry of Justice", "ministry"};
    struct store_institution mlsa = {0, "MLSA", "Ministry of Labour", "ministry"};
    if (core_institution_create(f.st, &f.admin, &moj, &f.moj, &err) ||
        core_institution_create(f.st, &f.admin, &mlsa, &f.mlsa, &err))
        return fixture_fail(&f, &err);
    f.coord = (struct core_actor){901, "coord", "coordinator", 0, NULL};
    f.coord2 = (struct core_actor){902, "coord2", "coordinator", 0, NULL};
    f.fp_moj = (struct core_actor){903, "fp_moj", "focal_point", f.moj, NULL};
    f.fp_mlsa = (struct core_actor){904, "fp_mlsa", "focal_point", f.mlsa, NULL};
    f.nhri = (struct core_actor){905, "nhri", "contributor", 0, NULL};
    f.viewer = (struct core_actor){906, "viewer", "viewer", 0, NULL};
    f.publik = core_actor_public;
    *state = &f;
    return 0;
}

static inline int fixture_teardown(void **state)
{
    struct fixture *f = *state;
    core_clock_set(NULL);
    store_close(f->st);
    test_rm_db(f->path);
    return 0;
}

/* Fails the test with the error's message when rc is not 0. */
#define OK(call)                                                                                   \
    do {                                                                                           \
        struct err ok_err_ = {0};                                                                  \
        struct err *err = &ok_err_;                                                                \
        int ok_rc_ = (call);                                                                       \
        if (ok_rc_)                                                                                \
            fail_msg("%s: %d %s", #call, ok_rc_, ok_err_.msg);                                     \
    } while (0)

/* Assigns rec (or cluster) to institution as lead. */
static inline long fixture_assign(struct fixture *f, const char *rec_id, long cluster_id,
                                  long institution_id)
{
    long id = 0;
    struct core_assignment a = {
        .rec_id = rec_id, .cluster_id = cluster_id, .institution_id = institution_id, .lead = 1};
    OK(core_assign(f->st, &f->admin, &a, &id, err));
    return id;
}

/* A draft report of institution on rec, by actor. */
static inline long fixture_draft(struct fixture *f, const struct core_actor *actor,
                                 const char *rec_id, long institution_id)
{
    long id = 0;
    struct core_progress p = {.rec_id = rec_id,
                              .institution_id = institution_id,
                              .status = CORE_STATUS_IN_PROGRESS,
                              .narrative = "A bill was drafted.\nIt is before parliament."};
    OK(core_progress_draft(f->st, actor, &p, &id, err));
    return id;
}

static inline long fixture_count(struct fixture *f, const char *entity)
{
    long n = -1;
    OK(store_followup_count(f->st, entity, &n, err));
    return n;
}

struct audit_seen {
    int n;
    int with_before, with_after;
    char action[32];
    char before[2048], after[2048];
};

static inline int audit_seen(void *ctx, const struct store_audit *a)
{
    struct audit_seen *s = ctx;
    if (!s->n++) { /* newest first: keep the latest */
        snprintf(s->action, sizeof s->action, "%s", a->action);
        snprintf(s->before, sizeof s->before, "%s", a->before_json ? a->before_json : "");
        snprintf(s->after, sizeof s->after, "%s", a->after_json ? a->after_json : "");
    }
    s->with_before += a->before_json != NULL;
    s->with_after += a->after_json != NULL;
    return 0;
}

/* The audit events of entity (and id when not 0). */
static inline struct audit_seen fixture_audit(struct fixture *f, const char *entity, long id)
{
    struct audit_seen s = {0};
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%ld", id);
    struct store_audit_filter filter = {.entity = entity, .entity_id = id ? id_text : NULL};
    OK(store_audit_each(f->st, &filter, audit_seen, &s, err));
    return s;
}

#endif
