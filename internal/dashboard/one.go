package dashboard

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// One shows a single comment with its actions, as a queue of one: where
// the audit log's comment numbers lead.
func (h *Handler) One(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return comment.Errorf(comment.ENotFound, "not_found")
	}
	ctx := c.Request().Context()
	cm, err := h.Store.Comment(ctx, id)
	if err != nil {
		return err
	}
	nav, err := h.nav(c, "")
	if err != nil {
		return err
	}
	p := QueuePage{Nav: nav, Status: cm.Status, Single: cm.ID, BaseURL: h.BaseURL.String(),
		Flash: h.pageFlash(c), ShortcutsOff: h.shortcutsOff(c)}
	if err := h.fillRows(ctx, &p, []comment.Comment{cm}); err != nil {
		return err
	}
	return c.Render(http.StatusOK, "admin/comments.html", p)
}
