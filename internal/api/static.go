package api

import (
	"io/fs"
	"net/http"

	"github.com/labstack/echo/v4"

	"balasan/internal/server"
	"balasan/web"
)

func (h *Handler) registerStatic(e *echo.Echo) {
	static, _ := fs.Sub(web.Static, "static")
	files := http.FileServer(http.FS(static))
	serve := func(name string) echo.HandlerFunc {
		return func(c echo.Context) error {
			// The widget is loaded by article pages on other origins.
			c.Response().Header().Set("Cache-Control", "public, max-age=300")
			c.Request().URL.Path = "/" + name
			files.ServeHTTP(c.Response(), c.Request())
			return nil
		}
	}
	e.GET("/embed.js", serve("embed.js"))
	e.GET("/count.js", serve("count.js"))
	e.GET("/static/*", func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "public, max-age=300")
		http.StripPrefix("/static", files).ServeHTTP(c.Response(), c.Request())
		return nil
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
	return c.Render(http.StatusOK, "public/demo.html", DemoPage{p})
}
