package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// FormStamp gives the widget a freshly signed form stamp (the bls_ts
// field), as the server-rendered form carries one. It is its own tiny
// answer, never cached, so the comments JSON stays cacheable by a CDN.
func (h *Handler) FormStamp(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, map[string]string{"stamp": h.stamp()})
}

// stamp signs the time a form is served now, for the too-fast check.
func (h *Handler) stamp() string { return comment.Stamp(h.Service.Config.StampKey, h.Now()) }
