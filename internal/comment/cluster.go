package comment

import (
	"context"
	"time"
)

// Cluster is what instances sharing one database need of it (issue 11,
// item 6). On PostgreSQL several instances serve one database; a SQLite
// file serves one process, whose own changes already reach its caches
// through Service.Changed, so there it is nearly empty.
type Cluster interface {
	// Changes reports what others changed — another instance, or a
	// command run beside the server — once listening has begun; the
	// channel closes when ctx ends. Changes made through this very store
	// may come back too (dropping a cache twice is harmless).
	Changes(ctx context.Context) (<-chan Change, error)
	// Exclusive runs fn unless another instance is running the job of
	// that name at the moment, and reports whether fn ran: background
	// jobs (IP retention, outbox pruning) run on one instance at a time.
	Exclusive(ctx context.Context, job string, fn func(context.Context)) (bool, error)
}

// Change is one change another instance made.
type Change struct {
	// Article is the key of an article whose public comments or page
	// may have changed.
	Article string
	// All: any article may have changed (the feed of changes was broken
	// for a while, so some were missed).
	All bool
	// Settings: the moderation settings (rules, word lists) changed.
	Settings bool
}

// LoginFailures keeps the dashboard's failed logins where every instance
// sees them, so its throttle holds across instances. Only a store shared
// by instances (PostgreSQL) has it; with SQLite the one process counts in
// memory. Keys are keyed hashes: no client address or username is kept.
type LoginFailures interface {
	// FailedLogins returns the count and last failure of those keys that
	// have any.
	FailedLogins(ctx context.Context, keys []int64) (map[int64]FailureCount, error)
	// FailLogin counts one failure at now under key; a count whose last
	// failure is window or more before now starts again at 1.
	FailLogin(ctx context.Context, key int64, window time.Duration, now time.Time) error
	// ForgetLogin sets key's count to 0.
	ForgetLogin(ctx context.Context, key int64) error
	// PruneLogins deletes counts last failed before cutoff and, past keep
	// rows, the oldest.
	PruneLogins(ctx context.Context, cutoff time.Time, keep int) (int64, error)
}

// FailureCount is one key's failed logins.
type FailureCount struct {
	N    int
	Last time.Time
}
