-- Herald schema 7: the size of every archive, so a listing's pager does not
-- count an archive's rows on each request, and a version per archive that
-- changes with every write of its rows, so page bookmarks kept in memory (see
-- src/archive.rs) know when they are stale, on every instance. Kept by
-- statement triggers (one aggregate per statement, not one update per row), so
-- every write of the listing table (rebuilds, deletes, cascades from posts)
-- counts. Rows are never deleted: a version must not start again from zero.

CREATE TABLE listing_counts (
    archive      TEXT COLLATE "C" PRIMARY KEY,
    posts        BIGINT NOT NULL DEFAULT 0,
    sticky_posts BIGINT NOT NULL DEFAULT 0,
    version      BIGINT NOT NULL DEFAULT 0
);

INSERT INTO listing_counts (archive, posts, sticky_posts, version)
SELECT archive, COUNT(*), COUNT(*) FILTER (WHERE sticky), 1 FROM listing GROUP BY archive;

CREATE FUNCTION listing_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO listing_counts AS c (archive, posts, sticky_posts, version)
    SELECT archive, COUNT(*), COUNT(*) FILTER (WHERE sticky), 1 FROM added GROUP BY archive
    ON CONFLICT (archive) DO UPDATE SET posts = c.posts + excluded.posts,
        sticky_posts = c.sticky_posts + excluded.sticky_posts, version = c.version + 1;
    RETURN NULL;
END $$;

CREATE FUNCTION listing_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE listing_counts c SET posts = c.posts - r.posts,
        sticky_posts = c.sticky_posts - r.sticky_posts, version = c.version + 1
    FROM (SELECT archive, COUNT(*) AS posts, COUNT(*) FILTER (WHERE sticky) AS sticky_posts
          FROM removed GROUP BY archive) r
    WHERE c.archive = r.archive;
    RETURN NULL;
END $$;

CREATE FUNCTION listing_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE listing_counts c SET posts = c.posts - r.posts,
        sticky_posts = c.sticky_posts - r.sticky_posts, version = c.version + 1
    FROM (SELECT archive, COUNT(*) AS posts, COUNT(*) FILTER (WHERE sticky) AS sticky_posts
          FROM removed GROUP BY archive) r
    WHERE c.archive = r.archive;
    INSERT INTO listing_counts AS c (archive, posts, sticky_posts, version)
    SELECT archive, COUNT(*), COUNT(*) FILTER (WHERE sticky), 1 FROM added GROUP BY archive
    ON CONFLICT (archive) DO UPDATE SET posts = c.posts + excluded.posts,
        sticky_posts = c.sticky_posts + excluded.sticky_posts, version = c.version + 1;
    RETURN NULL;
END $$;

CREATE TRIGGER listing_counts_insert AFTER INSERT ON listing
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION listing_counts_add();
CREATE TRIGGER listing_counts_delete AFTER DELETE ON listing
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION listing_counts_remove();
-- An update is a removal and an addition.
CREATE TRIGGER listing_counts_update AFTER UPDATE ON listing
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION listing_counts_update();
