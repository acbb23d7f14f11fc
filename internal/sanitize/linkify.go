package sanitize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// linkify writes text HTML-escaped, turning bare http://, https:// and www.
// URLs into links, and returns how many links it made. Email addresses are
// deliberately not linked: a mailto: link hands harvesters the address.
func linkify(w *strings.Builder, text string) int {
	n := 0
	from := 0
	for {
		start, end, href := nextURL(text, from)
		if start < 0 {
			break
		}
		w.WriteString(html.EscapeString(text[from:start]))
		w.WriteString(`<a href="`)
		w.WriteString(html.EscapeString(href))
		w.WriteString(`" rel="` + relValue + `">`)
		w.WriteString(html.EscapeString(text[start:end]))
		w.WriteString(`</a>`)
		n++
		from = end
	}
	w.WriteString(html.EscapeString(text[from:]))
	return n
}

// nextURL finds the first linkable URL in s[from:], returning its byte
// range and the href to use (www. gets http://), or start = -1.
func nextURL(s string, from int) (start, end int, href string) {
	for i := from; i < len(s); i++ {
		c := s[i] | 0x20 // ASCII lower-case; only h and w matter here
		if c != 'h' && c != 'w' {
			continue
		}
		prefix := ""
		for _, p := range [...]string{"https://", "http://", "www."} {
			if len(s)-i >= len(p) && strings.EqualFold(s[i:i+len(p)], p) {
				prefix = p
				break
			}
		}
		if prefix == "" || !boundaryBefore(s, i) {
			continue
		}
		j := i + len(prefix)
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !urlRune(r) {
				break
			}
			j += size
		}
		cand := trimURLTail(s[i:j])
		if len(cand) > len(prefix) {
			h := cand
			if prefix == "www." {
				h = "http://" + cand
			}
			if linkOK(h) {
				return i, i + len(cand), h
			}
		}
		i = j - 1 // nothing linkable in this run; resume after it
	}
	return -1, -1, ""
}

// boundaryBefore reports whether a URL may start at s[i]: at the start or
// after space or punctuation (as WordPress's make_clickable), but not in
// the middle of a word, an email address (budi@www.example.com) or
// another URL.
func boundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsSpace(r) || strings.ContainsRune(`(<[{>.,;:!?"'*“‘«`, r)
}

// urlRune reports whether r can be part of a bare URL. Quotes and angle
// brackets end it, so "lihat <http://x>" and “http://x” work.
func urlRune(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.IsControl(r) &&
		!strings.ContainsRune("<>\"`“”‘’«»\uFFFD", r)
}

// trimURLTail drops trailing punctuation that belongs to the sentence, not
// the URL, keeping closing brackets that pair with an opening one inside
// the URL (https://id.wikipedia.org/wiki/Jawa_(pulau)).
func trimURLTail(u string) string {
	// Counted once up front: recounting per trimmed byte would make
	// "http://x)))))..." quadratic.
	opens := [3]int{strings.Count(u, "("), strings.Count(u, "["), strings.Count(u, "{")}
	closes := [3]int{strings.Count(u, ")"), strings.Count(u, "]"), strings.Count(u, "}")}
	for u != "" {
		k := -1
		switch u[len(u)-1] {
		case '.', ',', ':', ';', '!', '?', '\'', '*':
		case ')':
			k = 0
		case ']':
			k = 1
		case '}':
			k = 2
		default:
			return u
		}
		if k >= 0 {
			if opens[k] >= closes[k] {
				return u // balanced: the bracket is part of the URL
			}
			closes[k]--
		}
		u = u[:len(u)-1]
	}
	return u
}
