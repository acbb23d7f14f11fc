package app

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"balasan/internal/comment"
	"balasan/internal/secret"
	"balasan/internal/sqlite"
)

// TestOutboxPruner_DeletesOldDeliveries: a job delivered longer ago than
// the retention leaves no byte of its payload in the database file; one
// delivered within it is kept.
func TestOutboxPruner_DeletesOldDeliveries(t *testing.T) {
	ctx := context.Background()
	box, _ := secret.New(make([]byte, secret.KeySize))
	path := t.TempDir() + "/b.db"
	st, err := sqlite.Open(ctx, path, box)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	deliver := func(at time.Time, name string) {
		t.Helper()
		st.Now = func() time.Time { return at }
		if err := st.Enqueue(ctx, []comment.Job{{Kind: "webhook", Payload: `{"id":1,"author":"` + name + `"}`}}); err != nil {
			t.Fatal(err)
		}
		jobs, err := st.DueJobs(ctx, 10)
		if err != nil || len(jobs) != 1 {
			t.Fatalf("due %d, %v", len(jobs), err)
		}
		if err := st.JobDone(ctx, jobs[0].ID); err != nil {
			t.Fatal(err)
		}
	}
	deliver(now.Add(-8*24*time.Hour), "Lamasekali Terkirimnya")
	deliver(now.Add(-time.Hour), "Barusaja Terkirimnya")
	p := &outboxPruner{Store: st, Retention: 7 * 24 * time.Hour, Now: func() time.Time { return now },
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	p.run(ctx)
	st.Close() // the last connection checkpoints and removes the WAL
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("Lamasekali")) {
		t.Error("a job delivered 8 days ago is still in the database file")
	}
	if !bytes.Contains(raw, []byte("Barusaja")) {
		t.Error("a job delivered an hour ago was pruned")
	}
}
