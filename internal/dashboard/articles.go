package dashboard

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
	"balasan/internal/server"
)

// EditArticle corrects an article's title and page URL (POST
// /admin/articles/{key}, moderators and admins). The values become
// verified: mails and page titles use them, and no reader's request can
// change them afterwards. Fields come from the body only.
func (h *Handler) EditArticle(c echo.Context) error {
	if err := c.Request().ParseForm(); err != nil {
		return comment.Errorf(comment.EInvalid, "bad_request")
	}
	f := c.Request().PostForm
	key := c.Param("key")
	a, err := h.Service.CorrectArticle(c.Request().Context(), key, f.Get(comment.FieldTitle), f.Get(comment.FieldPage),
		h.articleSite, session(c).Moderator)
	if err != nil {
		return err
	}
	if server.WantsJSON(c) {
		return c.JSON(http.StatusOK, map[string]any{"article": a.Key, "title": a.Title, "url": a.URL, "verified": a.Verified})
	}
	return c.Redirect(http.StatusSeeOther, back(c))
}

// articleSite reports whether raw is an absolute http(s) URL on one of the
// article sites (BALASAN_ALLOWED_ORIGINS) or the service itself.
func (h *Handler) articleSite(raw string) bool { return server.OnSites(h.BaseURL, h.Origins)(raw) }
