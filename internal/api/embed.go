package api

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
	"balasan/internal/encoded"
	"balasan/internal/i18n"
	"balasan/internal/server"
)

// EmbedPage is the data of the embed page, the demo page and a rejected form.
type EmbedPage struct {
	L            i18n.Lang
	Key          string
	Article      comment.Article
	Open         bool
	Count        int
	Nodes        []*Node
	Pending      bool // the page shows the reader's own pending comment
	ReplyTo      *comment.Comment
	Form         FormValues
	Errors       map[string]string
	ErrorSummary string
	Action       string
	Stamp        string
	Redirect     string
	BaseURL      string
	Fragment     bool
	// Paging: the order shown, links to each order's first page and to
	// the next page (empty on the last).
	Order                string
	OldestURL, NewestURL string
	MoreURL              string
	// A rejected form's page: the verified title and where to go back.
	Rejected     bool
	BackURL      string
	FirstInvalid string
}

// stampMark stands in for the form stamp in cached pages; each answer
// gets a fresh stamp written in its place. Plain letters only: the
// template escapes anything else (a NUL became U+FFFD, so the mark was
// never found and every cached form carried a dead stamp).
const stampMark = "blsSTAMPmark7q2x"

// newPage is the page data every variant starts from.
func (h *Handler) newPage(key string, l i18n.Lang) *EmbedPage {
	base := strings.TrimRight(h.BaseURL.String(), "/")
	p := &EmbedPage{L: l, Key: key, Open: true, Action: base + "/comments", BaseURL: base}
	// A rejected form brings back whatever key was posted: only a real
	// one becomes a path, and escaped for it.
	if comment.ValidKey(key) {
		p.Redirect = withLang("/embed/"+url.PathEscape(key), l)
	}
	return p
}

// show puts a page of a thread (and the reader's own pending comment) on
// the page. Without a cursor, a page showing a pending comment or a reply
// target opens where that comment is, so the reader sees it.
func (p *EmbedPage) show(t *Thread, pending *comment.Comment, pg paging, focus int64) {
	p.Article, p.Open, p.Count = t.Article, t.Open, len(t.Comments)
	p.Pending = pending != nil
	g := t.Groups()
	if pending != nil {
		g = group(append(t.Comments[:len(t.Comments):len(t.Comments)], asPending(*pending)))
		focus = pending.ID
	}
	pos, limit := pagePos(g, pg)
	if pg.After == 0 && focus != 0 {
		if i := g.indexOf(focus, pg.Order); i >= 0 {
			pos = i - i%limit
		}
	}
	list, next := g.page(pos, limit, pg.Order)
	p.Nodes = buildTree(list, nil)
	p.links(pg.Order, next)
}

// links sets the order and paging links, relative to the page itself (an
// embed page or the demo), absolute for a fragment set into another page.
func (p *EmbedPage) links(o Order, next string) {
	p.Order = string(o)
	base := ""
	if p.Fragment {
		base = p.BaseURL + "/embed/" + url.PathEscape(p.Key)
	}
	link := func(o Order, after string) string {
		q := url.Values{}
		if after != "" {
			q.Set("after", after)
		}
		if o == Newest {
			q.Set("order", string(o))
		}
		if p.L == i18n.EN {
			q.Set("lang", "en")
		}
		if len(q) == 0 {
			return base + "?" + "#comments"
		}
		return base + "?" + q.Encode() + "#comments"
	}
	p.OldestURL, p.NewestURL = link(Oldest, ""), link(Newest, "")
	if next != "" {
		p.MoreURL = link(o, next)
	}
}

// pageTemplate names the full page or, for a server-side include, the
// comments alone.
func pageTemplate(fragment bool) string {
	if fragment {
		return "public/fragment.html"
	}
	return "public/embed.html"
}

// embedPaging reads an embed page's order and cursor; the page size is
// fixed, so each page is cached once.
func embedPaging(c echo.Context) (paging, error) {
	return readPaging("", c.QueryParam("after"), c.QueryParam("order"), embedPageSize)
}

// embedPage builds the page data of an article for this request; paging
// parameters it cannot read give the first page (the demo page; Embed
// refuses them first).
func (h *Handler) embedPage(c echo.Context, key string, l i18n.Lang) *EmbedPage {
	p := h.newPage(key, l)
	if !comment.ValidKey(key) {
		return p
	}
	t, err := h.thread(c.Request().Context(), key)
	if err != nil {
		return p
	}
	pg, err := embedPaging(c)
	if err != nil {
		pg = paging{Paged: true, Limit: embedPageSize, Order: Oldest}
	}
	var focus int64
	if id, err := strconv.ParseInt(c.QueryParam("replytocom"), 10, 64); err == nil {
		for _, cm := range t.Comments {
			if cm.ID == id {
				p.ReplyTo = &cm
				p.Form.Parent = strconv.FormatInt(id, 10)
				focus = id
			}
		}
	}
	p.show(t, h.preview(c, key), pg, focus)
	return p
}

// Embed serves the article's comments and the reply form as a page that
// works in an iframe and with JavaScript off, a page of 50 conversations
// at a time.
func (h *Handler) Embed(c echo.Context) error {
	key := c.Param("key")
	if !comment.ValidKey(key) {
		return comment.Errorf(comment.ENotFound, "not_found")
	}
	pg, err := embedPaging(c)
	if err != nil {
		return err
	}
	l := embedLang(c)
	fragment := c.QueryParam("fragment") == "1"
	q := c.QueryParams()
	dynamic := q.Has("unapproved") || q.Has("replytocom")
	if !dynamic {
		return h.serveEmbedCached(c, key, l, fragment, pg)
	}
	p := h.embedPage(c, key, l)
	p.Fragment = fragment
	p.Stamp = h.stamp()
	h.setPageHeaders(c, p.Pending)
	return server.RenderCompressed(c, http.StatusOK, h.Renderer, pageTemplate(fragment), p)
}

// embedLang is the embed page's language: the article's, which the widget
// (data-lang, else the host page's lang) or a link passes as ?lang=;
// Indonesian otherwise. The reader's browser language does not decide: a
// page framed in an Indonesian article reads in Indonesian.
func embedLang(c echo.Context) i18n.Lang {
	return i18n.Parse(c.QueryParam("lang"))
}

// serveEmbedCached renders each page once per article, language, variant
// and position, compressed, and serves it with a fresh form stamp each
// time.
func (h *Handler) serveEmbedCached(c echo.Context, key string, l i18n.Lang, fragment bool, pg paging) error {
	t, err := h.thread(c.Request().Context(), key)
	if err != nil {
		return err
	}
	name := pageTemplate(fragment)
	pos, limit := pagePos(t.Groups(), pg)
	build := func(pc *page) {
		p := h.newPage(key, l)
		p.Fragment = fragment
		p.Article, p.Open, p.Count = t.Article, t.Open, len(t.Comments)
		list, next := t.Groups().page(pos, limit, pg.Order)
		p.Nodes = buildTree(list, nil)
		p.links(pg.Order, next)
		p.Stamp = stampMark
		body, err := h.Renderer.Bytes(name, p)
		if err != nil {
			pc.err = err
			return
		}
		tag := etag(body)
		if head, tail, ok := bytes.Cut(body, []byte(stampMark)); ok {
			pc.html = encoded.NewSpliced(head, tail, tag)
		} else {
			pc.body = encoded.NewLazy(body, tag, true, pc.grew)
		}
	}
	pc := &page{}
	if pos%limit == 0 {
		pc, _ = t.cachedPage("html|"+name+"|"+string(l)+"|"+pg.variant(pos), build)
	} else {
		build(pc)
	}
	if pc.err != nil {
		return pc.err
	}
	h.setPageHeaders(c, false)
	if pc.body != nil {
		return serveEncoded(c, echo.MIMETextHTMLCharsetUTF8, pc.body)
	}
	server.Vary(c.Response().Header(), echo.HeaderAcceptEncoding)
	parts, n, enc, tag := pc.html.Parts(c.Request().Header.Get(echo.HeaderAcceptEncoding), []byte(h.stamp()))
	if revalidated(c, tag) {
		return c.NoContent(http.StatusNotModified)
	}
	rh := c.Response().Header()
	if enc != encoded.Identity {
		rh.Set(echo.HeaderContentEncoding, enc.Header())
	}
	rh.Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	rh.Set(echo.HeaderContentLength, strconv.Itoa(n))
	c.Response().WriteHeader(http.StatusOK)
	for _, part := range parts {
		c.Response().Write(part)
	}
	return nil
}

// withLang keeps an English reader in English across the no-JS reply
// link and the redirect after posting; Indonesian is the default.
func withLang(path string, l i18n.Lang) string {
	if l == i18n.EN {
		return path + "?lang=en"
	}
	return path
}

// setPageHeaders sets the CSP of our public pages: our own scripts and
// styles only, framed only by the allowed article sites, forms posted only
// to us (and redirected only to those sites).
func (h *Handler) setPageHeaders(c echo.Context, private bool) {
	origins := strings.Join(h.Origins, " ")
	c.Response().Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; "+
		"script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self' "+origins+"; frame-ancestors 'self' "+origins)
	if private {
		setPrivate(c)
	}
}
