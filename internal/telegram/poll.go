package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"balasan/internal/comment"
	"balasan/internal/i18n"
)

// Moderator is the use case a button press runs.
type Moderator interface {
	ModerateFromChat(ctx context.Context, telegramID, commentID int64, a comment.Action) (comment.Comment, comment.Moderator, error)
}

// Offsets keeps how far the bot's updates were handled, so a restart
// does not act on a press again.
type Offsets interface {
	TelegramOffset(ctx context.Context, bot string) (int64, error)
	SaveTelegramOffset(ctx context.Context, bot string, offset int64) error
}

// Defaults of a Poller.
const (
	DefaultPollTimeout = 50 * time.Second // Telegram holds a getUpdates this long
	DefaultErrorWait   = 5 * time.Second
)

// Poller reads button presses by long polling and acts on them.
type Poller struct {
	Client  *Client
	Service Moderator
	Offsets Offsets
	Key     []byte // checks the buttons' callback data
	Log     *slog.Logger
	Lang    i18n.Lang
	// Timeout is getUpdates' long-poll wait; ErrorWait the pause after a
	// failed call (longer when Telegram says retry_after).
	Timeout   time.Duration
	ErrorWait time.Duration

	cancel context.CancelFunc
	done   chan struct{}
}

// Start polls in the background until Stop.
func (p *Poller) Start() {
	if p.Timeout <= 0 {
		p.Timeout = DefaultPollTimeout
	}
	if p.ErrorWait <= 0 {
		p.ErrorWait = DefaultErrorWait
	}
	if p.Log == nil {
		p.Log = slog.Default()
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel, p.done = cancel, make(chan struct{})
	go func() {
		defer close(p.done)
		p.loop(ctx)
	}()
}

// Stop ends the long poll at once (a press being handled finishes first:
// its offset is saved, so it is not handled again) and waits for the loop.
func (p *Poller) Stop(ctx context.Context) {
	if p.cancel == nil {
		return
	}
	p.cancel()
	select {
	case <-p.done:
	case <-ctx.Done():
	}
}

func (p *Poller) loop(ctx context.Context) {
	bot := BotID(p.Client.Token)
	offset, err := p.Offsets.TelegramOffset(ctx, bot)
	for err != nil {
		p.Log.Error("telegram: reading the update offset", "error", err.Error())
		if !sleep(ctx, p.ErrorWait) {
			return
		}
		offset, err = p.Offsets.TelegramOffset(ctx, bot)
	}
	for {
		callCtx, cancel := context.WithTimeout(ctx, p.Timeout+15*time.Second)
		updates, err := p.Client.GetUpdates(callCtx, offset, p.Timeout)
		cancel()
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			p.Log.Error("telegram: reading updates", "error", err.Error())
			if !sleep(ctx, p.wait(err)) {
				return
			}
			continue
		}
		for _, u := range updates {
			if u.UpdateID < offset {
				continue // handled before; a server that sends it again is ignored
			}
			// A press is finished even while stopping: half an act is worse.
			p.handle(context.WithoutCancel(ctx), u)
			offset = u.UpdateID + 1
			if err := p.Offsets.SaveTelegramOffset(context.WithoutCancel(ctx), bot, offset); err != nil {
				p.Log.Error("telegram: saving the update offset", "error", err.Error())
			}
		}
	}
}

// wait is the pause after a failed call.
func (p *Poller) wait(err error) time.Duration {
	var ae *APIError
	if errors.As(err, &ae) && ae.RetryAfter > p.ErrorWait {
		return ae.RetryAfter
	}
	return p.ErrorWait
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// handle acts on one button press and tells its presser the outcome.
func (p *Poller) handle(ctx context.Context, u Update) {
	q := u.CallbackQuery
	if q == nil {
		return
	}
	a, id, ok := ParseCallback(p.Key, q.Data)
	if !ok {
		p.Log.Warn("telegram: a button press with data Balasan did not sign", "telegram_id", q.From.ID)
		p.answer(ctx, q, p.Lang.T("chat_bad_button"), "")
		return
	}
	_, m, err := p.Service.ModerateFromChat(ctx, q.From.ID, id, a)
	if err == nil {
		done := fmt.Sprintf(p.Lang.T("chat_done_"+string(a)), m.Username)
		p.Log.Info("telegram: moderated from the chat", "moderator", m.Username, "action", string(a), "comment_id", id)
		p.answer(ctx, q, done, marks[a]+" "+done)
		return
	}
	switch comment.ErrorCode(err) {
	case comment.EForbidden:
		p.Log.Info("telegram: a press by a user linked to no account", "telegram_id", q.From.ID, "comment_id", id)
		p.answer(ctx, q, p.Lang.T("telegram_unlinked"), "")
	case comment.ENotFound:
		p.answer(ctx, q, p.Lang.T("chat_gone"), "🗑 "+p.Lang.T("chat_gone"))
	case comment.EConflict:
		p.answer(ctx, q, p.Lang.T("chat_already_moderated"), "ℹ️ "+p.Lang.T("chat_already_moderated"))
	default:
		p.Log.Error("telegram: moderating from the chat", "comment_id", id, "error", err.Error())
		p.answer(ctx, q, p.Lang.T("chat_failed"), "")
	}
}

// marks start the result line added to a message.
var marks = map[comment.Action]string{comment.ActApprove: "✅", comment.ActSpam: "🚫", comment.ActTrash: "🗑"}

// answer ends the press's spinner with text; a non-empty result is added
// to the message below the comment, replacing its buttons, so the desk
// sees who decided and nobody presses again.
func (p *Poller) answer(ctx context.Context, q *CallbackQuery, text, result string) {
	if err := p.Client.AnswerCallbackQuery(ctx, q.ID, text); err != nil {
		p.Log.Warn("telegram: answering a button press", "error", err.Error())
	}
	if result == "" || q.Message == nil {
		return
	}
	if err := p.Client.EditMessageText(ctx, q.Message.Chat.ID, q.Message.MessageID, q.Message.Text+"\n\n"+result); err != nil {
		p.Log.Warn("telegram: editing the message", "error", err.Error())
	}
}
