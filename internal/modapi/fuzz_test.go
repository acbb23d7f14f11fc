package modapi_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"balasan/internal/apptest"
)

// FuzzAPI: no path, query or body makes the moderation API answer 5xx or
// anything but JSON.
func FuzzAPI(f *testing.F) {
	for _, seed := range []struct{ method, path, body string }{
		{"GET", "comments?status=pending&limit=5&after=1", ""},
		{"GET", "comments?q=%00%ff&article=..", ""},
		{"GET", "comments/1", ""},
		{"POST", "comments/1/approve", ""},
		{"POST", "comments/bulk", `{"action":"spam","ids":[1,2,-3]}`},
		{"POST", "comments/bulk", `{"action":"spam","ids":[1e400]}`},
		{"POST", "comments/2/reply", `{"comment":"<script>x</script>"}`},
		{"POST", "articles/k", `{"title":"\u0000","url":"javascript:1"}`},
		{"POST", "articles/k/close", ""},
		{"GET", "articles?after=%2F&limit=-1", ""},
		{"GET", "audit?moderator=%00&before=9223372036854775808", ""},
	} {
		f.Add(seed.method, seed.path, seed.body)
	}
	a := newAPI(f)
	for _, text := range []string{"Satu.", "Dua.", "Tiga."} {
		form := apptest.Form("k")
		form.Set("comment", text)
		a.Submit(form)
	}
	client := a.Client()
	f.Fuzz(func(t *testing.T, method, path, body string) {
		if method != "GET" {
			method = "POST"
		}
		u, err := url.Parse("/api/v1/" + strings.TrimLeft(path, "/"))
		if err != nil || strings.ContainsAny(path, "#\r\n\t ") || strings.Contains(path, "..") {
			return // not a request line a client can send
		}
		req, err := http.NewRequest(method, a.URL+u.RequestURI(), strings.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Authorization", "Bearer "+a.mod)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req) // not a.call: the F's helpers may not run here
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("%s %s %q: %d %s", method, u.RequestURI(), body, resp.StatusCode, b)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Fatalf("%s %s: %d %q", method, u.RequestURI(), resp.StatusCode, ct)
		}
	})
}
