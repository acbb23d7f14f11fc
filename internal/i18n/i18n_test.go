package i18n

import "testing"

func TestFromAcceptLanguage(t *testing.T) {
	for h, want := range map[string]Lang{
		"":                        ID,
		"en":                      EN,
		"en-US,en;q=0.9":          EN,
		"id-ID,id;q=0.9,en;q=0.8": ID,
		"fr,en;q=0.5":             EN,
		"de":                      ID,
		"en;q=0, id":              ID,
	} {
		if got := FromAcceptLanguage(h); got != want {
			t.Errorf("%q: got %s, want %s", h, got, want)
		}
	}
}

func TestCatalogue_BothLanguages(t *testing.T) {
	for _, k := range Keys() {
		m := messages[k]
		if m.en == "" || m.id == "" {
			t.Errorf("key %q lacks a language: %+v", k, m)
		}
	}
	if ID.T("leave_reply") != "Tinggalkan Balasan" || EN.T("leave_reply") != "Leave a Reply" {
		t.Error("form title not as WordPress words it")
	}
	if ID.T("no-such-key") != "no-such-key" {
		t.Error("unknown key must fall back to itself")
	}
}

// TestCatalogue_NoKeyTwice: no key is defined in two parts of the
// catalogue, where one would silently replace the other.
func TestCatalogue_NoKeyTwice(t *testing.T) {
	seen := map[string]int{}
	for i, p := range parts {
		for k := range p {
			if j, ok := seen[k]; ok {
				t.Errorf("key %q is in parts %d and %d", k, j, i)
			}
			seen[k] = i
		}
	}
}
