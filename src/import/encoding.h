/*
 * encoding.h — which character encoding a file of text is in, and conversion to UTF-8.
 *
 * Every importer reads bytes written by some spreadsheet program: old Excel for Mac (MacRoman, CR
 * line ends), Excel for Windows (Windows-1252, CRLF), "Unicode text" exports (UTF-16 with a BOM)
 * and modern tools (UTF-8, maybe with a BOM). This module guesses which (enc_detect), reads a
 * user's --encoding override (enc_parse) and converts to the UTF-8 used everywhere inside suivi
 * (enc_to_utf8). It is the only file that includes iconv.h.
 */
#ifndef SUIVI_IMPORT_ENCODING_H
#define SUIVI_IMPORT_ENCODING_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

enum enc {
    ENC_UTF8,     /* UTF-8 without a byte-order mark (pure ASCII is reported as this) */
    ENC_UTF8_BOM, /* UTF-8 starting with EF BB BF */
    ENC_UTF16LE,  /* UTF-16 little-endian (Excel "Unicode text"), BOM FF FE optional */
    ENC_UTF16BE,  /* UTF-16 big-endian, BOM FE FF optional */
    ENC_MACROMAN, /* Mac OS Roman: Excel for Mac before 2016 */
    ENC_CP1252,   /* Windows-1252: Excel for Windows in western Europe and the Americas */
    ENC_LATIN1,   /* ISO-8859-1; only ever chosen by name, see enc_detect */
};

/* The canonical name of an encoding ("utf-8", "utf-8-bom", "utf-16le", "utf-16be", "macroman",
 * "windows-1252", "iso-8859-1"), static storage. enc_parse accepts every name it returns. */
const char *enc_name(enum enc e);

/* Reads an encoding name as a person types it for --encoding. Case, '-', '_' and spaces are
 * ignored, so "UTF-8", "utf8" and "utf_8" are the same. Accepted: utf-8 (utf8), utf-8-bom
 * (utf-8-sig), utf-16le, utf-16be, macroman (macintosh, mac, mac-roman), windows-1252 (cp1252),
 * iso-8859-1 (latin1, latin-1). Returns 0 and sets *out, or ERR_USAGE for an unknown name (or
 * NULL), leaving *out alone; ENC_ACCEPTED_NAMES is the list to show the person. */
int enc_parse(const char *name, enum enc *out) SUIVI_MUST_CHECK;

#define ENC_ACCEPTED_NAMES                                                                         \
    "utf-8, utf-8-bom, utf-16le, utf-16be, macroman, windows-1252 (cp1252), iso-8859-1 (latin1)"

/* Guesses the encoding of n bytes; never fails. In order:
 *  1. a byte-order mark: EF BB BF -> ENC_UTF8_BOM, FF FE -> ENC_UTF16LE, FE FF -> ENC_UTF16BE;
 *  2. no BOM but a NUL in every other byte (in >= 3/8 of the byte pairs of the first 4 KiB, at
 *     least 16 bytes, the other half nearly NUL-free) -> UTF-16 of that byte order (a BOM-less
 *     "Unicode text" file);
 *  3. valid UTF-8 (pure ASCII and empty input included) -> ENC_UTF8; also when the text is
 *     mostly UTF-8 (>= 4 valid multi-byte characters and at most one invalid byte for ten of
 *     them), so that enc_to_utf8 reports the damaged byte instead of decoding it all as
 *     mojibake;
 *  4. otherwise MacRoman or Windows-1252, whichever reads more like European text. Each byte
 *     >= 0x80 is decoded both ways and scored with its neighbours (also decoded):
 *     - a lowercase accented letter inside a word +3; at the end of a word +2 if accents often
 *       end words (é à è á í ó ú ì ò ù ã õ ê ô â), else 0; at the start of a word +2 if they
 *       often start words (é ê à á â í î ó ô ú ä ö ü œ), else -1; alone -2 (but à, è +2);
 *     - a capital letter +1 at the start or inside a capitalised word, -2 after a lowercase
 *       letter (the "HabrŽ" of MacRoman read as Windows-1252), -1 alone;
 *     - ’ between letters +3 when it looks like an apostrophe (before s t d m r v l, or after
 *       l d j n s c u), else 0; after an s and before a space +2 (girls’); other closing use +1;
 *       “ ‘ before a word +3, ” after one +3, « » +3; ¡ ¿ +1 before a word, else -2;
 *     - – — … ° € § · • ª º and no-break space +1; any other symbol (ˆ ‹ ‡ ◊ ∑...) -2;
 *     - a byte Windows-1252 leaves undefined (81 8D 8F 90 9D) rules Windows-1252 out.
 *     Line ends add 4 points: CR alone (classic Mac) to MacRoman, CRLF to Windows-1252. A tie
 *     goes to MacRoman if the lines end in CR alone, else to Windows-1252. Measured on the UPR
 *     Info rows that hold accents, one row at a time without line ends: 103 of 104 right (the
 *     miss: "Yo sí puedo", where ’ fits as well as í).
 * ISO-8859-1 is never guessed: Windows-1252 decodes every Latin-1 text identically except the
 * C1 control codes 0x80-0x9F, which real text does not contain. */
enum enc enc_detect(const unsigned char *bytes, size_t n);

/* Appends the UTF-8 form of n bytes in encoding e to out, dropping the encoding's BOM if the
 * bytes start with one (EF BB BF for UTF-8, FF FE / FE FF for UTF-16). UTF-8 input is checked
 * (no overlong forms, surrogates or truncated sequences). A byte that is not valid in e returns
 * ERR_INPUT, leaves out as it was, and says where: "line 3: byte 0x81 at byte offset 120 is not
 * valid windows-1252; name the file's real encoding with --encoding". Lines are counted as the CSV
 * reader counts them (LF, CRLF or CR). ERR_NOMEM if out cannot grow. */
int enc_to_utf8(const unsigned char *in, size_t n, enum enc e, struct buf *out,
                struct err *err) SUIVI_MUST_CHECK;

/* Same as enc_to_utf8, but an error message names its source the way parsers do:
 * "SOURCE:3: byte 0x81 at byte offset 120 is not valid windows-1252; ...". source may be NULL,
 * which gives enc_to_utf8's wording. */
int enc_to_utf8_named(const char *source, const unsigned char *in, size_t n, enum enc e,
                      struct buf *out, struct err *err) SUIVI_MUST_CHECK;

#endif
