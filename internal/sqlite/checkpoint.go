package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// checkpointEvery is how often the checkpointer copies the WAL back into
// the database file while there are writes.
const checkpointEvery = 50 * time.Millisecond

// openCheckpointer opens the connection checkpoints run on. A checkpoint
// copies pages and syncs the files: on the writer's connection it held up
// every comment waiting behind it (a seventh of the writer's time under
// load). Here it runs beside the writer, which only finishes the last
// frames when the WAL reaches its own limit, so that the WAL can start
// over from its beginning.
func openCheckpointer(path string, opts Options) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn(path, false, opts))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// checkpointer checkpoints (PASSIVE: never blocking the writer or readers)
// after writes, until Close.
func (s *Store) checkpointer() {
	defer close(s.checkpointerDone)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-s.quit:
			return
		case <-t.C:
		}
		if s.writes.Swap(0) > 0 {
			// A failure (a full disk) is left to the writer's own limit.
			if _, err := s.ckpt.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`); err == nil {
				s.checkpoints.Add(1)
			}
		}
	}
}
