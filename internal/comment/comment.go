// Package comment is Balasan's domain: comments, articles, their statuses,
// validation and moderation rules. It knows nothing of HTTP or SQL.
package comment

import "time"

// Status is where a comment stands in moderation.
type Status string

// The statuses a comment can have; every comment starts pending.
const (
	Pending  Status = "pending"
	Approved Status = "approved"
	Spam     Status = "spam"
	Trash    Status = "trash"
)

// Valid reports whether s is one of the four statuses.
func (s Status) Valid() bool {
	switch s {
	case Pending, Approved, Spam, Trash:
		return true
	}
	return false
}

// Comment is one reader's reply to an article.
type Comment struct {
	ID         int64
	ArticleKey string
	ParentID   int64
	Author     string
	AuthorURL  string
	Email      string // plain address; only moderators ever see it
	EmailHash  string // keyed hash of the normalised address, for lookups
	IP         string
	UserAgent  string
	Raw        string // the text as submitted, kept so the policy can be re-applied
	HTML       string // sanitised HTML, the only form ever rendered
	Status     Status
	PrevStatus Status
	Reason     string   // why a rule held the comment
	SpamScore  *float64 // learned spam probability, when the model had an opinion
	Staff      bool
	Hash       string // moderation hash that lets the author preview it while pending
	Notify     NotifyState
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// NotifyState tracks the double opt-in of reply mail.
type NotifyState int

// Reply-mail states: none, asked but not yet confirmed, confirmed.
const (
	NotifyNone NotifyState = iota
	NotifyAsked
	NotifyConfirmed
)

// PreviewTTL is how long a pending comment's author may preview it.
// After that, or once moderated, the hash shows nothing, so spammers
// cannot use previews to get links indexed.
const PreviewTTL = 24 * time.Hour

// CanPreview reports whether hash lets its holder see this comment now.
func (c Comment) CanPreview(hash string, now time.Time) bool {
	return c.Status == Pending && c.Hash != "" && constantTimeEqual(c.Hash, hash) &&
		now.Sub(c.CreatedAt) < PreviewTTL
}

// CommentState is an article's own choice about comments.
type CommentState string

// Article comment states: auto follows BALASAN_CLOSE_AFTER.
const (
	StateAuto   CommentState = "auto"
	StateOpen   CommentState = "open"
	StateClosed CommentState = "closed"
)

// Article is a page that embeds comments.
//
// Its URL and title are trusted (Verified) only when an import, a
// moderator or the operator's own configuration set them. Values a
// reader's request brought are provisional: kept to link the page, but
// never put in a mail and marked unverified in the dashboard, and any
// trusted source replaces them.
type Article struct {
	Key       string
	URL       string
	Title     string
	Verified  bool
	State     CommentState
	CreatedAt time.Time
}

// Provisional tells whether the article's URL or title came only from a
// reader's request (marked unverified wherever it is shown).
func (a Article) Provisional() bool { return !a.Verified && (a.URL != "" || a.Title != "") }

// TrustedTitle is the title to show where a reader must not be able to
// choose the words (mail, page titles): the verified title, else "".
func (a Article) TrustedTitle() string {
	if a.Verified {
		return a.Title
	}
	return ""
}

// TrustedURL is the page URL under the same rule as TrustedTitle.
func (a Article) TrustedURL() string {
	if a.Verified {
		return a.URL
	}
	return ""
}

// Open reports whether the article takes comments at now, given the
// automatic closing age (0: never).
func (a Article) Open(now time.Time, closeAfter time.Duration) bool {
	switch a.State {
	case StateClosed:
		return false
	case StateOpen:
		return true
	}
	return closeAfter <= 0 || a.CreatedAt.IsZero() || now.Sub(a.CreatedAt) < closeAfter
}
