package postgres

import (
	"context"
	"time"

	"balasan/internal/comment"
)

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, tokenHash, csrf string, moderatorID int64, expires time.Time) error {
	_, err := s.db.Exec(ctx, `INSERT INTO sessions (token_hash, moderator_id, csrf_token, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5)`, tokenHash, moderatorID, csrf, ms(s.Now()), ms(expires))
	return wrap(err)
}

// SessionByHash returns a live session of an enabled moderator.
func (s *Store) SessionByHash(ctx context.Context, tokenHash string) (comment.Session, error) {
	var ses comment.Session
	var expires, created int64
	var role string
	m := &ses.Moderator
	err := s.db.QueryRow(ctx, `SELECT s.token_hash, s.csrf_token, s.expires_at,
		m.id, m.username, m.password_hash, m.role, m.disabled, m.lang, m.created_at, m.display_name
		FROM sessions s JOIN moderators m ON m.id = s.moderator_id
		WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT m.disabled`, tokenHash, ms(s.Now())).
		Scan(&ses.TokenHash, &ses.CSRF, &expires, &m.ID, &m.Username, &m.PasswordHash, &role, &m.Disabled, &m.Lang, &created, &m.DisplayName)
	if err != nil {
		return ses, wrap(err)
	}
	m.Role, m.CreatedAt, ses.ExpiresAt = comment.Role(role), fromMS(created), fromMS(expires)
	return ses, nil
}

// DeleteSession ends a session on the server, and sweeps expired ones.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1 OR expires_at <= $2`, tokenHash, ms(s.Now()))
	return wrap(err)
}
