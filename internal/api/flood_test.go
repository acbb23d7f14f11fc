package api_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"balasan/internal/apptest"
)

// TestSubmit_FloodSaysHowLong: the 429 says in words how long to wait,
// the same seconds as Retry-After, in the reader's language, as JSON and
// as a page.
func TestSubmit_FloodSaysHowLong(t *testing.T) {
	env := apptest.New(t, "-flood-interval", "15s")
	env.Submit(apptest.Form(key))
	for i, tc := range []struct {
		lang, json string
		want       string
	}{
		{"id", "", "Tunggu %s detik lagi."},
		{"en", "", "Wait %s more seconds."},
		{"id", "json", "Tunggu %s detik lagi."},
		{"en", "json", "Wait %s more seconds."},
	} {
		v := apptest.Form(key)
		v.Set("comment", "Komentar lain nomor "+string(rune('A'+i)))
		h := http.Header{"Accept-Language": {tc.lang}}
		var r *apptest.Response
		if tc.json != "" {
			b, _ := json.Marshal(map[string]string{"comment_post_ID": key, "author": "Budi", "email": "budi@example.test", "comment": v.Get("comment")})
			r = env.Do(env.Client(), "POST", "/comments", "application/json", string(b), h)
		} else {
			r = env.Do(env.Client(), "POST", "/comments", "application/x-www-form-urlencoded", v.Encode(), h)
		}
		secs := r.Header.Get("Retry-After")
		want := strings.Replace(tc.want, "%s", secs, 1)
		if n, err := strconv.Atoi(secs); r.StatusCode != http.StatusTooManyRequests || err != nil || n < 1 || n > 15 {
			t.Fatalf("%s %s: status %d Retry-After %q", tc.lang, tc.json, r.StatusCode, secs)
		}
		if !strings.Contains(r.Body, want) {
			t.Errorf("%s %s: %q lacks %q", tc.lang, tc.json, r.Body, want)
		}
	}
}
