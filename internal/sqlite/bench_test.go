package sqlite

import (
	"context"
	"testing"

	"balasan/internal/secret"
	"balasan/internal/storetest"
)

// BenchmarkCreateComment compares the durable default (FULL) with the
// opt-in NORMAL under concurrent submissions.
func BenchmarkCreateComment(b *testing.B) {
	for _, bc := range []struct {
		name string
		opts Options
	}{{"full", Options{}}, {"normal", Options{SyncNormal: true}}} {
		b.Run(bc.name, func(b *testing.B) {
			box, _ := secret.New(make([]byte, secret.KeySize))
			s, err := OpenWith(context.Background(), b.TempDir()+"/b.db", box, bc.opts)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			storetest.BenchCreate(b, s)
		})
	}
}
