-- 007_rec_version (PostgreSQL): the rec_version table exactly as SQLite has it, for parity (so
-- that migrate-db copies every table). postgres.c keeps the version itself in a sequence.
CREATE TABLE rec_version (
    id bigint PRIMARY KEY CHECK (id = 1),
    n bigint NOT NULL
);
INSERT INTO rec_version(id, n) VALUES (1, 0);
