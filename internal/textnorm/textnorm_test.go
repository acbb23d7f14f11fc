package textnorm

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		ev             Evidence
	}{
		{"plain ascii unchanged", "harga cabai naik", "harga cabai naik", Evidence{}},
		{"upper case folded", "Harga NAIK", "harga naik", Evidence{}},
		{"math bold", "𝐬𝐥𝐨𝐭 𝐠𝐚𝐜𝐨𝐫", "slot gacor", Evidence{Styled: 9}},
		{"math italic sans", "𝘨𝘢𝘤𝘰𝘳", "gacor", Evidence{Styled: 5}},
		{"fullwidth", "ＳＬＯＴ８８", "slot88", Evidence{Styled: 6}},
		{"circled", "ⓢⓛⓞⓣ", "slot", Evidence{Styled: 4}},
		{"cyrillic look-alikes", "grаtіs", "gratis", Evidence{Confusable: 2, MixedScript: 1}},
		{"greek capitals", "ΒΟΝUS", "bonus", Evidence{Confusable: 3, MixedScript: 1}},
		{"all-cyrillic lookalike word", "сорок", "copok", Evidence{Confusable: 5}},
		{"zero-width inside a word", "sl\u200bot ga\u200dcor\ufeff", "slot gacor", Evidence{Invisible: 3}},
		{"soft hyphen", "ga\u00adcor", "gacor", Evidence{Invisible: 1}},
		{"spaced letters", "main s l o t sekarang", "main slot sekarang", Evidence{Spaced: 1}},
		{"dotted letters", "S.L.O.T gacor", "slot gacor", Evidence{Spaced: 1}},
		{"dashed with a digit", "g-a-c-0-r", "gac0r", Evidence{Spaced: 1}},
		{"two letters stay", "a b cd s.d. 10", "a b cd s.d. 10", Evidence{}},
		{"digits alone stay", "ip 1.2.3.4 dan 0 8 1 2", "ip 1.2.3.4 dan 0 8 1 2", Evidence{}},
		{"accents folded, not styled", "Café naïve", "cafe naive", Evidence{}},
		{"combining marks dropped", "e\u0301", "e", Evidence{}},
		{"dotted capital I", "İSTANBUL", "istanbul", Evidence{}},
		{"long ligature kept", "\ufdfa", "\ufdfa", Evidence{}},
		{"ligature ffi", "\ufb03", "ffi", Evidence{Styled: 1}},
		{"small capitals", "sʟᴏᴛ", "slot", Evidence{Confusable: 3}},
		{"negative circled", "🅢🅛🅞🅣", "slot", Evidence{Confusable: 4}},
		{"other scripts kept", "日本語 ok", "日本語 ok", Evidence{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ev := analyze(tc.in, true)
			if got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if ev != tc.ev {
				t.Errorf("evidence of %q = %+v, want %+v", tc.in, ev, tc.ev)
			}
		})
	}
}

func TestCleanKeepsCase(t *testing.T) {
	got, ev := Clean("SLOT 𝐆𝐀𝐂𝐎𝐑 Ѕlot")
	if got != "SLOT GACOR Slot" {
		t.Errorf("Clean = %q", got)
	}
	if ev.Styled != 5 || ev.Confusable != 1 {
		t.Errorf("evidence %+v", ev)
	}
}

func TestLeet(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"g4c0r", "gacor", true},
		{"m4xw1n", "maxwin", true},
		{"sl0t88", "slot88", true},
		{"slot88", "slot88", false},
		{"rajacuan4d", "rajacuan4d", false},
		{"0bat", "obat", true},
		{"2024", "2024", false},
		{"10rb", "10rb", false},
		{"covid19", "covid19", false},
	} {
		got, ok := Leet(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Leet(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "s l o t", "𝐬𝐥𝐨𝐭 ＧＡＣＯＲ", "grаtіs", "a\u200bb", "İı", "\ufdfa\ufb03",
		"a b c d e f", "x.a-b_c", "ǅ ǈ ß ẞ", "\xff\xfe", "ⓐ ⓑ ⓒ", "𝟎𝟖𝟏𝟐", "a \u0301b c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Fatalf("not idempotent: Fold(%q) = %q, Fold of that = %q", s, once, twice)
		}
		if len(once) > MaxGrowth*len(s) {
			t.Fatalf("Fold(%q) grew to %d bytes from %d", s, len(once), len(s))
		}
		if !utf8.ValidString(once) {
			t.Fatalf("Fold(%q) = %q is not UTF-8", s, once)
		}
		c, _ := Clean(s)
		if cc, _ := Clean(c); cc != c {
			t.Fatalf("Clean not idempotent: %q -> %q -> %q", s, c, cc)
		}
		if l := strings.ToLower(c); Fold(l) != Fold(c) {
			t.Fatalf("Fold disagrees with Clean: %q", s)
		}
	})
}
