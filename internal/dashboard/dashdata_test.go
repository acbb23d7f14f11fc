package dashboard_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"balasan/internal/comment"
)

// find returns the elements of page matching pred, parsed as a browser would.
func find(t *testing.T, page string, pred func(*html.Node) bool) []*html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && pred(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func withClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return strings.Contains(" "+attr(n, "class")+" ", " "+class+" ") }
}

func setTitle(t *testing.T, d *dash, key, title, page string, verified bool) {
	t.Helper()
	ctx := context.Background()
	var err error
	if verified {
		err = d.App.Store.SetArticle(ctx, comment.Article{Key: key, Title: title, URL: page, CreatedAt: time.Now()}, comment.AuditEntry{})
	} else {
		_, err = d.App.Store.EnsureArticle(ctx, comment.Article{Key: key, Title: title, URL: page, CreatedAt: time.Now()})
	}
	if err != nil {
		t.Fatal(err)
	}
}

// Item 1: the queue and the audit log name articles by title, linked to
// the article's page, provisional titles marked.
func TestQueue_ArticleTitles(t *testing.T) {
	d := newDash(t)
	d.submit("1201", "Komentar tentang pesisir.")
	setTitle(t, d, "1201", "Warga Bersihkan Pantai", d.App.Config.BaseURL+"/berita/1201", true)
	d.submit("demo-x", "Komentar kedua.")
	page := d.Get(d.c, "/admin/comments", http.StatusOK)
	links := find(t, page, withClass("adm-article-link"))
	got := map[string]string{}
	for _, a := range links {
		got[strings.TrimSpace(text(a))] = attr(a, "href")
	}
	if h, ok := got["Warga Bersihkan Pantai"]; !ok || !strings.Contains(h, "/berita/1201#comment-") {
		t.Errorf("title link: %v", got)
	}
	if h, ok := got["demo-x"]; !ok || !strings.HasPrefix(h, "/embed/demo-x#comment-") {
		t.Errorf("an article without a title is named by its key: %v", got)
	}
	d.post(d.c, "/admin/articles/1201/close", nil, d.csrf, false)
	audit := d.Get(d.c, "/admin/audit", http.StatusOK)
	if rows := auditRows(audit); len(rows) == 0 || rows[0].article != "Warga Bersihkan Pantai" {
		t.Errorf("audit names the article by title: %+v", rows)
	}
}

// Item 1: the articles page lists title, URL, counts per status, open or
// closed and verified or provisional; searches; pages by keyset; and its
// forms correct the title and close and open comments, without script.
func TestArticles_Page(t *testing.T) {
	d := newDash(t)
	base := d.App.Config.BaseURL
	a := d.submit("banjir-1", "Satu.")
	d.submit("banjir-1", "Dua.")
	d.Approve(a)
	setTitle(t, d, "banjir-1", "Banjir Rob di Pesisir", base+"/b/1", true)
	setTitle(t, d, "harga-2", "Harga Ikan Naik", base+"/h/2", false)
	page := d.Get(d.c, "/admin/articles", http.StatusOK)
	mustContain(t, page, "Banjir Rob di Pesisir", base+"/b/1", "Harga Ikan Naik", "belum diverifikasi", "terverifikasi",
		`href="/admin/comments?article=banjir-1&amp;status=pending">Menunggu 1</a>`,
		`href="/admin/comments?article=banjir-1&amp;status=approved">Disetujui 1</a>`, "Dibuka")
	// Search by a word of the title, then by a key prefix.
	if p := d.Get(d.c, "/admin/articles?q=ikan", http.StatusOK); !strings.Contains(p, "Harga Ikan Naik") || strings.Contains(p, "Banjir Rob") {
		t.Error("search by a title word")
	}
	if p := d.Get(d.c, "/admin/articles?q=banj", http.StatusOK); !strings.Contains(p, "Banjir Rob") || strings.Contains(p, "Harga Ikan") {
		t.Error("search by a key prefix")
	}
	// The title form, as a browser without script sends it.
	r := d.post(d.c, "/admin/articles/harga-2", url.Values{"title": {"Harga Ikan Turun"}, "url": {base + "/h/2"}}, d.csrf, false)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", r.StatusCode)
	}
	if a, _ := d.App.Store.Article(context.Background(), "harga-2"); a.Title != "Harga Ikan Turun" || !a.Verified {
		t.Errorf("after edit: %+v", a)
	}
	// A bad URL is a 422 that changes nothing.
	if r := d.post(d.c, "/admin/articles/harga-2", url.Values{"title": {"X"}, "url": {"https://evil.test/"}}, d.csrf, false); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad URL: %d", r.StatusCode)
	}
	d.post(d.c, "/admin/articles/banjir-1/close", nil, d.csrf, false)
	page = d.Get(d.c, "/admin/articles?q=banjir", http.StatusOK)
	mustContain(t, page, "Ditutup", `action="/admin/articles/banjir-1/open"`)
	// Keyset pages: 60 articles, 50 then 10, none twice.
	for i := range 60 {
		setTitle(t, d, "p-"+strconv.Itoa(i), "Halaman "+strconv.Itoa(i), "", true)
	}
	first := d.Get(d.c, "/admin/articles?q=p-", http.StatusOK)
	next := find(t, first, withClass("adm-next"))
	if len(next) != 1 {
		t.Fatal("no next page link")
	}
	second := d.Get(d.c, attr(next[0], "href"), http.StatusOK)
	n1, n2 := len(find(t, first, withClass("adm-article"))), len(find(t, second, withClass("adm-article")))
	if n1 != 50 || n2 != 10 || len(find(t, second, withClass("adm-next"))) != 0 {
		t.Errorf("pages of %d and %d", n1, n2)
	}
}

// Item 2: a reply from the queue is published under the display name.
func TestAccount_DisplayName(t *testing.T) {
	d := newDash(t)
	id := d.submit("nama", "Pertanyaan untuk redaksi.")
	if r := d.post(d.c, "/admin/account/name", url.Values{"display_name": {"Redaksi Kabar Pesisir"}}, d.csrf, false); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", r.StatusCode)
	}
	if p := d.Get(d.c, "/admin/account", http.StatusOK); !strings.Contains(p, `value="Redaksi Kabar Pesisir"`) {
		t.Error("the form does not show the saved name")
	}
	d.post(d.c, "/admin/comments/"+strconv.FormatInt(id, 10)+"/reply", url.Values{"comment": {"Terima kasih."}}, d.csrf, false)
	var staff []string
	for _, c := range public(t, d.Env, "nama") {
		if c.Staff {
			staff = append(staff, c.Author)
		}
	}
	if len(staff) != 1 || staff[0] != "Redaksi Kabar Pesisir" {
		t.Errorf("staff replies by %v", staff)
	}
	// Too long: 422, the form again with what was typed, in Indonesian
	// and in English.
	long := strings.Repeat("a", 101)
	r := d.post(d.c, "/admin/account/name", url.Values{"display_name": {long}}, d.csrf, false)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "paling banyak 100 karakter") || !strings.Contains(r.Body, long) {
		t.Errorf("too long: %d", r.StatusCode)
	}
	// Empty: back to the username.
	d.post(d.c, "/admin/account/name", url.Values{"display_name": {""}}, d.csrf, false)
	if m, _ := d.App.Store.ModeratorByName(context.Background(), adminName); m.Name() != adminName {
		t.Errorf("empty name: %q", m.Name())
	}
}

// Item 5: the live settings apply at once, show where each comes from,
// refuse bad values with a 422 that keeps what was typed, and are for
// admins only.
func TestSettings_Live(t *testing.T) {
	d := newDash(t, "-max-links", "3")
	page := d.Get(d.c, "/admin/settings", http.StatusOK)
	src := map[string]string{}
	for _, n := range find(t, page, withClass("adm-source")) {
		src[strings.TrimPrefix(attr(n, "id"), "src-")] = attr(n, "data-source")
	}
	if src["max_links"] != "environment" || src["moderation"] != "default" || src["trash_days"] != "default" {
		t.Errorf("sources %v", src)
	}
	mustContain(t, page, `name="max_links" value="3"`, `name="trash_days" value="30"`)
	// Saving the form unchanged stores none of the live values.
	form := url.Values{"moderation": {"all"}, "max_links": {"3"}, "close_after": {"0"}, "notify": {""}, "trash_days": {"30"},
		"moderation_keys": {""}, "disallowed_keys": {""}}
	d.post(d.c, "/admin/settings", form, d.csrf, false)
	if s, _ := d.App.Store.Settings(context.Background()); s["max_links"] != "" || s["trash_days"] != "" {
		t.Errorf("unchanged values stored: %v", s)
	}
	// max_links 0: a comment with one link is held at once, no restart.
	form.Set("max_links", "0")
	if r := d.post(d.c, "/admin/settings", form, d.csrf, false); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.StatusCode, r.Body)
	}
	id := d.submit("live", `Lihat <a href="https://contoh.example/">ini</a>.`)
	if c, _ := d.App.Store.Comment(context.Background(), id); c.Reason != "links: 1" {
		t.Errorf("reason %q, want links: 1", c.Reason)
	}
	if p := d.Get(d.c, "/admin/settings", http.StatusOK); !strings.Contains(p, `id="src-max_links" class="adm-source" data-source="saved"`) {
		t.Error("max_links not shown as saved")
	}
	audit := auditRows(d.Get(d.c, "/admin/audit", http.StatusOK))
	if len(audit) == 0 || !strings.Contains(html.UnescapeString(audit[0].detail), `max_links: "" → "0"`) {
		t.Errorf("audit %+v", audit)
	}
	// Bad values: 422 naming each, the typed values kept, nothing saved.
	bad := url.Values{"moderation": {"semua"}, "max_links": {"-1"}, "close_after": {"besok"}, "notify": {"a@b.test, bukan-email"},
		"trash_days": {"x"}, "moderation_keys": {"judi"}}
	for _, tc := range [][2]string{{"id", "Pilih all atau trusted."}, {"en", "Choose all or trusted."}} {
		lang, want := tc[0], tc[1]
		h := http.Header{"X-Csrf-Token": {d.csrf}}
		if lang == "en" {
			d.post(d.c, "/admin/account/lang", url.Values{"lang": {"en"}}, d.csrf, false)
		}
		r := d.Do(d.c, http.MethodPost, "/admin/settings", "application/x-www-form-urlencoded", bad.Encode(), h)
		if r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%s: bad values: %d", lang, r.StatusCode)
		}
		mustContain(t, r.Body, want, `value="besok"`, "bukan-email", ">judi</textarea>")
		if n := len(find(t, r.Body, func(n *html.Node) bool { return attr(n, "aria-invalid") == "true" })); n != 4 {
			t.Errorf("%s: %d fields marked, want 4 (the select has its message)", lang, n)
		}
	}
	if s, _ := d.App.Store.Settings(context.Background()); s["moderation_keys"] == "judi" || s["max_links"] != "0" {
		t.Errorf("a refused save changed %v", s)
	}
	// Moderators may neither read nor save.
	d.AddModerator(modName, modPass, comment.RoleModerator)
	mod, modCSRF := d.Login(modName, modPass)
	d.Get(mod, "/admin/settings", http.StatusForbidden)
	if r := d.post(mod, "/admin/settings", url.Values{"max_links": {"9"}}, modCSRF, false); r.StatusCode != http.StatusForbidden {
		t.Errorf("moderator saved: %d", r.StatusCode)
	}
}

// Item 6: a search says how many matches the other views hold, linked.
func TestQueue_SearchCountsElsewhere(t *testing.T) {
	d := newDash(t)
	ids := []int64{d.submit("cari", "Banjir rob lagi."), d.submit("cari", "Banjir besar sekali."), d.submit("cari", "Banjir kecil saja.")}
	d.Approve(ids[0])
	for _, id := range ids[1:] {
		d.post(d.c, "/admin/comments/"+strconv.FormatInt(id, 10)+"/trash", nil, d.csrf, false)
	}
	page := d.Get(d.c, "/admin/comments?status=approved&q=banjir", http.StatusOK)
	links := find(t, page, func(n *html.Node) bool {
		return n.Data == "a" && n.Parent != nil && attr(n.Parent, "class") == "adm-elsewhere"
	})
	if len(links) != 1 || strings.TrimSpace(text(links[0])) != "2 di Sampah" || attr(links[0], "href") != "/admin/comments?q=banjir&status=trash" {
		var got []string
		for _, l := range links {
			got = append(got, text(l)+" "+attr(l, "href"))
		}
		t.Errorf("elsewhere: %v", got)
	}
	if p := d.Get(d.c, "/admin/comments?status=approved", http.StatusOK); strings.Contains(p, "adm-elsewhere") {
		t.Error("counts without a search")
	}
}

// Item 7: each row tells how many comments its email has approved and in
// spam, linked to them.
func TestQueue_AuthorHistory(t *testing.T) {
	d := newDash(t)
	as := func(email string) func(url.Values) { return func(v url.Values) { v.Set("email", email) } }
	a := d.submit("riwayat", "Pertama.", as("budi@example.test"))
	b := d.submit("riwayat", "Kedua.", as("budi@example.test"))
	s := d.submit("riwayat", "Ketiga.", as("budi@example.test"))
	d.Approve(a)
	d.Approve(b)
	d.post(d.c, "/admin/comments/"+strconv.FormatInt(s, 10)+"/spam", nil, d.csrf, false)
	d.submit("riwayat", "Keempat.", as("budi@example.test"))
	d.submit("riwayat", "Baru pertama.", as("siti@example.test"))
	page := d.Get(d.c, "/admin/comments", http.StatusOK)
	hist := map[string]string{}
	for _, n := range find(t, page, withClass("adm-history")) {
		hist[strings.Join(strings.Fields(text(n)), " ")] = ""
	}
	for _, want := range []string{"2 disetujui · 1 spam", "0 disetujui · 0 spam"} {
		if _, ok := hist[want]; !ok {
			t.Errorf("history %q missing: %v", want, hist)
		}
	}
	mustContain(t, page, `href="/admin/comments?status=approved&amp;q=budi%40example.test"`, `href="/admin/comments?status=spam&amp;q=budi%40example.test"`)
}

// Item 5: the trash view says when trash is deleted, and the job deletes
// what is older than trash_days, by the service's clock.
func TestTrash_EmptiedAfterDays(t *testing.T) {
	d := newDash(t)
	old := d.submit("sampah", "Lama.")
	d.post(d.c, "/admin/comments/"+strconv.FormatInt(old, 10)+"/trash", nil, d.csrf, false)
	mustContain(t, d.Get(d.c, "/admin/comments?status=trash", http.StatusOK), "Komentar di Sampah dihapus permanen setelah 30 hari.")
	ctx := context.Background()
	svc := d.App.Service
	if n, err := svc.EmptyTrash(ctx); err != nil || n != 0 {
		t.Fatalf("fresh trash deleted: %d %v", n, err)
	}
	start := time.Now()
	svc.Now = func() time.Time { return start.Add(31 * 24 * time.Hour) }
	defer func() { svc.Now = time.Now }()
	recent := d.submit("sampah", "Baru.")
	c, _ := d.App.Store.Comment(ctx, recent)
	if _, err := svc.Moderate(ctx, c.ID, comment.ActTrash, comment.Moderator{Username: adminName}); err != nil {
		t.Fatal(err)
	}
	if n, err := svc.EmptyTrash(ctx); err != nil || n != 1 {
		t.Fatalf("emptied %d %v, want 1", n, err)
	}
	if _, err := d.App.Store.Comment(ctx, old); comment.ErrorCode(err) != comment.ENotFound {
		t.Errorf("old trash kept: %v", err)
	}
	if _, err := d.App.Store.Comment(ctx, recent); err != nil {
		t.Errorf("recent trash deleted: %v", err)
	}
	if rows := auditRows(d.Get(d.c, "/admin/audit", http.StatusOK)); len(rows) == 0 || rows[0].action != comment.AuditTrashEmptied || rows[0].detail != "1" {
		t.Errorf("audit %+v", rows)
	}
	// trash_days 0: never.
	d.post(d.c, "/admin/settings", url.Values{"trash_days": {"0"}}, d.csrf, false)
	mustContain(t, d.Get(d.c, "/admin/comments?status=trash", http.StatusOK), "tidak pernah dihapus otomatis")
	svc.Now = func() time.Time { return start.Add(400 * 24 * time.Hour) }
	if n, _ := svc.EmptyTrash(ctx); n != 0 {
		t.Errorf("trash_days 0 emptied %d", n)
	}
}
