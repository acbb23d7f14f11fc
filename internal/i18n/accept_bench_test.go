package i18n

import "testing"

// BenchmarkFromAcceptLanguage is the per-request cost on the read path,
// for headers browsers send.
func BenchmarkFromAcceptLanguage(b *testing.B) {
	for _, h := range []struct{ name, header string }{
		{"id-browser", "id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7"},
		{"en-browser", "en-US,en;q=0.9"},
		{"empty", ""},
	} {
		b.Run(h.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				FromAcceptLanguage(h.header)
			}
		})
	}
}

// BenchmarkMatchAcceptLanguage is the cost of a header not seen before.
func BenchmarkMatchAcceptLanguage(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		matchAcceptLanguage("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7")
	}
}
