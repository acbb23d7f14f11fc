package app

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func env(args []string, stdin string, vars map[string]string) (Env, *syncBuffer, *syncBuffer) {
	out, errb := &syncBuffer{}, &syncBuffer{}
	return Env{Args: args, Getenv: func(k string) string { return vars[k] }, Stdin: strings.NewReader(stdin),
		Stdout: out, Stderr: errb}, out, errb
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestModeratorAdd(t *testing.T) {
	db := t.TempDir() + "/b.db"
	vars := map[string]string{"BALASAN_DB": db}
	tests := []struct {
		name     string
		args     []string
		stdin    string
		wantCode int
		wantOut  string
	}{
		{"short password", []string{"moderator", "add", "--username", "siti"}, "pendek\n", 2, "at least 10"},
		{"no username", []string{"moderator", "add"}, "panjang-sekali\n", 2, "--username"},
		{"bad role", []string{"moderator", "add", "--username", "siti", "--role", "root"}, "panjang-sekali\n", 2, "--role"},
		{"added", []string{"moderator", "add", "--username", "siti", "--role", "admin"}, "panjang-sekali\n", 0, `Added admin "siti"`},
		{"taken", []string{"moderator", "add", "--username", "SITI"}, "panjang-sekali\n", 1, "taken"},
		{"unknown command", []string{"frobnicate"}, "", 2, "usage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, out, errb := env(tt.args, tt.stdin, vars)
			code := Run(context.Background(), e)
			if code != tt.wantCode || !strings.Contains(out.String()+errb.String(), tt.wantOut) {
				t.Fatalf("code %d out %q err %q", code, out, errb)
			}
			if strings.Contains(out.String()+errb.String(), "panjang-sekali") {
				t.Error("the password was printed")
			}
		})
	}
}

func TestParseConfig(t *testing.T) {
	vars := map[string]string{"BALASAN_ADDR": "127.0.0.1:9000", "BALASAN_CLOSE_AFTER": "14d",
		"BALASAN_ALLOWED_ORIGINS": "https://Berita.example, https://m.berita.example", "BALASAN_TRUSTED_PROXIES": "10.0.0.0/8"}
	c, err := ParseConfig([]string{"-flood-interval", "30s"}, func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "http://127.0.0.1:9000" || c.CloseAfter != 14*24*time.Hour || c.FloodInterval != 30*time.Second ||
		len(c.AllowedOrigins) != 2 || c.AllowedOrigins[0] != "https://berita.example" || len(c.TrustedProxies) != 1 ||
		c.MinSubmit != 2*time.Second || c.MailFrom != "balasan@127.0.0.1" {
		t.Fatalf("%+v", c)
	}
	for _, bad := range [][]string{{"-moderation", "some"}, {"-max-links", "-1"}, {"-base-url", "ftp://x"},
		{"-trusted-proxies", "nonsense"}, {"-close-after", "soon"}, {"-allowed-origins", "berita.example"}} {
		if _, err := ParseConfig(bad, func(string) string { return "" }); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

// TestServe_EndToEnd starts the whole program on a free port, as `make run`
// does, and walks a new user's path: first admin printed, comment posted,
// approved in the dashboard, public; then a graceful stop.
func TestServe_EndToEnd(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	e, out, errb := env([]string{"serve", "-addr", addr, "-db", t.TempDir() + "/data/balasan.db",
		"-min-submit-seconds", "0"}, "", nil)
	done := make(chan int)
	go func() { done <- Run(ctx, e) }()
	base := "http://" + addr
	waitUp(t, base+"/healthz")
	password := newUserPath(t, base, out)
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errb)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not stop")
	}
	if strings.Contains(errb.String(), "budi@example.test") || strings.Contains(errb.String(), password) {
		t.Error("logs contain an email or the password")
	}
	// A second start prints no new password.
	e2, out2, _ := env([]string{"serve", "-addr", addr, "-db", strings.TrimSuffix(e.Args[4], "")}, "", nil)
	ctx2, cancel2 := context.WithCancel(context.Background())
	go func() { done <- Run(ctx2, e2) }()
	waitUp(t, base+"/healthz")
	cancel2()
	<-done
	if strings.Contains(out2.String(), "password") {
		t.Error("second start printed a password again")
	}
}

// newUserPath walks a new user's path on a started server: the first
// admin's password printed, a comment posted on the demo article,
// approved in the dashboard, then public. It returns the password.
func newUserPath(t *testing.T, base string, out *syncBuffer) string {
	t.Helper()
	m := regexp.MustCompile(`password: (\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no admin password printed: %q", out)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := url.Values{"comment_post_ID": {"demo-kabar-pesisir"}, "author": {"Budi"}, "email": {"budi@example.test"},
		"comment": {"Pantai bersih, warga senang."}}
	resp, err := client.PostForm(base+"/comments", form)
	if err != nil || resp.StatusCode != 303 {
		t.Fatalf("submit: %v %v", resp.StatusCode, err)
	}
	loc := resp.Header.Get("Location")
	if !strings.HasPrefix(loc, base+"/?") {
		t.Errorf("demo comment should return to the demo page, got %q", loc)
	}
	id := loc[strings.LastIndex(loc, "-")+1:]

	jar := newJar()
	admin := &http.Client{Jar: jar, CheckRedirect: client.CheckRedirect}
	token := find(t, get(t, admin, base+"/admin/login"))
	resp, _ = admin.PostForm(base+"/admin/login", url.Values{"username": {"admin"}, "password": {m[1]}, "_csrf": {token}})
	if resp.StatusCode != 303 {
		t.Fatalf("login with the printed password: %d", resp.StatusCode)
	}
	token = find(t, get(t, admin, base+"/admin/comments"))
	resp, _ = admin.PostForm(base+"/admin/comments/"+id+"/approve", url.Values{"_csrf": {token}})
	if resp.StatusCode != 303 {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	if body := get(t, client, base+"/api/articles/demo-kabar-pesisir/comments"); !strings.Contains(body, "Pantai bersih") {
		t.Fatalf("approved comment not public: %s", body)
	}
	if page := get(t, client, base+"/"); !strings.Contains(page, "Pantai bersih") {
		t.Error("demo page does not show the approved comment")
	}
	return m[1]
}

func waitUp(t *testing.T, u string) {
	t.Helper()
	for i := 0; i < 200; i++ {
		if resp, err := http.Get(u); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never answered", u)
}

func get(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func find(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no _csrf in page")
	}
	return m[1]
}
