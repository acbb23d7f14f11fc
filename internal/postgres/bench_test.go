package postgres

import (
	"testing"

	"balasan/internal/storetest"
)

// BenchmarkCreateComment measures the group commit under concurrent
// submissions. The test server runs with fsync off (pgtest), so this is
// the store's own cost, not a disk's.
func BenchmarkCreateComment(b *testing.B) {
	storetest.BenchCreate(b, mustOpenStore(b))
}
