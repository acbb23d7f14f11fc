package dashboard

import (
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
)

// maxMemory bounds the part of a multipart body kept in memory; the body
// limit of the group bounds the whole.
const maxMemory = 256 << 10

// bodyForm is the request body's fields only. Every state-changing route
// reads its fields from here, never from the query string (which echo's
// FormValue and FormParams mix in), so a link someone is tricked into
// following cannot carry a change inside a form that looks harmless.
func bodyForm(c echo.Context) url.Values {
	r := c.Request()
	if r.PostForm == nil {
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			_ = r.ParseMultipartForm(maxMemory) // a broken body reads as empty: every field is then missing
		} else {
			_ = r.ParseForm()
		}
	}
	if r.PostForm == nil {
		return url.Values{}
	}
	return r.PostForm
}

// bodyValue is one field of the request body.
func bodyValue(c echo.Context, name string) string { return bodyForm(c).Get(name) }
