package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"balasan/internal/version"
)

// Healthz answers 200 while the database answers a read, with the
// running version, so a deploy can check which build answers.
func (h *Handler) Healthz(c echo.Context) error {
	if err := h.Store.Ping(c.Request().Context()); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "database unavailable", "version": version.String()})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok", "version": version.String()})
}

// Readyz answers 200 while the database takes a write.
func (h *Handler) Readyz(c echo.Context) error {
	if err := h.Store.PingWrite(c.Request().Context()); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "database not writable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}
