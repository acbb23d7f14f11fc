package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"balasan/internal/apptest"
)

// TestSubmit_DotKeysRefused: "." and ".." are never article keys (as a
// path segment they climb out of it). A submission with one is a 422 with
// the key's message, JSON or form, and the form page sent back builds no
// URL from it.
func TestSubmit_DotKeysRefused(t *testing.T) {
	env := apptest.New(t)
	for _, k := range []string{".", "..", "../admin/settings"} {
		js := env.Do(env.Client(), http.MethodPost, "/comments", "application/json",
			`{"comment_post_ID":"`+k+`","author":"A","email":"a@b.co","comment":"x"}`, nil)
		if js.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(js.Body, `"comment_post_ID":"Kunci artikel tidak sah`) {
			t.Errorf("json key %q: %d %s", k, js.StatusCode, js.Body)
		}
		v := apptest.Form(k)
		r := env.Do(env.Client(), http.MethodPost, "/comments", "application/x-www-form-urlencoded", v.Encode(),
			http.Header{"Accept-Language": {"en"}})
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Invalid article key") {
			t.Errorf("form key %q: %d", k, r.StatusCode)
		}
		// The typed text is kept; no link or hidden redirect is made of the key.
		if !strings.Contains(r.Body, "Semoga pantainya tetap bersih.") {
			t.Errorf("form key %q: the comment was lost", k)
		}
		if strings.Contains(r.Body, "/embed/"+k) || strings.Contains(r.Body, "/embed/"+url.PathEscape(k)) {
			t.Errorf("form key %q: the page builds a URL of it", k)
		}
	}
	// The read routes refuse them too.
	for _, path := range []string{"/api/articles/../comments", "/embed/.."} {
		req, _ := http.NewRequest(http.MethodGet, env.URL+path, nil)
		req.URL.Opaque = path // keep the dot segment as sent
		resp, err := env.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode < 400 || resp.StatusCode >= 500 {
			t.Errorf("GET %s: %d, want 4xx", path, resp.StatusCode)
		}
	}
}
