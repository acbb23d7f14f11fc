package postgres

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

// claimLease is how long a claimed job is kept from other instances: past
// it (the instance died mid-delivery) the job is due again. It is longer
// than any delivery's timeout (outbox.DefaultSendTimeout).
const claimLease = 5 * time.Minute

// neverDue is the next_attempt_at of an abandoned job.
const neverDue = math.MaxInt64

func enqueue(ctx context.Context, tx pgx.Tx, jobs []comment.Job, now time.Time) error {
	if len(jobs) == 0 {
		return nil
	}
	kinds, payloads := make([]string, len(jobs)), make([]string, len(jobs))
	for i, j := range jobs {
		kinds[i], payloads[i] = j.Kind, j.Payload
	}
	_, err := tx.Exec(ctx, `INSERT INTO outbox (kind, payload, next_attempt_at, created_at)
		SELECT k, p, $3, $3 FROM unnest($1::text[], $2::text[]) AS j(k, p)`, kinds, payloads, ms(now))
	return err
}

// withID writes a new comment's id into the payloads of its jobs.
func withID(jobs []comment.Job, id int64) []comment.Job {
	out := make([]comment.Job, len(jobs))
	for i, j := range jobs {
		j.Payload = strings.ReplaceAll(j.Payload, comment.IDMark, strconv.FormatInt(id, 10))
		out[i] = j
	}
	return out
}

// Enqueue stores jobs outside any other change.
func (s *Store) Enqueue(ctx context.Context, jobs []comment.Job) error {
	return s.tx(ctx, func(tx pgx.Tx) error { return enqueue(ctx, tx, jobs, s.Now()) })
}

// DueJobs claims up to limit due jobs: FOR UPDATE SKIP LOCKED lets
// instances polling at once take different rows, and moving each claimed
// job's next attempt a lease ahead keeps it from the others until it is
// done, failed, or its instance is gone.
func (s *Store) DueJobs(ctx context.Context, limit int) ([]comment.OutboxJob, error) {
	now := s.Now()
	rows, err := s.db.Query(ctx, `UPDATE outbox o SET next_attempt_at = $2 FROM (
			SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1
			ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) due
		WHERE o.id = due.id RETURNING o.id, o.kind, o.payload, o.attempts, o.created_at`, ms(now), ms(now.Add(claimLease)), limit)
	if err != nil {
		return nil, wrap(err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (comment.OutboxJob, error) {
		var j comment.OutboxJob
		var created int64
		err := r.Scan(&j.ID, &j.Kind, &j.Payload, &j.Attempts, &created)
		j.CreatedAt = fromMS(created)
		return j, err
	})
	if err != nil {
		return nil, wrap(err)
	}
	// RETURNING keeps no order: oldest first, as a single instance sends them.
	slices.SortFunc(out, func(a, b comment.OutboxJob) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// JobDone marks a job delivered.
func (s *Store) JobDone(ctx context.Context, id int64) error {
	_, err := s.db.Exec(ctx, `UPDATE outbox SET sent_at = $1, attempts = attempts + 1 WHERE id = $2`, ms(s.Now()), id)
	return wrap(err)
}

// JobFailed records a failed attempt and when to try again.
func (s *Store) JobFailed(ctx context.Context, id int64, reason string, next time.Time) error {
	_, err := s.db.Exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3`,
		reason, ms(next), id)
	return wrap(err)
}

// JobAbandoned gives up on a job without deleting it: its row keeps the
// last error and attempt count.
func (s *Store) JobAbandoned(ctx context.Context, id int64, reason string) error {
	_, err := s.db.Exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3`,
		reason, int64(neverDue), id)
	return wrap(err)
}

// PendingJobs counts undelivered jobs of a kind, for metrics.
func (s *Store) PendingJobs(ctx context.Context, kind string) (int, error) {
	var n int
	return n, wrap(s.db.QueryRow(ctx, `SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND kind = $1`, kind).Scan(&n))
}

// QueuedJobs counts undelivered jobs of a family: the kind itself and its
// sub-kinds ("mail" counts "mail.reply", "mail.confirm", …).
func (s *Store) QueuedJobs(ctx context.Context, family string) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND (kind = $1 OR starts_with(kind, $2))`,
		family, family+".").Scan(&n)
	return n, wrap(err)
}

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
