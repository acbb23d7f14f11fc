package api_test

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"balasan/internal/apptest"
)

// wpForm reads WordPress 6.1's own comment form (testdata, captured from a
// real install) and returns its action and every field with its value.
func wpForm(t *testing.T) (action string, fields url.Values, names []string) {
	t.Helper()
	f, err := os.Open("testdata/wordpress-comment-form.html")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	fields = url.Values{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			switch {
			case n.Data == "form":
				action = a["action"]
			case n.Data == "textarea" || (n.Data == "input" && a["type"] != "checkbox"):
				names = append(names, a["name"])
				fields.Set(a["name"], a["value"])
			case n.Data == "input":
				names = append(names, a["name"])
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return action, fields, names
}

// TestSubmit_WordPressForm posts through WordPress's exact form with only
// its action changed, then follows the redirect to see the pending preview.
func TestSubmit_WordPressForm(t *testing.T) {
	env := apptest.New(t)
	action, fields, names := wpForm(t)
	if !strings.HasSuffix(action, "/wp-comments-post.php") {
		t.Fatalf("unexpected WordPress action %q", action)
	}
	want := []string{"comment", "author", "email", "url", "wp-comment-cookies-consent", "submit", "comment_post_ID", "comment_parent"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("WordPress form fields %v, want %v", names, want)
	}
	fields.Set("comment", "Terima kasih atas beritanya.\n\nSemoga bermanfaat.")
	fields.Set("author", "Siti Rahma")
	fields.Set("email", "siti.rahma@example.test")
	fields.Set("url", "siti.example.test")
	fields.Set("wp-comment-cookies-consent", "yes")

	c := env.Client()
	resp := env.PostForm(c, "/comments", fields) // the one change: action → Balasan
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d\n%s", resp.StatusCode, resp.Body)
	}
	loc := resp.Header.Get("Location")
	u, _ := url.Parse(loc)
	if u.Path != "/embed/4" || u.Query().Get("unapproved") == "" || len(u.Query().Get("moderation-hash")) != 32 || !strings.HasPrefix(u.Fragment, "comment-") {
		t.Fatalf("Location %q", loc)
	}
	page := env.Get(c, strings.TrimPrefix(loc, env.URL), http.StatusOK)
	for _, s := range []string{"Terima kasih atas beritanya.", "Komentar Anda sedang menunggu moderasi", "Siti Rahma"} {
		if !strings.Contains(page, s) {
			t.Errorf("preview lacks %q", s)
		}
	}
	if strings.Contains(page, "siti.rahma@example.test") {
		t.Error("preview shows the email")
	}
	// Anyone without the hash sees nothing pending.
	other := env.Get(env.Client(), "/embed/4", http.StatusOK)
	if strings.Contains(other, "Terima kasih atas beritanya.") {
		t.Error("pending comment visible without its hash")
	}
	// After approval it is public, with the URL normalised as WordPress does.
	env.Approve(apptest.CommentID(loc))
	api := env.Get(env.Client(), "/api/articles/4/comments", http.StatusOK)
	if !strings.Contains(api, `"author_url":"http://siti.example.test"`) || !strings.Contains(api, "Semoga bermanfaat.") {
		t.Errorf("approved comment not public as expected:\n%s", api)
	}
}
