/*
 * followup_fixture.h — what the tests of the follow-up reports (test_matrix.c, test_draft.c,
 * test_dashboard.c) share: hand-made implementation-matrix rows in French and Spanish (accents,
 * ñ, « guillemets », œ, hostile markup), the catalogues in build/locale (or $SUIVI_LOCALE_DIR),
 * and the helpers that run the real tools (pdftotext, unzip, xmllint, libreoffice) on the files.
 * Header-only: each test is one program.
 */
#ifndef SUIVI_TESTS_REPORT_FOLLOWUP_FIXTURE_H
#define SUIVI_TESTS_REPORT_FOLLOWUP_FIXTURE_H

#include "test.h"

#include "core/followup.h"
#include "report/rows.h"
#include "util/buf.h"
#include "web/i18n.h"

/* pango, fontconfig and glib keep process-wide caches that LeakSanitizer would report */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig\nleak:libpango\nleak:libglib\nleak:libgobject\nleak:libharfbuzz\n"
           "leak:libcairo\n";
}

#define FR_TEXT "Garantir l’accès des « femmes autochtones » à la justice et œuvrer pour l’égalité"
#define ES_TEXT "Proteger a los niños y las niñas indígenas contra la violencia"
#define EN_TEXT "Guarantee access to justice for indigenous women"
#define HOSTILE_TEXT "=HYPERLINK(\"x\") <script>alert(1)</script> & \x01"
#define MJ_NAME "Ministère de la Justice"
#define DD_NAME "Défenseur des droits"

/* One hand-made row and everything it points to. */
struct fixture_row {
    char id[32], paragraph[16], text_fr[256], text_es[256], narrative[160];
    struct store_rec rec;
    struct store_tag tags[6];
    struct store_state_ref states[2];
    struct core_assignment as[3];
    struct core_plan_action act[2];
    struct core_indicator ind[1];
    long clusters[2];
    struct core_matrix_row row;
};

/* Row number i (1-based) of a UPR-like State "Slovénie": responses, statuses, themes, SDGs,
 * groups, institutions and actions vary with i; row 7 carries hostile text. */
static inline void fixture_row_make(struct fixture_row *f, int i)
{
    static const char *const responses[] = {"supported", "noted", "partially_supported"};
    memset(f, 0, sizeof *f);
    snprintf(f->id, sizeof f->id, "SVN-UPR34-121.%d", i);
    snprintf(f->paragraph, sizeof f->paragraph, "121.%d", i);
    snprintf(f->text_fr, sizeof f->text_fr, "%s (n° %d)", i == 7 ? HOSTILE_TEXT : FR_TEXT, i);
    snprintf(f->text_es, sizeof f->text_es, "%s (n.º %d)", ES_TEXT, i);
    snprintf(f->narrative, sizeof f->narrative, "Loi adoptée en 2024 ; formation des juges (%d)",
             i);
    f->rec = (struct store_rec){.id = f->id,
                                .kind = "recommendation",
                                .mechanism = "upr",
                                .body = i % 4 == 3 ? "CEDAW" : "UPR",
                                .document = "A/HRC/43/15",
                                .paragraph = f->paragraph,
                                .country = "SVN",
                                .country_label = "Slovenia",
                                .session = 34,
                                .cycle = 3,
                                .response = responses[i % 3]};
    f->rec.cluster_theme = i % 2 ? "Égalité entre les femmes et les hommes" : "Niñez";
    f->rec.text[TEXT_LANG_EN] = EN_TEXT;
    f->rec.text[TEXT_LANG_FR] = f->text_fr;
    f->rec.text[TEXT_LANG_ES] = f->text_es;
    f->states[0] = (struct store_state_ref){"FRA", "France"};
    f->states[1] = (struct store_state_ref){"ESP", "España"};
    f->rec.states = f->states;
    f->rec.nstates = 2;
    f->tags[0] = (struct store_tag){"uhri_theme", "Women's rights", "Droits des femmes", 0, 0};
    f->tags[1] = (struct store_tag){"sdg", i % 2 ? "5" : "16", NULL, 0, 0};
    f->tags[2] = (struct store_tag){"sdg", i % 2 ? "5.2" : "16.3", NULL, 0, 0};
    f->tags[3] = (struct store_tag){"affected_person", i % 2 ? "Women" : "Children",
                                    i % 2 ? "Femmes" : "Niñas y niños", 0, 0};
    f->tags[4] = (struct store_tag){"uhri_theme", "Women's rights", "again", 0, 0}; /* twice */
    f->tags[5] = (struct store_tag){"affected_person", NULL, "personnes âgées", 0, 0};
    f->rec.tags = f->tags;
    f->rec.ntags = i % 5 == 0 ? 6 : 5;
    /* the supporting institution first: the lead must still come first in the matrix */
    f->as[0] = (struct core_assignment){.id = 1,
                                        .rec_id = f->id,
                                        .institution_id = 2,
                                        .institution_code = "DDD",
                                        .institution_name = DD_NAME};
    f->as[1] = (struct core_assignment){.id = 2,
                                        .rec_id = f->id,
                                        .institution_id = 1,
                                        .institution_code = "MJ",
                                        .institution_name = MJ_NAME,
                                        .lead = 1,
                                        .deadline = "2027-01-31"};
    f->as[2] = f->as[0]; /* the same institution again, through a cluster */
    f->as[2].cluster_id = 1;
    f->act[0] = (struct core_plan_action){.id = i * 10,
                                          .rec_id = f->id,
                                          .institution_id = 1,
                                          .description = "Former les magistrats à l’égalité",
                                          .due_date = "2026-12-31",
                                          .status = CORE_ACTION_ONGOING};
    f->act[1] = (struct core_plan_action){.id = i * 10 + 1,
                                          .rec_id = f->id,
                                          .institution_id = 2,
                                          .description = "Campaña de sensibilización",
                                          .due_date = "2025-06-30",
                                          .status = CORE_ACTION_COMPLETED};
    f->ind[0] = (struct core_indicator){.id = i * 100,
                                        .rec_id = f->id,
                                        .institution_id = 1,
                                        .name = "Taux de plaintes traitées",
                                        .unit = "%",
                                        .baseline = 35.5,
                                        .target = 60,
                                        .sdg_indicator = i % 2 ? "5.2.1" : "16.3.1"};
    f->clusters[0] = i % 2 ? 10 : 20;
    f->clusters[1] = 30;
    f->row = (struct core_matrix_row){.rec = &f->rec,
                                      .assignments = f->as,
                                      .nassignments = 3,
                                      .actions = f->act,
                                      .nactions = 2,
                                      .indicators = f->ind,
                                      .nindicators = 1,
                                      .cluster_ids = f->clusters,
                                      .nclusters = i % 3 == 0 ? 2 : 1};
    f->row.status_known = i % 6 != 0;
    f->row.status = (enum core_status)(i % CORE_STATUS_COUNT);
    f->row.status_narrative = f->narrative;
}

/* n rows, numbered from 1. Free with free(). */
static inline struct fixture_row *fixture_rows(int n)
{
    struct fixture_row *rows = calloc((size_t)n, sizeof *rows);
    for (int i = 0; rows && i < n; i++)
        fixture_row_make(&rows[i], i + 1);
    return rows;
}

/* The catalogues of build/locale ($SUIVI_LOCALE_DIR), loaded once; the tests fail without. */
static inline const struct i18n *fixture_catalogue(void)
{
    static struct i18n *cat;
    if (!cat) {
        const char *dir = getenv("SUIVI_LOCALE_DIR");
        struct err err = {0};
        if (i18n_load(dir && *dir ? dir : "build/locale", &cat, &err))
            fprintf(stderr, "catalogues: %s (run make first)\n", err.msg);
    }
    return cat;
}

/* A lookup with SDG labels in French, institution names and one indicator value. */
static inline struct report_lookup *fixture_lookup(void)
{
    struct report_lookup *lk = report_lookup_new();
    int rc = report_lookup_term_put(lk, "sdg", "5", "Égalité entre les sexes");
    rc |= report_lookup_term_put(lk, "sdg", "5.2", "Éliminer toutes les formes de violence");
    rc |= report_lookup_term_put(lk, "sdg", "16", "Paix, justice et institutions efficaces");
    rc |= report_lookup_term_put(lk, "affected_person", "Women", "Femmes");
    rc |= report_lookup_institution_put(lk, 1, MJ_NAME);
    rc |= report_lookup_institution_put(lk, 2, DD_NAME);
    rc |= report_lookup_value_put(lk, 100, "2024-12-31", 38);
    rc |= report_lookup_value_put(lk, 100, "2025-06-30", 41.5);
    rc |= report_lookup_value_put(lk, 100, "2023-01-01", 30); /* older: ignored */
    assert_int_equal(rc, 0);
    return lk;
}

/* Output of a shell command (stderr dropped), or NULL when it failed. Caller frees. */
static char *run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *run(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    struct buf out = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_append(&out, chunk, n);
    int status = pclose(p);
    char *s = buf_detach(&out);
    if (status != 0) {
        fprintf(stderr, "command failed (%d): %s\n", status, cmd);
        free(s);
        return NULL;
    }
    return s ? s : calloc(1, 1);
}

static inline int has_tool(const char *name)
{
    char *s = run("command -v %s >/dev/null 2>&1 && echo yes", name);
    int yes = s && strstr(s, "yes");
    free(s);
    return yes;
}

/* Writes a buffer to dir/name. */
static inline void write_file(const char *dir, const char *name, const struct buf *b)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf_str(b), 1, b->len, f), b->len);
    assert_int_equal(fclose(f), 0);
}

/* Number of times needle occurs in hay. */
static inline int occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

#endif
