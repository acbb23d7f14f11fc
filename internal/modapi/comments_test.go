package modapi_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"balasan/internal/comment"
)

func ids(t *testing.T, body map[string]any) []int64 {
	t.Helper()
	var out []int64
	for _, c := range body["comments"].([]any) {
		out = append(out, int64(c.(map[string]any)["id"].(float64)))
	}
	return out
}

// TestList: the queue with the dashboard's filters and keyset cursors;
// a page holds no email, IP or agent; bad values are 422 naming the field.
func TestList(t *testing.T) {
	a := newAPI(t)
	c1 := a.submit("pantai", "Satu: pantai bersih.")
	c2 := a.submit("pantai", "Dua: gotong royong.")
	c3 := a.submit("pasar", "Tiga: harga cabai.")
	a.Approve(c3)

	page := a.ok("GET", "/api/v1/comments?limit=1", a.mod, "", 200)
	if got := ids(t, page); len(got) != 1 || got[0] != c1 || page["next"] != itoa(c1) {
		t.Fatalf("first page %v next %v", got, page["next"])
	}
	first := page["comments"].([]any)[0].(map[string]any)
	for _, k := range []string{"email", "ip", "user_agent"} {
		if _, ok := first[k]; ok {
			t.Errorf("a queue page carries %s", k)
		}
	}
	if first["article"] != "pantai" || first["status"] != "pending" || fmt.Sprint(first["actions"]) != "[approve spam trash]" {
		t.Errorf("row %v", first)
	}
	page = a.ok("GET", "/api/v1/comments?limit=1&after="+itoa(c1), a.mod, "", 200)
	if got := ids(t, page); len(got) != 1 || got[0] != c2 {
		t.Fatalf("second page %v", got)
	}
	page = a.ok("GET", "/api/v1/comments?limit=1&after="+itoa(c2), a.mod, "", 200)
	if got := ids(t, page); len(got) != 0 || page["next"] != nil {
		t.Fatalf("past the end %v next %v", got, page["next"])
	}

	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"", []int64{c1, c2}},
		{"status=approved", []int64{c3}},
		{"status=spam", nil},
		{"article=pasar&status=approved", []int64{c3}},
		{"article=pasar", nil},
		{"q=gotong", []int64{c2}},
		{"q=" + url.QueryEscape("budi@example.test"), []int64{c1, c2}},
	} {
		if got := ids(t, a.ok("GET", "/api/v1/comments?"+tc.query, a.mod, "", 200)); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("?%s: %v, want %v", tc.query, got, tc.want)
		}
	}

	for _, tc := range []struct{ query, field string }{
		{"status=deleted", "status"},
		{"article=" + url.QueryEscape("a b"), "article"},
		{"article=..", "article"},
		{"after=x", "after"},
		{"after=-1", "after"},
		{"limit=0", "limit"},
		{"limit=201", "limit"},
		{"limit=1e3", "limit"},
	} {
		body := a.ok("GET", "/api/v1/comments?"+tc.query, a.mod, "", 422)
		if errs, _ := body["errors"].(map[string]any); errs[tc.field] == nil {
			t.Errorf("?%s: %v", tc.query, body)
		}
	}
}

// TestShow: one comment with what moderators see.
func TestShow(t *testing.T) {
	a := newAPI(t)
	id := a.submit("pantai", "Satu komentar.")
	c := a.ok("GET", "/api/v1/comments/"+itoa(id), a.mod, "", 200)
	if c["email"] != "budi@example.test" || c["ip"] != "127.0.0.1" || c["author"] != "Budi Santoso" ||
		c["content_raw"] != "Satu komentar." || !strings.Contains(c["content_html"].(string), "Satu komentar.") {
		t.Fatalf("comment %v", c)
	}
	for _, path := range []string{"/api/v1/comments/999999", "/api/v1/comments/abc", "/api/v1/comments/0", "/api/v1/comments/-1",
		"/api/v1/comments/99999999999999999999"} {
		a.ok("GET", path, a.mod, "", 404)
	}
}

// TestAct: each action through the service, audited under the token's
// name, with the dashboard's rules (a moderated comment's preview link
// shows nothing any more).
func TestAct(t *testing.T) {
	a := newAPI(t)
	id := a.submit("pantai", "Menunggu keputusan.")
	c, _ := a.App.Store.Comment(context.Background(), id)
	preview := "/api/articles/pantai/comments?unapproved=" + itoa(id) + "&moderation-hash=" + c.Hash
	if body := a.Get(a.Client(), preview, 200); !strings.Contains(body, "Menunggu keputusan.") {
		t.Fatalf("the author's preview before: %s", body)
	}

	for _, step := range []struct{ action, want string }{
		{"approve", "approved"}, {"unapprove", "pending"}, {"spam", "spam"}, {"restore", "pending"},
		{"trash", "trash"}, {"delete", "deleted"},
	} {
		got := a.ok("POST", "/api/v1/comments/"+itoa(id)+"/"+step.action, a.mod, "", 200)
		if got["status"] != step.want || got["action"] != step.action || got["id"] != float64(id) {
			t.Fatalf("%s: %v", step.action, got)
		}
		if step.action == "unapprove" {
			if body := a.Get(a.Client(), preview, 200); strings.Contains(body, "Menunggu keputusan.") {
				t.Fatal("the preview link shows the comment again after a moderator acted")
			}
		}
	}
	a.ok("GET", "/api/v1/comments/"+itoa(id), a.mod, "", 404)

	audit, err := a.App.Store.Audit(context.Background(), "token:cms", 0, 10)
	if err != nil || len(audit) != 6 || audit[0].Action != "delete" || audit[5].Action != "approve" || audit[5].CommentID != id {
		t.Fatalf("audit %+v %v", audit, err)
	}

	other := a.submit("pantai", "Yang lain.")
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/api/v1/comments/" + itoa(other) + "/publish", 404},
		{"/api/v1/comments/999999/approve", 404},
		{"/api/v1/comments/x/approve", 404},
	} {
		a.ok("POST", tc.path, a.mod, "", tc.want)
	}
	if resp := a.call("GET", "/api/v1/comments/"+itoa(other)+"/approve", a.mod, ""); resp.StatusCode != 404 && resp.StatusCode != 405 {
		t.Errorf("GET on an action: %d", resp.StatusCode)
	}
	if c, _ := a.App.Store.Comment(context.Background(), other); c.Status != comment.Pending {
		t.Errorf("a refused action changed the comment: %s", c.Status)
	}
	// A query string changes nothing: the action is the path's.
	got := a.ok("POST", "/api/v1/comments/"+itoa(other)+"/spam?action=approve", a.mod, "", 200)
	if got["status"] != "spam" {
		t.Errorf("query changed the action: %v", got)
	}
}

// TestBulk: one action on many comments; unknown ids skipped; a body
// that is wrong is 400, 415 or 422 and changes nothing.
func TestBulk(t *testing.T) {
	a := newAPI(t)
	c1, c2, c3 := a.submit("k", "Satu."), a.submit("k", "Dua."), a.submit("k", "Tiga.")
	got := a.ok("POST", "/api/v1/comments/bulk", a.mod, fmt.Sprintf(`{"action":"spam","ids":[%d,%d,999999]}`, c1, c2), 200)
	if got["done"] != float64(2) || got["action"] != "spam" {
		t.Fatalf("bulk %v", got)
	}
	for _, id := range []int64{c1, c2} {
		if c, _ := a.App.Store.Comment(context.Background(), id); c.Status != comment.Spam {
			t.Errorf("comment %d is %s", id, c.Status)
		}
	}

	many := strings.Repeat("1,", 200) + "1"
	for _, tc := range []struct {
		name, ctype, body string
		want              int
		field             string
	}{
		{"not JSON", "application/json", `{"action":`, 400, ""},
		{"two values", "application/json", `{"action":"approve","ids":[1]} {}`, 400, ""},
		{"a form", "application/x-www-form-urlencoded", "action=approve&id=" + itoa(c3), 415, ""},
		{"no type", "text/plain", `{"action":"approve","ids":[1]}`, 415, ""},
		{"ids as text", "application/json", `{"action":"approve","ids":"` + itoa(c3) + `"}`, 422, "ids"},
		{"id as text", "application/json", `{"action":"approve","ids":["` + itoa(c3) + `"]}`, 422, "ids"},
		{"action a number", "application/json", `{"action":1,"ids":[1]}`, 422, "action"},
		{"no ids", "application/json", `{"action":"approve","ids":[]}`, 422, "ids"},
		{"zero id", "application/json", `{"action":"approve","ids":[0]}`, 422, "ids"},
		{"too many", "application/json", `{"action":"approve","ids":[` + many + `]}`, 422, "ids"},
		{"unknown action", "application/json", `{"action":"publish","ids":[1]}`, 422, "action"},
		{"too big", "application/json", `{"action":"approve","ids":[1],"x":"` + strings.Repeat("a", 1<<20) + `"}`, 413, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := a.call("POST", "/api/v1/comments/bulk", a.mod, tc.body, "Content-Type", tc.ctype)
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, tc.want, resp.Body)
			}
			body := decode(t, resp.Body)
			if errs, _ := body["errors"].(map[string]any); tc.field != "" && errs[tc.field] == nil {
				t.Errorf("no message for %s: %v", tc.field, body)
			}
		})
	}
	if c, _ := a.App.Store.Comment(context.Background(), c3); c.Status != comment.Pending {
		t.Errorf("a refused request changed comment %d: %s", c3, c.Status)
	}
}

// TestReply: a staff reply under the token's name; a pending comment is
// approved first, as in the dashboard; an empty text changes nothing.
func TestReply(t *testing.T) {
	a := newAPI(t)
	parent := a.submit("pantai", "Kapan acaranya?")
	body := a.ok("POST", "/api/v1/comments/"+itoa(parent)+"/reply", a.mod, `{"comment":""}`, 422)
	if errs, _ := body["errors"].(map[string]any); errs["comment"] == nil {
		t.Fatalf("empty reply: %v", body)
	}
	if c, _ := a.App.Store.Comment(context.Background(), parent); c.Status != comment.Pending {
		t.Fatal("a refused reply approved the comment")
	}
	r := a.ok("POST", "/api/v1/comments/"+itoa(parent)+"/reply", a.mod, `{"comment":"Minggu pagi, <b>pukul 7</b>."}`, 201)
	if r["author"] != "cms" || r["staff"] != true || r["status"] != "approved" || r["parent_id"] != float64(parent) ||
		r["content_html"] != "<p>Minggu pagi, <b>pukul 7</b>.</p>" {
		t.Fatalf("reply %v", r)
	}
	if c, _ := a.App.Store.Comment(context.Background(), parent); c.Status != comment.Approved {
		t.Errorf("parent is %s", c.Status)
	}
	thread := a.Get(a.Client(), "/api/articles/pantai/comments", 200)
	if !strings.Contains(thread, `"author":"cms"`) || strings.Contains(thread, "token:") {
		t.Errorf("public thread: %s", thread)
	}
	audit, _ := a.App.Store.Audit(context.Background(), "token:cms", 0, 10)
	if len(audit) != 2 || audit[0].Action != "reply" || audit[1].Action != "approve" {
		t.Errorf("audit %+v", audit)
	}

	spam := a.submit("pantai", "Beli obat murah.")
	a.ok("POST", "/api/v1/comments/"+itoa(spam)+"/spam", a.mod, "", 200)
	a.ok("POST", "/api/v1/comments/"+itoa(spam)+"/reply", a.mod, `{"comment":"Tidak."}`, 422)
	a.ok("POST", "/api/v1/comments/999999/reply", a.mod, `{"comment":"Tidak."}`, 404)
	a.ok("POST", "/api/v1/comments/"+itoa(parent)+"/reply", a.mod, `{"comment":5}`, 422)
	a.ok("POST", "/api/v1/comments/"+itoa(parent)+"/reply", a.mod, `comment=x`, 400)
}
