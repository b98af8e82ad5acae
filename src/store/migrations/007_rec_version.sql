-- 007_rec_version: a number that moves when recommendations change (a record inserted or its
-- fields or texts updated), and only then. Caches built from the recommendations alone (the
-- similar-recommendations index of the web pages) key on it instead of on every write, so a
-- comment or a login does not make a web thread re-read 34k texts. Bumped once per committing
-- transaction by the store (sqlite.c), not per row, so imports pay nothing per record.
CREATE TABLE rec_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
);
INSERT INTO rec_version(id, n) VALUES (1, 0);
