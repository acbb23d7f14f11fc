package dashboard_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

// Accounts used by the tests.
const (
	adminName = "redaksi"
	adminPass = "rahasia-panjang-1"
	modName   = "sari"
	modPass   = "kata-sandi-sari-2"
)

// dash is a running app with an admin logged in.
type dash struct {
	*apptest.Env
	c    *http.Client
	csrf string
}

func newDash(t *testing.T, opts ...string) *dash {
	t.Helper()
	env := apptest.New(t, opts...)
	env.AddModerator(adminName, adminPass, comment.RoleAdmin)
	c, csrf := env.Login(adminName, adminPass)
	if csrf == "" {
		t.Fatal("no CSRF token on the queue page")
	}
	return &dash{Env: env, c: c, csrf: csrf}
}

// submit posts a comment as a reader with the given text and returns its id.
func (d *dash) submit(key, text string, change ...func(url.Values)) int64 {
	d.T.Helper()
	v := apptest.Form(key)
	v.Set("comment", text)
	for _, f := range change {
		f(v)
	}
	return d.Submit(v)
}

// post sends a form with the session's CSRF token; json asks for JSON.
func (d *dash) post(c *http.Client, path string, v url.Values, csrf string, json bool) *apptest.Response {
	d.T.Helper()
	h := http.Header{}
	if csrf != "" {
		h.Set("X-CSRF-Token", csrf)
	}
	if json {
		h.Set("Accept", "application/json")
	}
	return d.Do(c, http.MethodPost, path, "application/x-www-form-urlencoded", v.Encode(), h)
}

// publicComment is a comment as the public API shows it.
type publicComment struct {
	ID          int64  `json:"id"`
	ParentID    int64  `json:"parent_id"`
	Author      string `json:"author"`
	ContentHTML string `json:"content_html"`
	Staff       bool   `json:"staff"`
}

// public reads an article's approved comments through the public API.
func public(t *testing.T, env *apptest.Env, key string) []publicComment {
	t.Helper()
	body := env.Get(env.Client(), "/api/articles/"+key+"/comments", http.StatusOK)
	var out struct {
		Comments []publicComment `json:"comments"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	return out.Comments
}

func publicIDs(t *testing.T, env *apptest.Env, key string) map[int64]publicComment {
	t.Helper()
	out := map[int64]publicComment{}
	for _, c := range public(t, env, key) {
		out[c.ID] = c
	}
	return out
}

func mustContain(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func mustNotContain(t *testing.T, body string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(body, b) {
			t.Errorf("page has %q", b)
		}
	}
}
