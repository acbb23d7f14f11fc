package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"balasan/internal/apptest"
)

type pageBody struct {
	Article struct {
		CommentCount int `json:"comment_count"`
	} `json:"article"`
	Comments []struct {
		ID       int64 `json:"id"`
		ParentID int64 `json:"parent_id"`
	} `json:"comments"`
	Next *string `json:"next"`
}

func readPage(t *testing.T, env *apptest.Env, path string) pageBody {
	t.Helper()
	r := get(t, env, path, nil)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d %s", path, r.StatusCode, r.Body)
	}
	var b pageBody
	if err := json.Unmarshal([]byte(r.Body), &b); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}

// seedConversations stores n approved top-level comments, each of the
// first three with a reply, and returns the top-level ids, oldest first.
func seedConversations(t *testing.T, env *apptest.Env, n int) []int64 {
	var tops []int64
	for i := range n {
		c := seed(t, env, key, "Pembaca Nomor", fmt.Sprintf("p%d@example.test", i), fmt.Sprintf("Komentar ke-%d", i), 0, true)
		tops = append(tops, c.ID)
	}
	for i := range min(3, n) {
		seed(t, env, key, "Penjawab Setia", fmt.Sprintf("r%d@example.test", i), fmt.Sprintf("Balasan ke-%d", i), tops[i], true)
	}
	return tops
}

// TestRead_Pages: following "next" pages through every comment once, a
// conversation whole on one page, in either order; the last page has no
// "next"; without limit the whole thread comes as before.
func TestRead_Pages(t *testing.T) {
	env := apptest.New(t)
	tops := seedConversations(t, env, 7)
	base := "/api/articles/" + key + "/comments"
	whole := readPage(t, env, base)
	if whole.Next != nil || len(whole.Comments) != 10 || whole.Article.CommentCount != 10 {
		t.Fatalf("whole thread: %d comments, next %v", len(whole.Comments), whole.Next)
	}
	for _, tc := range []struct {
		order string
		limit int
		tops  []int64
	}{
		{"oldest", 3, tops},
		{"newest", 3, reversed(tops)},
		{"", 1, tops},
		{"newest", 200, reversed(tops)},
	} {
		t.Run(fmt.Sprintf("%s-%d", tc.order, tc.limit), func(t *testing.T) {
			seen := map[int64]bool{}
			var gotTops []int64
			after, pages := "", 0
			for {
				q := url.Values{"limit": {fmt.Sprint(tc.limit)}}
				if tc.order != "" {
					q.Set("order", tc.order)
				}
				if after != "" {
					q.Set("after", after)
				}
				b := readPage(t, env, base+"?"+q.Encode())
				pages++
				if b.Article.CommentCount != 10 {
					t.Errorf("comment_count %d on a page, want the thread's 10", b.Article.CommentCount)
				}
				n := 0
				for _, c := range b.Comments {
					if seen[c.ID] {
						t.Fatalf("comment %d on two pages", c.ID)
					}
					seen[c.ID] = true
					if c.ParentID == 0 {
						n++
						gotTops = append(gotTops, c.ID)
					} else if !seen[c.ParentID] {
						t.Errorf("reply %d came before or without its parent %d", c.ID, c.ParentID)
					}
				}
				if n > tc.limit || n == 0 {
					t.Errorf("a page of %d top-level comments, limit %d", n, tc.limit)
				}
				if b.Next == nil {
					break
				}
				after = *b.Next
			}
			if len(seen) != 10 || !slices.Equal(gotTops, tc.tops) {
				t.Errorf("%d comments over %d pages, tops %v, want 10 and %v", len(seen), pages, gotTops, tc.tops)
			}
			if want := (7 + tc.limit - 1) / tc.limit; pages != want {
				t.Errorf("%d pages, want %d", pages, want)
			}
		})
	}
}

// TestRead_BadPaging: a bad limit, cursor or order is a 422 naming the
// field, in Indonesian or English, never a 5xx or a guess.
func TestRead_BadPaging(t *testing.T) {
	env := apptest.New(t)
	seedConversations(t, env, 2)
	for _, q := range []string{"limit=0", "limit=201", "limit=abc", "limit=10&order=acak", "limit=10&after=%25%25",
		"limit=10&after=AAAA", "after=AQ", "limit=" + strings.Repeat("9", 40), "limit=10&after=" + strings.Repeat("A", 5000)} {
		for _, lang := range []string{"id", "en"} {
			r := get(t, env, "/api/articles/"+key+"/comments?"+q, http.Header{"Accept-Language": {lang}})
			var body struct {
				Error  string            `json:"error"`
				Errors map[string]string `json:"errors"`
			}
			json.Unmarshal([]byte(r.Body), &body)
			if r.StatusCode != http.StatusUnprocessableEntity || len(body.Errors) == 0 {
				t.Errorf("%s (%s): status %d %s", q, lang, r.StatusCode, r.Body)
			}
			if want := map[string]string{"id": "halaman", "en": "page"}[lang]; !strings.Contains(body.Error, want) {
				t.Errorf("%s (%s): message %q", q, lang, body.Error)
			}
		}
	}
}

// TestRead_PageInvalidated: an approval reaches every cached page at once.
func TestRead_PageInvalidated(t *testing.T) {
	env := apptest.New(t)
	tops := seedConversations(t, env, 4)
	paths := []string{"/api/articles/" + key + "/comments?limit=2", "/api/articles/" + key + "/comments?limit=2&order=newest"}
	tags := map[string]string{}
	for _, p := range paths {
		tags[p] = get(t, env, p, nil).Header.Get("ETag")
		if r := get(t, env, p, http.Header{"If-None-Match": {tags[p]}}); r.StatusCode != http.StatusNotModified {
			t.Fatalf("%s: revalidation %d", p, r.StatusCode)
		}
	}
	reply := seed(t, env, key, "Balasan Baru", "baru@example.test", "Balasan yang baru disetujui", tops[0], true)
	newTop := seed(t, env, key, "Paling Baru", "pb@example.test", "Komentar paling baru", 0, true)
	for p, want := range map[string]int64{paths[0]: reply.ID, paths[1]: newTop.ID} {
		r := get(t, env, p, http.Header{"If-None-Match": {tags[p]}})
		if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, fmt.Sprintf(`"id":%d,`, want)) {
			t.Errorf("%s after approval: status %d, comment %d missing", p, r.StatusCode, want)
		}
	}
}

// moreLink is the href of the page's "load more" link, "" without one.
func moreLink(t *testing.T, body string) (href, text string) {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" && hasClass(n, "bls-more-link") {
			for _, a := range n.Attr {
				if a.Key == "href" {
					href = a.Val
				}
			}
			if n.FirstChild != nil {
				text = n.FirstChild.Data
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return href, text
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && slices.Contains(strings.Fields(a.Val), class) {
			return true
		}
	}
	return false
}

// TestEmbed_Pages: the embed page shows 50 conversations and a plain link
// "Muat komentar lainnya" to the rest; the order links work without
// JavaScript; the English page keeps its language through them.
func TestEmbed_Pages(t *testing.T) {
	env := apptest.New(t)
	tops := seedConversations(t, env, 53)
	first := get(t, env, "/embed/"+key, nil)
	if n := strings.Count(first.Body, `class="bls-comment bls-depth-1`); n != 50 {
		t.Errorf("first page: %d top-level comments, want 50", n)
	}
	if !strings.Contains(first.Body, "(56)") {
		t.Error("the heading does not count the whole thread (56)")
	}
	href, text := moreLink(t, first.Body)
	if text != "Muat komentar lainnya" || !strings.HasPrefix(href, "?after=") {
		t.Fatalf("load more link %q %q", href, text)
	}
	second := get(t, env, "/embed/"+key+strings.TrimSuffix(href, "#comments"), nil)
	if n := strings.Count(second.Body, `class="bls-comment bls-depth-1`); n != 3 || !strings.Contains(second.Body, fmt.Sprintf(`id="comment-%d"`, tops[52])) {
		t.Errorf("second page: %d top-level comments", n)
	}
	if h, _ := moreLink(t, second.Body); h != "" {
		t.Errorf("the last page links further: %q", h)
	}
	newest := get(t, env, "/embed/"+key+"?order=newest", nil)
	if i, j := strings.Index(newest.Body, fmt.Sprintf(`id="comment-%d"`, tops[52])), strings.Index(newest.Body, fmt.Sprintf(`id="comment-%d"`, tops[10])); i < 0 || j < 0 || i > j {
		t.Errorf("newest first: positions %d and %d", i, j)
	}
	if strings.Contains(newest.Body, fmt.Sprintf(`id="comment-%d"`, tops[0])) {
		t.Error("newest first shows the oldest comment on its first page")
	}
	en := get(t, env, "/embed/"+key+"?lang=en&order=newest", nil)
	if href, text := moreLink(t, en.Body); text != "Load more comments" || !strings.Contains(href, "lang=en") || !strings.Contains(href, "order=newest") {
		t.Errorf("English link %q %q", href, text)
	}
	frag := get(t, env, "/embed/"+key+"?fragment=1", nil)
	if href, _ := moreLink(t, frag.Body); !strings.HasPrefix(href, env.URL+"/embed/"+key+"?after=") {
		t.Errorf("a fragment's link must lead to the embed page: %q", href)
	}
	if r := get(t, env, "/embed/"+key+"?after=rusak!", nil); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a bad cursor: status %d", r.StatusCode)
	}
}

// TestEmbed_PendingOpensItsPage: a reader's pending comment, far down an
// oldest-first thread, opens the page it is on.
func TestEmbed_PendingOpensItsPage(t *testing.T) {
	env := apptest.New(t)
	seedConversations(t, env, 52)
	p := seed(t, env, key, "Ani Menunggu", "ani@example.test", "Komentar saya menunggu", 0, false)
	r := get(t, env, fmt.Sprintf("/embed/%s?unapproved=%d&moderation-hash=%s", key, p.ID, p.Hash), nil)
	if !strings.Contains(r.Body, fmt.Sprintf(`id="comment-%d"`, p.ID)) || !strings.Contains(r.Body, "bls-pending") {
		t.Error("the pending comment is not on the page its redirect opens")
	}
}

func reversed(s []int64) []int64 {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}
