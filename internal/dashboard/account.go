package dashboard

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"balasan/internal/auth"
	"balasan/internal/comment"
	"balasan/internal/i18n"
)

// AccountPage is the data of a moderator's own account page.
type AccountPage struct {
	Nav
	Error        string
	Done         string
	ShortcutsOff bool
	// DisplayName is the display name field's value: the saved one, or
	// what was typed when it was refused.
	DisplayName string
}

// Account shows the own password and language forms.
func (h *Handler) Account(c echo.Context) error {
	p := AccountPage{}
	switch c.QueryParam("done") {
	case "password_changed", "lang_saved", "shortcuts_saved", "name_saved":
		p.Done = c.QueryParam("done")
	}
	return h.renderAccount(c, http.StatusOK, p)
}

func (h *Handler) renderAccount(c echo.Context, status int, p AccountPage) error {
	var err error
	if p.Nav, err = h.nav(c, "account"); err != nil {
		return err
	}
	p.ShortcutsOff = h.shortcutsOff(c)
	if p.Error != "display_name_invalid" {
		p.DisplayName = p.Moderator.Name()
	}
	return c.Render(status, "admin/account.html", p)
}

// ChangePassword sets the moderator's own password: the current one is
// needed, every other session ends, and this one continues under a new id.
func (h *Handler) ChangePassword(c echo.Context) error {
	ses := session(c)
	m := ses.Moderator
	fail := func(status int, key string) error { return h.renderAccount(c, status, AccountPage{Error: key}) }
	if auth.CheckPassword(m.PasswordHash, bodyValue(c, "current_password")) != nil {
		return fail(http.StatusUnprocessableEntity, "current_password_wrong")
	}
	password := bodyValue(c, "new_password")
	if comment.CheckPassword(password) != nil {
		return fail(http.StatusUnprocessableEntity, "password_short")
	}
	if password != bodyValue(c, "confirm_password") {
		return fail(http.StatusUnprocessableEntity, "password_mismatch")
	}
	var err error
	if m.PasswordHash, err = auth.HashPassword(password); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.Store.UpdateModerator(ctx, m, true); err != nil {
		return err
	}
	if err := h.startSession(c, m); err != nil {
		return err
	}
	if err := h.Store.AddAudit(ctx, comment.AuditEntry{ModeratorID: m.ID, Moderator: m.Username,
		Action: "password_change", Detail: m.Username, CreatedAt: h.Now()}); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/account?done=password_changed")
}

// SetLang stores the moderator's language; every later page and session
// uses it.
func (h *Handler) SetLang(c echo.Context) error {
	m := session(c).Moderator
	lang := bodyValue(c, "lang")
	if lang != string(i18n.ID) && lang != string(i18n.EN) {
		return comment.Errorf(comment.EInvalid, "bad_request")
	}
	m.Lang = lang
	if err := h.Store.UpdateModerator(c.Request().Context(), m, false); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, back(c))
}

// SetDisplayName stores the name the moderator's public replies carry
// (field display_name, from the body; empty: the username).
func (h *Handler) SetDisplayName(c echo.Context) error {
	m := session(c).Moderator
	typed := bodyValue(c, comment.FieldDisplayName)
	name, err := comment.CleanDisplayName(typed)
	if err != nil {
		// The form again with what was typed, and why.
		return h.renderAccount(c, http.StatusUnprocessableEntity, AccountPage{Error: "display_name_invalid", DisplayName: typed})
	}
	m.DisplayName = name
	if err := h.Store.UpdateModerator(c.Request().Context(), m, false); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/account?done=name_saved")
}
