package dashboard

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Register adds the dashboard routes under /admin.
func (h *Handler) Register(e *echo.Echo) {
	g := e.Group("/admin", dashboardHeaders, h.crossOrigin(), middleware.BodyLimit("256K"))
	g.GET("/login", h.LoginForm, loginLang)
	g.POST("/login", h.Login, loginLang)

	in := g.Group("", h.requireSession)
	in.GET("", func(c echo.Context) error { return c.Redirect(http.StatusSeeOther, "/admin/comments") })
	in.GET("/", func(c echo.Context) error { return c.Redirect(http.StatusSeeOther, "/admin/comments") })
	in.GET("/comments", h.Queue)
	in.GET("/comments/:id", h.One)
	in.GET("/audit", h.Audit)
	in.GET("/settings", h.SettingsForm, requireAdmin)
	in.GET("/privacy", h.PrivacyForm, requireAdmin)
	in.GET("/account", h.Account)
	in.GET("/articles", h.Articles)
	admin := in.Group("/moderators", requireAdmin)
	admin.GET("", h.Accounts)
	admin.POST("", h.AddModerator, requireCSRF)
	admin.POST("/:id/:op", h.ModeratorOp, requireCSRF)

	change := csrfGroup{in}
	change.POST("/logout", h.Logout)
	change.POST("/comments/bulk", h.Bulk)
	change.POST("/comments/:id/:action", h.Act)
	change.POST("/comments/:id/edit", h.Edit)
	change.POST("/comments/:id/reply", h.Reply)
	change.POST("/account/password", h.ChangePassword)
	change.POST("/account/lang", h.SetLang)
	change.POST("/account/shortcuts", h.SetShortcuts)
	change.POST("/account/name", h.SetDisplayName)
	change.POST("/settings", h.SaveSettings, requireAdmin)
	change.POST("/articles/:key/:state", h.SetArticleState)
	change.POST("/articles/:key", h.EditArticle)
	change.POST("/privacy/:action", h.Privacy, requireAdmin)
}
