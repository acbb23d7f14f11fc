package dashboard

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"balasan/internal/comment"
)

// PrivacyPage is the data of the readers' rights page.
type PrivacyPage struct {
	Nav
	Email string
	Done  string // "erased" or "deleted" after an erase
	Count int
	Error string // message key
}

// PrivacyForm shows the export and erase forms.
func (h *Handler) PrivacyForm(c echo.Context) error {
	nav, err := h.nav(c, "privacy")
	if err != nil {
		return err
	}
	p := PrivacyPage{Nav: nav, Done: c.QueryParam("done")}
	if p.Done != "erased" && p.Done != "deleted" {
		p.Done = ""
	}
	p.Count, _ = strconv.Atoi(c.QueryParam("n"))
	return c.Render(http.StatusOK, "admin/privacy.html", p)
}

// Privacy runs a readers' rights request: export sends the address's
// comments as a JSON download, erase anonymises (or deletes) them.
func (h *Handler) Privacy(c echo.Context) error {
	form := bodyForm(c)
	ctx, by, email := c.Request().Context(), session(c).Moderator, form.Get("email")
	switch c.Param("action") {
	case "export":
		recs, err := h.Service.PersonalData(ctx, email, by)
		if err != nil {
			return h.privacyFailed(c, email, err)
		}
		c.Response().Header().Set("Content-Disposition", `attachment; filename="personal-data.json"`)
		return c.JSON(http.StatusOK, map[string]any{"email": email, "comments": recs})
	case "erase":
		if form.Get("confirm") != "1" {
			return h.privacyFailed(c, email, comment.Errorf(comment.EInvalid, "privacy_confirm_required"))
		}
		del := form.Get("delete") == "1"
		n, err := h.Service.Erase(ctx, email, del, by)
		if err != nil {
			return h.privacyFailed(c, email, err)
		}
		done := "erased"
		if del {
			done = "deleted"
		}
		return c.Redirect(http.StatusSeeOther, "/admin/privacy?done="+done+"&n="+strconv.Itoa(n))
	}
	return comment.Errorf(comment.ENotFound, "not_found")
}

// privacyFailed shows the form again with the message for bad input.
func (h *Handler) privacyFailed(c echo.Context, email string, err error) error {
	var key string
	switch e, ok := err.(*comment.Error); {
	case !ok || e.Code != comment.EInvalid:
		return err
	case e.Fields[comment.FieldEmail] != "":
		key = e.Fields[comment.FieldEmail]
	default:
		key = e.Key
	}
	nav, nerr := h.nav(c, "privacy")
	if nerr != nil {
		return nerr
	}
	return c.Render(http.StatusUnprocessableEntity, "admin/privacy.html", PrivacyPage{Nav: nav, Email: email, Error: key})
}
