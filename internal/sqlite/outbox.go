package sqlite

import (
	"context"
	"database/sql"
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

// OutboxJob is the domain's stored job (an alias for older callers).
type OutboxJob = comment.OutboxJob

// Enqueue stores jobs outside any other change.
func (s *Store) Enqueue(ctx context.Context, jobs []comment.Job) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return enqueue(ctx, tx, jobs, s.Now()) })
}

// DueJobs returns up to limit unsent jobs whose time has come.
func (s *Store) DueJobs(ctx context.Context, limit int) ([]OutboxJob, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, kind, payload, attempts, created_at FROM outbox
		WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`, ms(s.Now()), limit)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []OutboxJob
	for rows.Next() {
		var j OutboxJob
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
