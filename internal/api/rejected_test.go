package api_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"balasan/internal/apptest"
	"balasan/internal/comment"
	"balasan/web"
)

// findNode finds the first element matching ok depth first.
func findNode(n *html.Node, ok func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && ok(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findNode(c, ok); f != nil {
			return f
		}
	}
	return nil
}

func attrOf(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// TestRejected_Page: a rejected no-JS form comes back on a page of its
// own: title "Galat: …" with the article's verified title (never a
// provisional one), the error summary before the fields, focus on the
// first invalid field, the form posting to its own anchor, a link back
// to the article, the embed page's stylesheet, and the form's language.
func TestRejected_Page(t *testing.T) {
	env := apptest.New(t)
	const verifiedKey, provisionalKey = "artikel-terverifikasi", "artikel-sementara"
	allowed := func(string) bool { return true }
	if _, err := env.App.Service.CorrectArticle(context.Background(), verifiedKey, "Banjir Rob di Pesisir Utara",
		env.URL+"/berita/banjir-rob", allowed, comment.Moderator{Username: "test"}); err != nil {
		t.Fatal(err)
	}
	// A reader's request names a title and URL only provisionally.
	prov := apptest.Form(provisionalKey)
	prov.Set("page_title", "Judul Palsu Dari Pembaca")
	prov.Set("page_url", env.URL+"/palsu")
	env.Submit(prov)

	for _, tc := range []struct {
		name, key, lang, acceptLang string
		title, back, backText       string
		summary                     string
	}{
		{"verified, indonesian", verifiedKey, "", "", "Galat: Komentar belum terkirim", env.URL + "/berita/banjir-rob",
			"Kembali ke artikel: Banjir Rob di Pesisir Utara", "Perbaiki isian"},
		{"verified, the form's english", verifiedKey, "en", "id", "Error: Your comment was not sent", env.URL + "/berita/banjir-rob",
			"Back to the article: Banjir Rob di Pesisir Utara", "fix"},
		{"provisional title never shown", provisionalKey, "", "", "Galat: ", env.URL + "/embed/" + provisionalKey,
			"Kembali ke artikel", "Perbaiki"},
		{"no lang field: the browser's", provisionalKey, "", "en-US", "Error: ", env.URL + "/embed/" + provisionalKey + "?lang=en",
			"Back to the article", "fix"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := url.Values{"comment_post_ID": {tc.key}, "author": {"Siti"}, "email": {"bukan-email"}, "comment": {""}, "lang": {tc.lang}}
			h := http.Header{}
			if tc.acceptLang != "" {
				h.Set("Accept-Language", tc.acceptLang)
			}
			r := env.Do(env.Client(), "POST", "/comments", "application/x-www-form-urlencoded", v.Encode(), h)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d", r.StatusCode)
			}
			doc, err := html.Parse(strings.NewReader(r.Body))
			if err != nil {
				t.Fatal(err)
			}
			title := nodeText(findNode(doc, func(n *html.Node) bool { return n.Data == "title" }))
			if !strings.HasPrefix(title, tc.title) {
				t.Errorf("title %q, want it to start %q", title, tc.title)
			}
			if strings.Contains(r.Body, "Judul Palsu") {
				t.Error("a provisional title is shown")
			}
			back := findNode(doc, func(n *html.Node) bool { return n.Parent != nil && hasClass(n.Parent, "bls-back") && n.Data == "a" })
			if back == nil {
				t.Fatal("no link back")
			}
			if href, _ := attrOf(back, "href"); href != tc.back || nodeText(back) != tc.backText {
				t.Errorf("link back %q %q, want %q %q", href, nodeText(back), tc.back, tc.backText)
			}
			form := findNode(doc, func(n *html.Node) bool { return n.Data == "form" })
			if action, _ := attrOf(form, "action"); !strings.HasSuffix(action, "/comments#respond") {
				t.Errorf("form action %q", action)
			}
			summary := strings.Index(r.Body, "bls-error-summary")
			if field := strings.Index(r.Body, `id="comment"`); summary < 0 || summary > field || !strings.Contains(r.Body[summary:], tc.summary) {
				t.Errorf("the error summary (at %d) must come before the fields (%d)", summary, field)
			}
			focused := findNode(doc, func(n *html.Node) bool { _, ok := attrOf(n, "autofocus"); return ok })
			if id, _ := attrOf(focused, "id"); focused == nil || id != "comment" {
				t.Errorf("autofocus on %v, want the first invalid field, comment", focused)
			}
			if !strings.Contains(r.Body, web.AssetPath("balasan.css")) || !strings.Contains(r.Body, `class="bls-embed`) {
				t.Error("not styled like the embed page")
			}
			if v, _ := attrOf(findNode(doc, func(n *html.Node) bool { return n.Data == "html" }), "lang"); v != map[bool]string{true: "en", false: "id"}[strings.HasPrefix(tc.title, "Error")] {
				t.Errorf("html lang %q", v)
			}
			if !strings.Contains(r.Body, `value="Siti"`) || !strings.Contains(r.Body, `value="bukan-email"`) {
				t.Error("typed values lost")
			}
		})
	}
}
