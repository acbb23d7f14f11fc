package dashboard

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"
)

// articleURL is where a row's article link goes: the article's own page
// when a submission told us (http or https only), else its embed page on
// this service. pages caches the answers of one queue page.
func (h *Handler) articleURL(ctx context.Context, pages map[string]string, key string) string {
	if u, ok := pages[key]; ok {
		return u
	}
	u := "/embed/" + url.PathEscape(key)
	if a, err := h.Store.Article(ctx, key); err == nil && a.URL != "" {
		if pu, err := url.Parse(a.URL); err == nil && (pu.Scheme == "http" || pu.Scheme == "https") && pu.Host != "" {
			u = pu.String()
		}
	}
	pages[key] = u
	return u
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
