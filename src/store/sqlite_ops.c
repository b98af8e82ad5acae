/*
 * sqlite_ops.c — the SQLite backend's table of functions (backend.h): one entry per line of
 * store_ops.def, each turning the generic handle back into the backend's own and calling
 * sqlite_<name>.
 */
#include "store/sqlite_internal.h"

static struct sqlite_store *own(struct store *st)
{
    return (struct sqlite_store *)st; /* base is the first member */
}

#define STORE_OP(R, N, P, A)                                                                       \
    static R op_##N(struct store *st, STORE_STRIP P)                                               \
    {                                                                                              \
        return sqlite_##N(own(st), STORE_STRIP A);                                                 \
    }
#define STORE_OPV(N, P, A)                                                                         \
    static void op_##N(struct store *st, STORE_STRIP P)                                            \
    {                                                                                              \
        sqlite_##N(own(st), STORE_STRIP A);                                                        \
    }
#define STORE_OP0(R, N)                                                                            \
    static R op_##N(struct store *st)                                                              \
    {                                                                                              \
        return sqlite_##N(own(st));                                                                \
    }
#define STORE_OPV0(N)                                                                              \
    static void op_##N(struct store *st)                                                           \
    {                                                                                              \
        sqlite_##N(own(st));                                                                       \
    }
#include "store/store_ops.def"
#undef STORE_OP
#undef STORE_OPV
#undef STORE_OP0
#undef STORE_OPV0

const struct store_ops sqlite_ops = {
    .name = "sqlite",
#define STORE_OP(R, N, P, A) .N = op_##N,
#define STORE_OPV(N, P, A) .N = op_##N,
#define STORE_OP0(R, N) .N = op_##N,
#define STORE_OPV0(N) .N = op_##N,
#include "store/store_ops.def"
};
