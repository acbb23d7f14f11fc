package sqlite

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"balasan/internal/comment"
	"balasan/internal/secret"
)

func mustOpenStore(tb testing.TB) (*Store, string) {
	tb.Helper()
	box, err := secret.New(make([]byte, secret.KeySize))
	if err != nil {
		tb.Fatal(err)
	}
	path := tb.TempDir() + "/sub/balasan.db"
	s, err := Open(context.Background(), path, box)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s, path
}

func TestStore_PragmasOnEveryConnection(t *testing.T) {
	s, _ := mustOpenStore(t)
	ctx := context.Background()
	// Hold several read connections at once so the pool opens new ones.
	var conns []interface{ Close() error }
	for i := 0; i < 3; i++ {
		c, err := s.r.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var mode string
		var fk, busy int
		c.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode)
		c.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk)
		c.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&busy)
		if mode != "wal" || fk != 1 || busy != 5000 {
			t.Errorf("reader %d: journal_mode=%s foreign_keys=%d busy_timeout=%d", i, mode, fk, busy)
		}
		if _, err := c.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES ('x', 'y')`); err == nil {
			t.Errorf("reader %d accepted a write", i)
		}
	}
	for _, c := range conns {
		c.Close()
	}
	if s.w.Stats().MaxOpenConnections != 1 {
		t.Errorf("writer pool allows %d connections, want 1", s.w.Stats().MaxOpenConnections)
	}
}

func TestStore_ReopenKeepsDataAndVersion(t *testing.T) {
	s, path := mustOpenStore(t)
	ctx := context.Background()
	now := time.Now()
	s.EnsureArticle(ctx, comment.Article{Key: "a", CreatedAt: now})
	c := &comment.Comment{ArticleKey: "a", Author: "Budi", Email: "budi@example.test", Raw: "x", HTML: "<p>x</p>",
		Status: comment.Pending, CreatedAt: now, UpdatedAt: now}
	if err := s.CreateComment(ctx, c, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	box, _ := secret.New(make([]byte, secret.KeySize))
	s2, err := Open(ctx, path, box)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var v int
	s2.w.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != len(steps) {
		t.Errorf("user_version %d", v)
	}
	if set, _ := s2.Settings(ctx); set[settingEmailsSealed] != "1" {
		t.Error("the emails-sealed mark is missing, so every start would scan every comment")
	}
	got, err := s2.Comment(ctx, c.ID)
	if err != nil || got.Email != "budi@example.test" || got.Author != "Budi" {
		t.Fatalf("after reopen: %+v %v", got, err)
	}
}

// Durable by default: every connection that writes syncs in FULL mode,
// so an acknowledged comment survives a power cut; NORMAL only on request.
func TestStore_SynchronousFullByDefault(t *testing.T) {
	box, _ := secret.New(make([]byte, secret.KeySize))
	for _, tt := range []struct {
		opts Options
		want int // PRAGMA synchronous: 1 NORMAL, 2 FULL
	}{{Options{}, 2}, {Options{SyncNormal: true}, 1}} {
		s, err := OpenWith(context.Background(), t.TempDir()+"/s.db", box, tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		for name, db := range map[string]*sql.DB{"writer": s.w, "checkpointer": s.ckpt} {
			var got int
			if err := db.QueryRow(`PRAGMA synchronous`).Scan(&got); err != nil || got != tt.want {
				t.Errorf("%+v: %s synchronous = %d (%v), want %d", tt.opts, name, got, err, tt.want)
			}
		}
		s.Close()
	}
}
