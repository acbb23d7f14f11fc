package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"balasan/internal/comment"
)

// lockDatabase takes the write lock from another connection, as another
// process (the sqlite3 shell, a backup tool) might; release gives it back.
func lockDatabase(t *testing.T, path string) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	var once bool
	release = func() {
		if !once {
			once = true
			conn.ExecContext(ctx, `ROLLBACK`)
			conn.Close()
			db.Close()
		}
	}
	t.Cleanup(release)
	return release
}

// shortBusy makes SQLite's own wait and our backoff short for a test.
func shortBusy(t *testing.T) {
	oldTimeout, oldBackoff := busyTimeout, busyBackoff
	busyTimeout, busyBackoff = 20*time.Millisecond, time.Millisecond
	t.Cleanup(func() { busyTimeout, busyBackoff, retryHook = oldTimeout, oldBackoff, nil })
}

func TestStore_BusyRetried(t *testing.T) {
	shortBusy(t)
	s, path := mustOpenStore(t)
	release := lockDatabase(t, path)
	retries := 0
	retryHook = func(int) { retries++; release() } // the other writer finishes while we wait
	if err := s.Enqueue(context.Background(), []comment.Job{{Kind: "mail", Payload: "{}"}}); err != nil {
		t.Fatalf("write after the lock was released: %v", err)
	}
	if retries != 1 {
		t.Fatalf("%d retries, want 1", retries)
	}
	if n, _ := s.PendingJobs(context.Background(), "mail"); n != 1 {
		t.Fatalf("%d jobs stored, want 1", n)
	}
}

func TestStore_BusyTooLongIsUnavailable(t *testing.T) {
	shortBusy(t)
	s, path := mustOpenStore(t)
	lockDatabase(t, path)
	retries := 0
	retryHook = func(int) { retries++ }
	err := s.Enqueue(context.Background(), []comment.Job{{Kind: "mail", Payload: "{}"}})
	var ce *comment.Error
	if comment.ErrorCode(err) != comment.EUnavailable || !errors.As(err, &ce) || ce.RetryAfter <= 0 {
		t.Fatalf("got %v, want unavailable with Retry-After", err)
	}
	if retries != busyRetries {
		t.Fatalf("%d retries, want %d", retries, busyRetries)
	}
}
