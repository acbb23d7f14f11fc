package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

const key = "berita-123"

func TestSubmit_Answers(t *testing.T) {
	env := apptest.New(t)
	form := func(change func(url.Values)) string {
		v := apptest.Form(key)
		change(v)
		return v.Encode()
	}
	tests := []struct {
		name        string
		contentType string
		body        string
		header      http.Header
		wantStatus  int
		wantIn      []string // substrings of the body
		wantLoc     string   // prefix of Location
	}{
		{"form accepted", "application/x-www-form-urlencoded", form(func(url.Values) {}), nil, 303, nil, env.URL + "/embed/" + key + "?"},
		{"json accepted", "application/json", `{"comment_post_ID": 42, "author": "Siti", "email": "siti@example.test", "comment": "Mantap", "comment_parent": 0, "notify": true}`,
			nil, 201, []string{`"status":"pending"`, `"moderation_hash":"`}, ""},
		{"json prefers accept", "application/x-www-form-urlencoded", form(func(v url.Values) { v.Set("comment", "lain kali") }),
			http.Header{"Accept": {"application/json"}}, 201, []string{`"id":`}, ""},
		{"missing fields id", "application/x-www-form-urlencoded", form(func(v url.Values) { v.Set("author", ""); v.Set("email", "") }),
			nil, 422, []string{"Wajib diisi.", `lang="id"`}, ""},
		{"missing fields en", "application/x-www-form-urlencoded", form(func(v url.Values) { v.Set("email", "budi@") }),
			http.Header{"Accept-Language": {"en-US,en;q=0.9"}}, 422, []string{"Please enter a valid email address."}, ""},
		{"json field errors", "application/json", `{"comment_post_ID":"x","author":"A","email":"a@b","comment":""}`,
			nil, 422, []string{`"email":"Masukkan alamat email yang sah."`, `"comment":"Silakan tulis komentar Anda."`}, ""},
		{"bad key", "application/json", `{"comment_post_ID":"a/b","author":"A","email":"a@b.co","comment":"x"}`, nil, 422, []string{`"comment_post_ID"`}, ""},
		{"javascript url", "application/json", `{"comment_post_ID":"k","author":"A","email":"a@b.co","comment":"x","url":"javascript:alert(1)"}`, nil, 422, []string{`"url"`}, ""},
		{"author too long", "application/json", `{"comment_post_ID":"k","author":"` + strings.Repeat("é", 246) + `","email":"a@b.co","comment":"x"}`, nil, 422, []string{`"author"`}, ""},
		{"email too long", "application/json", `{"comment_post_ID":"k","author":"A","email":"` + strings.Repeat("a", 95) + `@b.com","comment":"x"}`, nil, 422, []string{`"email"`}, ""},
		{"email header injection", "application/json", `{"comment_post_ID":"k","author":"A","email":"a@b.co\r\nBcc: x@y.zz","comment":"x"}`, nil, 422, []string{`"email"`}, ""},
		{"comment too long", "application/json", `{"comment_post_ID":"k","author":"A","email":"a@b.co","comment":"` + strings.Repeat("x", 65526) + `"}`, nil, 422, []string{`"comment"`}, ""},
		{"only removed markup", "application/json", `{"comment_post_ID":"k","author":"A","email":"a@b.co","comment":"<img src=x onerror=alert(1)>"}`, nil, 422, []string{`"comment"`}, ""},
		{"parent missing", "application/json", `{"comment_post_ID":"k","author":"A","email":"a@b.co","comment":"x","comment_parent":999}`, nil, 422, []string{`"comment_parent"`}, ""},
		{"object field", "application/json", `{"comment_post_ID":{},"author":"A","email":"a@b.co","comment":"x"}`, nil, 422, []string{`"comment_post_ID"`}, ""},
		{"malformed json", "application/json", `{"author": `, nil, 400, []string{`"code":"bad_json"`}, ""},
		{"trailing json", "application/json", `{} {}`, nil, 400, nil, ""},
		{"other type", "text/plain", "hello", nil, 415, nil, ""},
		{"too large", "application/x-www-form-urlencoded", "comment=" + strings.Repeat("x", 2<<20), nil, 413, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := env.Do(env.Client(), http.MethodPost, "/comments", tt.contentType, tt.body, tt.header)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d\n%.500s", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			for _, s := range tt.wantIn {
				if !strings.Contains(resp.Body, s) {
					t.Errorf("body lacks %q\n%.800s", s, resp.Body)
				}
			}
			if tt.wantLoc != "" && !strings.HasPrefix(resp.Header.Get("Location"), tt.wantLoc) {
				t.Errorf("Location %q, want prefix %q", resp.Header.Get("Location"), tt.wantLoc)
			}
			if strings.Contains(resp.Body, "@example.test") && resp.StatusCode != 422 {
				t.Errorf("a public answer contains an email:\n%s", resp.Body)
			}
		})
	}
}

// TestSubmit_RejectedFormKeepsEveryCharacter: a reader's typed text comes
// back in the form, escaped, whatever it holds.
func TestSubmit_RejectedFormKeepsEveryCharacter(t *testing.T) {
	env := apptest.New(t)
	typed := url.Values{
		"comment_post_ID": {key}, "author": {`Dédé "<b>O'Neil</b>" & 😀`}, "email": {"bukan-email"},
		"url": {"contoh.test/a?b=1&c=<2>"}, "comment": {"Baris satu\n\n<script>alert('x')</script> & </textarea><b>tebal</b>\nakhir"},
	}
	resp := env.PostForm(env.Client(), "/comments", typed)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", resp.StatusCode)
	}
	doc, err := html.Parse(strings.NewReader(resp.Body))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
			}
			switch n.Data {
			case "input":
				got[attrs["name"]] = attrs["value"]
			case "textarea":
				if n.FirstChild != nil {
					got[attrs["name"]] = n.FirstChild.Data
				}
			case "script":
				if attrs["src"] == "" || n.FirstChild != nil {
					t.Errorf("an inline <script> reached the page: %v", attrs)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, f := range []string{"author", "email", "url", "comment_post_ID"} {
		if got[f] != typed.Get(f) {
			t.Errorf("field %s: got %q, want %q", f, got[f], typed.Get(f))
		}
	}
	// html.Parse drops one leading newline in a textarea, as browsers do.
	if got["comment"] != typed.Get("comment") {
		t.Errorf("comment: got %q, want %q", got["comment"], typed.Get("comment"))
	}
	if !strings.Contains(resp.Body, `id="email-error"`) {
		t.Error("no message next to the email field")
	}
}

func TestSubmit_DuplicateFloodClosed(t *testing.T) {
	env := apptest.New(t, "-flood-interval", "15s")
	env.Submit(apptest.Form(key))
	resp := env.PostForm(env.Client(), "/comments", apptest.Form(key))
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("duplicate: status %d, want 409", resp.StatusCode)
	}
	v := apptest.Form(key)
	v.Set("comment", "Komentar kedua yang berbeda")
	resp = env.PostForm(env.Client(), "/comments", v)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("flood: status %d Retry-After %q, want 429 with header", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	ctx := context.Background()
	if err := env.App.Service.SetArticleState(ctx, "tutup", comment.StateClosed, comment.Moderator{Username: "t"}); err != nil {
		t.Fatal(err)
	}
	env2 := apptest.New(t)
	env2.App.Service.SetArticleState(ctx, "tutup", comment.StateClosed, comment.Moderator{Username: "t"})
	resp = env2.PostForm(env2.Client(), "/comments", apptest.Form("tutup"))
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("closed: status %d, want 403", resp.StatusCode)
	}
}

func TestSubmit_TrustedProxies(t *testing.T) {
	for _, tt := range []struct {
		name    string
		opts    []string
		wantIP  string
		wantNot string
	}{
		{"untrusted peer", nil, "127.0.0.1", "203.0.113.9"},
		{"trusted loopback", []string{"-trusted-proxies", "127.0.0.0/8"}, "203.0.113.9", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env := apptest.New(t, tt.opts...)
			resp := env.Do(env.Client(), http.MethodPost, "/comments", "application/x-www-form-urlencoded",
				apptest.Form(key).Encode(), http.Header{"X-Forwarded-For": {"203.0.113.9"}, "Accept": {"application/json"}})
			var out struct{ ID int64 }
			json.Unmarshal([]byte(resp.Body), &out)
			c, err := env.App.Store.Comment(context.Background(), out.ID)
			if err != nil {
				t.Fatal(err)
			}
			if c.IP != tt.wantIP {
				t.Errorf("stored IP %q, want %q", c.IP, tt.wantIP)
			}
		})
	}
}

func TestSubmit_RedirectsOnlyToAllowedOrigins(t *testing.T) {
	env := apptest.New(t, "-allowed-origins", "https://berita.example")
	tests := []struct {
		name, key, redirect, referer, want string
	}{
		{"unknown article: own embed page", "k1", "", "", env.URL + "/embed/k1?"},
		{"allowed redirect_to", "k2", "https://berita.example/a/b?x=1", "", "https://berita.example/a/b?"},
		{"foreign redirect_to ignored", "k3", "https://jahat.example/phish", "", env.URL + "/embed/k3?"},
		{"scheme-relative redirect ignored", "k4", "//jahat.example/x", "", env.URL + "/embed/k4?"},
		{"own path redirect", "k5", "/embed/k5", "", env.URL + "/embed/k5?"},
		{"WordPress post id from origin-only Referer", "4", "", "https://berita.example/", "https://berita.example/?moderation-hash="},
		{"full Referer registers the article", "k6", "", "https://berita.example/2026/11/pantai/", "https://berita.example/2026/11/pantai/?"},
		{"foreign Referer ignored", "7", "", "https://jahat.example/", env.URL + "/embed/7?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := apptest.Form(tt.key)
			if tt.redirect != "" {
				v.Set("redirect_to", tt.redirect)
			}
			h := http.Header{}
			if tt.referer != "" {
				h.Set("Referer", tt.referer)
			}
			resp := env.Do(env.Client(), http.MethodPost, "/comments", "application/x-www-form-urlencoded", v.Encode(), h)
			loc := resp.Header.Get("Location")
			if resp.StatusCode != 303 || !strings.HasPrefix(loc, tt.want) {
				t.Fatalf("%d Location %q, want prefix %q", resp.StatusCode, loc, tt.want)
			}
			if !strings.Contains(loc, "unapproved=") || !strings.Contains(loc, "#comment-") {
				t.Errorf("Location lacks the preview parameters: %q", loc)
			}
		})
	}
}

// TestSubmit_DuplicatesAtOnce: the same comment sent many times at once
// (a double click, a retrying client) is stored once; every other copy
// gets 409, also without flood control, and a trashed copy does not count.
func TestSubmit_DuplicatesAtOnce(t *testing.T) {
	env := apptest.New(t, "-flood-interval", "0")
	const copies = 24
	codes := make(chan int, copies)
	var wg sync.WaitGroup
	for range copies {
		wg.Go(func() {
			codes <- env.PostForm(env.Client(), "/comments", apptest.Form(key)).StatusCode
		})
	}
	wg.Wait()
	close(codes)
	got := map[int]int{}
	for c := range codes {
		got[c]++
	}
	if got[http.StatusSeeOther] != 1 || got[http.StatusConflict] != copies-1 {
		t.Fatalf("answers %v, want one 303 and %d 409", got, copies-1)
	}
	ctx := context.Background()
	counts, _ := env.App.Store.StatusCounts(ctx)
	if counts[comment.Pending] != 1 {
		t.Fatalf("%d stored", counts[comment.Pending])
	}
	list, err := env.App.Store.List(ctx, comment.Filter{Status: comment.Pending})
	if err != nil || len(list) != 1 {
		t.Fatalf("pending %v %v", list, err)
	}
	if _, err := env.App.Service.Moderate(ctx, list[0].ID, comment.ActTrash, comment.Moderator{Username: "t"}); err != nil {
		t.Fatal(err)
	}
	if resp := env.PostForm(env.Client(), "/comments", apptest.Form(key)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("after the copy was trashed: %d, want 303", resp.StatusCode)
	}
}
