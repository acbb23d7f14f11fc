package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"balasan/internal/comment"
)

// Intervals of the privacy jobs; variables so tests can shorten them.
var (
	ipSweepInterval    = time.Hour
	cacheWatchInterval = 10 * time.Second
)

// cacheActions are audit entries written by commands outside the server
// (import, privacy erase): when one appears, the public caches may hold
// what changed, so they are dropped. Polling the audit log keeps commands
// and server apart (no socket, no signal) and costs one indexed read.
var cacheActions = []string{"import", comment.AuditPrivacyErase, comment.AuditPrivacyDelete}

// wirePrivacy starts the privacy jobs: IP retention and the cache watcher.
func wirePrivacy(ctx context.Context, a *App) error {
	last, err := a.Store.LastAuditID(ctx)
	if err != nil {
		return err
	}
	jobs, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	if a.Config.IPRetention > 0 {
		j := &ipJanitor{Store: a.Store, Retention: a.Config.IPRetention, Now: time.Now, Log: a.Log}
		wg.Go(func() { every(jobs, ipSweepInterval, exclusive(a, "ip-retention", j.run)) })
	}
	w := &cacheWatcher{Store: a.Store, Last: last, Drop: a.Public.InvalidateAll, Log: a.Log}
	wg.Go(func() { every(jobs, cacheWatchInterval, w.run) })
	a.OnStop(func(context.Context) {
		cancel()
		wg.Wait()
	})
	return nil
}

// exclusive makes f a background job that runs on one instance at a
// time (comment.Cluster): each tick, the instance that gets the job's
// lock runs it and the others skip that round.
func exclusive(a *App, job string, f func(context.Context)) func(context.Context) {
	return func(ctx context.Context) {
		if _, err := a.Store.Exclusive(ctx, job, f); err != nil && ctx.Err() == nil {
			a.Log.Error("background job", "job", job, "err", err)
		}
	}
}

// every runs f at once and then at each tick until ctx ends.
func every(ctx context.Context, d time.Duration, f func(context.Context)) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		f(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// ipJanitor erases commenters' IP addresses and user agents once they are
// older than the retention (BALASAN_IP_RETENTION).
type ipJanitor struct {
	Store     comment.Privacy
	Retention time.Duration
	Now       func() time.Time
	Log       *slog.Logger
}

func (j *ipJanitor) run(ctx context.Context) {
	n, err := j.Store.EraseIPs(ctx, j.Now().Add(-j.Retention))
	switch {
	case err != nil && ctx.Err() == nil:
		j.Log.Error("erase old IP addresses", "err", err)
	case n > 0:
		j.Log.Info("erased old IP addresses", "comments", n, "retention", j.Retention.String())
	}
}

// cacheWatcher drops the public caches when another process changed
// comments (see cacheActions).
type cacheWatcher struct {
	Store comment.Audit
	Last  int64
	Drop  func()
	Log   *slog.Logger
}

func (w *cacheWatcher) run(ctx context.Context) {
	id, err := w.Store.AuditAfter(ctx, w.Last, cacheActions...)
	if err != nil {
		if ctx.Err() == nil {
			w.Log.Error("watch audit log", "err", err)
		}
		return
	}
	if id > w.Last {
		w.Last = id
		w.Drop()
		w.Log.Info("public caches dropped after a change from the command line")
	}
}
