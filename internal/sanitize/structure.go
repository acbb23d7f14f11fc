package sanitize

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// maxDepth caps how deeply readers can nest quotes and inline elements.
// Nothing legitimate needs more, and it keeps the DOM we hand to browsers
// shallow. Start tags past the cap are dropped.
const maxDepth = 24

// skipRaw elements hide their content from readers (or run it). The
// tokenizer delivers their content as raw text up to the matching end tag,
// so counting start/end tags is exact.
var skipRaw = set("script", "style", "iframe", "noscript", "noembed", "noframes", "title")

// skipNested elements also hide their content but are ordinary markup to
// the tokenizer; an unclosed one hides the rest of the comment, as in
// bluemonday.
var skipNested = set("object", "frameset", "template")

// blockish tags are dropped but still separate paragraphs, so text pasted
// from an editor as <div>a</div><div>b</div> keeps its breaks instead of
// running together as "ab".
var blockish = set(
	"p", "div", "address", "article", "aside", "center", "details", "dialog",
	"dd", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
	"h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend",
	"li", "main", "menu", "nav", "ol", "pre", "section", "summary", "ul",
	"table", "caption", "tr", "td", "th",
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// builder writes well-formed HTML with a strict shape:
//
//	blockquote* [ p inline* ]
//
// i.e. the open-element stack is some quotes, then at most one paragraph
// with inline elements inside it. We never re-open elements closed by a
// paragraph break (the HTML parser's "reconstruct the active formatting
// elements" step), because that lets n tags times m paragraphs become n*m
// elements: output could grow quadratically with input.
type builder struct {
	out       strings.Builder
	stack     []string
	pendingNL int // newlines (or <br>s) seen since the last content
	// pendingSpace is whitespace seen since the last content, written only
	// if more inline content follows in the same paragraph.
	pendingSpace bool
	skip         int // >0 while inside skipRaw/skipNested content
	links        int
}

// structure turns normalised input into balanced HTML made only of p, br,
// blockquote and inlineAttrs elements (attributes limited to the allowed
// names; values are left for bluemonday to judge). It also returns the
// link count used by CountLinks.
func structure(s string) (string, int) {
	b := &builder{}
	b.out.Grow(len(s) + len(s)/4)
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break // io.EOF: a strings.Reader cannot fail otherwise
		}
		tok := z.Token()
		switch tt {
		case html.TextToken:
			if b.skip == 0 {
				b.text(tok.Data)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			b.start(tok, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			b.end(tok.Data)
		}
		// Comments and doctypes are dropped.
	}
	b.closeP()
	for len(b.stack) > 0 {
		b.pop()
	}
	return b.out.String(), b.links
}

func (b *builder) start(tok html.Token, selfClosing bool) {
	name := tok.Data
	// The tokenizer treats <script/> as opening raw text too, hence no
	// selfClosing check for skipRaw.
	if skipRaw[name] || (skipNested[name] && !selfClosing) {
		b.skip++
		return
	}
	if b.skip > 0 {
		return
	}
	if name == "a" && hasAttr(tok, "href") {
		b.links++
	}
	switch {
	case name == "br":
		b.pendingNL++ // treated like a typed newline, so <br><br> = new paragraph, as in wpautop
	case name == "blockquote":
		b.openBlockquote(tok)
	case blockish[name]:
		b.breakParagraph()
	case hasKey(inlineAttrs, name):
		b.openInline(tok)
	}
	// Anything else (span, img, font, input, ...) is dropped; its text,
	// if any, still arrives as text tokens.
}

func (b *builder) end(name string) {
	if skipRaw[name] || skipNested[name] {
		if b.skip > 0 {
			b.skip--
		}
		return
	}
	if b.skip > 0 {
		return
	}
	switch {
	case name == "br":
		b.pendingNL++ // browsers treat </br> as <br>
	case name == "blockquote":
		b.closeBlockquote()
	case blockish[name]:
		b.breakParagraph()
	case hasKey(inlineAttrs, name):
		b.closeInline(name)
	}
}

// text handles a run of text: blank lines end paragraphs, single newlines
// become <br>, and whitespace next to a line break or a paragraph edge is
// dropped. Other whitespace is held back until more content follows, so
// paragraphs never end in a space.
func (b *builder) text(data string) {
	for i, line := range strings.Split(data, "\n") {
		if i > 0 {
			b.pendingNL++
		}
		left := strings.TrimLeft(line, hspace)
		if len(left) < len(line) {
			b.pendingSpace = true
		}
		content := strings.TrimRight(left, hspace)
		if content == "" {
			continue
		}
		b.flush()
		if b.inside("a") {
			b.out.WriteString(html.EscapeString(content))
		} else {
			b.links += linkify(&b.out, content)
		}
		b.pendingSpace = len(content) < len(left)
	}
}

const hspace = " \t\f\v"

// flush turns pending newlines into a paragraph break or <br> and makes
// sure a paragraph is open for the content that follows.
func (b *builder) flush() {
	switch {
	case b.pendingNL >= 2:
		b.closeP()
	case b.pendingNL == 1 && b.pOpen():
		b.out.WriteString("<br>\n")
	case b.pendingSpace && b.pOpen():
		b.out.WriteByte(' ')
	}
	b.pendingNL = 0
	b.pendingSpace = false
	if !b.pOpen() {
		b.push("p", nil)
	}
}

// breakParagraph handles block boundaries. Pending newlines are dropped:
// the boundary already separates the text, and a <br> right before or
// after a block is just noise.
func (b *builder) breakParagraph() {
	b.pendingNL = 0
	b.pendingSpace = false
	b.closeP()
}

func (b *builder) openBlockquote(tok html.Token) {
	b.breakParagraph()
	if len(b.stack) >= maxDepth {
		return
	}
	b.push("blockquote", keepAttrs(tok, blockquoteAttrs))
}

func (b *builder) closeBlockquote() {
	b.breakParagraph()
	if b.indexOf("blockquote") < 0 {
		return // stray end tag
	}
	// After closeP only quotes remain, so the top is the innermost one.
	b.pop()
}

func (b *builder) openInline(tok html.Token) {
	b.flush()
	name := tok.Data
	if name == "a" && b.inside("a") {
		// Links cannot nest; like the HTML parser, a new <a> ends the old.
		b.closeInline("a")
	}
	if len(b.stack) >= maxDepth {
		return
	}
	attrs := keepAttrs(tok, inlineAttrs[name])
	if name == "a" {
		for _, a := range attrs {
			if a.Key == "href" && linkOK(a.Val) {
				attrs = append(attrs, html.Attribute{Key: "rel", Val: relValue})
				break
			}
		}
	}
	b.push(name, attrs)
}

// closeInline closes name and anything opened inside it (WordPress's
// force_balance_tags does the same). Inline elements only live inside the
// open paragraph, so an end tag with no match there is stray and dropped.
func (b *builder) closeInline(name string) {
	i := b.indexOf(name)
	if i < 0 || i < b.indexOf("p") {
		return
	}
	for len(b.stack) > i {
		b.pop()
	}
}

func (b *builder) closeP() {
	i := b.indexOf("p")
	if i < 0 {
		return
	}
	for len(b.stack) > i {
		b.pop()
	}
}

func (b *builder) push(name string, attrs []html.Attribute) {
	b.stack = append(b.stack, name)
	b.out.WriteString(html.Token{Type: html.StartTagToken, Data: name, Attr: attrs}.String())
}

func (b *builder) pop() {
	name := b.stack[len(b.stack)-1]
	b.stack = b.stack[:len(b.stack)-1]
	b.out.WriteString("</" + name + ">")
	if name == "p" || name == "blockquote" {
		b.out.WriteString("\n") // readable source, as wpautop does
	}
}

func (b *builder) indexOf(name string) int {
	for i := len(b.stack) - 1; i >= 0; i-- {
		if b.stack[i] == name {
			return i
		}
	}
	return -1
}

func (b *builder) inside(name string) bool { return b.indexOf(name) >= 0 }

func (b *builder) pOpen() bool { return b.inside("p") }

// keepAttrs returns the allowed attributes in input order, keeping only the
// first of duplicates because that is the one browsers honour.
func keepAttrs(tok html.Token, allowed []string) []html.Attribute {
	var out []html.Attribute
	for _, a := range tok.Attr {
		if a.Namespace != "" || !slices.Contains(allowed, a.Key) || hasAttrIn(out, a.Key) {
			continue
		}
		out = append(out, html.Attribute{Key: a.Key, Val: a.Val})
	}
	return out
}

func hasAttr(tok html.Token, key string) bool { return hasAttrIn(tok.Attr, key) }

func hasAttrIn(attrs []html.Attribute, key string) bool {
	for _, a := range attrs {
		if a.Key == key {
			return true
		}
	}
	return false
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}
