package sqlite

import (
	"context"
	"database/sql"
	"math"
	"strconv"
	"strings"
	"time"

	"balasan/internal/comment"
)

func enqueue(ctx context.Context, tx *sql.Tx, jobs []comment.Job, now time.Time) error {
	for _, j := range jobs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?)`,
			j.Kind, j.Payload, ms(now), ms(now)); err != nil {
			return wrap(err)
		}
	}
	return nil
}

// Enqueue stores jobs outside any other change.
func (s *Store) Enqueue(ctx context.Context, jobs []comment.Job) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return enqueue(ctx, tx, jobs, s.Now()) })
}

// DueJobs returns up to limit unsent jobs whose time has come.
func (s *Store) DueJobs(ctx context.Context, limit int) ([]comment.OutboxJob, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, kind, payload, attempts, created_at FROM outbox
		WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`, ms(s.Now()), limit)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []comment.OutboxJob
	for rows.Next() {
		var j comment.OutboxJob
		var created int64
		if err := rows.Scan(&j.ID, &j.Kind, &j.Payload, &j.Attempts, &created); err != nil {
			return nil, wrap(err)
		}
		j.CreatedAt = fromMS(created)
		out = append(out, j)
	}
	return out, wrap(rows.Err())
}

// JobDone marks a job delivered.
func (s *Store) JobDone(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?`, ms(s.Now()), id)
		return wrap(err)
	})
}

// JobFailed records a failed attempt and when to try again.
func (s *Store) JobFailed(ctx context.Context, id int64, reason string, next time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`,
			reason, ms(next), id)
		return wrap(err)
	})
}

// PendingJobs counts undelivered jobs of a kind, for metrics.
func (s *Store) PendingJobs(ctx context.Context, kind string) (int, error) {
	var n int
	return n, wrap(s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND kind = ?`, kind).Scan(&n))
}

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

// QueuedJobs counts undelivered outbox jobs of a family: the kind itself
// and its sub-kinds ("mail" counts "mail.reply", "mail.confirm", …).
func (s *Store) QueuedJobs(ctx context.Context, family string) (int, error) {
	var n int
	// "family." ≤ kind < "family/" selects the sub-kinds ('/' follows '.').
	err := s.readRow(ctx, `SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND (kind = ? OR (kind >= ? AND kind < ?))`,
		family, family+".", family+"/").Scan(&n)
	return n, wrap(err)
}
