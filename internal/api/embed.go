package api

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
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

// show puts a thread (and the reader's own pending comment) on the page.
func (p *EmbedPage) show(t *Thread, pending *comment.Comment) {
	p.Article, p.Open, p.Count = t.Article, t.Open, len(t.Comments)
	p.Pending = pending != nil
	p.Nodes = buildTree(t.Comments, pending)
}

// pageTemplate names the full page or, for a server-side include, the
// comments alone.
func pageTemplate(fragment bool) string {
	if fragment {
		return "public/fragment.html"
	}
	return "public/embed.html"
}

// embedPage builds the page data of an article for this request.
func (h *Handler) embedPage(c echo.Context, key string, l i18n.Lang) *EmbedPage {
	p := h.newPage(key, l)
	if !comment.ValidKey(key) {
		return p
	}
	t, err := h.thread(c.Request().Context(), key)
	if err != nil {
		return p
	}
	p.show(t, h.preview(c, key))
	if id, err := strconv.ParseInt(c.QueryParam("replytocom"), 10, 64); err == nil {
		for _, cm := range t.Comments {
			if cm.ID == id {
				p.ReplyTo = &cm
				p.Form.Parent = strconv.FormatInt(id, 10)
			}
		}
	}
	return p
}

// Embed serves the article's comments and the reply form as a page that
// works in an iframe and with JavaScript off.
func (h *Handler) Embed(c echo.Context) error {
	key := c.Param("key")
	if !comment.ValidKey(key) {
		return comment.Errorf(comment.ENotFound, "not_found")
	}
	l := server.Lang(c)
	fragment := c.QueryParam("fragment") == "1"
	q := c.QueryParams()
	dynamic := q.Has("unapproved") || q.Has("replytocom")
	if !dynamic {
		return h.serveEmbedCached(c, key, l, fragment)
	}
	p := h.embedPage(c, key, l)
	p.Stamp = h.stamp()
	h.setPageHeaders(c, p.Pending)
	return c.Render(http.StatusOK, pageTemplate(fragment), p)
}

// serveEmbedCached renders the common page once per article, language and
// variant, and serves it with a fresh form stamp each time.
func (h *Handler) serveEmbedCached(c echo.Context, key string, l i18n.Lang, fragment bool) error {
	t, err := h.thread(c.Request().Context(), key)
	if err != nil {
		return err
	}
	name := pageTemplate(fragment)
	v, _ := t.pages.LoadOrStore(name+"|"+string(l), &page{})
	pg := v.(*page)
	pg.once.Do(func() {
		p := h.newPage(key, l)
		p.show(t, nil)
		p.Stamp = stampMark
		var body []byte
		if body, pg.err = h.Renderer.Bytes(name, p); pg.err != nil {
			return
		}
		pg.etag = t.ETag[:len(t.ETag)-1] + "-" + string(l) + map[bool]string{true: "f", false: "p"}[fragment] + `"`
		pg.head, pg.tail, pg.hasTag = bytes.Cut(body, []byte(stampMark))
	})
	if pg.err != nil {
		return pg.err
	}
	h.setPageHeaders(c, false)
	if revalidated(c, pg.etag) {
		return c.NoContent(http.StatusNotModified)
	}
	rh := c.Response().Header()
	var stamp []byte
	if pg.hasTag {
		stamp = []byte(h.stamp())
	}
	rh.Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	rh.Set(echo.HeaderContentLength, strconv.Itoa(len(pg.head)+len(stamp)+len(pg.tail)))
	c.Response().WriteHeader(http.StatusOK)
	w := c.Response()
	w.Write(pg.head)
	if pg.hasTag {
		w.Write(stamp)
		w.Write(pg.tail)
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
