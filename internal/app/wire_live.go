package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"balasan/internal/comment"
)

// trashSweepInterval is how often the trash is checked for comments past
// trash_days; a variable so tests can shorten it.
var trashSweepInterval = time.Hour

// liveGiven names the live settings (by their dashboard names) that a flag
// or the environment set.
func (c Config) liveGiven() map[string]bool {
	return map[string]bool{
		comment.SettingModeration: c.Given["moderation"], comment.SettingMaxLinks: c.Given["max-links"],
		comment.SettingCloseAfter: c.Given["close-after"], comment.SettingNotify: c.Given["notify"],
		comment.SettingTrashDays: c.Given["trash-days"],
	}
}

// wireLive starts the job of a setting editors change in the dashboard:
// emptying the trash after trash_days, on one instance at a time. (A
// setting another instance saved arrives through wireCluster's changes.)
func wireLive(_ context.Context, a *App) error {
	jobs, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	t := &trashJanitor{Service: a.Service, Log: a.Log}
	wg.Go(func() { every(jobs, trashSweepInterval, exclusive(a, "trash-emptying", t.run)) })
	a.OnStop(func(context.Context) {
		cancel()
		wg.Wait()
	})
	return nil
}

// trashJanitor deletes the trash older than trash_days.
type trashJanitor struct {
	Service *comment.Service
	Log     *slog.Logger
}

func (j *trashJanitor) run(ctx context.Context) {
	n, err := j.Service.EmptyTrash(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		j.Log.Error("empty the trash", "err", err)
	case n > 0:
		j.Log.Info("emptied the trash", "comments", n, "days", j.Service.Live().TrashDays)
	}
}
