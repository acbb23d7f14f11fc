package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Check verifies that the trigger-kept counts (status_counts, articles'
// approved count) match the rows.
func (s *Store) Check(ctx context.Context) error {
	var status string
	var kept, rows int
	err := s.db.QueryRow(ctx, `SELECT s.status, s.n, c.rows FROM (SELECT status, sum(n)::bigint AS n FROM status_counts GROUP BY status) s
		CROSS JOIN LATERAL (SELECT COUNT(*) AS rows FROM comments c WHERE c.status = s.status) c
		WHERE s.n <> c.rows LIMIT 1`).Scan(&status, &kept, &rows)
	if err == nil {
		return fmt.Errorf("status_counts: %s holds %d, comments have %d", status, kept, rows)
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return wrap(err)
	}
	var key string
	err = s.db.QueryRow(ctx, `SELECT a.key, a.approved_count, c.rows FROM articles a
		CROSS JOIN LATERAL (SELECT COUNT(*) AS rows FROM comments c WHERE c.article_key = a.key AND c.status = 'approved') c
		WHERE a.approved_count <> c.rows LIMIT 1`).Scan(&key, &kept, &rows)
	if err == nil {
		return fmt.Errorf("approved_count of %q holds %d, comments have %d", key, kept, rows)
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return wrap(err)
	}
	return nil
}
