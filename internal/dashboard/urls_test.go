package dashboard_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// hostile are request values shaped to climb out of a path segment or to
// add a query to a URL a page builds.
var hostile = []string{
	"../moderators/3/password?password=x&y=",
	"../moderators/2/role?role=admin&x=",
	"..", ".", "a/b", "a?b=1", "a#b", "%2e%2e", "a\\..\\b", "/admin/settings", " ../x ",
}

// TestSecurity_ArticleFilterNeverBuildsAPath: an article filter that is
// not a key is refused (422) instead of becoming the close/open form's
// URL; a real key with every allowed character lands in one segment.
func TestSecurity_ArticleFilterNeverBuildsAPath(t *testing.T) {
	d := newDash(t)
	d.submit("a~b.c-1", "Komentar.")
	for _, v := range hostile {
		r := d.Do(d.c, http.MethodGet, "/admin/comments?article="+url.QueryEscape(v), "", "", nil)
		if r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("article=%q: status %d, want 422", v, r.StatusCode)
		}
		mustNotContain(t, r.Body, "/admin/articles/", "/moderators/3", "/moderators/2")
		mustContain(t, r.Body, "Kunci artikel tidak sah")
	}
	page := d.Get(d.c, "/admin/comments?article=a~b.c-1", http.StatusOK)
	posts := postActions(t, page)
	for _, want := range []string{"/admin/articles/a~b.c-1/close", "/admin/articles/a~b.c-1/open"} {
		if !posts[want] {
			t.Errorf("no form posting to %s; forms: %v", want, posts)
		}
	}
	// The route refuses a dot segment as a key too.
	for _, key := range []string{"..", "."} {
		r := d.post(d.c, "/admin/articles/"+key+"/close", url.Values{}, d.csrf, false)
		if r.StatusCode != http.StatusNotFound {
			t.Errorf("close %q: %d, want 404", key, r.StatusCode)
		}
	}
}

// TestSecurity_PagesBuildOnlyCleanURLs renders every dashboard page with
// hostile values in each query parameter it reads, and checks every link
// and form of the answer: a local URL has no dot segment, and a form that
// posts has no query string (its fields travel in the body).
func TestSecurity_PagesBuildOnlyCleanURLs(t *testing.T) {
	d := newDash(t)
	id := d.submit("bersih", "Komentar.", func(v url.Values) { v.Set("email", "boss%40news.test?bcc=spy%40evil.test&subject=x&y=@b.co") })
	d.Approve(id)
	d.submit("bersih", "Balasan.", func(v url.Values) { v.Set("comment_parent", strconv.FormatInt(id, 10)) })
	pages := map[string][]string{
		"/admin/comments": {"status", "q", "after", "article"},
		"/admin/audit":    {"moderator", "before"},
		"/admin/settings": {"saved"}, "/admin/privacy": {"done", "n"},
		"/admin/account": {"done"}, "/admin/moderators": {"done"},
	}
	for page, params := range pages {
		for _, p := range params {
			for _, v := range hostile {
				for _, status := range []string{"pending", "approved"} {
					q := url.Values{p: {v}}
					if p != "status" {
						q.Set("status", status)
					}
					r := d.Do(d.c, http.MethodGet, page+"?"+q.Encode(), "", "", nil)
					if r.StatusCode >= 500 {
						t.Fatalf("%s?%s: %d", page, q.Encode(), r.StatusCode)
					}
					checkURLs(t, page+"?"+q.Encode(), r.Body)
				}
			}
		}
	}
}

// checkURLs fails for a local link or form URL with a dot segment, and for
// a POST form whose action carries a query.
func checkURLs(t *testing.T, where, body string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range []string{"href", "action", "src"} {
			raw, ok := attrOK(n, a)
			if !ok || raw == "" || strings.HasPrefix(raw, "#") {
				continue
			}
			u, err := url.Parse(raw)
			if err != nil {
				t.Errorf("%s: <%s %s=%q> does not parse: %v", where, n.Data, a, raw, err)
				continue
			}
			if u.Scheme == "mailto" {
				if u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(u.Opaque, "?#,;") {
					t.Errorf("%s: mailto link %q adds headers or recipients", where, raw)
				}
				continue
			}
			if u.Host != "" || u.Scheme != "" {
				continue // the article's own page, checked where it entered
			}
			if dotSegment(u.EscapedPath()) {
				t.Errorf("%s: <%s %s=%q> climbs out of its path", where, n.Data, a, raw)
			}
			if n.Data == "form" && strings.EqualFold(attr(n, "method"), "post") && u.RawQuery != "" {
				t.Errorf("%s: form posts to %q with a query string", where, raw)
			}
		}
	}
}

// dotSegment reports a "." or ".." segment, which a browser resolves
// (written as %2e too).
func dotSegment(escapedPath string) bool {
	for _, seg := range strings.Split(escapedPath, "/") {
		seg = strings.ReplaceAll(strings.ToLower(seg), "%2e", ".")
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// postActions lists the actions of a page's POST forms.
func postActions(t *testing.T, body string) map[string]bool {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "form" && strings.EqualFold(attr(n, "method"), "post") {
			out[attr(n, "action")] = true
		}
	}
	return out
}

// TestSecurity_MailtoWritesToOneAddress: an address WordPress accepts with
// "?bcc=" in its local part becomes a link to exactly that address, with
// no hidden recipient, subject or body.
func TestSecurity_MailtoWritesToOneAddress(t *testing.T) {
	d := newDash(t)
	const addr = "boss%40news.test?bcc=spy%40evil.test&subject=x&y=@b.co"
	d.submit("surat", "Komentar.", func(v url.Values) { v.Set("email", addr) })
	doc, err := html.Parse(strings.NewReader(d.Get(d.c, "/admin/comments", http.StatusOK)))
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "a" && strings.HasPrefix(attr(n, "href"), "mailto:") {
			links = append(links, attr(n, "href"))
		}
	}
	if len(links) != 1 {
		t.Fatalf("mailto links: %q", links)
	}
	u, err := url.Parse(links[0])
	if err != nil {
		t.Fatal(err)
	}
	to, err := url.PathUnescape(u.Opaque)
	if u.RawQuery != "" || u.Fragment != "" || err != nil || to != addr {
		t.Errorf("link %q: query %q, writes to %q, want only %q", links[0], u.RawQuery, to, addr)
	}
}
