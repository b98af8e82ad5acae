/*
 * key.h — the comparison key of a name (country, theme, label): what two spellings of the same
 * name have in common once case, accents, punctuation and spacing are set aside.
 */
#ifndef SUIVI_TEXT_KEY_H
#define SUIVI_TEXT_KEY_H

#include "util/buf.h"

/* Appends to out the key of name: case-folded, accents removed, "&" read as "and", every run of
 * characters other than letters and digits made one space, trimmed. "Côte d’Ivoire" and
 * "cote d'ivoire" give "cote d ivoire". Returns 0, ERR_NOMEM, or ERR_INPUT for invalid UTF-8. */
int text_name_key(const char *name, struct buf *out) SUIVI_MUST_CHECK;

#endif
