package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// publicCache lets browsers revalidate every time (the ETag makes that a
// 304) and a CDN keep the answer a few seconds.
const publicCache = "public, max-age=0, s-maxage=10, stale-while-revalidate=30"

// Comments serves an article's approved comments as JSON.
func (h *Handler) Comments(c echo.Context) error {
	key := c.Param("key")
	if !comment.ValidKey(key) {
		return comment.Errorf(comment.ENotFound, "not_found")
	}
	ctx := c.Request().Context()
	t, err := h.thread(ctx, key)
	if err != nil {
		return err
	}
	if pending := h.preview(c, key); pending != nil {
		body, err := encodeThread(t, pending)
		if err != nil {
			return err
		}
		setPrivate(c)
		return c.JSONBlob(http.StatusOK, body)
	}
	return serveCached(c, "application/json", t.ETag, t.JSON)
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

// serveCached answers with a cached body, or 304 when the client has it.
func serveCached(c echo.Context, contentType, tag string, body []byte) error {
	if revalidated(c, tag) {
		return c.NoContent(http.StatusNotModified)
	}
	// A known length spares the chunked encoding of a large body.
	c.Response().Header().Set(echo.HeaderContentLength, strconv.Itoa(len(body)))
	return c.Blob(http.StatusOK, contentType, body)
}

// revalidated sets the caching headers of a public answer and reports
// whether the client already holds this version (answer 304). Vary is
// left to what the answer depends on (server.Lang, CORS), never replaced.
func revalidated(c echo.Context, tag string) bool {
	h := c.Response().Header()
	h.Set("ETag", tag)
	h.Set("Cache-Control", publicCache)
	return match(c.Request().Header.Get("If-None-Match"), tag)
}

func match(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
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
	return serveCached(c, "application/json", etag(body), body)
}
