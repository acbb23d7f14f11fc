package dashboard_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"balasan/internal/comment"
)

// TestSecurity_CrossOrigin: a change a browser sends from another site is
// refused 403 even with a valid CSRF token and session (the second wall,
// net/http's CrossOriginProtection); the same change from the dashboard's
// own origin goes through.
func TestSecurity_CrossOrigin(t *testing.T) {
	d := newDash(t)
	id := strconv.FormatInt(d.submit("artikel-1", "Komentar yang menunggu"), 10)
	form := func(v url.Values) url.Values {
		v.Set("_csrf", d.csrf)
		return v
	}
	refused := []struct {
		name, path string
		v          url.Values
		header     http.Header
	}{
		{"cross-site approve", "/admin/comments/" + id + "/approve", form(url.Values{}), http.Header{"Sec-Fetch-Site": {"cross-site"}}},
		{"same-site approve", "/admin/comments/" + id + "/approve", form(url.Values{}), http.Header{"Sec-Fetch-Site": {"same-site"}}},
		{"foreign Origin, no Sec-Fetch-Site", "/admin/comments/" + id + "/spam", form(url.Values{}), http.Header{"Origin": {"https://penyerang.example"}}},
		{"cross-site bulk", "/admin/comments/bulk", form(url.Values{"action": {"delete"}, "id": {id}}), http.Header{"Sec-Fetch-Site": {"cross-site"}}},
		{"cross-site settings", "/admin/settings", form(url.Values{"disallowed_keys": {"Komentar"}}), http.Header{"Sec-Fetch-Site": {"cross-site"}}},
		{"cross-site logout", "/admin/logout", form(url.Values{}), http.Header{"Sec-Fetch-Site": {"cross-site"}, "Accept-Language": {"en"}}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			tt.header.Set("X-CSRF-Token", d.csrf)
			r := d.Do(d.c, http.MethodPost, tt.path, "application/x-www-form-urlencoded", tt.v.Encode(), tt.header)
			if r.StatusCode != http.StatusForbidden {
				t.Fatalf("status %d, want 403", r.StatusCode)
			}
			want := "Permintaan dari situs lain ditolak."
			if tt.header.Get("Accept-Language") == "en" {
				want = "Requests from another site are refused."
			}
			mustContain(t, r.Body, want)
		})
	}
	if c, err := d.App.Store.Comment(t.Context(), mustID(t, id)); err != nil || c.Status != comment.Pending {
		t.Fatalf("after refused changes: %v %v, want still pending", c.Status, err)
	}
	if st, _ := tryLogin(d.Env, adminName, adminPass, http.Header{"Sec-Fetch-Site": {"cross-site"}}); st != http.StatusForbidden {
		t.Errorf("cross-site login: %d, want 403", st)
	}

	allowed := []http.Header{
		{"Sec-Fetch-Site": {"same-origin"}, "Origin": {d.URL}},
		{"Origin": {d.URL}}, // its own origin
		{},                  // no browser headers: a tool, left to the CSRF token
	}
	for i, h := range allowed {
		h.Set("X-CSRF-Token", d.csrf)
		action := []string{"approve", "unapprove", "approve"}[i]
		if r := d.Do(d.c, http.MethodPost, "/admin/comments/"+id+"/"+action, "application/x-www-form-urlencoded", "", h); r.StatusCode != http.StatusSeeOther {
			t.Errorf("%s with %v: %d, want 303", action, h, r.StatusCode)
		}
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
