/*
 * migrations.h — the schema migrations compiled into the binary (generated from
 * src/store/migrations/NNN_name.sql by scripts/embed-sql). Versions are forward-only: the
 * database records the last one applied (PRAGMA user_version for SQLite).
 */
#ifndef SUIVI_STORE_MIGRATIONS_H
#define SUIVI_STORE_MIGRATIONS_H

struct migration {
    int version;
    const char *name;
    const char *sql;
};

extern const struct migration store_migrations[];
extern const int store_migration_count;

/* The same versions for PostgreSQL (src/store/migrations/pg/); a version may span several
 * entries, applied in order in one transaction. */
extern const struct migration store_pg_migrations[];
extern const int store_pg_migration_count;

#endif
