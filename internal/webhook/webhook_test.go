package webhook_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"balasan/internal/apptest"
	"balasan/internal/comment"
	"balasan/internal/webhook"
)

const secret = "rahasia-webhook"

// receiver verifies each signature itself and fails its first few calls.
type receiver struct {
	mu        sync.Mutex
	failFirst int
	calls     int
	badSig    int
	delivered []map[string]any
	raw       []string
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	want := "sha256=" + hex.EncodeToString(m.Sum(nil))
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.calls++
	if !hmac.Equal([]byte(r.Header.Get("X-Balasan-Signature")), []byte(want)) {
		rc.badSig++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	if rc.calls <= rc.failFirst {
		http.Error(w, "sedang gangguan", http.StatusInternalServerError)
		return
	}
	var p map[string]any
	if err := json.Unmarshal(body, &p); err != nil || r.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	rc.delivered = append(rc.delivered, p)
	rc.raw = append(rc.raw, string(body))
}

func (rc *receiver) wait(t *testing.T, n int) ([]map[string]any, []string) {
	t.Helper()
	for i := 0; ; i++ {
		rc.mu.Lock()
		if len(rc.delivered) >= n {
			d, r := append([]map[string]any(nil), rc.delivered...), append([]string(nil), rc.raw...)
			rc.mu.Unlock()
			return d, r
		}
		rc.mu.Unlock()
		if i > 1200 {
			t.Fatalf("%d webhooks delivered, want %d", len(rc.delivered), n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestWebhook_NewAndModerated: a new comment and its approval each reach
// the receiver, signed, after the receiver failed twice; no payload holds
// an email, IP address or user agent.
func TestWebhook_NewAndModerated(t *testing.T) {
	rc := &receiver{failFirst: 2}
	hook := httptest.NewServer(rc)
	defer hook.Close()
	env := apptest.New(t, "-webhook-url", hook.URL, "-webhook-secret", secret,
		"-outbox-poll", "50ms", "-outbox-retry-min", "20ms", "-outbox-retry-max", "100ms")
	env.AddModerator("redaksi", "kata-sandi-panjang", comment.RoleModerator)
	mod, csrf := env.Login("redaksi", "kata-sandi-panjang")

	v := apptest.Form("berita-7")
	v.Set("url", "https://budi.example")
	v.Set("comment", "Jalan <b>rusak</b> lagi")
	id := env.Submit(v)
	env.Do(mod, http.MethodPost, fmt.Sprintf("/admin/comments/%d/approve", id), "application/x-www-form-urlencoded",
		url.Values{"_csrf": {csrf}}.Encode(), nil)

	got, raw := rc.wait(t, 2)
	if rc.badSig != 0 {
		t.Errorf("%d deliveries with a wrong signature", rc.badSig)
	}
	if rc.calls < 4 {
		t.Errorf("%d calls, want the 2 failures retried", rc.calls)
	}
	byEvent := map[string]map[string]any{}
	for _, p := range got {
		byEvent[p["event"].(string)] = p
	}
	want := map[string]map[string]any{
		"new": {"id": float64(id), "article_key": "berita-7", "status": "pending", "author": "Budi Santoso",
			"author_url": "https://budi.example", "content_html": "<p>Jalan <b>rusak</b> lagi</p>"},
		"moderated": {"id": float64(id), "status": "approved", "previous_status": "pending", "action": "approve", "moderator": "redaksi"},
	}
	for ev, fields := range want {
		p, ok := byEvent[ev]
		if !ok {
			t.Errorf("no %q webhook", ev)
			continue
		}
		for k, v := range fields {
			if p[k] != v {
				t.Errorf("%s.%s = %#v, want %#v", ev, k, p[k], v)
			}
		}
		if _, err := time.Parse(time.RFC3339, fmt.Sprint(p["created_at"])); err != nil {
			t.Errorf("%s.created_at %v", ev, p["created_at"])
		}
	}
	for _, body := range raw {
		for _, secretish := range []string{"budi@example.test", "127.0.0.1", "Go-http-client", "email", "\"ip\"", "user_agent"} {
			if strings.Contains(body, secretish) {
				t.Errorf("payload contains %q: %s", secretish, body)
			}
		}
	}
}

func TestSign(t *testing.T) {
	// Computed independently: printf '{"a":1}' | openssl dgst -sha256 -hmac key
	const want = "sha256=88a67f24bbcdaed0e6c997404bb79a743baf44c6bab2f4c27328e3009d22e342"
	if got := webhook.Sign("key", []byte(`{"a":1}`)); got != want {
		t.Errorf("Sign = %q, want %q", got, want)
	}
}
