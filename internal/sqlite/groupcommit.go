package sqlite

// Group commit of new comments: the batch writer. Readers' comments that
// arrive together are stored in one transaction with one multi-row INSERT,
// so SQLite writes (and with synchronous=FULL syncs) the WAL once per
// batch, not once per comment. Between batches the same goroutine indexes
// stored comments for search (fts.go), so indexing never contends with it.
//
// Invariants:
//   - One goroutine (run) writes every batch, on the store's one writer
//     connection; it alone touches stmts.
//   - A caller returns only once its own comment is committed, refused as
//     a duplicate (duplicateSQL), or failed; nothing is acknowledged
//     before the commit.
//   - A batch holds at most maxBatch comments and never two copies of one
//     comment (same email, article and text): the second waits for the
//     next batch, where it meets the first (409) or takes its place if the
//     first could not be stored.
//   - A client that left before its batch is answered with its context's
//     error and nothing of it is written; one that leaves during the
//     commit does not fail the batch.
//   - If a batch fails, each of its comments is tried alone, so one bad
//     comment (or a disk that fills up half-way) fails only itself.
//   - Close (the store's quit) flushes every comment queued before it;
//     later ones get errClosed.

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

// groupCommit is the batch writer of new comments.
type groupCommit struct {
	s     *Store
	reqs  chan *createReq
	stmts [maxBatch + 1]*sql.Stmt // inserts of n comments, prepared on first use
	quit  <-chan struct{}         // closed by Store.Close
	done  chan struct{}           // closed when run has flushed and ended
}

func newGroupCommit(s *Store, quit <-chan struct{}) *groupCommit {
	return &groupCommit{s: s, reqs: make(chan *createReq, maxBatch), quit: quit, done: make(chan struct{})}
}

// createReq is one comment waiting for the group commit.
type createReq struct {
	ctx  context.Context
	c    *comment.Comment
	jobs []comment.Job
	done chan error
}

// errClosed answers a write after Close.
var errClosed = errors.New("sqlite: store closed")

// submit queues a comment for the next batch and waits for its answer.
func (g *groupCommit) submit(ctx context.Context, c *comment.Comment, jobs []comment.Job) error {
	r := &createReq{ctx: ctx, c: c, jobs: jobs, done: make(chan error, 1)}
	select {
	case g.reqs <- r:
	case <-g.quit:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-r.done:
		return err
	case <-g.done: // closed meanwhile: it flushed what it had taken
		select {
		case err := <-r.done:
			return err
		default:
			return errClosed
		}
	}
}

// run commits waiting comments until Close, and indexes them for search
// in between (fts.go).
func (g *groupCommit) run() {
	defer close(g.done)
	defer g.closeStmts()
	s := g.s
	batch := make([]*createReq, 0, maxBatch)
	tick := time.NewTicker(ftsEvery)
	defer tick.Stop()
	backlog := false // more comments wait to be indexed than one chunk
	for {
		r, ok := g.next(tick.C, backlog)
		switch {
		case !ok:
			g.flush(batch[:0])
			return
		case r == nil: // the tick, or a backlog while no comment waits
			backlog, _ = s.indexPending(context.Background()) // on failure the list waits for the next tick
			continue
		}
		batch = append(batch[:0], r)
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-g.reqs:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		g.commitBatch(batch)
		if s.unindexed.Load() >= ftsBulk {
			backlog, _ = s.indexPending(context.Background())
		}
	}
}

// next waits for a comment to store (r), for indexing to do (nil,
// true) or for Close (nil, false). A comment that already waits goes
// first; a backlog of indexing is only taken up when none does.
func (g *groupCommit) next(tick <-chan time.Time, backlog bool) (r *createReq, ok bool) {
	select {
	case r := <-g.reqs:
		return r, true
	case <-g.quit:
		return nil, false
	default:
	}
	if backlog {
		return nil, true
	}
	select {
	case r := <-g.reqs:
		return r, true
	case <-tick:
		return nil, true
	case <-g.quit:
		return nil, false
	}
}

// commitBatch stores a batch in one transaction; if that fails, each
// comment is tried alone, so one bad comment (or a disk that fills up
// half-way) fails only itself.
func (g *groupCommit) commitBatch(batch []*createReq) {
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
			g.commitBatch(later)
		}
	}()
	if len(live) == 0 {
		return
	}
	if len(live) > 1 && g.commit(live) == nil {
		return
	}
	for _, r := range live {
		if err := g.commit([]*createReq{r}); err != nil {
			r.done <- err
		}
	}
}

// commit stores comments in one transaction and answers each caller; on
// failure it answers none and returns the error.
func (g *groupCommit) commit(reqs []*createReq) error {
	for _, r := range reqs {
		r.c.ID = 0
	}
	st := g.stmt(len(reqs))
	if err := g.s.tx(context.Background(), func(tx *sql.Tx) error { return g.insertMany(tx, st, reqs) }); err != nil {
		return err
	}
	for _, r := range reqs {
		if r.c.ID == 0 {
			r.done <- errDuplicate
			continue
		}
		g.s.unindexed.Add(1)
		r.done <- nil
	}
	return nil
}

// flush commits what is still queued at Close.
func (g *groupCommit) flush(batch []*createReq) {
	for {
		select {
		case r := <-g.reqs:
			batch = append(batch, r)
		default:
			if len(batch) > 0 {
				g.commitBatch(batch)
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
func (g *groupCommit) insertMany(tx *sql.Tx, st *sql.Stmt, batch []*createReq) error {
	s := g.s
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
// duplicate (duplicateSQL, with the new row as v): checked in the insert
// itself, two copies sent at once cannot both pass, and the reader's
// request costs no query of its own. The VALUES rows get the columns'
// names (valuesAsColumns) so the rule reads them by name.
func batchSQL(n int) string {
	var q strings.Builder
	q.WriteString(insertCommentHead)
	q.WriteString(` SELECT * FROM (SELECT ` + valuesAsColumns + ` FROM (VALUES `)
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(insertCommentRow)
	}
	q.WriteString(`)) AS v WHERE NOT EXISTS (SELECT 1 FROM comments d WHERE ` + duplicateSQL + `)
		RETURNING id, moderation_hash`)
	return q.String()
}

// stmt returns the prepared insert of n comments, preparing it the first
// time a batch of that size comes. It runs on the batch writer outside any
// transaction, so the writer connection is free to prepare on; nil (parse
// it in the transaction) if preparing fails.
func (g *groupCommit) stmt(n int) *sql.Stmt {
	if n < 1 || n > maxBatch {
		return nil
	}
	if st := g.stmts[n]; st != nil {
		return st
	}
	st, err := g.s.w.PrepareContext(context.Background(), batchSQL(n))
	if err != nil {
		return nil
	}
	g.stmts[n] = st
	return st
}

// closeStmts closes what stmt prepared, as run ends.
func (g *groupCommit) closeStmts() {
	for i, st := range g.stmts {
		if st != nil {
			st.Close()
			g.stmts[i] = nil
		}
	}
}

var (
	// errNoBatch sends a batch down the one-by-one path.
	errNoBatch = errors.New("sqlite: batch needs one-by-one inserts")
	// errDuplicate answers a comment that was already left.
	errDuplicate = comment.Errorf(comment.EConflict, "duplicate")
)

// dupKey is what makes two comments duplicates (duplicateSQL), in Go.
type dupKey struct{ email, article, raw string }

func keyOf(c *comment.Comment) dupKey {
	return dupKey{strings.ToLower(strings.TrimSpace(c.Email)), c.ArticleKey, c.Raw}
}
