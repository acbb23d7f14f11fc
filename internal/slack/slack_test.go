package slack_test

import (
	"context"
	"fmt"
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
	"balasan/internal/slack"
	"balasan/internal/sqlite"
)

// TestSlack_WaitingCommentPosted: through the whole application, a
// waiting comment reaches the webhook with its text escaped as Slack
// requires (no "<!channel>" can page anyone), a link to its dashboard
// row, and no email or IP; an approved one (a staff reply) is not posted.
func TestSlack_WaitingCommentPosted(t *testing.T) {
	hook := apptest.NewSlackHook(t)
	env := apptest.New(t, "-slack-webhook-url", hook.URL())
	f := apptest.Form("artikel-1")
	f.Set("author", "Sari <!channel>")
	f.Set("comment", "Harga naik & <!here> turun > kemarin")
	id := env.Submit(f)
	body := hook.Wait(t, 1)[0]
	blocks, _ := body["blocks"].([]any)
	var all strings.Builder
	fmt.Fprint(&all, body["text"])
	for _, b := range blocks {
		fmt.Fprint(&all, "\n", b)
	}
	text := all.String()
	// The sanitiser already dropped the tag-like parts; Slack's escapes do the rest.
	for _, want := range []string{"Penulis: Sari", "Harga naik &amp; turun &gt; kemarin",
		fmt.Sprintf("<%s/admin/comments?status=pending#c-%d|Buka di dasbor>", env.URL, id)} {
		if !strings.Contains(text, want) {
			t.Errorf("message lacks %q:\n%s", want, text)
		}
	}
	withoutLink := strings.ReplaceAll(text, env.URL, "")
	for _, bad := range []string{"<!channel>", "<!here>", "budi@example.test", "127.0.0.1"} {
		if strings.Contains(withoutLink, bad) {
			t.Errorf("message holds %q:\n%s", bad, text)
		}
	}
}

// TestSlack_DeliveryRetries: a 500 is retried after the backoff, a 429
// after its Retry-After, a 404 (a revoked webhook) given up at once; a
// comment moderated before its turn is not posted.
func TestSlack_DeliveryRetries(t *testing.T) {
	hook := apptest.NewSlackHook(t)
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
	n := &slack.Notifier{URL: hook.URL(), Store: st, BaseURL: "https://komentar.example", Text: strings.TrimSpace, Lang: i18n.ID}
	var outcomes []string
	w := &outbox.Worker{Store: st, Senders: map[string]outbox.Sender{slack.Kind: n.Send}, Now: clock,
		MinBackoff: time.Minute, MaxBackoff: time.Hour, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Observe: func(_, o string) { outcomes = append(outcomes, o) }}
	ctx := context.Background()
	if _, err := st.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	added := 0
	add := func() *comment.Comment {
		added++
		c := &comment.Comment{ArticleKey: "k", Author: "Sari <!channel>", Email: "sari@example.test",
			Raw:  fmt.Sprint("Halo <!here> & ", added),
			HTML: "<p>Halo</p>", Status: comment.Pending, CreatedAt: now, UpdatedAt: now}
		if err := st.CreateComment(ctx, c, n.Jobs(comment.Event{Kind: "new", Comment: *c})); err != nil {
			t.Fatal(err)
		}
		return c
	}
	add()
	hook.FailNext(500, 0)
	hook.FailNext(429, 900)
	for _, s := range []struct {
		name    string
		advance time.Duration
		posts   int
	}{
		{"first try: 500", 0, 1},
		{"before the backoff", 59 * time.Second, 1},
		{"after the backoff: 429, Retry-After 900", time.Second, 2},
		{"after the doubled backoff, before Retry-After", 2 * time.Minute, 2},
		{"after Retry-After: posted", 13 * time.Minute, 3},
	} {
		now = now.Add(s.advance)
		if _, err := w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		if got := len(hook.Bodies()); got != s.posts {
			t.Fatalf("%s: %d posts, want %d", s.name, got, s.posts)
		}
	}
	// Text as given (no sanitiser here): Slack's escapes alone keep it inert.
	posted := fmt.Sprint(hook.Bodies()[2])
	if !strings.Contains(posted, "Sari &lt;!channel&gt;") || !strings.Contains(posted, "Halo &lt;!here&gt; &amp; 1") ||
		strings.Contains(posted, "<!") || strings.Contains(posted, "sari@example.test") {
		t.Errorf("posted %s", posted)
	}
	outcomes = nil
	add()
	hook.FailNext(404, 0)
	for range 2 {
		now = now.Add(time.Hour)
		w.RunOnce(ctx)
	}
	if len(outcomes) != 1 || outcomes[0] != "abandoned" {
		t.Fatalf("a 404: outcomes %v, want it given up at once", outcomes)
	}
	// Moderated before its turn: done, nothing posted.
	c := add()
	c.Status = comment.Approved
	if err := st.UpdateStatus(ctx, c, comment.AuditEntry{Moderator: "budi", Action: "approve", CreatedAt: now}, nil); err != nil {
		t.Fatal(err)
	}
	before := len(hook.Bodies())
	outcomes = nil
	w.RunOnce(ctx)
	if len(hook.Bodies()) != before || len(outcomes) != 1 || outcomes[0] != "sent" {
		t.Fatalf("a moderated comment: %d new posts, outcomes %v", len(hook.Bodies())-before, outcomes)
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"a & b":          "a &amp; b",
		"<!channel> hi":  "&lt;!channel&gt; hi",
		"<http://x|y>":   "&lt;http://x|y&gt;",
		"&amp; already":  "&amp;amp; already",
		"biasa saja 123": "biasa saja 123",
	} {
		if got := slack.Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}
