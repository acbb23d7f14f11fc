package apptest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// SlackHook is a Slack incoming webhook for tests: it keeps each JSON body
// posted and answers "ok" as Slack does, or a queued failure.
type SlackHook struct {
	Server *httptest.Server

	mu     sync.Mutex
	bodies []map[string]any
	fails  []failure
}

// NewSlackHook starts the receiver; it stops when the test ends.
func NewSlackHook(tb testing.TB) *SlackHook {
	s := &SlackHook{}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Server.Close)
	return s
}

// URL is the webhook's address, for BALASAN_SLACK_WEBHOOK_URL.
func (s *SlackHook) URL() string { return s.Server.URL + "/services/T000/B000/secret" }

// FailNext makes the next post answer code (with Retry-After seconds).
func (s *SlackHook) FailNext(code, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fails = append(s.fails, failure{code, retryAfter})
}

// Bodies returns every body received, failed or not.
func (s *SlackHook) Bodies() []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]map[string]any(nil), s.bodies...)
}

// Wait waits until n bodies arrived.
func (s *SlackHook) Wait(tb testing.TB, n int) []map[string]any {
	tb.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for len(s.Bodies()) < n {
		if time.Now().After(deadline) {
			tb.Fatalf("slack got %d posts, want %d", len(s.Bodies()), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return s.Bodies()
}

func (s *SlackHook) serve(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	raw, _ := io.ReadAll(r.Body)
	if r.Method != http.MethodPost || r.URL.Path != "/services/T000/B000/secret" ||
		r.Header.Get("Content-Type") != "application/json" || json.Unmarshal(raw, &body) != nil {
		http.Error(w, "invalid_payload", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.bodies = append(s.bodies, body)
	var fail *failure
	if len(s.fails) > 0 {
		fail, s.fails = &s.fails[0], s.fails[1:]
	}
	s.mu.Unlock()
	if fail != nil {
		if fail.retryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(fail.retryAfter))
		}
		http.Error(w, http.StatusText(fail.code), fail.code)
		return
	}
	io.WriteString(w, "ok")
}
