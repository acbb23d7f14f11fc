package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Check verifies the database: SQLite's own integrity_check, and that the
// trigger-kept counts (status_counts, articles' count of each status) match the rows.
func (s *Store) Check(ctx context.Context) error {
	var result string
	// On the writer: FTS5's part of integrity_check reports false
	// corruption from a query_only reader once the index has merged
	// segments (found by FuzzSubmit); searches on readers are unaffected.
	if err := s.w.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		return fmt.Errorf("integrity_check: %s", result)
	}
	var status string
	var kept, rows int
	err := s.r.QueryRowContext(ctx, `SELECT s.status, s.n, (SELECT COUNT(*) FROM comments c WHERE c.status = s.status) AS rows
		FROM status_counts s WHERE s.n <> rows LIMIT 1`).Scan(&status, &kept, &rows)
	if err == nil {
		return fmt.Errorf("status_counts: %s holds %d, comments have %d", status, kept, rows)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var key string
	for _, st := range []string{"approved", "pending", "spam", "trash"} {
		err = s.r.QueryRowContext(ctx, `SELECT a.key, a.`+st+`_count, (SELECT COUNT(*) FROM comments c
			WHERE c.article_key = a.key AND c.status = ?) AS rows FROM articles a WHERE a.`+st+`_count <> rows LIMIT 1`, st).
			Scan(&key, &kept, &rows)
		if err == nil {
			return fmt.Errorf("%s_count of %q holds %d, comments have %d", st, key, kept, rows)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	return nil
}
