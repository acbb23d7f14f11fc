package comment

import "time"

// Role is what a moderator may do: admins also manage accounts.
type Role string

// The two roles.
const (
	RoleAdmin     Role = "admin"
	RoleModerator Role = "moderator"
)

// Moderator is an account of the dashboard.
type Moderator struct {
	ID           int64
	Username     string
	PasswordHash string
	Role         Role
	Disabled     bool
	Lang         string
	// DisplayName is what readers see under the moderator's replies;
	// empty means the username.
	DisplayName string
	CreatedAt   time.Time
}

// Name is the name the moderator's public replies carry.
func (m Moderator) Name() string {
	if m.DisplayName != "" {
		return m.DisplayName
	}
	return m.Username
}

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// Action is a moderation verb of the dashboard.
type Action string

// The moderation actions of the contract.
const (
	ActApprove   Action = "approve"
	ActUnapprove Action = "unapprove"
	ActSpam      Action = "spam"
	ActTrash     Action = "trash"
	ActRestore   Action = "restore"
	ActDelete    Action = "delete"
)

// ParseAction accepts one of the six actions.
func ParseAction(s string) (Action, bool) {
	switch a := Action(s); a {
	case ActApprove, ActUnapprove, ActSpam, ActTrash, ActRestore, ActDelete:
		return a, true
	}
	return "", false
}

// Next returns the status a comment in status cur (previously prev)
// reaches by action a. Delete has no next status.
func (a Action) Next(cur, prev Status) (next, newPrev Status) {
	switch a {
	case ActApprove:
		return Approved, ""
	case ActUnapprove:
		return Pending, ""
	case ActSpam, ActTrash:
		target := Spam
		if a == ActTrash {
			target = Trash
		}
		if cur == Spam || cur == Trash {
			return target, prev
		}
		return target, cur
	case ActRestore:
		if cur != Spam && cur != Trash {
			return cur, prev
		}
		if prev == Approved || prev == Pending {
			return prev, ""
		}
		return Pending, ""
	}
	return cur, prev
}

// AuditEntry records one moderation act: who did what to which comment.
type AuditEntry struct {
	ID          int64
	ModeratorID int64
	Moderator   string
	Action      string
	CommentID   int64
	ArticleKey  string
	Detail      string
	CreatedAt   time.Time
}

// ActionsFor lists the actions a moderator is offered for a comment in
// status s, as WordPress offers them in each view.
func ActionsFor(s Status) []Action {
	switch s {
	case Pending:
		return []Action{ActApprove, ActSpam, ActTrash}
	case Approved:
		return []Action{ActUnapprove, ActSpam, ActTrash}
	case Spam:
		return []Action{ActRestore, ActDelete}
	case Trash:
		return []Action{ActRestore, ActDelete}
	}
	return nil
}
