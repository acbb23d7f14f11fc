package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

// Settings returns every stored setting.
func (s *Store) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.Query(ctx, `SELECT name, value FROM settings`)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, wrap(err)
		}
		out[k] = v
	}
	return out, wrap(rows.Err())
}

// SaveSettings upserts settings with an audit entry.
func (s *Store) SaveSettings(ctx context.Context, values map[string]string, audit comment.AuditEntry) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		for k, v := range values {
			if _, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES ($1, $2)
				ON CONFLICT (name) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return err
			}
		}
		return insertAudit(ctx, tx, audit)
	})
}
