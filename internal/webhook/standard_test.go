package webhook_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"balasan/internal/apptest"
	"balasan/internal/comment"
	"balasan/internal/webhook"
)

// stdKey is the key behind the whsec_ secret the tests configure.
var stdKey = []byte("kunci-standar-webhooks-32-bytes!")

// verifyStandard checks a delivery as a Standard Webhooks receiver does,
// written from the spec rather than from Balasan's code: the signed
// content is id.timestamp.body, the header lists "v1,BASE64" signatures,
// and a timestamp more than five minutes off is refused.
func verifyStandard(key []byte, h http.Header, body []byte, now time.Time) error {
	id, ts := h.Get("webhook-id"), h.Get("webhook-timestamp")
	if id == "" || ts == "" {
		return fmt.Errorf("missing webhook-id or webhook-timestamp")
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("bad timestamp %q", ts)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > 5*time.Minute || d < -5*time.Minute {
		return fmt.Errorf("timestamp %s off by %v", ts, d)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id + "." + ts + "."))
	m.Write(body)
	want := base64.StdEncoding.EncodeToString(m.Sum(nil))
	for _, sig := range strings.Fields(h.Get("webhook-signature")) {
		if v, s, ok := strings.Cut(sig, ","); ok && v == "v1" && hmac.Equal([]byte(s), []byte(want)) {
			return nil
		}
	}
	return fmt.Errorf("no valid signature in %q", h.Get("webhook-signature"))
}

// stdDelivery is one request as the receiver saw it.
type stdDelivery struct {
	header http.Header
	body   []byte
}

// stdReceiver verifies every request and fails the first failFirst.
type stdReceiver struct {
	mu        sync.Mutex
	failFirst int
	calls     []stdDelivery
	bad       []error
}

func (rc *stdReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	err := verifyStandard(stdKey, r.Header, body, time.Now())
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.calls = append(rc.calls, stdDelivery{r.Header.Clone(), body})
	if err != nil {
		rc.bad = append(rc.bad, err)
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	if len(rc.calls) <= rc.failFirst {
		http.Error(w, "sedang gangguan", http.StatusServiceUnavailable)
	}
}

func (rc *stdReceiver) snapshot() ([]stdDelivery, []error) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]stdDelivery(nil), rc.calls...), append([]error(nil), rc.bad...)
}

// TestWebhook_StandardWebhooks: deliveries through the real outbox carry
// webhook-id, webhook-timestamp and a webhook-signature a spec-following
// receiver accepts (with a whsec_ secret); a retried job keeps its id and
// two jobs differ; X-Balasan-Signature is still sent. A captured delivery
// sent again with a fresh timestamp fails verification.
func TestWebhook_StandardWebhooks(t *testing.T) {
	rc := &stdReceiver{failFirst: 2}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	secret := "whsec_" + base64.StdEncoding.EncodeToString(stdKey)
	env := apptest.New(t, "-webhook-url", srv.URL, "-webhook-secret", secret,
		"-outbox-poll", "50ms", "-outbox-retry-min", "20ms", "-outbox-retry-max", "100ms")
	env.AddModerator("redaksi", "kata-sandi-panjang", comment.RoleModerator)
	mod, csrf := env.Login("redaksi", "kata-sandi-panjang")
	id := env.Submit(apptest.Form("berita-std"))
	env.Do(mod, http.MethodPost, fmt.Sprintf("/admin/comments/%d/approve", id), "application/x-www-form-urlencoded",
		url.Values{"_csrf": {csrf}}.Encode(), nil)

	var calls []stdDelivery
	var bad []error
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if calls, bad = rc.snapshot(); len(calls) >= 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d calls, want two webhooks accepted after two failures", len(calls))
		}
	}
	if len(bad) > 0 {
		t.Fatalf("the receiver refused deliveries: %v", bad)
	}
	ids := map[string][]string{} // webhook-id → bodies
	for _, c := range calls {
		ids[c.header.Get("webhook-id")] = append(ids[c.header.Get("webhook-id")], string(c.body))
		if c.header.Get(webhook.Header) != webhook.Sign(secret, c.body) {
			t.Errorf("X-Balasan-Signature %q is not the body's", c.header.Get(webhook.Header))
		}
	}
	if len(ids) != 2 {
		t.Errorf("%d distinct webhook-ids over %d calls of two jobs, want 2", len(ids), len(calls))
	}
	for msg, bodies := range ids {
		if !strings.HasPrefix(msg, "msg_") {
			t.Errorf("webhook-id %q", msg)
		}
		for _, b := range bodies[1:] {
			if b != bodies[0] {
				t.Errorf("one webhook-id %s for two bodies", msg)
			}
		}
	}

	// A replay: the captured request with its timestamp moved to now (an
	// old one is refused by age) no longer verifies.
	captured := calls[len(calls)-1]
	replay := captured.header.Clone()
	ts, _ := strconv.ParseInt(replay.Get("webhook-timestamp"), 10, 64)
	replay.Set("webhook-timestamp", strconv.FormatInt(ts+60, 10))
	if err := verifyStandard(stdKey, replay, captured.body, time.Now()); err == nil {
		t.Error("a delivery with a changed timestamp verifies")
	}
	if err := verifyStandard(stdKey, captured.header, captured.body, time.Now().Add(10*time.Minute)); err == nil {
		t.Error("a delivery replayed ten minutes later verifies")
	}
	// Any change of the body (here one byte more; the last call's body
	// need not hold a given word) breaks the signature.
	if err := verifyStandard(stdKey, captured.header, append(bytes.Clone(captured.body), ' '), time.Now()); err == nil {
		t.Error("a changed body verifies")
	}
}

func TestSigningKey(t *testing.T) {
	for _, tc := range []struct {
		secret  string
		want    []byte
		wantErr bool
	}{
		{"rahasia", []byte("rahasia"), false},
		{"whsec_" + base64.StdEncoding.EncodeToString([]byte{1, 2, 3}), []byte{1, 2, 3}, false},
		{"whsec_bukan base64!", nil, true},
		{"whsec_", nil, true},
	} {
		got, err := webhook.SigningKey(tc.secret)
		if (err != nil) != tc.wantErr || !bytes.Equal(got, tc.want) {
			t.Errorf("SigningKey(%q) = %v, %v", tc.secret, got, err)
		}
	}
}

func TestSignStandard(t *testing.T) {
	// The example of the Standard Webhooks spec's reference libraries.
	key, _ := base64.StdEncoding.DecodeString("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	got := webhook.SignStandard(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", []byte(`{"test": 2432232314}`))
	if got != "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" {
		t.Errorf("SignStandard = %s", got)
	}
}
