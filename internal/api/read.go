package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
	"balasan/internal/encoded"
	"balasan/internal/server"
)

// publicCache lets browsers revalidate every time (the ETag makes that a
// 304) and a CDN keep the answer a few seconds.
const publicCache = "public, max-age=0, s-maxage=10, stale-while-revalidate=30"

// Comments serves an article's approved comments as JSON: the whole
// thread, or a page of it with ?limit=N (&after=CURSOR, &order=).
func (h *Handler) Comments(c echo.Context) error {
	key := c.Param("key")
	if !comment.ValidKey(key) {
		return comment.Errorf(comment.ENotFound, "not_found")
	}
	q := c.QueryParams()
	pg, err := readPaging(q.Get("limit"), q.Get("after"), q.Get("order"), 0)
	if err != nil {
		return err
	}
	t, err := h.thread(c.Request().Context(), key)
	if err != nil {
		return err
	}
	if pending := h.preview(c, key); pending != nil {
		body, err := previewJSON(t, pending, pg)
		if err != nil {
			return err
		}
		setPrivate(c)
		return server.SendCompressed(c, http.StatusOK, echo.MIMEApplicationJSON, body)
	}
	if !pg.Paged && pg.Order == Oldest {
		b, err := t.Whole()
		if err != nil {
			return err
		}
		return serveEncoded(c, echo.MIMEApplicationJSON, b)
	}
	pos, limit := pagePos(t.Groups(), pg)
	build := func(p *page) {
		list, next := t.Groups().page(pos, limit, pg.Order)
		raw, err := encodeComments(t, list, next)
		p.body, p.err = encoded.NewLazy(raw, etag(raw), true, p.grew), err
	}
	p := &page{}
	if pos%limit == 0 { // a page reached by following next: worth keeping
		p, _ = t.cachedPage("json|"+pg.variant(pos), build)
	} else {
		build(p)
	}
	if p.err != nil {
		return p.err
	}
	return serveEncoded(c, echo.MIMEApplicationJSON, p.body)
}

// pagePos is where a request's page starts among the groups, and its size
// (all of them when no limit was given).
func pagePos(g *groups, pg paging) (pos, limit int) {
	limit = pg.Limit
	if !pg.Paged {
		limit = max(1, len(g.tops))
	}
	return g.start(pg.After, pg.Order), limit
}

// previewJSON is a thread or page with the author's own pending comment in
// its place: on the page where its conversation falls.
func previewJSON(t *Thread, pending *comment.Comment, pg paging) ([]byte, error) {
	if !pg.Paged && pg.Order == Oldest {
		return encodeThread(t, pending)
	}
	all := append(t.Comments[:len(t.Comments):len(t.Comments)], asPending(*pending))
	g := group(all)
	pos, limit := pagePos(g, pg)
	list, next := g.page(pos, limit, pg.Order)
	return encodeComments(t, list, next)
}

// preview returns the author's own pending comment when the request
// carries its moderation hash, nil otherwise.
func (h *Handler) preview(c echo.Context, key string) *comment.Comment {
	hash := c.QueryParam("moderation-hash")
	id, err := strconv.ParseInt(c.QueryParam("unapproved"), 10, 64)
	if hash == "" || err != nil || id <= 0 {
		return nil
	}
	p, err := h.Store.Comment(c.Request().Context(), id)
	if err != nil || p.ArticleKey != key || !p.CanPreview(hash, h.Now()) {
		return nil
	}
	return &p
}

// setPrivate marks an answer that shows a pending comment: only its author
// may see it, nobody may keep or index it.
func setPrivate(c echo.Context) {
	c.Response().Header().Set("Cache-Control", "private, no-store")
	c.Response().Header().Set("X-Robots-Tag", "noindex")
}

// serveEncoded answers with a cached body in the best encoding the
// client accepts, or 304 when it holds that one already. Its headers are
// set by assignment from values made once (the body's, and those below):
// Header.Set canonicalises and allocates on every read.
func serveEncoded(c echo.Context, contentType string, b *encoded.Body) error {
	h := c.Response().Header()
	server.Vary(h, echo.HeaderAcceptEncoding)
	body, enc, etag, length := b.Headers(c.Request().Header.Get(echo.HeaderAcceptEncoding))
	if revalidatedValues(c, etag) {
		return c.NoContent(http.StatusNotModified)
	}
	if enc != encoded.Identity {
		h[echo.HeaderContentEncoding] = contentEncodings[enc]
	}
	// A known length spares the chunked encoding of a large body.
	h[echo.HeaderContentLength] = length
	return c.Blob(http.StatusOK, contentType, body)
}

// Header values shared by every answer; nobody changes their elements.
var (
	publicCacheValue = []string{publicCache}
	contentEncodings = [...][]string{encoded.Gzip: {encoded.Gzip.Header()}, encoded.Brotli: {encoded.Brotli.Header()}}
)

// revalidated sets the caching headers of a public answer and reports
// whether the client already holds this version (answer 304). Vary is
// left to what the answer depends on (server.Lang, CORS), never replaced.
func revalidated(c echo.Context, tag string) bool {
	return revalidatedValues(c, []string{tag})
}

// revalidatedValues is revalidated with the ETag as a header value.
func revalidatedValues(c echo.Context, etag []string) bool {
	h := c.Response().Header()
	h["Etag"] = etag // ETag's canonical form
	h["Cache-Control"] = publicCacheValue
	return match(c.Request().Header.Get("If-None-Match"), etag[0])
}

func match(header, tag string) bool {
	if header == "" {
		return false
	}
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == tag || t == "*" {
			return true
		}
	}
	return false
}

// maxCountKeys bounds one counts request.
const maxCountKeys = 100

// Counts answers the approved count of each article asked for.
func (h *Handler) Counts(c echo.Context) error {
	keys := c.QueryParams()["article"]
	if len(keys) > maxCountKeys {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	var valid []string
	for _, k := range keys {
		if comment.ValidKey(k) {
			valid = append(valid, k)
		}
	}
	counts, err := h.Store.ApprovedCounts(c.Request().Context(), valid)
	if err != nil {
		return err
	}
	body, err := json.Marshal(counts)
	if err != nil {
		return err
	}
	return serveEncoded(c, echo.MIMEApplicationJSON, encoded.New(body, etag(body), false))
}
