package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"balasan/internal/apptest"
)

// benchRead measures the public read of an article with 200 approved
// comments through the real router and handler (middleware included),
// without the network, and reports requests per second.
func benchRead(b *testing.B, path string, revalidate bool) {
	env := apptest.New(b)
	var parent int64
	for i := range 200 {
		if i%4 == 0 {
			parent = 0 // every fourth starts a thread, the others reply along it
		}
		c := seed(b, env, key, fmt.Sprintf("Pembaca %d", i), fmt.Sprintf("p%d@example.test", i),
			fmt.Sprintf("Komentar nomor %d tentang pantai yang bersih dan <b>nelayan</b> yang rajin, lihat https://contoh.example/%d", i, i), parent, true)
		parent = c.ID
	}
	h := env.App.Echo
	req := httptest.NewRequest(http.MethodGet, path, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		b.Fatalf("status %d", w.Code)
	}
	size := w.Body.Len()
	if revalidate {
		req.Header.Set("If-None-Match", w.Header().Get("ETag"))
		size = 0
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r := req.Clone(req.Context())
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusOK && w.Code != http.StatusNotModified {
				b.Errorf("status %d", w.Code)
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
	b.ReportMetric(float64(size), "bytes/resp")
}

// BenchmarkComments200 is the comments API (JSON) of a 200-comment article.
func BenchmarkComments200(b *testing.B) {
	benchRead(b, "/api/articles/"+key+"/comments", false)
}

// BenchmarkComments200NotModified is the same read revalidated with its ETag.
func BenchmarkComments200NotModified(b *testing.B) {
	benchRead(b, "/api/articles/"+key+"/comments", true)
}

// BenchmarkEmbed200 is the server-rendered embed page of the same article.
func BenchmarkEmbed200(b *testing.B) {
	benchRead(b, "/embed/"+key, false)
}
