package sqlite

import (
	"context"
	"strings"
	"time"
)

// busyTimeout is how long SQLite itself waits for a lock (the
// busy_timeout pragma). Within this process the single writer connection
// never meets a lock; another process can hold one (the sqlite3 shell, a
// backup tool, a checkpoint).
var busyTimeout = 5 * time.Second

// busyRetries and busyBackoff bound the retries after busy_timeout ran
// out: a write is tried at most 1+busyRetries times, then answered 503.
var (
	busyRetries = 2
	busyBackoff = 100 * time.Millisecond
	// retryHook, when set (tests), runs before each retry.
	retryHook func(attempt int)
)

// retryBusy runs write, trying again briefly while the database is busy.
// A write transaction is all or nothing, so running it again is safe.
func retryBusy(ctx context.Context, write func() error) error {
	for attempt := 1; ; attempt++ {
		err := write()
		if err == nil || !isBusy(err) || attempt > busyRetries {
			return err
		}
		if retryHook != nil {
			retryHook(attempt)
		}
		t := time.NewTimer(busyBackoff << (attempt - 1))
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}

func isBusy(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked")
}
