package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// Prepared statements, made once: for the short queries of the hot paths
// SQLite spends about as long parsing a statement as running it.
type stmtCache struct {
	m sync.Map // query → *sql.Stmt
}

func (c *stmtCache) get(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	if v, ok := c.m.Load(query); ok {
		return v.(*sql.Stmt), nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if v, loaded := c.m.LoadOrStore(query, st); loaded {
		st.Close()
		return v.(*sql.Stmt), nil
	}
	return st, nil
}

func (c *stmtCache) close() {
	c.m.Range(func(_, v any) bool { v.(*sql.Stmt).Close(); return true })
}

// readRow runs a one-row read through a cached statement of the readers.
func (s *Store) readRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := s.rStmts.get(ctx, s.r, query)
	if err != nil {
		return s.r.QueryRowContext(ctx, query, args...) // carries the error
	}
	return st.QueryRowContext(ctx, args...)
}

// readRows runs a read through a cached statement of the readers.
func (s *Store) readRows(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := s.rStmts.get(ctx, s.r, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// writeStmts are prepared on the writer at Open, before any transaction
// holds its only connection (preparing then would wait for it forever).
var writeStmts = []string{insertCommentSQL}

// txExec runs a statement prepared at Open inside tx.
func (s *Store) txExec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if v, ok := s.wStmts.m.Load(query); ok {
		return tx.StmtContext(ctx, v.(*sql.Stmt)).ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}

func (s *Store) prepareWrites(ctx context.Context) error {
	for _, q := range writeStmts {
		if _, err := s.wStmts.get(ctx, s.w, q); err != nil {
			return err
		}
	}
	return nil
}
