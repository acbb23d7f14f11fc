package sanitize

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// wantAttrs is the contract written out independently of policy.go, so a
// mistake in the package's own tables is caught here.
var wantAttrs = map[string][]string{
	"p": nil, "br": nil,
	"a":    {"href", "title", "rel"},
	"abbr": {"title"}, "acronym": {"title"},
	"b": nil, "blockquote": {"cite"}, "cite": nil, "code": nil,
	"del": {"datetime"}, "em": nil, "i": nil, "q": {"cite"},
	"s": nil, "strike": nil, "strong": nil,
}

var nastySeeds = []string{
	`<script>alert(1)</script><SCRIPT SRC=//x.js></SCRIPT>`,
	`<a href="jav&#x09;ascript:alert(1)">x</a><a href=" javascript:alert(1)">y</a>`,
	`<img src=x onerror=alert(1)//`,
	`<svg><style><img src=x onerror=alert(1)></style></svg>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	`<!--<a href="--><script>x</script>">`,
	`www.x.com/"onmouseover="alert(1)" http://a.b/(c)). budi@www.x.id`,
	"<b><i><q><b><i><q>x\n\ny\n\nz<br><br>w</q></i></b>\r\n\r\n</blockquote><blockquote cite=javascript:x><p onclick=x>",
	"\x00<scr\x00ipt>x</script>\xff\xfe<a href=\"http://a.com\" rel=opener target=_blank>x",
	`<xmp><b>x</b></xmp><textarea></p><a></textarea><plaintext><b>`,
	`<a href="https://a.id"><a href="data:text/html,x">y</a></a><del datetime="2024">z`,
}

func FuzzComment(f *testing.F) {
	for _, s := range nastySeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := testPolicy.Comment(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 in %q", out)
		}
		if strings.Contains(strings.ToLower(out), "<script") {
			t.Fatalf("<script in %q", out)
		}
		// Bounds output growth: linear, never quadratic, in the input.
		if len(out) > 16*len(in)+64 {
			t.Fatalf("output %d bytes for %d bytes of input", len(out), len(in))
		}
		checkBalanced(t, out)
		elems, links := checkTree(t, out)
		// Every element other than our p/br/a must come from one reader '<':
		// nothing may be cloned or invented.
		if n := strings.Count(in, "<"); elems > n {
			t.Fatalf("%d non-p/br/a elements from %d '<' in %q -> %q", elems, n, in, out)
		}
		// Every link shown was counted, so comment_max_links can't be dodged.
		c := testPolicy.CountLinks(in)
		if links > c {
			t.Fatalf("output has %d links but CountLinks = %d for %q", links, c, in)
		}
		// Text's shortcut for plain names gives what the full loop gives.
		if got, full := testPolicy.Text(in), settle(cleanRunes(strings.ToValidUTF8(in, "\uFFFD"))); got != full {
			t.Fatalf("Text = %q, the full loop gives %q, for %q", got, full, in)
		}
		// CountLinks's shortcut for plain text counts what the full parse counts.
		if _, full := structure(normalise(in)); c != full {
			t.Fatalf("CountLinks = %d, the full parse counts %d, for %q", c, full, in)
		}
	})
}

// checkBalanced asserts start and end tags pair up exactly and never nest
// in ways the HTML parser would silently restructure.
func checkBalanced(t *testing.T, out string) {
	t.Helper()
	var stack []string
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if len(stack) > 0 {
				t.Fatalf("unclosed %v in %q", stack, out)
			}
			return
		case html.StartTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "br" {
				continue
			}
			for _, open := range stack {
				if tag == "a" && open == "a" || (tag == "p" || tag == "blockquote") && open == "p" {
					t.Fatalf("<%s> inside <%s> in %q", tag, open, out)
				}
			}
			stack = append(stack, tag)
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Fatalf("</%s> does not close %v in %q", name, stack, out)
			}
			stack = stack[:len(stack)-1]
		case html.SelfClosingTagToken, html.CommentToken, html.DoctypeToken:
			t.Fatalf("unexpected token %q in %q", z.Raw(), out)
		}
	}
}

// checkTree parses out the way a browser would and checks every element
// and attribute against the allowlist. It returns the number of elements
// other than p, br and a, and the number of links.
func checkTree(t *testing.T, out string) (elems, links int) {
	t.Helper()
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(out), body)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			allowed, ok := wantAttrs[n.Data]
			if !ok || n.Namespace != "" {
				t.Fatalf("element %q in %q", n.Data, out)
			}
			switch n.Data {
			case "p", "br":
			case "a":
				links++
			default:
				elems++
			}
			var rel, href bool
			for _, a := range n.Attr {
				val := strings.ToLower(a.Val)
				switch {
				case strings.HasPrefix(a.Key, "on") || !contains(allowed, a.Key):
					t.Fatalf("attribute %q on <%s> in %q", a.Key, n.Data, out)
				case strings.Contains(val, "javascript:"):
					t.Fatalf("javascript: in %s=%q in %q", a.Key, a.Val, out)
				case a.Key == "href" || a.Key == "cite":
					if !strings.HasPrefix(val, "http://") && !strings.HasPrefix(val, "https://") && !strings.HasPrefix(val, "mailto:") {
						t.Fatalf("bad URL %s=%q in %q", a.Key, a.Val, out)
					}
					href = href || a.Key == "href"
				case a.Key == "rel":
					if a.Val != "nofollow ugc" {
						t.Fatalf("rel=%q in %q", a.Val, out)
					}
					rel = true
				}
			}
			if href && !rel {
				t.Fatalf("link without rel in %q", out)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return elems, links
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func FuzzText(f *testing.F) {
	for _, s := range nastySeeds {
		f.Add(s)
	}
	f.Add("&amp;lt;b&amp;gt;&amp;amp;lt;i&amp;amp;gt;")
	f.Add("<\x01b>Budi</\x01b>&lt;&#1;i&gt;")
	f.Fuzz(func(t *testing.T, in string) {
		out := testPolicy.Text(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 in %q", out)
		}
		if strings.TrimSpace(out) != out {
			t.Fatalf("untrimmed %q", out)
		}
		for _, r := range out {
			if unicode.IsControl(r) {
				t.Fatalf("control char %U in %q", r, out)
			}
		}
		// Unescaped, the output must still read as nothing but text.
		z := html.NewTokenizer(strings.NewReader(out))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt != html.TextToken {
				t.Fatalf("%v %q survives in %q (from %q)", tt, z.Raw(), out, in)
			}
		}
	})
}
