package wxr

import (
	"bufio"
	"strings"
	"unicode/utf8"
)

// cdataSplit is how WordPress's wxr_cdata() writes "]]>" inside CDATA: the
// section is closed after "]]" and a new one opened before ">". All three
// parsers of the WordPress importer understand exactly this form.
const cdataSplit = "]]]]><![CDATA[>"

// writeCDATA writes s as a CDATA section. "]]>" is split as WordPress does
// and characters XML 1.0 does not allow (C0 controls other than tab,
// newline and carriage return, U+FFFE, U+FFFF, invalid UTF-8) are written
// as U+FFFD, matching xml.EscapeText.
func writeCDATA(w *bufio.Writer, s string) error {
	if _, err := w.WriteString("<![CDATA["); err != nil {
		return err
	}
	if !validXMLText(s) {
		s = sanitize(s)
	}
	if _, err := w.WriteString(strings.ReplaceAll(s, "]]>", cdataSplit)); err != nil {
		return err
	}
	_, err := w.WriteString("]]>")
	return err
}

// validXMLText reports whether every rune of s is a valid XML 1.0 Char.
func validXMLText(s string) bool {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isXMLChar(r, size) {
			return false
		}
		i += size
	}
	return true
}

// sanitize replaces runes XML cannot carry with U+FFFD.
func sanitize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isXMLChar(r, size) {
			b.WriteString(s[i : i+size])
		} else {
			b.WriteRune(utf8.RuneError)
		}
		i += size
	}
	return b.String()
}

// isXMLChar reports whether r, decoded with the given size, is in the XML
// 1.0 Char production.
func isXMLChar(r rune, size int) bool {
	if r == utf8.RuneError && size == 1 {
		return false
	}
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
