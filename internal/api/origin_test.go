package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"balasan/internal/apptest"
)

// syncBuffer is a log sink the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// warnings returns the origins of the log's not-allowed-origin warnings.
func (s *syncBuffer) warnings(t *testing.T) []string {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(s.b.String()), "\n") {
		var rec struct{ Level, Msg, Origin, Setting string }
		if line == "" || json.Unmarshal([]byte(line), &rec) != nil || rec.Setting != "BALASAN_ALLOWED_ORIGINS" {
			continue
		}
		if rec.Level != "WARN" || !strings.Contains(rec.Msg, "BALASAN_ALLOWED_ORIGINS") {
			t.Errorf("warning %s: want level WARN and a message naming the setting", line)
		}
		out = append(out, rec.Origin)
	}
	return out
}

// TestOriginWarning: a page on an origin that is not allowed is logged
// once per origin and hour, naming the setting; allowed origins never.
func TestOriginWarning(t *testing.T) {
	var logs syncBuffer
	env := apptest.NewLogged(t, &logs, "-allowed-origins", "https://berita.example")
	clk := &clock{}
	env.App.Public.Now = clk.Now
	for _, tt := range []struct {
		name    string
		origins []string
		advance time.Duration
		want    []string
	}{
		{"allowed, and the service itself", []string{"https://berita.example", env.URL}, 0, nil},
		{"a stranger, three times", []string{"https://asing.example", "https://asing.example", "https://asing.example"}, 0, []string{"https://asing.example"}},
		{"another stranger", []string{"http://lain.example:8080"}, 0, []string{"https://asing.example", "http://lain.example:8080"}},
		{"within the hour", []string{"https://asing.example"}, 59 * time.Minute, []string{"https://asing.example", "http://lain.example:8080"}},
		{"an hour later, again", []string{"https://asing.example"}, 2 * time.Minute, []string{"https://asing.example", "http://lain.example:8080", "https://asing.example"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			clk.Advance(tt.advance)
			for _, o := range tt.origins {
				r := get(t, env, "/api/articles/"+key+"/comments", http.Header{"Origin": {o}})
				if r.StatusCode != http.StatusOK {
					t.Fatalf("status %d", r.StatusCode)
				}
			}
			if got := logs.warnings(t); strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("warnings for %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("invented origins are bounded", func(t *testing.T) {
		before := len(logs.warnings(t))
		for i := range 300 {
			get(t, env, "/api/counts", http.Header{"Origin": {"https://x" + strings.Repeat("y", i) + ".example"}})
		}
		if n := len(logs.warnings(t)) - before; n == 0 || n > 100 {
			t.Errorf("300 invented origins logged %d warnings, want 1–100", n)
		}
	})
}
