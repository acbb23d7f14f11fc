// Package dashboard serves the moderators' side: login, sessions, CSRF,
// the queue, moderation actions, settings and the audit log.
package dashboard

import (
	"context"
	"log/slog"
	"net/url"
	"time"

	"balasan/internal/comment"
)

// Store is what the dashboard reads and writes directly; moderation
// itself goes through the comment service.
type Store interface {
	ModeratorByName(ctx context.Context, username string) (comment.Moderator, error)
	CreateSession(ctx context.Context, tokenHash, csrf string, moderatorID int64, expires time.Time) error
	SessionByHash(ctx context.Context, tokenHash string) (comment.Session, error)
	DeleteSession(ctx context.Context, tokenHash string) error
	List(ctx context.Context, f comment.Filter) ([]comment.Comment, error)
	StatusCounts(ctx context.Context) (map[comment.Status]int, error)
	Comment(ctx context.Context, id int64) (comment.Comment, error)
	CommentsByID(ctx context.Context, ids []int64) (map[int64]comment.Comment, error)
	Article(ctx context.Context, key string) (comment.Article, error)
	Audit(ctx context.Context, moderator string, before int64, limit int) ([]comment.AuditEntry, error)
	Settings(ctx context.Context) (map[string]string, error)
	// The dashboard's data (issue 12).
	ArticlesByKey(ctx context.Context, keys []string) (map[string]comment.Article, error)
	ListArticles(ctx context.Context, f comment.ArticleFilter) ([]comment.ArticleStats, error)
	MatchCounts(ctx context.Context, f comment.Filter) (map[comment.Status]int, error)
	AuthorCounts(ctx context.Context, emails []string) (map[string]comment.AuthorCounts, error)

	// Accounts.
	CreateModerator(ctx context.Context, m *comment.Moderator) error
	Moderators(ctx context.Context) ([]comment.Moderator, error)
	UpdateModerator(ctx context.Context, m comment.Moderator, endSessions bool) error
	DeleteModerator(ctx context.Context, id int64) error
	AddAudit(ctx context.Context, audit comment.AuditEntry) error
	// TelegramLinks shows which account each Telegram user acts as.
	TelegramLinks(ctx context.Context) (map[int64]int64, error)
}

// Handler holds what the dashboard routes need.
type Handler struct {
	Service *comment.Service
	Store   Store
	BaseURL *url.URL
	// Origins are the article sites (BALASAN_ALLOWED_ORIGINS): an
	// article's URL must be on one of them.
	Origins []string
	Log     *slog.Logger
	Now     func() time.Time
	// SessionTTL is how long a login lasts.
	SessionTTL time.Duration
	// SharedFailures, when set, keeps the login throttle's counts in the
	// store shared by instances, under keys made with ThrottleKey (the
	// same on every instance); nil counts in this process.
	SharedFailures comment.LoginFailures
	ThrottleKey    []byte

	throttle *throttle
}

// Init prepares the login throttle; call once before serving.
func (h *Handler) Init() {
	if h.Now == nil {
		h.Now = time.Now
	}
	if h.SessionTTL == 0 {
		h.SessionTTL = 12 * time.Hour
	}
	h.throttle = newThrottle(h.Now, throttleCapacity)
}

// secure tells whether cookies need the Secure flag: the public URL is https.
func (h *Handler) secure() bool { return h.BaseURL.Scheme == "https" }
