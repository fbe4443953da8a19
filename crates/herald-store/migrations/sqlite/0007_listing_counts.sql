-- Herald schema 7: the size of every archive, so a listing's pager does not
-- count an archive's rows on each request, and a version per archive that
-- changes with every row written, so page bookmarks kept in memory (see
-- src/archive.rs) know when they are stale. Kept by triggers, so every write
-- of the listing table (rebuilds, deletes, cascades from posts) counts.
-- Rows are never deleted: a version must not start again from zero.

CREATE TABLE listing_counts (
    archive      TEXT PRIMARY KEY,
    posts        INTEGER NOT NULL DEFAULT 0,
    sticky_posts INTEGER NOT NULL DEFAULT 0,
    version      INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

INSERT INTO listing_counts (archive, posts, sticky_posts, version)
SELECT archive, COUNT(*), SUM(sticky <> 0), 1 FROM listing GROUP BY archive;

-- No conflict clause inside the triggers: the statement that fires a trigger
-- imposes its own (INSERT OR IGNORE, …) on them, so the row is created with a
-- NOT EXISTS guard instead.
CREATE TRIGGER listing_counts_insert AFTER INSERT ON listing BEGIN
    INSERT INTO listing_counts (archive)
    SELECT NEW.archive WHERE NOT EXISTS (SELECT 1 FROM listing_counts WHERE archive = NEW.archive);
    UPDATE listing_counts
    SET posts = posts + 1, sticky_posts = sticky_posts + (NEW.sticky <> 0), version = version + 1
    WHERE archive = NEW.archive;
END;

CREATE TRIGGER listing_counts_delete AFTER DELETE ON listing BEGIN
    UPDATE listing_counts
    SET posts = posts - 1, sticky_posts = sticky_posts - (OLD.sticky <> 0), version = version + 1
    WHERE archive = OLD.archive;
END;

CREATE TRIGGER listing_counts_update AFTER UPDATE ON listing BEGIN
    UPDATE listing_counts
    SET posts = posts - 1, sticky_posts = sticky_posts - (OLD.sticky <> 0), version = version + 1
    WHERE archive = OLD.archive;
    INSERT INTO listing_counts (archive)
    SELECT NEW.archive WHERE NOT EXISTS (SELECT 1 FROM listing_counts WHERE archive = NEW.archive);
    UPDATE listing_counts
    SET posts = posts + 1, sticky_posts = sticky_posts + (NEW.sticky <> 0), version = version + 1
    WHERE archive = NEW.archive;
END;
