package modapi

import (
	"strings"

	"github.com/labstack/echo/v4"

	"balasan/internal/auth"
	"balasan/internal/comment"
)

const tokenKey = "balasan.token"

// requireToken admits a request whose Authorization header carries a live
// token: "Bearer " and a token's exact shape, looked up by its SHA-256
// (a hash lookup leaks no timing about the secret). Anything else is
// 401 with WWW-Authenticate, as RFC 6750 asks.
func (h *Handler) requireToken(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		scheme, secret, _ := strings.Cut(c.Request().Header.Get(echo.HeaderAuthorization), " ")
		secret = strings.TrimSpace(secret)
		if !strings.EqualFold(scheme, "Bearer") || !auth.APITokenShape(secret) {
			return unauthorized(c)
		}
		ctx := c.Request().Context()
		t, err := h.Store.TokenByHash(ctx, auth.TokenHash(secret))
		if comment.ErrorCode(err) == comment.ENotFound {
			return unauthorized(c)
		} else if err != nil {
			return err
		}
		if now := h.now(); t.NeedsTouch(now) {
			// Only "last used" is lost if this fails; the request goes on.
			if err := h.Store.TouchToken(ctx, t.ID, now); err != nil && h.Log != nil {
				h.Log.WarnContext(ctx, "record token use", "token", t.Name, "error", err.Error())
			}
		}
		c.Set(tokenKey, t)
		return next(c)
	}
}

func unauthorized(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="balasan"`)
	return comment.Errorf(comment.EUnauthorized, "token_invalid")
}

// actor is who the request's token acts as.
func actor(c echo.Context) comment.Moderator {
	t, _ := c.Get(tokenKey).(comment.Token)
	return t.Actor()
}

// adminOnly is what the dashboard keeps for admins (accounts, settings,
// privacy); a moderator token gets 403 there, as a moderator does.
var adminOnly = []comment.Role{comment.RoleAdmin}

// requireRole admits a token of one of roles.
func requireRole(roles []comment.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			role := actor(c).Role
			for _, r := range roles {
				if r == role {
					return next(c)
				}
			}
			return comment.Errorf(comment.EForbidden, "token_role")
		}
	}
}

// noStore: answers hold moderators' data; no cache may keep them.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}
