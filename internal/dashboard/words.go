package dashboard

import (
	"strconv"

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

// PageTitle names the page in the browser's tab and for screen readers
// ("Menunggu (6)"); the template adds " — Balasan".
func (n Nav) PageTitle() string {
	switch n.Active {
	case string(comment.Pending), string(comment.Approved), string(comment.Spam), string(comment.Trash):
		return n.L.T("status_"+n.Active) + " (" + n.Count(n.Active) + ")"
	case "account":
		return n.L.T("dash_account")
	case "":
		return n.L.T("dash_title")
	}
	if i18n.Has(n.Active) { // audit, settings, privacy, moderators, and pages to come
		return n.L.T(n.Active)
	}
	return n.L.T("dash_title")
}

// PageTitle of a queue names its view, search, or single comment.
func (p QueuePage) PageTitle() string {
	if p.Single != 0 {
		return p.L.T("comment_id") + " #" + strconv.FormatInt(p.Single, 10)
	}
	t := p.Nav.PageTitle()
	if p.Likely {
		t = p.L.T("likely_spam") + " · " + t
	}
	if p.Article != "" {
		t = p.Article + " · " + t
	}
	if p.Query != "" {
		t = p.L.T("title_search") + " “" + p.Query + "” · " + t
	}
	return t
}

// PageTitle of a notice names what it is about.
func (p NoticePage) PageTitle() string {
	if p.Confirm {
		return p.L.T("act_delete")
	}
	return p.L.T("bulk_action")
}

// PageTitle of the login page.
func (p LoginPage) PageTitle() string { return p.L.T("login_title") }
