-- Herald schema 2: the listing table. One row per (archive, post) for every post
-- that is or will become public, so every archive page is one index range scan:
-- the home of a language, each topic (with its descendants' posts), tag, author
-- and kind. Maintained by the store whenever posts or terms are written.

CREATE TABLE listing (
    archive    TEXT NOT NULL,
    sticky     INTEGER NOT NULL DEFAULT 0,
    publish_at INTEGER NOT NULL,
    post_id    INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    PRIMARY KEY (archive, post_id)
) WITHOUT ROWID;
CREATE INDEX listing_order ON listing (archive, sticky DESC, publish_at DESC, post_id DESC);
CREATE INDEX listing_post ON listing (post_id);
