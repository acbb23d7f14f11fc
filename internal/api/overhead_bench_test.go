package api_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"balasan/internal/apptest"
)

// discard is a ResponseWriter that keeps nothing, so the benchmark below
// measures the read path's own cost and not a recorder's copying.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkReadOverhead is the whole middleware chain and handler for a
// small (compressed) cached answer, where per-request costs show most.
func BenchmarkReadOverhead(b *testing.B) {
	env := apptest.New(b)
	for i := range 20 {
		seed(b, env, key, "Pembaca Setia", "p@example.test", "Komentar nomor "+itoa(int64(i))+" tentang pantai yang bersih.", 0, true)
	}
	req := httptest.NewRequest(http.MethodGet, "/api/articles/"+key+"/comments", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	h := env.App.Echo
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		w := &discard{h: http.Header{}}
		for pb.Next() {
			clear(w.h)
			h.ServeHTTP(w, req)
		}
	})
}
