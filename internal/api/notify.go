package api

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

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
	Action  string // the form's URL (confirm or unsubscribe); empty once done
	Button  string // the form's button
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

// NotifyConfirmForm shows the button that confirms reply mail.
func (h *Handler) NotifyConfirmForm(c echo.Context) error {
	id, sig := linkParams(c)
	if err := h.Service.CheckLink(comment.LinkConfirm, id, sig); err != nil {
		return err
	}
	l := server.Lang(c)
	return h.notifyPage(c, NotifyPage{L: l, Title: l.T("notify_confirm_title"), Message: l.T("notify_confirm_ask"),
		Action: "/notify/confirm?c=" + strconv.FormatInt(id, 10) + "&s=" + url.QueryEscape(sig), Button: l.T("notify_confirm_button")})
}

// NotifyConfirm completes the double opt-in from the mailed link's button.
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
		Action: "/notify/unsubscribe?c=" + strconv.FormatInt(id, 10) + "&s=" + url.QueryEscape(sig), Button: l.T("unsubscribe_button")})
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
