package sqlite

import (
	"context"
	"testing"
	"time"

	"balasan/internal/comment"
)

// TestCheckpointer_RunsAfterWritesOnly: writes bring a checkpoint beside
// the writer soon after; an idle store runs none.
func TestCheckpointer_RunsAfterWritesOnly(t *testing.T) {
	s, _ := mustOpenStore(t)
	ctx := context.Background()
	// The writes of Open (schema, settings) end before the checkpointer
	// starts: it checkpoints them once, then idles.
	eventually(t, "no checkpoint after start", func() bool { return s.checkpoints.Load() == 1 })
	time.Sleep(5 * checkpointEvery)
	if n := s.checkpoints.Load(); n != 1 {
		t.Fatalf("%d checkpoints while idle", n-1)
	}
	s.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: time.Now()})
	for i := range 20 {
		if err := s.CreateComment(ctx, newComment("k", i), nil); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, "no checkpoint after writes", func() bool { return s.checkpoints.Load() > 1 })
}

// eventually waits up to 20 s for what the store does in the background
// (batcher, checkpointer) to make ok true, failing with what otherwise.
func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !ok(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal(what)
		}
	}
}
