package telegram_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"balasan/internal/apptest"
	"balasan/internal/comment"
	"balasan/internal/i18n"
	"balasan/internal/outbox"
	"balasan/internal/secret"
	"balasan/internal/sqlite"
	"balasan/internal/telegram"
)

// TestTelegram_DeliveryRetries: a message goes through the outbox, so a
// Bot API that answers 500 is tried again after the backoff, a 429 after
// the retry_after it names (longer than the backoff here), and a refused
// token gives the job up at once; the token never reaches the job's error.
func TestTelegram_DeliveryRetries(t *testing.T) {
	bot := apptest.NewBotAPI(t)
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), t.TempDir()+"/b.db", box)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.Now = clock
	n := &telegram.Notifier{Client: &telegram.Client{API: bot.URL(), Token: bot.Token}, Chat: "@redaksi_desk",
		Store: st, BaseURL: "https://komentar.example", Key: box.SigningKey(), Text: strings.TrimSpace, Lang: i18n.ID}
	w := &outbox.Worker{Store: st, Senders: map[string]outbox.Sender{telegram.Kind: n.Send}, Now: clock,
		MinBackoff: time.Minute, MaxBackoff: time.Hour, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx := context.Background()
	if _, err := st.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	c := &comment.Comment{ArticleKey: "k", Author: "Sari", Email: "sari@example.test", Raw: "Halo", HTML: "<p>Halo</p>",
		Status: comment.Pending, CreatedAt: now, UpdatedAt: now}
	if err := st.CreateComment(ctx, c, n.Jobs(comment.Event{Kind: "new", Comment: *c})); err != nil {
		t.Fatal(err)
	}
	bot.FailNext("sendMessage", 500, 0)
	bot.FailNext("sendMessage", 429, 600)
	steps := []struct {
		name      string
		advance   time.Duration
		wantCalls int
	}{
		{"first try: 500", 0, 1},
		{"before the backoff", 59 * time.Second, 1},
		{"after the backoff: 429 retry_after 600", time.Second, 2},
		{"after the doubled backoff, before retry_after", 2 * time.Minute, 2},
		{"after retry_after: sent", 8 * time.Minute, 3},
		{"nothing left", time.Hour, 3},
	}
	for _, s := range steps {
		now = now.Add(s.advance)
		if _, err := w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		if got := len(bot.Calls("sendMessage")); got != s.wantCalls {
			t.Fatalf("%s: %d sendMessage calls, want %d", s.name, got, s.wantCalls)
		}
	}
	if left, _ := st.PendingJobs(ctx, telegram.Kind); left != 0 {
		t.Fatalf("%d jobs left after the message was sent", left)
	}

	// A wrong token (401) is given up at once, and its error names no token.
	bad := &telegram.Client{API: bot.URL(), Token: "987:wrong-secret"}
	n.Client = bad
	if err := st.Enqueue(ctx, n.Jobs(comment.Event{Kind: "new", Comment: *c})); err != nil {
		t.Fatal(err)
	}
	var outcomes []string
	w.Observe = func(_, outcome string) { outcomes = append(outcomes, outcome) }
	for range 2 {
		now = now.Add(time.Hour)
		if _, err := w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(outcomes) != 1 || outcomes[0] != "abandoned" {
		t.Fatalf("a 401: outcomes %v, want it given up at once", outcomes)
	}
	err = n.Send(ctx, `{"comment_id":1}`)
	if err == nil || strings.Contains(err.Error(), "wrong-secret") {
		t.Fatalf("error %v", err)
	}
	// Unreachable: the network error names no token either.
	n.Client = &telegram.Client{API: "http://127.0.0.1:1", Token: "987:wrong-secret"}
	if err := n.Send(ctx, `{"comment_id":1}`); err == nil || strings.Contains(err.Error(), "wrong-secret") {
		t.Fatalf("network error %v", err)
	}
}
