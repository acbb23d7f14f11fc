package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"balasan/internal/api"
	"balasan/internal/comment"
	"balasan/internal/dashboard"
	"balasan/internal/metrics"
	"balasan/internal/sanitize"
	"balasan/internal/secret"
	"balasan/internal/server"
	"balasan/internal/sqlite"
)

// DemoKey is the article key of the demo page at /.
const DemoKey = "demo-kabar-pesisir"

// App is every part, wired.
type App struct {
	Config  Config
	Log     *slog.Logger
	Store   *sqlite.Store
	Box     *secret.Box
	Service *comment.Service
	Public  *api.Handler
	Admin   *dashboard.Handler
	Echo    *echo.Echo
	Metrics *metrics.Metrics

	// stoppers run at shutdown after the last request, to flush queues.
	stoppers []func(context.Context)
}

// openBox loads the secret key from the setting or the key file.
func openBox(cfg Config) (*secret.Box, error) {
	var key []byte
	var err error
	if cfg.SecretKey != "" {
		key, err = secret.ParseKey(cfg.SecretKey)
	} else {
		key, err = secret.LoadOrCreateKey(cfg.KeyFile())
	}
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	return secret.New(key)
}

// openStore opens the database with its secret key.
func openStore(ctx context.Context, cfg Config) (*sqlite.Store, *secret.Box, error) {
	box, err := openBox(cfg)
	if err != nil {
		return nil, nil, err
	}
	st, err := sqlite.Open(ctx, cfg.DB, box)
	if err != nil {
		return nil, nil, fmt.Errorf("open database %s: %w", cfg.DB, err)
	}
	return st, box, nil
}

// New builds the whole application from its configuration.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	st, box, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	log = slog.New(server.LogHandler(log.Handler())) // request_id on every line logged in a request
	a := &App{Config: cfg, Log: log, Store: st, Box: box, Metrics: metrics.New()}
	base, _ := url.Parse(cfg.BaseURL)
	a.Service = &comment.Service{
		Store: st, Sanitizer: sanitize.New(), Now: time.Now,
		Config: comment.Config{Policy: cfg.Moderation, MaxLinks: cfg.MaxLinks, FloodInterval: cfg.FloodInterval,
			MinSubmit: cfg.MinSubmit, CloseAfter: cfg.CloseAfter, StampKey: box.SigningKey()},
	}
	if err := a.Service.LoadRules(ctx); err != nil {
		st.Close()
		return nil, err
	}
	if a.Echo, err = server.New(server.Config{TrustedProxies: cfg.TrustedProxies, Logger: log,
		Observer: a.Metrics, SubmitRoute: api.SubmitPath, FrameAncestors: cfg.AllowedOrigins}); err != nil {
		st.Close()
		return nil, err
	}
	a.Public = &api.Handler{Service: a.Service, Store: st, Renderer: a.Echo.Renderer.(*server.Renderer),
		BaseURL: base, Origins: cfg.AllowedOrigins, DemoKey: DemoKey, CacheBytes: cfg.CacheMB << 20,
		SubmitGate: server.ConcurrencyLimit(cfg.MaxSubmits, a.Metrics.SubmitStarted, a.Metrics.SubmitDone)}
	a.Public.Init()
	a.Service.Changed = append(a.Service.Changed, a.Public.Invalidate)
	a.Admin = &dashboard.Handler{Service: a.Service, Store: st, BaseURL: base, Log: log}
	a.Admin.Init()
	a.Public.Register(a.Echo)
	a.Admin.Register(a.Echo)
	for _, wire := range wirers {
		if err := wire(ctx, a); err != nil {
			a.Close() // stops what earlier wirers started
			return nil, err
		}
	}
	if _, err := st.EnsureArticle(ctx, comment.Article{Key: DemoKey, URL: cfg.BaseURL + "/",
		Title: "Warga Kampung Nelayan Sukamaju Gotong Royong Bersihkan Pantai", CreatedAt: time.Now()}); err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

// wirers add optional parts (mail, webhooks, metrics, background jobs);
// each registers itself from its own file's init, in file-name order.
var wirers []func(context.Context, *App) error

// OnStop registers work to run at shutdown, after the last request.
func (a *App) OnStop(f func(context.Context)) { a.stoppers = append(a.stoppers, f) }

// Close runs the shutdown work (flushing queues) and closes the database.
func (a *App) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	for _, stop := range a.stoppers {
		stop(ctx)
	}
	a.stoppers = nil
	return a.Store.Close()
}
