-- Herald schema 4: revisions of posts' text, one row per save.

CREATE TABLE revisions (
    id       INTEGER PRIMARY KEY,
    post_id  INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    saved_at INTEGER NOT NULL,
    saved_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    title    TEXT NOT NULL,
    slug     TEXT NOT NULL,
    body     TEXT NOT NULL,
    format   TEXT NOT NULL CHECK (format IN ('markdown', 'html')),
    excerpt  TEXT NOT NULL DEFAULT ''
);

CREATE INDEX revisions_by_post ON revisions (post_id, id DESC);
CREATE INDEX revisions_by_user ON revisions (saved_by) WHERE saved_by IS NOT NULL;
