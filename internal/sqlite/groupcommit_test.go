package sqlite

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"balasan/internal/comment"
)

func newComment(key string, i int) *comment.Comment {
	now := time.Now()
	return &comment.Comment{ArticleKey: key, Author: "Pembaca", Email: fmt.Sprintf("p%d@example.test", i),
		Raw: fmt.Sprintf("komentar %d", i), HTML: fmt.Sprintf("<p>komentar %d</p>", i), Status: comment.Pending,
		Hash: fmt.Sprintf("hash-%d", i), CreatedAt: now, UpdatedAt: now}
}

// TestStore_InsertManyMatchesIDs: one multi-row insert gives every comment
// its own id, and its jobs carry that id.
func TestStore_InsertManyMatchesIDs(t *testing.T) {
	s, _ := mustOpenStore(t)
	ctx := context.Background()
	s.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: time.Now()})
	var batch []*createReq
	for i := range 5 {
		batch = append(batch, &createReq{ctx: ctx, c: newComment("k", i), done: make(chan error, 1),
			jobs: []comment.Job{{Kind: "webhook", Payload: `{"id":` + comment.IDMark + `}`}}})
	}
	s.gc.commitBatch(batch)
	for i, r := range batch {
		if err := <-r.done; err != nil {
			t.Fatal(err)
		}
		got, err := s.Comment(ctx, r.c.ID)
		if err != nil || got.Raw != fmt.Sprintf("komentar %d", i) {
			t.Fatalf("comment %d: id %d holds %q (%v)", i, r.c.ID, got.Raw, err)
		}
	}
	jobs, _ := s.DueJobs(ctx, 10)
	for i, j := range jobs {
		if want := fmt.Sprintf(`{"id":%d}`, batch[i].c.ID); j.Payload != want {
			t.Errorf("job %d payload %s, want %s", i, j.Payload, want)
		}
	}
}

// TestStore_BatchFailsOnlyTheBadComment: a batch holding a comment that
// cannot be stored (its article does not exist) stores the others.
func TestStore_BatchFailsOnlyTheBadComment(t *testing.T) {
	s, _ := mustOpenStore(t)
	ctx := context.Background()
	s.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: time.Now()})
	var batch []*createReq
	for i, key := range []string{"k", "missing", "k"} {
		batch = append(batch, &createReq{ctx: ctx, c: newComment(key, i), done: make(chan error, 1)})
	}
	s.gc.commitBatch(batch)
	for i, r := range batch {
		err := <-r.done
		if (i == 1) != (err != nil) {
			t.Fatalf("comment %d: err %v", i, err)
		}
		if err == nil {
			if _, err := s.Comment(ctx, r.c.ID); err != nil {
				t.Fatalf("comment %d not stored: %v", i, err)
			}
		}
	}
	if counts, _ := s.StatusCounts(ctx); counts[comment.Pending] != 2 {
		t.Fatalf("%d pending, want 2", counts[comment.Pending])
	}
}

func TestStore_CreateAfterClose(t *testing.T) {
	s, _ := mustOpenStore(t)
	s.Close()
	if err := s.CreateComment(context.Background(), newComment("k", 1), nil); err == nil {
		t.Fatal("a write after Close succeeded")
	}
}

func TestStore_QueuedJobs(t *testing.T) {
	s, _ := mustOpenStore(t)
	ctx := context.Background()
	s.Enqueue(ctx, []comment.Job{{Kind: "mail.reply", Payload: "{}"}, {Kind: "mail", Payload: "{}"},
		{Kind: "webhook", Payload: "{}"}, {Kind: "mailbox", Payload: "{}"}})
	for family, want := range map[string]int{"mail": 2, "webhook": 1, "sms": 0} {
		if n, err := s.QueuedJobs(ctx, family); err != nil || n != want {
			t.Errorf("QueuedJobs(%q) = %d, %v; want %d", family, n, err, want)
		}
	}
}

// TestStore_CopiesInOneBatch: of copies of one comment in one batch, the
// first is stored and the others refused as duplicates; a copy whose first
// was never written (its client left) is stored.
func TestStore_CopiesInOneBatch(t *testing.T) {
	s, _ := mustOpenStore(t)
	ctx := context.Background()
	s.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: time.Now()})
	req := func(c *comment.Comment, rctx context.Context) *createReq {
		return &createReq{ctx: rctx, c: c, done: make(chan error, 1)}
	}
	copyOf := func(i int, hash string) *comment.Comment {
		c := newComment("k", i)
		c.Hash = hash
		return c
	}
	batch := []*createReq{req(copyOf(1, "a"), ctx), req(newComment("k", 2), ctx), req(copyOf(1, "b"), ctx), req(copyOf(1, "c"), ctx)}
	s.gc.commitBatch(batch)
	for i, want := range []error{nil, nil, errDuplicate, errDuplicate} {
		if err := <-batch[i].done; err != want {
			t.Errorf("request %d: %v, want %v", i, err, want)
		}
	}
	// The first copy's client left before the write: the next copy is stored.
	gone, cancel := context.WithCancel(ctx)
	cancel()
	batch = []*createReq{req(copyOf(3, "d"), gone), req(copyOf(3, "e"), ctx)}
	s.gc.commitBatch(batch)
	if err := <-batch[0].done; err != context.Canceled {
		t.Errorf("gone client: %v", err)
	}
	if err := <-batch[1].done; err != nil || batch[1].c.ID == 0 {
		t.Errorf("the copy: %v, id %d", err, batch[1].c.ID)
	}
	counts, _ := s.StatusCounts(ctx)
	if counts[comment.Pending] != 3 {
		t.Errorf("%d stored, want 3", counts[comment.Pending])
	}
}

// TestValuesAsColumns: the names given to VALUES columns follow the
// insert's column list, so the duplicate rule reads the right values.
func TestValuesAsColumns(t *testing.T) {
	head := insertCommentHead[strings.Index(insertCommentHead, "(")+1 : strings.LastIndex(insertCommentHead, ")")]
	var want []string
	for i, name := range strings.Split(head, ",") {
		want = append(want, fmt.Sprintf("column%d AS %s", i+1, strings.TrimSpace(name)))
	}
	var got []string
	for _, part := range strings.Split(valuesAsColumns, ",") {
		got = append(got, strings.TrimSpace(part))
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("valuesAsColumns = %v\nwant %v", got, want)
	}
}
