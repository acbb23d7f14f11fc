package dashboard

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"balasan/internal/i18n"
)

func TestReasonText(t *testing.T) {
	lim := limits{MaxLinks: 2, MinSubmit: 2 * time.Second}
	for _, tc := range []struct {
		reason string
		lim    limits
		id, en string
	}{
		{"links: 3", lim, "3 tautan, batasnya 2", "3 links, the limit is 2"},
		{"links: 1200", limits{MaxLinks: 1000}, "1.200 tautan, batasnya 1.000", "1,200 links, the limit is 1,000"},
		{"links: 3", limits{MaxLinks: -1}, "3 tautan", "3 links"},
		{"moderation_keys: promo", lim, "cocok dengan kata moderasi “promo”", "matches the moderation word “promo”"},
		{"disallowed_keys: 10.0.0.1", lim, "cocok dengan kata terlarang “10.0.0.1”", "matches the disallowed word “10.0.0.1”"},
		{"honeypot", lim, "kolom jebakan bot terisi", "the bot trap field was filled in"},
		{"too_fast: 1.2s", lim, "dikirim 1,2 detik setelah formulir dibuka (paling cepat 2,0 detik)", "sent 1.2 seconds after the form opened (at least 2.0 seconds)"},
		{"too_fast: 850ms", lim, "dikirim 0,8 detik setelah formulir dibuka (paling cepat 2,0 detik)", "sent 0.8 seconds after the form opened (at least 2.0 seconds)"},
		{"spam_score: 0.930", lim, "skor spam 0,93", "spam score 0.93"},
		{"likely_spam: 0.742", lim, "Mungkin spam (0,74)", "Probably spam (0.74)"},
		{"likely_spam: 0.742 (slot gacor, has:call, no_form_stamp)", lim,
			"Mungkin spam (0,74): “slot gacor”, ajakan menghubungi di luar, tanpa cap formulir",
			"Probably spam (0.74): “slot gacor”, asks readers to get in touch elsewhere, no form stamp"},
		{"likely_spam: 0.8 (host:judi.example, tld:xyz, stem:rajacuan, len:9)", lim,
			"Mungkin spam (0,80): situs judi.example, domain .xyz, mirip merek “rajacuan”, len:9",
			"Probably spam (0.80): site judi.example, domain .xyz, like the brand “rajacuan”, len:9"},
		// Codes not understood are shown as stored.
		{"links: many", lim, "links: many", "links: many"},
		{"likely_spam: x", lim, "likely_spam: x", "likely_spam: x"},
		{"something_new: 4", lim, "something_new: 4", "something_new: 4"},
		{"", lim, "", ""},
	} {
		if got := reasonText(i18n.ID, tc.lim, tc.reason); got != tc.id {
			t.Errorf("id %q: got %q, want %q", tc.reason, got, tc.id)
		}
		if got := reasonText(i18n.EN, tc.lim, tc.reason); got != tc.en {
			t.Errorf("en %q: got %q, want %q", tc.reason, got, tc.en)
		}
	}
}

// FuzzReasonText: a stored reason (from an import, or an older version)
// never makes the page fail, and its words are never lost.
func FuzzReasonText(f *testing.F) {
	for _, s := range []string{"links: 3", "too_fast: 1.2s", "likely_spam: 0.742 (a, has:call)", "spam_score: NaN",
		"likely_spam: 1e308 (", "moderation_keys: %s%d", "too_fast: -9223372036854775808ns"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, reason string) {
		for _, l := range []i18n.Lang{i18n.ID, i18n.EN} {
			got := reasonText(l, limits{MaxLinks: 2, MinSubmit: time.Second}, reason)
			if utf8.ValidString(reason) && !utf8.ValidString(got) {
				t.Fatalf("%q became invalid UTF-8: %q", reason, got)
			}
			if strings.Contains(got, "%!") {
				t.Fatalf("%q: a format verb leaked: %q", reason, got)
			}
			_, arg, _ := strings.Cut(reason, ": ")
			if code, _, _ := strings.Cut(reason, ": "); (code == "moderation_keys" || code == "disallowed_keys") && !strings.Contains(got, arg) {
				t.Fatalf("%q: the matched word is lost: %q", reason, got)
			}
		}
	})
}
