package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

// BenchmarkSubmit measures POST /comments as JSON through the whole app:
// binding, validation, sanitising, rules and the SQLite insert.
func BenchmarkSubmit(b *testing.B) {
	env := apptest.New(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		submitBench(b, env.App.Echo, int64(i))
	}
}

// submitBench posts the i-th benchmark comment and fails unless it is stored.
func submitBench(b *testing.B, h http.Handler, i int64) {
	body := fmt.Sprintf(`{"comment_post_ID":"bench-%d","author":"Pembaca %d","email":"p%d@example.test","comment":"Komentar nomor %d tentang <b>berita</b> hari ini.\n\nSalam."}`, i%50, i, i, i)
	req := httptest.NewRequest(http.MethodPost, "/comments", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusCreated {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
}

// BenchmarkRead measures GET /api/articles/{key}/comments for an article
// with 200 approved comments, served from the cache.
func BenchmarkRead(b *testing.B) {
	env := apptest.New(b)
	ctx := context.Background()
	mod := comment.Moderator{Username: "bench"}
	for i := 0; i < 200; i++ {
		c, err := env.App.Service.Submit(ctx, comment.Input{ArticleKey: "bench", Author: "Pembaca", Email: fmt.Sprintf("p%d@example.test", i),
			Content: strings.Repeat("Isi komentar yang cukup panjang untuk diuji. ", 20), IP: "10.0.0.1"})
		if err != nil {
			b.Fatal(err)
		}
		env.App.Service.Moderate(ctx, c.ID, comment.ActApprove, mod)
	}
	env.App.Service.Now = func() time.Time { return time.Now() }
	h := env.App.Echo
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest(http.MethodGet, "/api/articles/bench/comments", nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
		n = rec.Body.Len()
	}
	b.SetBytes(int64(n))
}
