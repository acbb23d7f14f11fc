package dashboard

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

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
	return c.Render(status, "admin/moderators.html", p)
}

// doneKey accepts only known confirmation messages from the query.
func doneKey(s string) string {
	switch s {
	case "moderator_added", "moderator_disabled", "moderator_enabled", "moderator_deleted", "password_reset", "role_changed":
		return s
	}
	return ""
}

// AddModerator creates an account with a first password.
func (h *Handler) AddModerator(c echo.Context) error {
	username := strings.TrimSpace(bodyValue(c, "username"))
	role := comment.Role(bodyValue(c, "role"))
	fail := func(key string) error {
		return h.renderAccounts(c, http.StatusUnprocessableEntity, AccountsPage{Username: username, Error: key})
	}
	if username == "" || utf8.RuneCountInString(username) > 60 || strings.ContainsAny(username, " \t<>\"'&/") {
		return fail("username_invalid")
	}
	if role != comment.RoleAdmin && role != comment.RoleModerator {
		role = comment.RoleModerator
	}
	password := bodyValue(c, "password")
	if utf8.RuneCountInString(password) < comment.MinPasswordLen {
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
func (h *Handler) ModeratorOp(c echo.Context) error {
	ctx := c.Request().Context()
	id, _ := strconv.ParseInt(c.Param("id"), 10, 64)
	list, err := h.Store.Moderators(ctx)
	if err != nil {
		return err
	}
	var m comment.Moderator
	admins := 0
	for _, x := range list {
		if x.ID == id {
			m = x
		}
		if x.Role == comment.RoleAdmin && !x.Disabled {
			admins++
		}
	}
	if m.ID == 0 {
		return comment.Errorf(comment.ENotFound, "not_found")
	}
	// The last enabled admin can be neither disabled, removed nor demoted:
	// nobody could manage accounts any more.
	lastAdmin := m.Role == comment.RoleAdmin && !m.Disabled && admins <= 1
	op := c.Param("op")
	switch op {
	case "disable", "enable":
		if op == "disable" && lastAdmin {
			return h.renderAccounts(c, http.StatusConflict, AccountsPage{Error: "last_admin"})
		}
		m.Disabled = op == "disable"
		if err := h.Store.UpdateModerator(ctx, m, m.Disabled); err != nil {
			return err
		}
		return h.accountDone(c, "moderator_"+op, m, "moderator_"+op+"d")
	case "delete":
		if lastAdmin {
			return h.renderAccounts(c, http.StatusConflict, AccountsPage{Error: "last_admin"})
		}
		if err := h.Store.DeleteModerator(ctx, m.ID); err != nil {
			return err
		}
		return h.accountDone(c, "moderator_delete", m, "moderator_deleted")
	case "role":
		role := comment.Role(bodyValue(c, "role"))
		if role != comment.RoleAdmin && role != comment.RoleModerator {
			return comment.Errorf(comment.EInvalid, "bad_request")
		}
		if role != comment.RoleAdmin && lastAdmin {
			return h.renderAccounts(c, http.StatusConflict, AccountsPage{Error: "last_admin"})
		}
		m.Role = role
		if err := h.Store.UpdateModerator(ctx, m, false); err != nil {
			return err
		}
		return h.accountDone(c, "moderator_role", m, "role_changed")
	case "password":
		password := bodyValue(c, "password")
		if utf8.RuneCountInString(password) < comment.MinPasswordLen {
			return h.renderAccounts(c, http.StatusUnprocessableEntity, AccountsPage{Error: "password_short"})
		}
		if m.PasswordHash, err = auth.HashPassword(password); err != nil {
			return err
		}
		if err := h.Store.UpdateModerator(ctx, m, true); err != nil {
			return err
		}
		return h.accountDone(c, "moderator_password", m, "password_reset")
	}
	return comment.Errorf(comment.ENotFound, "not_found")
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
