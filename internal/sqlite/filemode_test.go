package sqlite

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"balasan/internal/comment"
	"balasan/internal/secret"
)

// TestOpen_FilesArePrivate: the database, WAL and shared-memory files are
// 0600 under a permissive umask, both when created and when an older
// setup left them readable by others.
func TestOpen_FilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022) // the usual default, which gives 0644
	defer syscall.Umask(old)
	ctx := context.Background()
	box, _ := secret.New(make([]byte, secret.KeySize))
	path := t.TempDir() + "/balasan.db"
	check := func(step string) {
		t.Helper()
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			st, err := os.Stat(p)
			if err != nil {
				t.Fatalf("%s: %v", step, err)
			}
			if st.Mode().Perm() != 0o600 {
				t.Errorf("%s: %s has mode %v, want 0600", step, p, st.Mode().Perm())
			}
		}
	}
	write := func(s *Store) {
		t.Helper()
		s.EnsureArticle(ctx, comment.Article{Key: "a", CreatedAt: time.Now()})
	}

	s, err := Open(ctx, path, box)
	if err != nil {
		t.Fatal(err)
	}
	write(s)
	check("new database")
	s.Close()

	// An older setup: every file readable by all.
	for _, p := range []string{path + "-wal", path + "-shm"} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Chmod(path, 0o644)
	s, err = Open(ctx, path, box)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	write(s)
	check("older database")
}
