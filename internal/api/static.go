package api

import (
	"bytes"
	"mime"
	"net/http"
	"path"

	"github.com/labstack/echo/v4"

	"balasan/internal/encoded"
	"balasan/internal/server"
	"balasan/web"
)

// Cache lifetimes of static files: a hashed name never changes content;
// loaders and plain names (pages cached before a release) do.
const (
	immutableCache = "public, max-age=31536000, immutable"
	loaderCache    = "public, max-age=300"
)

// asset is a static file compressed once at start.
type asset struct {
	contentType string
	body        *encoded.Body
}

// loadStatic reads every static file and compresses it once. The loaders'
// references to other static files are rewritten to the hashed names, so
// a widget loads the stylesheet of its own release.
func loadStatic() (map[string]asset, error) {
	out := map[string]asset{}
	entries, err := web.Static.ReadDir("static")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		b, err := web.Static.ReadFile("static/" + name)
		if err != nil {
			return nil, err
		}
		if web.Loaders[name] {
			for _, plain := range web.HashedAssets() {
				b = bytes.ReplaceAll(b, []byte(`"/static/`+plain+`"`), []byte(`"`+web.AssetPath(plain)+`"`))
			}
		}
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" {
			ct = echo.MIMEOctetStream
		}
		out[name] = asset{contentType: ct, body: encoded.New(b, etag(b), true)}
	}
	return out, nil
}

func (h *Handler) registerStatic(e *echo.Echo) {
	files, err := loadStatic()
	if err != nil {
		panic(err) // the embedded files are part of the binary: a build error
	}
	serve := func(c echo.Context, name, cacheControl string) error {
		a, ok := files[name]
		if !ok {
			return echo.ErrNotFound
		}
		c.Response().Header().Set("Cache-Control", cacheControl)
		server.Vary(c.Response().Header(), echo.HeaderAcceptEncoding)
		body, enc, tag := a.body.For(c.Request().Header.Get(echo.HeaderAcceptEncoding))
		c.Response().Header().Set("ETag", tag)
		if match(c.Request().Header.Get("If-None-Match"), tag) {
			return c.NoContent(http.StatusNotModified)
		}
		if enc != encoded.Identity {
			c.Response().Header().Set(echo.HeaderContentEncoding, enc.Header())
		}
		return c.Blob(http.StatusOK, a.contentType, body)
	}
	// The widget is loaded by article pages on other origins.
	e.GET("/embed.js", func(c echo.Context) error { return serve(c, "embed.js", loaderCache) })
	e.GET("/count.js", func(c echo.Context) error { return serve(c, "count.js", loaderCache) })
	e.GET("/static/:name", func(c echo.Context) error {
		if name, ok := web.AssetByHash(c.Param("name")); ok {
			return serve(c, name, immutableCache)
		}
		return serve(c, c.Param("name"), loaderCache)
	})
}

// DemoPage is the demo article with its comments.
type DemoPage struct {
	*EmbedPage
}

// Demo serves the demo article page: an original short news story with
// the comments and reply form below it.
func (h *Handler) Demo(c echo.Context) error {
	p := h.embedPage(c, h.DemoKey, server.Lang(c))
	p.Redirect = withLang("/", p.L)
	p.Stamp = h.stamp()
	h.setPageHeaders(c, p.Pending)
	return server.RenderCompressed(c, http.StatusOK, h.Renderer, "public/demo.html", DemoPage{p})
}
