package i18n

import (
	"strings"
	"testing"
)

func TestFromAcceptLanguage_QValues(t *testing.T) {
	tests := []struct {
		header string
		want   Lang
	}{
		{"en;q=0.1,id;q=0.9", ID}, // the case: q-values, not order
		{"id;q=0.1,en;q=0.9", EN},
		{"en;q=0,id", ID},      // q=0: not English
		{"en;q=0", ID},         // nothing acceptable left
		{"en;q=0.0, fr", ID},   // 0.0 is zero too
		{"en;q=0.001, de", EN}, // tiny but not zero, and German is not spoken here
		{"fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", EN},
		{"de-DE,de;q=0.9", ID}, // nothing matches: Indonesian
		{"*", ID},
		{"EN-gb", EN}, // case and region
		{"en-US,en;q=0.9,id;q=0.8", EN},
		{"id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7", ID},
		{"ms-MY,en;q=0.5", ID}, // Malay reads Indonesian
		{"jv,id;q=0.9,en;q=0.8", ID},
		{"en;q=abc", ID}, // malformed: the default
		{"en;;;,,,", ID}, // malformed: the default
		{strings.Repeat("x", 300), ID},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			if got := FromAcceptLanguage(tt.header); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			// The second answer comes from the cache and must agree.
			if got := FromAcceptLanguage(tt.header); got != tt.want {
				t.Errorf("cached: got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestFromAcceptLanguage_CacheBounded: however many different headers
// arrive, the cache holds at most maxCachedHeaders.
func TestFromAcceptLanguage_CacheBounded(t *testing.T) {
	for i := range 3 * maxCachedHeaders {
		FromAcceptLanguage("en;q=0." + strings.Repeat("1", i%50+1) + ",x-" + string(rune('a'+i%26)) + strings.Repeat("b", i%40))
	}
	n := 0
	accepted.Range(func(any, any) bool { n++; return true })
	if n > maxCachedHeaders {
		t.Errorf("%d headers cached, want at most %d", n, maxCachedHeaders)
	}
}

// FuzzFromAcceptLanguage: any header gives Indonesian or English, the
// same answer cached or not, and never a panic.
func FuzzFromAcceptLanguage(f *testing.F) {
	for _, s := range []string{"en;q=0.1,id;q=0.9", "en-US,en;q=0.9", "*;q=0", "en;q=abc", "x-;;q=1,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		got := FromAcceptLanguage(header)
		if got != ID && got != EN {
			t.Fatalf("%q gave %q", header, got)
		}
		if header != "" && matchAcceptLanguage(header) != got {
			t.Fatalf("%q: cached %s, computed %s", header, got, matchAcceptLanguage(header))
		}
	})
}
