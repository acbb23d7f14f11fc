// Package apptest starts the whole application for tests: a real SQLite
// file in a temporary folder, the real echo server on a loopback port.
package apptest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"balasan/internal/app"
	"balasan/internal/auth"
	"balasan/internal/comment"
	"balasan/internal/server"
)

// Env is a running application.
type Env struct {
	T      testing.TB
	App    *app.App
	Server *httptest.Server
	URL    string
}

// Options adjust the configuration: each is a flag as on the command line.
type Options []string

// New starts the application with defaults fit for tests: no flood limit
// and no minimum submit time unless the options set them.
func New(tb testing.TB, opts ...string) *Env {
	tb.Helper()
	return NewLogged(tb, io.Discard, opts...)
}

// NewLogged is New with the application's JSON log written to w.
func NewLogged(tb testing.TB, w io.Writer, opts ...string) *Env {
	tb.Helper()
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	args := []string{"-db", tb.TempDir() + "/balasan.db", "-base-url", base,
		"-flood-interval", "0", "-min-submit-seconds", "0", "-log-format", "json"}
	args = append(args, opts...)
	cfg, err := app.ParseConfig(args, func(string) string { return "" })
	if err != nil {
		tb.Fatal(err)
	}
	a, err := app.New(context.Background(), cfg, slog.New(server.NewJSONHandler(w))) // the served JSON logs
	if err != nil {
		tb.Fatal(err)
	}
	srv.Config.Handler = a.Echo
	srv.Start()
	tb.Cleanup(func() {
		srv.Close()
		a.Close()
	})
	return &Env{T: tb, App: a, Server: srv, URL: base}
}

// AddModerator creates an account directly in the store.
func (e *Env) AddModerator(username, password string, role comment.Role) comment.Moderator {
	e.T.Helper()
	hash, err := auth.HashPassword(password)
	if err != nil {
		e.T.Fatal(err)
	}
	m := comment.Moderator{Username: username, PasswordHash: hash, Role: role, Lang: "id", CreatedAt: time.Now()}
	if err := e.App.Store.CreateModerator(context.Background(), &m); err != nil {
		e.T.Fatal(err)
	}
	return m
}

// Client returns an HTTP client with a cookie jar that does not follow
// redirects, so tests see every 303.
func (e *Env) Client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// CSRF finds the _csrf token in a page.
func CSRF(body string) string {
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// Login logs a moderator in and returns the client and the session's CSRF token.
func (e *Env) Login(username, password string) (*http.Client, string) {
	e.T.Helper()
	c := e.Client()
	body := e.Get(c, "/admin/login", http.StatusOK)
	resp := e.PostForm(c, "/admin/login", url.Values{"username": {username}, "password": {password}, "_csrf": {CSRF(body)}})
	if resp.StatusCode != http.StatusSeeOther {
		e.T.Fatalf("login: status %d", resp.StatusCode)
	}
	page := e.Get(c, "/admin/comments", http.StatusOK)
	return c, CSRF(page)
}

// Get fetches a path and checks the status.
func (e *Env) Get(c *http.Client, path string, want int) string {
	e.T.Helper()
	resp, err := c.Get(e.URL + path)
	if err != nil {
		e.T.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		e.T.Fatalf("GET %s: status %d, want %d\n%s", path, resp.StatusCode, want, b)
	}
	return string(b)
}

// PostForm posts a form and returns the response with its body read into Body.
func (e *Env) PostForm(c *http.Client, path string, v url.Values) *Response {
	e.T.Helper()
	return e.Do(c, http.MethodPost, path, "application/x-www-form-urlencoded", v.Encode(), nil)
}

// Response is an answer with its body already read.
type Response struct {
	*http.Response
	Body string
}

// Do sends one request.
func (e *Env) Do(c *http.Client, method, path, contentType, body string, header http.Header) *Response {
	e.T.Helper()
	req, err := http.NewRequest(method, e.URL+path, strings.NewReader(body))
	if err != nil {
		e.T.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := c.Do(req)
	if err != nil {
		e.T.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return &Response{Response: resp, Body: string(b)}
}

// Submit posts a comment form and fails the test unless it was accepted;
// it returns the new comment's id.
func (e *Env) Submit(v url.Values) int64 {
	e.T.Helper()
	resp := e.PostForm(e.Client(), "/comments", v)
	if resp.StatusCode != http.StatusSeeOther {
		e.T.Fatalf("submit: status %d\n%s", resp.StatusCode, resp.Body)
	}
	return CommentID(resp.Header.Get("Location"))
}

// CommentID reads the id from a redirect's #comment-ID fragment (0 if none).
func CommentID(location string) int64 {
	loc, err := url.Parse(location)
	if err != nil {
		return 0
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(loc.Fragment, "comment-"), 10, 64)
	return id
}

// Approve approves a comment through the service, as a moderator would.
func (e *Env) Approve(id int64) {
	e.T.Helper()
	if _, err := e.App.Service.Moderate(context.Background(), id, comment.ActApprove, comment.Moderator{ID: 0, Username: "test"}); err != nil {
		e.T.Fatal(err)
	}
}

// Form returns a valid comment form for an article, to be changed by tests.
func Form(key string) url.Values {
	return url.Values{
		"comment_post_ID": {key}, "author": {"Budi Santoso"}, "email": {"budi@example.test"},
		"url": {""}, "comment": {"Semoga pantainya tetap bersih."}, "comment_parent": {"0"},
	}
}

// FlushLog writes the access lines the JSON log holds back (they are
// batched, at most 100 ms late), for a test that reads the log.
func (e *Env) FlushLog() { server.FlushLog(e.App.Log.Handler()) }
