package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// wrkResult is what one wrk run measured.
type wrkResult struct {
	RPS       float64
	Requests  int
	Non2xx    int
	SocketErr int
	P50, P99  time.Duration
}

var (
	reRPS      = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	reRequests = regexp.MustCompile(`(\d+) requests in`)
	reNon2xx   = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	reSocket   = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
	reLatency  = regexp.MustCompile(`(?m)^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$`)
)

// wrkSettings are the same for Balasan and the bare server in one comparison.
type wrkSettings struct {
	Threads, Conns int
	Duration       time.Duration
}

// runWrk runs wrk against url, with a Lua script when given one.
func runWrk(s wrkSettings, url, script string, headers ...string) (wrkResult, error) {
	args := []string{"-t", strconv.Itoa(s.Threads), "-c", strconv.Itoa(s.Conns),
		"-d", fmt.Sprintf("%ds", int(s.Duration.Seconds())), "--latency", "--timeout", "5s"}
	for _, h := range headers {
		args = append(args, "-H", h)
	}
	if script != "" {
		f, err := os.CreateTemp("", "balasan-*.lua")
		if err != nil {
			return wrkResult{}, err
		}
		defer os.Remove(f.Name())
		f.WriteString(script)
		f.Close()
		args = append(args, "-s", f.Name())
	}
	args = append(args, url)
	out, err := exec.Command("wrk", args...).CombinedOutput()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	return parseWrk(string(out))
}

func parseWrk(out string) (wrkResult, error) {
	var r wrkResult
	m := reRPS.FindStringSubmatch(out)
	if m == nil {
		return r, fmt.Errorf("no Requests/sec in wrk output:\n%s", out)
	}
	r.RPS, _ = strconv.ParseFloat(m[1], 64)
	if m := reRequests.FindStringSubmatch(out); m != nil {
		r.Requests, _ = strconv.Atoi(m[1])
	}
	if m := reNon2xx.FindStringSubmatch(out); m != nil {
		r.Non2xx, _ = strconv.Atoi(m[1])
	}
	if m := reSocket.FindStringSubmatch(out); m != nil {
		for _, s := range m[1:] {
			n, _ := strconv.Atoi(s)
			r.SocketErr += n
		}
	}
	for _, m := range reLatency.FindAllStringSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[m[3]]
		d := time.Duration(v * float64(unit))
		if m[1] == "50" {
			r.P50 = d
		} else {
			r.P99 = d
		}
	}
	return r, nil
}

// postScript posts unique JSON comments: each wrk thread numbers its own.
const postScript = `
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local n = 0
local run = os.time() -- runs are seconds apart: bodies stay unique across them
function request()
  n = n + 1
  local body = string.format('{"comment_post_ID":"tulis-%d","author":"Pembaca %d-%d","email":"p%d.%d@example.test","comment":"Komentar nomor %d dari utas %d, putaran %d, tentang berita hari ini. Semoga bermanfaat."}',
    n % 50, tid, n, tid, n, n, tid, run)
  return wrk.format("POST", "/comments", {["Content-Type"] = "application/json", ["Accept"] = "application/json"}, body)
end
`

// readScript reads articles of the seeded database: four requests in five
// go to the 100 articles of the day, the rest anywhere in the archive;
// a-0, the one big thread, is read by its own test.
func readScript(articles int) string {
	return fmt.Sprintf(`
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
function request()
  local k
  if math.random() < 0.8 then k = math.random(1, 100) else k = math.random(1, %d) end
  return wrk.format("GET", "/api/articles/a-" .. k .. "/comments")
end
`, articles-1)
}

// pendingScript pages through the pending queue: the first page, or a
// page deep in it (keyset cursor after a random id).
func pendingScript(maxID int) string {
	return fmt.Sprintf(`
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
function request()
  if math.random() < 0.5 then return wrk.format("GET", "/admin/comments?status=pending") end
  return wrk.format("GET", "/admin/comments?status=pending&after=" .. math.random(1, %d))
end
`, maxID)
}

func ensureWrk() error {
	if _, err := exec.LookPath("wrk"); err == nil {
		return nil
	}
	fmt.Println("wrk is missing; installing Debian's package")
	for _, args := range [][]string{{"update", "-qq"}, {"install", "-y", "-qq", "wrk"}} {
		cmd := exec.Command("apt-get", args...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("apt-get %s: %w", strings.Join(args, " "), err)
		}
	}
	return nil
}
