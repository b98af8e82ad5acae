/*
 * thematic_list.h — parser for OHCHR's "Thematic list of recommendations", the text OHCHR sends
 * each State after its Universal Periodic Review (one recommendation per block: paragraph and
 * text, source of position, position, themes, SDGs, affected persons, grouped under "Theme:").
 *
 * The parser reads UTF-8 text from memory and calls back once per recommendation. It does no I/O
 * and knows nothing of the store: the importer (src/import) owns the file and the database side.
 * Both UPR cycle 2 ("A12 Acceptance of ...", "Source of position:") and cycle 3 ("- " bullets,
 * "Source of Position:", "SDGs:") layouts are accepted.
 */
#ifndef SUIVI_THEMATIC_LIST_H
#define SUIVI_THEMATIC_LIST_H

#include <stddef.h>

#include "util/err.h"

/* The document's preamble, from "# UPR 34th Session - Slovenia - ...", "**Session:** 34th UPR
 * Working Group", "**Date:** November 2019" and "**Total Recommendations:** 184". Strings have
 * their HTML entities decoded. */
struct tl_header {
    const char *country; /* "Slovenia"; NULL when there is no such title line */
    int session;         /* 34 ("**Session:**", else the title); 0 when unknown */
    const char *date;    /* "November 2019" as printed; NULL when absent */
    int declared_total;  /* 184; -1 when not declared */
};

/* One recommendation. Strings are UTF-8 with entities decoded, trimmed, never NULL unless said.
 * Each list holds a value once, in order of first appearance (the lists are sets: OHCHR
 * sometimes prints the same SDG twice in one entry). */
struct tl_entry {
    size_t line;                    /* 1-based line of the "121.1 ..." line */
    const char *paragraph;          /* "121.1" */
    const char *text;               /* full text as printed, recommending States included;
                                       wrapped lines are joined with one space */
    const char **states;            /* recommending States, see tl_parse for the rule */
    size_t nstates;                 /* may be 0 when the text ends without "(State)" */
    const char *source_of_position; /* "A/HRC/43/15 - Para 121" */
    const char *document;           /* the symbol alone: "A/HRC/43/15", "A/HRC/43/15/Add.1" */
    const char *position;           /* "Supported", "Noted", ... as printed */
    const char *cluster_theme;      /* current "Theme:" heading without its code; NULL before
                                       the first heading */
    const char *cluster_code;       /* "A12" for "Theme: A12 Acceptance ...", else NULL */
    const char **themes;            /* "Acceptance of international norms" (code split off) */
    const char **theme_codes;       /* same length as themes; "A12", or NULL when uncoded */
    size_t nthemes;
    const char **affected; /* "Disappeared persons" */
    size_t naffected;
    const char **sdgs; /* goal numbers as decimal strings: "16" from "- 16 - PEACE, ..." */
    size_t nsdgs;
};

/* What the importer should check after a successful parse: a declared total that differs from
 * the count of entries is not an error, but the person importing must be told. */
struct tl_summary {
    int entries;        /* recommendations passed to the callback */
    int declared_total; /* header's "Total Recommendations", -1 when not declared */
};

/* Called once per recommendation, in document order. h and e, and every string and array they
 * point to, are valid only during the call: copy what you keep. Return 0 to go on; any other
 * value stops the parse and becomes tl_parse's result (fill err yourself if it is an error). */
typedef int (*tl_entry_cb)(void *ctx, const struct tl_header *h, const struct tl_entry *e);

/*
 * Parses the n bytes at text (need not be NUL-terminated; a UTF-8 BOM, CRLF line ends, trailing
 * blanks and a missing final newline are accepted). name is used only in messages ("NAME:LINE:
 * ..."); NULL reads as "<input>". cb may be NULL to only validate. summary, if not NULL, is filled
 * whatever the outcome (entries counted so far).
 *
 * Recommending States: the text is cut into top-level parenthesised groups (nesting respected,
 * so "(Bolivia (Plurinational State of))" is one group). Groups separated only by blanks form a
 * run; a run counts when it ends the text or is followed by ";" or ".". In such a run, groups are
 * taken from right to left while every comma-separated name in them is a known UN Member or
 * observer State (a built-in list, with former names such as "Turkey" or "the former Yugoslav
 * Republic of Macedonia"; ASCII case, ’ vs ' and blank runs ignored); the last group of the
 * whole text is always taken, known or not. Names are split at commas outside inner parentheses
 * and trimmed; each State is kept once, in order. So "(No. 29) (United Kingdom of Great Britain
 * and Northern Ireland);" yields only the United Kingdom and "(ICRMW) (Iran (Islamic Republic
 * of));" only "Iran (Islamic Republic of)".
 *
 * A position line is one of Supported, Noted, Accepted, Rejected, Pending, Partially supported
 * (ASCII case ignored). Text lines between "121.1 ..." and "Source of position:" are joined.
 *
 * Returns 0, the callback's nonzero value, ERR_USAGE when text is NULL but n is not 0, or
 * ERR_INPUT / ERR_NOMEM with err filled as "NAME:LINE: expected ..., found '...'": invalid
 * UTF-8 or a NUL byte (with its column), an entry without "Source of position:" or without a
 * position line, "Source of position" outside an entry, a line that does not belong where it
 * stands, a bad SDG number or header value, more than 1000 items in one list, or no
 * recommendation at all ("no recommendations found").
 */
int tl_parse(const char *name, const char *text, size_t n, tl_entry_cb cb, void *ctx,
             struct tl_summary *summary, struct err *err) SUIVI_MUST_CHECK;

#endif
