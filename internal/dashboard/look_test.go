package dashboard_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"balasan/internal/apptest"
)

// TestPages_OwnTitles: each page names itself in <title> (WCAG 2.4.2).
func TestPages_OwnTitles(t *testing.T) {
	d := newDash(t, "-spam-starter", "off")
	for i := range 3 {
		d.submit("judul", "Komentar nomor "+strconv.Itoa(i)+" untuk judul.")
	}
	id := d.submit("judul", "Satu lagi.")
	d.Approve(id)
	sid := strconv.FormatInt(id, 10)
	for _, tt := range []struct{ path, want string }{
		{"/admin/comments", "<title>Menunggu (3) — Balasan</title>"},
		{"/admin/comments?status=approved", "<title>Disetujui (1) — Balasan</title>"},
		{"/admin/comments?q=nomor", "<title>Cari “nomor” · Menunggu (3) — Balasan</title>"},
		{"/admin/comments/" + sid, "<title>Komentar #" + sid + " — Balasan</title>"},
		{"/admin/audit", "<title>Log audit — Balasan</title>"},
		{"/admin/settings", "<title>Pengaturan — Balasan</title>"},
		{"/admin/account", "<title>Akun saya — Balasan</title>"},
		{"/admin/moderators", "<title>Moderator — Balasan</title>"},
		{"/admin/privacy", "<title>Privasi — Balasan</title>"},
	} {
		mustContain(t, d.Get(d.c, tt.path, http.StatusOK), tt.want)
	}
	mustContain(t, d.Get(d.Client(), "/admin/login", http.StatusOK), "<title>Masuk ke Balasan — Balasan</title>")
}

// TestLogin_IndonesianUnlessChosen: the login page speaks Indonesian
// whatever the browser prefers; English is a link away and stays through
// a failed attempt.
func TestLogin_IndonesianUnlessChosen(t *testing.T) {
	d := newDash(t)
	c := d.Client()
	en := http.Header{"Accept-Language": {"en-US,en;q=0.9"}}
	page := d.Do(c, http.MethodGet, "/admin/login", "", "", en).Body
	mustContain(t, page, `<html lang="id">`, "Masuk ke Balasan", `href="/admin/login?lang=en"`)
	page = d.Do(c, http.MethodGet, "/admin/login?lang=en", "", "", nil).Body
	mustContain(t, page, `<html lang="en">`, "Log in to Balasan", `name="lang" value="en"`, `href="/admin/login"`)
	v := url.Values{"_csrf": {d.csrfOfLogin(c)}, "username": {adminName}, "password": {"salah-salah-salah"}, "lang": {"en"}}
	r := d.PostForm(c, "/admin/login", v)
	if r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", r.StatusCode)
	}
	mustContain(t, r.Body, "Wrong username or password.", `<html lang="en">`)
	v.Del("lang")
	r = d.Do(c, http.MethodPost, "/admin/login", "application/x-www-form-urlencoded", v.Encode(), en)
	mustContain(t, r.Body, "Nama pengguna atau kata sandi salah.", `<html lang="id">`)
}

func (d *dash) csrfOfLogin(c *http.Client) string {
	d.T.Helper()
	return apptest.CSRF(d.Get(c, "/admin/login", http.StatusOK))
}

// TestAudit_InWords: audit actions read as words in the moderator's
// language, and numbers use the language's marks.
func TestAudit_InWords(t *testing.T) {
	d := newDash(t, "-spam-starter", "off")
	id := d.submit("kata", "Komentar untuk log dengan kata.")
	d.post(d.c, "/admin/comments/"+strconv.FormatInt(id, 10)+"/approve", nil, d.csrf, true)
	d.post(d.c, "/admin/comments/"+strconv.FormatInt(id, 10)+"/trash", nil, d.csrf, true)
	page := d.Get(d.c, "/admin/audit", http.StatusOK)
	mustContain(t, page, `data-action="approve">menyetujui<`, `data-action="trash">membuang ke Sampah<`,
		`<a href="/admin/comments/`+strconv.FormatInt(id, 10)+`">#`)
	d.PostForm(d.c, "/admin/account/lang", url.Values{"_csrf": {d.csrf}, "lang": {"en"}})
	mustContain(t, d.Get(d.c, "/admin/audit", http.StatusOK), `data-action="approve">approved<`)
	// The linked comment opens with its actions.
	one := d.Get(d.c, "/admin/comments/"+strconv.FormatInt(id, 10), http.StatusOK)
	mustContain(t, one, `id="c-`+strconv.FormatInt(id, 10)+`"`, "adm-act-restore")
	d.Get(d.c, "/admin/comments/999999", http.StatusNotFound)
	d.Get(d.c, "/admin/comments/abc", http.StatusNotFound)
}
