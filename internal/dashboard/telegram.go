package dashboard

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// linkTelegram links the Telegram user id of the body's telegram_id to
// account m (empty: unlinks it): whoever holds that Telegram account then
// moderates from the chat as m. Admins only, CSRF-checked, like every
// account change; the audit entry is written with the link.
func (h *Handler) linkTelegram(c echo.Context, m comment.Moderator) error {
	id, err := comment.ParseTelegramID(bodyValue(c, "telegram_id"))
	if err != nil {
		return h.renderAccounts(c, http.StatusUnprocessableEntity, AccountsPage{Error: "telegram_id_invalid"})
	}
	by := session(c).Moderator
	err = h.Service.LinkTelegram(c.Request().Context(), by, m, id)
	if comment.ErrorCode(err) == comment.EConflict {
		return h.renderAccounts(c, http.StatusConflict, AccountsPage{Error: "telegram_taken"})
	} else if err != nil {
		return err
	}
	h.Log.Info("account changed", "by", by.Username, "action", "moderator_telegram", "account", m.Username)
	return c.Redirect(http.StatusSeeOther, "/admin/moderators?done=telegram_linked")
}
