package spam

import (
	"slices"
	"testing"
)

// TestTokensSeeThroughDisguise: a disguised word yields the plain word's
// token, plus a token naming the disguise.
func TestTokensSeeThroughDisguise(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"math bold", "𝐬𝐥𝐨𝐭 𝐠𝐚𝐜𝐨𝐫 hari ini", []string{"slot", "gacor", "slot gacor", tokStyled}},
		{"fullwidth", "ＳＬＯＴ ＧＡＣＯＲ ＭＡＸＷＩＮ", []string{"slot", "gacor", "maxwin", tokStyled, "caps:slot", tokShouting}},
		{"cyrillic", "situs grаtіs ѕlot", []string{"gratis", "slot", tokLookalike, tokMixScript}},
		{"zero width", "sl\u200bot ga\u200ccor", []string{"slot", "gacor", tokInvisible}},
		{"spaced", "main s l o t sekarang", []string{"slot", "main slot", tokSpaced}},
		{"dotted", "g.a.c.o.r", []string{"gacor", tokSpaced}},
		{"leet", "situs g4c0r m4xw1n", []string{"gacor", "maxwin", tokLeet, "situs gacor" /* pair of the leet reading? no: of the words */}},
		{"brand with digits", "daftar RAJACUAN4D sekarang", []string{"rajacuan4d", "gram:raja", "gram:cuan", "gram:an4d", tokMixed}},
		{"brand stem", "PETIRMAS77 login", []string{"petirmas77", "stem:petirmas", "gram:peti"}},
		{"cek bio", "mau cuan? cek bio aku ya", []string{tokCall, "cek bio"}},
		{"wa number", "info WA 0812-3456-7890", []string{tokWA, tokPhone}},
		{"telegram handle", "join telegram @admin_cuan", []string{tokWA, tokHandle}},
		{"fullwidth phone", "hubungi ０８１２３４５６７８９０", []string{tokPhone}},
		{"styled link", "daftar di ｓｌｏｔ８８．ｖｉｐ", []string{tokLink, "host:slot88.vip", "tld:vip"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Tokens(tc.text)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("Tokens(%q) = %q, missing %q", tc.text, got, w)
				}
			}
		})
	}
}

// TestTokensPlainTextHasNoDisguise: ordinary comments, with accents, an
// email, a year, an acronym, carry no evidence of disguise.
func TestTokensPlainTextHasNoDisguise(t *testing.T) {
	for _, text := range []string{
		"Café di Jalan Braga ramai lagi, naïve kalau mengira harga turun.",
		"Slot parkir di Stasiun Bogor penuh sejak jam 6 pagi, tolong Pemkot tambah.",
		"Tahun 2024 KPK menangkap 12 orang, kata a.n. juru bicara s.d. hari ini.",
		"Email saya pembaca@contoh.id kalau redaksi butuh foto banjirnya.",
	} {
		for _, tok := range Tokens(text) {
			switch tok {
			case tokStyled, tokLookalike, tokMixScript, tokInvisible, tokSpaced, tokLeet, tokManyMixed, tokHandle:
				t.Errorf("Tokens(%q) has %q", text, tok)
			}
		}
	}
}
