package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"balasan/internal/comment"
)

// Intervals of the live-settings jobs; variables so tests can shorten them.
var (
	// settingsReloadInterval bounds how late an instance applies settings
	// another instance saved (PostgreSQL); this one applies its own at once.
	settingsReloadInterval = 30 * time.Second
	trashSweepInterval     = time.Hour
)

// liveGiven names the live settings (by their dashboard names) that a flag
// or the environment set.
func (c Config) liveGiven() map[string]bool {
	return map[string]bool{
		comment.SettingModeration: c.Given["moderation"], comment.SettingMaxLinks: c.Given["max-links"],
		comment.SettingCloseAfter: c.Given["close-after"], comment.SettingNotify: c.Given["notify"],
		comment.SettingTrashDays: c.Given["trash-days"],
	}
}

// wireLive starts the jobs of the settings editors change in the
// dashboard: re-reading them (another instance may have saved), and
// emptying the trash after trash_days.
func wireLive(_ context.Context, a *App) error {
	jobs, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		every(jobs, settingsReloadInterval, func(ctx context.Context) {
			if err := a.Service.ReloadSettings(ctx); err != nil && ctx.Err() == nil {
				a.Log.Error("reload settings", "err", err)
			}
		})
	})
	t := &trashJanitor{Service: a.Service, Log: a.Log}
	wg.Go(func() { every(jobs, trashSweepInterval, t.run) })
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
