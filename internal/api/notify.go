package api

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"balasan/internal/comment"
	"balasan/internal/i18n"
	"balasan/internal/server"
)

// NotifyPage is the data of the reply-mail pages: confirmed, the
// unsubscribe button, unsubscribed.
type NotifyPage struct {
	L       i18n.Lang
	Title   string
	Message string
	Action  string // the unsubscribe form's URL; empty once done
}

// registerNotify adds the signed reply-mail links: confirming the double
// opt-in, and the one-click unsubscribe (RFC 8058: GET shows a button, so
// link scanners change nothing; POST does it).
func (h *Handler) registerNotify(e *echo.Echo) {
	e.GET("/notify/confirm", h.NotifyConfirm)
	e.GET("/notify/unsubscribe", h.UnsubscribeForm)
	e.POST("/notify/unsubscribe", h.Unsubscribe, middleware.BodyLimit("16K"))
}

// linkParams reads the comment id and signature of a mailed link; on a
// POST they come in the URL (one-click clients post only
// "List-Unsubscribe=One-Click") or in the button's form.
func linkParams(c echo.Context) (int64, string) {
	id, _ := strconv.ParseInt(c.QueryParam("c"), 10, 64)
	sig := c.QueryParam("s")
	if c.Request().Method == http.MethodPost && (id == 0 || sig == "") {
		id, _ = strconv.ParseInt(c.FormValue("c"), 10, 64)
		sig = c.FormValue("s")
	}
	return id, sig
}

// NotifyConfirm completes the double opt-in from the mailed link.
func (h *Handler) NotifyConfirm(c echo.Context) error {
	id, sig := linkParams(c)
	if err := h.Service.ConfirmNotify(c.Request().Context(), id, sig); err != nil {
		return err
	}
	l := server.Lang(c)
	return h.notifyPage(c, NotifyPage{L: l, Title: l.T("notify_confirmed_title"), Message: l.T("notify_confirmed")})
}

// UnsubscribeForm shows the button that stops reply mail.
func (h *Handler) UnsubscribeForm(c echo.Context) error {
	id, sig := linkParams(c)
	if err := h.Service.CheckLink(comment.LinkUnsubscribe, id, sig); err != nil {
		return err
	}
	l := server.Lang(c)
	return h.notifyPage(c, NotifyPage{L: l, Title: l.T("unsubscribe_title"), Message: l.T("unsubscribe_ask"),
		Action: "/notify/unsubscribe?c=" + strconv.FormatInt(id, 10) + "&s=" + url.QueryEscape(sig)})
}

// Unsubscribe stops reply mail to the link's address.
func (h *Handler) Unsubscribe(c echo.Context) error {
	id, sig := linkParams(c)
	if err := h.Service.Unsubscribe(c.Request().Context(), id, sig); err != nil {
		return err
	}
	l := server.Lang(c)
	return h.notifyPage(c, NotifyPage{L: l, Title: l.T("unsubscribe_title"), Message: l.T("unsubscribed")})
}

func (h *Handler) notifyPage(c echo.Context, p NotifyPage) error {
	h.setPageHeaders(c, true)
	c.Response().Header().Set("Referrer-Policy", "no-referrer") // the signed link stays out of Referers
	return c.Render(http.StatusOK, "public/notify.html", p)
}
