package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"balasan/internal/comment"
)

// ArticlesByKey returns those of keys that exist, in one query.
func (s *Store) ArticlesByKey(ctx context.Context, keys []string) (map[string]comment.Article, error) {
	out := make(map[string]comment.Article, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	rows, err := s.r.QueryContext(ctx, `SELECT key, url, title, verified, comment_status, created_at
		FROM articles WHERE key IN (`+placeholders(len(keys))+`)`, args...)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a comment.Article
		var state string
		var created int64
		if err := rows.Scan(&a.Key, &a.URL, &a.Title, &a.Verified, &state, &created); err != nil {
			return nil, wrap(err)
		}
		a.State, a.CreatedAt = comment.CommentState(state), fromMS(created)
		out[a.Key] = a
	}
	return out, wrap(rows.Err())
}

// ListArticles returns one page of articles, newest first, keyset-
// paginated on (created_at, key) through articles_created, with the
// trigger-kept counts. A query matches a prefix of the key or of a word
// of the title; it scans the articles (LIKE cannot use an index for the
// word prefixes), which stays cheap: a newsroom has thousands of
// articles, not millions.
func (s *Store) ListArticles(ctx context.Context, f comment.ArticleFilter) ([]comment.ArticleStats, error) {
	query, args := listArticlesSQL(f)
	rows, err := s.readRows(ctx, query, args...)
	if err != nil {
		return nil, wrap(err)
	}
	return scanArticleStats(rows)
}

// listArticlesSQL is ListArticles' query (its plan is tested).
func listArticlesSQL(f comment.ArticleFilter) (string, []any) {
	var where []string
	var args []any
	if q := f.LikePattern(); q != "" {
		where = append(where, `(key LIKE ? ESCAPE '\' OR title LIKE ? ESCAPE '\' OR title LIKE ? ESCAPE '\')`)
		args = append(args, q+"%", q+"%", "% "+q+"%")
	}
	if at, key, ok := f.Cursor(); ok {
		where = append(where, `(created_at < ? OR (created_at = ? AND key < ?))`)
		args = append(args, at, at, key)
	}
	query := `SELECT key, url, title, verified, comment_status, created_at,
		approved_count, pending_count, spam_count, trash_count FROM articles`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, " AND ")
	}
	return query + ` ORDER BY created_at DESC, key DESC LIMIT ?`, append(args, f.PageLimit())
}

func scanArticleStats(rows *sql.Rows) ([]comment.ArticleStats, error) {
	defer rows.Close()
	var out []comment.ArticleStats
	for rows.Next() {
		var a comment.ArticleStats
		var state string
		var created int64
		var approved, pending, spam, trash int
		if err := rows.Scan(&a.Key, &a.URL, &a.Title, &a.Verified, &state, &created,
			&approved, &pending, &spam, &trash); err != nil {
			return nil, wrap(err)
		}
		a.State, a.CreatedAt = comment.CommentState(state), fromMS(created)
		a.Counts = map[comment.Status]int{comment.Approved: approved, comment.Pending: pending,
			comment.Spam: spam, comment.Trash: trash}
		out = append(out, a)
	}
	return out, wrap(rows.Err())
}
