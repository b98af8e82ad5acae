/*
 * test_csv.c — tests of src/import/csv.c: RFC 4180 parsing, line numbers in every line-end
 * convention, each malformed input with its exact message, the encodings of real exports
 * (fixtures cut from UPR Info, tests/fixtures/csv/) and the full UPR Info files themselves.
 *
 * Tests run from the repository root. The real files are read from $SUIVI_SHARED_DATA (default
 * ../shared/data); the tests that need them are skipped when it is absent. Row counts of the
 * real files are those of Python's csv module on the same files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/csv.h"
#include "import/encoding.h"
#include "util/buf.h"

#define FIXTURES "tests/fixtures/csv/"

/* ---- helpers -------------------------------------------------------------------------------- */

static struct csv_reader *open_bytes(const char *bytes, size_t n)
{
    struct csv_reader *r = NULL;
    struct err err = {0};
    if (csv_open_mem("t.csv", bytes, n, NULL, &r, &err))
        fail_msg("csv_open_mem: %s", err.msg);
    return r;
}

/* A reader over a string literal, NUL bytes included. */
#define OPEN(literal) open_bytes(literal, sizeof literal - 1)

static struct csv_reader *open_fixture(const char *name, const char *encoding)
{
    struct csv_reader *r = NULL;
    struct err err = {0};
    if (csv_open_file(name, encoding, &r, &err))
        fail_msg("csv_open_file: %s", err.msg);
    return r;
}

/* Reads one row and checks its line and fields; the field list ends with NULL. */
static void expect_row(struct csv_reader *r, size_t line, ...)
{
    struct csv_row row;
    struct err err = {0};
    int rc = csv_read_row(r, &row, &err);
    if (rc != 1)
        fail_msg("expected a row at line %zu, got %d (%s)", line, rc, err.msg);
    assert_int_equal(row.line, line);
    va_list ap;
    va_start(ap, line);
    size_t i = 0;
    for (const char *want; (want = va_arg(ap, const char *)) != NULL; i++) {
        if (i >= row.nfields)
            fail_msg("line %zu: %zu fields, expected more", line, row.nfields);
        assert_string_equal(row.fields[i], want);
    }
    va_end(ap);
    assert_int_equal(row.nfields, i);
}

static void expect_end(struct csv_reader *r)
{
    struct csv_row row;
    struct err err = {0};
    assert_int_equal(csv_read_row(r, &row, &err), 0);
    assert_int_equal(csv_read_row(r, &row, &err), 0); /* and stays there */
}

/* Reads rows until the error, which must be ERR_INPUT with exactly the message want. */
static void expect_error(struct csv_reader *r, const char *want)
{
    struct csv_row row;
    struct err err = {0};
    int rc;
    while ((rc = csv_read_row(r, &row, &err)) == 1)
        ;
    assert_int_equal(rc, ERR_INPUT);
    assert_int_equal(err.code, ERR_INPUT);
    assert_string_equal(err.msg, want);
}

/* Counts the rows of a file, checking each has nfields fields. */
static size_t count_rows(const char *path, size_t nfields)
{
    struct csv_reader *r = open_fixture(path, NULL);
    struct csv_row row;
    struct err err = {0};
    size_t rows = 0;
    int rc;
    csv_expect_fields(r, nfields);
    while ((rc = csv_read_row(r, &row, &err)) == 1)
        rows++;
    if (rc != 0)
        fail_msg("%s", err.msg);
    csv_close(r);
    return rows;
}

/* Path of a file of the shared UPR Info data, or NULL without it. */
static const char *shared_upr_file(char *path, size_t size, const char *name)
{
    const char *dir = getenv("SUIVI_SHARED_DATA");
    snprintf(path, size, "%s/upr-info/%s", dir ? dir : "../shared/data", name);
    return access(path, R_OK) == 0 ? path : NULL;
}

/* ---- records and lines ---------------------------------------------------------------------- */

static void test_csv_reads_lf_crlf_and_cr_line_ends_alike(void **state)
{
    (void)state;
    static const char *const inputs[] = {"a,b\nc,d\ne,f", "a,b\r\nc,d\r\ne,f", "a,b\rc,d\re,f"};
    for (size_t i = 0; i < 3; i++) {
        struct csv_reader *r = open_bytes(inputs[i], strlen(inputs[i]));
        expect_row(r, 1, "a", "b", NULL);
        expect_row(r, 2, "c", "d", NULL);
        expect_row(r, 3, "e", "f", NULL);
        expect_end(r);
        csv_close(r);
    }
}

static void test_csv_reads_mixed_line_ends_in_one_file(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("a\nb\r\nc\rd\n\re");
    expect_row(r, 1, "a", NULL);
    expect_row(r, 2, "b", NULL);
    expect_row(r, 3, "c", NULL);
    expect_row(r, 4, "d", NULL);
    expect_row(r, 6, "e", NULL); /* "\n\r" is two line ends, so line 5 is blank */
    expect_end(r);
    csv_close(r);
}

static void test_csv_final_newline_makes_no_empty_row(void **state)
{
    (void)state;
    static const char *const inputs[] = {"a,b\n", "a,b\r\n", "a,b\r", "\"a\",\"b\"\r\n"};
    for (size_t i = 0; i < 4; i++) {
        struct csv_reader *r = open_bytes(inputs[i], strlen(inputs[i]));
        expect_row(r, 1, "a", "b", NULL);
        expect_end(r);
        csv_close(r);
    }
}

static void test_csv_skips_blank_lines_but_counts_them(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("\n\na\n\r\n\rb\n\n\n");
    expect_row(r, 3, "a", NULL);
    expect_row(r, 6, "b", NULL);
    expect_end(r);
    csv_close(r);
}

static void test_csv_empty_input_and_lone_bom_or_newlines_have_no_rows(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("");
    expect_end(r);
    csv_close(r);
    r = OPEN("\xEF\xBB\xBF");
    assert_string_equal(csv_encoding(r), "utf-8-bom");
    expect_end(r);
    csv_close(r);
    r = OPEN("\r\n\r\n");
    expect_end(r);
    csv_close(r);
}

static void test_csv_keeps_empty_and_space_fields(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("a,,b\n,\n\"\"\n \n,\"\",");
    expect_row(r, 1, "a", "", "b", NULL);
    expect_row(r, 2, "", "", NULL);
    expect_row(r, 3, "", NULL);
    expect_row(r, 4, " ", NULL); /* not blank: one field holding a space */
    expect_row(r, 5, "", "", "", NULL);
    expect_end(r);
    csv_close(r);
}

static void test_csv_unescapes_doubled_quotes_and_keeps_separators_inside_quotes(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("\"AU, OIC, OIF\",\"named \"\"Yo s\xC3\xAD puedo\"\"\",\"\"\"\"\n"
                                "\"x\"\"\",\"\"\"\"\"\"\n");
    expect_row(r, 1, "AU, OIC, OIF", "named \"Yo s\xC3\xAD puedo\"", "\"", NULL);
    expect_row(r, 2, "x\"", "\"\"", NULL);
    expect_end(r);
    csv_close(r);
}

static void test_csv_quoted_newlines_count_as_lines_and_come_back_as_lf(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("1,\"two\nlines\"\n2,\"cr\rline\"\r3,\"crlf\r\nline\"\r\n"
                                "4,\"\n\n\",end\n5\n");
    expect_row(r, 1, "1", "two\nlines", NULL);
    expect_row(r, 3, "2", "cr\nline", NULL);
    expect_row(r, 5, "3", "crlf\nline", NULL);
    expect_row(r, 7, "4", "\n\n", "end", NULL);
    expect_row(r, 10, "5", NULL);
    expect_end(r);
    csv_close(r);
}

static void test_csv_reads_a_row_of_many_fields(void **state)
{
    (void)state;
    struct buf text = BUF_INIT;
    for (int i = 0; i < 1000; i++)
        assert_int_equal(buf_printf(&text, "%s%d", i ? "," : "", i), 0);
    struct csv_reader *r = open_bytes(buf_str(&text), text.len);
    struct csv_row row;
    struct err err = {0};
    assert_int_equal(csv_read_row(r, &row, &err), 1);
    assert_int_equal(row.nfields, 1000);
    assert_string_equal(row.fields[0], "0");
    assert_string_equal(row.fields[999], "999");
    expect_end(r);
    csv_close(r);
    buf_free(&text);
}

static void test_csv_reads_tab_separated_text_after_csv_set_separator(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("a\tb,c\t\"d\te\"\n");
    assert_int_equal(csv_set_separator(r, '"'), ERR_USAGE);
    assert_int_equal(csv_set_separator(r, '\n'), ERR_USAGE);
    assert_int_equal(csv_set_separator(r, '\0'), ERR_USAGE);
    assert_int_equal(csv_set_separator(r, (char)0xA7), ERR_USAGE); /* would split UTF-8 */
    assert_int_equal(csv_set_separator(r, '\t'), 0);
    expect_row(r, 1, "a", "b,c", "d\te", NULL);
    expect_end(r);
    csv_close(r);
}

/* ---- malformed input ------------------------------------------------------------------------ */

static void test_csv_reports_bare_quote_in_unquoted_field_with_its_line(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("a,b\n\"multi\nline\",x\nc,d\"e\n");
    expect_error(r, "t.csv:4: bare \" in unquoted field 2 (a field holding a quote must be quoted "
                    "whole, with the quote doubled: \"\")");
    csv_close(r);
}

static void test_csv_reports_text_after_closing_quote_with_its_line(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("a\n\"x\ny\"z,w\n");
    expect_error(r, "t.csv:3: text after the closing quote of field 1: expected ',' or the end of "
                    "the line, found 'z' (a quote inside a quoted field must be doubled: \"\")");
    csv_close(r);
    r = OPEN("a,\"Habr\xC3\xA9\" \xC3\xA9t\xC3\xA9\n");
    expect_error(r, "t.csv:1: text after the closing quote of field 2: expected ',' or the end of "
                    "the line, found ' ' (a quote inside a quoted field must be doubled: \"\")");
    csv_close(r);
    r = OPEN("\"a\"\xC3\xA9\n");
    expect_error(r, "t.csv:1: text after the closing quote of field 1: expected ',' or the end of "
                    "the line, found '\xC3\xA9' (a quote inside a quoted field must be doubled: "
                    "\"\")");
    csv_close(r);
}

static void test_csv_reports_unterminated_quoted_field_at_the_line_it_starts(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("a,b\r\nc,\"open\r\nmore\r\nstill\r\n");
    expect_row(r, 1, "a", "b", NULL);
    expect_error(r, "t.csv:2: unterminated quoted field starting at line 2: the file ends inside "
                    "it (is the file truncated, or a closing quote missing?)");
    csv_close(r);
    r = OPEN("\"");
    expect_error(r, "t.csv:1: unterminated quoted field starting at line 1: the file ends inside "
                    "it (is the file truncated, or a closing quote missing?)");
    csv_close(r);
}

static void test_csv_reports_a_truncated_real_export_as_unterminated(void **state)
{
    (void)state;
    struct csv_reader *r = open_fixture(FIXTURES "upr_macroman_cr_truncated.csv", NULL);
    expect_error(r, FIXTURES "upr_macroman_cr_truncated.csv:4: unterminated quoted field starting "
                             "at line 4: the file ends inside it (is the file truncated, or a "
                             "closing quote missing?)");
    csv_close(r);
}

static void test_csv_reports_nul_bytes_with_their_line(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("a\nb,c\0d\n");
    expect_error(r, "t.csv:2: NUL character in field 2 (a binary file, or the wrong encoding?)");
    csv_close(r);
    r = OPEN("a\n\"x\ny\0\"\n");
    expect_error(r, "t.csv:3: NUL character in field 1 (a binary file, or the wrong encoding?)");
    csv_close(r);
    r = OPEN("\"x\"\0");
    expect_error(r, "t.csv:1: NUL character after field 1 (a binary file, or the wrong "
                    "encoding?)");
    csv_close(r);
    r = OPEN("\0");
    expect_error(r, "t.csv:1: NUL character in field 1 (a binary file, or the wrong encoding?)");
    csv_close(r);
}

static void test_csv_repeats_a_syntax_error_on_every_later_read(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("a\"b\nc\n");
    struct csv_row row;
    struct err first = {0}, again = {0};
    assert_int_equal(csv_read_row(r, &row, &first), ERR_INPUT);
    assert_int_equal(csv_read_row(r, &row, &again), ERR_INPUT);
    assert_string_equal(again.msg, first.msg);
    assert_int_equal(csv_read_row(r, &row, NULL), ERR_INPUT); /* err may be NULL */
    csv_close(r);
}

static void test_csv_expect_fields_reports_a_short_row_then_reads_on(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("To,From,Session\nA,B,1\n\"C\nD\",E\nF,G,2\n");
    struct csv_row row;
    struct err err = {0};
    assert_int_equal(csv_read_row(r, &row, &err), 1);
    csv_expect_fields(r, row.nfields);
    expect_row(r, 2, "A", "B", "1", NULL);
    assert_int_equal(csv_read_row(r, &row, &err), ERR_INPUT);
    assert_string_equal(err.msg, "t.csv:3: expected 3 fields (as in the header), found 2");
    expect_row(r, 5, "F", "G", "2", NULL);
    expect_end(r);
    csv_close(r);
}

static void test_csv_expect_fields_message_for_a_real_header_of_eleven(void **state)
{
    (void)state;
    struct csv_reader *r = open_fixture(FIXTURES "upr_macroman_cr.csv", NULL);
    struct csv_row row;
    struct err err = {0};
    assert_int_equal(csv_read_row(r, &row, &err), 1);
    assert_int_equal(row.nfields, 11);
    csv_expect_fields(r, 11);
    csv_close(r);
    r = OPEN("a,b,c,d,e,f,g,h,i,j,k\n1,2,3,4,5,6,7,8,9\n");
    assert_int_equal(csv_read_row(r, &row, &err), 1);
    csv_expect_fields(r, row.nfields);
    assert_int_equal(csv_read_row(r, &row, &err), ERR_INPUT);
    assert_string_equal(err.msg, "t.csv:2: expected 11 fields (as in the header), found 9");
    csv_close(r);
}

/* ---- header --------------------------------------------------------------------------------- */

static void test_csv_header_index_ignores_case_and_surrounding_space(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN(" Text ,FROM,\tSession\t,Text\n");
    struct csv_row header;
    struct err err = {0};
    assert_int_equal(csv_read_row(r, &header, &err), 1);
    assert_int_equal(csv_header_index(&header, "text"), 0); /* the first of two */
    assert_int_equal(csv_header_index(&header, " from "), 1);
    assert_int_equal(csv_header_index(&header, "SESSION"), 2);
    assert_int_equal(csv_header_index(&header, "Sess"), -1);
    assert_int_equal(csv_header_index(&header, ""), -1);
    assert_int_equal(csv_header_index(NULL, "text"), -1);
    csv_close(r);
}

static void test_csv_strips_the_utf8_bom_before_the_first_header_field(void **state)
{
    (void)state;
    struct csv_reader *r = OPEN("\xEF\xBB\xBFid,name\r\n1,x\r\n");
    struct csv_row header;
    struct err err = {0};
    assert_int_equal(csv_read_row(r, &header, &err), 1);
    assert_int_equal(csv_header_index(&header, "id"), 0);
    assert_string_equal(csv_encoding(r), "utf-8-bom");
    expect_row(r, 2, "1", "x", NULL);
    csv_close(r);
}

/* ---- encodings ------------------------------------------------------------------------------ */

/* The Senegal row of 1-5.csv, as it must read in every encoding. */
#define HABRE_TEXT                                                                                 \
    "Contribute towards combating impunity internationally, as soon as possible the mandate "      \
    "bestowed on it by the African Union and to bring the former head of State of Chad, Mr. "      \
    "Hiss\xC3\xA8ne Habr\xC3\xA9 to justice "

static void expect_upr_excerpt(struct csv_reader *r)
{
    expect_row(r, 1, "To", "To-Rgrp", "To-Org", "Text", "From", "From-Rgrp", "From-Org", "Response",
               "Action", "Issue", "Session", NULL);
    expect_row(r, 2, "Morocco", "Africa", "OIC, AL, OIF",
               "While recognizing achievements of the Instance Equit\xC3\xA9 - Reconciliation "
               "(IER), to continue to implement the remaining recommendations of the IER.",
               "Netherlands", "WEOG", "EU", "Accepted", "2", "Justice", "1", NULL);
    expect_row(r, 3, "Senegal", "Africa", "AU, OIC, OIF", HABRE_TEXT, "Ireland", "WEOG", "EU",
               "Noted", "4", "Impunity", "4", NULL);
    struct csv_row row;
    struct err err = {0};
    assert_int_equal(csv_read_row(r, &row, &err), 1);
    assert_int_equal(row.line, 4);
    assert_string_equal(row.fields[4], "Switzerland");
    expect_end(r);
}

static void test_csv_reads_the_same_rows_from_every_encoding_of_a_real_excerpt(void **state)
{
    (void)state;
    static const struct {
        const char *file, *encoding;
    } cases[] = {
        {FIXTURES "upr_macroman_cr.csv", "macroman"},
        {FIXTURES "upr_cp1252_crlf.csv", "windows-1252"},
        {FIXTURES "upr_utf8_bom_crlf.csv", "utf-8-bom"},
        {FIXTURES "upr_utf16le_bom_crlf.csv", "utf-16le"},
        {FIXTURES "upr_utf16be_bom_crlf.csv", "utf-16be"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct csv_reader *r = open_fixture(cases[i].file, NULL);
        assert_string_equal(csv_encoding(r), cases[i].encoding);
        assert_string_equal(csv_name(r), cases[i].file);
        expect_upr_excerpt(r);
        csv_close(r);
    }
}

static void test_csv_encoding_override_wins_over_detection(void **state)
{
    (void)state;
    /* "Habr\x8E" is MacRoman é, Windows-1252 Ž */
    struct csv_reader *r = NULL;
    struct err err = {0};
    assert_int_equal(csv_open_mem("t.csv", "Habr\x8E\r\n", 7, "cp1252", &r, &err), 0);
    assert_string_equal(csv_encoding(r), "windows-1252");
    expect_row(r, 1, "Habr\xC5\xBD", NULL);
    csv_close(r);
    assert_int_equal(csv_open_mem("t.csv", "Habr\x8E\r\n", 7, "Macintosh", &r, &err), 0);
    assert_string_equal(csv_encoding(r), "macroman");
    expect_row(r, 1, "Habr\xC3\xA9", NULL);
    csv_close(r);
    r = open_fixture(FIXTURES "fr_cp1252_lf.csv", "latin1");
    assert_string_equal(csv_encoding(r), "iso-8859-1");
    expect_row(r, 1, "recommendation", "recommending_state", "response", NULL);
    expect_row(r, 2,
               "Ratifier la Convention internationale pour la protection de toutes les personnes "
               "contre les disparitions forc\xC3\xA9"
               "es",
               "France",
               "Accept\xC3\xA9"
               "e",
               NULL);
    /* Latin-1 reads Windows-1252's ’ (0x92) as the C1 control U+0092 */
    expect_row(r, 3,
               "Renforcer l\xC2\x92ind\xC3\xA9pendance de l\xC2\x92institution nationale des "
               "droits de l\xC2\x92homme, conform\xC3\xA9ment aux Principes de Paris",
               "Belgique",
               "Accept\xC3\xA9"
               "e",
               NULL);
    csv_close(r);
}

static void test_csv_decodes_french_and_spanish_windows_1252_exports(void **state)
{
    (void)state;
    struct csv_reader *r = open_fixture(FIXTURES "fr_cp1252_lf.csv", NULL);
    assert_string_equal(csv_encoding(r), "windows-1252");
    expect_row(r, 1, "recommendation", "recommending_state", "response", NULL);
    expect_row(r, 2,
               "Ratifier la Convention internationale pour la protection de toutes les personnes "
               "contre les disparitions forc\xC3\xA9"
               "es",
               "France",
               "Accept\xC3\xA9"
               "e",
               NULL);
    expect_row(r, 3,
               "Renforcer l\xE2\x80\x99ind\xC3\xA9pendance de l\xE2\x80\x99institution nationale "
               "des droits de l\xE2\x80\x99homme, conform\xC3\xA9ment aux Principes de Paris",
               "Belgique",
               "Accept\xC3\xA9"
               "e",
               NULL);
    csv_close(r);
    r = open_fixture(FIXTURES "es_macroman_lf.csv", NULL);
    assert_string_equal(csv_encoding(r), "macroman");
    expect_row(r, 1, "recomendacion", "estado", "respuesta", NULL);
    expect_row(r, 2,
               "Garantizar el acceso a la educaci\xC3\xB3n de las ni\xC3\xB1"
               "as ind\xC3\xADgenas y afrodescendientes",
               "M\xC3\xA9xico", "Aceptada", NULL);
    csv_close(r);
}

static void test_csv_refuses_an_unknown_encoding_name_with_err_usage(void **state)
{
    (void)state;
    struct csv_reader *r = (struct csv_reader *)&r; /* must come back NULL */
    struct err err = {0};
    assert_int_equal(csv_open_mem("t.csv", "a", 1, "ebcdic", &r, &err), ERR_USAGE);
    assert_null(r);
    assert_string_equal(err.msg, "t.csv: unknown encoding \"ebcdic\"; known: " ENC_ACCEPTED_NAMES);
}

static void test_csv_reports_an_undecodable_byte_with_file_line_and_offset(void **state)
{
    (void)state;
    struct csv_reader *r = NULL;
    struct err err = {0};
    assert_int_equal(csv_open_mem("t.csv", "a\n\"b\nc\x81\"", 8, "windows-1252", &r, &err),
                     ERR_INPUT);
    assert_null(r);
    assert_string_equal(err.msg, "t.csv:3: byte 0x81 at byte offset 6 is not valid windows-1252; "
                                 "name the file's real encoding with --encoding");
    assert_int_equal(csv_open_mem("t.csv", "id\r\nHabr\xE9\r\n", 11, "utf-8", &r, &err), ERR_INPUT);
    assert_string_equal(err.msg, "t.csv:2: byte 0xE9 at byte offset 8 is not valid utf-8; the "
                                 "file is damaged or not UTF-8; name its encoding with --encoding");
}

/* ---- files ---------------------------------------------------------------------------------- */

static void test_csv_open_file_reports_a_missing_file_with_err_io(void **state)
{
    (void)state;
    struct csv_reader *r = NULL;
    struct err err = {0};
    assert_int_equal(csv_open_file(FIXTURES "missing.csv", NULL, &r, &err), ERR_IO);
    assert_null(r);
    assert_string_equal(err.msg, FIXTURES "missing.csv: cannot open: No such file or directory");
    assert_int_equal(csv_open_file(FIXTURES, NULL, &r, &err), ERR_IO);
    assert_string_equal(err.msg, FIXTURES ": cannot read: Is a directory");
}

static void test_csv_open_file_refuses_a_file_over_the_size_limit(void **state)
{
    (void)state;
    char path[] = "/tmp/suivi-test-csv-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    /* sparse: takes no disk space */
    assert_int_equal(ftruncate(fd, (off_t)CSV_MAX_BYTES + 1), 0);
    close(fd);
    struct csv_reader *r = NULL;
    struct err err = {0};
    int rc = csv_open_file(path, NULL, &r, &err);
    unlink(path);
    assert_int_equal(rc, ERR_INPUT);
    assert_null(r);
    char want[256];
    snprintf(want, sizeof want,
             "%s: the file is 134217729 bytes; suivi reads CSV files of at most 128 MiB (is it "
             "the right file?)",
             path);
    assert_string_equal(err.msg, want);
}

static void test_csv_close_accepts_null(void **state)
{
    (void)state;
    csv_close(NULL);
}

/* ---- the real UPR Info exports -------------------------------------------------------------- */

static void test_csv_counts_the_rows_of_the_macroman_exports_as_python_does(void **state)
{
    (void)state;
    /* python3 -c "import csv;print(sum(1 for _ in csv.reader(open(F,encoding='mac_roman',
     * newline=''))))" -> header + data rows */
    static const struct {
        const char *name;
        size_t rows;
    } files[] = {{"1-5.csv", 6095}, {"6-9.csv", 8344}, {"10-13.csv", 9048}, {"14-17.csv", 9599}};
    char path[512];
    if (!shared_upr_file(path, sizeof path, files[0].name))
        skip();
    for (size_t i = 0; i < 4; i++) {
        assert_non_null(shared_upr_file(path, sizeof path, files[i].name));
        assert_int_equal(count_rows(path, 11), files[i].rows);
    }
}

static void test_csv_decodes_hissene_habre_in_1_5_at_line_4639(void **state)
{
    (void)state;
    char path[512];
    if (!shared_upr_file(path, sizeof path, "1-5.csv"))
        skip();
    struct csv_reader *r = open_fixture(path, NULL);
    assert_string_equal(csv_encoding(r), "macroman");
    struct csv_row row;
    struct err err = {0};
    int rc;
    while ((rc = csv_read_row(r, &row, &err)) == 1 && !strstr(row.fields[3], "Habr"))
        ;
    assert_int_equal(rc, 1);
    assert_int_equal(row.line, 4639);
    assert_string_equal(row.fields[0], "Senegal");
    assert_string_equal(row.fields[3], HABRE_TEXT);
    csv_close(r);
}

static void test_csv_counts_33914_data_rows_in_the_utf8_export(void **state)
{
    (void)state;
    char path[512];
    if (!shared_upr_file(path, sizeof path, "upr_info_sessions_1-17_utf8.csv"))
        skip();
    struct csv_reader *r = open_fixture(path, NULL);
    assert_string_equal(csv_encoding(r), "utf-8");
    struct csv_row row;
    struct err err = {0};
    assert_int_equal(csv_read_row(r, &row, &err), 1);
    assert_int_equal(row.nfields, 13);
    assert_int_equal(csv_header_index(&row, "recommendation"), 4);
    assert_int_equal(csv_header_index(&row, "Source_File"), 12);
    csv_expect_fields(r, row.nfields);
    size_t rows = 0, last_line = 0;
    int rc;
    while ((rc = csv_read_row(r, &row, &err)) == 1) {
        rows++;
        last_line = row.line;
    }
    if (rc)
        fail_msg("%s", err.msg);
    assert_int_equal(rows, 33914);
    assert_int_equal(last_line, 33915);
    csv_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_reads_lf_crlf_and_cr_line_ends_alike),
        cmocka_unit_test(test_csv_reads_mixed_line_ends_in_one_file),
        cmocka_unit_test(test_csv_final_newline_makes_no_empty_row),
        cmocka_unit_test(test_csv_skips_blank_lines_but_counts_them),
        cmocka_unit_test(test_csv_empty_input_and_lone_bom_or_newlines_have_no_rows),
        cmocka_unit_test(test_csv_keeps_empty_and_space_fields),
        cmocka_unit_test(test_csv_unescapes_doubled_quotes_and_keeps_separators_inside_quotes),
        cmocka_unit_test(test_csv_quoted_newlines_count_as_lines_and_come_back_as_lf),
        cmocka_unit_test(test_csv_reads_a_row_of_many_fields),
        cmocka_unit_test(test_csv_reads_tab_separated_text_after_csv_set_separator),
        cmocka_unit_test(test_csv_reports_bare_quote_in_unquoted_field_with_its_line),
        cmocka_unit_test(test_csv_reports_text_after_closing_quote_with_its_line),
        cmocka_unit_test(test_csv_reports_unterminated_quoted_field_at_the_line_it_starts),
        cmocka_unit_test(test_csv_reports_a_truncated_real_export_as_unterminated),
        cmocka_unit_test(test_csv_reports_nul_bytes_with_their_line),
        cmocka_unit_test(test_csv_repeats_a_syntax_error_on_every_later_read),
        cmocka_unit_test(test_csv_expect_fields_reports_a_short_row_then_reads_on),
        cmocka_unit_test(test_csv_expect_fields_message_for_a_real_header_of_eleven),
        cmocka_unit_test(test_csv_header_index_ignores_case_and_surrounding_space),
        cmocka_unit_test(test_csv_strips_the_utf8_bom_before_the_first_header_field),
        cmocka_unit_test(test_csv_reads_the_same_rows_from_every_encoding_of_a_real_excerpt),
        cmocka_unit_test(test_csv_encoding_override_wins_over_detection),
        cmocka_unit_test(test_csv_decodes_french_and_spanish_windows_1252_exports),
        cmocka_unit_test(test_csv_refuses_an_unknown_encoding_name_with_err_usage),
        cmocka_unit_test(test_csv_reports_an_undecodable_byte_with_file_line_and_offset),
        cmocka_unit_test(test_csv_open_file_reports_a_missing_file_with_err_io),
        cmocka_unit_test(test_csv_open_file_refuses_a_file_over_the_size_limit),
        cmocka_unit_test(test_csv_close_accepts_null),
        cmocka_unit_test(test_csv_counts_the_rows_of_the_macroman_exports_as_python_does),
        cmocka_unit_test(test_csv_decodes_hissene_habre_in_1_5_at_line_4639),
        cmocka_unit_test(test_csv_counts_33914_data_rows_in_the_utf8_export),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
