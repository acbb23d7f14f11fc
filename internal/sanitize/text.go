package sanitize

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// maxTextPasses bounds plainText's strip/decode loop. Real input settles in
// one or two passes; only deliberately nested escaping (&amp;amp;lt;...)
// needs more, and it gets its '<'s removed instead.
const maxTextPasses = 4

// plainText implements Policy.Text. Decoding entities can create new markup
// ("&lt;b&gt;" becomes "<b>"), and removing a control character can join
// "<" to a tag name, so we repeat strip+clean until nothing changes. At
// that fixed point the tokenizer sees nothing but text, which means the
// result cannot contain a tag even if a caller forgets to escape it.
func plainText(raw string) string {
	s := cleanRunes(strings.ToValidUTF8(raw, "\uFFFD"))
	if !strings.ContainsAny(s, "<&") {
		return s // no tag, no entity: already the fixed point, as most names are
	}
	return settle(s)
}

// settle strips and cleans s until nothing changes.
func settle(s string) string {
	for range maxTextPasses {
		next := cleanRunes(stripTags(s))
		if next == s {
			return s
		}
		s = next
	}
	return cleanRunes(strings.ReplaceAll(s, "<", ""))
}

// stripTags returns the decoded text of s, without tags, comments or the
// content of script-like elements. br and block tags become spaces so
// "Budi<br>Santoso" does not read as "BudiSantoso".
func stripTags(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	skip := 0
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		name, _ := z.TagName()
		tag := string(name)
		switch tt {
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			if skipRaw[tag] || (skipNested[tag] && tt == html.StartTagToken) {
				skip++
			} else if tag == "br" || blockish[tag] || tag == "blockquote" {
				b.WriteByte(' ')
			}
		case html.EndTagToken:
			if skipRaw[tag] || skipNested[tag] {
				if skip > 0 {
					skip--
				}
			} else if tag == "br" || blockish[tag] || tag == "blockquote" {
				b.WriteByte(' ')
			}
		}
	}
}

// cleanRunes removes control and invisible formatting characters and
// collapses whitespace runs to one space, trimming both ends.
func cleanRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
		case unicode.IsControl(r) || invisible(r):
			// Dropped without ending a whitespace run: "a \x01 b" -> "a b".
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// invisible reports format characters that can spoof a name: bidi
// overrides/isolates reorder the text around the name on the page, and
// zero-width spaces make look-alike names. ZWJ/ZWNJ (U+200D/U+200C) are
// kept because emoji sequences and some scripts need them.
func invisible(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200B, r == 0x200E, r == 0x200F, r == 0x061C, r == 0x2060, r == 0xFEFF:
		return true
	}
	return false
}
