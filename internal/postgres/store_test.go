package postgres

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
	"balasan/internal/pgtest"
	"balasan/internal/secret"
	"balasan/internal/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func mustOpenStore(tb testing.TB) *Store {
	tb.Helper()
	box, err := secret.New(make([]byte, secret.KeySize))
	if err != nil {
		tb.Fatal(err)
	}
	s, err := Open(context.Background(), pgtest.URL(tb), box)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// TestConformance runs the store suite every store passes.
func TestConformance(t *testing.T) {
	open := func(t *testing.T) comment.Store { return mustOpenStore(t) }
	storetest.Run(t, open)
	storetest.RunShared(t, open)
}

// No email is stored in the clear: the column holds the sealed form and
// the lookup column a keyed hash.
func TestStore_EmailsSealed(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	if _, err := s.EnsureArticle(ctx, comment.Article{Key: "k"}); err != nil {
		t.Fatal(err)
	}
	c := &comment.Comment{ArticleKey: "k", Author: "A", Email: "rahasia@example.test", Raw: "x", HTML: "x",
		Status: comment.Pending, Hash: "h"}
	if err := s.CreateComment(ctx, c, nil); err != nil {
		t.Fatal(err)
	}
	var email, hash string
	if err := s.db.QueryRow(ctx, `SELECT email, email_hash FROM comments WHERE id = $1`, c.ID).Scan(&email, &hash); err != nil {
		t.Fatal(err)
	}
	if !secret.Sealed(email) || strings.Contains(email+hash, "rahasia") {
		t.Fatalf("stored %q / %q", email, hash)
	}
}

// Instances started together on an empty database migrate it once.
func TestStore_OpenTogether(t *testing.T) {
	url := pgtest.URL(t)
	box, _ := secret.New(make([]byte, secret.KeySize))
	errs := make(chan error, 3)
	for range 3 {
		go func() {
			s, err := Open(context.Background(), url, box)
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	for range 3 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(context.Background(), url, box)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var v, rows int
	s.db.QueryRow(context.Background(), `SELECT MAX(version), COUNT(*) FROM schema_version`).Scan(&v, &rows)
	if v != len(steps) || rows != 1 {
		t.Fatalf("schema_version %d in %d rows, want %d in 1", v, rows, len(steps))
	}
}

// A malformed URL is refused without repeating it: it may hold a password.
func TestOpen_BadURLHidesPassword(t *testing.T) {
	box, _ := secret.New(make([]byte, secret.KeySize))
	_, err := Open(context.Background(), "postgres://u:s3cret@host:notaport/db", box)
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("err = %v", err)
	}
}

// A database a newer Balasan upgraded is refused untouched, naming both
// versions, as SQLite does (the shared runner in internal/migrate); one at
// this binary's version opens.
func TestOpen_SchemaVersions(t *testing.T) {
	box, _ := secret.New(make([]byte, secret.KeySize))
	for _, tt := range []struct {
		name    string
		version int
		wantErr bool
	}{
		{"current", SchemaVersion(), false},
		{"one newer", SchemaVersion() + 1, true},
		{"much newer", SchemaVersion() + 40, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			url := pgtest.URL(t)
			s, err := Open(context.Background(), url, box)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.db.Exec(context.Background(), `UPDATE schema_version SET version = $1`, tt.version); err != nil {
				t.Fatal(err)
			}
			s.Close()
			s2, err := Open(context.Background(), url, box)
			if !tt.wantErr {
				if err != nil {
					t.Fatal(err)
				}
				s2.Close()
				return
			}
			if err == nil {
				s2.Close()
				t.Fatal("a newer database was opened")
			}
			msg := err.Error()
			if !errors.Is(err, ErrSchemaTooNew) || !strings.Contains(msg, fmt.Sprintf("version %d", tt.version)) ||
				!strings.Contains(msg, fmt.Sprintf("up to %d", SchemaVersion())) || !strings.Contains(msg, "backup") {
				t.Errorf("message %q", msg)
			}
			conn, err := pgx.Connect(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(context.Background())
			var v int
			if err := conn.QueryRow(context.Background(), `SELECT version FROM schema_version`).Scan(&v); err != nil || v != tt.version {
				t.Errorf("the refused database's version became %d (%v)", v, err)
			}
		})
	}
}
