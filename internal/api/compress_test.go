package api_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"balasan/internal/apptest"
	"balasan/web"
)

func decode(t *testing.T, enc, body string) string {
	t.Helper()
	var r io.Reader = strings.NewReader(body)
	switch enc {
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		zr.Multistream(false)
		r = zr
	case "br":
		r = brotli.NewReader(r)
	case "":
	default:
		t.Fatalf("Content-Encoding %q", enc)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", enc, err)
	}
	return string(b)
}

// TestCompression: every public answer worth it comes compressed as the
// client accepts (brotli where held, else gzip, else plain), decodes to
// the plain answer, and revalidates by its own ETag per encoding.
func TestCompression(t *testing.T) {
	env := apptest.New(t)
	seedConversations(t, env, 12)
	p := seed(t, env, key, "Ani Menunggu", "ani@example.test", strings.Repeat("Menunggu moderasi. ", 80), 0, false)
	for _, tc := range []struct {
		path   string
		brotli bool // gzip only otherwise
	}{
		{"/api/articles/" + key + "/comments", true},
		{"/api/articles/" + key + "/comments?limit=10&order=newest", true},
		{"/embed/" + key, false}, // spliced around its form stamp: gzip only
		{"/embed/" + key + "?fragment=1", true},
		{"/embed.js", true},
		{"/count.js", true},
		{web.AssetPath("balasan.css"), true},
		{web.AssetPath("admin.js"), true},
		{"/", false},
		{"/api/articles/" + key + "/comments?unapproved=" + itoa(p.ID) + "&moderation-hash=" + p.Hash, false},
	} {
		t.Run(tc.path, func(t *testing.T) {
			plain := get(t, env, tc.path, http.Header{"Accept-Encoding": {"identity"}})
			if plain.StatusCode != http.StatusOK || plain.Header.Get("Content-Encoding") != "" {
				t.Fatalf("plain: status %d, encoding %q", plain.StatusCode, plain.Header.Get("Content-Encoding"))
			}
			want := stampValue.ReplaceAllString(plain.Body, "STAMP")
			tags := map[string]string{"": plain.Header.Get("ETag")}
			for _, accept := range []string{"gzip", "gzip, deflate, br, zstd"} {
				r := get(t, env, tc.path, http.Header{"Accept-Encoding": {accept}})
				enc := r.Header.Get("Content-Encoding")
				wantEnc := "gzip"
				if tc.brotli && strings.Contains(accept, "br") {
					wantEnc = "br"
				}
				if enc != wantEnc {
					t.Errorf("%s: Content-Encoding %q, want %q", accept, enc, wantEnc)
				}
				if got := stampValue.ReplaceAllString(decode(t, enc, r.Body), "STAMP"); got != want {
					t.Errorf("%s: decodes to %d bytes unlike the plain %d", accept, len(got), len(want))
				}
				if len(r.Body) >= len(plain.Body)*3/4 {
					t.Errorf("%s: %d bytes for %d plain", accept, len(r.Body), len(plain.Body))
				}
				if !strings.Contains(strings.Join(r.Header.Values("Vary"), ","), "Accept-Encoding") {
					t.Errorf("%s: Vary %q", accept, r.Header.Values("Vary"))
				}
				if tag := r.Header.Get("ETag"); tag != "" {
					for e, other := range tags {
						if other == tag && e != enc {
							t.Errorf("%s answer shares the ETag %s of %q", enc, tag, e)
						}
					}
					tags[enc] = tag
					if again := get(t, env, tc.path, http.Header{"Accept-Encoding": {accept}, "If-None-Match": {tag}}); again.StatusCode != http.StatusNotModified {
						t.Errorf("%s: its own ETag gave %d", accept, again.StatusCode)
					}
					if cross := get(t, env, tc.path, http.Header{"Accept-Encoding": {"identity"}, "If-None-Match": {tag}}); cross.StatusCode != http.StatusOK {
						t.Errorf("the %s ETag revalidated a plain answer (%d)", enc, cross.StatusCode)
					}
				}
			}
		})
	}
}

// TestStatic_Hashed: the pages and the widget link the stylesheet by its
// content-hashed name, which is cached for a year; an unknown name is 404.
func TestStatic_Hashed(t *testing.T) {
	env := apptest.New(t)
	css := web.AssetPath("balasan.css")
	if !strings.HasPrefix(css, "/static/balasan.") || css == "/static/balasan.css" {
		t.Fatalf("hashed path %q", css)
	}
	for _, path := range []string{"/embed/" + key, "/", "/embed.js"} {
		if body := get(t, env, path, nil).Body; !strings.Contains(body, css) {
			t.Errorf("%s does not link %s", path, css)
		}
	}
	plain, hashed := get(t, env, "/static/balasan.css", nil), get(t, env, css, nil)
	if plain.Body != hashed.Body || hashed.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("hashed answer differs or is not immutable: %q", hashed.Header.Get("Cache-Control"))
	}
	for _, path := range []string{"/static/balasan.0000000000.css", "/static/tidak-ada.js", "/static/", "/static/../go.mod"} {
		if r := get(t, env, path, nil); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d", path, r.StatusCode)
		}
	}
	if !bytes.Contains([]byte(get(t, env, "/embed.js", nil).Header.Get("Cache-Control")), []byte("max-age=300")) {
		t.Error("the loader is cached for long")
	}
}
