package modapi

import (
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// MaxBody bounds a request body: a reply's longest text in 4-byte
// characters, JSON-escaped, still fits.
const MaxBody = "1M"

// Register adds the moderation API and the OpenAPI document to e.
func (h *Handler) Register(e *echo.Echo) {
	e.GET("/api/openapi.json", OpenAPI)

	// Unknown paths below /api/v1 answer 401 without a token too: the
	// group's catch-all runs its middleware, so nobody maps the routes
	// without one.
	v1 := e.Group("/api/v1", noStore, h.requireToken, middleware.BodyLimit(MaxBody))
	v1.GET("/comments", h.List)
	v1.GET("/comments/:id", h.Show)
	v1.POST("/comments/bulk", h.Bulk)
	v1.POST("/comments/:id/reply", h.Reply)
	v1.POST("/comments/:id/:action", h.Act)
	v1.GET("/articles", h.Articles)
	v1.POST("/articles/:key", h.EditArticle)
	v1.POST("/articles/:key/:state", h.SetArticleState)
	v1.GET("/audit", h.Audit)
	v1.GET("/moderators", h.Moderators, requireRole(adminOnly))
}
