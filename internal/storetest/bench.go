package storetest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"balasan/internal/comment"
)

// BenchCreate measures CreateComment with 32 writers at once, as a burst
// of readers' submissions reaches the store: each op is one comment
// stored and acknowledged, with one outbox job.
func BenchCreate(b *testing.B, s comment.Store) {
	ctx := context.Background()
	if _, err := s.EnsureArticle(ctx, comment.Article{Key: "bench", CreatedAt: now()}); err != nil {
		b.Fatal(err)
	}
	var n atomic.Int64
	b.SetParallelism(16) // × GOMAXPROCS writers
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := int(n.Add(1))
			c := newComment("bench", i)
			c.Hash = fmt.Sprintf("bench-%d", i)
			if err := s.CreateComment(ctx, c, []comment.Job{{Kind: "webhook", Payload: "{}"}}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
