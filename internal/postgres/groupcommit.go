package postgres

// Group commit of new comments. Readers' comments that arrive together
// are stored in one transaction with one INSERT (arrays unnested), so a
// burst costs PostgreSQL one commit (one WAL flush) per batch instead of
// one per comment.
//
// Invariants:
//   - A caller returns only once its own comment is committed, refused as
//     a duplicate, or failed; nothing is acknowledged before the commit.
//   - A batch holds at most maxBatch comments and never two copies of one
//     comment (same email, article and text): the second waits for the
//     next batch, where it meets the first (409) or takes its place if the
//     first could not be stored.
//   - Duplicates are refused across batches, workers and instances: each
//     batch first takes a transaction-scoped advisory lock per (email,
//     article), in key order (no deadlock), so a concurrent copy waits for
//     the first to commit and then sees it in the insert's NOT EXISTS.
//   - If a batch fails, each of its comments is tried alone, so one bad
//     comment (or a lost connection) fails only itself.
//   - close flushes every comment queued before it.

import (
	"context"
	"errors"
	"hash/fnv"
	"slices"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

const (
	// maxBatch bounds how many comments one transaction holds.
	maxBatch = 64
	// workers is how many batches are committed side by side. One: every
	// batch updates the same count rows (status_counts), so a second
	// worker only waits for the first's commit, with smaller batches
	// (BenchmarkCreateComment: ~150-260 µs a comment with one worker,
	// ~380-550 µs with 2 to 8). Instances still write side by side.
	workers = 1
)

// createReq is one comment waiting for the group commit.
type createReq struct {
	ctx  context.Context
	c    *comment.Comment
	jobs []comment.Job
	done chan error
}

type groupCommit struct {
	s     *Store
	reqs  chan *createReq
	quit  chan struct{}
	wg    sync.WaitGroup
	close func()
}

func newGroupCommit(s *Store) *groupCommit {
	g := &groupCommit{s: s, reqs: make(chan *createReq, maxBatch), quit: make(chan struct{})}
	for range workers {
		g.wg.Go(g.run)
	}
	g.close = sync.OnceFunc(func() {
		close(g.quit)
		g.wg.Wait()
	})
	return g
}

// errDuplicate answers a comment that was already left.
var errDuplicate = comment.Errorf(comment.EConflict, "duplicate")

// run takes what waits, up to maxBatch, and commits it, until close; then
// it helps drain the queue.
func (g *groupCommit) run() {
	batch := make([]*createReq, 0, maxBatch)
	for {
		var r *createReq
		select {
		case r = <-g.reqs:
		case <-g.quit:
			g.drain()
			return
		}
		batch = append(batch[:0], r)
	fill:
		for len(batch) < maxBatch {
			select {
			case r := <-g.reqs:
				batch = append(batch, r)
			default:
				break fill
			}
		}
		g.commitBatch(batch)
	}
}

func (g *groupCommit) drain() {
	for {
		select {
		case r := <-g.reqs:
			g.commitBatch([]*createReq{r})
		default:
			return
		}
	}
}

// commitBatch stores a batch; on failure each comment is tried alone.
func (g *groupCommit) commitBatch(batch []*createReq) {
	var live, later []*createReq
	seen := make(map[dupKey]bool, len(batch))
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.done <- err // the client left before anything was written
			continue
		}
		if k := keyOf(r.c); seen[k] {
			later = append(later, r)
		} else {
			seen[k] = true
			live = append(live, r)
		}
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

// errNoBatch sends a batch down the one-by-one path.
var errNoBatch = errors.New("postgres: batch needs one-by-one inserts")

// commit stores comments in one transaction and answers each caller; on
// failure it answers none and returns the error.
func (g *groupCommit) commit(reqs []*createReq) error {
	for _, r := range reqs {
		r.c.ID = 0
	}
	// The batch must not fail for one client leaving.
	if err := g.s.tx(context.Background(), func(tx pgx.Tx) error { return g.insert(tx, reqs) }); err != nil {
		return err
	}
	for _, r := range reqs {
		if r.c.ID == 0 {
			r.done <- errDuplicate
		} else {
			r.done <- nil
		}
	}
	return nil
}

// batchSQL inserts the unnested comments, skipping duplicates
// (duplicateSQL, with the new row as v), and returns the ids by
// moderation hash.
const batchSQL = `INSERT INTO comments (article_key, parent_id, author, author_url, email, email_hash, ip,
		user_agent, raw_content, content_html, status, reason, spam_score, is_staff, moderation_hash, notify,
		created_at, updated_at)
	SELECT v.* FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
		$8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::float8[], $14::bool[], $15::text[],
		$16::int[], $17::bigint[], $18::bigint[])
		AS v(article_key, parent_id, author, author_url, email, email_hash, ip, user_agent, raw_content,
		content_html, status, reason, spam_score, is_staff, moderation_hash, notify, created_at, updated_at)
	WHERE NOT EXISTS (SELECT 1 FROM comments d WHERE ` + duplicateSQL + `)
	RETURNING id, moderation_hash`

func (g *groupCommit) insert(tx pgx.Tx, batch []*createReq) error {
	ctx := context.Background()
	n := len(batch)
	var (
		keys, authors, urls, emails, hashes, ips, agents = make([]string, n), make([]string, n), make([]string, n),
			make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		raws, htmls, statuses, reasons, modHashes = make([]string, n), make([]string, n), make([]string, n),
			make([]string, n), make([]string, n)
		parents          = make([]*int64, n)
		scores           = make([]*float64, n)
		staff            = make([]bool, n)
		notify           = make([]int32, n)
		created, updated = make([]int64, n), make([]int64, n)
		byHash           = make(map[string]*createReq, n)
		locks            = make([]int64, 0, n)
	)
	for i, r := range batch {
		c := r.c
		if n > 1 && (c.Hash == "" || byHash[c.Hash] != nil) {
			return errNoBatch
		}
		byHash[c.Hash] = r
		if c.ParentID > 0 {
			parents[i] = &c.ParentID
		}
		keys[i], authors[i], urls[i], emails[i], hashes[i] = c.ArticleKey, c.Author, c.AuthorURL, g.s.box.Seal(c.Email), g.s.box.Hash(c.Email)
		ips[i], agents[i], raws[i], htmls[i], statuses[i] = c.IP, c.UserAgent, c.Raw, c.HTML, string(c.Status)
		reasons[i], scores[i], staff[i], modHashes[i], notify[i] = c.Reason, c.SpamScore, c.Staff, c.Hash, int32(c.Notify)
		created[i], updated[i] = ms(c.CreatedAt), ms(c.UpdatedAt)
		locks = append(locks, lockKey(hashes[i], c.ArticleKey))
	}
	slices.Sort(locks)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest($1::bigint[]) AS k ORDER BY k) AS l`,
		slices.Compact(locks)); err != nil {
		return err
	}
	rows, err := tx.Query(ctx, batchSQL, keys, parents, authors, urls, emails, hashes, ips, agents, raws, htmls,
		statuses, reasons, scores, staff, modHashes, notify, created, updated)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var hash string
		if err := rows.Scan(&id, &hash); err != nil {
			rows.Close()
			return err
		}
		if r := byHash[hash]; r != nil {
			r.c.ID = id
		} else if n == 1 {
			batch[0].c.ID = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var jobs []comment.Job
	for _, r := range batch {
		if r.c.ID != 0 {
			jobs = append(jobs, withID(r.jobs, r.c.ID)...)
		}
	}
	return enqueue(ctx, tx, jobs, batch[0].c.CreatedAt)
}

// dupKey is what makes two comments duplicates.
type dupKey struct{ email, article, raw string }

func keyOf(c *comment.Comment) dupKey {
	return dupKey{strings.ToLower(strings.TrimSpace(c.Email)), c.ArticleKey, c.Raw}
}

// lockKey is the advisory lock of one author's comments on one article.
func lockKey(emailHash, article string) int64 {
	h := fnv.New64a()
	h.Write([]byte(emailHash))
	h.Write([]byte{0})
	h.Write([]byte(article))
	return int64(h.Sum64())
}
