package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"balasan/internal/app"
	"balasan/internal/comment"
	"balasan/internal/pgtest"
)

// The stores comparison (issue 11, item 9): writes on SQLite with
// synchronous FULL (the default) beside a bare server making one INSERT
// per transaction with FULL; reads and writes on PostgreSQL beside a bare
// server doing decode + one INSERT per request into the same PostgreSQL
// (fsync on); then two instances on that one database.

// benchKey seals the emails of the PostgreSQL runs (every instance needs
// the same one); a benchmark's database is thrown away.
const benchKey = "4242424242424242424242424242424242424242424242424242424242424242"

func storesBench(s wrkSettings, bin, dir string) error {
	fmt.Printf("%-34s %10s %10s %7s %7s\n", "stores", "bare rps", "balasan", "ratio", "target")
	var failed []string
	check := func(name string, ratio, min float64, r wrkResult) {
		if ratio < min || r.Non2xx+r.SocketErr > 0 {
			failed = append(failed, name)
		}
	}
	warm := wrkSettings{Threads: s.Threads, Conns: s.Conns, Duration: time.Second}

	// SQLite, FULL on both sides.
	db := filepath.Join(dir, "full", "balasan.db")
	if err := seedThread(db, "bench-200", 200); err != nil {
		return err
	}
	p, err := start(bin, db)
	if err != nil {
		return err
	}
	read, err := fetch(p.base + "/api/articles/bench-200/comments")
	if err != nil {
		return err
	}
	bw, err := newBareSQLiteFull(filepath.Join(dir, "bare-full.db"), read)
	if err != nil {
		return err
	}
	bareURL, stopBare, err := bw.serve()
	if err != nil {
		return err
	}
	rb, rr, ratio, err := rounds(s, bareURL+"/comments", p.base+"/comments", postScript)
	stopBare()
	p.stop()
	if err != nil {
		return err
	}
	fmt.Printf("%-34s %10.0f %10.0f %6.0f%% %6.0f%%   p99 %s vs %s\n", "SQLite FULL: write (group commit)", rb.RPS, rr.RPS, 100*ratio, 100.0, rb.P99, rr.P99)
	check("SQLite FULL write", ratio, 1.0, rr)

	// PostgreSQL, fsync on.
	srv, err := pgtest.StartDurable()
	if err != nil {
		fmt.Printf("PostgreSQL skipped: %v\n", err)
		return nil
	}
	defer srv.Stop()
	ctx := context.Background()
	pgURL, err := srv.CreateDatabase(ctx)
	if err != nil {
		return err
	}
	bareDB, err := srv.CreateDatabase(ctx)
	if err != nil {
		return err
	}
	os.Setenv("BALASAN_SECRET_KEY", benchKey) // read by the started instances
	a, err := openPG(pgURL)
	if err != nil {
		return err
	}
	err = seedApp(a, "bench-200", 200)
	a.Close()
	if err != nil {
		return err
	}
	p1, err := start(bin, pgURL)
	if err != nil {
		return err
	}
	defer p1.cmd.Process.Kill()
	readURL := p1.base + "/api/articles/bench-200/comments"
	if read, err = fetch(readURL); err != nil {
		return err
	}
	bp, err := newBarePostgres(bareDB, read, s.Conns)
	if err != nil {
		return err
	}
	bareURL, stopBare, err = bp.serve()
	if err != nil {
		return err
	}
	defer stopBare()
	runWrk(warm, bareURL+"/read", "")
	runWrk(warm, readURL, "")
	rb, rr, ratio, err = rounds(s, bareURL+"/read", readURL, "")
	if err != nil {
		return err
	}
	fmt.Printf("%-34s %10.0f %10.0f %6.0f%% %6.0f%%   p99 %s vs %s\n", fmt.Sprintf("PostgreSQL: read (%d KB JSON)", len(read)/1024), rb.RPS, rr.RPS, 100*ratio, 80.0, rb.P99, rr.P99)
	check("PostgreSQL read", ratio, 0.8, rr)
	before, err := storedOn(pgURL)
	if err != nil {
		return err
	}
	rb, rr, ratio, err = rounds(s, bareURL+"/comments", p1.base+"/comments", postScript)
	if err != nil {
		return err
	}
	oneWrite := rr.RPS
	fmt.Printf("%-34s %10.0f %10.0f %6.0f%% %6.0f%%   p99 %s vs %s\n", "PostgreSQL: write", rb.RPS, rr.RPS, 100*ratio, 50.0, rb.P99, rr.P99)
	check("PostgreSQL write", ratio, 0.5, rr)
	acked := rr.Requests - rr.Non2xx

	// Two instances on the one database, each given half the clients.
	p2, err := start(bin, pgURL)
	if err != nil {
		return err
	}
	defer p2.cmd.Process.Kill()
	half := wrkSettings{Threads: max(1, s.Threads/2), Conns: max(1, s.Conns/2), Duration: s.Duration}
	for _, c := range []struct {
		name, path, script string
		one                float64
	}{
		{"2 instances: read", "/api/articles/bench-200/comments", "", 0},
		{"2 instances: write", "/comments", postScript, oneWrite},
	} {
		r1, r2, err := both(half, p1.base+c.path, p2.base+c.path, c.script)
		if err != nil {
			return err
		}
		sum := r1.RPS + r2.RPS
		fmt.Printf("%-34s %10s %10.0f   p99 %s / %s, non-2xx %d", c.name, "", sum, r1.P99, r2.P99, r1.Non2xx+r2.Non2xx+r1.SocketErr+r2.SocketErr)
		if c.one > 0 {
			fmt.Printf(", %.0f%% of one instance", 100*sum/c.one)
			acked += r1.Requests - r1.Non2xx + r2.Requests - r2.Non2xx
		}
		fmt.Println()
		if r1.Non2xx+r2.Non2xx+r1.SocketErr+r2.SocketErr > 0 {
			failed = append(failed, c.name)
		}
	}
	p2.stop()
	p1.stop()
	after, err := storedOn(pgURL)
	if err != nil {
		return err
	}
	a, err = openPG(pgURL)
	if err != nil {
		return err
	}
	checkErr := a.Store.Check(ctx)
	a.Close()
	lost := max(0, acked-(after-before))
	fmt.Printf("%-34s acknowledged %d, stored %d, lost %d; integrity %v\n\n", "PostgreSQL writes", acked, after-before, lost, okOr(checkErr))
	if lost > 0 || checkErr != nil {
		failed = append(failed, "PostgreSQL integrity")
	}
	if len(failed) > 0 {
		fmt.Printf("MISSED: %s\n\n", strings.Join(failed, "; "))
	}
	return nil
}

// both runs wrk against two instances at once.
func both(s wrkSettings, u1, u2, script string) (wrkResult, wrkResult, error) {
	var r [2]wrkResult
	var errs [2]error
	var wg sync.WaitGroup
	for i, u := range []string{u1, u2} {
		// Both start in the same second: the run number that keeps
		// bodies unique is told apart, or the second's would be
		// duplicates of the first's (409).
		sc := strings.Replace(script, "local run = os.time()", fmt.Sprintf("local run = os.time() * 10 + %d", i), 1)
		wg.Go(func() { r[i], errs[i] = runWrk(s, u, sc) })
	}
	wg.Wait()
	if errs[0] != nil {
		return r[0], r[1], errs[0]
	}
	return r[0], r[1], errs[1]
}

func openPG(url string) (*app.App, error) {
	cfg, err := app.ParseConfig([]string{"-db", url, "-secret-key", benchKey, "-flood-interval", "0", "-min-submit-seconds", "0"},
		func(string) string { return "" })
	if err != nil {
		return nil, err
	}
	return app.New(context.Background(), cfg, slog.New(slog.NewJSONHandler(io.Discard, nil)))
}

// seedApp gives an article n approved comments of about 1 KB of JSON each.
func seedApp(a *app.App, key string, n int) error {
	ctx := context.Background()
	body := strings.Repeat("Warga bergotong royong membersihkan pantai setiap Minggu pagi; semoga pemerintah daerah ikut membantu. ", 8)
	for i := range n {
		c, err := a.Service.Submit(ctx, comment.Input{ArticleKey: key, Author: fmt.Sprintf("Pembaca %d", i),
			Email: fmt.Sprintf("p%d@example.test", i), URL: "https://blog.example/" + fmt.Sprint(i),
			Content: fmt.Sprintf("Komentar %d. %s", i, body), IP: "10.0.0.1"})
		if err != nil {
			return err
		}
		if _, err := a.Service.Moderate(ctx, c.ID, comment.ActApprove, comment.Moderator{Username: "bench"}); err != nil {
			return err
		}
	}
	return nil
}

func storedOn(url string) (int, error) {
	a, err := openPG(url)
	if err != nil {
		return 0, err
	}
	defer a.Close()
	c, err := a.Store.StatusCounts(context.Background())
	return total(c), err
}
