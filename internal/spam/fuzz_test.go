package spam

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzTokens(f *testing.F) {
	for _, seed := range []string{
		"",
		"Harga cabai naik lagi, Rp 90 ribu sekilo",
		"SLOT GACOR MAXWIN!! daftar https://hoki88.vip 🔥",
		`<a href="http://x.shop">klik</a> <a href='`,
		"<<<>>> &amp;&#0;&#x110000; <a href=",
		"WA +62 812-3456-7890 / admin@contoh.com / a.com b.net c.org",
		"http://", "www.", "..com", "a..b.com", "x@", "@.",
		"\xff\xfe invalid \xc3 utf8",
		"İSTANBUL ǅemal ＦＵＬＬＷＩＤＴＨ",
		strings.Repeat("a", 100) + " " + strings.Repeat("1 ", 50),
	} {
		f.Add(seed)
	}
	m := trainedModel(f)
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokens(text)
		seen := make(map[string]bool, len(toks))
		for _, tok := range toks {
			if tok == "" {
				t.Fatalf("empty token from %q", text)
			}
			if !utf8.ValidString(tok) {
				t.Fatalf("invalid UTF-8 token %q from %q", tok, text)
			}
			if seen[tok] {
				t.Fatalf("duplicate token %q from %q", tok, text)
			}
			seen[tok] = true
		}
		if s := m.Score(text); math.IsNaN(s) || s < 0 || s > 1 {
			t.Fatalf("Score(%q) = %v, want within [0,1]", text, s)
		}
	})
}
