package app

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"balasan/internal/auth"
	"balasan/internal/sqlite"
	"balasan/internal/version"
)

// TestCLI_Conventions checks help, -h and bad usage for every command:
// help on standard output with exit 0; a mistake named on standard error
// with the usage, exit 2, and nothing on standard output.
func TestCLI_Conventions(t *testing.T) {
	every := []string{"balasan [serve]", "balasan version", "balasan moderator add", "balasan moderator list",
		"balasan moderator passwd", "balasan import", "balasan export", "balasan privacy", "balasan backup", "balasan help"}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  []string // on stdout (help) or stderr (mistakes)
	}{
		{"-h", []string{"-h"}, 0, every},
		{"--help", []string{"--help"}, 0, every},
		{"help", []string{"help"}, 0, every},
		{"serve -h", []string{"serve", "-h"}, 0, []string{"-flood-interval duration", "$BALASAN_FLOOD_INTERVAL", "-max-links number", "-addr string"}},
		{"version -h", []string{"version", "-h"}, 0, []string{"usage: balasan version"}},
		{"export -h", []string{"export", "-h"}, 0, []string{"usage: balasan export", "-format", "-out", "-db"}},
		{"import -h", []string{"import", "--help"}, 0, []string{"usage: balasan import", "-db"}},
		{"backup -h", []string{"backup", "-h"}, 0, []string{"usage: balasan backup"}},
		{"privacy -h", []string{"privacy", "-h"}, 0, []string{"-email", "-delete"}},
		{"moderator -h", []string{"moderator", "-h"}, 0, []string{"moderator add", "moderator list", "moderator passwd", "moderator telegram"}},
		{"moderator add -h", []string{"moderator", "add", "-h"}, 0, []string{"-username", "-role"}},
		{"moderator list -h", []string{"moderator", "list", "-h"}, 0, []string{"usage: balasan moderator list"}},
		{"moderator passwd -h", []string{"moderator", "passwd", "-h"}, 0, []string{"-username"}},

		{"export csv", []string{"export", "--format", "csv"}, 2, []string{`--format must be wxr or json, not "csv"`, "usage: balasan export"}},
		{"unknown flag", []string{"export", "--nope"}, 2, []string{"flag provided but not defined: -nope", "usage: balasan export"}},
		{"serve bad number", []string{"serve", "-max-links", "two"}, 2, []string{"-max-links", "whole number"}},
		{"serve bad duration", []string{"-flood-interval", "soon"}, 2, []string{"-flood-interval", "duration"}},
		{"serve stray word", []string{"serve", "now"}, 2, []string{`unexpected argument "now"`}},
		{"import what", []string{"import", "csv", "x.csv"}, 2, []string{"wxr or disqus"}},
		{"privacy no email", []string{"privacy", "erase"}, 2, []string{"--email is required"}},
		{"moderator alone", []string{"moderator"}, 2, []string{"want add, list, passwd or telegram"}},
		{"moderator what", []string{"moderator", "remove"}, 2, []string{`unknown subcommand "remove"`}},
		{"passwd no name", []string{"moderator", "passwd"}, 2, []string{"--username is required"}},
		{"version extra", []string{"version", "now"}, 2, []string{`unexpected argument "now"`}},
		{"unknown command", []string{"frobnicate"}, 2, []string{`unknown command "frobnicate"`, "balasan moderator list"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, out, errb := env(tt.args, "", map[string]string{"BALASAN_DB": t.TempDir() + "/none.db"})
			code := Run(context.Background(), e)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout %s\nstderr %s", code, tt.wantCode, out, errb)
			}
			where, other := out.String(), errb.String()
			if code != 0 {
				where, other = other, where
			}
			if other != "" {
				t.Errorf("the other stream has %q", other)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(where, w) {
					t.Errorf("%q missing from\n%s", w, where)
				}
			}
		})
	}
}

func TestCLI_Version(t *testing.T) {
	e, out, _ := env([]string{"version"}, "", nil)
	if code := Run(context.Background(), e); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if want := "balasan " + version.String() + " (go"; !strings.HasPrefix(out.String(), want) {
		t.Errorf("got %q, want it to start %q", out, want)
	}
}

// TestModerator_ListAndPasswd adds accounts, lists them, and changes a
// password: the old one stops working, the new one works, the account's
// sessions end, and the audit log says so.
func TestModerator_ListAndPasswd(t *testing.T) {
	db := t.TempDir() + "/b.db"
	vars := map[string]string{"BALASAN_DB": db}
	run := func(stdin string, args ...string) (int, string, string) {
		e, out, errb := env(args, stdin, vars)
		return Run(context.Background(), e), out.String(), errb.String()
	}
	if code, _, errs := run("password-satu\n", "moderator", "add", "--username", "siti", "--role", "admin"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run("password-dua!\n", "moderator", "add", "--username", "budi"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run("", "moderator", "list")
	if code != 0 {
		t.Fatal(errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "USERNAME") ||
		!strings.Contains(lines[1], "budi") || !strings.Contains(lines[1], "moderator") || !strings.Contains(lines[1], " no ") ||
		!strings.Contains(lines[2], "siti") || !strings.Contains(lines[2], "admin") || !strings.Contains(lines[2], time.Now().UTC().Format("2006-01-02")) {
		t.Fatalf("list:\n%s", out)
	}
	if strings.Contains(out, "argon2") {
		t.Error("list shows a password hash")
	}

	st := openDBFile(t, db)
	siti, err := st.ModeratorByName(context.Background(), "siti")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateSession(context.Background(), auth.TokenHash("tok"), "csrf", siti.ID, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		name, stdin string
		args        []string
		wantCode    int
		want        string
	}{
		{"unknown account", "password-tiga!\n", []string{"--username", "nobody"}, 1, `no account "nobody"`},
		{"short", "pendek\n", []string{"--username", "siti"}, 2, "at least 10"},
		{"no password", "", []string{"--username", "siti"}, 2, "standard input"},
		{"changed", "password-tiga!\n", []string{"--username", "siti"}, 0, `New password set for "siti"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(tt.stdin, append([]string{"moderator", "passwd"}, tt.args...)...)
			if code != tt.wantCode || !strings.Contains(out+errs, tt.want) {
				t.Fatalf("exit %d\n%s%s", code, out, errs)
			}
			if strings.Contains(out+errs, "password-tiga") {
				t.Error("the password was printed")
			}
		})
	}
	m, err := st.ModeratorByName(context.Background(), "siti")
	if err != nil {
		t.Fatal(err)
	}
	if auth.CheckPassword(m.PasswordHash, "password-satu") == nil || auth.CheckPassword(m.PasswordHash, "password-tiga!") != nil {
		t.Error("the password did not change")
	}
	if _, err := st.SessionByHash(context.Background(), auth.TokenHash("tok")); err == nil {
		t.Error("the account's session outlived the new password")
	}
	audit, err := st.Audit(context.Background(), "cli", 0, 10)
	if err != nil || len(audit) != 1 || audit[0].Action != "moderator_password" || !strings.Contains(audit[0].Detail, "siti") {
		t.Errorf("audit: %+v %v", audit, err)
	}
}

// openDBFile opens a database as the commands do, with its key file.
func openDBFile(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	cfg, err := ParseConfig([]string{"-db", path}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	st, _, err := openStore(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st.(*sqlite.Store)
}

// TestServe_RefusesNewerSchema: a binary started on a database a newer
// version upgraded stops with a message naming both versions, exit 1.
func TestServe_RefusesNewerSchema(t *testing.T) {
	db := t.TempDir() + "/b.db"
	openDBFile(t, db).Close()
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, sqlite.SchemaVersion()+1))
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"serve", "-addr", "127.0.0.1:0", "-db", db}, {"moderator", "list", "--db", db}} {
		e, out, errb := env(args, "", nil)
		code := Run(context.Background(), e)
		want := fmt.Sprintf("schema version %d, this binary knows up to %d", sqlite.SchemaVersion()+1, sqlite.SchemaVersion())
		if code != 1 || !strings.Contains(errb.String(), want) || strings.Contains(out.String(), "listening") {
			t.Errorf("%v: exit %d\nstdout %s\nstderr %s", args, code, out, errb)
		}
	}
}
