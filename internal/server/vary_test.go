package server

import (
	"net/http"
	"strings"
	"testing"
)

func TestVary(t *testing.T) {
	tests := []struct {
		name string
		had  []string
		add  []string
		want string
	}{
		{"empty", nil, []string{"Origin"}, "Origin"},
		{"kept and added", []string{"Origin"}, []string{"Accept-Language"}, "Origin, Accept-Language"},
		{"no duplicate", []string{"Origin, Accept-Encoding"}, []string{"origin", "Accept-Encoding"}, "Origin, Accept-Encoding"},
		{"several lines", []string{"Origin", "Accept"}, []string{"Accept", "Accept-Language"}, "Origin, Accept, Accept-Language"},
		{"star covers all", []string{"*"}, []string{"Origin"}, "*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for _, v := range tt.had {
				h.Add("Vary", v)
			}
			Vary(h, tt.add...)
			if got := strings.Join(h.Values("Vary"), ", "); got != tt.want {
				t.Errorf("Vary %q, want %q", got, tt.want)
			}
		})
	}
}
