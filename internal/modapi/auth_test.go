package modapi_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"balasan/internal/auth"
	"balasan/internal/comment"
)

// TestAuth: without a live token every route is 401 (with
// WWW-Authenticate and the JSON error shape), a moderator token is 403
// where the dashboard admits admins only, and a dashboard session cookie
// opens nothing here.
func TestAuth(t *testing.T) {
	a := newAPI(t)
	revoked := a.AddToken("lama", comment.RoleAdmin)
	if err := a.App.Store.RevokeToken(context.Background(), "lama", comment.AuditEntry{Moderator: "cli", Action: "token_revoke", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	unknown, _ := auth.NewAPIToken()
	a.AddModerator("siti", "password-siti-1", comment.RoleAdmin)
	browser, _ := a.Login("siti", "password-siti-1")

	for _, tc := range []struct {
		name, method, path, authz string
		want                      int
		wantCode                  string
	}{
		{"no header", "GET", "/api/v1/comments", "", 401, "token_invalid"},
		{"basic", "GET", "/api/v1/comments", "Basic " + a.mod, 401, "token_invalid"},
		{"no scheme", "GET", "/api/v1/comments", a.mod, 401, "token_invalid"},
		{"bearer nothing", "GET", "/api/v1/comments", "Bearer ", 401, "token_invalid"},
		{"not a token", "GET", "/api/v1/comments", "Bearer abc", 401, "token_invalid"},
		{"cut short", "GET", "/api/v1/comments", "Bearer " + a.mod[:len(a.mod)-1], 401, "token_invalid"},
		{"unknown", "GET", "/api/v1/comments", "Bearer " + unknown, 401, "token_invalid"},
		{"revoked", "GET", "/api/v1/comments", "Bearer " + revoked, 401, "token_invalid"},
		{"post without", "POST", "/api/v1/comments/1/approve", "", 401, "token_invalid"},
		{"unknown path without", "GET", "/api/v1/nope", "", 401, "token_invalid"},
		{"unknown path with", "GET", "/api/v1/nope", "Bearer " + a.mod, 404, "not_found"},
		{"lower-case scheme", "GET", "/api/v1/comments", "bearer " + a.mod, 200, ""},
		{"moderator on accounts", "GET", "/api/v1/moderators", "Bearer " + a.mod, 403, "token_role"},
		{"admin on accounts", "GET", "/api/v1/moderators", "Bearer " + a.admin, 200, ""},
		{"moderator on audit", "GET", "/api/v1/audit", "Bearer " + a.mod, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := a.call(tc.method, tc.path, "", "", "Authorization", tc.authz)
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, tc.want, resp.Body)
			}
			if resp.Header.Get("Set-Cookie") != "" {
				t.Errorf("a cookie was set: %s", resp.Header.Get("Set-Cookie"))
			}
			if tc.want == 401 && resp.Header.Get("WWW-Authenticate") != `Bearer realm="balasan"` {
				t.Errorf("WWW-Authenticate %q", resp.Header.Get("WWW-Authenticate"))
			}
			if tc.wantCode != "" {
				body := decode(t, resp.Body)
				if body["code"] != tc.wantCode || body["error"] == "" {
					t.Errorf("body %v", body)
				}
			}
		})
	}

	t.Run("a session cookie is not a token", func(t *testing.T) {
		admin, _ := url.Parse(a.URL + "/admin/")
		cookies := browser.Jar.Cookies(admin)
		if len(cookies) == 0 {
			t.Fatal("the login set no cookie")
		}
		for _, path := range []string{"/api/v1/comments", "/api/v1/moderators"} {
			resp := a.call("GET", path, "", "", "Cookie", cookies[0].String())
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s with the dashboard's cookie: %d", path, resp.StatusCode)
			}
		}
	})

	t.Run("English on request", func(t *testing.T) {
		resp := a.call("GET", "/api/v1/comments", "", "", "Accept-Language", "en")
		if body := decode(t, resp.Body); !strings.Contains(body["error"].(string), "valid API token") {
			t.Errorf("English: %v", body)
		}
		resp = a.call("GET", "/api/v1/comments", "", "")
		if body := decode(t, resp.Body); !strings.Contains(body["error"].(string), "Token API tidak ada") {
			t.Errorf("Indonesian by default: %v", body)
		}
	})

	// No CSRF and no cross-origin refusal: the token is not something a
	// browser adds on its own, so a request a page sends carries none.
	t.Run("cross-site request with a token", func(t *testing.T) {
		id := a.submit("k", "Dari situs lain.")
		resp := a.call("POST", "/api/v1/comments/"+itoa(id)+"/approve", a.mod, "", "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d %s", resp.StatusCode, resp.Body)
		}
	})
}

// TestAuth_LastUsed: a request records when its token was last used, at
// most once a minute.
func TestAuth_LastUsed(t *testing.T) {
	a := newAPI(t)
	ctx := context.Background()
	tok, err := a.App.Store.TokenByHash(ctx, auth.TokenHash(a.mod))
	if err != nil || !tok.LastUsed.IsZero() {
		t.Fatalf("fresh token %+v, %v", tok, err)
	}
	before := time.Now().Add(-time.Second)
	a.ok("GET", "/api/v1/comments", a.mod, "", 200)
	tok, _ = a.App.Store.TokenByHash(ctx, auth.TokenHash(a.mod))
	if tok.LastUsed.Before(before) {
		t.Fatalf("last used %v", tok.LastUsed)
	}
	first := tok.LastUsed
	a.ok("GET", "/api/v1/comments", a.mod, "", 200)
	if tok, _ = a.App.Store.TokenByHash(ctx, auth.TokenHash(a.mod)); !tok.LastUsed.Equal(first) {
		t.Errorf("a second request within the minute wrote again: %v → %v", first, tok.LastUsed)
	}
}
