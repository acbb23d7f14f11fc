package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// pruneBatch bounds one step of PruneOutbox so the writer is never held long.
const pruneBatch = 500

// PruneOutbox deletes jobs delivered before cutoff, and jobs given up
// that were created before it: their payloads name commenters, and the
// queue has no more use for them. It works in small transactions, resting
// between them as long as the last took (as EraseIPs does), and returns
// how many rows it deleted. secure_delete zeroes what they held.
func (s *Store) PruneOutbox(ctx context.Context, cutoff time.Time) (int64, error) {
	var total int64
	for {
		var n int64
		began := time.Now()
		err := s.tx(ctx, func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox
				WHERE sent_at < ? OR (next_attempt_at = ? AND created_at < ?) LIMIT ?)`,
				ms(cutoff), int64(neverDue), ms(cutoff), pruneBatch)
			if err != nil {
				return wrap(err)
			}
			n, err = res.RowsAffected()
			return err
		})
		total += n
		if err != nil || n < pruneBatch {
			return total, err
		}
		select {
		case <-ctx.Done():
			return total, ctx.Err()
		case <-time.After(time.Since(began)):
		}
	}
}
