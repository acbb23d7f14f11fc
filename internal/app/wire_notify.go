package app

import (
	"context"
	"fmt"
	netmail "net/mail"
	"strconv"

	"balasan/internal/comment"
	"balasan/internal/i18n"
	"balasan/internal/mail"
	"balasan/internal/outbox"
	"balasan/internal/webhook"
)

func init() {
	settings = append(settings,
		setting{"outbox-poll", "BALASAN_OUTBOX_POLL", "5s", "how often the mail and webhook queue is checked"},
		setting{"outbox-retry-min", "BALASAN_OUTBOX_RETRY_MIN", "1m", "wait after a failed mail or webhook delivery; doubles each time"},
		setting{"outbox-retry-max", "BALASAN_OUTBOX_RETRY_MAX", "1h", "longest wait between delivery attempts"},
		setting{"outbox-attempts", "BALASAN_OUTBOX_ATTEMPTS", "20", "delivery attempts before a mail or webhook is given up (its row is kept)"},
	)
	wirers = append(wirers, wireNotify)
}

// maxMailText bounds a comment quoted in a mail; the dashboard has the rest.
const maxMailText = 4000

// wireNotify sets up moderator and reply mail and webhooks, all delivered
// from the outbox by one background worker.
func wireNotify(_ context.Context, a *App) error {
	senders := map[string]outbox.Sender{}
	if a.Config.SMTPURL != "" {
		tr, err := mail.ParseURL(a.Config.SMTPURL)
		if err != nil {
			return err
		}
		if _, err := netmail.ParseAddress(a.Config.MailFrom); err != nil {
			return fmt.Errorf("-mail-from: %q is not an address", a.Config.MailFrom)
		}
		n := &mail.Notifier{Store: a.Store, Transport: tr, From: a.Config.MailFrom, Moderators: a.Config.Notify,
			BaseURL: a.Config.BaseURL, Key: a.Box.SigningKey(), Lang: i18n.ID,
			Text: func(raw string) string { return clip(a.Service.Sanitizer.Text(raw), maxMailText) }}
		a.Service.Jobs = append(a.Service.Jobs, n.Jobs)
		for k, s := range n.Senders() {
			senders[k] = s
		}
	} else if len(a.Config.Notify) > 0 {
		a.Log.Warn("BALASAN_NOTIFY is set but BALASAN_SMTP_URL is not: no mail is sent")
	}
	if a.Config.WebhookURL != "" {
		if _, err := webhook.SigningKey(a.Config.WebhookSecret); err != nil {
			return fmt.Errorf("-webhook-secret: %w", err)
		}
		h := &webhook.Hook{URL: a.Config.WebhookURL, Secret: a.Config.WebhookSecret}
		a.Service.Jobs = append(a.Service.Jobs, h.Jobs)
		senders[webhook.Kind] = h.Send
	}
	if len(senders) == 0 {
		return nil
	}
	w := &outbox.Worker{Store: a.Store, Senders: senders, Log: a.Log, Observe: a.Metrics.Delivery}
	var err error
	if w.Poll, err = ParseDuration(a.Config.Extra["outbox-poll"]); err != nil {
		return fmt.Errorf("-outbox-poll: %w", err)
	}
	if w.MinBackoff, err = ParseDuration(a.Config.Extra["outbox-retry-min"]); err != nil {
		return fmt.Errorf("-outbox-retry-min: %w", err)
	}
	if w.MaxBackoff, err = ParseDuration(a.Config.Extra["outbox-retry-max"]); err != nil {
		return fmt.Errorf("-outbox-retry-max: %w", err)
	}
	if w.MaxAttempts, err = strconv.Atoi(a.Config.Extra["outbox-attempts"]); err != nil || w.MaxAttempts < 1 {
		return fmt.Errorf("-outbox-attempts: want a whole number ≥ 1")
	}
	// A stored change wakes the worker, so mail leaves at once, not at the next poll.
	a.Service.Observers = append(a.Service.Observers, func(context.Context, comment.Event) { w.Kick() })
	w.Start()
	a.OnStop(w.Stop)
	return nil
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + " …"
	}
	return s
}
