package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"balasan/internal/app"
	"balasan/internal/comment"
)

// TestCLI_CopyWithoutItsKey: a backup holding sealed emails, read where
// its key file is not, is refused with a message naming the key file and
// BALASAN_SECRET_KEY, and no new key is made; with a wrong key it is
// refused too; with its key it answers. A copy of a database that holds
// no sealed email gets a new key, as a new database does.
func TestCLI_CopyWithoutItsKey(t *testing.T) {
	const email = "pemilik.data@contoh.test"
	orig := filepath.Join(t.TempDir(), "balasan.db")
	st := openDB(t, orig) // key file beside it
	now := time.Now()
	st.EnsureArticle(context.Background(), comment.Article{Key: "a", CreatedAt: now})
	c := comment.Comment{ArticleKey: "a", Author: "Pemilik", Email: email, Raw: "halo", HTML: "<p>halo</p>",
		Status: comment.Approved, CreatedAt: now, UpdatedAt: now}
	if err := st.CreateComment(context.Background(), &c, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	key, err := os.ReadFile(filepath.Join(filepath.Dir(orig), "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(t.TempDir(), "kosong.db")
	openDB(t, empty).Close()

	backup := func(from string) string {
		copyPath := filepath.Join(t.TempDir(), "salinan.db")
		mustRun(t, "backup", copyPath, "--db", from)
		return copyPath
	}
	for _, tc := range []struct {
		name, db, envKey string
		wantCode         int
		wantErr          []string
		wantOut          string
	}{
		{name: "sealed copy, no key", db: backup(orig), wantCode: 1,
			wantErr: []string{"secret.key", "BALASAN_SECRET_KEY", "missing"}},
		{name: "sealed copy, wrong key", db: backup(orig), envKey: strings.Repeat("ab", 32), wantCode: 1,
			wantErr: []string{"BALASAN_SECRET_KEY", "does not open"}},
		{name: "sealed copy, its key", db: backup(orig), envKey: strings.TrimSpace(string(key)), wantOut: email},
		{name: "empty copy, no key", db: backup(empty), wantOut: `"comments": []`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := runEnv(map[string]string{"BALASAN_SECRET_KEY": tc.envKey}, &stdout, &stderr,
				"privacy", "export", "--email", email, "--db", tc.db)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.wantCode, stdout.String(), stderr.String())
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("message lacks %q: %s", w, stderr.String())
				}
			}
			if tc.wantCode != 0 && stdout.Len() > 0 {
				t.Errorf("a refusal printed %q", stdout.String())
			}
			if !strings.Contains(stdout.String(), tc.wantOut) {
				t.Errorf("output lacks %q: %s", tc.wantOut, stdout.String())
			}
			_, err := os.Stat(filepath.Join(filepath.Dir(tc.db), "secret.key"))
			if made := err == nil; made != (tc.envKey == "" && tc.wantCode == 0) {
				t.Errorf("key file made: %v", made)
			}
		})
	}
}

// runEnv runs a balasan command in-process with the given environment.
func runEnv(env map[string]string, stdout, stderr *strings.Builder, args ...string) int {
	return app.Run(context.Background(), app.Env{Args: args, Getenv: func(k string) string { return env[k] },
		Stdin: strings.NewReader(""), Stdout: stdout, Stderr: stderr})
}
