package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
	"balasan/internal/version"
)

// wireMetrics serves /metrics in the Prometheus format: stored submissions
// and moderation actions counted from the domain's events; queue depths
// read from the database at each scrape. With BALASAN_METRICS_ADDR it is
// served on a listener of its own (a monitoring network) and not on the
// public one.
func wireMetrics(_ context.Context, a *App) error {
	m := a.Metrics
	m.BuildInfo(version.String(), version.Go())
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
	count := func(n int, err error) (float64, error) { return float64(n), err }
	m.Gauge("balasan_moderation_queue_depth", "Comments waiting for a moderator (status pending).",
		func() (float64, error) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			c, err := a.Store.StatusCounts(ctx)
			return count(c[comment.Pending], err)
		})
	m.GaugeVec("balasan_outbox_queue_length", "Undelivered jobs in the outbox, by kind (mail, webhook, telegram, slack).",
		"kind", []string{"mail", "webhook", "telegram", "slack"}, func(kind string) (float64, error) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			return count(a.Store.QueuedJobs(ctx, kind))
		})
	m.CounterFunc("balasan_public_cache_hits_total", "Public reads of an article's comments answered from memory.",
		func() float64 { h, _ := a.Public.CacheStats(); return float64(h) })
	m.CounterFunc("balasan_public_cache_misses_total", "Public reads of an article's comments that read the database.",
		func() float64 { _, n := a.Public.CacheStats(); return float64(n) })
	if a.Config.MetricsAddr == "" {
		a.Echo.GET("/metrics", echo.WrapHandler(m.Handler()))
		return nil
	}
	return a.serveMetrics(a.Config.MetricsAddr)
}

// serveMetrics listens on addr for /metrics alone, from start to shutdown.
func (a *App) serveMetrics(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("BALASAN_METRICS_ADDR: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.Metrics.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 90 * time.Second}
	a.MetricsAddr = ln.Addr().String()
	a.Log.Info("metrics listening", "addr", a.MetricsAddr)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.Log.Error("metrics listener", "err", err)
		}
	}()
	a.OnStop(func(ctx context.Context) { srv.Shutdown(ctx) })
	return nil
}
