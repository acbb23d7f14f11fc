package app_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"balasan/internal/app"
	"balasan/internal/apptest"
	"balasan/internal/comment"
	"balasan/internal/pgtest"
)

// fillSource gives a SQLite database every kind of row: articles,
// comments of every status with a reply, an account and its session
// (through a login), audit entries, a settings save, outbox jobs, the
// spam model's learning.
func fillSource(t *testing.T, db string) {
	t.Helper()
	e := apptest.New(t, "-db", db, "-spam-starter", "off", "-webhook-url", "http://127.0.0.1:1/hook", "-outbox-poll", "1h")
	ctx := t.Context()
	e.AddModerator("redaksi", "kata-sandi-redaksi", comment.RoleAdmin)
	e.Login("redaksi", "kata-sandi-redaksi")
	var ids []int64
	for i := range 12 {
		f := apptest.Form(fmt.Sprintf("artikel-%d", i%3))
		f.Set("email", fmt.Sprintf("pembaca%d@example.test", i))
		f.Set("comment", fmt.Sprintf("Komentar pindahan nomor %d tentang pantai", i))
		ids = append(ids, e.Submit(f))
	}
	by := comment.Moderator{Username: "redaksi", Role: comment.RoleAdmin}
	for i, id := range ids[:8] {
		act := []comment.Action{comment.ActApprove, comment.ActSpam, comment.ActTrash, comment.ActApprove}[i%4]
		if _, err := e.App.Service.Moderate(ctx, id, act, by); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.App.Service.Reply(ctx, ids[0], "Terima kasih, redaksi.", by); err != nil {
		t.Fatal(err)
	}
	if err := e.App.Service.SaveSettings(ctx, map[string]string{comment.SettingModerationKeys: "judi"}, by); err != nil {
		t.Fatal(err)
	}
}

// storeView is what a copy must keep, read through the store's port.
func storeView(t *testing.T, st comment.Store) string {
	t.Helper()
	ctx := t.Context()
	var b strings.Builder
	counts, err := st.StatusCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "counts %v\n", counts)
	for _, s := range []comment.Status{comment.Pending, comment.Approved, comment.Spam, comment.Trash} {
		page, err := st.List(ctx, comment.Filter{Status: s, Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page {
			fmt.Fprintf(&b, "%d %s %s %d %q %q %s\n", c.ID, c.Status, c.ArticleKey, c.ParentID, c.Email, c.Raw, c.CreatedAt)
		}
	}
	for _, k := range []string{"artikel-0", "artikel-1", "artikel-2"} {
		a, err := st.Article(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		approved, err := st.PublicApproved(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "article %s %q %v %s %d approved\n", a.Key, a.Title, a.Verified, a.State, len(approved))
	}
	found, err := st.List(ctx, comment.Filter{Status: comment.Pending, Query: "pembaca11@example.test"})
	if err != nil || len(found) != 1 {
		t.Fatalf("lookup by sealed email: %d, %v", len(found), err)
	}
	words, err := st.List(ctx, comment.Filter{Status: comment.Approved, Query: "pindah"})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "search %d\n", len(words))
	ms, _ := st.Moderators(ctx)
	for _, m := range ms {
		fmt.Fprintf(&b, "moderator %s %s\n", m.Username, m.Role)
	}
	s, _ := st.Settings(ctx)
	fmt.Fprintf(&b, "moderation keys %q\n", s[comment.SettingModerationKeys])
	n, _ := st.QueuedJobs(ctx, "webhook")
	fmt.Fprintf(&b, "webhooks %d\n", n)
	return b.String()
}

// openView opens a database as the server would and returns its view.
func openView(t *testing.T, db string, vars map[string]string) string {
	t.Helper()
	args := []string{"-db", db, "-spam-starter", "off"}
	if k := vars["BALASAN_SECRET_KEY"]; k != "" {
		args = append(args, "-secret-key", k)
	}
	cfg, err := app.ParseConfig(args, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	return storeView(t, a.Store)
}

func runCopy(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := app.Run(context.Background(), app.Env{Args: append([]string{"copy"}, args...),
		Getenv: func(k string) string { return vars[k] }, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

// TestCopy_BothWays copies a SQLite database into PostgreSQL, that one
// back into a new SQLite file, and that into another file: every copy
// reads the same through the store (comments, statuses, counts, sealed
// emails found by address, search, accounts, settings, queued jobs),
// prints the counts per table, and refuses a target that is not empty.
func TestCopy_BothWays(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src", "balasan.db")
	fillSource(t, src)
	want := openView(t, src, nil)

	pg := pgtest.URL(t)
	code, out, errb := runCopy(t, nil, "--db", src, "--to", pg)
	if code != 0 {
		t.Fatalf("SQLite → PostgreSQL: exit %d\n%s\n%s", code, out, errb)
	}
	if !strings.Contains(out, "every table's count matches") || !strings.Contains(errb, "comments: 13 rows") {
		t.Errorf("report:\n%s\nprogress:\n%s", out, errb)
	}
	key, err := readKeyFile(filepath.Join(dir, "src", "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	withKey := map[string]string{"BALASAN_SECRET_KEY": key}
	if got := openView(t, pg, withKey); got != want {
		t.Fatalf("PostgreSQL copy reads\n%s\nwant\n%s", got, want)
	}

	back := filepath.Join(dir, "back", "balasan.db")
	if code, out, errb := runCopy(t, withKey, "--db", pg, "--to", back); code != 0 {
		t.Fatalf("PostgreSQL → SQLite: exit %d\n%s\n%s", code, out, errb)
	}
	if got := openView(t, back, withKey); got != want {
		t.Fatalf("SQLite copy of the PostgreSQL copy reads\n%s\nwant\n%s", got, want)
	}

	again := filepath.Join(dir, "again", "balasan.db")
	if code, out, errb := runCopy(t, nil, "--db", src, "--to", again); code != 0 {
		t.Fatalf("SQLite → SQLite: exit %d\n%s\n%s", code, out, errb)
	}
	if got := openView(t, again, nil); got != want { // with the key file the copy placed
		t.Fatalf("SQLite → SQLite reads\n%s\nwant\n%s", got, want)
	}

	for _, target := range []string{pg, again} {
		code, _, errb := runCopy(t, withKey, "--db", src, "--to", target)
		if code != 2 || !strings.Contains(errb, "not empty") {
			t.Errorf("copy into a full %s: exit %d, %s", target, code, errb)
		}
	}
}

func readKeyFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	return strings.TrimSpace(string(b)), err
}
