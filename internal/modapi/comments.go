package modapi

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// List is one page of the queue with the dashboard's filters: status
// (pending by default, oldest first; the others newest first), article,
// q (words, an exact email, or an IP), likely_spam=1 and the keyset
// cursor after; "next" is the cursor of the following page.
func (h *Handler) List(c echo.Context) error {
	f := comment.Filter{Status: comment.Status(c.QueryParam("status")), Article: strings.TrimSpace(c.QueryParam("article")),
		Query: c.QueryParam("q"), LikelySpam: c.QueryParam("likely_spam") == "1"}
	if f.Status == "" {
		f.Status = comment.Pending
	}
	if !f.Status.Valid() {
		return fieldError("status", "status_invalid")
	}
	if f.Article != "" && !comment.ValidKey(f.Article) {
		return fieldError("article", "key_invalid")
	}
	f.LikelySpam = f.LikelySpam && f.Status == comment.Pending
	after, err := queryInt(c, "after", 1, math.MaxInt64, 0, "cursor_invalid")
	if err != nil {
		return err
	}
	limit, err := queryInt(c, "limit", 1, 200, 50, "limit_invalid")
	if err != nil {
		return err
	}
	f.After, f.Limit = after, int(limit)
	list, err := h.Store.List(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := make([]commentJSON, 0, len(list))
	next := ""
	for _, cm := range list {
		out = append(out, toJSON(cm, false))
		next = strconv.FormatInt(cm.ID, 10)
	}
	return c.JSON(http.StatusOK, map[string]any{"comments": out, "next": cursor(len(list) == f.Limit, next)})
}

// Show is one comment with what only moderators see: email, IP, agent.
func (h *Handler) Show(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	cm, err := h.Store.Comment(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toJSON(cm, true))
}

// Act applies one of the dashboard's actions to one comment.
func (h *Handler) Act(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	a, ok := comment.ParseAction(c.Param("action"))
	if !ok {
		return comment.Errorf(comment.ENotFound, "not_found")
	}
	cm, err := h.Service.Moderate(c.Request().Context(), id, a, actor(c))
	if err != nil {
		return err
	}
	status := string(cm.Status)
	if a == comment.ActDelete {
		status = "deleted"
	}
	return c.JSON(http.StatusOK, map[string]any{"id": cm.ID, "action": string(a), "status": status})
}

// maxBulk bounds one bulk request, as a queue page does.
const maxBulk = 200

// bulkRequest is the body of POST /api/v1/comments/bulk.
type bulkRequest struct {
	Action string  `json:"action"`
	IDs    []int64 `json:"ids"`
}

// Bulk applies one action to many comments; unknown ids are skipped, and
// "done" says how many were changed.
func (h *Handler) Bulk(c echo.Context) error {
	var req bulkRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	errs := map[string]string{}
	a, ok := comment.ParseAction(req.Action)
	if !ok {
		errs["action"] = "action_invalid"
	}
	if len(req.IDs) == 0 || len(req.IDs) > maxBulk || slices.ContainsFunc(req.IDs, func(id int64) bool { return id <= 0 }) {
		errs["ids"] = "ids_invalid"
	}
	if len(errs) > 0 {
		return &comment.Error{Code: comment.EInvalid, Key: "invalid", Fields: errs}
	}
	n, err := h.Service.Bulk(c.Request().Context(), req.IDs, a, actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"action": string(a), "done": n})
}
