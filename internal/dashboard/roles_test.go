package dashboard_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"balasan/internal/comment"
)

// adminPages are the pages and changes that are the admins' alone.
var adminPages = []string{"/admin/settings", "/admin/moderators", "/admin/privacy"}

// TestSecurity_AdminOnlyPages: a moderator gets 403 for settings,
// accounts and privacy, reading or changing, changes nothing, and does
// not see their links; an admin does.
func TestSecurity_AdminOnlyPages(t *testing.T) {
	d := newDash(t)
	d.AddModerator(modName, modPass, comment.RoleModerator)
	d.submit("peran", "Komentar.")
	_, mod := tryLogin(d.Env, modName, modPass, nil)
	modCSRF := csrfOf(t, d, mod)
	adminID := moderatorID(t, d, adminName)

	for _, p := range adminPages {
		if r := d.Do(mod, http.MethodGet, p, "", "", nil); r.StatusCode != http.StatusForbidden {
			t.Errorf("moderator GET %s: %d, want 403", p, r.StatusCode)
		}
	}
	posts := []struct {
		path string
		v    url.Values
	}{
		{"/admin/settings", url.Values{"moderation_keys": {"judi"}, "disallowed_keys": {"slot"}}},
		{"/admin/moderators", url.Values{"username": {"penyusup"}, "password": {"kata-sandi-penyusup"}, "role": {"admin"}}},
		{"/admin/moderators/" + adminID + "/password", url.Values{"password": {"diganti-oleh-moderator"}}},
		{"/admin/privacy/erase", url.Values{"email": {"budi@example.test"}, "confirm": {"1"}}},
		{"/admin/privacy/export", url.Values{"email": {"budi@example.test"}}},
	}
	for _, p := range posts {
		for _, json := range []bool{false, true} {
			if r := d.post(mod, p.path, p.v, modCSRF, json); r.StatusCode != http.StatusForbidden {
				t.Errorf("moderator POST %s (json %v): %d, want 403", p.path, json, r.StatusCode)
			}
		}
	}
	s, err := d.App.Store.Settings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if s[comment.SettingModerationKeys] != "" || s[comment.SettingDisallowedKeys] != "" {
		t.Errorf("a moderator changed the settings: %v", s)
	}
	if code, _ := tryLogin(d.Env, adminName, adminPass, nil); code != http.StatusSeeOther {
		t.Errorf("a moderator reset the admin's password: login %d", code)
	}
	if _, err := d.App.Store.ModeratorByName(t.Context(), "penyusup"); comment.ErrorCode(err) != comment.ENotFound {
		t.Errorf("a moderator added an account: %v", err)
	}

	modNav := d.Get(mod, "/admin/comments", http.StatusOK)
	adminNav := d.Get(d.c, "/admin/comments", http.StatusOK)
	for _, p := range adminPages {
		link := `href="` + p + `"`
		if strings.Contains(modNav, link) {
			t.Errorf("a moderator's navigation links %s", p)
		}
		if !strings.Contains(adminNav, link) {
			t.Errorf("an admin's navigation lacks %s", p)
		}
		d.Get(d.c, p, http.StatusOK)
	}
	// What a moderator does keep.
	for _, p := range []string{"/admin/comments", "/admin/audit", "/admin/account"} {
		d.Get(mod, p, http.StatusOK)
	}
}

// TestAudit_SettingsSaysWhatChanged: the audit entry of a save gives each
// changed list's line counts, old → new, and never a line, since lines
// name readers.
func TestAudit_SettingsSaysWhatChanged(t *testing.T) {
	d := newDash(t)
	save := func(v url.Values) {
		t.Helper()
		if r := d.post(d.c, "/admin/settings", v, d.csrf, false); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("save settings: %d %s", r.StatusCode, r.Body)
		}
	}
	save(url.Values{"moderation_keys": {"judi\nslot"}, "disallowed_keys": {"budi@example.test\n203.0.113.9"}})
	save(url.Values{"moderation_keys": {"judi\npinjol\nkasino"}, "disallowed_keys": {"budi@example.test\n203.0.113.9"}})
	// A form with one list leaves the other as it was.
	save(url.Values{"moderation_keys": {"judi"}})

	var details []string
	for _, e := range auditRows(d.Get(d.c, "/admin/audit", http.StatusOK)) {
		if e.action == "settings" {
			details = append(details, html.UnescapeString(e.detail))
		}
	}
	want := []string{ // newest first
		"moderation_keys: 3 → 1 (+0 −2)",
		"moderation_keys: 2 → 3 (+2 −1)",
		"disallowed_keys: 0 → 2 (+2 −0); moderation_keys: 0 → 2 (+2 −0)",
	}
	if strings.Join(details, "\n") != strings.Join(want, "\n") {
		t.Errorf("settings audit details:\n%s\nwant:\n%s", strings.Join(details, "\n"), strings.Join(want, "\n"))
	}
	s, err := d.App.Store.Settings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if s[comment.SettingDisallowedKeys] != "budi@example.test\n203.0.113.9" {
		t.Errorf("disallowed_keys after a form without it: %q", s[comment.SettingDisallowedKeys])
	}
	audit := d.Get(d.c, "/admin/audit", http.StatusOK)
	mustNotContain(t, audit, "budi@example.test", "203.0.113.9", "pinjol")
}
