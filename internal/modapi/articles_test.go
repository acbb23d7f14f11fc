package modapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

// TestArticles: listed newest first with counts, a cursor and search; closed and opened
// (a reader's comment is then refused or taken); corrected with the
// dashboard's rules; each change audited under the token's name.
func TestArticles(t *testing.T) {
	a := newAPI(t, "-allowed-origins", "https://berita.example")
	a.Approve(a.submit("b-pantai", "Satu."))
	a.submit("c-pasar", "Dua.")
	a.submit("a-banjir", "Tiga.")

	// Newest first, as the dashboard's articles page: the two made last,
	// then b-pantai and the demo article made at start.
	keys := func(page map[string]any) map[string]map[string]any {
		out := map[string]map[string]any{}
		for _, x := range page["articles"].([]any) {
			out[x.(map[string]any)["key"].(string)] = x.(map[string]any)
		}
		return out
	}
	page := a.ok("GET", "/api/v1/articles?limit=2", a.mod, "", 200)
	first := keys(page)
	next, _ := page["next"].(string)
	if len(first) != 2 || first["a-banjir"] == nil || first["c-pasar"] == nil || next == "" {
		t.Fatalf("first page %v", page)
	}
	page = a.ok("GET", "/api/v1/articles?limit=2&after="+next, a.mod, "", 200)
	second := keys(page)
	if len(second) != 2 || second["demo-kabar-pesisir"] == nil || second["b-pantai"] == nil {
		t.Fatalf("second page %v", page)
	}
	if b := second["b-pantai"]; b["approved_count"] != float64(1) || b["comments_open"] != true || b["comment_status"] != "auto" {
		t.Errorf("article %v", b)
	}
	if found := keys(a.ok("GET", "/api/v1/articles?q=c-pa", a.mod, "", 200)); len(found) != 1 || found["c-pasar"] == nil {
		t.Errorf("search by a key's prefix: %v", found)
	}
	a.ok("GET", "/api/v1/articles?after=a%20b", a.mod, "", 422)
	a.ok("GET", "/api/v1/articles?limit=500", a.mod, "", 422)

	closed := a.ok("POST", "/api/v1/articles/c-pasar/close", a.mod, "", 200)
	if closed["comment_status"] != "closed" || closed["comments_open"] != false {
		t.Fatalf("closed %v", closed)
	}
	if resp := a.PostForm(a.Client(), "/comments", apptest.Form("c-pasar")); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a comment on a closed article: %d", resp.StatusCode)
	}
	if opened := a.ok("POST", "/api/v1/articles/c-pasar/open", a.mod, "", 200); opened["comments_open"] != true {
		t.Fatalf("opened %v", opened)
	}
	a.ok("POST", "/api/v1/articles/c-pasar/lock", a.mod, "", 404)
	a.ok("POST", "/api/v1/articles/../close", a.mod, "", 404)

	fixed := a.ok("POST", "/api/v1/articles/c-pasar", a.mod, `{"title":"Harga Cabai Naik","url":"https://berita.example/cabai"}`, 200)
	if fixed["title"] != "Harga Cabai Naik" || fixed["url"] != "https://berita.example/cabai" || fixed["verified"] != true {
		t.Fatalf("corrected %v", fixed)
	}
	body := a.ok("POST", "/api/v1/articles/c-pasar", a.mod, `{"title":"","url":"https://evil.example/x"}`, 422)
	if errs := body["errors"].(map[string]any); errs["title"] == nil || errs["url"] == nil {
		t.Errorf("refused correction %v", body)
	}
	if art, _ := a.App.Store.Article(context.Background(), "c-pasar"); art.Title != "Harga Cabai Naik" {
		t.Errorf("a refused correction changed the title to %q", art.Title)
	}

	audit, _ := a.App.Store.Audit(context.Background(), "token:cms", 0, 10)
	if len(audit) != 3 || audit[0].Action != "article_edit" || audit[1].Action != "article_open" || audit[2].Action != "article_closed" {
		t.Errorf("audit %+v", audit)
	}
}

// TestAudit: the log newest first, by moderator, with a cursor.
func TestAudit(t *testing.T) {
	a := newAPI(t)
	for _, text := range []string{"Satu.", "Dua.", "Tiga."} {
		a.ok("POST", "/api/v1/comments/"+itoa(a.submit("k", text))+"/approve", a.mod, "", 200)
	}
	a.Approve(a.submit("k", "Empat.")) // by "test", through the service

	page := a.ok("GET", "/api/v1/audit?moderator=token:cms&limit=2", a.mod, "", 200)
	entries := page["entries"].([]any)
	if len(entries) != 2 || page["next"] == nil {
		t.Fatalf("page %v", page)
	}
	e := entries[0].(map[string]any)
	if e["moderator"] != "token:cms" || e["action"] != "approve" || e["article"] != "k" || e["comment_id"] == float64(0) {
		t.Errorf("entry %v", e)
	}
	rest := a.ok("GET", "/api/v1/audit?moderator=token:cms&limit=2&before="+page["next"].(string), a.mod, "", 200)
	if len(rest["entries"].([]any)) != 1 {
		t.Errorf("second page %v", rest)
	}
	if all := a.ok("GET", "/api/v1/audit", a.mod, "", 200); len(all["entries"].([]any)) != 4 || all["next"] != nil {
		t.Errorf("everyone's %v", all)
	}
	a.ok("GET", "/api/v1/audit?before=abc", a.mod, "", 422)

	a.AddModerator("siti", "password-siti-1", comment.RoleAdmin)
	resp := a.call("GET", "/api/v1/moderators", a.admin, "")
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, `"username":"siti","role":"admin","disabled":false`) ||
		strings.Contains(resp.Body, "argon2") || strings.Contains(resp.Body, "password") {
		t.Errorf("moderators %d %s", resp.StatusCode, resp.Body)
	}
}
