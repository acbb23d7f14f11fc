package dashboard

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/auth"
	"balasan/internal/comment"
	"balasan/internal/i18n"
	"balasan/internal/server"
)

// LoginPage is the data of the login form.
type LoginPage struct {
	L        i18n.Lang
	CSRF     string
	Username string
	Error    string
}

// loginLang makes the login page Indonesian whatever the browser asks,
// as the dashboard is before a moderator chooses: English only by choice,
// a link (?lang=en) that the form keeps in its own field.
func loginLang(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		l := i18n.ID
		if c.Request().Method == http.MethodPost {
			l = i18n.Parse(bodyValue(c, "lang"))
		} else if c.QueryParam("lang") != "" {
			l = i18n.Parse(c.QueryParam("lang"))
		}
		c.Set(server.LangKey, l)
		return next(c)
	}
}

// LoginForm shows the login form with a fresh CSRF token in a cookie.
func (h *Handler) LoginForm(c echo.Context) error {
	token := auth.NewToken()
	c.SetCookie(h.cookie(loginCookie, token, 3600))
	return c.Render(http.StatusOK, "admin/login.html", LoginPage{L: server.Lang(c), CSRF: token})
}

// Login checks the password and starts a new server-side session; the
// session id is always new, so a planted cookie cannot be fixed.
func (h *Handler) Login(c echo.Context) error {
	l := server.Lang(c)
	ck, err := c.Cookie(loginCookie)
	if err != nil || !tokenOK(bodyValue(c, "_csrf"), ck.Value) {
		return comment.Errorf(comment.EForbidden, "csrf")
	}
	username := strings.TrimSpace(bodyValue(c, "username"))
	password := bodyValue(c, "password")
	if len(username) > maxLoginUsername || len(password) > maxLoginPassword {
		// No account has such credentials: refused before the throttle
		// or the password hash spend anything on them, and not echoed.
		return c.Render(http.StatusUnauthorized, "admin/login.html", LoginPage{L: l, CSRF: ck.Value, Error: l.T("login_failed")})
	}
	keys, wait := h.loginBlocked(c.Request().Context(), c.RealIP(), strings.ToLower(username))
	if wait > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		return c.Render(http.StatusTooManyRequests, "admin/login.html",
			LoginPage{L: l, CSRF: ck.Value, Username: username, Error: l.T("login_throttled")})
	}
	m, err := h.Store.ModeratorByName(c.Request().Context(), username)
	switch {
	case err != nil && comment.ErrorCode(err) != comment.ENotFound:
		return err
	case err != nil:
		err = auth.CheckUnknown(password)
	case m.Disabled:
		err = auth.CheckUnknown(password)
	default:
		err = auth.CheckPassword(m.PasswordHash, password)
	}
	if err != nil {
		h.loginFailed(c.Request().Context(), keys)
		h.Log.WarnContext(c.Request().Context(), "login failed", "ip", c.RealIP())
		return c.Render(http.StatusUnauthorized, "admin/login.html",
			LoginPage{L: l, CSRF: ck.Value, Username: username, Error: l.T("login_failed")})
	}
	h.loginSucceeded(c.Request().Context(), keys)
	if err := h.startSession(c, m); err != nil {
		return err
	}
	c.SetCookie(h.cookie(loginCookie, "", -1))
	h.Log.InfoContext(c.Request().Context(), "login", "moderator", m.Username)
	return c.Redirect(http.StatusSeeOther, "/admin/")
}

// startSession stores a new session under a fresh random id and sets its
// cookie; no value the browser sent is ever reused as a session id.
func (h *Handler) startSession(c echo.Context, m comment.Moderator) error {
	token := auth.NewToken()
	if err := h.Store.CreateSession(c.Request().Context(), auth.TokenHash(token), auth.NewToken(), m.ID, h.Now().Add(h.SessionTTL)); err != nil {
		return err
	}
	c.SetCookie(h.cookie(sessionCookie, token, int(h.SessionTTL.Seconds())))
	return nil
}

// Logout ends the session on the server, so the old cookie stops working.
func (h *Handler) Logout(c echo.Context) error {
	if err := h.Store.DeleteSession(c.Request().Context(), session(c).TokenHash); err != nil {
		return err
	}
	c.SetCookie(h.cookie(sessionCookie, "", -1))
	return c.Redirect(http.StatusSeeOther, "/admin/login")
}
