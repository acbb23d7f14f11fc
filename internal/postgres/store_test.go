package postgres

import (
	"context"
	"os"
	"testing"

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
