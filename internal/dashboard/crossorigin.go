package dashboard

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// crossOrigin refuses (403) a state-changing request a browser sent from
// another site, by Sec-Fetch-Site or else Origin against Host: a second
// wall beside the CSRF tokens, which still hold for browsers that send
// neither header. The service's own public origin is trusted by name, so
// a proxy that rewrites Host does not lock the moderators out.
func (h *Handler) crossOrigin() echo.MiddlewareFunc {
	p := http.NewCrossOriginProtection()
	if err := p.AddTrustedOrigin(h.BaseURL.Scheme + "://" + h.BaseURL.Host); err != nil {
		// The base URL was checked as an absolute http(s) URL at start;
		// without it trusted, Host still has to match Origin.
		h.Log.Warn("base URL not trusted as an origin", "error", err.Error())
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if err := p.Check(c.Request()); err != nil {
				return comment.Errorf(comment.EForbidden, "cross_origin")
			}
			return next(c)
		}
	}
}
