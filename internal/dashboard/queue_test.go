package dashboard_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"balasan/internal/comment"
)

var rowID = regexp.MustCompile(`<li class="adm-row" id="c-(\d+)"`)

func ids(body string) []int64 {
	var out []int64
	for _, m := range rowID.FindAllStringSubmatch(body, -1) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		out = append(out, id)
	}
	return out
}

func has(list []int64, id int64) bool {
	for _, x := range list {
		if x == id {
			return true
		}
	}
	return false
}

func TestQueue_ViewsFiltersAndSearch(t *testing.T) {
	// Without the spam starter, which would mark the seller's link below
	// "likely_spam" before the link rule names its own reason.
	d := newDash(t, "-trusted-proxies", "127.0.0.1/32", "-max-links", "0", "-spam-starter", "off")
	fromIP := func(ip string, v url.Values) int64 {
		h := http.Header{"X-Forwarded-For": {ip}}
		resp := d.Do(d.Client(), http.MethodPost, "/comments", "application/x-www-form-urlencoded", v.Encode(), h)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d %s", resp.StatusCode, resp.Body)
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(resp.Header.Get("Location")[strings.Index(resp.Header.Get("Location"), "#"):], "#comment-"), 10, 64)
		return id
	}
	form := func(key, author, email, text string) url.Values {
		v := url.Values{"comment_post_ID": {key}, "author": {author}, "email": {email}, "comment": {text}}
		return v
	}
	parent := fromIP("203.0.113.1", form("artikel-a", "Budi Santoso", "budi@example.test", "Pantai Sukamaju makin bersih."))
	d.Approve(parent)
	reply := fromIP("203.0.113.2", url.Values{"comment_post_ID": {"artikel-a"}, "author": {"Siti Aminah"}, "email": {"Siti@Example.test"},
		"comment": {"Setuju, nelayan ikut membantu."}, "comment_parent": {strconv.FormatInt(parent, 10)}})
	other := fromIP("198.51.100.7", form("artikel-b", "Joko", "joko@example.test", "Harga ikan naik lagi di pasar."))
	linked := fromIP("198.51.100.8", form("artikel-b", "Penjual", "jual@example.test", "Beli di https://spam.example sekarang"))
	if _, err := d.App.Store.EnsureArticle(context.Background(), comment.Article{Key: "artikel-a",
		URL: "https://news.example/2024/pantai", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		query   string
		want    []int64
		notWant []int64
		wantIn  []string
	}{
		{"pending default", "", []int64{reply, other, linked}, []int64{parent},
			[]string{`data-count="pending">3<`, `data-count="approved">1<`, "Menunggu"}},
		{"approved view", "?status=approved", []int64{parent}, []int64{reply, other}, nil},
		{"spam view empty", "?status=spam", nil, []int64{reply, parent}, []string{"Tidak ada komentar di sini.", `name="_csrf"`}},
		{"parent in context", "", []int64{reply}, nil, []string{"Membalas <strong>Budi Santoso</strong>", "Pantai Sukamaju makin bersih."}},
		{"held reason", "", []int64{linked}, nil, []string{"Ditahan karena: 1 tautan, batasnya 0"}},
		{"article link uses its url", "", nil, nil, []string{`href="https://news.example/2024/pantai#comment-` + strconv.FormatInt(reply, 10) + `"`,
			`href="/embed/artikel-b#comment-` + strconv.FormatInt(other, 10) + `"`}},
		{"emails and ips shown", "", nil, nil, []string{"Siti@Example.test", "203.0.113.2"}},
		{"filter by article", "?article=artikel-b", []int64{other, linked}, []int64{reply}, nil},
		{"search text word", "?q=nelayan", []int64{reply}, []int64{other, linked}, nil},
		{"search text prefix", "?q=nelay", []int64{reply}, []int64{other}, nil},
		{"search two words", "?q=harga+pasar", []int64{other}, []int64{reply}, nil},
		{"search author", "?q=siti", []int64{reply}, []int64{other}, nil},
		{"search email exact, any case", "?q=siti@example.TEST", []int64{reply}, []int64{other}, nil},
		{"search email part finds nothing by email", "?q=" + url.QueryEscape("@example.test"), nil, []int64{reply, other, linked}, nil},
		{"search ip", "?q=198.51.100.7", []int64{other}, []int64{reply, linked}, nil},
		{"search with article", "?q=harga&article=artikel-a", nil, []int64{other}, nil},
		{"search in approved", "?status=approved&q=pantai", []int64{parent}, nil, nil},
		{"search syntax is literal", "?q=" + url.QueryEscape(`"AND ( * NEAR`), nil, []int64{reply}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := d.Get(d.c, "/admin/comments"+tt.query, http.StatusOK)
			got := ids(body)
			for _, id := range tt.want {
				if !has(got, id) {
					t.Errorf("comment %d missing; got %v", id, got)
				}
			}
			for _, id := range tt.notWant {
				if has(got, id) {
					t.Errorf("comment %d shown; got %v", id, got)
				}
			}
			mustContain(t, body, tt.wantIn...)
		})
	}
	if got := ids(d.Get(d.c, "/admin/comments", http.StatusOK)); len(got) != 3 || got[0] != reply {
		t.Errorf("pending view not oldest first: %v", got)
	}
	d.Get(d.c, "/admin/comments?status=nonsense", http.StatusUnprocessableEntity)
}

func TestQueue_KeysetPages(t *testing.T) {
	d := newDash(t)
	var all []int64
	for i := range 120 {
		all = append(all, d.submit("halaman", "Komentar nomor "+strconv.Itoa(i)))
	}
	next := regexp.MustCompile(`class="adm-next" href="([^"]+)"`)
	seen := map[int64]bool{}
	path := "/admin/comments"
	var pages []int
	for path != "" {
		body := d.Get(d.c, strings.ReplaceAll(path, "&amp;", "&"), http.StatusOK)
		got := ids(body)
		pages = append(pages, len(got))
		for _, id := range got {
			if seen[id] {
				t.Fatalf("comment %d on two pages", id)
			}
			seen[id] = true
		}
		path = ""
		if m := next.FindStringSubmatch(body); m != nil {
			path = m[1]
		}
	}
	if len(seen) != len(all) || len(pages) != 3 || pages[0] != 50 || pages[2] != 20 {
		t.Errorf("pages %v, %d of %d comments seen", pages, len(seen), len(all))
	}
	// Newest first in the other views, also paged by id.
	for _, id := range all[:60] {
		d.Approve(id)
	}
	body := d.Get(d.c, "/admin/comments?status=approved", http.StatusOK)
	if got := ids(body); len(got) != 50 || got[0] != all[59] {
		t.Errorf("approved page 1 = %v", got)
	}
	m := next.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no next page")
	}
	if got := ids(d.Get(d.c, strings.ReplaceAll(m[1], "&amp;", "&"), http.StatusOK)); len(got) != 10 || got[0] != all[9] {
		t.Errorf("approved page 2 = %v", got)
	}
}
