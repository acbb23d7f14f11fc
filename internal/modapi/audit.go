package modapi

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
)

// auditJSON is one audit entry.
type auditJSON struct {
	ID        int64     `json:"id"`
	Moderator string    `json:"moderator"`
	Action    string    `json:"action"`
	CommentID int64     `json:"comment_id"`
	Article   string    `json:"article"`
	Detail    string    `json:"detail"`
	CreatedAt time.Time `json:"created_at"`
}

// Audit is the audit log, newest first, optionally of one moderator (a
// token's acts are under "token:NAME"); "next" is the cursor (before) of
// the following page. Moderators read it in the dashboard too.
func (h *Handler) Audit(c echo.Context) error {
	before, err := queryInt(c, "before", 1, math.MaxInt64, 0, "cursor_invalid")
	if err != nil {
		return err
	}
	limit, err := queryInt(c, "limit", 1, 200, 100, "limit_invalid")
	if err != nil {
		return err
	}
	entries, err := h.Store.Audit(c.Request().Context(), c.QueryParam("moderator"), before, int(limit))
	if err != nil {
		return err
	}
	out := make([]auditJSON, 0, len(entries))
	next := ""
	for _, a := range entries {
		out = append(out, auditJSON{ID: a.ID, Moderator: a.Moderator, Action: a.Action, CommentID: a.CommentID,
			Article: a.ArticleKey, Detail: a.Detail, CreatedAt: a.CreatedAt})
		next = strconv.FormatInt(a.ID, 10)
	}
	return c.JSON(http.StatusOK, map[string]any{"entries": out, "next": cursor(len(entries) == int(limit), next)})
}

// moderatorJSON is an account without anything secret.
type moderatorJSON struct {
	Username  string    `json:"username"`
	Role      string    `json:"role"`
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
}

// Moderators lists the accounts (admin tokens only, as the dashboard's
// accounts page is for admins only).
func (h *Handler) Moderators(c echo.Context) error {
	list, err := h.Store.Moderators(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]moderatorJSON, 0, len(list))
	for _, m := range list {
		out = append(out, moderatorJSON{Username: m.Username, Role: string(m.Role), Disabled: m.Disabled, CreatedAt: m.CreatedAt})
	}
	return c.JSON(http.StatusOK, map[string]any{"moderators": out})
}
