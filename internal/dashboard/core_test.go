package dashboard_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

const pw = "kata-sandi-rahasia"

func TestLogin_Session(t *testing.T) {
	env := apptest.New(t)
	env.AddModerator("editor", pw, comment.RoleModerator)
	c := env.Client()
	page := env.Get(c, "/admin/login", 200)
	token := apptest.CSRF(page)
	if token == "" || !strings.Contains(page, `name="username"`) || !strings.Contains(page, `name="password"`) {
		t.Fatal("login form lacks its fields")
	}
	if r := env.PostForm(c, "/admin/login", url.Values{"username": {"editor"}, "password": {pw}}); r.StatusCode != 403 {
		t.Errorf("login without _csrf: %d, want 403", r.StatusCode)
	}
	if r := env.PostForm(c, "/admin/login", url.Values{"username": {"editor"}, "password": {"salah-sekali"}, "_csrf": {token}}); r.StatusCode != 401 {
		t.Errorf("wrong password: %d, want 401", r.StatusCode)
	}
	r := env.PostForm(c, "/admin/login", url.Values{"username": {"editor"}, "password": {pw}, "_csrf": {token}})
	if r.StatusCode != 303 || r.Header.Get("Location") != "/admin/" {
		t.Fatalf("login: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	var cookie string
	for _, sc := range r.Header.Values("Set-Cookie") {
		if strings.HasPrefix(sc, "balasan_session=") {
			cookie = sc
		}
	}
	if !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Lax") || strings.Contains(cookie, "Secure") {
		t.Errorf("session cookie %q", cookie)
	}
	queue := env.Get(c, "/admin/comments", 200)
	if apptest.CSRF(queue) == "" {
		t.Error("an empty queue page must still carry _csrf (logout form)")
	}
	// Logout ends the session on the server: replaying the old cookie fails.
	old := c.Jar.Cookies(mustURL(env.URL + "/admin/"))
	if r := env.PostForm(c, "/admin/logout", url.Values{"_csrf": {apptest.CSRF(queue)}}); r.StatusCode != 303 {
		t.Fatalf("logout: %d", r.StatusCode)
	}
	replay := env.Client()
	replay.Jar.SetCookies(mustURL(env.URL+"/admin/"), old)
	if r := env.Do(replay, http.MethodGet, "/admin/comments", "", "", nil); r.StatusCode != 303 || r.Header.Get("Location") != "/admin/login" {
		t.Errorf("old cookie after logout: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
}

func TestLogin_Throttled(t *testing.T) {
	env := apptest.New(t)
	env.AddModerator("editor", pw, comment.RoleModerator)
	c := env.Client()
	token := apptest.CSRF(env.Get(c, "/admin/login", 200))
	var last int
	for i := 0; i < 7; i++ {
		last = env.PostForm(c, "/admin/login", url.Values{"username": {"editor"}, "password": {"salah"}, "_csrf": {token}}).StatusCode
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("after 7 failures: %d, want 429", last)
	}
	// Even the right password waits now: the throttle is per client and user.
	if r := env.PostForm(c, "/admin/login", url.Values{"username": {"editor"}, "password": {pw}, "_csrf": {token}}); r.StatusCode != 429 {
		t.Errorf("right password while throttled: %d", r.StatusCode)
	}
}

func TestModeration_CSRFAndActions(t *testing.T) {
	env := apptest.New(t)
	env.AddModerator("editor", pw, comment.RoleModerator)
	var ids []int64
	for i := 0; i < 3; i++ {
		v := apptest.Form("artikel-1")
		v.Set("email", "pembaca"+strconv.Itoa(i)+"@example.test")
		ids = append(ids, env.Submit(v))
	}
	c, token := env.Login("editor", pw)
	queue := env.Get(c, "/admin/comments?status=pending", 200)
	if !strings.Contains(queue, "pembaca0@example.test") {
		t.Error("moderators must see emails")
	}
	id0 := strconv.FormatInt(ids[0], 10)
	for _, path := range []string{"/admin/comments/" + id0 + "/approve", "/admin/comments/bulk", "/admin/logout",
		"/admin/settings", "/admin/articles/artikel-1/close"} {
		if r := env.PostForm(c, path, url.Values{"action": {"spam"}, "id": {id0}}); r.StatusCode != 403 {
			t.Errorf("%s without token: %d, want 403", path, r.StatusCode)
		}
		if r := env.PostForm(c, path, url.Values{"_csrf": {"forged"}, "action": {"spam"}, "id": {id0}}); r.StatusCode != 403 {
			t.Errorf("%s with a wrong token: %d, want 403", path, r.StatusCode)
		}
	}
	r := env.PostForm(c, "/admin/comments/"+id0+"/approve", url.Values{"_csrf": {token}})
	if r.StatusCode != 303 {
		t.Fatalf("approve: %d", r.StatusCode)
	}
	r = env.Do(c, http.MethodPost, "/admin/comments/"+strconv.FormatInt(ids[1], 10)+"/trash", "", "",
		http.Header{"X-CSRF-Token": {token}, "Accept": {"application/json"}})
	if r.StatusCode != 200 || !strings.Contains(r.Body, `"status":"trash"`) {
		t.Fatalf("trash as JSON: %d %s", r.StatusCode, r.Body)
	}
	r = env.PostForm(c, "/admin/comments/bulk", url.Values{"_csrf": {token}, "action": {"spam"},
		"id": {strconv.FormatInt(ids[1], 10), strconv.FormatInt(ids[2], 10)}})
	if r.StatusCode != 303 {
		t.Fatalf("bulk: %d", r.StatusCode)
	}
	for id, want := range map[int64]comment.Status{ids[0]: comment.Approved, ids[1]: comment.Spam, ids[2]: comment.Spam} {
		got, _ := env.App.Store.Comment(t.Context(), id)
		if got.Status != want {
			t.Errorf("comment %d: %s, want %s", id, got.Status, want)
		}
	}
	public := env.Get(env.Client(), "/api/articles/artikel-1/comments", 200)
	if !strings.Contains(public, `"id":`+id0) || strings.Count(public, `"id":`) != 1 {
		t.Errorf("public API after moderation: %s", public)
	}
	r = env.PostForm(c, "/admin/comments/"+strconv.FormatInt(ids[2], 10)+"/delete", url.Values{"_csrf": {token}})
	if _, err := env.App.Store.Comment(t.Context(), ids[2]); r.StatusCode != 303 || comment.ErrorCode(err) != comment.ENotFound {
		t.Errorf("delete: %d, then %v", r.StatusCode, err)
	}
	if r := env.PostForm(c, "/admin/comments/"+id0+"/explode", url.Values{"_csrf": {token}}); r.StatusCode != 404 {
		t.Errorf("unknown action: %d", r.StatusCode)
	}
	audit := env.Get(c, "/admin/audit", 200)
	for _, a := range []string{"approve", "trash", "spam", "delete", "editor"} {
		if !strings.Contains(audit, a) {
			t.Errorf("audit lacks %q", a)
		}
	}
}

func TestDashboard_Headers(t *testing.T) {
	env := apptest.New(t)
	r := env.Do(env.Client(), http.MethodGet, "/admin/login", "", "", nil)
	if !strings.Contains(r.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") || r.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("headers: %v", r.Header)
	}
	if r := env.Do(env.Client(), http.MethodGet, "/admin/comments", "", "", nil); r.StatusCode != 303 {
		t.Errorf("queue without login: %d", r.StatusCode)
	}
}

func mustURL(s string) *url.URL {
	u, _ := url.Parse(s)
	return u
}
