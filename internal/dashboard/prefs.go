package dashboard

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// The single-key shortcuts (WCAG 2.1.4) can be switched off by each
// moderator. The choice is a browser preference, like the window size
// the desk works in, kept in a cookie named after the moderator's id so
// that colleagues sharing a computer each keep their own; it needs no
// store change and holds nothing secret.
const shortcutsCookie = "balasan_shortcuts_"

// shortcutsOff reports whether this moderator switched the shortcuts off
// in this browser.
func (h *Handler) shortcutsOff(c echo.Context) bool {
	ck, err := c.Cookie(shortcutsCookie + strconv.FormatInt(session(c).Moderator.ID, 10))
	return err == nil && ck.Value == "off"
}

// SetShortcuts switches the single-key shortcuts on or off.
func (h *Handler) SetShortcuts(c echo.Context) error {
	v := bodyValue(c, "shortcuts")
	if v != "on" && v != "off" {
		return comment.Errorf(comment.EInvalid, "bad_request")
	}
	ck := h.cookie(shortcutsCookie+strconv.FormatInt(session(c).Moderator.ID, 10), v, 400*24*3600)
	c.SetCookie(ck)
	return c.Redirect(http.StatusSeeOther, "/admin/account?done=shortcuts_saved")
}
