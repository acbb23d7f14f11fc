package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

const tokenColumns = `id, name, role, token_hash, created_at, last_used_at`

func scanToken(row pgx.Row) (comment.Token, error) {
	var t comment.Token
	var role string
	var created, used int64
	if err := row.Scan(&t.ID, &t.Name, &role, &t.Hash, &created, &used); err != nil {
		return t, wrap(err)
	}
	t.Role, t.CreatedAt = comment.Role(role), fromMS(created)
	if used > 0 {
		t.LastUsed = fromMS(used)
	}
	return t, nil
}

// CreateToken stores a moderation API token; a taken name is a conflict.
func (s *Store) CreateToken(ctx context.Context, t *comment.Token) error {
	err := s.db.QueryRow(ctx, `INSERT INTO api_tokens (name, role, token_hash, created_at, last_used_at)
		VALUES ($1, $2, $3, $4, 0) RETURNING id`, t.Name, string(t.Role), t.Hash, ms(t.CreatedAt)).Scan(&t.ID)
	if uniqueViolation(err) {
		return comment.Errorf(comment.EConflict, "token_name_taken")
	}
	return wrap(err)
}

// TokenByHash finds a token by the hash of its secret.
func (s *Store) TokenByHash(ctx context.Context, hash string) (comment.Token, error) {
	return scanToken(s.db.QueryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE token_hash = $1`, hash))
}

// APITokens lists every token by name.
func (s *Store) APITokens(ctx context.Context) ([]comment.Token, error) {
	rows, err := s.db.Query(ctx, `SELECT `+tokenColumns+` FROM api_tokens ORDER BY lower(name) COLLATE "C", id`)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []comment.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, wrap(rows.Err())
}

// RevokeToken deletes a token by name (any case), with its audit entry.
func (s *Store) RevokeToken(ctx context.Context, name string, audit comment.AuditEntry) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM api_tokens WHERE lower(name) = lower($1)`, name)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return comment.Errorf(comment.ENotFound, "not_found")
		}
		return insertAudit(ctx, tx, audit)
	})
}

// TouchToken records a token's last use; it never moves it back.
func (s *Store) TouchToken(ctx context.Context, id int64, at time.Time) error {
	_, err := s.db.Exec(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND last_used_at < $1`, ms(at), id)
	return wrap(err)
}
