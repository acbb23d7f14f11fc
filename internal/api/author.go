package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// fieldAuthorToken is the widget's field for the author token (see
// comment.NextAuthorToken); it keeps the token in localStorage.
const fieldAuthorToken = "author_token"

// authorCookieName carries the author token for plain forms.
const authorCookieName = "balasan_author"

// authorCookieAge is how long a browser keeps its proof of authorship.
const authorCookieAge = 365 * 24 * time.Hour

func authorCookie(c echo.Context) string {
	if ck, err := c.Cookie(authorCookieName); err == nil {
		return ck.Value
	}
	return ""
}

// setAuthorCookie gives a plain form's browser its author token. HttpOnly
// (no script needs it) and SameSite=Lax: a cross-site page cannot make a
// reader's browser post a comment that rides on their trust; it reaches
// forms on the service itself and on article sites of the same site.
func (h *Handler) setAuthorCookie(c echo.Context, token string) {
	if token == "" {
		return
	}
	c.SetCookie(&http.Cookie{Name: authorCookieName, Value: token, Path: SubmitPath,
		MaxAge: int(authorCookieAge / time.Second), HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: h.BaseURL.Scheme == "https"})
}
