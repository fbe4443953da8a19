-- Herald schema 6: tell
-- every Herald instance over this database when content changes, so their
-- page caches drop stale pages. Each statement that writes a table a public
-- page reads queues one notification on the channel `herald_content`, with
-- the schema's name as payload (several sites may share a database, one per
-- schema); PostgreSQL sends it when the transaction commits, once per
-- transaction, and never for a rolled-back one. Writes by any program (a
-- second instance, `herald import`, psql) are covered alike.
--
-- A new table that public pages read needs the same trigger. Sessions, login
-- failures and revisions are not shown publicly and have none.

CREATE FUNCTION herald_notify_content() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('herald_content', TG_TABLE_SCHEMA);
    RETURN NULL;
END
$$;

CREATE TRIGGER site_settings_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON site_settings
    FOR EACH STATEMENT EXECUTE FUNCTION herald_notify_content();
CREATE TRIGGER languages_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON languages
    FOR EACH STATEMENT EXECUTE FUNCTION herald_notify_content();
CREATE TRIGGER kinds_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kinds
    FOR EACH STATEMENT EXECUTE FUNCTION herald_notify_content();
CREATE TRIGGER users_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION herald_notify_content();
CREATE TRIGGER terms_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON terms
    FOR EACH STATEMENT EXECUTE FUNCTION herald_notify_content();
CREATE TRIGGER posts_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON posts
    FOR EACH STATEMENT EXECUTE FUNCTION herald_notify_content();
CREATE TRIGGER post_terms_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON post_terms
    FOR EACH STATEMENT EXECUTE FUNCTION herald_notify_content();
CREATE TRIGGER listing_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON listing
    FOR EACH STATEMENT EXECUTE FUNCTION herald_notify_content();
CREATE TRIGGER comments_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON comments
    FOR EACH STATEMENT EXECUTE FUNCTION herald_notify_content();
CREATE TRIGGER media_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON media
    FOR EACH STATEMENT EXECUTE FUNCTION herald_notify_content();
CREATE TRIGGER redirects_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON redirects
    FOR EACH STATEMENT EXECUTE FUNCTION herald_notify_content();

-- When the public site next changes without a write (a scheduled post going
-- live): one index seek instead of a scan.
CREATE INDEX posts_publish_at ON posts (publish_at) WHERE status IN ('published', 'scheduled');
