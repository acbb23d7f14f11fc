package app

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// wireMetrics serves /metrics in the Prometheus format: stored submissions and
// moderation actions counted from the domain's events; queue depths read
// from the database at each scrape.
func wireMetrics(_ context.Context, a *App) error {
	m := a.Metrics
	a.Service.Observers = append(a.Service.Observers, func(_ context.Context, e comment.Event) {
		switch e.Kind {
		case "new":
			if e.Moderator == "" { // not a newsroom reply from the dashboard
				m.Submission(string(e.Comment.Status))
			}
		case "moderated":
			m.Moderation(string(e.Action))
		}
	})
	count := func(f func(context.Context) (int, error)) func() float64 {
		return func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			n, err := f(ctx)
			if err != nil {
				return -1 // a scrape must not fail; -1 says "unknown"
			}
			return float64(n)
		}
	}
	m.Gauge("balasan_moderation_queue_depth", "Comments waiting for a moderator (status pending).",
		count(func(ctx context.Context) (int, error) {
			c, err := a.Store.StatusCounts(ctx)
			return c[comment.Pending], err
		}))
	for _, kind := range []string{"mail", "webhook"} {
		m.Gauge("balasan_"+kind+"_queue_length", "Undelivered "+kind+" jobs in the outbox.",
			count(func(ctx context.Context) (int, error) { return a.Store.QueuedJobs(ctx, kind) }))
	}
	a.Echo.GET("/metrics", echo.WrapHandler(m.Handler()))
	return nil
}
