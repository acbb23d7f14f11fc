package app_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"balasan/internal/pgtest"
)

// startOnPostgres runs `balasan serve` on the PostgreSQL database db.
func startOnPostgres(t *testing.T, bin, db string) (*exec.Cmd, string) {
	t.Helper()
	return startBinary(t, bin, db, []string{"BALASAN_SECRET_KEY=" + clusterKey}, "-spam-starter", "off")
}

// TestCluster_KillOneInstance runs three instances of the real binary on
// one PostgreSQL, has clients post through them in turn as a load
// balancer would, kills one with SIGKILL in mid-stream and moves its
// clients to the others: the others keep serving, and every comment any
// instance acknowledged (201) is in the database, read through a
// survivor.
func TestCluster_KillOneInstance(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	db := pgtest.URL(t)
	var bases []string
	var victim *exec.Cmd
	for i := range 3 {
		cmd, base := startOnPostgres(t, bin, db)
		if i == 0 {
			victim = cmd
		}
		bases = append(bases, base)
	}
	const clients, killAfter, more = 6, 120, 120
	var (
		mu         sync.Mutex
		got        []acked
		count      atomic.Int64
		afterKill  atomic.Int64
		dead       atomic.Bool
		wg         sync.WaitGroup
		killedOnce sync.Once
	)
	client := &http.Client{Timeout: 10 * time.Second}
	for c := range clients {
		wg.Go(func() {
			for i := 0; ; i++ {
				if afterKill.Load() >= more {
					return
				}
				n := (c + i) % 3
				if n == 0 && dead.Load() {
					n = 1 + i%2 // the load balancer takes the dead one out
				}
				text := fmt.Sprintf("Klien %d, komentar %d", c, i)
				body := fmt.Sprintf(`{"comment_post_ID":"tiga","author":"Pembaca %d","email":"p%d@example.test","comment":%q}`, c, c, text)
				resp, err := client.Post(bases[n]+"/comments", "application/json", strings.NewReader(body))
				if err != nil {
					if n == 0 && dead.Load() {
						continue // in flight to the killed one: not acknowledged
					}
					t.Errorf("client %d via instance %d: %v", c, n, err)
					return
				}
				var a acked
				json.NewDecoder(resp.Body).Decode(&a)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated {
					t.Errorf("client %d via instance %d: status %d", c, n, resp.StatusCode)
					return
				}
				a.text = text
				mu.Lock()
				got = append(got, a)
				mu.Unlock()
				if dead.Load() {
					afterKill.Add(1)
				}
				if count.Add(1) == killAfter {
					killedOnce.Do(func() {
						dead.Store(true) // first: a request failing from now on was to the killed one
						victim.Process.Signal(syscall.SIGKILL)
					})
				}
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	for _, a := range got {
		q := url.Values{"unapproved": {fmt.Sprint(a.ID)}, "moderation-hash": {a.Hash}}
		resp, err := client.Get(bases[1] + "/api/articles/tiga/comments?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		textJSON, _ := json.Marshal(a.text)
		if !strings.Contains(string(b), fmt.Sprintf(`"id":%d,`, a.ID)) || !strings.Contains(string(b), string(textJSON[1:len(textJSON)-1])) {
			t.Fatalf("acknowledged comment %d (%s) lost:\n%.300s", a.ID, a.text, b)
		}
	}
	t.Logf("%d comments acknowledged by three instances, one killed after %d; all found", len(got), killAfter)
}
