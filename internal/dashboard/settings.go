package dashboard

import (
	"errors"
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
	Live           []LiveField
}

// LiveField is one setting editors change without a restart, with where
// its value comes from and, after a refused save, why.
type LiveField struct {
	Name   string
	Value  string
	Source comment.Source
	Error  string
}

// SettingsForm shows the live settings and the word lists.
func (h *Handler) SettingsForm(c echo.Context) error {
	values, err := h.Store.Settings(c.Request().Context())
	if err != nil {
		return err
	}
	return h.renderSettings(c, http.StatusOK, values, nil, nil)
}

// renderSettings shows the form: the values in force, or typed (a refused
// save keeps every value typed) with the errors.
func (h *Handler) renderSettings(c echo.Context, status int, stored, typed, errs map[string]string) error {
	nav, err := h.nav(c, "settings")
	if err != nil {
		return err
	}
	p := SettingsPage{Nav: nav, ModerationKeys: stored[comment.SettingModerationKeys],
		DisallowedKeys: comment.DisallowedKeysText(stored), Saved: c.QueryParam("saved") == "1" && typed == nil}
	current, sources := comment.FormatLive(h.Service.Live()), h.Service.LiveSources(stored)
	for _, k := range comment.LiveSettings {
		f := LiveField{Name: k, Value: current[k], Source: sources[k], Error: errs[k]}
		if v, ok := typed[k]; ok {
			f.Value = v
		}
		p.Live = append(p.Live, f)
	}
	if typed != nil {
		p.ModerationKeys, p.DisallowedKeys = typed[comment.SettingModerationKeys], typed[comment.SettingDisallowedKeys]
	}
	return c.Render(status, "admin/settings.html", p)
}

// SaveSettings stores the settings given in the body; they apply to the
// next comment, here at once and on other instances within a reload. A
// setting not in the body keeps its value; a bad one is refused (422)
// with the form again, every typed value kept.
func (h *Handler) SaveSettings(c echo.Context) error {
	form := bodyForm(c)
	values := map[string]string{}
	names := append([]string{comment.SettingModerationKeys, comment.SettingDisallowedKeys}, comment.LiveSettings...)
	for _, name := range names {
		if v, ok := form[name]; ok {
			values[name] = v[0]
		}
	}
	err := h.Service.SaveSettings(c.Request().Context(), values, session(c).Moderator)
	var bad *comment.Error
	if errors.As(err, &bad) && bad.Code == comment.EInvalid && len(bad.Fields) > 0 && !server.WantsJSON(c) {
		stored, serr := h.Store.Settings(c.Request().Context())
		if serr != nil {
			return serr
		}
		if _, ok := values[comment.SettingModerationKeys]; !ok {
			values[comment.SettingModerationKeys] = stored[comment.SettingModerationKeys]
		}
		if _, ok := values[comment.SettingDisallowedKeys]; !ok {
			values[comment.SettingDisallowedKeys] = comment.DisallowedKeysText(stored)
		}
		return h.renderSettings(c, http.StatusUnprocessableEntity, stored, values, bad.Fields)
	}
	if err != nil {
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
	// Articles names each entry's article by its title, linked to its page.
	Articles map[string]ArticleLink
}

// ArticleLink is an article as a link: its title (else its key) and page.
type ArticleLink struct{ Title, URL string }

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
	p := AuditPage{Nav: nav, Moderator: who, Entries: entries, Articles: map[string]ArticleLink{}}
	var keys []string
	for _, e := range entries {
		if e.ArticleKey != "" {
			keys = append(keys, e.ArticleKey)
		}
	}
	articles, err := h.Store.ArticlesByKey(c.Request().Context(), keys)
	if err != nil {
		return err
	}
	for _, k := range keys {
		a := articles[k]
		p.Articles[k] = ArticleLink{Title: articleTitle(a, k), URL: articleURL(a.URL, k)}
	}
	if len(entries) == 100 {
		p.Next = "/admin/audit?moderator=" + url.QueryEscape(who) + "&before=" + strconv.FormatInt(entries[99].ID, 10)
	}
	return c.Render(http.StatusOK, "admin/audit.html", p)
}
