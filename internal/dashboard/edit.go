package dashboard

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
	"balasan/internal/server"
)

func commentID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, comment.Errorf(comment.ENotFound, "not_found")
	}
	return id, nil
}

// Edit replaces a comment's text; the service sanitises it again.
func (h *Handler) Edit(c echo.Context) error {
	id, err := commentID(c)
	if err != nil {
		return err
	}
	cm, err := h.Service.Edit(c.Request().Context(), id, bodyValue(c, "comment"), session(c).Moderator)
	if err != nil {
		return err
	}
	if server.WantsJSON(c) {
		return c.JSON(http.StatusOK, map[string]any{"id": cm.ID, "content_html": cm.HTML, "raw": cm.Raw})
	}
	return c.Redirect(http.StatusSeeOther, back(c))
}

// Reply publishes a moderator's answer under a comment at once, as staff.
func (h *Handler) Reply(c echo.Context) error {
	id, err := commentID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	cm, err := h.Service.Reply(ctx, id, bodyValue(c, "comment"), session(c).Moderator)
	if err != nil {
		return err
	}
	if server.WantsJSON(c) {
		return h.jsonWithCounts(c, map[string]any{"id": cm.ID, "parent_id": cm.ParentID, "status": string(cm.Status),
			"parent_status": string(comment.Approved), "content_html": cm.HTML})
	}
	return c.Redirect(http.StatusSeeOther, back(c))
}
