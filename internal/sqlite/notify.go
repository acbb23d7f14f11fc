package sqlite

import (
	"context"
	"database/sql"

	"balasan/internal/comment"
)

// ConfirmNotify moves a comment's reply mail from asked to confirmed.
func (s *Store) ConfirmNotify(ctx context.Context, id int64) (bool, error) {
	var ok bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE comments SET notify = ? WHERE id = ? AND notify IN (?, ?)`,
			comment.NotifyConfirmed, id, comment.NotifyAsked, comment.NotifyConfirmed)
		if err != nil {
			return wrap(err)
		}
		n, _ := res.RowsAffected()
		ok = n > 0
		return nil
	})
	return ok, err
}

// StopNotify ends reply mail for every comment with the email of comment id.
func (s *Store) StopNotify(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE comments SET notify = 0
			WHERE email_hash = (SELECT email_hash FROM comments WHERE id = ?) AND notify <> 0`, id)
		return wrap(err)
	})
}
