package dashboard_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

// tryLogin logs in with a fresh client and returns the status of the POST.
func tryLogin(env *apptest.Env, username, password string, header http.Header) (int, *http.Client) {
	env.T.Helper()
	c := env.Client()
	resp := env.Do(c, http.MethodGet, "/admin/login", "", "", header)
	v := url.Values{"username": {username}, "password": {password}, "_csrf": {apptest.CSRF(resp.Body)}}
	r := env.Do(c, http.MethodPost, "/admin/login", "application/x-www-form-urlencoded", v.Encode(), header)
	return r.StatusCode, c
}

func loggedIn(env *apptest.Env, c *http.Client) bool {
	env.T.Helper()
	resp := env.Do(c, http.MethodGet, "/admin/comments", "", "", nil)
	return resp.StatusCode == http.StatusOK
}

func moderatorID(t *testing.T, d *dash, name string) string {
	t.Helper()
	list, err := d.App.Store.Moderators(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range list {
		if m.Username == name {
			return strconv.FormatInt(m.ID, 10)
		}
	}
	t.Fatalf("no moderator %s", name)
	return ""
}

func TestAccounts_AdminManagesModerators(t *testing.T) {
	d := newDash(t)
	form := func(v url.Values) url.Values { v.Set("_csrf", d.csrf); return v }
	add := func(name, pass, role string) *apptest.Response {
		return d.PostForm(d.c, "/admin/moderators", form(url.Values{"username": {name}, "password": {pass}, "role": {role}}))
	}
	if r := add(modName, modPass, "moderator"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d %s", r.StatusCode, r.Body)
	}
	for _, tt := range []struct{ name, user, pass string }{
		{"short password", "budi", "pendek"},
		{"taken", modName, modPass},
		{"taken other case", "SARI", modPass},
		{"space in name", "budi s", modPass},
		{"empty name", "", modPass},
	} {
		if r := add(tt.user, tt.pass, "moderator"); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tt.name, r.StatusCode)
		}
	}
	page := d.Get(d.c, "/admin/moderators", http.StatusOK)
	mustContain(t, page, modName, "Moderator", adminName+" (Anda)")

	st, mod := tryLogin(d.Env, modName, modPass, nil)
	if st != http.StatusSeeOther {
		t.Fatalf("new moderator cannot log in: %d", st)
	}
	modCSRF := apptest.CSRF(d.Get(mod, "/admin/comments", http.StatusOK))
	// A moderator works the queue but never reaches the admin pages.
	mustNotContain(t, d.Get(mod, "/admin/comments", http.StatusOK), `href="/admin/moderators"`)
	d.Get(mod, "/admin/moderators", http.StatusForbidden)
	id := moderatorID(t, d, modName)
	for _, path := range []string{"/admin/moderators", "/admin/moderators/" + id + "/disable", "/admin/moderators/1/password"} {
		r := d.PostForm(mod, path, url.Values{"_csrf": {modCSRF}, "username": {"x"}, "password": {"xxxxxxxxxxxxx"}})
		if r.StatusCode != http.StatusForbidden {
			t.Errorf("moderator POST %s: %d, want 403", path, r.StatusCode)
		}
	}

	// Disable ends the moderator's sessions and refuses new logins.
	if r := d.PostForm(d.c, "/admin/moderators/"+id+"/disable", form(url.Values{})); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", r.StatusCode)
	}
	if loggedIn(d.Env, mod) {
		t.Error("disabled moderator still logged in")
	}
	if st, _ := tryLogin(d.Env, modName, modPass, nil); st != http.StatusUnauthorized {
		t.Errorf("disabled login: %d, want 401", st)
	}
	d.PostForm(d.c, "/admin/moderators/"+id+"/enable", form(url.Values{}))
	st, mod = tryLogin(d.Env, modName, modPass, nil)
	if st != http.StatusSeeOther {
		t.Fatalf("enabled login: %d", st)
	}

	// A password reset ends the sessions; only the new password works.
	const newPass = "sandi-baru-sari-3"
	if r := d.PostForm(d.c, "/admin/moderators/"+id+"/password", form(url.Values{"password": {"pendek"}})); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("short reset: %d", r.StatusCode)
	}
	if r := d.PostForm(d.c, "/admin/moderators/"+id+"/password", form(url.Values{"password": {newPass}})); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset: %d", r.StatusCode)
	}
	if loggedIn(d.Env, mod) {
		t.Error("session survived a password reset")
	}
	if st, _ := tryLogin(d.Env, modName, modPass, nil); st != http.StatusUnauthorized {
		t.Errorf("old password: %d", st)
	}
	if st, _ := tryLogin(d.Env, modName, newPass, nil); st != http.StatusSeeOther {
		t.Errorf("new password: %d", st)
	}

	// Promote, then remove.
	d.PostForm(d.c, "/admin/moderators/"+id+"/role", form(url.Values{"role": {"admin"}}))
	_, mod = tryLogin(d.Env, modName, newPass, nil)
	d.Get(mod, "/admin/moderators", http.StatusOK)
	if r := d.PostForm(d.c, "/admin/moderators/"+id+"/delete", form(url.Values{})); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", r.StatusCode)
	}
	if loggedIn(d.Env, mod) {
		t.Error("removed account still logged in")
	}
	mustNotContain(t, d.Get(d.c, "/admin/moderators", http.StatusOK), ">"+modName+"<")
	d.PostForm(d.c, "/admin/moderators/999/disable", form(url.Values{}))
	if r := d.PostForm(d.c, "/admin/moderators/999/disable", form(url.Values{})); r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown account: %d", r.StatusCode)
	}
}

func TestAccounts_LastAdminStays(t *testing.T) {
	d := newDash(t)
	self := moderatorID(t, d, adminName)
	post := func(op string, v url.Values) int {
		v.Set("_csrf", d.csrf)
		return d.PostForm(d.c, "/admin/moderators/"+self+"/"+op, v).StatusCode
	}
	for _, op := range []string{"disable", "delete"} {
		if st := post(op, url.Values{}); st != http.StatusConflict {
			t.Errorf("%s the last admin: %d, want 409", op, st)
		}
	}
	if st := post("role", url.Values{"role": {"moderator"}}); st != http.StatusConflict {
		t.Errorf("demote the last admin: %d, want 409", st)
	}
	if !loggedIn(d.Env, d.c) {
		t.Fatal("the last admin lost the session")
	}
	// A disabled admin does not count as the one that stays.
	other := d.AddModerator("kepala", "kata-sandi-kepala", comment.RoleAdmin)
	other.Disabled = true
	if err := d.App.Store.UpdateModerator(t.Context(), other, true); err != nil {
		t.Fatal(err)
	}
	if st := post("disable", url.Values{}); st != http.StatusConflict {
		t.Errorf("disable with only a disabled second admin: %d", st)
	}
	other.Disabled = false
	d.App.Store.UpdateModerator(t.Context(), other, false)
	if st := post("role", url.Values{"role": {"moderator"}}); st != http.StatusSeeOther {
		t.Errorf("demote with a second admin: %d", st)
	}
	d.Get(d.c, "/admin/moderators", http.StatusForbidden)
}

func TestAccounts_OwnPassword(t *testing.T) {
	d := newDash(t)
	_, other := tryLogin(d.Env, adminName, adminPass, nil) // a second session elsewhere
	const newPass = "sandi-baru-redaksi"
	tests := []struct {
		name                 string
		current, next, again string
		want                 int
		wantIn               string
	}{
		{"wrong current", "salah-sekali-12", newPass, newPass, 422, "Kata sandi sekarang salah."},
		{"too short", adminPass, "pendek", "pendek", 422, "minimal 10 karakter"},
		{"mismatch", adminPass, newPass, newPass + "x", 422, "tidak sama"},
		{"changed", adminPass, newPass, newPass, 303, ""},
	}
	for _, tt := range tests {
		r := d.PostForm(d.c, "/admin/account/password", url.Values{"_csrf": {d.csrf},
			"current_password": {tt.current}, "new_password": {tt.next}, "confirm_password": {tt.again}})
		if r.StatusCode != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, r.StatusCode, tt.want)
		}
		mustContain(t, r.Body, tt.wantIn)
	}
	// This session goes on under a new id; the other one ended.
	page := d.Get(d.c, "/admin/account?done=password_changed", http.StatusOK)
	mustContain(t, page, "Kata sandi diganti")
	if loggedIn(d.Env, other) {
		t.Error("the other session survived the password change")
	}
	if st, _ := tryLogin(d.Env, adminName, adminPass, nil); st != http.StatusUnauthorized {
		t.Errorf("old password: %d", st)
	}
	if st, _ := tryLogin(d.Env, adminName, newPass, nil); st != http.StatusSeeOther {
		t.Errorf("new password: %d", st)
	}
}
