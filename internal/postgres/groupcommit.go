package postgres

// Group commit of new comments. Readers' comments that arrive together
// are stored in one transaction with one INSERT (arrays unnested), sent
// with its locks as one pipeline (one round trip), so a burst costs
// PostgreSQL one commit (one WAL flush) per batch instead of one per
// comment.
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
//     the first to commit and then sees it in the insert's NOT EXISTS
//     (a statement of its own after the locks: under READ COMMITTED it
//     reads with a snapshot taken once the locks are held).
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
	"github.com/jackc/pgx/v5/pgxpool"

	"balasan/internal/comment"
)

const (
	// maxBatch bounds how many comments one transaction holds.
	maxBatch = 64
	// workers is how many batches are committed side by side, each on
	// its own connection. Two: while one batch waits for its WAL flush,
	// the next is inserted (the counts are spread over slots, see
	// stripedCounts, so they no longer wait for each other's commit).
	// Measured with make bench's stores part on 2 cores: one worker
	// ~3,000-3,700 comments/s, two ~3,300-3,900, four ~2,400-2,700
	// (smaller batches, each paying its own statement and commit).
	workers = 2
)

// createReq is one comment waiting for the group commit.
type createReq struct {
	ctx  context.Context
	c    *comment.Comment
	jobs []comment.Job
	done chan error
}

type groupCommit struct {
	s *Store
	// db is the writers' own pool, one connection a worker, so reads
	// never wait behind a batch nor a batch behind reads. Its sessions
	// plan each batch afresh (plan_cache_mode): a plan cached while the
	// comments table was small (a hash anti-join over the whole table for
	// the duplicate check) would otherwise be kept as the table grows,
	// until an ANALYZE happened to invalidate it; measured, that made
	// each batch cost more as the table grew (5 ms for 5 comments at
	// 50,000 rows) instead of a steady ~1 ms.
	db    *pgxpool.Pool
	reqs  chan *createReq
	quit  chan struct{}
	wg    sync.WaitGroup
	close func()
}

func newGroupCommit(ctx context.Context, s *Store, cfg *pgxpool.Config) (*groupCommit, error) {
	cfg = cfg.Copy()
	cfg.MaxConns, cfg.MinConns = workers, 0
	cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	db, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	g := &groupCommit{s: s, db: db, reqs: make(chan *createReq, maxBatch), quit: make(chan struct{})}
	for range workers {
		g.wg.Go(g.run)
	}
	g.close = sync.OnceFunc(func() {
		close(g.quit)
		g.wg.Wait()
		db.Close()
	})
	return g, nil
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
	var err error
	for range maxRetries {
		if err = g.insert(reqs); !retryable(err) {
			break
		}
	}
	if err != nil {
		for _, r := range reqs {
			r.c.ID = 0 // read back before the commit failed
		}
		return wrap(err)
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

// lockSQL takes the advisory lock of each (email, article) of a batch, in
// key order, so no two batches wait for each other in a cycle.
const lockSQL = `SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest($1::bigint[]) AS k ORDER BY k) AS l`

// batchSQL inserts the unnested comments, skipping duplicates
// (duplicateSQL, with the new row as v), stores the outbox jobs of those
// inserted (their payloads given the new id in place of comment.IDMark,
// as withID does) and returns the ids by moderation hash.
const batchSQL = `WITH ins AS (INSERT INTO comments (article_key, parent_id, author, author_url, email, email_hash, ip,
		user_agent, raw_content, content_html, status, reason, spam_score, is_staff, moderation_hash, notify,
		created_at, updated_at)
	SELECT v.* FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
		$8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::float8[], $14::bool[], $15::text[],
		$16::int[], $17::bigint[], $18::bigint[])
		AS v(article_key, parent_id, author, author_url, email, email_hash, ip, user_agent, raw_content,
		content_html, status, reason, spam_score, is_staff, moderation_hash, notify, created_at, updated_at)
	WHERE NOT EXISTS (SELECT 1 FROM comments d WHERE ` + duplicateSQL + `)
	RETURNING id, moderation_hash),
jobs AS (INSERT INTO outbox (kind, payload, next_attempt_at, created_at)
	SELECT j.kind, replace(j.payload, $19, ins.id::text), $20, $20
	FROM unnest($21::text[], $22::text[], $23::text[]) WITH ORDINALITY AS j(hash, kind, payload, ord)
	JOIN ins ON ins.moderation_hash = j.hash ORDER BY ins.id, j.ord)
SELECT id, moderation_hash FROM ins`

// insert runs one batch as a single pipeline: the locks, then the insert
// with its jobs, in the implicit transaction PostgreSQL commits at the
// pipeline's end, so a batch costs one round trip. Ids are set as rows
// come back, but count only once Close reports the commit.
func (g *groupCommit) insert(batch []*createReq) error {
	ctx := context.Background() // the batch must not fail for one client leaving
	n := len(batch)
	var (
		keys, authors, urls, emails, hashes, ips, agents = make([]string, n), make([]string, n), make([]string, n),
			make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		raws, htmls, statuses, reasons, modHashes = make([]string, n), make([]string, n), make([]string, n),
			make([]string, n), make([]string, n)
		parents                        = make([]*int64, n)
		scores                         = make([]*float64, n)
		staff                          = make([]bool, n)
		notify                         = make([]int32, n)
		created, updated               = make([]int64, n), make([]int64, n)
		byHash                         = make(map[string]*createReq, n)
		locks                          = make([]int64, 0, n)
		jobHashes, jobKinds, jobBodies []string
	)
	for i, r := range batch {
		c := r.c
		c.ID = 0
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
		for _, j := range r.jobs {
			jobHashes, jobKinds, jobBodies = append(jobHashes, c.Hash), append(jobKinds, j.Kind), append(jobBodies, j.Payload)
		}
	}
	slices.Sort(locks)
	b := &pgx.Batch{}
	b.Queue(lockSQL, slices.Compact(locks))
	b.Queue(batchSQL, keys, parents, authors, urls, emails, hashes, ips, agents, raws, htmls,
		statuses, reasons, scores, staff, modHashes, notify, created, updated,
		comment.IDMark, ms(batch[0].c.CreatedAt), jobHashes, jobKinds, jobBodies)
	br := g.db.SendBatch(ctx, b)
	if err := readBatch(br, batch, byHash); err != nil {
		br.Close()
		return err
	}
	return br.Close() // the commit's answer
}

// readBatch reads the locks' and the insert's results, setting the ids.
func readBatch(br pgx.BatchResults, batch []*createReq, byHash map[string]*createReq) error {
	if _, err := br.Exec(); err != nil {
		return err
	}
	rows, err := br.Query()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var hash string
		if err := rows.Scan(&id, &hash); err != nil {
			return err
		}
		if r := byHash[hash]; r != nil {
			r.c.ID = id
		} else if len(batch) == 1 {
			batch[0].c.ID = id
		}
	}
	return rows.Err()
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
