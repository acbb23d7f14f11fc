package postgres

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"balasan/internal/dbcopy"
)

// The two ends of `balasan copy` (internal/dbcopy) on PostgreSQL.
var _ dbcopy.Target = (*Store)(nil)

// CountRows counts a table's rows.
func (s *Store) CountRows(ctx context.Context, table string) (int64, error) {
	tab, err := dbcopy.Named(table)
	if err != nil {
		return 0, err
	}
	var n int64
	return n, wrap(s.db.QueryRow(ctx, `SELECT COUNT(*) FROM `+tab.Name).Scan(&n))
}

// ReadTable streams a table's rows in its key's order; integers of every
// width come as int64.
func (s *Store) ReadTable(ctx context.Context, t dbcopy.Table, fn func([]any) error) error {
	tab, err := dbcopy.Named(t.Name)
	if err != nil {
		return err
	}
	rows, err := s.db.Query(ctx, `SELECT `+strings.Join(tab.ColumnNames(), ", ")+` FROM `+tab.Name+` ORDER BY 1`)
	if err != nil {
		return wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		row, err := rows.Values()
		if err != nil {
			return wrap(err)
		}
		for i, v := range row {
			switch v := v.(type) {
			case int32:
				row[i] = int64(v)
			case int16:
				row[i] = int64(v)
			}
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return wrap(rows.Err())
}

// WriteRows loads a batch with COPY, the fastest way in; the triggers
// keep the counts as for any insert. Settings replace the store's own.
func (s *Store) WriteRows(ctx context.Context, t dbcopy.Table, rows [][]any) error {
	tab, err := dbcopy.Named(t.Name)
	if err != nil {
		return err
	}
	if tab.Name == "settings" {
		b := &pgx.Batch{}
		for _, r := range rows {
			b.Queue(`INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, r...)
		}
		return wrap(s.db.SendBatch(ctx, b).Close())
	}
	_, err = s.db.CopyFrom(ctx, pgx.Identifier{tab.Name}, tab.ColumnNames(), pgx.CopyFromRows(rows))
	return wrap(err)
}

// SetParents sets the parents dbcopy held back.
func (s *Store) SetParents(ctx context.Context, pairs [][2]int64) error {
	if len(pairs) == 0 {
		return nil
	}
	child, parent := make([]int64, len(pairs)), make([]int64, len(pairs))
	for i, p := range pairs {
		child[i], parent[i] = p[0], p[1]
	}
	_, err := s.db.Exec(ctx, `UPDATE comments c SET parent_id = p.parent
		FROM unnest($1::bigint[], $2::bigint[]) AS p(child, parent) WHERE c.id = p.child`, child, parent)
	return wrap(err)
}

// Finish moves each id sequence past the copied ids, so the next comment,
// account, audit entry or job gets a new one.
func (s *Store) Finish(ctx context.Context) error {
	for _, t := range []string{"comments", "moderators", "audit_log", "outbox"} {
		if _, err := s.db.Exec(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'),
			GREATEST((SELECT MAX(id) FROM `+t+`), 1), (SELECT MAX(id) FROM `+t+`) IS NOT NULL)`); err != nil {
			return wrap(err)
		}
	}
	return nil
}
