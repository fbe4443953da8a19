-- Herald schema 2: the listing table. One row per (archive, post) for every post
-- that is or will become public, so every archive page is one index range scan:
-- the home of a language, each topic (with its descendants' posts), tag, author
-- and kind. Maintained by the store whenever posts or terms are written.
-- Archive keys are internal, so they compare byte-wise (COLLATE "C"): the
-- cheapest comparison for the index.

CREATE TABLE listing (
    archive    TEXT COLLATE "C" NOT NULL,
    sticky     BOOLEAN NOT NULL DEFAULT FALSE,
    publish_at BIGINT NOT NULL,
    post_id    BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    PRIMARY KEY (archive, post_id)
);
CREATE INDEX listing_order ON listing (archive, sticky DESC, publish_at DESC, post_id DESC);
CREATE INDEX listing_post ON listing (post_id);
