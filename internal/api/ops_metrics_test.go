package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/version"
)

// TestHealthz_Version: a deploy can ask which build answers.
func TestHealthz_Version(t *testing.T) {
	env := apptest.New(t)
	var got struct{ Status, Version string }
	if err := json.Unmarshal([]byte(env.Get(env.Client(), "/healthz", http.StatusOK)), &got); err != nil {
		t.Fatal(err)
	}
	if got.Status != "ok" || got.Version == "" || got.Version != version.String() {
		t.Errorf("healthz %+v, want status ok and version %q", got, version.String())
	}
}

func TestMetrics_BuildInfo(t *testing.T) {
	env := apptest.New(t)
	sample := `balasan_build_info{goversion="` + runtime.Version() + `",version="` + version.String() + `"}`
	if got := metric(t, env, sample); got != 1 {
		t.Errorf("%s = %v, want 1", sample, got)
	}
}

// TestMetrics_OutboxQueueLength: one metric labelled by kind, no metric
// name per kind, and a queued webhook counted under its kind.
func TestMetrics_OutboxQueueLength(t *testing.T) {
	// A receiver nobody listens on: the job stays queued.
	env := apptest.New(t, "-webhook-url", "http://127.0.0.1:1/hook", "-outbox-poll", "1h")
	env.Submit(apptest.Form(key))
	if got := metric(t, env, `balasan_outbox_queue_length{kind="webhook"}`); got < 1 {
		t.Errorf("webhook queue %v, want the new comment's job", got)
	}
	if got := metric(t, env, `balasan_outbox_queue_length{kind="mail"}`); got != 0 {
		t.Errorf("mail queue %v, want 0", got)
	}
	body := env.Get(env.Client(), "/metrics", http.StatusOK)
	if strings.Contains(body, "balasan_webhook_queue_length") || strings.Contains(body, "balasan_mail_queue_length") {
		t.Error("a metric name per kind is still exported")
	}
	if regexp.MustCompile(`(?m)^balasan_\S+ -1$`).MatchString(body) {
		t.Error("a metric reports -1")
	}
}

// TestMetrics_PublicCache: the first read of an article misses, the next
// hits, a moderation rebuilds it (a miss, paid by the moderator's request)
// and the next read hits the rebuilt thread.
func TestMetrics_PublicCache(t *testing.T) {
	env := apptest.New(t)
	id := env.Submit(apptest.Form(key))
	hits := func() float64 { return metric(t, env, "balasan_public_cache_hits_total") }
	misses := func() float64 { return metric(t, env, "balasan_public_cache_misses_total") }
	h0, m0 := hits(), misses()
	read := func() { env.Get(env.Client(), "/api/articles/"+key+"/comments", http.StatusOK) }
	steps := []struct {
		name             string
		do               func()
		wantHit, wantMis float64
	}{
		{"first read", read, 0, 1},
		{"second read", read, 1, 1},
		{"third read", read, 2, 1},
		{"approval rebuilds it", func() { env.Approve(id); read() }, 3, 2},
		{"read again", read, 4, 2},
	}
	for _, s := range steps {
		s.do()
		if h, m := hits()-h0, misses()-m0; h != s.wantHit || m != s.wantMis {
			t.Fatalf("%s: hits %v misses %v, want %v %v", s.name, h, m, s.wantHit, s.wantMis)
		}
	}
}

// TestMetrics_SeparateListener: with BALASAN_METRICS_ADDR, /metrics is
// served on that listener and is a 404 on the public one.
func TestMetrics_SeparateListener(t *testing.T) {
	env := apptest.New(t, "-metrics-addr", "127.0.0.1:0")
	addr := env.App.MetricsAddr
	if addr == "" || strings.HasSuffix(addr, ":0") {
		t.Fatalf("metrics address %q", addr)
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "balasan_build_info{") {
		t.Fatalf("metrics listener: %d\n%.300s", resp.StatusCode, body)
	}
	if r := env.Do(env.Client(), http.MethodGet, "/metrics", "", "", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("public /metrics: %d, want 404", r.StatusCode)
	}
	if r, err := http.Get("http://" + addr + "/admin/"); err != nil || r.StatusCode != http.StatusNotFound {
		t.Errorf("the metrics listener serves more than /metrics: %v", r.StatusCode)
	}
}
