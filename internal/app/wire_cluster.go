package app

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"sync"
	"time"

	"balasan/internal/comment"
	"balasan/internal/postgres"
)

// loginPruneInterval is how often the shared login throttle's table is
// trimmed; a variable so tests can shorten it.
var loginPruneInterval = time.Minute

// wireCluster makes this instance one of several on one database
// (issue 11, item 6): what another instance changes drops this one's
// public caches and reloads its rules within a second (the store's
// Changes, LISTEN/NOTIFY on PostgreSQL); on PostgreSQL the login
// throttle counts in the database, so it holds whatever instance an
// attempt reaches. Sessions and flood control already live in the store.
func wireCluster(ctx context.Context, a *App) error {
	watch, cancel := context.WithCancel(context.Background())
	changes, err := a.Store.Changes(watch)
	if err != nil {
		cancel()
		return err
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for c := range changes {
			a.applyChange(watch, c)
		}
	})
	if pg, ok := a.Store.(*postgres.Store); ok {
		mac := hmac.New(sha256.New, a.Box.SigningKey())
		mac.Write([]byte("balasan login throttle"))
		a.Admin.SharedFailures, a.Admin.ThrottleKey = pg, mac.Sum(nil)
		prune := func(ctx context.Context) {
			if _, err := a.Admin.PruneLogins(ctx); err != nil && ctx.Err() == nil {
				a.Log.Error("prune login throttle", "err", err)
			}
		}
		wg.Go(func() { every(watch, loginPruneInterval, exclusive(a, "login-prune", prune)) })
	}
	a.OnStop(func(context.Context) {
		cancel()
		wg.Wait()
	})
	return nil
}

// applyChange brings this instance's memory up to another's change.
func (a *App) applyChange(ctx context.Context, c comment.Change) {
	switch {
	case c.All:
		a.Public.InvalidateAll()
		if err := a.Service.LoadRules(ctx); err != nil && ctx.Err() == nil {
			a.Log.Error("reload rules", "err", err)
		}
	case c.Settings:
		if err := a.Service.LoadRules(ctx); err != nil && ctx.Err() == nil {
			a.Log.Error("reload rules", "err", err)
		}
	case c.Article != "":
		a.Public.Invalidate(c.Article)
	}
}
