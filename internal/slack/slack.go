// Package slack posts each waiting comment to a Slack incoming webhook
// (BALASAN_SLACK_WEBHOOK_URL) from the durable outbox, with a link to its
// row in the dashboard. An incoming webhook cannot carry buttons back
// without a public URL, so moderating stays in the dashboard (or in
// Telegram). The message never holds a commenter's email or IP address.
package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"balasan/internal/comment"
	"balasan/internal/i18n"
	"balasan/internal/outbox"
)

// Kind is the outbox job kind of a Slack message.
const Kind = "slack"

// maxText bounds the comment quoted: a section block takes 3000 characters.
const maxText = 2500

// Store is what a message reads at send time (a payload holds only the id).
type Store interface {
	Comment(ctx context.Context, id int64) (comment.Comment, error)
	Article(ctx context.Context, key string) (comment.Article, error)
}

// Notifier turns waiting comments into outbox jobs and jobs into messages.
type Notifier struct {
	URL     string // the incoming webhook: a secret, never logged
	Store   Store
	BaseURL string // without a trailing slash
	Text    func(raw string) string
	Lang    i18n.Lang
	Client  *http.Client
}

// Jobs is the service's hook: a comment that waits is posted.
func (n *Notifier) Jobs(e comment.Event) []comment.Job {
	if e.Kind != "new" || e.Comment.Status != comment.Pending {
		return nil
	}
	return []comment.Job{{Kind: Kind, Payload: `{"comment_id":` + comment.IDText(e.Comment) + `}`}}
}

// Escape makes text safe for Slack's mrkdwn: &, < and > are the only
// control characters (a "<!channel>" in a comment would page everyone).
func Escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// Message is the JSON body posted: text is the notification's fallback.
type Message struct {
	Text   string  `json:"text"`
	Blocks []Block `json:"blocks"`
}

// Block is a section or context block.
type Block struct {
	Type     string  `json:"type"`
	Text     *Text   `json:"text,omitempty"`
	Elements []*Text `json:"elements,omitempty"`
}

// Text is a mrkdwn text object.
type Text struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

func mrkdwn(s string) *Text { return &Text{Type: "mrkdwn", Text: s} }

// Send posts one job's message; a comment already moderated or deleted is
// done without one.
func (n *Notifier) Send(ctx context.Context, payload string) error {
	var p struct {
		CommentID int64 `json:"comment_id"`
	}
	if err := json.Unmarshal([]byte(payload), &p); err != nil || p.CommentID <= 0 {
		return outbox.Permanent(errors.New("slack job payload: no comment id"))
	}
	c, err := n.Store.Comment(ctx, p.CommentID)
	if comment.ErrorCode(err) == comment.ENotFound {
		return nil
	} else if err != nil {
		return err
	}
	if c.Status != comment.Pending {
		return nil
	}
	body, err := json.Marshal(n.message(ctx, c))
	if err != nil {
		return err
	}
	return n.post(ctx, body)
}

// message builds the blocks: the facts, the text, the dashboard link.
func (n *Notifier) message(ctx context.Context, c comment.Comment) Message {
	title := c.ArticleKey
	if a, err := n.Store.Article(ctx, c.ArticleKey); err == nil && a.TrustedTitle() != "" {
		title = a.TrustedTitle()
	}
	link := n.BaseURL + "/admin/comments?status=pending#c-" + strconv.FormatInt(c.ID, 10)
	facts := "*" + n.Lang.T("chat_waiting") + "*\n" +
		n.Lang.T("chat_article") + ": " + Escape(oneLine(title, 200)) + "\n" +
		n.Lang.T("chat_author") + ": " + Escape(oneLine(c.Author, 100))
	if c.Reason != "" {
		facts += "\n" + n.Lang.T("chat_held") + ": " + Escape(oneLine(c.Reason, 200))
	}
	text := clip(strings.TrimSpace(n.Text(c.Raw)), maxText)
	return Message{
		Text: Escape(n.Lang.T("chat_waiting") + ": " + oneLine(c.Author, 100) + " — " + oneLine(title, 200)),
		Blocks: []Block{
			{Type: "section", Text: mrkdwn(facts)},
			{Type: "section", Text: mrkdwn(Escape(text))},
			{Type: "context", Elements: []*Text{mrkdwn("<" + link + "|" + n.Lang.T("chat_open") + ">")}},
		},
	}
}

// post sends body; a 429 waits as long as Slack's Retry-After says, a
// 5xx or a network failure is retried, any other refusal (a revoked
// webhook, a bad payload) gives the job up.
func (n *Notifier) post(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, n.URL, bytes.NewReader(body))
	if err != nil {
		return outbox.Permanent(errors.New("slack: bad webhook URL"))
	}
	req.Header.Set("Content-Type", "application/json")
	client := n.Client
	if client == nil {
		client = &http.Client{Timeout: 15 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is the webhook's secret
		}
		return fmt.Errorf("slack: %w", err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case resp.StatusCode == http.StatusTooManyRequests:
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		return outbox.RetryAfter(fmt.Errorf("slack: 429 too many requests"), time.Duration(secs)*time.Second)
	case resp.StatusCode >= 500:
		return fmt.Errorf("slack: answered %d", resp.StatusCode)
	}
	return outbox.Permanent(fmt.Errorf("slack: answered %d %s", resp.StatusCode, oneLine(string(answer), 100)))
}

func oneLine(s string, n int) string { return clip(strings.Join(strings.Fields(s), " "), n) }

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
