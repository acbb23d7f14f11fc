package server

import (
	"mime"
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/i18n"
)

// LangKey is where middleware may store a chosen language (a moderator's).
const LangKey = "balasan.lang"

// Lang picks the language of a request: ?lang=, then a choice stored by
// middleware, then Accept-Language; Indonesian by default. When the
// header decides, the answer says so in Vary, whichever handler asked.
func Lang(c echo.Context) i18n.Lang {
	if q := c.QueryParam("lang"); q != "" {
		return i18n.Parse(q)
	}
	if r := c.Request(); r.PostForm != nil && r.PostForm.Get("lang") != "" {
		return i18n.Parse(r.PostForm.Get("lang")) // the form's own language, kept through a rejection
	}
	if l, ok := c.Get(LangKey).(i18n.Lang); ok {
		return l
	}
	Vary(c.Response().Header(), "Accept-Language")
	return i18n.FromAcceptLanguage(c.Request().Header.Get("Accept-Language"))
}

// WantsJSON reports whether the answer should be JSON: the body was JSON,
// the Accept header prefers it, or it is an /api/ route. When Accept
// decides, the answer says so in Vary.
func WantsJSON(c echo.Context) bool {
	r := c.Request()
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return true
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/json" {
		return true
	}
	Vary(c.Response().Header(), "Accept")
	return prefersJSON(r.Header.Get("Accept"))
}

// prefersJSON is true when application/json comes before text/html in
// Accept (ignoring q-values' finer points, which browsers never send here).
func prefersJSON(accept string) bool {
	for _, part := range strings.Split(accept, ",") {
		mt, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		switch strings.TrimSpace(mt) {
		case "application/json":
			return true
		case "text/html", "application/xhtml+xml":
			return false
		}
	}
	return false
}
