package dashboard_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"balasan/internal/comment"
)

// pageForm is a form found in a page by one of its classes: where it
// posts and its fields (hidden and others with a value).
type pageForm struct {
	action string
	values url.Values
}

func findForm(t *testing.T, page, class string) *pageForm {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var found *pageForm
	var walk func(n *html.Node, f *pageForm)
	walk = func(n *html.Node, f *pageForm) {
		if n.Type == html.ElementNode {
			if n.Data == "form" && f == nil && hasClass(n, class) {
				f = &pageForm{action: attr(n, "action"), values: url.Values{}}
				found = f
			}
			if n.Data == "input" && f != nil && attr(n, "name") != "" {
				f.values.Add(attr(n, "name"), attr(n, "value"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, f)
		}
	}
	walk(doc, nil)
	return found
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func (d *dash) status(id int64) comment.Status {
	d.T.Helper()
	c, err := d.App.Store.Comment(d.T.Context(), id)
	if err != nil {
		d.T.Fatal(err)
	}
	return c.Status
}

func ids64(ids ...int64) []string {
	var out []string
	for _, id := range ids {
		out = append(out, strconv.FormatInt(id, 10))
	}
	return out
}

// TestUndo_WithoutJavaScript: each change says what it did on the page
// it returns to, with an Undo form that puts the comments back; the undo
// says so and offers no undo of its own.
func TestUndo_WithoutJavaScript(t *testing.T) {
	d := newDash(t, "-spam-starter", "off")
	a := d.submit("urung", "Komentar pertama yang ditunda.")
	b := d.submit("urung", "Komentar kedua yang ditunda.")
	c := d.submit("urung", "Komentar ketiga yang ditunda.")
	d.Approve(c)
	tests := []struct {
		name     string
		path     string
		v        url.Values
		ids      []int64
		to       comment.Status
		message  string
		undoVerb string
	}{
		{"approve one", "/admin/comments/" + strconv.FormatInt(a, 10) + "/approve", url.Values{}, []int64{a},
			comment.Approved, "1 komentar disetujui.", "unapprove"},
		{"unapprove one", "/admin/comments/" + strconv.FormatInt(c, 10) + "/unapprove", url.Values{}, []int64{c},
			comment.Pending, "1 komentar batal disetujui, kembali menunggu.", "approve"},
		{"spam one", "/admin/comments/" + strconv.FormatInt(b, 10) + "/spam", url.Values{}, []int64{b},
			comment.Spam, "1 komentar ditandai sebagai spam.", "restore"},
		// A pending and an approved comment: each goes back to its own.
		{"bulk trash", "/admin/comments/bulk", url.Values{"action": {"trash"}, "id": ids64(a, b, c)}, []int64{a, b, c},
			comment.Trash, "3 komentar dipindahkan ke Sampah.", "restore"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := map[int64]comment.Status{}
			for _, id := range tt.ids {
				before[id] = d.status(id)
			}
			tt.v.Set("_csrf", d.csrf)
			r := d.post(d.c, tt.path, tt.v, "", false)
			loc := r.Header.Get("Location")
			if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/comments?") {
				t.Fatalf("%d to %q", r.StatusCode, loc)
			}
			for _, id := range tt.ids {
				if st := d.status(id); st != tt.to {
					t.Fatalf("comment %d is %s after, want %s", id, st, tt.to)
				}
			}
			page := d.Get(d.c, loc, http.StatusOK)
			mustContain(t, page, `<div class="adm-flash" role="status"><p>`+tt.message+`</p>`)
			undo := findForm(t, page, "adm-undoform")
			if undo == nil {
				t.Fatal("no undo form")
			}
			if undo.action != "/admin/comments/bulk" || undo.values.Get("action") != tt.undoVerb ||
				strings.Join(undo.values["id"], ",") != strings.Join(ids64(tt.ids...), ",") {
				t.Fatalf("undo form %+v", undo)
			}
			// The Undo is a plain form post from that page.
			r = d.Do(d.c, http.MethodPost, undo.action, "application/x-www-form-urlencoded", undo.values.Encode(),
				http.Header{"Referer": {d.URL + loc}})
			for _, id := range tt.ids {
				if st := d.status(id); st != before[id] {
					t.Errorf("comment %d is %s after the undo, want %s", id, st, before[id])
				}
			}
			after := d.Get(d.c, r.Header.Get("Location"), http.StatusOK)
			mustContain(t, after, "Dibatalkan: "+strconv.Itoa(len(tt.ids))+" komentar dikembalikan.")
			if findForm(t, after, "adm-undoform") != nil {
				t.Error("an undo offers another undo")
			}
			if strings.Count(r.Header.Get("Location"), "done=") != 1 {
				t.Errorf("the old flash stays in the URL: %s", r.Header.Get("Location"))
			}
		})
	}
}

// TestUndo_FlashCannotBeForged: the message comes only from a flash this
// session signed; a made-up, altered or another session's one shows
// nothing, and no page ever shows text from the URL.
func TestUndo_FlashCannotBeForged(t *testing.T) {
	d := newDash(t, "-spam-starter", "off")
	a := d.submit("palsu", "Komentar untuk diuji.")
	r := d.post(d.c, "/admin/comments/"+strconv.FormatInt(a, 10)+"/trash", url.Values{"_csrf": {d.csrf}}, "", false)
	loc := r.Header.Get("Location")
	token, _ := url.ParseQuery(strings.SplitN(loc, "?", 2)[1])
	good := token.Get("done")
	if !strings.Contains(d.Get(d.c, loc, http.StatusOK), "adm-flash") {
		t.Fatal("the session's own flash is not shown")
	}
	other, _ := d.Login(adminName, adminPass) // a second session of the same account
	i := strings.LastIndexByte(good, '.')
	for name, done := range map[string]string{
		"other session":      good,
		"count changed":      strings.Replace(good, "trash.1.", "trash.9.", 1),
		"undo ids changed":   strings.Replace(good, ".restore."+strconv.FormatInt(a, 10)+".", ".restore.1-2-3.", 1),
		"no signature":       good[:i],
		"text in the URL":    "<script>alert(1)</script>",
		"message key forged": "login_failed.1....1." + good[i+1:],
	} {
		c := d.c
		if name == "other session" {
			c = other
		}
		page := d.Get(c, "/admin/comments?done="+url.QueryEscape(done), http.StatusOK)
		if strings.Contains(page, "adm-flash") || strings.Contains(page, "adm-undoform") || strings.Contains(page, "<script>alert") {
			t.Errorf("%s: the page shows a flash", name)
		}
	}
}

// TestUndo_JSON: the script gets the words, the Undo and the counts.
func TestUndo_JSON(t *testing.T) {
	d := newDash(t, "-spam-starter", "off")
	a := d.submit("json", "Komentar satu untuk JSON.")
	b := d.submit("json", "Komentar dua untuk JSON.")
	r := d.post(d.c, "/admin/comments/bulk", url.Values{"action": {"approve"}, "id": ids64(a, b, 999999)}, d.csrf, true)
	var got struct {
		Done    int    `json:"done"`
		Message string `json:"message"`
		Undo    struct {
			Action string  `json:"action"`
			IDs    []int64 `json:"ids"`
		} `json:"undo"`
		Counts map[string]int `json:"counts"`
	}
	if err := json.Unmarshal([]byte(r.Body), &got); err != nil {
		t.Fatalf("%v: %s", err, r.Body)
	}
	if got.Done != 2 || got.Message != "2 komentar disetujui." || got.Undo.Action != "unapprove" ||
		len(got.Undo.IDs) != 2 || got.Counts["approved"] != 2 {
		t.Errorf("answer %+v", got)
	}
	// In English, with the plural.
	d.PostForm(d.c, "/admin/account/lang", url.Values{"_csrf": {d.csrf}, "lang": {"en"}})
	r = d.post(d.c, "/admin/comments/bulk", url.Values{"action": {"unapprove"}, "id": ids64(a, b)}, d.csrf, true)
	mustContain(t, r.Body, `"message":"2 comments unapproved, pending again."`)
	r = d.post(d.c, "/admin/comments/"+strconv.FormatInt(a, 10)+"/approve", nil, d.csrf, true)
	mustContain(t, r.Body, `"message":"1 comment approved."`)
	// A delete cannot be undone: no undo is offered.
	r = d.post(d.c, "/admin/comments/"+strconv.FormatInt(b, 10)+"/delete", nil, d.csrf, true)
	mustContain(t, r.Body, `"message":"1 comment deleted permanently."`)
	mustNotContain(t, r.Body, `"undo"`)
}

// TestBulk_NothingSelectedAndDeleteAsksFirst: a bulk action without a
// selection says so (422, nothing changes); a permanent delete from the
// page's form shows a confirmation first, which works without a script.
func TestBulk_NothingSelectedAndDeleteAsksFirst(t *testing.T) {
	d := newDash(t, "-spam-starter", "off")
	a := d.submit("hapus", "Komentar yang akan dihapus satu.")
	b := d.submit("hapus", "Komentar yang akan dihapus dua.")
	for _, id := range []int64{a, b} {
		d.post(d.c, "/admin/comments/"+strconv.FormatInt(id, 10)+"/trash", nil, d.csrf, true)
	}

	r := d.post(d.c, "/admin/comments/bulk", url.Values{"_csrf": {d.csrf}, "action": {"approve"}, "ask": {"1"}}, "", false)
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("nothing selected: %d", r.StatusCode)
	}
	mustContain(t, r.Body, "Belum ada komentar yang dipilih.", `href="/admin/comments"`)
	r = d.post(d.c, "/admin/comments/bulk", url.Values{"action": {"approve"}}, d.csrf, true)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Belum ada komentar yang dipilih.") {
		t.Errorf("nothing selected, JSON: %d %s", r.StatusCode, r.Body)
	}

	// Delete from the form: a question first, nothing deleted yet.
	trashView := d.URL + "/admin/comments?status=trash"
	v := url.Values{"_csrf": {d.csrf}, "action": {"delete"}, "ask": {"1"}, "id": ids64(a, b)}
	r = d.Do(d.c, http.MethodPost, "/admin/comments/bulk", "application/x-www-form-urlencoded", v.Encode(), http.Header{"Referer": {trashView}})
	if r.StatusCode != http.StatusOK {
		t.Fatalf("delete question: %d", r.StatusCode)
	}
	mustContain(t, r.Body, "Hapus 2 komentar secara permanen? Ini tidak dapat diurungkan.")
	if d.status(a) != comment.Trash || d.status(b) != comment.Trash {
		t.Fatal("deleted before the answer")
	}
	confirm := findForm(t, r.Body, "adm-confirm")
	if confirm == nil || confirm.values.Get("confirm") != "1" || len(confirm.values["id"]) != 2 ||
		confirm.values.Get("back") != "/admin/comments?status=trash" {
		t.Fatalf("confirmation form %+v", confirm)
	}
	// The answer is posted from the confirmation page (its own URL as the
	// Referer); it goes back to the trash view.
	r = d.Do(d.c, http.MethodPost, confirm.action, "application/x-www-form-urlencoded", confirm.values.Encode(),
		http.Header{"Referer": {d.URL + "/admin/comments/bulk"}})
	if loc := r.Header.Get("Location"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/comments?") ||
		!strings.Contains(loc, "status=trash") {
		t.Fatalf("confirmed delete: %d to %q", r.StatusCode, loc)
	}
	for _, id := range []int64{a, b} {
		if _, err := d.App.Store.Comment(t.Context(), id); comment.ErrorCode(err) != comment.ENotFound {
			t.Errorf("comment %d not deleted: %v", id, err)
		}
	}
	page := d.Get(d.c, r.Header.Get("Location"), http.StatusOK)
	mustContain(t, page, "2 komentar dihapus permanen.")
	if findForm(t, page, "adm-undoform") != nil {
		t.Error("a permanent delete offers an undo")
	}

	// One comment's delete asks inside its row, without a script.
	c := d.submit("hapus", "Satu lagi untuk dihapus.")
	d.post(d.c, "/admin/comments/"+strconv.FormatInt(c, 10)+"/spam", nil, d.csrf, true)
	mustContain(t, d.Get(d.c, "/admin/comments?status=spam", http.StatusOK),
		`<details class="adm-delete">`, "Hapus 1 komentar secara permanen?", "Ya, hapus permanen")
}
