package comment

import (
	"strings"
	"testing"
)

func FuzzValidKey_MatchesPattern(f *testing.F) {
	for _, s := range []string{"berita-123", ".", "..", "", "a/b", "ä", strings.Repeat("k", 200), strings.Repeat("k", 201), "~._-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		want := key != "." && key != ".." && keyPattern.MatchString(key)
		if got := ValidKey(key); got != want {
			t.Fatalf("ValidKey(%q) = %v, the pattern says %v", key, got, want)
		}
	})
}
