package dashboard

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
	"balasan/internal/i18n"
)

// fillRows builds the page's rows with what each shows around its
// comment, in three queries whatever the page size: the parents of
// replies, the articles (title, page, trust) and the authors' counts;
// and the hold reason in words, with the limits in force now.
func (h *Handler) fillRows(ctx context.Context, p *QueuePage, list []comment.Comment) error {
	var ids []int64
	var keys, emails []string
	seen := map[string]bool{}
	for _, c := range list {
		if c.ParentID > 0 {
			ids = append(ids, c.ParentID)
		}
		if !seen[c.ArticleKey] {
			seen[c.ArticleKey] = true
			keys = append(keys, c.ArticleKey)
		}
		if c.Email != "" && !seen["@"+c.Email] {
			seen["@"+c.Email] = true
			emails = append(emails, c.Email)
		}
	}
	if p.Article != "" && !seen[p.Article] {
		keys = append(keys, p.Article) // for the filtered article's form
	}
	parents, err := h.Store.CommentsByID(ctx, ids)
	if err != nil {
		return err
	}
	articles, err := h.Store.ArticlesByKey(ctx, keys)
	if err != nil {
		return err
	}
	wrote, err := h.Store.AuthorCounts(ctx, emails)
	if err != nil {
		return err
	}
	lim := limits{MaxLinks: h.Service.Live().MaxLinks, MinSubmit: h.Service.Config.MinSubmit}
	buttons := map[comment.Status][]RowAction{}
	p.Text = make(map[string]string, len(rowTextKeys))
	for _, k := range rowTextKeys {
		p.Text[k] = p.L.T(k)
	}
	for _, cm := range list {
		a := articles[cm.ArticleKey]
		r := Row{Comment: cm, ArticleURL: articleURL(a.URL, cm.ArticleKey), ArticleTitle: articleTitle(a, cm.ArticleKey),
			Unverified: a.Provisional(), Wrote: wrote[cm.Email], Why: reasonText(p.L, lim, cm.Reason)}
		if r.Actions = buttons[cm.Status]; r.Actions == nil {
			r.Actions = rowActions(p.L, cm.Status)
			buttons[cm.Status] = r.Actions
		}
		if parent, ok := parents[cm.ParentID]; ok {
			r.Parent = &parent
		}
		if cm.SpamScore != nil {
			r.Score = p.L.Dec(*cm.SpamScore, 2)
		}
		p.Rows = append(p.Rows, r)
	}
	if a, ok := articles[p.Article]; ok && p.Article != "" {
		p.Current = &a
	}
	return nil
}

// rowTextKeys are the messages every row shows: the template reads them
// from QueuePage.Text, as a call per message and row cost reflection.
var rowTextKeys = []string{"article", "article_comments_all", "article_unverified", "author_approved", "author_history", "author_spam", "dash_edit", "delete_confirm_yes", "edit_label", "edit_save", "held_because", "in_reply_to", "reply_label", "reply_mod", "reply_send", "select", "spam_score", "staff"}

// rowActions are the buttons of a comment in status st.
func rowActions(l i18n.Lang, st comment.Status) []RowAction {
	acts := comment.ActionsFor(st)
	out := make([]RowAction, len(acts))
	for i, a := range acts {
		out[i] = RowAction{Name: a, Label: l.T("act_" + string(a)), Delete: a == comment.ActDelete}
	}
	return out
}

// articleTitle is what names an article in the dashboard: its title,
// else its key.
func articleTitle(a comment.Article, key string) string {
	if a.Title != "" {
		return a.Title
	}
	return key
}

// articleURL is where an article link goes: the article's own page when
// known (http or https only), else its embed page on this service.
func articleURL(page, key string) string {
	if pu, err := url.Parse(page); err == nil && (pu.Scheme == "http" || pu.Scheme == "https") && pu.Host != "" {
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
