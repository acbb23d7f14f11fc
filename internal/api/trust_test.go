package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

const newsSite = "https://berita.example"

// submitWith posts a comment as JSON with extra fields and returns the answer.
func submitWith(t *testing.T, env *apptest.Env, c *http.Client, fields map[string]any) *apptest.Response {
	t.Helper()
	b, _ := json.Marshal(mergeBase(fields))
	return env.Do(c, http.MethodPost, "/comments", "application/json", string(b), nil)
}

func article(t *testing.T, env *apptest.Env, k string) comment.Article {
	t.Helper()
	a, err := env.App.Store.Article(context.Background(), k)
	if err != nil && comment.ErrorCode(err) != comment.ENotFound {
		t.Fatal(err)
	}
	return a
}

// TestTrust_ReaderCannotSquatArticle (issue 10.3): what a reader's request
// says about an article's page is at most provisional: never from a
// submission that went to spam or from a foreign origin, never over a
// verified value, never in the embed page's <title>.
func TestTrust_ReaderCannotSquatArticle(t *testing.T) {
	env := apptest.New(t, "-allowed-origins", newsSite)
	tests := []struct {
		name      string
		key       string
		fields    map[string]any
		referer   string
		wantURL   string
		wantTitle string
	}{
		{"honeypot bot registers nothing", "a-spam", map[string]any{"bls_hp": "x", "page_url": newsSite + "/palsu", "page_title": "Judul Palsu"}, "", "", ""},
		{"disallowed-keys spam registers nothing", "a-spam2", map[string]any{"comment": "beli obatkuat sekarang", "page_url": newsSite + "/palsu", "page_title": "Judul Palsu"}, "", "", ""},
		{"foreign origin registers nothing", "a-foreign", map[string]any{"page_url": "https://jahat.example/x", "page_title": "Judul Palsu"}, "", "", ""},
		{"javascript URL registers nothing", "a-js", map[string]any{"page_url": "javascript:alert(1)", "page_title": "Judul Palsu"}, "", "", ""},
		{"foreign Referer registers nothing", "a-ref", nil, "https://jahat.example/a/b", "", ""},
		{"allowed page: provisional", "a-ok", map[string]any{"page_url": newsSite + "/2026/pantai?utm=x#c", "page_title": "Judul Pembaca"}, "", newsSite + "/2026/pantai", "Judul Pembaca"},
	}
	saveKeys(t, env, "", "obatkuat")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := map[string]any{"comment_post_ID": tt.key}
			for k, v := range tt.fields {
				f[k] = v
			}
			b, _ := json.Marshal(mergeBase(f))
			h := http.Header{}
			if tt.referer != "" {
				h.Set("Referer", tt.referer)
			}
			if r := env.Do(env.Client(), http.MethodPost, "/comments", "application/json", string(b), h); r.StatusCode != http.StatusCreated {
				t.Fatalf("submit: %d %s", r.StatusCode, r.Body)
			}
			a := article(t, env, tt.key)
			if a.URL != tt.wantURL || a.Title != tt.wantTitle || a.Verified {
				t.Errorf("article = url %q title %q verified %v, want %q %q unverified", a.URL, a.Title, a.Verified, tt.wantURL, tt.wantTitle)
			}
			if page := env.Get(env.Client(), "/embed/"+tt.key, http.StatusOK); strings.Contains(page, "Judul") {
				t.Errorf("the embed page shows a reader's title:\n%.400s", page)
			}
		})
	}

	// A moderator's values are verified, replace the provisional ones,
	// show in the page title, and no reader changes them afterwards.
	env.AddModerator("penyunting", password, comment.RoleModerator)
	mod, csrf := env.Login("penyunting", password)
	r := env.PostForm(mod, "/admin/articles/a-ok", url.Values{"_csrf": {csrf}, "title": {"Judul Redaksi"}, "url": {newsSite + "/2026/pantai-bersih"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("correct article: %d %s", r.StatusCode, r.Body)
	}
	for _, later := range []map[string]any{
		{"comment_post_ID": "a-ok", "page_url": newsSite + "/lain", "page_title": "Judul Lain"},
	} {
		b, _ := json.Marshal(mergeBase(later))
		env.Do(env.Client(), http.MethodPost, "/comments", "application/json", string(b), nil)
	}
	if a := article(t, env, "a-ok"); !a.Verified || a.Title != "Judul Redaksi" || a.URL != newsSite+"/2026/pantai-bersih" {
		t.Errorf("after correction and a later reader: %+v", a)
	}
	if page := env.Get(env.Client(), "/embed/a-ok", http.StatusOK); !strings.Contains(page, "— Judul Redaksi</title>") {
		t.Errorf("the embed page lacks the verified title")
	}
}

var nth atomic.Int64

// mergeBase is a valid JSON submission with f's fields over it; each
// call has its own text, so none is a duplicate.
func mergeBase(f map[string]any) map[string]any {
	body := map[string]any{"comment_post_ID": key, "author": "Budi Santoso", "email": "budi@example.test",
		"comment": "Komentar nomor " + strconv.FormatInt(nth.Add(1), 10)}
	for k, v := range f {
		body[k] = v
	}
	return body
}

// TestTrust_EditArticleRoute: POST /admin/articles/{key} takes title and
// url from the body only, under CSRF, for moderators; the URL must be
// http(s) on an allowed origin; every change is audited.
func TestTrust_EditArticleRoute(t *testing.T) {
	env := apptest.New(t, "-allowed-origins", newsSite)
	env.AddModerator("penyunting", password, comment.RoleModerator)
	mod, csrf := env.Login("penyunting", password)
	tests := []struct {
		name  string
		path  string
		form  url.Values
		query string
		want  int
	}{
		{"no CSRF", "/admin/articles/k1", url.Values{"title": {"T"}, "url": {newsSite + "/a"}}, "", http.StatusForbidden},
		{"foreign origin", "/admin/articles/k1", url.Values{"_csrf": {csrf}, "title": {"T"}, "url": {"https://jahat.example/a"}}, "", http.StatusUnprocessableEntity},
		{"javascript URL", "/admin/articles/k1", url.Values{"_csrf": {csrf}, "title": {"T"}, "url": {"javascript:alert(1)"}}, "", http.StatusUnprocessableEntity},
		{"no scheme", "/admin/articles/k1", url.Values{"_csrf": {csrf}, "title": {"T"}, "url": {"berita.example/a"}}, "", http.StatusUnprocessableEntity},
		{"empty title", "/admin/articles/k1", url.Values{"_csrf": {csrf}, "title": {"  "}, "url": {newsSite + "/a"}}, "", http.StatusUnprocessableEntity},
		{"title too long", "/admin/articles/k1", url.Values{"_csrf": {csrf}, "title": {strings.Repeat("j", 301)}}, "", http.StatusUnprocessableEntity},
		{"fields in the query only", "/admin/articles/k1", url.Values{"_csrf": {csrf}}, "?title=T&url=" + url.QueryEscape(newsSite+"/a"), http.StatusUnprocessableEntity},
		{"bad key", "/admin/articles/bad%20key", url.Values{"_csrf": {csrf}, "title": {"T"}}, "", http.StatusNotFound},
		{"good", "/admin/articles/k1", url.Values{"_csrf": {csrf}, "title": {"Judul Benar"}, "url": {newsSite + "/benar"}}, "", http.StatusSeeOther},
		{"good without URL", "/admin/articles/k2", url.Values{"_csrf": {csrf}, "title": {"Tanpa Halaman"}}, "", http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := env.Do(mod, http.MethodPost, tt.path+tt.query, "application/x-www-form-urlencoded", tt.form.Encode(), nil)
			if r.StatusCode != tt.want {
				t.Fatalf("status %d, want %d\n%.300s", r.StatusCode, tt.want, r.Body)
			}
		})
	}
	if a := article(t, env, "k1"); !a.Verified || a.Title != "Judul Benar" || a.URL != newsSite+"/benar" {
		t.Errorf("k1 = %+v", a)
	}
	if a := article(t, env, "k2"); !a.Verified || a.Title != "Tanpa Halaman" || a.URL != "" {
		t.Errorf("k2 = %+v", a)
	}
	audit := env.Get(mod, "/admin/audit", http.StatusOK)
	if strings.Count(audit, "article_edit") != 2 {
		t.Errorf("audit log should list both corrections:\n%.2000s", audit)
	}
}

// TestTrust_QueueMarksUnverified: the dashboard marks an article whose
// page or title only a reader gave, until a moderator confirms it.
func TestTrust_QueueMarksUnverified(t *testing.T) {
	env := apptest.New(t, "-allowed-origins", newsSite)
	b, _ := json.Marshal(mergeBase(map[string]any{"page_url": newsSite + "/x", "page_title": "Judul Pembaca"}))
	env.Do(env.Client(), http.MethodPost, "/comments", "application/json", string(b), nil)
	env.AddModerator("penyunting", password, comment.RoleModerator)
	mod, csrf := env.Login("penyunting", password)
	if page := env.Get(mod, "/admin/comments", http.StatusOK); !strings.Contains(page, "belum diverifikasi") {
		t.Fatal("the queue does not mark the reader's article page as unverified")
	}
	env.PostForm(mod, "/admin/articles/"+key, url.Values{"_csrf": {csrf}, "title": {"Judul Redaksi"}, "url": {newsSite + "/x"}})
	if page := env.Get(mod, "/admin/comments", http.StatusOK); strings.Contains(page, "belum diverifikasi") {
		t.Error("still marked unverified after a moderator's correction")
	}
}

// answerShape is the sorted field names of a JSON answer and its status.
func answerShape(t *testing.T, r *apptest.Response) (string, string) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.Body), &m); err != nil || r.StatusCode != http.StatusCreated {
		t.Fatalf("answer %d %s", r.StatusCode, r.Body)
	}
	var names []string
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	st, _ := m["status"].(string)
	return strings.Join(names, ","), st
}

// TestTrust_TrustedNeedsProof (issue 10.6): under "trusted", knowing a
// regular's email is not enough. Only the browser that wrote an approved
// comment (its author token, JSON field or cookie) is approved at once,
// and an unproven answer looks exactly like one for an unknown address.
func TestTrust_TrustedNeedsProof(t *testing.T) {
	env := apptest.New(t, "-moderation", "trusted")
	saveKeys(t, env, "tahan", "")
	budi := env.Client()
	first := submitWith(t, env, budi, nil)
	var ans struct {
		ID    int64  `json:"id"`
		Token string `json:"author_token"`
	}
	json.Unmarshal([]byte(first.Body), &ans)
	if ans.Token == "" {
		t.Fatalf("no author token in %s", first.Body)
	}
	token := ans.Token
	// Before approval the token proves nothing.
	if _, st := answerShape(t, submitWith(t, env, budi, map[string]any{"author_token": token})); st != "pending" {
		t.Fatalf("token of a pending comment approved a comment")
	}
	env.Approve(ans.ID)

	stranger, _ := answerShape(t, submitWith(t, env, env.Client(), map[string]any{"email": "orang.baru@example.test"}))
	otherKey := comment.AuthorToken([]byte("kunci lain"), []int64{ans.ID})
	tests := []struct {
		name  string
		extra map[string]any
		want  string
	}{
		{"known email, no proof", nil, "pending"},
		{"known email other case, no proof", map[string]any{"email": "BUDI@example.test"}, "pending"},
		{"forged token", map[string]any{"author_token": otherKey}, "pending"},
		{"garbage token", map[string]any{"author_token": "a1.1.beef"}, "pending"},
		{"token, other email", map[string]any{"author_token": token, "email": "ani@example.test"}, "pending"},
		{"token, held by a rule", map[string]any{"author_token": token, "comment": "tolong tahan ini"}, "pending"},
		{"token", map[string]any{"author_token": token}, "approved"},
		{"token, email other case", map[string]any{"author_token": token, "email": "Budi@Example.test"}, "approved"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shape, st := answerShape(t, submitWith(t, env, env.Client(), tt.extra))
			if st != tt.want {
				t.Errorf("status %q, want %q", st, tt.want)
			}
			if tt.want == "pending" && shape != stranger {
				t.Errorf("answer fields %q differ from an unknown address's %q", shape, stranger)
			}
		})
	}

	// Someone typing Budi's address gets a token for their own comment;
	// it proves nothing while that comment is not approved.
	attack := submitWith(t, env, env.Client(), map[string]any{"comment": "Saya bukan Budi"})
	var at struct {
		Token string `json:"author_token"`
	}
	json.Unmarshal([]byte(attack.Body), &at)
	if _, st := answerShape(t, submitWith(t, env, env.Client(), map[string]any{"author_token": at.Token})); st != "pending" {
		t.Error("a token got by typing a regular's email approved a comment")
	}

	// The plain form carries the proof in a cookie.
	form := env.Client()
	v := apptest.Form(key)
	v.Set("comment", "Lewat formulir pertama")
	r := env.PostForm(form, "/comments", v)
	var ck *http.Cookie
	for _, c := range r.Cookies() {
		if c.Name == "balasan_author" {
			ck = c
		}
	}
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
		t.Fatalf("form answer cookie %+v, want an HttpOnly SameSite=Lax balasan_author", ck)
	}
	env.Approve(apptest.CommentID(r.Header.Get("Location")))
	v.Set("comment", "Lewat formulir kedua")
	r = env.PostForm(form, "/comments", v)
	if c := stored(t, env, apptest.CommentID(r.Header.Get("Location"))); c.Status != comment.Approved {
		t.Errorf("form with the cookie of an approved comment: %q, want approved", c.Status)
	}
}

// TestTrust_AllPolicyNoToken: under "all" nothing is approved at once and
// no token or cookie is handed out.
func TestTrust_AllPolicyNoToken(t *testing.T) {
	env := apptest.New(t)
	r := submitWith(t, env, env.Client(), nil)
	if strings.Contains(r.Body, "author_token") {
		t.Errorf("token under the all policy: %s", r.Body)
	}
	f := env.PostForm(env.Client(), "/comments", apptest.Form(key))
	for _, c := range f.Cookies() {
		if c.Name == "balasan_author" {
			t.Error("author cookie under the all policy")
		}
	}
}

// TestTrust_PreviewEndsAtFirstModeration (issue 10.12): a moderation hash
// shows a comment only before any moderator acted on it, also when an
// unapprove or a restore makes it pending again.
func TestTrust_PreviewEndsAtFirstModeration(t *testing.T) {
	env := apptest.New(t)
	tests := []struct {
		name    string
		actions []comment.Action
	}{
		{"approve", []comment.Action{comment.ActApprove}},
		{"approve then unapprove", []comment.Action{comment.ActApprove, comment.ActUnapprove}},
		{"spam then restore", []comment.Action{comment.ActSpam, comment.ActRestore}},
		{"trash then restore", []comment.Action{comment.ActTrash, comment.ActRestore}},
		{"unapprove while pending", []comment.Action{comment.ActUnapprove}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := apptest.Form(key)
			text := "Pratinjau nomor " + strconv.Itoa(i) + "."
			v.Set("comment", text)
			id, hash := submitJSON(t, env, v)
			path := "/api/articles/" + key + "/comments?unapproved=" + strconv.FormatInt(id, 10) + "&moderation-hash=" + hash
			if !strings.Contains(env.Get(env.Client(), path, http.StatusOK), text) {
				t.Fatal("the fresh pending comment is not previewed")
			}
			for _, a := range tt.actions {
				moderate(t, env, id, a)
			}
			c := stored(t, env, id)
			body := env.Get(env.Client(), path, http.StatusOK)
			if c.Status != comment.Approved && strings.Contains(body, text) {
				t.Errorf("status %q: still previewed after %v", c.Status, tt.actions)
			}
			if strings.Contains(body, `"status":"pending"`) {
				t.Errorf("a moderated comment is shown as the reader's pending one: %s", body)
			}
		})
	}
}

// TestTrust_MissingStampIsSpamEvidence (issue 10.12): a submission without
// a valid form stamp (none, or forged) scores higher than the same text
// with one; with the model already doubtful, that sends it to spam.
func TestTrust_MissingStampIsSpamEvidence(t *testing.T) {
	env := apptest.New(t)
	tests := []struct {
		name  string
		stamp func() string
		high  bool
	}{
		{"our stamp", func() string { return formStamp(t, env) }, false},
		{"no stamp", func() string { return "" }, true},
		{"forged stamp", func() string { return "1700000000.00000000000000000000000000000000" }, true},
		{"stamp of another key", func() string { return comment.Stamp([]byte("kunci lain"), time.Now()) }, true},
	}
	var base float64 = -1
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := apptest.Form(key)
			v.Set("comment", "Cap formulir nomor "+strconv.Itoa(i))
			v.Set("bls_ts", tt.stamp())
			c := stored(t, env, env.Submit(v))
			if c.SpamScore == nil {
				t.Fatal("no spam score stored")
			}
			if !tt.high {
				base = *c.SpamScore
				return
			}
			if base < 0 || *c.SpamScore <= base {
				t.Errorf("score %.3f, want above the stamped one's %.3f", *c.SpamScore, base)
			}
		})
	}
}
