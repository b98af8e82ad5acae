/*
 * backend.h — what a storage backend is to the rest of src/store/: a table of functions, one
 * per line of store_ops.def, and the header every backend's own handle starts with. store.c
 * picks the backend from the URL given to store_open and forwards each store_* call through
 * the table; nothing outside src/store/ includes this header.
 */
#ifndef SUIVI_STORE_BACKEND_H
#define SUIVI_STORE_BACKEND_H

#include "store/store.h"
#include "store/store_coop.h"
#include "store/store_hub.h"

#define STORE_STRIP(...) __VA_ARGS__

struct store_ops {
    const char *name; /* "sqlite", "postgresql" */
#define STORE_OP(R, N, P, A) R (*N)(struct store * st, STORE_STRIP P);
#define STORE_OPV(N, P, A) void (*N)(struct store * st, STORE_STRIP P);
#define STORE_OP0(R, N) R (*N)(struct store * st);
#define STORE_OPV0(N) void (*N)(struct store * st);
#include "store/store_ops.def"
#undef STORE_OP
#undef STORE_OPV
#undef STORE_OP0
#undef STORE_OPV0
};

/* The first member of each backend's handle (struct sqlite_store, struct pg_store), so that a
 * backend may convert between the two pointers. */
struct store {
    const struct store_ops *ops;
};

/* Each backend declares its functions from store_ops.def with its own prefix and handle type,
 * e.g. in sqlite_internal.h:
 *   #define STORE_OP(R, N, P, A) R sqlite_##N(struct sqlite_store *st, STORE_STRIP P);
 * and its table in its *_ops.c with functions that convert the handle and call those. */

#endif
