package app_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds cmd/balasan into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		goTool = "go"
	}
	bin := filepath.Join(t.TempDir(), "balasan")
	cmd := exec.Command(goTool, "build", "-o", bin, "balasan/cmd/balasan")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startBinary runs `balasan serve` on the database db (a file or a
// postgres:// URL) on a free loopback port, with env added to the test's
// own environment and extra flags, and returns the process and its base
// URL once it listens.
func startBinary(t *testing.T, bin, db string, env []string, extra ...string) (*exec.Cmd, string) {
	t.Helper()
	args := append([]string{"serve", "-addr", "127.0.0.1:0", "-db", db,
		"-flood-interval", "0", "-min-submit-seconds", "0", "-log-format", "json"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if _, addr, ok := strings.Cut(sc.Text(), "listening on "); ok {
			base, _, _ := strings.Cut(addr, " ")
			go io.Copy(io.Discard, stdout)
			return cmd, base
		}
	}
	t.Fatalf("the server never said it listens: %v", sc.Err())
	return nil, ""
}

type acked struct {
	ID   int64  `json:"id"`
	Hash string `json:"moderation_hash"`
	text string
}

// TestCrash_NothingAcknowledgedIsLost runs the real binary, has several
// clients submit at once, kills the process with SIGKILL in mid-stream,
// restarts it on the same database and finds every comment that got a 201.
// WAL with synchronous=NORMAL makes a committed transaction durable
// against a crash of the process (the WAL is in the OS's page cache);
// only a power loss could lose the last commits, which FULL would prevent.
func TestCrash_NothingAcknowledgedIsLost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "data", "balasan.db")
	cmd, base := startBinary(t, bin, db, nil)

	const clients, killAfter = 8, 150
	var (
		mu    sync.Mutex
		got   []acked
		count atomic.Int64
		wg    sync.WaitGroup
	)
	killed := make(chan struct{})
	client := &http.Client{Timeout: 10 * time.Second}
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				text := fmt.Sprintf("Klien %d, komentar %d", c, i)
				body := fmt.Sprintf(`{"comment_post_ID":"krisis","author":"Pembaca %d","email":"p%d@example.test","comment":%q}`, c, c, text)
				resp, err := client.Post(base+"/comments", "application/json", strings.NewReader(body))
				if err != nil {
					return // the server is gone
				}
				var a acked
				json.NewDecoder(resp.Body).Decode(&a)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated {
					t.Errorf("client %d: status %d", c, resp.StatusCode)
					return
				}
				a.text = text
				mu.Lock()
				got = append(got, a)
				mu.Unlock()
				if count.Add(1) == killAfter {
					cmd.Process.Signal(syscall.SIGKILL)
					close(killed)
				}
			}
		}()
	}
	<-killed
	wg.Wait()
	cmd.Wait()
	if len(got) < killAfter {
		t.Fatalf("only %d acknowledged", len(got))
	}

	cmd2, base2 := startBinary(t, bin, db, nil)
	for _, a := range got {
		q := url.Values{"unapproved": {fmt.Sprint(a.ID)}, "moderation-hash": {a.Hash}}
		resp, err := client.Get(base2 + "/api/articles/krisis/comments?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		textJSON, _ := json.Marshal(a.text)
		if !strings.Contains(string(b), fmt.Sprintf(`"id":%d,`, a.ID)) || !strings.Contains(string(b), string(textJSON[1:len(textJSON)-1])) {
			t.Fatalf("acknowledged comment %d (%s) lost after the crash:\n%.300s", a.ID, a.text, b)
		}
	}
	t.Logf("%d comments acknowledged before SIGKILL, all found after restart", len(got))

	// Graceful shutdown: SIGTERM ends the process cleanly.
	cmd2.Process.Signal(syscall.SIGTERM)
	if err := cmd2.Wait(); err != nil {
		t.Fatalf("after SIGTERM: %v", err)
	}
}
