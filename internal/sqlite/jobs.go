package sqlite

import (
	"context"
	"database/sql"
	"math"
	"strconv"
	"strings"

	"balasan/internal/comment"
)

// neverDue is the next_attempt_at of an abandoned job: kept for the
// operator to see, never picked up again.
const neverDue = math.MaxInt64

// JobAbandoned gives up on a job without deleting it: its row keeps the
// last error and attempt count.
func (s *Store) JobAbandoned(ctx context.Context, id int64, reason string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`,
			reason, int64(neverDue), id)
		return wrap(err)
	})
}

// withID writes a new comment's id into the payloads of its jobs, which
// were built before the insert gave it one.
func withID(jobs []comment.Job, id int64) []comment.Job {
	out := make([]comment.Job, len(jobs))
	for i, j := range jobs {
		j.Payload = strings.ReplaceAll(j.Payload, comment.IDMark, strconv.FormatInt(id, 10))
		out[i] = j
	}
	return out
}
