package modapi_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

// api is a running app with a moderator token and an admin token.
type api struct {
	*apptest.Env
	mod, admin string
}

func newAPI(tb testing.TB, opts ...string) *api {
	tb.Helper()
	env := apptest.New(tb, opts...)
	return &api{Env: env, mod: env.AddToken("cms", comment.RoleModerator), admin: env.AddToken("kepala", comment.RoleAdmin)}
}

// call sends one request with a bearer token ("" for none) and a JSON
// body ("" for none).
func (a *api) call(method, path, token, body string, header ...string) *apptest.Response {
	a.T.Helper()
	h := http.Header{}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	ct := ""
	if body != "" {
		ct = "application/json"
	}
	if v := h.Get("Content-Type"); v != "" {
		ct = v
		h.Del("Content-Type")
	}
	return a.Do(a.Client(), method, path, ct, body, h)
}

// ok sends a request that must answer want and decodes the JSON answer.
func (a *api) ok(method, path, token, body string, want int) map[string]any {
	a.T.Helper()
	resp := a.call(method, path, token, body)
	if resp.StatusCode != want {
		a.T.Fatalf("%s %s: status %d, want %d\n%s", method, path, resp.StatusCode, want, resp.Body)
	}
	return decode(a.T, resp.Body)
}

func decode(t testing.TB, body string) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, body)
	}
	return out
}

// submit posts a reader's comment and returns its id.
func (a *api) submit(key, text string) int64 {
	a.T.Helper()
	f := apptest.Form(key)
	f.Set("comment", text)
	return a.Submit(f)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func mapsKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
