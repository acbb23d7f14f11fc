package dashboard_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

type actAnswer struct {
	ID           int64          `json:"id"`
	Status       string         `json:"status"`
	Done         int            `json:"done"`
	ParentStatus string         `json:"parent_status"`
	ContentHTML  string         `json:"content_html"`
	Counts       map[string]int `json:"counts"`
}

func decode(t *testing.T, body string) actAnswer {
	t.Helper()
	var a actAnswer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return a
}

func TestActions_EachActionWithCounts(t *testing.T) {
	d := newDash(t)
	id := d.submit("aksi", "Satu komentar.")
	steps := []struct {
		action, want string
		counts       map[string]int
	}{
		{"approve", "approved", map[string]int{"pending": 0, "approved": 1}},
		{"unapprove", "pending", map[string]int{"pending": 1, "approved": 0}},
		{"spam", "spam", map[string]int{"pending": 0, "spam": 1}},
		{"restore", "pending", map[string]int{"pending": 1, "spam": 0}},
		{"trash", "trash", map[string]int{"pending": 0, "trash": 1}},
		{"restore", "pending", map[string]int{"pending": 1, "trash": 0}},
		{"delete", "pending", map[string]int{"pending": 0}},
	}
	for _, s := range steps {
		resp := d.post(d.c, "/admin/comments/"+strconv.FormatInt(id, 10)+"/"+s.action, nil, d.csrf, true)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", s.action, resp.StatusCode, resp.Body)
		}
		a := decode(t, resp.Body)
		if a.Status != s.want {
			t.Errorf("%s: status %q, want %q", s.action, a.Status, s.want)
		}
		for st, n := range s.counts {
			if a.Counts[st] != n {
				t.Errorf("%s: count %s = %d, want %d", s.action, st, a.Counts[st], n)
			}
		}
	}
	// Without JSON, a form action goes back to where it came from.
	id2 := d.submit("aksi", "Dua.")
	resp := d.post(d.c, "/admin/comments/"+strconv.FormatInt(id2, 10)+"/approve", url.Values{"_csrf": {d.csrf}}, "", false)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/comments?done=approve.1.") {
		t.Errorf("form action: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, ok := publicIDs(t, d.Env, "aksi")[id2]; !ok {
		t.Error("approved comment not in the public API")
	}
}

func TestActions_Bulk(t *testing.T) {
	d := newDash(t)
	var v = url.Values{"action": {"spam"}}
	for i := range 5 {
		v.Add("id", strconv.FormatInt(d.submit("massal", "Iklan ke-"+strconv.Itoa(i)), 10))
	}
	keep := d.submit("massal", "Komentar yang baik.")
	v.Add("id", "999999") // unknown ids are skipped
	resp := d.post(d.c, "/admin/comments/bulk", v, d.csrf, true)
	a := decode(t, resp.Body)
	if resp.StatusCode != http.StatusOK || a.Done != 5 || a.Counts["spam"] != 5 || a.Counts["pending"] != 1 {
		t.Fatalf("bulk: %d %+v", resp.StatusCode, a)
	}
	body := d.Get(d.c, "/admin/comments", http.StatusOK)
	if got := ids(body); len(got) != 1 || got[0] != keep {
		t.Errorf("pending after bulk spam: %v", got)
	}
	if resp := d.post(d.c, "/admin/comments/bulk", url.Values{"action": {"explode"}, "id": {"1"}}, d.csrf, true); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad bulk action: %d", resp.StatusCode)
	}
}

func TestActions_Edit(t *testing.T) {
	d := newDash(t)
	id := d.submit("sunting", "Tulisan asli dengan salah ketik.")
	d.Approve(id)
	path := "/admin/comments/" + strconv.FormatInt(id, 10) + "/edit"
	resp := d.post(d.c, path, url.Values{"comment": {"Tulisan <b>sudah</b> diperbaiki. <script>alert(1)</script><a href=\"javascript:x()\">tautan</a>"}}, d.csrf, true)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("edit: %d %s", resp.StatusCode, resp.Body)
	}
	got := publicIDs(t, d.Env, "sunting")[id].ContentHTML
	if !strings.Contains(got, "<b>sudah</b> diperbaiki") || strings.Contains(got, "<script") || strings.Contains(got, "javascript:") {
		t.Errorf("public content after edit: %q", got)
	}
	if a := decode(t, resp.Body); a.ContentHTML != got {
		t.Errorf("answer %q differs from stored %q", a.ContentHTML, got)
	}
	for _, bad := range []string{"", "   ", "<img src=x>", strings.Repeat("x", 65526)} {
		if resp := d.post(d.c, path, url.Values{"comment": {bad}}, d.csrf, true); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("edit to %.20q: %d, want 422", bad, resp.StatusCode)
		}
	}
	if resp := d.post(d.c, "/admin/comments/424242/edit", url.Values{"comment": {"x"}}, d.csrf, true); resp.StatusCode != http.StatusNotFound {
		t.Errorf("edit of a missing comment: %d", resp.StatusCode)
	}
	// The queue shows the edited raw text in the edit form.
	body := d.Get(d.c, "/admin/comments?status=approved", http.StatusOK)
	mustContain(t, body, "Tulisan &lt;b&gt;sudah&lt;/b&gt; diperbaiki.")
}

func TestActions_ReplyAsModerator(t *testing.T) {
	d := newDash(t)
	pending := d.submit("balas", "Kapan jalan desa diperbaiki?")
	resp := d.post(d.c, "/admin/comments/"+strconv.FormatInt(pending, 10)+"/reply", url.Values{"comment": {"Sudah kami tanyakan ke dinas; bulan depan."}}, d.csrf, true)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("reply: %d %s", resp.StatusCode, resp.Body)
	}
	a := decode(t, resp.Body)
	if a.Status != "approved" || a.ParentStatus != "approved" || a.Counts["approved"] != 2 || a.Counts["pending"] != 0 {
		t.Errorf("reply answer %+v", a)
	}
	pub := publicIDs(t, d.Env, "balas")
	r, ok := pub[a.ID]
	if !ok || !r.Staff || r.Author != adminName || r.ParentID != pending || !strings.Contains(r.ContentHTML, "bulan depan") {
		t.Errorf("reply in public API: %+v (found %v)", r, ok)
	}
	if p, ok := pub[pending]; !ok || p.Staff {
		t.Errorf("replying did not approve the parent: %+v", p)
	}
	// The public API never shows an email or IP of the staff reply either.
	body := d.Get(d.Client(), "/api/articles/balas/comments", http.StatusOK)
	mustContain(t, body, `"staff":true`)
	mustNotContain(t, body, "@example.test", "127.0.0.1")

	spam := d.submit("balas", "Beli obat murah.")
	d.post(d.c, "/admin/comments/"+strconv.FormatInt(spam, 10)+"/spam", nil, d.csrf, true)
	if resp := d.post(d.c, "/admin/comments/"+strconv.FormatInt(spam, 10)+"/reply", url.Values{"comment": {"x"}}, d.csrf, true); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("reply to spam: %d", resp.StatusCode)
	}
	if resp := d.post(d.c, "/admin/comments/"+strconv.FormatInt(pending, 10)+"/reply", url.Values{"comment": {""}}, d.csrf, true); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("empty reply: %d", resp.StatusCode)
	}
	// Without JavaScript the reply form posts and comes back.
	resp = d.post(d.c, "/admin/comments/"+strconv.FormatInt(pending, 10)+"/reply", url.Values{"_csrf": {d.csrf}, "comment": {"Terima kasih."}}, "", false)
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("form reply: %d", resp.StatusCode)
	}
	if n := len(public(t, d.Env, "balas")); n != 3 {
		t.Errorf("public comments: %d, want 3", n)
	}
	// A staff reply in the queue carries the staff badge.
	mustContain(t, d.Get(d.c, "/admin/comments?status=approved", http.StatusOK), `class="adm-badge">Redaksi<`)
}
