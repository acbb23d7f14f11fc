package dashboard

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzMailtoURL: whatever address was stored (an import does not go
// through the form's check), its link writes to that address alone.
func FuzzMailtoURL(f *testing.F) {
	for _, s := range []string{"budi@example.test", "boss%40news.test?bcc=spy%40evil.test&subject=x&y=@b.co",
		"a@b.co,spy@evil.test", "a@b.co;x@y.z", "a@b.co#x", "a b@c.de\r\nBcc: x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, addr string) {
		link := mailtoURL(addr)
		u, err := url.Parse(link)
		if err != nil {
			t.Fatalf("%q does not parse: %v", link, err)
		}
		if u.Scheme != "mailto" || u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("%q: scheme %q, query %q, fragment %q", link, u.Scheme, u.RawQuery, u.Fragment)
		}
		if strings.ContainsAny(u.Opaque, "?#,; \r\n\x00") {
			t.Fatalf("%q: a raw separator in the address part", link)
		}
		if to, err := url.PathUnescape(u.Opaque); err != nil || to != addr {
			t.Fatalf("%q writes to %q, want %q", link, to, addr)
		}
	})
}

func TestArticleAction(t *testing.T) {
	for key, want := range map[string]string{
		"42":                "/admin/articles/42/close",
		"a~b.c-1":           "/admin/articles/a~b.c-1/close",
		"../moderators/3/x": "/admin/articles/..%2Fmoderators%2F3%2Fx/close",
		"a?b=1&c#d":         "/admin/articles/a%3Fb=1&c%23d/close",
	} {
		if got := articleAction(key, "close"); got != want {
			t.Errorf("articleAction(%q) = %q, want %q", key, got, want)
		}
	}
}
