package telegram

import (
	"strings"
	"testing"

	"balasan/internal/comment"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

func TestCallbackData_RoundTrip(t *testing.T) {
	for _, a := range comment.ChatActions {
		for _, id := range []int64{1, 42, 1<<63 - 1} {
			data := CallbackData(testKey, a, id)
			if len(data) > 64 {
				t.Errorf("%s %d: %d bytes, Telegram takes 64", a, id, len(data))
			}
			got, gotID, ok := ParseCallback(testKey, data)
			if !ok || got != a || gotID != id {
				t.Errorf("ParseCallback(%q) = %s, %d, %v", data, got, gotID, ok)
			}
			if _, _, ok := ParseCallback([]byte("another key of thirty-two bytes!"), data); ok {
				t.Errorf("%q accepted under another key", data)
			}
		}
	}
}

func TestParseCallback_Refuses(t *testing.T) {
	good := CallbackData(testKey, comment.ActApprove, 7)
	sig := strings.Split(good, ":")[2]
	for _, data := range []string{
		"", "a", "a:7", "a:7:", good + ":", "x:7:" + sig, "s:7:" + sig, "a:8:" + sig, "a:07:" + sig, "a:+7:" + sig,
		"a:-7:" + sig, "a:0:" + sig, "a:7:" + strings.ToUpper(sig), "a:7:" + sig[:len(sig)-1], "d:7:" + sig,
	} {
		if a, id, ok := ParseCallback(testKey, data); ok {
			t.Errorf("ParseCallback(%q) accepted: %s %d", data, a, id)
		}
	}
}

// FuzzParseCallback: whatever a client sends, parsing never panics and
// accepts only data CallbackData made.
func FuzzParseCallback(f *testing.F) {
	f.Add(CallbackData(testKey, comment.ActSpam, 12))
	f.Add("a:1:000000000000000000000000")
	f.Add("t:99999999999999999999:x")
	f.Fuzz(func(t *testing.T, data string) {
		a, id, ok := ParseCallback(testKey, data)
		if ok && CallbackData(testKey, a, id) != data {
			t.Fatalf("accepted %q, which CallbackData writes as %q", data, CallbackData(testKey, a, id))
		}
	})
}

func TestValidToken(t *testing.T) {
	for s, want := range map[string]bool{
		"123456789:AAH-abc_DEF": true, "1:x": true,
		"": false, "123456789": false, ":abc": false, "12a:abc": false, "123:": false, "123:a/b": false,
		"123:abc def": false, "123:abc?x=1": false,
	} {
		if got := ValidToken(s); got != want {
			t.Errorf("ValidToken(%q) = %v, want %v", s, got, want)
		}
	}
}
