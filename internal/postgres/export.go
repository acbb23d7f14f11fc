package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

// exportPage is how many article keys one step of Export reads.
const exportPage = 500

// Export calls fn for every article, by key, with all its comments oldest
// first, from one snapshot (a repeatable-read, read-only transaction).
func (s *Store) Export(ctx context.Context, fn func(comment.Article, []comment.Comment) error) error {
	return wrap(pgx.BeginTxFunc(ctx, s.db, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly},
		func(tx pgx.Tx) error {
			after := ""
			for {
				articles, err := queryArticles(ctx, tx, `SELECT `+articleColumns+` FROM articles
					WHERE key > $1 ORDER BY key LIMIT $2`, after, exportPage)
				if err != nil {
					return err
				}
				for _, a := range articles {
					cs, err := s.queryComments(ctx, tx, `SELECT `+commentColumns+`
						FROM comments WHERE article_key = $1 ORDER BY id`, a.Key)
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
		}))
}
