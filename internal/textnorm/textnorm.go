// Package textnorm folds text written to dodge filters back to plain
// lower-case Latin, so that the spam score, the keyword rules and the link
// and phone detectors all judge the same letters a reader sees:
// "𝐬𝐥𝐨𝐭 ｇａｃｏｒ", "grаtіs" with Cyrillic а and і, "sl\u200bot" and
// "s l o t" all become "slot gacor", "gratis", "slot".
//
// Each rune is replaced by its compatibility decomposition (NFKD: styled,
// fullwidth and circled letters become plain ones) without its combining
// marks, Cyrillic and Greek look-alikes become the Latin letter they imitate,
// format and other invisible characters are dropped, and runs of three or
// more single letters separated by one space, dot or dash are joined. The
// result is a fixed point: folding it again changes nothing.
//
// The evasion itself is evidence, so Analyze also counts what it undid.
package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxGrowth bounds the output: Fold never returns more than MaxGrowth bytes
// per input byte. A decomposition longer than maxDecompRunes (the ligature
// "ﷺ" is 18 letters) is not applied, so the bound holds for any input.
const MaxGrowth = 4

// maxDecompRunes is the longest decomposition applied; a styled letter
// decomposes to one or two runes, a Latin ligature ("ﬃ") to three.
const maxDecompRunes = 3

// Evidence counts the evasions found in a text.
type Evidence struct {
	Styled      int // letters in mathematical, fullwidth, circled… forms
	Confusable  int // Cyrillic or Greek letters that imitate Latin ones
	MixedScript int // words mixing Latin with Cyrillic or Greek letters
	Invisible   int // zero-width and other format characters
	Spaced      int // runs of single letters joined ("s l o t")
}

// Any reports whether anything was found.
func (e Evidence) Any() bool { return e != Evidence{} }

// Fold returns text in the folded form, lower-cased.
func Fold(s string) string {
	out, _ := analyze(s, true)
	return out
}

// Clean is Fold without lower-casing, for callers that read case (an ALL
// CAPS word is a signal), with the evidence of evasion it undid.
func Clean(s string) (string, Evidence) { return analyze(s, false) }

func analyze(s string, lower bool) (string, Evidence) {
	var ev Evidence
	if isPlainASCII(s, lower) {
		return joinSpaced(s, &ev), ev
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	var w word
	for i, r := range s {
		if r < utf8.RuneSelf {
			if lower && 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			w.see(r, scriptOf(r), &ev)
			b.WriteRune(r)
			continue
		}
		fold(&b, s[i:], r, lower, &w, &ev)
	}
	w.end(&ev)
	return joinSpaced(b.String(), &ev), ev
}

// isPlainASCII reports whether s needs no rune folding: ASCII only, and no
// upper case when lower-casing.
func isPlainASCII(s string, lower bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (lower && 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// fold writes the folded form of rune r, which starts rest.
func fold(b *strings.Builder, rest string, r rune, lower bool, w *word, ev *Evidence) {
	if invisible(r) {
		ev.Invisible++
		return
	}
	if unicode.In(r, unicode.Mn, unicode.Me) {
		return // a combining mark: "é" written as e + U+0301 is "e"
	}
	if l, ok := lookalike(r); ok {
		ev.Confusable++
		s := scriptOf(r) // counts as the script it came from
		if s == scriptNone {
			s = scriptLatin // a symbol letter (🅢) stands for a Latin one
		}
		w.see(l, s, ev)
		b.WriteRune(caseOf(l, lower))
		return
	}
	if dec := norm.NFKD.PropertiesString(rest).Decomposition(); dec != nil && utf8.RuneCount(dec) <= maxDecompRunes {
		if styledLetter(r, dec) {
			ev.Styled++
		}
		for _, d := range string(dec) {
			if unicode.In(d, unicode.Mn, unicode.Me) || invisible(d) {
				continue
			}
			emit(b, d, lower, w, ev)
		}
		return
	}
	emit(b, r, lower, w, ev)
}

// emit writes one rune without a decomposition: lower-cased if asked, then
// folded if it is (or lower-cases to) a look-alike.
func emit(b *strings.Builder, r rune, lower bool, w *word, ev *Evidence) {
	r = caseOf(r, lower)
	s := scriptOf(r)
	if l, ok := lookalike(r); ok {
		ev.Confusable++
		r = l
	}
	w.see(r, s, ev)
	b.WriteRune(r)
}

func caseOf(r rune, lower bool) rune {
	if !lower {
		return r
	}
	l := unicode.ToLower(r)
	// A lower-case form with a decomposition of its own (rare) would not be
	// a fixed point; the upper-case letter is kept instead.
	if l >= utf8.RuneSelf && norm.NFKD.PropertiesString(string(l)).Decomposition() != nil {
		return r
	}
	return l
}

// styledLetter reports whether r is a styled form of an ASCII letter or
// digit rather than an accented Latin letter, which readers type.
func styledLetter(r rune, dec []byte) bool {
	if (r >= 0xC0 && r <= 0x24F) || (r >= 0x1E00 && r <= 0x1EFF) {
		return false
	}
	d, _ := utf8.DecodeRune(dec)
	return d < utf8.RuneSelf && (unicode.IsLetter(d) || unicode.IsDigit(d))
}

// invisible reports format characters (zero-width space and joiners, soft
// hyphen, BOM, bidi marks, tags) and the blank letters used as invisible
// filler (Hangul fillers, braille blank).
func invisible(r rune) bool {
	switch r {
	case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F:
		return true
	}
	return unicode.Is(unicode.Cf, r) || (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF)
}

// script is what word tracks of a rune.
type script uint8

const (
	scriptNone  script = iota // not a letter
	scriptLatin               // a Latin letter
	scriptOther               // a Cyrillic or Greek letter
	scriptElse                // any other letter
)

func scriptOf(r rune) script {
	switch {
	case r < utf8.RuneSelf:
		if ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') {
			return scriptLatin
		}
		return scriptNone
	case !unicode.IsLetter(r):
		return scriptNone
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Greek, r):
		return scriptOther
	}
	return scriptElse
}

// word tracks the scripts of the current word, to count words that mix
// Latin with Cyrillic or Greek letters.
type word struct{ latin, other bool }

func (w *word) see(r rune, s script, ev *Evidence) {
	switch {
	case s == scriptLatin:
		w.latin = true
	case s == scriptOther:
		w.other = true
	case s == scriptNone && !unicode.IsDigit(r):
		w.end(ev)
	}
}

func (w *word) end(ev *Evidence) {
	if w.latin && w.other {
		ev.MixedScript++
	}
	*w = word{}
}
