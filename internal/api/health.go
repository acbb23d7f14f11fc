package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Healthz answers 200 while the database answers a read.
func (h *Handler) Healthz(c echo.Context) error {
	if err := h.Store.Ping(c.Request().Context()); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// Readyz answers 200 while the database takes a write.
func (h *Handler) Readyz(c echo.Context) error {
	if err := h.Store.PingWrite(c.Request().Context()); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "database not writable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}
