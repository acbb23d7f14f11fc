package api_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/comment"
	"balasan/internal/sqlite"
)

// metric reads one sample of the text exposition, -1 when absent.
func metric(t *testing.T, env *apptest.Env, sample string) float64 {
	t.Helper()
	body := env.Get(env.Client(), "/metrics", http.StatusOK)
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(sample) + ` (\S+)$`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		return -1
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMetrics(t *testing.T) {
	env := apptest.New(t)
	id := env.Submit(apptest.Form(key))
	if r := env.PostForm(env.Client(), "/comments", apptest.Form(key)); r.StatusCode != http.StatusConflict {
		t.Fatalf("duplicate: %d", r.StatusCode)
	}
	bad := apptest.Form(key)
	bad.Set("email", "bukan")
	env.PostForm(env.Client(), "/comments", bad)
	env.Do(env.Client(), http.MethodPost, "/comments", "text/plain", "x", nil)
	spam := apptest.Form(key)
	spam.Set("comment", "lain")
	spam.Set("bls_hp", "bot")
	env.Submit(spam)
	env.Submit(func() map[string][]string { v := apptest.Form(key); v.Set("comment", "tiga"); return v }())
	env.Approve(id)
	env.Get(env.Client(), "/api/articles/"+key+"/comments", http.StatusOK)
	env.Get(env.Client(), "/api/articles/lain/comments", http.StatusOK)
	env.Do(env.Client(), http.MethodGet, "/tidak/ada", "", "", nil)

	want := map[string]float64{
		`balasan_submissions_total{outcome="pending"}`:                                                             2,
		`balasan_submissions_total{outcome="spam"}`:                                                                1,
		`balasan_submissions_total{outcome="duplicate"}`:                                                           1,
		`balasan_submissions_total{outcome="invalid"}`:                                                             1,
		`balasan_submissions_total{outcome="unsupported_type"}`:                                                    1,
		`balasan_moderation_actions_total{action="approve"}`:                                                       1,
		`balasan_moderation_queue_depth`:                                                                           1,
		`balasan_outbox_queue_length{kind="mail"}`:                                                                 0,
		`balasan_outbox_queue_length{kind="webhook"}`:                                                              0,
		`balasan_submissions_in_flight`:                                                                            0,
		`balasan_http_request_duration_seconds_count{code="200",method="GET",route="/api/articles/:key/comments"}`: 2,
		`balasan_http_request_duration_seconds_count{code="404",method="GET",route="unmatched"}`:                   1,
		`balasan_http_request_duration_seconds_count{code="303",method="POST",route="/comments"}`:                  3,
	}
	for sample, v := range want {
		if got := metric(t, env, sample); got != v {
			t.Errorf("%s = %v, want %v", sample, got, v)
		}
	}
	body := env.Get(env.Client(), "/metrics", http.StatusOK)
	if strings.Contains(body, "/api/articles/"+key) {
		t.Error("metrics label a raw path; want the route pattern")
	}
}

// TestSubmit_ConcurrencyCap holds one submission in flight under a cap of
// one (its body is in, but another process holds the database's write
// lock): the next is refused 503 with Retry-After, and nothing of the
// first is lost once it completes.
func TestSubmit_ConcurrencyCap(t *testing.T) {
	env := apptest.New(t, "-max-submits", "1")
	release := lockDatabase(t, env.App.Config.DB)
	done := make(chan *apptest.Response)
	go func() {
		done <- env.Do(env.Client(), http.MethodPost, "/comments", "application/json",
			`{"comment_post_ID":"`+key+`","author":"Budi","email":"budi@example.test","comment":"Pertama"}`,
			http.Header{"Accept": {"application/json"}})
	}()
	// Wait (no clock) until the server holds the slot: the first
	// submission then waits for the write lock.
	for metric(t, env, "balasan_submissions_in_flight") != 1 {
	}
	resp := env.Do(env.Client(), http.MethodPost, "/comments", "application/json",
		`{"comment_post_ID":"`+key+`","author":"Siti","email":"siti@example.test","comment":"Kedua"}`, nil)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("over the cap: status %d Retry-After %q, want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if !strings.Contains(resp.Body, `"code":"overloaded"`) {
		t.Errorf("body %s", resp.Body)
	}
	release()
	first := <-done
	var got struct{ ID int64 }
	json.Unmarshal([]byte(first.Body), &got)
	if first.StatusCode != http.StatusCreated || got.ID == 0 {
		t.Fatalf("the submission in flight: status %d %s", first.StatusCode, first.Body)
	}
	if c, err := env.App.Store.Comment(context.Background(), got.ID); err != nil || c.Raw != "Pertama" {
		t.Fatalf("the acknowledged comment: %+v, %v", c, err)
	}
	if n := metric(t, env, `balasan_submissions_total{outcome="overloaded"}`); n != 1 {
		t.Errorf("overloaded counted %v times, want 1", n)
	}
}

// lockDatabase takes the write lock from another connection, as another
// process (the sqlite3 shell, a backup tool) might; release gives it back.
func lockDatabase(t *testing.T, path string) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)") // waits out a start-up job
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			conn.ExecContext(ctx, `ROLLBACK`)
			conn.Close()
			db.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// TestSubmit_FullDisk caps the database a few pages above its size: once
// it is full, submissions get 503 with Retry-After, and every comment
// acknowledged before is intact.
func TestSubmit_FullDisk(t *testing.T) {
	env := apptest.New(t)
	ctx := context.Background()
	st := env.App.SQLite
	pages, err := sqlite.ToolsFor(st).PageCount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.ToolsFor(st).LimitPages(ctx, pages+20); err != nil {
		t.Fatal(err)
	}
	acked := map[int64]string{}
	full := 0
	for i := 0; i < 500 && full < 3; i++ {
		text := fmt.Sprintf("Komentar %d: %s", i, strings.Repeat("isi yang cukup panjang ", 60))
		resp := env.Do(env.Client(), http.MethodPost, "/comments", "application/json",
			fmt.Sprintf(`{"comment_post_ID":"%s","author":"Pembaca","email":"p%d@example.test","comment":%q}`, key, i, text), nil)
		switch resp.StatusCode {
		case http.StatusCreated:
			var got struct{ ID int64 }
			json.Unmarshal([]byte(resp.Body), &got)
			acked[got.ID] = text
		case http.StatusServiceUnavailable:
			if resp.Header.Get("Retry-After") == "" {
				t.Fatal("503 without Retry-After")
			}
			full++
		default:
			t.Fatalf("submission %d: status %d\n%s", i, resp.StatusCode, resp.Body)
		}
	}
	if full == 0 || len(acked) == 0 {
		t.Fatalf("%d accepted, %d refused: the cap did not fill", len(acked), full)
	}
	if err := st.Check(ctx); err != nil {
		t.Fatal(err)
	}
	for id, text := range acked {
		c, err := st.Comment(ctx, id)
		if err != nil || c.Raw != text || c.Status != comment.Pending {
			t.Fatalf("acknowledged comment %d: %v (status %s)", id, err, c.Status)
		}
	}
	counts, _ := st.StatusCounts(ctx)
	if counts[comment.Pending] != len(acked) {
		t.Fatalf("%d pending, %d acknowledged", counts[comment.Pending], len(acked))
	}
	// Space freed (here: the cap lifted), the service takes comments again
	// without a restart.
	if _, err := sqlite.ToolsFor(st).LimitPages(ctx, 1<<30); err != nil {
		t.Fatal(err)
	}
	env.Submit(apptest.Form("lain"))
}
