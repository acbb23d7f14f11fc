package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"balasan/internal/comment"
)

// outboxPruneInterval is how often delivered jobs are pruned; a variable
// so tests can shorten it.
var outboxPruneInterval = time.Hour

// wireOutboxPrune starts the job that deletes old delivered outbox rows:
// their payloads hold commenters' names, and nothing reads them again.
// It runs even with mail and webhooks off, for rows of an earlier setup.
func wireOutboxPrune(_ context.Context, a *App) error {
	keep := a.Config.OutboxRetention
	if keep == 0 {
		return nil
	}
	p := &outboxPruner{Store: a.Store, Retention: keep, Now: time.Now, Log: a.Log}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { every(ctx, outboxPruneInterval, exclusive(a, "outbox-prune", p.run)) })
	a.OnStop(func(context.Context) {
		cancel()
		wg.Wait()
	})
	return nil
}

// outboxPruner deletes outbox jobs delivered (or given up) longer ago
// than the retention (BALASAN_OUTBOX_RETENTION).
type outboxPruner struct {
	Store     comment.Outbox
	Retention time.Duration
	Now       func() time.Time
	Log       *slog.Logger
}

func (p *outboxPruner) run(ctx context.Context) {
	n, err := p.Store.PruneOutbox(ctx, p.Now().Add(-p.Retention))
	switch {
	case err != nil && ctx.Err() == nil:
		p.Log.Error("prune delivered outbox jobs", "err", err)
	case n > 0:
		p.Log.Info("pruned delivered outbox jobs", "jobs", n, "retention", p.Retention.String())
	}
}
