-- Herald schema 6, the
-- same version as PostgreSQL's, whose triggers notify other instances of
-- content changes. SQLite needs no triggers: other processes' commits show in
-- `PRAGMA data_version` (see src/sqlite/watch.rs).

-- When the public site next changes without a write (a scheduled post going
-- live): one index seek instead of a scan.
CREATE INDEX posts_publish_at ON posts (publish_at) WHERE status IN ('published', 'scheduled');
