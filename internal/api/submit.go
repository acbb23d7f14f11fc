package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
	"balasan/internal/i18n"
	"balasan/internal/server"
)

// Submit takes a reader's comment from the WordPress form or the widget.
func (h *Handler) Submit(c echo.Context) error {
	sub, err := bind(c)
	if err != nil {
		return h.submitFailed(c, sub, err)
	}
	sub.in.IP = c.RealIP()
	sub.in.UserAgent = c.Request().UserAgent()
	if sub.in.AuthorToken == "" {
		sub.in.AuthorToken = authorCookie(c)
	}
	created, err := h.Service.Submit(c.Request().Context(), sub.in)
	if err != nil {
		return h.submitFailed(c, sub, err)
	}
	if created.Status != comment.Spam { // what the rules caught registers nothing
		h.registerPage(c, sub.in)
	}
	token := h.Service.NextAuthorToken(sub.in.AuthorToken, created)
	// A comment the rules sent to spam is answered like a pending one, so
	// a bot learns nothing from the answer.
	status := created.Status
	if status == comment.Spam {
		status = comment.Pending
	}
	if server.WantsJSON(c) {
		body := map[string]any{"id": created.ID, "status": string(status)}
		if status == comment.Pending {
			body["moderation_hash"] = created.Hash
		}
		if token != "" {
			body["author_token"] = token
		}
		return c.JSON(http.StatusCreated, body)
	}
	h.setAuthorCookie(c, token)
	return c.Redirect(http.StatusSeeOther, h.afterSubmit(c, sub, created, status))
}

// submitFailed answers a rejected submission. A form gets its page back
// with every typed value and a message per field, never a lost comment.
func (h *Handler) submitFailed(c echo.Context, sub submission, err error) error {
	status, key, ce := server.Failure(err)
	if status != http.StatusUnprocessableEntity || server.WantsJSON(c) {
		return err
	}
	l := server.Lang(c)
	page := h.rejectedPage(c, sub.in.ArticleKey, l)
	page.Form = formValues(sub)
	if sub.in.FormStamp != "" {
		page.Stamp = sub.in.FormStamp // the reader's time counts from the form first served
	}
	page.Errors = map[string]string{}
	for f, k := range ce.Fields {
		page.Errors[f] = l.T(k)
	}
	for _, f := range []string{"comment", "author", "email", "url"} {
		if page.Errors[f] != "" {
			page.FirstInvalid = f
			break
		}
	}
	page.ErrorSummary = l.T("form_errors")
	if key != "invalid" {
		page.ErrorSummary = l.T(key)
	}
	h.setPageHeaders(c, true)
	return server.RenderCompressed(c, status, h.Renderer, "public/rejected.html", page)
}

// rejectedPage is the page a rejected no-JS form comes back on: the form
// first, the article's verified title (never a reader's provisional one)
// and a link back to the article, or to its embed page when no verified
// URL is known.
func (h *Handler) rejectedPage(c echo.Context, key string, l i18n.Lang) *EmbedPage {
	p := h.newPage(key, l)
	p.Rejected = true
	p.BackURL = strings.TrimRight(h.BaseURL.String(), "/") + "/"
	if !comment.ValidKey(key) {
		return p
	}
	p.BackURL = withLang(h.embedURL(key), l)
	if t, err := h.thread(c.Request().Context(), key); err == nil {
		p.Article, p.Open, p.Count = t.Article, t.Open, len(t.Comments)
		if u := t.Article.TrustedURL(); u != "" && h.allowedURL(u) {
			p.BackURL = u
		}
	}
	p.Stamp = h.stamp()
	return p
}

// afterSubmit is where the browser goes next: the article page (or a
// same-site redirect_to), never an origin outside the allowed list.
func (h *Handler) afterSubmit(c echo.Context, sub submission, created comment.Comment, status comment.Status) string {
	target := h.embedURL(created.ArticleKey)
	if a, err := h.Store.Article(c.Request().Context(), created.ArticleKey); err == nil && a.URL != "" && h.allowedURL(a.URL) {
		target = a.URL
	} else if wp := wordPressPermalink(c.Request().Referer(), created.ArticleKey); wp != "" && h.allowedURL(wp) {
		target = wp
	}
	if sub.redirect != "" {
		r := sub.redirect
		if strings.HasPrefix(r, "/") && !strings.HasPrefix(r, "//") && !strings.HasPrefix(r, "/\\") {
			r = strings.TrimRight(h.BaseURL.String(), "/") + r
		}
		if h.allowedURL(r) {
			target = r
		}
	}
	u, err := url.Parse(target)
	if err != nil {
		u, _ = url.Parse(h.embedURL(created.ArticleKey))
	}
	id := strconv.FormatInt(created.ID, 10)
	if status == comment.Pending { // spam too: its hash previews nothing, but the bot cannot tell
		q := u.Query()
		q.Set("unapproved", id)
		q.Set("moderation-hash", created.Hash)
		u.RawQuery = q.Encode()
	}
	u.Fragment = "comment-" + id
	return u.String()
}

// wordPressPermalink is WordPress's own short link to a post, /?p=ID, on
// the site the form was posted from. Browsers send only the origin of a
// cross-site Referer by default, and a numeric key is a WordPress post ID,
// so this brings the reader back to the article with no change to the form.
func wordPressPermalink(referer, key string) string {
	u, err := url.Parse(referer)
	if err != nil || u.Host == "" || strings.Trim(key, "0123456789") != "" {
		return ""
	}
	return u.Scheme + "://" + u.Host + "/?p=" + key
}

// registerPage remembers the article's page from the first allowed page
// that names it: the widget sends page_url, a plain form its Referer.
// What a reader's request says is only provisional (see comment.Article):
// the store keeps it unverified, and never over a verified value.
func (h *Handler) registerPage(c echo.Context, in comment.Input) {
	page := in.PageURL
	if page == "" {
		ref := c.Request().Referer()
		if u, err := url.Parse(ref); err == nil && len(u.Path) > 1 && !strings.HasPrefix(u.Path, "/embed/") && u.Host != h.BaseURL.Host {
			page = ref
		}
	}
	if page == "" || !h.allowedURL(page) {
		return
	}
	u, _ := url.Parse(page)
	u.RawQuery, u.Fragment = "", "" // never keep a preview hash or tracking in the stored URL
	h.Store.EnsureArticle(c.Request().Context(), comment.Article{Key: in.ArticleKey, URL: u.String(), Title: in.PageTitle, CreatedAt: h.Now()})
}

// FormValues are the typed values put back into a rejected form.
type FormValues struct {
	Author, Email, URL, Content, Parent, Redirect string
	Notify                                        bool
}

func formValues(sub submission) FormValues {
	return FormValues{Author: sub.in.Author, Email: sub.in.Email, URL: sub.in.URL,
		Content: sub.in.Content, Parent: sub.in.Parent, Notify: sub.in.Notify, Redirect: sub.redirect}
}
