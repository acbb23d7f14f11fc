package api_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"balasan/internal/apptest"
	"balasan/web"
)

// stampValue is a form stamp (unix time, dot, MAC): fresh in every
// answer, so it is masked before two answers are compared.
var stampValue = regexp.MustCompile(`\d{9,}\.[A-Za-z0-9_-]+`)

// varied are the request headers a shared cache must key public answers
// by when they change the answer, each with values that could.
var varied = []struct {
	name   string
	values func(env *apptest.Env) []string
}{
	{"Origin", func(env *apptest.Env) []string { return []string{"", env.URL, "https://situs-lain.example"} }},
	{"Accept-Language", func(*apptest.Env) []string { return []string{"id", "en-US,en;q=0.9"} }},
	{"Accept", func(*apptest.Env) []string { return []string{"text/html", "application/json"} }},
	{"Accept-Encoding", func(*apptest.Env) []string { return []string{"identity", "gzip, br"} }},
}

// answerHeaders are the headers of an answer that may depend on the request.
var answerHeaders = []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Content-Type",
	"Content-Encoding", "Content-Language", "ETag", "Location", "Content-Security-Policy"}

// TestVary_PublicRoutes asks every public route with different values of
// each header a cache must know of. Where the answer (status, body or a
// header) changes with one, its Vary must name it; Vary must also name
// the headers listed for the route, whatever the answer.
func TestVary_PublicRoutes(t *testing.T) {
	env := apptest.New(t)
	env.Approve(env.Submit(apptest.Form(key)))
	bad := url.Values{"comment_post_ID": {key}, "author": {"Siti"}, "email": {"bukan-email"}, "comment": {"Halo"}}.Encode()
	routes := []struct {
		name, method, path, body string
		want                     []string // named in Vary whatever the request's headers
	}{
		{"comments json", "GET", "/api/articles/" + key + "/comments", "", []string{"Origin", "Accept-Encoding"}},
		{"comments page", "GET", "/api/articles/" + key + "/comments?limit=1", "", []string{"Origin", "Accept-Encoding"}},
		{"comments unknown key", "GET", "/api/articles/a!b/comments", "", []string{"Origin", "Accept-Language"}},
		{"counts", "GET", "/api/counts?article=" + key, "", []string{"Origin"}},
		{"counts too many", "GET", "/api/counts?" + strings.Repeat("article=k&", 101), "", []string{"Origin", "Accept-Language"}},
		{"form stamp", "GET", "/api/form-stamp", "", []string{"Origin"}},
		{"api unknown route", "GET", "/api/tidak-ada", "", []string{"Origin", "Accept-Language"}},
		{"embed page", "GET", "/embed/" + key, "", []string{"Accept-Encoding"}},
		{"embed fragment", "GET", "/embed/" + key + "?fragment=1", "", []string{"Accept-Encoding"}},
		{"embed english", "GET", "/embed/" + key + "?lang=en", "", []string{"Accept-Encoding"}},
		{"embed bad key", "GET", "/embed/a!b", "", []string{"Accept", "Accept-Language"}},
		{"demo page", "GET", "/", "", []string{"Accept-Language", "Accept-Encoding"}},
		{"widget", "GET", "/embed.js", "", []string{"Accept-Encoding"}},
		{"counter", "GET", "/count.js", "", []string{"Accept-Encoding"}},
		{"stylesheet", "GET", "/static/balasan.css", "", []string{"Accept-Encoding"}},
		{"hashed stylesheet", "GET", web.AssetPath("balasan.css"), "", []string{"Accept-Encoding"}},
		{"comments newest page", "GET", "/api/articles/" + key + "/comments?limit=1&order=newest", "", []string{"Origin", "Accept-Encoding"}},
		{"comments bad page", "GET", "/api/articles/" + key + "/comments?limit=0", "", []string{"Origin", "Accept-Language"}},
		{"health", "GET", "/healthz", "", nil},
		{"readiness", "GET", "/readyz", "", nil},
		{"notify confirm forged", "GET", "/notify/confirm?c=1&s=palsu", "", []string{"Accept", "Accept-Language"}},
		{"unsubscribe forged", "GET", "/notify/unsubscribe?c=1&s=palsu", "", []string{"Accept", "Accept-Language"}},
		{"unknown page", "GET", "/tidak-ada", "", []string{"Accept", "Accept-Language"}},
		{"submit invalid", "POST", "/comments", bad, []string{"Origin", "Accept", "Accept-Language"}},
		{"submit preflight", "OPTIONS", "/comments", "", []string{"Origin"}},
	}
	for _, rt := range routes {
		t.Run(rt.name, func(t *testing.T) {
			do := func(h http.Header) *apptest.Response {
				if rt.method == "OPTIONS" {
					h.Set("Access-Control-Request-Method", "POST")
				}
				ct := ""
				if rt.body != "" {
					ct = "application/x-www-form-urlencoded"
				}
				return env.Do(env.Client(), rt.method, rt.path, ct, rt.body, h)
			}
			base := do(http.Header{"Origin": {env.URL}})
			for _, w := range rt.want {
				if !varies(base.Header, w) {
					t.Errorf("Vary %q lacks %s", base.Header.Values("Vary"), w)
				}
			}
			for _, v := range varied {
				var first *apptest.Response
				for _, val := range v.values(env) {
					h := http.Header{"Accept-Encoding": {"identity"}}
					if val != "" {
						h.Set(v.name, val)
					}
					r := do(h)
					if first == nil {
						first = r
						continue
					}
					if diff := difference(first, r); diff != "" && !(varies(first.Header, v.name) && varies(r.Header, v.name)) {
						t.Errorf("%s: %s changes the %s, but Vary is %q / %q", v.name, val, diff,
							first.Header.Values("Vary"), r.Header.Values("Vary"))
					}
				}
			}
		})
	}
}

// difference names what differs between two answers, or "".
func difference(a, b *apptest.Response) string {
	if a.StatusCode != b.StatusCode {
		return "status"
	}
	for _, h := range answerHeaders {
		if a.Header.Get(h) != b.Header.Get(h) {
			return h + " header"
		}
	}
	if stampValue.ReplaceAllString(a.Body, "STAMP") != stampValue.ReplaceAllString(b.Body, "STAMP") {
		return "body"
	}
	return ""
}

// varies reports whether an answer's Vary names header (or is "*").
func varies(h http.Header, header string) bool {
	for _, v := range h.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			if f = strings.TrimSpace(f); f == "*" || strings.EqualFold(f, header) {
				return true
			}
		}
	}
	return false
}
