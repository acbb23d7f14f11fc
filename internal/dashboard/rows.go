package dashboard

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// context loads what a page of rows shows around each comment, in two
// queries: the parents of replies and the pages of the articles.
func (h *Handler) context(ctx context.Context, list []comment.Comment) (map[int64]comment.Comment, map[string]string, error) {
	var ids []int64
	var keys []string
	seen := map[string]bool{}
	for _, c := range list {
		if c.ParentID > 0 {
			ids = append(ids, c.ParentID)
		}
		if !seen[c.ArticleKey] {
			seen[c.ArticleKey] = true
			keys = append(keys, c.ArticleKey)
		}
	}
	parents, err := h.Store.CommentsByID(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	pages, err := h.Store.ArticleURLs(ctx, keys)
	return parents, pages, err
}

// fillRows puts a page's comments into rows with what each shows around
// it: parent, article page, the reason in words.
func (h *Handler) fillRows(ctx context.Context, p *QueuePage, list []comment.Comment) error {
	parents, pages, err := h.context(ctx, list)
	if err != nil {
		return err
	}
	lim := limits{MaxLinks: h.Service.Config.MaxLinks, MinSubmit: h.Service.Config.MinSubmit}
	for _, cm := range list {
		r := Row{Comment: cm, ArticleURL: articleURL(pages, cm.ArticleKey), Why: reasonText(p.L, lim, cm.Reason)}
		if parent, ok := parents[cm.ParentID]; ok {
			r.Parent = &parent
		}
		if cm.SpamScore != nil {
			r.Score = p.L.Dec(*cm.SpamScore, 2)
		}
		p.Rows = append(p.Rows, r)
	}
	return h.articleTrust(ctx, p)
}

// articleURL is where a row's article link goes: the article's own page
// when a submission told us (http or https only), else its embed page on
// this service.
func articleURL(pages map[string]string, key string) string {
	if pu, err := url.Parse(pages[key]); err == nil && (pu.Scheme == "http" || pu.Scheme == "https") && pu.Host != "" {
		return pu.String()
	}
	return "/embed/" + url.PathEscape(key)
}

// jsonWithCounts answers a script's change with the new number of comments
// in each status, so the navigation can be updated without a reload.
func (h *Handler) jsonWithCounts(c echo.Context, body map[string]any) error {
	counts, err := h.Store.StatusCounts(c.Request().Context())
	if err != nil {
		return err
	}
	out := make(map[string]int, len(counts))
	for st, n := range counts {
		out[string(st)] = n
	}
	body["counts"] = out
	return c.JSON(http.StatusOK, body)
}
