package dashboard

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/auth"
	"balasan/internal/comment"
	"balasan/internal/i18n"
	"balasan/internal/server"
)

// Cookie names: the session, and the CSRF token of the login form (before
// there is a session to hold one).
const (
	sessionCookie = "balasan_session"
	loginCookie   = "balasan_login_csrf"
	sessionKey    = "balasan.session"
)

func (h *Handler) cookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/admin", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.secure()}
}

// requireSession loads the session from its cookie, or sends the browser
// to the login page (401 for JSON clients).
func (h *Handler) requireSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ck, err := c.Cookie(sessionCookie)
		if err == nil && ck.Value != "" {
			ses, err := h.Store.SessionByHash(c.Request().Context(), auth.TokenHash(ck.Value))
			if err == nil {
				c.Set(sessionKey, ses)
				c.Set(server.LangKey, i18n.Parse(ses.Moderator.Lang))
				return next(c)
			}
			if comment.ErrorCode(err) != comment.ENotFound {
				return err
			}
		}
		if c.Request().Method == http.MethodGet && !server.WantsJSON(c) {
			return c.Redirect(http.StatusSeeOther, "/admin/login")
		}
		return comment.Errorf(comment.EUnauthorized, "unauthorized")
	}
}

// requireCSRF refuses a state change without the session's token in the
// _csrf field or the X-CSRF-Token header.
func requireCSRF(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ses := session(c)
		if !tokenOK(csrfFrom(c), ses.CSRF) {
			return comment.Errorf(comment.EForbidden, "csrf")
		}
		return next(c)
	}
}

// csrfGroup adds routes that need the CSRF token. It is not an echo
// group with middleware, because such a group also answers every unknown
// path below it, and an unknown page must be a 404, not a 403.
type csrfGroup struct{ g *echo.Group }

// POST adds a state-changing route.
func (cg csrfGroup) POST(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route {
	return cg.g.POST(path, h, append([]echo.MiddlewareFunc{requireCSRF}, m...)...)
}

func csrfFrom(c echo.Context) string {
	if t := c.Request().Header.Get("X-CSRF-Token"); t != "" {
		return t
	}
	if ct := c.Request().Header.Get("Content-Type"); strings.HasPrefix(ct, "application/x-www-form-urlencoded") ||
		strings.HasPrefix(ct, "multipart/form-data") {
		return bodyValue(c, "_csrf")
	}
	return ""
}

func tokenOK(got, want string) bool {
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func session(c echo.Context) comment.Session {
	s, _ := c.Get(sessionKey).(comment.Session)
	return s
}

// dashboardHeaders: a strict CSP, no framing, nothing cached.
func dashboardHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cache-Control", "no-store")
		h.Set("Referrer-Policy", "same-origin")
		return next(c)
	}
}
