package sqlite

import (
	"context"

	"balasan/internal/comment"
)

// Changes: a SQLite file is served by one process, so no other instance
// changes it; the server's own changes reach its caches directly, and a
// command run beside it is noticed through the audit log. The channel
// only closes when ctx ends.
func (s *Store) Changes(ctx context.Context) (<-chan comment.Change, error) {
	out := make(chan comment.Change)
	go func() {
		<-ctx.Done()
		close(out)
	}()
	return out, nil
}

// Exclusive runs fn: one process serves the file, so no other instance
// can be running the job.
func (s *Store) Exclusive(ctx context.Context, _ string, fn func(context.Context)) (bool, error) {
	fn(ctx)
	return true, nil
}
