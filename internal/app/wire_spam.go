package app

import (
	"context"

	"balasan/internal/spam"
)

// wireSpam loads the learned spam model on top of the starter, scores
// each submission with it, and trains it from moderators' approve and
// spam actions.
func wireSpam(ctx context.Context, a *App) error {
	m := spam.NewModel()
	l := &spam.Learner{Model: m, Store: a.Store, Log: a.Log}
	if err := l.Load(ctx); err != nil {
		return err
	}
	a.Service.Scorer = m
	if a.Config.SpamStarter {
		m.SetBase(spam.Starter()) // built once per process
		a.Service.Config.SpamThreshold = spam.SpamThreshold
		a.Service.Config.LikelySpamThreshold = spam.LikelyThreshold
	} else {
		a.Service.Config.SpamThreshold = spam.SpamThresholdLearnedOnly
		a.Service.Config.LikelySpamThreshold = spam.LikelyThresholdLearnedOnly
	}
	a.Service.Observers = append(a.Service.Observers, l.Observe)
	return nil
}
