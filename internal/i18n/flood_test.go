package i18n

import "testing"

func TestFlood(t *testing.T) {
	for _, tc := range []struct {
		l    Lang
		secs int
		want string
	}{
		{ID, 12, "Anda mengirim komentar terlalu cepat. Tunggu 12 detik lagi."},
		{EN, 12, "You are posting comments too quickly. Wait 12 more seconds."},
		{EN, 1, "You are posting comments too quickly. Wait 1 more second."},
		{ID, 119, "Anda mengirim komentar terlalu cepat. Tunggu 119 detik lagi."},
		{ID, 121, "Anda mengirim komentar terlalu cepat. Tunggu 3 menit lagi."},
		{EN, 120, "You are posting comments too quickly. Wait 2 more minutes."},
	} {
		if got := Flood(tc.l, tc.secs); got != tc.want {
			t.Errorf("Flood(%s, %d) = %q, want %q", tc.l, tc.secs, got, tc.want)
		}
	}
}
