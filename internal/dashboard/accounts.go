package dashboard

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"balasan/internal/auth"
	"balasan/internal/comment"
)

// AccountsPage is the data of the admins' page of moderator accounts.
type AccountsPage struct {
	Nav
	Moderators []comment.Moderator
	Username   string // kept in the add form after an error
	Error      string
	Done       string // message key of the last change

	// Telegram is each linked account's Telegram user id (the chat's
	// buttons act as that account).
	Telegram map[int64]int64
}

// requireAdmin lets only admins through: 403 for moderators.
func requireAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if session(c).Moderator.Role != comment.RoleAdmin {
			return comment.Errorf(comment.EForbidden, "forbidden")
		}
		return next(c)
	}
}

// Accounts lists every account with the forms to manage them.
func (h *Handler) Accounts(c echo.Context) error {
	return h.renderAccounts(c, http.StatusOK, AccountsPage{Done: doneKey(c.QueryParam("done"))})
}

func (h *Handler) renderAccounts(c echo.Context, status int, p AccountsPage) error {
	var err error
	if p.Nav, err = h.nav(c, "moderators"); err != nil {
		return err
	}
	if p.Moderators, err = h.Store.Moderators(c.Request().Context()); err != nil {
		return err
	}
	if p.Telegram, err = h.Store.TelegramLinks(c.Request().Context()); err != nil {
		return err
	}
	return c.Render(status, "admin/moderators.html", p)
}

// doneKey accepts only known confirmation messages from the query.
func doneKey(s string) string {
	switch s {
	case "moderator_added", "moderator_disabled", "moderator_enabled", "moderator_deleted", "password_reset", "role_changed",
		"telegram_linked":
		return s
	}
	return ""
}

// AddModerator creates an account with a first password.
func (h *Handler) AddModerator(c echo.Context) error {
	username, err := comment.CleanUsername(bodyValue(c, "username"))
	fail := func(key string) error {
		return h.renderAccounts(c, http.StatusUnprocessableEntity, AccountsPage{Username: bodyValue(c, "username"), Error: key})
	}
	if err != nil {
		return fail("username_invalid")
	}
	role, ok := comment.ParseRole(bodyValue(c, "role"))
	if !ok {
		role = comment.RoleModerator
	}
	password := bodyValue(c, "password")
	if comment.CheckPassword(password) != nil {
		return fail("password_short")
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	m := comment.Moderator{Username: username, PasswordHash: hash, Role: role, Lang: "id", CreatedAt: h.Now()}
	if err := h.Store.CreateModerator(c.Request().Context(), &m); err != nil {
		if comment.ErrorCode(err) == comment.EConflict {
			return fail("username_taken")
		}
		return err
	}
	return h.accountDone(c, "moderator_add", m, "moderator_added")
}

// ModeratorOp changes one account: disable, enable, delete, password, role.
// The store refuses, in the transaction of the change, one that would
// leave no enabled admin (comment.ErrLastAdmin).
func (h *Handler) ModeratorOp(c echo.Context) error {
	ctx := c.Request().Context()
	m, err := h.moderator(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	op := c.Param("op")
	switch op {
	case "disable", "enable":
		m.Disabled = op == "disable"
		err = h.Store.UpdateModerator(ctx, m, m.Disabled)
	case "delete":
		err = h.Store.DeleteModerator(ctx, m.ID)
	case "role":
		role, ok := comment.ParseRole(bodyValue(c, "role"))
		if !ok {
			return comment.Errorf(comment.EInvalid, "bad_request")
		}
		m.Role = role
		err = h.Store.UpdateModerator(ctx, m, false)
	case "password":
		password := bodyValue(c, "password")
		if comment.CheckPassword(password) != nil {
			return h.renderAccounts(c, http.StatusUnprocessableEntity, AccountsPage{Error: "password_short"})
		}
		if m.PasswordHash, err = auth.HashPassword(password); err != nil {
			return err
		}
		err = h.Store.UpdateModerator(ctx, m, true)
	case "telegram":
		return h.linkTelegram(c, m)
	default:
		return comment.Errorf(comment.ENotFound, "not_found")
	}
	if errors.Is(err, comment.ErrLastAdmin) {
		return h.renderAccounts(c, http.StatusConflict, AccountsPage{Error: "last_admin"})
	}
	if err != nil {
		return err
	}
	r := accountOps[op]
	return h.accountDone(c, r.action, m, r.done)
}

// accountOps names each account change in the audit log and in the
// confirmation shown afterwards.
var accountOps = map[string]struct{ action, done string }{
	"disable":  {"moderator_disable", "moderator_disabled"},
	"enable":   {"moderator_enable", "moderator_enabled"},
	"delete":   {"moderator_delete", "moderator_deleted"},
	"role":     {"moderator_role", "role_changed"},
	"password": {"moderator_password", "password_reset"},
}

// moderator finds the account of an id from the path.
func (h *Handler) moderator(ctx context.Context, param string) (comment.Moderator, error) {
	id, _ := strconv.ParseInt(param, 10, 64)
	list, err := h.Store.Moderators(ctx)
	if err != nil {
		return comment.Moderator{}, err
	}
	for _, m := range list {
		if m.ID == id {
			return m, nil
		}
	}
	return comment.Moderator{}, comment.Errorf(comment.ENotFound, "not_found")
}

// accountDone records an account change in the audit log and goes back
// to the accounts page with a confirmation.
func (h *Handler) accountDone(c echo.Context, action string, m comment.Moderator, done string) error {
	by := session(c).Moderator
	if err := h.Store.AddAudit(c.Request().Context(), comment.AuditEntry{ModeratorID: by.ID, Moderator: by.Username,
		Action: action, Detail: m.Username + " (" + string(m.Role) + ")", CreatedAt: h.Now()}); err != nil {
		return err
	}
	h.Log.Info("account changed", "by", by.Username, "action", action, "account", m.Username)
	return c.Redirect(http.StatusSeeOther, "/admin/moderators?done="+done)
}
