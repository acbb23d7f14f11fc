package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"balasan/internal/comment"
)

// maxBatch bounds how many comments one group commit holds.
const maxBatch = 64

// createReq is one comment waiting for the group commit.
type createReq struct {
	ctx  context.Context
	c    *comment.Comment
	jobs []comment.Job
	done chan error
}

// errClosed answers a write after Close.
var errClosed = errors.New("sqlite: store closed")

// CreateComment inserts a comment and its outbox jobs in one transaction.
// Comments that arrive together share that transaction (group commit):
// SQLite writes the WAL once per batch, not once per comment, and each
// caller returns only once its own comment is committed.
func (s *Store) CreateComment(ctx context.Context, c *comment.Comment, jobs []comment.Job) error {
	r := &createReq{ctx: ctx, c: c, jobs: jobs, done: make(chan error, 1)}
	select {
	case s.creates <- r:
	case <-s.quit:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-r.done:
		return err
	case <-s.batcherDone: // closed meanwhile: it flushed what it had taken
		select {
		case err := <-r.done:
			return err
		default:
			return errClosed
		}
	}
}

// batcher commits waiting comments until Close.
func (s *Store) batcher() {
	defer close(s.batcherDone)
	batch := make([]*createReq, 0, maxBatch)
	for {
		select {
		case r := <-s.creates:
			batch = append(batch[:0], r)
		case <-s.quit:
			s.flush(batch[:0])
			return
		}
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-s.creates:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		s.commitBatch(batch)
	}
}

// commitBatch stores a batch in one transaction; if that fails, each
// comment is tried alone, so one bad comment (or a disk that fills up
// half-way) fails only itself.
func (s *Store) commitBatch(batch []*createReq) {
	live := batch[:0:0]
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.done <- err // the client left before anything was written
			continue
		}
		live = append(live, r)
	}
	if len(live) == 0 {
		return
	}
	if len(live) > 1 {
		err := s.tx(context.Background(), func(tx *sql.Tx) error {
			for _, r := range live {
				if err := s.insertWithJobs(tx, r); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil {
			for _, r := range live {
				r.done <- nil
			}
			return
		}
	}
	for _, r := range live {
		r.c.ID = 0
		r.done <- s.tx(context.Background(), func(tx *sql.Tx) error { return s.insertWithJobs(tx, r) })
	}
}

// flush commits what is still queued at Close.
func (s *Store) flush(batch []*createReq) {
	for {
		select {
		case r := <-s.creates:
			batch = append(batch, r)
		default:
			if len(batch) > 0 {
				s.commitBatch(batch)
			}
			return
		}
	}
}

func (s *Store) insertWithJobs(tx *sql.Tx, r *createReq) error {
	ctx := context.Background() // the batch must not fail for one client leaving
	c := r.c
	res, err := s.txExec(ctx, tx, insertCommentSQL, commentArgs(s.box.Seal(c.Email), s.box.Hash(c.Email), c, "", "")...)
	if err != nil {
		return wrap(err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return enqueue(ctx, tx, withID(r.jobs, c.ID), c.CreatedAt)
}
