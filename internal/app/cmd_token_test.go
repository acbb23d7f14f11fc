package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"balasan/internal/auth"
	"balasan/internal/comment"
)

// TestToken_Commands: create prints the token once (only its hash is
// kept), list never shows it, revoke stops it; each is audited.
func TestToken_Commands(t *testing.T) {
	db := t.TempDir() + "/b.db"
	vars := map[string]string{"BALASAN_DB": db}
	run := func(args ...string) (int, string, string) {
		e, out, errb := env(args, "", vars)
		return Run(context.Background(), e), out.String(), errb.String()
	}
	if code, _, errs := run("token", "list"); code != 2 || !strings.Contains(errs, "no database at") {
		t.Fatalf("list without a database: exit %d %s", code, errs)
	}
	st := openDBFile(t, db) // made as serve makes it

	code, out, errs := run("token", "create", "--name", "cms", "--role", "admin")
	secret := strings.TrimSpace(out)
	if code != 0 || !auth.APITokenShape(secret) || !strings.Contains(errs, "only this once") {
		t.Fatalf("create: exit %d\nstdout %q\nstderr %s", code, out, errs)
	}
	tok, err := st.TokenByHash(context.Background(), auth.TokenHash(secret))
	if err != nil || tok.Name != "cms" || tok.Role != comment.RoleAdmin || tok.Hash == secret {
		t.Fatalf("stored %+v, %v", tok, err)
	}
	if code, _, _ := run("token", "create", "--name", "bot"); code != 0 {
		t.Fatal("create with the default role")
	}
	if tok, _ := st.APITokens(context.Background()); len(tok) != 2 || tok[0].Role != comment.RoleModerator {
		t.Fatalf("default role: %+v", tok)
	}
	if code, _, errs := run("token", "create", "--name", "CMS"); code != 1 || !strings.Contains(errs, `named "CMS" exists`) {
		t.Fatalf("a taken name: exit %d %s", code, errs)
	}

	if err := st.TouchToken(context.Background(), tok.ID, time.Date(2030, 1, 2, 3, 4, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run("token", "list")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 3 || !strings.HasPrefix(lines[0], "NAME") ||
		!strings.Contains(lines[1], "bot") || !strings.Contains(lines[1], "never") ||
		!strings.Contains(lines[2], "cms") || !strings.Contains(lines[2], "admin") || !strings.Contains(lines[2], "2030-01-02 03:04 UTC") {
		t.Fatalf("list:\n%s", out)
	}
	if strings.Contains(out, secret) || strings.Contains(out, tok.Hash) {
		t.Error("list shows a token or its hash")
	}

	if code, out, _ := run("token", "revoke", "--name", "cms"); code != 0 || !strings.Contains(out, `"cms" revoked`) {
		t.Fatalf("revoke: exit %d %s", code, out)
	}
	if _, err := st.TokenByHash(context.Background(), auth.TokenHash(secret)); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("the revoked token is still found: %v", err)
	}
	if code, _, errs := run("token", "revoke", "--name", "cms"); code != 1 || !strings.Contains(errs, `no token "cms"`) {
		t.Fatalf("revoke twice: exit %d %s", code, errs)
	}
	audit, err := st.Audit(context.Background(), "cli", 0, 10)
	if err != nil || len(audit) != 3 || audit[0].Action != "token_revoke" || audit[2].Action != "token_create" ||
		audit[2].Detail != "cms (admin)" {
		t.Fatalf("audit: %+v %v", audit, err)
	}
}

// TestToken_Conventions: -h on stdout with exit 0; a mistake on stderr
// with the usage, exit 2, nothing made.
func TestToken_Conventions(t *testing.T) {
	for _, tt := range []struct {
		name     string
		args     []string
		wantCode int
		want     []string
	}{
		{"help lists token", []string{"help"}, 0, []string{"balasan token create", "balasan token list", "balasan token revoke"}},
		{"token -h", []string{"token", "-h"}, 0, []string{"token create", "token list", "token revoke"}},
		{"create -h", []string{"token", "create", "-h"}, 0, []string{"usage: balasan token create", "-name", "-role", "-db"}},
		{"list -h", []string{"token", "list", "--help"}, 0, []string{"usage: balasan token list"}},
		{"revoke -h", []string{"token", "revoke", "-h"}, 0, []string{"usage: balasan token revoke", "-name"}},
		{"alone", []string{"token"}, 2, []string{"want create, list or revoke"}},
		{"unknown", []string{"token", "rotate"}, 2, []string{`unknown subcommand "rotate"`}},
		{"no name", []string{"token", "create"}, 2, []string{"--name is required", "usage: balasan token create"}},
		{"bad name", []string{"token", "create", "--name", "a b"}, 2, []string{"--name is required", "no spaces"}},
		{"bad role", []string{"token", "create", "--name", "cms", "--role", "root"}, 2, []string{`--role must be moderator or admin, not "root"`}},
		{"bad flag", []string{"token", "list", "--all"}, 2, []string{"flag provided but not defined: -all"}},
		{"stray word", []string{"token", "list", "now"}, 2, []string{`unexpected argument "now"`}},
		{"revoke no name", []string{"token", "revoke"}, 2, []string{"--name is required"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := t.TempDir() + "/none.db"
			e, out, errb := env(tt.args, "", map[string]string{"BALASAN_DB": db})
			code := Run(context.Background(), e)
			where, other := out.String(), errb.String()
			if code != 0 {
				where, other = other, where
			}
			if code != tt.wantCode || other != "" {
				t.Fatalf("exit %d, want %d\nstdout %s\nstderr %s", code, tt.wantCode, out, errb)
			}
			for _, w := range tt.want {
				if !strings.Contains(where, w) {
					t.Errorf("%q missing from\n%s", w, where)
				}
			}
		})
	}
}
