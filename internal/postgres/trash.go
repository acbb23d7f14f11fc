package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// EmptyTrash deletes up to limit comments in the trash since before
// cutoff, oldest first (comments_trash_age), in one short transaction,
// each one's replies moved up as DeleteComment does.
func (s *Store) EmptyTrash(ctx context.Context, cutoff time.Time, limit int) (int, []string, error) {
	var ids []int64
	touched := map[string]bool{}
	err := s.tx(ctx, func(tx pgx.Tx) error {
		clear(touched)
		rows, err := tx.Query(ctx, `SELECT id FROM comments WHERE status = 'trash' AND updated_at < $1
			ORDER BY updated_at LIMIT $2 FOR UPDATE`, ms(cutoff), limit)
		if err != nil {
			return err
		}
		if ids, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		rows, err = tx.Query(ctx, `SELECT DISTINCT article_key FROM comments WHERE parent_id = ANY($1)`, ids)
		if err != nil {
			return err
		}
		keys, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		for _, k := range keys {
			touched[k] = true
		}
		return deleteComments(ctx, tx, ids)
	})
	if err != nil {
		return 0, nil, err
	}
	articles := make([]string, 0, len(touched))
	for a := range touched {
		articles = append(articles, a)
	}
	return len(ids), articles, nil
}
