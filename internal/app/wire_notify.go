package app

import (
	"context"

	"balasan/internal/comment"
	"balasan/internal/i18n"
	"balasan/internal/mail"
	"balasan/internal/outbox"
	"balasan/internal/slack"
	"balasan/internal/telegram"
	"balasan/internal/webhook"
)

// maxMailText bounds a comment quoted in a mail; the dashboard has the rest.
const maxMailText = 4000

// wireNotify sets up moderator and reply mail, webhooks and the newsroom's
// chat (Telegram, Slack), all delivered from the outbox by one background
// worker.
func wireNotify(_ context.Context, a *App) error {
	senders := map[string]outbox.Sender{}
	if a.Config.SMTPURL != "" {
		tr, err := mail.ParseURL(a.Config.SMTPURL) // checked by ParseConfig
		if err != nil {
			return err
		}
		n := &mail.Notifier{Store: a.Store, Transport: tr, From: a.Config.MailFrom, Moderators: a.Config.Notify,
			Live:    func() []string { return a.Service.Live().Notify },
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
		h := &webhook.Hook{URL: a.Config.WebhookURL, Secret: a.Config.WebhookSecret}
		a.Service.Jobs = append(a.Service.Jobs, h.Jobs)
		senders[webhook.Kind] = h.Send
	}
	// The newsroom's chat: Telegram with buttons (their presses read by a
	// long poll, so no inbound URL), Slack with a link.
	chatText := func(raw string) string { return a.Service.Sanitizer.Text(raw) }
	if a.Config.TelegramToken != "" {
		client := &telegram.Client{API: a.Config.TelegramAPI, Token: a.Config.TelegramToken}
		n := &telegram.Notifier{Client: client, Chat: a.Config.TelegramChat, Store: a.Store, BaseURL: a.Config.BaseURL,
			Key: a.Box.SigningKey(), Text: chatText, Lang: i18n.ID}
		a.Service.Jobs = append(a.Service.Jobs, n.Jobs)
		senders[telegram.Kind] = n.Send
		p := &telegram.Poller{Client: client, Service: a.Service, Offsets: a.Store, Key: a.Box.SigningKey(),
			Log: a.Log, Lang: i18n.ID}
		p.Start()
		a.OnStop(p.Stop)
	}
	if a.Config.SlackWebhookURL != "" {
		n := &slack.Notifier{URL: a.Config.SlackWebhookURL, Store: a.Store, BaseURL: a.Config.BaseURL, Text: chatText, Lang: i18n.ID}
		a.Service.Jobs = append(a.Service.Jobs, n.Jobs)
		senders[slack.Kind] = n.Send
	}
	if len(senders) == 0 {
		return nil
	}
	w := &outbox.Worker{Store: a.Store, Senders: senders, Log: a.Log, Observe: a.Metrics.Delivery,
		Poll: a.Config.OutboxPoll, MinBackoff: a.Config.OutboxRetryMin, MaxBackoff: a.Config.OutboxRetryMax,
		MaxAttempts: a.Config.OutboxAttempts}
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
