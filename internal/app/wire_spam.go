package app

import (
	"context"

	"balasan/internal/spam"
)

// wireSpam loads the learned spam model, scores each submission with it,
// and trains it from moderators' approve and spam actions.
func wireSpam(ctx context.Context, a *App) error {
	m := spam.NewModel()
	l := &spam.Learner{Model: m, Store: a.Store, Log: a.Log}
	if err := l.Load(ctx); err != nil {
		return err
	}
	a.Service.Scorer = m
	a.Service.Config.SpamThreshold = spam.SpamThreshold
	a.Service.Observers = append(a.Service.Observers, l.Observe)
	return nil
}
