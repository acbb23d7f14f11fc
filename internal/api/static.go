package api

import (
	"io/fs"
	"net/http"

	"github.com/labstack/echo/v4"

	"balasan/internal/server"
	"balasan/web"
)

// staticFiles serves web/static.
var staticFiles = func() http.Handler {
	static, _ := fs.Sub(web.Static, "static") // "static" is in the embed: cannot fail
	return http.FileServer(http.FS(static))
}()

// staticFile serves one file of web/static, such as the widget, loaded by
// article pages on other origins.
func staticFile(name string) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "public, max-age=300")
		c.Request().URL.Path = "/" + name
		staticFiles.ServeHTTP(c.Response(), c.Request())
		return nil
	}
}

// Static serves /static/*.
func Static(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=300")
	http.StripPrefix("/static", staticFiles).ServeHTTP(c.Response(), c.Request())
	return nil
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
	return c.Render(http.StatusOK, "public/demo.html", DemoPage{p})
}
