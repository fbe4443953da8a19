-- Herald schema 1: languages, kinds, users, terms, posts.
-- Times are UTC seconds since the Unix epoch; JSON columns hold small lists.

CREATE TABLE site_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE languages (
    code           TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    direction      TEXT NOT NULL CHECK (direction IN ('ltr', 'rtl')),
    calendar       TEXT NOT NULL,
    digits         TEXT NOT NULL,
    date_format    TEXT NOT NULL,
    site_name      TEXT NOT NULL,
    tagline        TEXT NOT NULL,
    read_more      TEXT NOT NULL,
    posts_per_page INTEGER NOT NULL CHECK (posts_per_page BETWEEN 1 AND 100),
    excerpt_words  INTEGER NOT NULL CHECK (excerpt_words BETWEEN 1 AND 1000),
    menu           TEXT NOT NULL DEFAULT '[]',
    position       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE kinds (
    slug     TEXT PRIMARY KEY,
    labels   TEXT NOT NULL DEFAULT '[]',
    position INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    slug          TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    email         TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'author', 'contributor')),
    bio           TEXT NOT NULL DEFAULT '',
    password_hash TEXT
);

CREATE TABLE terms (
    id          INTEGER PRIMARY KEY,
    language    TEXT NOT NULL REFERENCES languages (code),
    taxonomy    TEXT NOT NULL CHECK (taxonomy IN ('topic', 'tag')),
    slug        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    parent      INTEGER REFERENCES terms (id),
    UNIQUE (language, taxonomy, slug)
);
CREATE INDEX terms_parent ON terms (parent);

CREATE TABLE posts (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL,
    language          TEXT NOT NULL REFERENCES languages (code),
    status            TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'scheduled', 'published', 'private', 'trash')),
    title             TEXT NOT NULL,
    slug              TEXT NOT NULL,
    body              TEXT NOT NULL,
    format            TEXT NOT NULL CHECK (format IN ('markdown', 'html')),
    excerpt           TEXT NOT NULL DEFAULT '',
    author            INTEGER REFERENCES users (id),
    parent            INTEGER REFERENCES posts (id),
    publish_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    sticky            INTEGER NOT NULL DEFAULT 0,
    comments_open     INTEGER NOT NULL DEFAULT 1,
    featured_image    TEXT,
    featured_alt      TEXT NOT NULL DEFAULT '',
    translation_group INTEGER,
    body_html         TEXT NOT NULL DEFAULT '',
    excerpt_text      TEXT NOT NULL DEFAULT ''
);
-- Listings read only public-able posts of a language, newest first.
CREATE INDEX posts_listing ON posts (language, publish_at DESC, id DESC)
    WHERE kind <> 'page' AND status IN ('published', 'scheduled');
CREATE INDEX posts_home ON posts (language, sticky DESC, publish_at DESC, id DESC)
    WHERE kind <> 'page' AND status IN ('published', 'scheduled');
CREATE INDEX posts_kind ON posts (language, kind, publish_at DESC, id DESC)
    WHERE status IN ('published', 'scheduled');
CREATE INDEX posts_author ON posts (author, publish_at DESC, id DESC);
CREATE INDEX posts_pages ON posts (language, parent, slug) WHERE kind = 'page';
CREATE INDEX posts_translation ON posts (translation_group) WHERE translation_group IS NOT NULL;

CREATE TABLE post_terms (
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    term_id INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, term_id)
) WITHOUT ROWID;
CREATE INDEX post_terms_term ON post_terms (term_id, post_id);
