package spam

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestTokensExact(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"empty", "", nil},
		{"lower-cased in order", "Halo Dunia, halo semua", []string{"halo", "dunia", "semua"}},
		{"one-rune words dropped", "a b cd e", []string{"cd"}},
		{"anak-anak split and deduplicated", "anak-anak", []string{"anak"}},
		{"accents folded", "Café naïve", []string{"cafe", "naive"}},
		{"long digit runs dropped", "nomor 1234567 tahun 2024", []string{"nomor", "tahun", "2024"}},
		{"too long word dropped", strings.Repeat("x", 33) + " ok", []string{"ok"}},
		{"32 runes kept", strings.Repeat("é", 32), []string{strings.Repeat("e", 32)}},
		{"less-than is not a tag", "harga < 10 ribu", []string{"harga", "10", "has:money", "ribu"}},
		{"tags stripped", "<p>Setuju <b>sekali</b></p>", []string{"setuju", "sekali"}},
		{"unclosed tag keeps text", "naik <b terus", []string{"naik", "terus"}},
		{"entities decoded", "Tom &amp; Jerry &lt;3", []string{"tom", "jerry"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Pairs and the length class are tested in evidence_test.go.
			if got := wordTokens(Tokens(tc.text)); !slices.Equal(got, tc.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestTokensSpecial(t *testing.T) {
	for _, tc := range []struct {
		name, text  string
		want, avoid []string
	}{
		{"url host and tld", "kunjungi https://WWW.Slot88-Gacor.vip/daftar?ref=1 sekarang",
			[]string{"has:link", "host:slot88-gacor.vip", "tld:vip", "slot88", "gacor", "kunjungi", "sekarang"},
			[]string{"https", "www", "vip", "daftar", "has:manylinks"}},
		{"href target", `<a href="http://obat-murah.shop/x">klik</a> ya`,
			[]string{"has:link", "host:obat-murah.shop", "tld:shop", "klik"},
			[]string{"href", "http"}},
		{"unclosed href still a link", `lihat <a href="https://t.co/abc`,
			[]string{"has:link", "host:t.co", "lihat"}, nil},
		{"single-quoted href", `<A HREF='https://t.me/cuan'>join</A>`,
			[]string{"host:t.me", "has:link", "join"}, nil},
		{"bare domain with known tld", "daftar di gacor4d.xyz bos",
			[]string{"has:link", "host:gacor4d.xyz", "tld:xyz"}, nil},
		{"glued sentence is not a link", "beras, gula dll.Saya kecewa",
			[]string{"dll", "saya"}, []string{"has:link"}},
		{"amount with dots is not a link", "Rp 1.500.000 sebulan",
			[]string{"has:money"}, []string{"has:link"}},
		{"many links", "a.com b.net c.org", []string{"has:link", "has:manylinks"}, nil},
		{"same link twice counts once", `<a href="https://x.com">https://x.com</a> https://x.com/`,
			[]string{"has:link"}, []string{"has:manylinks"}},
		{"email is not a link", "kirim ke admin@contoh.com",
			[]string{"has:email"}, []string{"has:link", "host:contoh.com"}},
		{"phone with dashes", "WA 0812-3456-7890", []string{"has:phone"}, nil},
		{"phone with +62 and spaces", "hubungi +62 812 3456 7890", []string{"has:phone"}, nil},
		{"year is not a phone", "tahun 2024 dan 2025", nil, []string{"has:phone"}},
		{"rupiah spaced", "harga Rp 50.000", []string{"has:money", "rp", "50"}, nil},
		{"rupiah glued", "cuma Rp50.000", []string{"has:money"}, nil},
		{"ribu suffix", "depo 10rb", []string{"has:money", "10rb", "shape:mixed"}, nil},
		{"juta word", "cair 5 juta", []string{"has:money"}, nil},
		{"dollars", "win $500 today", []string{"has:money"}, nil},
		{"count of people is not money", "5 orang luka", nil, []string{"has:money"}},
		{"shouting", "SLOT GACOR MAXWIN hari ini",
			[]string{"caps:slot", "caps:gacor", "caps:maxwin", "has:shouting", "slot"}, nil},
		{"acronyms are not shouting", "Ketua DPR dan KPK bertemu di Jakarta",
			[]string{"caps:dpr", "caps:kpk"}, []string{"has:shouting"}},
		{"two-letter caps ignored", "BI checking", []string{"bi"}, []string{"caps:bi"}},
		{"exclaims and emoji", "Gacor!! 🔥", []string{"has:exclaims", "has:emoji"}, nil},
		{"single exclamation", "Mantap!", nil, []string{"has:exclaims"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Tokens(tc.text)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("Tokens(%q) = %q, missing %q", tc.text, got, w)
				}
			}
			for _, a := range tc.avoid {
				if slices.Contains(got, a) {
					t.Errorf("Tokens(%q) = %q, should not contain %q", tc.text, got, a)
				}
			}
		})
	}
}

func TestTokensDeduplicated(t *testing.T) {
	got := Tokens("slot SLOT Slot https://a.vip https://a.vip 0812-1111-2222 0812-1111-2222")
	seen := map[string]bool{}
	for _, tok := range got {
		if seen[tok] {
			t.Errorf("duplicate token %q in %q", tok, got)
		}
		seen[tok] = true
	}
}

// TestTokensLargeInput guards against quadratic behaviour: a tag stuffed
// with "href=" once took 20 s for 120 KB. The bound is loose (the fixed code
// needs about a millisecond) so that a busy machine does not make it flaky.
func TestTokensLargeInput(t *testing.T) {
	for _, text := range []string{
		"<a " + strings.Repeat("href=x", 20000) + ">",
		strings.Repeat("<a href=", 20000),
		strings.Repeat("a.com ", 20000),
		strings.Repeat("0812 ", 30000),
	} {
		start := time.Now()
		Tokens(text)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Tokens of %d bytes (%.20q...) took %v", len(text), text, d)
		}
	}
}

func TestTokensTruncatesHugeText(t *testing.T) {
	text := strings.Repeat("é", maxTextBytes) + " ekor" // "é" is 2 bytes: cut inside the run
	if got := Tokens(text); slices.Contains(got, "ekor") {
		t.Errorf("text beyond %d bytes was tokenized", maxTextBytes)
	}
}

// wordTokens keeps the single-word and signal tokens, dropping word pairs
// and the length class, which every comment has.
func wordTokens(toks []string) []string {
	var out []string
	for _, t := range toks {
		if !strings.Contains(t, " ") && !strings.HasPrefix(t, prefixLen) {
			out = append(out, t)
		}
	}
	return out
}
