package comment

import (
	"context"
	"testing"
	"time"
)

// A job's rest between batches ends with its context: a server stopping
// does not wait out the rest, and the job is told not to go on.
func TestRest_EndsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if rest(ctx, time.Hour) {
		t.Error("rest went on after its context ended")
	}
	if !rest(context.Background(), 0) {
		t.Error("a rest without an end said stop")
	}
}
