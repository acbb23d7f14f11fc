package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
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
			i := n.Add(1)
			body := fmt.Sprintf(`{"comment_post_ID":"bench-%d","author":"Pembaca %d","email":"p%d@example.test","comment":"Komentar nomor %d tentang <b>berita</b> hari ini.\n\nSalam."}`, i%50, i, i, i)
			req := httptest.NewRequest(http.MethodPost, "/comments", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusCreated {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	})
}
