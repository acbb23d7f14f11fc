package dashboard

import (
	"balasan/internal/comment"
	"balasan/internal/i18n"
)

// Count is the number of comments in a status, written with the
// language's digit grouping ("1.234" in Indonesian).
func (n Nav) Count(s string) string { return n.L.Int(n.Counts[comment.Status(s)]) }

// ActionText is an audit action in words ("disetujui"); an action this
// version has no words for is shown as recorded.
func (p AuditPage) ActionText(action string) string { return actionText(p.L, action) }

func actionText(l i18n.Lang, action string) string {
	if k := "audit_" + action; i18n.Has(k) {
		return l.T(k)
	}
	return action
}
