package app

import (
	"context"
	"fmt"

	"balasan/internal/spam"
)

func init() {
	settings = append(settings,
		setting{"spam-starter", "BALASAN_SPAM_STARTER", "on", "on: the spam score starts from the shipped model; off: only from moderators' decisions"},
	)
	wirers = append(wirers, wireSpam)
}

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
	switch a.Config.Extra["spam-starter"] {
	case "on":
		m.SetBase(spam.Starter()) // built once per process
		a.Service.Config.SpamThreshold = spam.SpamThreshold
		a.Service.Config.LikelySpamThreshold = spam.LikelyThreshold
	case "off":
		a.Service.Config.SpamThreshold = spam.SpamThresholdLearnedOnly
		a.Service.Config.LikelySpamThreshold = spam.LikelyThresholdLearnedOnly
	default:
		return fmt.Errorf("-spam-starter: want on or off, got %q", a.Config.Extra["spam-starter"])
	}
	a.Service.Observers = append(a.Service.Observers, l.Observe)
	return nil
}
