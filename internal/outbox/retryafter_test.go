package outbox

import (
	"context"
	"errors"
	"testing"
	"time"

	"balasan/internal/comment"
)

// TestWorker_RetryAfter: a receiver's own wait is kept when it is longer
// than the backoff, and the backoff when it is shorter.
func TestWorker_RetryAfter(t *testing.T) {
	for _, tc := range []struct {
		name     string
		after    time.Duration
		wantWait time.Duration
	}{
		{"longer than the backoff", 10 * time.Minute, 10 * time.Minute},
		{"shorter than the backoff", 5 * time.Second, time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			st := mustOpenStore(t, clk)
			ctx := context.Background()
			tries := 0
			w := &Worker{Store: st, Log: quiet, Now: clk.Now, MinBackoff: time.Minute, MaxBackoff: time.Hour,
				Senders: map[string]Sender{"chat": func(context.Context, string) error {
					tries++
					if tries == 1 {
						return RetryAfter(errors.New("429 too many requests"), tc.after)
					}
					return nil
				}}}
			if err := st.Enqueue(ctx, []comment.Job{{Kind: "chat", Payload: "{}"}}); err != nil {
				t.Fatal(err)
			}
			if _, err := w.RunOnce(ctx); err != nil || tries != 1 {
				t.Fatalf("first pass: %d tries, %v", tries, err)
			}
			clk.Add(tc.wantWait - time.Second)
			if w.RunOnce(ctx); tries != 1 {
				t.Fatalf("tried again %v early", time.Second)
			}
			clk.Add(time.Second)
			if w.RunOnce(ctx); tries != 2 {
				t.Fatalf("not tried again after %v: %d tries", tc.wantWait, tries)
			}
			if n, _ := st.PendingJobs(ctx, "chat"); n != 0 {
				t.Fatalf("%d jobs still pending after the second try succeeded", n)
			}
		})
	}
}
