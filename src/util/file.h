/*
 * file.h — reading a whole file into a buffer, with errors that name the file.
 */
#ifndef SUIVI_FILE_H
#define SUIVI_FILE_H

#include <stddef.h>

#include "util/buf.h"

/* Appends the bytes of path to out. Refuses files larger than max bytes (ERR_INPUT). */
int file_read_all(const char *path, size_t max, struct buf *out, struct err *err) SUIVI_MUST_CHECK;

#endif
