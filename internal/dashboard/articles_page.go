package dashboard

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// articlesPageSize is the number of articles a page lists.
const articlesPageSize = 50

// ArticlesPage is the data of the articles list.
type ArticlesPage struct {
	Nav
	Query    string
	Articles []ArticleRow
	Next     string // URL of the next page, "" on the last
}

// ArticleRow is one article of the list.
type ArticleRow struct {
	comment.ArticleStats
	Link   string // its page, else its embed page
	Open   bool   // takes comments now
	Closed string // URL of the form that closes comments
	Opens  string // URL of the form that opens them
	Edit   string // URL of the title and URL form
}

// Unverified tells whether the title or URL came only from a reader.
func (r ArticleRow) Unverified() bool { return r.Article.Provisional() }

// QueueURL is the link to the article's comments in one status.
func (r ArticleRow) QueueURL(st comment.Status) string {
	return "/admin/comments?" + url.Values{"status": {string(st)}, "article": {r.Key}}.Encode()
}

// Articles lists the articles, newest first, with their counts; a search
// by a prefix of the key or of a word of the title; keyset pages.
func (h *Handler) Articles(c echo.Context) error {
	nav, err := h.nav(c, "articles")
	if err != nil {
		return err
	}
	f := comment.ArticleFilter{Query: c.QueryParam("q"), After: c.QueryParam("after"), Limit: articlesPageSize}
	list, err := h.Store.ListArticles(c.Request().Context(), f)
	if err != nil {
		return err
	}
	p := ArticlesPage{Nav: nav, Query: f.Query}
	now, closeAfter := h.Now(), h.Service.Live().CloseAfter
	for _, a := range list {
		p.Articles = append(p.Articles, ArticleRow{ArticleStats: a, Link: articleURL(a.URL, a.Key),
			Open: a.Open(now, closeAfter), Closed: articleAction(a.Key, "close"), Opens: articleAction(a.Key, "open"),
			Edit: "/admin/articles/" + url.PathEscape(a.Key)})
	}
	if len(list) == articlesPageSize {
		q := url.Values{"after": {comment.ArticleCursor(list[len(list)-1].Article)}}
		if f.Query != "" {
			q.Set("q", f.Query)
		}
		p.Next = "/admin/articles?" + q.Encode()
	}
	return c.Render(http.StatusOK, "admin/articles.html", p)
}
