package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// EmptyTrash deletes up to limit comments in the trash since before
// cutoff, oldest first (comments_trash_age), in one short transaction;
// each one's replies move up to its parent as DeleteComment does, read
// afresh so a chain of trashed replies ends at a kept comment.
func (s *Store) EmptyTrash(ctx context.Context, cutoff time.Time, limit int) (int, []string, error) {
	var n int
	touched := map[string]bool{}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		n = 0
		rows, err := tx.QueryContext(ctx, oldTrashSQL, ms(cutoff), limit)
		if err != nil {
			return wrap(err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return wrap(err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return wrap(err)
		}
		for _, id := range ids {
			var parent sql.NullInt64
			var article string
			if err := tx.QueryRowContext(ctx, `SELECT parent_id, article_key FROM comments WHERE id = ?`, id).
				Scan(&parent, &article); err != nil {
				return wrap(err)
			}
			res, err := tx.ExecContext(ctx, `UPDATE comments SET parent_id = ? WHERE parent_id = ?`, parent, id)
			if err != nil {
				return wrap(err)
			}
			if moved, _ := res.RowsAffected(); moved > 0 {
				touched[article] = true
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM comments WHERE id = ?`, id); err != nil {
				return wrap(err)
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	articles := make([]string, 0, len(touched))
	for a := range touched {
		articles = append(articles, a)
	}
	return n, articles, nil
}

// oldTrashSQL finds the trash to empty, oldest first (its plan is tested):
// without statistics the planner would rather walk the whole trash by
// status and sort it.
const oldTrashSQL = `SELECT id FROM comments INDEXED BY comments_trash_age WHERE status = 'trash' AND updated_at < ? ORDER BY updated_at LIMIT ?`
