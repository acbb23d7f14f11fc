package comment

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"sync"
	"time"
)

// Sanitizer turns submitted text into safe HTML and plain text.
type Sanitizer interface {
	Comment(raw string) string
	Text(raw string) string
	CountLinks(raw string) int
}

// Scorer gives the learned probability that a text is spam.
type Scorer interface {
	Score(text string) float64
}

// Explainer is a Scorer that also names the evidence that weighed most,
// shown to moderators as the reasons of a "Mungkin spam" mark.
type Explainer interface {
	Explain(text string) (float64, []string)
}

// Job is work for the durable outbox (a mail, a webhook), stored in the
// same transaction as the change that causes it.
type Job struct {
	Kind    string
	Payload string
}

// Event tells listeners what happened to a comment.
type Event struct {
	Kind      string // "new" or "moderated"
	Action    Action // for "moderated"
	From      Status // the status before
	Comment   Comment
	Moderator string
}

// Policy names of BALASAN_MODERATION.
const (
	PolicyAll     = "all"
	PolicyTrusted = "trusted"
)

// Config holds the service's settings.
type Config struct {
	Policy        string
	MaxLinks      int
	FloodInterval time.Duration
	MinSubmit     time.Duration
	CloseAfter    time.Duration
	SpamThreshold float64 // a learned score at or above it goes to spam
	// LikelySpamThreshold: a score at or above it (and below SpamThreshold)
	// waits marked "likely_spam" with its reasons; 0 turns the band off.
	LikelySpamThreshold float64
	StampKey            []byte
	// Notify and TrashDays are live settings too (see live.go); FromEnv
	// names the live settings the operator set (flag or environment), so
	// the settings page can tell a default from the operator's choice.
	Notify    []string
	TrashDays int
	FromEnv   map[string]bool
}

// Service is the use cases of comments: submitting and moderating.
type Service struct {
	Store     Store
	Sanitizer Sanitizer
	Scorer    Scorer // optional
	Config    Config
	// Fold normalises text for the keyword rules (lower case, disguised
	// letters undone: textnorm.Fold). It is given rather than imported so
	// the domain stays standard-library only; nil is strings.ToLower.
	Fold func(string) string
	Now  func() time.Time

	// Jobs returns outbox work for an event, stored with the change.
	Jobs []func(Event) []Job
	// Changed runs after an article's visible comments may have changed.
	Changed []func(articleKey string)
	// Observers run after a change was stored.
	Observers []func(context.Context, Event)

	mu    sync.RWMutex
	rules rules
}

// rules are the word lists ready to match and the live settings in
// force, swapped whole under the mutex when settings are saved or
// reloaded.
type rules struct {
	moderation, disallowed matcher
	live                   Live
	loaded                 bool
}

// Settings names kept in the settings table.
const (
	SettingModerationKeys = "moderation_keys"
	SettingDisallowedKeys = "disallowed_keys"
)

// LoadRules reads the editors' word lists from the store.
func (s *Service) LoadRules(ctx context.Context) error {
	values, err := s.Store.Settings(ctx)
	if err != nil {
		return err
	}
	s.setRules(values)
	return nil
}

func (s *Service) setRules(values map[string]string) {
	fold := s.fold()
	r := rules{
		moderation: newMatcher(ParseKeys(values[SettingModerationKeys]), fold),
		disallowed: newMatcher(ParseKeys(DisallowedKeysText(values)), fold),
		live:       s.Config.liveFrom(values),
		loaded:     true,
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rules = r
}

func (s *Service) fold() func(string) string {
	if s.Fold != nil {
		return s.Fold
	}
	return strings.ToLower
}

func (s *Service) currentRules() rules {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.rules
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) jobs(e Event) []Job {
	var out []Job
	for _, f := range s.Jobs {
		out = append(out, f(e)...)
	}
	return out
}

func (s *Service) changed(ctx context.Context, e Event) {
	for _, f := range s.Changed {
		f(e.Comment.ArticleKey)
	}
	for _, f := range s.Observers {
		f(ctx, e)
	}
}

func (s *Service) audit(by Moderator, action string, commentID int64, article string) AuditEntry {
	return AuditEntry{ModeratorID: by.ID, Moderator: by.Username, Action: action,
		CommentID: commentID, ArticleKey: article, CreatedAt: s.now()}
}

func newHash() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b)
}
