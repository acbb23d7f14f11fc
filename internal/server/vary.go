package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// Vary adds names to the answer's Vary header, keeping every name already
// there. It is the one way Balasan writes Vary: a shared cache keys its
// copies by these request headers, so a name replaced by a later Set (as
// Accept-Language once replaced CORS's Origin) lets a CDN hand one site's
// answer, or one language's, to another.
func Vary(h http.Header, names ...string) {
	for _, n := range names {
		if !varies(h, n) {
			h.Add(echo.HeaderVary, n)
		}
	}
}

// varies reports whether Vary already names name (or is "*"). It walks
// the fields in place: it runs on every cached read.
func varies(h http.Header, name string) bool {
	for _, v := range h[varyKey] {
		for v != "" {
			var f string
			f, v, _ = strings.Cut(v, ",")
			if f = strings.TrimSpace(f); f == "*" || strings.EqualFold(f, name) {
				return true
			}
		}
	}
	return false
}

// varyKey is Vary's canonical key, to read the map without canonicalising.
const varyKey = "Vary"
