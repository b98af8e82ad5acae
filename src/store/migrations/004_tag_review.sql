-- 004_tag_review: tags a model suggests (suivi tag) and what people make of them. A suggestion
-- waits here, pending, with its score, its reason (the terms that weighed most) and the model
-- that made it, until a coordinator accepts it (the tag then joins rec_tag with origin
-- 'machine' and its score, so search, facets and exports see it) or rejects it (it stays here,
-- rejected, so that tagging again never suggests it anew). Pending and rejected suggestions
-- never reach rec_tag: search and statistics count only tags that a source or a person stands
-- behind. Times are UTC ISO-8601 text with milliseconds, as in 002.
CREATE TABLE tag_suggestion (
    rid INTEGER NOT NULL REFERENCES recommendation(rid) ON DELETE CASCADE,
    vocab TEXT NOT NULL,       -- sdg, uhri_theme, affected_person, upr_issue
    code TEXT NOT NULL,        -- the term's code in that vocabulary
    label TEXT NOT NULL,       -- the term's label, as the model names it
    score REAL NOT NULL,
    reason TEXT,
    model TEXT,
    review TEXT NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'accepted', 'rejected')),
    created_at TEXT NOT NULL,
    reviewed_by TEXT,          -- login of who accepted or rejected it
    reviewed_at TEXT,
    PRIMARY KEY (rid, vocab, code)
) WITHOUT ROWID;
CREATE INDEX tag_suggestion_review ON tag_suggestion(review, vocab, score);
