package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"balasan/internal/apptest"
)

type apiBody struct {
	Article struct {
		Key          string `json:"key"`
		CommentCount int    `json:"comment_count"`
		CommentsOpen bool   `json:"comments_open"`
	} `json:"article"`
	Comments []struct {
		ID          int64  `json:"id"`
		ParentID    int64  `json:"parent_id"`
		Author      string `json:"author"`
		ContentHTML string `json:"content_html"`
		CreatedAt   string `json:"created_at"`
		Status      string `json:"status"`
	} `json:"comments"`
}

func submitJSON(t *testing.T, env *apptest.Env, v url.Values) (id int64, hash string) {
	t.Helper()
	resp := env.Do(env.Client(), http.MethodPost, "/comments", "application/x-www-form-urlencoded", v.Encode(),
		http.Header{"Accept": {"application/json"}})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("submit: %d %s", resp.StatusCode, resp.Body)
	}
	var out struct {
		ID   int64  `json:"id"`
		Hash string `json:"moderation_hash"`
	}
	json.Unmarshal([]byte(resp.Body), &out)
	return out.ID, out.Hash
}

func TestRead_ApprovedOnlyThreadedAndPreview(t *testing.T) {
	env := apptest.New(t)
	first, _ := submitJSON(t, env, apptest.Form(key))
	env.Approve(first)
	reply := apptest.Form(key)
	reply.Set("comment", "Setuju dengan Budi")
	reply.Set("email", "ani@example.test")
	reply.Set("comment_parent", strconv.FormatInt(first, 10))
	second, hash := submitJSON(t, env, reply)

	var body apiBody
	json.Unmarshal([]byte(env.Get(env.Client(), "/api/articles/"+key+"/comments", 200)), &body)
	if body.Article.CommentCount != 1 || len(body.Comments) != 1 || body.Comments[0].ID != first || !body.Article.CommentsOpen {
		t.Fatalf("public view: %+v", body)
	}
	preview := "/api/articles/" + key + "/comments?unapproved=" + strconv.FormatInt(second, 10) + "&moderation-hash=" + hash
	resp := env.Do(env.Client(), http.MethodGet, preview, "", "", nil)
	json.Unmarshal([]byte(resp.Body), &body)
	if len(body.Comments) != 2 || body.Comments[1].Status != "pending" || body.Comments[1].ParentID != first {
		t.Fatalf("preview: %+v", body)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("preview Cache-Control %q", cc)
	}
	json.Unmarshal([]byte(env.Get(env.Client(), preview[:len(preview)-4]+"0000", 200)), &body)
	if len(body.Comments) != 1 {
		t.Fatalf("a wrong hash showed the pending comment")
	}
	env.Approve(second)
	json.Unmarshal([]byte(env.Get(env.Client(), "/api/articles/"+key+"/comments", 200)), &body)
	if len(body.Comments) != 2 || body.Comments[0].ID != first || body.Comments[1].ParentID != first {
		t.Fatalf("after approval, oldest first and threaded: %+v", body)
	}
	counts := env.Get(env.Client(), "/api/counts?article="+key+"&article=none", 200)
	if counts != `{"berita-123":2,"none":0}` {
		t.Errorf("counts %s", counts)
	}
	if got := env.Get(env.Client(), "/healthz", 200); !strings.Contains(got, "ok") {
		t.Errorf("healthz %s", got)
	}
}

func TestRead_NotFoundAndBadKeys(t *testing.T) {
	env := apptest.New(t)
	for path, want := range map[string]int{
		"/api/articles/unknown-but-valid/comments": 200,
		"/api/articles/bad%20key/comments":         404,
		"/embed/bad%20key":                         404,
		"/api/counts?article=a&article=b%20c":      200,
		"/nope":                                    404,
	} {
		resp := env.Do(env.Client(), http.MethodGet, path, "", "", nil)
		if resp.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, resp.StatusCode, want)
		}
	}
	resp := env.Do(env.Client(), http.MethodGet, "/comments", "", "", nil)
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /comments: %d, want 405", resp.StatusCode)
	}
}

// TestPublic_NeverShowsEmailOrIP searches every public answer for the
// commenters' emails and IP.
func TestPublic_NeverShowsEmailOrIP(t *testing.T) {
	env := apptest.New(t)
	v := apptest.Form(key)
	v.Set("email", "rahasia.budi@example.test")
	v.Set("url", "https://budi.example.test")
	id, hash := submitJSON(t, env, v)
	env.Approve(id)
	p := apptest.Form(key)
	p.Set("email", "tersembunyi.ani@example.test")
	p.Set("comment_parent", strconv.FormatInt(id, 10))
	pid, phash := submitJSON(t, env, p)
	_ = hash
	q := "?unapproved=" + strconv.FormatInt(pid, 10) + "&moderation-hash=" + phash
	paths := []string{
		"/api/articles/" + key + "/comments", "/api/articles/" + key + "/comments" + q,
		"/embed/" + key, "/embed/" + key + q, "/embed/" + key + "?fragment=1", "/embed/" + key + "?replytocom=" + strconv.FormatInt(id, 10),
		"/api/counts?article=" + key, "/", "/embed.js", "/healthz",
	}
	for _, path := range paths {
		for _, lang := range []string{"id", "en"} {
			resp := env.Do(env.Client(), http.MethodGet, path, "", "", http.Header{"Accept-Language": {lang}})
			text := resp.Body + strings.Join(flatten(resp.Header), " ")
			for _, secret := range []string{"rahasia.budi", "tersembunyi.ani", "@example.test", "127.0.0.1", "Go-http-client"} {
				if strings.Contains(text, secret) && !(secret == "127.0.0.1" && strings.Contains(env.URL, secret) && !strings.Contains(strings.ReplaceAll(text, env.URL, ""), secret)) {
					t.Errorf("%s (%s) reveals %q", path, lang, secret)
				}
			}
		}
	}
}

func flatten(h http.Header) []string {
	var out []string
	for k, vs := range h {
		out = append(out, k+": "+strings.Join(vs, ","))
	}
	return out
}
