package api_test

import (
	"sync/atomic"
	"testing"

	"balasan/internal/apptest"
)

// BenchmarkSubmitParallel is BenchmarkSubmit with many clients at once,
// as under load: comments arriving together share a group commit.
func BenchmarkSubmitParallel(b *testing.B) {
	env := apptest.New(b)
	h := env.App.Echo
	var n atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(16)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			submitBench(b, h, n.Add(1))
		}
	})
}
