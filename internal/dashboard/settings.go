package dashboard

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
	"balasan/internal/server"
)

// SettingsPage is the data of the settings form.
type SettingsPage struct {
	Nav
	ModerationKeys string
	DisallowedKeys string
	Saved          bool
}

// SettingsForm shows the word lists.
func (h *Handler) SettingsForm(c echo.Context) error {
	nav, err := h.nav(c, "settings")
	if err != nil {
		return err
	}
	values, err := h.Store.Settings(c.Request().Context())
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "admin/settings.html", SettingsPage{Nav: nav,
		ModerationKeys: values[comment.SettingModerationKeys], DisallowedKeys: comment.DisallowedKeysText(values),
		Saved: c.QueryParam("saved") == "1"})
}

// SaveSettings stores the word lists given in the body; they apply to
// the next comment. A list not in the body keeps its value.
func (h *Handler) SaveSettings(c echo.Context) error {
	form := bodyForm(c)
	values := map[string]string{}
	for _, name := range []string{comment.SettingModerationKeys, comment.SettingDisallowedKeys} {
		if v, ok := form[name]; ok {
			values[name] = v[0]
		}
	}
	if err := h.Service.SaveSettings(c.Request().Context(), values, session(c).Moderator); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/settings?saved=1")
}

// SetArticleState closes or opens comments on one article.
func (h *Handler) SetArticleState(c echo.Context) error {
	var st comment.CommentState
	switch c.Param("state") {
	case "close":
		st = comment.StateClosed
	case "open":
		st = comment.StateOpen
	default:
		return comment.Errorf(comment.ENotFound, "not_found")
	}
	key := c.Param("key")
	if err := h.Service.SetArticleState(c.Request().Context(), key, st, session(c).Moderator); err != nil {
		return err
	}
	if server.WantsJSON(c) {
		return c.JSON(http.StatusOK, map[string]string{"article": key, "comment_status": string(st)})
	}
	return c.Redirect(http.StatusSeeOther, back(c))
}

// AuditPage is the data of the audit log.
type AuditPage struct {
	Nav
	Moderator string
	Entries   []comment.AuditEntry
	Next      string
}

// Audit lists every moderation act, newest first.
func (h *Handler) Audit(c echo.Context) error {
	nav, err := h.nav(c, "audit")
	if err != nil {
		return err
	}
	before, _ := strconv.ParseInt(c.QueryParam("before"), 10, 64)
	who := c.QueryParam("moderator")
	entries, err := h.Store.Audit(c.Request().Context(), who, before, 100)
	if err != nil {
		return err
	}
	p := AuditPage{Nav: nav, Moderator: who, Entries: entries}
	if len(entries) == 100 {
		p.Next = "/admin/audit?moderator=" + url.QueryEscape(who) + "&before=" + strconv.FormatInt(entries[99].ID, 10)
	}
	return c.Render(http.StatusOK, "admin/audit.html", p)
}
