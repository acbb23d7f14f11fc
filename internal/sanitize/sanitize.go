// Package sanitize turns what readers type into comment forms into safe HTML
// (Comment) or safe plain text (Text), in the spirit of WordPress's comment
// filters (kses + make_clickable + wpautop) but stricter.
//
// Comment works in two stages. First our own token pass (structure.go)
// decides the document's shape: paragraphs, <br>, auto-links, and balanced
// nesting of the few allowed elements. Then bluemonday is always the last
// step, so it has the final say over every element, attribute and URL,
// including the ones we generated ourselves.
package sanitize

import (
	"strings"
	"unicode"

	"github.com/microcosm-cc/bluemonday"
)

// Policy is built once at start-up and is safe for concurrent use.
type Policy struct {
	// html is never modified after New, which is what makes bluemonday's
	// Sanitize safe to call from many goroutines.
	html *bluemonday.Policy
}

// New builds the comment policy. It is relatively expensive (regexps, maps),
// so build one at start-up and share it.
func New() *Policy {
	return &Policy{html: newHTMLPolicy()}
}

// Comment turns submitted text into safe HTML for display.
//
// The result contains only p, br and WordPress's $allowedtags, properly
// nested; links carry rel="nofollow ugc". Empty or blank input gives "".
func (p *Policy) Comment(raw string) string {
	s := normalise(raw)
	if strings.TrimSpace(s) == "" {
		return ""
	}
	shaped, _ := structure(s)
	// bluemonday last: nothing structure() emitted can bypass the allowlist.
	return strings.TrimSpace(p.html.Sanitize(shaped))
}

// Text turns a name or other plain-text field into plain text: tags removed, entities decoded, control chars removed, whitespace collapsed and trimmed. The result is NOT HTML-escaped (callers escape on output).
func (p *Policy) Text(raw string) string {
	return plainText(raw)
}

// CountLinks counts links in submitted text the way WordPress's comment_max_links does (anchors plus bare URLs that would be auto-linked).
//
// Every <a> with an href counts, whatever its scheme, because WordPress
// counts attempted links, and a spammer's javascript: link is still spam.
// Bare URLs count only where Comment would auto-link them.
func (p *Policy) CountLinks(raw string) int {
	s := normalise(raw)
	// Most comments are plain words: without markup, entities or a URL
	// prefix there is nothing to count, and no need to parse.
	if !strings.ContainsAny(s, "<&") {
		if start, _, _ := nextURL(s, 0); start < 0 {
			return 0
		}
	}
	_, n := structure(s)
	return n
}

// normalise makes the input valid UTF-8 with \n line endings and no control
// characters other than tab and newline. Control characters have no place
// in a comment and some (NUL, form feed, C1) break feeds or XML consumers.
func normalise(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}
