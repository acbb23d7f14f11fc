package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"balasan/internal/dbcopy"
)

// The two ends of `balasan copy` (internal/dbcopy) on SQLite.
var _ dbcopy.Target = (*Store)(nil)

// CountRows counts a table's rows.
func (s *Store) CountRows(ctx context.Context, table string) (int64, error) {
	tab, err := dbcopy.Named(table)
	if err != nil {
		return 0, err
	}
	var n int64
	return n, s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+tab.Name).Scan(&n)
}

// ReadTable streams a table's rows in its key's order, with booleans as
// bool (SQLite stores them as 0 and 1).
func (s *Store) ReadTable(ctx context.Context, t dbcopy.Table, fn func([]any) error) error {
	tab, err := dbcopy.Named(t.Name)
	if err != nil {
		return err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+strings.Join(tab.ColumnNames(), ", ")+` FROM `+tab.Name+` ORDER BY 1`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		row := make([]any, len(t.Columns))
		ptrs := make([]any, len(row))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, c := range t.Columns {
			switch v := row[i].(type) {
			case int64:
				if c.Kind == dbcopy.Bool {
					row[i] = v != 0
				} else if c.Kind == dbcopy.NullFloat {
					row[i] = float64(v)
				}
			case []byte:
				row[i] = string(v)
			}
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// WriteRows inserts a batch in one transaction; settings replace the
// store's own.
func (s *Store) WriteRows(ctx context.Context, t dbcopy.Table, rows [][]any) error {
	tab, err := dbcopy.Named(t.Name)
	if err != nil {
		return err
	}
	q := `INSERT INTO ` + tab.Name + ` (` + strings.Join(tab.ColumnNames(), ", ") + `) VALUES (?` +
		strings.Repeat(", ?", len(t.Columns)-1) + `)`
	if tab.Name == "settings" {
		q += ` ON CONFLICT (name) DO UPDATE SET value = excluded.value`
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, r := range rows {
			if _, err := st.ExecContext(ctx, r...); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetParents sets the parents dbcopy held back.
func (s *Store) SetParents(ctx context.Context, pairs [][2]int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, p := range pairs {
			if _, err := tx.ExecContext(ctx, `UPDATE comments SET parent_id = ? WHERE id = ?`, p[1], p[0]); err != nil {
				return err
			}
		}
		return nil
	})
}

// Finish indexes the copied comments for search now rather than at the
// first search.
func (s *Store) Finish(ctx context.Context) error {
	return s.indexAll(ctx, 0)
}
