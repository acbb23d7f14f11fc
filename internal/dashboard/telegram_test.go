package dashboard_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"balasan/internal/comment"
)

// TestAccounts_LinkTelegram: an admin links a Telegram user id to an
// account from the body of a CSRF-checked form; the page shows it; a bad
// or taken id is a clear 4xx that changes nothing; a moderator, a missing
// token or an id in the query string changes nothing either.
func TestAccounts_LinkTelegram(t *testing.T) {
	d := newDash(t)
	sari := d.AddModerator(modName, modPass, comment.RoleModerator)
	id := moderatorID(t, d, modName)
	adminID := moderatorID(t, d, adminName)
	path := "/admin/moderators/" + id + "/telegram"
	links := func() map[int64]int64 {
		l, err := d.App.Store.TelegramLinks(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return l
	}

	if r := d.post(d.c, path, url.Values{"telegram_id": {"123456789"}}, d.csrf, false); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("link: %d %s", r.StatusCode, r.Body)
	}
	if l := links(); len(l) != 1 || l[sari.ID] != 123456789 {
		t.Fatalf("links %v", l)
	}
	page := d.Get(d.c, "/admin/moderators", http.StatusOK)
	if v := inputValue(t, page, "tg-"+id); v != "123456789" {
		t.Fatalf("the page shows %q as sari's Telegram id", v)
	}
	if a, _ := d.App.Store.Audit(t.Context(), adminName, 0, 1); len(a) != 1 || a[0].Action != "moderator_telegram" ||
		a[0].Detail != "sari → 123456789" {
		t.Fatalf("audit %+v", a)
	}

	for _, tc := range []struct {
		name, path, value string
		want              int
		msg               string
	}{
		{"not a number", path, "@sari", http.StatusUnprocessableEntity, "ID Telegram harus berupa angka"},
		{"negative", path, "-5", http.StatusUnprocessableEntity, "ID Telegram harus berupa angka"},
		{"taken by another account", "/admin/moderators/" + adminID + "/telegram", "123456789", http.StatusConflict, "sudah ditautkan"},
		{"unknown account", "/admin/moderators/99999/telegram", "42", http.StatusNotFound, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := d.post(d.c, tc.path, url.Values{"telegram_id": {tc.value}}, d.csrf, false)
			if r.StatusCode != tc.want || !strings.Contains(r.Body, tc.msg) {
				t.Fatalf("%d, want %d with %q\n%s", r.StatusCode, tc.want, tc.msg, r.Body)
			}
			if l := links(); len(l) != 1 || l[sari.ID] != 123456789 {
				t.Fatalf("links changed: %v", l)
			}
		})
	}

	// No CSRF token; the id in the query string only; a moderator.
	if r := d.post(d.c, path, url.Values{"telegram_id": {"1"}}, "", false); r.StatusCode != http.StatusForbidden {
		t.Errorf("without CSRF: %d", r.StatusCode)
	}
	if r := d.post(d.c, path+"?telegram_id=777", url.Values{}, d.csrf, false); r.StatusCode != http.StatusSeeOther {
		t.Errorf("query-only: %d", r.StatusCode)
	}
	if l := links(); l[sari.ID] == 777 {
		t.Fatalf("a query-string value was used: %v", l)
	}
	// (The query-only post had an empty body value: it unlinked, as an empty field does.)
	if l := links(); len(l) != 0 {
		t.Fatalf("an empty field should unlink: %v", l)
	}
	mc, mcsrf := d.Login(modName, modPass)
	if r := d.post(mc, "/admin/moderators/"+adminID+"/telegram", url.Values{"telegram_id": {"5"}}, mcsrf, false); r.StatusCode != http.StatusForbidden {
		t.Errorf("a moderator linking: %d", r.StatusCode)
	}
	if l := links(); len(l) != 0 {
		t.Fatalf("a moderator's link was saved: %v", l)
	}
}

// inputValue returns the value of the input with id in page.
func inputValue(t *testing.T, page, id string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*html.Node) (string, bool)
	walk = func(n *html.Node) (string, bool) {
		if n.Type == html.ElementNode && n.Data == "input" {
			var gotID, value string
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					gotID = a.Val
				case "value":
					value = a.Val
				}
			}
			if gotID == id {
				return value, true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if v, ok := walk(c); ok {
				return v, true
			}
		}
		return "", false
	}
	v, ok := walk(doc)
	if !ok {
		t.Fatalf("no input #%s", id)
	}
	return v
}
