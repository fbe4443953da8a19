-- Herald schema 5: what a site brought over from another system keeps —
-- readers' comments, media files, post metadata, the old addresses that lead
-- to the new ones, and which import wrote which row (so running it again
-- updates instead of duplicating).

CREATE TABLE comments (
    id           INTEGER PRIMARY KEY,
    post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    parent       INTEGER REFERENCES comments (id) ON DELETE SET NULL,
    author_name  TEXT NOT NULL,
    author_email TEXT NOT NULL DEFAULT '',
    author_url   TEXT NOT NULL DEFAULT '',
    author_ip    TEXT NOT NULL DEFAULT '',
    user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    body         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'spam', 'trash')),
    kind         TEXT NOT NULL DEFAULT 'comment'
);
CREATE INDEX comments_by_post ON comments (post_id, created_at, id);
CREATE INDEX comments_parent ON comments (parent) WHERE parent IS NOT NULL;

CREATE TABLE media (
    id           INTEGER PRIMARY KEY,
    post_id      INTEGER REFERENCES posts (id) ON DELETE SET NULL,
    url          TEXT NOT NULL,
    original_url TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    alt          TEXT NOT NULL DEFAULT '',
    caption      TEXT NOT NULL DEFAULT '',
    description  TEXT NOT NULL DEFAULT '',
    mime         TEXT NOT NULL DEFAULT '',
    uploaded_at  INTEGER NOT NULL
);
CREATE INDEX media_by_post ON media (post_id) WHERE post_id IS NOT NULL;

CREATE TABLE post_meta (
    post_id  INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (post_id, position)
) WITHOUT ROWID;

CREATE TABLE redirects (
    old_path TEXT PRIMARY KEY,
    target   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE import_origins (
    source TEXT NOT NULL,
    kind   TEXT NOT NULL,
    old_id TEXT NOT NULL,
    new_id INTEGER NOT NULL,
    PRIMARY KEY (source, kind, old_id)
) WITHOUT ROWID;
