package dashboard_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"balasan/internal/comment"
)

// TestSecurity_StateChangesReadTheBodyOnly walks every POST route of the
// dashboard and sends each one its fields in the query string alone, with
// a valid CSRF token: nothing may change. A link can carry a query string
// into a form that looks harmless; it cannot carry a body.
func TestSecurity_StateChangesReadTheBodyOnly(t *testing.T) {
	// Without the starter spam model, which rightly sends the short test
	// comment to spam: it must stay pending for the checks below to mean
	// anything.
	d := newDash(t, "-spam-starter", "off")
	d.AddModerator(modName, modPass, comment.RoleModerator)
	ctx := t.Context()
	id := d.submit("kueri", "Teks asli.")
	sid := strconv.FormatInt(id, 10)
	modID := moderatorID(t, d, modName)
	count := func() int {
		list, err := d.App.Store.List(ctx, comment.Filter{Status: comment.Approved, Article: "kueri", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	moderator := func(name string) comment.Moderator {
		m, err := d.App.Store.ModeratorByName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	current := func() comment.Comment {
		c, err := d.App.Store.Comment(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	// One case per route pattern: the request, and what must still hold
	// after it. A route whose fields all sit in its path has no check.
	type probe struct {
		target string // path and query
		check  func() string
	}
	cases := map[string][]probe{
		"/admin/logout":               nil,
		"/admin/comments/:id/:action": nil,
		"/admin/articles/:key/:state": nil,
		"/admin/comments/bulk": {{"/admin/comments/bulk?action=approve&id=" + sid, func() string {
			return expect(current().Status == comment.Pending, "bulk approved from the query")
		}}},
		"/admin/comments/:id/edit": {{"/admin/comments/" + sid + "/edit?comment=Diubah+lewat+tautan", func() string {
			return expect(current().Raw == "Teks asli.", "edited from the query")
		}}},
		"/admin/comments/:id/reply": {{"/admin/comments/" + sid + "/reply?comment=Balasan+lewat+tautan", func() string {
			return expect(count() == 0 && current().Status == comment.Pending, "replied from the query")
		}}},
		"/admin/account/password": {{"/admin/account/password?" + url.Values{"current_password": {adminPass},
			"new_password": {"diganti-lewat-tautan"}, "confirm_password": {"diganti-lewat-tautan"}}.Encode(), func() string {
			code, _ := tryLogin(d.Env, adminName, adminPass, nil)
			return expect(code == http.StatusSeeOther, "own password changed from the query")
		}}},
		"/admin/account/shortcuts": {{"/admin/account/shortcuts?shortcuts=off", func() string {
			return expect(!strings.Contains(d.Get(d.c, "/admin/account", http.StatusOK), `value="off" checked`), "shortcuts switched from the query")
		}}},
		"/admin/account/lang": {{"/admin/account/lang?lang=en", func() string {
			return expect(moderator(adminName).Lang == "id", "language changed from the query")
		}}},
		"/admin/account/name": {{"/admin/account/name?display_name=Penyusup", func() string {
			return expect(moderator(adminName).DisplayName == "", "display name changed from the query")
		}}},
		"/admin/settings": {{"/admin/settings?moderation_keys=judi&disallowed_keys=slot&max_links=9&moderation=trusted", func() string {
			s, err := d.App.Store.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return expect(s[comment.SettingModerationKeys] == "" && s[comment.SettingDisallowedKeys] == "" &&
				s[comment.SettingMaxLinks] == "" && s[comment.SettingModeration] == "", "settings saved from the query")
		}}},
		"/admin/privacy/:action": {{"/admin/privacy/erase?email=budi%40example.test&confirm=1&delete=1", func() string {
			return expect(current().Author == "Budi Santoso", "erased from the query")
		}}},
		"/admin/moderators": {{"/admin/moderators?username=penyusup&password=kata-sandi-penyusup&role=admin", func() string {
			_, err := d.App.Store.ModeratorByName(ctx, "penyusup")
			return expect(comment.ErrorCode(err) == comment.ENotFound, "account added from the query")
		}}},
		"/admin/moderators/:id/:op": {
			{"/admin/moderators/" + modID + "/role?role=admin", func() string {
				return expect(moderator(modName).Role == comment.RoleModerator, "role changed from the query")
			}},
			{"/admin/moderators/" + modID + "/password?password=diganti-lewat-tautan", func() string {
				code, _ := tryLogin(d.Env, modName, modPass, nil)
				return expect(code == http.StatusSeeOther, "password reset from the query")
			}},
		},
		// POST /admin/articles/{key} (title and url), from the contract.
		"/admin/articles/:key": {{"/admin/articles/kueri?title=Diganti&url=https%3A%2F%2Fevil.test%2F", func() string {
			a, err := d.App.Store.Article(ctx, "kueri")
			if err != nil {
				t.Fatal(err)
			}
			return expect(a.Title != "Diganti" && !strings.Contains(a.URL, "evil"), "article changed from the query")
		}}},
	}

	seen := 0
	for _, r := range d.App.Echo.Routes() {
		if r.Method != http.MethodPost || !strings.HasPrefix(r.Path, "/admin/") || r.Path == "/admin/login" {
			continue
		}
		probes, ok := cases[r.Path]
		if !ok {
			t.Errorf("POST %s has no case here: add one that sends its fields in the query only", r.Path)
			continue
		}
		seen++
		for _, p := range probes {
			h := http.Header{"X-Csrf-Token": {d.csrf}}
			resp := d.Do(d.c, http.MethodPost, p.target, "application/x-www-form-urlencoded", "", h)
			if resp.StatusCode >= 500 {
				t.Errorf("POST %s: %d", p.target, resp.StatusCode)
			}
			if msg := p.check(); msg != "" {
				t.Errorf("POST %s (status %d): %s", p.target, resp.StatusCode, msg)
			}
		}
	}
	if seen < 10 {
		t.Fatalf("only %d dashboard POST routes found", seen)
	}
}

func expect(ok bool, msg string) string {
	if ok {
		return ""
	}
	return msg
}
