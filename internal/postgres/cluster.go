package postgres

import (
	"context"
	"hash/fnv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

// changesChannel is the NOTIFY channel the triggers of schema version 4
// (notifyChanges) send on: "a:KEY" when an article's public comments or
// page may have changed, "s" when the moderation settings did.
// PostgreSQL sends a notification at commit and folds identical ones of
// one transaction, so a batch of approvals under one article is one
// message.
const changesChannel = "balasan_changes"

// listenRetry is the wait before listening again after the connection
// was lost.
var listenRetry = time.Second

// Changes listens for other instances' changes on a connection of its
// own (outside the pool, which it would otherwise hold forever). It
// returns once listening has begun; after a lost connection it listens
// again and reports All, since what happened meanwhile was missed.
func (s *Store) Changes(ctx context.Context) (<-chan comment.Change, error) {
	conn, err := s.listen(ctx)
	if err != nil {
		return nil, wrap(err)
	}
	out := make(chan comment.Change, 64)
	go func() {
		defer close(out)
		for {
			err := s.relay(ctx, conn, out)
			conn.Close(context.Background())
			for ctx.Err() == nil {
				if conn, err = s.listen(ctx); err == nil {
					break
				}
				select {
				case <-ctx.Done():
				case <-time.After(listenRetry):
				}
			}
			if ctx.Err() != nil {
				return
			}
			s.articles.Forget("")
			select {
			case out <- comment.Change{All: true}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

func (s *Store) listen(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, s.db.Config().ConnConfig.Copy())
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, `LISTEN `+changesChannel); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	return conn, nil
}

// relay passes notifications on until the connection fails or ctx ends;
// an article named is first forgotten by the store's own cache.
func (s *Store) relay(ctx context.Context, conn *pgx.Conn, out chan<- comment.Change) error {
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		var c comment.Change
		switch {
		case n.Payload == "s":
			c.Settings = true
		case strings.HasPrefix(n.Payload, "a:"):
			c.Article = n.Payload[2:]
			s.articles.Forget(c.Article)
		default:
			continue
		}
		select {
		case out <- c:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// jobLockSpace is the first half of the advisory lock key of background
// jobs (the second is the job name's hash), apart from migrateLock.
const jobLockSpace = 0x62616c61 // "bala"

// Exclusive runs fn while holding a session advisory lock named after
// the job, on a connection kept for it; another instance holding it
// makes this one skip the round. The lock goes with the session, so an
// instance killed in the middle frees it at once. This instance's jobs
// take turns (jobMu): each holds a connection for its lock while its
// work needs others from the same pool, so jobs starting together could
// otherwise hold every connection and wait for each other for ever.
func (s *Store) Exclusive(ctx context.Context, job string, fn func(context.Context)) (bool, error) {
	s.jobMu.Lock()
	defer s.jobMu.Unlock()
	conn, err := s.db.Acquire(ctx)
	if err != nil {
		return false, wrap(err)
	}
	defer conn.Release()
	h := fnv.New32a()
	h.Write([]byte(job))
	key := int32(h.Sum32())
	var got bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1, $2)`, int32(jobLockSpace), key).Scan(&got); err != nil || !got {
		return false, wrap(err)
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1, $2)`, int32(jobLockSpace), key)
	fn(ctx)
	return true, nil
}
