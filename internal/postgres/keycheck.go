package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

// checkKey opens one sealed email with the store's key: an instance
// started with another BALASAN_SECRET_KEY would answer "nothing" to every
// lookup by email, so it is refused (comment.ErrWrongKey).
func (s *Store) checkKey(ctx context.Context) error {
	var email string
	err := s.db.QueryRow(ctx, `SELECT email FROM comments WHERE email_hash > '' LIMIT 1`).Scan(&email)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	} else if err != nil {
		return wrap(err)
	}
	if _, err := s.box.Open(email); err != nil {
		return comment.ErrWrongKey
	}
	return nil
}
