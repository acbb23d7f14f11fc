package comment

import (
	"context"
	"errors"
	"time"
)

// Store is the storage port of Balasan, declared here by the domain and
// implemented by internal/sqlite and internal/postgres; both pass the
// conformance suite of internal/storetest. It is composed of named parts
// so a consumer can ask for only the part it needs (least privilege), yet
// a store missing any method fails to compile where it is wired.
//
// Emails go in and come out plain: encryption at rest and lookup hashes
// are the store's business. Every exported method owns its transaction.
type Store interface {
	Comments
	Articles
	Moderators
	Sessions
	Audit
	Outbox
	Privacy
	SpamModel
	Settings
	Chat
	Health
	Cluster
	Tokens
}

// Comments is the comments table and what is derived from it.
type Comments interface {
	Comment(ctx context.Context, id int64) (Comment, error)
	// Approved returns an article's approved comments, oldest first.
	Approved(ctx context.Context, articleKey string) ([]Comment, error)
	// PublicApproved is Approved with only what the public sees (no
	// email, IP, agent or raw text).
	PublicApproved(ctx context.Context, articleKey string) ([]Comment, error)
	// CommentsByID returns those of ids that exist.
	CommentsByID(ctx context.Context, ids []int64) (map[int64]Comment, error)
	HasDuplicate(ctx context.Context, c *Comment) (bool, error)
	LastCommentFrom(ctx context.Context, ip string) (time.Time, error)
	// CreateComment stores a new comment and its jobs and sets its ID. It
	// refuses (EConflict) a duplicate: the same email's same text under
	// the same article, unless that one is in the trash.
	CreateComment(ctx context.Context, c *Comment, jobs []Job) error
	// CreateStaffComment stores a moderator's reply with its audit entry.
	CreateStaffComment(ctx context.Context, c *Comment, audit AuditEntry, jobs []Job) error
	UpdateStatus(ctx context.Context, c *Comment, audit AuditEntry, jobs []Job) error
	UpdateContent(ctx context.Context, c *Comment, audit AuditEntry) error
	// DeleteComment removes a comment; its replies move up to its parent.
	DeleteComment(ctx context.Context, c *Comment, audit AuditEntry, jobs []Job) error
	// List returns one keyset-paginated page of the moderation queue.
	List(ctx context.Context, f Filter) ([]Comment, error)
	// StatusCounts returns the number of comments in each status.
	StatusCounts(ctx context.Context) (map[Status]int, error)
	// ConfirmNotify moves one comment from asked to confirmed; it reports
	// whether the comment had asked (or was already confirmed).
	ConfirmNotify(ctx context.Context, id int64) (bool, error)
	// StopNotify ends reply mail for every comment under the email of
	// comment id.
	StopNotify(ctx context.Context, id int64) error
	// Export calls fn for every article, by key, with all its comments,
	// from one consistent snapshot.
	Export(ctx context.Context, fn func(Article, []Comment) error) error
	// MatchCounts counts, in each status, the comments f.Query (and
	// f.Article) selects, among the first MatchCountCap matches (when
	// the counts add up to it, there may be more); f.Status, f.After and
	// f.LikelySpam are ignored.
	MatchCounts(ctx context.Context, f Filter) (map[Status]int, error)
	// AuthorCounts returns, for each of emails that wrote any, how many
	// of its comments are approved and how many are spam, keyed by the
	// email as given.
	AuthorCounts(ctx context.Context, emails []string) (map[string]AuthorCounts, error)
	// EmptyTrash deletes up to limit comments that have been in the trash
	// since before cutoff (their last change), oldest first, their
	// replies moved up as DeleteComment does; it returns how many and the
	// articles touched.
	EmptyTrash(ctx context.Context, cutoff time.Time, limit int) (int, []string, error)
}

// Articles is the articles table.
type Articles interface {
	Article(ctx context.Context, key string) (Article, error)
	// EnsureArticle creates the article if missing and fills an empty URL
	// or title of an unverified one, as provisional values (a.Verified is
	// ignored); it returns the article as stored.
	EnsureArticle(ctx context.Context, a Article) (Article, error)
	// SetArticle stores a trusted URL and title (verified), replacing
	// what was there and creating the article if missing, with its audit
	// entry (none when audit.Action is empty: the operator's own values).
	SetArticle(ctx context.Context, a Article, audit AuditEntry) error
	SetArticleState(ctx context.Context, key string, s CommentState, audit AuditEntry) error
	// ApprovedCounts returns the approved comments of each key (0 unknown).
	ApprovedCounts(ctx context.Context, keys []string) (map[string]int, error)
	// ArticlesByKey returns those of keys that exist.
	ArticlesByKey(ctx context.Context, keys []string) (map[string]Article, error)
	// ListArticles returns one keyset-paginated page of articles, newest
	// first, with their comments counted by status (kept by triggers).
	ListArticles(ctx context.Context, f ArticleFilter) ([]ArticleStats, error)
}

// Moderators is the dashboard's accounts.
type Moderators interface {
	// CreateModerator adds an account; a taken username (in any case) is
	// EConflict "username_taken".
	CreateModerator(ctx context.Context, m *Moderator) error
	ModeratorByName(ctx context.Context, username string) (Moderator, error)
	Moderators(ctx context.Context) ([]Moderator, error)
	CountModerators(ctx context.Context) (int, error)
	// UpdateModerator saves password hash, role, disabled flag,
	// language and display name; endSessions ends the account's sessions. It refuses with
	// ErrLastAdmin, in the same transaction, a change that leaves no
	// enabled admin.
	UpdateModerator(ctx context.Context, m Moderator, endSessions bool) error
	// DeleteModerator removes an account and its sessions, refusing the
	// last enabled admin as UpdateModerator does.
	DeleteModerator(ctx context.Context, id int64) error
}

// Sessions is the dashboard's logins; only a hash of each token is kept.
type Sessions interface {
	CreateSession(ctx context.Context, tokenHash, csrf string, moderatorID int64, expires time.Time) error
	// SessionByHash returns a live session of an enabled moderator.
	SessionByHash(ctx context.Context, tokenHash string) (Session, error)
	// DeleteSession ends a session (and sweeps expired ones).
	DeleteSession(ctx context.Context, tokenHash string) error
}

// Audit is the audit log.
type Audit interface {
	// AddAudit records an act that changes no comment.
	AddAudit(ctx context.Context, a AuditEntry) error
	// RecordAudit is AddAudit for readers' rights.
	RecordAudit(ctx context.Context, a AuditEntry) error
	// Audit lists entries newest first, optionally of one moderator,
	// before the id cursor (0: from the newest).
	Audit(ctx context.Context, moderator string, before int64, limit int) ([]AuditEntry, error)
	// LastAuditID is the newest entry's id (0: none).
	LastAuditID(ctx context.Context) (int64, error)
	// AuditAfter returns the newest id after id with one of actions, or id.
	AuditAfter(ctx context.Context, id int64, actions ...string) (int64, error)
}

// Outbox is the durable queue of mail and webhooks.
type Outbox interface {
	// Enqueue stores jobs outside any other change.
	Enqueue(ctx context.Context, jobs []Job) error
	// DueJobs claims up to limit unsent jobs whose time has come.
	DueJobs(ctx context.Context, limit int) ([]OutboxJob, error)
	JobDone(ctx context.Context, id int64) error
	JobFailed(ctx context.Context, id int64, reason string, next time.Time) error
	// JobAbandoned gives a job up; its row keeps the last error.
	JobAbandoned(ctx context.Context, id int64, reason string) error
	// PendingJobs counts undelivered jobs of one kind.
	PendingJobs(ctx context.Context, kind string) (int, error)
	// QueuedJobs counts undelivered jobs of a family ("mail" counts
	// "mail", "mail.reply", …).
	QueuedJobs(ctx context.Context, family string) (int, error)
	// PruneOutbox deletes jobs delivered before cutoff and jobs given up
	// that were created before it (their payloads name commenters), in
	// small transactions; it returns how many.
	PruneOutbox(ctx context.Context, cutoff time.Time) (int64, error)
}

// Privacy is what readers' rights and IP retention need.
type Privacy interface {
	CommentsByEmail(ctx context.Context, email string) ([]Comment, error)
	// EraseByEmail anonymises (or with del deletes) every comment of an
	// address, with the audit entry in the same transaction; it returns
	// how many and the articles touched. It leaves no trace: neither the
	// search index nor an outbox payload keeps the name or URL (waiting
	// jobs are kept anonymised, or deleted with the comments).
	EraseByEmail(ctx context.Context, email string, del bool, audit AuditEntry) (n int, articles []string, err error)
	// EraseIPs blanks IP and user agent of comments older than cutoff.
	EraseIPs(ctx context.Context, cutoff time.Time) (int64, error)
}

// SpamModel is the learned spam model's tallies.
type SpamModel interface {
	SpamModel(ctx context.Context) (tokens map[string]SpamCounts, spamDocs, hamDocs int, err error)
	// SpamLabel tells what a comment was learned as (learned false: nothing).
	SpamLabel(ctx context.Context, commentID int64) (isSpam, learned bool, err error)
	// SaveSpamTraining stores deltas and the comment's label (nil: none)
	// in one transaction.
	SaveSpamTraining(ctx context.Context, commentID int64, label *bool, deltas ...SpamDelta) error
}

// Settings is the editable settings.
type Settings interface {
	Settings(ctx context.Context) (map[string]string, error)
	SaveSettings(ctx context.Context, values map[string]string, audit AuditEntry) error
}

// Chat is the newsroom chat's state: which Telegram user acts as which
// moderator, and how far the bot's stream of updates was read.
type Chat interface {
	// LinkTelegram links a Telegram user id to a moderator account (0
	// unlinks it), with its audit entry; an id linked to another account
	// is EConflict "telegram_taken", an unknown account ENotFound.
	LinkTelegram(ctx context.Context, moderatorID, telegramID int64, audit AuditEntry) error
	// ModeratorByTelegram returns the account a Telegram user id is
	// linked to (ENotFound: none), disabled or not.
	ModeratorByTelegram(ctx context.Context, telegramID int64) (Moderator, error)
	// TelegramLinks returns each linked account's Telegram user id.
	TelegramLinks(ctx context.Context) (map[int64]int64, error)
	// TelegramOffset is the next update id to ask a bot for (0: none yet).
	TelegramOffset(ctx context.Context, bot string) (int64, error)
	// SaveTelegramOffset records it once the updates before it are handled.
	SaveTelegramOffset(ctx context.Context, bot string, offset int64) error
}

// Health is the store's life: readiness, the kept counts, closing.
type Health interface {
	// Ping checks that a read answers, PingWrite that a write does.
	Ping(ctx context.Context) error
	PingWrite(ctx context.Context) error
	// Check verifies that the trigger-kept counts match the rows.
	Check(ctx context.Context) error
	// Close flushes queued writes and closes the store.
	Close() error
}

// ErrWrongKey is returned by a store's Open when the database's emails
// were sealed with another key: opened anyway, every lookup by email would
// answer "nothing", a false "we hold nothing about you" in a privacy export.
var ErrWrongKey = errors.New("the secret key does not open the emails in this database")

// Filter selects a page of the moderation queue.
type Filter struct {
	Status  Status
	Article string
	Query   string // an IP, an exact email, or words of the text or author (prefixes)
	After   int64  // keyset cursor: the last id of the previous page
	Limit   int    // 1..200; anything else means 50
	// LikelySpam keeps only comments the spam score marked "likely_spam"
	// (their reason starts with LikelySpamReason and a colon).
	LikelySpam bool
}

// OldestFirst tells the order of a view: the pending queue is worked from
// the oldest, the other views show the newest first.
func (f Filter) OldestFirst() bool { return f.Status == Pending }

// PageLimit is the page size a store uses for f.Limit.
func (f Filter) PageLimit() int {
	if f.Limit <= 0 || f.Limit > 200 {
		return 50
	}
	return f.Limit
}

// Session is a logged-in moderator as stored: only the token's hash.
type Session struct {
	TokenHash string
	CSRF      string
	Moderator Moderator
	ExpiresAt time.Time
}

// OutboxJob is a stored job with its delivery state.
type OutboxJob struct {
	ID        int64
	Kind      string
	Payload   string
	Attempts  int
	CreatedAt time.Time
}

// SpamCounts is how often a token was seen in spam and in ham.
type SpamCounts struct{ Spam, Ham int }

// SpamDelta is a change to the spam model to persist: token counts to add
// (negative after unlearning) and document counts to add. Tokens holds
// only tokens whose counts changed.
type SpamDelta struct {
	Tokens            map[string]SpamCounts
	SpamDocs, HamDocs int
}
