package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"balasan/internal/app"
	"balasan/internal/apptest"
	"balasan/internal/comment"
)

const articleKey = "berita-1"

func submitAs(e *apptest.Env, author, email, text string, parent int64) int64 {
	f := apptest.Form(articleKey)
	f.Set("author", author)
	f.Set("email", email)
	f.Set("comment", text)
	f.Set("url", "https://"+strings.ToLower(strings.Fields(author)[0])+".example/")
	f.Set("comment_parent", strconv.FormatInt(parent, 10))
	return e.Submit(f)
}

// dbBytes reads the database file and its WAL as they lie on disk.
func dbBytes(t *testing.T, path string) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

func TestDatabaseFile_HoldsNoEmail(t *testing.T) {
	e := apptest.New(t)
	emails := []string{"rahasia.pembaca@contoh-surel.test", "Dewi.Ayu@Contoh-Surel.test", "x@contoh-surel.test"}
	for i, em := range emails {
		id := submitAs(e, "Pembaca Nomor"+strconv.Itoa(i), em, "Komentar ke-"+strconv.Itoa(i)+" tentang pantai.", 0)
		if i%2 == 0 {
			e.Approve(id)
		}
	}
	raw := bytes.ToLower(dbBytes(t, e.App.Config.DB))
	if !bytes.Contains(raw, []byte("pembaca nomor1")) {
		t.Fatal("the author's name is not in the file: the test reads the wrong bytes")
	}
	for _, em := range emails {
		if bytes.Contains(raw, []byte(strings.ToLower(em))) {
			t.Errorf("%s is readable in the database file", em)
		}
	}
	if bytes.Contains(raw, []byte("contoh-surel")) {
		t.Error("an email domain is readable in the database file")
	}
	// The address still finds its comments, through the keyed hash.
	m := e.AddModerator("redaktur", "kata-sandi-panjang", comment.RoleModerator)
	c, _ := e.Login(m.Username, "kata-sandi-panjang")
	page := e.Get(c, "/admin/comments?status=pending&q="+url.QueryEscape("dewi.ayu@contoh-surel.test"), http.StatusOK)
	if !strings.Contains(page, "Pembaca Nomor1") {
		t.Error("exact-email search finds nothing")
	}
}

func TestPrivacy_DashboardExportAndErase(t *testing.T) {
	e := apptest.New(t)
	const name, email = "Siti Rahayu", "siti.rahayu@contoh.test"
	first := submitAs(e, name, email, "Semoga pantainya tetap bersih.", 0)
	e.Approve(first)
	reply := submitAs(e, "Andi Wijaya", "andi@contoh.test", "Setuju dengan Bu Siti.", first)
	e.Approve(reply)
	submitAs(e, name, strings.ToUpper(email), "Komentar kedua yang masih menunggu.", 0)
	pub := e.Client()
	if body := e.Get(pub, "/api/articles/"+articleKey+"/comments", http.StatusOK); !strings.Contains(body, name) {
		t.Fatal("the name is not public before the erase")
	}

	e.AddModerator("kepala", "kata-sandi-panjang", comment.RoleAdmin)
	e.AddModerator("biasa", "kata-sandi-panjang", comment.RoleModerator)
	plain, plainCSRF := e.Login("biasa", "kata-sandi-panjang")
	e.Get(plain, "/admin/privacy", http.StatusForbidden)
	if r := e.PostForm(plain, "/admin/privacy/erase", url.Values{"_csrf": {plainCSRF}, "email": {email}, "confirm": {"1"}}); r.StatusCode != http.StatusForbidden {
		t.Errorf("a moderator erased: %d", r.StatusCode)
	}

	c, csrf := e.Login("kepala", "kata-sandi-panjang")
	if page := e.Get(c, "/admin/privacy", http.StatusOK); apptest.CSRF(page) == "" {
		t.Error("privacy page has no CSRF token")
	}
	if r := e.PostForm(c, "/admin/privacy/erase", url.Values{"email": {email}, "confirm": {"1"}}); r.StatusCode != http.StatusForbidden {
		t.Errorf("erase without CSRF: %d, want 403", r.StatusCode)
	}
	r := e.PostForm(c, "/admin/privacy/export", url.Values{"_csrf": {csrf}, "email": {email}})
	var exp struct{ Comments []comment.Record }
	if err := json.Unmarshal([]byte(r.Body), &exp); err != nil || r.StatusCode != http.StatusOK || len(exp.Comments) != 2 {
		t.Fatalf("export: %d %v %s", r.StatusCode, err, r.Body)
	}
	if exp.Comments[0].Email != email || exp.Comments[0].Author != name || exp.Comments[0].IP == "" {
		t.Errorf("export record: %+v", exp.Comments[0])
	}
	if r := e.PostForm(c, "/admin/privacy/erase", url.Values{"_csrf": {csrf}, "email": {email}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("erase without confirmation: %d, want 422", r.StatusCode)
	}
	r = e.PostForm(c, "/admin/privacy/erase", url.Values{"_csrf": {csrf}, "email": {email}, "confirm": {"1"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/admin/privacy?done=erased&n=2" {
		t.Fatalf("erase: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	if page := e.Get(c, "/admin/privacy?done=erased&n=2", http.StatusOK); !strings.Contains(page, "2 komentar dianonimkan") {
		t.Error("no confirmation shown")
	}

	views := map[string]string{
		"public JSON":      e.Get(pub, "/api/articles/"+articleKey+"/comments", http.StatusOK),
		"embed page":       e.Get(pub, "/embed/"+articleKey, http.StatusOK),
		"approved queue":   e.Get(c, "/admin/comments?status=approved", http.StatusOK),
		"pending queue":    e.Get(c, "/admin/comments?status=pending", http.StatusOK),
		"full JSON export": mustRun(t, "export", "--format", "json", "--db", e.App.Config.DB),
	}
	for view, body := range views {
		if strings.Contains(body, name) || strings.Contains(strings.ToLower(body), email) || strings.Contains(body, "siti.example") {
			t.Errorf("%s still shows the name, email or URL", view)
		}
	}
	if !strings.Contains(views["public JSON"], comment.AnonymousName) || !strings.Contains(views["public JSON"], "Semoga pantainya tetap bersih.") ||
		!strings.Contains(views["public JSON"], "Setuju dengan Bu Siti.") {
		t.Errorf("anonymised comment or its reply missing:\n%s", views["public JSON"])
	}
	// Searches echo what was typed; they must find nothing.
	for _, q := range []string{"status=pending&q=" + url.QueryEscape(email), "status=approved&q=" + url.QueryEscape(email),
		"status=approved&q=Siti+Rahayu"} {
		if page := e.Get(c, "/admin/comments?"+q, http.StatusOK); !strings.Contains(page, "Tidak ada komentar di sini.") {
			t.Errorf("search %s still finds comments", q)
		}
	}
	if r := e.PostForm(c, "/admin/privacy/export", url.Values{"_csrf": {csrf}, "email": {email}}); !strings.Contains(r.Body, `"comments":[]`) {
		t.Errorf("export after the erase: %s", r.Body)
	}
	audit := e.Get(c, "/admin/audit", http.StatusOK)
	if !strings.Contains(audit, comment.AuditPrivacyErase) || !strings.Contains(audit, comment.AuditPrivacyExport) {
		t.Error("audit log lacks the privacy requests")
	}
	if strings.Contains(audit, email) {
		t.Error("audit log names the address")
	}
}

func TestPrivacy_CommandLineDeleteReachesRunningServer(t *testing.T) {
	defer app.SetJobIntervals(time.Hour, 20*time.Millisecond)()
	e := apptest.New(t)
	budi := submitAs(e, "Budi Santoso", "budi@contoh.test", "Pantainya indah sekali.", 0)
	e.Approve(budi)
	ani := submitAs(e, "Ani Lestari", "ani@contoh.test", "Betul, Pak Budi.", budi)
	e.Approve(ani)
	pub := e.Client()
	if body := e.Get(pub, "/embed/"+articleKey, http.StatusOK); !strings.Contains(body, "Budi Santoso") {
		t.Fatal("not shown before")
	}
	out := mustRun(t, "privacy", "erase", "--email", "BUDI@contoh.test", "--delete", "--db", e.App.Config.DB)
	if !strings.Contains(out, "Deleted 1 comment") {
		t.Errorf("output: %s", out)
	}
	// The server learns of it from the audit log; wait for its watcher.
	var body string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if body = e.Get(pub, "/api/articles/"+articleKey+"/comments", http.StatusOK); !strings.Contains(body, "Budi Santoso") {
			break
		}
	}
	if strings.Contains(body, "Budi Santoso") || strings.Contains(body, "Pantainya indah") {
		t.Fatalf("the running server still shows the deleted comment:\n%s", body)
	}
	var got struct {
		Comments []struct {
			ID       int64 `json:"id"`
			ParentID int64 `json:"parent_id"`
		}
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || len(got.Comments) != 1 || got.Comments[0].ID != ani || got.Comments[0].ParentID != 0 {
		t.Errorf("the reply should stay, moved up to the top: %s", body)
	}
	entries, err := e.App.Store.Audit(context.Background(), "cli", 0, 10)
	if err != nil || len(entries) != 1 || entries[0].Action != comment.AuditPrivacyDelete || entries[0].Detail != "comments: 1" {
		t.Errorf("audit: %+v %v", entries, err)
	}
}

func TestPrivacy_CommandLineExport(t *testing.T) {
	e := apptest.New(t)
	submitAs(e, "Budi Santoso", "budi@contoh.test", "Satu.", 0)
	submitAs(e, "Budi S.", "Budi@Contoh.test", "Dua.", 0)
	submitAs(e, "Orang Lain", "lain@contoh.test", "Tiga.", 0)
	out := mustRun(t, "privacy", "export", "--email", "budi@CONTOH.test", "--db", e.App.Config.DB)
	var got struct {
		Comments []comment.Record `json:"comments"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err, out)
	}
	if len(got.Comments) != 2 || got.Comments[0].Content != "Satu." || got.Comments[1].Email != "Budi@Contoh.test" {
		t.Errorf("export: %+v", got.Comments)
	}
	if strings.Contains(out, "lain@contoh.test") {
		t.Error("someone else's comment exported")
	}
	if _, errOut, code := runCmd(t, "", "privacy", "export", "--email", "bukan-alamat", "--db", e.App.Config.DB); code != 2 {
		t.Errorf("bad address: exit %d %s", code, errOut)
	}
	if _, _, code := runCmd(t, "", "privacy", "erase", "--email", "a@b.test", "--db", filepath.Join(t.TempDir(), "none.db")); code != 2 {
		t.Errorf("missing database: exit %d, want 2", code)
	}
}

func TestBackup_WhileServing(t *testing.T) {
	e := apptest.New(t)
	id := submitAs(e, "Budi Santoso", "budi@contoh.test", "Dicadangkan.", 0)
	copyPath := filepath.Join(filepath.Dir(e.App.Config.DB), "copy.db")
	out := mustRun(t, "backup", copyPath, "--db", e.App.Config.DB)
	if !strings.Contains(out, "secret.key") {
		t.Errorf("no key note: %s", out)
	}
	if st, err := os.Stat(copyPath); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("backup file: %v %v", st, err)
	}
	// The server keeps taking comments meanwhile.
	submitAs(e, "Ani Lestari", "ani@contoh.test", "Setelah cadangan.", 0)
	c, err := openDB(t, copyPath).Comment(context.Background(), id)
	if err != nil || c.Email != "budi@contoh.test" || c.Raw != "Dicadangkan." {
		t.Errorf("backup copy: %+v %v", c, err)
	}
	if _, _, code := runCmd(t, "", "backup", copyPath, "--db", e.App.Config.DB); code == 0 {
		t.Error("backup overwrote an existing file")
	}
}
