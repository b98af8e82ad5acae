/*
 * upload.h — the one check of a file someone uploads, shared by follow-up evidence
 * (core/evidence.c) and the knowledge hub's attached files (core/hub_files.c): a plain name,
 * a size limit, one of a short list of types, and bytes that are what that type says,
 * recognised by their first bytes ("magic numbers") and, for office files, by the entries of
 * the zip they are. A PNG declared as a PDF, or a spreadsheet named .docx, is refused, so that
 * nobody is served something other than what the page announced. Pure: no store, no actor.
 */
#ifndef SUIVI_CORE_UPLOAD_H
#define SUIVI_CORE_UPLOAD_H

#include <stddef.h>

#include "util/err.h"

enum {
    CORE_UPLOAD_MAX_BYTES = 20 * 1024 * 1024, /* 20 MiB */
    CORE_UPLOAD_NAME_MAX = 255,               /* bytes of a file name */
    CORE_UPLOAD_TYPE_SIZE = 80,               /* room for a cleaned type and its NUL */
};

/* The type of an accepted file by its name's extension, case ignored (.pdf, .png, .jpg, .jpeg,
 * .gif, .docx, .xlsx, .odt, .ods, .txt, .csv), or NULL for any other. A static string. */
const char *core_upload_type_for_name(const char *file_name);

/* Checks, in this order: the name (non-empty, at most CORE_UPLOAD_NAME_MAX bytes of UTF-8
 * without control characters, no directory: no / or \, not . or ..), the size (1 to
 * CORE_UPLOAD_MAX_BYTES), the type (declared, lower-cased without parameters; NULL or "": the
 * one of the name's extension) one of the accepted ones, and the bytes against it (plain text
 * is also accepted as CSV). type (type_size bytes, CORE_UPLOAD_TYPE_SIZE is enough) receives
 * the cleaned type. ERR_INPUT naming the file and what was expected: "file name: ..." for the
 * name, "... at most ..." for the size, "... not accepted ..." for the type, "declared X (T)
 * but its content is Y" for the bytes. */
int core_upload_check(const char *file_name, const char *declared, const void *bytes, size_t size,
                      char *type, size_t type_size, struct err *err) SUIVI_MUST_CHECK;

#endif
