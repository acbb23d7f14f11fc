package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"balasan/internal/comment"
	"balasan/internal/i18n"
	"balasan/internal/outbox"
)

// Kind is the outbox job kind of a message to the chat.
const Kind = "telegram"

// maxText bounds the comment quoted in a message: Telegram takes 4096
// characters, and the result line is added to the message later.
const maxText = 3000

// Store is what a message reads at send time: a payload holds only the
// comment's id, so the message tells the comment as it is now.
type Store interface {
	Comment(ctx context.Context, id int64) (comment.Comment, error)
	Article(ctx context.Context, key string) (comment.Article, error)
}

// Notifier turns waiting comments into outbox jobs and jobs into messages.
type Notifier struct {
	Client  *Client
	Chat    string // BALASAN_TELEGRAM_CHAT: a chat id or @channel
	Store   Store
	BaseURL string // without a trailing slash
	Key     []byte // signs the buttons' callback data
	// Text turns a comment's raw text into plain text.
	Text func(raw string) string
	Lang i18n.Lang
}

// Jobs is the service's hook: a comment that waits is posted to the chat.
func (n *Notifier) Jobs(e comment.Event) []comment.Job {
	if e.Kind != "new" || e.Comment.Status != comment.Pending {
		return nil
	}
	return []comment.Job{{Kind: Kind, Payload: `{"comment_id":` + comment.IDText(e.Comment) + `}`}}
}

// Send posts one job's message; a comment already moderated or deleted
// is done without one. A 429 waits as long as Telegram asks; an answer
// no retry can change (a wrong token, an unknown chat) gives the job up.
func (n *Notifier) Send(ctx context.Context, payload string) error {
	var p struct {
		CommentID int64 `json:"comment_id"`
	}
	if err := json.Unmarshal([]byte(payload), &p); err != nil || p.CommentID <= 0 {
		return outbox.Permanent(fmt.Errorf("telegram job payload: no comment id"))
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
	kb := &Keyboard{InlineKeyboard: [][]Button{{}}}
	for _, a := range comment.ChatActions {
		kb.InlineKeyboard[0] = append(kb.InlineKeyboard[0],
			Button{Text: n.Lang.T("chat_btn_" + string(a)), CallbackData: CallbackData(n.Key, a, c.ID)})
	}
	_, err = n.Client.SendMessage(ctx, n.Chat, n.message(ctx, c), kb)
	return deliveryError(err)
}

// deliveryError tells the outbox how to treat a failed call.
func deliveryError(err error) error {
	var ae *APIError
	if !errors.As(err, &ae) {
		return err // the network: retry
	}
	switch {
	case ae.Code == 429:
		return outbox.RetryAfter(err, ae.RetryAfter)
	case ae.Code == 400 || ae.Code == 401 || ae.Code == 403 || ae.Code == 404:
		return outbox.Permanent(err)
	}
	return err
}

// message is the comment as plain text: article, author, why it was
// held, the text and the dashboard link. Never the email or the IP.
func (n *Notifier) message(ctx context.Context, c comment.Comment) string {
	title := c.ArticleKey
	if a, err := n.Store.Article(ctx, c.ArticleKey); err == nil && a.TrustedTitle() != "" {
		title = a.TrustedTitle()
	}
	var b strings.Builder
	b.WriteString(n.Lang.T("chat_waiting") + "\n")
	b.WriteString(n.Lang.T("chat_article") + ": " + oneLine(title, 200) + "\n")
	b.WriteString(n.Lang.T("chat_author") + ": " + oneLine(c.Author, 100) + "\n")
	if c.Reason != "" {
		b.WriteString(n.Lang.T("chat_held") + ": " + oneLine(c.Reason, 200) + "\n")
	}
	b.WriteString("\n" + clip(strings.TrimSpace(n.Text(c.Raw)), maxText) + "\n\n")
	b.WriteString(n.Lang.T("chat_open") + ": " + DashboardLink(n.BaseURL, c.ID))
	return b.String()
}

// DashboardLink is the comment's row in the pending queue.
func DashboardLink(base string, id int64) string {
	return base + "/admin/comments?status=pending#c-" + strconv.FormatInt(id, 10)
}

// oneLine keeps a field on its line: a name cannot forge the lines below.
func oneLine(s string, n int) string {
	return clip(strings.Join(strings.Fields(s), " "), n)
}
