package mail

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	gomail "github.com/wneessen/go-mail"

	"balasan/internal/comment"
	"balasan/internal/i18n"
)

// Job kinds of the outbox handled here.
const (
	KindModerator = "mail.moderator" // a comment waits: tell the moderators
	KindConfirm   = "mail.confirm"   // notify was ticked: ask the commenter to confirm
	KindApproved  = "mail.approved"  // the commenter's own comment was approved
	KindReply     = "mail.reply"     // a reply to a subscribed comment was approved
)

// Store is what the notices read at send time, so a mail always tells
// the comment as it is now (and emails stay encrypted in the outbox's
// stead: a payload holds only an id).
type Store interface {
	Comment(ctx context.Context, id int64) (comment.Comment, error)
	Article(ctx context.Context, key string) (comment.Article, error)
}

// Sender delivers built messages (a Transport).
type Sender interface {
	Send(ctx context.Context, msgs ...*gomail.Msg) error
}

// Notifier turns comment events into outbox jobs and jobs into mail.
type Notifier struct {
	Store      Store
	Transport  Sender
	From       string
	Moderators []string // BALASAN_NOTIFY
	// Live, when set, gives the addresses instead of Moderators at each
	// event: the notify setting saved in the dashboard applies at once.
	Live    func() []string
	BaseURL string // without a trailing slash
	Key     []byte // signs confirm and unsubscribe links
	Text    func(raw string) string
	Lang    i18n.Lang
}

type payload struct {
	CommentID json.RawMessage `json:"comment_id"`
}

func job(kind string, c comment.Comment) comment.Job {
	return comment.Job{Kind: kind, Payload: `{"comment_id":` + comment.IDText(c) + `}`}
}

// Jobs is the service's hook: the mail a change causes, stored with it.
func (n *Notifier) Jobs(e comment.Event) []comment.Job {
	c := e.Comment
	var out []comment.Job
	switch e.Kind {
	case "new":
		if c.Status == comment.Pending && len(n.moderators()) > 0 {
			out = append(out, job(KindModerator, c))
		}
		// Never for spam: a bot must not make us mail strangers.
		if c.Notify == comment.NotifyAsked && c.Status != comment.Spam {
			out = append(out, job(KindConfirm, c))
		}
		if c.Status == comment.Approved && c.ParentID > 0 {
			out = append(out, job(KindReply, c))
		}
	case "moderated":
		if e.Action == comment.ActDelete || c.Status != comment.Approved || e.From == comment.Approved {
			break
		}
		if c.Notify == comment.NotifyConfirmed {
			out = append(out, job(KindApproved, c))
		}
		if c.ParentID > 0 {
			out = append(out, job(KindReply, c))
		}
	}
	return out
}

// Senders returns the outbox senders by kind.
func (n *Notifier) Senders() map[string]func(context.Context, string) error {
	return map[string]func(context.Context, string) error{
		KindModerator: n.sendWith(n.moderatorNotice),
		KindConfirm:   n.sendWith(n.confirmNotice),
		KindApproved:  n.sendWith(n.approvedNotice),
		KindReply:     n.sendWith(n.replyNotice),
	}
}

// sendWith loads the job's comment, builds its notice and sends it. A
// notice that no longer applies (comment gone or moderated, subscription
// ended) is done without a mail.
func (n *Notifier) sendWith(build func(context.Context, comment.Comment) (*Notice, error)) func(context.Context, string) error {
	return func(ctx context.Context, raw string) error {
		var p payload
		if err := json.Unmarshal([]byte(raw), &p); err != nil {
			return fmt.Errorf("mail job payload: %w", err)
		}
		id, err := strconv.ParseInt(string(p.CommentID), 10, 64)
		if err != nil {
			return fmt.Errorf("mail job payload: comment id %q", p.CommentID)
		}
		c, err := n.Store.Comment(ctx, id)
		if comment.ErrorCode(err) == comment.ENotFound {
			return nil
		} else if err != nil {
			return err
		}
		notice, err := build(ctx, c)
		if err != nil || notice == nil {
			return err
		}
		notice.Lang = n.Lang
		msg, err := Build(n.From, *notice)
		if err != nil {
			return err
		}
		return n.Transport.Send(ctx, msg)
	}
}

func (n *Notifier) t(key string) string { return n.Lang.T(key) }

// article returns the article's title and the comment's link on it. Only
// verified values are used: a provisional title or URL came from a
// reader's request and must not reach anyone's mailbox through us, so the
// article's key and our own embed page stand in for them.
func (n *Notifier) article(ctx context.Context, c comment.Comment) (title, link string) {
	a, err := n.Store.Article(ctx, c.ArticleKey)
	title, link = c.ArticleKey, n.BaseURL+"/embed/"+url.PathEscape(c.ArticleKey)
	if err == nil {
		if t := a.TrustedTitle(); t != "" {
			title = t
		}
		if u := a.TrustedURL(); u != "" {
			link = u
		}
	}
	return HeaderText(title, 120), link + "#comment-" + strconv.FormatInt(c.ID, 10)
}

func (n *Notifier) link(path, purpose string, id int64) string {
	return n.BaseURL + path + "?c=" + strconv.FormatInt(id, 10) + "&s=" + comment.LinkToken(n.Key, purpose, id)
}

func (n *Notifier) moderatorNotice(ctx context.Context, c comment.Comment) (*Notice, error) {
	if c.Status != comment.Pending {
		return nil, nil // someone already moderated it
	}
	title, link := n.article(ctx, c)
	facts := []Fact{{n.t("mail_article"), title + " (" + link + ")"},
		{n.t("mail_author"), HeaderText(c.Author, 245) + " <" + c.Email + ">"}}
	if c.AuthorURL != "" {
		facts = append(facts, Fact{"URL", c.AuthorURL})
	}
	if c.IP != "" {
		facts = append(facts, Fact{"IP", c.IP})
	}
	if c.Reason != "" {
		facts = append(facts, Fact{n.t("held_because"), c.Reason})
	}
	if c.SpamScore != nil {
		facts = append(facts, Fact{n.t("spam_score"), fmt.Sprintf("%.2f", *c.SpamScore)})
	}
	return &Notice{To: n.moderators(),
		Subject:   fmt.Sprintf(n.t("mail_mod_subject"), title),
		Intro:     n.t("mail_mod_intro"),
		Facts:     facts,
		Quotes:    []Quote{{Label: n.t("mail_text"), Text: n.Text(c.Raw)}},
		ActionURL: n.BaseURL + "/admin/comments?status=pending#c-" + strconv.FormatInt(c.ID, 10), ActionLabel: n.t("mail_mod_open"),
	}, nil
}

// confirmNotice goes to an address nobody has confirmed yet: whoever
// typed it may be a stranger to its owner. So it carries only our own
// words and the signed link: no article title or key, no name, no text,
// nothing a reader could have chosen.
func (n *Notifier) confirmNotice(ctx context.Context, c comment.Comment) (*Notice, error) {
	if c.Notify != comment.NotifyAsked || c.Status == comment.Spam || c.Status == comment.Trash {
		return nil, nil
	}
	return &Notice{To: []string{c.Email},
		Subject:   n.t("mail_confirm_subject"),
		Intro:     n.t("mail_confirm_intro_plain"),
		ActionURL: n.link("/notify/confirm", comment.LinkConfirm, c.ID), ActionLabel: n.t("mail_confirm_action"),
		Notes: []string{n.t("mail_confirm_ignore")},
	}, nil
}

func (n *Notifier) approvedNotice(ctx context.Context, c comment.Comment) (*Notice, error) {
	if c.Notify != comment.NotifyConfirmed || c.Status != comment.Approved {
		return nil, nil
	}
	title, link := n.article(ctx, c)
	return n.subscriberNotice(c, &Notice{
		Subject:   fmt.Sprintf(n.t("mail_approved_subject"), title),
		Intro:     n.t("mail_approved_intro"),
		Facts:     []Fact{{n.t("mail_article"), title}},
		Quotes:    []Quote{{Label: n.t("mail_your_comment"), Text: n.Text(c.Raw)}},
		ActionURL: link, ActionLabel: n.t("mail_view"),
	}), nil
}

// replyNotice tells the parent's author of an approved reply. It names the
// replier but never their email: nothing of the reply's address goes in.
func (n *Notifier) replyNotice(ctx context.Context, r comment.Comment) (*Notice, error) {
	if r.Status != comment.Approved || r.ParentID == 0 {
		return nil, nil
	}
	p, err := n.Store.Comment(ctx, r.ParentID)
	if comment.ErrorCode(err) == comment.ENotFound {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if p.Notify != comment.NotifyConfirmed || p.Status != comment.Approved || strings.EqualFold(p.Email, r.Email) {
		return nil, nil
	}
	title, link := n.article(ctx, r)
	replier := HeaderText(r.Author, 80)
	return n.subscriberNotice(p, &Notice{
		Subject: fmt.Sprintf(n.t("mail_reply_subject"), title),
		Intro:   fmt.Sprintf(n.t("mail_reply_intro"), replier),
		Facts:   []Fact{{n.t("mail_article"), title}},
		Quotes: []Quote{{Label: n.t("mail_your_comment"), Text: n.Text(p.Raw)},
			{Label: n.t("mail_their_reply"), Author: replier, Text: n.Text(r.Raw)}},
		ActionURL: link, ActionLabel: n.t("mail_view"),
	}), nil
}

// subscriberNotice addresses a notice to the subscribed comment's author
// with its signed one-click unsubscribe link.
func (n *Notifier) subscriberNotice(sub comment.Comment, notice *Notice) *Notice {
	notice.To = []string{sub.Email}
	notice.Notes = append(notice.Notes, n.t("mail_why"))
	notice.UnsubscribeURL = n.link("/notify/unsubscribe", comment.LinkUnsubscribe, sub.ID)
	notice.UnsubscribeLabel = n.t("mail_unsubscribe")
	return notice
}

// moderators are the addresses told of each comment that waits, now.
func (n *Notifier) moderators() []string {
	if n.Live != nil {
		return n.Live()
	}
	return n.Moderators
}
