package dashboard

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

// pageSize is the number of comments a queue page shows.
const pageSize = 50

// Nav is what every dashboard page shows around its content.
type Nav struct {
	L         i18n.Lang
	CSRF      string
	Moderator comment.Moderator
	Counts    map[comment.Status]int
	Active    string
}

// Row is one comment in the queue, with its parent for context and the
// page it was left on.
type Row struct {
	comment.Comment
	Parent       *comment.Comment
	ArticleURL   string // the article's own page when known, else its embed page
	ArticleTitle string // its title, else its key
	Unverified   bool   // the article's URL or title came only from a reader
	// Wrote is what this email has written before: approved and spam.
	Wrote comment.AuthorCounts
	Why   string // the hold reason in words
	Score string // the spam score written in the page's language
	// Actions are the row's buttons, named and labelled once a page.
	Actions []RowAction
}

// RowAction is one action button of a row. The labels are looked up once
// for the page rather than in every row: each call of a template costs
// reflection, and the buttons were a third of a page's calls.
type RowAction struct {
	Name   comment.Action
	Label  string
	Delete bool // asked in place first
}

// QueuePage is the data of the queue.
type QueuePage struct {
	Nav
	Status   comment.Status
	Statuses []comment.Status
	Article  string
	Query    string
	Likely   bool // only the "Mungkin spam" band of the pending queue
	Rows     []Row
	Next     string // URL of the next page, "" on the last
	BaseURL  string
	Current  *comment.Article // the filtered article, for its title and URL form
	// Elsewhere counts a search's matches in the other views.
	Elsewhere []Match
	// TrashDays is how long trash is kept (the trash view says it).
	TrashDays int
	Single    int64  // the one comment shown (from the audit log), 0 in a list
	Flash     *flash // what the change before this page did, with its Undo
	// Text is what every row says, by message key, looked up once a page
	// (rowTextKeys).
	Text map[string]string
	// ShortcutsOff: this moderator switched the single-key shortcuts off.
	ShortcutsOff bool
}

// ConfirmOne asks before deleting one comment permanently.
func (p QueuePage) ConfirmOne() string { return deleteQuestion(p.L, 1) }

// ConfirmMany is the question for a bulk delete, "%n" standing for the
// number, which the script writes in.
func (p QueuePage) ConfirmMany() string {
	return replaceCount(p.L.T("delete_confirm"), replaceCount(p.L.T("n_comments"), "%n"))
}

// ArticleAction is the URL of the form that closes ("close") or opens
// ("open") comments on the filtered article.
func (p QueuePage) ArticleAction(state string) string { return articleAction(p.Article, state) }

// MailtoURL is the link to write to the comment's author.
func (r Row) MailtoURL() string { return mailtoURL(r.Email) }

func (h *Handler) nav(c echo.Context, active string) (Nav, error) {
	ses := session(c)
	counts, err := h.Store.StatusCounts(c.Request().Context())
	return Nav{L: server.Lang(c), CSRF: ses.CSRF, Moderator: ses.Moderator, Counts: counts, Active: active}, err
}

// Queue lists one page of comments in a status, filtered by article or text.
func (h *Handler) Queue(c echo.Context) error {
	f := comment.Filter{Status: comment.Status(c.QueryParam("status")), Article: strings.TrimSpace(c.QueryParam("article")),
		Query: c.QueryParam("q"), Limit: pageSize}
	if f.Status == "" {
		f.Status = comment.Pending
	}
	if !f.Status.Valid() {
		return comment.Errorf(comment.EInvalid, "bad_request")
	}
	// The filter is put into the close/open form's URL: only a real key
	// gets that far.
	if f.Article != "" && !comment.ValidKey(f.Article) {
		return comment.Errorf(comment.EInvalid, "key_invalid")
	}
	f.After, _ = strconv.ParseInt(c.QueryParam("after"), 10, 64)
	f.LikelySpam = c.QueryParam("likely_spam") == "1" && f.Status == comment.Pending
	nav, err := h.nav(c, string(f.Status))
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	list, err := h.Store.List(ctx, f)
	if err != nil {
		return err
	}
	p := QueuePage{Nav: nav, Status: f.Status, Statuses: []comment.Status{comment.Pending, comment.Approved, comment.Spam, comment.Trash},
		Article: f.Article, Query: f.Query, Likely: f.LikelySpam, BaseURL: h.BaseURL.String(),
		Flash: h.pageFlash(c), ShortcutsOff: h.shortcutsOff(c)}
	if err := h.fillRows(ctx, &p, list); err != nil {
		return err
	}
	if p.Elsewhere, err = h.elsewhere(ctx, f); err != nil {
		return err
	}
	if f.Status == comment.Trash {
		p.TrashDays = h.Service.Live().TrashDays
	}
	if len(list) == pageSize {
		q := url.Values{"status": {string(f.Status)}, "after": {strconv.FormatInt(list[len(list)-1].ID, 10)}}
		if f.Article != "" {
			q.Set("article", f.Article)
		}
		if f.Query != "" {
			q.Set("q", f.Query)
		}
		if f.LikelySpam {
			q.Set("likely_spam", "1")
		}
		p.Next = "/admin/comments?" + q.Encode()
	}
	return c.Render(http.StatusOK, "admin/comments.html", p)
}

// Act applies one moderation action to one comment.
func (h *Handler) Act(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	a, ok := comment.ParseAction(c.Param("action"))
	if err != nil || !ok {
		return comment.Errorf(comment.ENotFound, "not_found")
	}
	ctx := c.Request().Context()
	changes, err := h.plannedChanges(ctx, []int64{id}, a)
	if err != nil {
		return err
	}
	cm, err := h.Service.Moderate(ctx, id, a, session(c).Moderator)
	if err != nil {
		return err
	}
	f := h.newFlash(a, 1, changes, false)
	return h.answer(c, f, map[string]any{"id": cm.ID, "status": string(cm.Status), "action": string(a)})
}

// Bulk applies one action to every selected comment. Nothing selected is
// a 422 that says so; a delete asked from the page's form (ask=1) is
// confirmed first (confirm=1).
func (h *Handler) Bulk(c echo.Context) error {
	form := bodyForm(c)
	a, ok := comment.ParseAction(form.Get("action"))
	if !ok {
		return comment.Errorf(comment.EInvalid, "bad_request")
	}
	var ids []int64
	for _, s := range form["id"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		if server.WantsJSON(c) {
			return comment.Errorf(comment.EInvalid, "bulk_none")
		}
		return h.notice(c, http.StatusUnprocessableEntity, NoticePage{Message: "bulk_none"})
	}
	if a == comment.ActDelete && form.Get("ask") == "1" && form.Get("confirm") != "1" {
		return h.notice(c, http.StatusOK, NoticePage{Confirm: true, IDs: ids})
	}
	ctx := c.Request().Context()
	changes, err := h.plannedChanges(ctx, ids, a)
	if err != nil {
		return err
	}
	n, err := h.Service.Bulk(ctx, ids, a, session(c).Moderator)
	if err != nil {
		return err
	}
	f := h.newFlash(a, n, changes, form.Get("undo") == "1")
	return h.answer(c, f, map[string]any{"done": n, "action": string(a)})
}

// back is the dashboard page the change came from: a "back" field of the
// form (a confirmation page sets it), else the Referer when it is one of
// ours, else the queue. Only a local dashboard path is ever used.
func back(c echo.Context) string {
	if b := localPage(bodyValue(c, "back")); b != "" {
		return b
	}
	if u, err := url.Parse(c.Request().Referer()); err == nil && u.Host == c.Request().Host {
		if b := localPage(u.RequestURI()); b != "" {
			return b
		}
	}
	return "/admin/comments"
}

// localPage is raw when it is a dashboard page a browser may be sent
// back to: a path under /admin/ on this host, not the login page and
// not a route that only takes POSTs.
func localPage(raw string) string {
	if !strings.HasPrefix(raw, "/admin/") || strings.ContainsAny(raw, "\\\r\n") {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Path == "/admin/login" ||
		u.Path == "/admin/comments/bulk" || !strings.HasPrefix(u.Path, "/admin/") || len(u.Path) == len("/admin/") {
		return ""
	}
	if u.RawQuery != "" {
		return u.Path + "?" + u.RawQuery
	}
	return u.Path
}
