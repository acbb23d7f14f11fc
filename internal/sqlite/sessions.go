package sqlite

import (
	"context"
	"database/sql"
	"time"

	"balasan/internal/comment"
)

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, tokenHash, csrf string, moderatorID int64, expires time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, moderator_id, csrf_token, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?)`, tokenHash, moderatorID, csrf, ms(s.Now()), ms(expires))
		return wrap(err)
	})
}

// SessionByHash returns a live session of an enabled moderator.
func (s *Store) SessionByHash(ctx context.Context, tokenHash string) (comment.Session, error) {
	var ses comment.Session
	var expires int64
	row := s.r.QueryRowContext(ctx, `SELECT s.token_hash, s.csrf_token, s.expires_at,
		m.id, m.username, m.password_hash, m.role, m.disabled, m.lang, m.created_at, m.display_name
		FROM sessions s JOIN moderators m ON m.id = s.moderator_id
		WHERE s.token_hash = ? AND s.expires_at > ? AND m.disabled = 0`, tokenHash, ms(s.Now()))
	var role string
	var created int64
	m := &ses.Moderator
	if err := row.Scan(&ses.TokenHash, &ses.CSRF, &expires, &m.ID, &m.Username, &m.PasswordHash,
		&role, &m.Disabled, &m.Lang, &created, &m.DisplayName); err != nil {
		return ses, wrap(err)
	}
	m.Role, m.CreatedAt, ses.ExpiresAt = comment.Role(role), fromMS(created), fromMS(expires)
	return ses, nil
}

// DeleteSession ends a session on the server.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ? OR expires_at <= ?`, tokenHash, ms(s.Now()))
		return wrap(err)
	})
}
