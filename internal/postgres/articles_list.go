package postgres

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

// ArticlesByKey returns those of keys that exist, in one query.
func (s *Store) ArticlesByKey(ctx context.Context, keys []string) (map[string]comment.Article, error) {
	out := make(map[string]comment.Article, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	rows, err := s.db.Query(ctx, `SELECT `+articleColumns+` FROM articles WHERE key = ANY($1)`, keys)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out[a.Key] = a
	}
	return out, wrap(rows.Err())
}

// ListArticles returns one page of articles, newest first, keyset-
// paginated on (created_at, key) through articles_created, with the
// trigger-kept approved count and the other statuses counted for the
// page's articles alone (kept counts would make writers of one article
// queue on its row). A query matches a prefix of the key or of a word of
// the title, in any case.
func (s *Store) ListArticles(ctx context.Context, f comment.ArticleFilter) ([]comment.ArticleStats, error) {
	var where []string
	var args []any
	add := func(cond string, vs ...any) {
		for _, v := range vs {
			args = append(args, v)
			cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(args)), 1)
		}
		where = append(where, cond)
	}
	if q := f.LikePattern(); q != "" {
		add(`(key ILIKE ? OR title ILIKE ? OR title ILIKE ?)`, q+"%", q+"%", "% "+q+"%")
	}
	if at, key, ok := f.Cursor(); ok {
		add(`(created_at, key) < (?, ?)`, at, key)
	}
	page := `SELECT ` + articleColumns + `, approved_count FROM articles`
	if len(where) > 0 {
		page += ` WHERE ` + strings.Join(where, " AND ")
	}
	args = append(args, f.PageLimit())
	page += ` ORDER BY created_at DESC, key DESC LIMIT $` + strconv.Itoa(len(args))
	rows, err := s.db.Query(ctx, `SELECT p.*, COALESCE(c.pending, 0), COALESCE(c.spam, 0), COALESCE(c.trash, 0)
		FROM (`+page+`) p LEFT JOIN LATERAL (
			SELECT count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'spam') AS spam,
				count(*) FILTER (WHERE status = 'trash') AS trash
			FROM comments WHERE article_key = p.key AND status <> 'approved') c ON true
		ORDER BY p.created_at DESC, p.key DESC`, args...)
	if err != nil {
		return nil, wrap(err)
	}
	return collectArticleStats(rows)
}

func collectArticleStats(rows pgx.Rows) ([]comment.ArticleStats, error) {
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
