package server

import (
	"net/url"
	"testing"
)

func TestOnSites(t *testing.T) {
	base, _ := url.Parse("https://komentar.example")
	ok := OnSites(base, []string{"https://berita.example", "http://lama.example:8080"})
	for _, tc := range []struct {
		raw  string
		want bool
	}{
		{"https://berita.example/2024/pantai", true},
		{"HTTPS://BERITA.example/x", true},
		{"https://komentar.example/embed/k", true},
		{"http://lama.example:8080/a", true},
		{"http://lama.example/a", false}, // another port is another origin
		{"http://berita.example/x", false},
		{"https://berita.example.evil.test/x", false},
		{"https://user:pw@berita.example/x", false},
		{"javascript:alert(1)", false},
		{"//berita.example/x", false},
		{"/x", false},
		{"", false},
		{"https://%zz", false},
	} {
		if got := ok(tc.raw); got != tc.want {
			t.Errorf("OnSites(%q) = %v, want %v", tc.raw, got, tc.want)
		}
	}
}
