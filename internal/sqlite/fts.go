package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// Deferred full-text indexing (see fts_pending in schema.sql): the batcher
// indexes the listed comments once ftsBulk of them wait or every ftsEvery,
// and a search or a check indexes them first, so results are always exact.
const (
	ftsBulk  = 1024
	ftsEvery = 250 * time.Millisecond
)

// indexPending adds the comments listed in fts_pending to the full-text
// index, in one transaction and so in one FTS5 segment.
func (s *Store) indexPending(ctx context.Context) error {
	var waiting int
	if err := s.w.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM fts_pending)`).Scan(&waiting); err != nil || waiting == 0 {
		return wrap(err)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO comments_fts (rowid, author, raw_content)
			SELECT c.id, c.author, c.raw_content FROM fts_pending p JOIN comments c ON c.id = p.id`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM fts_pending`)
		return err
	})
	if err == nil {
		s.unindexed.Store(0)
	}
	return wrap(err)
}
