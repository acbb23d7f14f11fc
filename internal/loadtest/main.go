// Command loadtest is `make bench`'s load comparison: it starts Balasan on
// loopback with a generated database beside a bare net/http server sending
// the same bytes from memory, measures both with the same wrk settings, and
// prints the ratios; then it checks the read path and the pending view
// against a database of a million comments. Run: go run ./internal/loadtest
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"balasan/internal/app"
	"balasan/internal/auth"
	"balasan/internal/comment"
	"balasan/internal/sqlite"
)

func main() {
	s := wrkSettings{}
	flag.IntVar(&s.Threads, "t", 2, "wrk threads")
	flag.IntVar(&s.Conns, "c", 32, "wrk connections")
	flag.DurationVar(&s.Duration, "d", 4*time.Second, "each measurement (side by side: three rounds each)")
	scale := flag.Int("scale", 1000000, "comments in the scale test (0 skips it)")
	side := flag.Bool("side", true, "run the side-by-side comparison")
	stores := flag.Bool("stores", true, "run the stores comparison (SQLite FULL, PostgreSQL, two instances)")
	flag.Parse()
	if err := run(s, *side, *scale, *stores); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(s wrkSettings, side bool, scale int, stores bool) error {
	if err := ensureWrk(); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "balasan-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "balasan")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/balasan").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	fmt.Printf("wrk -t%d -c%d -d%s on %d cores, the same for both servers, alternating, median of 3 rounds\n\n", s.Threads, s.Conns, s.Duration, numCPU())
	if side {
		if err := sideBySide(s, bin, dir); err != nil {
			return err
		}
	}
	if stores {
		if err := storesBench(s, bin, dir); err != nil {
			return err
		}
	}
	if scale > 0 {
		return scaleTest(s, bin, dir, scale)
	}
	return nil
}

// openApp opens the database the way the server will (same key file).
func openApp(db string) (*app.App, error) {
	cfg, err := app.ParseConfig([]string{"-db", db, "-flood-interval", "0", "-min-submit-seconds", "0"}, func(string) string { return "" })
	if err != nil {
		return nil, err
	}
	return app.New(context.Background(), cfg, slog.New(slog.NewJSONHandler(io.Discard, nil)))
}

// seedThread gives an article n approved comments of about 1 KB of JSON
// each. Their words are drawn at random (a fixed seed) from a news
// site's vocabulary, so they compress as readers' comments do (about 4:1
// with the JSON around them), not as one sentence repeated: a page of 50
// is then about 10 KB gzip'd, the small size the issue names.
func seedThread(db, key string, n int) error {
	a, err := openApp(db)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx := context.Background()
	words := strings.Fields(commentWords)
	rnd := rand.New(rand.NewPCG(13, 2))
	for i := range n {
		text := make([]string, 110)
		for j := range text {
			text[j] = words[rnd.IntN(len(words))]
		}
		c, err := a.Service.Submit(ctx, comment.Input{ArticleKey: key, Author: fmt.Sprintf("Pembaca %d", i),
			Email: fmt.Sprintf("p%d@example.test", i), URL: "https://blog.example/" + fmt.Sprint(i),
			Content: fmt.Sprintf("Komentar %d. %s.", i, strings.Join(text, " ")), IP: "10.0.0.1"})
		if err != nil {
			return err
		}
		if _, err := a.Service.Moderate(ctx, c.ID, comment.ActApprove, comment.Moderator{Username: "bench"}); err != nil {
			return err
		}
	}
	return nil
}

// commentWords is the vocabulary of the seeded comments.
const commentWords = `warga bergotong royong membersihkan pantai setiap minggu pagi semoga
pemerintah daerah ikut membantu saya setuju dengan penulis tetapi data yang disajikan kurang
lengkap harga beras naik lagi bulan ini jalan rusak belum diperbaiki sejak tahun lalu banjir
kemarin merendam rumah tetangga kami anak sekolah terpaksa libur karena hujan deras listrik
padam tiga jam air bersih sulit didapat pasar tradisional ramai menjelang lebaran pedagang
kecil mengeluh sepi pembeli ojek daring makin banyak di kota kami terima kasih atas liputan
berimbang ini mohon redaksi memeriksa lagi angka tersebut sumbernya dari mana kebijakan baru
itu belum jelas aturannya warga desa menunggu bantuan yang dijanjikan harga cabai turun drastis
petani merugi nelayan tidak melaut karena ombak tinggi sekolah negeri kekurangan guru honorer
puskesmas buka sampai sore saja kereta komuter selalu penuh saat jam sibuk macet parah di
simpang empat polisi lalu lintas sudah berjaga sejak subuh tim sepak bola kebanggaan kota
menang dua kosong penonton tertib pulang festival budaya menarik wisatawan dari luar negeri
kuliner khas daerah patut dilestarikan bahasa daerah jarang dipakai anak muda sekarang
perpustakaan desa butuh buku baru internet di kampung masih lambat sinyal hilang di lereng
gunung hutan kota perlu dijaga sampah plastik menumpuk di sungai bank sampah membantu ibu ibu
rumah tangga koperasi simpan pinjam berkembang pesat usaha mikro butuh modal murah pajak
kendaraan naik lagi SIM keliling hadir di kecamatan kantor pos masih melayani wesel rapat
warga digelar malam nanti di balai desa ketua RT mengumumkan kerja bakti`

// process is a running balasan serve.
type process struct {
	cmd  *exec.Cmd
	base string
}

func start(bin, db string, extra ...string) (*process, error) {
	args := append([]string{"serve", "-addr", "127.0.0.1:0", "-db", db, "-flood-interval", "0",
		"-min-submit-seconds", "0", "-log-format", "json"}, extra...)
	cmd := exec.Command(bin, args...)
	devnull, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	cmd.Stderr = devnull // the JSON log is still written, as in production
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if _, addr, ok := strings.Cut(sc.Text(), "listening on "); ok {
			base, _, _ := strings.Cut(addr, " ")
			go io.Copy(io.Discard, stdout)
			return &process{cmd: cmd, base: base}, nil
		}
	}
	cmd.Process.Kill()
	return nil, fmt.Errorf("balasan did not start")
}

// stop ends the server with SIGTERM, as systemd would, and waits.
func (p *process) stop() error {
	p.cmd.Process.Signal(syscall.SIGTERM)
	return p.cmd.Wait()
}

// resetPeak starts VmHWM afresh (Linux: 5 > clear_refs), so the peak
// measured is that of serving, not of start-up or a moderator's login
// (argon2id hashing takes its memory parameter for a moment).
func (p *process) resetPeak() {
	os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", p.cmd.Process.Pid), []byte("5"), 0)
}

// rss is the process's resident memory now (VmRSS) in MB.
func (p *process) rss() float64 { return p.status("VmRSS") }

// sampleRSS records the highest VmRSS every 100 ms until stop is closed.
func (p *process) sampleRSS(stop <-chan struct{}) <-chan float64 {
	out := make(chan float64, 1)
	go func() {
		peak := 0.0
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			peak = max(peak, p.rss())
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

func (p *process) status(field string) float64 {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	m := regexp.MustCompile(field + `:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		return 0
	}
	var kb float64
	fmt.Sscan(string(m[1]), &kb)
	return kb / 1024
}

// peakRSS is the process's high-water resident memory (VmHWM) in MB.
func (p *process) peakRSS() float64 { return p.status("VmHWM") }

// fetchRaw gets an answer as sent, compressed or not, for the bare server.
func fetchRaw(u string, header ...string) (bareBody, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return bareBody{}, err
	}
	for _, h := range header {
		k, v, _ := strings.Cut(h, ": ")
		req.Header.Set(k, v)
	}
	resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil {
		return bareBody{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return bareBody{}, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	b, err := io.ReadAll(resp.Body)
	return bareBody{body: b, contentType: resp.Header.Get("Content-Type"), contentEncoding: resp.Header.Get("Content-Encoding"),
		length: strconv.Itoa(len(b))}, err
}

func sideBySide(s wrkSettings, bin, dir string) error {
	db := filepath.Join(dir, "side", "balasan.db")
	const key = "bench-200"
	if err := seedThread(db, key, 200); err != nil {
		return err
	}
	p, err := start(bin, db)
	if err != nil {
		return err
	}
	defer p.cmd.Process.Kill()
	stopSampling := make(chan struct{})
	sampled := p.sampleRSS(stopSampling)
	// The sizes a reader gets: a compressed page of 50 (about 10 KB), a
	// plain page of 60 (about 60 KB), the whole thread plain (about 200
	// KB); and the embed page. The bare server sends the very bytes
	// Balasan sent.
	readURL := p.base + "/api/articles/" + key + "/comments"
	type read struct {
		name, path, balasan string
		header              []string
		min                 float64
	}
	reads := []read{
		{"read, page of 50 gzip", "/read-50-gz", readURL + "?limit=50", []string{"Accept-Encoding: gzip"}, 0.85},
		{"read, page of 60", "/read-60", readURL + "?limit=60", nil, 0.85},
		{"read, thread plain", "/read", readURL, nil, 0.85},
		{"embed page", "/embed", p.base + "/embed/" + key, nil, 0.6},
	}
	bodies := map[string]bareBody{}
	for i, r := range reads {
		bb, err := fetchRaw(r.balasan, r.header...)
		if err != nil {
			return err
		}
		bodies[r.path] = bb
		reads[i].name = fmt.Sprintf("%s (%d KB)", r.name, (len(bb.body)+512)/1024)
	}
	b, err := newBare(filepath.Join(dir, "bare.db"), bodies)
	if err != nil {
		return err
	}
	bareURL, stopBare, err := b.serve()
	if err != nil {
		return err
	}
	defer stopBare()

	warm := wrkSettings{Threads: s.Threads, Conns: s.Conns, Duration: time.Second}
	fmt.Printf("%-34s %10s %10s %7s %7s\n", "side by side", "bare rps", "balasan", "ratio", "target")
	var failed []string
	for _, c := range reads {
		runWrk(warm, bareURL+c.path, "", c.header...)
		runWrk(warm, c.balasan, "", c.header...)
		rb, rr, ratio, err := rounds(s, bareURL+c.path, c.balasan, "", c.header...)
		if err != nil {
			return err
		}
		fmt.Printf("%-34s %10.0f %10.0f %6.0f%% %6.0f%%   p99 %s vs %s, non-2xx %d\n", c.name, rb.RPS, rr.RPS, 100*ratio, 100*c.min, rb.P99, rr.P99, rr.Non2xx+rr.SocketErr)
		if ratio < c.min || rr.Non2xx+rr.SocketErr > 0 {
			failed = append(failed, c.name)
		}
	}

	// Writes: unique JSON comments; then count what each stored.
	bareBefore, _ := b.count()
	a, err := openApp(db)
	if err != nil {
		return err
	}
	before, _ := a.Store.StatusCounts(context.Background())
	a.Close()
	rb, rr, ratio, err := rounds(s, bareURL+"/comments", p.base+"/comments", postScript)
	if err != nil {
		return err
	}
	bareAfter, _ := b.count()
	close(stopSampling)
	peak := <-sampled
	if err := p.stop(); err != nil {
		return fmt.Errorf("balasan after SIGTERM: %w", err)
	}
	a, err = openApp(db)
	if err != nil {
		return err
	}
	after, _ := a.Store.StatusCounts(context.Background())
	checkErr := a.Store.Check(context.Background())
	a.Close()
	stored := total(after) - total(before)
	acked := rr.Requests - rr.Non2xx
	refused := rr.Non2xx + rr.SocketErr
	lost := max(0, acked-stored)
	fmt.Printf("%-34s %10.0f %10.0f %6.0f%% %6.0f%%   p99 %s vs %s\n", "write POST /comments (JSON)", rb.RPS, rr.RPS, 100*ratio, 50.0, rb.P99, rr.P99)
	fmt.Printf("%-34s bare stored %d of %d; balasan acknowledged %d, stored %d, refused %d, lost %d; integrity %v\n",
		"", bareAfter-bareBefore, rb.Requests, acked, stored, refused, lost, okOr(checkErr))
	fmt.Printf("%-34s balasan RSS while serving (VmRSS, max) %.0f MB\n\n", "", peak)
	if ratio < 0.5 || refused > 0 || lost > 0 || checkErr != nil {
		failed = append(failed, "write")
	}
	if len(failed) > 0 {
		fmt.Printf("MISSED: %s\n\n", strings.Join(failed, "; "))
	}
	return nil
}

// rounds measures bare and Balasan in turn, three times, so both meet the
// same moments of a shared machine; it returns the median round by ratio,
// with the requests and errors of all rounds summed.
func rounds(s wrkSettings, bareURL, balasanURL, script string, header ...string) (bare, bal wrkResult, ratio float64, err error) {
	type round struct {
		b, r  wrkResult
		ratio float64
	}
	var rs []round
	var sumB, sumR wrkResult
	for range 3 {
		b, err := runWrk(s, bareURL, script, header...)
		if err != nil {
			return bare, bal, 0, err
		}
		r, err := runWrk(s, balasanURL, script, header...)
		if err != nil {
			return bare, bal, 0, err
		}
		rs = append(rs, round{b, r, r.RPS / b.RPS})
		sumB.Requests, sumB.Non2xx, sumB.SocketErr = sumB.Requests+b.Requests, sumB.Non2xx+b.Non2xx, sumB.SocketErr+b.SocketErr
		sumR.Requests, sumR.Non2xx, sumR.SocketErr = sumR.Requests+r.Requests, sumR.Non2xx+r.Non2xx, sumR.SocketErr+r.SocketErr
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].ratio < rs[j].ratio })
	bare, bal = rs[1].b, rs[1].r
	bare.Requests, bare.Non2xx, bare.SocketErr = sumB.Requests, sumB.Non2xx, sumB.SocketErr
	bal.Requests, bal.Non2xx, bal.SocketErr = sumR.Requests, sumR.Non2xx, sumR.SocketErr
	return bare, bal, rs[1].ratio, nil
}

func total(m map[comment.Status]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func okOr(err error) string {
	if err != nil {
		return err.Error()
	}
	return "ok"
}

// scaleTest checks the read path and the pending view with n comments.
func scaleTest(s wrkSettings, bin, dir string, n int) error {
	db := filepath.Join(dir, "scale", "balasan.db")
	articles := n / 100
	a, err := openApp(db)
	if err != nil {
		return err
	}
	start0 := time.Now()
	// One article (a-0) gets a big thread of its own on top of its share.
	if err := sqlite.ToolsFor(a.SQLite).Seed(context.Background(), n-bigThreadComments, articles, "pembaca@example.test"); err != nil {
		a.Close()
		return err
	}
	firstBig := int64(n-bigThreadComments) + 1
	if err := sqlite.ToolsFor(a.SQLite).Seed(context.Background(), bigThreadComments, 1, "pembaca@example.test"); err != nil {
		a.Close()
		return err
	}
	const user, password = "beban", "kata-sandi-beban-1"
	hash, _ := auth.HashPassword(password)
	if err := a.Store.CreateModerator(context.Background(), &comment.Moderator{Username: user, PasswordHash: hash,
		Role: comment.RoleAdmin, Lang: "id", CreatedAt: time.Now()}); err != nil {
		a.Close()
		return err
	}
	counts, _ := a.Store.StatusCounts(context.Background())
	a.Close()
	fi, _ := os.Stat(db)
	fmt.Printf("scale: %d comments (%d pending) over %d articles, %d MB file, generated in %s\n",
		total(counts), counts[comment.Pending], articles, fi.Size()>>20, time.Since(start0).Round(time.Second))
	p, err := start(bin, db)
	if err != nil {
		return err
	}
	defer p.stop()
	cookie, err := login(p.base, user, password)
	if err != nil {
		return err
	}
	startPeak := p.peakRSS()
	p.resetPeak()
	stopSampling := make(chan struct{})
	sampled := p.sampleRSS(stopSampling)
	fmt.Printf("%-48s %9s %9s %9s %s\n", "", "rps", "p50", "p99", "(target p99 < 50ms)")
	var failed []string
	for _, c := range []struct {
		name   string
		conns  int
		script string
		header []string
	}{
		{"read, 80% on 100 hot articles, 20% archive", s.Conns, readScript(articles), nil},
		{"pending view, first or a deep page (4 mods)", 4, pendingScript(n), []string{"Cookie: " + cookie}},
	} {
		set := wrkSettings{Threads: min(s.Threads, c.conns), Conns: c.conns, Duration: 2 * s.Duration}
		r, err := runWrk(set, p.base+"/", c.script, c.header...)
		if err != nil {
			return err
		}
		fmt.Printf("%-48s %9.0f %9s %9s  -c%d, non-2xx %d\n", c.name, r.RPS, r.P50, r.P99, c.conns, r.Non2xx+r.SocketErr)
		if r.P99 >= 50*time.Millisecond || r.Non2xx+r.SocketErr > 0 {
			failed = append(failed, c.name)
		}
	}
	// The same read at a fixed 2,000 requests a second: latency measured
	// from when each request was due, as wrk2 does.
	hot := rand.New(rand.NewPCG(1, 2))
	var hotMu sync.Mutex
	fr := fixedRate(2000, 2*s.Duration, s.Conns, func() string {
		hotMu.Lock()
		defer hotMu.Unlock()
		k := 1 + hot.IntN(articles-1)
		if hot.Float64() < 0.8 {
			k = 1 + hot.IntN(100)
		}
		return fmt.Sprintf("%s/api/articles/a-%d/comments", p.base, k)
	}, nil)
	fmt.Printf("%-48s %9.0f %9s %9s  fixed rate, -c%d, failed %d (target p99 < 20ms)\n", "read at 2,000 req/s, same mix", fr.RPS, fr.P50, fr.P99, s.Conns, fr.Failed)
	if fr.P99 >= 20*time.Millisecond || fr.Failed > 0 {
		failed = append(failed, "read at 2,000 req/s")
	}
	all, after, err := bigThread(p.base, cookie, firstBig, 2*s.Duration)
	if err != nil {
		return err
	}
	fmt.Printf("%-48s %9.0f %9s %9s  4 readers, gzip; first read after each of %d approvals: p99 %s, max %s (target p99 < 20ms)\n",
		"pages of 50 of a 20,000-comment article", float64(len(all))/(2*s.Duration).Seconds(), percentile(all, 0.5), percentile(all, 0.99), len(after), percentile(after, 0.99), percentile(after, 1))
	if percentile(all, 0.99) >= 20*time.Millisecond {
		failed = append(failed, "big thread pages")
	}
	close(stopSampling)
	peak := <-sampled
	fmt.Printf("%-48s %.0f MB (target < 150 MB); VmHWM %.0f MB, of which start-up and login %.0f MB\n",
		"balasan RSS while serving (VmRSS, max)", peak, p.peakRSS(), startPeak)
	if peak >= 150 {
		failed = append(failed, "RSS")
	}
	if len(failed) > 0 {
		fmt.Printf("MISSED: %s\n", strings.Join(failed, "; "))
	}
	return nil
}

// login signs a moderator in and returns the session cookie header value.
func login(base, user, password string) (string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(base + "/admin/login")
	if err != nil {
		return "", err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		return "", fmt.Errorf("no CSRF token on the login page")
	}
	resp, err = c.PostForm(base+"/admin/login", url.Values{"username": {user}, "password": {password}, "_csrf": {string(m[1])}})
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("login: %s", resp.Status)
	}
	u, _ := url.Parse(base + "/admin/")
	var parts []string
	for _, ck := range jar.Cookies(u) {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	return strings.Join(parts, "; "), nil
}
