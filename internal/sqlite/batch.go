package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

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
// caller returns only once its own comment is committed. A duplicate (see
// batchSQL) is refused with a comment.EConflict error.
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

// batcher commits waiting comments until Close, and indexes them for
// search in between (fts.go).
func (s *Store) batcher() {
	defer close(s.batcherDone)
	batch := make([]*createReq, 0, maxBatch)
	tick := time.NewTicker(ftsEvery)
	defer tick.Stop()
	backlog := false // more comments wait to be indexed than one chunk
	for {
		r, ok := s.nextCreate(tick.C, backlog)
		switch {
		case !ok:
			s.flush(batch[:0])
			return
		case r == nil: // the tick, or a backlog while no comment waits
			backlog, _ = s.indexPending(context.Background()) // on failure the list waits for the next tick
			continue
		}
		batch = append(batch[:0], r)
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
		if s.unindexed.Load() >= ftsBulk {
			backlog, _ = s.indexPending(context.Background())
		}
	}
}

// nextCreate waits for a comment to store (r), for indexing to do (nil,
// true) or for Close (nil, false). A comment that already waits goes
// first; a backlog of indexing is only taken up when none does.
func (s *Store) nextCreate(tick <-chan time.Time, backlog bool) (r *createReq, ok bool) {
	select {
	case r := <-s.creates:
		return r, true
	case <-s.quit:
		return nil, false
	default:
	}
	if backlog {
		return nil, true
	}
	select {
	case r := <-s.creates:
		return r, true
	case <-tick:
		return nil, true
	case <-s.quit:
		return nil, false
	}
}

// commitBatch stores a batch in one transaction; if that fails, each
// comment is tried alone, so one bad comment (or a disk that fills up
// half-way) fails only itself.
func (s *Store) commitBatch(batch []*createReq) {
	var live, later []*createReq
	seen := make(map[dupKey]bool, len(batch))
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.done <- err // the client left before anything was written
			continue
		}
		// The insert cannot see its own rows: a second copy of a comment
		// waits for the next transaction, where it meets the first (409),
		// or takes its place if the first could not be stored.
		k := keyOf(r.c)
		if seen[k] {
			later = append(later, r)
			continue
		}
		seen[k] = true
		live = append(live, r)
	}
	defer func() {
		if len(later) > 0 {
			s.commitBatch(later)
		}
	}()
	if len(live) == 0 {
		return
	}
	if len(live) > 1 && s.commit(live) == nil {
		return
	}
	for _, r := range live {
		if err := s.commit([]*createReq{r}); err != nil {
			r.done <- err
		}
	}
}

// commit stores comments in one transaction and answers each caller; on
// failure it answers none and returns the error.
func (s *Store) commit(reqs []*createReq) error {
	for _, r := range reqs {
		r.c.ID = 0
	}
	st := s.batchStmt(len(reqs))
	if err := s.tx(context.Background(), func(tx *sql.Tx) error { return s.insertMany(tx, st, reqs) }); err != nil {
		return err
	}
	for _, r := range reqs {
		if r.c.ID == 0 {
			r.done <- errDuplicate
			continue
		}
		s.unindexed.Add(1)
		r.done <- nil
	}
	return nil
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

// insertMany stores a batch with ONE multi-row INSERT. Each statement in a
// transaction is a savepoint, and work such as index maintenance is paid
// per statement: one statement a batch instead of one a comment roughly
// halves the writer's work. The ids come back with RETURNING, matched by
// each comment's random moderation hash. A comment the insert skipped as
// a duplicate keeps ID 0 and gets no jobs.
//
// st is the statement for len(batch) rows prepared beforehand (nil: none,
// the text is parsed now): parsing a 30-row insert cost the writer about
// a fifth of its time.
func (s *Store) insertMany(tx *sql.Tx, st *sql.Stmt, batch []*createReq) error {
	ctx := context.Background() // the batch must not fail for one client leaving
	byHash := make(map[string]*createReq, len(batch))
	args := make([]any, 0, 20*len(batch))
	for _, r := range batch {
		c := r.c
		if len(batch) > 1 && (c.Hash == "" || byHash[c.Hash] != nil) {
			return errNoBatch
		}
		byHash[c.Hash] = r
		args = append(args, commentArgs(s.box.Seal(c.Email), s.box.Hash(c.Email), c, "", "")...)
	}
	var rows *sql.Rows
	var err error
	if st != nil {
		rows, err = tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	} else {
		rows, err = tx.QueryContext(ctx, batchSQL(len(batch)), args...)
	}
	if err != nil {
		return wrap(err)
	}
	for rows.Next() {
		var id int64
		var hash string
		if err := rows.Scan(&id, &hash); err != nil {
			rows.Close()
			return wrap(err)
		}
		if r := byHash[hash]; r != nil {
			r.c.ID = id
		} else if len(batch) == 1 {
			batch[0].c.ID = id
		}
	}
	if err := rows.Close(); err != nil {
		return wrap(err)
	}
	if err := rows.Err(); err != nil {
		return wrap(err)
	}
	for _, r := range batch {
		if r.c.ID == 0 {
			continue
		}
		if err := enqueue(ctx, tx, withID(r.jobs, r.c.ID), r.c.CreatedAt); err != nil {
			return err
		}
	}
	return nil
}

// batchSQL is the insert of n comments that returns their ids. It skips a
// comment whose author (by email) already left the same text under the
// same article, unless that one is in the trash, as WordPress refuses
// duplicates: checked in the insert itself, two copies sent at once cannot
// both pass, and the reader's request costs no query of its own.
func batchSQL(n int) string {
	var q strings.Builder
	q.WriteString(insertCommentHead)
	q.WriteString(` SELECT * FROM (VALUES `)
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(insertCommentRow)
	}
	// column1 article_key, column6 email_hash, column9 raw_content: the
	// order of insertCommentHead.
	q.WriteString(`) AS v WHERE NOT EXISTS (SELECT 1 FROM comments d
		WHERE d.email_hash = v.column6 AND d.article_key = v.column1 AND d.raw_content = v.column9 AND d.status <> 'trash')
		RETURNING id, moderation_hash`)
	return q.String()
}

// batchStmt returns the prepared insert of n comments, preparing it the
// first time a batch of that size comes. It runs on the batcher outside
// any transaction, so the writer connection is free to prepare on; nil
// (parse it in the transaction) if preparing fails.
func (s *Store) batchStmt(n int) *sql.Stmt {
	if n < 1 || n > maxBatch {
		return nil
	}
	if st := s.batchStmts[n]; st != nil {
		return st
	}
	st, err := s.w.PrepareContext(context.Background(), batchSQL(n))
	if err != nil {
		return nil
	}
	s.batchStmts[n] = st
	return st
}

// closeBatchStmts closes what batchStmt prepared; the batcher has ended.
func (s *Store) closeBatchStmts() {
	for i, st := range s.batchStmts {
		if st != nil {
			st.Close()
			s.batchStmts[i] = nil
		}
	}
}

var (
	// errNoBatch sends a batch down the one-by-one path.
	errNoBatch = errors.New("sqlite: batch needs one-by-one inserts")
	// errDuplicate answers a comment that was already left.
	errDuplicate = comment.Errorf(comment.EConflict, "duplicate")
)

// dupKey is what makes two comments duplicates (see batchSQL).
type dupKey struct{ email, article, raw string }

func keyOf(c *comment.Comment) dupKey {
	return dupKey{strings.ToLower(strings.TrimSpace(c.Email)), c.ArticleKey, c.Raw}
}
