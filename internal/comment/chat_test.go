package comment

import "testing"

func TestParseTelegramID(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"", 0, true}, {"  ", 0, true}, {"123456789", 123456789, true}, {" 42 ", 42, true},
		{"4503599627370495", MaxTelegramID, true},
		{"4503599627370496", 0, false}, {"0", 0, false}, {"-5", 0, false}, {"+5", 0, false},
		{"@budi", 0, false}, {"12a", 0, false}, {"1e5", 0, false}, {"99999999999999999999", 0, false},
	} {
		got, err := ParseTelegramID(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseTelegramID(%q) = %d, %v; want %d, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && ErrorCode(err) != EInvalid {
			t.Errorf("ParseTelegramID(%q): code %s", tc.in, ErrorCode(err))
		}
	}
}

func TestChatAction(t *testing.T) {
	for a, want := range map[Action]bool{ActApprove: true, ActSpam: true, ActTrash: true,
		ActDelete: false, ActRestore: false, ActUnapprove: false, "": false} {
		if ChatAction(a) != want {
			t.Errorf("ChatAction(%q) = %v", a, !want)
		}
	}
}
