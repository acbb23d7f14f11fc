package app_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/comment"
	"balasan/internal/sqlite"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestLogs_RequestIDAndNoSecrets drives a submission, a rejected one, a
// failed and a successful login, a moderation and a refused write through
// the app, then reads every log line: each is JSON, carries the request
// id, and none holds an email or a password.
func TestLogs_RequestIDAndNoSecrets(t *testing.T) {
	var logs lockedBuffer
	env := apptest.NewLogged(t, &logs)
	const email, password = "rahasia.pembaca@example.test", "kata-sandi-rahasia-42"
	env.AddModerator("redaktur", password, comment.RoleAdmin)

	form := apptest.Form("berita-1")
	form.Set("email", email)
	id := env.Submit(form)
	bad := apptest.Form("berita-1")
	bad.Set("email", "bukan-email "+email)
	env.PostForm(env.Client(), "/comments", bad)
	env.Do(env.Client(), http.MethodPost, "/comments", "application/json", `{"email":"`+email+`",`, nil)

	c := env.Client()
	page := env.Get(c, "/admin/login", http.StatusOK)
	env.PostForm(c, "/admin/login", url.Values{"username": {"redaktur"}, "password": {password + "x"}, "_csrf": {apptest.CSRF(page)}})
	c, token := env.Login("redaktur", password)
	env.Get(c, "/admin/comments?q="+url.QueryEscape(email), http.StatusOK)
	env.PostForm(c, "/admin/comments/"+itoa(id)+"/approve", url.Values{"_csrf": {token}})

	// A full database: the error handler logs the refusal.
	ctx := t.Context()
	pages, _ := sqlite.ToolsFor(env.App.SQLite).PageCount(ctx)
	sqlite.ToolsFor(env.App.SQLite).LimitPages(ctx, pages)
	big := apptest.Form("berita-2")
	big.Set("email", email)
	big.Set("comment", strings.Repeat("penuh ", 3000))
	if r := env.PostForm(env.Client(), "/comments", big); r.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("full database: status %d, want 503", r.StatusCode)
	}

	env.FlushLog()
	out := logs.String()
	lines, msgs := 0, map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines++
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("not JSON: %s", sc.Text())
		}
		msgs[rec["msg"].(string)] = true
		if id, _ := rec["request_id"].(string); id == "" {
			t.Errorf("no request_id: %s", sc.Text())
		}
	}
	for _, m := range []string{"request", "login failed", "login", "request refused"} {
		if !msgs[m] {
			t.Errorf("no %q line among %v", m, msgs)
		}
	}
	for _, secret := range []string{email, "rahasia.pembaca", url.QueryEscape(email), password} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds %q", secret)
		}
	}
	if lines < 10 {
		t.Fatalf("only %d log lines:\n%s", lines, out)
	}
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
