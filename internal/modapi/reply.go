package modapi

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// replyRequest is the body of POST /api/v1/comments/{id}/reply: the text
// under the form's field name.
type replyRequest struct {
	Comment string `json:"comment"`
}

// Reply publishes a staff reply under the token's name, through the same
// rule as the dashboard's: a pending comment is approved first, one in
// spam or trash cannot be answered.
func (h *Handler) Reply(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	var req replyRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	cm, err := h.Service.Reply(c.Request().Context(), id, req.Comment, actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toJSON(cm, false))
}
