package app_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"balasan/internal/comment"
)

// wxrComment writes one <wp:comment>; empty fields are left out, as
// WordPress leaves some out.
func wxrComment(id, parent, userID int, author, email, url, ip, date, content, approved, typ string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\t\t<wp:comment>\n\t\t\t<wp:comment_id>%d</wp:comment_id>\n", id)
	fmt.Fprintf(&b, "\t\t\t<wp:comment_author><![CDATA[%s]]></wp:comment_author>\n", author)
	fmt.Fprintf(&b, "\t\t\t<wp:comment_author_email><![CDATA[%s]]></wp:comment_author_email>\n", email)
	fmt.Fprintf(&b, "\t\t\t<wp:comment_author_url>%s</wp:comment_author_url>\n", url)
	fmt.Fprintf(&b, "\t\t\t<wp:comment_author_IP><![CDATA[%s]]></wp:comment_author_IP>\n", ip)
	fmt.Fprintf(&b, "\t\t\t<wp:comment_date><![CDATA[%s]]></wp:comment_date>\n", date)
	fmt.Fprintf(&b, "\t\t\t<wp:comment_date_gmt><![CDATA[%s]]></wp:comment_date_gmt>\n", date)
	fmt.Fprintf(&b, "\t\t\t<wp:comment_content><![CDATA[%s]]></wp:comment_content>\n", content)
	fmt.Fprintf(&b, "\t\t\t<wp:comment_approved><![CDATA[%s]]></wp:comment_approved>\n", approved)
	fmt.Fprintf(&b, "\t\t\t<wp:comment_type><![CDATA[%s]]></wp:comment_type>\n", typ)
	fmt.Fprintf(&b, "\t\t\t<wp:comment_parent>%d</wp:comment_parent>\n\t\t\t<wp:comment_user_id>%d</wp:comment_user_id>\n", parent, userID)
	b.WriteString("\t\t</wp:comment>\n")
	return b.String()
}

const wxrHead = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Kabar Pesisir</title>
	<wp:wxr_version>1.2</wp:wxr_version>
`

func wxrItem(postID, title, link, commentStatus string, comments ...string) string {
	return "\t<item>\n\t\t<title>" + title + "</title>\n\t\t<link>" + link + "</link>\n" +
		"\t\t<content:encoded><![CDATA[<p>Isi artikel.</p>]]></content:encoded>\n" +
		"\t\t<wp:post_id>" + postID + "</wp:post_id>\n\t\t<wp:comment_status><![CDATA[" + commentStatus + "]]></wp:comment_status>\n" +
		"\t\t<wp:status><![CDATA[publish]]></wp:status>\n\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n" +
		strings.Join(comments, "") + "\t</item>\n"
}

const dewiContent = `<p>Selamat! <strong>Akhirnya</strong> jadi juga.</p><script>alert("x")</script>`

// sampleWXR has a thread three levels deep whose reply comes before its
// parent in the file, every status, non-ASCII names, CDATA HTML, an author
// URL, a staff comment, a pingback and a trackback.
func sampleWXR() string {
	return wxrHead +
		wxrItem("101", "Jembatan Baru Diresmikan", "https://berita.example/jembatan", "open",
			wxrComment(13, 12, 0, "Wayan Sudarsana", "wayan@example.test", "", "198.51.100.3", "2021-03-04 07:00:00", "Setuju, level tiga.", "1", ""),
			wxrComment(12, 11, 0, "Ахмед Петров", "ahmed@example.test", "", "2001:db8::12", "2021-03-04 06:00:00", "Balasan level dua.", "1", "comment"),
			wxrComment(11, 0, 0, "Dewi Lestari", "dewi@example.test", "https://dewi.example/blog", "203.0.113.7", "2021-03-04 05:06:07", dewiContent, "1", ""),
			wxrComment(14, 0, 0, "渡辺 健", "ken@example.test", "", "203.0.113.8", "2021-03-05 01:00:00", "Masih menunggu.", "0", ""),
			wxrComment(15, 0, 0, "Obat Murah", "spam@example.test", "http://spam.example", "203.0.113.9", "2021-03-05 02:00:00", "Beli obat di sini", "spam", ""),
			wxrComment(16, 0, 0, "Iseng", "iseng@example.test", "", "203.0.113.10", "2021-03-05 03:00:00", "Komentar dibuang", "trash", ""),
			wxrComment(17, 11, 1, "Redaksi Kabar", "redaksi@example.test", "", "10.0.0.1", "2021-03-05 04:00:00", "Terima kasih, Bu Dewi.", "1", ""),
			wxrComment(18, 0, 0, "Blog Lain", "", "https://lain.example/x", "192.0.2.1", "2021-03-06 00:00:00", "[…] dikutip […]", "1", "pingback"),
			wxrComment(19, 0, 0, "Situs Lain", "", "https://lain.example/y", "192.0.2.2", "2021-03-06 00:00:00", "[…] trackback […]", "1", "trackback"),
		) +
		wxrItem("102", "Pasar Ikan Ditutup", "https://berita.example/pasar", "closed",
			wxrComment(21, 0, 0, "Siti Ñandú", "siti@example.test", "", "203.0.113.21", "2020-12-01 10:00:00", "Sayang sekali.", "1", ""),
		) +
		wxrItem("103", "Tanpa Komentar", "https://berita.example/sepi", "open") +
		"</channel>\n</rss>\n"
}

func byAuthor(cs []comment.Comment) map[string]comment.Comment {
	m := map[string]comment.Comment{}
	for _, c := range cs {
		m[c.Author] = c
	}
	return m
}

func TestImportWXR(t *testing.T) {
	db := filepath.Join(t.TempDir(), "data", "balasan.db")
	file := writeFile(t, "export.xml", sampleWXR())
	out := mustRun(t, "import", "wxr", file, "--db", db)
	for _, want := range []string{"articles: 2 new", "8 added (5 approved, 1 pending, 1 spam, 1 trash)",
		"pingback: 1", "trackback: 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	arts, all := dump(t, db)
	if a := arts["101"]; a.Title != "Jembatan Baru Diresmikan" || a.URL != "https://berita.example/jembatan" || a.State != comment.StateAuto {
		t.Errorf("article 101: %+v", a)
	}
	if a := arts["102"]; a.State != comment.StateClosed {
		t.Errorf("article 102 should be closed: %+v", a)
	}
	if a := arts["101"]; !a.CreatedAt.Equal(time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)) {
		t.Errorf("article 101 dated %v, want its oldest comment's date", a.CreatedAt)
	}
	if len(all) != 8 {
		t.Fatalf("%d comments, want 8", len(all))
	}
	m := byAuthor(all)
	dewi, ahmed, wayan := m["Dewi Lestari"], m["Ахмед Петров"], m["Wayan Sudarsana"]
	if ahmed.ParentID != dewi.ID || wayan.ParentID != ahmed.ID || dewi.ParentID != 0 || m["Redaksi Kabar"].ParentID != dewi.ID {
		t.Errorf("thread lost: dewi=%d ahmed→%d wayan→%d redaksi→%d", dewi.ID, ahmed.ParentID, wayan.ParentID, m["Redaksi Kabar"].ParentID)
	}
	if dewi.Raw != dewiContent || strings.Contains(dewi.HTML, "<script") || !strings.Contains(dewi.HTML, "<strong>Akhirnya</strong>") {
		t.Errorf("content: raw %q html %q", dewi.Raw, dewi.HTML)
	}
	if dewi.Email != "dewi@example.test" || dewi.AuthorURL != "https://dewi.example/blog" || dewi.IP != "203.0.113.7" ||
		!dewi.CreatedAt.Equal(time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)) || dewi.Status != comment.Approved {
		t.Errorf("dewi: %+v", dewi)
	}
	for author, want := range map[string]comment.Status{"渡辺 健": comment.Pending, "Obat Murah": comment.Spam,
		"Iseng": comment.Trash, "Siti Ñandú": comment.Approved, "Ахмед Петров": comment.Approved} {
		if got := m[author].Status; got != want {
			t.Errorf("%s: status %s, want %s", author, got, want)
		}
	}
	if !m["Redaksi Kabar"].Staff || dewi.Staff {
		t.Error("only the site user's comment is staff")
	}
	if ahmed.IP != "2001:db8::12" {
		t.Errorf("IPv6 lost: %q", ahmed.IP)
	}

	// Again: nothing is added twice.
	out = mustRun(t, "import", "wxr", file, "--db", db)
	if !strings.Contains(out, "0 added") || !strings.Contains(out, "already imported, left as they were: 8") {
		t.Errorf("second run:\n%s", out)
	}
	if _, again := dump(t, db); len(again) != 8 {
		t.Errorf("second run left %d comments, want 8", len(again))
	}
}

// key is what must survive an export and import: everything but our ids.
func roundTripKey(c comment.Comment, all map[int64]comment.Comment) string {
	parent := ""
	if c.ParentID != 0 {
		parent = all[c.ParentID].Author
	}
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s|%v|%s|%s", c.ArticleKey, c.Author, c.Email, c.AuthorURL, c.IP,
		c.CreatedAt.UTC().Format(time.RFC3339), c.Raw, c.HTML, c.Staff, c.Status, parent)
}

func roundTripKeys(cs []comment.Comment) []string {
	ids := map[int64]comment.Comment{}
	for _, c := range cs {
		ids[c.ID] = c
	}
	var out []string
	for _, c := range cs {
		out = append(out, roundTripKey(c, ids))
	}
	sort.Strings(out)
	return out
}

func TestExportWXR_ImportsBackTheSame(t *testing.T) {
	dir := t.TempDir()
	db1, db2 := filepath.Join(dir, "one", "b.db"), filepath.Join(dir, "two", "b.db")
	mustRun(t, "import", "wxr", writeFile(t, "export.xml", sampleWXR()), "--db", db1)
	out := filepath.Join(dir, "out.xml")
	mustRun(t, "export", "--format", "wxr", "--out", out, "--db", db1)
	mustRun(t, "import", "wxr", out, "--db", db2)

	arts1, c1 := dump(t, db1)
	arts2, c2 := dump(t, db2)
	k1, k2 := roundTripKeys(c1), roundTripKeys(c2)
	if strings.Join(k1, "\n") != strings.Join(k2, "\n") {
		t.Errorf("round trip changed comments:\nbefore\n%s\nafter\n%s", strings.Join(k1, "\n"), strings.Join(k2, "\n"))
	}
	for key, a := range arts1 {
		b := arts2[key]
		if a.Title != b.Title || a.URL != b.URL || a.State != b.State {
			t.Errorf("article %s: %+v became %+v", key, a, b)
		}
	}
	if len(arts1) != 2 || len(arts2) != 2 {
		t.Errorf("articles: %d before, %d after; want the 2 with comments", len(arts1), len(arts2))
	}
}

func TestImportWXR_MalformedImportsNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	good := sampleWXR()
	// The first item is fine; the second breaks on its fourth line.
	broken := strings.Replace(good, "<wp:post_id>102</wp:post_id>", "<wp:post_id>102</wp:post_idx>", 1)
	line := strings.Count(broken[:strings.Index(broken, "</wp:post_idx>")], "\n") + 1
	_, errOut, code := runCmd(t, "", "import", "wxr", writeFile(t, "bad.xml", broken), "--db", db)
	if code == 0 || !strings.Contains(errOut, fmt.Sprintf("line %d", line)) || !strings.Contains(errOut, "nothing was imported") {
		t.Fatalf("exit %d, stderr %q; want failure naming line %d", code, errOut, line)
	}
	arts, all := dump(t, db)
	if len(all) != 0 || len(arts) != 0 {
		t.Errorf("malformed file left %d articles and %d comments", len(arts), len(all))
	}
}

const sampleDisqus = `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="7001"><id>101 https://kabar.example/?p=101</id><link>https://kabar.example/mudik/</link><title>Arus Mudik</title><isClosed>false</isClosed></thread>
  <thread dsq:id="7002"><id>harga-bawang</id><link>https://kabar.example/bawang/</link><title>Harga Bawang</title><isClosed>true</isClosed></thread>
  <thread dsq:id="7003"><id>bukan kunci sah!</id><link>https://kabar.example/lain/</link><title>Lain</title></thread>
  <post dsq:id="2"><message><![CDATA[<p>Balasan untuk Siti</p>]]></message><createdAt>2013-07-12T16:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>joko@example.test</email><name>Joko Widodo</name><isAnonymous>true</isAnonymous></author>
    <ipAddress>203.0.113.20</ipAddress><thread dsq:id="7001"/><parent dsq:id="1"/></post>
  <post dsq:id="1"><message><![CDATA[<p>Tol sudah macet.</p>]]></message><createdAt>2013-07-12T15:23:51Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>siti@example.test</email><name>Siti Nurhaliza</name><isAnonymous>false</isAnonymous><username>sitinur</username></author>
    <ipAddress>203.0.113.7</ipAddress><thread dsq:id="7001"/></post>
  <post dsq:id="3"><message><![CDATA[dihapus]]></message><createdAt>2013-08-01T03:00:00Z</createdAt>
    <isDeleted>true</isDeleted><isSpam>false</isSpam><author><name>Tamu</name><isAnonymous>true</isAnonymous></author><thread dsq:id="7002"/></post>
  <post dsq:id="4"><message><![CDATA[beli sekarang]]></message><createdAt>2013-08-01T04:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>true</isSpam><author><name>Spammer</name><isAnonymous>true</isAnonymous></author><thread dsq:id="7003"/></post>
  <post dsq:id="5"><message><![CDATA[yatim]]></message><createdAt>2013-08-01T05:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Hilang</name></author><thread dsq:id="9999"/></post>
</disqus>
`

func TestImportDisqus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	file := writeFile(t, "disqus.xml", sampleDisqus)
	out := mustRun(t, "import", "disqus", file, "--db", db)
	if !strings.Contains(out, "articles: 3 new") || !strings.Contains(out, "4 added (2 approved, 0 pending, 1 spam, 1 trash)") ||
		!strings.Contains(out, "post of an unknown thread: 1") {
		t.Errorf("summary:\n%s", out)
	}
	arts, all := dump(t, db)
	for _, key := range []string{"101", "harga-bawang", "disqus-7003"} {
		if _, ok := arts[key]; !ok {
			t.Errorf("no article %q (have %v)", key, arts)
		}
	}
	if arts["harga-bawang"].State != comment.StateClosed {
		t.Error("closed thread not closed")
	}
	m := byAuthor(all)
	if m["Joko Widodo"].ParentID != m["Siti Nurhaliza"].ID || m["Siti Nurhaliza"].ParentID != 0 {
		t.Errorf("reply before its parent lost its thread: %+v", m["Joko Widodo"])
	}
	if m["Tamu"].Status != comment.Trash || m["Spammer"].Status != comment.Spam || m["Siti Nurhaliza"].Email != "siti@example.test" {
		t.Errorf("statuses or email wrong: %+v", m)
	}
	out = mustRun(t, "import", "disqus", file, "--db", db)
	if !strings.Contains(out, "0 added") || !strings.Contains(out, "left as they were: 4") {
		t.Errorf("second run:\n%s", out)
	}
}

func TestExportJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	mustRun(t, "import", "wxr", writeFile(t, "export.xml", sampleWXR()), "--db", db)
	out := mustRun(t, "export", "--format", "json", "--db", db)
	var doc struct {
		Format   string `json:"format"`
		Articles []struct {
			Key      string `json:"key"`
			Title    string `json:"title"`
			Comments []struct {
				Author string `json:"author"`
				Email  string `json:"email"`
				IP     string `json:"ip"`
				Status string `json:"status"`
				Staff  bool   `json:"staff"`
				Parent int64  `json:"parent_id"`
			} `json:"comments"`
		} `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	n := 0
	emails := map[string]bool{}
	for _, a := range doc.Articles {
		for _, c := range a.Comments {
			n++
			emails[c.Email] = true
		}
	}
	if doc.Format != "balasan-export" || len(doc.Articles) != 2 || n != 8 || !emails["dewi@example.test"] {
		t.Errorf("export: format %q, %d articles, %d comments, emails %v", doc.Format, len(doc.Articles), n, emails)
	}
}
