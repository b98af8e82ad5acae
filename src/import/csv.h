/*
 * csv.h — the CSV reader every importer uses: RFC 4180 records out of a file in any of the
 * encodings of encoding.h, as NUL-terminated UTF-8 fields.
 *
 * The whole file is read and converted to UTF-8 at open; rows are then cut out of that text in
 * one pass, each field unescaped in place, so reading a row allocates nothing. Errors carry the
 * file name and the line ("upr.csv:120: bare \" in unquoted field 4"), lines counted from 1 the
 * way an editor counts them: LF, CRLF and a lone CR each end one line, also inside quoted fields.
 */
#ifndef SUIVI_IMPORT_CSV_H
#define SUIVI_IMPORT_CSV_H

#include <stddef.h>

#include "util/err.h"

/* The largest file csv_open_file and csv_open_mem accept: 128 MiB. The biggest real input (UPR
 * Info, sessions 1-17) is 9 MB; a larger file is most likely the wrong file. */
#define CSV_MAX_BYTES ((size_t)128 * 1024 * 1024)

struct csv_reader;

struct csv_row {
    size_t nfields;      /* >= 1 */
    const char **fields; /* nfields NUL-terminated UTF-8 strings, owned by the reader */
    size_t line;         /* line the row starts on, 1-based */
};

/* Opens path for reading: reads it whole (ERR_INPUT if larger than CSV_MAX_BYTES, ERR_IO if it
 * cannot be read) and converts it to UTF-8. encoding_or_NULL names the encoding as enc_parse
 * reads it (ERR_USAGE if unknown); NULL detects it with enc_detect. A byte invalid in that
 * encoding is ERR_INPUT naming line and byte offset. On success *out is a reader to free with
 * csv_close; on failure *out is NULL. */
int csv_open_file(const char *path, const char *encoding_or_NULL, struct csv_reader **out,
                  struct err *err) SUIVI_MUST_CHECK;

/* Same as csv_open_file for n bytes in memory (copied; the caller keeps bytes). name stands for
 * the file in error messages ("(memory)" if NULL). */
int csv_open_mem(const char *name, const char *bytes, size_t n, const char *encoding_or_NULL,
                 struct csv_reader **out, struct err *err) SUIVI_MUST_CHECK;

/* Reads the next record into *row: returns 1 with a row, 0 at the end of the file, negative
 * ERR_INPUT on malformed input with "FILE:LINE: ..." in err. The fields stay valid until the next
 * call or csv_close. Fully blank lines are skipped; a newline at the end of the file does not
 * make an empty row. A quoted field may hold commas, newlines and "" (one quote); its newlines
 * (LF, CRLF or CR) come back as "\n". Malformed input: a quote inside an unquoted field, text
 * after a closing quote, a quoted field still open at the end of the file ("unterminated quoted
 * field starting at line N", the mark of a truncated file) and a NUL character; after one of these
 * every later call returns the same error. A row whose field count differs from the one set with
 * csv_expect_fields is an error too, but only for that row: the next call reads the next row. */
int csv_read_row(struct csv_reader *reader, struct csv_row *row, struct err *err) SUIVI_MUST_CHECK;

/* From now on, a row without exactly nfields fields is an error: "FILE:LINE: expected 11 fields
 * (as in the header), found 9". Call it with the header's nfields after reading the header; 0
 * turns the check off. */
void csv_expect_fields(struct csv_reader *reader, size_t nfields);

/* Sets the field separator (',' by default; '\t' for Excel "Unicode text" exports, which are
 * tab-separated). Call before the first csv_read_row. Returns ERR_USAGE for '"', CR, LF, NUL and
 * bytes past ASCII. */
int csv_set_separator(struct csv_reader *reader, char separator) SUIVI_MUST_CHECK;

/* The index of the header field equal to name, comparing ASCII case-insensitively with spaces
 * and tabs trimmed from both ends of both; -1 if there is none (or header is NULL). */
int csv_header_index(const struct csv_row *header, const char *name);

/* The encoding the file was read in, as enc_name gives it ("macroman", "utf-8"...). */
const char *csv_encoding(const struct csv_reader *reader);

/* The name given at open (the path for csv_open_file), for an importer's own "FILE:LINE:" errors.
 */
const char *csv_name(const struct csv_reader *reader);

/* Frees the reader and its rows. NULL is fine. */
void csv_close(struct csv_reader *reader);

#endif
