package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"balasan/internal/comment"
)

// searchIDs runs the dashboard's text search over pending comments.
func searchIDs(t *testing.T, s *Store, q string) []int64 {
	t.Helper()
	list, err := s.List(context.Background(), comment.Filter{Status: comment.Pending, Query: q, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range list {
		ids = append(ids, c.ID)
	}
	return ids
}

func pendingCount(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.w.QueryRow(`SELECT COUNT(*) FROM fts_pending`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFTS_DeferredStaysExact: comments changed or deleted before and after
// they were indexed are found exactly as they are now, and FTS5's own
// integrity check agrees with the comments.
func TestFTS_DeferredStaysExact(t *testing.T) {
	s, _ := mustOpenStore(t)
	ctx := context.Background()
	s.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: time.Now()})
	add := func(text string) int64 {
		c := newComment("k", 0)
		c.Raw, c.Hash = text, text
		if err := s.CreateComment(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	exec := func(q string, args ...any) {
		if _, err := s.w.Exec(q, args...); err != nil {
			t.Fatal(q, err)
		}
	}
	early := add("kereta cepat")
	editedEarly := add("banjir rob")
	deletedEarly := add("harga cabai")
	if _, err := s.indexPending(ctx); err != nil {
		t.Fatal(err)
	}
	if n := pendingCount(t, s); n != 0 {
		t.Fatalf("%d still listed after indexing", n)
	}
	late := add("kereta malam")
	editedLate := add("pasar malam")
	deletedLate := add("harga beras")
	if n := pendingCount(t, s); n != 3 {
		t.Fatalf("%d listed, want the 3 new ones", n)
	}
	exec(`UPDATE comments SET raw_content = 'jembatan baru' WHERE id IN (?, ?)`, editedEarly, editedLate)
	exec(`DELETE FROM comments WHERE id IN (?, ?)`, deletedEarly, deletedLate)

	for _, tt := range []struct {
		q    string
		want []int64
	}{
		{"kereta", []int64{early, late}},
		{"malam", []int64{late}},
		{"jembatan", []int64{editedEarly, editedLate}},
		{"banjir", nil},
		{"pasar", nil},
		{"harga", nil},
	} {
		if got := searchIDs(t, s, tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("search %q: %v, want %v", tt.q, got, tt.want)
		}
	}
	if n := pendingCount(t, s); n != 0 {
		t.Errorf("a search left %d unindexed", n)
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	// Deleting an indexed comment takes it out of the index too.
	exec(`DELETE FROM comments WHERE id = ?`, early)
	if got := searchIDs(t, s, "kereta"); !slices.Equal(got, []int64{late}) {
		t.Errorf("after delete: %v", got)
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestFTS_BatcherIndexesUnasked: the batcher indexes what waits on its
// own, without a search asking.
func TestFTS_BatcherIndexesUnasked(t *testing.T) {
	s, _ := mustOpenStore(t)
	ctx := context.Background()
	s.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: time.Now()})
	for i := range 300 {
		if err := s.CreateComment(ctx, newComment("k", i), nil); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, "comments never indexed", func() bool { return pendingCount(t, s) == 0 })
	var indexed int
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM comments_fts WHERE comments_fts MATCH 'komentar'`).Scan(&indexed); err != nil || indexed != 300 {
		t.Fatalf("index holds %d of 300 (%v)", indexed, err)
	}
}

// TestFTS_MigratesIndexingTriggers: a version-1 database, whose triggers
// indexed every insert, keeps its index and gets deferred indexing.
func TestFTS_MigratesIndexingTriggers(t *testing.T) {
	s, path := mustOpenStore(t)
	ctx := context.Background()
	s.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: time.Now()})
	// Back to version 1: the old triggers, no list.
	for _, q := range []string{
		`DROP TRIGGER comments_fts_queue`, `DROP TRIGGER comments_fts_remove`, `DROP TRIGGER comments_fts_reindex`, `DROP TABLE fts_pending`,
		`CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
			INSERT INTO comments_fts (rowid, author, raw_content) VALUES (NEW.id, NEW.author, NEW.raw_content); END`,
		`CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
			INSERT INTO comments_fts (comments_fts, rowid, author, raw_content) VALUES ('delete', OLD.id, OLD.author, OLD.raw_content); END`,
		`CREATE TRIGGER comments_fts_update AFTER UPDATE OF author, raw_content ON comments BEGIN
			INSERT INTO comments_fts (comments_fts, rowid, author, raw_content) VALUES ('delete', OLD.id, OLD.author, OLD.raw_content);
			INSERT INTO comments_fts (rowid, author, raw_content) VALUES (NEW.id, NEW.author, NEW.raw_content); END`,
		`PRAGMA user_version = 1`,
	} {
		if _, err := s.w.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	for i := range 3 {
		c := newComment("k", i)
		c.Raw = fmt.Sprintf("lama %d", i)
		if _, err := s.w.Exec(`INSERT INTO comments (article_key, author, email, email_hash, raw_content, content_html, status, moderation_hash, created_at, updated_at)
			VALUES ('k', 'Pembaca', '', '', ?, ?, 'pending', ?, 0, 0)`, c.Raw, c.Raw, c.Hash); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	s2, err := Open(ctx, path, s.box)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var version, old int
	s2.w.QueryRow(`PRAGMA user_version`).Scan(&version)
	s2.w.QueryRow(`SELECT COUNT(*) FROM sqlite_schema WHERE name IN ('comments_fts_insert', 'comments_fts_delete', 'comments_fts_update')`).Scan(&old)
	if version != len(steps) || old != 0 {
		t.Fatalf("version %d, %d old triggers left", version, old)
	}
	if got := searchIDs(t, s2, "lama"); len(got) != 3 {
		t.Fatalf("old comments found: %v", got)
	}
	c := newComment("k", 9)
	c.Raw = "baru lama"
	if err := s2.CreateComment(ctx, c, nil); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, s2, "baru"); !slices.Equal(got, []int64{c.ID}) {
		t.Fatalf("new comment found: %v", got)
	}
	if err := s2.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// rawInsert adds n pending comments in one statement, as a bulk loader
// does, leaving them all to be indexed.
func rawInsert(t *testing.T, s *Store, n int) {
	t.Helper()
	if _, err := s.w.Exec(`WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ?)
		INSERT INTO comments (article_key, author, email, email_hash, raw_content, content_html, status, moderation_hash, created_at, updated_at)
		SELECT 'k', 'Pembaca', '', '', 'borongan ' || i, '', 'pending', lower(hex(randomblob(16))), 0, 0 FROM c`, n); err != nil {
		t.Fatal(err)
	}
}

func indexedCount(t *testing.T, s *Store, word string) int {
	t.Helper()
	var n int
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM comments_fts WHERE comments_fts MATCH ?`, word).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFTS_BacklogInChunks: the batcher works through a backlog of several
// chunks on its own, and each indexing transaction takes one chunk, so
// writes wait behind one chunk at most.
func TestFTS_BacklogInChunks(t *testing.T) {
	s, _ := mustOpenStore(t)
	ctx := context.Background()
	s.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: time.Now()})
	const n = ftsChunk + 100
	rawInsert(t, s, n)
	rawInsert(t, s, n)
	eventually(t, "backlog never indexed", func() bool { return pendingCount(t, s) == 0 })
	if got := indexedCount(t, s, "borongan"); got != 2*n {
		t.Fatalf("indexed %d of %d", got, 2*n)
	}

	// With the batcher stopped, one call indexes exactly one chunk.
	s.closeOnce.Do(func() { close(s.quit) })
	<-s.gc.done
	rawInsert(t, s, n)
	for i, wantMore := range []bool{true, false} {
		more, err := s.indexPending(ctx)
		if err != nil || more != wantMore {
			t.Fatalf("chunk %d: more %v, %v", i, more, err)
		}
		if got, want := indexedCount(t, s, "borongan"), 2*n+min(n, (i+1)*ftsChunk); got != want {
			t.Fatalf("after chunk %d: %d indexed, want %d", i, got, want)
		}
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestFTS_IndexingWalksTheList: indexing reads the list and looks each
// comment up, never walking the comments (with many comments and a short
// list, that walk cost a fifth of the write throughput).
func TestFTS_IndexingWalksTheList(t *testing.T) {
	s, _ := mustOpenStore(t)
	s.EnsureArticle(context.Background(), comment.Article{Key: "k", CreatedAt: time.Now()})
	rawInsert(t, s, 500)
	s.w.Exec(`ANALYZE`)
	rows, err := s.w.Query(`EXPLAIN QUERY PLAN `+indexChunkSQL, 1<<62)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if len(plan) != 2 || !strings.Contains(plan[0], " p ") || !strings.Contains(plan[1], "c USING INTEGER PRIMARY KEY (rowid=?)") {
		t.Fatalf("plan %q: want the list first, each comment by its id", plan)
	}
}
