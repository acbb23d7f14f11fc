-- Balasan schema, version 1. Applied on open to an empty database; later
-- changes are ordered migrations in internal/sqlite/migrate.go gated by
-- PRAGMA user_version. Times are Unix milliseconds (UTC).

-- An article is a page that embeds comments, keyed by the site's own id.
CREATE TABLE IF NOT EXISTS articles (
    key            TEXT PRIMARY KEY,
    url            TEXT NOT NULL DEFAULT '',
    title          TEXT NOT NULL DEFAULT '',
    -- 1: url and title came from a trusted source (an import, a moderator,
    -- the operator); 0: from a reader's request, provisional (never mailed).
    verified       INTEGER NOT NULL DEFAULT 0,
    -- auto: open unless BALASAN_CLOSE_AFTER has passed; open / closed: a moderator's choice.
    comment_status TEXT NOT NULL DEFAULT 'auto' CHECK (comment_status IN ('auto', 'open', 'closed')),
    -- kept by triggers so counts never scan comments
    approved_count INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    -- the other statuses, for the dashboard's articles page (version 5)
    pending_count  INTEGER NOT NULL DEFAULT 0,
    spam_count     INTEGER NOT NULL DEFAULT 0,
    trash_count    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- The articles page lists the newest first, keyset-paginated.
CREATE INDEX IF NOT EXISTS articles_created ON articles(created_at, key);

CREATE TABLE IF NOT EXISTS comments (
    id              INTEGER PRIMARY KEY,
    article_key     TEXT NOT NULL REFERENCES articles(key),
    parent_id       INTEGER REFERENCES comments(id) ON DELETE SET NULL,
    author          TEXT NOT NULL,
    author_url      TEXT NOT NULL DEFAULT '',
    -- email holds the address (ciphertext once encryption at rest is on);
    -- email_hash is a keyed hash of the lower-cased address for lookups.
    email           TEXT NOT NULL DEFAULT '',
    email_hash      TEXT NOT NULL DEFAULT '',
    ip              TEXT NOT NULL DEFAULT '',
    user_agent      TEXT NOT NULL DEFAULT '',
    raw_content     TEXT NOT NULL,
    content_html    TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
    -- the status before spam or trash, so restore puts the comment back
    prev_status     TEXT NOT NULL DEFAULT '',
    -- why a rule held the comment, shown in the queue ('' when none held it)
    reason          TEXT NOT NULL DEFAULT '',
    spam_score      REAL,
    is_staff        INTEGER NOT NULL DEFAULT 0,
    moderation_hash TEXT NOT NULL DEFAULT '',
    -- reply mail: 0 none, 1 asked (waiting for confirmation), 2 confirmed
    notify          INTEGER NOT NULL DEFAULT 0,
    -- where an imported comment came from ('wxr', 'disqus') and its id there
    import_source   TEXT,
    import_id       TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
-- Public read path: approved comments of one article, oldest first.
CREATE INDEX IF NOT EXISTS comments_article_status ON comments(article_key, status, id);
-- Dashboard queue views, keyset-paginated by id.
CREATE INDEX IF NOT EXISTS comments_status_id ON comments(status, id);
-- Duplicates, trusted authors, privacy export/erase.
CREATE INDEX IF NOT EXISTS comments_email_hash ON comments(email_hash, status);
-- Flood control and IP retention.
CREATE INDEX IF NOT EXISTS comments_ip_created ON comments(ip, created_at);
CREATE INDEX IF NOT EXISTS comments_parent ON comments(parent_id) WHERE parent_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS comments_import ON comments(import_source, import_id) WHERE import_source IS NOT NULL;

-- Comments per status for the dashboard's navigation, kept by triggers so
-- a million rows cost nothing to count.
CREATE TABLE IF NOT EXISTS status_counts (
    status TEXT PRIMARY KEY,
    n      INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO status_counts (status, n) VALUES ('pending', 0), ('approved', 0), ('spam', 0), ('trash', 0);

CREATE TRIGGER IF NOT EXISTS comments_counted_insert AFTER INSERT ON comments BEGIN
    UPDATE status_counts SET n = n + 1 WHERE status = NEW.status;
    UPDATE articles SET approved_count = approved_count + (NEW.status = 'approved'),
        pending_count = pending_count + (NEW.status = 'pending'), spam_count = spam_count + (NEW.status = 'spam'),
        trash_count = trash_count + (NEW.status = 'trash') WHERE key = NEW.article_key;
END;
CREATE TRIGGER IF NOT EXISTS comments_counted_delete AFTER DELETE ON comments BEGIN
    UPDATE status_counts SET n = n - 1 WHERE status = OLD.status;
    UPDATE articles SET approved_count = approved_count - (OLD.status = 'approved'),
        pending_count = pending_count - (OLD.status = 'pending'), spam_count = spam_count - (OLD.status = 'spam'),
        trash_count = trash_count - (OLD.status = 'trash') WHERE key = OLD.article_key;
END;
CREATE TRIGGER IF NOT EXISTS comments_counted_update AFTER UPDATE OF status ON comments
WHEN OLD.status <> NEW.status BEGIN
    UPDATE status_counts SET n = n - 1 WHERE status = OLD.status;
    UPDATE status_counts SET n = n + 1 WHERE status = NEW.status;
    UPDATE articles SET approved_count = approved_count - (OLD.status = 'approved') + (NEW.status = 'approved'),
        pending_count = pending_count - (OLD.status = 'pending') + (NEW.status = 'pending'),
        spam_count = spam_count - (OLD.status = 'spam') + (NEW.status = 'spam'),
        trash_count = trash_count - (OLD.status = 'trash') + (NEW.status = 'trash') WHERE key = NEW.article_key;
END;
-- The trash emptying job finds what has been in the trash longest.
CREATE INDEX IF NOT EXISTS comments_trash_age ON comments(updated_at) WHERE status = 'trash';

CREATE TABLE IF NOT EXISTS moderators (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'moderator' CHECK (role IN ('admin', 'moderator')),
    disabled      INTEGER NOT NULL DEFAULT 0,
    lang          TEXT NOT NULL DEFAULT 'id',
    created_at    INTEGER NOT NULL,
    -- the name under the moderator's public replies ('' : the username)
    display_name  TEXT NOT NULL DEFAULT ''
);

-- Sessions hold only the SHA-256 of the cookie token, so a leaked database
-- cannot be replayed as a login.
CREATE TABLE IF NOT EXISTS sessions (
    token_hash   TEXT PRIMARY KEY,
    moderator_id INTEGER NOT NULL REFERENCES moderators(id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sessions_moderator ON sessions(moderator_id);

CREATE TABLE IF NOT EXISTS audit_log (
    id           INTEGER PRIMARY KEY,
    moderator_id INTEGER,
    moderator    TEXT NOT NULL,
    action       TEXT NOT NULL,
    comment_id   INTEGER,
    article_key  TEXT NOT NULL DEFAULT '',
    detail       TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_moderator ON audit_log(moderator, id);

-- Editable settings (moderation_keys, disallowed_keys, …).
CREATE TABLE IF NOT EXISTS settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Durable queue for mail and webhooks: written in the same transaction as
-- the change that causes it, so no notice is lost across a restart.
CREATE TABLE IF NOT EXISTS outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    payload         TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox(next_attempt_at) WHERE sent_at IS NULL;

-- The learned spam model: per-token tallies of spam and approved comments.
CREATE TABLE IF NOT EXISTS spam_tokens (
    token TEXT PRIMARY KEY,
    spam  INTEGER NOT NULL DEFAULT 0,
    ham   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Which comments the spam model learned, and as what (1 spam, 0 ham), so
-- reversing a moderator's decision unlearns exactly what was learned.
-- Document totals of the model are kept in settings (spam_docs, ham_docs).
CREATE TABLE IF NOT EXISTS spam_trained (
    comment_id INTEGER PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
    is_spam    INTEGER NOT NULL
);

-- Privacy: comments still holding an IP or user agent, by age, so the
-- retention job finds them without a scan; rows leave it once erased.
CREATE INDEX IF NOT EXISTS comments_ip_kept ON comments(created_at) WHERE ip <> '' OR user_agent <> '';

-- Dashboard search (issue 3): a full-text index of author and text.
-- External content: the words are indexed, the text itself is not stored
-- twice.
CREATE VIRTUAL TABLE IF NOT EXISTS comments_fts USING fts5(
    author, raw_content, content = 'comments', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Indexing is deferred: a new comment is only listed in fts_pending (one
-- small row), and the store indexes what is listed in bulk, soon after and
-- always before a search. FTS5 writes a segment per transaction, so
-- indexing inside every comment's insert was half of that insert's work.
-- The triggers keep the index exact either way: a listed comment is not
-- in the index yet, so changing or deleting it touches only the list.
CREATE TABLE IF NOT EXISTS fts_pending (id INTEGER PRIMARY KEY);
CREATE TRIGGER IF NOT EXISTS comments_fts_queue AFTER INSERT ON comments BEGIN
    INSERT INTO fts_pending (id) VALUES (NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS comments_fts_remove AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, author, raw_content)
        SELECT 'delete', OLD.id, OLD.author, OLD.raw_content
        WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE id = OLD.id);
    DELETE FROM fts_pending WHERE id = OLD.id;
END;
CREATE TRIGGER IF NOT EXISTS comments_fts_reindex AFTER UPDATE OF author, raw_content ON comments
WHEN NOT EXISTS (SELECT 1 FROM fts_pending WHERE id = OLD.id) BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, author, raw_content) VALUES ('delete', OLD.id, OLD.author, OLD.raw_content);
    INSERT INTO comments_fts (rowid, author, raw_content) VALUES (NEW.id, NEW.author, NEW.raw_content);
END;
