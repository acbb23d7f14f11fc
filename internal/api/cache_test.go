package api_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/comment"
	"balasan/web"
)

const publicCache = "public, max-age=0, s-maxage=10, stale-while-revalidate=30"

// TestCache_ETags: every public read answers 304 to its own ETag, and an
// approval changes each ETag at once (the cache is dropped through
// Service.Changed, not left to expire).
func TestCache_ETags(t *testing.T) {
	env := apptest.New(t)
	seed(t, env, key, "Budi Santoso", "budi@example.test", "Pertama", 0, true)
	paths := []string{
		"/api/articles/" + key + "/comments",
		"/embed/" + key,
		"/embed/" + key + "?lang=en",
		"/embed/" + key + "?fragment=1",
		"/api/counts?article=" + key + "&article=lain",
	}
	tags := map[string]string{}
	for _, p := range paths {
		t.Run("304 "+p, func(t *testing.T) {
			first := get(t, env, p, nil)
			tag := first.Header.Get("ETag")
			if first.StatusCode != http.StatusOK || tag == "" {
				t.Fatalf("status %d ETag %q", first.StatusCode, tag)
			}
			if cc := first.Header.Get("Cache-Control"); cc != publicCache {
				t.Errorf("Cache-Control %q, want %q", cc, publicCache)
			}
			again := get(t, env, p, http.Header{"If-None-Match": {tag}})
			if again.StatusCode != http.StatusNotModified || again.Body != "" {
				t.Errorf("If-None-Match: status %d body %q, want 304 and no body", again.StatusCode, again.Body)
			}
			// Which headers each answer varies by is TestVary_PublicRoutes'
			// business; a 304 must name the same (RFC 9110, 15.4.5).
			if v, v304 := strings.Join(first.Header.Values("Vary"), ", "), strings.Join(again.Header.Values("Vary"), ", "); v != v304 {
				t.Errorf("Vary %q on 200 but %q on 304", v, v304)
			}
			weak := get(t, env, p, http.Header{"If-None-Match": {`"other", W/` + tag}})
			if weak.StatusCode != http.StatusNotModified {
				t.Errorf("a list with the weak tag: status %d, want 304", weak.StatusCode)
			}
			stale := get(t, env, p, http.Header{"If-None-Match": {`"stale"`}})
			if stale.StatusCode != http.StatusOK {
				t.Errorf("another tag: status %d, want 200", stale.StatusCode)
			}
			tags[p] = tag
		})
	}

	// A new pending comment changes nothing public; its approval changes everything.
	c := seed(t, env, key, "Siti Aminah", "siti@example.test", "Kedua, baru disetujui", 0, false)
	for _, p := range paths {
		if r := get(t, env, p, http.Header{"If-None-Match": {tags[p]}}); r.StatusCode != http.StatusNotModified {
			t.Errorf("%s: a pending comment changed the public answer (status %d)", p, r.StatusCode)
		}
	}
	env.Approve(c.ID)
	for _, p := range paths {
		r := get(t, env, p, http.Header{"If-None-Match": {tags[p]}})
		if r.StatusCode != http.StatusOK || r.Header.Get("ETag") == tags[p] {
			t.Errorf("%s after approval: status %d ETag %q (was %q)", p, r.StatusCode, r.Header.Get("ETag"), tags[p])
		}
		if !strings.Contains(p, "counts") && !strings.Contains(r.Body, "Siti Aminah") {
			t.Errorf("%s after approval lacks the new comment", p)
		}
		if strings.Contains(p, "counts") && !strings.Contains(r.Body, `"`+key+`":2`) {
			t.Errorf("counts after approval: %s", r.Body)
		}
	}
	// Unapproving takes it away again at once.
	moderate(t, env, c.ID, comment.ActUnapprove)
	if r := get(t, env, paths[0], nil); strings.Contains(r.Body, "Siti Aminah") {
		t.Error("an unapproved comment is still served from the cache")
	}
}

// TestCache_OtherHeaders: the widget and static files are cacheable for a
// while; private answers are never stored.
func TestCache_OtherHeaders(t *testing.T) {
	env := apptest.New(t)
	c := seed(t, env, key, "Ani", "ani@example.test", "Menunggu", 0, false)
	tests := []struct {
		path, cacheControl, contentType string
	}{
		{"/embed.js", "public, max-age=300", "text/javascript"},
		{"/count.js", "public, max-age=300", "text/javascript"},
		{"/static/balasan.css", "public, max-age=300", "text/css"},
		{web.AssetPath("balasan.css"), "public, max-age=31536000, immutable", "text/css"},
		{web.AssetPath("frame.js"), "public, max-age=31536000, immutable", "text/javascript"},
		{web.AssetPath("admin.css"), "public, max-age=31536000, immutable", "text/css"},
		{"/api/form-stamp", "no-store", "application/json"},
		{"/embed/" + key + "?unapproved=" + itoa(c.ID) + "&moderation-hash=" + c.Hash, "private, no-store", "text/html"},
		{"/api/articles/" + key + "/comments?unapproved=" + itoa(c.ID) + "&moderation-hash=" + c.Hash, "private, no-store", "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := get(t, env, tt.path, nil)
			if r.StatusCode != http.StatusOK {
				t.Fatalf("status %d", r.StatusCode)
			}
			if got := r.Header.Get("Cache-Control"); got != tt.cacheControl {
				t.Errorf("Cache-Control %q, want %q", got, tt.cacheControl)
			}
			if got := r.Header.Get("Content-Type"); !strings.HasPrefix(got, tt.contentType) {
				t.Errorf("Content-Type %q, want %s", got, tt.contentType)
			}
		})
	}
}

// TestCORS: article sites in BALASAN_ALLOWED_ORIGINS may read and post
// from their pages; no other origin gets an Access-Control header.
func TestCORS(t *testing.T) {
	const site = "https://berita.example"
	env := apptest.New(t, "-allowed-origins", site+",https://kabar.example")
	tests := []struct {
		name, method, path, origin string
		header                     http.Header
		allowed                    bool
	}{
		{"preflight post allowed", http.MethodOptions, "/comments", site,
			http.Header{"Access-Control-Request-Method": {"POST"}, "Access-Control-Request-Headers": {"content-type,accept-language"}}, true},
		{"preflight post other origin", http.MethodOptions, "/comments", "https://jahat.example",
			http.Header{"Access-Control-Request-Method": {"POST"}, "Access-Control-Request-Headers": {"content-type"}}, false},
		{"preflight api allowed", http.MethodOptions, "/api/articles/" + key + "/comments", site,
			http.Header{"Access-Control-Request-Method": {"GET"}, "Access-Control-Request-Headers": {"if-none-match"}}, true},
		{"preflight api other origin", http.MethodOptions, "/api/articles/" + key + "/comments", "https://jahat.example",
			http.Header{"Access-Control-Request-Method": {"GET"}}, false},
		{"get comments allowed", http.MethodGet, "/api/articles/" + key + "/comments", site, nil, true},
		{"get comments second site", http.MethodGet, "/api/articles/" + key + "/comments", "https://kabar.example", nil, true},
		{"get comments other origin", http.MethodGet, "/api/articles/" + key + "/comments", "https://jahat.example", nil, false},
		{"get comments lookalike", http.MethodGet, "/api/articles/" + key + "/comments", "https://berita.example.jahat.example", nil, false},
		{"get comments other scheme", http.MethodGet, "/api/articles/" + key + "/comments", "http://berita.example", nil, false},
		{"get comments null", http.MethodGet, "/api/articles/" + key + "/comments", "null", nil, false},
		{"get counts allowed", http.MethodGet, "/api/counts?article=" + key, site, nil, true},
		{"get stamp allowed", http.MethodGet, "/api/form-stamp", site, nil, true},
		{"get counts other origin", http.MethodGet, "/api/counts?article=" + key, "https://jahat.example", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{"Origin": {tt.origin}}
			for k, v := range tt.header {
				h[k] = v
			}
			r := env.Do(env.Client(), tt.method, tt.path, "", "", h)
			if r.StatusCode >= 500 {
				t.Fatalf("status %d", r.StatusCode)
			}
			got := r.Header.Get("Access-Control-Allow-Origin")
			if tt.allowed && got != tt.origin {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tt.origin)
			}
			if !tt.allowed && got != "" {
				t.Errorf("Access-Control-Allow-Origin %q for a disallowed origin", got)
			}
			if tt.allowed && tt.method == http.MethodOptions {
				if r.StatusCode != http.StatusNoContent || !strings.Contains(r.Header.Get("Access-Control-Allow-Methods"), tt.header.Get("Access-Control-Request-Method")) {
					t.Errorf("preflight: status %d, Allow-Methods %q", r.StatusCode, r.Header.Get("Access-Control-Allow-Methods"))
				}
				for _, want := range strings.Split(tt.header.Get("Access-Control-Request-Headers"), ",") {
					if !strings.Contains(strings.ToLower(r.Header.Get("Access-Control-Allow-Headers")), want) {
						t.Errorf("preflight: Allow-Headers %q lacks %q", r.Header.Get("Access-Control-Allow-Headers"), want)
					}
				}
			}
			if tt.allowed && tt.method == http.MethodGet && !strings.Contains(r.Header.Get("Access-Control-Expose-Headers"), "ETag") {
				t.Errorf("Expose-Headers %q lacks ETag", r.Header.Get("Access-Control-Expose-Headers"))
			}
		})
	}
}

// TestFrameAncestors: the embed page may be framed by the service and the
// allowed article sites only.
func TestFrameAncestors(t *testing.T) {
	env := apptest.New(t, "-allowed-origins", "https://berita.example,https://kabar.example")
	for _, p := range []string{"/embed/" + key, "/embed/" + key + "?replytocom=1", "/"} {
		csp := get(t, env, p, nil).Header.Get("Content-Security-Policy")
		var fa string
		for _, d := range strings.Split(csp, ";") {
			if d = strings.TrimSpace(d); strings.HasPrefix(d, "frame-ancestors ") {
				fa = d
			}
		}
		if fa != "frame-ancestors 'self' https://berita.example https://kabar.example" {
			t.Errorf("%s: %q", p, fa)
		}
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", p, csp)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
