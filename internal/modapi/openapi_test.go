package modapi_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/labstack/echo/v4"

	"balasan/internal/modapi"
)

// loadDocument parses and validates the served OpenAPI document as 3.1.
func loadDocument(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	// A form's error answers are HTML pages, checked as text.
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder)
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(modapi.Document)
	if err != nil {
		t.Fatal(err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("document is OpenAPI %s", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("invalid document: %v", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, router
}

// apiCall is one real request of the conformance walk.
type apiCall struct {
	name, method, path, token, ctype, body string
	want                                   int
	header                                 []string
}

// TestOpenAPI_RealAnswers walks every route of the public and the
// moderation API with real requests against the running app, and checks
// each answer (status, headers it declares, body) against the document;
// an undocumented status fails too. Requests that should succeed are
// checked against the document as well, so its request schemas stay true.
func TestOpenAPI_RealAnswers(t *testing.T) {
	doc, router := loadDocument(t)
	a := newAPI(t, "-allowed-origins", "https://berita.example")
	pending := a.submit("pantai", "Kapan acaranya dimulai?")
	approved := a.submit("pantai", "Pantainya jadi bersih.")
	a.Approve(approved)
	toDelete := a.submit("pasar", "Harga cabai naik lagi.")
	bulk1, bulk2 := a.submit("pasar", "Satu."), a.submit("pasar", "Dua.")
	c, _ := a.App.Store.Comment(context.Background(), pending)
	id := func(n int64) string { return fmt.Sprint(n) }
	mod, admin := a.mod, a.admin
	form := "comment_post_ID=pantai&author=Ani&email=ani%40example.test&comment=Lewat+formulir."

	calls := []apiCall{
		// The public API.
		{"submit json", "POST", "/comments", "", "application/json",
			`{"comment_post_ID":"pantai","author":"Ani","email":"ani@example.test","comment":"Ikut senang.","notify":true}`, 201, nil},
		{"submit form", "POST", "/comments", "", "application/x-www-form-urlencoded", form, 303, nil},
		{"submit duplicate", "POST", "/comments", "", "application/json",
			`{"comment_post_ID":"pantai","author":"Ani","email":"ani@example.test","comment":"Ikut senang."}`, 409, nil},
		{"submit invalid", "POST", "/comments", "", "application/json", `{"comment_post_ID":"pantai","author":"","email":"x","comment":"y"}`, 422, nil},
		{"submit broken", "POST", "/comments", "", "application/json", `{"comment_post_ID":`, 400, nil},
		{"submit other type", "POST", "/comments", "", "text/plain", "hello", 415, nil},
		{"thread", "GET", "/api/articles/pantai/comments", "", "", "", 200, nil},
		{"thread with preview", "GET", "/api/articles/pantai/comments?unapproved=" + id(pending) + "&moderation-hash=" + c.Hash, "", "", "", 200, nil},
		{"thread of a bad key", "GET", "/api/articles/..%20/comments", "", "", "", 404, nil},
		{"counts", "GET", "/api/counts?article=pantai&article=lain", "", "", "", 200, nil},
		{"form stamp", "GET", "/api/form-stamp", "", "", "", 200, nil},
		{"health", "GET", "/healthz", "", "", "", 200, nil},
		{"document", "GET", "/api/openapi.json", "", "", "", 200, nil},

		// The moderation API.
		{"queue", "GET", "/api/v1/comments?limit=2", mod, "", "", 200, nil},
		{"queue filtered", "GET", "/api/v1/comments?status=approved&article=pantai&q=bersih", mod, "", "", 200, nil},
		{"queue no token", "GET", "/api/v1/comments", "", "", "", 401, nil},
		{"queue bad status", "GET", "/api/v1/comments?status=gone", mod, "", "", 422, nil},
		{"one comment", "GET", "/api/v1/comments/" + id(pending), mod, "", "", 200, nil},
		{"one missing", "GET", "/api/v1/comments/999999", mod, "", "", 404, nil},
		{"reply", "POST", "/api/v1/comments/" + id(pending) + "/reply", mod, "application/json", `{"comment":"Minggu pagi."}`, 201, nil},
		{"reply empty", "POST", "/api/v1/comments/" + id(pending) + "/reply", mod, "application/json", `{"comment":" "}`, 422, nil},
		{"reply broken", "POST", "/api/v1/comments/" + id(pending) + "/reply", mod, "application/json", `{`, 400, nil},
		{"reply form", "POST", "/api/v1/comments/" + id(pending) + "/reply", mod, "application/x-www-form-urlencoded", "comment=x", 415, nil},
		{"reply missing", "POST", "/api/v1/comments/999999/reply", mod, "application/json", `{"comment":"Ya."}`, 404, nil},
		{"reply too big", "POST", "/api/v1/comments/" + id(pending) + "/reply", mod, "application/json",
			`{"comment":"` + strings.Repeat("a", 1<<20) + `"}`, 413, nil},
		{"trash", "POST", "/api/v1/comments/" + id(toDelete) + "/trash", mod, "", "", 200, nil},
		{"delete", "POST", "/api/v1/comments/" + id(toDelete) + "/delete", mod, "", "", 200, nil},
		{"act on missing", "POST", "/api/v1/comments/" + id(toDelete) + "/restore", mod, "", "", 404, nil},
		{"act no token", "POST", "/api/v1/comments/" + id(bulk1) + "/approve", "", "", "", 401, nil},
		{"bulk", "POST", "/api/v1/comments/bulk", mod, "application/json", `{"action":"approve","ids":[` + id(bulk1) + `,` + id(bulk2) + `]}`, 200, nil},
		{"bulk invalid", "POST", "/api/v1/comments/bulk", mod, "application/json", `{"action":"approve","ids":[]}`, 422, nil},
		{"articles", "GET", "/api/v1/articles?limit=2", mod, "", "", 200, nil},
		{"articles bad limit", "GET", "/api/v1/articles?limit=0", mod, "", "", 422, nil},
		{"close", "POST", "/api/v1/articles/pasar/close", mod, "", "", 200, nil},
		{"open", "POST", "/api/v1/articles/pasar/open", mod, "", "", 200, nil},
		{"close bad key", "POST", "/api/v1/articles/a%20b/close", mod, "", "", 404, nil},
		{"correct", "POST", "/api/v1/articles/pasar", mod, "application/json", `{"title":"Harga Cabai","url":"https://berita.example/cabai"}`, 200, nil},
		{"correct off-site", "POST", "/api/v1/articles/pasar", mod, "application/json", `{"title":"Harga Cabai","url":"https://evil.example/"}`, 422, nil},
		{"audit", "GET", "/api/v1/audit?moderator=token:cms&limit=3", mod, "", "", 200, nil},
		{"audit bad cursor", "GET", "/api/v1/audit?before=x", mod, "", "", 422, nil},
		{"moderators", "GET", "/api/v1/moderators", admin, "", "", 200, nil},
		{"moderators as moderator", "GET", "/api/v1/moderators", mod, "", "", 403, nil},
	}

	succeeded := map[string]bool{} // "METHOD /template" answered 2xx or 3xx
	for _, tc := range calls {
		t.Run(tc.name, func(t *testing.T) {
			resp := a.call(tc.method, tc.path, tc.token, tc.body, append([]string{"Content-Type", tc.ctype}, tc.header...)...)
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d\n%.500s", resp.StatusCode, tc.want, resp.Body)
			}
			req, _ := http.NewRequest(tc.method, a.URL+tc.path, strings.NewReader(tc.body))
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			route, params, err := router.FindRoute(req)
			if err != nil {
				t.Fatalf("not in the document: %v", err)
			}
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
			if resp.StatusCode < 400 {
				succeeded[tc.method+" "+route.Path] = true
				if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
					t.Errorf("the request does not fit the document: %v", err)
				}
			}
			out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode,
				Header: resp.Header, Options: &openapi3filter.Options{IncludeResponseStatus: true}}
			out.SetBodyBytes([]byte(resp.Body))
			if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
				t.Errorf("the answer does not fit the document: %v\n%.500s", err, resp.Body)
			}
		})
	}

	// Every documented operation was seen succeeding.
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !succeeded[method+" "+path] {
				t.Errorf("%s %s: no successful call in the walk", method, path)
			}
		}
	}
}

var echoParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// TestOpenAPI_EveryRoute fails when a route of the API (under /api/, and
// the submission and health routes) is not in the document, or the
// document names a route the server does not have.
func TestOpenAPI_EveryRoute(t *testing.T) {
	doc, _ := loadDocument(t)
	a := newAPI(t)
	served := map[string]bool{}
	for _, r := range a.App.Echo.Routes() {
		if r.Method == echo.RouteNotFound || r.Method == http.MethodOptions {
			continue // the groups' catch-alls and CORS preflight
		}
		if !strings.HasPrefix(r.Path, "/api/") && r.Path != "/comments" && r.Path != "/healthz" {
			continue
		}
		served[r.Method+" "+echoParam.ReplaceAllString(r.Path, "{$1}")] = true
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	for route := range served {
		if !documented[route] {
			t.Errorf("%s is served but not in the OpenAPI document", route)
		}
	}
	for route := range documented {
		if !served[route] {
			t.Errorf("%s is documented but not served", route)
		}
	}
	if len(served) < 15 {
		t.Errorf("only %d routes found: %v", len(served), slices.Sorted(mapsKeys(served)))
	}
}

// TestOpenAPI_Served: the document is served as JSON, byte for byte.
func TestOpenAPI_Served(t *testing.T) {
	a := newAPI(t)
	resp, err := http.Get(a.URL + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || !bytes.Equal(b, modapi.Document) {
		t.Fatalf("status %d type %q, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(b))
	}
}
