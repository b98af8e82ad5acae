-- 004_tag_review (PostgreSQL): tags a model suggests (suivi tag) and what people make of them;
-- same table as the SQLite 004_tag_review.sql (see there). A suggestion waits here, pending,
-- until a coordinator accepts it (it then joins rec_tag with origin 'machine') or rejects it (it
-- stays here, rejected, so that tagging again never suggests it anew). Times are UTC ISO-8601
-- text with milliseconds, as in 002.
CREATE TABLE tag_suggestion (
    rid bigint NOT NULL REFERENCES recommendation(rid) ON DELETE CASCADE,
    vocab text NOT NULL,       -- sdg, uhri_theme, affected_person, upr_issue
    code text NOT NULL,        -- the term's code in that vocabulary
    label text NOT NULL,       -- the term's label, as the model names it
    score double precision NOT NULL,
    reason text,
    model text,
    review text NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'accepted', 'rejected')),
    created_at text NOT NULL,
    reviewed_by text,          -- login of who accepted or rejected it
    reviewed_at text,
    PRIMARY KEY (rid, vocab, code)
);
CREATE INDEX tag_suggestion_review ON tag_suggestion(review, vocab, score);
