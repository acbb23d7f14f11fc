package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"time"

	"github.com/labstack/echo/v4"

	"balasan/internal/api"
	"balasan/internal/comment"
	"balasan/internal/dashboard"
	"balasan/internal/metrics"
	"balasan/internal/modapi"
	"balasan/internal/postgres"
	"balasan/internal/sanitize"
	"balasan/internal/secret"
	"balasan/internal/server"
	"balasan/internal/sqlite"
	"balasan/internal/textnorm"
)

// DemoKey is the article key of the demo page at /.
const DemoKey = "demo-kabar-pesisir"

// App is every part, wired.
type App struct {
	Config Config
	Log    *slog.Logger
	Store  comment.Store
	// SQLite is the same store when BALASAN_DB is a file (nil on
	// PostgreSQL), for what only SQLite does: backup, seeding, page limits.
	SQLite  *sqlite.Store
	Box     *secret.Box
	Service *comment.Service
	Public  *api.Handler
	Admin   *dashboard.Handler
	Echo    *echo.Echo
	Metrics *metrics.Metrics
	// MetricsAddr is where /metrics is served apart from the public
	// listener (BALASAN_METRICS_ADDR), once listening; else empty.
	MetricsAddr string

	// stoppers run at shutdown after the last request, to flush queues.
	stoppers []func(context.Context)
}

// openBox loads the secret key from the setting or the key file. A key
// file is made only for a database that holds no sealed email yet: made
// for a copy whose key stayed behind, it would seal nothing old open and
// every lookup would answer "nothing" (issue 10, item 11).
func openBox(ctx context.Context, cfg Config) (*secret.Box, error) {
	var key []byte
	var err error
	if cfg.SecretKey != "" {
		key, err = secret.ParseKey(cfg.SecretKey)
	} else if key, err = secret.LoadKey(cfg.KeyFile()); errors.Is(err, os.ErrNotExist) {
		var sealed bool
		if sealed, err = sqlite.HoldsSealedData(ctx, cfg.DB); err != nil {
			return nil, fmt.Errorf("open database %s: %w", cfg.DB, err)
		}
		if sealed {
			return nil, fmt.Errorf("database %s holds encrypted emails, but its key file %s is missing: "+
				"copy the key file there or set BALASAN_SECRET_KEY to the key it was sealed with "+
				"(a new key would leave every email unreadable)", cfg.DB, cfg.KeyFile())
		}
		key, err = secret.CreateKey(cfg.KeyFile())
	}
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	return secret.New(key)
}

// openStore opens the database with its secret key: PostgreSQL for a
// postgres:// URL, else the SQLite file. A key that does not open the
// stored emails is refused, naming where the key came from.
func openStore(ctx context.Context, cfg Config) (comment.Store, *secret.Box, error) {
	box, err := openBox(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	var st comment.Store
	if cfg.Postgres() {
		st, err = postgres.Open(ctx, cfg.DB, box)
	} else {
		st, err = sqlite.OpenWith(ctx, cfg.DB, box, sqlite.Options{SyncNormal: cfg.SQLiteSync == "normal"})
	}
	if errors.Is(err, comment.ErrWrongKey) {
		source := "the key file " + cfg.KeyFile()
		if cfg.SecretKey != "" {
			source = "BALASAN_SECRET_KEY"
		}
		return nil, nil, fmt.Errorf("database %s: %w (it came from %s); use the key file or BALASAN_SECRET_KEY "+
			"the database was sealed with", cfg.DBName(), err, source)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("open database %s: %w", cfg.DBName(), err)
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
	a.SQLite, _ = st.(*sqlite.Store)
	base, _ := url.Parse(cfg.BaseURL)
	a.Service = &comment.Service{
		Store: st, Sanitizer: sanitize.New(), Now: time.Now, Fold: textnorm.Fold,
		Config: comment.Config{Policy: cfg.Moderation, MaxLinks: cfg.MaxLinks, FloodInterval: cfg.FloodInterval,
			MinSubmit: cfg.MinSubmit, CloseAfter: cfg.CloseAfter, StampKey: box.SigningKey(),
			Notify: cfg.Notify, TrashDays: cfg.TrashDays, FromEnv: cfg.liveGiven()},
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
	a.Public.Log = log
	a.Public.Init()
	a.Service.Changed = append(a.Service.Changed, a.Public.Invalidate)
	a.Admin = &dashboard.Handler{Service: a.Service, Store: st, BaseURL: base, Log: log}
	a.Admin.Origins = cfg.AllowedOrigins
	a.Admin.Init()
	a.Public.Register(a.Echo)
	a.Admin.Register(a.Echo)
	// The moderation API for tools (bearer tokens) and the OpenAPI document.
	(&modapi.Handler{Service: a.Service, Store: st, BaseURL: base, Origins: cfg.AllowedOrigins, Log: log}).Register(a.Echo)
	// The optional parts, in order; each one starts what it needs and
	// registers its stopping with OnStop.
	for _, wire := range []func(context.Context, *App) error{
		wireMetrics,     // /metrics, counted from the domain's events
		wireNotify,      // mail and webhooks through the outbox worker
		wireOutboxPrune, // delivered jobs deleted after the retention
		wirePrivacy,     // IP retention, caches dropped after CLI changes
		wireSpam,        // the learned spam model
		wireCluster,     // other instances' changes, the shared login throttle
		wireLive,        // live settings re-read, trash emptied
	} {
		if err := wire(ctx, a); err != nil {
			a.Close() // stops what the parts before it started
			return nil, err
		}
	}
	if err := ensureDemo(ctx, st, cfg); err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

// ensureDemo gives the demo article its page and title, as the operator's
// own (verified) values, unless a moderator already set them.
func ensureDemo(ctx context.Context, st comment.Articles, cfg Config) error {
	if a, err := st.Article(ctx, DemoKey); err == nil && a.Verified {
		return nil
	} else if err != nil && comment.ErrorCode(err) != comment.ENotFound {
		return err
	}
	return st.SetArticle(ctx, comment.Article{Key: DemoKey, URL: cfg.BaseURL + "/",
		Title: "Warga Kampung Nelayan Sukamaju Gotong Royong Bersihkan Pantai", CreatedAt: time.Now()}, comment.AuditEntry{})
}

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
