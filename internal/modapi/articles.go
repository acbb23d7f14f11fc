package modapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
	"balasan/internal/server"
)

// Articles is one page of the articles, newest first (the dashboard's
// list), with their approved counts and whether comments are open now;
// "next" is the cursor of the following page.
func (h *Handler) Articles(c echo.Context) error {
	f := comment.ArticleFilter{After: c.QueryParam("after"), Query: c.QueryParam("q")}
	if _, _, ok := f.Cursor(); f.After != "" && !ok {
		return fieldError("after", "cursor_invalid")
	}
	if len(f.Query) > 200 {
		return fieldError("q", "query_invalid")
	}
	limit, err := queryInt(c, "limit", 1, 200, 50, "limit_invalid")
	if err != nil {
		return err
	}
	f.Limit = int(limit)
	list, err := h.Store.ListArticles(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := make([]articleJSON, 0, len(list))
	next := ""
	for _, a := range list {
		out = append(out, h.articleJSON(a.Article, a.Counts[comment.Approved]))
		next = comment.ArticleCursor(a.Article)
	}
	return c.JSON(http.StatusOK, map[string]any{"articles": out, "next": cursor(len(list) == int(limit), next)})
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
	ctx := c.Request().Context()
	key := c.Param("key")
	if err := h.Service.SetArticleState(ctx, key, st, actor(c)); err != nil {
		return err
	}
	return h.article(c, key)
}

// articleRequest is the body of POST /api/v1/articles/{key}.
type articleRequest struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// EditArticle corrects an article's title and page URL, as the dashboard
// does: they become verified, and the URL must be on an article site.
func (h *Handler) EditArticle(c echo.Context) error {
	var req articleRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	key := c.Param("key")
	if _, err := h.Service.CorrectArticle(c.Request().Context(), key, req.Title, req.URL,
		server.OnSites(h.BaseURL, h.Origins), actor(c)); err != nil {
		return err
	}
	return h.article(c, key)
}

// article answers with one article as stored now.
func (h *Handler) article(c echo.Context, key string) error {
	ctx := c.Request().Context()
	a, err := h.Store.Article(ctx, key)
	if err != nil {
		return err
	}
	counts, err := h.Store.ApprovedCounts(ctx, []string{key})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, h.articleJSON(a, counts[key]))
}
