package spam

import (
	"context"
	"log/slog"
	"sync"

	"balasan/internal/comment"
)

// Store keeps the model: what Load reads at start and the deltas of each
// decision, with the label each comment was learned as.
type Store interface {
	SpamModel(ctx context.Context) (map[string]Counts, int, int, error)
	SpamLabel(ctx context.Context, commentID int64) (isSpam, learned bool, err error)
	SaveSpamTraining(ctx context.Context, commentID int64, label *bool, deltas ...Delta) error
}

// Learner trains a model from moderators' ordinary actions: approving is
// ham, marking as spam is spam, and reversing a decision (restore from
// spam, unapprove) unlearns what was learned.
type Learner struct {
	Model *Model
	Store Store
	Log   *slog.Logger

	mu sync.Mutex // one decision at a time, so model and store agree
}

// Load seeds the model from the store.
func (l *Learner) Load(ctx context.Context) error {
	tokens, spamDocs, hamDocs, err := l.Store.SpamModel(ctx)
	if err != nil {
		return err
	}
	l.Model.Load(tokens, spamDocs, hamDocs)
	return nil
}

// label is what a moderated comment teaches: nil for nothing.
func label(e comment.Event) (want *bool, decided bool) {
	yes, no := true, false
	switch {
	case e.Kind != "moderated" || e.Action == comment.ActDelete:
		return nil, false
	case e.Comment.Status == comment.Approved:
		return &no, true
	case e.Comment.Status == comment.Spam:
		return &yes, true
	case e.Comment.Status == comment.Pending:
		return nil, true // unapproved or restored: the decision is withdrawn
	}
	return nil, false // trash says nothing about spam
}

// Observe is the service's observer hook.
func (l *Learner) Observe(ctx context.Context, e comment.Event) {
	want, decided := label(e)
	if !decided {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	id := e.Comment.ID
	had, learned, err := l.Store.SpamLabel(ctx, id)
	if err != nil {
		l.Log.Error("spam model", "error", err.Error(), "comment", id)
		return
	}
	if (!learned && want == nil) || (learned && want != nil && had == *want) {
		return
	}
	var deltas []Delta
	text := e.Comment.Raw
	if learned {
		deltas = append(deltas, l.Model.Unlearn(text, had))
	}
	if want != nil {
		deltas = append(deltas, l.Model.Learn(text, *want))
	}
	if err := l.Store.SaveSpamTraining(context.WithoutCancel(ctx), id, want, deltas...); err != nil {
		// The model in memory is ahead of the store until the next start,
		// which reloads what was stored; scores differ only slightly.
		l.Log.Error("spam model: save", "error", err.Error(), "comment", id)
	}
}
