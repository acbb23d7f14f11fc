package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

const articleColumns = `key, url, title, verified, comment_status, created_at`

func queryArticles(ctx context.Context, tx pgx.Tx, sql string, args ...any) ([]comment.Article, error) {
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []comment.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, wrap(rows.Err())
}

func scanArticle(row pgx.Row) (comment.Article, error) {
	var a comment.Article
	var state string
	var created int64
	if err := row.Scan(&a.Key, &a.URL, &a.Title, &a.Verified, &state, &created); err != nil {
		return a, wrap(err)
	}
	a.State, a.CreatedAt = comment.CommentState(state), fromMS(created)
	return a, nil
}

// Article returns one article by key.
func (s *Store) Article(ctx context.Context, key string) (comment.Article, error) {
	if a, ok := s.articles.Get(key); ok {
		return a, nil
	}
	gen := s.articles.Generation()
	a, err := scanArticle(s.db.QueryRow(ctx, `SELECT `+articleColumns+` FROM articles WHERE key = $1`, key))
	if err == nil {
		s.articles.Put(a, gen)
	}
	return a, err
}

// EnsureArticle creates the article when first seen and fills in a URL or
// title it did not have yet, as provisional values: the first page to name
// them wins until a trusted source (SetArticle) replaces them, and a
// verified article is never changed here.
func (s *Store) EnsureArticle(ctx context.Context, a comment.Article) (comment.Article, error) {
	if got, err := s.Article(ctx, a.Key); err == nil &&
		(got.Verified || (a.URL == "" || got.URL != "") && (a.Title == "" || got.Title != "")) {
		return got, nil // the common case costs one read, no write
	}
	defer s.articles.Forget(a.Key)
	return scanArticle(s.db.QueryRow(ctx, `INSERT INTO articles (key, url, title, verified, created_at)
		VALUES ($1, $2, $3, false, $4)
		ON CONFLICT (key) DO UPDATE SET
			url = CASE WHEN NOT articles.verified AND articles.url = '' THEN excluded.url ELSE articles.url END,
			title = CASE WHEN NOT articles.verified AND articles.title = '' THEN excluded.title ELSE articles.title END
		RETURNING `+articleColumns, a.Key, a.URL, a.Title, ms(a.CreatedAt)))
}

// SetArticle stores a trusted URL and title, replacing whatever was there,
// and marks them verified; it creates the article if missing.
func (s *Store) SetArticle(ctx context.Context, a comment.Article, audit comment.AuditEntry) error {
	defer s.articles.Forget(a.Key) // after the commit: a read meanwhile is not kept
	return s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO articles (key, url, title, verified, created_at) VALUES ($1, $2, $3, true, $4)
			ON CONFLICT (key) DO UPDATE SET url = excluded.url, title = excluded.title, verified = true`,
			a.Key, a.URL, a.Title, ms(a.CreatedAt)); err != nil {
			return err
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
	return s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE articles SET comment_status = $1 WHERE key = $2`, string(st), key); err != nil {
			return err
		}
		return insertAudit(ctx, tx, audit)
	})
}

// ApprovedCounts returns the number of approved comments of each key;
// unknown keys count 0.
func (s *Store) ApprovedCounts(ctx context.Context, keys []string) (map[string]int, error) {
	out := make(map[string]int, len(keys))
	for _, k := range keys {
		out[k] = 0
	}
	if len(keys) == 0 {
		return out, nil
	}
	rows, err := s.db.Query(ctx, `SELECT key, approved_count FROM articles WHERE key = ANY($1)`, keys)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, wrap(err)
		}
		out[k] = n
	}
	return out, wrap(rows.Err())
}
