/*
 * test_thematic_list.c — tests of the OHCHR thematic-list parser (src/import/thematic_list.c).
 *
 * The two real Slovenia lists (UPR cycles 2 and 3, from the shared data, skipped when absent) are
 * compared field by field with an independent parse of them, slovenia_upr_cycles_2_3.csv (the
 * oracle, read by a tiny CSV reader below). Hand-made fixtures in tests/fixtures/thematic/ cover
 * both layouts and every malformed case with its exact message; in-memory texts cover the
 * recommending-State rule, entities, line ends and the callback contract.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/thematic_list.h"
#include "util/buf.h"

#define FIXTURES "tests/fixtures/thematic/"

/* One entry as the callback saw it, lists joined so they compare as strings. */
struct got {
    size_t line;
    char *paragraph, *text, *states, *source, *document, *position, *cluster, *themes, *codes,
        *affected, *sdgs;
};

struct collect {
    struct got *v;
    size_t n, cap;
    char *country, *date;
    int session, declared;
    int stop_after; /* stop with stop_rc once this many entries were seen; 0: never */
    int stop_rc;
};

static char *dup_or_null(const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    assert_non_null(d);
    return d;
}

static char *detach(struct buf *b)
{
    assert_false(b->oom);
    char *s = buf_detach(b);
    assert_non_null(s);
    return s;
}

static char *join(const char **v, size_t n, const char *sep)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        assert_non_null(v[i]);
        buf_printf(&b, "%s%s", i ? sep : "", v[i]);
    }
    return detach(&b);
}

/* "A12 Acceptance of ..." as printed in cycle 2, or the bare name when there is no code. */
static char *with_code(const char *code, const char *name)
{
    struct buf b = BUF_INIT;
    if (!name)
        return NULL;
    buf_printf(&b, "%s%s%s", code ? code : "", code ? " " : "", name);
    return detach(&b);
}

static char *join_themes(const struct tl_entry *e)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < e->nthemes; i++) {
        char *t = with_code(e->theme_codes[i], e->themes[i]);
        buf_printf(&b, "%s%s", i ? " | " : "", t);
        free(t);
    }
    return detach(&b);
}

static char *join_codes(const struct tl_entry *e)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < e->nthemes; i++)
        buf_printf(&b, "%s%s", i ? " | " : "", e->theme_codes[i] ? e->theme_codes[i] : "-");
    return detach(&b);
}

static int collect_cb(void *ctx, const struct tl_header *h, const struct tl_entry *e)
{
    struct collect *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 16;
        c->v = realloc(c->v, c->cap * sizeof *c->v);
        assert_non_null(c->v);
    }
    free(c->country);
    free(c->date);
    c->country = dup_or_null(h->country);
    c->date = dup_or_null(h->date);
    c->session = h->session;
    c->declared = h->declared_total;
    c->v[c->n++] = (struct got){
        .line = e->line,
        .paragraph = dup_or_null(e->paragraph),
        .text = dup_or_null(e->text),
        .states = join(e->states, e->nstates, "; "),
        .source = dup_or_null(e->source_of_position),
        .document = dup_or_null(e->document),
        .position = dup_or_null(e->position),
        .cluster = with_code(e->cluster_code, e->cluster_theme),
        .themes = join_themes(e),
        .codes = join_codes(e),
        .affected = join(e->affected, e->naffected, " | "),
        .sdgs = join(e->sdgs, e->nsdgs, " | "),
    };
    return c->stop_after && (int)c->n >= c->stop_after ? c->stop_rc : 0;
}

static void collect_free(struct collect *c)
{
    for (size_t i = 0; i < c->n; i++) {
        struct got *g = &c->v[i];
        char *all[] = {g->paragraph, g->text,   g->states, g->source,   g->document, g->position,
                       g->cluster,   g->themes, g->codes,  g->affected, g->sdgs};
        for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
            free(all[k]);
    }
    free(c->v);
    free(c->country);
    free(c->date);
    memset(c, 0, sizeof *c);
}

/* Whole file into memory (not NUL-terminated for the parser's sake, but with one for ours), or
 * NULL when it cannot be opened. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = BUF_INIT;
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, got);
    fclose(f);
    *len = b.len;
    return detach(&b);
}

static int parse_mem(const char *name, const char *text, size_t n, struct collect *c,
                     struct tl_summary *s, struct err *err)
{
    return tl_parse(name, text, n, collect_cb, c, s, err);
}

/* Parses tests/fixtures/thematic/name, reporting errors under name alone. */
static int parse_fixture(const char *name, struct collect *c, struct tl_summary *s, struct err *err)
{
    char path[256];
    size_t n = 0;
    snprintf(path, sizeof path, FIXTURES "%s", name);
    char *text = read_file(path, &n);
    assert_non_null(text);
    int rc = parse_mem(name, text, n, c, s, err);
    free(text);
    return rc;
}

/* Asserts the fixture fails with ERR_INPUT and exactly this message. */
static void expect_fixture_error(const char *name, const char *msg)
{
    struct collect c = {0};
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(parse_fixture(name, &c, &s, &err), ERR_INPUT);
    assert_int_equal(err.code, ERR_INPUT);
    assert_string_equal(err.msg, msg);
    collect_free(&c);
}

/* ---- the oracle: real files against the independent CSV parse ---- */

enum {
    COL_COUNTRY,
    COL_CYCLE,
    COL_SESSION,
    COL_PARAGRAPH,
    COL_TEXT,
    COL_POSITION,
    COL_SOURCE,
    COL_CLUSTER,
    COL_THEMES,
    COL_AFFECTED,
    COL_SDGS,
    NCOLS
};

/* RFC 4180 records of exactly NCOLS fields after the header row: a flat array of owned strings. */
static char **csv_read(const char *text, size_t n, size_t *nrows)
{
    struct buf field = BUF_INIT;
    char **cells = NULL;
    size_t ncells = 0, col = 0;
    int quoted = 0;
    for (size_t i = 0; i <= n; i++) {
        char ch = i < n ? text[i] : '\n';
        if (quoted && ch == '"' && i + 1 < n && text[i + 1] == '"') {
            buf_putc(&field, '"');
            i++;
        } else if (ch == '"') {
            quoted = !quoted;
        } else if (quoted || (ch != ',' && ch != '\n' && ch != '\r')) {
            buf_putc(&field, ch);
        } else if (ch == ',' || ch == '\n') {
            if (ch == '\n' && col == 0 && field.len == 0)
                continue; /* blank line, or the end after a final newline */
            cells = realloc(cells, (ncells + 1) * sizeof *cells);
            assert_non_null(cells);
            cells[ncells++] = detach(&field);
            col = ch == ',' ? col + 1 : 0;
            if (ch == '\n')
                assert_int_equal(ncells % NCOLS, 0);
        }
    }
    buf_free(&field);
    *nrows = ncells / NCOLS - 1;
    for (size_t k = 0; k < NCOLS; k++)
        free(cells[k]); /* the header row */
    memmove(cells, cells + NCOLS, (ncells - NCOLS) * sizeof *cells);
    return cells;
}

static const char *shared_data(void)
{
    const char *d = getenv("SUIVI_SHARED_DATA");
    return d && *d ? d : "../shared/data";
}

static void expect_same(const char *para, const char *field, const char *got, const char *want)
{
    if (strcmp(got ? got : "(null)", want) != 0)
        fail_msg("%s %s: parser gave \"%s\", oracle has \"%s\"", para, field, got, want);
}

static void compare_with_oracle(const struct collect *c, char **rows, size_t nrows,
                                const char *cycle)
{
    size_t k = 0;
    for (size_t r = 0; r < nrows; r++) {
        char **row = rows + r * NCOLS;
        if (strcmp(row[COL_CYCLE], cycle) != 0)
            continue;
        assert_true(k < c->n);
        const struct got *g = &c->v[k++];
        const char *para = row[COL_PARAGRAPH];
        expect_same(para, "country", c->country, row[COL_COUNTRY]);
        assert_int_equal(c->session, atoi(row[COL_SESSION]));
        expect_same(para, "paragraph", g->paragraph, row[COL_PARAGRAPH]);
        expect_same(para, "text", g->text, row[COL_TEXT]);
        expect_same(para, "position", g->position, row[COL_POSITION]);
        expect_same(para, "source_of_position", g->source, row[COL_SOURCE]);
        /* The oracle keeps cycle 2's codes inside the names ("A12 Acceptance of ..."); the
         * parser splits them off, so they are joined back here. */
        expect_same(para, "cluster_theme", g->cluster, row[COL_CLUSTER]);
        expect_same(para, "themes", g->themes, row[COL_THEMES]);
        expect_same(para, "affected_persons", g->affected, row[COL_AFFECTED]);
        /* The cycle-3 file prints some goals twice (122.137: "4" twice, 122.127: "10" twice);
         * the oracle lists each once, and so does the parser: a goal is a set member. */
        expect_same(para, "sdgs", g->sdgs, row[COL_SDGS]);
    }
    assert_int_equal(k, c->n);
}

struct real {
    char *md, **rows;
    size_t md_len, nrows;
};

/* Loads a real list and the oracle, or skips the test when the shared data is absent. */
static void real_load(struct real *r, const char *cycle)
{
    char path[1024];
    size_t csv_len = 0;
    snprintf(path, sizeof path, "%s/ohchr-thematic-lists/slovenia_upr_cycles_2_3.csv",
             shared_data());
    char *csv = read_file(path, &csv_len);
    snprintf(path, sizeof path,
             "%s/ohchr-thematic-lists/cycle%s/"
             "Thematic_List_of_Recommendations.md",
             shared_data(), cycle);
    r->md = read_file(path, &r->md_len);
    if (!csv || !r->md) {
        free(csv);
        free(r->md);
        skip();
    }
    r->rows = csv_read(csv, csv_len, &r->nrows);
    free(csv);
}

static void real_free(struct real *r)
{
    for (size_t i = 0; i < r->nrows * NCOLS; i++)
        free(r->rows[i]);
    free(r->rows);
    free(r->md);
}

static void real_check(const char *cycle, int entries, int declared, int session, const char *date)
{
    struct real r = {0};
    real_load(&r, cycle);
    assert_int_equal(r.nrows, 378);
    struct collect c = {0};
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(parse_mem("real.md", r.md, r.md_len, &c, &s, &err), 0);
    assert_int_equal(s.entries, entries);
    assert_int_equal(s.declared_total, declared);
    assert_int_equal(c.n, entries);
    assert_int_equal(c.session, session);
    assert_string_equal(c.date, date);
    compare_with_oracle(&c, r.rows, r.nrows, cycle);
    collect_free(&c);
    real_free(&r);
}

/* The file declares 155 recommendations but lists 163: reported, not an error. */
static void test_real_cycle2_agrees_with_oracle_on_every_field(void **state)
{
    (void)state;
    real_check("2", 163, 155, 20, "October 2014");
}

/* The file declares 184 recommendations but lists 215: reported, not an error. */
static void test_real_cycle3_agrees_with_oracle_on_every_field(void **state)
{
    (void)state;
    real_check("3", 215, 184, 34, "November 2019");
}

static const struct got *find(const struct collect *c, const char *para)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i].paragraph, para) == 0)
            return &c->v[i];
    fail_msg("no entry %s", para);
    return NULL;
}

static void test_real_files_split_states_and_documents(void **state)
{
    (void)state;
    struct real r2 = {0}, r3 = {0};
    real_load(&r2, "2");
    real_load(&r3, "3");
    struct collect c = {0};
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(parse_mem("c2.md", r2.md, r2.md_len, &c, &s, &err), 0);
    assert_int_equal(parse_mem("c3.md", r3.md, r3.md_len, &c, &s, &err), 0);
    assert_int_equal(c.n, 163 + 215);
    size_t mentions = 0;
    for (size_t i = 0; i < c.n; i++) {
        assert_true(c.v[i].states[0] != '\0'); /* every entry names at least one State */
        mentions++;
        for (const char *p = c.v[i].states; (p = strstr(p, "; ")); p += 2)
            mentions++;
    }
    assert_int_equal(mentions, 403);
    assert_string_equal(find(&c, "115.6")->states, "Iran (Islamic Republic of)");
    assert_string_equal(find(&c, "115.8")->states,
                        "Senegal; Sierra Leone; Venezuela (Bolivarian Republic of); Peru; Uruguay");
    assert_string_equal(find(&c, "121.1")->states, "France; Lithuania");
    assert_string_equal(find(&c, "121.2")->states, "Ukraine; Slovakia");
    assert_string_equal(find(&c, "121.3")->states,
                        "United Kingdom of Great Britain and Northern Ireland");
    assert_string_equal(find(&c, "122.7")->states, "Slovakia; Spain; North Macedonia");
    assert_string_equal(find(&c, "122.10")->states, "Philippines");
    assert_string_equal(find(&c, "115.1")->document, "A/HRC/28/15/Add.1");
    assert_string_equal(find(&c, "121.1")->document, "A/HRC/43/15");
    assert_int_equal(find(&c, "115.1")->line, 19);
    assert_int_equal(find(&c, "122.20")->line, 88);
    collect_free(&c);
    real_free(&r2);
    real_free(&r3);
}

/* ---- both layouts, from fixtures cut out of the real files ---- */

static void test_cycle2_layout_splits_theme_codes(void **state)
{
    (void)state;
    struct collect c = {0};
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(parse_fixture("good_cycle2.md", &c, &s, &err), 0);
    assert_int_equal(s.entries, 3);
    assert_int_equal(s.declared_total, 3);
    assert_string_equal(c.country, "Slovenia");
    assert_int_equal(c.session, 20);
    const struct got *g = &c.v[1];
    assert_int_equal(g->line, 25);
    assert_string_equal(g->paragraph, "115.8");
    assert_string_equal(g->position, "Noted");
    assert_string_equal(g->source, "A/HRC/28/15/Add.1 - Para. 5");
    assert_string_equal(g->document, "A/HRC/28/15/Add.1");
    assert_string_equal(g->themes, "A12 Acceptance of international norms | G4 Migrants");
    assert_string_equal(g->codes, "A12 | G4");
    assert_string_equal(g->affected, "migrants");
    assert_string_equal(g->sdgs, "");
    g = &c.v[2];
    assert_string_equal(g->cluster, "A42 Institutions & policies - General");
    assert_string_equal(g->text, "Adopt a national action plan on human rights (Spain);");
    assert_string_equal(g->themes, "A42 Institutions & policies - General");
    collect_free(&c);
}

static void test_cycle3_layout_reads_bullets_sdgs_and_affected(void **state)
{
    (void)state;
    struct collect c = {0};
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(parse_fixture("good_cycle3.md", &c, &s, &err), 0);
    assert_int_equal(s.entries, 3);
    const struct got *g = &c.v[0];
    assert_int_equal(g->line, 17);
    assert_string_equal(g->states, "Ukraine; Slovakia");
    assert_string_equal(g->themes, "Acceptance of international norms | Enforced disappearances");
    assert_string_equal(g->codes, "- | -");
    assert_string_equal(g->sdgs, "16");
    assert_string_equal(g->affected, "Disappeared persons");
    g = &c.v[1];
    assert_string_equal(g->themes, "Acceptance of international norms | Right to work and to "
                                   "just & favorable conditions of work & labour rights | "
                                   "Prohibition of slavery, trafficking");
    assert_string_equal(g->sdgs, "8");
    assert_string_equal(g->affected, "");
    g = &c.v[2];
    assert_string_equal(g->cluster, "Cooperation & Follow up with Treaty Bodies");
    assert_string_equal(g->position, "Noted");
    assert_string_equal(g->document, "A/HRC/43/15/Add.1");
    collect_free(&c);
}

static void test_crlf_bom_trailing_blanks_and_no_final_newline_are_accepted(void **state)
{
    (void)state;
    struct collect c = {0};
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(parse_fixture("crlf_bom_no_final_newline.md", &c, &s, &err), 0);
    assert_int_equal(s.entries, 2);
    assert_string_equal(c.country, "Slovenia");
    assert_string_equal(c.v[0].cluster, "Equality & non-discrimination");
    assert_string_equal(c.v[0].text, "Ratify the Convention (France);");
    assert_string_equal(c.v[0].source, "A/HRC/43/15 - Para 121");
    assert_int_equal(c.v[1].line, 11);
    assert_string_equal(c.v[1].position, "Noted");
    assert_string_equal(c.v[1].themes, "Equality & non-discrimination");
    collect_free(&c);
}

static void test_declared_total_mismatch_is_reported_in_summary_not_error(void **state)
{
    (void)state;
    struct collect c = {0};
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(parse_fixture("total_mismatch.md", &c, &s, &err), 0);
    assert_int_equal(s.entries, 2);
    assert_int_equal(s.declared_total, 5);
    assert_int_equal(c.declared, 5);
    assert_string_equal(c.v[1].themes, ""); /* an entry may end right after its position */
    collect_free(&c);
}

/* ---- malformed input: exact line and message ---- */

static void test_entry_without_position_names_its_line(void **state)
{
    (void)state;
    expect_fixture_error("missing_position.md",
                         "missing_position.md:7: expected a position ('Supported' or 'Noted') "
                         "after 'Source of position' of 121.1 (line 5), found '- Acceptance of "
                         "international norms'");
    expect_fixture_error("truncated_after_source.md",
                         "truncated_after_source.md:3: expected a position ('Supported' or "
                         "'Noted') after 'Source of position' of 121.1 (line 2), found the end of "
                         "the text");
}

static void test_entry_without_source_of_position_names_its_line(void **state)
{
    (void)state;
    expect_fixture_error("missing_source.md",
                         "missing_source.md:3: expected 'Source of position: ...' after the text "
                         "of 121.1 (line 2), found 'Supported'");
}

static void test_source_of_position_before_any_paragraph_is_an_error(void **state)
{
    (void)state;
    expect_fixture_error("source_before_paragraph.md",
                         "source_before_paragraph.md:4: expected a recommendation line ('121.1 "
                         "Text (State);') before 'Source of position'");
    expect_fixture_error("source_without_paragraph.md",
                         "source_without_paragraph.md:7: expected a recommendation line ('121.1 "
                         "Text (State);') before 'Source of position'");
}

static void test_unknown_line_in_a_block_is_an_error(void **state)
{
    (void)state;
    expect_fixture_error("unknown_line_in_themes.md",
                         "unknown_line_in_themes.md:6: expected a theme ('- Name' or 'A12 Name'), "
                         "'SDGs:', 'Affected persons:' or a blank line in 121.1 (line 2), found "
                         "'Enforced disappearances'");
    expect_fixture_error("unknown_line_in_affected.md",
                         "unknown_line_in_affected.md:8: expected a group ('- Women'), 'SDGs:' or "
                         "a blank line in 121.1 (line 2), found 'Supported'");
    expect_fixture_error("bad_sdg.md",
                         "bad_sdg.md:8: expected an SDG number from 1 to 17 (as in '- 16 - "
                         "PEACE, JUSTICE AND STRONG INSTITUTIONS'), found '18 - NOT A GOAL'");
    expect_fixture_error("stray_line_between.md",
                         "stray_line_between.md:7: expected a recommendation ('121.1 Text "
                         "(State);'), 'Theme: ...' or a blank line, found 'Page 2 of 40'");
}

static void test_invalid_utf8_is_an_error_with_line_and_column(void **state)
{
    (void)state;
    expect_fixture_error("latin1_not_utf8.md",
                         "latin1_not_utf8.md:2: expected UTF-8, found byte 0xF4 at column 31 "
                         "(save the file as UTF-8)");
    struct err err = {0};
    struct tl_summary s;
    static const char nul[] = "Theme: X\n121.1 A\0B (France);\n";
    assert_int_equal(tl_parse("nul.md", nul, sizeof nul - 1, NULL, NULL, &s, &err), ERR_INPUT);
    assert_string_equal(err.msg, "nul.md:2: expected text, found a NUL byte at column 8");
    static const char *bad[] = {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_clear(&err);
        assert_int_equal(tl_parse("b.md", bad[i], strlen(bad[i]), NULL, NULL, &s, &err), ERR_INPUT);
        assert_non_null(strstr(err.msg, "b.md:1: expected UTF-8"));
    }
}

static void test_empty_or_entryless_text_reports_no_recommendations(void **state)
{
    (void)state;
    expect_fixture_error("empty.md", "empty.md:1: no recommendations found (expected lines such "
                                     "as '121.1 Text (State);')");
    expect_fixture_error("preamble_only.md", "preamble_only.md:8: no recommendations found "
                                             "(expected lines such as '121.1 Text (State);')");
    struct err err = {0};
    assert_int_equal(tl_parse(NULL, NULL, 0, NULL, NULL, NULL, &err), ERR_INPUT);
    assert_string_equal(err.msg, "<input>:1: no recommendations found (expected lines such as "
                                 "'121.1 Text (State);')");
}

static void test_bad_header_number_is_an_error(void **state)
{
    (void)state;
    expect_fixture_error("bad_total.md", "bad_total.md:3: expected a number after '**Total "
                                         "Recommendations:**', found 'many'");
}

/* ---- recommending States ---- */

/* The States of a one-entry list whose recommendation reads text. */
static char *states_of(const char *text)
{
    struct buf doc = BUF_INIT;
    buf_printf(&doc, "Theme: T\n121.1 %s\nSource of Position: A/HRC/43/15 - Para 121\nNoted\n",
               text);
    struct collect c = {0};
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(parse_mem("s.md", doc.data, doc.len, &c, &s, &err), 0);
    assert_int_equal(c.n, 1);
    char *states = c.v[0].states;
    c.v[0].states = NULL;
    collect_free(&c);
    buf_free(&doc);
    return states;
}

static void expect_states(const char *text, const char *want)
{
    char *got = states_of(text);
    assert_string_equal(got, want);
    free(got);
}

static void test_states_in_separate_and_comma_separated_groups(void **state)
{
    (void)state;
    expect_states("Ratify (France) (Lithuania);", "France; Lithuania");
    expect_states("Ratify (Spain, Tunisia, Portugal);", "Spain; Tunisia; Portugal");
    expect_states("Establish a procedure (Costa Rica).", "Costa Rica");
    expect_states("Ratify (Spain)", "Spain");
}

static void test_states_of_each_part_of_a_merged_recommendation(void **state)
{
    (void)state;
    expect_states("Complete the ratification (Ukraine); Increase efforts towards ratification "
                  "(Slovakia);",
                  "Ukraine; Slovakia");
    expect_states("Ratify it (Spain); Ratify it soon (Spain, France);", "Spain; France");
}

static void test_states_whose_names_hold_parentheses_or_long_names(void **state)
{
    (void)state;
    expect_states("Ratify (United Kingdom of Great Britain and Northern Ireland);",
                  "United Kingdom of Great Britain and Northern Ireland");
    expect_states("Ratify (Bolivia (Plurinational State of));", "Bolivia (Plurinational State of)");
    expect_states("Ratify (Senegal, Venezuela (Bolivarian Republic of),Peru);",
                  "Senegal; Venezuela (Bolivarian Republic of); Peru");
    expect_states("Ratify (Iran (Islamic Republic of)) (Chile);",
                  "Iran (Islamic Republic of); Chile");
    expect_states("Ratify (Islamic Republic of Iran); Also (the former Yugoslav Republic of "
                  "Macedonia);",
                  "Islamic Republic of Iran; the former Yugoslav Republic of Macedonia");
    expect_states("Ratify (Côte d’Ivoire) (Türkiye);", "Côte d’Ivoire; Türkiye");
}

static void test_parentheses_that_are_not_states_are_left_in_the_text(void **state)
{
    (void)state;
    expect_states("Ratify the Forced Labour Convention, 1930 (No. 29) (United Kingdom of Great "
                  "Britain and Northern Ireland);",
                  "United Kingdom of Great Britain and Northern Ireland");
    expect_states("Ratify the Convention (ICRMW) (Iran (Islamic Republic of));",
                  "Iran (Islamic Republic of)");
    expect_states("Strengthen the institution (NHRI) in line with (Paris Principles) (Chile);",
                  "Chile");
    expect_states("Adopt the plan (2009–2014); and fund it (Chile);", "Chile");
    expect_states("Adopt a plan without naming anyone.", "");
    expect_states("Adopt a plan (unclosed (Chile);", "");
}

/* The last group of the text is taken even when its names are not in the built-in list; other
 * groups are taken only when every name in them is a known State. */
static void test_unknown_names_count_only_in_the_last_group(void **state)
{
    (void)state;
    expect_states("Ratify (Freedonia);", "Freedonia");
    expect_states("Ratify (Freedonia); Ratify again (Spain);", "Spain");
    expect_states("Ratify (Freedonia) (Spain, Ruritania);", "Spain; Ruritania");
}

/* ---- entities, wrapping, duplicates, limits ---- */

static void test_html_entities_are_decoded_in_every_field(void **state)
{
    (void)state;
    static const char doc[] =
        "# UPR 1st Session - S&#227;o Tom&eacute; - Thematic List\n"
        "Theme: B1 Equality &amp; non-discrimination\n"
        "121.1 Use &lt;b&gt; &quot;x&quot; &#39;y&#39; &#233;&#xE9;&#XE9; R&D &bogus; &#0; "
        "&#xD800; &#99999999999; &amp;amp; (France);\n"
        "Source of Position: A/HRC/43/15 &amp; Add.1 - Para 1\n"
        "Supported\n"
        "- A1 Rights &amp; freedoms\n"
        "Affected persons:\n"
        "- refugees &amp; asylum seekers\n";
    struct collect c = {0};
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(parse_mem("e.md", doc, sizeof doc - 1, &c, &s, &err), 0);
    assert_string_equal(c.country, "São Tom&eacute;");
    assert_int_equal(c.session, 1);
    const struct got *g = &c.v[0];
    assert_string_equal(g->text, "Use <b> \"x\" 'y' ééé R&D &bogus; \xEF\xBF\xBD \xEF\xBF\xBD "
                                 "\xEF\xBF\xBD &amp; (France);");
    assert_string_equal(g->cluster, "B1 Equality & non-discrimination");
    assert_string_equal(g->source, "A/HRC/43/15 & Add.1 - Para 1");
    assert_string_equal(g->document, "A/HRC/43/15");
    assert_string_equal(g->themes, "A1 Rights & freedoms");
    assert_string_equal(g->affected, "refugees & asylum seekers");
    assert_string_equal(g->states, "France");
    collect_free(&c);
}

static void test_wrapped_text_is_joined_with_one_space(void **state)
{
    (void)state;
    static const char doc[] = "121.1 Ratify the Convention\n  on the Rights of the Child  \n"
                              "(France);\nSource of Position: A/HRC/43/15 - Para 121\nNoted\n";
    struct collect c = {0};
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(parse_mem("w.md", doc, sizeof doc - 1, &c, &s, &err), 0);
    assert_string_equal(c.v[0].text, "Ratify the Convention on the Rights of the Child (France);");
    assert_string_equal(c.v[0].states, "France");
    assert_null(c.v[0].cluster); /* no "Theme:" heading above */
    assert_null(c.country);
    assert_int_equal(s.declared_total, -1);
    collect_free(&c);
}

static void test_repeated_list_items_are_kept_once(void **state)
{
    (void)state;
    static const char doc[] = "121.1 Ratify (France);\nSource of Position: A/HRC/43/15 - Para 1\n"
                              "Supported\n- Theme A\n- Theme A\nSDGs:\n- 4 - QUALITY EDUCATION\n"
                              "- 1 - NO POVERTY\n- 4 - QUALITY EDUCATION\n- 04\nAffected persons:\n"
                              "- Women\n- Women\n";
    struct collect c = {0};
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(parse_mem("d.md", doc, sizeof doc - 1, &c, &s, &err), 0);
    assert_string_equal(c.v[0].themes, "Theme A");
    assert_string_equal(c.v[0].sdgs, "4 | 1");
    assert_string_equal(c.v[0].affected, "Women");
    collect_free(&c);
}

static void test_more_than_a_thousand_items_is_an_error(void **state)
{
    (void)state;
    struct buf doc = BUF_INIT;
    buf_puts(&doc, "121.1 Ratify (France);\nSource of Position: A/HRC/43/15 - Para 1\nNoted\n");
    for (int i = 0; i <= 1000; i++)
        buf_printf(&doc, "- Theme %d\n", i);
    struct err err = {0};
    struct tl_summary s;
    assert_int_equal(tl_parse("m.md", doc.data, doc.len, NULL, NULL, &s, &err), ERR_INPUT);
    assert_string_equal(err.msg, "m.md:1004: expected at most 1000 themes in recommendation 121.1 "
                                 "(line 1)");
    buf_free(&doc);
    buf_reset(&doc);
    buf_puts(&doc, "121.1 Ratify (S0");
    for (int i = 1; i <= 1000; i++)
        buf_printf(&doc, ", S%d", i);
    buf_puts(&doc, ");\nSource of Position: A/HRC/43/15 - Para 1\nNoted\n");
    assert_int_equal(tl_parse("m.md", doc.data, doc.len, NULL, NULL, &s, &err), ERR_INPUT);
    assert_string_equal(err.msg, "m.md:1: expected at most 1000 recommending States in "
                                 "recommendation 121.1 (line 1)");
    buf_free(&doc);
}

/* ---- the callback contract ---- */

static void test_nonzero_callback_result_stops_the_parse_and_is_returned(void **state)
{
    (void)state;
    struct collect c = {.stop_after = 1, .stop_rc = 7};
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(parse_fixture("good_cycle3.md", &c, &s, &err), 7);
    assert_int_equal(c.n, 1);
    assert_int_equal(s.entries, 1);
    assert_int_equal(err.code, 0);
    collect_free(&c);
    c = (struct collect){.stop_after = 2, .stop_rc = ERR_STORE};
    assert_int_equal(parse_fixture("good_cycle3.md", &c, &s, &err), ERR_STORE);
    assert_int_equal(c.n, 2);
    collect_free(&c);
}

static void test_null_callback_only_validates(void **state)
{
    (void)state;
    size_t n = 0;
    char *text = read_file(FIXTURES "good_cycle2.md", &n);
    assert_non_null(text);
    struct tl_summary s;
    struct err err = {0};
    assert_int_equal(tl_parse("v.md", text, n, NULL, NULL, &s, &err), 0);
    assert_int_equal(s.entries, 3);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_cycle2_agrees_with_oracle_on_every_field),
        cmocka_unit_test(test_real_cycle3_agrees_with_oracle_on_every_field),
        cmocka_unit_test(test_real_files_split_states_and_documents),
        cmocka_unit_test(test_cycle2_layout_splits_theme_codes),
        cmocka_unit_test(test_cycle3_layout_reads_bullets_sdgs_and_affected),
        cmocka_unit_test(test_crlf_bom_trailing_blanks_and_no_final_newline_are_accepted),
        cmocka_unit_test(test_declared_total_mismatch_is_reported_in_summary_not_error),
        cmocka_unit_test(test_entry_without_position_names_its_line),
        cmocka_unit_test(test_entry_without_source_of_position_names_its_line),
        cmocka_unit_test(test_source_of_position_before_any_paragraph_is_an_error),
        cmocka_unit_test(test_unknown_line_in_a_block_is_an_error),
        cmocka_unit_test(test_invalid_utf8_is_an_error_with_line_and_column),
        cmocka_unit_test(test_empty_or_entryless_text_reports_no_recommendations),
        cmocka_unit_test(test_bad_header_number_is_an_error),
        cmocka_unit_test(test_states_in_separate_and_comma_separated_groups),
        cmocka_unit_test(test_states_of_each_part_of_a_merged_recommendation),
        cmocka_unit_test(test_states_whose_names_hold_parentheses_or_long_names),
        cmocka_unit_test(test_parentheses_that_are_not_states_are_left_in_the_text),
        cmocka_unit_test(test_unknown_names_count_only_in_the_last_group),
        cmocka_unit_test(test_html_entities_are_decoded_in_every_field),
        cmocka_unit_test(test_wrapped_text_is_joined_with_one_space),
        cmocka_unit_test(test_repeated_list_items_are_kept_once),
        cmocka_unit_test(test_more_than_a_thousand_items_is_an_error),
        cmocka_unit_test(test_nonzero_callback_result_stops_the_parse_and_is_returned),
        cmocka_unit_test(test_null_callback_only_validates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
