package postgres

import (
	"context"
	"time"
)

// pruneBatch bounds one step of PruneOutbox so no transaction holds many rows.
const pruneBatch = 500

// PruneOutbox deletes jobs delivered before cutoff, and jobs given up
// that were created before it: their payloads name commenters, and the
// queue has no more use for them. It works in small transactions and
// returns how many rows it deleted. SKIP LOCKED lets two instances prune
// at once without waiting on each other.
func (s *Store) PruneOutbox(ctx context.Context, cutoff time.Time) (int64, error) {
	var total int64
	for {
		tag, err := s.db.Exec(ctx, `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox
			WHERE sent_at < $1 OR (next_attempt_at = $2 AND created_at < $1) LIMIT $3 FOR UPDATE SKIP LOCKED)`,
			ms(cutoff), int64(neverDue), pruneBatch)
		if err != nil {
			return total, wrap(err)
		}
		total += tag.RowsAffected()
		if tag.RowsAffected() < pruneBatch {
			return total, nil
		}
		if err := ctx.Err(); err != nil {
			return total, err
		}
	}
}
