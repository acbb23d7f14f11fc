package outbox

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"balasan/internal/comment"
	"balasan/internal/secret"
	"balasan/internal/sqlite"
)

// clock is a controllable time for store and worker.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func mustOpenStore(tb testing.TB, clk *clock) *sqlite.Store {
	tb.Helper()
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		tb.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), tb.TempDir()+"/outbox.db", box)
	if err != nil {
		tb.Fatal(err)
	}
	st.Now = clk.Now
	tb.Cleanup(func() { st.Close() })
	return st
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestBackoff(t *testing.T) {
	tests := []struct {
		attempts int
		want     time.Duration
	}{{1, time.Minute}, {2, 2 * time.Minute}, {3, 4 * time.Minute}, {7, 60 * time.Minute}, {8, time.Hour}, {50, time.Hour}}
	for _, tt := range tests {
		if got := Backoff(tt.attempts, time.Minute, time.Hour); got != tt.want {
			t.Errorf("Backoff(%d) = %v, want %v", tt.attempts, got, tt.want)
		}
	}
}

// TestWorker_RetryThenGiveUp: a failing job is retried after growing
// waits, not before; after MaxAttempts it is given up but kept; a
// permanent error gives up at once; other kinds are not held up.
func TestWorker_RetryThenGiveUp(t *testing.T) {
	clk := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	st := mustOpenStore(t, clk)
	ctx := context.Background()
	var mu sync.Mutex
	sent := map[string]int{}
	tries := map[string]int{}
	w := &Worker{Store: st, Log: quiet, Now: clk.Now, MinBackoff: time.Minute, MaxBackoff: 4 * time.Minute, MaxAttempts: 4,
		Senders: map[string]Sender{
			"ok": func(_ context.Context, p string) error {
				mu.Lock()
				defer mu.Unlock()
				sent[p]++
				return nil
			},
			"down": func(_ context.Context, p string) error {
				mu.Lock()
				defer mu.Unlock()
				tries[p]++
				return errors.New("connection refused by mail@example.test")
			},
			"gone": func(context.Context, string) error { return Permanent(errors.New("comment deleted")) },
		}}
	if err := st.Enqueue(ctx, []comment.Job{{Kind: "down", Payload: "d"}, {Kind: "ok", Payload: "a"}, {Kind: "gone", Payload: "g"}}); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		advance   time.Duration
		wantTries int
	}{
		{0, 1},                // all tried once; "ok" sent, "gone" given up, "down" waits 1m
		{59 * time.Second, 1}, // not yet due
		{time.Second, 2},      // 1m later: second try, then waits 2m
		{time.Minute, 2},      // not yet
		{time.Minute, 3},      // third try, then waits 4m (the cap)
		{4 * time.Minute, 4},  // fourth try: given up
		{24 * time.Hour, 4},   // and never tried again
	}
	for i, s := range steps {
		clk.Add(s.advance)
		if _, err := w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		if tries["d"] != s.wantTries {
			t.Errorf("step %d: %d tries, want %d", i, tries["d"], s.wantTries)
		}
		mu.Unlock()
	}
	clk.Add(100 * 365 * 24 * time.Hour)
	if due, err := st.DueJobs(ctx, 10); err != nil || len(due) != 0 {
		t.Errorf("given-up jobs still due: %v %v", due, err)
	}
	if sent["a"] != 1 {
		t.Errorf("ok job sent %d times, want 1", sent["a"])
	}
	for _, kind := range []string{"down", "gone"} {
		if n, _ := st.PendingJobs(ctx, kind); n != 1 {
			t.Errorf("%s: %d rows kept undelivered, want 1", kind, n)
		}
	}
}

// TestWorker_StopFinishesInFlight: Stop waits for a send in progress and
// records it, so shutdown loses nothing.
func TestWorker_StopFinishesInFlight(t *testing.T) {
	clk := &clock{t: time.Now()}
	st := mustOpenStore(t, clk)
	ctx := context.Background()
	started, release := make(chan struct{}), make(chan struct{})
	var finished bool
	w := &Worker{Store: st, Log: quiet, Now: clk.Now, Poll: time.Hour, Senders: map[string]Sender{
		"slow": func(ctx context.Context, _ string) error {
			close(started)
			<-release
			finished = true
			return ctx.Err()
		}}}
	if err := st.Enqueue(ctx, []comment.Job{{Kind: "slow", Payload: "x"}, {Kind: "slow", Payload: "y"}}); err != nil {
		t.Fatal(err)
	}
	w.Start()
	<-started
	stopped := make(chan struct{})
	go func() {
		w.Stop(context.Background())
		close(stopped)
	}()
	<-w.stop // the stop is signalled while the send is in flight
	close(release)
	<-stopped
	if !finished {
		t.Fatal("Stop returned before the send in flight finished")
	}
	due, err := st.DueJobs(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].Payload != "y" {
		t.Errorf("after stop: due %v, want only the job not yet started", due)
	}
}

func TestRedact(t *testing.T) {
	got := redact("550 5.1.1 <siti@example.test>: Recipient address rejected")
	if got != "550 5.1.1 <[email]>: Recipient address rejected" {
		t.Errorf("redact: %q", got)
	}
}
