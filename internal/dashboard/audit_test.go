package dashboard_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"balasan/internal/comment"
)

var auditRow = regexp.MustCompile(`(?s)<tr><td[^>]*><time datetime="([^"]+)">[^<]+</time></td><td[^>]*><a [^>]+>([^<]+)</a></td>` +
	`<td[^>]* data-action="([^"]+)">([^<]+)</td><td[^>]*>(?:<a href="/admin/comments/(\d+)">(#\d+)</a>)?</td><td[^>]*>(?:<a [^>]+>)?([^<]*)(?:</a>)?</td><td[^>]*>([^<]*)</td></tr>`)

// auditEntry is one row of the audit page: when, who, what (its code and
// its words), which comment (and where its link goes).
type auditEntry struct{ when, who, action, words, link, comment, article, detail string }

func auditRows(body string) []auditEntry {
	var out []auditEntry
	for _, m := range auditRow.FindAllStringSubmatch(body, -1) {
		out = append(out, auditEntry{m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]})
	}
	return out
}

func TestAudit_WhoWhatWhenForEveryAction(t *testing.T) {
	d := newDash(t)
	d.AddModerator(modName, modPass, comment.RoleModerator)
	_, mod := tryLogin(d.Env, modName, modPass, nil)
	modCSRF := csrfOf(t, d, mod)
	id := strconv.FormatInt(d.submit("audit", "Komentar untuk diaudit."), 10)
	other := strconv.FormatInt(d.submit("audit", "Komentar kedua."), 10)

	type step struct {
		path   string
		v      url.Values
		action string
		cid    string
	}
	steps := []step{
		{"/admin/comments/" + id + "/approve", nil, "approve", "#" + id},
		{"/admin/comments/" + id + "/unapprove", nil, "unapprove", "#" + id},
		{"/admin/comments/" + id + "/spam", nil, "spam", "#" + id},
		{"/admin/comments/" + id + "/restore", nil, "restore", "#" + id},
		{"/admin/comments/" + id + "/trash", nil, "trash", "#" + id},
		{"/admin/comments/" + id + "/restore", nil, "restore", "#" + id},
		{"/admin/comments/" + id + "/edit", url.Values{"comment": {"Disunting."}}, "edit", "#" + id},
		{"/admin/comments/" + id + "/reply", url.Values{"comment": {"Balasan redaksi."}}, "reply", ""},
		{"/admin/comments/bulk", url.Values{"action": {"trash"}, "id": {other}}, "trash", "#" + other},
		{"/admin/comments/" + other + "/delete", nil, "delete", "#" + other},
		{"/admin/settings", url.Values{"moderation_keys": {"judi"}}, "settings", ""},
		{"/admin/articles/audit/close", nil, "article_closed", ""},
		{"/admin/moderators", url.Values{"username": {"baru"}, "password": {"sandi-baru-12345"}}, "moderator_add", ""},
	}
	for _, s := range steps {
		if r := d.post(d.c, s.path, s.v, d.csrf, true); r.StatusCode >= 400 {
			t.Fatalf("%s: %d %s", s.path, r.StatusCode, r.Body)
		}
	}
	// The moderator acts too.
	d.post(mod, "/admin/articles/audit/open", nil, modCSRF, true)

	rows := auditRows(d.Get(d.c, "/admin/audit", http.StatusOK))
	if len(rows) != len(steps)+2 { // + the approve that the reply did + the moderator's act
		t.Fatalf("audit rows: %d, want %d: %+v", len(rows), len(steps)+2, rows)
	}
	// Newest first: walk the steps backwards.
	if rows[0].who != modName || rows[0].action != "article_open" {
		t.Errorf("newest entry %+v", rows[0])
	}
	i := 1
	for k := len(steps) - 1; k >= 0; k-- {
		s, r := steps[k], rows[i]
		if r.who != adminName || r.action != s.action || (s.cid != "" && r.comment != s.cid) || !strings.HasPrefix(r.when, "20") {
			t.Errorf("entry for %s: %+v", s.path, r)
		}
		if r.words == r.action || r.words == "" {
			t.Errorf("entry for %s: action %q not in words (%q)", s.path, r.action, r.words)
		}
		if r.comment != "" && "#"+r.link != r.comment {
			t.Errorf("entry for %s: comment %s links to %s", s.path, r.comment, r.link)
		}
		if s.action == "reply" {
			if r.comment == "" || r.comment == "#"+id {
				t.Errorf("reply entry names comment %q, want the new reply", r.comment)
			}
			i++
			if rows[i].action != "approve" || rows[i].comment != "#"+id {
				t.Errorf("reply to a pending comment should log its approval first: %+v", rows[i])
			}
		}
		if s.action == "moderator_add" && !strings.Contains(r.detail, "baru") {
			t.Errorf("account entry detail %q", r.detail)
		}
		i++
	}

	// Filtered by moderator.
	only := auditRows(d.Get(d.c, "/admin/audit?moderator="+modName, http.StatusOK))
	if len(only) != 1 || only[0].who != modName {
		t.Errorf("filtered audit: %+v", only)
	}
	if n := len(auditRows(d.Get(d.c, "/admin/audit?moderator="+adminName, http.StatusOK))); n != len(steps)+1 {
		t.Errorf("admin's entries: %d", n)
	}
	if n := len(auditRows(d.Get(d.c, "/admin/audit?moderator=nobody", http.StatusOK))); n != 0 {
		t.Errorf("nobody's entries: %d", n)
	}
}

func csrfOf(t *testing.T, d *dash, c *http.Client) string {
	t.Helper()
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(d.Get(c, "/admin/comments", http.StatusOK))
	if m == nil {
		t.Fatal("no csrf token")
	}
	return m[1]
}
