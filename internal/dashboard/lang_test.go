package dashboard_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"balasan/internal/comment"
)

func TestLang_ChoiceRememberedAcrossSessions(t *testing.T) {
	d := newDash(t)
	d.submit("bahasa", "Halo.")
	mustContain(t, d.Get(d.c, "/admin/comments", http.StatusOK), `<html lang="id">`, "Menunggu", "Setujui")

	r := d.PostForm(d.c, "/admin/account/lang", url.Values{"_csrf": {d.csrf}, "lang": {"en"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("set lang: %d", r.StatusCode)
	}
	// Every page now speaks English, whatever the browser prefers.
	page := d.Do(d.c, http.MethodGet, "/admin/comments", "", "", http.Header{"Accept-Language": {"id-ID,id;q=0.9"}})
	mustContain(t, page.Body, `<html lang="en">`, "Pending", "Approve", `<option value="en" selected>`)

	// Remembered in the account, so a new session keeps it.
	d.PostForm(d.c, "/admin/logout", url.Values{"_csrf": {d.csrf}})
	c, csrf := d.Login(adminName, adminPass)
	mustContain(t, d.Get(c, "/admin/audit", http.StatusOK), `<html lang="en">`, "Audit log")
	d.PostForm(c, "/admin/account/lang", url.Values{"_csrf": {csrf}, "lang": {"id"}})
	mustContain(t, d.Get(c, "/admin/account", http.StatusOK), `<html lang="id">`, "Ganti kata sandi")

	// Errors shown to a moderator follow the choice too.
	d.PostForm(c, "/admin/account/lang", url.Values{"_csrf": {csrf}, "lang": {"en"}})
	r = d.post(c, "/admin/comments/999999/approve", nil, csrf, true)
	mustContain(t, r.Body, "Not found.")
}

// TestLang_AccessibleMarkup checks every dashboard page in both languages:
// a language on <html>, a skip link to the main content, a label for every
// field, text on every button, and a visible focus style.
func TestLang_AccessibleMarkup(t *testing.T) {
	d := newDash(t)
	parent := d.submit("a11y", "Induk.")
	d.Approve(parent)
	d.submit("a11y", "Anak.", func(v url.Values) { v.Set("comment_parent", "1") })
	d.AddModerator(modName, modPass, comment.RoleModerator)
	pages := []string{"/admin/comments", "/admin/comments?status=approved", "/admin/comments?article=a11y", "/admin/audit",
		"/admin/settings", "/admin/account", "/admin/moderators"}
	for _, lang := range []string{"id", "en"} {
		d.PostForm(d.c, "/admin/account/lang", url.Values{"_csrf": {d.csrf}, "lang": {lang}})
		for _, p := range pages {
			checkAccessible(t, lang+" "+p, d.Get(d.c, p, http.StatusOK))
		}
	}
	checkAccessible(t, "login", d.Get(d.Client(), "/admin/login", http.StatusOK))
	css := d.Get(d.Client(), "/static/admin.css", http.StatusOK)
	mustContain(t, css, ":focus-visible{outline:3px solid")
	if strings.Contains(css, "outline:none") || strings.Contains(css, "outline:0") {
		t.Error("the stylesheet hides focus somewhere")
	}
}

func checkAccessible(t *testing.T, name, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]bool{}
	var fields []*html.Node
	var hasMain, hasSkip bool
	var walk func(n *html.Node, inLabel bool)
	walk = func(n *html.Node, inLabel bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				if attr(n, "lang") == "" {
					t.Errorf("%s: <html> without lang", name)
				}
			case "label":
				labels[attr(n, "for")] = true
				inLabel = true
			case "main":
				hasMain = hasMain || attr(n, "id") == "main"
			case "a":
				hasSkip = hasSkip || attr(n, "href") == "#main"
			case "input", "select", "textarea":
				switch attr(n, "type") {
				case "hidden", "submit", "button":
				default:
					if !inLabel && attr(n, "aria-label") == "" {
						fields = append(fields, n)
					}
				}
			case "button":
				if strings.TrimSpace(text(n)) == "" && attr(n, "aria-label") == "" {
					t.Errorf("%s: a button without text", name)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLabel)
		}
	}
	walk(doc, false)
	for _, f := range fields {
		if id := attr(f, "id"); id == "" || !labels[id] {
			t.Errorf("%s: <%s name=%q> has no label", name, f.Data, attr(f, "name"))
		}
	}
	if !hasMain || !hasSkip {
		t.Errorf("%s: main landmark %v, skip link %v", name, hasMain, hasSkip)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}
