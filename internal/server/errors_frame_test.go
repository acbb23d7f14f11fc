package server_test

import (
	"net/http"
	"strings"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

// TestErrorPages_FrameAncestors: an error page may be framed exactly where
// the page that failed could be: on the dashboard by nobody (however early
// the request failed), elsewhere by the allowed article sites, as the
// embed page (an error can show inside the comments' iframe).
func TestErrorPages_FrameAncestors(t *testing.T) {
	env := apptest.New(t, "-allowed-origins", "https://berita.example,https://koran.example")
	env.AddModerator("redaksi", "rahasia-panjang-1", comment.RoleAdmin)
	moderator, _ := env.Login("redaksi", "rahasia-panjang-1")
	public := "frame-ancestors 'self' https://berita.example https://koran.example"
	tests := []struct {
		name, method, path, contentType string
		header                          http.Header
		status                          int
		want                            string
		loggedIn                        bool
	}{
		{"dashboard unknown page", "GET", "/admin/tidak-ada", "", nil, 404, "frame-ancestors 'none'", true},
		{"dashboard wrong method", "PUT", "/admin/login", "", nil, 401, "frame-ancestors 'none'", false},
		{"dashboard without token", "POST", "/admin/login", "application/x-www-form-urlencoded", nil, 403, "frame-ancestors 'none'", false},
		{"dashboard cross-site", "POST", "/admin/comments/1/approve", "", http.Header{"Sec-Fetch-Site": {"cross-site"}}, 403, "frame-ancestors 'none'", false},
		{"dashboard root wrong method", "DELETE", "/admin", "", nil, 401, "frame-ancestors 'none'", false},
		{"unknown page", "GET", "/tidak-ada", "", nil, 404, public, false},
		{"embed of a bad key", "GET", "/embed/a!b", "", nil, 404, public, false},
		{"submission of another type", "POST", "/comments", "text/plain", nil, 415, public, false},
		{"forged unsubscribe link", "GET", "/notify/unsubscribe?c=1&s=palsu", "", nil, 404, public, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := env.Client()
			if tt.loggedIn {
				c = moderator
			}
			r := env.Do(c, tt.method, tt.path, tt.contentType, "", tt.header)
			if r.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", r.StatusCode, tt.status)
			}
			if !strings.Contains(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(r.Body, "<html") {
				t.Fatalf("not the error page: %s %q", r.Header.Get("Content-Type"), r.Body)
			}
			csp := r.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, tt.want) || strings.Count(csp, "frame-ancestors") != 1 {
				t.Errorf("CSP %q, want %q", csp, tt.want)
			}
			if strings.HasPrefix(tt.path, "/admin") && r.Header.Get("X-Frame-Options") != "DENY" {
				t.Errorf("X-Frame-Options %q, want DENY", r.Header.Get("X-Frame-Options"))
			}
		})
	}
}
