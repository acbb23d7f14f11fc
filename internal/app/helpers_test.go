package app_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"balasan/internal/app"
	"balasan/internal/comment"
	"balasan/internal/secret"
	"balasan/internal/sqlite"
)

// runCmd runs a balasan command in-process and returns its output and exit code.
func runCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = app.Run(context.Background(), app.Env{Args: args, Getenv: func(string) string { return "" },
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
	return out.String(), errb.String(), code
}

// mustRun runs a command and fails the test unless it succeeds.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, code := runCmd(t, "", args...)
	if code != 0 {
		t.Fatalf("balasan %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// openDB opens a database with the key file beside it, as the app does.
func openDB(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	key, err := secret.LoadOrCreateKey(filepath.Join(filepath.Dir(path), "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	box, err := secret.New(key)
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), path, box)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// dump reads every article and comment of a database.
func dump(t *testing.T, path string) (map[string]comment.Article, []comment.Comment) {
	t.Helper()
	st := openDB(t, path)
	arts := map[string]comment.Article{}
	var all []comment.Comment
	err := st.Export(context.Background(), func(a comment.Article, cs []comment.Comment) error {
		arts[a.Key] = a
		all = append(all, cs...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	return arts, all
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
