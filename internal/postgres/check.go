package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Check verifies that the trigger-kept counts (status_counts,
// articles' count of each status) match the rows.
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
	for _, st := range []string{"approved", "pending", "spam", "trash"} {
		err = s.db.QueryRow(ctx, `SELECT a.key, a.`+st+`_count, c.rows FROM articles a
			CROSS JOIN LATERAL (SELECT COUNT(*) AS rows FROM comments c WHERE c.article_key = a.key AND c.status = $1) c
			WHERE a.`+st+`_count <> c.rows LIMIT 1`, st).Scan(&key, &kept, &rows)
		if err == nil {
			return fmt.Errorf("%s_count of %q holds %d, comments have %d", st, key, kept, rows)
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return wrap(err)
		}
	}
	return nil
}
