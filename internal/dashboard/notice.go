package dashboard

import (
	"github.com/labstack/echo/v4"

	"balasan/internal/i18n"
)

// NoticePage is a page between a change and the queue: a bulk action
// with nothing selected, or a permanent delete that asks first. It works
// without JavaScript; with it, the queue says and asks the same in place.
type NoticePage struct {
	Nav
	Message string  // a message key
	Confirm bool    // ask before deleting IDs permanently
	IDs     []int64 // the comments to delete
	Back    string  // the page the request came from
}

// Question is the confirmation's question: "Hapus 3 komentar …?".
func (p NoticePage) Question() string { return deleteQuestion(p.L, len(p.IDs)) }

func deleteQuestion(l i18n.Lang, n int) string {
	return replaceCount(l.T("delete_confirm"), countComments(l, n))
}

func (h *Handler) notice(c echo.Context, status int, p NoticePage) error {
	var err error
	if p.Nav, err = h.nav(c, ""); err != nil {
		return err
	}
	p.Back = back(c)
	return c.Render(status, "admin/notice.html", p)
}
