// Package api serves the public side: submitting comments, reading the
// approved ones as JSON, the embed page, the widget and the demo page.
package api

import (
	"context"
	"log/slog"

	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"balasan/internal/cache"
	"balasan/internal/comment"
	"balasan/internal/server"
)

// Reader is what the public read path needs from the store.
type Reader interface {
	Article(ctx context.Context, key string) (comment.Article, error)
	EnsureArticle(ctx context.Context, a comment.Article) (comment.Article, error)
	Approved(ctx context.Context, articleKey string) ([]comment.Comment, error)
	PublicApproved(ctx context.Context, articleKey string) ([]comment.Comment, error)
	Comment(ctx context.Context, id int64) (comment.Comment, error)
	ApprovedCounts(ctx context.Context, keys []string) (map[string]int, error)
	Ping(ctx context.Context) error
	PingWrite(ctx context.Context) error
}

// Handler holds what the public routes need.
type Handler struct {
	Service  *comment.Service
	Store    Reader
	Renderer *server.Renderer
	BaseURL  *url.URL
	Origins  []string // allowed article-site origins, e.g. "https://berita.example"
	DemoKey  string
	Now      func() time.Time
	// SubmitGate, when set, runs before each submission (the cap on
	// concurrent submissions).
	SubmitGate echo.MiddlewareFunc
	// CacheBytes bounds the memory of ready-encoded threads (default 32 MB).
	CacheBytes int

	// Log, when set, hears of pages on origins that are not allowed.
	Log *slog.Logger

	threads *cache.Cache[*Thread]
	origins originWarner
}

// Init prepares the cache; call once before serving.
func (h *Handler) Init() {
	h.threads = cache.New(20000, h.loadThread)
	if h.CacheBytes <= 0 {
		h.CacheBytes = 32 << 20
	}
	h.threads.Weigh(h.CacheBytes, (*Thread).weight)
	if h.Now == nil {
		h.Now = time.Now
	}
}

// CacheStats counts the public reads answered from the cache and those
// that had to build the article's comments, for the metrics.
func (h *Handler) CacheStats() (hits, misses uint64) { return h.threads.Stats() }

// Invalidate brings an article's cached comments up to date; moderation
// calls it. A held thread is rebuilt before it returns, and readers get
// the one held until then: the moderator's click waits for a big thread
// to load, no reader does.
func (h *Handler) Invalidate(articleKey string) {
	h.threads.Refresh(context.Background(), articleKey)
}

// allowedURL reports whether raw is an absolute http(s) URL on the service
// itself or on an allowed article site.
func (h *Handler) allowedURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return false
	}
	origin := strings.ToLower(u.Scheme + "://" + u.Host)
	if origin == strings.ToLower(h.BaseURL.Scheme+"://"+h.BaseURL.Host) {
		return true
	}
	for _, o := range h.Origins {
		if strings.EqualFold(o, origin) {
			return true
		}
	}
	return false
}

// embedURL is the service's own page of an article.
func (h *Handler) embedURL(key string) string {
	return strings.TrimRight(h.BaseURL.String(), "/") + "/embed/" + url.PathEscape(key)
}
