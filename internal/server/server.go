// Package server sets up echo: middleware, the one error handler, the
// renderer, static files and timeouts. Only this package configures echo.
package server

import (
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Config is what the HTTP layer needs to know of the deployment.
type Config struct {
	TrustedProxies []*net.IPNet
	Logger         *slog.Logger
	// Observer, when set, receives request durations and refused
	// submissions on SubmitRoute (metrics).
	Observer    Observer
	SubmitRoute string
	// FrameAncestors are the origins that may frame public pages (the
	// allowed article sites); error pages carry them too.
	FrameAncestors []string
}

// New returns an echo instance with Balasan's middleware, renderer and
// error handler; routes are added by the api and dashboard packages.
func New(cfg Config) (*echo.Echo, error) {
	r, err := NewRenderer()
	if err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Renderer = r
	e.HTTPErrorHandler = ErrorHandler(cfg.Logger, cfg.FrameAncestors...)
	e.IPExtractor = ipExtractor(cfg.TrustedProxies)
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			cfg.Logger.ErrorContext(c.Request().Context(), "panic", "error", err.Error(), "path", c.Request().URL.Path, "stack", string(stack))
			return err
		},
	}))
	e.Use(requestLog(cfg.Logger))
	if cfg.Observer != nil {
		e.Use(instrument(cfg.Observer, cfg.SubmitRoute))
	}
	e.Use(securityHeaders)
	return e, nil
}

// requestID names a request in the log: unique enough to find its lines,
// and no secret, so a fast generator serves (echo's default drew 32
// random characters, a twentieth of a cached read's cost).
func requestID() string { return strconv.FormatUint(rand.Uint64(), 36) }

// ipExtractor believes X-Forwarded-For only from trusted proxies; from
// anyone else the socket address is the client.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// HTTPServer wraps the handler with timeouts, so slow clients cannot hold
// connections without end.
func HTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       20 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}
