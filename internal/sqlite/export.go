package sqlite

import (
	"context"
	"database/sql"

	"balasan/internal/comment"
)

// exportPage is how many article keys one step of Export reads.
const exportPage = 500

// Export calls fn for every article, by key, with all its comments oldest
// first, from one consistent snapshot of the database, so an export taken
// while the server runs is never torn. Memory holds one article's comments.
func (s *Store) Export(ctx context.Context, fn func(comment.Article, []comment.Comment) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return wrap(err)
	}
	defer tx.Rollback()
	after := ""
	for {
		articles, err := exportArticles(ctx, tx, after)
		if err != nil {
			return err
		}
		for _, a := range articles {
			cs, err := s.scanComments(tx.QueryContext(ctx, `SELECT `+commentColumns+`
				FROM comments WHERE article_key = ? ORDER BY id`, a.Key))
			if err != nil {
				return err
			}
			if err := fn(a, cs); err != nil {
				return err
			}
		}
		if len(articles) < exportPage {
			return nil
		}
		after = articles[len(articles)-1].Key
	}
}

func exportArticles(ctx context.Context, tx *sql.Tx, after string) ([]comment.Article, error) {
	rows, err := tx.QueryContext(ctx, `SELECT key, url, title, comment_status, created_at FROM articles
		WHERE key > ? ORDER BY key LIMIT ?`, after, exportPage)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []comment.Article
	for rows.Next() {
		var a comment.Article
		var state string
		var created int64
		if err := rows.Scan(&a.Key, &a.URL, &a.Title, &state, &created); err != nil {
			return nil, wrap(err)
		}
		a.State, a.CreatedAt = comment.CommentState(state), fromMS(created)
		out = append(out, a)
	}
	return out, wrap(rows.Err())
}
