package sqlite

import (
	"context"
	"database/sql"

	"balasan/internal/comment"
)

// Import is one import in progress: a single write transaction that holds
// everything read from one file. Either the whole file lands or, on
// malformed XML, a failed write or a cancelled context, nothing does.
//
// One transaction rather than batches: the readers stream the file, so
// the only thing that grows is the WAL (SQLite spills dirty pages there,
// memory stays flat), and a re-run after a failure never meets half an
// import. The cost is that a live server's writes wait (and after the busy
// timeout answer 503 with Retry-After) while a large file imports.
type Import struct {
	ctx    context.Context
	tx     *sql.Tx
	s      *Store
	source string

	find, insert, remember, recall, touch *sql.Stmt
}

// ImportResult is what the transaction itself found at the end.
type ImportResult struct {
	// Orphans are replies whose parent was nowhere in the file or the
	// database; they were kept as top-level comments.
	Orphans int
}

// Import runs fn inside one write transaction for comments from source
// ("wxr", "disqus"), then links replies that arrived before their parents
// and records audit in the log (read after fn, so fn may fill in its
// detail). An error from fn rolls everything back.
func (s *Store) Import(ctx context.Context, source string, audit *comment.AuditEntry, fn func(*Import) error) (ImportResult, error) {
	var res ImportResult
	defer s.articles.Forget("") // articles it made or moved back in time
	err := s.tx(ctx, func(tx *sql.Tx) error {
		im := &Import{ctx: ctx, tx: tx, s: s, source: source}
		if err := im.prepare(); err != nil {
			return err
		}
		defer im.close()
		if err := fn(im); err != nil {
			return err
		}
		var err error
		if res.Orphans, err = im.finish(); err != nil {
			return err
		}
		return insertAudit(ctx, tx, *audit)
	})
	if err == nil {
		// Make the imported comments searchable now, not a chunk at a
		// time in a server's background; on failure they wait there.
		s.indexAll(ctx, 0)
	}
	return res, err
}

func (im *Import) prepare() error {
	for _, q := range []string{
		`CREATE TEMP TABLE IF NOT EXISTS import_map (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
		`CREATE TEMP TABLE IF NOT EXISTS import_links (child INTEGER PRIMARY KEY, parent TEXT NOT NULL)`,
		`CREATE TEMP TABLE IF NOT EXISTS import_articles (key TEXT PRIMARY KEY) WITHOUT ROWID`,
		`DELETE FROM temp.import_map`, `DELETE FROM temp.import_links`, `DELETE FROM temp.import_articles`,
	} {
		if _, err := im.tx.ExecContext(im.ctx, q); err != nil {
			return wrap(err)
		}
	}
	stmts := []struct {
		dst **sql.Stmt
		sql string
	}{
		{&im.find, `SELECT id FROM comments WHERE import_source = ? AND import_id = ?`},
		{&im.insert, `INSERT INTO comments (article_key, parent_id, author, author_url, email, email_hash,
			ip, user_agent, raw_content, content_html, status, reason, is_staff, import_source, import_id,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&im.remember, `INSERT OR REPLACE INTO temp.import_map (name, value) VALUES (?, ?)`},
		{&im.recall, `SELECT value FROM temp.import_map WHERE name = ?`},
		{&im.touch, `INSERT OR IGNORE INTO temp.import_articles (key) VALUES (?)`},
	}
	for _, st := range stmts {
		p, err := im.tx.PrepareContext(im.ctx, st.sql)
		if err != nil {
			return wrap(err)
		}
		*st.dst = p
	}
	return nil
}

func (im *Import) close() {
	for _, st := range []*sql.Stmt{im.find, im.insert, im.remember, im.recall, im.touch} {
		if st != nil {
			st.Close()
		}
	}
}

// Article creates the article if missing; created tells which. A new
// article takes a.State. The file is a trusted source: its URL and title
// replace provisional ones (both together, so a reader's URL never passes
// as verified beside the file's title) and fill empty ones of a verified
// article, whose values otherwise stay.
func (im *Import) Article(a comment.Article) (created bool, err error) {
	var one int
	err = im.tx.QueryRowContext(im.ctx, `SELECT 1 FROM articles WHERE key = ?`, a.Key).Scan(&one)
	if err != nil && err != sql.ErrNoRows {
		return false, wrap(err)
	}
	created = err == sql.ErrNoRows
	state := a.State
	if state == "" {
		state = comment.StateAuto
	}
	named := a.URL != "" || a.Title != ""
	if _, err := im.tx.ExecContext(im.ctx, `INSERT INTO articles (key, url, title, verified, comment_status, created_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (key) DO UPDATE SET
			url = CASE WHEN verified = 0 AND ?4 THEN excluded.url WHEN url = '' THEN excluded.url ELSE url END,
			title = CASE WHEN verified = 0 AND ?4 THEN excluded.title WHEN title = '' THEN excluded.title ELSE title END,
			verified = CASE WHEN ?4 THEN 1 ELSE verified END`,
		a.Key, a.URL, a.Title, named, string(state), ms(a.CreatedAt)); err != nil {
		return false, wrap(err)
	}
	_, err = im.touch.ExecContext(im.ctx, a.Key)
	return created, wrap(err)
}

// Lookup returns our id of the comment imported earlier from this source
// under importID.
func (im *Import) Lookup(importID string) (int64, bool, error) {
	var id int64
	err := im.find.QueryRowContext(im.ctx, im.source, importID).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, false, nil
	}
	return id, err == nil, wrap(err)
}

// Add stores one imported comment under importID and sets c.ID. The email
// is sealed here, like every other way in.
func (im *Import) Add(c *comment.Comment, importID string) error {
	var parent any
	if c.ParentID > 0 {
		parent = c.ParentID
	}
	res, err := im.insert.ExecContext(im.ctx, c.ArticleKey, parent, c.Author, c.AuthorURL,
		im.s.box.Seal(c.Email), im.s.box.Hash(c.Email), c.IP, c.Raw, c.HTML, string(c.Status), c.Reason,
		c.Staff, im.source, importID, ms(c.CreatedAt), ms(c.UpdatedAt))
	if err != nil {
		return wrap(err)
	}
	c.ID, err = res.LastInsertId()
	return err
}

// LinkLater remembers that comment child answers the comment imported as
// parentImportID, which has not been seen yet; the link is made at the end.
func (im *Import) LinkLater(child int64, parentImportID string) error {
	_, err := im.tx.ExecContext(im.ctx, `INSERT OR REPLACE INTO temp.import_links (child, parent) VALUES (?, ?)`,
		child, parentImportID)
	return wrap(err)
}

// Remember keeps a name → value pair for the rest of the import (e.g. a
// Disqus thread id → article key) in a temporary table, not in memory.
func (im *Import) Remember(name, value string) error {
	_, err := im.remember.ExecContext(im.ctx, name, value)
	return wrap(err)
}

// Recall returns what Remember kept under name.
func (im *Import) Recall(name string) (string, bool, error) {
	var v string
	err := im.recall.QueryRowContext(im.ctx, name).Scan(&v)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	return v, err == nil, wrap(err)
}

// finish links late parents and dates each touched article no later than
// its oldest comment (the post itself is at least that old, and
// BALASAN_CLOSE_AFTER counts from there, as WordPress counts from the post).
func (im *Import) finish() (orphans int, err error) {
	if _, err := im.tx.ExecContext(im.ctx, `UPDATE comments SET parent_id = p.id
		FROM temp.import_links l JOIN comments p ON p.import_source = ? AND p.import_id = l.parent
		WHERE comments.id = l.child AND p.id <> l.child`, im.source); err != nil {
		return 0, wrap(err)
	}
	if err := im.tx.QueryRowContext(im.ctx, `SELECT COUNT(*) FROM temp.import_links l
		JOIN comments c ON c.id = l.child WHERE c.parent_id IS NULL`).Scan(&orphans); err != nil {
		return 0, wrap(err)
	}
	if _, err := im.tx.ExecContext(im.ctx, `UPDATE articles SET created_at = m.oldest
		FROM (SELECT c.article_key AS key, MIN(c.created_at) AS oldest FROM comments c
			JOIN temp.import_articles t ON t.key = c.article_key GROUP BY c.article_key) m
		WHERE articles.key = m.key AND m.oldest < articles.created_at`); err != nil {
		return 0, wrap(err)
	}
	return orphans, nil
}
