package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"balasan/internal/comment"
)

const tokenColumns = `id, name, role, token_hash, created_at, last_used_at`

func scanToken(row scanner) (comment.Token, error) {
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
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (name, role, token_hash, created_at, last_used_at)
			VALUES (?, ?, ?, ?, 0)`, t.Name, string(t.Role), t.Hash, ms(t.CreatedAt))
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return comment.Errorf(comment.EConflict, "token_name_taken")
			}
			return wrap(err)
		}
		t.ID, err = res.LastInsertId()
		return err
	})
}

// TokenByHash finds a token by the hash of its secret.
func (s *Store) TokenByHash(ctx context.Context, hash string) (comment.Token, error) {
	return scanToken(s.r.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE token_hash = ?`, hash))
}

// APITokens lists every token by name.
func (s *Store) APITokens(ctx context.Context) ([]comment.Token, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens ORDER BY name`)
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

// RevokeToken deletes a token by name, with its audit entry.
func (s *Store) RevokeToken(ctx context.Context, name string, audit comment.AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM api_tokens WHERE name = ?`, name)
		if err != nil {
			return wrap(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return comment.Errorf(comment.ENotFound, "not_found")
		}
		return insertAudit(ctx, tx, audit)
	})
}

// TouchToken records a token's last use; it never moves it back.
func (s *Store) TouchToken(ctx context.Context, id int64, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND last_used_at < ?`, ms(at), id, ms(at))
		return wrap(err)
	})
}
