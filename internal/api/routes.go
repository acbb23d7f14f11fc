package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"balasan/internal/server"
)

// MaxBody bounds a submission: the longest comment in 4-byte characters,
// percent-encoded, still fits.
const MaxBody = 1 << 20

// SubmitPath is the route of submissions.
const SubmitPath = "/comments"

// Register adds the public routes to e.
func (h *Handler) Register(e *echo.Echo) {
	cors := middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOriginFunc: h.allowOrigin,
		AllowMethods:    []string{http.MethodGet, http.MethodHead, http.MethodPost},
		AllowHeaders:    []string{"Content-Type", "Accept", "Accept-Language", "If-None-Match"},
		ExposeHeaders:   []string{"ETag", "Retry-After"},
		MaxAge:          86400,
	})
	// The body is read whole, under its own deadline, before the gate
	// takes a slot: a slow sender holds a connection, never a slot.
	submit := []echo.MiddlewareFunc{cors, server.ReadBody(MaxBody, server.BodyReadTimeout)}
	if h.SubmitGate != nil {
		submit = append(submit, h.SubmitGate)
	}
	e.POST(SubmitPath, h.Submit, submit...)
	e.OPTIONS("/comments", echo.MethodNotAllowedHandler, cors)

	pub := e.Group("/api", cors)
	pub.GET("/articles/:key/comments", h.Comments)
	pub.GET("/counts", h.Counts)
	pub.GET("/form-stamp", h.FormStamp)

	e.GET("/embed/:key", h.Embed)
	e.GET("/", h.Demo)
	e.GET("/healthz", h.Healthz)
	e.GET("/readyz", h.Readyz)
	h.registerStatic(e)

	// The signed reply-mail links: confirming the double opt-in, and the
	// one-click unsubscribe (RFC 8058). For both, GET only shows a button,
	// so mail scanners that open every link change nothing; the button's
	// POST does it.
	e.GET("/notify/confirm", h.NotifyConfirmForm)
	e.POST("/notify/confirm", h.NotifyConfirm, middleware.BodyLimit("16K"))
	e.GET("/notify/unsubscribe", h.UnsubscribeForm)
	e.POST("/notify/unsubscribe", h.Unsubscribe, middleware.BodyLimit("16K"))
}
