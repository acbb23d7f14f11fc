package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/sqlite"
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

// bigThreadEnv holds an article (a-0) of about 20,000 approved comments,
// seeded in bulk, and the URLs of its pages of 50 in both orders.
func bigThreadEnv(b *testing.B) (*apptest.Env, []string) {
	env := apptest.New(b)
	if err := sqlite.ToolsFor(env.App.SQLite).Seed(context.Background(), 25000, 1, "p@example.test"); err != nil {
		b.Fatal(err)
	}
	var urls []string
	for _, first := range []string{"/api/articles/a-0/comments?limit=50", "/api/articles/a-0/comments?limit=50&order=newest"} {
		for u := first; u != ""; {
			urls = append(urls, u)
			var page struct {
				Next string `json:"next"`
			}
			json.Unmarshal([]byte(get(b, env, u, nil).Body), &page)
			u = ""
			if page.Next != "" {
				u = first + "&after=" + page.Next
			}
		}
	}
	return env, urls
}

// BenchmarkBigThreadPage reads random pages of 50 of a 20,000-comment
// article, gzip accepted, through the whole chain.
func BenchmarkBigThreadPage(b *testing.B) {
	env, urls := bigThreadEnv(b)
	h := env.App.Echo
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		w := &discard{h: http.Header{}}
		i := 0
		for pb.Next() {
			i += 7919
			req := httptest.NewRequest(http.MethodGet, urls[i%len(urls)], nil)
			req.Header.Set("Accept-Encoding", "gzip")
			clear(w.h)
			h.ServeHTTP(w, req)
		}
	})
	b.ReportMetric(float64(len(urls)), "pages")
}

// BenchmarkBigThreadRefresh is what an approval costs on that article:
// the thread reloaded and regrouped (the moderator's request waits for
// it; readers are served the held thread meanwhile).
func BenchmarkBigThreadRefresh(b *testing.B) {
	env, _ := bigThreadEnv(b)
	b.ResetTimer()
	for b.Loop() {
		env.App.Public.Invalidate("a-0")
	}
}
