package auth

import (
	"strings"
	"testing"
)

func TestNewAPIToken(t *testing.T) {
	a, ha := NewAPIToken()
	b, hb := NewAPIToken()
	if a == b || ha == hb {
		t.Fatal("two tokens alike")
	}
	if !strings.HasPrefix(a, APITokenPrefix) || !APITokenShape(a) || ha != TokenHash(a) || strings.Contains(ha, a) {
		t.Fatalf("token %q hash %q", a, ha)
	}
}

func TestAPITokenShape(t *testing.T) {
	good, _ := NewAPIToken()
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{good, true},
		{"", false},
		{APITokenPrefix, false},
		{good[:len(good)-1], false},
		{good + "A", false},
		{"xyz_" + good[4:], false},
		{good[:10] + "+" + good[11:], false}, // not base64url
		{good[:10] + "=" + good[11:], false},
	} {
		if got := APITokenShape(tc.in); got != tc.want {
			t.Errorf("APITokenShape(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
