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

func sessionCookie(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == "balasan_session" {
			return c
		}
	}
	return nil
}

func TestSecurity_SessionRotatedAtLogin(t *testing.T) {
	env := apptest.New(t)
	env.AddModerator(adminName, adminPass, comment.RoleAdmin)
	const planted = "penyerang-menanam-nilai-ini"
	var seen []string
	for range 2 {
		c := env.Client()
		u, _ := url.Parse(env.URL + "/admin/")
		c.Jar.SetCookies(u, []*http.Cookie{{Name: "balasan_session", Value: planted, Path: "/admin"}})
		login := env.Get(c, "/admin/login", http.StatusOK)
		resp := env.PostForm(c, "/admin/login", url.Values{"username": {adminName}, "password": {adminPass}, "_csrf": {apptest.CSRF(login)}})
		ck := sessionCookie(resp.Response)
		if resp.StatusCode != http.StatusSeeOther || ck == nil || ck.Value == "" {
			t.Fatalf("login: %d, cookie %v", resp.StatusCode, ck)
		}
		if ck.Value == planted {
			t.Fatal("the planted cookie became the session")
		}
		seen = append(seen, ck.Value)
		// The planted value alone never authenticates.
		fixed := env.Client()
		fixed.Jar.SetCookies(u, []*http.Cookie{{Name: "balasan_session", Value: planted, Path: "/admin"}})
		if loggedIn(env, fixed) {
			t.Fatal("the planted value is a session")
		}
	}
	if seen[0] == seen[1] {
		t.Error("two logins got the same session id")
	}
}

func TestSecurity_CookieFlags(t *testing.T) {
	for _, tt := range []struct {
		name, base string
		secure     bool
	}{
		{"http", "", false},
		{"https", "https://komentar.example", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var opts []string
			if tt.base != "" {
				opts = append(opts, "-base-url", tt.base, "-allowed-origins", tt.base)
			}
			env := apptest.New(t, opts...)
			env.AddModerator(adminName, adminPass, comment.RoleAdmin)
			// Cookies are handled by hand: a jar would not send Secure
			// cookies over the test's plain http.
			c := env.Client()
			c.Jar = nil
			form := env.Do(c, http.MethodGet, "/admin/login", "", "", nil)
			raw := form.Header.Values("Set-Cookie")
			ck := form.Cookies()
			if len(raw) != 1 || len(ck) != 1 {
				t.Fatalf("login form cookies: %q", raw)
			}
			v := url.Values{"username": {adminName}, "password": {adminPass}, "_csrf": {apptest.CSRF(form.Body)}}
			resp := env.Do(c, http.MethodPost, "/admin/login", "application/x-www-form-urlencoded", v.Encode(),
				http.Header{"Cookie": {ck[0].Name + "=" + ck[0].Value}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("login: %d", resp.StatusCode)
			}
			raw = append(raw, resp.Header.Values("Set-Cookie")...)
			var found bool
			for _, h := range raw {
				found = found || strings.HasPrefix(h, "balasan_session=")
				if !strings.Contains(h, "; HttpOnly") || !strings.Contains(h, "; SameSite=Lax") || !strings.Contains(h, "; Path=/admin") {
					t.Errorf("cookie flags: %s", h)
				}
				if strings.Contains(h, "; Secure") != tt.secure {
					t.Errorf("Secure should be %v: %s", tt.secure, h)
				}
			}
			if !found {
				t.Errorf("no session cookie in %q", raw)
			}
		})
	}
}

func TestSecurity_CSRFOnEveryChange(t *testing.T) {
	d := newDash(t)
	id := strconv.FormatInt(d.submit("csrf", "Tetap menunggu."), 10)
	self := moderatorID(t, d, adminName)
	routes := []string{
		"/admin/logout", "/admin/comments/bulk", "/admin/settings", "/admin/articles/csrf/close",
		"/admin/account/password", "/admin/account/lang", "/admin/moderators", "/admin/moderators/" + self + "/disable",
		"/admin/moderators/" + self + "/password", "/admin/comments/" + id + "/edit", "/admin/comments/" + id + "/reply",
	}
	for _, a := range []string{"approve", "unapprove", "spam", "trash", "restore", "delete"} {
		routes = append(routes, "/admin/comments/"+id+"/"+a)
	}
	_, otherCSRF := d.Login(adminName, adminPass)
	if otherCSRF == "" || otherCSRF == d.csrf {
		t.Fatalf("second session's token %q", otherCSRF)
	}
	body := url.Values{"action": {"spam"}, "id": {id}, "comment": {"diubah"}, "lang": {"en"}, "username": {"x"},
		"password": {"xxxxxxxxxxxx"}, "moderation_keys": {"a"}}
	for _, path := range routes {
		for _, tt := range []struct {
			name  string
			token string
		}{{"none", ""}, {"wrong", "bukan-token"}, {"altered", alterOne(d.csrf)}, {"other session's", otherCSRF}} {
			v := url.Values{}
			for k, vs := range body {
				v[k] = vs
			}
			if tt.token != "" {
				v.Set("_csrf", tt.token)
			}
			for _, json := range []bool{false, true} {
				if r := d.post(d.c, path, v, "", json); r.StatusCode != http.StatusForbidden {
					t.Errorf("POST %s with %s token (json %v): %d, want 403", path, tt.name, json, r.StatusCode)
				}
			}
		}
	}
	// Nothing changed, and the session still works.
	if got := ids(d.Get(d.c, "/admin/comments", http.StatusOK)); len(got) != 1 {
		t.Errorf("pending after refused changes: %v", got)
	}
	mustContain(t, d.Get(d.c, "/admin/audit", http.StatusOK), "Tidak ada komentar di sini.")
	// The login form has its own token.
	c := d.Client()
	d.Get(c, "/admin/login", http.StatusOK)
	if r := d.PostForm(c, "/admin/login", url.Values{"username": {adminName}, "password": {adminPass}}); r.StatusCode != http.StatusForbidden {
		t.Errorf("login without token: %d", r.StatusCode)
	}
}

func TestSecurity_LoginThrottle(t *testing.T) {
	env := apptest.New(t, "-trusted-proxies", "127.0.0.1/32")
	env.AddModerator(adminName, adminPass, comment.RoleAdmin)
	env.AddModerator(modName, modPass, comment.RoleModerator)
	from := func(ip string) http.Header { return http.Header{"X-Forwarded-For": {ip}} }

	t.Run("per client and username, not everywhere", func(t *testing.T) {
		for i := range 5 {
			if st, _ := tryLogin(env, modName, "salah-salah-salah", from("203.0.113.20")); st != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i, st)
			}
		}
		// The attacker's client waits, even with the right password...
		if st, _ := tryLogin(env, modName, modPass, from("203.0.113.20")); st != http.StatusTooManyRequests {
			t.Errorf("6th attempt for one username from one client: %d, want 429", st)
		}
		// ...while the moderator, elsewhere, is not locked out.
		if st, _ := tryLogin(env, modName, modPass, from("203.0.113.21")); st != http.StatusSeeOther {
			t.Errorf("the moderator from another client: %d, want 303", st)
		}
	})
	t.Run("per client", func(t *testing.T) {
		for i := range 20 {
			if st, _ := tryLogin(env, "tamu"+strconv.Itoa(i), "salah-salah-salah", from("203.0.113.9")); st != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i, st)
			}
		}
		// Even the right password waits now, from that client only.
		if st, _ := tryLogin(env, modName, modPass, from("203.0.113.9")); st != http.StatusTooManyRequests {
			t.Errorf("21st attempt from one client: %d, want 429", st)
		}
		if st, _ := tryLogin(env, modName, modPass, from("203.0.113.10")); st != http.StatusSeeOther {
			t.Errorf("another client: %d", st)
		}
	})
	t.Run("per username, slower", func(t *testing.T) {
		for i := range 50 {
			if st, _ := tryLogin(env, adminName, "salah-salah-salah", from("198.51.100."+strconv.Itoa(i+1))); st != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i, st)
			}
		}
		c := env.Client()
		page := env.Do(c, http.MethodGet, "/admin/login", "", "", from("198.51.100.99"))
		r := env.Do(c, http.MethodPost, "/admin/login", "application/x-www-form-urlencoded",
			url.Values{"username": {strings.ToUpper(adminName)}, "password": {adminPass}, "_csrf": {apptest.CSRF(page.Body)}}.Encode(), from("198.51.100.99"))
		if r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
			t.Errorf("username attempt from a new client: %d, Retry-After %q", r.StatusCode, r.Header.Get("Retry-After"))
		}
		mustContain(t, r.Body, "Terlalu banyak percobaan masuk")
		mustNotContain(t, r.Body, adminPass)
	})
	t.Run("over-long credentials", func(t *testing.T) {
		long := strings.Repeat("a", 240<<10)
		for i, v := range []url.Values{{"username": {long}, "password": {"x"}}, {"username": {modName}, "password": {long}}} {
			c := env.Client()
			page := env.Do(c, http.MethodGet, "/admin/login", "", "", from("192.0.2.50"))
			v.Set("_csrf", apptest.CSRF(page.Body))
			r := env.Do(c, http.MethodPost, "/admin/login", "application/x-www-form-urlencoded", v.Encode(), from("192.0.2.50"))
			if r.StatusCode != http.StatusUnauthorized || len(r.Body) > 64<<10 {
				t.Errorf("case %d: status %d, %d bytes; want 401 without the input echoed", i, r.StatusCode, len(r.Body))
			}
		}
		// Refused before the throttle: they count against nothing.
		if st, _ := tryLogin(env, modName, modPass, from("192.0.2.50")); st != http.StatusSeeOther {
			t.Errorf("the right password after over-long attempts: %d", st)
		}
	})
}

func TestSecurity_HeadersOnEveryPage(t *testing.T) {
	d := newDash(t)
	d.AddModerator(modName, modPass, comment.RoleModerator)
	_, mod := tryLogin(d.Env, modName, modPass, nil)
	pages := []struct {
		c    *http.Client
		path string
		want int
	}{
		{d.Client(), "/admin/login", 200},
		{d.Client(), "/admin/comments", 303},
		{d.c, "/admin/comments", 200},
		{d.c, "/admin/comments?status=approved", 200},
		{d.c, "/admin/comments?status=spam", 200},
		{d.c, "/admin/comments?status=trash", 200},
		{d.c, "/admin/comments?q=x&article=y", 200},
		{d.c, "/admin/audit", 200},
		{d.c, "/admin/settings", 200},
		{d.c, "/admin/account", 200},
		{d.c, "/admin/moderators", 200},
		{mod, "/admin/moderators", 403},
		{d.c, "/admin/comments?status=bogus", 422},
		{d.c, "/admin/nowhere", 404},
	}
	for _, p := range pages {
		r := d.Do(p.c, http.MethodGet, p.path, "", "", nil)
		if r.StatusCode != p.want {
			t.Errorf("%s: %d, want %d", p.path, r.StatusCode, p.want)
		}
		csp := r.Header.Get("Content-Security-Policy")
		for _, part := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, part) {
				t.Errorf("%s: CSP %q lacks %q", p.path, csp, part)
			}
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP allows inline code", p.path)
		}
		if r.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: X-Frame-Options %q", p.path, r.Header.Get("X-Frame-Options"))
		}
		// CSP 'self' only: no inline script, style or handler on any page.
		for _, bad := range []string{"<script>", "<style", " style=", " onclick=", " onload=", " onsubmit=", "javascript:"} {
			if strings.Contains(r.Body, bad) {
				t.Errorf("%s: page has %q, which the CSP blocks", p.path, bad)
			}
		}
	}
}

func TestSecurity_LogoutEndsTheSession(t *testing.T) {
	d := newDash(t)
	u, _ := url.Parse(d.URL + "/admin/")
	var old string
	for _, c := range d.c.Jar.Cookies(u) {
		if c.Name == "balasan_session" {
			old = c.Value
		}
	}
	if old == "" {
		t.Fatal("no session cookie")
	}
	r := d.PostForm(d.c, "/admin/logout", url.Values{"_csrf": {d.csrf}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/admin/login" {
		t.Fatalf("logout: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	replay := d.Client()
	replay.Jar.SetCookies(u, []*http.Cookie{{Name: "balasan_session", Value: old, Path: "/admin"}})
	if r := d.Do(replay, http.MethodGet, "/admin/comments", "", "", nil); r.StatusCode != http.StatusSeeOther ||
		r.Header.Get("Location") != "/admin/login" {
		t.Errorf("old cookie after logout: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if r := d.post(replay, "/admin/comments/bulk", url.Values{"action": {"approve"}}, d.csrf, true); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("old cookie and token after logout, JSON: %d, want 401", r.StatusCode)
	}
}

// alterOne changes the token's first character, so it is always a different
// token of the same length and alphabet.
func alterOne(token string) string {
	if token[0] == 'x' {
		return "y" + token[1:]
	}
	return "x" + token[1:]
}
