package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// Deferred full-text indexing (see fts_pending in schema.sql). The batcher
// indexes the listed comments once ftsBulk of them wait or every ftsEvery,
// a chunk at a time between batches, so a backlog (a large import into a
// running server) never holds up submissions for long. A search indexes
// what waits first, and bulk loaders (Seed, Import) index what they added.
const (
	ftsBulk  = 1024
	ftsEvery = 250 * time.Millisecond
	// ftsChunk bounds one indexing transaction: large FTS5 segments, yet
	// a comment waits behind it for some tens of milliseconds at most.
	ftsChunk = 2048
	// ftsSearchChunks bounds the indexing a search does first; past it
	// (only while a large backlog is being indexed) the search runs on
	// what is indexed.
	ftsSearchChunks = 8
)

// indexChunkSQL indexes the listed comments up to an id. CROSS JOIN keeps
// the list as the outer loop: given p.id <= ?, SQLite would otherwise walk
// every comment up to that id (it cost a fifth of the write throughput).
const indexChunkSQL = `INSERT INTO comments_fts (rowid, author, raw_content)
	SELECT c.id, c.author, c.raw_content FROM fts_pending p CROSS JOIN comments c ON c.id = p.id WHERE p.id <= ?`

// indexPending adds up to ftsChunk of the comments listed in fts_pending
// to the full-text index, oldest first, in one transaction (one FTS5
// segment). more tells whether others still wait.
func (s *Store) indexPending(ctx context.Context) (more bool, err error) {
	// Asked of a reader: a search must not queue for the writer (busy
	// with a batch, or erasing old IPs) only to learn that nothing waits.
	var waiting int
	if err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM fts_pending)`).Scan(&waiting); err != nil || waiting == 0 {
		return false, wrap(err)
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		// The chunk ends at its last id; without one, the list is shorter.
		var last int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM fts_pending ORDER BY id LIMIT 1 OFFSET ?`, ftsChunk-1).Scan(&last)
		switch {
		case err == sql.ErrNoRows:
			last = 1<<63 - 1
		case err != nil:
			return err
		default:
			more = true
		}
		if _, err := tx.ExecContext(ctx, indexChunkSQL, last); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM fts_pending WHERE id <= ?`, last)
		return err
	})
	if err != nil {
		return false, wrap(err)
	}
	if !more {
		s.unindexed.Store(0)
	}
	return more, nil
}

// indexAll indexes what waits, at most chunks chunks (0: no bound).
func (s *Store) indexAll(ctx context.Context, chunks int) error {
	for i := 0; chunks == 0 || i < chunks; i++ {
		if more, err := s.indexPending(ctx); err != nil || !more {
			return err
		}
	}
	return nil
}
