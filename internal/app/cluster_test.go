package app_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"balasan/internal/apptest"
	"balasan/internal/comment"
	"balasan/internal/pgtest"
)

const clusterKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

// instances starts n instances of the whole application on one
// PostgreSQL database, as n servers behind a load balancer.
func instances(t *testing.T, n int, opts ...string) []*apptest.Env {
	t.Helper()
	db := pgtest.URL(t)
	var out []*apptest.Env
	for range n {
		out = append(out, apptest.New(t, append([]string{"-db", db, "-secret-key", clusterKey, "-spam-starter", "off"}, opts...)...))
	}
	return out
}

// publicIDs reads an article's public comments from one instance.
func publicIDs(t *testing.T, e *apptest.Env, key string) []int64 {
	t.Helper()
	var page struct {
		Comments []struct {
			ID int64 `json:"id"`
		} `json:"comments"`
	}
	body := e.Get(e.Client(), "/api/articles/"+key+"/comments", http.StatusOK)
	if err := json.Unmarshal([]byte(body), &page); err != nil {
		t.Fatalf("%v: %.200s", err, body)
	}
	var ids []int64
	for _, c := range page.Comments {
		ids = append(ids, c.ID)
	}
	return ids
}

// An approval on instance B shows in instance A's public read within a
// second, though A had the article's (empty) thread in its cache.
func TestCluster_ApprovalSeenAcrossInstances(t *testing.T) {
	in := instances(t, 2)
	a, b := in[0], in[1]
	id := a.Submit(apptest.Form("lintas"))
	if ids := publicIDs(t, a, "lintas"); len(ids) != 0 {
		t.Fatalf("a pending comment is public: %v", ids)
	}
	publicIDs(t, a, "lintas") // now surely from A's cache
	b.Approve(id)
	start := time.Now()
	for {
		if ids := publicIDs(t, a, "lintas"); len(ids) == 1 && ids[0] == id {
			t.Logf("seen on A %v after the approval on B", time.Since(start).Round(time.Millisecond))
			return
		}
		if time.Since(start) > time.Second {
			t.Fatal("the approval on B did not show on A within a second")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A moderator's new rule saved on B holds on A at once: A's rules are
// reloaded from the settings change.
func TestCluster_RulesSeenAcrossInstances(t *testing.T) {
	in := instances(t, 2)
	a, b := in[0], in[1]
	if err := b.App.Service.SaveSettings(t.Context(), map[string]string{comment.SettingDisallowedKeys: "kata-terlarang"},
		comment.Moderator{Username: "redaksi", Role: comment.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Second)
	for i := 0; ; i++ {
		f := apptest.Form("aturan")
		f.Set("comment", fmt.Sprintf("Ini kata-terlarang nomor %d", i))
		id := a.Submit(f)
		c, err := a.App.Store.Comment(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Status == comment.Trash || c.Status == comment.Spam {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the rule saved on B did not hold on A within a second: %s", c.Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Three instances share the outbox: each webhook goes out exactly once,
// whichever instance took the comment and however many poll the queue.
func TestCluster_OutboxDeliveredOnce(t *testing.T) {
	var mu sync.Mutex
	got := map[string]int{}
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p struct {
			Event string `json:"event"`
			ID    int64  `json:"id"`
		}
		b, _ := io.ReadAll(r.Body)
		json.Unmarshal(b, &p)
		mu.Lock()
		got[fmt.Sprintf("%s %d", p.Event, p.ID)]++
		mu.Unlock()
	}))
	defer hook.Close()
	in := instances(t, 3, "-webhook-url", hook.URL, "-outbox-poll", "50ms")
	const n = 30
	want := map[string]bool{}
	for i := range n {
		f := apptest.Form("kotak-keluar")
		f.Set("comment", fmt.Sprintf("Komentar nomor %d untuk kotak keluar", i))
		f.Set("email", fmt.Sprintf("p%d@example.test", i))
		id := in[i%3].Submit(f)
		want[fmt.Sprintf("new %d", id)] = true
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		mu.Lock()
		done := len(got) >= len(want)
		mu.Unlock()
		if done || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // six more polls: a second delivery would show
	mu.Lock()
	defer mu.Unlock()
	for k := range want {
		if got[k] != 1 {
			t.Errorf("%s delivered %d times", k, got[k])
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d kinds of delivery, want %d: %v", len(got), len(want), got)
	}
}

// Failed logins count across instances: five failures spread over three
// instances block the sixth attempt on any of them, and the right
// password too, until the window passes.
func TestCluster_LoginThrottleAcrossInstances(t *testing.T) {
	in := instances(t, 3)
	in[0].AddModerator("redaksi", "kata-sandi-yang-benar", comment.RoleAdmin)
	try := func(e *apptest.Env, password string) int {
		c := e.Client()
		resp := e.Do(c, http.MethodGet, "/admin/login", "", "", nil)
		v := url.Values{"username": {"Redaksi"}, "password": {password}, "_csrf": {apptest.CSRF(resp.Body)}}
		return e.Do(c, http.MethodPost, "/admin/login", "application/x-www-form-urlencoded", v.Encode(), nil).StatusCode
	}
	for i := range 5 {
		if code := try(in[i%3], "salah"); code != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d", i+1, code)
		}
	}
	for i, e := range in {
		if code := try(e, "kata-sandi-yang-benar"); code != http.StatusTooManyRequests {
			t.Errorf("instance %d after 5 failures elsewhere: status %d, want 429", i, code)
		}
	}
}

// Flood control holds across instances: it reads the last comment of the
// client from the shared database.
func TestCluster_FloodAcrossInstances(t *testing.T) {
	in := instances(t, 2, "-flood-interval", "1m")
	in[0].Submit(apptest.Form("banjir"))
	f := apptest.Form("banjir")
	f.Set("comment", "Komentar lain, terlalu cepat, lewat instans lain.")
	resp := in[1].PostForm(in[1].Client(), "/comments", f)
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("a second comment at once through B: status %d", resp.StatusCode)
	}
}
