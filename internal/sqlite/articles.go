package sqlite

import (
	"context"
	"database/sql"

	"balasan/internal/comment"
)

// Article returns one article by key.
// Recently read articles come from memory (see articlecache.Cache).
func (s *Store) Article(ctx context.Context, key string) (comment.Article, error) {
	if a, ok := s.articles.Get(key); ok {
		return a, nil
	}
	gen := s.articles.Generation()
	var a comment.Article
	var state string
	var created int64
	err := s.readRow(ctx, `SELECT key, url, title, verified, comment_status, created_at FROM articles WHERE key = ?`, key).
		Scan(&a.Key, &a.URL, &a.Title, &a.Verified, &state, &created)
	if err != nil {
		return a, wrap(err)
	}
	a.State, a.CreatedAt = comment.CommentState(state), fromMS(created)
	s.articles.Put(a, gen)
	return a, nil
}

// EnsureArticle creates the article when first seen and fills in a URL or
// title it did not have yet, as provisional values: the first page to name
// them wins until a trusted source (SetArticle, an import) replaces them,
// and a verified article is never changed here.
func (s *Store) EnsureArticle(ctx context.Context, a comment.Article) (comment.Article, error) {
	if got, err := s.Article(ctx, a.Key); err == nil &&
		(got.Verified || (a.URL == "" || got.URL != "") && (a.Title == "" || got.Title != "")) {
		return got, nil // the common case costs one read, no write
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO articles (key, url, title, verified, created_at) VALUES (?, ?, ?, 0, ?)
			ON CONFLICT (key) DO UPDATE SET
				url = CASE WHEN verified = 0 AND url = '' THEN excluded.url ELSE url END,
				title = CASE WHEN verified = 0 AND title = '' THEN excluded.title ELSE title END`,
			a.Key, a.URL, a.Title, ms(a.CreatedAt))
		return wrap(err)
	})
	s.articles.Forget(a.Key)
	if err != nil {
		return comment.Article{}, err
	}
	return s.Article(ctx, a.Key)
}

// SetArticle stores a trusted URL and title, replacing whatever was there,
// and marks them verified; it creates the article if missing.
func (s *Store) SetArticle(ctx context.Context, a comment.Article, audit comment.AuditEntry) error {
	defer s.articles.Forget(a.Key) // after the commit: a read meanwhile is not kept
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles (key, url, title, verified, created_at) VALUES (?, ?, ?, 1, ?)
			ON CONFLICT (key) DO UPDATE SET url = excluded.url, title = excluded.title, verified = 1`,
			a.Key, a.URL, a.Title, ms(a.CreatedAt)); err != nil {
			return wrap(err)
		}
		if audit.Action == "" {
			return nil // the operator's own configuration (the demo article)
		}
		return insertAudit(ctx, tx, audit)
	})
}

// SetArticleState opens or closes comments on an article, with its audit entry.
func (s *Store) SetArticleState(ctx context.Context, key string, st comment.CommentState, audit comment.AuditEntry) error {
	defer s.articles.Forget(key) // after the commit: a read meanwhile is not kept
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET comment_status = ? WHERE key = ?`, string(st), key); err != nil {
			return wrap(err)
		}
		return insertAudit(ctx, tx, audit)
	})
}

// ApprovedCounts returns the number of approved comments of each key;
// unknown keys count 0.
func (s *Store) ApprovedCounts(ctx context.Context, keys []string) (map[string]int, error) {
	out := make(map[string]int, len(keys))
	for _, k := range keys {
		var n int
		err := s.readRow(ctx, `SELECT approved_count FROM articles WHERE key = ?`, k).Scan(&n)
		if err != nil && err != sql.ErrNoRows {
			return nil, wrap(err)
		}
		out[k] = n
	}
	return out, nil
}
