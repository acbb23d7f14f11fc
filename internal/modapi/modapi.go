// Package modapi serves the moderation API for tools: JSON under
// /api/v1/, authenticated by a bearer token (balasan token create), with
// the dashboard's rules. Moderation goes through the comment service, the
// same code path as the dashboard's, audited as "token:NAME".
//
// It sets no cookie and reads none, so a browser cannot be made to send
// one of its requests with credentials it holds (no CSRF), and it takes
// no CORS: tools call it from servers, not from pages.
package modapi

import (
	"context"
	"log/slog"
	"net/url"
	"time"

	"balasan/internal/comment"
)

// Store is what the API reads directly; every change goes through the
// comment service.
type Store interface {
	TokenByHash(ctx context.Context, hash string) (comment.Token, error)
	TouchToken(ctx context.Context, id int64, at time.Time) error
	List(ctx context.Context, f comment.Filter) ([]comment.Comment, error)
	Comment(ctx context.Context, id int64) (comment.Comment, error)
	ListArticles(ctx context.Context, f comment.ArticleFilter) ([]comment.ArticleStats, error)
	Article(ctx context.Context, key string) (comment.Article, error)
	ApprovedCounts(ctx context.Context, keys []string) (map[string]int, error)
	Audit(ctx context.Context, moderator string, before int64, limit int) ([]comment.AuditEntry, error)
	Moderators(ctx context.Context) ([]comment.Moderator, error)
}

// Handler holds what the API's routes need.
type Handler struct {
	Service *comment.Service
	Store   Store
	BaseURL *url.URL
	// Origins are the article sites: an article's URL must be on one.
	Origins []string
	Log     *slog.Logger
	Now     func() time.Time
}

func (h *Handler) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}
